"""Relative times as live blogs print them ("2 hr 55 min ago", "9m ago", "just now"), and the
same in German, French, Spanish, Dutch, Italian, Swedish, Danish, Norwegian, Finnish, Portuguese,
Polish, Czech and Turkish ("vor 5 Minuten", "il y a une heure", "hace 2 horas", "5 minuten
geleden", "2 ore fa", "gerade eben", "för 4 minuter sedan", "4 minuuttia sitten", "há 5
minutos", "5 min temu", "před hodinou", "5 dakika önce"); the languages added since, from Russian
to Persian, are table entries in :mod:`livetail.extract.relativelangs`, joined into the same
pattern.

Only times finer than a day count: anything with days, weeks, months or years gives None, as a
coarse relative time is no publish time (DESIGN.md, "Identity and time").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from livetail.extract import relativelangs
from livetail.extract.cuewords import Cues

__all__ = [
    "FOREIGN_RELATIVE",
    "POOLED_RELATIVE",
    "RELATIVE_HINTS",
    "iter_relative",
    "may_be_relative",
    "parse_relative",
    "whole_days_ago",
]

_FINE = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
}
_COARSE = (
    "d",
    "day",
    "days",
    "w",
    "wk",
    "wks",
    "week",
    "weeks",
    "mo",
    "mos",
    "month",
    "months",
    "y",
    "yr",
    "yrs",
    "year",
    "years",
)
_UNIT = "|".join(sorted((*_FINE, *_COARSE), key=len, reverse=True))
# "a"/"an"/"one" only as words, so the "an" of "and" is never read as a number.
_NUMBER = r"(?:\d{1,6}|(?:an?|one)(?=\s))"
_PART = rf"{_NUMBER}\s*(?:{_UNIT})\.?(?![a-z])"
# (at most six parts, "2 days, 3 hours and 5 minutes ago" has three: unbounded, a long run of "1 m 1 m …"
# was searched to its end from each of its numbers, quadratic)
_RELATIVE = re.compile(
    rf"(?<![\w.])(?P<chain>{_PART}(?:[\s,]*(?:and\s+)?{_PART}){{0,5}})\s*ago\b", re.IGNORECASE
)
_RELATIVE_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})(?![a-z])", re.IGNORECASE)
_JUST_NOW = re.compile(r"\b(?:just now|right now|moments? ago|a moment ago|seconds ago)\b", re.IGNORECASE)

# Other languages: a number (or the word for "one") and a unit, after "vor", "il y a" or "hace",
# or before "geleden" or "fa"; and their words for "just now".
_FOREIGN_SECONDS = ("sekunden", "sekunde", "sek", "secondes", "seconde", "segundos", "segundo", "seg",
                    "seconden", "secondi", "secondo", "sekunder", "sekund", "sekuntia", "sekunti", "sekundy",
                    "sekundę", "sekundami", "sekundou", "saniye", "sn")  # fmt: skip
_FOREIGN_MINUTES = ("minuten", "minute", "minutes", "minutos", "minuto", "minuut", "minuti", "min", "mn",
                    "minuter", "minut", "minutter", "minutt", "minuuttia", "minuutti", "minuty", "minutę",
                    "minutami", "minutou", "dakika", "dk")  # fmt: skip
_FOREIGN_HOURS = ("stunden", "stunde", "std", "heures", "heure", "horas", "hora", "uur", "ore", "ora", "h",
                  "timmar", "timme", "tim", "timer", "time", "tuntia", "tunti", "t", "godzin", "godziny",
                  "godzinę", "godz", "hodinami", "hodinou", "saat", "sa")  # fmt: skip
_FOREIGN_FINE = {
    **dict.fromkeys(_FOREIGN_SECONDS, 1),
    **dict.fromkeys(_FOREIGN_MINUTES, 60),
    **dict.fromkeys(_FOREIGN_HOURS, 3600),
}
_FOREIGN_COARSE = (
    "tagen", "tage", "tag", "jours", "jour", "días", "dias", "día", "dia", "dagen", "dag", "giorni", "giorno",
    "wochen", "woche", "semaines", "semaine", "semanas", "semana", "weken", "week", "settimane", "settimana",
    "monaten", "monat", "mois", "meses", "mes", "maanden", "maand", "mesi", "mese",
    "jahren", "jahr", "ans", "an", "años", "anos", "año", "ano", "jaar", "anni", "anno",
    "dagar", "dage", "dager", "døgn", "päivää", "päivä", "veckor", "vecka", "uger", "uge", "uker", "uke",
    "viikkoa", "viikko", "månader", "månad", "måneder", "måned", "kuukautta", "kuukausi", "år", "vuotta",
    "vuosi", "dni", "dzień", "tygodni", "miesięcy", "lat", "dny", "dnem", "týdny", "měsíci", "lety", "gün",
    "hafta", "ay", "yıl", "semanas", "meses", "anos",
)  # fmt: skip
_FOREIGN_UNIT = "|".join(sorted((*_FOREIGN_FINE, *_FOREIGN_COARSE), key=len, reverse=True))
_ONE_WORD = r"(?:einer|einem|eine|une|un|una|uno|een|één|en|ett|et)"
# a unit that says "one" itself: "godzinę temu" (an hour ago), "před minutou" (a minute ago)
_BARE_UNITS = {"sekundę": 1, "minutę": 60, "godzinę": 3600, "sekundou": 1, "minutou": 60, "hodinou": 3600}
_BARE_UNIT = "|".join(_BARE_UNITS)
_FOREIGN_AMOUNT = rf"(?:\d{{1,6}}|{_ONE_WORD}\s|un['’])\s*(?:{_FOREIGN_UNIT})\.?(?!\w)"
_FOREIGN_NOW = (
    r"gerade\s+eben|soeben|à\s+l['’]instant|a\s+l['’]instant|ahora\s+mismo|hace\s+un\s+momento|zojuist|poco\s+fa"
    r"|刚刚|剛剛|たった今|방금(?:\s*전)?|(?:منذ|قبل)\s+لحظات"
)

# Arabic: "منذ 5 دقائق", "قبل ساعتين" (a dual: two hours), "منذ ساعة" (an hour); Chinese and
# Japanese: "5分钟前", "3時間前"; Korean: "5분 전", "3시간 전". Unit -> (seconds, count without a
# number); None for units coarser than hours.
_EASTERN_UNITS: dict[str, tuple[int, int] | None] = {
    "ثانية": (1, 1), "ثوان": (1, 1), "ثوانٍ": (1, 1), "ثواني": (1, 1), "ثانيتين": (1, 2), "ثانيتان": (1, 2),
    "دقيقة": (60, 1), "دقائق": (60, 1), "دقيقتين": (60, 2), "دقيقتان": (60, 2),
    "ساعة": (3600, 1), "ساعات": (3600, 1), "ساعتين": (3600, 2), "ساعتان": (3600, 2),
    "秒": (1, 1), "秒钟": (1, 1), "秒鐘": (1, 1), "分": (60, 1), "分钟": (60, 1), "分鐘": (60, 1),
    "時間": (3600, 1), "小时": (3600, 1), "小時": (3600, 1), "个小时": (3600, 1), "個小時": (3600, 1),
    "초": (1, 1), "분": (60, 1), "시간": (3600, 1),
    **dict.fromkeys(
        ("يوم", "يومين", "أيام", "ايام", "أسبوع", "أسابيع", "شهر", "أشهر", "شهور", "سنة", "سنوات", "عام",
         "أعوام", "天", "日", "周", "週", "週間", "个月", "個月", "ヶ月", "か月", "カ月", "年",
         "일", "주", "개월", "달", "년"),
    ),
}  # fmt: skip
_EASTERN_UNIT = "|".join(sorted(_EASTERN_UNITS, key=len, reverse=True))
_ARABIC_UNIT = "|".join(
    sorted((u for u in _EASTERN_UNITS if "\u0600" <= u[0] <= "\u06ff"), key=len, reverse=True)
)
_EASTERN_RELATIVE = (
    rf"(?<!\w)(?:منذ|قبل)\s+(?:\d{{1,6}}\s*)?(?:{_ARABIC_UNIT})(?!\w)"
    # (not "10時5分前", five to ten: a number right after an hour is a clock's minutes)
    rf"|(?<![\d時时點点:])(?<![時时點点]\s)\d{{1,6}}\s*(?:{_EASTERN_UNIT})\s*前"
    rf"|(?<![\d시:])(?<!시\s)\d{{1,6}}\s*(?:{_EASTERN_UNIT})\s*전(?![가-힣])"
)
_EASTERN_PART = re.compile(rf"(\d{{1,6}})?\s*({_EASTERN_UNIT})")
POOLED_RELATIVE = (
    rf"(?:(?<!\w)(?:vor|il\s+y\s+a|hace)\s+{_FOREIGN_AMOUNT}"
    rf"|(?<![\w.])(?:(?:för|for)\s+)?{_FOREIGN_AMOUNT}\s+(?:geleden|fa|sedan|siden|sitten|temu|önce)(?!\w)"
    # Portuguese and Czech before the amount; Polish and Czech also say "an hour ago" without "one"
    rf"|(?<!\w)(?:há|před)\s+{_FOREIGN_AMOUNT}|(?<!\w)(?:{_BARE_UNIT})\s+temu(?!\w)|(?<!\w)před\s+(?:{_BARE_UNIT})(?!\w)"
    rf"|(?<!\w)(?:{_FOREIGN_NOW})(?!\w)|{_EASTERN_RELATIVE})"
)
"""A pattern (no groups) for a relative time in one of the languages whose units are one pool."""
FOREIGN_RELATIVE = rf"(?:{POOLED_RELATIVE}|{relativelangs.PATTERN})"
"""A pattern (no groups; match it case-insensitively) for a relative time in another language."""
_FOREIGN_PART = re.compile(rf"(\d{{1,6}}|{_ONE_WORD}\s|un['’])\s*({_FOREIGN_UNIT})", re.IGNORECASE)
_RELATIVE_OR_NOW = re.compile(
    f"{_JUST_NOW.pattern}|{_RELATIVE.pattern}|(?P<foreign>{FOREIGN_RELATIVE})", re.IGNORECASE
)
# Every relative time without a digit holds one of these words (lower case): a text with neither
# a digit nor one of them needs no look with the patterns above. Plain substrings, so that a page's
# text can be searched for them at C speed (stamps); "vor" also finds "vor einer Stunde".
RELATIVE_HINTS = (
    "ago", "now", "vor", "il y a", "hace", "geleden", "un'", "un’", "poco", "eben", "instant", "mismo",
    "zojuist", "minuto", "secondo", "sedan", "siden", "sitten", "temu", "před", "há", "önce",
    "منذ", "قبل", "前", "전", "刚刚", "剛剛", "たった今", "방금", *relativelangs.HINTS,
)  # fmt: skip


_HINT_CUES = Cues(RELATIVE_HINTS)


def may_be_relative(lowered: str) -> bool:
    """Whether a lower-case text without digits may hold a relative time (a cheap test first)."""
    return _HINT_CUES.any_in(lowered)


def iter_relative(text: str) -> Iterator[tuple[dt.timedelta | None, int, int]]:
    """Every relative time in ``text``: (how long ago, or None when coarser than hours; start; end)."""
    for match in _RELATIVE_OR_NOW.finditer(text):
        if match["foreign"] is not None:
            yield _foreign(match["foreign"]), match.start(), match.end()
            continue
        if match["chain"] is None:
            yield dt.timedelta(0), match.start(), match.end()
            continue
        seconds = 0
        for number, unit in _RELATIVE_PART.findall(match["chain"]):
            if unit.lower() not in _FINE:
                seconds = -1
                break
            seconds += (int(number) if number.isdigit() else 1) * _FINE[unit.lower()]
        yield (dt.timedelta(seconds=seconds) if seconds >= 0 else None), match.start(), match.end()


def parse_relative(text: str) -> dt.timedelta | None:
    """How long ago the first relative time in ``text`` says; None when absent or coarser than hours."""
    try:
        for delta, _start, _end in iter_relative(text):
            return delta
    except (TypeError, AttributeError):
        pass
    return None


def _foreign(text: str) -> dt.timedelta | None:
    tabled, delta = relativelangs.parse(text)
    if tabled:
        return delta
    if not text.isascii():
        eastern = _EASTERN_PART.search(text)
        if eastern is not None:
            eastern_unit = _EASTERN_UNITS[eastern.group(2)]
            if eastern_unit is None:
                return None
            each, alone = eastern_unit
            return dt.timedelta(seconds=each * (int(eastern.group(1)) if eastern.group(1) else alone))
    part = _FOREIGN_PART.search(text)
    if part is None:
        bare = next((seconds for unit, seconds in _BARE_UNITS.items() if unit in text.lower()), 0)
        return dt.timedelta(seconds=bare)  # "godzinę temu"; else "gerade eben", "à l'instant"
    number, unit = part.group(1).strip(), part.group(2).lower()
    if unit not in _FOREIGN_FINE:
        return None
    return dt.timedelta(seconds=(int(number) if number.isdigit() else 1) * _FOREIGN_FINE[unit])


_WHOLE_DAYS = re.compile(
    r"(?:(?P<n>\d{1,3}|an?|one)\s?(?:d|days?)\.?\s+ago"
    r"|(?:vor|hace|il\s+y\s+a|há)\s+(?P<m>\d{1,3})\s+(?:tagen|días|dias|jours))",
    re.IGNORECASE,
)


def whole_days_ago(text: str) -> int | None:
    """How many whole days a relative time counts, where that is all it says ("2 days ago", "a
    day ago", "vor 3 Tagen", "hace 2 días"); None for any other."""
    match = _WHOLE_DAYS.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    count = match["n"] or match["m"]
    return int(count) if count.isdigit() else 1
