"""``html_to_text``: readable plain text of an HTML fragment (see :mod:`livetail.extract.htmlclean`).

html5ever (via nh3) reads the markup and keeps only the tags that shape text; libxml2 parses that
canonical form and a walk over the tree lays out blocks and line breaks. ``settled_text`` gives the
same text for sanitiser output that is already a fixed point, without either parse (see there).
"""

from __future__ import annotations

import html
import re
import threading
from functools import cache

import lxml.etree as etree
import lxml.html
import nh3

from livetail.extract.htmlrules import DROPPED_WITH_CONTENT, strip_xml_illegal

__all__ = ["html_to_text", "settled_text"]

_BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_CELL_TAGS: frozenset[str] = frozenset({"td", "th"})
_TEXT_DROPPED: frozenset[str] = DROPPED_WITH_CONTENT

# html5ever (via nh3) does the forgiving parse of the publisher's markup, exactly as for sanitize_html,
# and keeps only the tags that shape plain text. libxml2 then only ever reads a canonical, attribute-free
# serialisation, so its own quirks with broken HTML (it drops everything after a stray "</html>") never
# lose text.
_TEXT_SHAPER = nh3.Cleaner(
    tags=_BLOCK_TAGS | _CELL_TAGS | {"br"},
    clean_content_tags=_TEXT_DROPPED,
    attributes={},
    strip_comments=True,
    link_rel=None,
)
# libxml2 stops at depth 256 (2048 with huge_tree) and silently drops the rest. If that happens the
# canonical markup is flattened: every structural tag becomes an <hr>, which still separates blocks.
_SHAPER_TAG = re.compile("</?(?:" + "|".join(sorted(_BLOCK_TAGS | _CELL_TAGS)) + ")>")
_ANY_TAG = re.compile(r"<[^>]*>")


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_BLOCK = _Marker("block")
_BREAK = _Marker("break")
_SPACE = " "
_Piece = str | _Marker


_PARSERS = threading.local()  # an lxml parser may not be shared between threads; each parse resets its log


def _canonical_parser() -> lxml.html.HTMLParser:
    parser: lxml.html.HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser(recover=True, huge_tree=True, remove_comments=True, remove_pis=True)
        _PARSERS.parser = parser
    return parser


def _parse_canonical(markup: str) -> lxml.html.HtmlElement | None:
    parser = _canonical_parser()
    root = lxml.html.fragment_fromstring(markup, create_parent="div", parser=parser)
    if any(entry.level >= etree.ErrorLevels.FATAL for entry in parser.error_log):
        return None
    return root


def _walk(root: lxml.html.HtmlElement) -> list[_Piece]:
    pieces: list[_Piece] = []
    pre_depth = 0

    def emit_text(text: str | None) -> None:
        if not text:
            return
        if pre_depth:
            lines = text.split("\n")
            for index, line in enumerate(lines):
                if index:
                    pieces.append(_BREAK)
                pieces.append(line)
        else:
            pieces.append(text)

    # An explicit stack instead of recursion: depth is publisher-controlled.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                pieces.append(_BLOCK)
                if tag == "pre":
                    pre_depth -= 1
            elif tag in _CELL_TAGS:
                pieces.append(_SPACE)
            if element is not root:
                emit_text(element.tail)
            continue
        if not tag or tag in _TEXT_DROPPED:
            emit_text(element.tail)
            continue
        if tag == "br":
            pieces.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            pieces.append(_BLOCK)
            if tag == "pre":
                pre_depth += 1
        elif tag in _CELL_TAGS:
            pieces.append(_SPACE)
        emit_text(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return pieces


def _assemble(pieces: list[_Piece]) -> str:
    blocks: list[str] = []
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        lines.append(" ".join("".join(current).split()))
        current.clear()

    def end_block() -> None:
        end_line()
        kept: list[str] = []
        for line in lines:
            # One empty line at most: "<br><br><br>" is spacing, not content.
            if line or (kept and kept[-1]):
                kept.append(line)
        while kept and not kept[-1]:
            kept.pop()
        if kept:
            blocks.append("\n".join(kept))
        lines.clear()

    for piece in pieces:
        if piece is _BLOCK:
            end_block()
        elif piece is _BREAK:
            end_line()
        elif isinstance(piece, str):
            current.append(piece)
    end_block()
    return "\n\n".join(blocks)


def html_to_text(fragment: str) -> str:
    """Readable plain text of an HTML fragment: blocks separated by a blank line, ``<br>`` as a line
    break, whitespace inside a line collapsed (NBSP included), script/style/noscript/template and the
    other dropped elements' content removed, XML-illegal characters removed. Never raises."""
    text = strip_xml_illegal(fragment)
    canonical = text
    try:
        # Character references (&#1;) decode to illegal characters; they must go before they can count
        # as a block's content.
        canonical = strip_xml_illegal(_TEXT_SHAPER.clean(text))
        root = _parse_canonical(canonical)
        if root is None:
            root = _parse_canonical(_SHAPER_TAG.sub("<hr>", canonical))
        if root is None:
            raise ValueError("markup still too deep after flattening")
        result = _assemble(_walk(root))
    except Exception:  # "never raises": fall back to the bare words, without block structure
        result = " ".join(html.unescape(_ANY_TAG.sub(" ", canonical)).split())
    return strip_xml_illegal(result).strip()


# --- the same text for a settled sanitiser output, without parsing ----------------------------------
# For markup that ``htmlclean._settled`` accepts (nh3 output that html5ever rebuilds as written: only
# allowed tags, well nested, no tables or <pre>, no "\r"), the shaper's tree is that markup's tree with
# the inline tags unwrapped and the attributes dropped: its serialisation is the markup with those tags
# deleted, and its text is the markup's text, escaped by the same serialiser (&amp; &lt; &gt; &nbsp;).
# libxml2 then builds that tree as written unless a start tag auto-closes the open block, which its
# legacy HTML parser decides from the current element's name and the new tag's alone: the pairs that
# do are found by asking libxml2 itself (below), and markup that has one takes the parse. What the
# walk would emit is then read off the tags in order: a block's start and end are block breaks,
# <br> a line break, everything between them text.
_OUTPUT_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^<>]*>")
_SHAPED = _BLOCK_TAGS | _CELL_TAGS | {"br"}
# The shaping tags the sanitiser lets through, but for <pre> and the table ones (never settled).
_PROBED = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "hr", "br"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_MAX_DEPTH = 200  # far below libxml2's own limit


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


def _unescape(text: str) -> str | None:
    if "&" not in text:
        return text
    text = text.replace("&nbsp;", "\xa0").replace("&lt;", "<").replace("&gt;", ">")
    if text.count("&") != text.count("&amp;"):
        return None  # not the serialiser's escaping after all
    return text.replace("&amp;", "&")


def settled_text(markup: str) -> str | None:
    """``html_to_text(markup)`` for a settled sanitiser output; None when only the parse can tell."""
    reshuffled = _reshuffled()
    pieces: list[_Piece] = [_BLOCK]
    stack: list[str] = []
    position = 0
    for match in _OUTPUT_TAG.finditer(markup):
        if match.start() > position:
            text = _unescape(markup[position : match.start()])
            if text is None:
                return None
            pieces.append(text)
        position = match.end()
        closing, tag = match.groups()
        if tag not in _SHAPED:
            continue  # unwrapped by the shaper
        if tag not in _PROBED:
            return None
        if closing:
            stack.pop()
            pieces.append(_BLOCK)
            continue
        if (stack[-1] if stack else None, tag) in reshuffled:
            return None
        if tag == "br":
            pieces.append(_BREAK)
        elif tag == "hr":
            pieces += (_BLOCK, _BLOCK)
        else:
            pieces.append(_BLOCK)
            stack.append(tag)
            if len(stack) > _MAX_DEPTH:
                return None
    if position < len(markup):
        text = _unescape(markup[position:])
        if text is None:
            return None
        pieces.append(text)
    pieces.append(_BLOCK)
    return strip_xml_illegal(_assemble(pieces)).strip()
