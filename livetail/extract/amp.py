"""AMP ``amp-live-list``: the one written live-update protocol (ampproject/amphtml
``extensions/amp-live-list/amp-live-list.md``).

One update = a child of ``amp-live-list > [items]`` with an ``id`` (which "must never change")
and a ``data-sort-time``. Read as the protocol says, with what real pages do on top:

* ``data-tombstone``: deleted, so not an update (reconcile sees it disappear between newer and
  older neighbours and records a deletion).
* Ads sit in the list too (the Independent's ``ad-…`` items, with their sort time in seconds
  where posts use milliseconds): items whose id or class names an ad, or that hold only ad
  markup and no text, are skipped.
* **time**: the time the item shows (``amp-timeago``/``<time datetime>``) wins; the Independent
  schedules posts, so its ``data-sort-time`` is the creation time, hours before the shown one.
  Else ``data-sort-time`` (epoch seconds or milliseconds).
* **modified**: ``data-update-time`` when it is later than the sort time (the protocol's
  in-place replace) and than the published time.
* **title**: the item's first heading before its body text (a related-article card's heading
  further down is not a title); else build's first sentence.
* Order: the page's. ``sort="ascending"`` lists are oldest-first; the engine copes with both.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement as Element

from livetail.extract import bodyclean, bodylength
from livetail.extract import structured as dom
from livetail.extract.build import RawUpdate
from livetail.extract.core import Context, Found, register
from livetail.extract.explicittime import parse_explicit
from livetail.extract.furniturewords import tokens
from livetail.extract.page import Page

_AD_ID = re.compile(r"^(?:ad|ads|advert|dfp|mpu|promo)(?:[-_]|\d|$)", re.IGNORECASE)
# Ads, and the promos a publisher slots between posts (a newsletter sign-up is no update).
_AD_TOKENS = {
    "ad", "ads", "advert", "advertisement", "adslot", "dfp", "mpu", "teads", "sponsored",
    "newsletter", "signup", "subscribe", "promo", "epic",
}  # fmt: skip


def _is_ad(item: Element) -> bool:
    if _AD_ID.match(item.get("id", "")) or tokens(item) & _AD_TOKENS:
        return True
    text = dom.text_of(item)
    return bool(item.xpath(".//amp-ad|.//amp-embed")) and len(text) < 40


def items_of(live_list: Element) -> list[Element]:
    """The list's current items: children of ``[items]`` with an id, no tombstone, no ads."""
    containers = live_list.xpath("./*[@items]") or live_list.xpath(".//*[@items]")
    found = []
    for container in containers[:1]:
        for item in container:
            if not isinstance(item.tag, str) or not item.get("id"):
                continue
            if item.get("data-tombstone") is not None or _is_ad(item):
                continue
            found.append(item)
    return found


@register("amp", order=30)
def extract_amp(page: Page, context: Context) -> Found | None:
    if page.kind != "html":
        return None
    lists = list(page.tree.iter("amp-live-list"))  # in document order, as the XPath gave them
    if not lists:
        return None
    live_list = max(lists, key=lambda node: len(items_of(node)))
    items = items_of(live_list)
    anchors = {i.get("id", "") for i in items}
    pinned_ids = dom.pinned_anchors(page.tree, anchors)
    key_ids = dom.key_event_anchors(page.tree, anchors)
    found = []
    for item in items:
        uid = item.get("id", "")
        # Read off a plain copy (cheap to walk; see bodyclean.plain_copy), then cut the body from it.
        copy = bodyclean.plain_copy(item)
        title = dom.dom_title(copy)
        shown, edited = dom.dom_times(copy)
        sort_time = parse_explicit(item.get("data-sort-time", ""))
        update_time = parse_explicit(item.get("data-update-time", ""))
        published = shown or sort_time
        modified = edited
        if modified is None and update_time is not None and sort_time is not None and update_time > sort_time:
            modified = update_time
        if modified is not None and published is not None and modified <= published:
            modified = None
        authors = dom.dom_authors(copy)
        pinned, key_event = dom.own_flags(copy)
        url = dom.permalink(copy, page.url)  # before the cut, which drops links to the update itself
        body = bodyclean.clean_copy(copy, own_anchor=item.get("id"), title=title, authors=authors)
        found.append(
            RawUpdate(
                body_html=bodylength.serialise(body),
                title=title,
                publisher_id=uid,
                published=published,
                modified=modified,
                url=url,
                authors=authors,
                pinned=pinned or uid in pinned_ids,
                key_event=key_event or uid in key_ids,
            )
        )
    return Found(updates=found) if found else None
