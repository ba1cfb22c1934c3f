"""Atom 1.0 documents with feedgen, kept behind typed functions.

Deterministic by construction: feedgen stamps ``datetime.now()`` on the feed and on entries
unless told otherwise, so every timestamp is set from the store; entries are appended (feedgen
prepends by default) in the order given, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from livetail import __version__
from livetail.extract.htmlclean import strip_xml_illegal
from livetail.feeds import FeedLinks, FeedSource
from livetail.feeds.atomext import EntryLinksExtension, HistoryExtension, TombstoneExtension
from livetail.model import StoredUpdate

ATOM = "http://www.w3.org/2005/Atom"
ENTRY_TYPE = "application/atom+xml;type=entry"
SUMMARY_CHARS = 400


def summary_of(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Plain-text summary, cut on a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _feed(source: FeedSource, links: FeedLinks, updated: object) -> FeedGenerator:
    fg = FeedGenerator()
    fg.register_extension("history", HistoryExtension, None, atom=True, rss=False)
    fg.register_extension("tombstones", TombstoneExtension, None, atom=True, rss=False)
    fg.id(source.feed_id)
    title = strip_xml_illegal(source.title) or source.name
    fg.title(title)
    fg.author({"name": title})
    fg.link(href=links.self_url, rel="self", type="application/atom+xml")
    if links.alternate:
        fg.link(href=links.alternate, rel="alternate", type="text/html")
    for rel, href in (
        ("hub", links.hub),
        ("current", links.current),
        ("prev-archive", links.prev_archive),
        ("next-archive", links.next_archive),
    ):
        if href:
            fg.link(href=href, rel=rel)
    fg.generator("livetail", version=__version__)
    fg.updated(updated)
    return fg


def _fill_entry(
    entry: FeedEntry, update: StoredUpdate, source: FeedSource, entry_url: str | None, prefix: str = ""
) -> None:
    entry.id(update.atom_id)
    entry.title(prefix + update.title)
    entry.updated(update.updated)
    entry.published(update.published or update.first_seen)
    entry.link(href=update.url)  # no rel means alternate (and feedgen drops rel on entry links anyway)
    entry.register_extension("links", EntryLinksExtension, atom=True, rss=False)
    if entry_url:
        entry.links.links = [{"rel": "self", "type": ENTRY_TYPE, "href": entry_url}]
    if update.authors:
        entry.author([{"name": name} for name in update.authors])
    if source.content == "full":
        entry.content(update.content_html or "<p></p>", type="html")
    if update.text:
        entry.summary(summary_of(update.text))


def render_atom(
    source: FeedSource,
    updates: Sequence[StoredUpdate],
    *,
    links: FeedLinks,
    tombstones: Sequence[StoredUpdate] = (),
    archive: bool = False,
    entry_urls: dict[str, str] | None = None,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Render a feed or an archive page; ``updates`` must be in document order (newest first).

    ``tombstones`` become RFC 6721 ``at:deleted-entry`` elements; ``entry_urls`` maps atom ids
    to each update's entry document URL; ``prefixes`` puts e.g. a source name before titles.
    """
    stamps = [u.updated for u in updates] + [t.deleted_at for t in tombstones if t.deleted_at]
    fg = _feed(source, links, max(stamps, default=source.since))
    fg.history.archive = archive
    fg.tombstones.deleted = [
        (t.atom_id, t.deleted_at, "retracted by the publisher") for t in tombstones if t.deleted_at
    ]
    for update in updates:
        entry = fg.add_entry(order="append")
        _fill_entry(
            entry,
            update,
            source,
            (entry_urls or {}).get(update.atom_id),
            (prefixes or {}).get(update.atom_id, ""),
        )
    data: bytes = fg.atom_str(pretty=True)
    return data


def render_entry_document(source: FeedSource, update: StoredUpdate, *, self_url: str, feed_url: str) -> bytes:
    """An Atom Entry Document (RFC 4287 §4.1.2 as the root) for one update."""
    fg = _feed(source, FeedLinks(self_url=feed_url, alternate=source.url), update.updated)
    entry = fg.add_entry(order="append")
    _fill_entry(entry, update, source, self_url)
    root = etree.fromstring(fg.atom_str())
    node = root.find(f"{{{ATOM}}}entry")
    assert node is not None
    if node.find(f"{{{ATOM}}}author") is None:
        author = etree.SubElement(node, f"{{{ATOM}}}author")
        etree.SubElement(author, f"{{{ATOM}}}name").text = root.findtext(f"{{{ATOM}}}title")
    src = etree.SubElement(node, f"{{{ATOM}}}source")
    for tag in ("id", "title"):
        etree.SubElement(src, f"{{{ATOM}}}{tag}").text = root.findtext(f"{{{ATOM}}}{tag}")
    etree.SubElement(src, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    etree.SubElement(src, f"{{{ATOM}}}updated").text = root.findtext(f"{{{ATOM}}}updated")
    clean = etree.fromstring(etree.tostring(node))  # re-rooted: the default namespace moves onto <entry>
    etree.cleanup_namespaces(clean)
    data: bytes = etree.tostring(clean, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
