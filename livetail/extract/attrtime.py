"""Instants a page carries in attributes rather than in words, for :mod:`livetail.extract.stamps`:
a time box's own ``title``, ``data-timestamp`` or ``data-time`` (jQuery's timeago and its kin,
whose words may be in any language), and the instant a post's wrapper carries for the empty time
box inside it that the page's script fills in (Gazeta.pl's ``data-timestamp``).
"""

from __future__ import annotations

import re
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.furniturewords import TIME_TOKENS, tokens

__all__ = ["EMPTY_UNDER_CARRIER", "attribute_time", "carried_time", "may_carry"]


def attribute_time(el: HtmlElement) -> str | None:
    """The instant a small box named for a time carries in ``title`` (ISO 8601) or in
    ``data-timestamp`` / ``data-time`` (ISO or epoch); None for any other element."""
    if el.get("title") is None and el.get("data-timestamp") is None and el.get("data-time") is None:
        return None
    if TIME_TOKENS.isdisjoint(tokens(el)):
        return None
    for name in ("data-timestamp", "data-time", "title"):
        value = str(el.get(name) or "").strip()
        if _ATTRIBUTE_INSTANT.fullmatch(value):
            return value
    return None


def carried_time(el: HtmlElement) -> str | None:
    """The instant a post's wrapper carries for the empty time box inside it, which the page's
    script fills in: '<div class="liveEntry" data-timestamp="1729017900"><div><span
    class="liveEntry__time" data-format="HH:mm"></span>…' (Gazeta.pl). Only a box named for a
    time, and only its nearest few ancestors."""
    if TIME_TOKENS.isdisjoint(tokens(el)):
        return None
    return _carrier_instant(el)


def _carrier_instant(el: HtmlElement) -> str | None:
    """The instant the nearest of the empty time box ``el``'s few ancestors carries in
    ``data-timestamp``, ``data-time`` or ``data-published`` (an epoch, or ISO with its offset: a
    bare one says no zone), when it is ``el``'s post's wrapper: it holds no other empty box named
    for a time (a blog's or a day's container carries its own time over every post)."""
    for carrier in islice(el.iterancestors(), _CARRIER_DEPTH):
        for name in _CARRIER_ATTRIBUTES:
            value = str(carrier.get(name) or "").strip()
            if value and _CARRIED_INSTANT.fullmatch(value):
                boxes = (n for n in carrier.iter() if not len(n) and not n.text and _named_for_time(n))
                return value if next(islice(boxes, 1, None), None) is None else None
    return None


def _named_for_time(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.get("class") is not None and not TIME_TOKENS.isdisjoint(tokens(el))


_CARRIER_DEPTH = 3
_CARRIER_ATTRIBUTES = ("data-timestamp", "data-time", "data-published")


def may_carry(markup: bytes) -> bool:
    """Whether a page's markup may hold a wrapper carrying its post's instant (see
    :func:`find_stamps`' ``carriers``)."""
    return b"data-time" in markup or b"data-published" in markup


_ATTRIBUTE_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}\S*|\d{10}(?:\d{3})?")
_CARRIED_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})|\d{10}(?:\d{3})?"
)


#: The empty elements under a wrapper that carries an instant: where :func:`carried_time` may answer.
EMPTY_UNDER_CARRIER = etree.XPath(
    "descendant::*[@data-timestamp or @data-time or @data-published]/descendant::*[not(node()) and @class]"
)
