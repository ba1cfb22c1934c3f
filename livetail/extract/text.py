"""Plain-text live blogs: a time line, a headline line, paragraphs, until the next time line.

This is the shape of a live blog saved as text (the project's seed, an Al Jazeera page):

    51 seconds ago (18:04 GMT)
    US ambassador in Moscow delivers written response to Russian concerns
    The US ambassador John Sullivan in Moscow has delivered …
    11 mins ago (17:54 GMT)
    …

It runs on ``text/plain`` documents, and on an HTML page's visible text when no other strategy
found anything there (then it needs at least two time lines, so an ordinary article with one
"2 hours ago" byline is not a live blog).

Rules
    * Every non-empty line is one paragraph (blank lines, CRLF and wrapped spacing do not matter).
    * A *time line* is a line that holds nothing but a time label: ``N <unit> ago``, optionally
      followed by a parenthesised time of day (``51 seconds ago (18:04 GMT)``), or a time of day on
      its own (``18:04 GMT``, ``(18:04 GMT)``, ``13:45``, ``6.30pm``; also ``21 mins ago 11:48``
      and ``11:48 - 21 mins ago``), optionally after "Updated",
      "Posted" or "Published". A time of day is what the uid hashes; the relative part is dropped
      (it changes on every fetch) and is only used when there is no time of day.
    * A *ticker line* holds the time and the headline together between ``+++`` marks, as German
      news tickers print them (n-tv: ``+++ 18:04 Selenskyj fordert mehr Hilfe +++``); it starts
      an update whose headline is the text after the time (``Uhr`` and a colon dropped).
    * The line after a time line is the headline when it looks like one: at most 200 characters
      and not ending like a sentence part (``.`` ``,`` ``;`` ``:``); otherwise the update has no
      headline and the build step takes its first sentence.
    * Text before the first time line (the blog's title, lead and summary) is not an update.
    * A *day line* says nothing but a day (``Wednesday 18 September 2024``, ``17. September``)
      and stands right before a time line: it dates the time lines after it and is no update's
      text. One lone day line above the first
      time line is a dateline and dates nobody (it would pin every post to its day, across
      midnight too).
    * **Where the live section ends.** Pages saved as text carry other articles after the live
      blog (the seed has three "related" articles and a photo gallery after its last update). The
      last update's body therefore stops at the first *foreign block* after its own first paragraph:
        - a heading-like line directly followed by an image placeholder line (``img]``, ``[img]``,
          ``![alt](src)``, ``[Image …]``): a new article's headline and picture;
        - a news-agency dateline paragraph (``MOSCOW (AP) —``, ``(CNN)``, ``(Reuters) -``),
          together with a heading-like line right before it;
        - page chrome: ``ADVERTISEMENT``, a gallery caption counter (``Hide Caption 3 of 35``,
          ``Photos:``), ``Licensed under …``, ``Related …``, ``Most read``, ``Read more``, …,
          and the same in German and French (``Anzeige``, ``Mehr zum Thema``, ``Lire aussi``)
      and, when none of those occur, a length guard: a last body with more than
      ``max(2 × the longest other body, 8)`` paragraphs is cut at its first heading-like line
      after the first paragraph (a new article's headline), else at that bound. The rules apply
      to the last update only: an image or caption inside an earlier update is the update's own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from livetail.extract.build import RawUpdate
from livetail.extract.clockdates import reference_from_pair
from livetail.extract.core import Context, Found
from livetail.extract.nonlatin import in_these_scripts
from livetail.extract.relativetime import FOREIGN_RELATIVE, may_be_relative
from livetail.extract.structured import AD_LABELS, DAY_WORDS, INVISIBLE, is_day_line, is_stamp, is_yesterday
from livetail.extract.timeparse import (
    MONTHS,
    WEEKDAYS,
    ZONES,
    Clock,
    Day,
    find_clock,
    has_clock,
    parse_relative,
    printed_day,
    word_alternation,
)

__all__ = [
    "TimeLabel",
    "extract_text_blog",
    "heading_like",
    "is_time_label",
    "live_section_end",
    "ticker_line",
    "time_label",
]

_UNIT = (
    r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h"
    r"|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y)"
)
_AMOUNT = rf"(?:\d{{1,4}}|an?|one)\s?{_UNIT}\.?"
_RELATIVE = rf"(?:{_AMOUNT}(?:[\s,]+(?:and\s+)?{_AMOUNT})*\s+ago|just\s+now|(?:a\s+)?moments?\s+ago|{FOREIGN_RELATIVE})"
_ZONE = r"(?:(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Z]{1,5})"
_CLOCK = rf"\d{{1,2}}(?:(?:[:.]|[ \xa0\u202f]?[hH][ \xa0\u202f]?)\d{{2}}(?::\d{{2}})?)?\s?(?:[aApP]\.?[mM]\.?)?(?:\s?\(?{_ZONE}\)?)?"
_PREFIX = (
    # a pinned post's label before its time ("Angeheftet 05:55 Uhr", Bild)
    r"(?:(?:pinned|angeheftet|angepinnt|épinglé|fissato)\s*:?\s+)?"
    r"(?:(?:(?:last\s+)?(?:updated|posted|published)(?:\s+at)?"
    # German, French, Spanish, Dutch, Italian: "Update vom", "Aktualisiert am", "Mis à jour le"
    r"|update\s+vom|erstmeldung\s+vom|aktualisiert(?:\s+(?:am|um))?|mis\s+à\s+jour(?:\s+(?:le|à))?|publié(?:\s+(?:le|à))?"
    r"|actualizado(?:\s+(?:el|a\s+las))?|publicado(?:\s+(?:el|a\s+las))?|bijgewerkt(?:\s+om)?|aggiornato(?:\s+alle)?"
    # Nordic: "Uppdaterad", "Päivitetty"; then "kl." / "klo" before the clock
    r"|uppdaterad|opdateret|oppdatert|päivitetty)?"
    # "Today, 09:12", "Gestern, 22:15", "Hier à 23h40", "Igår kl. 22.15": the walk dates them
    # ("at" never: "Today at 8.15pm" or "At 8.15pm" on a line of its own is as often a post's words)
    rf"(?:\s*(?P<dayword>{DAY_WORDS})\s*,?(?:\s*(?:um|à|a\s+las|alle|om)(?=\s))?)?(?:\s*(?:kl\.?|klo|ore|godz\.?)(?=[\s\d]))?"
    r"\s*:?\s*)?"
)
# A date printed with the clock, before or after it: "12:09 a.m. ET, October 30, 2023" (CNN),
# "July 4, 2024, 7:00 AM EDT", "09:15 BST 2 July" (BBC), "23.02.2025 • 18:04" (tagesschau).
# find_clock reads a date that has a year; one without is left to the walk, like a bare clock.
_MONTH_NAME = word_alternation(MONTHS) + r"\.?"
_WEEKDAY = word_alternation(WEEKDAYS) + r"\.?"
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th|\.)?"
_YEAR_SEP = r"(?:\s*,\s*|\s+)"  # "14 March 2024", "March 14, 2024", Al Arabiya's "14 March ,2024"
_DATE_PART = (
    rf"(?:(?:le|am|el|il|den)\s+)?(?:{_WEEKDAY},?\s+)?(?:{_MONTH_NAME}\s+{_DAY_NUMBER}(?:{_YEAR_SEP}\d{{4}})?"
    rf"|{_DAY_NUMBER}\s+(?:de\s+)?{_MONTH_NAME}(?:{_YEAR_SEP}(?:de\s+)?\d{{4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}"
    # "3/14" (Japan, the US) or "14/3" (Europe): the order is the page's, so it dates nothing
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2}}(?:\d{{2}})?)?(?:\s*[(（][^()（）]{{1,3}}[)）])?)"
)
# between a date and its clock: punctuation, or "at" ("Sep 18, 2024 at 6:04 pm"), "um", "à", "a las", "alle", "om"
_DATE_SEP = r"\s*(?:[,:•·|–—-]|,?\s*(?:at|um|à|a\s+las|alle|om)(?=\s))?\s*"
# An edit time after the post's own ("11:05 Uhr (aktualisiert 11:30 Uhr)", "19:05 Updated 19:40"),
# with its minutes or am/pm ("14:00 updated 15" is no edit time)
_MINUTE_CLOCK = (
    rf"(?:\d{{1,2}}(?:[:.]|[ \xa0\u202f]?[hH][ \xa0\u202f]?)\d{{2}}(?::\d{{2}})?\s?(?:[aApP]\.?[mM]\.?)?"
    rf"|\d{{1,2}}\s?[aApP]\.?[mM]\.?)(?:\s?\(?{_ZONE}\)?)?"  # ("Updated 3 p.m.", AP style)
)
_EDIT = (
    r"(?P<edit>\s*[(\[]?\s*[|·,–—-]?\s*(?:last\s+updated|updated|edited|aktualisiert|mis\s+à\s+jour|actualizado"
    r"|bijgewerkt|aggiornato|uppdaterad|opdateret|oppdatert|päivitetty)(?:\s+(?:at|um|à|a\s+las|alle|om))?\s*:?\s*"
    rf"(?:{_DATE_PART}{_DATE_SEP})?{_MINUTE_CLOCK}(?:{_DATE_SEP}{_DATE_PART})?\s*[)\]]?)"
)
_TIME_LABEL = re.compile(
    rf"^{_PREFIX}(?:(?P<rel>{_RELATIVE})"
    rf"(?:\s*[(\[]\s*(?P<pair>{_CLOCK})\s*[)\]]|\s*[-–—|·,]?\s*(?P<pair2>{_CLOCK}))?"
    rf"|(?:{_DATE_PART}{_DATE_SEP})?[(\[]?\s*(?P<clock>{_CLOCK})\s*[)\]]?(?:{_DATE_SEP}{_DATE_PART})?"
    rf"(?:\s*[-–—|·,]?\s*(?P<rel2>{_RELATIVE}))?{_EDIT}?)$",
    re.IGNORECASE,
)
_MAX_LABEL = 64
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class TimeLabel:
    """A text that is only a time: the time of day it prints, and how long ago it says."""

    clock: Clock | None
    relative: timedelta | None
    coarse: bool  # a relative time coarser than hours ("3 days ago"): no instant from it
    minute: str | None = None  # a match minute, canonical ("90+3'"): a time, but no instant
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


def _line(text: str) -> str | None:
    """The text as one line (any run of spaces one space, without the colon or dash that leads into
    the post: "7.40pm:", "19.40 Uhr –"), or None when it is empty or too long."""
    line = " ".join((text if text.isascii() else text.translate(INVISIBLE)).split())
    if line.endswith(_LEAD_IN):
        line = line.rstrip(_LEAD_IN_CHARS)
    return line if line and len(line) <= _MAX_LABEL else None


_LEAD_IN = (":", "-", "–", "—", "|", "•", "·")
_LEAD_IN_CHARS = ":-–—|•· "


def _label_match(line: str) -> re.Match[str] | None:
    # Every label has a digit (a clock, "3 mins ago") or one of relativetime's hint words ("ago",
    # "now", "eben"…); checking that is much cheaper than the pattern. (Non-ASCII text may
    # case-fold onto them: it takes the pattern.)
    if line.isascii() and not _DIGIT.search(line) and not may_be_relative(line.lower()):
        return None
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
    if ("'" in line or "’" in line or "′" in line) and (minute := match_minute(line)) is not None:
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
    relative = parse_relative(rel_text) if rel_text else None
    if clock is None and rel_text is None:
        return None
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
        if ("'" in line or "’" in line or "′" in line) and match_minute(line) is not None:
            return True
        return in_these_scripts(line) and _non_latin_label(line) is not None
    if match["rel"] or match["rel2"]:
        return True
    clock_text = match["pair"] or match["pair2"] or match["clock"]
    return (
        bool(clock_text)
        and has_clock(match.string if match["clock"] else clock_text)
        and _clock_word_ok(clock_text)
    )


_LEAD_SEPARATORS = (" – ", " — ", " - ", ": ", " | ", " · ")


def led_label(line: str) -> tuple[TimeLabel, str] | None:
    """The time a line leads with and the headline after it: "14:05 – Shrewsbury barriers hold",
    "2.05pm: Rain eases", "14:05 GMT | Polls close"; None for any other line."""
    if not _DIGIT.search(line[:_MAX_LABEL]):
        return None
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

_PLACEHOLDER = re.compile(
    r"^(?:!?\[?\s*(?:img|image|photo|picture)\s*\]?|!\[[^\]]*\]\([^)]*\)|\[(?:img|image|photo)\b[^\]]*\])$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.,' -]{0,60}\s)?\((?:AP|CNN|Reuters|AFP|UPI|dpa|DPA|Bloomberg|AJ|BBC)\)\s*(?:[—–-]|\w)"
)
_CHROME = re.compile(
    r"^(?:advertisement|sponsored|licensed under\b.*|related(?: (?:articles?|stories|news|coverage))?:?"
    r"|most (?:read|popular)|read more:?.*|(?:more|recommended) (?:stories|from .*)"
    r"|photos?:.*|.*\bhide caption \d+ of \d+.*|share this:?"
    # the same furniture on German and French pages
    r"|anzeige|werbung|mehr zum thema:?|das könnte sie auch interessieren:?|weitere artikel:?|meistgelesen.*"
    r"|publicité|(?:à )?lire aussi:?.*|sur le même sujet:?|les plus lus"
    # the page's footer
    r"|(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4})).*|all rights reserved\.?|impressum|datenschutz.*|privacy(?: policy)?"
    r"|terms(?: (?:of (?:use|service)|and conditions))?|mentions légales|aviso legal)$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ",", ";", ":")


_QUOTED_END = re.compile(r"[.!?,;:][\"'”’»]+$")


def heading_like(line: str) -> bool:
    """A headline: short, and not ending like a sentence (or a quoted sentence) does."""
    return 0 < len(line) <= 200 and not line.endswith(_SENTENCE_END) and not _QUOTED_END.search(line)


def _foreign_start(body: list[str]) -> int | None:
    """Index in the last update's body where a foreign block starts (see the module docstring)."""
    for i in range(1, len(body)):
        line = body[i]
        if _CHROME.match(line):
            return i
        if _DATELINE.match(line):
            return i - 1 if i > 1 and heading_like(body[i - 1]) else i
        if _PLACEHOLDER.match(line) and heading_like(body[i - 1]):
            return i - 1
    return None


def live_section_end(last: list[str], others: list[int]) -> int:
    """How many of the last update's paragraphs belong to it (see the module docstring).

    ``last`` holds the last update's paragraphs (without its headline), ``others`` the paragraph
    counts of the other updates.
    """
    cut = _foreign_start(last)
    if cut is not None:
        return cut
    bound = max(2 * max(others, default=0), 8)
    if len(last) <= bound:
        return len(last)
    for i in range(1, len(last)):
        if heading_like(last[i]) and not _PLACEHOLDER.match(last[i]):
            return i
    return bound


# --- the strategy -------------------------------------------------------------------------------


def _day_lines(lines: list[str], labels: list[TimeLabel | None], first: int) -> dict[int, Day]:
    """The day lines (see the module docstring) by line index, and the day each prints: only a
    line right before a time line ("Monday 22 April" in a post's list of key dates is its text)."""
    found = {
        i: day
        for i, line in enumerate(lines[:-1])
        if labels[i] is None
        and labels[i + 1] is not None
        and is_day_line(line)
        and (day := printed_day(line)) != (None, None)
    }
    if len(found) == 1 and next(iter(found)) < first:
        return {}  # a dateline
    return found


def _led_blog(led: dict[int, tuple[TimeLabel, str]], line_count: int) -> bool:
    """Whether time-led lines are a blog's updates: on a page with no line that is only a time,
    at least two, most of them followed by a paragraph of their own (a running order or a
    "latest" list is one line after another)."""
    if len(led) < 2:
        return False
    positions = sorted(led)
    with_text = sum(
        1
        for n, i in enumerate(positions)
        if (positions[n + 1] if n + 1 < len(positions) else line_count) > i + 1
    )
    return with_text * 2 > len(positions)


def _same_start(first: RawUpdate, second: RawUpdate) -> bool:
    return bool(first.title) and (first.title, first.printed_time) == (second.title, second.printed_time)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# "Sign up for our Sports newsletter: …", "Subscribe to Rappler's newsletter: The Daily Wrap": a
# box's line, nobody's text ("Subscribe to the newsletter, the minister urged" is a sentence)
_NEWSLETTER_PROMO = re.compile(
    r"(?:sign\s+up|subscribe)\b[^,.]{0,80}\bnewsletters?\b[^,]{0,30}:", re.IGNORECASE
)


def _titles_above(
    lines: list[str], labels: list[TimeLabel | None], starts: list[int], days: dict[int, Day]
) -> bool:
    """Whether each post's headline stands on the line above its time line (USA TODAY's text:
    "Mahomes named MVP" / "10:20 p.m. ET February 11, 2024" / "Patrick Mahomes was named…"):
    above every time line a headline (not a byline, a credit or a name alone), below most of them
    a sentence (a post may open with a caption)."""
    if len(starts) < 2 or starts[0] == 0:
        return False
    for i in starts:
        previous = lines[i - 1]
        if (
            labels[i - 1] is not None
            or (i - 1) in days
            or not heading_like(previous)
            or previous.lower() in AD_LABELS
            or _CREDIT_LINE.match(previous)
            or not _LOWER_WORD.search(previous)  # a name alone ("Jarrett Bell") is a byline
        ):
            return False
    sentences = sum(
        1 for i in starts if i + 1 < len(lines) and labels[i + 1] is None and not heading_like(lines[i + 1])
    )
    return 3 * sentences >= 2 * len(starts)


_CREDIT_LINE = re.compile(
    r"(?:by|von|par|por|reporting|additional\s+reporting|writing|editing|contributing|with\s+reporting|source)\b",
    re.IGNORECASE,
)
_LOWER_WORD = re.compile(r"(?:^|\s)[a-zà-ÿ]")


def extract_text_blog(text: str, context: Context, *, min_updates: int = 1) -> Found | None:
    """Updates from plain text shaped like the seed; None when it has fewer than ``min_updates``."""
    lines = _lines(text)
    labels: list[TimeLabel | None] = []
    inline: dict[int, str] = {}  # a ticker or time-led line's own headline, by line
    for i, line in enumerate(lines):
        ticker = ticker_line(line)
        if ticker is None:
            labels.append(time_label(line))
            continue
        labels.append(ticker[0])
        if ticker[1]:
            inline[i] = ticker[1]
    if any(label is not None and label.minute is None for label in labels):
        # Beside clocks, a match minute ("71'") or a height ("6'") is a post's text.
        labels = [None if label is not None and label.minute else label for label in labels]
    starts = [i for i, label in enumerate(labels) if label is not None]
    led = {} if starts else {i: lead for i, line in enumerate(lines) if (lead := led_label(line))}
    opening: dict[int, str] = {}  # the first paragraph a time-led line carries
    if _led_blog(led, len(lines)):  # "14:05 – Barriers hold": the page's updates lead with their time
        for i, (led_time, rest) in led.items():
            labels[i] = led_time
            if heading_like(rest):
                inline[i] = rest
            else:
                opening[i] = rest  # "2.05pm: The barriers held overnight." is the post's text
        starts = sorted([*starts, *led])
    if len(starts) < min_updates:
        return None
    days = _day_lines(lines, labels, starts[0])
    above = _titles_above(lines, labels, starts, days)
    bodies: list[list[str]] = []
    titles: list[str | None] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        if above and n + 1 < len(starts):
            end -= 1  # (the next post's headline stands above its time line)
        chunk = [
            line
            for i, line in enumerate(lines[start + 1 : end], start + 1)
            if i not in days and line.lower() not in AD_LABELS and not _NEWSLETTER_PROMO.match(line)
        ]
        if above:
            titles.append(lines[start - 1])
            bodies.append(chunk)
            continue
        if start in opening:
            chunk.insert(0, opening[start])
            titles.append(None)
            bodies.append(chunk)
            continue
        if start in inline:
            titles.append(inline[start])
            bodies.append(chunk)
            continue
        title = chunk[0] if chunk and heading_like(chunk[0]) else None
        titles.append(title)
        bodies.append(chunk[1:] if title is not None else chunk)
    if bodies:
        # The last update's body may run into the articles after the live section.
        bodies[-1] = bodies[-1][: live_section_end(bodies[-1], [len(b) for b in bodies[:-1]])]

    updates: list[RawUpdate] = []
    day: Day | None = None
    day_at = iter(sorted(days))
    next_day = next(day_at, None)
    for start, title, body in zip(starts, titles, bodies, strict=True):
        label = labels[start]
        assert label is not None
        while next_day is not None and next_day < start:
            day, next_day = days[next_day], next(day_at, None)
        if title is None and not body:
            continue
        clock = label.clock
        if clock is not None and day is not None and clock.date is None and clock.month_day is None:
            clock = replace(clock, date=day[0], month_day=day[1])  # (printed, and the uid, unchanged)
        updates.append(
            RawUpdate(
                body_html="".join(f"<p>{html.escape(p, quote=False)}</p>" for p in body),
                title=title,
                clock=clock,
                printed_time=label.clock.printed if label.clock else "",
                relative=label.relative,
            )
        )
    if len(updates) > 1 and _same_start(updates[0], updates[1]):
        # The page's headline repeats the newest ticker line ("+++ 14:05 Israel meldet Angriffe
        # +++" above the ticker): the copy's "body" is the page's lead, not an update.
        del updates[0]
    if len(updates) < min_updates:
        return None
    found = Found(updates=updates)
    if context.reference is not None:
        today = context.reference.astimezone(context.timezone).date()
        found.reference = reference_from_pair(lines[starts[0]], today, context.timezone)
    return found
