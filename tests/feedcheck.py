"""Check a feed the way a demanding reader would: RFC 4287's grammar, the rules it cannot
express (XPath), and a real parser (feedparser) reading it without complaint."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import feedparser
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
SCHEMAS = Path(__file__).parent / "data" / "schemas"


@cache
def _relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


def assert_valid_atom(data: bytes) -> etree._Element:
    """Raise AssertionError naming the first problem; return the parsed root."""
    doc = etree.fromstring(data)
    schema = _relaxng()
    if not schema.validate(doc):
        raise AssertionError(f"Atom schema: {schema.error_log}")
    feed = doc
    entries = feed.findall("a:entry", NS)
    assert feed.xpath("a:author or not(a:entry[not(a:author)])", namespaces=NS), (
        "no author on feed or every entry"
    )
    for entry in entries:
        assert entry.xpath("a:link[@rel='alternate'] or a:link[not(@rel)] or a:content", namespaces=NS)
    for stamp in feed.xpath("//a:updated|//a:published", namespaces=NS):
        assert RFC3339.match(stamp.text or ""), f"not RFC 3339 with offset: {stamp.text!r}"
    for node in [feed, *entries]:
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in node.findall("a:link", NS)
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == len(set(alternates)), "more than one alternate link per (type, hreflang)"
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    assert len(ids) == len(set(ids)), "duplicate entry ids"
    assert feed.xpath("a:link[@rel='self']", namespaces=NS), "no rel=self link"
    entry_updated = [e.findtext("a:updated", namespaces=NS) or "" for e in entries]
    if entry_updated:
        assert (feed.findtext("a:updated", namespaces=NS) or "") >= max(entry_updated)
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"feedparser: {parsed.get('bozo_exception')}"
    return doc


def entry_ids(data: bytes) -> list[str]:
    return [e.findtext("a:id", namespaces=NS) or "" for e in etree.fromstring(data).findall("a:entry", NS)]
