"""What the sanitiser and the text extraction share: XML 1.0 legality and the elements whose
content goes with them. Documented, and re-exported, by :mod:`livetail.extract.htmlclean`."""

from __future__ import annotations

import re

__all__ = ["ALLOWED_TAGS", "DROPPED_WITH_CONTENT", "has_xml_illegal", "strip_xml_illegal"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_C0_ILLEGAL = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
# In UTF-8 (surrogates written with "surrogatepass"), U+FFFE and U+FFFF are these byte strings, and
# every character in U+D000..U+DFFF (Hangul, and the surrogates) starts with 0xED; none of these
# bytes can be a continuation byte, so a match is always a whole character.
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_NONCHARACTER_LEAD = b"\xef\xbf"  # both start so; U+FFC0..U+FFFF only, rare in text: one scan
_D000_BLOCK = b"\xed"


def has_xml_illegal(text: str, utf8: bytes | None = None) -> bool:
    """Whether ``text`` holds a character :func:`strip_xml_illegal` removes; ``utf8``, when the
    caller has it, is ``text`` encoded as UTF-8 (a page's own bytes), which spares encoding it.

    Every extracted string is checked, several times; a regex character-class scan costs ~3 ns a
    character, while encoding and deleting the C0 bytes is a C loop over bytes several times faster.
    """
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    if len(data.translate(None, _C0_ILLEGAL)) != len(data):
        return True
    if text.isascii():
        return False
    if _NONCHARACTER_LEAD in data and any(ch in data for ch in _NONCHARACTERS):
        return True
    # Hangul text has 0xED bytes without holding a surrogate: let the regex decide there.
    return _D000_BLOCK in data and _XML_ILLEGAL.search(text) is not None


def strip_xml_illegal(text: str) -> str:
    """Remove every character that XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF and
    lone surrogates). Returns ``text`` itself when there is nothing to remove."""
    if not has_xml_illegal(text):
        return text
    return _XML_ILLEGAL.sub("", text)


DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
        "svg", "math", "canvas", "audio", "video", "form", "button", "select", "textarea",
        "title", "xmp", "plaintext", "noembed", "noframes",
    }
)  # fmt: skip

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "div", "h2", "h3", "h4", "h5", "h6",
        "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "blockquote", "q", "cite", "code", "pre",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "span", "abbr", "time",
    }
)  # fmt: skip
