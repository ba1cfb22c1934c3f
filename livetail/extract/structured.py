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
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.build import clean_line
from livetail.extract.bylines import box_names, describes
from livetail.extract.dom import element_by_anchor, element_by_id_tail
from livetail.extract.explicittime import parse_explicit
from livetail.extract.furniturewords import (
    BYLINE_TOKENS,
    HEADINGS,
    LABELS,
    TITLE_TOKENS,
    camel_words,
    hook_tokens,
    tokens,
)
from livetail.extract.pieces import NOT_PLAIN, is_plain, long_piece, long_piece_general
from livetail.extract.stampwords import UPDATED_WORDS, is_stamp
from livetail.extract.structlinks import key_event_anchors, own_flags, permalink, pinned_anchors, pointed_at
from livetail.extract.visibletext import visible

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


PROSE_BLOCKS = ("p", "li", "blockquote", "figure", "table")


# Plain walks, not tag-filtered ones: on the plain copies bodies are cut from (see bodyclean), a
# walk over the few elements ahead of a heading costs less than building a multi-tag filter.


def _precedes_body(element: Element, candidate: Element, text: TextOf = text_of) -> bool:
    """True when no paragraph-like text comes before ``candidate`` inside ``element`` (an update
    that is itself an ``<li>`` or a ``<blockquote>`` is no paragraph before its own heading)."""
    for node in element.iterdescendants():
        if node is candidate:
            return True
        if node.tag in PROSE_BLOCKS and (said := text(node)) and not is_stamp(said) and not _label_box(node):
            return False
    return True


def _label_box(node: Element) -> bool:
    """A box of a post's label and its time, pieces apart: "<span>Épinglé</span><span>17h52</span>"."""
    pieces = [str(piece).strip() for piece in node.itertext() if piece.strip()]
    return (
        len(pieces) >= 2
        and any(is_stamp(piece) for piece in pieces)
        and all(is_stamp(piece) or piece.lower().strip(" :") in LABELS for piece in pieces)
    )


def _title_element(element: Element, text: TextOf = text_of) -> Element | None:
    for node in element.iter():
        tag = node.tag
        if not isinstance(tag, str) or node is element:
            continue
        heading = tag in HEADINGS
        is_title = heading or (tag in ("div", "span", "p") and bool(tokens(node) & TITLE_TOKENS))
        # (a "head" box may hold a post's label and time, "Épinglé 17h52", and no heading)
        if is_title and text(node) and not is_stamp(text(node)) and (heading or not _label_box(node)):
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
    if element.tag in PROSE_BLOCKS:
        return False
    for node in heading.iterancestors():
        if node is element:
            return True
        tag = node.tag
        if (
            tag in HEADINGS
            or tag in PROSE_BLOCKS
            or (tag in ("div", "span", "p") and tokens(node) & TITLE_TOKENS)
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


def _quoted(node: Element, element: Element) -> bool:
    """Whether an author box inside ``element`` names a quote's or an embed's author, not the
    post's: it sits in a blockquote, or in a figure or cite (or a box named for a quote or an
    embed) that says nothing of an author itself. A box holding a heading or a time is the post's
    own wrapper, whatever its class ("live-embed-post", "post-type-quote")."""
    for box in (node, *node.iterancestors()):
        if box is element:
            return False
        if box.tag in ("blockquote", "q"):
            return True
        if next(box.iterdescendants(*HEADINGS, "time"), None) is not None:
            return False
        words = tokens(box)
        if not words.isdisjoint(BYLINE_TOKENS):
            continue
        # (a box named for a quote or an embed holds what is quoted beside its author: a share
        # bar's "embed-share" footer holding the byline alone is the post's)
        if box.tag in _QUOTING_TAGS or (
            not _QUOTING_WORDS.isdisjoint(words) and len(text_of(box)) > len(text_of(node)) + _QUOTED_MIN
        ):
            return True
    return False


_QUOTED_MIN = 10


_QUOTING_TAGS = ("figure", "figcaption", "cite")
_QUOTING_WORDS = frozenset(
    {"quote", "pullquote", "blockquote", "cite", "citation", "embed", "embedded", "tweet"}
)


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
            if text(c).lower() in LABELS
            else "name"
            if _NAME.fullmatch(text(c))
            else "other"
            for c in children
        ]
        if "stamp" in kinds and "name" in kinds and "other" not in kinds:
            boxes.append(box)
    return boxes


def _byline_hook(node: Element) -> bool:
    """A test hook naming a byline box, not a quote's attribution (data-testid="QuoteAuthor")."""
    hooks = hook_tokens(node)
    return not hooks.isdisjoint(BYLINE_TOKENS) and hooks.isdisjoint(_QUOTING_WORDS)


def dom_authors(element: Element, *, named_only: bool = False) -> list[str]:
    """Bylines inside the update: ``*author*``/``*byline*`` boxes, an avatar with its name beside
    it, or a name-shaped line in the box ahead of the heading (the Mirror's ``<mark>``); with
    ``named_only``, the boxes whose class or test hook names them so, and nothing else."""
    text = Texts()
    names: list[str] = []
    boxes = [
        node
        for node in element.iter()
        if isinstance(node.tag, str)
        and node is not element
        and (tokens(node) & BYLINE_TOKENS or _byline_hook(node))
        and not _quoted(node, element)
        and len(visible(node)) <= 80
    ]
    # (a box named for the writer's description beside one that is not gives no name: the BBC's
    # "contributor-description" "Chief football writer at Emirates Stadium")
    for group in ([box for box in boxes if not describes(box)], boxes):
        for node in group:
            names.extend(name for name in box_names(node, visible) if name not in names)
        if names:
            break
    if names or named_only:
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
            if match and not is_stamp(text(node)) and text(node).lower() not in LABELS:
                names.append(match.group(1))
    if names:
        return list(dict.fromkeys(names))
    for box in _before_title(element, text):
        for node in box.iter():
            line = text(node) if isinstance(node.tag, str) and not len(node) else ""
            match = _NAME.fullmatch(line)
            if match and line.lower() not in LABELS and not is_stamp(line) and not _topic_tag(node):
                names.append(match.group(1))
    return list(dict.fromkeys(names))


def _topic_tag(node: Element) -> bool:
    """A box its class calls a tag or a label: a post's topic ("<span class=lbTag>Opening Bell</span>",
    the Economic Times), capitalised as a name is."""
    words = (
        tokens(node) | camel_words(node) | set((node.get("rel") or "").lower().split())
    )  # (rel="category tag")
    return not _TAG_WORDS.isdisjoint(words) and _PERSON_WORDS.isdisjoint(words)


# (not "label" or "badge": UI kits' chips, which may hold a name; nor a "name-tag")
_TAG_WORDS = frozenset(
    {"tag", "tags", "category", "kicker", "topic", "topics", "section", "rubric", "eyebrow"}
)
_PERSON_WORDS = frozenset({"name", "author", "reporter", "writer", "person"})


__all__ = [
    "NOT_PLAIN",
    "PROSE_BLOCKS",
    "Texts",
    "dom_authors",
    "dom_times",
    "dom_title",
    "element_by_id_tail",
    "find_element",
    "is_plain",
    "key_event_anchors",
    "long_piece",
    "long_piece_general",
    "own_flags",
    "permalink",
    "pinned_anchors",
    "pointed_at",
    "text_of",
]
