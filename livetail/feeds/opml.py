"""An OPML 2.0 subscription list of every feed, for readers that import one file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree


@dataclass(frozen=True, slots=True)
class Outline:
    title: str
    xml_url: str
    html_url: str


def render_opml(title: str, outlines: Sequence[Outline]) -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for outline in outlines:
        etree.SubElement(
            body,
            "outline",
            type="rss",
            text=outline.title,
            title=outline.title,
            xmlUrl=outline.xml_url,
            htmlUrl=outline.html_url,
        )
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
