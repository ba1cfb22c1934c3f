"""``html_to_text``: readable plain text of an HTML fragment (see :mod:`livetail.extract.htmlclean`).

html5ever (via nh3) reads the markup and keeps only the tags that shape text; libxml2 parses that
canonical form and a walk over the tree lays out blocks and line breaks. :mod:`settledtext` gives the
same text for sanitiser output that is already a fixed point, without either parse.
"""

from __future__ import annotations

import html
import re
import threading

import lxml.etree as etree
import lxml.html
import nh3

from livetail.extract.htmlrules import DROPPED_WITH_CONTENT, strip_xml_illegal

__all__ = ["html_to_text"]

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
