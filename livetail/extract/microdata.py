"""schema.org ``LiveBlogPosting`` in microdata (``itemscope``/``itemprop``), as in schema.org's
own example and on NDTV.

The blog is an ``itemscope`` whose ``itemtype`` ends in ``LiveBlogPosting``; each update is an
``itemscope`` inside it with ``itemprop="liveBlogUpdate"`` (BlogPosting or any Article subtype).
An update's properties are the ``itemprop`` elements whose nearest ``itemscope`` is the update:
``content`` (``meta``), ``datetime`` (``time``), ``href``/``src`` (links, images) or the text.

* **id**: ``itemid``, else the ``url`` property's fragment (NDTV: ``…#80``), else the element's
  own ``id``; without any of them build hashes the printed ``datePublished``, title and text.
* **title**: ``headline`` (entities unescaped), else the element's heading before its body text.
* **time**: ``datePublished``/``dateModified`` when they carry a zone (``+05:30``), else an
  explicit time the element shows. A page where every update shares one date gives no time
  from it (the blog's date copied into every update says nothing about the update).
* **body**: the element with its properties' metadata, time stamps, share links and heading
  removed; the ``articleBody`` property when the element shows much less text than it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache, partial
from typing import Any, cast
from urllib.parse import urldefrag

from lxml import etree
from lxml.html import HtmlElement as Element

from livetail.extract import bodyclean, bodylength
from livetail.extract import structured as dom
from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.core import Context, Found, register
from livetail.extract.elementfacts import ElementFacts, facts_memo
from livetail.extract.explicittime import parse_explicit, parse_in_zone
from livetail.extract.page import Page
from livetail.extract.structlinks import update_ids
from livetail.memo import SizedMemo, digest

_UPDATE_TYPES = (
    "BlogPosting",
    "NewsArticle",
    "Article",
    "SocialMediaPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "LiveBlogPosting",
    "Report",
)
_SHORTER = 0.6


def _type_names(element: Element) -> frozenset[str]:
    return _names(element.get("itemtype") or "")


@lru_cache(maxsize=256)
def _names(itemtype: str) -> frozenset[str]:
    return frozenset(t.rstrip("/").rsplit("/", 1)[-1] for t in itemtype.split())


# Attribute values, not elements: a page without microdata answers without a proxy per element.
# A type named ``LiveBlogPosting`` is a value holding that word; the others are not read at all.
_ITEMTYPES = etree.XPath("//@itemtype[contains(., 'LiveBlogPosting')]")


def _blogs(tree: Element) -> list[Element]:
    """``//*[@itemscope][@itemtype]`` whose type names a ``LiveBlogPosting``, in document order."""
    blogs = []
    for itemtype in cast(list[Any], _ITEMTYPES(tree)):
        if "LiveBlogPosting" in _names(str(itemtype)):
            element = itemtype.getparent()
            if element.get("itemscope") is not None:
                blogs.append(element)
    return blogs


def _owner(node: Element) -> Element | None:
    for ancestor in node.iterancestors():
        if ancestor.get("itemscope") is not None:
            return ancestor
    return None


def properties(scope: Element) -> dict[str, list[Element]]:
    """The ``itemprop`` elements that belong to ``scope`` itself (not to a nested item).

    Walks every element: meant for an update's plain copy, where that is cheap (see
    bodyclean.plain_copy); :func:`_named` serves the blog. :func:`properties_general` without a
    walk up from every property: what lies inside a nested ``itemscope`` belongs to that item
    (or one nested deeper), and a scope without ``itemscope`` owns nothing."""
    props: dict[str, list[Element]] = {}
    if scope.get("itemscope") is None:
        return props
    nested: set[Element] = set()  # the descendants of nested items (kept alive: proxies stay the same)
    for node in scope.iterdescendants():
        if node in nested or not isinstance(node.tag, str):
            continue
        if node.get("itemscope") is not None:
            nested.update(node.iterdescendants())
        names = node.get("itemprop")
        if names is not None:
            for name in names.split():
                props.setdefault(name, []).append(node)
    return props


def properties_general(scope: Element) -> dict[str, list[Element]]:
    """:func:`properties` by each property's nearest ``itemscope`` ancestor (the definition)."""
    props: dict[str, list[Element]] = {}
    for node in scope.iterdescendants():
        if not isinstance(node.tag, str) or node.get("itemprop") is None or _owner(node) is not scope:
            continue
        for name in node.get("itemprop", "").split():
            props.setdefault(name, []).append(node)
    return props


# Elements that may carry the property ``$name`` and belong to ``$scope`` (its nearest itemscope).
_MENTIONS = etree.XPath(
    "descendant::*[contains(@itemprop, $name)][ancestor::*[@itemscope][1][count(. | $scope) = 1]]"
)


def _named(scope: Element, name: str) -> list[Element]:
    """``properties(scope).get(name, [])`` without a walk over the blog's every element."""
    found = cast(list[Element], _MENTIONS(scope, scope=scope, name=name))
    return [node for node in found if name in node.get("itemprop", "").split()]


def _first_named(scope: Element, name: str) -> str:
    node = _first_owned(scope, name)
    return clean_line(value(node)) if node is not None else ""


def _first_owned(scope: Element, name: str) -> Element | None:
    """``(_named(scope, name) or [None])[0]``: a walk in document order that stops at the first
    property and never enters a nested item (the blog's updates), whose elements are not its own."""
    if scope.get("itemscope") is None:
        return None  # the nearest itemscope of anything inside is another element
    walks = [iter(scope)]  # one iterator over children per open element, resumed where it stopped
    while walks:
        for node in walks[-1]:
            if not isinstance(node.tag, str):
                continue
            names = node.get("itemprop")
            if names is not None and name in names.split():
                return node
            if node.get("itemscope") is None and len(node):
                walks.append(iter(node))
                break
        else:
            walks.pop()
    return None


def value(node: Element) -> str:
    """A property's value as microdata defines it, entities unescaped."""
    if node.get("itemscope") is not None:
        inner = properties(node).get("name")
        return value(inner[0]) if inner else clean_line(dom.string_of(node))
    for attr in ("content", "datetime"):
        if node.get(attr) is not None:
            return html.unescape(str(node.get(attr, "")))
    if node.tag in ("a", "link", "area") and node.get("href"):
        return str(node.get("href", ""))
    if node.tag in ("img", "amp-img", "audio", "video", "source", "iframe", "embed") and node.get("src"):
        return str(node.get("src", ""))
    return dom.string_of(node)


def _first(props: dict[str, list[Element]], name: str) -> str:
    nodes = props.get(name)
    return clean_line(value(nodes[0])) if nodes else ""


def _uid(update: Element, props: dict[str, list[Element]]) -> str | None:
    itemid = (update.get("itemid") or "").strip()
    if itemid:
        base, fragment = urldefrag(itemid)
        return fragment or base
    url = _first(props, "url")
    if url and urldefrag(url)[1]:
        return urldefrag(url)[1]
    own = (update.get("id") or "").strip()
    return own or None


def _body_nodes(props: dict[str, list[Element]]) -> list[Element]:
    return props.get("articleBody") or props.get("text") or props.get("description") or []


def _property_body(props: dict[str, list[Element]]) -> tuple[str | None, int]:
    """The ``articleBody`` (or ``text``, ``description``) property's HTML and text length; the
    HTML is None for an element, which is served without its boxes if it is used."""
    nodes = _body_nodes(props)
    if not nodes:
        return "", 0
    node = nodes[0]
    if node.get("content") is not None:
        text = html.unescape(node.get("content", ""))
        paragraphs = bodylength.plain_paragraphs(text)
        return bodylength.paragraphs_html(paragraphs), bodylength.paragraphs_text_length(paragraphs)
    return None, bodylength.element_text_length(node)


_UPDATE_ITEMS = etree.XPath(
    ".//*[@itemscope][contains(concat(' ', normalize-space(@itemprop), ' '), ' liveBlogUpdate ')]"
)
# Property values, not elements: only those holding the word are read as elements.
_UPDATE_PROPS = etree.XPath("descendant::*/@itemprop[contains(., 'liveBlogUpdate')]")
_XML_SPACE = re.compile("[ \t\n\r]+")  # what XPath's normalize-space collapses


def _trailing_update(item: Element) -> Element | None:
    """The update an unclosed wrapper nested at the very end of ``item``, the only update among
    its siblings, which is read on its own: read again inside ``item``, and the next one inside
    it, every later update would be repeated in each body before it (and an 82 KB page of such
    nesting took 19 s). Updates a recap embeds among its own words stay in it."""
    node = item
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if not children or (children[-1].tail or "").strip():
            return None
        last = children[-1]
        if _is_update_item(last):
            return last if not any(_is_update_item(c) for c in children[:-1]) else None
        node = last


def _is_update_item(el: Element) -> bool:
    """An ``itemscope`` whose ``itemprop`` names ``liveBlogUpdate`` (split as XPath's
    normalize-space would: :func:`update_items_general`)."""
    names = el.get("itemprop")
    return (
        names is not None and el.get("itemscope") is not None and "liveBlogUpdate" in _XML_SPACE.split(names)
    )


def update_items(blog: Element) -> list[Element]:
    """:func:`update_items_general`'s items, without string functions run on every element."""
    found = []
    for names in cast(list[Any], _UPDATE_PROPS(blog)):
        item = names.getparent()
        if _is_update_item(item):
            found.append(item)
    return found


def update_items_general(blog: Element) -> list[Element]:
    """The ``itemscope`` elements in ``blog`` whose ``itemprop`` names ``liveBlogUpdate``."""
    return cast(list[Element], _UPDATE_ITEMS(blog))


@register("microdata", order=20)
def extract_microdata(page: Page, context: Context) -> Found | None:
    if page.kind != "html":
        return None
    tree = page.tree
    for blog in _blogs(tree):
        updates = [u for u in update_items(blog) if not _type_names(u) or _type_names(u) & set(_UPDATE_TYPES)]
        if updates:
            return _found(page, blog, updates, context.timezone)
    return None


def _time(props: dict[str, list[Element]], name: str) -> datetime | None:
    return _parsed(_first(props, name))


def _parsed(raw: str) -> datetime | None:
    return parse_explicit(raw) if raw else None


@dataclass(frozen=True, slots=True)
class _Reading:
    """What an update's own properties say, before the page-level choices (shared values)."""

    uid: str | None
    printed: str  # ``datePublished`` as written
    headline: str  # ``headline``, else ``name``
    item_headline: str  # ``headline`` alone: what the shared-headline count counts


# A re-poll of a big blog repeats almost every update; its reading depends only on its subtree and
# the page URL, and its facts on those, its title and whether its printed date is shared (see
# elementfacts).
_READINGS: SizedMemo[bytes, _Reading] = SizedMemo(
    4_000_000,
    lambda _key, reading: len(reading.uid or "") + len(reading.printed) + len(reading.headline) * 2 + 200,
)
_FACTS = facts_memo()


class _Reader:
    """Reads a page's updates off plain copies (cheap to walk; see bodyclean.plain_copy), each
    copy made once, and only for an update whose reading or facts a memo does not hold."""

    def __init__(self, page: Page, updates: list[Element]) -> None:
        self._page = page
        self._updates = updates
        self._copies: dict[int, tuple[Element, dict[str, list[Element]]]] = {}

    def _copy(self, n: int) -> tuple[Element, dict[str, list[Element]]]:
        made = self._copies.get(n)
        if made is None:
            copy = bodyclean.plain_copy(self._updates[n])
            trailing = _trailing_update(copy)
            if trailing is not None:
                bodyclean.drop(trailing)
            made = self._copies[n] = (copy, properties(copy))
        return made

    def reading(self, n: int) -> _Reading:
        props = self._copy(n)[1]
        item_headline = _first(props, "headline")
        return _Reading(
            _uid(self._updates[n], props),
            _first(props, "datePublished"),
            item_headline or _first(props, "name"),
            item_headline,
        )

    def facts(self, n: int, headline: str, shared_date: bool) -> ElementFacts:
        """Everything read off update ``n``'s copy, which is cut into the body last."""
        update = self._updates[n]
        copy, props = self._copy(n)
        headline = headline or dom.dom_title(copy) or ""
        published = None if shared_date else _parsed(_first(props, "datePublished"))
        modified = _time(props, "dateModified")
        shown, edited = dom.dom_times(copy)
        published = published or shown
        modified = modified or edited
        if modified is not None and published is not None and modified <= published:
            modified = None
        authors = [clean_line(value(node)) for node in props.get("author", [])]
        authors = [a for a in dict.fromkeys(authors) if a] or dom.dom_authors(copy)
        prop_body, prop_length = _property_body(props)
        url = _first(props, "url")
        if not (url and urldefrag(url)[1]):
            url = dom.permalink(copy, self._page.url) or ""
        pinned, key_event = dom.own_flags(copy)
        own, plain = bodyclean.clean_copy_plain(
            copy, own_anchor=update.get("id"), title=headline, authors=authors
        )
        # Every length is at least 0: without a property body the element's wins unmeasured.
        own_length = bodylength.element_text_length(own, plain_tags=plain)
        if prop_length and own_length < _SHORTER * prop_length:
            if prop_body is not None:
                body = prop_body
            else:
                # The property is an element of the page, which the copy held too: a read-also or
                # promo box cut from it does not count against the element's own body, and is
                # not served with the property either (an aside the cut took stays).
                cut = bodyclean.without_boxes(_body_nodes(properties(update))[0])
                kept = own_length >= _SHORTER * bodylength.element_text_length(cut)
                body = bodylength.serialise(own if kept else cut)
        else:
            body = bodylength.serialise(own)
        return ElementFacts(
            headline, published, modified, tuple(authors), body, url or None, pinned, key_event
        )


def _found(page: Page, blog: Element, updates: list[Element], tz: tzinfo) -> Found:
    blog_headline = _first_named(blog, "headline") or _first_named(blog, "name")
    # Everything is read before the body is cut from the copy; an update seen before (same markup,
    # same page) is not read again.
    keys = [digest(etree.tostring(u, encoding="utf-8", with_tail=True), page.url) for u in updates]
    reader = _Reader(page, updates)
    readings = [_READINGS.get_or_compute(key, partial(reader.reading, n)) for n, key in enumerate(keys)]
    shared = len(updates) > 2
    dates = Counter(r.printed for r in readings)
    headlines = Counter(r.item_headline for r in readings)
    uids = update_ids([r.uid for r in readings], {page.url})
    anchors = {uid for uid in uids if uid} | {e.get("id", "") for e in updates if e.get("id")}
    pinned_ids = dom.pinned_anchors(page.tree, anchors)
    key_ids = dom.key_event_anchors(page.tree, anchors)
    found = []
    for n, (update, key, reading, uid) in enumerate(zip(updates, keys, readings, uids, strict=True)):
        headline = reading.headline
        if headline == blog_headline or (shared and headlines[headline] == len(updates)):
            headline = ""
        shared_date = shared and dates[reading.printed] == len(updates)
        facts = _FACTS.get_or_compute(
            digest(key, headline, "1" if shared_date else "0"),
            partial(reader.facts, n, headline, shared_date),
        )
        marks = {uid, update.get("id")}
        found.append(
            RawUpdate(
                body_html=facts.body or "",
                title=facts.title or None,
                publisher_id=uid,
                printed_time=reading.printed if uid is None else "",
                # A datePublished without an offset is wall time in the source's zone.
                published=facts.published
                or (parse_in_zone(reading.printed, tz) if reading.printed and not shared_date else None),
                modified=facts.modified,
                url=facts.url,
                authors=list(facts.authors),
                pinned=facts.pinned or bool(marks & pinned_ids),
                key_event=facts.key_event or bool(marks & key_ids),
            )
        )
    return Found(updates=found, title=blog_headline or None)
