"""schema.org ``LiveBlogPosting`` in JSON-LD: ids, anchors and counts, checked against the DOM.

Accepted shapes: one object or an array in ``liveBlogUpdate``; ``@type`` as a string or a list
(full IRIs too); LD as a top-level list or inside ``@graph``; several ``ld+json`` scripts per page
(broken ones skipped, the blog with the most updates wins); BlogPosting, NewsArticle, Article and
the other Article subtypes as updates. HTML entities in LD strings (``&quot;``, ``&#39;``) are
unescaped once. A JSON document (a saved ``ld+json`` script, an ``application/ld+json`` response)
is read as LD of its own, in the same shapes; it has no elements, so its updates are LD's alone,
as on a page that shows none of them.

Structured values are not trusted per update. Each LD item is matched to the element carrying
its id (``@id``/``url`` fragment, or a prefixed form: ``block-<id>``, ``post-<number>``; see
:mod:`livetail.extract.ldmatch`), and:

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
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urldefrag

from lxml.html import HtmlElement as Element

from livetail.extract import bodylength
from livetail.extract import structured as dom
from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.core import Context, Found, register
from livetail.extract.explicittime import parse_explicit, parse_in_zone
from livetail.extract.ldbylines import byline_class, names_in_box
from livetail.extract.ldidforms import formed_siblings
from livetail.extract.ldmatch import _HTML_TAG, item_ids, page_elements
from livetail.extract.ldobjects import blog_items, ld_authors, ld_objects, ld_text, ld_types, nodes_by_id
from livetail.extract.ldpage import (
    element_facts,
    in_page_order,
    ld_zone_of,
    printed_time,
    reads_alike,
    unlisted_update,
    written_time,
)
from livetail.extract.ldplacing import beyond_ends, copy_of, pinned_before, shown_order
from livetail.extract.page import Page
from livetail.extract.postlabels import pinned_by_label
from livetail.extract.unlisted import shaped_siblings, unlisted_siblings

_ORGANISATIONS = {"Organization", "NewsMediaOrganization", "Corporation", "NGO", "GovernmentOrganization"}


def _organisations_only(value: Any) -> bool:
    """Whether LD's author value names organisations alone (objects typed so)."""
    items = value if isinstance(value, list) else [value] if value else []
    return bool(items) and all(isinstance(i, dict) and ld_types(i) & _ORGANISATIONS for i in items)


def _body(body: str) -> str | list[str]:
    """LD's body: HTML as written, or plain text's paragraphs (made HTML by :func:`_html` if used)."""
    body = html.unescape(body) if "&" in body and not _HTML_TAG.search(body) else body
    return body if _HTML_TAG.search(body) else bodylength.plain_paragraphs(body)


def _html(body: str | list[str]) -> str:
    return body if isinstance(body, str) else bodylength.paragraphs_html(body)


def _text_length(body: str | list[str]) -> int:
    return (
        bodylength.body_text_length(body)
        if isinstance(body, str)
        else bodylength.paragraphs_text_length(body)
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
    """LD holds an archive and the page shows one contiguous end of it (two posts at least: one
    element matched among many items says more of the matching than of the page)."""
    if len(matched) < 2 or len(matched) == total:
        return False
    run = matched == list(range(matched[0], matched[0] + len(matched)))
    return run and (matched[0] == 0 or matched[-1] == total - 1)


@register("jsonld", order=10)
def extract_jsonld(page: Page, context: Context) -> Found | None:
    if page.kind not in ("html", "json"):
        return None
    objects = list(ld_objects(page))
    nodes = nodes_by_id(objects)
    blogs = [
        (o, items) for o in objects if "LiveBlogPosting" in ld_types(o) and (items := blog_items(o, nodes))
    ]
    if not blogs:
        return None
    # Several scripts: page + AMP copies; the fullest wins.
    blog, items = max(blogs, key=lambda b: len(b[1]))
    blog_headline = clean_line(ld_text(blog.get("headline")))
    item_headlines = [clean_line(ld_text(i.get("headline"))) for i in items]
    item_authors = [ld_authors(i.get("author")) for i in items]
    headlines = Counter(item_headlines)
    shared = len(items) > 2
    dates = Counter(str(i.get("datePublished", "")) for i in items)
    modifieds = Counter(str(i.get("dateModified", "")) for i in items)
    author_lists = Counter(tuple(names) for names in item_authors)
    blog_authors = author_lists.most_common(1)[0][0] if len(author_lists) == 1 else ()
    blog_level_authors = shared and len(blog_authors) > 1

    uids = item_ids(items, blog, page.url)
    match = page_elements(page, context, blog, items, uids)
    elements, stem, link_base, form = match.elements, match.stem, match.link_base, match.form
    ld_zone = ld_zone_of(items)
    matched = [n for n, e in enumerate(elements) if e is not None]
    notes = []
    keep: Sequence[int] = range(len(items))
    if _page_window(matched, len(items)):
        keep = range(matched[0], matched[-1] + 1)
        notes.append(
            f"JSON-LD lists {len(items)} updates; the page shows {len(matched)}; "
            "the off-page ones are not emitted"
        )
    keep = shown_order(list(keep), elements)
    # Only where LD's ids are the page's own (or its posts' permalinks): an unlisted post then gets
    # the uid LD will give it.
    same_ids = (
        stem is not None
        or form is not None
        or all(e.get("id") == uids[n] for n in keep if (e := elements[n]) is not None)
    )
    # Where LD gives no ids at all, its items' uids are hashes of what they say, and so are an
    # unlisted post's: when LD lists it, its title and text read the same (reads_alike), and
    # reconcile matches the two by fingerprint.
    ld_ids = any(uids[n] for n in keep)
    listed = [e for e in (elements[n] for n in keep) if e is not None]
    id_shaped = unlisted_siblings(listed) if form is None and (same_ids or not ld_ids) else []
    extras = (
        (
            formed_siblings(listed, form)
            if form is not None
            else (id_shaped or ([] if ld_ids else shaped_siblings(listed)))
        )
        if same_ids or not ld_ids
        else []
    )
    on_page = page.kind == "html"
    # A post the page pins before the listed ones, marked by a class of its own ("card
    # card--pinned") or in a box of its own (Sky's ncpost-pinned-container), that LD leaves out.
    pins, copied = pinned_before([*listed, *extras]) if on_page and (same_ids or not ld_ids) else ([], set())
    # (a pinned copy of a post LD lists without its element on the page: that post is pinned)
    originals = {e: [n for n in keep if copy_of(e, uids[n], item_headlines[n])] for e in pins}
    pinned_items = {n for found in originals.values() for n in found}
    pins = [e for e in pins if not originals[e]]
    anchors = {e.get("id", "") for e in [*elements, *extras, *pins] if e is not None} - {""}
    anchors |= {u for u in uids if u}
    pinned_ids = dom.pinned_anchors(page.tree, anchors) if on_page else set()
    # (a pin label inside a post: "Angepinnt", "Épinglé", where no class says "pinned")
    labelled = pinned_by_label(listed, page.markup) if on_page else set()
    key_ids = dom.key_event_anchors(page.tree, anchors) if on_page else set()

    # LD that dates none of its items itself (one time for all, or none) gives way to the times
    # the posts print; one undated item among dated ones is not dated alone, out of its
    # neighbours' order. One shared time's offset (the blog's start, maybe before a change to
    # summer time) says less of the posts' clocks than the page's zone, where that zone agreed then.
    undated = len(dates) == 1
    shared_time = written_time(items[0]) if undated else None
    clock_zone = ld_zone
    if (
        shared_time is not None
        and shared_time.astimezone(context.timezone).utcoffset() == shared_time.utcoffset()
    ):
        clock_zone = None
    found = []
    for n in keep:
        item, uid, element = items[n], uids[n], elements[n]
        headline = item_headlines[n]
        if headline == blog_headline or (shared and headlines[headline] == len(items)):
            headline = ""
        shown = edited = None
        # An organisation as an item's author ("WFAA Staff") is the blog's credit, not the post's
        # writer: a byline the post's element shows wins, and the organisation stands in without one.
        by_org = _organisations_only(item.get("author"))
        authors = [] if blog_level_authors or by_org else list(item_authors[n])
        ld_body = _body(ld_text(item.get("articleBody") or item.get("text") or item.get("description")))
        body = None
        own_url = item.get("url") if isinstance(item.get("url"), str) else None
        # (a permalink: "…#post-3", or the post's own page where the page's ids are part of LD's)
        url = own_url if own_url and ("#" in own_url or (form is not None and own_url == uid)) else None
        pinned = key_event = False
        if element is not None:
            facts = element_facts(
                element,
                headline,
                authors,
                _text_length(ld_body),
                page.url,
                credits=tuple(item_authors[n]) if by_org else (),
                ld_body=ld_body,
            )
            headline = facts.title
            shown, edited = facts.published, facts.modified
            authors = list(facts.authors) or (list(item_authors[n]) if by_org else [])
            body = facts.body
            url = (
                facts.url
                or url
                or (f"{urldefrag(page.url)[0]}#{element.get('id')}" if element.get("id") else None)
            )
            pinned, key_event = facts.pinned, facts.key_event
            marks = {element.get("id"), uid}
            pinned = pinned or bool(marks & pinned_ids)
            key_event = key_event or bool(marks & key_ids)
        # What the element shows wins; LD's own time is read only when it shows none.
        published = shown or _ld_time(item, "datePublished", dates, len(items), context.timezone)
        modified = edited or _ld_time(item, "dateModified", modifieds, len(items), context.timezone)
        clock = relative = None
        if published is None and element is not None and undated:
            # the time the post prints ahead of its text ("19:47 Uhr"), dated in page order as the
            # heuristic strategy dates it
            published, clock, relative = printed_time(
                element, context.timezone, clock_zone, ahead_of_text=True
            )
        if modified is not None and published is not None and modified <= published:
            modified = None
        pinned = (
            pinned
            or n in pinned_items
            or (element is not None and (element in copied or element in labelled))
        )
        found.append(
            RawUpdate(
                body_html=body if body is not None else _html(ld_body),
                title=headline or None,
                publisher_id=uid,
                printed_time=str(item.get("datePublished", "")) if uid is None else "",
                published=published,
                clock=clock,
                relative=relative,
                modified=modified,
                url=url,
                authors=authors,
                pinned=pinned,
                key_event=key_event,
            )
        )

    # (learned only where there are posts LD leaves out: a walk over every listed post's boxes)
    box = (
        byline_class([elements[n] for n in keep], [item_authors[n] for n in keep]) if extras or pins else None
    )

    def unlisted(element: Element) -> RawUpdate | None:
        update = unlisted_update(
            element,
            page.url,
            pinned_ids,
            key_ids,
            context.timezone,
            ld_zone,
            stem,
            link_base,
            keep_id=ld_ids,
            authors=names_in_box(element, box) if box else (),
        )
        if (
            update is not None
            and form is not None
            and form.fits(own := element.get("id") or element.get("data-post-id") or "")
        ):
            # the id LD will give it, and the address it will give it
            update.publisher_id = ld_id = form.ld_id(own)
            # (LD's address for it, where LD's ids are addresses or deep links, "#?rel=lo&entry=…")
            if ld_id.startswith(("https://", "http://")):
                update.url = ld_id
            elif "=" in ld_id:
                update.url = f"{urldefrag(link_base)[0]}#{ld_id}"
        return update

    posts: list[tuple[Element, RawUpdate]] = []
    if extras and reads_alike(found, [elements[n] for n in keep], page.url, context.timezone, ld_zone):
        posts = [
            (e, replace(r, pinned=r.pinned or e in copied)) for e in extras if (r := unlisted(e)) is not None
        ]
        if not ld_ids:
            # Without LD ids, only posts beyond LD's ends and times: newer ones it has not caught
            # up with, and where the page's ids are shaped like the listed posts', older ones it
            # no longer lists (not an ad card or a teaser of their shape).
            reference = page.document.date or context.reference
            posts = beyond_ends(
                posts,
                [elements[n] for n in keep],
                found,
                reference,
                context.timezone,
                old_end=bool(id_shaped),
            )
    posts += [(e, replace(r, pinned=True)) for e in pins if (r := unlisted(e)) is not None]
    if posts:
        found = in_page_order(found, [elements[n] for n in keep], posts)
        notes.append(f"the page shows {len(posts)} update(s) its JSON-LD does not list yet")
    return Found(updates=found, title=blog_headline or None, notes=notes, clocks_among_times=bool(posts))
