"""Links and flags the structured-data strategies read off the page: an update's permalink, and
whether a pinned box or a key-events list points at it (or it marks itself so).
Re-exported by :mod:`livetail.extract.structured`."""

from __future__ import annotations

import re
import weakref
from collections import Counter
from functools import lru_cache
from typing import cast
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement as Element

__all__ = ["key_event_anchors", "own_flags", "permalink", "pinned_anchors", "pointed_at"]

_PINNED = re.compile(r"pinned|sticky", re.IGNORECASE)
_KEY_EVENTS = re.compile(r"key[-_ ]?events?|keyevent|highlights?-list", re.IGNORECASE)


_URL_IGNORED = str.maketrans("", "", "\t\r\n")  # urlsplit drops these before reading the fragment


@lru_cache(maxsize=64)
def _path_of(page_url: str) -> str:
    return urlsplit(urldefrag(page_url)[0]).path.rstrip("/")


def permalink(element: Element, page_url: str) -> str | None:
    """A link inside the update to its own anchor on this page (the publisher's permalink)."""
    own = element.get("id")
    if not own:
        return None
    page_path = _path_of(page_url)
    for link in element.iterdescendants("a"):  # ``.//a[@href]``, without an XPath per update
        raw = link.get("href")
        if raw is None:
            continue
        # The joined URL's fragment is the link's own (what follows its first "#" once tabs and
        # newlines are dropped; the page URL's for an empty href), so a link whose fragment is not
        # ``own`` needs no URL parsing, unless parsing could raise ("[", a non-ASCII host): that
        # must surface as before.
        if (
            raw
            and raw.translate(_URL_IGNORED).partition("#")[2] != own
            and raw.isascii()
            and "[" not in raw
            and "]" not in raw
        ):
            continue
        href = urljoin(page_url, raw)  # links are kept as the page wrote them
        base, fragment = urldefrag(href)
        if fragment == own and urlsplit(base).path.rstrip("/") == page_path:
            return str(href)
    return None


_MARKER_NAMES = ("id", "class", "data-component", "data-gu-marker")
# One XPath per attribute: a union would sort the result into document order, for nothing.
_MARKER_VALUES = tuple(etree.XPath(f"descendant-or-self::*/@{a}", smart_strings=False) for a in _MARKER_NAMES)
# The lower-cased marker values of a tree (None: some are not ASCII), read once for both lookups.
_MARKERS: weakref.WeakKeyDictionary[Element, str | None] = weakref.WeakKeyDictionary()


def _marker_text(tree: Element) -> str | None:
    if tree in _MARKERS:
        return _MARKERS[tree]
    found: list[str] = []
    for xpath in _MARKER_VALUES:
        found.extend(cast(list[str], xpath(tree)))
    values = "\n".join(found)
    text = _MARKERS[tree] = values.lower() if values.isascii() else None
    return text


def url_fragment(url: str) -> str:
    """``urldefrag(url)[1]``: what follows the first "#" once tabs and newlines are dropped.

    Parsed in full only where parsing could raise ("[", a non-ASCII host), which must surface."""
    if url.isascii() and "[" not in url and "]" not in url:
        return url.translate(_URL_IGNORED).partition("#")[2]
    return urldefrag(url)[1]


def update_ids(uids: list[str | None], page_addresses: set[str]) -> list[str | None]:
    """The ids that are an update's own; None for one that is the page's address (Times of India
    gives every update the page's URL) or that more than two updates share: those updates are
    told apart by their content, as on a page without ids. (Two may share one: a pinned copy.)"""
    own = {urldefrag(a.strip())[0] for a in page_addresses}
    counts = Counter(uids)
    return [None if uid is not None and (uid in own or counts[uid] > 2) else uid for uid in uids]


# Elements, not attribute values: each link's element is what the walk up starts from.
_LINKS = etree.XPath("descendant::a[@href]")


def pointed_at(tree: Element, pattern: re.Pattern[str], anchors: set[str]) -> set[str]:
    """Anchors that a box whose class/id/marker matches ``pattern`` (pinned, key events) links to:
    the fragments of the links inside such a box that name one of ``anchors``.

    Read from the links up: a page has few links to its updates and many elements, and the boxes
    around each link are its ancestors (each judged once). A link inside such a box whose URL does
    not parse raises, as reading that box's links always has; one elsewhere is not read.
    """
    hits: set[str] = set()
    verdicts: dict[Element, bool] = {}
    for link in cast(list[Element], _LINKS(tree)):
        try:
            fragment = url_fragment(link.get("href", ""))
        except ValueError:
            if _inside_marked(link, pattern, verdicts):
                raise
            continue
        if fragment in anchors and fragment not in hits and _inside_marked(link, pattern, verdicts):
            hits.add(fragment)
    return hits


def _inside_marked(link: Element, pattern: re.Pattern[str], verdicts: dict[Element, bool]) -> bool:
    for box in link.iterancestors():
        marked = verdicts.get(box)
        if marked is None:
            marker = " ".join(value for a in _MARKER_NAMES if (value := box.get(a)))
            marked = verdicts[box] = bool(marker) and pattern.search(marker) is not None
        if marked:
            return True
    return False


def _may_mark(tree: Element, needles: tuple[str, ...]) -> bool:
    """False when no marker attribute in ``tree`` contains any of ``needles`` (lower-case ASCII).

    Every match of the patterns below lies inside one attribute value and contains one of their
    needles, so this rules a whole page out with one XPath instead of a walk over every element.
    Non-ASCII values may case-fold onto ASCII letters under ``re.IGNORECASE``: then the walk runs.
    """
    lowered = _marker_text(tree)
    return lowered is None or any(needle in lowered for needle in needles)


def pinned_anchors(tree: Element, anchors: set[str]) -> set[str]:
    if not _may_mark(tree, ("pinned", "sticky")):
        return set()
    return pointed_at(tree, _PINNED, anchors)


def key_event_anchors(tree: Element, anchors: set[str]) -> set[str]:
    # "key events" may span two attribute values joined by a space; the first one holds "key".
    if not _may_mark(tree, ("key", "highlight")):
        return set()
    return pointed_at(tree, _KEY_EVENTS, anchors)


def own_flags(element: Element) -> tuple[bool, bool]:
    """(pinned, key_event) as the element marks itself (class, id, ``data-type``)."""
    marker = " ".join(element.get(a, "") for a in ("class", "data-type", "data-component"))
    return bool(_PINNED.search(marker)), bool(_KEY_EVENTS.search(marker))
