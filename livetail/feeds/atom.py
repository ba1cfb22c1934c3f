"""Atom 1.0 documents with feedgen, kept behind typed functions.

Deterministic by construction: feedgen stamps ``datetime.now()`` on the feed and on entries
unless told otherwise, so every timestamp is set from the store; entries are appended (feedgen
prepends by default) in the order given, newest first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from livetail import __version__
from livetail.extract.htmlclean import strip_xml_illegal
from livetail.feeds import ContentMode, FeedLinks, FeedSource, LastRendering
from livetail.feeds.atomext import AT, FH, EntryLinksExtension, HistoryExtension, TombstoneExtension
from livetail.model import StoredUpdate

ATOM = "http://www.w3.org/2005/Atom"
ENTRY_TYPE = "application/atom+xml;type=entry"
_FEED_END = b"</feed>\n"
# The prefixes feedgen declares on <feed> for the extensions _feed registers, in that order.
_FEED_NSMAP: Any = {"fh": FH, "at": AT}
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
    entry: FeedEntry, update: StoredUpdate, content: ContentMode, entry_url: str | None, prefix: str = ""
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
    if content == "full":
        entry.content(update.content_html or "<p></p>", type="html")
    if update.text:
        entry.summary(summary_of(update.text))


def _entry_bytes(update: StoredUpdate, content: ContentMode, entry_url: str | None, prefix: str) -> bytes:
    """One ``<entry>`` exactly as feedgen's pretty ``atom_str`` writes it inside a feed.

    Built by feedgen (a standalone entry, as ``add_entry`` makes one) and serialised in a
    ``<feed>`` like the one feedgen makes (unprefixed, a plain ``xmlns`` attribute, the
    extensions' prefixes), so its indentation and namespace declarations are the document's.
    """
    entry = FeedEntry()
    _fill_entry(entry, update, content, entry_url, prefix)
    wrapper = etree.Element("feed", xmlns=ATOM, nsmap=_FEED_NSMAP)
    wrapper.append(entry.atom_entry())
    text: bytes = etree.tostring(wrapper, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    return text[text.index(b">\n") + 2 : -len(_FEED_END)]


class EntryCache:
    """The entries of one feed's last rendering, reused by its next one when their inputs match.

    A live blog's feed is rendered again on every change, and all but the newest one or two of its
    entries are the ones it had last time. feedgen builds each entry's elements in Python (~60 µs
    an entry, most of a 30-entry feed's cost), so the feed is rendered by feedgen without its
    entries and the entries' serialised bytes are spliced in: reused where nothing an entry shows
    changed. Byte operations also never release the GIL, unlike copying or serialising lxml trees:
    on the event loop's thread every release can wait out another thread's switch interval.
    The bytes are those of the plain rendering (a hypothesis test holds them equal).
    """

    def __init__(self) -> None:
        self._last: LastRendering[bytes] = LastRendering()

    def __len__(self) -> int:
        return len(self._last)

    def entries(
        self,
        updates: Sequence[StoredUpdate],
        source: FeedSource,
        entry_urls: dict[str, str],
        prefixes: dict[str, str],
        contents: Mapping[str, ContentMode],
    ) -> list[bytes]:
        """Each update's serialised entry, in order: the previous bytes where nothing it shows changed."""

        def piece(update: StoredUpdate) -> tuple[str, tuple[object, ...], Callable[[], bytes]]:
            url, prefix = entry_urls.get(update.atom_id), prefixes.get(update.atom_id, "")
            content = contents.get(update.atom_id, source.content)
            # Everything _fill_entry reads; the atom id is the piece's id.
            inputs = (
                update.title,
                update.updated,
                update.published or update.first_seen,
                update.url,
                update.authors,
                update.content_html,
                update.text,
                content,
                url,
                prefix,
            )
            return update.atom_id, inputs, lambda: _entry_bytes(update, content, url, prefix)

        return self._last.reuse(piece(update) for update in updates)


def render_atom(
    source: FeedSource,
    updates: Sequence[StoredUpdate],
    *,
    links: FeedLinks,
    tombstones: Sequence[StoredUpdate] = (),
    archive: bool = False,
    entry_urls: dict[str, str] | None = None,
    prefixes: dict[str, str] | None = None,
    contents: Mapping[str, ContentMode] | None = None,
    cache: EntryCache | None = None,
) -> bytes:
    """Render a feed or an archive page; ``updates`` must be in document order (newest first).

    ``tombstones`` become RFC 6721 ``at:deleted-entry`` elements; ``entry_urls`` maps atom ids
    to each update's entry document URL; ``prefixes`` puts e.g. a source name before titles;
    ``contents`` gives an entry its own source's content mode where it is not ``source``'s (the
    feed over every source).
    ``cache``: this feed's :class:`EntryCache`, for a feed rendered again and again (same bytes).
    """
    stamps = [u.updated for u in updates] + [t.deleted_at for t in tombstones if t.deleted_at]
    fg = _feed(source, links, max(stamps, default=source.since))
    fg.history.archive = archive
    fg.tombstones.deleted = [
        (t.atom_id, t.deleted_at, "retracted by the publisher") for t in tombstones if t.deleted_at
    ]
    if cache is not None:
        # feedgen writes the feed's own elements, then the entries, then the end tag.
        chunks = cache.entries(updates, source, entry_urls or {}, prefixes or {}, contents or {})
        head: bytes = fg.atom_str(pretty=True)
        if chunks and head.endswith(_FEED_END):
            return head[: -len(_FEED_END)] + b"".join(chunks) + _FEED_END
    for update in updates:
        entry = fg.add_entry(order="append")
        _fill_entry(
            entry,
            update,
            (contents or {}).get(update.atom_id, source.content),
            (entry_urls or {}).get(update.atom_id),
            (prefixes or {}).get(update.atom_id, ""),
        )
    data: bytes = fg.atom_str(pretty=True)
    return data


def _atom(parent: etree._Element | None, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    name = f"{{{ATOM}}}{tag}"
    default_ns: Any = {None: ATOM}  # lxml-stubs cannot type the default-namespace key
    node = etree.Element(name, nsmap=default_ns) if parent is None else etree.SubElement(parent, name)
    for key, value in attrib.items():
        node.set(key, value)
    if text is not None:
        node.text = text
    return node


def render_entry_document(source: FeedSource, update: StoredUpdate, *, self_url: str, feed_url: str) -> bytes:
    """An Atom Entry Document (RFC 4287 §4.1.2 as the root) for one update.

    Built with lxml directly: the same elements as the feed's entry (feedgen would render a
    whole feed and then re-root it, several times the cost, for every update in every window).
    """
    feed_title = strip_xml_illegal(source.title) or source.name
    entry = _atom(None, "entry")
    _atom(entry, "id", update.atom_id)
    _atom(entry, "title", update.title)
    _atom(entry, "updated", update.updated.isoformat())
    _atom(entry, "published", (update.published or update.first_seen).isoformat())
    _atom(entry, "link", href=update.url, rel="alternate", type="text/html")
    _atom(entry, "link", href=self_url, rel="self", type=ENTRY_TYPE)
    for name in update.authors or (feed_title,):
        _atom(_atom(entry, "author"), "name", name)
    if source.content == "full":
        _atom(entry, "content", update.content_html or "<p></p>", type="html")
    if update.text:
        _atom(entry, "summary", summary_of(update.text))
    origin = _atom(entry, "source")
    _atom(origin, "id", source.feed_id)
    _atom(origin, "title", feed_title)
    _atom(origin, "link", href=feed_url, rel="self", type="application/atom+xml")
    _atom(origin, "updated", update.updated.isoformat())
    data: bytes = etree.tostring(entry, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
