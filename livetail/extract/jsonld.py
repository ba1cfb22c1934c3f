"""schema.org ``LiveBlogPosting`` in JSON-LD: ids, anchors and counts, checked against the DOM.

Accepted shapes: one object or an array in ``liveBlogUpdate``; ``@type`` as a string or list;
LD as a top-level list or inside ``@graph``; several ``ld+json`` scripts per page; any Article
subtype as an update. Structured values are not trusted per update: a headline or date shared
by every update (the Guardian repeats the blog's) or an empty/truncated body is replaced by the
DOM element with the matching id when there is one.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag

import lxml.html

from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.core import Context, Found, register
from livetail.extract.dom import element_by_anchor, heading_of, time_of
from livetail.extract.page import Page
from livetail.extract.timeparse import parse_explicit

_UPDATE_TYPES = {
    "BlogPosting",
    "NewsArticle",
    "Article",
    "SocialMediaPosting",
    "ReportageNewsArticle",
    "LiveBlogPosting",
    "AnalysisNewsArticle",
    "Report",
}
_HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", ())
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {str(n).rsplit("/", 1)[-1] for n in names}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"])


def ld_objects(page: Page) -> Iterator[dict[str, Any]]:
    """Every top-level JSON-LD object on the page, in document order; broken scripts skipped."""
    for script in page.tree.xpath("//script[@type='application/ld+json']"):
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
    return [name for name in (_text(i) for i in items) if name]


def _uid(item: dict[str, Any]) -> str | None:
    for key in ("url", "@id"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            base, fragment = urldefrag(value.strip())
            return fragment or base
    return None


def _body_html(body: str) -> str:
    if _HTML_TAG.search(body):
        return body
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", body) if p.strip()]
    return "".join(f"<p>{html.escape(html.unescape(p))}</p>" for p in paragraphs)


def _truncated(body: str, element: lxml.html.HtmlElement) -> bool:
    """LD bodies that are empty or far shorter than the DOM's (dropped captions, cut text)."""
    if not body.strip():
        return True
    ld_text = clean_line(lxml.html.fragment_fromstring(body, create_parent="div").text_content())
    return len(ld_text) < 0.6 * len(clean_line(element.text_content()))


def _dom_body(element: lxml.html.HtmlElement) -> str:
    return str(lxml.html.tostring(element, encoding="unicode"))


@register("jsonld", order=10)
def extract_jsonld(page: Page, context: Context) -> Found | None:
    if page.kind != "html":
        return None
    blogs = [o for o in ld_objects(page) if "LiveBlogPosting" in _types(o) and "liveBlogUpdate" in o]
    if not blogs:
        return None
    blog = blogs[0]
    raw_items = blog["liveBlogUpdate"]
    items = [i for i in (raw_items if isinstance(raw_items, list) else [raw_items]) if isinstance(i, dict)]
    items = [i for i in items if not _types(i) or _types(i) & _UPDATE_TYPES]
    if not items:
        return None
    blog_headline = clean_line(_text(blog.get("headline")))
    headlines = Counter(clean_line(_text(i.get("headline"))) for i in items)
    dates = Counter(str(i.get("datePublished", "")) for i in items)
    shared_date = len(items) > 2 and len(dates) == 1
    found = []
    for item in items:
        uid = _uid(item)
        element = element_by_anchor(page.tree, uid) if uid else None
        headline = clean_line(_text(item.get("headline")))
        if headline == blog_headline or (len(items) > 2 and headlines[headline] == len(items)):
            headline = ""
        if not headline and element is not None:
            headline = heading_of(element) or ""
        body = _body_html(_text(item.get("articleBody") or item.get("text") or item.get("description")))
        published = None if shared_date else parse_explicit(str(item.get("datePublished", "")))
        modified = None if shared_date else parse_explicit(str(item.get("dateModified", "")))
        if element is not None:
            if _truncated(body, element):
                body = _dom_body(element)
            if published is None:
                published, modified = time_of(element)
        found.append(
            RawUpdate(
                body_html=body,
                title=headline or None,
                publisher_id=uid,
                published=published,
                modified=modified,
                url=item.get("url") if isinstance(item.get("url"), str) and "#" in item["url"] else None,
                authors=_authors(item.get("author")),
            )
        )
    return Found(updates=found, title=blog_headline or None)
