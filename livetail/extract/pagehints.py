"""Dating hints a live blog page gives in prose: the heuristic strategy's "Dating" rules.

* :func:`declared_zone`: the zone the page declares for its times ("All updates are in
  Universal Coordinated Time (UTC)", "Times are in GMT", "all times CET").
* :func:`page_date`: the date the page's ``<title>`` or ``og:title`` prints.
* :func:`page_reference`: the instant implied by the first "N mins ago (HH:MM)" stamp, else the
  page's date at the time of its newest update.
* :func:`separator_days`: the day a heading between posts prints ("Tuesday 17 September 2024"),
  for the posts after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, tzinfo
from itertools import pairwise

from lxml.html import HtmlElement

from livetail.extract.build import RawUpdate
from livetail.extract.calendarwords import MONTHS, word_alternation
from livetail.extract.clockdates import reference_from_pair
from livetail.extract.core import Context
from livetail.extract.stamps import Stamp, tag_of, text_of
from livetail.extract.stampwords import is_day_line
from livetail.extract.timeparse import ZONES, Clock, Day, printed_day, zone_for

__all__ = [
    "declared_zone",
    "is_day_heading",
    "newest_clock",
    "page_date",
    "page_reference",
    "separator_days",
    "zone_prose",
]

_ZONE_PROSE = re.compile(
    r"\b(?:times?|updates|timestamps|posts)\s+(?:are\s+|is\s+)?(?:shown\s+|given\s+|listed\s+)?"
    r"in\s+(?P<phrase>[^.\n]{2,60})"
    r"|\ball\s+times\s+(?P<abbrev>[A-Z]{2,5})\b",
    re.IGNORECASE,
)
_LONG_ZONES = (
    ("universal coordinated time", "UTC"),
    ("coordinated universal time", "UTC"),
    ("universal time", "UTC"),
    ("greenwich mean time", "GMT"),
    ("central european", "CET"),
    ("eastern time", "ET"),
    ("pacific time", "PT"),
    ("central time", "CT"),
    ("mountain time", "MT"),
)


# Every match starts at one of these words; "ı", "İ" and "ſ" match "i" and "s" case-insensitively.
_ZONE_WORDS = ("time", "update", "post", "all")
_FOLDS_ONTO_ASCII = ("\u0131", "\u0130", "\u017f")


def zone_prose(text: str) -> Iterator[re.Match[str]]:
    """``_ZONE_PROSE.finditer(text)``, trying the pattern only where one of its first words
    stands: a whole live blog's text is too long to try it at every character."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in text for c in _FOLDS_ONTO_ASCII):
        yield from _ZONE_PROSE.finditer(text)
        return
    starts: set[int] = set()
    for word in _ZONE_WORDS:
        at = lowered.find(word)
        while at >= 0:
            starts.add(at)
            at = lowered.find(word, at + 1)
    done = 0
    for start in sorted(starts):
        if start >= done:
            match = _ZONE_PROSE.match(text, start)
            if match is not None:
                done = match.end()
                yield match


def declared_zone(text: str) -> str | None:
    """The zone the page declares for its times in prose ("All updates are in ... (UTC)")."""
    for match in zone_prose(text):
        phrase = match["phrase"] or match["abbrev"]
        for token in re.findall(r"\b[A-Z]{2,5}\b", phrase):
            if token in ZONES:
                return str(token)
        lowered = phrase.lower()
        for name, abbrev in _LONG_ZONES:
            if name in lowered:
                return abbrev
    return None


_MONTH = word_alternation(MONTHS)
_PAGE_DATE = re.compile(
    r"(?<!\d)(?:(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y1>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th|er|º)?\s+(?P<m3>{_MONTH})\.?,?\s+(?P<y3>\d{{4}})"
    rf"|(?P<m4>{_MONTH})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)


def page_date(tree: HtmlElement) -> date | None:
    """The date the page's title (or og:title) prints."""
    texts = [t.text_content() for t in tree.iter("title")]
    texts += [m.get("content") or "" for m in tree.iter("meta") if m.get("property") == "og:title"]
    for text in texts:
        for m in _PAGE_DATE.finditer(text):
            try:
                if m["y1"]:
                    return date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
                if m["y2"]:
                    return date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
                if m["y3"]:
                    return date(int(m["y3"]), MONTHS[m["m3"].lower()], int(m["d3"]))
                return date(int(m["y4"]), MONTHS[m["m4"].lower()], int(m["d4"]))
            except ValueError:
                continue
    return None


def newest_clock(updates: list[RawUpdate]) -> Clock | None:
    """The newest time of day on the page: the first one, or the last on an oldest-first page."""
    clocks = [u.clock for u in updates if u.clock is not None and not u.pinned]
    if not clocks:
        return None
    minutes = [c.hour * 60 + c.minute for c in clocks]
    rises = sum(b > a for a, b in pairwise(minutes))
    falls = sum(b < a for a, b in pairwise(minutes))
    return clocks[-1] if rises > falls else clocks[0]


def page_reference(
    first_stamps: list[Stamp], updates: list[RawUpdate], tree: HtmlElement, context: Context, zone: str | None
) -> datetime | None:
    """``Found.reference`` (see the heuristic module's "Dating"); ``first_stamps`` holds each
    update's first stamp, ``updates`` the updates found."""
    tz: tzinfo = zone_for(zone, context.timezone) if zone else context.timezone
    page_day = page_date(tree)
    day = context.reference.astimezone(tz).date() if context.reference is not None else page_day
    if day is not None:
        for stamp in first_stamps:
            if stamp.label and stamp.label.clock and stamp.label.relative is not None:
                found = reference_from_pair(stamp.text, day, tz)
                if found is not None:
                    return found
                break
    if page_day is None or (day is not None and day != page_day):
        return None  # (the day the page was current on, given, wins over another in its title)
    # The page's date is the date of its newest update: anchoring at that update's time, not at
    # the end of the day, keeps a late-evening post further down from being read as today's
    # newest post under an old pinned one (see clockdates.resolve_clocks, "the ambiguous case").
    newest = newest_clock(updates)
    at = time(newest.hour, newest.minute, 59) if newest is not None else time(23, 59, 59)
    clock_tz = zone_for(newest.zone, tz) if newest is not None and newest.zone else tz
    return datetime.combine(page_day, at, clock_tz)


def separator_days(members: list[HtmlElement]) -> dict[HtmlElement, Day]:
    """The day each post falls on by the day separators among the posts: an element between them
    whose short text prints nothing but a day and no time of day ("Tuesday 17 September 2024",
    "Dienstag, 17. September") dates every post after it in the same parent. Posts before any
    separator are left out. One lone line before the first post is a dateline, not a separator
    (it would pin every post to its day, across midnight too); two or more separators, as day
    groups each headed by their day have, all count. A "Last updated …" line never does."""
    wanted = set(members)
    found: list[tuple[HtmlElement, Day, bool]] = []  # element, its day, whether a post came before
    seen: set[HtmlElement] = set()
    for member in members:
        parent = member.getparent()
        if parent is None or parent in seen:
            continue
        seen.add(parent)
        after_post = False
        for child in parent:
            if child in wanted:
                after_post = True
            elif tag_of(child):
                text = _day_heading_text(child)
                if text is not None:
                    day = printed_day(text)
                    if day != (None, None):
                        found.append((child, day, after_post))
    if not found or (len(found) == 1 and not found[0][2]):
        return {}
    separators = {element: day for element, day, _after in found}
    days: dict[HtmlElement, Day] = {}
    for parent in seen:
        current: Day | None = None
        for child in parent:
            if child in separators:
                current = separators[child]
            elif child in wanted and current is not None:
                days[child] = current
    return days


def is_day_heading(element: HtmlElement) -> bool:
    """Whether the element's short text says nothing but a day: a day separator or a day group's
    heading (see :func:`separator_days`)."""
    return _day_heading_text(element) is not None


def _day_heading_text(element: HtmlElement) -> str | None:
    """The element's text when it says nothing but a day (see :func:`is_day_line`)."""
    text = " ".join(text_of(element).split())
    return text if is_day_line(text) else None
