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
from typing import cast
from urllib.parse import quote, unquote_plus, urlsplit

from lxml import etree
from lxml.html import HtmlElement as Element

from livetail.extract import structured as dom
from livetail.extract.unlisted import first_class_shape, id_shape

__all__ = ["IdForm", "form_of", "formed_elements", "formed_siblings", "one_form"]

_ID_LIKE = re.compile(r"[\w:-]{3,}")


@dataclass(frozen=True, slots=True)
class IdForm:
    """What surrounds a post's own part in LD's id and in its element's id."""

    ld_before: str
    ld_after: str
    page_before: str
    page_after: str
    quoted: bool = False  # LD writes the part %-encoded ("asset%3A0a1f" for the id "asset:0a1f")
    lowered: bool = False  # LD writes the part in lower case ("post-q3vl" for "ln-post-Q3VL")

    def fits(self, element_id: str) -> bool:
        return (
            len(element_id) > len(self.page_before) + len(self.page_after)
            and element_id.startswith(self.page_before)
            and element_id.endswith(self.page_after)
        )

    def ld_id(self, element_id: str) -> str:
        """The id LD gives the post with this element id (one that :meth:`fits`)."""
        own = element_id[len(self.page_before) : len(element_id) - len(self.page_after)]
        own = own.lower() if self.lowered else own
        return f"{self.ld_before}{quote(own, safe='') if self.quoted else own}{self.ld_after}"


def _inner_ids(uid: str) -> list[tuple[str, str]]:
    """The parts of an LD id that may be a post's own, as the id writes them and as an element's
    id would, longest first: the id itself and what follows a separator in it ("entrada-4835":
    "4835"), its query's values ("?rel=lo&entry=8f3c21"; BBC's "?post=asset%3A0a1f" for
    "asset:0a1f"), an address's last path segment ("…/post/Kq3v8Ld1")."""
    found: list[tuple[str, str]] = []
    if "/" not in uid and "?" not in uid and "=" not in uid:
        parts = [uid] + [uid[n + 1 :] for n, char in enumerate(uid[:-1]) if char in "_-:" and n > 0]
        found += [(part, part) for part in parts]
    query = uid.partition("?")[2] if "?" in uid else (uid if "=" in uid and "/" not in uid else "")
    for pair in query.partition("#")[0].split("&"):
        written = pair.partition("=")[2]
        found.append((written, unquote_plus(written)))
    if "/" in uid:
        last = urlsplit(uid).path.rstrip("/").rpartition("/")[2]
        found.append((last, last))
    return list(dict.fromkeys((w, part) for w, part in found if _ID_LIKE.fullmatch(part)))


def _id_of(element: Element) -> str:
    return element.get("id") or element.get("data-post-id") or ""


def form_of(uid: str, element: Element) -> IdForm | None:
    """How ``uid`` and ``element``'s id write the post's own part, where the id holds a part of
    the uid (:func:`_inner_ids`); None where it holds none."""
    for own in (element.get("id") or "", element.get("data-post-id") or ""):
        for written, inner in _inner_ids(uid):
            at = own.find(inner)
            lowered = at < 0 and inner == inner.lower() and inner != inner.upper()
            at = own.lower().find(inner) if lowered else at
            if at >= 0:
                ld_before, _, ld_after = uid.rpartition(written)
                page_before, page_after = own[:at], own[at + len(inner) :]
                return IdForm(ld_before, ld_after, page_before, page_after, written != inner, lowered)
    return None


def one_form(
    uids: Sequence[str | None], elements: Sequence[Element | None], *, least: int = 2
) -> IdForm | None:
    """The form every matched item shares (two at least), where an element's id is not the item's
    id itself (HuffPost's LD id is the post's ``data-post-id``, its id "live-blog-post-…")."""
    forms = {
        form_of(uid, element)
        for uid, element in zip(uids, elements, strict=True)
        if uid and element is not None
    }
    matched = sum(e is not None for e in elements)
    if len(forms) != 1 or matched < least:
        return None
    (form,) = forms
    return None if form is None or form == IdForm("", "", "", "") else form


def formed_elements(
    tree: Element, uids: Sequence[str | None], *, single: bool = False
) -> tuple[list[Element | None], IdForm | None]:
    """Each uid's element found through a part of it, and the one form every match shares; no
    elements and None unless all matches agree, two at least (one where LD lists one: ``single``,
    and the caller checks the element shows it). Only a block is a post's element (not a
    "comments-50122" counter inside one)."""
    elements: list[Element | None] = []
    for uid in uids:
        element = None
        for _, inner in _inner_ids(uid) if uid else []:
            element = dom.find_element(tree, inner)
            if element is None:
                element = dom.element_by_id_tail(tree, inner)
            if element is None and inner == inner.lower():  # (an address's lower case: "post-q3vl")
                element = dom.element_by_id_tail(tree, inner, fold=True)
            if (
                element is not None
                and element.tag not in _INLINE
                and inner.lower() in _id_of(element).lower()
            ):
                break
            element = None
        elements.append(element)
    if single and any(e is not None and len(cast(list[Element], _HEADINGS(e))) > 1 for e in elements):
        return [None] * len(uids), None  # (a feed whose id LD's one address names: "…?src=liveblog")
    form = one_form(uids, elements, least=1 if single else _MIN_MATCHES)
    return (elements, form) if form is not None else ([None] * len(uids), None)


_HEADINGS = etree.XPath("descendant::h1|descendant::h2|descendant::h3|descendant::h4")
_MIN_MATCHES = 2  # one match among many items says more of the matching than of the page
_INLINE = frozenset({"span", "a", "em", "strong", "b", "i", "small", "time", "button", "label", "img", "sup"})


def formed_siblings(listed: Sequence[Element], form: IdForm) -> list[Element]:
    """The posts of the listed posts' shape whose id has the page's form, not listed themselves,
    in page order: siblings of their tag and first class (and test hook, where they have one; the
    first class, as a pinned or highlighted post adds one of its own, "lbe lbe-d"), or where each
    post is alone in a wrapper of its own (BBC's ``<li>``), the siblings of those wrappers. A form
    that adds nothing to the id ("Kq3v8Ld1" for "…/post/Kq3v8Ld1") also asks for ids shaped like
    the listed ones (not a teaser's "promo-euro-live")."""
    if not listed:
        return []
    shapes = {_shape(e) for e in listed}
    if len(shapes) != 1:
        return []
    (shape,) = shapes
    if not shape[1] and not shape[2]:
        return []  # (a shape needs a class or a hook: "<div id=…>" alone is any block)
    bare = not (form.page_before or form.page_after)
    id_shapes = {id_shape(_id_of(e)) for e in listed}

    def fits(element: Element) -> bool:
        own = _id_of(element)
        return _shape(element) == shape and form.fits(own) and (not bare or id_shape(own) in id_shapes)

    seen = set(listed)
    parent = listed[0].getparent()
    if parent is not None and all(e.getparent() is parent for e in listed):
        return [c for c in parent if c not in seen and fits(c)]
    wrappers = [e.getparent() for e in listed]
    outer = wrappers[0].getparent() if wrappers[0] is not None else None
    if outer is None or any(w is None or w.getparent() is not outer or len(w) != 1 for w in wrappers):
        return []
    wrapper_shapes = {_shape(cast(Element, w)) for w in wrappers}
    if len(wrapper_shapes) != 1:
        return []
    found = []
    for wrapper in outer:
        if wrapper in wrappers or _shape(wrapper) not in wrapper_shapes or len(wrapper) != 1:
            continue
        if fits(post := wrapper[0]) and post not in seen:
            found.append(post)
    return found


def _shape(element: Element) -> tuple[str, str, str]:
    return (*first_class_shape(element), element.get("data-testid", ""))
