"""Times as live blogs print them, turned into aware UTC datetimes.

Pure functions: no I/O, no clock reads. The rules (DESIGN.md, "Identity and time"):

* An explicit datetime (ISO 8601 / RFC 3339, RFC 1123, epoch seconds or milliseconds) wins. A
  naive one is not guessed at: ``parse_explicit`` returns None, and only a caller that knows the
  page's zone uses ``parse_explicit_naive``. Epoch values are milliseconds above 10**11 and are
  rejected below 10**9 (2001), where they are counters or placeholders, not publish times.
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
* ``resolve_clocks`` dates a page's clocks; its docstring holds the ordering rules.

The zone table lives in :mod:`livetail.extract.zones` and relative times in
:mod:`livetail.extract.relativetime`; both are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from livetail.extract import nonlatin
from livetail.extract.relativetime import iter_relative, parse_relative
from livetail.extract.twelvehour import read_halves
from livetail.extract.zones import AMBIGUOUS, OFFSET_ZONE, UTC, ZONES, zone_for

__all__ = [
    "AMBIGUOUS",
    "MONTHS",
    "WEEKDAYS",
    "ZONES",
    "Clock",
    "Day",
    "dated_instant",
    "edit_time",
    "find_clock",
    "has_clock",
    "parse_explicit",
    "parse_explicit_naive",
    "parse_in_zone",
    "parse_relative",
    "printed_day",
    "reference_from_pair",
    "resolve_clocks",
    "word_alternation",
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
    meridiem: bool = False  # a half of the day was printed ("1:15 pm", "午後1時15分", "1:15 م")

    def __post_init__(self) -> None:
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59 and 0 <= self.second <= 59):
            raise ValueError(f"Clock out of range: {self.hour}:{self.minute}:{self.second}")


def parse_explicit(value: str | int | float) -> dt.datetime | None:
    """An explicit instant in UTC, or None when ``value`` is empty, naive or unparseable."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return _from_epoch(value)
        text = value.strip()
        if _EPOCH_TEXT.fullmatch(text):
            return _from_epoch(int(text) if text.isdigit() else float(text))
        parsed = _parse_text(text)
        if parsed is None or parsed.utcoffset() is None:
            return None
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError, OSError, TypeError, AttributeError):
        return None


_NAIVE_DATETIME = re.compile(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")


def parse_in_zone(value: str, tz: dt.tzinfo) -> dt.datetime | None:
    """``parse_explicit``, and a date with a time of day but no offset ("2024-07-04T22:50:00")
    read as wall time in ``tz``; a date alone stays None (it says no time of day)."""
    explicit = parse_explicit(value)
    if explicit is None and _NAIVE_DATETIME.match(value):
        return parse_explicit_naive(value, tz)
    return explicit


def parse_explicit_naive(value: str, tz: dt.tzinfo) -> dt.datetime | None:
    """Like ``parse_explicit``, but a naive ISO string is taken as wall time in ``tz``."""
    try:
        parsed = _parse_text(value.strip())
        if parsed is None:
            return None
        if parsed.utcoffset() is None:
            parsed = parsed.replace(tzinfo=tz)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


# Compiled once: parse_explicit runs once per update on most pages (re's own cache costs a lookup).
_EPOCH_TEXT = re.compile(r"[0-9]{9,17}(?:\.[0-9]+)?")
_ISO_START = re.compile(r"[0-9]{4}-?[0-9]{2}")
_RFC1123 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s+(?:GMT|UTC|UT|Z|[+-]\d{4})"
)


def _parse_text(text: str) -> dt.datetime | None:
    if not text:
        return None
    if _RFC1123.fullmatch(text):
        return parsedate_to_datetime(text)
    # fromisoformat also takes date-only and week forms; those come out naive and are refused later.
    if not _ISO_START.match(text):
        return None
    return dt.datetime.fromisoformat(text)


def _from_epoch(value: int | float) -> dt.datetime | None:
    if not math.isfinite(value) or value < 10**9:
        return None
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    if value > 10**11:
        # Integer milliseconds stay exact; going through float would round some of them.
        return epoch + dt.timedelta(milliseconds=value)
    return epoch + dt.timedelta(seconds=value)


MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            # English, then German, French, Spanish, Italian and Dutch names and abbreviations, then
            # Portuguese, Polish, Czech, Turkish, Nordic and Finnish (not "set" or "out": "Set 5"),
            # then Arabic (the Egyptian and Gulf names, and the Levantine ones that are one word)
            "jan january januar jänner janvier janv enero ene gennaio januari"
            " janeiro stycznia styczeń ledna leden ocak tammikuuta يناير",
            "feb february februar février fevrier févr fevr febrero febbraio februari"
            " fevereiro fev lutego luty února únor şubat helmikuuta فبراير شباط",
            "mar march märz maerz mrz mars marzo maart março marco marca marzec března březen mart marts"
            " maaliskuuta مارس آذار",
            "apr april avril abril aprile abr kwietnia kwiecień dubna duben nisan huhtikuuta أبريل إبريل ابريل نيسان",
            "may mai mayo maggio mei maio maja maj května květen mayıs toukokuuta مايو أيار",
            "jun june juni juin junio giugno junho czerwca czerwiec června červen haziran kesäkuuta يونيو يونيه حزيران",
            "jul july juli juillet juil julio luglio julho lipca lipiec července červenec temmuz heinäkuuta يوليو يوليه تموز",
            "aug august août aout agosto augustus augusti sierpnia sierpień srpna srpen ağustos elokuuta أغسطس اغسطس آب",
            "sep sept september septembre septiembre setiembre settembre setembro września wrzesień září"
            " eylül syyskuuta سبتمبر أيلول",
            "oct october oktober okt octobre octubre ottobre outubro października październik října říjen"
            " ekim lokakuuta أكتوبر اكتوبر",
            "nov november novembre noviembre novembro listopada listopad listopadu kasım marraskuuta نوفمبر",
            "dec december dezember dez décembre decembre déc diciembre dic dicembre dezembro grudnia grudzień"
            " prosince prosinec aralık desember joulukuuta ديسمبر",
        ),
        start=1,
    )
    for name in names.split()
}
_Trie = dict[str, "_Trie"]


def word_alternation(words: Iterable[str]) -> str:
    """A regex (no groups) matching any of ``words``, longest first, factored by common prefixes:
    ``jan(?:uary|vier|v)?``. An alternation of ~100 month names tried at every position costs
    several times more when each name is its own branch."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = (
            branches[0]
            if len(branches) == 1
            else "(?:" + "|".join(sorted(branches, key=len, reverse=True)) + ")"
        )
        if not ends:
            return body
        return (body if len(branches) == 1 and len(body) == 1 else f"(?:{body})") + "?"

    return f"(?:{pattern(tree)})"


WEEKDAYS: frozenset[str] = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "الاحد",
    }
)  # fmt: skip
_MONTH = r"(?P<{}>" + word_alternation(MONTHS).replace("{", "{{").replace("}", "}}") + r")\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th|\.)?"  # "19. September" as German pages print it
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
    + r"|(?<![\d.])(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4})"
    # year/month/day, as Japanese and Chinese pages print it ("2024/03/14 14:05")
    + r"|(?P<y5>\d{4})/(?P<m5>\d{1,2})/(?P<d5>\d{1,2})"
    + r")(?!\d)",
    re.IGNORECASE,
)
_ZONE_TOKEN = r"(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}"
_TIME = re.compile(
    r"(?<![\d:.])(?P<clock>(?P<h>\d{1,2})(?:(?P<sep>[:.]|[ \xa0\u202f]?[hH][ \xa0\u202f]?)(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?)"
    r"(?![\d]|[:.]\d)"
    r"(?P<ampm_all>\s*(?P<ampm>[aApP])\.?[mM]\.?(?![A-Za-z]))?"
    r"(?P<zone_all>\s*(?P<open>\()?\s*(?P<zone>" + _ZONE_TOKEN + r")(?(open)\s*\)|)(?![A-Za-z]))?"
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
# The last item says whether a half of the day was printed ("pm", "午後", "م"): without one, 1:15
# may be a 12-hour clock's (see livetail.extract.twelvehour).
_Parts = tuple[int, int, int, str | None, bool]


def _clock_parts(match: re.Match[str]) -> _Parts | None:
    """The time of day a _TIME match prints, or None when the rules below say it is none."""
    h, m, sec, sep, ampm, marker, token = match.group("h", "m", "s", "sep", "ampm", "ampm_all", "zone")
    zone = _zone_token(token)
    # A bare hour needs "6pm", "6 p.m." or a zone: "2 PM Sunak" is about a prime minister.
    if m is None and not (zone or (ampm and (not marker[0].isspace() or "." in marker))):
        return None
    # "18.04" alone may be a number; with a zone, am/pm, German "Uhr" or Dutch "uur" it is a time,
    # and so it is after the Nordic "kl." / "klo" (klockan, kello).
    if (
        sep == "."
        and zone is None
        and ampm is None
        and (token or "").lower() not in ("uhr", "uur")
        and _KLOCKAN.search(match.string, max(0, match.start() - 5), match.start()) is None
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
    elif hour <= 12 and (half := nonlatin.half_of_day(match.string, match.start(), match.end("clock"))):
        hour = hour % 12 + (12 if half == "pm" else 0)  # "下午2:05", "오후 2:05", "2:05 م"
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second, zone, bool(ampm) or half is not None


_KLOCKAN = re.compile(r"\bkl(?:o|\.)?\s*$", re.IGNORECASE)


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
                return dt.date(int(match["y5"]), int(match["m5"]), int(match["d5"]))
            month = MONTHS[(match["m1"] or match["m2"]).lower()]
            return dt.date(int(match["y1"] or match["y2"]), month, int(match["d1"] or match["d2"]))
        except ValueError:
            continue
    return None


# "2 July", "July 2nd": a date the page prints without its year (BBC: "09:15 BST 2 July").
_MONTH_DAY = re.compile(
    # (a day is not the hour of a clock after it, "July 09:15"; a year after it makes a full date)
    r"(?<![\w])(?:" + _MONTH.format("m1") + r"\s+" + _DAY.format("d1") + r"(?![:.]\d)|" + _DAY.format("d2")
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
        meridiem=half,
    )


def find_clock(text: str) -> Clock | None:
    """The first printed time of day in a short text, with a full date if the text prints one."""
    try:
        first = next(_iter_clocks(text), None)
        if first is not None:
            parts = first[0]
            if parts[3] is None and not text.isascii() and (said := nonlatin.zone_phrase(text)):
                parts = (*parts[:3], said, parts[4])  # "14:05 (بتوقيت مكة المكرمة)", "日本時間14時05分"
            # The Clock is built once, here: a frozen dataclass costs a microsecond.
            date = _find_date(text)
            return _finish(parts, date, None if date else _find_month_day(text))
    except (TypeError, AttributeError):
        pass
    return None


def has_clock(text: str) -> bool:
    """Whether ``find_clock(text)`` finds a time of day (without building it)."""
    try:
        return next(_iter_clocks(text), None) is not None
    except (TypeError, AttributeError):
        return False


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
    * The ambiguous case: top 10:00, next 10:20, reference 10:30. Either the 10:20 post is from
      yesterday (a gap of almost a day) or it is the newest post under an old, unmarked pinned
      10:00 post. The second reading is taken: the items below come out a day late if wrong, but
      never after ``reference``. The same holds for such a gap anywhere down the page.
    * ``reference_is_day``: ``reference`` is only the last second of the day the page was current
      on, so at the top the ambiguity above is settled by the gaps instead: the top post is that
      day's newest when it crosses midnight within three hours (top 00:12, next 23:47: 25
      minutes) and that gap is the smaller one; else it is an old pinned post (top 08:00 or
      09:00, next 18:04 or 23:50).
    """
    if reference.utcoffset() is None:
        raise ValueError("resolve_clocks needs an aware reference datetime")
    reference = reference.astimezone(UTC)
    clocks = read_halves(clocks, reference, default_tz)  # "1:15" above "12:40" on a 12-hour page
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
                bound, top = here, False
            continue
        here = at(i, bound)
        # Only a push of about a day counts: inside a repeated DST hour "01:50 ET" can move by one.
        pushed = next((j for j in ahead if at(j, here) < at(j, bound) - _PUSHED), None)
        crossing = here - at(pushed, here) if pushed is not None else _CROSSING_MAX
        at_top, top = top, False
        if pushed is not None and not (
            at_top and reference_is_day and crossing <= _CROSSING_MAX and crossing < at(pushed, bound) - here
        ):
            out[i] = alone[i]
            continue
        out[i] = bound = here
    return out


def _printed_day_instant(clock: Clock, tz: dt.tzinfo, reference: dt.datetime) -> dt.datetime | None:
    """The instant of a clock that prints its day (a full date, a month and day, or "Today" /
    "Gestern" not later than the reference allows); None for one the walk must date."""
    if clock.date is not None:
        return _candidates(clock, tz, clock.date)[0]
    if clock.days_ago is not None:
        named_day = reference.astimezone(tz).date() - dt.timedelta(days=clock.days_ago)
        named = _candidates(clock, tz, named_day)[0]
        if named <= reference + _NAMED_DAY_SLACK:
            return named
        # Later than the reference: the zone is not the page's. The walk dates it instead.
    if clock.month_day is not None:
        day = _latest_day(clock.month_day, reference.astimezone(tz).date())
        if day is not None:
            return _candidates(clock, tz, day)[0]
    return None
