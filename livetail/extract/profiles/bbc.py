"""BBC live pages (2024+ Next.js): ``__NEXT_DATA__`` live text stream, with a DOM fallback.

Data (bbc/simorgh World Service test data ``data/pidgin/live/c7p765ynk9qt.json``, research §2.4):
``liveTextStream.content.data.results[]`` items are ``{urn: "asset:<uuid>", type: "POST",
options{isBreakingNews}, dates{firstPublished, lastPublished}, header.model.blocks (headline),
content.model.blocks}``; blocks nest ``text > paragraph > fragment|urlLink`` and lists, images and
video clips. ``summaryPoints`` (the key-points box) is not an update. The same shape is accepted as a
bare JSON document (simorgh's ``{"data": {...}}``) and anywhere inside ``__NEXT_DATA__``.

DOM (research, [1]): ``article[data-testid="content-post"]`` with an ``h2``/``h3`` headline and
``[data-testid="timestamp"]`` ("21:19 BST 29 June" plus a visually hidden "…, published at 21:19");
a contributor box of a name and a description (``…-TextContributorName``, ``…Description``).

Unverified [?]: the permalink form (``?post=asset:<uuid>#post``) — updates link to ``<page>#<urn>``;
a pinned flag (none in the data seen); ``isBreakingNews`` is reported as a key event.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.core import Context, Found
from livetail.extract.explicittime import parse_explicit
from livetail.extract.page import Page
from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Selectors

SELECTORS = Selectors.build(
    'article[data-testid="content-post"]',
    time=('[data-testid="timestamp"]',),
    title=("h2", "h3"),
    # "Emma Sanders" over "BBC Sport at the Emirates" (hashed classes end in the component's name)
    author=('[class*="ContributorName"]',),
    noise=(
        '[data-testid="timestamp"]',
        ".visually-hidden",
        '[class*="VisuallyHidden"]',
        '[class*="ContributorDescription"]',
    ),
)
_CONTAINERS = {
    "text": "",
    "paragraph": "p",
    "unorderedList": "ul",
    "orderedList": "ol",
    "listItem": "li",
    "subheadline": "h3",
    "quote": "blockquote",
    "caption": "figcaption",
}
_INLINE = {"bold": "b", "italic": "i"}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _blocks(node: Any) -> list[Any]:
    model = node.get("model") if isinstance(node, dict) else None
    blocks = model.get("blocks") if isinstance(model, dict) else None
    return blocks if isinstance(blocks, list) else []


def render(blocks: list[Any]) -> str:
    """BBC Optimo blocks → HTML."""
    out = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        model = _dict(block.get("model"))
        if kind == "fragment":
            text = html.escape(str(model.get("text") or ""))
            for attribute in model.get("attributes") or []:
                tag = _INLINE.get(str(attribute))
                text = f"<{tag}>{text}</{tag}>" if tag else text
            out.append(text)
        elif kind == "urlLink":
            href = html.escape(str(model.get("locator") or ""))
            out.append(
                f'<a href="{href}">{render(_blocks(block)) or html.escape(str(model.get("text", "")))}</a>'
            )
        elif kind in ("image", "video", "media"):
            captions = [b for b in _blocks(block) if isinstance(b, dict) and b.get("type") == "caption"]
            alt = next(
                (
                    str(b["model"].get("altText"))
                    for b in _blocks(block)
                    if isinstance(b, dict) and isinstance(b.get("model"), dict) and b["model"].get("altText")
                ),
                "",
            )
            caption = (
                render(captions)
                if captions
                else (f"<figcaption>{html.escape(alt)}</figcaption>" if alt else "")
            )
            out.append(f"<figure>{caption}</figure>" if caption else "")
        elif kind in _CONTAINERS:
            tag = _CONTAINERS[kind]
            inner = render(_blocks(block))
            out.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
        else:
            out.append(render(_blocks(block)))
    return "".join(out)


def _plain(blocks: list[Any]) -> str:
    texts = [
        str(b["model"].get("text"))
        for b in _walk(blocks)
        if b.get("type") == "paragraph" and isinstance(b.get("model"), dict) and b["model"].get("text")
    ]
    return clean_line(" ".join(texts))


def _post(item: dict[str, Any]) -> RawUpdate | None:
    urn = item.get("urn")
    if item.get("type") not in (None, "POST") or not isinstance(urn, str):
        return None
    dates = _dict(item.get("dates"))
    published = parse_explicit(str(dates.get("firstPublished") or ""))
    last = parse_explicit(str(dates.get("lastPublished") or ""))
    options = _dict(item.get("options"))
    return RawUpdate(
        body_html=render(_blocks(_dict(item.get("content")))),
        title=_plain(_blocks(_dict(item.get("header")))) or None,
        publisher_id=urn,
        published=published,
        modified=last if last and published and last > published else None,
        key_event=bool(options.get("isBreakingNews")),
    )


def _data(page: Page) -> Any:
    if page.kind == "json":
        return page.json
    if page.kind != "html":
        return None
    for script in page.tree.xpath('//script[@id="__NEXT_DATA__"]'):
        try:
            return json.loads(script.text or "")
        except ValueError:
            continue
    return None


def from_data(page: Page, context: Context) -> Found | None:
    data = _data(page)
    for node in _walk(data):
        stream = node.get("liveTextStream")
        if not isinstance(stream, dict):
            continue
        results = _dict(_dict(stream.get("content")).get("data")).get("results")
        if not isinstance(results, list):
            continue
        updates = [u for u in (_post(r) for r in results if isinstance(r, dict)) if u is not None]
        if updates:
            title = node.get("title")
            return Found(updates=updates, title=title if isinstance(title, str) else None)
    return None


PROFILE = register_profile(
    Profile(name="bbc", hosts=("bbc.co.uk", "bbc.com"), selectors=SELECTORS, custom=from_data)
)
