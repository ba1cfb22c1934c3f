"""Where a time label may start on a page, for :func:`livetail.extract.stamps.find_stamps`: the
text nodes that hold a digit (a label's clock) or one of ``relativetime.RELATIVE_HINTS`` ("ago",
"now", "vor"…), found by two scans of the page's text joined into one string (one for digits, one
for every hint word at once, cuewords) rather than by a look at every node from Python. A node
longer than a stamp's text holds no stamp's label, and one with more than a label's worth of
characters is no part of one; the element each remaining node lies in is a *source* the search
walks up from. A page that declares itself English takes only "ago" and "now" as hints.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, compress, count
from operator import add
from typing import Any

from lxml.html import HtmlElement

from livetail.extract.cuewords import Cues
from livetail.extract.relativetime import RELATIVE_HINTS

__all__ = ["hints_for", "sources"]

_MAX_TEXT = 200  # a stamp's text is at most this many characters (stamps reads the limit here)
_MAX_LABEL = 64  # as text.time_label: a label's normalised text is at most this long

# One match per text node holding a digit: NUL never occurs in XML text, so a match runs to the
# end of its node. ASCII text takes the cheaper class; \d also knows other scripts' digits.
_ASCII_DIGIT_RUN = re.compile(r"[0-9][^\x00]*")
_DIGIT_RUN = re.compile(r"\d[^\x00]*")


_HINT = re.compile("|".join(map(re.escape, RELATIVE_HINTS)), re.IGNORECASE)


def _label_nodes(texts: list[str], hints: tuple[str, ...] = RELATIVE_HINTS) -> list[int]:
    """Indices (ascending) of the text nodes in which a label's digit or hint word ("ago", "now",
    "eben"…, see relativetime) starts.

    A stamp's text is at most 200 characters, so longer nodes hold none of its label; the rest
    are scanned joined into one string (C speed), not one by one.
    """
    near = list(compress(range(len(texts)), map(_MAX_TEXT.__ge__, map(len, texts))))
    pieces = list(map(texts.__getitem__, near))
    flat = "".join(pieces)
    joined = "\x00".join(pieces)
    flat_starts = list(accumulate(map(len, pieces), initial=0))
    starts = list(map(add, flat_starts, count()))  # the same, counting one separator per node
    digits = _ASCII_DIGIT_RUN if joined.isascii() else _DIGIT_RUN
    hits = {bisect_right(starts, m.start()) - 1 for m in digits.finditer(joined)}
    # A hint word may straddle nodes ("a<b>go</b>"): look in the text without separators.
    lowered = flat.lower()
    if len(lowered) == len(flat):  # lower() kept every position ("İ" is the one that grows)
        cues = _CUES.get(hints) or Cues(hints)  # (every hint in one pass over the text)
        hits.update(bisect_right(flat_starts, at) - 1 for at in cues.starts_in(lowered))
    else:
        hits.update(
            bisect_right(flat_starts, m.start()) - 1
            for m in _HINT.finditer(flat)
            if m.group().lower() in hints
        )
    return [near[k] for k in sorted(hits)]


def _short(text: str) -> bool:
    """At most a label's length of non-space characters (a label is at most 64 characters long)."""
    return (
        len(text) <= _MAX_LABEL
        or len(text) - text.count(" ") <= _MAX_LABEL
        or (len("".join(text.split())) <= _MAX_LABEL)
    )


def sources(texts: list[Any], hints: tuple[str, ...]) -> Iterator[HtmlElement | None]:
    """The elements that hold a label's start, in page order (each may repeat).

    A text node with more than a label's worth of characters is no part of a label's stamp.
    """
    for index in _label_nodes(texts, hints):
        text = texts[index]  # a smart string: it knows its element
        if _short(text):
            owner = text.getparent()
            # A tail belongs to the element before it; the text lies in that element's parent.
            yield owner.getparent() if text.is_tail and owner is not None else owner


def hints_for(root: HtmlElement) -> tuple[str, ...]:
    """The relative-time hint words to look for: a page that declares itself English needs only
    "ago" and "now" (another language's words there are a post's, not a stamp's)."""
    lang = (root.getroottree().getroot().get("lang") or "").strip().lower()
    return _ENGLISH_HINTS if lang == "en" or lang.startswith("en-") else RELATIVE_HINTS


_ENGLISH_HINTS = ("ago", "now")
_CUES = {hints: Cues(hints) for hints in (RELATIVE_HINTS, _ENGLISH_HINTS)}
