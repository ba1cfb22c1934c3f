"""Tests for livetail.extract.timeparse and clockdates: printed times, zones, relative times and page dating."""

from __future__ import annotations

import logging
from dataclasses import replace as dataclass_replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import dateutil.tz
import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetail.extract.clockdates import edit_time, reference_from_pair, resolve_clocks
from livetail.extract.explicittime import parse_explicit, parse_explicit_naive
from livetail.extract.timelabel import is_time_label, time_label
from livetail.extract.timeparse import (
    AMBIGUOUS,
    ZONES,
    Clock,
    find_clock,
    has_clock,
    parse_relative,
    zone_for,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, us, tzinfo=UTC)


def clocks(*texts: str) -> list[Clock | None]:
    return [find_clock(text) for text in texts]


# --- find_clock -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hour", "minute", "zone", "printed", "day"),
    [
        ("51 seconds ago (18:04 GMT)", 18, 4, "GMT", "18:04 GMT", None),
        ("17.25\u00a0GMT", 17, 25, "GMT", "17:25 GMT", None),
        ("18.04 BST", 18, 4, "BST", "18:04 BST", None),
        ("12:09 a.m. ET, October 30, 2023", 0, 9, "ET", "00:09 ET 2023-10-30", date(2023, 10, 30)),
        ("Updated 6:40 a.m. ET, February 19, 2020", 6, 40, "ET", "06:40 ET 2020-02-19", date(2020, 2, 19)),
        ("12:30 PM EDT", 12, 30, "EDT", "12:30 EDT", None),
        ("9:05pm PT", 21, 5, "PT", "21:05 PT", None),
        ("21:06 (IST)", 21, 6, "IST", "21:06 IST", None),
        ("November 02 2023 21:06 (IST)", 21, 6, "IST", "21:06 IST 2023-11-02", date(2023, 11, 2)),
        ("13:45", 13, 45, None, "13:45", None),
        ("From 49m ago 12.05 BST", 12, 5, "BST", "12:05 BST", None),
        ("21:19 BST 29 June", 21, 19, "BST", "21:19 BST --06-29", None),  # the day without its year
        ("18.04 Uhr", 18, 4, None, "18:04", None),  # German: "Uhr" makes a dot time a time
        ("18h04", 18, 4, None, "18:04", None),  # French
        ("18 h 04", 18, 4, None, "18:04", None),  # French typography: spaces (often no-break) round the h
        ("kl. 14.31", 14, 31, None, "14:31", None),  # Swedish, Danish, Norwegian: klockan
        ("ore 23:15", 23, 15, None, "23:15", None),  # Italian
        ("11 março 2024, 14:05", 14, 5, None, "14:05 2024-03-11", date(2024, 3, 11)),  # Portuguese
        ("15 października 2023, 14:05", 14, 5, None, "14:05 2023-10-15", date(2023, 10, 15)),  # Polish
        ("Päivitetty klo 20.55", 20, 55, None, "20:55", None),  # Finnish: kello
        # a Nordic day or date before a dot time: Aftonbladet, Yle
        ("i dag 05.10", 5, 10, None, "05:10", None),
        ("i går 23.05", 23, 5, None, "23:05", None),
        ("tänään 13.05", 13, 5, None, "13:05", None),
        ("12 juni 21.14", 21, 14, None, "21:14 --06-12", None),
        # Folha's dotted date with its short Portuguese month, joined by "às"
        ("20.jan.2025 às 21h10", 21, 10, None, "21:10 2025-01-20", date(2025, 1, 20)),
        ("3.out.2024 às 8h05", 8, 5, None, "08:05 2024-10-03", date(2024, 10, 3)),
        # the Spanish (RAE) style, a space inside "a. m." (El Comercio)
        ("8:40 a. m.", 8, 40, None, "08:40", None),
        ("11:50 p. m.", 23, 50, None, "23:50", None),
        (
            "14 March ,2024: 06:45 PM GST",
            18,
            45,
            "GST",
            "18:45 GST 2024-03-14",
            date(2024, 3, 14),
        ),  # Al Arabiya
        ("Mis à jour à 9\u202fh\u202f45", 9, 45, None, "09:45", None),
        ("Update vom 19. September, 0.20 Uhr", 0, 20, None, "00:20 --09-19", None),  # German
        ("Mittwoch, 18. März 2024, 18:04 Uhr", 18, 4, None, "18:04 2024-03-18", date(2024, 3, 18)),
        ("le 18 septembre 2024 à 18h04", 18, 4, None, "18:04 2024-09-18", date(2024, 9, 18)),
        ("18 de septiembre de 2024, 18:04 CEST", 18, 4, "CEST", "18:04 CEST 2024-09-18", date(2024, 9, 18)),
        ("2h ago 18 Sept 09:00", 9, 0, None, "09:00 --09-18", None),  # "ago" is no Spanish month
        ("mercoledì 18 settembre 2024, 18:04", 18, 4, None, "18:04 2024-09-18", date(2024, 9, 18)),  # Italian
        (
            "woensdag 18 september 2024, 18.04 uur",
            18,
            4,
            None,
            "18:04 2024-09-18",
            date(2024, 9, 18),
        ),  # Dutch
        ("Publié à 09H15 CET", 9, 15, "CET", "09:15 CET", None),
        (
            "04 OCT 2024 | 18:04",
            18,
            4,
            None,
            "18:04 2024-10-04",
            date(2024, 10, 4),
        ),  # OCT is a month, not a zone
        ("Sun 29 Jun 2025 21.19\u202fBST", 21, 19, "BST", "21:19 BST 2025-06-29", date(2025, 6, 29)),
        ("18:04:33 CET", 18, 4, "CET", "18:04:33 CET", None),
        ("14:00 GMT+1", 14, 0, "GMT+1", "14:00 GMT+1", None),
        ("6pm BST", 18, 0, "BST", "18:00 BST", None),
        ("at 6 p.m.", 18, 0, None, "18:00", None),
    ],
)
def test_find_clock_formats(
    text: str, hour: int, minute: int, zone: str | None, printed: str, day: date | None
) -> None:
    clock = find_clock(text)
    assert clock is not None
    assert (clock.hour, clock.minute, clock.zone, clock.printed, clock.date) == (
        hour,
        minute,
        zone,
        printed,
        day,
    )


@pytest.mark.parametrize(
    "text",
    [
        "2-1",
        "2023",
        "1 hr 15 min ago",
        "Arsenal 2-1 Chelsea, 2023",
        "costs 3.50 at most",
        "",
        "25:10",
        "13:45 am",
        "2 PM Sunak",
        "2h ago",
        "post-ab12h45",  # an id, not a French time
        "2h30m",  # a duration
        "Vinkl. 14.31",  # no "kl." of its own: a number
        "Set 5",  # tennis: "set" is no month here
        "Set 5.10",
        "3 juni 2.1",  # a date, then a number
        "i dagarna 3.10",  # "these days": no day word
        "2 h 30 min",  # a duration too
        "1h30 s",
        "6h30pm",
    ],
)
def test_find_clock_ignores_non_times(text: str) -> None:
    assert find_clock(text) is None


def test_printed_ignores_relative_text_and_separator() -> None:
    found = clocks("51 seconds ago (18:04 GMT)", "11 mins ago (18:04 GMT)", "18.04\u00a0GMT")
    printed = {c.printed if c else None for c in found}
    assert printed == {"18:04 GMT"}


def test_lowercase_words_are_not_zones() -> None:
    clock = find_clock("at 13:45 cat videos")
    assert clock is not None and clock.zone is None


def test_clock_rejects_out_of_range() -> None:
    with pytest.raises(ValueError):
        Clock(hour=24, minute=0, printed="24:00")


# --- parse_relative ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("51 seconds ago", timedelta(seconds=51)),
        ("11 mins ago", timedelta(minutes=11)),
        ("1 min ago", timedelta(minutes=1)),
        ("1 hour ago", timedelta(hours=1)),
        ("an hour ago", timedelta(hours=1)),
        ("1 hour and 5 mins ago", timedelta(hours=1, minutes=5)),
        ("1h5m ago", timedelta(hours=1, minutes=5)),
        ("a day ago", None),
        ("2 hr 55 min ago", timedelta(hours=2, minutes=55)),
        ("1 hr 15 min ago", timedelta(hours=1, minutes=15)),
        ("2h ago", timedelta(hours=2)),
        ("9m ago", timedelta(minutes=9)),
        ("40 Min Ago", timedelta(minutes=40)),
        ("From 49m ago 12.05 BST", timedelta(minutes=49)),
        ("51 seconds ago (18:04 GMT)", timedelta(seconds=51)),
        ("just now", timedelta(0)),
        ("2 days ago", None),
        ("2 months ago", None),
        ("1 day 2 hours ago", None),
        ("yesterday", None),
        ("18:04 GMT", None),
        ("", None),
        # German, French, Spanish, Dutch, Italian
        ("vor 5 Minuten", timedelta(minutes=5)),
        ("Aktualisiert vor 2 Std.", timedelta(hours=2)),
        ("vor einer Stunde", timedelta(hours=1)),
        ("il y a 3 min", timedelta(minutes=3)),
        ("Il y a une heure", timedelta(hours=1)),
        ("hace 30 segundos", timedelta(seconds=30)),
        ("hace una hora", timedelta(hours=1)),
        ("5 minuten geleden", timedelta(minutes=5)),
        ("een uur geleden", timedelta(hours=1)),
        ("2 ore fa", timedelta(hours=2)),
        # Swedish, Danish, Norwegian, Finnish, Portuguese, Polish, Czech, Turkish
        ("för 4 minuter sedan", timedelta(minutes=4)),
        ("för en timme sedan", timedelta(hours=1)),
        ("for 2 timer siden", timedelta(hours=2)),
        ("4 minuuttia sitten", timedelta(minutes=4)),
        ("há 5 minutos", timedelta(minutes=5)),
        ("5 min temu", timedelta(minutes=5)),
        ("godzinę temu", timedelta(hours=1)),
        ("před 5 minutami", timedelta(minutes=5)),
        ("před hodinou", timedelta(hours=1)),
        ("5 dakika önce", timedelta(minutes=5)),
        ("3 dagar sedan", None),
        ("for 2 days", None),  # English "for": no relative time
        ("un’ora fa", timedelta(hours=1)),
        ("gerade eben", timedelta(0)),
        ("à l’instant", timedelta(0)),
        ("vor 2 Tagen", None),
        ("il y a 3 jours", None),
        ("hace 2 días", None),
        ("Favor 5 Minuten", None),  # not the word "vor"
        ("vor 5 Mio. Jahren", None),
    ],
)
def test_parse_relative(text: str, expected: timedelta | None) -> None:
    assert parse_relative(text) == expected


# --- parse_explicit ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-12-13T17:25:40+0000", utc(2023, 12, 13, 17, 25, 40)),
        ("2023-10-30T04:09:00Z", utc(2023, 10, 30, 4, 9)),
        ("2023-10-30T04:09:00.123Z", utc(2023, 10, 30, 4, 9, 0, 123000)),
        ("2024-08-02T18:42:00.475+01:00", utc(2024, 8, 2, 17, 42, 0, 475000)),
        ("2023-11-02T21:06:52+05:30", utc(2023, 11, 2, 15, 36, 52)),
        (" 2023-12-13 17:25:40+00:00 ", utc(2023, 12, 13, 17, 25, 40)),
        ("Wed, 26 Jan 2022 18:05:00 GMT", utc(2022, 1, 26, 18, 5)),
        (1702487140000, utc(2023, 12, 13, 17, 5, 40)),
        ("1702487140000", utc(2023, 12, 13, 17, 5, 40)),
        (1702487140, utc(2023, 12, 13, 17, 5, 40)),
        (1702487140.5, utc(2023, 12, 13, 17, 5, 40, 500000)),
        ("2024-07-18T11:48", None),
        ("2024-07-18", None),
        ("", None),
        ("yesterday", None),
        ("20231030", None),
        (0, None),
        (float("nan"), None),
        (True, None),
    ],
)
def test_parse_explicit(value: str | int | float, expected: datetime | None) -> None:
    result = parse_explicit(value)
    assert result == expected
    if result is not None:
        assert result.tzinfo is UTC


def test_parse_explicit_naive_localises() -> None:
    assert parse_explicit_naive("2024-07-18T11:48", ZoneInfo("Asia/Qatar")) == utc(2024, 7, 18, 8, 48)
    assert parse_explicit_naive("2024-07-18T11:48", LONDON) == utc(2024, 7, 18, 10, 48)
    assert parse_explicit_naive("2024-07-18T11:48Z", LONDON) == utc(2024, 7, 18, 11, 48)
    assert parse_explicit_naive("nonsense", LONDON) is None


# --- zones -------------------------------------------------------------------------------------


def test_every_table_zone_loads() -> None:
    for abbrev in ZONES:
        assert zone_for(abbrev, UTC) is not None
    for candidates in AMBIGUOUS.values():
        for name in candidates.values():
            ZoneInfo(name)


def test_zone_for() -> None:
    assert zone_for("ET", UTC) == NEW_YORK
    assert zone_for("EST", UTC) == NEW_YORK
    assert zone_for("BST", UTC) == LONDON
    assert zone_for("CEST", UTC) == BERLIN
    assert zone_for("GMT", LONDON).utcoffset(datetime(2024, 7, 1)) == timedelta(0)
    assert zone_for("(IST)", UTC) == ZoneInfo("Asia/Kolkata")
    assert zone_for("IST", ZoneInfo("Europe/Dublin")) == ZoneInfo("Europe/Dublin")
    assert zone_for("CST", ZoneInfo("Asia/Shanghai")) == ZoneInfo("Asia/Shanghai")
    assert zone_for("CST", LONDON) == ZoneInfo("America/Chicago")
    assert zone_for("GMT+5:30", UTC).utcoffset(None) == timedelta(hours=5, minutes=30)
    assert zone_for(None, LONDON) is LONDON


def test_unknown_zone_warns_and_uses_default(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="livetail.time"):
        assert zone_for("XQT", LONDON) is LONDON
    assert "XQT" in caplog.text


# --- reference_from_pair -----------------------------------------------------------------------


def test_reference_from_pair() -> None:
    assert reference_from_pair("51 seconds ago (18:04 GMT)", date(2022, 1, 26)) == utc(2022, 1, 26, 18, 4, 51)
    text = "Live\n<span>11 mins ago</span> (17:54 GMT)\nmore\n2 hr 55 min ago (15:10 GMT)"
    assert reference_from_pair(text, date(2022, 1, 26)) == utc(2022, 1, 26, 18, 5)
    # The clock is yesterday's when clock + N crosses into the capture day.
    assert reference_from_pair("5 mins ago (23:58 GMT)", date(2022, 1, 27)) == utc(2022, 1, 27, 0, 3)
    assert reference_from_pair("10 mins ago (18:04 BST)", date(2024, 7, 1)) == utc(2024, 7, 1, 17, 14)
    assert reference_from_pair("18:04 GMT, and elsewhere 2 days ago", date(2022, 1, 26)) is None
    assert reference_from_pair("no times here", date(2022, 1, 26)) is None


# --- resolve_clocks: examples ------------------------------------------------------------------


def test_seed_example_gmt() -> None:
    assert resolve_clocks(clocks("51 seconds ago (18:04 GMT)"), utc(2022, 1, 26, 18, 5), UTC) == [
        utc(2022, 1, 26, 18, 4)
    ]


def test_bst_in_summer_is_an_hour_ahead_of_utc() -> None:
    assert resolve_clocks(clocks("18.04 BST"), utc(2024, 7, 1, 18), UTC) == [utc(2024, 7, 1, 17, 4)]


def test_no_zone_uses_default() -> None:
    assert resolve_clocks(clocks("13:45"), utc(2024, 7, 1, 18), LONDON) == [utc(2024, 7, 1, 12, 45)]


def test_any_tzinfo_dates_clocks_as_its_zoneinfo_twin_does() -> None:
    # A caller's zone may be any tzinfo, one that cannot be hashed (dateutil's) included; the
    # remembered readings serve only zones that hash by what they mean.
    page = clocks("01:30", "00:50", "23:40", "01:10")
    for reference in (utc(2024, 3, 31, 2), utc(2024, 10, 27, 1, 45), utc(2024, 7, 1, 1)):
        expected = resolve_clocks(page, reference, LONDON)
        assert resolve_clocks(page, reference, dateutil.tz.gettz("Europe/London")) == expected
    named, unnamed = timezone(timedelta(hours=1), "CET"), timezone(timedelta(hours=1))
    cet = clocks("10:30 CET", "09:15")
    assert resolve_clocks(cet, utc(2024, 1, 2, 12), named) == resolve_clocks(
        cet, utc(2024, 1, 2, 12), unnamed
    )


def test_dated_clock_resolves_directly() -> None:
    page = clocks("12:09 a.m. ET, October 30, 2023", "01:30 EST, November 3, 2024")
    assert resolve_clocks(page, utc(2020, 1, 1), UTC) == [utc(2023, 10, 30, 4, 9), utc(2024, 11, 3, 6, 30)]


@pytest.mark.parametrize("reference", [utc(2024, 1, 2, 0, 15), utc(2024, 1, 2, 21, 0)])
def test_midnight_crossing(reference: datetime) -> None:
    page = clocks("00:10 GMT", "23:50 GMT", "23:40 GMT")
    assert resolve_clocks(page, reference, UTC) == [
        utc(2024, 1, 2, 0, 10),
        utc(2024, 1, 1, 23, 50),
        utc(2024, 1, 1, 23, 40),
    ]


def test_unmarked_pinned_post_on_top_shifts_nobody() -> None:
    page = clocks("08:00 GMT", "18:04 GMT", "17:54 GMT")
    assert resolve_clocks(page, utc(2024, 1, 2, 18, 10), UTC) == [
        utc(2024, 1, 2, 8, 0),
        utc(2024, 1, 2, 18, 4),
        utc(2024, 1, 2, 17, 54),
    ]


def test_with_a_day_alone_the_top_post_is_the_days_newest_unless_the_gaps_say_pinned() -> None:
    end_of_day = utc(2024, 1, 2, 23, 59, 59)
    crossing = clocks("00:12 GMT", "23:47 GMT", "23:30 GMT")
    assert resolve_clocks(crossing, end_of_day, UTC, reference_is_day=True) == [
        utc(2024, 1, 2, 0, 12),
        utc(2024, 1, 1, 23, 47),
        utc(2024, 1, 1, 23, 30),
    ]
    # against a real instant the same page is an old pinned post above this evening's posts
    assert resolve_clocks(crossing, end_of_day, UTC)[1:] == [utc(2024, 1, 2, 23, 47), utc(2024, 1, 2, 23, 30)]
    pinned = clocks("08:00 GMT", "18:04 GMT", "17:54 GMT")
    assert resolve_clocks(pinned, end_of_day, UTC, reference_is_day=True) == [
        utc(2024, 1, 2, 8, 0),
        utc(2024, 1, 2, 18, 4),
        utc(2024, 1, 2, 17, 54),
    ]


def test_with_a_day_alone_a_night_without_posts_above_a_midnight_crossing_is_no_pinned_post() -> None:
    # WRAL, Helene: the morning's first post, then a night's gap, then the crossing under it.
    page = clocks("07:02 GMT", "00:10 GMT", "23:38 GMT", "21:14 GMT")
    assert resolve_clocks(page, utc(2024, 9, 27, 23, 59, 59), UTC, reference_is_day=True) == [
        utc(2024, 9, 27, 7, 2),
        utc(2024, 9, 27, 0, 10),
        utc(2024, 9, 26, 23, 38),
        utc(2024, 9, 26, 21, 14),
    ]


def test_with_a_day_alone_a_pinned_post_is_dated_soon_after_the_newest_post_at_the_latest() -> None:
    # ESPN, the draft: "7:30 PM" pinned over the night's posts from 12:06 AM; the page was current
    # soon after those, so the pinned post is last evening's, not this evening's.
    page = clocks("19:30 GMT", "00:06 GMT", "23:48 GMT", "20:05 GMT")
    got = resolve_clocks(
        page, utc(2025, 4, 25, 23, 59, 59), UTC, [True, False, False, False], reference_is_day=True
    )
    assert got == [
        utc(2025, 4, 24, 19, 30),
        utc(2025, 4, 25, 0, 6),
        utc(2025, 4, 24, 23, 48),
        utc(2025, 4, 24, 20, 5),
    ]
    # a pinned post from just after the newest one stays on its day
    page = clocks("01:10 GMT", "00:06 GMT", "23:48 GMT")
    got = resolve_clocks(page, utc(2025, 4, 25, 23, 59, 59), UTC, [True, False, False], reference_is_day=True)
    assert got[0] == utc(2025, 4, 25, 1, 10)
    # a pinned closing summary hours after the last post is this evening's, nearer that post
    page = clocks("20:00 GMT", "16:00 GMT", "15:00 GMT")
    got = resolve_clocks(page, utc(2025, 4, 25, 23, 59, 59), UTC, [True, False, False], reference_is_day=True)
    assert got[0] == utc(2025, 4, 25, 20, 0)
    # the newest post may print its day (NHK): the pinned post is measured against it too
    page = clocks("16:00 GMT", "14 March 2024, 18:00 GMT", "12:00 GMT", "11:30 GMT")
    got = resolve_clocks(
        page, utc(2024, 3, 14, 23, 59, 59), UTC, [True, False, False, False], reference_is_day=True
    )
    assert got[:2] == [utc(2024, 3, 14, 16, 0), utc(2024, 3, 14, 18, 0)]
    # a pinned morning post over posts from that morning to past midnight is that morning's
    page = clocks("09:00 GMT", "00:40 GMT", "00:10 GMT", "23:50 GMT", "15:00 GMT", "09:10 GMT")
    got = resolve_clocks(page, utc(2024, 3, 14, 23, 59, 59), UTC, [True] + [False] * 5, reference_is_day=True)
    assert got[0] == utc(2024, 3, 13, 9, 0) and got[-1] == utc(2024, 3, 13, 9, 10)
    # against a real instant the pinned post is dated as before: the latest not after it
    got = resolve_clocks(clocks("19:30 GMT", "00:06 GMT"), utc(2025, 4, 25, 21), UTC, [True, False])
    assert got == [utc(2025, 4, 25, 19, 30), utc(2025, 4, 25, 0, 6)]


def test_with_a_day_alone_a_summary_hours_before_the_evening_posts_is_pinned() -> None:
    # 09:00 over 23:50 could be a crossing of nine hours: too long; it is a summary on top.
    page = clocks("09:00 GMT", "23:50 GMT", "21:15 GMT", "12:31 GMT")
    result = resolve_clocks(page, utc(2024, 3, 6, 23, 59, 59), UTC, reference_is_day=True)
    assert result[1:] == [utc(2024, 3, 6, 23, 50), utc(2024, 3, 6, 21, 15), utc(2024, 3, 6, 12, 31)]


def test_two_unmarked_pinned_posts_on_top() -> None:
    page = clocks("08:00 GMT", "07:00 GMT", "18:04 GMT", "17:54 GMT")
    result = resolve_clocks(page, utc(2024, 1, 2, 18, 10), UTC)
    assert result[2:] == [utc(2024, 1, 2, 18, 4), utc(2024, 1, 2, 17, 54)]


def test_marked_pinned_post_is_resolved_against_reference() -> None:
    page = clocks("18:09 GMT", "18:04 GMT", "17:54 GMT")
    result = resolve_clocks(page, utc(2024, 1, 2, 18, 10), UTC, [True, False, False])
    assert result == [utc(2024, 1, 2, 18, 9), utc(2024, 1, 2, 18, 4), utc(2024, 1, 2, 17, 54)]


def test_promoted_post_in_the_middle() -> None:
    page = clocks("18:04 GMT", "17:54 GMT", "09:00 GMT", "17:40 GMT", "17:30 GMT")
    assert resolve_clocks(page, utc(2024, 1, 2, 18, 10), UTC) == [
        utc(2024, 1, 2, 18, 4),
        utc(2024, 1, 2, 17, 54),
        utc(2024, 1, 2, 9, 0),
        utc(2024, 1, 2, 17, 40),
        utc(2024, 1, 2, 17, 30),
    ]


def test_none_entries_stay_none_and_do_not_move_the_bound() -> None:
    page = [find_clock("00:10 GMT"), None, find_clock("23:50 GMT")]
    assert resolve_clocks(page, utc(2024, 1, 2, 0, 15), UTC) == [
        utc(2024, 1, 2, 0, 10),
        None,
        utc(2024, 1, 1, 23, 50),
    ]


def test_oldest_first_page() -> None:
    page = clocks("17:30 GMT", "17:40 GMT", "17:54 GMT", "18:04 GMT")
    assert resolve_clocks(page, utc(2024, 1, 2, 18, 10), UTC) == [
        utc(2024, 1, 2, 17, 30),
        utc(2024, 1, 2, 17, 40),
        utc(2024, 1, 2, 17, 54),
        utc(2024, 1, 2, 18, 4),
    ]


def test_oldest_first_page_across_midnight() -> None:
    page = clocks("23:40 GMT", "23:50 GMT", "00:10 GMT")
    assert resolve_clocks(page, utc(2024, 1, 2, 0, 15), UTC) == [
        utc(2024, 1, 1, 23, 40),
        utc(2024, 1, 1, 23, 50),
        utc(2024, 1, 2, 0, 10),
    ]


def test_london_spring_forward() -> None:
    page = clocks("02:10 BST", "00:50 GMT", "23:30 GMT")
    assert resolve_clocks(page, utc(2024, 3, 31, 1, 20), LONDON) == [
        utc(2024, 3, 31, 1, 10),
        utc(2024, 3, 31, 0, 50),
        utc(2024, 3, 30, 23, 30),
    ]


def test_london_fall_back_label_picks_the_side_of_the_repeated_hour() -> None:
    page = clocks("01:20 GMT", "01:40 BST", "01:10 BST")
    assert resolve_clocks(page, utc(2024, 10, 27, 1, 30), LONDON) == [
        utc(2024, 10, 27, 1, 20),
        utc(2024, 10, 27, 0, 40),
        utc(2024, 10, 27, 0, 10),
    ]


def test_new_york_fall_back_with_generic_et() -> None:
    page = clocks("1:20 a.m. ET", "1:50 a.m. ET", "1:10 a.m. ET", "11:45 p.m. ET")
    assert resolve_clocks(page, utc(2024, 11, 3, 6, 30), UTC) == [
        utc(2024, 11, 3, 6, 20),
        utc(2024, 11, 3, 5, 50),
        utc(2024, 11, 3, 5, 10),
        utc(2024, 11, 3, 3, 45),
    ]


def test_new_york_spring_forward() -> None:
    page = clocks("3:05 a.m. ET", "1:55 a.m. ET", "11:30 p.m. ET")
    assert resolve_clocks(page, utc(2024, 3, 10, 7, 10), UTC) == [
        utc(2024, 3, 10, 7, 5),
        utc(2024, 3, 10, 6, 55),
        utc(2024, 3, 10, 4, 30),
    ]


def test_time_in_a_spring_forward_gap_is_not_read_on_that_day() -> None:
    # 02:00 never shows on a Berlin clock on 2024-03-31; the latest 02:00 before 03:05 CEST is the day before.
    page = clocks("02:00 CET", "01:00 GMT")
    assert resolve_clocks(page, utc(2024, 3, 31, 1, 5), UTC)[0] == utc(2024, 3, 30, 1, 0)


def test_naive_reference_is_refused() -> None:
    with pytest.raises(ValueError):
        resolve_clocks(clocks("18:04 GMT"), datetime(2024, 1, 1), UTC)


# --- resolve_clocks: properties ----------------------------------------------------------------

DST_EDGES = [
    utc(2024, 3, 10, 7),  # New York spring forward
    utc(2024, 3, 31, 1),  # London and Berlin spring forward
    utc(2024, 10, 27, 1),  # London and Berlin fall back
    utc(2024, 11, 3, 6),  # New York fall back
    utc(2023, 10, 29, 1),
]

instants_near_dst = st.builds(
    lambda edge, minutes: edge + timedelta(minutes=minutes),
    st.sampled_from(DST_EDGES),
    st.integers(-1500, 1500),
)
any_instant = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2035, 12, 30), timezones=st.just(UTC)
)
newest_instants = st.one_of(any_instant, instants_near_dst).map(lambda t: t.replace(second=0, microsecond=0))


def _ambiguous(local: datetime) -> bool:
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


@st.composite
def printed_clock(draw: st.DrawFn, instant: datetime) -> tuple[str, str]:
    """How a careful page prints ``instant``: (text, zone label). Labels pin repeated DST hours."""
    options = ["GMT", "ET", "CET"] + (["BST"] if instant.astimezone(LONDON).tzname() == "BST" else [])
    label = draw(st.sampled_from(options))
    if label == "GMT":
        local = instant
    elif label == "BST":
        local = instant.astimezone(LONDON)
    elif label == "CET":
        local = instant.astimezone(BERLIN)
        label = local.tzname() or label
    else:
        local = instant.astimezone(NEW_YORK)
        if _ambiguous(local):
            label = local.tzname() or label
    style = draw(st.sampled_from(["colon", "dot", "paren", "12h"]))
    if style == "12h":
        hour12 = local.hour % 12 or 12
        text = f"{hour12}:{local.minute:02d} {'a.m.' if local.hour < 12 else 'p.m.'} {label}"
    elif style == "dot":
        text = f"{local.hour:02d}.{local.minute:02d}\u00a0{label}"
    elif style == "paren":
        text = f"{local.hour:02d}:{local.minute:02d} ({label})"
    else:
        text = f"{local.hour:02d}:{local.minute:02d} {label}"
    return text, label


@st.composite
def pages(draw: st.DrawFn) -> tuple[list[datetime], list[str], datetime]:
    """Newest-first instants spanning under 20 h, their printed clocks, and a reference after them."""
    newest = draw(newest_instants)
    gaps = draw(st.lists(st.integers(0, 600), max_size=8))
    instants, back = [newest], 0
    for gap in gaps:
        back = min(back + gap, 20 * 60 - 1)
        instants.append(newest - timedelta(minutes=back))
    texts = [draw(printed_clock(instant))[0] for instant in instants]
    reference = newest + timedelta(seconds=draw(st.integers(0, 2 * 3600)))
    return instants, texts, reference


@given(pages(), st.booleans())
def test_property_round_trip(page: tuple[list[datetime], list[str], datetime], oldest_first: bool) -> None:
    instants, texts, reference = page
    if oldest_first:
        instants, texts = instants[::-1], texts[::-1]
    assert resolve_clocks(clocks(*texts), reference, UTC) == instants


@given(pages(), st.integers(1, 72 * 60), st.data())
def test_property_unmarked_old_pinned_post_on_top(
    page: tuple[list[datetime], list[str], datetime], older_by: int, data: st.DataObject
) -> None:
    instants, texts, reference = page
    pinned_at = instants[-1] - timedelta(minutes=older_by)
    pinned_text, label = data.draw(printed_clock(pinned_at))
    pinned_clock = find_clock(pinned_text)
    assert pinned_clock is not None
    result = resolve_clocks([pinned_clock, *clocks(*texts)], reference, UTC)
    assert result[1:] == instants
    top = result[0]
    # Its true date is unknowable; it gets the latest reading of its clock, so never before the truth.
    assert top is not None and pinned_at <= top <= reference
    wall = top.astimezone(zone_for(label, UTC))
    assert (wall.hour, wall.minute) == (pinned_clock.hour, pinned_clock.minute)


zone_labels = st.sampled_from([None, "GMT", "BST", "ET", "EST", "EDT", "CET", "CEST", "IST", "JST"])
any_clock = st.builds(
    lambda h, m, z: Clock(hour=h, minute=m, zone=z, printed=f"{h:02d}:{m:02d}"),
    st.integers(0, 23),
    st.integers(0, 59),
    zone_labels,
)


@given(
    st.lists(st.one_of(st.none(), any_clock), max_size=12),
    st.lists(st.booleans(), max_size=12),
    st.one_of(any_instant, instants_near_dst),
    st.sampled_from([UTC, LONDON, NEW_YORK, ZoneInfo("Asia/Kolkata")]),
)
def test_property_never_after_reference(
    page: list[Clock | None], pinned: list[bool], reference: datetime, default: tzinfo
) -> None:
    result = resolve_clocks(page, reference, default, pinned)
    assert len(result) == len(page)
    for clock, resolved in zip(page, result, strict=True):
        assert (clock is None) == (resolved is None)
        if resolved is not None:
            assert resolved.tzinfo is UTC
            # Each step of the walk goes back at most a day (two around a DST gap).
            assert reference - timedelta(days=2 * len(page) + 2) < resolved <= reference


@given(st.text())
def test_property_parsers_never_raise(text: str) -> None:
    find_clock(text)
    parse_relative(text)
    parse_explicit(text)
    parse_explicit_naive(text, LONDON)
    reference_from_pair(text, date(2024, 1, 1))


@given(st.one_of(st.integers(), st.floats()))
def test_property_parse_explicit_numbers_never_raise(value: int | float) -> None:
    result = parse_explicit(value)
    assert result is None or result.tzinfo is UTC


_CLOCKISH = st.text(alphabet=st.sampled_from(list("0123456789:. apmAPMGTBSUCEDZ+-()٣\u00a0")), max_size=16)


@given(text=_CLOCKISH)
def test_has_clock_is_find_clock_without_the_clock(text: str) -> None:
    assert has_clock(text) == (find_clock(text) is not None)


@pytest.mark.parametrize(
    ("text", "printed_date"),
    [
        ("12:09 a.m. ET, October 30, 2023", date(2023, 10, 30)),
        ("July 4, 2024, 7:00 AM EDT", date(2024, 7, 4)),
        ("Wednesday, July 4, 2024, 7:00 AM EDT", date(2024, 7, 4)),
        ("4 July 2024, 07:00", date(2024, 7, 4)),
        ("23.02.2025 • 18:04", date(2025, 2, 23)),
        ("09:15 BST 2 July", None),  # no year: dated by the walk, like a bare clock
    ],
)
def test_a_stamp_may_print_its_date_with_the_clock(text: str, printed_date: date | None) -> None:
    label = time_label(text)
    assert label is not None and label.clock is not None, text
    assert label.clock.date == printed_date


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["{clock}, {long}", "{long}, {clock}", "{clock} {short}", "{num} • {clock}"]),
)
def test_dated_stamps_read_the_day_they_print(day: date, hour: int, minute: int, layout: str) -> None:
    long = f"{day:%B} {day.day}, {day.year}"
    text = layout.format(
        clock=f"{hour:02d}:{minute:02d}",
        long=long,
        short=f"{day.day} {day:%B} {day.year}",
        num=f"{day.day}.{day.month}.{day.year}",
    )
    label = time_label(text)
    assert label is not None and label.clock is not None, text
    assert (label.clock.date, label.clock.hour, label.clock.minute) == (day, hour, minute), text


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("09:15 BST 2 July", datetime(2024, 7, 4, 7, tzinfo=UTC), datetime(2024, 7, 2, 8, 15, tzinfo=UTC)),
        # the latest such day not after the reference: last year's, across New Year
        (
            "23:50 GMT 31 December",
            datetime(2025, 1, 1, 0, 30, tzinfo=UTC),
            datetime(2024, 12, 31, 23, 50, tzinfo=UTC),
        ),
        ("10:00 GMT 29 February", datetime(2025, 3, 1, tzinfo=UTC), datetime(2024, 2, 29, 10, tzinfo=UTC)),
    ],
)
def test_a_day_printed_without_its_year_dates_the_clock(
    text: str, reference: datetime, expected: datetime
) -> None:
    clock = find_clock(text)
    assert clock is not None and clock.month_day is not None and clock.date is None
    assert resolve_clocks([clock], reference, ZoneInfo("Europe/London")) == [expected]


def test_a_day_is_not_the_hour_of_the_clock_after_it() -> None:
    clock = find_clock("July 09:15")
    assert clock is not None and (clock.hour, clock.minute, clock.month_day) == (9, 15, None)


def test_an_edit_time_at_the_end_of_the_calendar_is_none_not_an_error() -> None:
    clock = find_clock("Updated 00:10")
    assert clock is not None
    assert edit_time(clock, UTC, datetime(9999, 12, 31, 23, 30, tzinfo=UTC)) is None


def test_an_edit_time_is_never_a_future_misreading() -> None:
    late = Clock(hour=18, minute=30, second=0, zone=None, printed="18:30", month_day=(9, 19))
    assert (
        edit_time(late, LONDON, datetime(2024, 9, 19, 23, 30, tzinfo=UTC)) is None
    )  # the 19th was yesterday there
    new_year = find_clock("Updated 31 December 23:59")
    assert new_year is not None
    assert edit_time(new_year, LONDON, datetime(2024, 9, 18, tzinfo=UTC)) is None


# --- clocks that print their day, among clocks that do not ---------------------------------------


def _day(text: str, day: date) -> Clock:
    clock = find_clock(text)
    assert clock is not None
    return dataclass_replace(clock, date=day)


def test_a_clock_that_prints_its_day_dates_the_bare_clocks_below_it() -> None:
    # NHK: "3月14日 2時15分", "3月14日 0時40分", "3月13日 23時50分", then "23時10分", "22時05分".
    page = [
        _day("02:15", date(2024, 3, 14)),
        _day("00:40", date(2024, 3, 14)),
        _day("23:50", date(2024, 3, 13)),
        find_clock("23:10"),
        find_clock("22:05"),
    ]
    got = resolve_clocks(page, utc(2024, 3, 14, 23, 59, 59), UTC, reference_is_day=True)
    assert got[3:] == [utc(2024, 3, 13, 23, 10), utc(2024, 3, 13, 22, 5)]
    # The same with a live reference, and with the first post of each day alone printing its day.
    firsts = [
        _day("09:00", date(2024, 3, 14)),
        find_clock("08:30"),
        _day("23:00", date(2024, 3, 13)),
        find_clock("22:00"),
    ]
    got = resolve_clocks(firsts, utc(2024, 3, 14, 9, 5), UTC)
    assert got == [utc(2024, 3, 14, 9), utc(2024, 3, 14, 8, 30), utc(2024, 3, 13, 23), utc(2024, 3, 13, 22)]


def test_a_dated_old_post_promoted_among_bare_clocks_moves_nobody() -> None:
    page = [find_clock("14:00"), _day("09:00", date(2024, 3, 14)), find_clock("13:50"), find_clock("13:20")]
    got = resolve_clocks(page, utc(2024, 3, 14, 14, 30), UTC)
    assert got == [
        utc(2024, 3, 14, 14),
        utc(2024, 3, 14, 9),
        utc(2024, 3, 14, 13, 50),
        utc(2024, 3, 14, 13, 20),
    ]
    old_on_top = [_day("09:00", date(2024, 3, 10)), find_clock("14:00"), find_clock("13:50")]
    got = resolve_clocks(old_on_top, utc(2024, 3, 14, 14, 30), UTC)
    assert got[1:] == [utc(2024, 3, 14, 14), utc(2024, 3, 14, 13, 50)]


@pytest.mark.parametrize(
    ("line", "edited"),
    [
        ("Ažurirano 14:05", True),  # Croatian
        ("Ажурирано 14:05", True),  # Serbian
        ("Posodobljeno 14:05", True),  # Slovene
        ("Aktualizované 14:05", True),  # Slovak
        ("Актуализирано 14:05", True),  # Bulgarian
        ("Diperbarui 14:05 WIB", True),  # Indonesian
        ("Cập nhật 14:05", True),  # Vietnamese
        ("อัปเดต 14:05 น.", True),  # Thai
        ("עודכן 14:05", True),  # Hebrew
        ("Güncelleme: 14:05", True),  # Turkish (the noun)
        ("Objavljeno 14:05", False),  # "published"
        ("Опубликовано 14:05", False),
        ("Publicat 14:05", False),
        ("14:05 น.", False),  # Thai "o'clock" after a clock, as "Uhr"
        ("14.05 น.", False),
    ],
)
def test_updated_and_published_words_in_more_languages(line: str, edited: bool) -> None:
    from livetail.extract.stampwords import UPDATED_WORDS, is_stamp

    assert is_stamp(line)
    label = time_label(line)
    assert label is not None and label.clock is not None
    assert (label.clock.hour, label.clock.minute) == (14, 5)
    assert (UPDATED_WORDS.search(line) is not None) == edited


def test_a_dotted_number_before_another_thai_word_is_no_clock() -> None:
    assert find_clock("ราคา 14.05 บาท") is None  # a price: 14.05 baht


def test_a_chinese_edit_time_in_full_width_brackets() -> None:
    # Caixin: "14:05 （更新于14:30）"
    label = time_label("14:05 （更新于14:30）")
    assert label is not None and label.clock is not None and label.edited is not None
    assert (label.clock.hour, label.clock.minute, label.edited.hour, label.edited.minute) == (14, 5, 14, 30)


@pytest.mark.parametrize("line", ["La 2024", "U 2025", "O 25 de Abril", "La 2 giugno", "o 5 min"])
def test_at_in_other_languages_makes_a_stamp_only_before_a_clock(line: str) -> None:
    from livetail.extract.stampwords import is_stamp

    assert not is_stamp(line)
    assert is_stamp(line.split()[0] + " 14:05")


@pytest.mark.parametrize("text", ["ใช้เวลา 12.30 นาที", "10.50 นิ้ว", "12.50 น็อต"])
def test_a_thai_unit_after_a_dotted_number_is_no_clock(text: str) -> None:
    assert find_clock(text) is None


@pytest.mark.parametrize(
    ("line", "lap"),
    [("Lap 23/52", "Lap 23/52"), ("LAP 23 / 52", "Lap 23/52"), ("Lap 7", "Lap 7"), ("Runde 23/57", "Lap 23/57"),
     ("Tour 5 sur 44", "Lap 5/44"), ("Vuelta 12 de 66", "Lap 12/66"), ("lap 3 of 58", "Lap 3/58")],
)  # fmt: skip
def test_a_race_lap_is_a_label_without_an_instant(line: str, lap: str) -> None:
    label = time_label(line)
    assert label is not None and label.minute == lap and label.clock is None and label.relative is None
    assert is_time_label(line)


@pytest.mark.parametrize(
    "line",
    [
        "Tour 2026",
        "Giro 3",
        "Runde 60/57",
        "Lap 0/52",
        "Tour de France 5/21",
        "Ronde 4",
        "Tour 2/3",
        "Runde 5 von 9",
    ],
)
def test_what_is_no_race_lap(line: str) -> None:
    assert time_label(line) is None
    assert not is_time_label(line)
