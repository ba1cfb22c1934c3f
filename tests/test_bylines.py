"""Bylines: the names they give, without roles, places, handles or stamps beside them, read the
same by the heuristic strategy and by the structured strategies' DOM cross-check."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import lxml.html
import pytest

from livetail.extract.bylines import box_names, line_names
from livetail.extract.engine import extract
from livetail.extract.structured import spaced_text
from livetail.model import Document


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("Jane Doe, Political editor", ["Jane Doe"]),
        ("Jane Doe Political editor", ["Jane Doe"]),
        ("Jane Doe Chief political correspondent", ["Jane Doe"]),
        ("Jane Doe Westminster correspondent", ["Jane Doe"]),
        ("Europe editor Katya Adler", ["Katya Adler"]),
        ("By Jane Doe and Tom Evans, BBC News", ["Jane Doe", "Tom Evans", "BBC News"]),
        ("Jane Doe in Kyiv", ["Jane Doe"]),
        ("Jane Doe | Berlin", ["Jane Doe"]),
        ("Von Peter Münch, Korrespondent", ["Peter Münch"]),
        ("Par Marie Dupont, envoyée spéciale", ["Marie Dupont"]),
        ("Reuters", ["Reuters"]),
        ("Political editor", []),
        ("@janedoe", []),
        ("Ann-Marie O'Neill", ["Ann-Marie O'Neill"]),
    ],
)
def test_a_byline_line_gives_its_names_only(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


@pytest.mark.parametrize(
    ("box", "names"),
    [
        ('<div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div>', ["Jane Doe"]),
        ('<div class="byline"><a class="author">Anna Hargreaves</a><a class="author">Ben Okafor</a></div>', ["Anna Hargreaves", "Ben Okafor"]),
        # a name split over two spans is one name
        ('<div class="byline"><span class="first">Jane</span> <span class="last">Doe</span></div>', ["Jane Doe"]),
        ('<div class="byline"><a href="/p/jane">Jane Doe</a> <span>in Washington</span></div>', ["Jane Doe"]),
        ('<div class="byline"><span>Jane Doe</span><time>12:30</time></div>', ["Jane Doe"]),
        ('<div class="byline"><span>Jane</span><span>Doe</span><time>12:30</time></div>', ["Jane Doe"]),
        ('<div class="contributor"><strong>Jane Doe</strong><br>Chief political correspondent</div>', ["Jane Doe"]),
    ],
)  # fmt: skip
def test_a_byline_box_gives_its_names_only(box: str, names: list[str]) -> None:
    assert box_names(lxml.html.fragment_fromstring(box), spaced_text) == names


_BYLINES = [
    '<div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div>',
    '<div class="byline"><span class="name">Jane Doe</span>, <span class="role">Political editor</span></div>',
    '<p class="author">By Jane Doe, Political editor</p>',
    '<div class="author"><img alt="" src="a.jpg"><div class="author-name">Jane Doe</div>'
    '<div class="author-role">Political Editor</div></div>',
    '<div class="byline"><a href="/p/jane">Jane Doe</a> <span>in Washington</span></div>',
    '<div class="contributor"><strong>Jane Doe</strong><br>Chief political correspondent</div>',
]


def _page(byline: str, with_ld: bool) -> Document:
    posts = "".join(
        f'<article class="post" id="p{n}"><time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time>'
        f"<h2>Headline {n}</h2>{byline}<p>What happened, number {n}, in several words.</p></article>"
        for n in (3, 2, 1)
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Live",
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"https://e.test/live#p{n}",
                "headline": f"Headline {n}",
                "datePublished": f"2024-03-14T1{n}:00:00Z",
                "articleBody": f"What happened, number {n}, in several words.",
            }
            for n in (3, 2, 1)
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if with_ld else ""
    page = f"<html><head>{head}</head><body><main>{posts}</main></body></html>"
    return Document(
        content=page.encode(),
        content_type="text/html",
        url="https://e.test/live",
        date=datetime(2024, 3, 14, 18, tzinfo=UTC),
    )


@pytest.mark.parametrize("byline", _BYLINES)
@pytest.mark.parametrize(("with_ld", "strategy"), [(False, "heuristic"), (True, "jsonld")])
def test_a_posts_byline_names_its_author_and_leaves_the_body(
    byline: str, with_ld: bool, strategy: str
) -> None:
    result = extract(_page(byline, with_ld))
    assert result.strategy == strategy
    assert [u.authors for u in result.updates] == [("Jane Doe",)] * 3
    for n, update in zip((3, 2, 1), result.updates, strict=True):
        assert update.text == f"What happened, number {n}, in several words."
