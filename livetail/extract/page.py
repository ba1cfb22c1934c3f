"""Turn fetched bytes into text and a parsed tree, once per poll, whatever the page claims.

Charset order: a BOM wins; then bytes that decode as UTF-8 with non-ASCII in them are UTF-8
whatever the header says (UTF-8 declared as cp1252 is the common lie, and valid multi-byte
UTF-8 is almost never real cp1252 text); then the header, then ``<meta charset>``; bytes that
fail their declared codec fall back to cp1252, which never produces U+FFFD for text a
Windows-1252 editor wrote. A UTF-8 page with a few stray cp1252 bytes (a "£" pasted into the
footer) stays UTF-8: only those bytes are read as cp1252, as long as the page holds at least as
many valid multi-byte characters as stray bytes.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from livetail.errors import ExtractError
from livetail.extract.dom import canonical_url
from livetail.extract.htmlrules import has_xml_illegal, strip_xml_illegal
from livetail.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.IGNORECASE)
    return _codec(match.group(1)) if match else None


def decode(content: bytes, content_type: str) -> str:
    """Decode page bytes to text without U+FFFD where any codec in the chain fits."""
    return _decoded(content, content_type)[0]


def _decoded(content: bytes, content_type: str) -> tuple[str, bool]:
    """:func:`decode`, and whether the text is ``content`` read as UTF-8 (its UTF-8 is ``content``)."""
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return content.decode(codec, errors="replace"), False
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not text.isascii() or _header_charset(content_type) in (None, "utf-8", "ascii"):
            return text, True
    meta = _META_CHARSET.search(content[:4096])
    declared = (_header_charset(content_type), _codec(meta.group(1).decode("ascii")) if meta else None)
    for name in declared:
        if name and name != "utf-8":
            try:
                return content.decode(name), False
            except UnicodeDecodeError:
                continue
    if _mostly_utf8(content):
        return content.decode("utf-8", errors=_STRAY_CP1252), False
    return content.decode("cp1252", errors="replace").replace("\ufffd", ""), False


def _mostly_utf8(content: bytes) -> bool:
    """Whether the bytes hold at least as many valid multi-byte UTF-8 characters as invalid bytes
    (cp1252 text is almost never valid UTF-8: a "é" there is one invalid byte)."""
    replaced = content.decode("utf-8", errors="replace")
    stray = replaced.count("\ufffd")
    valid = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - stray
    return valid > 0 and valid >= stray


def _stray_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the bytes that are no UTF-8, read as cp1252 (U+FFFD never)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace").replace("\ufffd", ""), error.end


_STRAY_CP1252 = "livetail-stray-cp1252"
codecs.register_error(_STRAY_CP1252, _stray_cp1252)


def _html_classes() -> etree.ElementNamespaceClassLookup:
    """lxml.html's element classes (FormElement for ``<form>``…, HtmlElement otherwise), chosen in C.

    lxml.html's own HtmlElementClassLookup runs a Python method for every element object lxml
    creates, and extraction creates tens of thousands per large page.
    """
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    lookup.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)
    return lookup


_HTML_CLASSES = _html_classes()

# "&#x1F;" or "&#0;" in the markup would put a character XML forbids into the tree, where lxml's
# Python API refuses to move text holding it (a tail joined as an element is cut).
# (only references to C0 controls, surrogates, U+FFFE and U+FFFF match: "&#39;" never costs a call)
_ILLEGAL_REFERENCE = re.compile(
    r"&#(?:[xX]0*(1?[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    r"|0*([12]?[0-9]|3[01]|5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]|6553[45])"
    r"(?![0-9]));?"
)


def _legal_reference(match: re.Match[str]) -> str:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    illegal = (
        (code < 0x20 and code not in (0x09, 0x0A, 0x0D))
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    )
    return "" if illegal else match.group(0)


@dataclass(kw_only=True)
class Page:
    """One fetched document, decoded and parsed lazily (each form at most once)."""

    document: Document
    text: str
    utf8: bytes | None = None  # ``text`` encoded as UTF-8, when the page's own bytes are exactly that

    @classmethod
    def from_document(cls, document: Document) -> Page:
        text, as_sent = _decoded(document.content, document.content_type)
        if "&#" in text:
            referenced = _ILLEGAL_REFERENCE.sub(_legal_reference, text)
            as_sent, text = as_sent and referenced == text, referenced
        # A page read as UTF-8 is its own encoding: the checks and the parser take its bytes as sent
        # instead of encoding a megabyte of text again (twice).
        if as_sent and not has_xml_illegal(text, document.content):
            return cls(document=document, text=text, utf8=document.content)
        return cls(document=document, text=strip_xml_illegal(text))

    @property
    def url(self) -> str:
        return self.document.url

    @cached_property
    def site_url(self) -> str:
        """The address the page stands for: the one it was fetched from, or for a saved file
        (no host) the one its canonical link or ``og:url`` gives, else the file's own. Its host
        tells the page's country (its zone) and which links stay on the site."""
        if urlsplit(self.url).hostname or self.kind != "html":
            return self.url
        try:
            return canonical_url(self.tree) or self.url
        except ExtractError:
            return self.url

    @property
    def kind(self) -> str:
        """``html``, ``json`` or ``text``, from the content type (a file's from its extension)."""
        ctype = self.document.content_type.split(";")[0].strip().lower()
        if ctype.endswith("json"):
            return "json"
        if ctype == "text/plain":
            return "text"
        return "html"

    @cached_property
    def markup(self) -> bytes:
        """The page as UTF-8 bytes, whatever it was sent in: what the parser reads, and what
        page-wide scans (is there a read-also label anywhere?) search."""
        return self.utf8 or self.text.encode("utf-8")

    @cached_property
    def tree(self) -> lxml.html.HtmlElement:
        """The page as an lxml tree; raises ExtractError when there is no markup at all."""
        if not self.text.strip():
            raise ExtractError(f"{self.url}: the page is empty")
        try:
            # lxml refuses str input carrying an XML encoding declaration; bytes avoid that.
            parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
            parser.set_element_class_lookup(_HTML_CLASSES)
            root = cast(
                lxml.html.HtmlElement,
                # (base_url: what a rule that asks whether a link stays on the site compares with)
                lxml.html.document_fromstring(self.markup, parser=parser, base_url=self.url),
            )
        except (etree.ParserError, ValueError) as e:
            raise ExtractError(f"{self.url}: not parseable as HTML: {e}") from e
        # Links stay as written: the sanitiser resolves the ones that reach a feed, and
        # permalinks are resolved when an update is finished (rewriting every link up front
        # cost several times the parse on large pages).
        return root

    @cached_property
    def json(self) -> Any:
        try:
            # Raw control characters in strings are allowed, as the ld+json script reader allows
            # them: publishers' scripts carry raw newlines, and so does a saved copy of one.
            return json.loads(self.text, strict=False)
        except ValueError as e:
            raise ExtractError(f"{self.url}: not valid JSON: {e}") from e
        except RecursionError as e:  # "[[[[…" a hundred thousand deep
            raise ExtractError(f"{self.url}: JSON nested too deeply to read") from e
