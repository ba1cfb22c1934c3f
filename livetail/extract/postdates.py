"""How a heuristic post is dated by its stamps: which stamp dates it (an explicit datetime, else
a time of day, else the first; the post's own before those in its sentences and lists; not an
"Updated" time printed before the post's own), which gives its edit time, and the raw update
that carries them (a time of day in the zone the page declares, on the day a separator prints)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from lxml.html import HtmlElement

from livetail.extract.build import RawUpdate
from livetail.extract.postparts import in_prose, in_teaser
from livetail.extract.stamps import Stamp
from livetail.extract.stampwords import UPDATED_WORDS, says_updated
from livetail.extract.timeparse import Clock, Day, find_clock, second_clock

__all__ = ["Zone", "dating_stamp", "in_zone", "timed"]

Zone = Callable[[], str | None]  # the page's declared zone, read on first use


def dating_stamp(stamps: list[Stamp], member: HtmlElement | None = None) -> Stamp:
    """The stamp that dates a post: its explicit datetime, else a time of day, else the first;
    taken from the post's own stamps before those in its sentences and lists (a schedule's
    "10:00" does not date a post stamped "5 mins ago"); an explicit datetime in a teaser for
    another story (a "Read more" card's date) only when nothing else dates it."""
    own = [s for s in stamps if member is None or not in_prose(s.element, member)] or stamps
    explicit = [s for s in own if s.published is not None]
    first = next((s for s in explicit if member is None or not in_teaser(s.element, member)), None)
    if first is not None:
        return first
    clock = next((s for s in own if s.label and s.label.clock), None)  # (labels are read on first use)
    if clock is not None and says_updated(clock.text):
        # "Updated 3:40 p.m." printed before the post's own "12:15 p.m." beside it is its edit
        # time (not a video's "12:30" further down, when the edit time is all that dates it)
        # (in one stamp box, or the very next or previous element)
        edit = clock.element
        parent = edit.getparent()
        near = {edit.getnext(), edit.getprevious()}
        beside = (
            s for s in own
            if s is not clock and (s.element in near or (parent is not member and s.element.getparent() is parent))
            and s.label and s.label.clock and not says_updated(s.text)
        )  # fmt: skip
        # ("32 dakika önce · Güncelleme: 00:40": beside a relative time, the post's own is that;
        # not a teaser's "3 hours ago" further down)
        relative = (
            s for s in own
            if s is not clock and (s.element in near or (parent is not member and s.element.getparent() is parent))
            and s.label and s.label.relative and not says_updated(s.text)
        )  # fmt: skip
        clock = next(beside, None) or next(relative, clock)
    return clock or (explicit or own)[0]


def in_zone(clock: Clock, zone: Zone) -> Clock:
    """The clock in the zone the page declares ("All times ET") when it prints none itself."""
    if clock.zone is None:
        declared = zone()
        if declared is not None:
            return replace(clock, zone=declared)
    return clock


# an edit word anywhere, glued to what comes before it too ("14.50 Uhraktualisiert um 15.20 Uhr")
_EDIT_WORD = re.compile(UPDATED_WORDS.pattern.replace("\\b", "", 1), re.IGNORECASE)


def timed(
    body_html: str,
    title: str | None,
    stamps: list[Stamp],
    zone: Zone,
    member: HtmlElement | None = None,
    day: Day | None = None,
) -> RawUpdate:
    """A raw update dated by its stamps: explicit datetime, else time of day (on ``day``, the day
    a separator before the post prints, when the stamp prints none), else relative."""
    first = dating_stamp(stamps, member)
    label = first.label if first.published is None else None  # parsed only when it dates the update
    clock = in_zone(label.clock, zone) if label and label.clock else None
    if clock is not None and day is not None and clock.date is None and clock.month_day is None:
        clock = replace(clock, date=day[0], month_day=day[1])
    later = [s.published for s in stamps if s is not first and s.published is not None]
    modified = later[-1] if later and first.published and later[-1] > first.published else None
    edited = [
        in_zone(s.label.clock, zone)
        for s in stamps
        if s is not first and s.published is None and says_updated(s.text) and s.label and s.label.clock
    ]
    if not edited and label is not None and label.edited is not None:
        edited = [in_zone(label.edited, zone)]  # "11:05 Uhr (aktualisiert 11:30 Uhr)": one stamp, two times
    if not edited and label is not None and label.clock and says_updated(first.text):
        # "16時22分 16時40分更新": the edit time after the post's own, in the same stamp
        edit = second_clock(first.text)
        edited = [in_zone(edit, zone)] if edit is not None else []
    if (
        not edited
        and modified is None
        and first.published is not None
        and _EDIT_WORD.search(first.text) is not None  # (cheap first: the label is read only then)
        and first.label
        and first.label.edited
    ):
        # "<time datetime=…>14.50 Uhr</time><span>aktualisiert um 15.20 Uhr</span>" (NZZ): the
        # stamp's own reading of its edit time, where the explicit time dates the post
        edited = [in_zone(first.label.edited, zone)]
    if not edited and modified is None and first.published is not None:
        # "<time datetime=…>17.32</time> Uppdaterad 17.45": the edit time printed after an explicit one
        hit = UPDATED_WORDS.search(first.text)
        edit = find_clock(first.text[hit.start() :]) if hit is not None and hit.start() > 0 else None
        edited = [in_zone(edit, zone)] if edit is not None else []
    return RawUpdate(
        body_html=body_html,
        title=title,
        published=first.published,
        modified=modified,
        modified_clock=edited[-1] if edited and modified is None else None,
        clock=clock,
        relative=label.relative if label else None,
        printed_time=first.printed,
        explicit_shown=first.text if first.published is not None else "",
    )
