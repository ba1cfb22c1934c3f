"""The Guardian (dotcom-rendering): the ``.json?dcr`` page model, the live poll response, DCR HTML.

Evidence: guardian/dotcom-rendering ``LiveBlockContainer.tsx`` / ``FirstPublished.tsx`` /
``Liveness.importable.tsx`` and the two real page models in ``tests/fixtures/real``.

* Page model: ``blocks[]`` with epoch-ms ``blockFirstPublished``/``blockLastUpdated``; neither the
  id nor ``blockCreatedOn`` gives the display order, so blocks are shown newest first by
  first-published. ``pinnedPost`` is a copy shown above them: emitted first (flagged pinned) when its
  block is not on this page, else it only flags the block. An edit is ``blockLastUpdated >
  blockFirstPublished`` (DCR's own "Updated at" rule; some blocks are 1 ms *earlier*).
* Poll response (``{ajaxUrl}/{pageId}.json?lastUpdate=block-<id>&isLivePage=true&dcr=true``):
  ``{numNewBlocks, html, mostRecentBlockId}`` with ready-rendered ``article#block-<id>`` markup.
* HTML: ``article#block-<id>.block``; the pinned copy under ``#pinned-post`` has no id (its id is in
  its ``?page=with:block-<id>`` link) and no first-published ``datetime``, only "12.05 BST".

uid = the bare 24-hex block id, as in the page's JSON-LD ``@id``, so every path agrees.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

import lxml.html

from livetail.extract.build import RawUpdate
from livetail.extract.core import Context, Found
from livetail.extract.explicittime import parse_explicit
from livetail.extract.page import Page
from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Selectors, extract_items

SITE = "https://www.theguardian.com"
SELECTORS = Selectors.build(
    'article[id^="block-"], #pinned-post article',
    id=("@id", 'header a[href*="block-"]@href'),
    id_pattern=r"block-([0-9A-Fa-f]{8,})",
    time=("header time[datetime]", "header a span"),
    modified=("footer time[datetime]", 'time[title^="Last updated"]'),
    title="header h2",
    author="header > div > span",
    url='header a[href*="page=with:block-"]@href',
    pinned="#pinned-post",
    noise=("header", "footer", "aside", "gu-island"),
)


def _blog_url(page: Page, data: dict[str, Any]) -> str:
    for key in ("webURL", "canonicalUrl"):
        value = data.get(key)
        if isinstance(value, str) and value.startswith("http"):
            return value
    parts = urlsplit(page.url)
    path = parts.path.removesuffix(".json")
    if parts.hostname and parts.hostname.endswith("theguardian.com"):
        return f"{parts.scheme}://{parts.netloc}{path}"
    return SITE + path  # the poll endpoint lives on api.nextgen.guardianapps.co.uk


def permalink(blog_url: str, block_id: str) -> str:
    return f"{blog_url}?page=with:block-{block_id}#block-{block_id}"


def _image(element: dict[str, Any]) -> str:
    images = (element.get("media") or {}).get("allImages") or []
    sized = [i for i in images if isinstance(i, dict) and i.get("url")]
    if not sized:
        return ""

    def width(i: dict[str, Any]) -> int:
        try:
            return int((i.get("fields") or {}).get("width", 0))
        except (TypeError, ValueError):
            return 0

    small = [i for i in sized if 0 < width(i) <= 1000]
    chosen = max(small, key=width) if small else sized[0]
    data = element.get("data") or {}
    caption = " ".join(
        str(part)
        for part in (data.get("caption"), data.get("credit") if element.get("displayCredit") else None)
        if part
    )
    alt = html.escape(str(data.get("alt") or ""))
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{html.escape(chosen["url"])}" alt="{alt}">{figcaption}</figure>'


def render_elements(elements: list[Any]) -> str:
    """Block elements → HTML: their own ``html`` where they carry it, a link or figure otherwise."""
    out = []
    for element in elements:
        if not isinstance(element, dict):
            continue
        kind = str(element.get("_type", "")).rsplit(".", 1)[-1]
        if isinstance(element.get("html"), str):
            out.append(element["html"])
        elif kind == "ImageBlockElement":
            out.append(_image(element))
        elif kind == "RichLinkBlockElement" and element.get("url"):
            prefix = html.escape(str(element.get("prefix") or ""))
            text = html.escape(str(element.get("text") or element["url"]).strip())
            out.append(f'<p>{prefix}<a href="{html.escape(element["url"])}">{text}</a></p>')
        elif kind == "YoutubeBlockElement" and element.get("assetId"):
            href = f"https://www.youtube.com/watch?v={element['assetId']}"
            title = html.escape(str(element.get("mediaTitle") or "Video"))
            out.append(f'<p><a href="{html.escape(href)}">{title}</a></p>')
        elif isinstance(element.get("url"), str):
            title = html.escape(str(element.get("title") or element.get("mediaTitle") or element["url"]))
            out.append(f'<p><a href="{html.escape(element["url"])}">{title}</a></p>')
    return "".join(out)


def _ms(value: Any) -> Any:
    return parse_explicit(value) if isinstance(value, int | float | str) and value != "" else None


def _block(block: dict[str, Any], blog_url: str) -> RawUpdate | None:
    block_id = block.get("id")
    if not isinstance(block_id, str) or not block_id:
        return None
    attributes = block.get("attributes") or {}
    published = _ms(block.get("blockFirstPublished"))
    updated = _ms(block.get("blockLastUpdated"))
    contributors = [c.get("name") for c in block.get("contributors") or [] if isinstance(c, dict)]
    return RawUpdate(
        body_html=render_elements(block.get("elements") or []),
        title=block.get("title") if isinstance(block.get("title"), str) else None,
        publisher_id=block_id,
        published=published,
        modified=updated if updated and published and updated > published else None,
        url=permalink(blog_url, block_id),
        authors=[str(n) for n in contributors if n],
        pinned=bool(attributes.get("pinned")),
        key_event=bool(attributes.get("keyEvent")),
    )


def _page_model(data: dict[str, Any], page: Page) -> Found:
    blog_url = _blog_url(page, data)
    blocks = [b for b in data.get("blocks") or [] if isinstance(b, dict)]
    # Display order: newest first-published first (stable for equal times).
    blocks.sort(key=lambda b: b.get("blockFirstPublished") or 0, reverse=True)
    updates = [u for u in (_block(b, blog_url) for b in blocks) if u is not None]
    pinned = data.get("pinnedPost")
    if isinstance(pinned, dict):
        copy = _block(pinned, blog_url)
        on_page = [u for u in updates if copy is not None and u.publisher_id == copy.publisher_id]
        for original in on_page:
            original.pinned = True
        if copy is not None and not on_page:
            copy.pinned = True
            updates.insert(0, copy)
    title = data.get("headline") or data.get("webTitle")
    return Found(updates=updates, title=title if isinstance(title, str) else None)


def _poll(data: dict[str, Any], page: Page, context: Context) -> Found | None:
    markup = data.get("html")
    if not isinstance(markup, str) or not markup.strip():
        return None
    blog_url = _blog_url(page, data)
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    root.make_links_absolute(blog_url, resolve_base_href=False, handle_failures="discard")
    updates = extract_items(root, SELECTORS, context)
    for update in updates:
        if update.publisher_id and not update.url:
            update.url = permalink(blog_url, update.publisher_id)
    return Found(updates=updates, notes=[f"poll response: {data.get('numNewBlocks')} new blocks"])


def from_json(page: Page, context: Context) -> Found | None:
    if page.kind != "json":
        return None
    data = page.json
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("blocks"), list):
        return _page_model(data, page)
    if "html" in data and ("numNewBlocks" in data or "mostRecentBlockId" in data):
        return _poll(data, page, context)
    return None


PROFILE = register_profile(
    Profile(
        name="guardian",
        hosts=("theguardian.com", "api.nextgen.guardianapps.co.uk"),
        selectors=SELECTORS,
        custom=from_json,
    )
)
