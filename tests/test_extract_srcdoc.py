"""Live blogs embedded as ``<iframe srcdoc="…">`` (see livetail.extract.srcdoc).

The golden case is ``fixtures/embedded/srcdoc-cms-article``; here: what the frame's document is
read against (the page's URL, its Date), which frame wins, what never changes a page that gives
updates of its own, hostile frames and the bounds on nesting.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_extract_hostile import assert_safe

from livetail.errors import ExtractError
from livetail.extract import srcdoc
from livetail.extract.engine import Extraction, extract
from livetail.extract.page import Page
from livetail.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://www.herald.example/news/flood-live-48213"
WHEN = datetime(2024, 11, 23, 15, 0, tzinfo=UTC)

_TOPICS = (
    (
        "Bridge closed to traffic",
        "Police have closed the river bridge in both directions while engineers inspect it.",
    ),
    (
        "Rest centre opens",
        "The council has opened a rest centre at the leisure centre for people told to leave.",
    ),
    (
        "Rain to ease tonight",
        "Forecasters say the heaviest rain will move east after midnight, easing by dawn.",
    ),
    ("Trains suspended", "Rail services between the two cities are suspended until the line is checked."),
    ("Flood barrier raised", "The Environment Agency has raised the temporary barrier along the quayside."),
    ("Schools shut", "Eleven schools will stay shut tomorrow, the county council has confirmed."),
)


def blog(posts: int, *, extra: str = "", prefix: str = "post") -> str:
    """A vendor's live-blog document: ``posts`` timed posts, newest first."""
    items = "".join(
        f'<article class="lc-post" id="{prefix}-{n}">'
        f'<time datetime="2024-11-23T{14 - n:02d}:{10 + n:02d}:00Z">{14 - n:02d}:{10 + n:02d}</time>'
        f"<h2>{_TOPICS[n % 6][0]}</h2><p>{_TOPICS[n % 6][1]}</p>{extra if n == 0 else ''}</article>"
        for n in range(posts)
    )
    return (
        "<!DOCTYPE html><html><head><title>Flood: live</title>"
        '<script src="https://cdn.vendor.example/embed.js"></script></head>'
        f'<body><h1>Flood: live updates</h1><div class="lc-feed">{items}</div></body></html>'
    )


def frame(document: str, attribute: str = "srcdoc") -> str:
    return f'<iframe width="100%" height="900" {attribute}="{html.escape(document, quote=True)}"></iframe>'


def article(*frames: str, text: str = "") -> bytes:
    """A CMS article page around the frames: nav, an ad, a headline, a standfirst, a footer."""
    return (
        "<!DOCTYPE html><html><head><title>Flood live – The Herald</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        '<div class="ad-slot"><span>Advertisement</span></div>'
        "<main><article><h1>Flood live: bridge closed as river rises</h1>"
        f"<p>Follow our coverage as the river keeps rising.</p>{text}{''.join(frames)}</article></main>"
        "<footer><p>© 2024 The Herald</p></footer></body></html>"
    ).encode()


def run(content: bytes, url: str = URL) -> Extraction:
    return extract(Document(content=content, content_type="text/html; charset=utf-8", url=url, date=WHEN))


# --- the frame's document is read as the page --------------------------------------------------


def test_the_frame_document_is_read_against_the_pages_url_and_date() -> None:
    link = '<p>Details on <a href="../travel/rail">our travel page</a>.</p><img src="/img/bridge.jpg" alt="">'
    result = run(article(frame(blog(4, extra=link))))
    assert result.strategy == "srcdoc:heuristic"
    assert [u.uid for u in result.updates] == ["post-0", "post-1", "post-2", "post-3"]
    first = result.updates[0]
    assert first.url == f"{URL}#post-0"
    assert first.published == datetime(2024, 11, 23, 14, 10, tzinfo=UTC)
    # a browser resolves a srcdoc document's links against its parent's URL
    assert 'href="https://www.herald.example/travel/rail"' in first.content_html
    assert 'src="https://www.herald.example/img/bridge.jpg"' in first.content_html
    assert result.title == "Flood: live updates"  # the frame's own heading


def test_a_frame_without_a_heading_takes_the_pages() -> None:
    inner = blog(3).replace("<h1>Flood: live updates</h1>", "")
    result = run(article(frame(inner)))
    assert result.strategy == "srcdoc:heuristic"
    assert result.title == "Flood live: bridge closed as river rises"


def test_the_frame_beats_the_articles_own_text_read_as_posts() -> None:
    # Two time lines in the article's prose: the plain-text fallback reads them as two posts.
    times = (
        "<p>10:15<br>The river passed its flood level this morning.</p>"
        "<p>11:40<br>Sandbags ran out at the depot.</p>"
    )
    result = run(article(frame(blog(5)), text=times))
    assert result.strategy == "srcdoc:heuristic"
    assert [u.title for u in result.updates] == [title for title, _ in _TOPICS[:5]]
    assert not any("Sandbags" in u.text for u in result.updates)


def test_an_uppercase_attribute_is_read() -> None:
    result = run(article(frame(blog(3), attribute="SRCDOC")))
    assert result.strategy == "srcdoc:heuristic"
    assert len(result.updates) == 3


def test_the_largest_frame_that_yields_updates_wins() -> None:
    small = blog(2, prefix="other")
    result = run(article(frame(small), frame(blog(5))))
    assert [u.uid for u in result.updates] == [f"post-{n}" for n in range(5)]


def test_a_frame_that_yields_nothing_gives_way_to_the_next() -> None:
    # The largest frame is a long article with no timed posts; the blog is the second.
    prose = "<p>" + "The river has risen steadily all week. " * 40 + "</p>"
    result = run(article(frame(f"<html><body>{prose}</body></html>"), frame(blog(3))))
    assert result.strategy == "srcdoc:heuristic"
    assert len(result.updates) == 3


# --- a page that gives updates of its own is read as before --------------------------------------


_AD = (
    '<html><body style="margin:0"><a href="https://ads.example/click?c=1">'
    '<img src="https://ads.example/c/1.jpg" width="300" height="250" alt="Ad"></a></body></html>'
)


@pytest.mark.parametrize("inner", [_AD, blog(6, prefix="framed")], ids=["ad", "a-whole-blog"])
def test_a_page_with_updates_gives_exactly_what_it_gave(inner: str) -> None:
    page = (FIXTURES / "heuristic" / "posts-with-ads-and-share.html").read_bytes()
    with_frame = page.replace(b"</body>", f'<div class="ad-slot">{frame(inner)}</div></body>'.encode())
    without_frame = page.replace(
        b"</body>", f'<div class="ad-slot">{frame(inner, "data-x")}</div></body>'.encode()
    )
    url = "https://news.example.test/live/storm"
    assert run(with_frame, url) == run(without_frame, url) == run(page, url)
    assert run(with_frame, url).strategy == "heuristic"


def test_a_tiny_frame_never_beats_the_pages_text() -> None:
    # The n-tv ticker is read by the plain-text strategy; a small frame with two timed boxes (an
    # ad's "offers") would be read as posts by the heuristic, which runs before plain text.
    page = (FIXTURES / "text" / "ntv-ticker.html").read_bytes()
    offers = (
        '<div class="o"><time datetime="2024-09-18T16:00:00Z">16:00</time><h2>Sale</h2><p>50% off</p></div>'
        '<div class="o"><time datetime="2024-09-18T15:00:00Z">15:00</time><h2>Deal</h2><p>Buy now</p></div>'
    )
    tiny = f"<html><body>{offers}</body></html>"
    assert run(f"<html><body>{offers}</body></html>".encode()).strategy == "heuristic"  # on its own page
    url = "https://www.n-tv.example.test/politik/krieg-im-liveticker"
    with_frame = page.replace(b"</body>", f"{frame(tiny)}</body>".encode())
    assert run(with_frame, url) == run(page, url)
    assert run(with_frame, url).strategy == "text"


def test_a_sidebar_widget_frame_never_beats_the_pages_text() -> None:
    # A headline widget of three teasers, big enough to be read, beside the n-tv ticker.
    page = (FIXTURES / "text" / "ntv-ticker.html").read_bytes()
    url = "https://www.n-tv.example.test/politik/krieg-im-liveticker"
    widget = frame(blog(3))
    with_frame = page.replace(b"</body>", f"<aside>{widget}</aside></body>".encode())
    assert run(with_frame, url) == run(page, url)
    assert run(with_frame, url).strategy == "text"


# --- hostile frames ------------------------------------------------------------------------------


def test_scripts_and_handlers_in_a_frame_never_reach_the_updates() -> None:
    hostile = (
        "<script>alert(document.cookie)</script>"
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)" onclick="alert(3)">tap</a>'
        '<svg onload="alert(4)"><circle r="5"/></svg><p style="background:url(javascript:alert(5))">styled</p>'
        + frame("<script>alert(6)</script><p>deeper</p>")
    )
    result = run(article(frame(blog(3, extra=hostile))))
    assert result.strategy == "srcdoc:heuristic"
    assert_safe(result)
    for update in result.updates:
        for needle in (
            "<script",
            "onerror",
            "onclick",
            "onload",
            "javascript:",
            "alert(",
            "<iframe",
            "srcdoc",
        ):
            assert needle not in update.content_html.lower(), (needle, update.content_html)
        assert "alert(" not in update.text


def test_nested_frames_are_read_to_a_bounded_depth() -> None:
    def wrapped(document: str, levels: int) -> str:
        for _ in range(levels):
            document = f"<html><body><div class=vendor-wrapper>{frame(document)}</div></body></html>"
        return document

    # A vendor's wrapper frame around the blog's: the wrapper shows nothing, the blog is read.
    result = run(article(frame(wrapped(blog(3), srcdoc.MAX_DEPTH - 1))))
    assert result.strategy == "srcdoc:heuristic"
    assert len(result.updates) == 3
    with pytest.raises(ExtractError):
        run(article(frame(wrapped(blog(3), srcdoc.MAX_DEPTH))))


def test_a_page_of_many_nested_frames_parses_a_bounded_number(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    made = srcdoc._frame

    def counting(markup: str, parent: Document) -> Page:
        parsed.append(markup)
        return made(markup, parent)

    monkeypatch.setattr(srcdoc, "_frame", counting)
    leaf = "<html><body><p>" + "nothing timed here " * 20 + "</p></body></html>"
    fan = leaf
    for _ in range(3):
        fan = "<html><body>" + frame(fan) * 5 + "</body></html>"
    with pytest.raises(ExtractError):
        run(article(frame(fan)))
    assert 0 < len(parsed) <= srcdoc.MAX_FRAMES


def test_a_page_without_a_frame_document_is_never_walked() -> None:
    page = Page.from_document(Document(content=article(), content_type="text/html", url=URL))
    assert srcdoc.frame_pages(page) == []
    assert "tree" not in page.__dict__  # the byte search said no before any parse
