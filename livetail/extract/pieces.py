"""Text pieces as ``clean_line`` would keep them: whether a piece is plain (one scan decides its
cleaned length) and whether it alone makes a text too long to be furniture. Re-exported by
:mod:`livetail.extract.structured`."""

from __future__ import annotations

import re

from livetail.extract.htmlrules import strip_xml_illegal

__all__ = ["NOT_PLAIN", "is_plain", "long_piece", "long_piece_general"]

# What ``str.split()`` splits on besides the space (``str.isspace``), and what XML 1.0 forbids.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_PLAIN = re.compile(f"[{_SPACES.replace(' ', '')}\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# In ASCII text, NOT_PLAIN matches exactly the C0 controls: each is whitespace to ``str.split``,
# XML-illegal, or both, so ``clean_line`` drops every one of them.
_C0 = bytes(range(0x20))
_NOT_KEPT = _C0 + b" :!"  # ASCII that clean_line and a label's strip(" :!") drop between them


def is_plain(text: str) -> bool:
    """``NOT_PLAIN.search(text) is None``; for ASCII text a C loop over bytes, several times
    cheaper than the regex's character-class scan."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _C0)) == len(data)
    return NOT_PLAIN.search(text) is None


def long_piece(piece: str | None, limit: int) -> bool:
    """Whether a text piece alone makes any text holding it longer than ``limit``: more than
    ``limit`` characters that ``clean_line`` keeps and a label's ``strip(" :!")`` cannot drop."""
    if not piece or len(piece) <= limit:
        return False
    if piece.isascii():  # what is kept is what is left once the C0 controls, " ", ":" and "!" go
        return len(piece.encode("ascii").translate(None, _NOT_KEPT)) > limit
    return long_piece_general(piece, limit)


def long_piece_general(piece: str | None, limit: int) -> bool:
    """:func:`long_piece` for any text (its ASCII shortcut is proven against this)."""
    if not piece or len(piece) <= limit:
        return False
    core = piece.strip()
    if NOT_PLAIN.search(core) is None:  # no whitespace but spaces, nothing XML-illegal: one scan
        return len(core) - core.count(" ") - core.count(":") - core.count("!") > limit
    kept = "".join(strip_xml_illegal(piece).split())
    return len(kept) - kept.count(":") - kept.count("!") > limit
