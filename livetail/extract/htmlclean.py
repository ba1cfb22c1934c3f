"""Make publisher HTML safe for feeds, readable as text, and comparable between fetches.

Everything a live blog publishes is untrusted. This module is the single gate between that markup and
anything livetail emits (Atom/JSON feeds, HTML pages, emails, webhooks).

``sanitize_html`` runs nh3 (ammonia, built on the html5ever parser that follows the WHATWG parsing
algorithm, so broken markup is read the way a browser reads it) with an explicit allow-list:

Tags kept (everything else is unwrapped: the tag goes, its text stays)
    ``p br hr div h2 h3 h4 h5 h6 strong b em i u s sub sup blockquote q cite code pre ul ol li dl dt dd
    a img figure figcaption table thead tbody tfoot tr th td caption span abbr time``.
    ``h1`` is left out because the update's title already plays that role in every reader; ``div`` is
    kept (without attributes) because publishers use it as their paragraph, and unwrapping it would glue
    the words of neighbouring blocks together.

Tags dropped together with their content
    ``script style noscript template iframe object embed applet svg math canvas audio video form button
    select textarea title xmp plaintext noembed noframes``. Unwrapping them would leave their raw text
    (JavaScript, CSS, "your browser does not support video", escaped markup) in the entry; ``svg`` and
    ``math`` are also where mutation-XSS vectors live.

Attributes kept
    ``a[href title]``, ``img[src alt title width height]``, ``time[datetime]``, ``td/th[colspan rowspan]``,
    ``blockquote[cite]``, ``abbr[title]``, ``ol[start]`` and ``lang``/``dir`` anywhere (live blogs mix
    scripts; ``dir="rtl"`` keeps Arabic and Hebrew quotes readable). No ``class``/``id`` (publisher
    classes mean nothing in a feed reader and ids collide with the reader's page), no ``style``, no
    event handlers, no ``srcset``/``<picture>``/``<source>``: a srcset is a comma-separated URL list that
    ammonia does not check or resolve, so it could carry a relative or hostile URL past the filter; the
    ``<img>`` fallback inside ``<picture>`` survives. Numeric attributes keep only plain digits.

URLs
    Only ``http``, ``https`` and ``mailto`` (``img`` and ``blockquote[cite]``: only ``http``/``https``),
    so ``javascript:``, ``data:`` and ``vbscript:`` go in any case or encoding. Relative URLs are made
    absolute against the page URL (a relative URL in a feed would resolve against the feed's own URL,
    which is wrong); when the page URL is not an absolute http(s) URL they are dropped.

Links
    ``rel="noopener noreferrer nofollow"`` on every ``<a>``: the content is a third party's, republished;
    we neither leak the reader's feed URL to it nor vouch for where it points.

Embedded tweets (``blockquote.twitter-tweet`` plus widgets.js) survive as a plain blockquote with the
tweet's text and links; the script goes. Comments are stripped. The output is a fixed point
(sanitising it again changes nothing), so a reader re-parsing it builds the tree that was sanitised. XML 1.0-illegal characters are
removed from the input (nh3 cannot take lone surrogates) and from the output (character references
such as ``&#1;`` or ``&#xFFFE;`` decode to them, and lxml refuses to build a feed containing one).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.etree as etree
import lxml.html
import nh3

__all__ = ["html_to_text", "normalise_for_compare", "sanitize_html", "strip_xml_illegal"]

# --- XML 1.0 legality -------------------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_illegal(text: str) -> str:
    """Remove every character that XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF and
    lone surrogates)."""
    if _XML_ILLEGAL.search(text) is None:
        return text
    return _XML_ILLEGAL.sub("", text)


# --- sanitize_html ----------------------------------------------------------------------------------

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

DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
        "svg", "math", "canvas", "audio", "video", "form", "button", "select", "textarea",
        "title", "xmp", "plaintext", "noembed", "noframes",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"lang", "dir"}),
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "time": frozenset({"datetime"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "blockquote": frozenset({"cite"}),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start"}),
}

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"

_NUMERIC_ATTRIBUTES = frozenset({"width", "height", "colspan", "rowspan", "start"})
_DIGITS = re.compile(r"[0-9]{1,6}")
# WHATWG URL parsing ignores tabs and newlines anywhere and C0/space at the ends; do the same before
# looking at the scheme so "java\tscript:" cannot pass as a relative URL.
_URL_IGNORED = re.compile("[\t\n\r]")
_URL_EDGE = "".join(chr(c) for c in range(0x21))
# html5ever drops one newline right after <pre>; serialising "<pre>\n\nx" as "<pre>\nx" would lose a
# line on every pass, so the output doubles it back (what the HTML serialiser used to do). nh3 escapes
# "<" in text and in attribute values, so in its output "<pre" can only be the start of a tag.
_PRE_LEADING_NEWLINE = re.compile(r'(<pre(?: [a-z-]+="[^"]*")*>)(?=\n)')


def _absolute_http_url(value: str, base_url: str) -> str | None:
    cleaned = _URL_IGNORED.sub("", value).strip(_URL_EDGE)
    try:
        absolute = urljoin(base_url, cleaned)
        parts = urlsplit(absolute)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _is_http_base(base_url: str) -> bool:
    try:
        parts = urlsplit(base_url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _attribute_filter(base_url: str) -> Callable[[str, str, str], str | None]:
    # nh3 reports exceptions raised here through sys.unraisablehook instead of raising them, so this
    # must not raise; every branch below is total.
    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in _NUMERIC_ATTRIBUTES:
            stripped = value.strip()
            return stripped if _DIGITS.fullmatch(stripped) else None
        if tag == "blockquote" and attr == "cite":
            # ammonia checks schemes on href/src only; cite is a URL too.
            return _absolute_http_url(value, base_url)
        if tag == "img" and attr == "src":
            # ammonia has already refused schemes outside URL_SCHEMES; mailto: is no image.
            scheme = _URL_IGNORED.sub("", value).strip(_URL_EDGE).split(":", 1)
            if len(scheme) == 2 and scheme[0].lower() == "mailto":
                return None
        return value

    return keep


def _build_cleaner(base_url: str, relative: nh3.UrlRelative) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter(base_url),
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
        url_relative=relative,
    )


@lru_cache(maxsize=64)
def _cleaner(base_url: str) -> nh3.Cleaner:
    if _is_http_base(base_url):
        try:
            return _build_cleaner(base_url, ("rewrite_with_base", base_url))
        except ValueError:
            pass  # the url crate is stricter than urlsplit about what can be a base
    # Without a usable base a relative URL cannot be resolved; dropping it beats letting it resolve
    # against the feed's own URL.
    return _build_cleaner(base_url, "deny")


# Unwrapping a disallowed tag can leave a tree that the HTML parser would not build from the serialised
# output ("<h2><font><h2>" keeps an h2 inside an h2), so a reader would see a different structure from
# the one that was sanitised, and a second pass would change the output. Passes repeat until the output
# is a fixed point; two passes settle everything the tests have found, the bound keeps the cost linear.
_MAX_PASSES = 4


def _one_pass(cleaner: nh3.Cleaner, markup: str) -> str:
    cleaned = cleaner.clean(markup)
    cleaned = _PRE_LEADING_NEWLINE.sub("\\1\n", cleaned)
    return strip_xml_illegal(cleaned).strip()


def sanitize_html(fragment: str, base_url: str) -> str:
    """Return ``fragment`` reduced to the module's allow-list, relative URLs resolved against
    ``base_url``, XML-illegal characters removed, surrounding whitespace stripped. Never raises."""
    text = strip_xml_illegal(fragment)
    try:
        cleaner = _cleaner(base_url)
        result = _one_pass(cleaner, text)
        for _ in range(_MAX_PASSES - 1):
            again = _one_pass(cleaner, result)
            if again == result:
                break
            result = again
    except Exception:  # the guarantee is "never raises", and escaped text is always safe
        result = html.escape(text, quote=False).strip()
    return result


# --- html_to_text -----------------------------------------------------------------------------------

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


def _parse_canonical(markup: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(recover=True, huge_tree=True, remove_comments=True, remove_pis=True)
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


# --- normalise_for_compare --------------------------------------------------------------------------

_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−⁃", "-"),
        # Invisible characters that CMSs insert or drop between fetches.
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    }
)

TRACKING_PARAMETERS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "ocid", "cmpid", "_ga", "_gl",
    }
)  # fmt: skip

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'`]+""")
_QUERY_SEPARATOR = re.compile(r"&amp;|&")

_UNIT = (
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
    r"|mos?|months?|y|yrs?|years?)"
)
_AMOUNT = rf"(?:\d+|an?|one|a few|few|several)\s?{_UNIT}\b\.?"
_RELATIVE_TIME = re.compile(
    rf"(?:\b(?:last updated|updated|posted|published|edited)\s?:?\s?)?"
    rf"(?:\b{_AMOUNT}(?:,?\s(?:and\s)?{_AMOUNT})*\sago\b"
    rf"|\bjust now\b|\b(?:a (?:few )?)?moments? ago\b)"
)


def _is_tracking(parameter: str) -> bool:
    name = parameter.split("=", 1)[0]
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _drop_tracking(match: re.Match[str]) -> str:
    url = match.group(0)
    base, hash_mark, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if not question:
        return url
    kept = [p for p in _QUERY_SEPARATOR.split(query) if p and not _is_tracking(p)]
    rebuilt = path + ("?" + "&".join(kept) if kept else "")
    return rebuilt + hash_mark + fragment


def normalise_for_compare(text: str) -> str:
    """The form in which identity and edit detection compare text: two fetches of one update that
    differ only in typography, whitespace, relative-time phrases ("11 mins ago", "Updated 3h ago",
    "just now") or tracking parameters in URLs give equal strings. Never raises.

    A relative time inside the prose itself ("the blast was 3 hours ago") is removed too: it changes
    between fetches exactly like a timestamp badge and cannot be told apart from one."""
    text = strip_xml_illegal(text)
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.casefold())
    text = text.translate(_TYPOGRAPHIC)
    text = " ".join(text.split())
    if "?" in text:
        text = _URL.sub(_drop_tracking, text)
    # Every relative phrase ends in "ago" or is "just now": skip the costly regex otherwise.
    if "ago" in text or "just now" in text:
        text = _RELATIVE_TIME.sub(" ", text)
    return " ".join(text.split())
