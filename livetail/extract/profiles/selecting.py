"""CSS selectors → raw updates: the one DOM walker behind every site profile and ``[sources.selectors]``.

A :class:`Selectors` names, relative to one update element (``item``), where its id, time, title,
body, authors and permalink are. Every field but ``item`` is a tuple of alternatives tried in order;
each alternative is CSS, optionally ending in ``@attr`` to read an attribute instead of the text
(``"@data-post-id"`` with no CSS reads the item's own attribute). ``pinned``/``key_event`` are
matched against the whole page: an item is flagged when a match is the item, an ancestor of it
(``#pinned-post article``) or inside it. ``noise`` is removed from the body.

Times: an explicit datetime (ISO with offset, epoch s/ms, ``<time datetime>``) wins; a naive ISO
value is wall time in the source's zone; else a printed clock ("18:04 GMT", dated later by the
engine); else a relative time ("11 mins ago") as the last resort. Relative text is never kept as
the printed time, so it never reaches a uid.

The page tree ends as it was: a body is serialized with its noise left out (see cutting.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from lxml import etree

from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.core import Context
from livetail.extract.explicittime import parse_explicit, parse_explicit_naive
from livetail.extract.furniturewords import SCREEN_READER_ONLY
from livetail.extract.profiles.css import Element, compiled, elements, select, split_attr
from livetail.extract.profiles.cutting import cut_html, without_general_boxes
from livetail.extract.profiles.pageselect import PageSelect
from livetail.extract.timeparse import Clock, find_clock, parse_relative

Refine = Callable[[RawUpdate, Element], RawUpdate | None]
Specs = tuple[tuple[str, str | None], ...]  # alternatives as (css, attr), see split_attr
Find = Callable[[Element, str], list[Element]]  # select(), or a PageSelect that knows the page

_NAIVE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|from)\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)
_DESK_PREFIX = re.compile(r"^(?:CNN['’]s|journalists?)\s+", re.IGNORECASE)
_PLACE_SUFFIX = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")
_DEFAULT_NOISE = ("script", "style", "noscript", "template", "button", "svg", "form")


def _alternatives(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Selectors:
    """Where one update's pieces are, relative to its element (see the module docstring)."""

    item: str
    id: tuple[str, ...] = ("@id",)
    id_pattern: str | None = None  # a regex whose group 1 is the id inside the selected value
    time: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    # a bold first line that titles a post without a heading: only a short line of its own
    lead_title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()
    key_event: tuple[str, ...] = ()
    noise: tuple[str, ...] = ()
    # also cut the boxes and read-also lines the heuristic cuts: for a platform whose sites each
    # inject their own ads and promos into its entries (WordPress), which no selector list knows
    general_cuts: bool = False

    @classmethod
    def build(
        cls,
        item: str,
        *,
        id_pattern: str | None = None,
        general_cuts: bool = False,
        **fields: str | Sequence[str],
    ) -> Selectors:
        """Accept a single string or a sequence for every alternative-list field."""
        lists = {key: _alternatives(value) for key, value in fields.items()}
        return cls(item=item, id_pattern=id_pattern, general_cuts=general_cuts, **lists)


def text_of(element: Element) -> str:
    # The text serializer gives what ``text_content()`` gives (libxml2's node content, comments
    # and processing instructions left out) without its XPath evaluation.
    return clean_line(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


@dataclass(frozen=True, slots=True)
class _Split:
    """One Selectors' alternatives with their ``@attr`` tails split off, once per extraction."""

    id: Specs
    time: Specs
    modified: Specs
    title: Specs
    lead_title: Specs
    author: Specs
    url: Specs
    body: tuple[str, ...]  # the body selectors' CSS
    noise: tuple[str, ...]  # what goes from a body matched by ``body``
    metadata: tuple[str, ...]  # what goes from the whole item as the body: metadata and noise
    general_cuts: bool

    @classmethod
    def of(cls, sel: Selectors) -> _Split:
        def split(specs: tuple[str, ...]) -> Specs:
            return tuple(split_attr(spec) for spec in specs)

        noise = _DEFAULT_NOISE + sel.noise
        return cls(
            id=split(sel.id),
            time=split(sel.time),
            modified=split(sel.modified),
            title=split(sel.title),
            lead_title=split(sel.lead_title),
            author=split(sel.author),
            url=split(sel.url),
            body=tuple(split_attr(spec)[0] for spec in sel.body),
            noise=noise,
            metadata=(*sel.time, *sel.modified, *sel.author, *noise),
            general_cuts=sel.general_cuts,
        )


def _shown_title(element: Element) -> str:
    """A heading's text without what only screen readers get ("<span class=visually-hidden>Post,
    </span>Get involved", the BBC's): a title is what the page shows."""
    hidden = {el for el in element.iterdescendants() if SCREEN_READER_ONLY.search(el.get("class") or "")}
    if not hidden:
        return text_of(element)
    pieces = []
    for piece in cast(list[Any], element.xpath(".//text()")):
        owner = piece.getparent()
        holder = owner.getparent() if piece.is_tail else owner  # (a tail is its element's parent's text)
        if holder is not None and holder not in hidden and hidden.isdisjoint(holder.iterancestors()):
            pieces.append(str(piece))
    return clean_line("".join(pieces))


def _value(match: Element, attr: str | None) -> str:
    """What one match says: its text, or its attribute stripped ("" when absent)."""
    if attr is None:
        return text_of(match)
    value = match.get(attr)
    return value.strip() if value is not None else ""


def first_value(element: Element, specs: Iterable[str], find: Find = select) -> tuple[Element, str] | None:
    """The first match, over the alternatives in order, whose value (text, or ``@attr``) is not empty."""
    return _first(element, tuple(split_attr(spec) for spec in specs), find)


def _first(element: Element, specs: Specs, find: Find) -> tuple[Element, str] | None:
    for css, attr in specs:
        for match in find(element, css):  # a match's text is read only when the ones before say nothing
            value = _value(match, attr)
            if value:
                return match, value
    return None


@dataclass(frozen=True, slots=True)
class TimeReading:
    """What one time value says: an instant, or a clock to date later, or a relative offset."""

    published: datetime | None = None
    clock: Clock | None = None
    relative: timedelta | None = None


def read_time(value: str, context: Context) -> TimeReading:
    text = value.strip()
    explicit = parse_explicit(text)
    if explicit is not None:
        return TimeReading(published=explicit)
    if _NAIVE_ISO.match(text):
        naive = parse_explicit_naive(text, context.timezone)
        if naive is not None:
            return TimeReading(published=naive)
    return TimeReading(clock=find_clock(text), relative=parse_relative(text))


def _time_in(element: Element, specs: Specs, context: Context, find: Find) -> TimeReading:
    for css, attr in specs:
        for match in find(element, css):
            # What a match offers, best first; its text is read only when the rest says nothing.
            if attr is not None:
                reading = _reading(match.get(attr) or "", context)
            elif match.tag == "time" and match.get("datetime"):
                reading = _reading(match.get("datetime", ""), context) or _reading(text_of(match), context)
            else:
                reading = _reading(text_of(match), context)
            if reading is not None:
                return reading
    return TimeReading()


def _reading(candidate: str, context: Context) -> TimeReading | None:
    """What ``candidate`` says as a time, or None when it says nothing."""
    if not candidate.strip():
        return None
    reading = read_time(candidate, context)
    return reading if reading.published or reading.clock or reading.relative is not None else None


def split_authors(text: str) -> list[str]:
    """ "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]; "From CNN's X in Tokyo" → ["X"]."""
    return list(_names(text))


def _names(text: str) -> tuple[str, ...]:
    line = _BYLINE_PREFIX.sub("", clean_line(text))
    line = _DESK_PREFIX.sub("", line)
    line = _PLACE_SUFFIX.sub("", line)
    return tuple(name for name in (n.strip(" .") for n in _AUTHOR_SPLIT.split(line)) if name)


class _Marks:
    """The page-wide ``pinned``/``key_event`` matches, asked about one item at a time."""

    def __init__(self, page: PageSelect, specs: Iterable[str]) -> None:
        self.marks: set[Element] = set()
        for spec in specs:
            self.marks.update(page.page(split_attr(spec)[0]))
        # An item is flagged when a mark is inside it: those items are the marks' ancestors.
        self.around = {a for mark in self.marks for a in mark.iterancestors()}

    def flag(self, element: Element) -> bool:
        """The element is a mark, inside one, or holds one."""
        if not self.marks:
            return False
        if element in self.marks or element in self.around:
            return True
        return any(a in self.marks for a in element.iterancestors())


def _body(item: Element, split: _Split, title: Element | None, find: Find) -> str:
    """The body: the ``body`` matches minus noise, else the whole item minus metadata and noise;
    ``title`` (the item's title element) is left out either way."""
    page = find if isinstance(find, PageSelect) else None
    html = next(
        (
            "".join(cut_html(part, title, split.noise, page) for part in parts)
            for css in split.body
            if (parts := find(item, css))
        ),
        None,
    )
    if html is None:
        html = cut_html(item, title, split.metadata, page)
    return without_general_boxes(html) if split.general_cuts else html


def extract_items(
    root: Element,
    sel: Selectors,
    context: Context,
    *,
    refine: Refine | None = None,
) -> list[RawUpdate]:
    """Every update under ``root`` in page order; a pinned copy of a post also on the page is dropped
    and the post itself flagged pinned."""
    find = PageSelect(root)
    pinned_marks = _Marks(find, sel.pinned)
    key_marks = _Marks(find, sel.key_event)
    pattern = re.compile(sel.id_pattern) if sel.id_pattern else None
    split = _Split.of(sel)
    items = find.page(sel.item)
    found: list[RawUpdate] = []
    bylines: dict[str, tuple[str, ...]] = {}
    for item in items:
        raw = _one(item, split, context, pattern, find, bylines)
        raw.pinned = pinned_marks.flag(item)
        raw.key_event = key_marks.flag(item)
        if refine is not None:
            refined = refine(raw, item)
            if refined is None:
                continue
            raw = refined
        found.append(raw)
    return merge_pinned_copies(found)


def _publisher_id(item: Element, specs: Specs, pattern: re.Pattern[str] | None, find: Find) -> str | None:
    for css, attr in specs:
        for match in find(item, css):
            value = _value(match, attr)
            if value and pattern is not None:
                hit = pattern.search(value)
                value = hit.group(1) if hit else ""
            if value:
                return value
    return None


def _authors(item: Element, specs: Specs, find: Find, bylines: dict[str, tuple[str, ...]]) -> list[str]:
    """Every name the first alternative with any gives, in order, each once. ``bylines`` keeps
    what each byline split into: a page has a handful of them over hundreds of updates."""
    authors: list[str] = []
    for css, attr in specs:
        for match in find(item, css):
            value = _value(match, attr)
            if value:
                names = bylines.get(value)
                if names is None:
                    names = bylines[value] = _names(value)
                authors.extend(a for a in names if a not in authors)
        if authors:
            break
    return authors


def _a_line_of_its_own(element: Element) -> bool:
    """A lead title candidate that is its paragraph's whole text, one short line, with more of
    the post after it: not "<p><strong>10:52 am:</strong> Apple …</p>", not a bold paragraph of
    three sentences, not a post that is nothing but a bold line."""
    parent = element.getparent()
    line = text_of(element)
    return (
        parent is not None
        and text_of(parent) == line
        and 0 < len(line) <= _LEAD_MAX
        and not line.endswith(":")
        and _SENTENCE_END.search(line.rstrip(".!?")) is None
        and any(text_of(later) for later in parent.itersiblings())
    )


_LEAD_MAX = 140
_SENTENCE_END = re.compile(r"[.!?]\s+\S")


def _one(
    item: Element,
    split: _Split,
    context: Context,
    pattern: re.Pattern[str] | None,
    find: Find,
    bylines: dict[str, tuple[str, ...]],
) -> RawUpdate:
    publisher_id = _publisher_id(item, split.id, pattern, find)
    title_hit = _first(item, split.title, find)
    if title_hit is None and split.lead_title:
        title_hit = _first(item, split.lead_title, find)
        if title_hit is not None and not _a_line_of_its_own(title_hit[0]):
            title_hit = None
    if (
        title_hit is not None and len(title_hit[0]) and title_hit[1] == text_of(title_hit[0])
    ):  # (not an @attr)
        title_hit = (title_hit[0], _shown_title(title_hit[0]) or title_hit[1])
    reading = _time_in(item, split.time, context, find)
    modified = _time_in(item, split.modified, context, find).published if split.modified else None
    authors = _authors(item, split.author, find, bylines)
    url_hit = _first(item, split.url, find)
    return RawUpdate(
        body_html=_body(item, split, title_hit[0] if title_hit else None, find),
        title=title_hit[1] if title_hit else None,
        publisher_id=publisher_id,
        printed_time=reading.clock.printed if reading.clock else "",
        published=reading.published,
        modified=modified
        if modified and (reading.published is None or modified > reading.published)
        else None,
        clock=reading.clock if reading.published is None else None,
        relative=reading.relative if reading.published is None and reading.clock is None else None,
        url=url_hit[1] if url_hit else None,
        authors=authors,
    )


def merge_pinned_copies(updates: list[RawUpdate]) -> list[RawUpdate]:
    """Drop a pinned copy whose original (same publisher id) is also on the page; flag the original."""
    originals = {u.publisher_id for u in updates if u.publisher_id and not u.pinned}
    copies = {u.publisher_id for u in updates if u.publisher_id and u.pinned}
    result = []
    for update in updates:
        if update.pinned and update.publisher_id in originals:
            continue
        if not update.pinned and update.publisher_id in copies:
            update.pinned = True
        result.append(update)
    return result


def blog_title(root: Element) -> str | None:
    for spec in ('meta[property="og:title"]@content', "h1", "title"):
        hit = first_value(root, (spec,))
        if hit:
            return hit[1]
    return None


__all__ = [
    "Element",
    "Selectors",
    "blog_title",
    "compiled",
    "elements",
    "extract_items",
    "first_value",
    "select",
    "split_attr",
    "split_authors",
]
