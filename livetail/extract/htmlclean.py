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
    absolute against the page URL (so is an http(s) URL written without ``//``, "https:example.com/x",
    which a browser reads as relative to a page of the same scheme) (a relative URL in a feed would resolve against the feed's own URL,
    which is wrong); when the page URL is not an absolute http(s) URL they are dropped.

Links
    ``rel="noopener noreferrer nofollow"`` on every ``<a>``: the content is a third party's, republished;
    we neither leak the reader's feed URL to it nor vouch for where it points.

Embedded tweets (``blockquote.twitter-tweet`` plus widgets.js) survive as a plain blockquote with the
tweet's text and links; the script goes. An update that is nothing but iframes, videos or AMP
embeds would come out empty: build writes those as links first (:mod:`livetail.extract.embeds`). Comments are stripped. The output is a fixed point
(sanitising it again changes nothing), so a reader re-parsing it builds the tree that was sanitised. XML 1.0-illegal characters are
removed from the input (nh3 cannot take lone surrogates) and from the output (character references
such as ``&#1;`` or ``&#xFFFE;`` decode to them, and lxml refuses to build a feed containing one).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import nh3

from livetail.extract.htmlrules import ALLOWED_TAGS, DROPPED_WITH_CONTENT, has_xml_illegal, strip_xml_illegal
from livetail.extract.htmlsettled import SEPARATOR as SETTLED_SEPARATOR
from livetail.extract.htmlsettled import settled as _settled
from livetail.extract.htmlsettled import settled_each
from livetail.extract.htmltext import html_to_text
from livetail.extract.settledtext import settled_texts

__all__ = [
    "DROPPED_WITH_CONTENT",
    "html_to_text",
    "sanitize_html",
    "sanitize_to_text",
    "sanitize_to_text_many",
    "strip_xml_illegal",
]

# --- sanitize_html ----------------------------------------------------------------------------------

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
        if attr in ("href", "src"):
            cleaned = _URL_IGNORED.sub("", value).strip(_URL_EDGE)
            scheme, colon, rest = cleaned.partition(":")
            if colon and scheme.lower() in ("http", "https") and not rest.replace("\\", "/").startswith("//"):
                # "https:example.com/x" parses as absolute for ammonia, which keeps it as written,
                # but a browser reads it as relative to a page of the same scheme (the WHATWG "special
                # relative or authority" state); in a feed that page would be the feed. Resolved
                # against the page it was written on, dropped when that gives no host.
                return _absolute_http_url(cleaned.replace("\\", "/"), base_url)
        if tag == "img" and attr == "src":
            # ammonia has already refused schemes outside URL_SCHEMES; mailto: is no image.
            parts = _URL_IGNORED.sub("", value).strip(_URL_EDGE).split(":", 1)
            if len(parts) == 2 and parts[0].lower() == "mailto":
                return None
        return value

    return keep


# The attribute filter is a Python call per attribute, and it changes an attribute only where nh3's
# output shows it: a numeric attribute that is not plain digits, an <img src> whose scheme is mailto
# (ammonia keeps an absolute URL of an allowed scheme as written; a value that does not parse was
# removed before the filter would see it), an href or src whose first ":" is not followed by "//"
# (an http(s) URL written without its slashes, and mailto: links, which the filter keeps), and any
# blockquote[cite]. nh3 writes every attribute as
# name="value" with '"' escaped, so a cleaner without the filter gives the same output whenever this
# finds nothing in its output; where it finds something (or text that merely looks like it), the
# filtered cleaner runs. The filter may reorder the attributes of an element it drops one from, which
# is why its output is taken as it is rather than patched.
_FILTERED_ATTRIBUTE = re.compile(
    '="(?:(?<=src=")[\x00-\x20]*[mM]|(?<=cite=")|(?<=href=")[^":]*:(?!//)|(?<=src=")[^":]*:(?!//)'
    + "".join(f'|(?<={name}=")(?![0-9]{{1,6}}")' for name in sorted(_NUMERIC_ATTRIBUTES))
    + ")"
)


class _Cleaners(NamedTuple):
    filtered: nh3.Cleaner
    unfiltered: nh3.Cleaner

    def clean(self, markup: str) -> str:
        return self.checked(markup, self.unfiltered.clean(markup))

    def checked(self, markup: str, unfiltered: str) -> str:
        """The filtered cleaner's output for ``markup``, given the unfiltered one's."""
        return unfiltered if _FILTERED_ATTRIBUTE.search(unfiltered) is None else self.filtered.clean(markup)


def _build_cleaner(base_url: str, relative: nh3.UrlRelative, *, filtered: bool = True) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter(base_url) if filtered else None,
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
        url_relative=relative,
    )


def _cleaners(base_url: str, relative: nh3.UrlRelative) -> _Cleaners:
    return _Cleaners(_build_cleaner(base_url, relative), _build_cleaner(base_url, relative, filtered=False))


@lru_cache(maxsize=64)
def _cleaner(base_url: str) -> _Cleaners:
    if _is_http_base(base_url):
        try:
            return _cleaners(base_url, ("rewrite_with_base", base_url))
        except ValueError:
            pass  # the url crate is stricter than urlsplit about what can be a base
    # Without a usable base a relative URL cannot be resolved; dropping it beats letting it resolve
    # against the feed's own URL.
    return _cleaners(base_url, "deny")


# Unwrapping a disallowed tag can leave a tree that the HTML parser would not build from the serialised
# output ("<h2><font><h2>" keeps an h2 inside an h2), so a reader would see a different structure from
# the one that was sanitised, and a second pass would change the output. Passes repeat until the output
# is a fixed point; two passes settle everything the tests have found, the bound keeps the cost linear.
_MAX_PASSES = 4


# html5ever drops a U+FEFF at the start of its input, so output starting with one (" &#xFEFF;x" gives
# "\ufeffx") would lose it on the next pass. In a str pattern \s is exactly what str.strip() strips.
_LEADING_BOMS = re.compile("\\A[\\s\ufeff]+")


def _trimmed(markup: str) -> str:
    """``markup.strip()``, and without the U+FEFF characters (and the whitespace between them) in front."""
    markup = markup.strip()
    return _LEADING_BOMS.sub("", markup) if markup.startswith("\ufeff") else markup


def _one_pass(cleaner: _Cleaners, markup: str) -> str:
    cleaned = cleaner.clean(markup)
    cleaned = _PRE_LEADING_NEWLINE.sub("\\1\n", cleaned)
    return _trimmed(strip_xml_illegal(cleaned))


def sanitize_html(fragment: str, base_url: str) -> str:
    """Return ``fragment`` reduced to the module's allow-list, relative URLs resolved against
    ``base_url``, XML-illegal characters removed, surrounding whitespace stripped. Never raises."""
    return _sanitize(fragment, base_url)[0]


def _sanitize(fragment: str, base_url: str) -> tuple[str, bool]:
    """``sanitize_html``, and whether its output passed :func:`_settled` after one pass."""
    text = strip_xml_illegal(fragment)
    try:
        cleaner = _cleaner(base_url)
        return _settle(cleaner, cleaner.clean(text))
    except Exception:  # the guarantee is "never raises", and escaped text is always safe
        return html.escape(text, quote=False).strip(), False


def _settle(cleaner: _Cleaners, cleaned: str) -> tuple[str, bool]:
    """The rest of :func:`_sanitize` after the first pass of nh3 gave ``cleaned``."""
    has_pre = "<pre" in cleaned  # else the newline rule has nothing to do
    result = _trimmed(strip_xml_illegal(_PRE_LEADING_NEWLINE.sub("\\1\n", cleaned) if has_pre else cleaned))
    if not has_pre and result == cleaned.strip() and _settled(cleaned):
        return result, True  # a fixed point already: the loop below would stop after one more pass
    for _ in range(_MAX_PASSES - 1):
        again = _one_pass(cleaner, result)
        if again == result:
            break
        result = again
    return result, False


def _from_unfiltered(cleaner: _Cleaners, text: str, unfiltered: str) -> tuple[str, bool]:
    """:func:`_sanitize` of ``text`` (already legal XML), given the unfiltered cleaner's output."""
    try:
        return _settle(cleaner, cleaner.checked(text, unfiltered))
    except Exception:
        return html.escape(text, quote=False).strip(), False


def _sanitize_many(fragments: Sequence[str], base_url: str) -> list[tuple[str, bool]]:
    """:func:`_sanitize` of each fragment. nh3 runs on each; the checks after it, which on a typical
    page find nothing, run once over all outputs joined (see ``htmlsettled.SEPARATOR``; every check
    is local to one output), and only a page where one finds something takes them output by output."""
    # Legal XML joined is legal XML apart (the check is per character), so one check spares the rest.
    texts = (
        list(fragments)
        if not has_xml_illegal("".join(fragments))
        else [strip_xml_illegal(fragment) for fragment in fragments]
    )
    try:
        cleaner = _cleaner(base_url)
        outputs = [cleaner.unfiltered.clean(text) for text in texts]
    except Exception:
        return [_sanitize(fragment, base_url) for fragment in fragments]
    joined = SETTLED_SEPARATOR.join(outputs)
    if has_xml_illegal(joined) or "<pre" in joined or _FILTERED_ATTRIBUTE.search(joined):
        return [_from_unfiltered(cleaner, text, output) for text, output in zip(texts, outputs, strict=True)]
    # Here each output is what the filtered cleaner gives, free of illegal characters and <pre>: one
    # pass is enough exactly where it is settled and stripping leaves no U+FEFF in front (see _trimmed).
    return [
        (stripped, True)
        if settled and not stripped.startswith("\ufeff")
        else _from_unfiltered(cleaner, text, output)
        for text, output, stripped, settled in zip(
            texts, outputs, (output.strip() for output in outputs), settled_each(outputs, joined), strict=True
        )
    ]


def sanitize_to_text(fragment: str, base_url: str) -> tuple[str, str]:
    """``(sanitize_html(fragment, base_url), html_to_text(<that>))``, the text read off settled
    output without parsing it twice more."""
    return sanitize_to_text_many([fragment], base_url)[0]


def sanitize_to_text_many(fragments: Sequence[str], base_url: str) -> list[tuple[str, str]]:
    """:func:`sanitize_to_text` of each fragment; the texts of settled outputs are read in one go."""
    sanitised = _sanitize_many(fragments, base_url)
    texts = iter(settled_texts([content for content, settled in sanitised if settled]))
    results = []
    for content, settled in sanitised:
        text = next(texts) if settled else None
        results.append((content, html_to_text(content) if text is None else text))
    return results
