"""CNN live stories: the 2023+ ``live-story-post`` markup and the 2020 styled-components markup.

* 2023+ (research §2.4, [2+]; joshuaKnauber/pagers-in-headlines ``ex_cnn``):
  ``article[data-component-name=live-story-post][data-post-id][data-last-updated]`` with
  ``h2.live-story-post__headline``, ``.live-story-post__byline``, ``.live-story-post__content`` and a
  ``button[data-url]`` permalink. The headline and time are filled by client JS, so when the page's
  JSON-LD has an update whose URL fragment is the post id, its ``datePublished``/``headline`` are used;
  ``data-last-updated`` is the edit time (and the only time when there is no LD).
* 2020 (``tests/fixtures/real/cnn-classes-2020-02-19.html``): ``article[id^=h_]``, header
  ``span.timeAlert`` holding only a relative time ("2 hr 55 min ago"), ``h2``, a ``p`` byline
  ("From CNN's X and Y in Tokyo"). The "What we're covering here" summary box is an ``article`` with
  another id and is not matched. The page header's "Updated 6:40 a.m. ET, February 19, 2020" plus the
  newest post's relative time implies the capture instant for files saved without a ``Date``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urldefrag

from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.clockdates import resolve_clocks
from livetail.extract.core import Context, Found
from livetail.extract.explicittime import parse_explicit
from livetail.extract.ldobjects import ld_objects
from livetail.extract.page import Page
from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Element, Selectors, blog_title, extract_items, select
from livetail.extract.timeparse import find_clock

POSTS_2023 = Selectors.build(
    "article[data-post-id]",
    id="@data-post-id",
    time=("@data-last-updated",),
    title=("h2.live-story-post__headline", ".live-story-post__headline"),
    body=(".live-story-post__content", "section.live-story-post__body"),
    author=(".live-story-post__byline",),
    url=('button[aria-label="copy link to clipboard"][data-url]@data-url', "button[data-url]@data-url"),
    noise=(".live-story-post__byline", '[class*="social-share"]', "button"),
)
POSTS_2020 = Selectors.build(
    'article[id^="h_"]',
    id="@id",
    time=("header .timeAlert", 'header span[class*="TimeTag"]', "header > span"),
    title="header h2",
    author=('header p[class*="Byline"]', "header p"),
    noise=("header", '[class*="social-share"]'),
)


def _ld_updates(page: Page) -> dict[str, dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for node in ld_objects(page):
        updates = node.get("liveBlogUpdate")
        for item in updates if isinstance(updates, list) else [updates] if isinstance(updates, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                fragment = urldefrag(item["url"])[1]
                if fragment:
                    by_id[fragment] = item
    return by_id


def _with_ld(updates: list[RawUpdate], page: Page) -> list[RawUpdate]:
    ld = _ld_updates(page)
    for update in updates:
        item = ld.get(update.publisher_id or "")
        if item is None:
            continue
        published = parse_explicit(str(item.get("datePublished", "")))
        if published is not None:
            last = update.published
            update.published = published
            update.modified = last if last and last > published else None
        if not update.title and isinstance(item.get("headline"), str):
            update.title = clean_line(item["headline"])
    return updates


def _people(raw: RawUpdate, item: Element) -> RawUpdate:
    """ "By Jane Doe and John Roe, CNN": the trailing organisation is not an author."""
    raw.authors = [a for a in raw.authors if a.upper() != "CNN"]
    return raw


def _page_updated(page: Page) -> datetime | None:
    """The header's "Updated 6:40 a.m. ET, February 19, 2020" as an instant."""
    for element in page.tree.xpath('//div[span[normalize-space()="Updated"]]'):
        clock = find_clock(clean_line(element.text_content()))
        if clock is not None and clock.date is not None:
            return resolve_clocks([clock], datetime(1970, 1, 1, tzinfo=UTC), UTC)[0]
    return None


def extract(page: Page, context: Context) -> Found | None:
    if page.kind != "html":
        return None
    tree = page.tree
    title = blog_title(tree)
    if select(tree, POSTS_2023.item):
        updates = _with_ld(extract_items(tree, POSTS_2023, context, refine=_people), page)
        return Found(updates=updates, title=title)
    updates = extract_items(tree, POSTS_2020, context, refine=_people)
    if not updates:
        return None
    found = Found(updates=updates, title=title)
    updated = _page_updated(page)
    offsets = [u.relative for u in updates if u.relative is not None]
    if updated is not None and offsets:
        # The page was last updated by its newest post; the capture is that post's age later.
        found.reference = updated + min(offsets, default=timedelta(0))
        found.notes.append("reference = page 'Updated' time + newest post's relative age (an estimate)")
    return found


PROFILE = register_profile(Profile(name="cnn", hosts=("cnn.com",), custom=extract))
