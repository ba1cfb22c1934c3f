"""What the sanitiser and the text extraction share: XML 1.0 legality and the elements whose
content goes with them. Documented, and re-exported, by :mod:`livetail.extract.htmlclean`."""

from __future__ import annotations

import re

__all__ = ["DROPPED_WITH_CONTENT", "strip_xml_illegal"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_illegal(text: str) -> str:
    """Remove every character that XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF and
    lone surrogates)."""
    if _XML_ILLEGAL.search(text) is None:
        return text
    return _XML_ILLEGAL.sub("", text)


DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
        "svg", "math", "canvas", "audio", "video", "form", "button", "select", "textarea",
        "title", "xmp", "plaintext", "noembed", "noframes",
    }
)  # fmt: skip
