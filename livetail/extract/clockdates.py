"""Dating printed clocks (:class:`~livetail.extract.timeparse.Clock`): on the day they print, after
the post they belong to (an edit's "Updated 18:30"), from a saved page's "5 mins ago (18:04)"
pair, and a whole page's clocks in page order against a reference (:func:`resolve_clocks`, whose
docstring holds the ordering rules). Pure functions: no I/O, no clock reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import cast
from zoneinfo import ZoneInfo

from livetail.extract.relativetime import iter_relative
from livetail.extract.timeparse import Clock, _finish, _iter_clocks
from livetail.extract.twelvehour import read_halves
from livetail.extract.zones import UTC, zone_for

__all__ = ["dated_instant", "edit_time", "latest_instant", "reference_from_pair", "resolve_clocks"]


def reference_from_pair(text: str, day: dt.date, default_tz: dt.tzinfo = UTC) -> dt.datetime | None:
    """The instant a saved page was captured, from its first "N mins ago (HH:MM ZONE)" pair.

    ``day`` is the capture date in the clock's zone; the clock's date is chosen so that clock + N
    lands on ``day`` ("5 mins ago (23:58 GMT)" captured on the 27th means 00:03 on the 27th).
    """
    clocks = list(_iter_clocks(text))
    for delta, start, end in iter_relative(text):
        if delta is None:
            continue
        for parts, c_start, c_end in clocks:
            gap = text[end:c_start] if c_start >= end else text[c_end:start]
            if len(gap) > 6 or gap.strip(" \t\r\n\u00a0\u202f()[]-|,·") or (c_start < end and c_end > start):
                continue
            # No date here: the text may be a whole page, and a date elsewhere in it proves nothing.
            clock = _finish(parts, None)
            tz = zone_for(clock.zone, default_tz)
            for back in range(delta.days + 2):
                for moment in reversed(_candidates(clock, tz, day - dt.timedelta(days=back))):
                    if (moment + delta).astimezone(tz).date() == day:
                        return moment + delta
            return _candidates(clock, tz, day)[0] + delta
    return None


def dated_instant(clock: Clock, default_tz: dt.tzinfo) -> dt.datetime | None:
    """The instant (UTC) of a clock that printed its full date, as :func:`resolve_clocks` dates it;
    None for one without."""
    if clock.date is None:
        return None
    return _candidates(clock, zone_for(clock.zone, default_tz), clock.date)[0]


def latest_instant(clock: Clock, default_tz: dt.tzinfo, bound: dt.datetime) -> dt.datetime:
    """The latest instant (UTC) not after ``bound`` at which ``clock`` reads, on its printed day
    when it printed one: how a clock on its own is dated against a reference."""
    return dated_instant(clock, default_tz) or _latest_not_after(
        clock, zone_for(clock.zone, default_tz), bound
    )


def _candidates(clock: Clock, tz: dt.tzinfo, day: dt.date, *, strict: bool = False) -> list[dt.datetime]:
    """The instants (UTC, ascending) at which ``clock`` reads on ``day`` in ``tz``.

    A time inside a spring-forward gap never reads on the wall: ``strict`` gives no instant for it
    (the walk then takes the day before); otherwise Python's fold=0 guess stands in.
    """
    wall_time = dt.time(clock.hour, clock.minute, clock.second)
    if type(tz) is ZoneInfo or type(tz) is dt.timezone:
        # Dating a page's clocks asks for the same wall time on the same few days again and again
        # (each clock against its bound and its neighbours'). These zones hash by what they mean,
        # except a fixed offset's name, which is read below; other tzinfo classes need not hash.
        name = tz.tzname(None) if type(tz) is dt.timezone else None
        return list(_cached_wall_instants(wall_time, clock.zone, tz, name, day, strict))
    return list(_wall_instants(wall_time, clock.zone, tz, day, strict))


def _wall_instants(
    wall_time: dt.time, zone: str | None, tz: dt.tzinfo, day: dt.date, strict: bool
) -> tuple[dt.datetime, ...]:
    wall = dt.datetime.combine(day, wall_time)
    local = [wall.replace(tzinfo=tz, fold=fold) for fold in (0, 1)]
    real = [m for m in local if m.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall]
    if not real and not strict:
        real = local[:1]
    # "BST"/"EDT"/"CET" name one side of a repeated hour; "ET" or a wrong-season label names neither.
    named = [m for m in real if zone and m.tzname() == zone] or real
    return tuple(sorted({m.astimezone(UTC) for m in named}))


@lru_cache(maxsize=4096)
def _cached_wall_instants(
    wall_time: dt.time, zone: str | None, tz: dt.tzinfo, _tz_name: str | None, day: dt.date, strict: bool
) -> tuple[dt.datetime, ...]:
    return _wall_instants(wall_time, zone, tz, day, strict)


def _latest_not_after(clock: Clock, tz: dt.tzinfo, bound: dt.datetime) -> dt.datetime:
    today = bound.astimezone(tz).date()
    for back in range(3):
        day = today - dt.timedelta(days=back)
        earlier = [m for m in _candidates(clock, tz, day, strict=True) if m <= bound]
        if earlier:
            return earlier[-1]
    raise AssertionError("unreachable: a wall time recurs at least every 25 hours")


def edit_time(clock: Clock, default_tz: dt.tzinfo, published: dt.datetime) -> dt.datetime | None:
    """When a post published at ``published`` was edited, by the time of day its "Updated 18:30"
    prints: on the printed date when there is one, else the first such instant after
    ``published`` (an edit never comes before the post). None when that is not after it."""
    tz = zone_for(clock.zone, default_tz)
    try:
        start = published.astimezone(tz).date()
        day = clock.date
        if day is None and clock.month_day is not None:  # "Updated 19 September, 18:30"
            day = _first_day_from(clock.month_day, start)
        if day is not None:
            found = _candidates(clock, tz, day)
            edited = found[0] if found and found[0] > published else None
            # An edit printed a week or more after the post is a misreading, never a future time.
            return edited if edited is not None and edited - published <= _EDIT_WITHIN else None
        for ahead in range(3):
            later = [m for m in _candidates(clock, tz, start + dt.timedelta(days=ahead)) if m > published]
            if later:
                return later[0]
    except (OverflowError, ValueError):  # a published time at the end of the calendar
        return None
    return None


_EDIT_WITHIN = dt.timedelta(days=7)


def _first_day_from(month_day: tuple[int, int], start: dt.date) -> dt.date | None:
    """The first date with that month and day on or after ``start`` (edit_time then keeps it only
    within a week of the post)."""
    for year in (start.year, start.year + 1):
        try:
            day = dt.date(year, *month_day)
        except ValueError:  # 29 February outside a leap year
            continue
        if day >= start:
            return day
    return None


def _latest_day(month_day: tuple[int, int], today: dt.date) -> dt.date | None:
    """The last date with that month and day not after ``today`` (a day's grace for zones ahead)."""
    month, day = month_day
    for year in (today.year + 1, today.year, today.year - 1, today.year - 4):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        if candidate <= today + dt.timedelta(days=1):
            return candidate
    return None


_LOOKAHEAD = 3  # a block of up to this many promoted posts is recognised as such
_PUSHED = dt.timedelta(hours=12)
_NAMED_DAY_SLACK = dt.timedelta(hours=1)  # "Today, 21:12" may be a little after a slow clock's reference
_CROSSING_MAX = dt.timedelta(hours=3)  # with a day alone, a top post this soon after midnight is the newest


def resolve_clocks(
    clocks: Sequence[Clock | None],
    reference: dt.datetime,
    default_tz: dt.tzinfo,
    pinned: Sequence[bool] | None = None,
    *,
    reference_is_day: bool = False,
    explicit: Sequence[dt.datetime | None] = (),
) -> list[dt.datetime | None]:
    """Date a page's clocks (in page order) against ``reference``; aware UTC results, None stays None.

    * On a page that prints a 12-hour clock without am/pm, each clock's half of the day is read
      first (:mod:`livetail.extract.twelvehour`).
    * A clock with a printed date resolves on that date (the earlier reading of a repeated hour
      when its zone label does not say). Dated clocks take no part in the walk below, nor do
      clocks that name their day ("Today, 09:12", "Gestern, 22:15": the reference's day, or the
      one before it).
    * Every other clock gets the latest instant, in its zone, not after its bound.
    * Direction: resolved against ``reference`` alone, if consecutive clocks rise more often than
      they fall the page is oldest-first and is walked in reverse; ties mean newest-first.
    * Walking newest to oldest, the bound is the last resolved non-outlier, starting at
      ``reference``, so a clock later than its newer neighbour steps back a day (midnight).
    * Outliers move nobody's date and are resolved against ``reference`` alone: items flagged in
      ``pinned``, and any item that would push one of the next ``_LOOKAHEAD`` items back a day
      compared with skipping it. At the top (bound = ``reference``) this is exactly "a following
      item, resolved against the reference, comes out later than the top item" -- an old,
      unmarked pinned post -- while a real midnight crossing under the top resolves earlier and is
      kept. In the middle it catches promoted posts, old or new, without a crossing between their
      neighbours. For real posts less than ~23 h apart it never fires.
    * ``explicit`` gives the instants of posts with explicit times among the clocks (their clocks
      are None): they take part in the walk as clocks that print their day, each bounding the
      clocks below it an hour after its time (a post printing "21:30" under one at 21:58 keeps
      its day, and so does one a few minutes out of order).
    * The ambiguous case: top 10:00, next 10:20, reference 10:30. Either the 10:20 post is from
      yesterday (a gap of almost a day) or it is the newest post under an old, unmarked pinned
      10:00 post. The second reading is taken: the items below come out a day late if wrong, but
      never after ``reference``. The same holds for such a gap anywhere down the page.
    * ``reference_is_day``: ``reference`` is only the last second of the day the page was current
      on. Pinned posts and outliers later than the newest post then take the day that puts them
      nearer the span of the page's posts (the page was current soon after the newest, not at
      midnight). At the top the
      ambiguity above is settled by the gaps instead: the top post is that
      day's newest when the page crosses midnight under it within three hours (top 00:12, next
      23:47: 25 minutes; top 07:02, then 00:10, then 23:38: 28 minutes, a night without posts
      above it) and that gap is the smaller one; else it is an old pinned post (top 08:00 or
      09:00, next 18:04 or 23:50).
    """
    if reference.utcoffset() is None:
        raise ValueError("resolve_clocks needs an aware reference datetime")
    reference = reference.astimezone(UTC)
    clocks = read_halves(clocks, reference, default_tz)  # "1:15" above "12:40" on a 12-hour page
    # Posts with explicit times among the clocks walk as clocks that print their day do, but bound
    # the clocks below them an hour late: a post a few minutes out of order keeps its day.
    anchored = {i for i, when in enumerate(explicit) if when is not None}
    for i in anchored:
        clocks[i] = _anchor(cast(dt.datetime, explicit[i]))
    flags = list(pinned or ()) + [False] * len(clocks)
    out: list[dt.datetime | None] = [None] * len(clocks)
    zones = [zone_for(c.zone, default_tz) if c else default_tz for c in clocks]
    alone: dict[int, dt.datetime] = {}
    walk: list[int] = []
    sequence: list[int] = []  # the walk and the unpinned clocks that print their day, in page order
    for i, clock in enumerate(clocks):
        if clock is None:
            continue
        dated = _printed_day_instant(clock, zones[i], reference)
        if dated is not None:
            out[i] = dated
            if not flags[i]:
                sequence.append(i)
            continue
        alone[i] = _latest_not_after(clock, zones[i], reference)
        if flags[i]:
            out[i] = alone[i]
        else:
            walk.append(i)
            sequence.append(i)

    rises = sum(alone[b] > alone[a] for a, b in pairwise(walk))
    falls = sum(alone[b] < alone[a] for a, b in pairwise(walk))
    if rises > falls:
        walk.reverse()
        sequence.reverse()
    following = {i: walk[pos + 1 : pos + 1 + _LOOKAHEAD] for pos, i in enumerate(walk)}
    for pos, i in enumerate(sequence):  # what a clock that prints its day has after it in the walk
        if i not in following:
            following[i] = [j for j in sequence[pos + 1 :] if j in alone][:_LOOKAHEAD]

    known: dict[tuple[int, dt.datetime], dt.datetime] = {}  # the walk asks most of these twice

    def at(i: int, bound: dt.datetime) -> dt.datetime:
        found = known.get((i, bound))
        if found is None:
            clock = clocks[i]
            assert clock is not None
            found = known[i, bound] = _latest_not_after(clock, zones[i], bound)
        return found

    def printed_neighbour(pos: int) -> bool:
        """Whether a neighbour in the sequence prints its day too, in order and within 12 hours."""
        here = out[sequence[pos]]
        assert here is not None
        for other, newer in ((pos - 1, True), (pos + 1, False)):
            if 0 <= other < len(sequence) and sequence[other] not in alone:
                there = out[sequence[other]]
                assert there is not None
                if dt.timedelta(0) <= (there - here if newer else here - there) <= _PUSHED:
                    return True
        return False

    bound = reference
    top = True  # no clock of the walk reached yet, nor a bound taken from a printed day
    outliers: list[int] = []  # clocks of the walk dated against the reference alone
    pinned_alone = [i for i in alone if flags[i]]
    for pos, i in enumerate(sequence):
        ahead = following[i]
        if i not in alone:
            # A clock that prints its day dates the clocks below it ("3月13日 23時50分" over
            # "23時10分"), unless it is out of line: not before the bound, or an old post promoted
            # among the others (it would push the next ones back a day, and no neighbour that
            # prints its day agrees with it).
            here = out[i]
            assert here is not None
            if here <= bound and (
                printed_neighbour(pos) or all(at(j, here) >= at(j, bound) - _PUSHED for j in ahead)
            ):
                bound, top = (min(bound, here + _ANCHOR_SLACK) if i in anchored else here), False
            continue
        here = at(i, bound)
        # Only a push of about a day counts: inside a repeated DST hour "01:50 ET" can move by one.
        pushed = next((j for j in ahead if at(j, here) < at(j, bound) - _PUSHED), None)
        crossing = _CROSSING_MAX
        if pushed is not None:
            # Midnight lies between the pushed clock and the one just above it, which may be a
            # post under the top one (top 07:02, then 00:10, then 23:38: a 28-minute crossing).
            above = ahead.index(pushed)
            crossing = (at(ahead[above - 1], here) if above else here) - at(pushed, here)
        at_top, top = top, False
        if (
            pushed is not None
            and not (
                at_top
                and reference_is_day
                and crossing <= _CROSSING_MAX
                and crossing < at(pushed, bound) - here
            )
            and not (at_top and _one_stretch(at, [i, *ahead[: ahead.index(pushed) + 1]], here))
        ):
            out[i] = alone[i]
            outliers.append(i)
            continue
        out[i] = bound = here
    if reference_is_day:
        _date_outliers_in_the_day(
            clocks, zones, out, [i for i in sequence if i not in outliers], [*outliers, *pinned_alone]
        )
    return out


def _one_stretch(at: Callable[[int, dt.datetime], dt.datetime], chain: list[int], top: dt.datetime) -> bool:
    """Whether the top clocks down to the one they would push back a day fall in small steps, as
    one stretch of posts does (12:50, 12:30, 12:10, 11:50 on a page fetched at 12:03: yesterday's
    blog, every post of it), where promoted posts stand a day apart from the post under them
    (an old pinned 10:00 over today's 10:20)."""
    if len(chain) < _STRETCH_MIN:
        return False
    previous = top
    for j in chain[1:]:
        here = at(j, previous)
        if previous - here > _CROSSING_MAX:
            return False
        previous = here
    return True


# (three clocks later in the day than the fetch, and the one they would push: two such clocks
# may be promoted posts over an active blog's newest, 11:00 and 10:30 over 09:00 at 09:05)
_STRETCH_MIN = 4


def _anchor(instant: dt.datetime) -> Clock:
    """An explicit time as a clock that prints its day, in UTC."""
    at = instant.astimezone(UTC)
    return Clock(
        hour=at.hour,
        minute=at.minute,
        second=at.second,
        zone="UTC",
        printed="",
        date=at.date(),
        half_known=True,
    )


_ANCHOR_SLACK = dt.timedelta(hours=1)


def _date_outliers_in_the_day(
    clocks: Sequence[Clock | None],
    zones: list[dt.tzinfo],
    out: list[dt.datetime | None],
    walked: list[int],
    outliers: list[int],
) -> None:
    """With a day alone, the page was current some time after its newest post, not at the day's
    end: a pinned post (or an outlier) later than that post takes the day, of the reference's and
    the one before, that puts it nearer the span of the page's posts, as a poll soon after the
    newest would date it (a draft's "7:30 PM" pinned over posts from 8:05 PM to 12:06 AM is last
    evening's; a "20:00" summary over posts up to 16:00 is this evening's)."""
    times = [when for i in walked if (when := out[i]) is not None]
    if not times:
        return
    oldest, newest = min(times), max(times)

    def off(when: dt.datetime) -> dt.timedelta:
        return oldest - when if when < oldest else max(when - newest, dt.timedelta(0))

    for i in outliers:
        clock, late = clocks[i], out[i]
        if clock is None or late is None or late <= newest:
            continue
        early = _latest_not_after(clock, zones[i], late - _A_DAY_BEFORE)
        if off(early) < off(late):
            out[i] = early


_A_DAY_BEFORE = dt.timedelta(hours=1)  # (the latest instant an hour before a clock's is its day before)


def _printed_day_instant(clock: Clock, tz: dt.tzinfo, reference: dt.datetime) -> dt.datetime | None:
    """The instant of a clock that prints its day (a full date, a month and day, or "Today" /
    "Gestern" not later than the reference allows); None for one the walk must date."""
    if clock.date is not None:
        return _candidates(clock, tz, clock.date)[0]
    if clock.days_elapsed is not None:
        elapsed = _elapsed_instant(clock, tz, reference, clock.days_elapsed)
        if elapsed is not None:
            return elapsed
    if clock.days_ago is not None:
        named_day = reference.astimezone(tz).date() - dt.timedelta(days=clock.days_ago)
        named = _candidates(clock, tz, named_day)[0]
        if named <= reference + _NAMED_DAY_SLACK:
            return named
        # Later than the reference: the zone is not the page's. The walk dates it instead.
    if clock.weekday is not None:
        today = reference.astimezone(tz).date()
        named = _candidates(clock, tz, today - dt.timedelta(days=(today.weekday() - clock.weekday) % 7))[0]
        return named if named <= reference + _NAMED_DAY_SLACK else named - dt.timedelta(days=7)
    if clock.month_day is not None:
        day = _latest_day(clock.month_day, reference.astimezone(tz).date())
        if day is not None:
            return _candidates(clock, tz, day)[0]
    return None


def _elapsed_instant(clock: Clock, tz: dt.tzinfo, reference: dt.datetime, days: int) -> dt.datetime | None:
    """The instant of a clock printed beside "``days`` days ago": the one day whose clock lies
    that long before the reference, whether the site counts whole days or rounds them (the
    WordPress liveblog plugin rounds: "a day ago" from 12 to 36 hours). None when two days fit
    (the walk dates the clock as any other) or none does (a clock in another zone)."""
    today = reference.astimezone(tz).date()
    low, high = dt.timedelta(days=days) - _HALF_A_DAY, dt.timedelta(days=days + 1)
    fits = [
        instant
        for back in (days - 1, days, days + 1)
        if back >= 0
        and low <= reference - (instant := _candidates(clock, tz, today - dt.timedelta(days=back))[0]) < high
    ]
    return fits[0] if len(fits) == 1 else None


_HALF_A_DAY = dt.timedelta(hours=12)
