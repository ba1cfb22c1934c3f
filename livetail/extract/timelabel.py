"""Time labels: a short text that is only a time, as live blogs print them ("18:04 GMT",
"51 seconds ago (18:04 GMT)", "Updated 14:32", "Heute, 09:12", "11:05 Uhr (aktualisiert 11:30
Uhr)", "3月14日 14時05分", "67'"), read into a :class:`TimeLabel`; and lines that lead with one
("14:05 – Barriers hold", "+++ 18:04 Headline +++"). The plain-text strategy
(:mod:`livetail.extract.text`) and the stamps of the HTML strategies
(:mod:`livetail.extract.stamps`) both read their times here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from livetail.extract.calendarwords import (
    ENGLISH_WEEKDAYS,
    MONTHS,
    PORTUGUESE_SHORT_MONTHS,
    WEEKDAYS,
    word_alternation,
)
from livetail.extract.nonlatin import THAI_DATE_SHAPE, in_these_scripts
from livetail.extract.relativetime import FOREIGN_RELATIVE, may_be_relative, whole_days_ago
from livetail.extract.stampwords import (
    AT_WORDS,
    DAY_WORDS,
    GLUED_AT,
    INVISIBLE,
    MORE_PUBLISHED,
    MORE_UPDATED,
    is_stamp,
    is_yesterday,
)
from livetail.extract.timeparse import ZONES, Clock, find_clock, has_clock, parse_relative

__all__ = [
    "TimeLabel",
    "general_time_label",
    "is_time_label",
    "led_label",
    "match_minute",
    "ticker_line",
    "time_label",
]

_UNIT = (
    r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h"
    r"|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y)"
)
_AMOUNT = rf"(?:\d{{1,4}}|an?|one)\s?{_UNIT}\.?"
# (a chain of at most six parts, as relativetime reads: see there)
_RELATIVE = rf"(?:{_AMOUNT}(?:[\s,]+(?:and\s+)?{_AMOUNT}){{0,5}}\s+ago|just\s+now|(?:a\s+)?moments?\s+ago|{FOREIGN_RELATIVE})"
_ZONE = r"(?:(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Z]{1,5}|น\.?)"  # (Thai "14:05 น.")
_CLOCK = rf"\d{{1,2}}(?!\d)(?:(?:[:.]|: (?=[\u09e6-\u09ef])|[ \xa0\u202f]?[hH][ \xa0\u202f]?)\d{{2}}(?::\d{{2}})?)?\s?(?:[aApP](?:\.[ \xa0]?)?[mM]\.?)?(?:\s?\(?{_ZONE}\)?|,\s?UK)?"
_PREFIX = (
    # a pinned post's label before its time ("Angeheftet 05:55 Uhr", Bild)
    r"(?:(?:pinned|angeheftet|angepinnt|gepinnt|épinglé|fissato)(?:\s*:)?\s+)?"
    r"(?:(?:(?:last\s+)?(?:updated?|posted|published|edited|modified|revised)(?:\s+at)?"
    # German, French, Spanish, Dutch, Italian: "Update vom", "Aktualisiert am", "Mis à jour le"
    r"|update\s+vom|erstmeldung\s+vom|aktualisiert(?:\s+(?:am|um))?|mis\s+à\s+jour(?:\s+(?:le|à))?|publié(?:\s+(?:le|à))?"
    r"|actualizado(?:\s+(?:el|a\s+las))?|publicado(?:\s+(?:el|a\s+las|às|em))?|bijgewerkt(?:\s+om)?|aggiornato(?:\s+alle)?"
    # Nordic: "Uppdaterad", "Päivitetty"; then "kl." / "klo" before the clock
    r"|uppdaterad|opdateret|oppdatert|päivitetty"
    # "Updated" and "published" in more languages (stampwords)
    rf"|(?:{MORE_UPDATED}|{MORE_PUBLISHED})(?:\s+(?:{AT_WORDS}|em)(?=\s)|\s+{GLUED_AT})?)?"
    # "Today, 09:12", "Gestern, 22:15", "Hier à 23h40", "Igår kl. 22.15": the walk dates them
    # ("at" never: "Today at 8.15pm" or "At 8.15pm" on a line of its own is as often a post's words)
    rf"(?:\s*(?P<dayword>{DAY_WORDS})\s*,?(?:\s*(?:um|à|às|a\s+las|alle|om)(?=\s))?)?(?:\s*(?:kl\.?|klo|ore|godz\.?)(?=[\s\d]))?"
    r"\s*[:,]?\s*)?"  # ("Update, 9:40 p.m.:", the St. Louis Post-Dispatch)
)
# A date printed with the clock, before or after it: "12:09 a.m. ET, October 30, 2023" (CNN),
# "July 4, 2024, 7:00 AM EDT", "09:15 BST 2 July" (BBC), "23.02.2025 • 18:04" (tagesschau).
# find_clock reads a date that has a year; one without is left to the walk, like a bare clock.
_MONTH_NAME = word_alternation(MONTHS) + r"\.?"
_WEEKDAY = word_alternation(WEEKDAYS) + r"\.?"
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"  # (French "1er", Spanish "1º")
_YEAR_SEP = r"(?:\s*,\s*|\s+)"  # "14 March 2024", "March 14, 2024", Al Arabiya's "14 March ,2024"
_DATE_PART = (
    rf"(?:(?:le|am|el|il|den)\s+)?(?:{_WEEKDAY},?\s+)?(?:{_MONTH_NAME}\s+{_DAY_NUMBER}(?:{_YEAR_SEP}\d{{4}})?"
    rf"|{_DAY_NUMBER}\s+(?:de\s+)?{_MONTH_NAME}(?:{_YEAR_SEP}(?:de\s+)?\d{{4}})?"
    # day.month, its year maybe left out or spaced ("14.1. 18.52", HS; "14. 1. 2025", Czech)
    rf"|(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.(?:\s?\d{{4}})?"
    rf"|\d{{1,2}}\.(?:{'|'.join(PORTUGUESE_SHORT_MONTHS)})\.\d{{4}}"  # ("20.jan.2025", Folha)
    rf"|\d{{1,2}}-{_MONTH_NAME}-\d{{4}}"  # ("04-Jun-2024", Indian pages)
    rf"|{THAI_DATE_SHAPE}"  # ("16 มี.ค. 2567", a Buddhist Era year)
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{4}}\.\s?\d{{1,2}}\.\s?\d{{1,2}}\.?|\d{{4}}\.\s*{_MONTH_NAME}\s+\d{{1,2}}\."  # ("2024. június 9.")
    # "3/14" (Japan, the US) or "14/3" (Europe): the order is the page's, so it dates nothing
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2}}(?:\d{{2}})?)?(?:\s*[(（][^()（）]{{1,3}}[)）])?)"
)
# between a date and its clock: punctuation, or "at" ("Sep 18, 2024 at 6:04 pm"), "um", "à", "às", "a las", "alle", "om",
# Nordic "klo"/"kl." ("14.1. klo 18.52"), or a spaced slash after a year or a clock ("July 16, 2026 / 06:20
# PM IST", Moneycontrol; "20:15 / 27.10.2024", Kun.uz)
_DATE_SEP = r"\s*(?:[,:•·|–—-]|(?:(?<=\d{4}\s)|(?<=\d[:.]\d\d\s))/(?=\s)|,?\s*(?:at|um|à|às|a\s+las|alle|om|klo|kello|kl\.)(?=\s))?\s*"
# An edit time after the post's own ("11:05 Uhr (aktualisiert 11:30 Uhr)", "19:05 Updated 19:40"),
# with its minutes or am/pm ("14:00 updated 15" is no edit time)
_MINUTE_CLOCK = (
    rf"(?:\d{{1,2}}(?:[:.]|[ \xa0\u202f]?[hH][ \xa0\u202f]?)\d{{2}}(?::\d{{2}})?\s?(?:[aApP](?:\.[ \xa0]?)?[mM]\.?)?"
    rf"|\d{{1,2}}\s?[aApP](?:\.[ \xa0]?)?[mM]\.?)(?:\s?\(?{_ZONE}\)?)?"  # ("Updated 3 p.m.", AP style)
)
_EDIT = (
    r"(?P<edit>\s*[(\[（]?\s*[|·,–—-]?\s*(?:last\s+updated|updated|edited|aktualisiert|mis\s+à\s+jour|actualizado"
    rf"|bijgewerkt|aggiornato|uppdaterad|opdateret|oppdatert|päivitetty|{MORE_UPDATED}|更新于|更新於)"
    rf"(?:\s+(?:at|um|à|a\s+las|alle|om|{AT_WORDS})|\s+{GLUED_AT})?\s*[:：]?\s*"
    rf"(?:{_DATE_PART}{_DATE_SEP})?{_MINUTE_CLOCK}(?:{_DATE_SEP}{_DATE_PART})?\s*[)\]）]?)"
)
# The same time in UTC after a local one, as launch coverage prints it: "10:05 p.m. EDT (0205 UTC)"
_IN_UTC = r"(?:\s*\(\s*\d{1,2}:?\d{2}\s*(?:UTC|GMT|Z)\s*\))"
_TIME_LABEL_SOURCE = (
    rf"^{_PREFIX}(?:(?P<rel>{_RELATIVE})"
    rf"(?:\s*[(\[]\s*(?P<pair>{_CLOCK})\s*[)\]]|\s*[-–—|·,]?\s*(?P<pair2>{_CLOCK}))?"
    rf"|(?:{_DATE_PART}{_DATE_SEP})?[(\[]?\s*(?P<clock>{_CLOCK})\s*[)\]]?{_IN_UTC}?(?:{_DATE_SEP}{_DATE_PART})?"
    # an English weekday alone after the clock ("Update, 12:40 a.m. Saturday:", the Buffalo News):
    # the clock's day is the last such weekday up to the reference's
    rf"(?:,?\s*(?P<weekday_after>{'|'.join(ENGLISH_WEEKDAYS)})(?=\s*[:,.]?\s*$))?"
    rf"(?:\s*[-–—|·,]?\s*(?P<rel_open>\()?\s*(?P<rel2>{_RELATIVE})\s*(?(rel_open)\)))?){_EDIT}?$"
)  # (an edit time after a relative one too: "32 minutes ago (updated 15:30)")


def possessive_spaces(pattern: str) -> str:
    """``pattern`` with every run of whitespace matched possessively (``\\s*+``: once taken, never
    given back). In a label, each run of spaces separates two parts and no part starts with a
    space, so giving some back never finds another match; but the label's many optional parts
    can share a run in many ways, and trying each of them cost up to 60 ms on a 64-character line
    that is no label ("Today um 3/14 um 12 am 2024-05-01 2024 hours ago …") and 0.5 ms on a
    line as common as "12:00 Kick-off" (the tests compare both forms on many lines)."""
    return pattern.replace(r"\s*", r"\s*+").replace(r"\s+", r"\s++").replace(r"\s?", r"\s?+")


_TIME_LABEL = re.compile(possessive_spaces(_TIME_LABEL_SOURCE), re.IGNORECASE)
_MAX_LABEL = 64
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class TimeLabel:
    """A text that is only a time: the time of day it prints, and how long ago it says."""

    clock: Clock | None
    relative: timedelta | None
    coarse: bool  # a relative time coarser than hours ("3 days ago"): no instant from it
    minute: str | None = None  # a match minute or race lap, canonical ("90+3'", "Lap 23/52"): no instant
    edited: Clock | None = None  # an edit time printed after the post's ("(aktualisiert 11:30 Uhr)")


# A football match's minute ("67'", "45'+2'", "90+3'"), as live commentary stamps its entries;
# BBC Sport puts "Match time" before it for screen readers.
_MATCH_MINUTE = re.compile(
    r"(?:match\s+time|minute|min\.?)?\s*(?P<base>\d{1,3})\s*(?:['’′]\s*(?:\+\s*(?P<extra>\d{1,2})\s*['’′]?)?"
    r"|\+\s*(?P<extra2>\d{1,2})\s*['’′])",
    re.IGNORECASE,
)
_LAST_MINUTE = 130  # extra time runs to 120, and its added time beyond


def match_minute(line: str) -> str | None:
    """The canonical match minute a line consists of ("90'+3'" gives "90+3'"), or None."""
    match = _MATCH_MINUTE.fullmatch(line)
    if match is None or int(match["base"]) > _LAST_MINUTE:
        return None
    extra = match["extra"] or match["extra2"]
    return f"{int(match['base'])}+{int(extra)}'" if extra else f"{int(match['base'])}'"


# A race's lap, as motor-racing live text stamps its entries ("Lap 23/52", "Runde 23/57", "Tour 5 sur
# 44"): like a match minute, a time that gives no instant. With its total, or the English word.
_RACE_LAP = re.compile(
    r"(?:(?P<lap>lap)|runde|tour|vuelta|giro|ronde|volta)\s+(?P<n>\d{1,3})"
    r"(?:\s*(?:/|of|von|sur|de|di|van)\s*(?P<total>\d{1,3}))?",
    re.IGNORECASE,
)
_FEWEST_LAPS = 10
_LAP_WORDS = ("lap", "runde", "tour", "vuelta", "giro", "ronde", "volta")


def race_lap(line: str) -> str | None:
    """The canonical lap a line consists of ("LAP 23 / 52" gives "Lap 23/52"), or None."""
    match = _RACE_LAP.fullmatch(line)
    if match is None or (match["total"] is None and match["lap"] is None):
        return None
    n, total = int(match["n"]), match["total"]
    # (a race runs ten laps or more: "Tour 2/3" is a gallery's counter, "Runde 5 von 9" a league's)
    if total is not None and not (0 < n <= int(total) and int(total) >= _FEWEST_LAPS):
        return None
    return f"Lap {n}/{int(total)}" if total is not None else f"Lap {n}"


def _progress(line: str) -> str | None:
    """A match minute or a race lap the line consists of: a time that gives no instant."""
    if "'" in line or "’" in line or "′" in line:
        return match_minute(line)
    if line[:1] in "LlRrTtVvGg" and line.lower().startswith(_LAP_WORDS):
        return race_lap(line)
    return None


def _line(text: str) -> str | None:
    """The text as one line (any run of spaces one space, without the colon or dash that leads into
    the post: "7.40pm:", "19.40 Uhr –"), or None when it is empty or too long."""
    line = " ".join((text if text.isascii() else text.translate(INVISIBLE)).split())
    if line.endswith(_LEAD_IN):
        line = line.rstrip(_LEAD_IN_CHARS)
    if line.endswith(".") and _HOURS_ABBREVIATED.search(line) is not None:
        line = line[:-1]  # ("23:52 hrs.", Milenio)
    return line if line and len(line) <= _MAX_LABEL else None


_LEAD_IN = (":", "-", "–", "—", "|", "•", "·")
_HOURS_ABBREVIATED = re.compile(r"\d\s?(?:hrs|hs|hr)\.$", re.IGNORECASE)
_LEAD_IN_CHARS = ":-–—|•· "


def _label_match(line: str) -> re.Match[str] | None:
    # Every label has a digit (a clock, "3 mins ago") or one of relativetime's hint words ("ago",
    # "now", "eben"…); checking that is much cheaper than the pattern. (Non-ASCII text may
    # case-fold onto them: it takes the pattern.)
    if line.isascii() and not _DIGIT.search(line) and not may_be_relative(line.lower()):
        return None
    if line.startswith("(") and line.endswith(")") and line.count("(") == 1:
        line = line[1:-1].strip()  # "(17 minutes ago)" beside its clock
    return _TIME_LABEL.match(line)


# "18.04 GMT", "13:45", "6.30pm": the commonest labels. The pattern takes such a line whole as its
# ``clock`` (its relative branch needs a unit right after the first number, and the clock branch
# is greedy), so the label is the line's clock; this shorter pattern says so at a fraction of the
# cost. Only ASCII letters here: the pattern's case-insensitive [A-Z] also takes "ſ" or "K".
_PLAIN_CLOCK = re.compile(r"[0-9]{1,2}(?:[:.hH]| [hH] )[0-9]{2}(?: ?[A-Za-z]{1,5})?")


def time_label(text: str) -> TimeLabel | None:
    """The time a short text consists of, or None when it says anything else too."""
    line = _line(text)
    if line is None:
        return None
    if _PLAIN_CLOCK.fullmatch(line):
        clock = find_clock(line) if _clock_word_ok(line) else None
        return TimeLabel(clock=clock, relative=None, coarse=False) if clock is not None else None
    return _general_label(line)


def _general_label(line: str) -> TimeLabel | None:
    if (minute := _progress(line)) is not None:
        return TimeLabel(clock=None, relative=None, coarse=True, minute=minute)
    match = _label_match(line)
    if match is None and in_these_scripts(line):
        return _non_latin_label(line)
    return _matched_label(match)


def _non_latin_label(line: str) -> TimeLabel | None:
    """A label the pattern above cannot read, in Chinese, Japanese, Korean or Arabic ("3月14日
    14時05分", "오후 2시 5분", "2:05 م", "14:05 (بتوقيت مكة المكرمة)"): a line made only of stamp
    words (:func:`is_stamp`) that prints a clock or a relative time."""
    if not _DIGIT.search(line) or not is_stamp(line):
        return None
    clock = find_clock(line)
    relative = parse_relative(line) if clock is None else None
    if clock is None and relative is None:
        return None
    return TimeLabel(clock=clock, relative=relative, coarse=False)


_CLOCK_WORDS = frozenset({"am", "pm", "uhr", "uur", "h", "hr", "hrs", "hs", "hora", "horas", "local"})


def _clock_word_ok(clock_text: str) -> bool:
    """Whether a word the clock ends with is one a clock prints: a zone, am/pm, "Uhr", "hrs", or
    an unknown abbreviation after a space ("14:05 WEZ") or shaped like a zone ("QQT"). "13:05GOAL"
    (a stamp glued to a one-word post) and "13:05 Fire" are a time and a post's text."""
    head, space, last = clock_text.rpartition(" ")
    if space and head[-1:].isdigit() and last.isalpha() and len(last) <= 5:
        return last.isupper() or _clock_word(last)  # the common "18:04 GMT"; "14:05 WEZ" too
    text = clock_text.rstrip(")")
    start = len(text)
    while start and text[start - 1].isalpha():
        start -= 1
    word = text[start:]
    if not word or len(word) > 5 or (start and (text[start - 1] == "_")):
        return True  # (what the pattern's word class would not take as a whole word)
    return _clock_word(word)


@lru_cache(maxsize=1024)
def _clock_word(word: str) -> bool:
    return (
        word.lower() in _CLOCK_WORDS
        or word.upper() in ZONES
        or (word.isupper() and word.endswith("T"))
        or word.lower() in MONTHS
    )


def _matched_label(match: re.Match[str] | None) -> TimeLabel | None:
    if match is None:
        return None
    clock_text = match["pair"] or match["pair2"] or match["clock"]
    rel_text = match["rel"] or match["rel2"]
    edit_text = match["edit"]
    # A clock printed with a date ("12:09 a.m. ET, October 30, 2023") is read with it.
    own_text = match.string[: match.start("edit")] if edit_text else match.string
    clock = find_clock(own_text if match["clock"] else clock_text) if clock_text else None
    if clock is not None and not rel_text and not _clock_word_ok(clock_text):
        return None
    if clock is not None and match["dayword"] and clock.date is None and clock.month_day is None:
        clock = replace(clock, days_ago=1 if is_yesterday(match["dayword"]) else 0)
    if clock is not None and match["weekday_after"] and clock.date is None and clock.month_day is None:
        clock = replace(clock, weekday=ENGLISH_WEEKDAYS.index(match["weekday_after"].lower()))
    relative = parse_relative(rel_text) if rel_text else None
    if clock is None and rel_text is None:
        return None
    if clock is not None and rel_text and relative is None and clock.date is None and clock.days_ago is None:
        days = whole_days_ago(rel_text)  # "2 days ago · 10:00 AM": the clock's day
        clock = replace(clock, days_elapsed=days) if days is not None else clock
    edited = _edit_clock(find_clock(edit_text), clock) if edit_text else None
    return TimeLabel(
        clock=clock, relative=relative, coarse=rel_text is not None and relative is None, edited=edited
    )


def _edit_clock(edited: Clock | None, published: Clock | None) -> Clock | None:
    """An edit time printed after the post's own, read as that stamp reads it: in its zone, in
    the afternoon after an afternoon post ("12:50 p.m. ET Updated 1:10"), and never before the
    post ("21:05 Uhr (aktualisiert 20:30 Uhr)" is no edit time; after midnight, "00:10" is)."""
    if edited is None or published is None:
        return edited
    if edited.zone is None and published.zone is not None:
        edited = replace(edited, zone=published.zone)
    if edited.date is not None or published.date is not None:
        return edited
    start, end = published.hour * 60 + published.minute, edited.hour * 60 + edited.minute
    if end < start and not edited.half_known and edited.hour < 12 and end + 720 >= start:
        edited, end = replace(edited, hour=edited.hour + 12), end + 720
    # Later on the clock: the same day. Earlier: after midnight when within 12 hours, else before
    # the post, which no edit is.
    return edited if end >= start or (end - start) % 1440 < 720 else None


def general_time_label(text: str) -> TimeLabel | None:
    """``time_label`` by the full pattern alone: the rule its shortcut is proven against."""
    line = _line(text)
    return _general_label(line) if line is not None else None


def is_time_label(text: str) -> bool:
    """``time_label(text) is not None``, without building the label (a third of the cost)."""
    line = _line(text)
    if line is None:
        return False
    if _PLAIN_CLOCK.fullmatch(line):
        return has_clock(line) and _clock_word_ok(line)
    match = _label_match(line)
    if match is None:
        if _progress(line) is not None:
            return True
        return in_these_scripts(line) and _non_latin_label(line) is not None
    if match["rel"] or match["rel2"]:
        return True
    clock_text = match["pair"] or match["pair2"] or match["clock"]
    # (as _matched_label reads it: the clock with its date, not the edit time after it; "9 updated
    # 1pm" is no label)
    own_text = match.string[: match.start("edit")] if match["edit"] else match.string
    return (
        bool(clock_text)
        and has_clock(own_text if match["clock"] else clock_text)
        and _clock_word_ok(clock_text)
    )


_LEAD_SEPARATORS = (" – ", " — ", " - ", ": ", " | ", " · ")
_SPACED_LEAD = re.compile(
    r"(?P<clock>(?:[01]\d|2[0-3])[:.][0-5]\d) (?=[^\W\d_])(?!(?:uhr|h|min|million|milliard|am|pm|a\.m|p\.m)\b)",
    re.IGNORECASE,
)


def led_label(line: str, *, spaced: bool = False) -> tuple[TimeLabel, str] | None:
    """The time a line leads with and the headline after it: "14:05 – Shrewsbury barriers hold",
    "2.05pm: Rain eases", "14:05 GMT | Polls close"; None for any other line. With ``spaced``,
    a bare 24-hour clock before a capital does too ("00:40 Vigili del fuoco", ANSA), which only a
    page of such lines says is a time (a sentence may start "12:30 Uhr ist …" or "10.30 Million")."""
    if not _DIGIT.search(line[:_MAX_LABEL]):
        return None
    if spaced:
        bare = _SPACED_LEAD.match(line)
        label = time_label(bare["clock"]) if bare is not None else None
        return (label, line[bare.end() :]) if bare is not None and label is not None else None
    for separator in _LEAD_SEPARATORS:
        head, found, rest = line.partition(separator)
        rest = rest.strip()
        # (what follows starts like a headline or a sentence: "06:30 – the first trains…" is prose)
        if found and len(head) <= _MAX_LABEL and rest and not rest[0].islower():
            label = time_label(head)
            if label is not None:
                return label, rest
    return None


# "+++ 18:04 Headline +++", "+++ 18.04 Uhr: Headline +++", "+++ 18:04 +++" (headline below).
_TICKER = re.compile(
    r"^\+{3}\s*(?P<h>\d{1,2})[:.hH](?P<m>\d{2})(?:\s*Uhr\b)?\s*(?:\+{3}|[:–—-])?\s*(?P<title>.*?)\s*(?:\+{3})?$",
    re.IGNORECASE,
)


def ticker_line(line: str) -> tuple[TimeLabel, str | None] | None:
    """The time and headline of a news ticker's ``+++ HH:MM Headline +++`` line, or None."""
    match = _TICKER.match(line) if line.startswith("+++") else None
    if match is None:
        return None
    clock = find_clock(f"{match['h']}:{match['m']}")  # the marks say it is a time: no zone needed
    if clock is None:
        return None
    return TimeLabel(clock=clock, relative=None, coarse=False), match["title"] or None


# --- where the live section ends ----------------------------------------------------------------
