"""Times as live blogs print them, turned into aware UTC datetimes.

Pure functions: no I/O, no clock reads. The rules (DESIGN.md, "Identity and time"):

* An explicit datetime (ISO 8601 / RFC 3339, RFC 1123, epoch seconds or milliseconds) wins; it is
  read in :mod:`livetail.extract.explicittime`, which never guesses a naive one's zone.
* A printed time of day (``find_clock``) keeps its zone abbreviation as printed. Abbreviations map
  through ``ZONES`` to IANA zones, so the offset follows the date (a page printing "EST" in July is
  read as New York time); GMT, UTC and Z are fixed UTC. An abbreviation that names one offset of
  its zone ("BST", "EDT", "CET") also picks that side of a repeated hour. ``AMBIGUOUS``
  abbreviations go to the caller's default zone when it is a candidate, else the first candidate.
  dateutil is never used: it silently returns naive times for "BST"/"EDT".
* A dot separator ("17.25 GMT") only counts with a zone or am/pm after it, so prices and scores
  are not read as times; a colon time may stand alone ("13:45").
* ``Clock.printed`` is canonical ("18:04 GMT", "00:09 ET 2023-10-30") so that the uid hashed from it
  survives "17.25 GMT" turning into "17:25 GMT"; it never holds relative text.
* Relative times count only when finer than a day ("2 hr 55 min ago", "9m ago"); anything with
  days, weeks, months or years, and "yesterday", gives None.
* :mod:`livetail.extract.clockdates` dates clocks: on their printed day, after a post (edits), and
  a page's clocks in page order (``resolve_clocks``, whose docstring holds the ordering rules).

The zone table lives in :mod:`livetail.extract.zones` and relative times in
:mod:`livetail.extract.relativetime`; both are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from livetail.extract import nonlatin
from livetail.extract.calendarwords import MONTHS, PORTUGUESE_SHORT_MONTHS, word_alternation
from livetail.extract.relativetime import parse_relative
from livetail.extract.zones import AMBIGUOUS, OFFSET_ZONE, ZONES, zone_for

__all__ = [
    "AMBIGUOUS",
    "ZONES",
    "Clock",
    "Day",
    "find_clock",
    "has_clock",
    "parse_relative",
    "printed_day",
    "second_clock",
    "zone_for",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Clock:
    """A time of day as printed on the page, with the date only when the page printed a full one."""

    hour: int
    minute: int
    second: int = 0
    zone: str | None = None
    printed: str
    date: dt.date | None = None
    month_day: tuple[int, int] | None = None  # a date printed without its year ("2 July")
    days_ago: int | None = None  # "Today, 09:12": 0, "Gestern, 22:15": 1 (days before the reference's)
    # "2 days ago · 10:00 AM": whole days (24 hours each) between the clock's instant and the reference
    days_elapsed: int | None = None
    weekday: int | None = (
        None  # "12:40 a.m. Saturday": 5 (its day is the last Saturday up to the reference's)
    )
    # Which half of the day it is was printed ("1:15 pm", "午後1時15分", "1:15 م") or goes without
    # saying ("01:20", "13:05", "18h04", "1:20 Uhr"); False for "1:20", which a 12-hour page may print.
    half_known: bool = False

    def __post_init__(self) -> None:
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59 and 0 <= self.second <= 59):
            raise ValueError(f"Clock out of range: {self.hour}:{self.minute}:{self.second}")


_MONTH = r"(?P<{}>" + word_alternation(MONTHS).replace("{", "{{").replace("}", "}}") + r")\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?"  # "19. September" (German), "1er novembre"
_DATE = re.compile(
    r"(?<![\w])(?:"
    + _MONTH.format("m1")
    + r"\s+"
    + _DAY.format("d1")
    + r"(?:\s*,\s*|\s+)(?P<y1>\d{4})"
    + r"|"
    + _DAY.format("d2")
    + r"\s+(?:de\s+)?"  # Spanish: "18 de septiembre de 2024"
    + _MONTH.format("m2")
    + r"(?:\s*,\s*|\s+)(?:de\s+)?(?P<y2>\d{4})"
    + r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    # day.month.year, as German, Dutch or Nordic pages print it ("23.02.2025 • 18:04")
    + r"|(?<![\d.])(?P<d4>\d{1,2})\.\s?(?P<m4>\d{1,2})\.\s?(?P<y4>\d{4})"
    # year/month/day, as Japanese and Chinese pages print it ("2024/03/14 14:05"), and with
    # full stops as Korean ones do ("2024.12.14 17:25", "2024. 12. 14. 17:25")
    + r"|(?P<y5>\d{4})(?:/(?P<m5>\d{1,2})/|\.\s?(?P<m8>\d{1,2})\.\s?)(?P<d5>\d{1,2})(?(m8)\.?)"
    # year, month, day, as Hungarian pages print it ("2024. június 9. 21:40")
    + r"|(?P<y6>\d{4})\.\s*"
    + _MONTH.format("m6")
    + r"\s+(?P<d6>\d{1,2})\."
    # day.month.year with the month's short Portuguese name ("20.jan.2025 às 21h10", Folha)
    + r"|(?P<d7>\d{1,2})\.(?P<m7>"
    + "|".join(PORTUGUESE_SHORT_MONTHS)
    + r")\.(?P<y7>\d{4})"
    # day/month/year ("14/03/2024 às 09:00": Brazil, Spain, Italy, France) or month/day/year
    # ("3/14/2024 9:00 AM", the US), where a part past 12 says which
    + r"|(?<![\d/])(?P<a9>\d{1,2})/(?P<b9>\d{1,2})/(?P<y9>\d{4})"
    # day-month-year with the month's short name, as Indian pages print it ("04-Jun-2024")
    + r"|(?<![\d-])(?P<d10>\d{1,2})-"
    + _MONTH.format("m10")
    + r"-(?P<y10>\d{4})"
    + r")(?!\d)",
    re.IGNORECASE,
)
_ZONE_TOKEN = r"(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}|น(?![\u0e00-\u0e7f])"  # (Thai "14.05 น.", o'clock; not "นาที")
# Words after a clock that make it one, as a zone does: German "Uhr", Dutch "uur", Thai "น."
_CLOCK_WORDS = ("uhr", "uur", "น")
# (a colon and a space before Bengali minutes, as Prothom Alo prints "২৩: ৪০")
_TIME = re.compile(
    r"(?<![\d:.])(?P<clock>(?P<h>\d{1,2})(?:(?P<sep>[:.]|: (?=[\u09e6-\u09ef])|[ \xa0\u202f]?[hH][ \xa0\u202f]?)(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?)"
    r"(?![\d]|[:.]\d)"
    r"(?P<ampm_all>\s*(?P<ampm>[aApP])(?:\.[ \xa0]?)?[mM]\.?(?![A-Za-z]))?"  # ("8:40 a. m.": Spanish)
    # (a comma before the zone only for Sky News' "16:12, UK": "at 10, CAT scans" is prose)
    r"(?P<zone_all>(?:\s*,(?=\s*UK(?![A-Za-z])))?\s*(?P<open>\()?\s*(?P<zone>"
    + _ZONE_TOKEN
    + r")(?(open)\s*\)|)(?![A-Za-z]))?"
)


_UNKNOWN_ZONE = re.compile(r"[A-Z]{1,4}T")
# Every form _DATE knows has a four-digit year: a text without four digits in a row has no date.
_FOUR_DIGITS = re.compile(r"\d{4}")


def _zone_token(token: str | None) -> str | None:
    """The printed zone when the token looks like one; None when it was just a word ("at", "cat")."""
    if not token or not token.isupper():
        return None
    if token in ZONES or OFFSET_ZONE.fullmatch(token):
        return token
    # Unknown abbreviations are kept (zone_for warns) only in the usual "...T" shape; a month
    # ("04 OCT 2024", "4 SEPT") has that shape too and is no zone.
    return token if _UNKNOWN_ZONE.fullmatch(token) and token.lower() not in MONTHS else None


# (hour, minute, second, zone) of a printed time of day, and where it stands in the text.
# The last item says whether the printed clock says which half of the day it is (Clock.half_known).
_Parts = tuple[int, int, int, str | None, bool]


def _clock_parts(match: re.Match[str]) -> _Parts | None:
    """The time of day a _TIME match prints, or None when the rules below say it is none."""
    h, m, sec, sep, ampm, marker, token = match.group("h", "m", "s", "sep", "ampm", "ampm_all", "zone")
    zone = _zone_token(token)
    # A bare hour needs "6pm", "6 p.m." or a zone: "2 PM Sunak" is about a prime minister.
    if m is None and not (zone or (ampm and (not marker[0].isspace() or "." in marker))):
        return None
    # "18.04" alone may be a number; with a zone, am/pm, German "Uhr", Dutch "uur" or Thai "น." it is a time,
    # and so it is after the Nordic "kl." / "klo" (klockan, kello), or as a line's edit time.
    edited = _EDITED_AT.fullmatch(match.string, 0, match.start()) if match.start() <= _EDITED_AT_MAX else None
    if (
        sep == "."
        and zone is None
        and ampm is None
        and (token or "").lower() not in _CLOCK_WORDS
        and _KLOCKAN.search(match.string, max(0, match.start() - 16), match.start()) is None
        and edited is None
    ):
        return None
    # "18h04" or "18 h 04" is how French pages print a time; glued to a word ("ab12h45", "2h30m")
    # it is an id or a duration.
    if sep is not None and sep not in (":", ".") and (ampm or _glued(match)):
        return None
    hour, minute, second = int(h), int(m or 0), int(sec or 0)
    half = None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm in "pP" else 0)
    elif (
        hour <= 12
        and not match.string.isascii()
        and (half := nonlatin.half_of_day(match.string, match.start(), match.end("clock")))
    ):
        hour = hour % 12 + (12 if half == "pm" else 0)  # "下午2:05", "오후 2:05", "2:05 م"
    if hour > 23 or minute > 59 or second > 59:
        return None
    # Which half of the day it is goes without saying with am/pm, or when printed the 24-hour way:
    # a leading zero ("01:20"), "18h04", "Uhr", "kl." (see livetail.extract.twelvehour).
    half_known = (
        bool(ampm)
        or half is not None
        or not 1 <= hour <= 12
        or h[0] == "0"
        or sep not in (":", ".", None)
        or (token or "").lower() in _CLOCK_WORDS
        or _KLOCKAN.search(match.string, max(0, match.start() - 16), match.start()) is not None
        or (edited is not None and edited["day24"] is not None)
    )
    return hour, minute, second, zone, half_known


# "kl. 14.31", "klo 13.48", a Nordic edit time, "Uppdaterad 17.45", and a Nordic day or date
# before the clock, "i dag 05.10", "i går 23.05", "tänään 13.05",
# "12 juni 21.14": a dot time all the same
_KLOCKAN = re.compile(
    r"(?:\b(?:kl(?:o|\.)?|kello|uppdaterad|opdateret|oppdatert|päivitetty|i\s?dag|i\s?går|i\s?gær|tänään|eilen)"
    r"|\b\d{1,2}\.?\s+(?:" + word_alternation(MONTHS) + r")\.?(?:\s+\d{4})?,?"
    r"|(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.(?:\s?\d{4})?)\s*$",  # ("14.1. 18.52", "14.1.2025 18.52": HS)
    re.IGNORECASE,
)


# A line that is only an edit time, "Bijgewerkt om 22.25" (VRT), "Aggiornato alle 19.02", "Updated
# 12.36": a dot time too (the 24-hour way's in the languages that print it so; English does not
# say which half of the day). Only where the word opens the line: in "22.08 · Bijgewerkt om 22.25"
# the bare "22.08" is no clock, and the edit time must not stand in for the post's.
_EDITED_AT = re.compile(
    r"\s*\(?\s*(?:(?:last|laatst|zuletzt|zadnje)\s+)?(?:(?P<day24>bijgewerkt(?:\s+om)?|aktualisiert(?:\s+um)?|aggiornat[oa](?:\s+alle)?|posodobljeno(?:\s+ob)?"
    r"|ažurirano(?:\s+u)?)|updated(?:\s+at)?)\s*:?\s*",
    re.IGNORECASE,
)
_EDITED_AT_MAX = 32  # the longest such opening, spaces aside


def _glued(match: re.Match[str]) -> bool:
    start, end, text = match.start(), match.end("clock"), match.string
    if start > 0 and text[start - 1].isalnum():
        return True
    return end < len(text) and (text[end].isalpha() or _DURATION_UNIT.match(text, end) is not None)


_DURATION_UNIT = re.compile(r"\s*(?:min|mn|sec|s\b|m\b)", re.IGNORECASE)  # "2 h 30 min" is a duration


def _iter_clocks(text: str) -> Iterator[tuple[_Parts, int, int]]:
    """Every printed time of day in ``text``, in order: its parts, start and end."""
    # Chinese, Japanese and Korean clocks without a colon ("14時05分") are found apart and merged in.
    others = [] if text.isascii() else nonlatin.cjk_clocks(text)
    for match in _TIME.finditer(text):
        parts = _clock_parts(match)
        if parts is None:
            continue
        zone, ampm = parts[3], match["ampm"]
        end = match.end("zone_all") if zone else match.end("ampm_all") if ampm else match.end("clock")
        while others and others[0][3] < match.start():
            hour, minute, second, start, stop, half = others.pop(0)
            yield (hour, minute, second, None, half), start, stop
        yield parts, match.start(), end
    for hour, minute, second, start, stop, half in others:
        yield (hour, minute, second, None, half), start, stop


def _find_date(text: str) -> dt.date | None:
    if _FOUR_DIGITS.search(text) is None:
        return None
    if not text.isascii() and (ymd := nonlatin.find_year_month_day(text)) is not None:
        try:
            return dt.date(*ymd)
        except ValueError:
            pass
    for match in _DATE.finditer(text):
        try:
            if match["y3"]:
                return dt.date(int(match["y3"]), int(match["m3"]), int(match["d3"]))
            if match["y4"]:
                return dt.date(int(match["y4"]), int(match["m4"]), int(match["d4"]))
            if match["y5"]:
                return dt.date(int(match["y5"]), int(match["m5"] or match["m8"]), int(match["d5"]))
            if match["y10"]:
                return dt.date(int(match["y10"]), MONTHS[match["m10"].lower()], int(match["d10"]))
            if match["y9"]:
                slashed = _slashed_date(int(match["a9"]), int(match["b9"]), int(match["y9"]))
                if slashed is None:
                    continue
                return slashed
            if match["y7"]:
                return dt.date(
                    int(match["y7"]), PORTUGUESE_SHORT_MONTHS[match["m7"].lower()], int(match["d7"])
                )
            month = MONTHS[(match["m1"] or match["m2"] or match["m6"]).lower()]
            return dt.date(
                int(match["y1"] or match["y2"] or match["y6"]),
                month,
                int(match["d1"] or match["d2"] or match["d6"]),
            )
        except ValueError:
            continue
    return None


def _slashed_date(first: int, second: int, year: int) -> dt.date | None:
    """A date written with slashes, where a part past 12 says the order ("14/03/2024": day
    first, Brazil, Spain, Italy, France; "3/14/2024": month first, the US). Else the order is the
    page's country's, which a clock does not say ("03/04/2024 17:05 ET" is March): the walk dates
    the clock from the reference instead, as a bare one."""
    if first > 12 >= second:
        return dt.date(year, second, first)
    if second > 12 >= first:
        return dt.date(year, first, second)
    return None


# "2 July", "July 2nd": a date the page prints without its year (BBC: "09:15 BST 2 July").
_MONTH_DAY = re.compile(
    # (a day is not the hour of a clock after it, "July 09:15"; a year after it makes a full date;
    # nor the hours of a zone's offset before a month, "GMT+1 May 7")
    r"(?<![\w+])(?<!GMT-)(?<!UTC-)(?:" + _MONTH.format("m1") + r"\s+" + _DAY.format("d1") + r"(?![:.]\d)|" + _DAY.format("d2")
    + r"\s+(?:de\s+)?" + _MONTH.format("m2") + r")(?![\w])(?!\s*,?\s*(?:de\s+)?\d{4}(?!\d))",
    re.IGNORECASE,
)  # fmt: skip


def _find_month_day(text: str) -> tuple[int, int] | None:
    if not text.isascii() and (printed := nonlatin.find_month_day(text)) is not None:
        month, day = printed
        if 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            return printed
    for match in _MONTH_DAY.finditer(text):
        month, day = MONTHS[(match["m1"] or match["m2"]).lower()], int(match["d1"] or match["d2"])
        if 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            return month, day
    return None


def _month_day_before(text: str, clock_at: int) -> tuple[int, int] | None:
    """:func:`_find_month_day`, or a day and month in figures ahead of the clock ("14.1. 18.52",
    Finnish pages' older posts). Only ahead of it: "klo 10.05." is a clock ending a sentence."""
    printed = _find_month_day(text)
    if printed is not None or "." not in text[:clock_at]:
        return printed
    match = _NUMERIC_DAY_MONTH.search(text, 0, clock_at)
    if match is None:
        return None
    day, month = int(match["d"]), int(match["m"])
    if 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return month, day
    return None


_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?![\d.])")

Day = tuple[dt.date | None, tuple[int, int] | None]  # a full date, or a month and day without a year


def printed_day(text: str) -> Day:
    """The day a short text prints ("Tuesday 17 September 2024": its date; "17. September": its
    month and day), as :func:`find_clock` reads one beside a clock; (None, None) when none."""
    try:
        day = _find_date(text)
        return (day, None) if day else (None, _find_month_day(text))
    except (TypeError, AttributeError):
        return None, None


def _finish(parts: _Parts, date: dt.date | None, month_day: tuple[int, int] | None = None) -> Clock:
    hour, minute, second, zone, half = parts
    printed = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    printed += f" {zone}" if zone else ""
    printed += (
        f" {date.isoformat()}" if date else f" --{month_day[0]:02d}-{month_day[1]:02d}" if month_day else ""
    )
    return Clock(
        hour=hour,
        minute=minute,
        second=second,
        zone=zone,
        printed=printed,
        date=date,
        month_day=month_day,
        half_known=half,
    )


def find_clock(text: str) -> Clock | None:
    """The first printed time of day in a short text, with a full date if the text prints one."""
    try:
        if text.isascii():  # (the common case, without the generator below)
            for match in _TIME.finditer(text):
                parts = _clock_parts(match)
                if parts is not None:
                    # The Clock is built once, here: a frozen dataclass costs a microsecond.
                    date = _find_date(text)
                    return _finish(parts, date, None if date else _month_day_before(text, match.start()))
            return None
        first = next(_iter_clocks(text), None)
        if first is not None:
            parts = first[0]
            if parts[3] is None and (said := nonlatin.zone_phrase(text)):
                parts = (*parts[:3], said, parts[4])  # "14:05 (بتوقيت مكة المكرمة)", "日本時間14時05分"
            date = _find_date(text)
            return _finish(parts, date, None if date else _month_day_before(text, first[1]))
    except (TypeError, AttributeError):
        pass
    return None


def second_clock(text: str) -> Clock | None:
    """The last of two or more times of day a short text prints: an edit time printed after the
    post's own ("16時22分 16時40分更新"); None when it prints fewer."""
    try:
        spans = list(_iter_clocks(text))
    except (TypeError, AttributeError):
        return None
    return find_clock(text[spans[-1][1] :]) if len(spans) > 1 else None


def has_clock(text: str) -> bool:
    """Whether ``find_clock(text)`` finds a time of day (without building it)."""
    try:
        if not text.isascii():
            return next(_iter_clocks(text), None) is not None
        for match in _TIME.finditer(text):  # (the common case, without a generator)
            if _clock_parts(match) is not None:
                return True
    except (TypeError, AttributeError):
        pass
    return False
