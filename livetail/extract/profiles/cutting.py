"""An update's body as HTML: one element without its title and without the elements ``remove`` names.

The meaning is the general path's (:func:`_copy_cut`): a deep copy, its title dropped, then every
match of the ``remove`` selectors dropped in document order (``drop_tree``: the tail text stays).

Most bodies need much less. When every element to go is a child of the cut element with no tail
text (a post's ``header`` and ``footer``; or nothing at all), the result is the element serialized
without those children: :func:`cut_html` detaches them, serializes the element where it is and puts
them back at the same places, so no copy is made and the page tree ends as it was. The removal
queries run on the original instead of the copy; the answer is the same because such selectors
(no pseudo-classes, no sibling combinators) only test an element's attributes and ancestors
inside the cut, which dropping the title (a subtree of its own) does not change.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.html
from cssselect import parse
from cssselect.parser import CombinedSelector, Selector
from lxml import etree
from lxml.cssselect import LxmlHTMLTranslator

from livetail.extract.dom import child_path
from livetail.extract.postparts import boxes
from livetail.extract.profiles.css import Element, compiled, elements, needs, split_attr
from livetail.extract.profiles.pageselect import PageSelect
from livetail.extract.readalso import may_hold_read_also, read_also_boxes
from livetail.extract.structured import text_of

_TRANSLATOR = LxmlHTMLTranslator()
# Selectors whose matches can change when other elements go (pseudo-classes such as :first-child
# or :empty, sibling combinators); a ":" inside an attribute value only costs the shortcut.
_ORDER_SENSITIVE = re.compile(r"[:+~]")
_BARE = re.compile(r"^[a-z][-a-z0-9]*$")  # an element name as the HTML translator writes it


@dataclass(frozen=True, slots=True)
class _Part:
    """One selector of a removal list, as the shortcut runs it."""

    path: etree.XPath
    tag: str | None  # a bare element name: found by ``iter``, one C walk for all of them
    needs: tuple[etree.XPath, ...]  # attribute tests; one failing on the page: it finds nothing
    covered: bool  # its first compound is itself a selector of the list (see Removal)
    css: str | None = None  # its CSS when it was a selector of its own (no comma): the page may know it


@dataclass(frozen=True, slots=True)
class Removal:
    """The queries that find what to drop, compiled once per list of selectors."""

    queries: tuple[etree.XPath, ...]  # run in order (order-sensitive selectors), else at most one
    in_order: bool = False
    # Without order-sensitive selectors: the union minus selectors such as "header time" whose
    # first compound ("header") is itself a selector here. Every match of those is inside a match
    # of the shorter one, which goes too, unless that match is the cut element itself: then
    # ``covers`` is true on it and the whole union runs.
    pruned: etree.XPath | None = None
    covers: etree.XPath | None = None
    parts: tuple[_Part, ...] = ()
    covering: frozenset[str] | None = None  # the names ``covers`` tests, when all are bare names
    # What ``found`` runs when the cut element is covered (all parts) and when not (the parts not
    # covered): the bare names for ``iter``, and the other parts. Worked out once, not per body.
    _every: tuple[tuple[str, ...], tuple[_Part, ...]] = field(init=False, repr=False, compare=False)
    _some: tuple[tuple[str, ...], tuple[_Part, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, parts in (("_every", self.parts), ("_some", [p for p in self.parts if not p.covered])):
            tags = tuple(p.tag for p in parts if p.tag is not None)
            object.__setattr__(self, name, (tags, tuple(p for p in parts if p.tag is None)))

    def covered_by(self, element: Element) -> bool:
        """Whether the cut element is itself a match of a shorter selector (see ``pruned``)."""
        if self.covers is None:
            return False
        if self.covering is not None:  # a name test in Python, not an XPath call per element
            return element.tag in self.covering
        return bool(self.covers(element))

    def matches(self, element: Element) -> list[Element]:
        """What the single union query finds under ``element``, in document order."""
        if not self.queries:
            return []
        if self.pruned is not None and not self.covered_by(element):
            return elements(self.pruned(element))
        return elements(self.queries[0](element))

    def found(self, element: Element, page: PageSelect | None) -> tuple[Iterable[Element], list[Element]]:
        """The same elements, possibly repeated: those with bare names in document order (one
        ``iter`` walk, lazy: the caller may stop early), then the others; no query for a selector
        whose attributes ``page`` lacks."""
        tags, queried = self._every if self.covers is None or self.covered_by(element) else self._some
        walked: Iterable[Element] = element.iter(*tags) if tags else ()
        others: list[Element] = []
        for part in queried:
            if page is None or not page.rules_out(part.css, part.needs):
                others.extend(elements(part.path(element)))
        return walked, others


def _first_compound(selector: Selector) -> str:
    node = selector.parsed_tree
    while isinstance(node, CombinedSelector):
        node = node.selector
    return str(_TRANSLATOR.xpath(node))


def _plan(selectors: list[str]) -> Removal:
    parsed = [(s, css) for css in selectors for s in parse(css)]
    alone = {css for css in selectors if len(parse(css)) == 1}
    single = {
        str(_TRANSLATOR.xpath(s.parsed_tree))
        for s, _css in parsed
        if not isinstance(s.parsed_tree, CombinedSelector) and s.pseudo_element is None
    }
    parts: list[_Part] = []
    covering: set[str] = set()
    for s, css in parsed:
        combined = isinstance(s.parsed_tree, CombinedSelector)
        first = _first_compound(s) if combined else ""
        covered = combined and first in single
        if covered:
            covering.add(first)
        simple = "" if combined or s.pseudo_element is not None else str(_TRANSLATOR.xpath(s.parsed_tree))
        path = _TRANSLATOR.selector_to_xpath(s, prefix="descendant-or-self::")
        tag = simple if _BARE.match(simple) else None
        parts.append(_Part(etree.XPath(path), tag, needs(s), covered, css if css in alone else None))
    union = compiled(", ".join(selectors))
    if not covering:
        return Removal((union,), parts=tuple(parts))
    kept = " | ".join(p.path.path for p in parts if not p.covered)
    covers = etree.XPath(f"boolean({' | '.join('self::' + c for c in sorted(covering))})")
    names = frozenset(covering) if all(_BARE.match(c) for c in covering) else None
    return Removal((union,), False, etree.XPath(kept), covers, tuple(parts), names)


@lru_cache(maxsize=256)
def removal(specs: tuple[str, ...]) -> Removal:
    """The plan for ``specs`` (``@attr`` tails ignored); invalid CSS fails here, naming itself."""
    selectors = [css for css in (split_attr(spec)[0] for spec in specs) if css]
    queries = tuple(compiled(css) for css in selectors)
    if any(_ORDER_SENSITIVE.search(css) for css in selectors):
        return Removal(queries, in_order=True)
    if not selectors:
        return Removal(())
    # One query instead of one per selector. Without order-sensitive selectors, removing a match
    # only detaches the matches inside it, so the union (in document order) removes the same
    # elements; those already detached are dropped from their detached subtree.
    return _plan(selectors)


_META_CONTENT_TYPE = '<meta http-equiv="Content-Type"'


def outer_html(element: Element) -> str:
    """``lxml.html.tostring(element)`` without its Python wrapper, whose regex pass over the result
    (dropping ``<meta http-equiv="Content-Type">``) only matters when that text is there."""
    html = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    if _META_CONTENT_TYPE in html:
        return str(lxml.html.tostring(element, encoding="unicode", with_tail=False))
    return html


def cut_html(
    element: Element, title: Element | None, remove: Iterable[str], page: PageSelect | None = None
) -> str:
    """``element`` as HTML without ``title`` (when inside it) and without ``remove``'s matches."""
    plan = removal(tuple(remove))
    if plan.in_order:
        return outer_html(_copy_cut(element, title, plan))
    direct: list[Element] = []
    deeper: list[Element] = []
    walked, others = plan.found(element, page)
    for match in walked:
        if match is element:
            continue
        if match.getparent() is element:
            direct.append(match)
            if match.getnext() is None:
                # The element's last child goes: what the walk finds after it is inside it and
                # goes too, no need to look where (a post's footer and its share icons).
                break
        else:
            deeper.append(match)
    for match in others:
        if match is not element:
            (direct if match.getparent() is element else deeper).append(match)
    if title is not None and title is not element:
        top = _child_holding(element, title)
        if top is title:
            direct.append(title)
        elif top is not None:
            deeper.append(title)
    if any(child.tail for child in direct) or any(_child_holding(element, d) not in direct for d in deeper):
        return outer_html(_copy_cut(element, title, plan))
    return _serialized_without(element, direct)


def _child_holding(element: Element, node: Element) -> Element | None:
    """The child of ``element`` that is or holds ``node``; None when ``node`` is not inside it."""
    parent = node.getparent()
    while parent is not None and parent is not element:
        node, parent = parent, parent.getparent()
    return node if parent is element else None


def _serialized_without(element: Element, children: list[Element]) -> str:
    """``element`` serialized with its tail-less ``children`` left out."""
    if not children:
        return outer_html(element)
    places = sorted({element.index(child): child for child in children}.items())
    for _place, child in places:
        element.remove(child)
    try:
        return outer_html(element)
    finally:
        for place, child in places:  # ascending, so each goes back before the same sibling
            element.insert(place, child)


def _copy_cut(element: Element, title: Element | None, plan: Removal) -> Element:
    """A copy of ``element`` without the title element (when inside it) and without ``remove``."""
    path = (child_path(element, title) or None) if title is not None else None
    cut = copy.deepcopy(element)
    if path:
        node = cut
        for index in path:
            node = node[index]
        node.drop_tree()
    if plan.in_order:  # each selector sees what the ones before it left
        for query in plan.queries:
            _drop(cut, elements(query(cut)))
    else:
        _drop(cut, plan.matches(cut))
    return cut


def _drop(cut: Element, matches: list[Element]) -> None:
    for match in matches:
        if match is not cut and match.getparent() is not None:
            match.drop_tree()


def without_general_boxes(html: str) -> str:
    """A cut body without the ad, newsletter, promo and share boxes the heuristic cuts from a
    post (never all it says), and without its read-also lines unless they are all it says (an
    entry of "READ MORE:" links is such a pointer); a space where a box stood between words."""
    if not html.strip():
        return html
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    found = boxes(fragment, False)
    if found and len(text_of(fragment)) <= sum(len(text_of(node)) for node in found):
        return html  # (links to "#" that are all the entry says: "Watch the press conference live")
    _drop_boxes(found)
    pointers = read_also_boxes(fragment) if may_hold_read_also(html.encode()) else []
    if pointers and len(text_of(fragment)) - sum(len(text_of(node)) for node in pointers) >= _LEFT_MIN:
        _drop_boxes(pointers)
    elif not found:
        return html
    return (fragment.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in fragment
    )


def _drop_boxes(nodes: list[Element]) -> None:
    for node in nodes:
        if node.getparent() is None:
            continue
        tail = node.tail or ""
        if tail and _spaced(_text_before(node)[-1:], tail[:1]):
            node.tail = " " + tail  # ("power<div class=ad>…</div>to most homes")
        node.drop_tree()


def _text_before(node: Element) -> str:
    before = node.getprevious()
    if before is None:
        parent = node.getparent()
        return (parent.text if parent is not None else None) or ""
    return before.tail or text_of(before)


def _spaced(left: str, right: str) -> bool:
    """Whether two runs of words a dropped box stood between need a space: not after a space or an
    opening bracket, not before a space or closing punctuation, and not between CJK characters."""
    if not left or left.isspace() or right.isspace() or left in "([{«“‘" or right in ",.;:!?)]}»”’":
        return False
    return not (_CJK.match(left) or _CJK.match(right))


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
_LEFT_MIN = 20  # what an entry must still say once its boxes are gone, or it keeps them
