"""Time stamps on a page without structured data: the first step of the heuristic strategy.

A time stamp is a ``<time>`` element (its ``datetime`` attribute when explicit, else its text) or
a small element whose whole text is a time label (see :func:`livetail.extract.timelabel.time_label`):
``51 seconds ago (18:04 GMT)``, ``18.04 BST``, ``13:45``, ``Posted at 6.30pm``, ``2h ago``.
"Small" means at most eight nodes and 200 characters. The search does not descend into a stamp,
headings, scripts or styles (:data:`SKIP`), and the search root itself is never a stamp.

:func:`walk_stamps` is that rule as a walk over every element. :func:`find_stamps` gives the same
stamps without visiting every element from Python, which costs about a microsecond per element
(30,000 and more on a big live blog). Every label holds a digit (its clock) or one of
``relativetime.RELATIVE_HINTS`` ("ago", "now", "vor"…; only "ago" and "now" on a page declared
English), so only the text nodes holding one, found by scans of the page's text (see
:mod:`livetail.extract.labelnodes`), and the ``<time>`` elements can lie inside a stamp. From
each of those *sources* it walks up while the elements stay small (nothing above a big element
can be small), and then down again as the walk would: the first element that is a stamp is the
stamp, a skipped element ends the path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from itertools import islice
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.attrtime import EMPTY_UNDER_CARRIER, attribute_time, carried_time
from livetail.extract.core import Context
from livetail.extract.explicittime import parse_in_zone
from livetail.extract.furniturewords import TIME_TOKENS, tokens
from livetail.extract.labelnodes import _MAX_TEXT, hints_for, sources
from livetail.extract.progressstamps import OVER, progress_apart
from livetail.extract.stampwords import DAY_WORDS
from livetail.extract.timelabel import TimeLabel, is_time_label, time_label

__all__ = ["SKIP", "Stamp", "find_stamps", "stamp_of", "tag_of", "text_of", "walk_stamps"]

SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "textarea",
        "select",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
    }
)
_SMALL = 8  # a stamp is a small subtree: at most this many nodes


_UNREAD: Any = object()  # a label not parsed yet (None means "not a label")


class Stamp:
    """One time stamp: its element, explicit datetime, the time as printed, its label and text.

    The label (``time_label(text)``) is parsed on first use: a stamp with an explicit datetime
    rarely needs it, and parsing is most of what a stamp costs.
    """

    __slots__ = ("_label", "element", "printed", "published", "text")

    def __init__(
        self,
        element: HtmlElement,
        published: datetime | None,  # an explicit datetime
        printed: str,  # what the uid hashes: the explicit value or the canonical time of day, never "ago"
        label: TimeLabel | None,
        text: str,
    ) -> None:
        self.element = element
        self.published = published
        self.printed = printed
        self._label: object = label  # or _UNREAD
        self.text = text

    @property
    def label(self) -> TimeLabel | None:
        if self._label is _UNREAD:
            self._label = time_label(self.text)
        return cast(TimeLabel | None, self._label)

    def __repr__(self) -> str:
        return f"Stamp({self.element!r}, {self.published!r}, {self.printed!r}, {self.text!r})"


def tag_of(el: object) -> str:
    """The element's tag in lower case; "" for comments, processing instructions and entities."""
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def text_of(el: HtmlElement) -> str:
    """``el.text_content()`` (the XPath string value) without the cost of an XPath call."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def stamp_text(el: HtmlElement) -> str:
    """:func:`text_of` with a space where an element boundary glues a number to a word: pages
    rendered by scripts write "<span>08:47 PM</span><span>Jun 04</span>" and
    "<span>14:30</span><span>aktualizacja: 15:05</span>" with nothing between the spans, which
    would read "08:47 PMJun 04" (no "PM") and "14:30aktualizacja". Letters meeting letters and
    digits meeting digits stay joined ("<b>Up</b>dated", "1<span>4</span>:05"), and so does a
    time and a capital ("13:05" + "GOAL" is a post, not a time in the zone "GOAL")."""
    text = text_of(el)
    # (only a stamp's few words are spaced; none such meeting anywhere: none at a boundary)
    if not len(el) or len(text) > _STAMP_WORDS or _GLUE.search(text) is None:
        return text
    pieces = [str(piece) for piece in el.itertext()]
    if len(pieces) < 2:
        return text
    out = [pieces[0]]
    for piece in pieces[1:]:
        before, after = out[-1][-1:], piece[:1]
        if (
            before
            and after
            and (
                (before.isdigit() and after.islower() and _MERIDIEM_START.match(piece) is None)
                or (before.isalpha() and after.isdigit())
                or (after.isalpha() and _MERIDIEM.search(out[-1]) is not None)
                or (after.isupper() and _OFFSET.search(out[-1]) is not None)  # ("GMT+1" "May 7", Reuters)
            )
        ):
            out.append(" ")
        out.append(piece)
    return "".join(out)


_MERIDIEM = re.compile(r"\d\s*[AaPp]\.?[Mm]\.?$")
_OFFSET = re.compile(r"(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?$")
_STAMP_WORDS = 60  # the longest stamp is_stamp reads
_GLUE = re.compile(
    r"\d[a-zß-ÿ]|[^\W\d_]\d|\d\s*[AaPp]\.?[Mm]\.?[^\W\d_]|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?[A-Z]"
)
_MERIDIEM_START = re.compile(r"[ap]\.?m\b\.?")  # ("11<small>am</small>" reads "11am")


def stamp_of(el: HtmlElement, context: Context, text: str | None = None) -> Stamp | None:
    """The stamp ``el`` is, or None; ``text`` is its text content when the caller has it."""
    nodes = list(islice(el.iter(), _SMALL + 1)) if len(el) else [el]
    if len(nodes) > _SMALL:
        return None
    if text is None:
        text = stamp_text(el)
    if len(text) > _MAX_TEXT:
        return None
    if tag_of(el) == "time":
        value = (el.get("datetime") or "").strip()
        published = parse_in_zone(value, context.timezone) if value else None
        if published is not None:
            return Stamp(el, published, value, _UNREAD, text)
        label = time_label(text) or _named_dot_clock(el, text, context)
        if label is None:
            return None
        return Stamp(el, None, _printed(label), label, text)
    # A time box that carries its instant in an attribute, as jQuery's timeago and its kin write it:
    # '<abbr class="timeago" title="2024-04-18T00:58:00+02:00">prije 22 min</abbr>' (Index.hr),
    # '<span class="time" data-timestamp="1732491120">acum 13 minute</span>'. Its words may be in
    # a language no label rule reads; the attribute says what they say.
    value = attribute_time(el)
    if value is None and not text and not len(el):
        value = carried_time(el)
    if value is not None:
        published = parse_in_zone(value, context.timezone)
        if published is not None:
            return Stamp(el, published, value, _UNREAD, text)
    # "Updated <time datetime=…>14:10</time>": the explicit value inside the label wins, and
    # then the label itself need not be parsed, only recognised.
    inner = next((n for n in nodes if n.tag == "time"), None)
    value = (inner.get("datetime") or "").strip() if inner is not None else ""
    published = parse_in_zone(value, context.timezone) if value else None
    if published is not None:
        return Stamp(el, published, value, _UNREAD, text) if is_time_label(text) else None
    label = time_label(text)
    if label is None and len(el) and (spaced := _spaced(el, text)) is not None:
        label = time_label(spaced)  # "<span>14.03.2024</span><span>13:05</span>" (Tickaroo)
        if label is not None and (
            label.clock is None or (label.clock.date, label.clock.month_day) == (None, None)
        ):
            label = None  # only a date beside its clock: "13:05" beside "GOAL" is a post's text
    if label is None:
        label = _named_dot_clock(el, text, context)
    if label is None and (minute := _dotted_minute(el, text) or _over_and_ball(el, text)) is not None:
        label = TimeLabel(clock=None, relative=None, coarse=True, minute=minute)
    if label is None:
        return None
    return Stamp(el, None, _printed(label), label, text)


def _named_dot_clock(el: HtmlElement, text: str, context: Context) -> TimeLabel | None:
    """A bare dot clock ("23.35", as Slovene, Serbian or Croatian pages print the time) in a box
    that says it is a time: a ``<time>`` or a box named for one. Anywhere else "23.35" may be a
    price or a score, and a dot time needs a zone, am/pm, "Uhr" or "kl." to be one. So is a day
    and "at" before a clock in a ``<time>`` ("Today at 14:40", Irish Independent), which in a
    line of its own is as often a post's words (unless ``context`` says to read it: see there)."""
    if context.day_at_stamps and (day_at := _DAY_AT.match(text)) is not None:
        label = time_label(f"{day_at['day']}, {text[day_at.end() :]}")
        return label if label is not None and label.clock is not None else None
    if tag_of(el) != "time" and TIME_TOKENS.isdisjoint(tokens(el)):
        return None
    if _DOT_CLOCK.fullmatch(text) is not None:
        return time_label(text.replace(".", ":"))
    day_at = _DAY_AT.match(text) if tag_of(el) == "time" else None  # (a comment's "date" box says so too)
    if day_at is not None:
        label = time_label(f"{day_at['day']}, {text[day_at.end() :]}")
        return label if label is not None and label.clock is not None else None
    return None


_DAY_AT = re.compile(rf"\s*(?P<day>{DAY_WORDS})\s+at\s+(?=\d)", re.IGNORECASE)


_DOT_CLOCK = re.compile(r"\s*(?:[01]?\d|2[0-3])\.[0-5]\d\s*")


# kicker prints a match minute German style, "67." or "90.+3": read only where the element or its
# parent says it is a minute, as a lone "67." is as often a list's number.
_DOTTED_MINUTE = re.compile(r"\s*(\d{1,3})\.(?:\s*\+\s*(\d{1,2}))?\s*")


def _dotted_minute(el: HtmlElement, text: str) -> str | None:
    match = _DOTTED_MINUTE.fullmatch(text)
    if match is None or int(match[1]) > 130:
        return None
    parent = el.getparent()
    classes = f"{el.get('class', '')} {parent.get('class', '') if parent is not None else ''}".lower()
    if "minute" not in classes:
        return None
    return f"{int(match[1])}+{int(match[2])}'" if match[2] else f"{int(match[1])}'"


# Cricket commentary stamps each ball with its over and ball ("10.3", Cricbuzz's "cb-ovr-num"): like
# a match minute, a time that gives no instant; read only where the box says it is an over.
_OVER_AND_BALL = re.compile(r"\s*(\d{1,3})\.([1-9])\s*")
_NUMBER_WORDS = frozenset({"num", "number", "no"})


def _over_and_ball(el: HtmlElement, text: str) -> str | None:
    match = _OVER_AND_BALL.fullmatch(text)
    if match is None or tag_of(el) in ("td", "th"):  # (a scorecard's "overs" column is no ball)
        return None
    parent = el.getparent()
    classes = f"{el.get('class', '')} {parent.get('class', '') if parent is not None else ''}".lower()
    words = set(re.split(r"[\s_-]+", classes))
    # ("cb-ovr-num", "over-number"; not "over-under" odds or "ball-possession")
    if "ovr" not in words and ({"over", "ball"}.isdisjoint(words) or _NUMBER_WORDS.isdisjoint(words)):
        return None
    return f"{OVER}{int(match[1])}.{match[2]}"


def _printed(label: TimeLabel) -> str:
    """The time as printed, for the uid: the clock's, or a match minute's ("90+3'"), a lap's or a
    ball's ("Over 10.3")."""
    return label.clock.printed if label.clock else label.minute or ""


def _spaced(el: HtmlElement, text: str) -> str | None:
    """The element's text with a space between its elements' texts, where it differs: a date and
    a clock in adjacent spans read "14.03.202413:05" glued. (:func:`stamp_text` spaces a number
    glued to a word up front; two glued numbers are spaced only here, when nothing else reads.)"""
    spaced = " ".join(piece for piece in el.itertext() if piece.strip())
    return spaced if spaced != " ".join(text.split()) else None


def walk_stamps(root: HtmlElement, context: Context, *, carriers: bool = True) -> list[Stamp]:
    """The stamps under ``root`` in page order, by visiting every element (the rule itself).
    (``carriers`` as for :func:`find_stamps`: the walk visits every element anyway.)"""
    del carriers
    stamps: list[Stamp] = []
    stack: list[HtmlElement] = [root]
    while stack:
        el = stack.pop()
        tag = tag_of(el)
        if not tag or tag in SKIP:
            continue
        stamp = stamp_of(el, context) if el is not root else None
        if stamp is not None:
            stamps.append(stamp)
            continue
        stack.extend(reversed([c for c in el if tag_of(c)]))
    return progress_apart(stamps)


# --- the search ----------------------------------------------------------------------------------

# Smart strings: each text node comes with the element it belongs to.
_TEXT_NODES = etree.XPath("descendant::text()")
_TIMES = etree.XPath("descendant::time")
_IN_PAGE_ORDER = etree.XPath("$elements/self::*")


class _Search:
    """The walk's verdicts, computed only along the paths from the sources up to small tops."""

    def __init__(self, root: HtmlElement, context: Context) -> None:
        self.root = root
        self.context = context
        self.seen: set[HtmlElement] = set()
        self.texts: dict[HtmlElement, str] = {}
        self.verdicts: dict[HtmlElement, Stamp | None] = {}
        self.skipped: dict[HtmlElement | None, bool] = {None: False}
        self.found: dict[HtmlElement, Stamp] = {}
        # Elements with too many children to be a stamp: lxml counts children one by one, and a
        # container of 40,000 paragraphs was counted again for each of them.
        self.crowded: set[HtmlElement] = set()

    def small_path(self, source: HtmlElement) -> list[HtmlElement]:
        """``source`` and its ancestors below the root while they may be small (a necessary
        condition: fewer than eight children and at most 200 characters), bottom up."""
        path: list[HtmlElement] = []
        root, texts, crowded = self.root, self.texts, self.crowded
        el: HtmlElement | None = source
        while el is not None and el is not root and el not in crowded:
            if len(el) >= _SMALL:
                crowded.add(el)
                break
            text = texts.get(el)
            if text is None:
                text = texts[el] = (el.text or "") if not len(el) else stamp_text(el)
            if len(text) > _MAX_TEXT:
                break
            path.append(el)
            el = el.getparent()
        return path

    def under_skipped(self, el: HtmlElement) -> bool:
        """Whether an ancestor of ``el`` is skipped (remembered for every ancestor on the way)."""
        chain: list[HtmlElement] = []
        parent = el.getparent()
        while parent not in self.skipped:
            chain.append(parent)
            parent = parent.getparent()
        skipped = self.skipped[parent]
        for ancestor in reversed(chain):
            skipped = skipped or tag_of(ancestor) in SKIP
            self.skipped[ancestor] = skipped
        return skipped

    def visit(self, source: HtmlElement | None) -> bool:
        """Find the stamp on the path from the root to ``source``; whether there was a new one."""
        if source is None or source in self.seen:
            return False
        self.seen.add(source)
        for el in reversed(self.small_path(source)):  # the walk comes down from the top
            if tag_of(el) in SKIP:
                return False
            stamp = self.verdicts.get(el, _UNREAD)
            if stamp is _UNREAD:
                stamp = self.verdicts[el] = stamp_of(el, self.context, self.texts[el])
            if stamp is not None:
                if el in self.found or self.under_skipped(el):
                    return False
                self.found[el] = stamp
                return True
        return False


def find_stamps(root: HtmlElement, context: Context, *, carriers: bool = True) -> list[Stamp]:
    """What :func:`walk_stamps` finds, visiting only the paths from possible labels up. Without
    ``carriers`` (:func:`livetail.extract.attrtime.may_carry` says no) the empty time boxes under
    a wrapper carrying their instant are not looked for (a walk over the whole tree)."""
    if tag_of(root) in SKIP or not tag_of(root):
        return []
    texts = _TEXT_NODES(root)
    search = _Search(root, context)
    for source in sources(cast(list[Any], texts), hints_for(root)):
        search.visit(source)
    # A <time> with an explicit datetime needs no label, nor an empty time box whose post carries
    # its instant (_carried_time); sources come in page order, these last.
    late = [time for time in cast(Iterable[HtmlElement], _TIMES(root)) if search.visit(time)]
    if carriers:
        late += [box for box in cast(Iterable[HtmlElement], EMPTY_UNDER_CARRIER(root)) if search.visit(box)]
    stamps = search.found
    if late:
        ordered = cast(list[HtmlElement], _IN_PAGE_ORDER(root, elements=list(stamps)))
        return progress_apart([stamps[el] for el in ordered])
    return progress_apart(list(stamps.values()))
