"""When one sanitising pass is enough: whether nh3's output is already a fixed point.

A second pass parses the first one's output with html5ever, cleans it and serialises it again. The
output only has allowed tags and attributes, and every attribute rule but ``blockquote[cite]`` (a
URL re-joined by urllib) gives back what it was given (digits stay digits, absolute http(s) URLs
stay as they are, rel is stripped and appended again), so the second pass changes the output
exactly when html5ever would not rebuild the tree that was serialised. For a well-nested
serialisation without tables and <pre> (whose rules move text, drop tags or eat a newline), the
parser builds something else only when a start tag closes or reparents an open element:
a block that closes an open <p>, a heading directly in a heading, <a> in <a>, and <li> (<dd>,
<dt>) that closes an open one up to the nearest special element. Formatting elements are always
closed by their own end tag here, so they are never reconstructed. A carriage return (from
"&#13;") would come back as a newline. Output with none of these is a fixed point; anything else
takes the passes as before.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from livetail.extract.htmlrules import ALLOWED_TAGS

__all__ = ["SEPARATOR", "settled", "settled_each", "settled_walk"]

_OUTPUT_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^<>]*>")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CLOSES_P = _HEADING_TAGS | {
    "p", "div", "blockquote", "ul", "ol", "dl", "dd", "dt", "li", "figure", "figcaption", "hr", "pre", "table",
}  # fmt: skip
_NEVER_SETTLED = frozenset({"pre", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"})
# Special elements (WHATWG) among the allowed tags, other than div and p: where the <li>/<dd>/<dt>
# search for an open item to close stops.
_ITEM_SCOPE = frozenset(
    {"blockquote", "dd", "dl", "dt", "figcaption", "figure", "li", "ol", "ul", "pre"} | _HEADING_TAGS
)
_VOID_TAGS = frozenset({"br", "hr", "img"})


def settled_walk(markup: str) -> bool:
    """:func:`settled`, one tag at a time (the definition; :func:`settled` skips it where it can)."""
    if "\r" in markup or "cite=" in markup:
        return False
    stack: list[str] = []
    tags = 0
    for match in _OUTPUT_TAG.finditer(markup):
        tags += 1
        closing, tag = match.groups()
        if tag not in ALLOWED_TAGS or tag in _NEVER_SETTLED:
            return False
        if closing:
            if not stack or stack[-1] != tag:
                return False
            stack.pop()
            continue
        if (tag in _CLOSES_P and "p" in stack) or (tag == "a" and "a" in stack):
            return False
        if tag in _HEADING_TAGS and any(open_tag in _HEADING_TAGS for open_tag in stack):
            return False
        if tag in ("li", "dd", "dt"):
            items = ("li",) if tag == "li" else ("dd", "dt")
            for open_tag in reversed(stack):
                if open_tag in items:
                    return False
                if open_tag in _ITEM_SCOPE:
                    break
        if tag not in _VOID_TAGS:
            stack.append(tag)
    # Every "<" in nh3's output starts a tag (text and attribute values escape it).
    return not stack and tags == markup.count("<")


# --- the same answer from whole-string searches ---------------------------------------------------
# nh3's output is the serialisation of a tree, so it is well nested and every "<" starts a tag. Then
# "an element of kind X is open where a start tag of kind Y appears" is "an X start tag, no X end tag,
# then a Y start tag" whenever an X inside an X is itself a Y (a nested X is found first): true for
# blocks in <p> (p is one of them), <a> in <a> and headings in headings. The item rules (<li>, <dd>,
# <dt>) depend on the elements between the two items, so markup with items takes the walk.


def _inside(outer: str, inner: str) -> str:
    """The pattern after the "<" of an ``outer`` start tag with an ``inner`` start tag inside."""
    return rf"(?:{outer})[ >][^<]*+(?:<(?!/(?:{outer})>|(?:{inner})[ >])[^<]*+)*+<(?:{inner})[ >]"


_HEADING = "h[1-6]"
# Every alternative starts at a "<", written once in front so that the search skips to each "<"; the
# last one, an item start, is a group: finding it first means "ask the walk".
_UNSETTLED = re.compile(
    "<(?:"
    + "|".join(
        [
            "(?!/?(?:" + "|".join(sorted(ALLOWED_TAGS - _NEVER_SETTLED)) + ")[ >])",
            _inside("p", "|".join(sorted(_CLOSES_P))),
            _inside("a", "a"),
            _inside(_HEADING, _HEADING),
            "((?:li|dd|dt)[ >])",
        ]
    )
    + ")"
)


def settled(markup: str) -> bool:
    """True when sanitising ``markup`` (one pass's output) again provably gives ``markup``."""
    if "\r" in markup or "cite=" in markup:
        return False
    found = _UNSETTLED.search(markup)
    if found is None:
        return True
    return found.group(1) is not None and settled_walk(markup)


# What settled_each puts between two markups: end tags of every kind of element a search above
# scans, so no match runs from one markup into the next even if one was not well nested; all are
# allowed tags, and nothing else searched for after nh3 ("<pre", '="', XML-illegal characters).
SEPARATOR = "</p></a></h2>"


def settled_each(markups: Sequence[str], joined: str) -> list[bool]:
    """:func:`settled` of each markup; ``joined`` is ``SEPARATOR.join(markups)``, searched once."""
    if "\r" in joined or "cite=" in joined:
        return [settled(markup) for markup in markups]
    flags = [True] * len(markups)
    starts: list[int] = []
    decided: set[int] = set()
    for found in _UNSETTLED.finditer(joined):
        if not starts:
            lengths = (len(markup) + len(SEPARATOR) for markup in markups[:-1])
            starts = list(itertools.accumulate(lengths, initial=0))
        index = bisect.bisect_right(starts, found.start()) - 1
        if index not in decided:  # the first match in a markup is the one settled() would see
            decided.add(index)
            flags[index] = found.group(1) is not None and settled_walk(markups[index])
    return flags
