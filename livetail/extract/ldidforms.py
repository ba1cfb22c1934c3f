"""LD ids the page writes another way, for :mod:`livetail.extract.ldmatch`.

Some LD ids are no element's id, but hold one: El País's ``…#?rel=lo&entry=8f3c21`` names the
post ``<article id="lbe_8f3c21">``, The Athletic's ``…/post/Kq3v8Ld1`` the post ``id="Kq3v8Ld1"``,
VG's ``…?entry=123`` a ``post-123``. Where every item matched that way writes its id one way and
its element's another (:class:`IdForm`), a post LD does not list yet is one of the listed posts'
shape whose id has the page's form, and it gets the id LD will give it: when LD lists it later,
it is the same update, not a new one and a retraction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from lxml.html import HtmlElement as Element

from livetail.extract import structured as dom

__all__ = ["IdForm", "formed_elements", "formed_siblings"]

_ID_LIKE = re.compile(r"[\w-]{3,}")


@dataclass(frozen=True, slots=True)
class IdForm:
    """What surrounds a post's own part in LD's id and in its element's id."""

    ld_before: str
    ld_after: str
    page_before: str
    page_after: str

    def fits(self, element_id: str) -> bool:
        return (
            len(element_id) > len(self.page_before) + len(self.page_after)
            and element_id.startswith(self.page_before)
            and element_id.endswith(self.page_after)
        )

    def ld_id(self, element_id: str) -> str:
        """The id LD gives the post with this element id (one that :meth:`fits`)."""
        own = element_id[len(self.page_before) : len(element_id) - len(self.page_after)]
        return f"{self.ld_before}{own}{self.ld_after}"


def _inner_ids(uid: str) -> list[str]:
    """The parts of an LD id that may be a post's own: its query's values ("?rel=lo&entry=8f3c21",
    "…?entry=123"), then an address's last path segment ("…/post/Kq3v8Ld1")."""
    found: list[str] = []
    query = uid.partition("?")[2] if "?" in uid else (uid if "=" in uid and "/" not in uid else "")
    found += [value for _, value in parse_qsl(query.partition("#")[0]) if _ID_LIKE.fullmatch(value)]
    if "/" in uid:
        last = urlsplit(uid).path.rstrip("/").rpartition("/")[2]
        if _ID_LIKE.fullmatch(last):
            found.append(last)
    return found


def _id_of(element: Element) -> str:
    return element.get("id") or element.get("data-post-id") or ""


def formed_elements(tree: Element, uids: Sequence[str | None]) -> tuple[list[Element | None], IdForm | None]:
    """Each uid's element found through a part of it, and the one form every match shares; no
    elements and None unless all matches agree (two at least, where LD lists more than one)."""
    elements: list[Element | None] = []
    forms: set[IdForm] = set()
    for uid in uids:
        element = None
        for inner in _inner_ids(uid) if uid else []:
            element = dom.find_element(tree, inner)
            if element is None:
                element = dom.element_by_id_tail(tree, inner)
            if element is not None:
                own = _id_of(element)
                if inner not in own:
                    element = None
                    continue
                ld_before, _, ld_after = uid.rpartition(inner)  # type: ignore[union-attr]  # uid is set here
                page_before, _, page_after = own.partition(inner)
                forms.add(IdForm(ld_before, ld_after, page_before, page_after))
                break
        elements.append(element)
    matched = sum(e is not None for e in elements)
    if len(forms) != 1 or matched < min(2, len(uids)):
        return [None] * len(uids), None
    return elements, forms.pop()


def formed_siblings(listed: Sequence[Element], form: IdForm) -> list[Element]:
    """The listed posts' siblings of their tag and first class (and test hook, where they have
    one) whose id has the page's form, not listed themselves, in page order. (The first class: a
    pinned or highlighted post adds one of its own, "lbe lbe-d"; the id's form says the rest.)"""
    parent = listed[0].getparent() if listed else None
    if parent is None or any(e.getparent() is not parent for e in listed):
        return []
    shapes = {_shape(e) for e in listed}
    if len(shapes) != 1:
        return []
    (shape,) = shapes
    if not shape[1] and not shape[2]:
        return []  # (a shape needs a class or a hook: "<div id=…>" alone is any block)
    seen = set(listed)
    return [c for c in parent if c not in seen and _shape(c) == shape and form.fits(_id_of(c))]


def _shape(element: Element) -> tuple[str, str, str]:
    classes = element.get("class", "").split()
    return (str(element.tag), classes[0] if classes else "", element.get("data-testid", ""))
