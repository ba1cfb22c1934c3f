"""The ``text`` strategy: a plain-text document, or an HTML page's visible text, read as a live
blog by :func:`livetail.extract.text.extract_text_blog`.

An HTML page comes to this strategy only when no other found updates in it. Its ad, newsletter
and share boxes, and its ``nav``, ``header``, ``footer`` and ``aside``, are left out of the text
first: an "Advertisement" or "Anzeige" line between two paragraphs is no update's text, nor is the
footer's "© 2024 Example News" after the last. A "box" holding half the page's text is the page
itself (a ``share-enabled`` wrapper), and stays.
"""

from __future__ import annotations

import lxml.html

from livetail.errors import ExtractError
from livetail.extract.bodyclean import boxes_in
from livetail.extract.bodycut import without
from livetail.extract.core import Context, Found, register
from livetail.extract.htmlclean import html_to_text
from livetail.extract.page import Page
from livetail.extract.structured import text_of
from livetail.extract.text import extract_text_blog

__all__ = ["text_strategy", "visible_text"]

# The page's own chrome: its navigation, header, footer and sidebars ("© 2024 Example News",
# "Terms", "Privacy policy" are no update's last lines).
_CHROME_TAGS = ("nav", "header", "footer", "aside")


def visible_text(body: lxml.html.HtmlElement) -> str:
    """The readable text of ``body`` without its boxes and page chrome (see the module docstring)."""
    total = len(text_of(body))
    boxes: list[lxml.html.HtmlElement] = [
        n
        for n in body.iter(*_CHROME_TAGS)
        if n is not body
        and len(text_of(n)) * 2 <= total
        # a post's own <header> may hold its time: only the page's header is chrome
        and not (n.tag == "header" and next(n.iterancestors("article", "section", "main"), None) is not None)
    ]
    wrappers = [body]
    while wrappers:
        for box in boxes_in(wrappers.pop()):
            (boxes if len(text_of(box)) * 2 <= total else wrappers).append(box)
    markup = without(body, boxes) if boxes else lxml.html.tostring(body, encoding="unicode")
    return html_to_text(markup)


@register("text", order=90)
def text_strategy(page: Page, context: Context) -> Found | None:
    if page.kind == "json":
        return None
    if page.kind == "text":
        return extract_text_blog(page.text, context)
    try:
        tree = page.tree
    except ExtractError:
        return None
    body = tree.find("body")
    # at least two time lines: an ordinary article with one "2 hours ago" byline is no live blog
    return extract_text_blog(visible_text(body if body is not None else tree), context, min_updates=2)
