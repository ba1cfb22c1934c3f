"""Pages that print a 12-hour clock without am/pm: livetail.extract.twelvehour via resolve_clocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import assume, given
from hypothesis import strategies as st

from livetail.extract.clockdates import resolve_clocks
from livetail.extract.engine import extract
from livetail.extract.timeparse import Clock, find_clock
from livetail.model import Document

CHICAGO = ZoneInfo("America/Chicago")


def local(day: int, hour: int, minute: int) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=CHICAGO).astimezone(UTC)


def clocks(*texts: str) -> list[Clock | None]:
    return [find_clock(text) for text in texts]


def test_a_page_crossing_noon_newest_first() -> None:
    page = clocks("2:05", "1:15", "12:40", "12:10", "11:50")
    reference = local(14, 15, 0)
    assert resolve_clocks(page, reference, CHICAGO) == [
        local(14, 14, 5),
        local(14, 13, 15),
        local(14, 12, 40),
        local(14, 12, 10),
        local(14, 11, 50),
    ]


def test_a_page_crossing_noon_oldest_first() -> None:
    page = clocks("11:50", "12:10", "12:40", "1:15", "2:05")
    assert resolve_clocks(page, local(14, 15, 0), CHICAGO) == [
        local(14, 11, 50),
        local(14, 12, 10),
        local(14, 12, 40),
        local(14, 13, 15),
        local(14, 14, 5),
    ]


def test_a_page_crossing_midnight_read_with_a_day_alone() -> None:
    # With only the day as reference, both "afternoon of the 14th" and "night from the 13th"
    # fit the gaps; the printed days say which.
    page = [
        *(_on(c, date(2024, 3, 14)) for c in clocks("1:15", "12:40", "12:10")),
        *(_on(c, date(2024, 3, 13)) for c in clocks("11:50", "11:20")),
    ]
    got = resolve_clocks(page, local(14, 23, 59), CHICAGO, reference_is_day=True)
    assert got == [local(14, 1, 15), local(14, 0, 40), local(14, 0, 10), local(13, 23, 50), local(13, 23, 20)]


def _on(clock: Clock | None, day: date) -> Clock:
    assert clock is not None
    return replace(clock, date=day)


def test_a_live_page_takes_the_reading_just_before_the_reference() -> None:
    page = clocks("12:40", "12:10", "11:50")  # no crossing of 12 o'clock: nothing shows 12-hour
    assert resolve_clocks(page, local(14, 13, 0), CHICAGO) == [
        local(14, 12, 40),
        local(14, 12, 10),
        local(14, 11, 50),
    ]
    crossing = clocks("1:05", "12:40", "12:10")
    assert resolve_clocks(crossing, local(15, 1, 20), CHICAGO) == [
        local(15, 1, 5),
        local(15, 0, 40),
        local(15, 0, 10),
    ]


def test_a_24_hour_morning_page_is_left_alone() -> None:
    # All hours 1-12, but neighbours are never 11 hours apart: no sign of a 12-hour clock.
    page = clocks("11:30", "10:00", "9:00", "8:15")
    reference = local(14, 23, 59)
    assert resolve_clocks(page, reference, CHICAGO) == [
        local(14, 11, 30),
        local(14, 10, 0),
        local(14, 9, 0),
        local(14, 8, 15),
    ]


def test_am_pm_or_an_hour_past_twelve_anywhere_means_the_clocks_say_their_half() -> None:
    with_pm = clocks("1:15 pm", "12:40", "12:10")
    assert resolve_clocks(with_pm, local(14, 15, 0), CHICAGO)[1:] == [local(14, 12, 40), local(14, 12, 10)]
    with_13 = clocks("13:15", "2:05", "1:15")  # a 24-hour page: 1:15 really is 01:15
    assert resolve_clocks(with_13, local(14, 15, 0), CHICAGO)[1:] == [local(14, 2, 5), local(14, 1, 15)]


@given(
    start=st.integers(0, 24 * 60 - 1),
    gaps=st.lists(st.integers(1, 150), min_size=1, max_size=12),
    lag=st.integers(0, 120),
)
def test_twelve_hour_pages_read_back_their_true_times(start: int, gaps: list[int], lag: int) -> None:
    """A page printing a true timeline (newest first, gaps of at most 2.5 hours) on a 12-hour
    clock without am/pm reads back as that timeline once it passes 1 o'clock ("1:10" above "12:50")."""
    oldest = datetime(2024, 3, 14, tzinfo=CHICAGO) + timedelta(minutes=start)
    times = [oldest]
    for gap in gaps:
        times.append(times[-1] + timedelta(minutes=gap))
    times.reverse()  # newest first
    twelve = [((t.hour % 12) or 12, t.minute) for t in times]
    assume(any(newer < older for newer, older in pairwise(twelve)))
    page = clocks(*(f"{hour}:{minute:02d}" for hour, minute in twelve))
    got = resolve_clocks(page, times[0] + timedelta(minutes=lag), CHICAGO)
    assert got == [t.astimezone(UTC) for t in times]


_LOCAL_TV = """<html lang="en"><body><main><h1>Storms live</h1>
<div class="live-blog-entry"><p class="live-blog-entry__time"><strong>2:05</strong></p><h2>Lake Shore Drive reopens</h2>
<p>The drive reopened shortly after 2 p.m.</p></div>
<div class="live-blog-entry"><p class="live-blog-entry__time"><strong>1:15</strong></p><h2>Power restored</h2>
<p>Fewer than 3,000 customers remain without power.</p></div>
<div class="live-blog-entry"><p class="live-blog-entry__time"><strong>12:40</strong></p><h2>Red Line delays</h2>
<p>Trains are delayed near Thorndale.</p></div>
<div class="live-blog-entry"><p class="live-blog-entry__time"><strong>11:50</strong></p><h2>Warning issued</h2>
<p>A severe thunderstorm warning is in effect until 12:45 p.m.</p></div>
</main></body></html>"""


def test_a_local_tv_page_without_am_pm() -> None:
    document = Document(
        content=_LOCAL_TV.encode(),
        content_type="text/html; charset=utf-8",
        url="https://www.example.com/weather/live",
        date=local(14, 14, 30),
    )
    result = extract(document, timezone="America/Chicago")
    assert [u.published for u in result.updates] == [
        local(14, 14, 5),
        local(14, 13, 15),
        local(14, 12, 40),
        local(14, 11, 50),
    ]
    # The uid hashes the time as printed: reading the half of the day moves none.
    later = extract(
        Document(
            content=_LOCAL_TV.encode(),
            content_type=document.content_type,
            url=document.url,
            date=local(15, 2, 0),
        ),
        timezone="America/Chicago",
    )
    assert [u.uid for u in later.updates] == [u.uid for u in result.updates]
