"""Which element on the page shows each JSON-LD update, for :mod:`livetail.extract.jsonld`.

An item's id is its ``url`` or ``@id`` fragment (or a bare ``@id``), unless it is the page's or the
blog's own address, or two posts that read differently share it. Its element is the one carrying
that id; else, where the page carries none of the ids, the one carrying a part of it the same way
for every item ("…#?rel=lo&entry=8f3c21" and "lbe_8f3c21", :mod:`ldidforms`); else the one linking to it (and the updates'
own permalink pages then share a stem); else, where LD gives no ids the page knows, the one
showing the item's time, trusted only where those elements show the items' own headlines. A saved
file's relative links are relative to the address LD gives the blog. LD read as a JSON document
has no page, so none of its items has an element.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement as Element

from livetail.extract import structured as dom
from livetail.extract.build import clean_line
from livetail.extract.core import Context
from livetail.extract.ldidforms import IdForm, formed_elements, one_form
from livetail.extract.ldlinks import linked_elements, permalink_stem, timed_elements
from livetail.extract.ldobjects import ld_text
from livetail.extract.ldpage import page_clocks, written_time
from livetail.extract.normalise import normalise_for_compare
from livetail.extract.page import Page
from livetail.extract.structlinks import update_ids, url_fragment

__all__ = ["PageMatch", "item_ids", "page_elements"]

_HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


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


def _own_ids(items: list[dict[str, Any]]) -> list[str | None]:
    """Each item's id (:func:`_uid`); where many share a fragment and differ before it, the
    address without it (BBC: "…?post=asset%3A0a1f…#post" for every post)."""
    uids = [_uid(i) for i in items]
    urls = [
        u.strip().partition("#")[0] if isinstance(u := i.get("url") or i.get("@id"), str) else ""
        for i in items
    ]
    holders: dict[str | None, set[str]] = {}
    for uid, url in zip(uids, urls, strict=True):
        holders.setdefault(uid, set()).add(url)
    # (a post and its pinned copy share an id and an address; posts sharing a fragment but not
    # what comes before it are told apart by that, from the blog's second post on)
    return [
        url if uid is not None and "?" in url and len(holders[uid]) > 1 else uid
        for uid, url in zip(uids, urls, strict=True)
    ]


_BOX_TEXT = 80  # (a share bar or a counter says less than a post)


def _plain(body: str) -> str:
    """LD's text without its markup, for comparing with what the page shows."""
    return html.unescape(_HTML_TAG.sub(" ", body)) if "<" in body or "&" in body else body


def _link_base(blog: dict[str, Any], page_url: str) -> str:
    """What the page's relative links are relative to: its address, or for a saved file the
    address LD gives the blog ("/liveblog_entry/…" in a file is the site's, not the disk's)."""
    if not page_url.startswith("file:"):
        return page_url
    own = next(
        (v for key in ("url", "@id") if isinstance(v := blog.get(key), str) and v.startswith("http")), None
    )
    return own or page_url


def item_ids(items: list[dict[str, Any]], blog: dict[str, Any], page_url: str) -> list[str | None]:
    """Each item's id (see :func:`_uid`), unless it is the page's or the blog's own address or
    shared (see :func:`structlinks.update_ids`)."""
    addresses = {page_url} | {
        v for key in ("url", "@id", "mainEntityOfPage") if isinstance(v := blog.get(key), str)
    }
    uids = update_ids(_own_ids(items), addresses)
    # Two items may share an id as a post and its pinned copy do; two different posts sharing
    # one (the page's address with a tracking parameter, a section's URL) are told apart by content.
    holders: dict[str, list[dict[str, Any]]] = {}
    for uid, item in zip(uids, items, strict=True):
        if uid is not None:
            holders.setdefault(uid, []).append(item)
    return [None if uid is not None and not _one_post(holders[uid]) else uid for uid in uids]


def _one_post(items: list[dict[str, Any]]) -> bool:
    """Items sharing an id are one post (and its copy): the same headline or the same time."""
    first, *rest = items
    return all(
        clean_line(ld_text(i.get("headline"))) == clean_line(ld_text(first.get("headline")))
        or i.get("datePublished") == first.get("datePublished")
        for i in rest
    )


@dataclass(frozen=True, slots=True)
class PageMatch:
    """Each item's element on the page (or None), the stem of the updates' own permalink pages'
    addresses when those are their ids, what relative links on the page are relative to, and how
    the page writes LD's ids when they are no element's own (:mod:`ldidforms`)."""

    elements: list[Element | None]
    stem: str | None
    link_base: str
    form: IdForm | None = None


def page_elements(
    page: Page, context: Context, blog: dict[str, Any], items: list[dict[str, Any]], uids: list[str | None]
) -> PageMatch:
    """Which element shows each item (see the module's docstring)."""
    if page.kind != "html":  # LD as a JSON document: no page to check it against
        return PageMatch([None] * len(items), None, _link_base(blog, page.url))
    tree = page.tree
    elements = [dom.find_element(tree, uid) if uid else None for uid in uids]
    stem = None
    link_base = page.url
    if any(e is not None for e in elements):
        # (ids the page writes its own way: HuffPost's LD id is a post's data-post-id)
        return PageMatch(elements, None, link_base, one_form(uids, elements))
    if all(e is None for e in elements):
        bodies = [
            _plain(ld_text(i.get("articleBody") or i.get("text") or i.get("description"))) for i in items
        ]
        elements = linked_elements(tree, uids, link_base := _link_base(blog, page.url), bodies)
        linked = [uid for uid, e in zip(uids, elements, strict=True) if e is not None and uid]
        stem = permalink_stem(linked) if linked else None
        if linked:
            # (posts linking to their own pages, "…/post/Kq3v8Ld1", whose ids are those pages' own)
            return PageMatch(elements, stem, link_base, one_form(uids, elements))
    if all(e is None for e in elements) and any(uids):
        formed, form = formed_elements(tree, uids, single=len(items) == 1)
        # (only elements that show their items: a "share-128403" bar holds a part of the id too)
        if form is not None and _headed_alike(items, formed, blog, strict=True):
            return PageMatch(formed, None, link_base, form)
    if all(e is None for e in elements) and len(items) > 1:
        # No ids (Hindustan Times), or none the page carries or links to: each update's element
        # is the one showing its time.
        elements = timed_elements(
            [written_time(i) for i in items], page_clocks(page, context), context.timezone
        )
        if not _headed_alike(items, elements, blog):
            elements = [None] * len(items)
    return PageMatch(elements, stem, link_base)


def _headed_alike(
    items: list[dict[str, Any]], elements: list[Element | None], blog: dict[str, Any], *, strict: bool = False
) -> bool:
    """Whether elements matched by time show their items' headlines: LD in UTC beside a page
    printing local time may line up with other posts' clocks. A headline LD repeats (the blog's,
    on every item or on a post without a heading of its own, as Future's pages do) or leaves
    empty says nothing; with ``strict`` it vouches for no match either, and its element must say
    more than one short line (not a share bar holding the id's number)."""
    said = [normalise_for_compare(clean_line(ld_text(i.get("headline")))) for i in items]
    blogs = normalise_for_compare(clean_line(ld_text(blog.get("headline"))))
    own = [h if h and h != blogs and said.count(h) == 1 else "" for h in said]
    return all(
        element is None
        or (
            headline in normalise_for_compare(dom.text_of(element))
            if headline
            else not strict or len(dom.text_of(element)) > _BOX_TEXT
        )
        for headline, element in zip(own, elements, strict=True)
    )
