"""``settled_texts``: :func:`~livetail.extract.htmltext.html_to_text` of settled sanitiser output, for
a whole page's updates at once, without parsing any of them.

For markup that ``htmlsettled.settled`` accepts (nh3 output that html5ever rebuilds as written: only
allowed tags, well nested, no tables or <pre>, no "\\r"), the shaper's tree is that markup's tree with
the inline tags unwrapped and the attributes dropped: its serialisation is the markup with those tags
deleted, and its text is the markup's text, escaped by the same serialiser (&amp; &lt; &gt; &nbsp;).
libxml2 then builds that tree as written unless a start tag auto-closes the open block, which its
legacy HTML parser decides from the current element's name and the new tag's alone: the pairs that
do are found by asking libxml2 itself (below), and markup that can hold one takes the parse. What
the walk would emit is then read off the tags in order: a block's start and end are block breaks,
<br> a line break, everything between them text.

That reading is done by whole-string passes (a block tag becomes \\x01, <br> \\x02, an inline tag
\\x03; str methods then lay out lines and blocks) over all the markups joined by \\x04. Sanitised
markup holds none of these characters (they are XML-illegal), every pass is local to one markup
(each is wrapped in block breaks), so the cost is a few C passes per page, not Python per tag or
per update.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import cache

import lxml.etree as etree

from livetail.extract.htmltext import _BLOCK_TAGS, _CELL_TAGS, _parse_canonical

__all__ = ["settled_text", "settled_texts"]

_PROBED = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "hr", "br"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Pairs that htmlsettled.settled already refuses: a block opened inside <p>, and an item directly in
# an item of its own list kind.
_REFUSED_BY_SETTLED = {("p", tag) for tag in _PROBED - {"br"}} | {
    ("li", "li"), ("dd", "dd"), ("dd", "dt"), ("dt", "dd"), ("dt", "dt"),
}  # fmt: skip
_MAX_DEPTH = 200  # far below libxml2's own limit
_DEEP = 7 * _MAX_DEPTH  # "<p>" + "</p>" per level: shorter markup cannot be that deep
_SEPARATOR = "\x04"


def _shape(element: etree._Element) -> tuple[object, ...]:
    return (element.tag, element.text, [_shape(child) for child in element], element.tail)


@cache
def _reshuffled() -> frozenset[tuple[str | None, str]]:
    """(open block or None at the top, start tag) pairs where libxml2 closes the open block first."""
    voids = ("br", "hr")
    blocks = sorted(_PROBED - set(voids))
    pairs = set()
    for outer in (None, *blocks):
        for tag in (*blocks, *voids):
            inner = f"<{tag}>" if tag in voids else f"<{tag}>b</{tag}>"
            markup = f"<{outer}>a{inner}c</{outer}>d" if outer else f"a{inner}c"
            child: tuple[object, ...] = (tag, None if tag in voids else "b", [], "c")
            want = ("div", None, [(outer, "a", [child], "d")], None) if outer else ("div", "a", [child], None)
            root = _parse_canonical(markup)
            if root is None or _shape(root) != want:
                pairs.add((outer, tag))
    return frozenset(pairs)


_UNPROBED = "<(?:" + "|".join(sorted((_BLOCK_TAGS | _CELL_TAGS) - _PROBED)) + ")[ >]"
_BLOCK_TAG = "<(?:/?(?:" + "|".join(sorted(_PROBED - {"br", "hr"})) + ")|hr)(?: [^<>\x04]*)?>"
# Adjacent block tags make one block break (two in a row are one); the first is written out so that
# the search can skip from "<" to "<".
_BLOCK_MARK = re.compile(f"{_BLOCK_TAG}(?:{_BLOCK_TAG})*")
_BREAK_MARK = re.compile("<br(?: [^<>\x04]*)?>")
_INLINE_MARK = re.compile("<[^<>\x04]*>")
# Whitespace other than the space, in ASCII (what str.split() also splits on).
_ASCII_SPACES_BUT_BLANK = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


@cache
def _declined() -> re.Pattern[str] | None:
    """A search for markup whose text only the parse can tell: a start tag that libxml2 would move
    (or one that might), or a shaping tag outside the probed ones (tables, <pre>); None when the
    probed pairs are not all of a kind handled here (then every markup takes the parse).

    Headings never nest in settled markup, so "a heading start, no heading end, then <tag>" finds
    exactly the tags inside a heading (and never runs past the markup's end, \\x04); <dl> and <dt>
    are rare enough to send to the parse whenever they appear at all."""
    inside_heading: set[str] = set()
    for outer, tag in _reshuffled() - _REFUSED_BY_SETTLED:
        if outer in _HEADINGS:
            inside_heading.add(tag)
        elif outer not in ("dl", "dt"):
            return None
    heading = "h[1-6]"
    alternatives = [_UNPROBED, "<d[lt][ >]"]
    if inside_heading:
        tags = "|".join(sorted(inside_heading))
        alternatives.append(
            rf"<{heading}[ >][^<\x04]*+(?:<(?!/{heading}>|(?:{tags})[ >/])[^<\x04]*+)*+<(?:{tags})[ >/]"
        )
    return re.compile("|".join(alternatives))


def _declined_indices(markups: Sequence[str], joined: str, declined: re.Pattern[str]) -> set[int]:
    indices = {
        i for i, markup in enumerate(markups) if len(markup) > _DEEP and markup.count("</") > _MAX_DEPTH
    }
    if declined.search(joined) is None:  # the common case: no position bookkeeping
        return indices
    # Where each markup starts in ``joined`` ("\x01\x04\x01" between two of them).
    starts = list(itertools.accumulate((len(markup) + 3 for markup in markups[:-1]), initial=0))
    indices.update(bisect.bisect_right(starts, found.start()) - 1 for found in declined.finditer(joined))
    return indices


def _unescaped(text: str) -> str | None:
    """The serialiser's escapes undone; None when an "&" is not one of them. Summed over markups,
    "&" is counted at least as often as "&amp;" in each, so equal totals mean equal in each."""
    if "&" not in text:
        return text
    text = text.replace("&nbsp;", "\xa0").replace("&lt;", "<").replace("&gt;", ">")
    if text.count("&") != text.count("&amp;"):
        return None
    return text.replace("&amp;", "&")


def _single_spaced(text: str) -> str:
    """``text`` with every whitespace run made one space (as " ".join(line.split()) does per line)."""
    if text.isascii() and "  " not in text:
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_SPACES_BUT_BLANK)) == len(data):
            return text  # the common case, checked in C without splitting into words
    return " ".join(text.split())


def _replace_all(text: str, old: str, new: str) -> str:
    while old in text:
        text = text.replace(old, new)
    return text


def _laid_out(marked: str) -> list[str]:
    """What ``htmltext._assemble`` makes of each markup's pieces, for marked text: markups wrapped in
    \\x01 and joined by \\x04, \\x01 a block break, \\x02 a line break.

    A line's words are joined by one space; a block keeps its lines with at most one empty line between
    two of them and none at its edges; empty blocks vanish. The markers are not whitespace, so one
    whole-string pass spaces the words and the spaces left beside a marker are the lines' edges."""
    text = _single_spaced(marked)
    breaks = "\x02" in text
    for edge in (" \x01", "\x01 ", " \x02", "\x02 ") if breaks else (" \x01", "\x01 "):
        text = text.replace(edge, edge.strip())  # spaces are single, so one pass each suffices
    if breaks:
        text = _replace_all(text, "\x02\x02\x02", "\x02\x02")
        text = _replace_all(_replace_all(text, "\x01\x02", "\x01"), "\x02\x01", "\x01")
    text = _replace_all(text, "\x01\x01", "\x01")  # few and short runs are left: str.replace beats a regex
    return [
        item.strip("\x01").replace("\x01", "\n\n").replace("\x02", "\n") for item in text.split(_SEPARATOR)
    ]


def settled_texts(markups: Sequence[str]) -> list[str | None]:
    """``html_to_text`` of each settled sanitiser output; None where only the parse can tell."""
    declined = _declined()
    if not markups or declined is None:
        return [None] * len(markups)
    joined = "\x01" + "\x01\x04\x01".join(markups) + "\x01"
    refused = _declined_indices(markups, joined, declined)
    marked = _BLOCK_MARK.sub("\x01", joined)
    if "<br" in marked:  # a search for "<br" costs a fraction of the regex pass that finds none
        marked = _BREAK_MARK.sub("\x02", marked)
    marked = _INLINE_MARK.sub("\x03", marked)
    # Marked first, so that an escape cannot be completed across a tag ("&am<b>p;").
    text = _unescaped(marked)
    if text is None:  # some markup is not the serialiser's: tell which, one at a time
        return [None] * len(markups) if len(markups) == 1 else [settled_text(markup) for markup in markups]
    texts = _laid_out(text.replace("\x03", ""))
    return [None if i in refused else found for i, found in enumerate(texts)]


def settled_text(markup: str) -> str | None:
    """``html_to_text(markup)`` for a settled sanitiser output; None when only the parse can tell."""
    return settled_texts([markup])[0]
