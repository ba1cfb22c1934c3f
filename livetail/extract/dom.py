"""Small DOM helpers shared by strategies: find an update's element, its heading and its time."""

from __future__ import annotations

import weakref
from datetime import datetime
from typing import cast

import lxml.html
from lxml import etree

from livetail.extract.build import clean_line
from livetail.extract.timeparse import parse_explicit

_ANCHOR_FORMS = ("{}", "block-{}", "post-{}", "liveblogPost{}", "update-{}", "p-{}")


# One index per parsed tree: a whole-tree XPath per structured item made extraction quadratic
# in the number of updates (8 s for a 1,000-update page).
_ANCHORS: weakref.WeakKeyDictionary[lxml.html.HtmlElement, dict[str, lxml.html.HtmlElement]] = (
    weakref.WeakKeyDictionary()
)


_ANCHORED = etree.XPath("descendant-or-self::*[@id or @data-post-id]")


def _anchor_index(tree: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    index = _ANCHORS.get(tree)
    if index is None:
        index = {}
        # Elements only, in document order, as a walk over the tree would give them.
        for node in cast(list[lxml.html.HtmlElement], _ANCHORED(tree)):
            for attribute in ("id", "data-post-id"):
                value = node.get(attribute)
                if value:
                    index.setdefault(value, node)  # the first in document order, as XPath would
        _ANCHORS[tree] = index
    return index


def element_by_anchor(tree: lxml.html.HtmlElement, anchor: str) -> lxml.html.HtmlElement | None:
    """The element an LD id or URL fragment points at (publishers prefix ids in several ways)."""
    index = _anchor_index(tree)
    for form in _ANCHOR_FORMS:
        found = index.get(form.format(anchor))
        if found is not None:
            return found
    return None


def heading_of(element: lxml.html.HtmlElement) -> str | None:
    for heading in element.xpath(".//h2|.//h3|.//h4"):
        text = clean_line(heading.text_content())
        if text:
            return text
    return None


def time_of(element: lxml.html.HtmlElement) -> tuple[datetime | None, datetime | None]:
    """First and last explicit ``<time datetime>`` in an element: (published, modified)."""
    stamps = [parse_explicit(t.get("datetime", "")) for t in element.xpath(".//time[@datetime]")]
    stamps = [s for s in stamps if s is not None]
    if not stamps:
        return None, None
    return stamps[0], (stamps[-1] if len(stamps) > 1 else None)


def child_path(ancestor: etree._Element, element: etree._Element) -> list[int] | None:
    """Child indexes from ``ancestor`` down to ``element``: ``[]`` for ``ancestor`` itself, None
    when ``element`` is not inside it. Replays a cut on a copy of ``ancestor``."""
    steps: list[int] = []
    while element is not ancestor:
        parent = element.getparent()
        if parent is None:
            return None
        steps.append(parent.index(element))
        element = parent
    return steps[::-1]
