"""An update body's text length, as the feed will show it, without serialising and parsing the
body again where that gives the same answer; plain text's paragraphs as HTML. For
:mod:`livetail.extract.bodyclean` and the structured-data strategies, which compare a body's
length on the page with the length of the text their structured data gives.
"""

from __future__ import annotations

import html
import re

import lxml.html

from livetail.extract.htmlclean import strip_xml_illegal
from livetail.extract.pieces import is_plain
from livetail.extract.structured import Element, string_of, text_of

__all__ = [
    "body_text_length",
    "element_text_length",
    "paragraphs_html",
    "paragraphs_text_length",
    "plain_length",
    "plain_paragraphs",
    "serialise",
]


def serialise(body: Element) -> str:
    """``body`` as HTML, its tail included (a deep copy keeps the tail text that followed it)."""
    return str(lxml.html.tostring(body, encoding="unicode"))


def body_text_length(fragment: str) -> int:
    if not fragment.strip():
        return 0
    try:
        return len(text_of(lxml.html.fragment_fromstring(fragment, create_parent="div")))
    except Exception:  # an unparseable fragment counts as empty
        return 0


# --- the same lengths without serialising and parsing again -------------------------------------
# ``body_text_length(serialise(element))`` re-parses what lxml just wrote. libxml2 reads back every
# character of text it wrote, in order, so the text is the element's own plus its tail, unless the
# subtree holds something whose text the writer or the parser treats specially: raw-text and RCDATA
# elements, document-level and table elements (moved or dropped by the parser), void elements that
# carry content (an ``amp-img`` renamed ``img``: the writer drops its children), comments, odd tag
# names, carriage returns and XML-illegal characters. Those subtrees take the parse, as does text
# too long for a text node.
_REPARSED = frozenset(
    {
        "script", "style", "textarea", "title", "xmp", "plaintext", "noscript", "iframe", "noembed",
        "noframes", "template", "html", "head", "body", "frameset", "frame", "svg", "math", "select",
        "option", "optgroup", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
        "colgroup", "col", "form", "meta", "link", "base", "pre", "listing", "image", "isindex",
        "object", "embed", "applet",
    }
)  # fmt: skip
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr", "basefont", "bgsound", "frame", "isindex",
    }
)  # fmt: skip
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9-]*\Z")
_LONGEST_TEXT = 1_000_000


_PLAIN_TAGS: set[str] = set()  # tags seen to pass the tests below (whatever the element holds)


def _reparsed(node: Element) -> bool:
    tag = node.tag
    if tag in _PLAIN_TAGS:
        return False
    if not isinstance(tag, str) or tag in _REPARSED or not _PLAIN_TAG.match(tag):
        return True
    if tag in _VOID:
        return bool(len(node) or node.text)
    _PLAIN_TAGS.add(tag)
    return False


def element_text_length(element: Element, *, plain_tags: bool = False) -> int:
    """``body_text_length(serialise(element))`` (the element's tail included). ``plain_tags``:
    the caller knows every element passes :func:`_reparsed` (see :func:`clean_copy_plain`)."""
    plain = _PLAIN_TAGS
    for node in () if plain_tags else element.iter():
        if node.tag not in plain and _reparsed(node):  # (the set test inlined: most tags are known)
            return body_text_length(serialise(element))
    text = string_of(element) + (element.tail or "")
    length = None if "\r" in text or len(text) > _LONGEST_TEXT else plain_length(text)
    return body_text_length(serialise(element)) if length is None else length


_ILLEGAL_SPACES = re.compile("[\x0b\x0c\x1c-\x1f]")  # whitespace that XML 1.0 forbids too


def plain_length(text: str) -> int | None:
    """``len(clean_line(text))``; None when ``text`` holds an XML-illegal character.

    Prose is mostly words and single spaces: then the length is that of the stripped text, found
    with one scan instead of splitting every word out."""
    core = text.strip()
    if "  " not in core and is_plain(core):
        start = len(text) - len(text.lstrip())
        edges = text[:start] + text[start + len(core) :]  # whitespace only
        return None if _ILLEGAL_SPACES.search(edges) else len(core)
    if strip_xml_illegal(text) is not text:
        return None
    words = text.split()
    return sum(map(len, words)) + len(words) - 1 if words else 0


def plain_paragraphs(text: str) -> list[str]:
    """Plain text's paragraphs: its lines, stripped, without the blank ones.

    The same as splitting on ``\\r?\\n\\s*``: what that pattern takes besides the newline is
    whitespace that ``strip`` removes, and the blank lines it swallows are dropped here. (The
    pattern's optional ``\\r`` made the regex engine try every position: several times slower.)"""
    return [line for raw in text.split("\n") if (line := raw.strip())]


def paragraphs_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as ``<p>`` elements."""
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def paragraphs_text_length(paragraphs: list[str]) -> int:
    """``body_text_length(paragraphs_html(paragraphs))``: the escaped text reads back as written and
    the paragraphs' texts are adjacent in the parsed tree."""
    text = "".join(paragraphs)
    length = None if len(text) > _LONGEST_TEXT else plain_length(text)
    return body_text_length(paragraphs_html(paragraphs)) if length is None else length
