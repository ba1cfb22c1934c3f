"""Atom 1.0 feeds with feedgen, kept behind one typed function.

Deterministic by construction: feedgen stamps ``datetime.now()`` on the feed and on entries
unless told otherwise, so every timestamp is set from the store; entries are appended (feedgen
prepends by default) in the order given, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from livetail import __version__
from livetail.extract.htmlclean import strip_xml_illegal
from livetail.feeds import FeedSource, feed_url
from livetail.model import StoredUpdate

_SUMMARY_CHARS = 400


def _summary(text: str) -> str:
    if len(text) <= _SUMMARY_CHARS:
        return text
    return text[:_SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def render_atom(source: FeedSource, updates: Sequence[StoredUpdate], *, base_url: str) -> bytes:
    """Render one source's feed; ``updates`` must already be newest first and windowed."""
    fg = FeedGenerator()
    fg.id(source.feed_id)
    fg.title(strip_xml_illegal(source.title) or source.name)
    fg.author({"name": strip_xml_illegal(source.title) or source.name})
    fg.link(href=feed_url(base_url, source.name), rel="self", type="application/atom+xml")
    fg.link(href=source.url, rel="alternate", type="text/html")
    fg.generator("livetail", version=__version__)
    newest = max((u.updated for u in updates), default=source.since)
    fg.updated(newest)
    for update in updates:
        entry = fg.add_entry(order="append")
        entry.id(update.atom_id)
        entry.title(update.title)
        entry.updated(update.updated)
        entry.published(update.published or update.first_seen)
        entry.link(href=update.url, rel="alternate", type="text/html")
        if update.authors:
            entry.author([{"name": name} for name in update.authors])
        entry.content(update.content_html or "<p></p>", type="html")
        if update.text:
            entry.summary(_summary(update.text))
    data: bytes = fg.atom_str(pretty=True)
    return data
