"""A pinned post the page keeps in a box of its own before the feed (NYT's ``live-blog-pinned``
wrapper holding one ``live-blog-post``), for the heuristic strategy's block reading.

It is read as a post only when everything says so: it has the feed's posts' shape (their tag and
first class, which must be a class at all), it stands before the feed, it or a box around it says
"pinned" (a class, an id or a test hook, or a "Pinned" label inside it; "sticky" names CSS layout), it has a heading and some
text that is not only links (a teaser card is neither), and it is no copy of a post in the feed
(the same id, heading or opening text: the Guardian pins a copy). Anything less leaves the page as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.normalise import normalise_for_compare
from livetail.extract.postlabels import PINNED_WORDS
from livetail.extract.stamps import Stamp, tag_of
from livetail.extract.visibletext import has_heading, heading_text, visible

__all__ = ["heading_key", "pinned_outside", "title_key"]

_MOST = 3  # pinned posts in such a box: a summary, a line-up, a note to readers
_MARKED_LEVELS = 3  # how far up a box may say "pinned" for the post inside it
# ("sticky" is no pin: it names a sidebar, a rail or a header that CSS keeps in view)
_PIN = re.compile(r"pinned|(?<![^\s_-])pin(?![^\s_-])", re.IGNORECASE)
_CLASS_WORD = re.compile(r"[\w-]+")
_MIN_TEXT = 60
_ID_MIN = 4  # (shorter data-ids count positions)


def pinned_outside(
    members: list[HtmlElement], parent: HtmlElement, stamps: list[Stamp]
) -> tuple[dict[HtmlElement, list[Stamp]], set[HtmlElement]]:
    """The pinned posts before ``parent`` (the feed) of ``members``' shape, each with its stamps;
    and the feed's posts such a box pins a copy of (the Guardian's: the post is pinned)."""
    shape = _shape(members)
    if shape is None:
        return {}, set()
    tag, first = shape
    # (before the feed's first post: in a box of the feed's own too, Sky's ncpost-pinned-container)
    start = min(members, key=_position(parent))
    found = cast(
        list[HtmlElement],
        start.xpath(f"preceding::{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {first} ')]"),
    )
    if not found or len(found) > _MOST * 2:
        return {}, set()
    ids = {own: m for m in members if (own := m.get("id"))}
    # (the id a platform keeps in data-id when it sets none, 24liveblog's: not a position, "3")
    data_ids = {own: m for m in members if len(own := m.get("data-id") or "") >= _ID_MIN}
    headings = {key: m for m in members if (key := heading_key(m))}
    bodies = {key: m for m in members if (key := _body_key(m))}
    pinned: dict[HtmlElement, list[Stamp]] = {}
    copied: set[HtmlElement] = set()
    for el in found:
        if any(el in p.iterancestors() for p in pinned) or any(p in el.iterancestors() for p in pinned):
            continue
        if not _marked(el):
            continue
        # a pinned copy of a post in the feed by its id (it needs no heading of its own: its
        # original is a post already), or one that says as much as a post, maybe headed
        # "Pinned: …" or typeset anew, by its heading or text
        data_id = el.get("data-id") or ""
        same = ids.get(el.get("id") or "")
        if same is None and len(data_id) >= _ID_MIN:
            same = data_ids.get(data_id)
        if same is None and not (has_heading(el) and _own_text(el) >= _MIN_TEXT):
            continue
        copies = (same, headings.get(heading_key(el)), bodies.get(_body_key(el)))
        original = next((post for post in copies if post is not None), None)
        if original is not None:
            copied.add(original)
            continue
        pinned[el] = [s for s in stamps if s.element is el or el in s.element.iterancestors()]
        if len(pinned) == _MOST:
            break
    return pinned, copied


def _position(parent: HtmlElement) -> Callable[[HtmlElement], int]:
    order: dict[HtmlElement, int] = {child: n for n, child in enumerate(parent)}
    return lambda member: order.get(member, len(order))


def _shape(members: list[HtmlElement]) -> tuple[str, str] | None:
    shapes = {(tag_of(m), ((m.get("class") or "").split() or [""])[0]) for m in members}
    if len(shapes) != 1:
        return None
    tag, first = shapes.pop()
    return (tag, first) if tag.isalpha() and first and _CLASS_WORD.fullmatch(first) else None


def _marked(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    for _ in range(_MARKED_LEVELS + 1):
        if node is None:
            break
        words = " ".join(
            node.get(a) or ""
            for a in ("class", "id", "data-testid", "data-qa", "data-gu-name", "data-component")
        )
        if _PIN.search(words) or node.get("data-pinned") in ("", "true", "1"):
            return True
        node = node.getparent()
    # (a label beside its icon too: '<div><i class="icon-top"></i>Pinned</div>', 24liveblog)
    return any(
        " ".join(visible(leaf).lower().strip(" :📌📍").split()) in PINNED_WORDS
        for leaf in el.iterdescendants()
        if tag_of(leaf) and len(visible(leaf)) <= 20 and not any(visible(child) for child in leaf)
    )


def heading_key(el: HtmlElement) -> str:
    """:func:`title_key` of the post's heading."""
    return title_key(heading_text(el))


def title_key(title: str) -> str:
    """A heading as compared for a copy: without a pin's words before it ("Pinned: …", "📌")
    and typography ("We won’t" / "We won't", a closing full stop)."""
    words = normalise_for_compare(title).strip(" .📌📍").split()
    while words and (words[0].strip(":") in PINNED_WORDS or words[0].strip(":") in ("post", "")):
        words = words[1:]
    return " ".join(words).rstrip(".")


def _body_key(el: HtmlElement) -> str:
    """The start of the post's paragraphs, as compared for a copy filed under another heading."""
    return normalise_for_compare(" ".join(visible(p) for p in el.iter("p", "li")))[:_BODY_KEY]


_BODY_KEY = 200


_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)


def _own_text(el: HtmlElement) -> int:
    """How much the post says outside its links and headings."""
    text = len(visible(el)) - len(heading_text(el))
    return text - sum(len(t.strip()) for t in cast(list[str], _LINK_TEXT(el)))
