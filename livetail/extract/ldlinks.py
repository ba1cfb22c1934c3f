"""JSON-LD updates whose id is a permalink page of their own ("/liveblog_entry/idf-says-…/",
Times of Israel) rather than an anchor on the live page: their elements are found by the links
the page shows to those addresses, and an update the LD does not list is known by its own link
to such an address, which is the id LD gives it once it lists it.
"""

from __future__ import annotations

from typing import cast
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml.html import HtmlElement as Element

__all__ = ["linked_elements", "own_permalink", "permalink_stem"]

_LINKS = etree.XPath("descendant::a[@href]")


def _address(href: str, page_url: str) -> str | None:
    try:
        return urldefrag(urljoin(page_url, href.strip()))[0]
    except ValueError:  # a malformed address ("http://[x")
        return None


def linked_elements(tree: Element, uids: list[str | None], page_url: str) -> list[Element | None]:
    """The element of each update whose id is an address the page links to: the box around the
    link that holds no other update's link (the child of the box all of them share). Needs two
    updates or more, in boxes of one shape; else every element is None."""
    wanted = {uid for uid in uids if uid and "/" in uid}
    if len(wanted) < 2:
        return [None] * len(uids)
    first_link: dict[str, Element] = {}
    for link in cast(list[Element], _LINKS(tree)):
        address = _address(link.get("href", ""), page_url)
        if address in wanted and address not in first_link:
            first_link[address] = link
    if len(first_link) < 2:
        return [None] * len(uids)
    chains = {address: [link, *link.iterancestors()] for address, link in first_link.items()}
    shared = set.intersection(*(set(map(id, chain)) for chain in chains.values()))
    boxes: dict[str, Element] = {}
    for address, chain in chains.items():
        top = next((k for k, el in enumerate(chain) if id(el) in shared), None)
        if top is None or top == 0:
            return [None] * len(uids)
        boxes[address] = chain[top - 1]  # the shared box's child on the way to this link
    shapes = {(box.tag, box.get("class", "")) for box in boxes.values()}
    if len(shapes) != 1 or len({id(box) for box in boxes.values()}) != len(boxes):
        return [None] * len(uids)
    return [boxes.get(uid) if uid else None for uid in uids]


def permalink_stem(addresses: list[str]) -> str | None:
    """What every update's address starts with, up to its last "/" ("…/liveblog_entry/"); None
    when that is no deeper than the site itself."""
    first, last = min(addresses), max(addresses)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    stem = first[: first.rfind("/", 0, n) + 1]
    return stem if stem.count("/") > 3 else None  # "https://host/" alone says nothing


def own_permalink(element: Element, stem: str, page_url: str) -> str | None:
    """The one address under ``stem`` that ``element`` links to (its own permalink), or None."""
    found = {
        address
        for link in element.iterdescendants("a")
        if (address := _address(link.get("href", ""), page_url))
        and address.startswith(stem)
        and address != stem
    }
    return found.pop() if len(found) == 1 else None
