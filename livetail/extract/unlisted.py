"""Updates a page shows that its structured data does not list yet.

JSON-LD is often rendered from an older snapshot than the page around it (or lists only the
latest few), so the newest post can be on the page and missing from the LD. The listed updates'
elements say what an update looks like here: when they are all children of one parent with one
tag and class, the other children of that shape whose id starts as all the listed ids start
("post-") are updates too. Elements of another shape or id between them (ads, newsletter boxes,
"related" boxes) are not. A single listed element says less: its siblings of its shape are
updates when their ids are its id's letters with other digits ("item-3": "item-1", "item-2").
Where neither LD nor the listed elements carry ids, the other children of their one shape are
updates too (:func:`shaped_siblings`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement as Element

__all__ = ["common_start", "first_class_shape", "id_shape", "shaped_siblings", "unlisted_siblings"]


def common_start(values: list[str]) -> str:
    """The longest text every value starts with."""
    first, last = min(values), max(values)  # the extremes in sort order bound every other value
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def unlisted_siblings(listed: Sequence[Element]) -> list[Element]:
    """Siblings shaped like every listed element, with an id, not listed themselves, in page order."""
    if not listed:
        return []
    if len(listed) == 1:
        return _numbered_siblings(listed[0])
    parent = listed[0].getparent()
    if parent is None or any(e.getparent() is not parent for e in listed):
        return []
    # (by the first class: a key event adds one of its own, "dcr-block dcr-block--key-event")
    shapes = {first_class_shape(e) for e in listed}
    if len(shapes) != 1:
        return []
    (shape,) = shapes
    # (digits the listed ids happen to share are no part of the stem: "entry-3021", "entry-3020"
    # make "entry-", as "entry-2999" is as much an entry; hex digits after a separator neither:
    # "post-update-1b7e4f" and "post-update-1b7e3a" make "post-update-", CBS)
    shared = common_start([e.get("id", "") for e in listed])
    stem = _HEX_TAIL.sub("", shared).rstrip("0123456789")
    prefix = stem if len(stem) >= 2 else shared  # ("4711001", "4711002": the shared digits it is)
    seen = {id(e) for e in listed}
    classes = {e.get("class", "") for e in listed}
    if len(prefix) < 2:
        # Random tokens share no start ("X7kPq2Rf", "M3nWz8Ts"): their length and letter case
        # say what an id is, in a sibling of one listed post's very classes.
        tokens = {_token_shape(e.get("id", "")) for e in listed}
        if len(tokens) != 1 or None in tokens or not _letters_and_digits(listed):
            return []
        return [
            child
            for child in parent
            if id(child) not in seen
            and child.get("class", "") in classes
            and _token_shape(child.get("id") or "") in tokens
        ]
    # (one of another class than any listed post, a promo's "post post--promo" or a pinned copy's
    # "post post--pinned", also has an id of the listed ids' shape: not "post-promo-budget")
    id_shapes = {id_shape(e.get("id", "")[len(prefix) :]) for e in listed}
    return [
        child
        for child in parent
        if id(child) not in seen
        and first_class_shape(child) == shape
        and (own := child.get("id") or "").startswith(prefix)
        and (child.get("class", "") in classes or id_shape(own[len(prefix) :]) in id_shapes)
    ]


def _token_shape(value: str) -> tuple[int, bool, bool] | None:
    """A random token's length and which letter cases it holds; None for anything else."""
    if len(value) < _TOKEN_MIN or not value.isascii() or not value.isalnum():
        return None
    return (len(value), any(c.isupper() for c in value), any(c.islower() for c in value))


def _letters_and_digits(listed: Sequence[Element]) -> bool:
    ids = "".join(e.get("id", "") for e in listed)
    return any(c.isdigit() for c in ids) and any(c.isalpha() for c in ids)


_TOKEN_MIN = 6


def id_shape(value: str) -> tuple[bool, bool, int]:
    """What a CMS's ids (or their parts after a shared start) have in common: digits only, hex
    digits only (UUIDs' dashes too), and about their length. A teaser's "promo-euro-live" has
    none of the shape of "Kq3v8Ld1" or "3121"."""
    return (value.isdigit(), all(c in _HEX for c in value.lower()), len(value) // 4)


_HEX = frozenset("0123456789abcdef-")


def first_class_shape(element: Element) -> tuple[str, str]:
    classes = (element.get("class") or "").split()
    return (str(element.tag), classes[0] if classes else "")


_HEX_TAIL = re.compile(r"(?<=[-_])[0-9a-fA-F]+$")


def shaped_siblings(listed: Sequence[Element]) -> list[Element]:
    """Siblings of the listed elements' one tag and class, none of them with an id, not listed
    themselves, in page order: with no ids anywhere, the shape is all that says what a post is.
    (At least two listed elements: one says too little of the shape.)"""
    if len(listed) < 2:
        return []
    parent = listed[0].getparent()
    if parent is None or any(e.getparent() is not parent or e.get("id") for e in listed):
        return []
    shapes = {(e.tag, e.get("class", "")) for e in listed}
    if len(shapes) != 1 or not next(iter(shapes))[1]:
        return []  # (a shape needs a class: "<div>" alone is any block)
    (shape,) = shapes
    seen = {id(e) for e in listed}
    return [
        child
        for child in parent
        if id(child) not in seen and (child.tag, child.get("class", "")) == shape and not child.get("id")
    ]


_NUMBERED = re.compile(r"(?P<stem>.*\D)\d+")


def _numbered_siblings(listed: Element) -> list[Element]:
    """The siblings of ``listed``'s tag and class whose ids differ from its id only in digits."""
    parent = listed.getparent()
    numbered = _NUMBERED.fullmatch(listed.get("id") or "")
    if parent is None or numbered is None or len(numbered["stem"]) < 2:
        return []
    stem, shape = numbered["stem"], (listed.tag, listed.get("class", ""))
    return [
        child
        for child in parent
        if child is not listed
        and (child.tag, child.get("class", "")) == shape
        and (found := _NUMBERED.fullmatch(child.get("id") or "")) is not None
        and found["stem"] == stem
    ]
