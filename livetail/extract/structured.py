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

import copy
import re
from datetime import datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml.html import HtmlElement as Element

from livetail.extract.build import clean_line
from livetail.extract.dom import element_by_anchor
from livetail.extract.timeparse import parse_explicit

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TITLE_TOKENS = {"title", "ttl", "headline", "head", "heading"}
_TIME_TOKENS = {"time", "date", "dtime", "dte", "timestamp", "datetime", "dateline", "timeago"}
_BYLINE_TOKENS = {"author", "authors", "byline", "contributor", "contributors"}
_NOISE_TOKENS = {
    "share", "sharing", "social", "sharebar", "ad", "ads", "advert", "advertisement", "adslot", "dfp",
    "gpt", "mpu", "teads", "newsletter", "signup", "subscribe", "epic", "promo", "sponsored", "outbrain",
    "taboola", "tip", "tooltip", "pst", "scl",
}  # fmt: skip
_NOISE_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "button",
    "form",
    "input",
    "amp-ad",
    "amp-embed",
    "amp-analytics",
    "amp-social-share",
    "meta",
    "link",
}
_LABELS = {
    "key event",
    "key events",
    "pinned",
    "pinned post",
    "breaking",
    "live",
    "new",
    "updated",
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
    r"|x\.com/intent|linkedin\.com/share|pinterest\.com/pin|reddit\.com/submit|wa\.me/",
    re.IGNORECASE,
)
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_STAMP_PARTS = re.compile(
    rf"{_CLOCK}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b\.?(?:\s+ago)?"
    r"|\bjust now\b|\b(?:updated|published|posted|edited|last|at|from|on|ago|today|yesterday)\b"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?|(?-i:\(?\b[A-Z]{2,5}\b\)?)|\d{4}",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|edited|modified|last update)", re.IGNORECASE)
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
_PINNED = re.compile(r"pinned|sticky", re.IGNORECASE)
_KEY_EVENTS = re.compile(r"key[-_ ]?events?|keyevent|highlights?-list", re.IGNORECASE)


def tokens(element: Element) -> set[str]:
    """Lower-case words of an element's class, id and data-component, split on ``-``/``_``/space."""
    raw = " ".join(
        element.get(a, "") for a in ("class", "id", "data-component", "data-gu-marker", "data-type")
    )
    return {t for t in re.split(r"[\s_\-]+", raw.lower()) if t}


def text_of(element: Element) -> str:
    return clean_line(element.text_content())


def find_element(tree: Element, anchor: str) -> Element | None:
    """The element an LD/microdata id points at: the id itself, a prefixed form, or its number."""
    found = element_by_anchor(tree, anchor)
    if found is not None:
        return found
    number = re.fullmatch(r"[A-Za-z_-]*?(\d{3,})", anchor)
    if number and number.group(1) != anchor:
        return element_by_anchor(tree, number.group(1))
    return None


def is_stamp(text: str) -> bool:
    """Whether a short text is only a time stamp: "4m ago", "12.50 BST", "Updated at 12.36 BST"."""
    text = clean_line(text)
    if not text or len(text) > 60 or not re.search(r"\d|just now", text, re.IGNORECASE):
        return False
    rest = _STAMP_PARTS.sub(" ", text)
    return not re.sub(r"[\s,.:;|·•()\-–—/]+", "", rest)


def _precedes_body(element: Element, candidate: Element) -> bool:
    """True when no paragraph-like text comes before ``candidate`` inside ``element``."""
    for node in element.iter():
        if node is candidate:
            return True
        if not isinstance(node.tag, str):
            continue
        if (
            node.tag in ("p", "li", "blockquote", "figure", "table")
            and text_of(node)
            and not is_stamp(text_of(node))
        ):
            return False
    return True


def _title_element(element: Element) -> Element | None:
    for node in element.iter():
        if not isinstance(node.tag, str) or node is element:
            continue
        is_title = node.tag in _HEADINGS or bool(
            tokens(node) & _TITLE_TOKENS and node.tag in ("div", "span", "p")
        )
        if is_title and text_of(node) and not is_stamp(text_of(node)):
            return node if _precedes_body(element, node) else None
    return None


def dom_title(element: Element) -> str | None:
    """The update's own heading: the first heading (or ``*title*`` box) before any body text."""
    node = _title_element(element)
    return text_of(node) if node is not None else None


def _explicit_attr(element: Element, names: tuple[str, ...]) -> datetime | None:
    for name in names:
        value = element.get(name)
        if value:
            parsed = parse_explicit(value)
            if parsed is not None:
                return parsed
    return None


def dom_times(element: Element) -> tuple[datetime | None, datetime | None]:
    """(published, modified) as the element shows them; None where it shows no explicit time."""
    published = modified = None
    for node in element.xpath(".//time[@datetime]|.//amp-timeago[@datetime]"):
        value = parse_explicit(node.get("datetime", ""))
        if value is None:
            continue
        context = " ".join(
            (
                node.text_content(),
                node.get("title", ""),
                node.getparent().text_content() if node.getparent() is not None else "",
            )
        )
        if _UPDATED.search(context) and published is not None:
            modified = modified or value
        elif published is None:
            published = value
    published = published or _explicit_attr(element, _PUBLISHED_ATTRS)
    modified = modified or _explicit_attr(element, _MODIFIED_ATTRS)
    if modified is not None and published is not None and modified <= published:
        modified = None
    return published, modified


_WORD = r"[A-Z][\w'’.-]*[a-z][\w'’.-]*"
_NAME = re.compile(rf"(?:By\s+)?({_WORD}(?:\s+{_WORD}){{1,4}})")


def _before_title(element: Element) -> list[Element]:
    """The update's furniture ahead of its heading: everything before it but its ancestors."""
    heading = _title_element(element)
    if heading is None:
        return []
    before: list[Element] = []
    node = heading
    while node is not element and node.getparent() is not None:
        before.extend(node.itersiblings(preceding=True))
        node = node.getparent()
    return before


def _byline_boxes(element: Element) -> list[Element]:
    """Small boxes made of a name and a time stamp only ("Jamie Braidwood" + "14 August 2023 10:01")."""
    boxes = []
    for box in element.iter("div", "p", "footer", "span"):
        children = [c for c in box if isinstance(c.tag, str)]
        if len(children) < 2 or len(children) > 4 or len(text_of(box)) > 120 or box is element:
            continue
        if (box.text or "").strip() or any((c.tail or "").strip() for c in children):
            continue
        kinds = [
            "stamp"
            if is_stamp(text_of(c))
            else "label"
            if text_of(c).lower() in _LABELS
            else "name"
            if _NAME.fullmatch(text_of(c))
            else "other"
            for c in children
        ]
        if "stamp" in kinds and "name" in kinds and "other" not in kinds:
            boxes.append(box)
    return boxes


def dom_authors(element: Element) -> list[str]:
    """Bylines inside the update: ``*author*``/``*byline*`` boxes, an avatar with its name beside
    it, or a name-shaped line in the box ahead of the heading (the Mirror's ``<mark>``)."""
    names: list[str] = []
    for node in element.iter():
        if isinstance(node.tag, str) and node is not element and tokens(node) & _BYLINE_TOKENS:
            name = re.sub(r"^by\s+", "", text_of(node), flags=re.IGNORECASE)
            if name and len(name) <= 80 and name not in names:
                names.append(name)
    if names:
        return names
    for img in element.xpath(".//header//img[@alt]"):
        alt = clean_line(img.get("alt"))
        header = next(img.iterancestors("header"))
        if alt and any(text_of(n) == alt for n in header.iter() if isinstance(n.tag, str) and n is not img):
            names.append(alt)
    if names:
        return names
    for box in _byline_boxes(element):
        for node in box:
            match = _NAME.fullmatch(text_of(node))
            if match and not is_stamp(text_of(node)) and text_of(node).lower() not in _LABELS:
                names.append(match.group(1))
    if names:
        return list(dict.fromkeys(names))
    for box in _before_title(element):
        for node in box.iter():
            text = text_of(node) if isinstance(node.tag, str) and not len(node) else ""
            match = _NAME.fullmatch(text)
            if match and text.lower() not in _LABELS and not is_stamp(text):
                names.append(match.group(1))
    return list(dict.fromkeys(names))


def permalink(element: Element, page_url: str) -> str | None:
    """A link inside the update to its own anchor on this page (the publisher's permalink)."""
    own = element.get("id")
    if not own:
        return None
    page_path = urlsplit(urldefrag(page_url)[0]).path.rstrip("/")
    for link in element.xpath(".//a[@href]"):
        href = urljoin(page_url, link.get("href", ""))  # links are kept as the page wrote them
        base, fragment = urldefrag(href)
        if fragment == own and urlsplit(base).path.rstrip("/") == page_path:
            return str(href)
    return None


def _links_to(container: Element, anchors: set[str]) -> set[str]:
    hits = set()
    for link in container.xpath(".//a[@href]"):
        fragment = urldefrag(link.get("href", ""))[1]
        if fragment in anchors:
            hits.add(fragment)
    return hits


def pointed_at(tree: Element, pattern: re.Pattern[str], anchors: set[str]) -> set[str]:
    """Anchors that a box whose class/id/marker matches ``pattern`` (pinned, key events) links to."""
    hits: set[str] = set()
    names = ("id", "class", "data-component", "data-gu-marker")
    for box in tree.iter():  # a Python walk is ~6x cheaper here than the equivalent XPath
        if not isinstance(box.tag, str):
            continue
        marker = " ".join(value for a in names if (value := box.get(a)))
        if marker and pattern.search(marker):
            hits |= _links_to(box, anchors)
    return hits


def pinned_anchors(tree: Element, anchors: set[str]) -> set[str]:
    return pointed_at(tree, _PINNED, anchors)


def key_event_anchors(tree: Element, anchors: set[str]) -> set[str]:
    return pointed_at(tree, _KEY_EVENTS, anchors)


def own_flags(element: Element) -> tuple[bool, bool]:
    """(pinned, key_event) as the element marks itself (class, id, ``data-type``)."""
    marker = " ".join(element.get(a, "") for a in ("class", "data-type", "data-component"))
    return bool(_PINNED.search(marker)), bool(_KEY_EVENTS.search(marker))


def _remove(node: Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    node.drop_tree()  # keeps the tail text


def _is_noise(node: Element, own_anchor: str | None) -> bool:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _NOISE_TAGS or (
        node.get("itemscope") is not None
        and node.get("itemprop") in ("image", "author", "publisher", "logo", "about")
    ):
        return True
    if tag in ("header", "footer", "time", "amp-timeago", "aside", "nav"):
        return True
    if node.get("aria-hidden") == "true" and not node.xpath(".//img|.//amp-img"):
        return True
    words = tokens(node)
    if words & (_NOISE_TOKENS | _BYLINE_TOKENS | _TIME_TOKENS) and tag not in ("p", "blockquote"):
        return True
    if tag == "a":
        href = node.get("href", "")
        if _SHARE_HREF.search(href) or (own_anchor and urldefrag(href)[1] == own_anchor):
            return True
        if (node.get("aria-label") or node.get("title") or "").lower().startswith("share"):
            return True
    return False


def _is_furniture(node: Element, names: set[str]) -> bool:
    """Text-only furniture: a label, a time stamp, a byline line; checked innermost first."""
    text = text_of(node)
    if not text:
        return _empty(node)
    if text.lower().strip(" :!") in _LABELS and node.tag != "p":
        return True
    if names and text in names and _standalone(node):
        return True
    return is_stamp(text) and not node.xpath(".//img|.//amp-img") and _not_in_prose(node)


_BLOCKS = {"p", "div", "li", "section", "header", "footer", "small", "mark", "h2", "h3", "h4", "h5", "h6"}


def _not_in_prose(node: Element) -> bool:
    """A block, or an inline element with no words of its parent's text beside it: "At
    <strong>12:30</strong> the polls closed" keeps its time."""
    if node.tag in _BLOCKS:
        return True
    previous = node.getprevious()
    before = (
        previous.tail
        if previous is not None
        else (node.getparent().text if node.getparent() is not None else "")
    )
    return not (before or "").strip() and not (node.tail or "").strip()


def _standalone(node: Element) -> bool:
    """A byline line, not a name linked in the prose ("Stay connected to <a>NDTV Sports</a>")."""
    if node.tag in ("span", "div", "mark", "small", "cite", "address"):
        return True
    parent = node.getparent()
    return parent is not None and text_of(parent) == text_of(node) and node.tag != "p"


def _empty(node: Element) -> bool:
    if node.tag in ("img", "br", "hr", "amp-img", "iframe", "video", "picture"):
        return False
    return not text_of(node) and not node.xpath(".//img|.//amp-img|.//iframe|.//video")


def clean_body(
    element: Element, *, title: str | None = None, authors: list[str] | tuple[str, ...] = ()
) -> str:
    """The update's body as HTML, without the furniture listed in the module docstring."""
    body = copy.deepcopy(element)
    own_anchor = element.get("id")
    for node in [*_before_title(body), *_byline_boxes(body)]:
        node.tail = None
        _remove(node)
    heading = _title_element(body)
    if heading is not None and title and text_of(heading) == clean_line(title):
        _remove(heading)
    names = {clean_line(a) for a in authors if a}
    for node in list(body.iter()):
        if node is body or not isinstance(node.tag, str) or node.getparent() is None:
            continue
        # A node already removed with an ancestor is detached from ``body``; skip it.
        if not any(a is body for a in node.iterancestors()):
            continue
        if _is_noise(node, own_anchor):
            _remove(node)
    for node in body.xpath(".//amp-img[@src]"):
        node.tag = "img"
        for attr in list(node.attrib):
            if attr not in ("src", "alt", "width", "height"):
                del node.attrib[attr]
    # Innermost first, so a wrapper is judged on what is left in it: "1:08 PM ·" once its share
    # link is gone, an "Updated at" box once its <time> is gone, a box left empty.
    for node in reversed(list(body.iter())):
        if node is body or not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if any(a is body for a in node.iterancestors()) and _is_furniture(node, names):
            _remove(node)
    if body.get("itemprop") is not None:
        body.attrib.pop("itemprop")
    return str(lxml.html.tostring(body, encoding="unicode"))


def body_text_length(fragment: str) -> int:
    if not fragment.strip():
        return 0
    try:
        return len(text_of(lxml.html.fragment_fromstring(fragment, create_parent="div")))
    except Exception:  # an unparseable fragment counts as empty
        return 0
