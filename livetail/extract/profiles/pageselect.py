"""``select(element, css)`` for the update elements of one page, with fewer queries per element.

:class:`PageSelect` gives exactly what :func:`select` gives, cheaper in two ways:

* A selector that found nothing under the first few elements is tested once against the page:
  when it needs an attribute the page lacks (see ``css.possible``), or matches nowhere on the page
  (``css.anywhere``), it finds nothing under any element and is not run again. A selector that found something is never tested.
* Selectors asked about every element are answered by one union query per element. The union of
  selectors each picking one element name, all different (``header h2``, ``header > div > span``,
  ``header a[href]``), holds each selector's matches and nothing else with that name, so a
  selector's matches are the union's elements with its name, in document order. Which selectors
  to batch is learnt from what the first element was asked.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from livetail.extract.profiles.css import (
    Element,
    anywhere,
    compiled,
    elements,
    possible,
    select_page,
    subject_tag,
)

_TEST_AFTER = 8  # empty answers before the page-wide test
_FOUND = -1
_ABSENT = -2
_NONE: list[Element] = []  # shared and never changed


@lru_cache(maxsize=128)
def _union(selectors: tuple[str, ...]) -> etree.XPath:
    return etree.XPath(" | ".join(compiled(css).path for css in selectors))


class PageSelect:
    """``select(element, css)`` for elements of one page (and ``select_page`` on the page itself)."""

    def __init__(self, root: Element) -> None:
        self._root = root
        self._empty: dict[str, int] = {}  # css → empty answers so far, or _FOUND / _ABSENT
        self._met: dict[etree.XPath, bool] = {}
        self._first: Element | None = None
        self._asked: list[str] = []  # what the first element was asked, in order
        self._batch: dict[str, str] | None = None  # css → the element name it picks
        self._query: etree.XPath | None = None
        self._current: Element | None = None
        self._by_tag: dict[str, list[Element]] = {}
        self._tags: dict[str, str] = {}  # the batch once there is a union query for it
        self._nowhere: dict[str, bool] = {}  # css → it matches nothing on the page

    def page(self, css: str) -> list[Element]:
        return select_page(self._root, css, self._met)

    def __call__(self, element: Element, css: str) -> list[Element]:
        """What ``select(element, css)`` gives; the list may be shared: read it, do not change it."""
        tag = self._tags.get(css)
        if tag is not None:  # the common case, kept short: a batched selector
            if element is not self._current:
                self._fill(element)
            return self._by_tag.get(tag, _NONE)
        if not css:
            return [element]
        empty = self._empty.get(css, 0)
        if empty == _ABSENT:
            return []
        if empty == _TEST_AFTER:
            if self.nowhere(css):
                self._empty[css] = _ABSENT
                return []
            empty = self._empty[css] = _FOUND
        found = self._select(element, css)
        if empty >= 0:
            self._empty[css] = _FOUND if found else empty + 1
        return found

    def nowhere(self, css: str) -> bool:
        """Whether ``css`` matches nothing on the page, so under no element (found out once)."""
        known = self._nowhere.get(css)
        if known is None:
            known = self._nowhere[css] = not self._somewhere(css)
        return known

    def rules_out(self, css: str | None, tests: tuple[etree.XPath, ...]) -> bool:
        """Whether a selector (``css`` when known, else its ``css.needs()`` tests) finds nothing."""
        return self.nowhere(css) if css else self.lacks(tests)

    def _somewhere(self, css: str) -> bool:
        """Whether ``css`` may match on the page: its upward walk says so exactly (a failing
        attribute test implies a failing walk); else its attribute tests rule it out or not."""
        test = anywhere(css)
        if test is None:
            return bool(possible(self._root, css, self._met))
        return bool(test(self._root))

    def lacks(self, tests: tuple[etree.XPath, ...]) -> bool:
        """Whether one of ``css.needs()``'s tests fails on the page."""
        for test in tests:
            if test not in self._met:
                self._met[test] = bool(test(self._root))
            if not self._met[test]:
                return True
        return False

    def _select(self, element: Element, css: str) -> list[Element]:
        if self._first is None:
            self._first = element
        if element is self._first:
            self._asked.append(css)
        elif self._batch is None:
            self._batch, self._query = _batch(self._asked)
            if self._query is not None:
                self._tags = self._batch
        tag = self._batch.get(css) if self._batch else None
        if tag is None or self._query is None:
            return elements(compiled(css)(element))
        if element is not self._current:
            self._fill(element)
        return self._by_tag.get(tag, _NONE)

    def _fill(self, element: Element) -> None:
        """Ask the union about ``element`` and keep its matches by element name."""
        assert self._query is not None
        self._current = element
        by_tag: dict[str, list[Element]] = {}
        for match in elements(self._query(element)):
            found = by_tag.get(match.tag)
            if found is None:
                by_tag[match.tag] = [match]
            else:
                found.append(match)
        self._by_tag = by_tag


def _batch(asked: list[str]) -> tuple[dict[str, str], etree.XPath | None]:
    """The selectors to answer with one union: in the order asked, each whose element name no
    selector taken before picks (a later one picking the same name is run on its own)."""
    batch: dict[str, str] = {}
    for css in asked:
        tag = subject_tag(css)
        if tag is not None and css not in batch and tag not in batch.values():
            batch[css] = tag
    if len(batch) < 2:
        return {}, None
    return batch, _union(tuple(batch))
