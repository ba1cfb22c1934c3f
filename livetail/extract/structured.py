"""DOM cross-checks shared by the structured-data strategies (JSON-LD, microdata, AMP).

Structured data names the updates (ids, anchors, counts); the element on the page is what a
reader sees. These helpers read that element: its heading (only one placed before the body text,
so a related-article card's heading is never a title), its explicit times (``<time datetime>``,
``amp-timeago``, epoch ``data-*`` attributes; naive ones are left to the caller), its byline, its
permalink, whether a pinned box or a key-events list points at it, and its body with the update's
own furniture removed: header and footer, time stamps ("4m ago", "12.50 BST", "14 August 2023
10:01"), bylines, share links and buttons, labels ("KEY EVENT"), ads, newsletter boxes, and the
heading already used as the title. ``amp-img`` becomes ``img`` so pictures survive sanitising.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract import nonlatin
from livetail.extract.build import clean_line
from livetail.extract.dom import element_by_anchor
from livetail.extract.pieces import NOT_PLAIN, is_plain, long_piece, long_piece_general
from livetail.extract.relativetime import FOREIGN_RELATIVE, may_be_relative
from livetail.extract.structlinks import key_event_anchors, own_flags, permalink, pinned_anchors, pointed_at
from livetail.extract.timeparse import MONTHS, WEEKDAYS, has_clock, parse_explicit, word_alternation

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TITLE_TOKENS = {"title", "ttl", "headline", "head", "heading"}
_TIME_TOKENS = {"time", "date", "dtime", "dte", "timestamp", "datetime", "dateline", "timeago"}
_BYLINE_TOKENS = {"author", "authors", "byline", "contributor", "contributors"}
_NOISE_TOKENS = {
    "share", "sharing", "social", "sharebar", "ad", "ads", "advert", "advertisement", "adslot", "dfp",
    "gpt", "mpu", "teads", "newsletter", "signup", "subscribe", "epic", "promo", "sponsored", "outbrain",
    "taboola", "tip", "tooltip", "pst", "scl", "sharedaddy", "compartir", "compartilhar", "partager", "partage",
    "teilen", "condividi", "delen", "udostepnij", "paylas",
}  # fmt: skip
_NOISE_TAGS = {
    "script", "style", "noscript", "template", "svg", "button", "form", "input", "amp-ad", "amp-embed",
    "amp-analytics", "amp-social-share", "meta", "link",
}  # fmt: skip
#: What an ad slot's label says, in lower case: a box or a line saying only this is no one's text.
#: (Not "Ad" or "PR": an advantage in tennis, a personal record in athletics.)
AD_LABELS = frozenset(
    {
        "advertisement", "advertisment", "sponsored", "sponsored content", "anzeige", "werbung",
        "publicité", "publicite", "publicidad", "pubblicità", "advertentie", "annons", "annonse", "annonce",
        "reklame", "mainos", "reklama", "reklam", "広告", "广告", "광고", "إعلان",
    }
)  # fmt: skip
_LABELS = {
    "key event",
    "key events",
    "pinned",
    "pinned post",
    "breaking",
    "eilmeldung",
    "última hora",
    "ultima hora",
    "dernière minute",
    "ultima ora",
    "live",
    "new",
    "updated",
    "updated at",
    "last updated",
    "last updated at",
    "posted at",
    "published at",
    "share",
    "share link",
    "facebook",
    "twitter",
    "whatsapp",
    "email",
    "copy link",
}
_SHARE_HREF = re.compile(
    r"^(?:javascript:|whatsapp:|mailto:\?|sms:)|facebook\.com/(?:sharer|dialog/share)|twitter\.com/(?:intent|share)"
    r"|x\.com/intent|linkedin\.com/share|pinterest\.com/pin|reddit\.com/submit|wa\.me/|api\.whatsapp\.com/send"
    r"|t\.me/share|telegram\.me/share|bsky\.app/intent|threads\.net/intent|flipboard\.com/bookmarklet"
    r"|getpocket\.com/(?:save|edit)|tumblr\.com/(?:share|widgets/share)",
    re.IGNORECASE,
)


def share_href(href: str) -> bool:
    """Whether a link is a share button's (``_SHARE_HREF``). Every such address holds one of the
    words below; testing them first spares most links the pattern (a few microseconds each)."""
    low = href.lower()
    return (
        "share" in low or "intent" in low or "send" in low or "submit" in low or "pin" in low
        or "wa.me" in low or "bookmarklet" in low or "getpocket" in low or low.startswith(_SHARE_SCHEMES)
    ) and _SHARE_HREF.search(href) is not None  # fmt: skip


_SHARE_SCHEMES = ("javascript:", "whatsapp:", "mailto:", "sms:")
_CLOCK = r"\d{1,2}[:.hH]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
_MONTH = word_alternation(MONTHS) + r"\.?(?!\w)"
_WEEKDAY = word_alternation(WEEKDAYS) + r"\.?(?!\w)"
#: "Today" and "yesterday" as stamps print them ("Heute, 09:12", "Igår kl. 22.15"), as a pattern.
DAY_WORDS = (
    # (French "hier" only before a comma or "à": German "hier" means "here")
    r"today|yesterday|heute|gestern|aujourd['’]hui|hier(?=\s*(?:,|à\s))|hoy|ayer|oggi|ieri|vandaag|gisteren"
    r"|i\s?dag|i\s?går|tänään|eilen|dzisiaj|dziś|wczoraj|dnes|včera|hoje|ontem|bugün|dün"
)
_YESTERDAY = ("yesterday", "gestern", "hier", "ayer", "ieri", "gisteren", "igår", "i går", "eilen", "wczoraj",
              "včera", "ontem", "dün")  # fmt: skip


def is_yesterday(day_word: str) -> bool:
    """Whether a word of :data:`DAY_WORDS` says yesterday (else it says today)."""
    return " ".join(day_word.lower().split()) in _YESTERDAY


_STAMP_PARTS = re.compile(
    # (first: "2024年" is a year, not the hour "20" and a stray "24年")
    r"\d{1,4}\s*(?:分钟|分鐘|秒钟|時間|小时|小時|个小时|個小時|年|月|日|時|时|點|点|分|秒|시간|년|월|일|시|분|초)\s*(?:前|전)?"
    rf"|{_CLOCK}|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+)?\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}"
    # "3/14" only before a clock ("3/14 14:05", "3/14(木) 14:05"): alone, "7/10" is a rating or "1/2" a thread
    r"|\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?(?=\s*(?:[(（][^)）]{1,3}[)）])?\s*\d{1,2}[:.]\d{2})|\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b\.?(?:\s+ago)?"
    r"|\bjust now\b|\b(?:updated|published|posted|edited|last|at|from|on|ago|today|yesterday)\b"
    rf"|\b{_WEEKDAY}|(?-i:\(?\b[A-Z]{{2,5}}\b\)?)|\d{{4}}"
    rf"|{FOREIGN_RELATIVE}|\b(?:aktualisiert|update vom|mis à jour|publié|actualizado|publicado|bijgewerkt|aggiornato"
    r"|uppdaterad|opdateret|oppdatert|päivitetty|publicerad|publiceret|publisert|julkaistu|kl|klo|ore|godz"
    rf"|uhr|uur|um|am|vom|le|à|el|a las|alle|om|{DAY_WORDS})(?!\w)"
    # Chinese, Japanese, Korean and Arabic: "2024年3月14日 午後2時5分", "3월 14일 14:05", "2:05 م"
    r"|[(（][月火水木金土日월화수목금토일][)）]|[月火水木金土日]曜日?|半|반|午前|午後|午后|上午|下午|晚上|凌晨|오전|오후"
    r"|更新|発表|发布|업데이트|수정|입력|(?<!\w)(?:م|ص|مساءً?|صباحًا?|نشر\s+في|نشر|آخر\s+تحديث|تحديث|تم\s+التحديث)(?!\w)"
    rf"|{nonlatin.ZONE_PHRASE_WORDS}",
    re.IGNORECASE,
)
#: Words that say a time is an edit time ("Updated 18:30", "Aktualisiert am", "Mis à jour à").
UPDATED_WORDS = re.compile(
    r"\b(?:updated|edited|modified|last update|aktualisiert|update\s+vom|mis\s+à\s+jour|actualizado|bijgewerkt"
    r"|aggiornato|uppdaterad|opdateret|oppdatert|päivitetty|更新|업데이트|수정|تحديث)",
    re.IGNORECASE,
)
_PUBLISHED_ATTRS = (
    "data-post-time",
    "data-posted-date-timestamp",
    "data-published",
    "data-publish-time",
    "data-timestamp",
    "data-time",
    "data-date",
)
_MODIFIED_ATTRS = (
    "data-last-modified-time",
    "data-update-time",
    "data-last-updated",
    "data-modified",
    "data-updated",
)


# Page elements (``lxml.html``) and the plain copies bodies are cut from (see bodyclean) alike.
Element = etree._Element


def string_of(element: Element) -> str:
    """The element's text content (``HtmlElement.text_content``), for any lxml element.

    For an element, the text serialiser gives XPath's string value (libxml2's node content:
    comments and processing instructions inside left out) at a third of an XPath evaluation's
    cost."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


_TOKEN_ATTRS = ("class", "id", "data-component", "data-gu-marker", "data-type")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")


@lru_cache(maxsize=4096)
def _split_tokens(raw: str) -> frozenset[str]:
    return frozenset(t for t in _TOKEN_SPLIT.split(raw.lower()) if t)


def camel_words(element: Element) -> frozenset[str]:
    """The lower-case words of the element's class and component names split on camel case as well
    ("PostByline_root__x1", "liveShare"). Only for words long enough not to turn up by chance in
    hashed class names ("nAdUlW") or ordinary ones ("fullTimeScore"): never for "ad" or "time"."""
    names, component = element.get("class"), element.get("data-component")
    if component is None:
        return _camel_split(names) if names and not names.islower() else _NO_WORDS
    return _camel_split(f"{names or ''} {component}")


_NO_WORDS: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _camel_split(raw: str) -> frozenset[str]:
    return frozenset(t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if t)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def tokens(element: Element) -> frozenset[str]:
    """Lower-case words of an element's class, id and data-component, split on ``-``/``_``/space."""
    get = element.get  # the attributes of _TOKEN_ATTRS, in order
    return _split_tokens(
        f"{get('class', '')} {get('id', '')} {get('data-component', '')} "
        f"{get('data-gu-marker', '')} {get('data-type', '')}"
    )


def text_of(element: Element) -> str:
    return clean_line(string_of(element))


TextOf = Callable[[Element], str]


class Texts:
    """``text_of`` per element, remembered until the tree changes under it.

    The helpers below ask for the same elements' text many times; one ``Texts`` serves one
    (copy of an) update. A caller that mutates the tree calls :meth:`changed` *before* detaching
    or editing a node: an element's text depends only on its own subtree, so the node and its
    ancestors are all that can change.
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[Element, str] = {}

    def __call__(self, element: Element) -> str:
        text = self._seen.get(element)
        if text is None:
            # Without children (comments and PIs included) the text content is the element's text.
            raw = string_of(element) if len(element) else element.text
            text = self._seen[element] = clean_line(raw)
        return text

    def changed(self, element: Element) -> None:
        # Only the node and its ancestors can change, but forgetting everything costs less than
        # walking up the tree: after a change, the walks ask again for few texts they had read.
        del element
        self._seen.clear()


def find_element(tree: HtmlElement, anchor: str) -> HtmlElement | None:
    """The element an LD/microdata id points at: the id itself, a prefixed form, or its number."""
    found = element_by_anchor(tree, anchor)
    if found is not None:
        return found
    number = re.fullmatch(r"[A-Za-z_-]*?(\d{3,})", anchor)
    if number and number.group(1) != anchor:
        return element_by_anchor(tree, number.group(1))
    return None


#: For ``str.translate`` before reading a stamp: no-break spaces are spaces; zero-width spaces and
#: joiners, direction marks (a right-to-left page writes "&rlm;14:05&rlm;"), the byte-order mark
#: and soft hyphens are nothing.
INVISIBLE = {
    0x00A0: " ", 0x202F: " ", 0x00AD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x200E: None,
    0x200F: None, 0x2060: None, 0xFEFF: None, 0x202A: None, 0x202B: None, 0x202C: None, 0x202D: None,
    0x202E: None, 0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None,
}  # fmt: skip

_DIGIT_OR_NOW = re.compile(r"\d|just now", re.IGNORECASE)
_STAMP_GLUE = re.compile(
    r"[\s,.:;|·•()\-–—/،、（）]+"
)  # (with the Arabic comma, the CJK comma and parentheses)


@lru_cache(maxsize=8192)
def is_stamp(text: str) -> bool:
    """Whether a short text is only a time stamp: "4m ago", "12.50 BST", "Updated at 12.36 BST"."""
    text = clean_line(text if text.isascii() else text.translate(INVISIBLE))
    if not text or len(text) > 60:
        return False
    if not _DIGIT_OR_NOW.search(text) and not may_be_relative(text.lower()):
        return False
    rest = _STAMP_PARTS.sub(" ", text)
    return not _STAMP_GLUE.sub("", rest)


def is_day_line(text: str) -> bool:
    """Whether a short line says nothing but a day (weekday, date, glue words): a day separator
    between posts or a day group's heading. "Background: the 7 October floods" is a heading about a
    day, not a day's heading; never with a time of day, "updated" or "posted"."""
    return (
        0 < len(text) <= _DAY_LINE_MAX
        and is_stamp(text)  # (first: it is remembered, and rejects a line without a digit at once)
        and not has_clock(text)
        and not UPDATED_WORDS.search(text)
        and not _POSTED.search(text)
    )


_DAY_LINE_MAX = 60
# "Posted 18 September 2024" under a post dates that post, not the ones after it.
_POSTED = re.compile(
    r"\b(?:posted|published|publié|publicado|veröffentlicht|gepubliceerd|pubblicato)\b", re.I
)


_PROSE_BLOCKS = ("p", "li", "blockquote", "figure", "table")


# Plain walks, not tag-filtered ones: on the plain copies bodies are cut from (see bodyclean), a
# walk over the few elements ahead of a heading costs less than building a multi-tag filter.


def _precedes_body(element: Element, candidate: Element, text: TextOf = text_of) -> bool:
    """True when no paragraph-like text comes before ``candidate`` inside ``element``."""
    for node in element.iter():
        if node is candidate:
            return True
        if node.tag in _PROSE_BLOCKS and text(node) and not is_stamp(text(node)):
            return False
    return True


def _title_element(element: Element, text: TextOf = text_of) -> Element | None:
    for node in element.iter():
        tag = node.tag
        if not isinstance(tag, str) or node is element:
            continue
        is_title = tag in _HEADINGS or (tag in ("div", "span", "p") and bool(tokens(node) & _TITLE_TOKENS))
        if is_title and text(node) and not is_stamp(text(node)):
            return node if _precedes_body(element, node, text) else None
    return None


def dom_title(element: Element) -> str | None:
    """The update's own heading: the first heading (or ``*title*`` box) before any body text."""
    text = Texts()
    node = _title_element(element, text)
    return text(node) if node is not None else None


def _explicit_attr(element: Element, names: tuple[str, ...]) -> datetime | None:
    for name in names:
        value = element.get(name)
        if value:
            parsed = parse_explicit(value)
            if parsed is not None:
                return parsed
    return None


def _text_before(node: Element) -> str:
    """The text right before ``node`` inside its parent: its previous sibling's tail, else the
    parent's own text (where "Updated at" stands)."""
    previous = node.getprevious()
    if previous is not None:
        return previous.tail or ""
    parent = node.getparent()
    return (parent.text or "") if parent is not None else ""


def dom_times(element: Element) -> tuple[datetime | None, datetime | None]:
    """(published, modified) as the element shows them; None where it shows no explicit time."""
    published = modified = None
    for node in element.iterdescendants("time", "amp-timeago"):  # in document order, as XPath gave
        stamp = node.get("datetime")
        value = parse_explicit(stamp) if stamp is not None else None
        if value is None:
            continue
        if published is None:
            # The first explicit time is the publication, unless it is labelled as an update
            # ("Updated at <time>"): then the publication moved with every edit.
            if UPDATED_WORDS.search(" ".join((_text_before(node), string_of(node), node.get("title", "")))):
                modified = modified or value
            else:
                published = value
            continue
        parent = node.getparent()
        context = " ".join(
            (string_of(node), node.get("title", ""), string_of(parent) if parent is not None else "")
        )
        if UPDATED_WORDS.search(context):
            modified = modified or value
    published = published or _explicit_attr(element, _PUBLISHED_ATTRS)
    modified = modified or _explicit_attr(element, _MODIFIED_ATTRS)
    if modified is not None and published is not None and modified <= published:
        modified = None
    return published, modified


_WORD = r"[A-Z][\w'’.-]*[a-z][\w'’.-]*"
_NAME = re.compile(rf"(?:By\s+)?({_WORD}(?:\s+{_WORD}){{1,4}})")


def _before_title(element: Element, text: TextOf = text_of) -> list[Element]:
    """The update's furniture ahead of its heading: everything before it but its ancestors."""
    heading = _title_element(element, text)
    return [] if heading is None else _ahead_of(element, heading)


def _found_again(element: Element, heading: Element) -> bool:
    """Whether :func:`_title_element` still answers ``heading`` once :func:`_ahead_of` is cut.

    Then all that precedes the heading is its ancestors, and only their texts changed (nothing
    inside the heading was cut). The walk reads those texts only for heading-like elements and,
    ``element`` included, prose blocks; without any, its answer is the same."""
    if element.tag in _PROSE_BLOCKS:
        return False
    for node in heading.iterancestors():
        if node is element:
            return True
        tag = node.tag
        if (
            tag in _HEADINGS
            or tag in _PROSE_BLOCKS
            or (tag in ("div", "span", "p") and tokens(node) & _TITLE_TOKENS)
        ):
            return False
    return False


def _ahead_of(element: Element, heading: Element) -> list[Element]:
    """Everything in ``element`` before ``heading`` but its ancestors."""
    before: list[Element] = []
    node = heading
    while node is not element:
        parent = node.getparent()
        if parent is None:
            break
        before.extend(node.itersiblings(preceding=True))
        node = parent
    return before


def _byline_boxes(element: Element, text: TextOf = text_of) -> list[Element]:
    """Small boxes made of a name and a time stamp only ("Jamie Braidwood" + "14 August 2023 10:01")."""
    boxes = []
    for box in element.iter("div", "p", "footer", "span"):
        # Cheapest tests first (all are pure): ``len`` counts child elements, comments and PIs.
        if box is element or len(box) < 2:
            continue
        children = [c for c in box if isinstance(c.tag, str)]
        if len(children) < 2 or len(children) > 4:
            continue
        if (box.text or "").strip() or any((c.tail or "").strip() for c in children):
            continue
        # A child's own text already longer than 120 kept characters makes the box's longer.
        if any(long_piece(c.text, 120) for c in children) or len(text(box)) > 120:
            continue
        kinds = [
            "stamp"
            if is_stamp(text(c))
            else "label"
            if text(c).lower() in _LABELS
            else "name"
            if _NAME.fullmatch(text(c))
            else "other"
            for c in children
        ]
        if "stamp" in kinds and "name" in kinds and "other" not in kinds:
            boxes.append(box)
    return boxes


def dom_authors(element: Element) -> list[str]:
    """Bylines inside the update: ``*author*``/``*byline*`` boxes, an avatar with its name beside
    it, or a name-shaped line in the box ahead of the heading (the Mirror's ``<mark>``)."""
    text = Texts()
    names: list[str] = []
    for node in element.iter():
        if isinstance(node.tag, str) and node is not element and tokens(node) & _BYLINE_TOKENS:
            name = re.sub(r"^by\s+", "", text(node), flags=re.IGNORECASE)
            if name and len(name) <= 80 and name not in names:
                names.append(name)
    if names:
        return names
    for img in cast(list[Element], element.xpath(".//header//img[@alt]")):
        alt = clean_line(img.get("alt"))
        header = next(img.iterancestors("header"))
        if alt and any(text(n) == alt for n in header.iter() if isinstance(n.tag, str) and n is not img):
            names.append(alt)
    if names:
        return names
    for box in _byline_boxes(element, text):
        for node in box:
            match = _NAME.fullmatch(text(node))
            if match and not is_stamp(text(node)) and text(node).lower() not in _LABELS:
                names.append(match.group(1))
    if names:
        return list(dict.fromkeys(names))
    for box in _before_title(element, text):
        for node in box.iter():
            line = text(node) if isinstance(node.tag, str) and not len(node) else ""
            match = _NAME.fullmatch(line)
            if match and line.lower() not in _LABELS and not is_stamp(line):
                names.append(match.group(1))
    return list(dict.fromkeys(names))


__all__ = [
    "NOT_PLAIN",
    "UPDATED_WORDS",
    "Texts",
    "dom_authors",
    "dom_times",
    "dom_title",
    "find_element",
    "is_plain",
    "is_stamp",
    "key_event_anchors",
    "long_piece",
    "long_piece_general",
    "own_flags",
    "permalink",
    "pinned_anchors",
    "pointed_at",
    "share_href",
    "text_of",
    "tokens",
]
