"""Small DOM helpers shared by strategies: an update's element by its anchor, a descendant's path."""

from __future__ import annotations

import weakref
from typing import cast
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

# ("id_{}": the WordPress liveblog plugin's React front end, whose LD url ends in "#<entry id>")
_ANCHOR_FORMS = ("{}", "block-{}", "post-{}", "liveblogPost{}", "update-{}", "p-{}", "id_{}")


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
        if form == "id_{}" and not (anchor.isdigit() and len(anchor) >= 3):
            continue  # (the plugin's entry ids are database ids; "id_1" may be any widget's)
        found = index.get(form.format(anchor))
        if found is not None:
            return found
    return None


_TAILS: weakref.WeakKeyDictionary[lxml.html.HtmlElement, dict[str, lxml.html.HtmlElement | None]] = (
    weakref.WeakKeyDictionary()
)


def element_by_id_tail(
    tree: lxml.html.HtmlElement, anchor: str, *, fold: bool = False
) -> lxml.html.HtmlElement | None:
    """The one element whose id ends in ``anchor`` after a ``_``, ``-`` or ``:`` ("lbe_8f3c21" for
    "8f3c21", "live-post-7TQW" for "post-7TQW"); with ``fold``, in any case ("ln-post-Q3VL" for an
    LD address's "post-q3vl"); None when no element's does, or several do."""
    tails = _TAILS.get(tree)
    if tails is None:
        tails = {}
        for value, node in _anchor_index(tree).items():
            for cut, char in enumerate(value[:-1]):
                if char in "_-:" and cut > 0:
                    for tail in {value[cut + 1 :], "\0" + value[cut + 1 :].lower()}:
                        tails[tail] = None if tail in tails and tails[tail] is not node else node
        _TAILS[tree] = tails
    return tails.get("\0" + anchor.lower() if fold else anchor)


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


def canonical_url(root: etree._Element) -> str | None:
    """The absolute address a page's head gives for itself: its canonical link, else its
    ``og:url``; None without one (a saved file then has no site but the disk)."""
    head = root.find("head")
    for node in () if head is None else head.iter("link", "meta"):
        said = node.get("href") if node.tag == "link" else node.get("content")
        named = node.get("rel") if node.tag == "link" else node.get("property")
        if said and (named or "").lower() in ("canonical", "og:url") and urlsplit(said).hostname:
            return str(said).strip()
    return None
