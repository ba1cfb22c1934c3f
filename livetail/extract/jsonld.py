"""schema.org ``LiveBlogPosting`` in JSON-LD: ids, anchors and counts, checked against the DOM.

Accepted shapes: one object or an array in ``liveBlogUpdate``; ``@type`` as a string or a list
(full IRIs too); LD as a top-level list or inside ``@graph``; several ``ld+json`` scripts per page
(broken ones skipped, the blog with the most updates wins); BlogPosting, NewsArticle, Article and
the other Article subtypes as updates. HTML entities in LD strings (``&quot;``, ``&#39;``) are
unescaped once.

Structured values are not trusted per update. Each LD item is matched to the element carrying
its id (``@id``/``url`` fragment, or a prefixed form: ``block-<id>``, ``post-<number>``), and:

* **id**: the LD fragment (or bare ``@id``) is the uid.
* **title**: the LD headline, unless every update shares it, it is the blog's own headline, or
  it is empty (the Guardian repeats the blog's); then the element's own heading (one placed
  before the body text, never a related-article card's); else build's first-sentence title.
* **time**: an explicit time the element shows (``<time datetime>``, ``amp-timeago``, epoch
  ``data-post-time``) wins: it is what the reader sees, and on the Independent LD gives the
  creation time instead. Then LD ``datePublished``, unless all updates share it. ``modified``
  likewise, from an "Updated" ``<time>``, ``data-last-modified-time``/``data-update-time``, or LD.
* **body**: the element's, with its header, time stamps, byline, share links, labels and ads
  removed (see :mod:`livetail.extract.structured`), since LD bodies are plain text, glued into
  one paragraph (Mirror) or cut at 1,000 characters (Guardian). LD's ``articleBody`` is used
  when there is no element, or when the element's text is much shorter than LD's (a shell that
  client-side JS fills).
* **authors**: LD's, unless every update carries the same list of several names (the blog's
  byline, as on the Guardian and the Mirror); then the element's byline.
* **pinned / key event**: from the element's own markers and from pinned boxes and key-event
  lists that link to its anchor. A pinned copy without an id is never a second update.

**The page's window, not LD's archive.** Some publishers put the whole history in LD: the Mirror's
page shows 30 entries and its LD lists 428 (three days). When the LD items found on the page form
one run at the top (or bottom) of LD's list and the rest are missing from the page, only the
items on the page are emitted and the rest are reported in ``Found.notes``. Reasons, for a feed
reader: (1) an entry's body must come from one source for its whole life; emitting off-page
items from LD text would change every entry's text when it scrolls off the page (LD drops the
images, captions and lists the page shows), and each change is an ``update.edited`` and a moved
Atom ``<updated>``; (2) subscribing should not bury the live updates under hundreds of
days-old entries, 260 of them from before the blog's own ``coverageStartTime``; (3) every
other strategy (site profile, heuristics) sees the same 30, so a poll where LD is missing and
another strategy wins changes nothing. The cost: updates that scroll off the page between two
polls (30 entries ≈ 6 hours on that page) are missed. When no LD item is on the page at all
(client-rendered pages) or the matches are scattered, every LD item is emitted.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import Any, cast
from urllib.parse import urldefrag

from lxml import etree
from lxml.html import HtmlElement as Element

from livetail.extract import bodyclean
from livetail.extract import structured as dom
from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.clockdates import dated_instant
from livetail.extract.core import Context, Found, register
from livetail.extract.elementfacts import ElementFacts, facts_memo
from livetail.extract.htmlclean import normalise_for_compare
from livetail.extract.ldlinks import linked_elements, own_permalink, permalink_stem
from livetail.extract.page import Page
from livetail.extract.structlinks import update_ids, url_fragment
from livetail.extract.timeparse import Clock, find_clock, parse_explicit, parse_in_zone, parse_relative
from livetail.extract.unlisted import unlisted_siblings
from livetail.extract.zones import zone_for
from livetail.memo import digest

_UPDATE_TYPES = {
    "BlogPosting",
    "NewsArticle",
    "Article",
    "SocialMediaPosting",
    "ReportageNewsArticle",
    "LiveBlogPosting",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "DiscussionForumPosting",
}
_HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
_SHORTER = 0.6  # a DOM body under 60% of LD's text is a client-rendered shell: LD's text is used


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", ())
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {str(n).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names}


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"], depth + 1)
        for key in ("mainEntity", "mainEntityOfPage"):
            if isinstance(node.get(key), dict):
                yield from _walk(node[key], depth + 1)


# Attribute values, not elements: the page's other scripts (ads, trackers) cost no element proxy.
_SCRIPT_TYPES = etree.XPath("//script/@type")


def ld_objects(page: Page) -> Iterator[dict[str, Any]]:
    """Every top-level JSON-LD object on the page, in document order; broken scripts skipped."""
    for kind in cast(list[Any], _SCRIPT_TYPES(page.tree)):
        if str(kind).split(";")[0].strip().lower() != "application/ld+json":
            continue
        script = kind.getparent()
        raw = (script.text or "").strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        yield from _walk(data)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return html.unescape(str(value)) if value is not None else ""


def _authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    names = [clean_line(_text(i)) for i in items]
    return [n for n in dict.fromkeys(names) if n]


def _items(blog: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The blog's updates; an ``{"@id": …}`` reference is the node of that id elsewhere in the
    page's LD (an ``@graph`` lists each node once and links them)."""
    raw = blog.get("liveBlogUpdate")
    items = [i for i in (raw if isinstance(raw, list) else [raw]) if isinstance(i, dict)]
    items = [
        nodes.get(i["@id"], i) if i.keys() == {"@id"} and isinstance(i["@id"], str) else i for i in items
    ]
    return [i for i in items if not (types := _types(i)) or types & _UPDATE_TYPES]


def _nodes_by_id(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}


def _uid(item: dict[str, Any]) -> str | None:
    for key in ("url", "@id"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            fragment = url_fragment(value.strip())
            if fragment:
                return fragment
    value = item.get("@id")
    if isinstance(value, str) and value.strip() and "/" not in value.strip():
        return value.strip()  # the Guardian's bare block id
    value = item.get("url") or item.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _update_ids(items: list[dict[str, Any]], blog: dict[str, Any], page_url: str) -> list[str | None]:
    """Each item's id (see :func:`_uid`), unless it is the page's or the blog's own address or
    shared (see :func:`structlinks.update_ids`)."""
    addresses = {page_url} | {
        v for key in ("url", "@id", "mainEntityOfPage") if isinstance(v := blog.get(key), str)
    }
    return update_ids([_uid(i) for i in items], addresses)


def _body(body: str) -> str | list[str]:
    """LD's body: HTML as written, or plain text's paragraphs (made HTML by :func:`_html` if used)."""
    body = html.unescape(body) if "&" in body and not _HTML_TAG.search(body) else body
    return body if _HTML_TAG.search(body) else bodyclean.plain_paragraphs(body)


def _html(body: str | list[str]) -> str:
    return body if isinstance(body, str) else bodyclean.paragraphs_html(body)


def _text_length(body: str | list[str]) -> int:
    return (
        bodyclean.body_text_length(body) if isinstance(body, str) else bodyclean.paragraphs_text_length(body)
    )


def _time(item: dict[str, Any], key: str, tz: tzinfo) -> datetime | None:
    """LD's time; one without an offset ("2024-07-04T22:50:00") is wall time in the source's zone."""
    value = item.get(key)
    if isinstance(value, str):
        return parse_in_zone(value, tz)
    return parse_explicit(value) if isinstance(value, int | float) else None


def _ld_time(item: dict[str, Any], key: str, seen: Counter[str], total: int, tz: tzinfo) -> datetime | None:
    """LD's time, unless every one of ``total`` updates shares it (more than two: the blog's time
    copied into each update)."""
    if total > 2 and seen[str(item.get(key, ""))] == total:
        return None
    return _time(item, key, tz)


def _page_window(matched: list[int], total: int) -> bool:
    """LD holds an archive and the page shows one contiguous end of it."""
    if not matched or len(matched) == total:
        return False
    run = matched == list(range(matched[0], matched[0] + len(matched)))
    return run and (matched[0] == 0 or matched[-1] == total - 1)


# Most of a re-poll's work was re-reading elements that did not change since the last fetch; the
# facts depend only on the element's subtree and the LD values passed in (see elementfacts).
_FACTS = facts_memo()


def _element_facts(
    element: Element, headline: str, authors: list[str], ld_length: int, page_url: str
) -> ElementFacts:
    def compute() -> ElementFacts:
        # Everything is read off one plain copy (cheap to walk; see bodyclean.plain_copy), and
        # what the cleaning removes (permalinks among them) is read before it.
        copy = bodyclean.plain_copy(element)
        heading = dom.dom_title(copy)
        # LD may straighten the page's quotes or dashes: then the page's own typography wins.
        same = bool(
            headline and heading and normalise_for_compare(heading) == normalise_for_compare(headline)
        )
        title = (heading if same else headline) or heading or ""
        shown, edited = dom.dom_times(copy)
        names = authors or dom.dom_authors(copy)
        link = dom.permalink(copy, page_url)
        pinned, key_event = dom.own_flags(copy)
        own, plain = bodyclean.clean_copy_plain(
            copy, own_anchor=element.get("id"), title=title, authors=names
        )
        # Every length is at least 0: with no LD text the element's body wins unmeasured.
        wins = ld_length == 0 or bodyclean.element_text_length(own, plain_tags=plain) >= _SHORTER * ld_length
        return ElementFacts(
            title,
            shown,
            edited,
            tuple(names),
            bodyclean.serialise(own) if wins else None,
            link,
            pinned,
            key_event,
        )

    markup = etree.tostring(element, encoding="utf-8", with_tail=True)
    key = digest(markup, headline, "\n".join(authors), str(ld_length), page_url)
    return _FACTS.get_or_compute(key, compute)


@register("jsonld", order=10)
def extract_jsonld(page: Page, context: Context) -> Found | None:
    if page.kind != "html":
        return None
    objects = list(ld_objects(page))
    nodes = _nodes_by_id(objects)
    blogs = [(o, items) for o in objects if "LiveBlogPosting" in _types(o) and (items := _items(o, nodes))]
    if not blogs:
        return None
    # Several scripts: page + AMP copies; the fullest wins.
    blog, items = max(blogs, key=lambda b: len(b[1]))
    tree = page.tree
    blog_headline = clean_line(_text(blog.get("headline")))
    item_headlines = [clean_line(_text(i.get("headline"))) for i in items]
    item_authors = [_authors(i.get("author")) for i in items]
    headlines = Counter(item_headlines)
    shared = len(items) > 2
    dates = Counter(str(i.get("datePublished", "")) for i in items)
    modifieds = Counter(str(i.get("dateModified", "")) for i in items)
    author_lists = Counter(tuple(names) for names in item_authors)
    blog_authors = author_lists.most_common(1)[0][0] if len(author_lists) == 1 else ()
    blog_level_authors = shared and len(blog_authors) > 1

    uids = _update_ids(items, blog, page.url)
    elements = [dom.find_element(tree, uid) if uid else None for uid in uids]
    stem = None  # what the updates' own permalink pages' addresses start with, when those are their ids
    if all(e is None for e in elements):
        elements = linked_elements(tree, uids, page.url)
        linked = [uid for uid, e in zip(uids, elements, strict=True) if e is not None and uid]
        stem = permalink_stem(linked) if linked else None
    ld_zone = _ld_zone(items)
    matched = [n for n, e in enumerate(elements) if e is not None]
    notes = []
    keep = range(len(items))
    if _page_window(matched, len(items)):
        keep = range(matched[0], matched[-1] + 1)
        notes.append(
            f"JSON-LD lists {len(items)} updates; the page shows {len(matched)}; "
            "the off-page ones are not emitted"
        )
    # Only where LD's ids are the page's own (or its posts' permalinks): an unlisted post then gets
    # the uid LD will give it.
    same_ids = stem is not None or all(e.get("id") == uids[n] for n in keep if (e := elements[n]) is not None)
    extras = unlisted_siblings([e for e in (elements[n] for n in keep) if e is not None]) if same_ids else []
    anchors = {e.get("id", "") for e in [*elements, *extras] if e is not None} - {""}
    anchors |= {u for u in uids if u}
    pinned_ids = dom.pinned_anchors(tree, anchors)
    key_ids = dom.key_event_anchors(tree, anchors)

    found = []
    for n in keep:
        item, uid, element = items[n], uids[n], elements[n]
        headline = item_headlines[n]
        if headline == blog_headline or (shared and headlines[headline] == len(items)):
            headline = ""
        shown = edited = None
        authors = [] if blog_level_authors else list(item_authors[n])
        ld_body = _body(_text(item.get("articleBody") or item.get("text") or item.get("description")))
        body = None
        url = item.get("url") if isinstance(item.get("url"), str) and "#" in item["url"] else None
        pinned = key_event = False
        if element is not None:
            facts = _element_facts(element, headline, authors, _text_length(ld_body), page.url)
            headline = facts.title
            shown, edited = facts.published, facts.modified
            authors = list(facts.authors)
            body = facts.body
            url = facts.url or url or f"{urldefrag(page.url)[0]}#{element.get('id')}"
            pinned, key_event = facts.pinned, facts.key_event
            marks = {element.get("id"), uid}
            pinned = pinned or bool(marks & pinned_ids)
            key_event = key_event or bool(marks & key_ids)
        # What the element shows wins; LD's own time is read only when it shows none.
        published = shown or _ld_time(item, "datePublished", dates, len(items), context.timezone)
        modified = edited or _ld_time(item, "dateModified", modifieds, len(items), context.timezone)
        if modified is not None and published is not None and modified <= published:
            modified = None
        found.append(
            RawUpdate(
                body_html=body if body is not None else _html(ld_body),
                title=headline or None,
                publisher_id=uid,
                printed_time=str(item.get("datePublished", "")) if uid is None else "",
                published=published,
                modified=modified,
                url=url,
                authors=authors,
                pinned=pinned,
                key_event=key_event,
            )
        )
    if extras and _reads_alike(found, [elements[n] for n in keep], page.url, context.timezone, ld_zone):
        read = [
            (e, _unlisted(e, page.url, pinned_ids, key_ids, context.timezone, ld_zone, stem)) for e in extras
        ]
        posts = [(e, r) for e, r in read if r is not None]
        found = _in_page_order(found, [elements[n] for n in keep], posts)
        if posts:
            notes.append(f"the page shows {len(posts)} update(s) its JSON-LD does not list yet")
    return Found(updates=found, title=blog_headline or None, notes=notes)


def _unlisted(
    element: Element,
    page_url: str,
    pinned_ids: set[str],
    key_ids: set[str],
    tz: tzinfo,
    ld_zone: str | None,
    stem: str | None,
) -> RawUpdate | None:
    """An update the page shows and LD does not list, read off its element alone; None when the
    element shows no time (then it is no post: a box that looks like one), or when LD's ids are
    permalinks (``stem``) and it links to none of its own."""
    own = own_permalink(element, stem, page_url) if stem is not None else None
    if stem is not None and own is None:
        return None
    facts = _element_facts(element, "", [], 0, page_url)
    clock = None if facts.published is not None else _printed_clock(element)
    if clock is not None and clock.zone is None and ld_zone is not None:
        clock = replace(clock, zone=ld_zone)  # "7:12 pm" where LD says "+02:00": the page's own offset
    published = facts.published or (dated_instant(clock, tz) if clock is not None else None)
    relative = _printed_relative(element) if published is None and clock is None else None
    if published is None and clock is None and relative is None:
        return None
    anchor = own or element.get("id", "")
    return RawUpdate(
        relative=relative,  # "2h ago" (NBC): the last resort, as for a listed post
        body_html=facts.body or "",
        title=facts.title or None,
        publisher_id=anchor,
        published=published,
        clock=clock if published is None else None,  # a time of day: dated in page order, as a poll dates it
        modified=facts.modified,
        url=facts.url or f"{urldefrag(page_url)[0]}#{anchor}",
        authors=list(facts.authors),
        pinned=facts.pinned or anchor in pinned_ids,
        key_event=facts.key_event or anchor in key_ids,
    )


def _reads_alike(
    found: list[RawUpdate], listed: list[Element | None], page_url: str, tz: tzinfo, ld_zone: str | None
) -> bool:
    """Whether the listed posts read the same from their elements alone as with their LD: then an
    unlisted post read from its element keeps its title and time when LD lists it later (or drops
    it again), instead of looking edited."""
    for update, element in zip(found, listed, strict=True):
        if element is not None:
            alone = _element_facts(element, "", [], 0, page_url)
            if (alone.title or None) != update.title or not _same_time(
                alone.published, element, update, tz, ld_zone
            ):
                return False
    return True


def _same_time(
    shown: datetime | None, element: Element, update: RawUpdate, tz: tzinfo, ld_zone: str | None
) -> bool:
    """Whether the element alone gives the update's time: its explicit time, else the instant its
    printed stamp gives, else (a time of day) the same wall time in the stamp's zone."""
    if shown is not None:
        return shown == update.published
    clock = _printed_clock(element)
    if clock is None and update.published is not None and _printed_relative(element) is not None:
        return True  # "38m ago" (NBC): the time LD gives, said as well as a relative time can
    if clock is None or update.published is None:
        return clock is None and update.published is None
    if clock.date is not None:
        return dated_instant(clock, tz) == update.published
    wall = update.published.astimezone(zone_for(clock.zone or ld_zone, tz))
    return (wall.hour, wall.minute) == (clock.hour, clock.minute)


def _printed_clock(element: Element) -> Clock | None:
    """The time a stamp in a post without an explicit time prints: "14 March 2024, 06:45 PM GST",
    or a time of day alone ("18:20") that the engine dates in page order."""
    for node in element.iterdescendants():
        text = dom.text_of(node)
        if 0 < len(text) <= _STAMP_MAX and dom.is_stamp(text) and (clock := find_clock(text)) is not None:
            return clock
    return None


def _ld_zone(items: list[dict[str, Any]]) -> str | None:
    """The one UTC offset other than zero that LD's publish times are written in ("+02:00"), as
    a zone for the page's bare clocks ("UTC+02:00"); None when they use several or none. (LD
    written in UTC says nothing of the zone the page prints its clocks in.)"""
    offsets = set()
    for item in items:
        try:
            offsets.add(datetime.fromisoformat(str(item.get("datePublished", ""))).utcoffset())
        except ValueError:
            continue
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    if not offset:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _printed_relative(element: Element) -> timedelta | None:
    """How long ago a stamp in a post without a time of day says ("38m ago", "vor 5 Minuten")."""
    for node in element.iterdescendants():
        text = dom.text_of(node)
        if 0 < len(text) <= _STAMP_MAX and dom.is_stamp(text) and (ago := parse_relative(text)) is not None:
            return ago
    return None


_STAMP_MAX = 60


def _in_page_order(
    found: list[RawUpdate], listed: list[Element | None], extras: list[tuple[Element, RawUpdate]]
) -> list[RawUpdate]:
    """``found`` (in LD's order, ``listed`` its elements) with each extra placed where the page
    shows it, in the direction LD's order runs on the page."""
    parent = next(e for e in listed if e is not None).getparent()
    assert parent is not None
    index = {id(child): n for n, child in enumerate(parent)}
    at = [index.get(id(e)) if e is not None else None for e in listed]
    known = [n for n in at if n is not None]
    rising = known == sorted(known)
    merged = list(zip(at, found, strict=True))
    for element, update in extras:
        here = index[id(element)]
        spot = next(
            (k for k, (n, _) in enumerate(merged) if n is not None and (n > here if rising else n < here)),
            len(merged),
        )
        merged.insert(spot, (here, update))
    return [update for _, update in merged]
