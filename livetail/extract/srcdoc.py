"""Live blogs embedded as ``<iframe srcdoc="…">``: the frames' documents, read as pages of their own.

Some publishers and live-blog vendors put the whole blog, entity-escaped, in an iframe's
``srcdoc`` on a CMS article page whose only live content is that frame. The engine reads these
documents after the page's own markup strategies found nothing (so a page that gives updates
gives exactly what it gave) and before the plain-text fallback (which would read the article
around the frame as posts). A frame's document keeps the page's URL and response ``Date``: a
browser resolves a srcdoc document's relative links against its parent's, and the page's time is
the frame's. Before the page's own plain text, only a frame that shows as much text as the page
around it is read (the blog a CMS article embeds, not a sidebar's headline widget beside a ticker).

Bounds, for pages stacked with ad frames or frames nested to burn time: frames are read at most
:data:`MAX_DEPTH` levels down and at most :data:`MAX_FRAMES` are parsed per page, each level's
largest first (the blog, not the ads beside it). A frame showing less than :data:`SMALLEST`
characters of text (an ad's picture and slogan, a player, a pixel) is never read: two timed boxes
in an ad must not beat the page's own posts. It is still looked into, as a vendor's wrapper frame
around the blog's is just as small.
"""

from __future__ import annotations

import lxml.html

from livetail.errors import ExtractError
from livetail.extract.page import Page
from livetail.extract.visibletext import visible
from livetail.model import Document

__all__ = ["MAX_DEPTH", "MAX_FRAMES", "SMALLEST", "frame_pages", "heading", "shown_length"]

MAX_DEPTH = 3  # a vendor's wrapper frame around the blog's frame takes two
MAX_FRAMES = 8  # parses per page, all levels together
SMALLEST = 200  # characters shown; fewer leave no room for two posts with a heading and a sentence


def _srcdocs(page: Page) -> list[str]:
    """The page's frame documents (lxml unescapes the attribute)."""
    # A byte search before the tree walk: a page without a frame document pays only that. An
    # attribute name may be written in any case; the parser lowers it.
    if page.kind != "html" or b"srcdoc" not in page.document.content.lower():
        return []
    try:
        tree = page.tree
    except ExtractError:
        return []
    return [value for frame in tree.iter("iframe") if (value := frame.get("srcdoc"))]


def _frame(markup: str, parent: Document) -> Page:
    document = Document(
        content=markup.encode("utf-8", errors="replace"),
        content_type="text/html; charset=utf-8",
        url=parent.url,
        date=parent.date,
    )
    return Page.from_document(document)


def shown_length(page: Page) -> int:
    """How many characters of text the page shows (its frames' documents not counted)."""
    try:
        tree = page.tree
    except ExtractError:
        return 0
    body = tree.find("body")
    return len(visible(body if body is not None else tree))


def frame_pages(page: Page) -> list[Page]:
    """The page's srcdoc frames worth reading as pages, breadth first, each level's largest first."""
    pages: list[Page] = []
    parsed = 0
    level = [page]
    for _ in range(MAX_DEPTH):
        below: list[Page] = []
        for markup in sorted((m for parent in level for m in _srcdocs(parent)), key=len, reverse=True):
            if parsed == MAX_FRAMES:
                return pages
            parsed += 1
            frame = _frame(markup, page.document)
            below.append(frame)
            if shown_length(frame) >= SMALLEST:
                pages.append(frame)
        level = below
    return pages


def heading(page: Page) -> str | None:
    """The page's first ``<h1>`` text: the blog's title when the frame holding it names none (a CMS
    article's headline above a vendor's frame)."""
    try:
        tree: lxml.html.HtmlElement = page.tree
    except ExtractError:
        return None
    for h1 in tree.iter("h1"):
        text = visible(h1)
        if text:
            return text
    return None
