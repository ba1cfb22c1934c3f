"""An element's markup without some of its descendants, as dropping them from a copy would give.

:func:`copy_without` is the rule: a deep copy, the pieces dropped (``drop_tree``: their tail text
stays), the copy serialised. :func:`without` gives the same for one serialisation of the element
itself: the pieces are taken out of the page tree and put back (:func:`detached`), or cut out of
the element's markup (:func:`cut_out`); the copy stays the fallback for what neither can say.
The page tree ends as it was.
"""

from __future__ import annotations

import copy

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.dom import child_path
from livetail.extract.stamps import tag_of

__all__ = ["copy_without", "cut_out", "detached", "html", "without"]


def html(el: HtmlElement) -> str:
    return etree.tostring(el, encoding="unicode", method="html", with_tail=False)


def _follow(root: HtmlElement, steps: list[int]) -> HtmlElement:
    for step in steps:
        root = root[step]
    return root


def copy_without(member: HtmlElement, remove: list[HtmlElement]) -> str:
    """``member`` serialised from a copy without the given descendants (their tail text is kept)."""
    paths = [p for p in (child_path(member, el) for el in remove) if p]
    clone = copy.deepcopy(member)
    targets = [_follow(clone, p) for p in paths]
    for target in targets:
        if target.getparent() is not None:
            target.drop_tree()
    return html(clone)


# The serialiser writes an element differently when it has no content at all (``<li>`` without
# its end tag) and adds a newline at the start of these when their content starts with one.
_LEADING_NEWLINE = frozenset({"pre", "textarea", "listing"})


def _cut_changes_parent(el: HtmlElement, removed: set[HtmlElement]) -> bool:
    """Whether dropping ``el`` (and the rest of ``removed``) changes how its parent is written."""
    parent = el.getparent()
    if parent is None or tag_of(parent) in _LEADING_NEWLINE:
        return True
    if len(parent) > len(removed) or parent.text:
        return False  # something of it stays
    return all(c in removed and not c.tail for c in parent)


def detached(member: HtmlElement, remove: list[HtmlElement]) -> str | None:
    """What :func:`copy_without` gives, written with the pieces taken out of ``member`` itself
    and put back; None when a piece has tail text (dropping it keeps the tail) or is not inside.

    Taking out an element without a tail leaves its parent as dropping it from a copy does, so
    ``member`` is then written as the copy would be, for one serialisation and no copy.
    """
    places: list[tuple[HtmlElement, int, HtmlElement]] = []
    for el in dict.fromkeys(remove):
        if el is member:
            continue
        if el.tail:
            return None
        parent = el.getparent()
        if parent is None:
            return None
        ancestor = parent
        while ancestor is not member:
            ancestor = ancestor.getparent()
            if ancestor is None:
                return None
        places.append((parent, 0, el))
    try:
        for n, (parent, _index, el) in enumerate(places):
            places[n] = (parent, parent.index(el), el)
            parent.remove(el)
        return html(member)
    finally:
        for parent, index, el in reversed(places):
            if el.getparent() is None:
                parent.insert(index, el)


def without(member: HtmlElement, remove: list[HtmlElement]) -> str:
    """What :func:`copy_without` gives: :func:`detached` when it can, else cut out of
    ``member``'s own markup (:func:`cut_out`). ``remove`` holds ``member`` or elements inside it."""
    taken = detached(member, remove)
    return taken if taken is not None else cut_out(member, remove)


def cut_out(member: HtmlElement, remove: list[HtmlElement]) -> str:
    """What :func:`copy_without` gives, cut out of ``member``'s own markup.

    An element is written the same on its own as inside its parent, so its markup can be cut out
    of the parent's (dropping an element keeps its tail, which follows that markup), unless that
    leaves the parent empty or starting a ``<pre>``. Copying the member costs several times the
    cut; it stays the fallback for those cases and when a piece is not found exactly once (the
    same markup twice, or an element inside another removed one).
    """
    removed = {el for el in remove if el is not member}  # the member itself is never removed
    markup = html(member)
    spans: list[tuple[int, int]] = []
    for el in removed:
        piece = html(el)
        at = markup.find(piece)
        if at < 0 or markup.find(piece, at + 1) >= 0 or _cut_changes_parent(el, removed):
            return copy_without(member, remove)
        spans.append((at, at + len(piece)))
    spans.sort()
    parts: list[str] = []
    done = 0
    for start, end in spans:
        if start < done:
            return copy_without(member, remove)  # nested pieces
        parts.append(markup[done:start])
        done = end
    parts.append(markup[done:])
    return "".join(parts)
