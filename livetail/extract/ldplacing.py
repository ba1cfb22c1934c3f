"""Where a JSON-LD live blog's posts stand on the page, for :mod:`livetail.extract.jsonld`: LD's
items in the order the page shows them, the pinned posts before them and the items those copy,
and which posts LD leaves out are newer than its newest.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, tzinfo
from typing import cast

from lxml.html import HtmlElement as Element

from livetail.extract.build import RawUpdate
from livetail.extract.clockdates import dated_instant, latest_instant
from livetail.extract.dom import child_path
from livetail.extract.pinnedoutside import heading_key, pinned_outside, title_key

__all__ = ["beyond_ends", "copy_of", "pinned_before", "shown_order"]


def beyond_ends(
    posts: list[tuple[Element, RawUpdate]],
    elements: list[Element | None],
    found: list[RawUpdate],
    reference: datetime | None,
    tz: tzinfo,
    *,
    old_end: bool = True,
) -> list[tuple[Element, RawUpdate]]:
    """The unlisted posts that stand beyond either end of LD's posts on the page and are newer
    than its newest or older than its oldest, as their place says, by the time they show: an
    instant, a clock dated against ``reference`` (without one, only a clock printing its day), or
    how long ago; none when the listed posts' times do not tell the page's order. LD that lists only its newest posts (Welt's) leaves the
    rest at the old end (read with ``old_end``, where their ids say they are posts); a post it has not caught up with stands at the new end, and so does one
    pinned on top, whatever its time. Between its posts only a post whose id says so, in step
    with their times, is one LD skipped (with ``old_end`` too: Moneycontrol lists its first post
    and its newest); else between them, or out of step with its times, a box of their shape is
    an ad card or a teaser."""
    placed = [(e, u.published) for e, u in zip(elements, found, strict=True) if e is not None]
    parent = placed[0][0].getparent() if placed else None
    if len(placed) < 2 or parent is None or any(e.getparent() is not parent for e, _ in placed):
        return []
    order = sorted((parent.index(e), t) for e, t in placed if t is not None)
    if len(order) != len(placed) or order[0][1] == order[-1][1]:
        return []
    newest_first = order[0][1] > order[-1][1]
    newest, oldest = max(t for _, t in order), min(t for _, t in order)
    first, last = order[0][0], order[-1][0]

    def shown(update: RawUpdate) -> datetime | None:
        if update.published is not None:
            return update.published
        if update.clock is not None:
            # (a saved page read without --date: only clocks that print their day tell a time)
            return (
                dated_instant(update.clock, tz)
                if reference is None
                else latest_instant(update.clock, tz, reference)
            )
        return None  # ("Hace 2 horas" alone: a teaser for another page as often as a post)

    numbers = {parent.index(e): _id_number(e) for e, _ in placed}
    # (only ids that number the posts: every listed one ends in a number, in step with its place;
    # hex or random ids, "post-update-1b7e4f", say nothing of what lies between)
    in_page = [number for n, _ in order if (number := numbers[n]) is not None]
    numbered = len(in_page) == len(order) and (
        all(a > b for a, b in itertools.pairwise(in_page))
        or all(a < b for a, b in itertools.pairwise(in_page))
    )

    def in_step(at: int, when: datetime, number: int | None) -> bool:
        """Between two listed posts, between their times and between their ids' numbers (a post
        LD skipped, Moneycontrol's "post_16" between "post_17" and "post_13"; not an ad card
        "post_9001" or a teaser placed there)."""
        above = [(n, t) for n, t in order if n < at]
        below = [(n, t) for n, t in order if n > at]
        if not numbered or not above or not below or number is None:
            return False
        (high, newer), (low, older) = above[-1], below[0]
        ids = sorted(x for x in (numbers[high], numbers[low]) if x is not None)
        if len(ids) != 2 or not ids[0] < number < ids[1]:
            return False
        return newer >= when >= older if newest_first else newer <= when <= older

    def fits(at: int, update: RawUpdate, element: Element) -> bool:
        before, after = at < first, at > last
        if not newest_first:
            before, after = after, before
        if before and update.pinned:
            return True  # a post pinned on top, older than LD's newest (Welt's "Das Wichtigste")
        when = shown(update)
        if when is None:
            return False
        if old_end and first < at < last:  # (ids shaped like the listed posts' vouch for it)
            return in_step(at, when, _id_number(element))
        return (before and when > newest) or (old_end and after and when < oldest)

    return [
        (element, update)
        for element, update in posts
        if element.getparent() is parent and fits(parent.index(element), update, element)
    ]


def _id_number(element: Element) -> int | None:
    """The number an element's id ends with ("post_16": 16); None without one."""
    match = _TRAILING_NUMBER.search(element.get("id") or "")
    return int(match.group()) if match else None


_TRAILING_NUMBER = re.compile(r"(?<![0-9A-Fa-f])\d{1,18}$")  # (not a hex id's last digits)


def copy_of(element: Element, uid: str | None, headline: str) -> bool:
    """Whether a pinned post is a copy of an LD item: its id ends with the item's ("pinned-1320"),
    or its heading is the item's headline."""
    own = element.get("id") or ""
    return bool(uid and own != uid and own.endswith(uid)) or (
        bool(headline) and heading_key(element) == title_key(headline)
    )


def shown_order(keep: list[int], elements: list[Element | None]) -> list[int]:
    """``keep`` in the order the page shows its elements, as every strategy gives its posts: LD
    may run the other way (oldest first over a newest-first page, CNET's, La Vanguardia's), or
    list a pinned post by its time, last, where the page shows it first, in a box of its own too
    (SMH, ABC). As LD lists them when an item has no element."""
    shown = [elements[n] for n in keep]
    if len(shown) < 2 or any(e is None for e in shown):
        return keep
    placed = cast(list[Element], shown)
    paths = _document_paths(placed)
    if paths is None:
        return keep
    order = sorted(range(len(keep)), key=paths.__getitem__)
    return [keep[k] for k in order]


def _document_paths(placed: list[Element]) -> list[list[int]] | None:
    """Each element's child path from the elements' lowest common ancestor (None without one),
    which sort in document order."""
    parent = placed[0].getparent()
    if parent is not None and all(e.getparent() is parent for e in placed):
        # (the usual feed: siblings; one pass over the parent, where a path each costs a search)
        index = {child: n for n, child in enumerate(parent)}
        return [[index[e]] for e in placed]
    root = parent
    while root is not None and any(child_path(root, e) is None for e in placed):
        root = root.getparent()
    return None if root is None else [cast(list[int], child_path(root, e)) for e in placed]


def pinned_before(listed: list[Element]) -> tuple[list[Element], set[Element]]:
    """The pinned posts before the first of ``listed``, and those of ``listed`` they copy."""
    parent = listed[0].getparent() if listed else None
    if parent is None or any(e.getparent() is not parent for e in listed):
        return [], set()
    pins, copied = pinned_outside(listed, parent, [])
    return list(pins), copied
