"""A pinned post the page keeps in a box of its own beside the list of posts (NTV's
``div.live-blog-pinned`` ahead of ``div.live-blog-list``): a post of the list's own shape (its tag
and first class) inside a box whose class says it is pinned, brought into the heuristic's winning
group ahead of the list, so the pinned post is no longer lost. Only boxes just before the list are
looked at, and only a few posts: a sidebar of another shape, or far away, is no part of the blog.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice

from lxml.html import HtmlElement

from livetail.extract.blockgroups import Candidate
from livetail.extract.furniturewords import tokens
from livetail.extract.stamps import Stamp, tag_of

__all__ = ["with_pinned_box"]

_PINNED_BOX = frozenset({"pinned", "pin", "sticky", "featured", "highlighted"})
_BOXES_BEFORE = 2  # the list's preceding siblings looked at
_MAX_PINNED = 3


def _shape(el: HtmlElement) -> tuple[str, str] | None:
    classes = (el.get("class") or "").split()
    return (tag_of(el), classes[0]) if classes else None


def with_pinned_box(candidate: Candidate, stamps: list[Stamp]) -> Candidate:
    """``candidate`` with the posts of a pinned box just before its list, first; as it is when
    there is none."""
    if candidate.mode != "blocks" or not candidate.members:
        return candidate
    shape = _shape(candidate.members[0])
    if shape is None or any(_shape(m) != shape for m in candidate.members):
        return candidate
    found: list[HtmlElement] = []
    for box in islice(candidate.parent.itersiblings(preceding=True), _BOXES_BEFORE):
        if tag_of(box) and not _PINNED_BOX.isdisjoint(tokens(box)):
            found[:0] = [el for el in box.iter(shape[0]) if el is not box and _shape(el) == shape]
    if not found or len(found) > _MAX_PINNED:
        return candidate
    own = {el: [s for s in stamps if s.element is el or el in s.element.iterancestors()] for el in found}
    timed = [el for el in found if own[el]]  # (an untimed one has no place among the list's posts)
    if not timed:
        return candidate
    return replace(
        candidate,
        members=[*timed, *candidate.members],
        stamps={**candidate.stamps, **{el: own[el] for el in timed}},
    )
