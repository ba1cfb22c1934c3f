"""What a reader sees of an element: its words outside scripts and styles, one line of them,
whether it or an ancestor is hidden that way, and whether it holds a heading that shows."""

from __future__ import annotations

from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.build import clean_line

__all__ = ["HEADINGS", "HIDDEN", "has_heading", "shown", "visible", "visible_in", "words"]

HEADINGS = ("h1", "h2", "h3", "h4")
HIDDEN = ("script", "style", "noscript")
_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]", smart_strings=False
)


def words(el: etree._Element) -> list[str]:
    """The element's text nodes, without those in scripts and styles."""
    return cast(list[str], _VISIBLE_TEXT(el))


def visible(el: etree._Element) -> str:
    """The element's words as one line (page elements and the plain copies bodies are cut from alike)."""
    if not len(el) and el.tag not in HIDDEN and next(el.iterancestors(*HIDDEN), None) is None:
        return clean_line(el.text)  # a leaf's one text node, without the XPath call
    return clean_line(" ".join(words(el)))


def shown(el: HtmlElement) -> bool:
    """Neither ``el`` nor an ancestor is a script, style or noscript (whose text is not visible)."""
    return el.tag not in HIDDEN and next(el.iterancestors(*HIDDEN), None) is None


def visible_in(el: HtmlElement, member: HtmlElement, member_shown: bool) -> str:
    """``visible(el)`` for ``el`` inside ``member`` when ``member_shown`` is ``shown(member)``:
    a leaf's ancestors are then looked at only up to the member, not up to the page's root."""
    if not member_shown or len(el) or el.tag in HIDDEN:
        return visible(el)
    node = el.getparent()
    while node is not member:
        if node is None or node.tag in HIDDEN:
            return visible(el)
        node = node.getparent()
    return clean_line(el.text)


def has_heading(el: HtmlElement) -> bool:
    return any(visible(h) for h in el.iter(*HEADINGS))


def heading_text(el: HtmlElement) -> str:
    """The text of the first heading in ``el`` that shows any, else ""."""
    return next((text for h in el.iter(*HEADINGS) if (text := visible(h))), "")
