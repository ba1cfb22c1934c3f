"""Updates that are only embeds (a video, a post on X) are kept, written as links to what they show."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from livetail.extract.embeds import has_embed, with_embed_links
from livetail.extract.engine import extract
from livetail.model import Document


@pytest.mark.parametrize(
    ("markup", "href", "label"),
    [
        (
            '<iframe src="https://www.youtube.com/embed/abc" title="Statement in full"></iframe>',
            "https://www.youtube.com/embed/abc",
            "Video: Statement in full",
        ),
        (
            '<iframe src="https://www.youtube-nocookie.com/embed/QwErTy" title="YouTube video player"></iframe>',
            "https://www.youtube-nocookie.com/embed/QwErTy",
            "Video: www.youtube-nocookie.com/embed/QwErTy",
        ),
        (
            '<iframe data-src="//player.example.test/v/9"></iframe>',
            "https://player.example.test/v/9",
            "Embedded content: player.example.test/v/9",
        ),
        (
            '<amp-twitter data-tweetid="1776543210987654321" layout="responsive"></amp-twitter>',
            "https://twitter.com/i/web/status/1776543210987654321",
            "Post on X: twitter.com/i/web/status/1776543210987654321",
        ),
        (
            '<amp-youtube data-videoid="dQw4w9WgXcQ"></amp-youtube>',
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "Video on YouTube: www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            '<video controls><source src="https://cdn.example.test/clip.mp4" type="video/mp4"></video>',
            "https://cdn.example.test/clip.mp4",
            "Video: cdn.example.test/clip.mp4",
        ),
    ],
)
def test_each_embed_becomes_a_link(markup: str, href: str, label: str) -> None:
    assert has_embed(markup)
    rewritten = with_embed_links(f"<div>{markup}</div>")
    assert f'<a href="{href.replace("&", "&amp;")}">{label}</a>' in rewritten
    assert "<iframe" not in rewritten and "<amp-" not in rewritten and "<video" not in rewritten


@pytest.mark.parametrize(
    "markup",
    [
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        '<amp-twitter data-tweetid="1 onmouseover=alert(1)"></amp-twitter>',
        "<iframe></iframe>",
    ],
)
def test_an_embed_without_a_safe_address_is_left_to_the_sanitiser(markup: str) -> None:
    assert "<a " not in with_embed_links(markup)


def test_plain_markup_has_no_embed() -> None:
    assert not has_embed("<p>An <i>iframe</i> is mentioned, and &lt;video&gt; too.</p>")


def _page(posts: str) -> Document:
    page = f'<html><body><main><div class="feed">{posts}</div></main></body></html>'
    return Document(
        content=page.encode(),
        content_type="text/html; charset=utf-8",
        url="https://news.example.test/live",
        date=datetime(2024, 5, 1, 19, tzinfo=UTC),
    )


def _post(n: int, inner: str) -> str:
    return f'<article class="post" id="p{n}"><time datetime="2024-05-01T17:{n:02d}:00Z">17:{n:02d}</time>{inner}</article>'


def test_an_update_that_is_only_a_video_is_kept_and_one_with_text_is_not_changed() -> None:
    video = '<iframe src="https://www.youtube.com/embed/abc" title="Statement in full"></iframe>'
    document = _page(
        _post(30, "<h2>Minister resigns</h2><p>The minister has resigned.</p>" + video)
        + _post(20, video)
        + _post(10, "<h2>Vote begins</h2><p>MPs have started voting.</p>")
    )
    updates = extract(document).updates
    assert [u.title for u in updates] == ["Minister resigns", "Video: Statement in full", "Vote begins"]
    # the video-only post: a link, not its stamp, and not lost
    assert updates[1].text == "Video: Statement in full"
    assert 'href="https://www.youtube.com/embed/abc"' in updates[1].content_html
    assert "17:20" not in updates[1].content_html
    # a post with text keeps its text as it always was (no stored update looks edited)
    assert updates[0].text == "The minister has resigned."
    assert "<a" not in updates[0].content_html


def test_two_posts_that_are_only_embeds_do_not_read_alike() -> None:
    document = _page(
        _post(30, '<amp-twitter data-tweetid="111"></amp-twitter>')
        + _post(20, '<amp-twitter data-tweetid="222"></amp-twitter>')
        + _post(10, "<h2>Vote begins</h2><p>MPs have started voting.</p>")
    )
    updates = extract(document).updates
    assert len(updates) == 3
    assert updates[0].fingerprint != updates[1].fingerprint
    assert updates[0].text.endswith("111") and updates[1].text.endswith("222")
