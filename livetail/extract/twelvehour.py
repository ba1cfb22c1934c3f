"""Pages that print a 12-hour clock without am/pm ("12:40", "1:15"): which half of the day each of
their clocks is in, decided before :func:`livetail.extract.clockdates.resolve_clocks` dates them.

Such a page gives itself away where its clocks pass 12 o'clock: "1:15" right above "12:40" is 35
minutes apart on a 12-hour clock and 11 h 25 min on a 24-hour one. Only a page whose every clock
reads 1:00 to 12:59 with nothing saying its half of the day (am/pm, a leading zero as in "01:20",
"Uhr", "18h04": ``Clock.half_known``), and that shows such a step between neighbours, is read
this way. A 24-hour page has an hour past 12, a 0 hour or a leading zero somewhere, or no such
step (its neighbours would be some eleven hours apart).

Each clock's half is then the one that makes the page's timeline shortest (a Viterbi pass over
two readings per clock): from the reference down to the oldest clock, each step back in time
adds its length, across midnight where the clocks print no date; a printed date that puts a post
after the one above it costs two days. The step from the reference to the top clock counts too,
so a live page's top clock takes the reading just before the reference. The printed time, and
with it the uid, is unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from livetail.extract.zones import zone_for

if TYPE_CHECKING:
    from livetail.extract.timeparse import Clock

__all__ = ["read_halves"]

_DAY = 24 * 60  # minutes
_CROSSING_GAP = 6 * 60  # neighbours this far apart on a 24-hour reading...
_CLOSE_GAP = 3 * 60  # ...and this close on a 12-hour one show a 12-hour page
_OUT_OF_ORDER = 2 * _DAY  # what a printed date that contradicts the page's order costs

_Position = tuple[int | None, int]  # (the day's ordinal when printed, minutes into the day)


def read_halves(
    clocks: Sequence[Clock | None], reference: dt.datetime, default_tz: dt.tzinfo
) -> list[Clock | None]:
    """``clocks`` with each hour set to its half of the day when the page prints a 12-hour clock
    without am/pm (see the module docstring); otherwise ``clocks`` as they are."""
    items = [(i, clock) for i, clock in enumerate(clocks) if clock is not None]
    if len(items) < 2 or any(c.half_known for _, c in items):
        return list(clocks)
    if not _passes_twelve([clock for _, clock in items]):
        return list(clocks)
    # Newest first or oldest first: the wrong order walks back almost a day at every step.
    best: tuple[int, list[int], list[tuple[int, Clock]]] | None = None
    for order in (items, items[::-1]):
        cost, hours = _shortest([clock for _, clock in order], reference, default_tz)
        if best is None or cost < best[0]:
            best = (cost, hours, order)
    assert best is not None
    out = list(clocks)
    for (i, clock), hour in zip(best[2], best[1], strict=True):
        out[i] = replace(clock, hour=hour)
    return out


def _passes_twelve(clocks: list[Clock]) -> bool:
    """Whether two neighbours are far apart on a 24-hour reading and close on a 12-hour one."""
    for newer, older in pairwise(clocks):
        gap = (newer.hour * 60 + newer.minute - older.hour * 60 - older.minute) % _DAY
        on_24 = min(gap, _DAY - gap)
        on_12 = min(gap % (_DAY // 2), _DAY // 2 - gap % (_DAY // 2))
        if on_24 > _CROSSING_GAP and on_12 <= _CLOSE_GAP:
            return True
    return False


def _shortest(clocks: list[Clock], reference: dt.datetime, default_tz: dt.tzinfo) -> tuple[int, list[int]]:
    """The readings (hours 0-23) of ``clocks``, newest first, that make the shortest timeline
    from ``reference``, and its length in minutes."""
    local = reference.astimezone(zone_for(clocks[0].zone, default_tz))
    start: _Position = (local.date().toordinal(), local.hour * 60 + local.minute)
    # For each reading of the clock so far: the shortest length that ends in it, and its path.
    paths: list[tuple[int, list[int]]] = [(0, [])]
    ends: list[_Position] = [start]
    for clock in clocks:
        hours = (clock.hour % 12, clock.hour % 12 + 12)
        day = _printed_day(clock, local.date())
        next_paths, next_ends = [], []
        for hour in hours:
            here: _Position = (day, hour * 60 + clock.minute)
            cost, path = min(
                ((length + _step(end, here), path) for (length, path), end in zip(paths, ends, strict=True)),
                key=lambda option: option[0],
            )
            next_paths.append((cost, [*path, hour]))
            next_ends.append(here)
        paths, ends = next_paths, next_ends
    return min(paths, key=lambda option: option[0])


def _printed_day(clock: Clock, today: dt.date) -> int | None:
    if clock.date is not None:
        return clock.date.toordinal()
    if clock.days_ago is not None:
        return (today - dt.timedelta(days=clock.days_ago)).toordinal()
    if clock.weekday is not None:
        return (today - dt.timedelta(days=(today.weekday() - clock.weekday) % 7)).toordinal()
    if clock.days_elapsed is not None:  # (within a day of this: enough to order the days)
        return (today - dt.timedelta(days=clock.days_elapsed)).toordinal()
    if clock.month_day is not None:
        try:
            return dt.date(today.year, *clock.month_day).toordinal()
        except ValueError:  # 29 February outside a leap year
            return None
    return None


def _step(newer: _Position, older: _Position) -> int:
    """How far back in time ``older`` lies from ``newer``, in minutes."""
    (newer_day, newer_minute), (older_day, older_minute) = newer, older
    if newer_day is None or older_day is None:
        return (newer_minute - older_minute) % _DAY
    back = (newer_day - older_day) * _DAY + newer_minute - older_minute
    return back if back >= 0 else _OUT_OF_ORDER - back
