"""JSON-LD as a page carries it: the objects of its ``ld+json`` scripts (or of a JSON document),
walked through lists, ``@graph`` and ``mainEntity``; a ``LiveBlogPosting``'s update items with
``{"@id": …}`` references resolved; and LD's strings and author lists read as plain values.
:mod:`livetail.extract.jsonld` checks what these say against the page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any, cast

from lxml import etree

from livetail.errors import ExtractError
from livetail.extract.build import clean_line
from livetail.extract.page import Page

__all__ = ["blog_items", "ld_authors", "ld_objects", "ld_text", "ld_types", "nodes_by_id"]

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


def ld_types(node: dict[str, Any]) -> set[str]:
    """The node's ``@type`` names, a string or a list, full IRIs cut to their last part."""
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
    """Every top-level JSON-LD object on the page, in document order; broken scripts skipped.

    A JSON document's objects are its own value's. A publisher's page model is no LD at its top
    (the Guardian's carries its LD in ``linkedData``, beside the blocks its profile reads), so it
    gives none and its profile keeps it; JSON that does not parse gives none either (the engine's
    error then says what JSON is read).
    """
    if page.kind == "json":
        try:
            data = page.json
        except ExtractError:
            return
        yield from _walk(data)
        return
    for kind in cast(list[Any], _SCRIPT_TYPES(page.tree)):
        if str(kind).split(";")[0].strip().lower() != "application/ld+json":
            continue
        script = kind.getparent()
        raw = (script.text or "").strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):  # (a broken script, or one nested past reading)
            continue
        yield from _walk(data)


def ld_text(value: Any) -> str:
    """An LD value as plain text: a list's first item, an object's ``name`` or ``@value``, HTML
    entities unescaped once (publishers write ``&quot;`` and ``&#39;`` into JSON strings)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return html.unescape(str(value)) if value is not None else ""


def ld_authors(value: Any) -> list[str]:
    """LD's author names (one or a list, strings or Person objects), cleaned, without repeats."""
    items = value if isinstance(value, list) else [value] if value else []
    names = [clean_line(ld_text(i)) for i in items]
    return [n for n in dict.fromkeys(names) if n]


def blog_items(blog: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The blog's updates; an ``{"@id": …}`` reference is the node of that id elsewhere in the
    page's LD (an ``@graph`` lists each node once and links them)."""
    raw = blog.get("liveBlogUpdate")
    items = [i for i in (raw if isinstance(raw, list) else [raw]) if isinstance(i, dict)]
    items = [
        nodes.get(i["@id"], i) if i.keys() == {"@id"} and isinstance(i["@id"], str) else i for i in items
    ]
    return [i for i in items if not (types := ld_types(i)) or types & _UPDATE_TYPES]


def nodes_by_id(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The page's LD nodes by ``@id``, bare references (``{"@id": …}`` alone) left out."""
    return {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}
