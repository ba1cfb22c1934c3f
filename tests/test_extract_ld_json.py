"""schema.org JSON-LD as a JSON document of its own (a saved ``ld+json`` script, an
``application/ld+json`` response): read by the ``jsonld`` strategy as LD on a page that shows none
of its updates. Expected values are written by hand."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from livetail.errors import ExtractError
from livetail.extract.engine import Extraction, extract
from livetail.model import Document

FIXTURE = Path(__file__).parent / "fixtures" / "structured" / "ld-json-document.json"
BLOG = "https://news.example/live/storm-ada"
SAVED = "file:///home/reader/storm-ada.json"


def _json(data: object, *, url: str = SAVED, content_type: str = "application/json") -> Extraction:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return extract(Document(content=raw, content_type=content_type, url=url))


def _post(n: int, hour: int, headline: str, body: str) -> dict[str, Any]:
    return {
        "@type": "BlogPosting",
        "@id": f"{BLOG}#post-{n}",
        "headline": headline,
        "datePublished": f"2024-01-22T{hour:02}:00:00Z",
        "articleBody": body,
    }


BLOG_LD: dict[str, Any] = {
    "@type": "LiveBlogPosting",
    "@id": BLOG,
    "headline": "Storm Ada live",
    "liveBlogUpdate": [
        _post(2, 10, "Roads flooded", "Several roads are under water."),
        _post(1, 8, "Warning issued", "An amber warning is in force."),
    ],
}
WEB_PAGE = {"@type": "WebPage", "@id": f"{BLOG}#webpage", "name": "Storm Ada live"}


def _fields(extraction: Extraction) -> list[tuple[object, ...]]:
    return [
        (
            u.uid,
            u.title,
            u.text,
            u.content_html,
            u.url,
            u.published,
            u.modified,
            u.authors,
            u.pinned,
            u.key_event,
        )
        for u in extraction.updates
    ]


def test_a_json_document_gives_what_its_ld_gives_on_a_page_without_its_posts() -> None:
    raw = FIXTURE.read_bytes()
    from_json = extract(Document(content=raw, content_type="application/ld+json", url=BLOG))
    page = (
        '<!doctype html><html><head><script type="application/ld+json">'
        + raw.decode()
        + "</script></head><body><p>Loading the live blog…</p></body></html>"
    )
    from_page = extract(Document(content=page.encode(), content_type="text/html; charset=utf-8", url=BLOG))
    assert from_json.strategy == from_page.strategy == "jsonld"
    assert from_json.title == from_page.title == "Storm Ada live: latest updates"
    assert _fields(from_json) == _fields(from_page)


@pytest.mark.parametrize(
    "data",
    [
        [WEB_PAGE, BLOG_LD],
        {"@context": "https://schema.org", "@graph": [WEB_PAGE, BLOG_LD]},
        {
            "@context": "https://schema.org",
            "@graph": [
                WEB_PAGE,
                {**BLOG_LD, "liveBlogUpdate": [{"@id": f"{BLOG}#post-2"}, {"@id": f"{BLOG}#post-1"}]},
                *BLOG_LD["liveBlogUpdate"],
            ],
        },
    ],
    ids=["array", "graph", "graph-references"],
)
def test_array_and_graph_forms(data: object) -> None:
    result = _json(data)
    assert result.strategy == "jsonld"
    assert result.title == "Storm Ada live"
    assert [u.uid for u in result.updates] == ["post-2", "post-1"]
    assert [u.title for u in result.updates] == ["Roads flooded", "Warning issued"]
    assert [u.published for u in result.updates] == [
        datetime(2024, 1, 22, 10, tzinfo=UTC),
        datetime(2024, 1, 22, 8, tzinfo=UTC),
    ]
    assert [u.text for u in result.updates] == [
        "Several roads are under water.",
        "An amber warning is in force.",
    ]


def test_a_saved_script_with_raw_newlines_in_its_strings_is_read() -> None:
    # (as the ld+json script reader reads one inside a page: publishers write them so)
    raw = json.dumps(BLOG_LD).replace('"Roads flooded"', '"Roads\n\tflooded"')
    assert "\n\t" in raw
    result = _json(raw.encode(), content_type="application/ld+json; charset=utf-8")
    assert [u.uid for u in result.updates] == ["post-2", "post-1"]
    assert result.updates[0].title == "Roads flooded"


@pytest.mark.parametrize(
    "data",
    [
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Storm Ada",
            "articleBody": "Text.",
        },
        {**BLOG_LD, "liveBlogUpdate": []},
        [WEB_PAGE],
    ],
    ids=["news-article", "no-updates", "no-blog"],
)
def test_ld_without_a_blog_with_updates_finds_none(data: object) -> None:
    with pytest.raises(ExtractError) as caught:
        _json(data)
    message = str(caught.value)
    assert "no extraction strategy found updates" in message
    assert "JSON-LD" in message and "--profile NAME" in message


def test_json_that_is_no_ld_says_what_json_is_read() -> None:
    with pytest.raises(ExtractError) as caught:
        _json({"items": [{"id": 1, "text": "Roads flooded"}]})
    message = str(caught.value)
    assert "no extraction strategy found updates" in message
    assert "schema.org JSON-LD (a LiveBlogPosting with liveBlogUpdate" in message
    assert "--profile NAME" in message and "guardian" in message
    with pytest.raises(ExtractError) as caught:
        _json(b'{"@type": "LiveBlogPosting", ')
    assert "It is not valid JSON (Expecting" in str(caught.value)


@pytest.mark.parametrize(
    "deep", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000]
)
def test_json_nested_too_deeply_is_a_typed_error(deep: bytes) -> None:
    with pytest.raises(ExtractError) as caught:
        _json(deep)
    assert "nested too deeply to read" in str(caught.value)
