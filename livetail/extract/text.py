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
from dataclasses import replace

from livetail.extract.build import RawUpdate
from livetail.extract.clockdates import reference_from_pair
from livetail.extract.core import Context, Found
from livetail.extract.furniturewords import AD_LABELS
from livetail.extract.readalso import is_read_also_line
from livetail.extract.stampwords import is_day_line
from livetail.extract.timelabel import TimeLabel, is_time_label, led_label, ticker_line, time_label
from livetail.extract.timeparse import Day, printed_day

__all__ = [
    "TimeLabel",
    "extract_text_blog",
    "heading_like",
    "is_time_label",
    "live_section_end",
    "rights_line",
    "ticker_line",
    "time_label",
]


_PLACEHOLDER = re.compile(
    r"^(?:!?\[?\s*(?:img|image|photo|picture)\s*\]?|!\[[^\]]*\]\([^)]*\)|\[(?:img|image|photo)\b[^\]]*\])$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.,' -]{0,60}\s)?\((?:AP|CNN|Reuters|AFP|UPI|dpa|DPA|Bloomberg|AJ|BBC)\)\s*(?:[—–-]|\w)"
)
_RIGHTS = (
    r"(?:(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4})).*|all rights reserved\.?"
    r"|(?:riproduzione riservata|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten)\b.*)"
)
_CHROME = re.compile(
    r"^(?:advertisement|sponsored|licensed under\b.*|related(?: (?:articles?|stories|news|coverage))?:?"
    r"|most (?:read|popular)|read more:?.*|(?:more|recommended) (?:stories|from .*)"
    r"|photos?:.*|.*\bhide caption \d+ of \d+.*|share this:?"
    # the same furniture on German and French pages
    r"|anzeige|werbung|mehr zum thema:?|das könnte sie auch interessieren:?|weitere artikel:?|meistgelesen.*"
    r"|publicité|(?:à )?lire aussi:?.*|sur le même sujet:?|les plus lus"
    # the page's footer
    rf"|{_RIGHTS}|impressum|datenschutz.*|privacy(?: policy)?"
    r"|terms(?: (?:of (?:use|service)|and conditions))?|mentions légales|aviso legal)$",
    re.IGNORECASE,
)
_RIGHTS_LINE = re.compile(_RIGHTS, re.IGNORECASE)


def rights_line(line: str) -> bool:
    """A copyright line: "© 2024 Cox Media Group", "Riproduzione riservata © Copyright ANSA"."""
    return _RIGHTS_LINE.fullmatch(line) is not None


# (and their CJK full-width forms and the danda: "…但班次會較疏。機場快綫維持每20分鐘一班。" is two sentences)
_SENTENCE_END = (".", ",", ";", ":", "。", "，", "；", "：", "।")


_QUOTED_END = re.compile(r"[.!?,;:。！？][\"'”’»」』]+$")


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


_SPACED_MIN = 3  # lines led by a clock and a space alone, for a page of them to be a blog


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
    tickers: set[int] = set()  # the "+++ 18:04 Headline +++" lines
    for i, line in enumerate(lines):
        ticker = ticker_line(line)
        if ticker is None:
            labels.append(time_label(line))
            continue
        tickers.add(i)
        labels.append(ticker[0])
        if ticker[1]:
            inline[i] = ticker[1]
    if len(tickers) >= 2:
        # A news ticker's posts start at its "+++ 01:05 … +++" lines; a time line before the first
        # is the article's dateline ("10.03.2024, 01:05 Uhr" over its intro, n-tv), not a post.
        first = min(tickers)
        labels = [None if i < first else label for i, label in enumerate(labels)]
    if any(label is not None and label.minute is None for label in labels):
        # Beside clocks, a match minute ("71'") or a height ("6'") is a post's text.
        labels = [None if label is not None and label.minute else label for label in labels]
    starts = [i for i, label in enumerate(labels) if label is not None]
    led = {} if starts else {i: lead for i, line in enumerate(lines) if (lead := led_label(line))}
    if not starts and not _led_blog(led, len(lines)):
        spaced = {i: lead for i, line in enumerate(lines) if (lead := led_label(line, spaced=True))}
        if len(spaced) >= _SPACED_MIN and all(rest[:1].isupper() for _, rest in spaced.values()):
            led = spaced
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
        if len(chunk) > 1:  # ("Related: …" between paragraphs; a post's only line stays)
            chunk = [line for line in chunk if not is_read_also_line(line)] or chunk
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
