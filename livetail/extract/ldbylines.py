"""The byline box a JSON-LD page's posts share, learned from the posts LD lists, for the posts it
leaves out.

LD names a listed post's authors, and the post's element shows them in a box of the page's own
("<div class="lbe_a">Àngels Piñol</div>", El País) whose class says nothing of a byline. A post
LD does not list yet was read with the name left in its text and no author; once LD listed it,
the name went and the post looked edited. Where the listed posts' names stand in boxes of one
class, that class is the page's byline box.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement as Element

from livetail.extract.build import clean_line
from livetail.extract.bylines import line_names
from livetail.extract.structured import text_of

__all__ = ["byline_class", "names_in_box"]

_MIN_POSTS = 2  # one post's box of one class may be anything that holds a name
_SLACK = 20  # ("By", "and", commas and a role beside the names)


def byline_class(elements: Sequence[Element | None], authors: Sequence[Sequence[str]]) -> str | None:
    """The class of the boxes that hold nothing but the listed posts' LD authors, where every
    listed post with authors has one and they share it (two posts at least)."""
    classes: set[str] = set()
    posts = 0
    for element, names in zip(elements, authors, strict=True):
        if element is None or not names:
            continue
        posts += 1
        wanted = {clean_line(n) for n in names}
        longest = sum(map(len, wanted)) * 2 + _SLACK
        found = [
            node.get("class", "")
            for node in element.iterdescendants()
            if isinstance(node.tag, str)
            and len(line := text_of(node)) <= longest
            and all(name in line for name in wanted)
            and set(line_names([line])) == wanted
        ]
        # (the innermost, last in document order among nested ones; a class the post holds once:
        # "text-xs text-gray-500" may style a photo's credit as well)
        if not found or not found[-1] or len(_boxes(element, found[-1])) != 1:
            return None
        classes.add(found[-1])
    return classes.pop() if posts >= _MIN_POSTS and len(classes) == 1 else None


def names_in_box(element: Element, box_class: str) -> list[str]:
    """The names in ``element``'s one box of ``box_class`` (none where it has several)."""
    boxes = _boxes(element, box_class)
    return line_names([text_of(boxes[0])]) if len(boxes) == 1 else []


def _boxes(element: Element, box_class: str) -> list[Element]:
    return [node for node in element.iterdescendants() if node.get("class") == box_class]
