"""Small DOM helpers shared by strategies: find an update's element, its heading and its time."""

from __future__ import annotations

from datetime import datetime

import lxml.html

from livetail.extract.build import clean_line
from livetail.extract.timeparse import parse_explicit

_ANCHOR_FORMS = ("{}", "block-{}", "post-{}", "liveblogPost{}", "update-{}", "p-{}")


def element_by_anchor(tree: lxml.html.HtmlElement, anchor: str) -> lxml.html.HtmlElement | None:
    """The element an LD id or URL fragment points at (publishers prefix ids in several ways)."""
    for form in _ANCHOR_FORMS:
        wanted = form.format(anchor)
        if '"' in wanted:
            continue
        found = tree.xpath(f'//*[@id="{wanted}" or @data-post-id="{wanted}"]')
        if found:
            return found[0]
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
