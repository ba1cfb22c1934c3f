"""feedgen extensions for RFC 5005 (``fh:archive``) and RFC 6721 (``at:deleted-entry``).

feedgen runs feed-level extensions before it appends entries, so tombstones come first in the
document; Atom leaves element order free, and the schema accepts foreign elements anywhere.
"""

from __future__ import annotations

from datetime import datetime

from feedgen.ext.base import BaseExtension
from lxml import etree

FH = "http://purl.org/syndication/history/1.0"
AT = "http://purl.org/atompub/tombstones/1.0"


class HistoryExtension(BaseExtension):  # type: ignore[misc]
    """Marks an archive document (``<fh:archive/>``)."""

    def __init__(self) -> None:
        self.archive = False

    def extend_ns(self) -> dict[str, str]:
        return {"fh": FH}

    def extend_atom(self, feed: etree._Element) -> etree._Element:
        if self.archive:
            etree.SubElement(feed, f"{{{FH}}}archive")
        return feed

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        return feed


class TombstoneExtension(BaseExtension):  # type: ignore[misc]
    """``<at:deleted-entry ref=… when=…>`` for retracted updates."""

    def __init__(self) -> None:
        self.deleted: list[tuple[str, datetime, str | None]] = []

    def extend_ns(self) -> dict[str, str]:
        return {"at": AT}

    def extend_atom(self, feed: etree._Element) -> etree._Element:
        for ref, when, comment in self.deleted:
            node = etree.SubElement(feed, f"{{{AT}}}deleted-entry", ref=ref, when=when.isoformat())
            if comment:
                etree.SubElement(node, f"{{{AT}}}comment").text = comment
        return feed

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        return feed


class EntryLinksExtension(BaseExtension):  # type: ignore[misc]
    """Entry links with ``rel`` and ``type``.

    feedgen 1.0's ``FeedEntry.atom_entry`` shadows each link dict with the element it creates
    and then reads ``rel``/``type`` from that element, so entry links lose both attributes.
    A link without ``rel`` still means ``alternate`` in Atom, which is what the permalink is;
    every other entry link is added here.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        for link in self.links:
            etree.SubElement(entry, "{http://www.w3.org/2005/Atom}link", attrib=link)
        return entry

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        return entry
