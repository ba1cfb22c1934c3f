"""CSS over an lxml tree: compiled selectors, relative selects, and page-wide selects that skip
selectors the page cannot match.

A selector whose compounds need an ``id``, a ``class`` or an attribute value that no element on
the page carries matches nothing. Asking the attribute nodes (``//@id[. = 'x']``) is several
times cheaper than the element query it saves (``//*[@id = 'x']`` tests every element), and on
most pages the pinned-post box, the WordPress marker and the like are absent.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TypeAlias, cast

import lxml.html
from cssselect import GenericTranslator, SelectorError, parse
from cssselect.parser import Attrib, Class, CombinedSelector, Hash, Selector
from cssselect.parser import Element as CssElement
from lxml import etree
from lxml.cssselect import CSSSelector, LxmlHTMLTranslator

from livetail.errors import ExtractError

Element: TypeAlias = lxml.html.HtmlElement

_ATTR_TAIL = re.compile(r"@([A-Za-z_:][-\w:.]*)\s*$")
_TRANSLATOR = LxmlHTMLTranslator()  # what CSSSelector(translator="html") uses
_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


@lru_cache(maxsize=512)
def compiled(css: str) -> CSSSelector:
    try:
        return CSSSelector(css, translator="html")
    except (SelectorError, SyntaxError, ValueError) as e:
        raise ExtractError(f"invalid CSS selector {css!r}: {e}") from e


def elements(found: object) -> list[Element]:
    """The elements of an XPath result (a CSS query returns only elements; this keeps mypy honest)."""
    return [e for e in cast(list[object], found) if isinstance(e, lxml.html.HtmlElement)]


@lru_cache(maxsize=1024)
def split_attr(spec: str) -> tuple[str, str | None]:
    """``"time@datetime"`` → ``("time", "datetime")``; an ``@`` inside ``[...]`` is CSS, not ours."""
    match = _ATTR_TAIL.search(spec)
    if match and spec[: match.start()].count("[") == spec[: match.start()].count("]"):
        return spec[: match.start()].strip(), match.group(1)
    return spec.strip(), None


def select(element: Element, css: str) -> list[Element]:
    """Elements matching ``css`` under ``element``; empty CSS means the element itself."""
    if not css:
        return [element]
    return elements(compiled(css)(element))


def _needs(selector: Selector) -> list[str]:
    """Attribute queries that must each find something for ``selector`` to match under an element:
    the ids, classes and attribute values its compounds require (not those under :not). Nothing
    for sibling combinators, whose later compounds may match beside the element rather than under it."""
    compounds = []
    node = selector.parsed_tree
    while isinstance(node, CombinedSelector):
        if node.combinator in "+~":
            return []
        compounds.append(node.subselector)
        node = node.selector
    compounds.append(node)
    needs = []
    for compound in compounds:
        while hasattr(compound, "selector"):  # a compound is a chain of conditions ending in its Element
            need = _need(compound)
            if need:
                needs.append(need)
            compound = compound.selector
    return needs


def _need(condition: object) -> str | None:
    """The attribute test one condition of a compound implies (a necessary one, not sufficient)."""
    literal = GenericTranslator.xpath_literal
    if isinstance(condition, Hash):
        return f"@id[. = {literal(condition.id)}]"
    if isinstance(condition, Class):
        return f"@class[contains(., {literal(condition.class_name)})]"
    if not isinstance(condition, Attrib) or condition.namespace or not _NAME.match(condition.attrib):
        return None
    name = condition.attrib.lower()  # the HTML translator matches attribute names in lower case
    value = literal(condition.value.value or "") if condition.value is not None else ""
    tests = {
        "exists": "",
        "=": f"[. = {value}]",
        "^=": f"[starts-with(., {value})]",
        "|=": f"[starts-with(., {value})]",
        "*=": f"[contains(., {value})]",
        "$=": f"[contains(., {value})]",
        "~=": f"[contains(., {value})]",
    }
    test = tests.get(condition.operator)
    return None if test is None else f"@{name}{test}"


@lru_cache(maxsize=256)
def _test(need: str) -> etree.XPath:
    return etree.XPath(f"boolean(descendant-or-self::*/{need})")


@lru_cache(maxsize=256)
def _plan(css: str) -> tuple[tuple[str, tuple[etree.XPath, ...], bool], ...]:
    """Each selector of ``css`` as (its XPath, the attribute tests it needs, whether it is one
    named compound). A test several selectors share comes first, so one failing test rules them
    all out."""
    compiled(css)  # an invalid selector fails here as it would in select()
    selectors = parse(css)
    shared = Counter(test for selector in selectors for test in needs(selector))
    return tuple(
        (
            _TRANSLATOR.selector_to_xpath(selector, prefix="descendant-or-self::"),
            tuple(sorted(needs(selector), key=lambda test: -shared[test])),
            _one_walk(selector),
        )
        for selector in selectors
    )


def _one_walk(selector: Selector) -> bool:
    """Whether the selector is one compound with an element name (``article[id^="block-"]``):
    its query is one walk of the page testing names first, no dearer than a test of its needs."""
    node = selector.parsed_tree
    if isinstance(node, CombinedSelector) or selector.pseudo_element is not None:
        return False
    while hasattr(node, "selector"):
        node = node.selector
    name = cast(CssElement, node).element
    return bool(name) and name != "*"


@lru_cache(maxsize=256)
def _union(paths: tuple[str, ...]) -> etree.XPath:
    return etree.XPath(" | ".join(paths))


def needs(selector: Selector) -> tuple[etree.XPath, ...]:
    """The attribute tests (each true on a page) without which ``selector`` matches nothing."""
    return tuple(_test(need) for need in dict.fromkeys(_needs(selector)))


def possible(
    root: Element, css: str, results: dict[etree.XPath, bool] | None = None, *, test_walks: bool = True
) -> tuple[str, ...]:
    """The XPaths of ``css``'s selectors whose needs ``root`` meets (each test runs once). With
    ``test_walks`` false, a one-walk selector (see ``_one_walk``) is only ruled out by tests
    already in ``results``: running it costs what testing it would."""
    known = {} if results is None else results

    def met(test: etree.XPath) -> bool:
        if test not in known:
            known[test] = bool(test(root))
        return known[test]

    plan = _plan(css)
    walks = [one_walk and not test_walks for _path, _tests, one_walk in plan]
    # The tests of the other selectors run first; a one-walk selector is then ruled out only by
    # what they found.
    met_all = [
        walk or all(met(test) for test in tests)
        for (_path, tests, _one), walk in zip(plan, walks, strict=True)
    ]
    return tuple(
        path
        for (path, tests, _one), walk, ok in zip(plan, walks, met_all, strict=True)
        if ok and (not walk or all(known.get(test, True) for test in tests))
    )


def select_page(root: Element, css: str, results: dict[etree.XPath, bool] | None = None) -> list[Element]:
    """Exactly ``select(root, css)``, leaving out the selectors needing an id, class or attribute
    ``root`` does not have anywhere (each such test is one cheap pass over the attributes;
    ``results`` keeps their answers for the next call on the same page). A one-walk selector is
    run rather than tested."""
    if not css:
        return [root]
    paths = possible(root, css, results, test_walks=False)
    if len(paths) == len(_plan(css)):
        return select(root, css)
    return elements(_union(paths)(root)) if paths else []


def matches_any(root: Element, css: str) -> bool:
    """Whether ``select(root, css)`` finds anything (not finding is the common case)."""
    return bool(select_page(root, css))


_COMBINATOR_AXES = {" ": "ancestor", ">": "parent"}


def _upward(selector: Selector) -> str | None:
    """The selector read right to left as one predicate chain (``footer time[datetime]`` →
    ``time[@datetime][ancestor::footer]``): a single walk of the page, where the path form
    collects and merges node sets per step. None for what it cannot say that way."""
    tests: list[str] = []
    node = selector.parsed_tree
    axis = "descendant-or-self"
    while True:
        compound = node.subselector if isinstance(node, CombinedSelector) else node
        expr = _TRANSLATOR.xpath(compound)
        if expr.path:
            return None
        tests.append(f"{axis}::{expr}")
        if not isinstance(node, CombinedSelector):
            break
        if node.combinator not in _COMBINATOR_AXES:
            return None
        axis = _COMBINATOR_AXES[node.combinator]
        node = node.selector
    return "".join(f"{t}[" for t in tests[:-1]) + tests[-1] + "]" * (len(tests) - 1)


@lru_cache(maxsize=256)
def anywhere(css: str) -> etree.XPath | None:
    """A test whether ``css`` matches anywhere on a page, so anywhere under its elements; None when
    ``css`` uses pseudo-classes, pseudo-elements or sibling combinators (only names, ids, classes
    and attributes are known to depend on nothing but the element itself)."""
    if not css or re.search(r"[:+~]", css):
        return None
    compiled(css)
    chains = [_upward(selector) for selector in parse(css)]
    if any(chain is None for chain in chains):
        return None
    return etree.XPath(" or ".join(f"boolean({chain})" for chain in chains))


@lru_cache(maxsize=512)
def subject_tag(css: str) -> str | None:
    """The one element name every selector of ``css`` picks (``"h2"`` for ``"header h2"``); None
    for ``*``, several names or a pseudo-element."""
    names = set()
    for selector in parse(css):
        if selector.pseudo_element is not None:
            return None
        node = selector.parsed_tree
        if isinstance(node, CombinedSelector):
            node = node.subselector
        while hasattr(node, "selector"):
            node = node.selector
        element = cast(CssElement, node)
        if element.namespace or not element.element or element.element == "*":
            return None
        names.add(element.element.lower())  # the HTML translator's name test, lower case
    return names.pop() if len(names) == 1 else None
