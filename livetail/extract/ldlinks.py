"""JSON-LD updates that name no anchor on the live page, and their elements there.

* Ids that are permalink pages of their own ("/liveblog_entry/idf-says-…/", Times of Israel):
  the elements are found by the links the page shows to those addresses, and an update the LD
  does not list is known by its own link to such an address, the id LD gives it once it lists it.
* No ids at all (Hindustan Times): the elements are found by the time each shows, the one LD
  gives the update.

Either way every update must be found, once (by links, the page may show only the newest or oldest
run of a longer list, in boxes that show a time), and an update's element is the box around what was
found that holds nothing found for another update (the child of the box all of them share); the
boxes have one shape and stand in LD's order (or exactly against it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import TypeVar, cast
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml.html import HtmlElement as Element

from livetail.extract.normalise import normalise_for_compare
from livetail.extract.stamps import text_of
from livetail.extract.timeparse import Clock
from livetail.extract.unlisted import common_start

__all__ = ["linked_elements", "own_permalink", "permalink_stem", "timed_elements"]

_LINKS = etree.XPath("descendant::a[@href]")
K = TypeVar("K")


def _address(href: str, page_url: str) -> str | None:
    try:
        return urldefrag(urljoin(page_url, href.strip()))[0]
    except ValueError:  # a malformed address ("http://[x")
        return None


def linked_elements(
    tree: Element, uids: list[str | None], page_url: str, bodies: list[str] | None = None
) -> list[Element | None]:
    """The element of each update whose id is an address the page links to: the box around the
    link that holds no other update's link (the child of the box all of them share). Needs two
    updates or more, in boxes of one shape; else every element is None."""
    wanted = {uid for uid in uids if uid and "/" in uid}
    if len(wanted) < 2:
        return [None] * len(uids)
    first_link: dict[str, Element] = {}
    for link in cast(list[Element], _LINKS(tree)):
        address = _address(link.get("href", ""), page_url)
        if address is not None and address in wanted and address not in first_link:
            first_link[address] = link
    boxes = _boxes(first_link)
    found = [boxes.get(uid) if uid else None for uid in uids]
    if len(first_link) != len(wanted):
        # Only the page's end of a longer LD list (the archive beyond what the page shows), in
        # boxes that show the entry's own text: never other stories' addresses linked from a
        # "related" list (its items show their headlines and times, not the stories' text).
        shown = [n for n, box in enumerate(found) if box is not None]
        run = bool(shown) and shown == list(range(shown[0], shown[-1] + 1))
        at_end = bool(shown) and (shown[0] == 0 or shown[-1] == len(uids) - 1)
        if not (
            run and at_end and bodies is not None and all(_shows_body(found[n], bodies[n]) for n in shown)
        ):
            return [None] * len(uids)
    return found if _in_one_order([b for b in found if b is not None]) else [None] * len(uids)


def _shows_body(box: Element | None, body: str) -> bool:
    """Whether the box shows the start of the entry's text as LD gives it."""
    opening = " ".join(normalise_for_compare(body).split()[:_OPENING_WORDS])
    return box is not None and len(opening) >= _OPENING_MIN and opening in normalise_for_compare(text_of(box))


_OPENING_WORDS = 6
_OPENING_MIN = 12


def timed_elements(
    times: list[datetime | None],
    stamps: list[tuple[Element, Clock | None, datetime | None]],
    zone: tzinfo | None = None,
) -> list[Element | None]:
    """The element of each update by the one stamp on the page that shows its time (``times``
    from LD, each in the offset LD wrote it in, or else in the page's ``zone``: Welt's LD in UTC
    beside "18:12 Uhr"; ``stamps`` the page's, with the clocks they print and the instants
    explicit ones give: "2:01 PM EDT" beside LD's "18:01Z" is the same minute). Needs two
    updates or more so found; else every element is None."""
    found = _timed_elements(times, stamps)
    if zone is None or any(e is not None for e in found) or not any(times):
        return found
    return _timed_elements([None if t is None else t.astimezone(zone) for t in times], stamps)


def _timed_elements(
    times: list[datetime | None], stamps: list[tuple[Element, Clock | None, datetime | None]]
) -> list[Element | None]:
    by_wall: dict[tuple[int, int], list[tuple[Element, Clock]]] = {}
    by_instant: dict[datetime, list[Element]] = {}
    for element, clock, instant in stamps:
        if clock is not None:
            by_wall.setdefault((clock.hour, clock.minute), []).append((element, clock))
        if instant is not None and clock is not None:  # (a "Last updated" date or "2h ago" dates no post)
            by_instant.setdefault(instant.replace(second=0, microsecond=0), []).append(element)
    found: dict[int, Element] = {}
    several: dict[int, list[Element]] = {}
    for n, time in enumerate(times):
        if time is None:
            continue
        shown = [
            element
            for element, clock in by_wall.get((time.hour, time.minute), [])
            if clock.date is None or clock.date == time.date()
        ]
        if len(shown) != 1:  # the printed clock first; then the instant a <time datetime> gives
            at_instant = list(dict.fromkeys(by_instant.get(time.replace(second=0, microsecond=0), [])))
            shown = at_instant if at_instant or not shown else shown
        if len(shown) == 1:
            found[n] = shown[0]
        elif shown:
            several[n] = shown
    # A time shown twice, by a post's stamp and the page's "Updated" line (Moneycontrol): the
    # stamp of the same tag and class as every other post's.
    shapes = {(e.tag, e.get("class")) for e in found.values()}
    if several and len(shapes) == 1 and len(found) >= 2:
        for n, shown in several.items():
            alike = [e for e in shown if (e.tag, e.get("class")) in shapes]
            if len(alike) == 1:
                found[n] = alike[0]
    # Every time found once, or none is trusted: a "key moments" box repeating some times, LD
    # written in UTC beside a page printing local time, or LD a minute off would mismatch.
    if len(found) != sum(1 for time in times if time is not None) or len(set(map(id, found.values()))) != len(
        found
    ):
        return [None] * len(times)
    boxes = _boxes(found)
    result = [boxes.get(n) for n in range(len(times))]
    return result if _in_one_order([b for b in result if b is not None]) else [None] * len(times)


def _in_one_order(boxes: list[Element]) -> bool:
    """Whether the boxes stand on the page in LD's order, or exactly against it."""
    if not boxes:
        return False
    parent = boxes[0].getparent()
    if parent is None:
        return False
    at = [parent.index(box) for box in boxes]
    return at == sorted(at) or at == sorted(at, reverse=True)


def _boxes(found: Mapping[K, Element]) -> dict[K, Element]:
    """For each key, the box around its element that holds no other key's element; {} unless
    there are two or more, all in boxes of one shape."""
    if len(found) < 2:
        return {}
    chains = {key: [element, *element.iterancestors()] for key, element in found.items()}
    shared = set.intersection(*(set(map(id, chain)) for chain in chains.values()))
    boxes: dict[K, Element] = {}
    for key, chain in chains.items():
        top = next((k for k, el in enumerate(chain) if id(el) in shared), None)
        if top is None or top == 0:
            return {}
        boxes[key] = chain[top - 1]  # the shared box's child on the way to this element
    # (one shape: one tag and one first class; a pinned post's "live-post is-pinned" is a
    # "live-post" with a modifier)
    shapes = {(box.tag, next(iter((box.get("class") or "").split()), "")) for box in boxes.values()}
    if len(shapes) != 1 or len({id(box) for box in boxes.values()}) != len(boxes):
        return {}
    return boxes


def permalink_stem(addresses: list[str]) -> str | None:
    """What every update's address starts with, up to its last "/" ("…/liveblog_entry/"); None
    when that is no deeper than the site itself."""
    shared = common_start(addresses)
    stem = shared[: shared.rfind("/") + 1]
    return stem if stem.count("/") > 3 else None  # "https://host/" alone says nothing


def own_permalink(element: Element, stem: str, page_url: str) -> str | None:
    """The one address under ``stem`` that ``element`` links to (its own permalink), or None."""
    found = {
        address
        for link in element.iterdescendants("a")
        if (address := _address(link.get("href", ""), page_url))
        and address.startswith(stem)
        and address != stem
    }
    return found.pop() if len(found) == 1 else None
