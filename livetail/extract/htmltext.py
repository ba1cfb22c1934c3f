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
# do are found by asking libxml2 itself (below), and markup that can hold one takes the parse. What
# the walk would emit is then read off the tags in order: a block's start and end are block breaks,
# <br> a line break, everything between them text. That reading is done by whole-string regex
# passes (a block tag becomes \x01, <br> \x02, an inline tag \x03; the sanitised markup holds none of
# these characters), so the cost is per update, not per tag.
_PROBED = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "hr", "br"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Pairs that htmlclean._settled already refuses: a block opened inside <p>, and an item directly in
# an item of its own list kind.
_REFUSED_BY_SETTLED = {("p", tag) for tag in _PROBED - {"br"}} | {
    ("li", "li"), ("dd", "dd"), ("dd", "dt"), ("dt", "dd"), ("dt", "dt"),
}  # fmt: skip
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


@cache
def _reshuffle_guard() -> re.Pattern[str] | None:
    """A search that finds every start tag libxml2 would move, and maybe more; None when the probed
    pairs are not all of a kind handled here (then every markup takes the parse).

    Headings never nest in settled markup, so "a heading start, no heading end, then <tag>" finds
    exactly the tags inside a heading; <dl> and <dt> are rare enough to send to the parse whenever
    they appear at all."""
    inside_heading: set[str] = set()
    for outer, tag in _reshuffled() - _REFUSED_BY_SETTLED:
        if outer in _HEADINGS:
            inside_heading.add(tag)
        elif outer not in ("dl", "dt"):
            return None
    heading = "h[1-6]"
    alternatives = [r"<d[lt][ >]"]
    if inside_heading:
        tags = "|".join(sorted(inside_heading))
        alternatives.append(
            rf"<{heading}[ >][^<]*+(?:<(?!/{heading}>|(?:{tags})[ >/])[^<]*+)*+<(?:{tags})[ >/]"
        )
    return re.compile("|".join(alternatives))


_UNPROBED = "<(?:" + "|".join(sorted((_BLOCK_TAGS | _CELL_TAGS) - _PROBED)) + ")[ >]"
_BLOCK_MARK = re.compile("<(?:/?(?:" + "|".join(sorted(_PROBED - {"br", "hr"})) + ")|hr)(?: [^<>]*)?>")
_BREAK_MARK = re.compile("<br(?: [^<>]*)?>")
_INLINE_MARK = re.compile("<[^<>]*>")
# Whitespace other than the space, in ASCII (what str.split() also splits on).
_ASCII_SPACES_BUT_BLANK = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


@cache
def _declined() -> re.Pattern[str] | None:
    """A search for markup whose text only the parse can tell: a start tag that libxml2 would move
    (or one that might), or a shaping tag outside the probed ones (tables, <pre>); None when the
    probed pairs are not all of a kind handled here (then every markup takes the parse).

    Headings never nest in settled markup, so "a heading start, no heading end, then <tag>" finds
    exactly the tags inside a heading; <dl> and <dt> are rare enough to send to the parse whenever
    they appear at all."""
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
            rf"<{heading}[ >][^<]*+(?:<(?!/{heading}>|(?:{tags})[ >/])[^<]*+)*+<(?:{tags})[ >/]"
        )
    return re.compile("|".join(alternatives))


def _unescaped(text: str) -> str | None:
    if "&" not in text:
        return text
    text = text.replace("&nbsp;", "\xa0").replace("&lt;", "<").replace("&gt;", ">")
    if text.count("&") != text.count("&amp;"):
        return None  # not the serialiser's escaping after all
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


def _laid_out(marked: str) -> str:
    """What ``_assemble`` makes of the pieces, for text with \x01 as a block break, \x02 a line break.

    A line's words are joined by one space; a block keeps its lines with at most one empty line between
    two of them and none at its edges; empty blocks vanish. The markers are not whitespace, so one
    whole-string pass spaces the words and the spaces left beside a marker are the lines' edges."""
    text = _single_spaced("\x01" + marked + "\x01")
    for edge in (" \x01", "\x01 ", " \x02", "\x02 "):  # spaces are single, so one pass each suffices
        text = text.replace(edge, edge.strip())
    text = _replace_all(text, "\x02\x02\x02", "\x02\x02")
    text = _replace_all(_replace_all(text, "\x01\x02", "\x01"), "\x02\x01", "\x01")
    return "\n\n".join(block for block in text.split("\x01") if block).replace("\x02", "\n")


def settled_text(markup: str) -> str | None:
    """``html_to_text(markup)`` for a settled sanitiser output; None when only the parse can tell."""
    declined = _declined()
    # Every non-void block has an end tag, so the count of end tags bounds the depth of blocks.
    if declined is None or declined.search(markup) or markup.count("</") > _MAX_DEPTH:
        return None
    marked = _INLINE_MARK.sub("\x03", _BREAK_MARK.sub("\x02", _BLOCK_MARK.sub("\x01", markup)))
    # Marked first, so that an escape cannot be completed across a tag ("&am<b>p;").
    text = _unescaped(marked)
    if text is None:
        return None
    return _laid_out(text.replace("\x03", "")).strip()
