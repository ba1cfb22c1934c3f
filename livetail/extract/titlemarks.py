"""An edit mark a publisher prints in a post's heading ("Tinubu arrives in Lagos (UPDATED)",
"… <em>Updated 4:55 pm</em>"): it is no part of the title. Left in, it changed the title, and with
it the uid of a post without a publisher id, the moment the post was edited: the post came out
new and its earlier self retracted."""

from __future__ import annotations

import re

from livetail.extract.stampwords import UPDATED_WORDS, is_stamp, says_updated
from livetail.extract.timelabel import time_label
from livetail.extract.timeparse import Clock

__all__ = ["split_edit_mark"]

_WORD = UPDATED_WORDS.pattern
# After the title: in brackets ("(Updated)", "[UPDATE 4:55 pm]"), after a dash or bar ("– updated",
# "| Updated 4:55 pm"), or alone: in capitals ("UPDATED"), or leading a time after a sentence.
_TRAILING = re.compile(
    rf"\s*(?:[(\[]\s*(?P<bracketed>{_WORD}[^()\[\]]{{0,30}})\s*[)\]]"
    rf"|[-–—|·]\s*(?P<after_dash>{_WORD}[^-–—|·]{{0,30}})|\s(?P<bare>{_WORD}[^-–—|·]{{0,30}}))\s*$",
    re.IGNORECASE,
)
_MARK_MAX = 64
# Before it, in capitals with a colon or a dash: "UPDATED: Tinubu arrives in Lagos".
_LEADING = re.compile(rf"^(?P<mark>{_WORD})\s*[:–—-]\s+(?=\S)", re.IGNORECASE)


def split_edit_mark(title: str) -> tuple[str, Clock | None]:
    """``title`` without an edit mark, and the edit time the mark prints (None without one). A
    title that is nothing but the mark, or says "updated" as a word of its own ("Guidance to be
    updated"), is left alone."""
    # (a mark is short: searched for in the title's end only, not from each of its characters)
    tail = max(0, len(title) - _MARK_MAX)
    match = _TRAILING.search(title, tail)
    if match is not None and match.start() > 0:
        mark = match["bracketed"] or match["after_dash"] or match["bare"]
        bare = match["bare"] is not None
        rest = title[: match.start()]
        if _a_mark(mark) and (not bare or _shouted(mark) or _stamp_after_a_sentence(mark, rest)):
            return rest.rstrip(" :,;"), _edit_clock(mark)
    lead = _LEADING.match(title)
    if lead is not None and lead["mark"].isupper():
        return title[lead.end() :], None
    return title, None


def _shouted(mark: str) -> bool:
    """A bare mark counts in capitals, and as a past participle: "… UPDATED", "… EDITED 4:55 PM";
    "RASHFORD INJURY UPDATE" is a heading's noun, and "… updated at 19:00" the heading's words."""
    word = mark.split()[0]
    return word.isupper() and word.upper() not in _NOUNS


_NOUNS = frozenset({"UPDATE", "ACTUALIZACIÓN", "AKTUALISIERUNG"})


def _stamp_after_a_sentence(mark: str, rest: str) -> bool:
    """A capitalised "Updated 4:55 pm" run into the heading's text from an element of its own
    ("Tinubu arrives in Lagos Updated 4:55 pm", "Senate Passes Stopgap Funding Bill Updated 4:55
    PM"); not "… Updated At 19:00" (title case: the heading's words) or lower-case "updated 09:30"."""
    del rest
    words = mark.split()
    return mark[:1].isupper() and len(words) > 1 and words[1].lower() not in _PREPOSITIONS and _a_stamp(mark)


_PREPOSITIONS = frozenset({"at", "on", "by", "to", "um", "am", "à", "le", "a", "alle", "om"})


def _a_mark(mark: str) -> bool:
    """The edit word alone ("UPDATED", "aktualisiert") or with its time ("Updated 4:55 pm")."""
    word = mark.strip()
    return UPDATED_WORDS.fullmatch(word) is not None or _a_stamp(word)


def _a_stamp(mark: str) -> bool:
    return is_stamp(mark) and says_updated(mark)


def _edit_clock(mark: str) -> Clock | None:
    label = time_label(mark.strip())
    return label.clock if label is not None else None
