"""Pages from the sixteenth probe (December 2026: tech, Canadian and Australian, German, Dutch,
French, Polish, sports and Asian live pages). Each test names what the page does that tripped the
extractor."""

from __future__ import annotations

from datetime import UTC, datetime

from builders import extract_page
from ldpages import ld_blog_page

_LONG = "The rest of the post says enough that no share bar or counter could be mistaken for it."


def test_an_ld_item_titled_with_the_blogs_headline_does_not_undo_the_id_form() -> None:
    # Future plc (Tom's Guide): LD lists the newest posts as "#section-<id>" for elements
    # id="<id>", and titles a post without a heading with the blog's own headline.
    items = [
        {"headline": "Post A", "url": "https://news.example/live#section-Aa1x",
         "datePublished": "2024-09-09T19:28:00Z", "articleBody": f"Alpha text here. {_LONG}"},
        {"headline": "Apple event live", "url": "https://news.example/live#section-Bb2y",
         "datePublished": "2024-09-09T19:15:00Z", "articleBody": f"Bravo has no heading. {_LONG}"},
    ]  # fmt: skip
    body = (
        '<div class="posts">'
        f'<div class="post" id="Aa1x"><time datetime="2024-09-09T19:28:00Z">2 minutes ago</time><h3>Post A</h3><p>Alpha text here. {_LONG}</p></div>'
        f'<div class="post" id="Bb2y"><time datetime="2024-09-09T19:15:00Z">15 minutes ago</time><p>Bravo has no heading. {_LONG}</p></div>'
        f'<div class="post" id="Cc3z"><time datetime="2024-09-09T17:20:00Z">2 hours ago</time><h3>Post C</h3><p>Charlie text, not in LD. {_LONG}</p></div>'
        "</div>"
    )  # fmt: skip
    page = ld_blog_page(items, body, headline="Apple event live", url="https://news.example/live")
    updates = extract_page(page, datetime(2024, 9, 9, 19, 30, tzinfo=UTC))
    assert [u.title for u in updates] == ["Post A", "Bravo has no heading.", "Post C"]
    assert [u.uid for u in updates] == ["section-Aa1x", "section-Bb2y", "section-Cc3z"]
    assert "Apple event live" not in updates[1].text


def test_ld_listed_oldest_first_comes_out_in_the_pages_newest_first_order() -> None:
    # CNET, La Vanguardia: LD runs oldest first; the page, and so the updates, newest first.
    items = [
        {"headline": f"Post {n}", "url": f"https://news.example/live#entry-{n}",
         "datePublished": f"2025-04-02T1{n}:00:00Z", "articleBody": f"Text {n}."}
        for n in (1, 2, 3)
    ]  # fmt: skip
    body = "".join(
        f'<article class="entry" id="entry-{n}"><h2>Post {n}</h2><p>Text {n}.</p></article>'
        for n in (3, 2, 1)
    )
    updates = extract_page(ld_blog_page(items, body), datetime(2025, 4, 2, 14, tzinfo=UTC))
    assert [u.uid for u in updates] == ["entry-3", "entry-2", "entry-1"]
