"""Finish raw pieces found by any strategy into an :class:`~livetail.model.Update`.

Every strategy ends here, so sanitising, titles, uids and fingerprints follow one rule set:
the publisher's id when there is one, else a hash of the time *as printed*, the normalised
title and the opening words; a title is the heading, else the first sentence, never empty.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from livetail import identity
from livetail.extract.embeds import has_embed, with_embed_links
from livetail.extract.htmlclean import sanitize_to_text_many, strip_xml_illegal
from livetail.extract.progressstamps import titles_its_entry
from livetail.extract.timeparse import Clock
from livetail.memo import SizedMemo, digest
from livetail.model import Update

# A sentence ends at ".", "!" or "?" before a space or the line's end, from the 12th character
# on, but not at a middle initial after a name ("Joseph E. Boone"), a title before a name ("Gen.
# Smith", "St. Louis") or a full stop the next word runs on from in lower case ("5 p.m. on
# Monday", "the U.S. embassy"). ("the U.S. Election officials…" ends at "U.S.": no rule tells.)
# (American style ends inside the quote: 'boredom." Trump'; not '"Is this the end?" Johnson asked')
_SENTENCE_END = re.compile(
    # (American style ends inside the quote: 'boredom." Trump'; a CJK full stop needs no space
    # after it, but one inside a quote goes on: 「…。」と述べた)
    r"(?:[.!?।։]|\.[\"”’»)])(?=\s|$)|[。！？](?![」』）】”’])"  # (the Devanagari danda and the Armenian full stop)
)
_NOT_AN_END = re.compile(
    r"(?:(?<=[^\W\d_][^\W\d_]\s)[^\W\d_\s]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof))\.$"
)
_SENTENCE_MIN, _SENTENCE_MAX = 12, 200
_TITLE_MAX = 140


@dataclass(kw_only=True)
class RawUpdate:
    """What a strategy found for one update, before sanitising and identity."""

    body_html: str
    title: str | None = None
    publisher_id: str | None = None
    printed_time: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    clock: Clock | None = None  # a time of day to date later, in page order
    modified_clock: Clock | None = None  # "Updated 18:30": dated after the published time
    relative: timedelta | None = None  # "11 mins ago": the last resort
    # what the stamp of an explicit time says ("9:52 PM" beside datetime="…T21:52:00+00:00"):
    # a clock in it that disagrees with the instant says the instant is in the wrong zone
    explicit_shown: str = ""
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    pinned: bool = False
    key_event: bool = False


def clean_line(text: str | None) -> str:
    # str.split() and the regex ``\s`` agree on what whitespace is (str.isspace), so this is
    # ``re.sub(r"\s+", " ", text).strip()`` without the regex engine.
    if not text:
        return ""
    if len(text) < _SHORT and text.isascii() and text.isprintable():
        # Printable ASCII holds no control character, so nothing XML-illegal: for the short strings
        # cleaned here (titles, ids, names) two C checks beat encoding the string to look.
        return " ".join(text.split())
    return " ".join(strip_xml_illegal(text).split())


_SHORT = 160  # isprintable() looks up every character; past this, strip_xml_illegal's check is faster


_NAME_EDGES = " ,;:|·•-–—"
_LEAD_INS = ("— ", "– ", "- ", ": ", "| ", "· ", "• ")


_IMAGE_ALT = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"", re.IGNORECASE)


def _picture_title(content_html: str) -> str:
    """A title for a post that is only a picture: its alt text, else "Photo" (nh3 writes every
    attribute value in double quotes)."""
    if "<img" not in content_html:
        return ""
    found = _IMAGE_ALT.search(content_html)
    alt = clean_line(html.unescape(found.group(1))) if found else ""
    return first_sentence(alt) if alt else "Photo"


_EMBED_LEAD = re.compile(
    r"(?:view this post on|ver esta publicación en|ver esta publicação no|voir cette publication sur"
    r"|diesen beitrag auf|visualizza questo post su|bekijk dit bericht op|zobacz ten post na)\s+instagram(?:\s+ansehen)?",
    re.IGNORECASE,
)


def first_sentence(text: str) -> str:
    """A title for an update without a heading: its first sentence, shortened on a word.

    Only the first paragraph counts: a lone first line ("Jennifer Rankin reports from Brussels")
    is a title of its own, not the start of a sentence that runs into the next paragraph.
    """
    paragraphs = (clean_line(p) for p in text.split("\n") if p.strip())
    line = next(paragraphs, "")
    if _EMBED_LEAD.fullmatch(
        line
    ):  # an Instagram embed's "View this post on Instagram": the next line says whose
        line = next(paragraphs, line)
    if line.startswith(_LEAD_INS):  # what led from a cut time stamp into the post: "— Title"
        line = line[2:]
    title = _first_sentence_of(line)
    if len(title) > _TITLE_MAX:
        title = title[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title


def _first_sentence_of(line: str) -> str:
    for end in _SENTENCE_END.finditer(line, _SENTENCE_MIN - 1):
        stop = end.end()
        if stop > _SENTENCE_MAX:
            break
        if (
            line[end.start()] == "."
            and _NOT_AN_END.search(line, 0, end.start() + 1)
            and _capital_before(line, stop)
        ):
            continue
        if line[end.start()] in _CJK_ENDS and _quote_open(line, end.start()):
            continue  # 「今日は重要な日だ。必ずやり遂げる」と述べ: the quote's sentence, not the post's
        following = line[stop:].lstrip()
        if following and following[0].islower():
            continue
        if _AM_PM.search(line, 0, stop) and _DAY_OR_ZONE_AFTER.match(following):
            continue  # "until 2 a.m. Tuesday.", "at 9 p.m. ET on Monday": the clock's day or zone
        # "No. 1", "Nr. 7"; a German ordinal after its article or preposition: "zum 130. Bundesliga-Klassiker"
        if (
            line[end.start()] == "."
            and _NO_END_BEFORE.search(line, 0, end.start() + 1)
            and (following[:1].isdigit() or (following[:1].isalpha() and line[end.start() - 1].isdigit()))
        ):
            continue
        return line[:stop]
    return line


_CJK_ENDS = "。！？"
_AM_PM = re.compile(r"\b[ap]\.m\.$")
# (a weekday only where it closes the clause, "2 a.m. Tuesday." — "11 p.m. Monday service will
# resume" is two sentences; no "CT", "PT" or "MT", which CT scans and PT Barnum print)
_DAY_OR_ZONE_AFTER = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=[.,;:!?]|\s+(?:morning|afternoon|evening|night)\b)"
    r"|(?:ET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|BST|UTC)\b"
)


def _quote_open(line: str, at: int) -> bool:
    return sum(line.count(c, 0, at) for c in "「『“（") > sum(line.count(c, 0, at) for c in "」』”）")


_NO_END_BEFORE = re.compile(
    # (not "seit 2019." or "bis 2027.": a year ends German sentences as often as any word)
    r"\b(?:No|Nr|Nos|Nº|(?i:zum|zur|am|im|vom|beim|dem|den|der|des|das|ihrem|seinem)\s+\d{1,3})\.$"
)


def _capital_before(line: str, stop: int) -> bool:
    """Whether the word before the initial or title ending at ``stop`` is capitalised, as a first
    name before a middle initial is ("Joseph E."), or it is a title ("Gen.", "St.")."""
    words = line[:stop].split()
    return len(words) < 2 or len(words[-1]) > 2 or words[-2][:1].isupper()


# Sanitising is pure and the costliest step per update; a live blog re-fetched every few minutes
# repeats almost every body, so only new or changed bodies are sanitised again. Bounded by the
# characters held (about 64 MB at most; 500 blogs of 30 updates hold ~25 MB).
SANITIZED: SizedMemo[tuple[bytes, str], tuple[str, str]] = SizedMemo(
    64_000_000, lambda _key, value: len(value[0]) + len(value[1]) + 100
)


def _sanitized(bodies: Sequence[str], page_url: str) -> tuple[list[tuple[bytes, str]], list[tuple[str, str]]]:
    """The memo keys of ``bodies`` and their (content_html, text); a key determines its text, so
    identity's memo keys by it instead of digesting the text again."""
    keys = [(digest(body), page_url) for body in bodies]
    return keys, SANITIZED.get_or_compute_many(
        keys, lambda missing: _sanitize_bodies([bodies[i] for i in missing], page_url)
    )


def _sanitize_bodies(bodies: list[str], page_url: str) -> list[tuple[str, str]]:
    """Each body sanitised; one left with no text but holding embeds is written with its embeds
    as links instead (see :mod:`livetail.extract.embeds`), so a post that is only a video is kept."""
    results = sanitize_to_text_many(bodies, page_url)
    for i, (_content, text) in enumerate(results):
        if not text and has_embed(bodies[i]):
            results[i] = sanitize_to_text_many([with_embed_links(bodies[i])], page_url)[0]
    return results


@lru_cache(maxsize=256)
def _defragged(page_url: str) -> str:
    return urldefrag(page_url)[0]


@lru_cache(maxsize=256)
def _absolute_prefix(page_url: str) -> str | None:
    """ "https://" for an https page (likewise http): what an update URL that urljoin would give back
    unchanged starts with; None when there is no such shortcut."""
    try:
        scheme = urlsplit(page_url).scheme
    except ValueError:
        return None
    return f"{scheme}://" if scheme in ("http", "https") else None


def _joined(page_url: str, url: str) -> str:
    """``urljoin(page_url, url)``, without parsing both when ``url`` is an absolute URL of the page's
    scheme that urljoin would only split and reassemble (a host, then a path that starts with "/";
    nothing urlsplit strips or validates, no empty query or fragment, no ";" params)."""
    prefix = _absolute_prefix(page_url)
    if (
        prefix is None
        or not url.startswith(prefix)
        or url[len(prefix) : len(prefix) + 1] in ("", "/", "?", "#")
        or not url.isascii()
        or any(ch in url for ch in _JOIN_SPECIAL)
        or "?#" in url
        or url.endswith(("?", "#"))
    ):
        return urljoin(page_url, url)
    return url


_JOIN_SPECIAL = ("\t", "\r", "\n", "[", "]", ";", " ")


def finish_all(
    raws: Sequence[RawUpdate], *, page_url: str, published: Sequence[datetime | None]
) -> list[Update | None]:
    """Sanitise and identify each of a page's updates (``published[i]`` is ``raws[i]``'s time); None
    for one that holds no text and no title at all. The bodies not sanitised before are sanitised
    together."""
    keys, sanitised = _sanitized([raw.body_html for raw in raws], page_url)
    return [
        _finished(raw, content_html, text, key, page_url, when)
        for raw, (content_html, text), key, when in zip(raws, sanitised, keys, published, strict=True)
    ]


def _finished(
    raw: RawUpdate,
    content_html: str,
    text: str,
    text_key: Hashable,
    page_url: str,
    published: datetime | None,
) -> Update | None:
    title = clean_line(raw.title)
    if not title:
        title = first_sentence(text) or _picture_title(content_html)
    if not title:
        return None
    base = _defragged(page_url)
    printed = raw.printed_time or (raw.clock.printed if raw.clock else "")
    if published is None and titles_its_entry(printed):
        # A match minute ("71'", text.match_minute) is a commentary entry's only time: its title
        # says it, and "Corner, Arsenal." at two minutes stays two entries.
        title = f"{printed} {title}"
    uid = clean_line(raw.publisher_id) or identity.content_uid(printed, title, text, text_key=text_key)
    if raw.url:
        url = _joined(page_url, raw.url)
    elif raw.publisher_id:  # (an id that is an address is the post's own: "…/post/Kq3v8Ld1")
        url = uid if uid.startswith(("https://", "http://")) else f"{base}#{uid}"
    else:
        url = page_url
    return Update(
        uid=uid,
        fingerprint=identity.fingerprint(title, text, text_key=text_key),
        title=title,
        content_html=content_html,
        text=text,
        url=url,
        published=published,
        modified=raw.modified if raw.modified and raw.modified != published else None,
        # (the comma or bar a template prints between the time and the name is no part of it)
        authors=tuple(a for a in (clean_line(x).strip(_NAME_EDGES) for x in raw.authors) if a),
        pinned=raw.pinned,
        key_event=raw.key_event,
    )
