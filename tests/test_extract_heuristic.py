"""Heuristic page rules beyond the golden pages: declared zones, page dates, choosing the group."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetail.extract import heuristic, pagehints
from livetail.extract.core import Context
from livetail.extract.engine import extract, finish_found
from livetail.extract.heuristic import heuristic_strategy
from livetail.extract.page import Page
from livetail.extract.stamps import Stamp, find_stamps, walk_stamps
from livetail.model import Document

REAL = Path(__file__).parent / "fixtures" / "real"
DW_URL = "https://www.dw.com/en/germany-shootings-merkel-vows-to-fight-right-wing-poison-after-hanau-attack-live-updates/a-52441015"


def _heuristic(
    html: str | bytes, *, tz: str = "UTC", reference: datetime | None = None, date: datetime | None = None
):  # type: ignore[no-untyped-def]
    content = html.encode() if isinstance(html, str) else html
    page = Page.from_document(
        Document(content=content, content_type="text/html", url="https://x.example/live", date=date)
    )
    context = Context(reference=reference, timezone=ZoneInfo(tz))
    found = heuristic_strategy(page, context)
    return None if found is None else finish_found(found, page, context)


def test_dw_prose_zone_beats_the_configured_default() -> None:
    document = Document(
        content=(REAL / "dw-plain-2020-02-20.html").read_bytes(), content_type="text/html", url=DW_URL
    )
    result = extract(document, timezone="Europe/Berlin")
    assert result.updates[0].published == datetime(2020, 2, 20, 13, 47, tzinfo=UTC)
    assert result.updates[-1].published == datetime(2020, 2, 20, 7, 30, tzinfo=UTC)


def test_dw_page_date_dates_a_file_without_reference() -> None:
    updates = _heuristic((REAL / "dw-plain-2020-02-20.html").read_bytes())
    assert updates is not None and len(updates) == 45
    assert {u.published.date() for u in updates if u.published} == {datetime(2020, 2, 20).date()}


def test_declared_cet_zone_and_iso_title_date() -> None:
    posts = "".join(
        f"<p><strong>{t}</strong> Update at {t} with enough words to count.</p><p>More on it.</p>"
        for t in ("09:30", "08:15", "00:40", "23:50")
    )
    page = (
        "<html><head><title>Ticker 2024-01-10</title></head><body><div class=text>"
        f"<p>- summary bullet</p><p><em>All times are in CET.</em></p>{posts}</div></body></html>"
    )
    updates = _heuristic(page)
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 1, 10, 8, 30, tzinfo=UTC),
        datetime(2024, 1, 10, 7, 15, tzinfo=UTC),
        datetime(2024, 1, 9, 23, 40, tzinfo=UTC),
        datetime(2024, 1, 9, 22, 50, tzinfo=UTC),
    ]
    assert all("summary bullet" not in u.text and "All times" not in u.text for u in updates)


def test_posts_beat_a_carousel_of_timed_links() -> None:
    carousel = "".join(
        f'<li class="ke"><a href="#b{n}">Key event {n}</a> <time>{n}h ago</time></li>' for n in range(1, 9)
    )
    posts = "".join(
        f'<article class="block" id="b{n}"><time datetime="2024-03-05T1{n}:00:00Z">{n}h ago</time>'
        f"<p>Real post number {n}. {'Words of the post. ' * 20}</p></article>"
        for n in range(1, 5)
    )
    updates = _heuristic(
        f"<html><body><ul class=keys>{carousel}</ul><div class=feed>{posts}</div></body></html>"
    )
    assert updates is not None
    assert [u.uid for u in updates] == ["b1", "b2", "b3", "b4"]
    assert all(" ago" not in u.text for u in updates)


def test_day_groups_are_not_updates_their_posts_are() -> None:
    def day(d: int, hours: tuple[int, ...]) -> str:
        return (
            f'<section class="day"><h2 class="day-title">{f"{d} March" if d else "29 February"}</h2>'
            + "".join(
                f'<div class="post"><span class="t">{h}:00 GMT</span><h3>Post {d}-{h}</h3><p>{"Words. " * 30}</p></div>'
                for h in hours
            )
            + "</section>"
        )

    page = f"<html><body><main>{day(2, (14, 12, 10))}{day(1, (20, 16))}{day(0, (13,))}</main></body></html>"
    updates = _heuristic(page, date=datetime(2024, 3, 2, 15, tzinfo=UTC))
    assert updates is not None
    # every day's posts, in page order; not the day containers, and not only the biggest day
    assert [u.title for u in updates] == [
        "Post 2-14",
        "Post 2-12",
        "Post 2-10",
        "Post 1-20",
        "Post 1-16",
        "Post 0-13",
    ]
    assert [u.published.day if u.published else None for u in updates] == [
        2,
        2,
        2,
        1,
        1,
        29,
    ]  # each day heading dates its posts
    assert all("March" not in u.text for u in updates)


def test_day_groups_of_one_post_each_give_their_posts_and_keep_them_when_a_day_gains_one() -> None:
    def page(days: list[tuple[str, list[int]]]) -> str:
        sections = "".join(
            f'<section class="day"><h2>{label}</h2>'
            + "".join(
                f'<div class="post"><span class="t">{h}:00 BST</span><h3>Post {label[:3]} {h}</h3>'
                f"<p>What happened at {h}.</p></div>"
                for h in hours
            )
            + "</section>"
            for label, hours in days
        )
        return f"<html><body><main>{sections}</main></body></html>"

    days = [("Thursday 19 September 2024", [9]), ("Wednesday 18 September 2024", [18])]
    before = _heuristic(page(days), tz="Europe/London")
    after = _heuristic(page([("Thursday 19 September 2024", [10, 9]), *days[1:]]), tz="Europe/London")
    assert before is not None and after is not None
    # the posts, titled by their own headings and dated by their day; not the day sections
    assert [(u.title, u.published) for u in before] == [
        ("Post Thu 9", datetime(2024, 9, 19, 8, tzinfo=UTC)),
        ("Post Wed 18", datetime(2024, 9, 18, 17, tzinfo=UTC)),
    ]
    assert all("September" not in u.text for u in before)
    # a day's second post changes nothing about the first ones
    assert [u.uid for u in after[1:]] == [u.uid for u in before]


def test_posts_with_their_own_date_line_above_a_header_are_posts_not_day_groups() -> None:
    posts = "".join(
        f'<article class="post"><p class="date">{day} September 2024</p>'
        f'<header><span class="t">{h}:00 BST</span><h2>Headline {h}</h2></header>'
        f'<div class="body"><p>What happened at {h} in some detail, with enough words to matter.</p></div></article>'
        for day, h in (("Thursday 19", 9), ("Wednesday 18", 18), ("Tuesday 17", 12))
    )
    updates = _heuristic(f"<html><body><main>{posts}</main></body></html>", tz="Europe/London")
    assert updates is not None
    assert [u.title for u in updates] == ["Headline 9", "Headline 18", "Headline 12"]
    assert all("What happened" in u.text for u in updates)


def test_sections_headed_by_a_topic_are_posts_not_day_groups() -> None:
    sections = "".join(
        f'<section class="story"><h2>{topic}</h2><div class="meta"><span class="t">{h}:00 BST</span>'
        f"<h3>{topic}: latest</h3></div><p>What happened at {h}.</p></section>"
        for topic, h in (("Roads", 9), ("Rail", 8), ("Schools", 7))
    )
    updates = _heuristic(f"<html><body><main>{sections}</main></body></html>", tz="Europe/London")
    assert updates is not None
    assert [u.title for u in updates] == ["Roads", "Rail", "Schools"]


@pytest.mark.parametrize("posts", [2, 3])
def test_a_timed_sidebar_beside_a_small_feed_does_not_make_the_feed_one_update(posts: int) -> None:
    feed = "".join(
        f'<div class="post"><span class="t">{h}:00 GMT</span><h2>Post {h}</h2><p>Body of the {h} o\'clock post.</p></div>'
        for h in (18, 17, 16)[:posts]
    )
    sidebar = '<h3>Latest news</h3><ul><li><span>15:20</span> <a href="/a">Storm</a></li><li><span>14:10</span> <a href="/b">Strike</a></li></ul>'
    page = f'<html><body><div class="row"><div class="col"><div class="feed">{feed}</div></div><div class="col">{sidebar}</div></div></body></html>'
    updates = _heuristic(page, date=datetime(2024, 3, 2, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.title for u in updates] == [f"Post {h}" for h in (18, 17, 16)[:posts]]
    assert all("Storm" not in u.text for u in updates)


@pytest.mark.parametrize("inside_link", [True, False])
def test_a_key_events_list_of_links_does_not_beat_the_posts(inside_link: bool) -> None:
    def event(hh: str, n: int) -> str:
        words = "Rail services suspended after a fallen tree blocks the track near Dawlish in Devon"
        if inside_link:
            return f'<li class="ke"><a href="#p{n}"><span>{hh} BST</span> {words}</a></li>'
        return f'<li class="ke"><span>{hh} BST</span> – <a href="#p{n}">{words}</a></li>'

    events = "".join(event(f"{18 - n}:0{n}", n) for n in range(6))
    posts = "".join(
        f'<div class="post" id="p{n}"><span class="t">{18 - n}:0{n} BST</span><h2>Post {n}</h2><p>Short.</p></div>'
        for n in range(2)
    )
    page = f'<html><body><ul class="key-events">{events}</ul><div class="live">{posts}</div></body></html>'
    updates = _heuristic(page, date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.uid for u in updates] == ["p0", "p1"]


def test_a_lead_clock_followed_by_a_colon_starts_a_post() -> None:
    page = (
        '<html><body><div class="article-body">'
        "<p><strong>7.40pm:</strong> Rail services on the coastal line have been suspended.</p>"
        "<p><strong>6.15pm:</strong> The Met Office has recorded a gust of 81mph.</p>"
        "<p><strong>Update vom 18. September, 16.50 Uhr:</strong> Tausende Haushalte ohne Strom.</p>"
        "</div></body></html>"
    )
    updates = _heuristic(page, tz="Europe/London", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 9, 18, 18, 40, tzinfo=UTC),
        datetime(2024, 9, 18, 17, 15, tzinfo=UTC),
        datetime(2024, 9, 18, 15, 50, tzinfo=UTC),
    ]
    assert updates[0].text == "Rail services on the coastal line have been suspended."


def test_a_date_beside_the_clock_dates_the_post_and_leaves_the_body() -> None:
    def post(n: int, day: str, clock: str) -> str:
        return (
            f'<div class="upd" id="u{n}"><div class="meta"><span class="d">{day}</span> at <span class="t">{clock}</span></div>'
            f"<h3>Post {n}</h3><p>Body {n}.</p></div>"
        )

    page = f'<html><body><div class="blog">{post(3, "Sep 18, 2024", "6:04 pm")}{post(2, "Sep 16, 2024", "4:30 pm")}{post(1, "Sep 15, 2024", "11:00 am")}</div></body></html>'
    updates = _heuristic(page, tz="America/Chicago", date=datetime(2024, 9, 19, 1, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 9, 18, 23, 4, tzinfo=UTC),
        datetime(2024, 9, 16, 21, 30, tzinfo=UTC),
        datetime(2024, 9, 15, 16, 0, tzinfo=UTC),
    ]
    assert [u.text for u in updates] == ["Body 3.", "Body 2.", "Body 1."]


def test_day_separators_between_posts_date_the_posts_after_them() -> None:
    page = (
        '<html><body><div class="live">'
        '<p class="dateline">Last updated 18 September 2024</p>'
        '<h3 class="day">Wednesday 18 September 2024</h3>'
        '<div class="post" id="p3"><span class="t">09:30 BST</span><h2>Polls open</h2><p>Voting has started.</p></div>'
        '<div class="day-divider">Dienstag, 17. September</div>'
        '<div class="post" id="p2"><span class="t">08:00 BST</span><h2>Final pitch</h2><p>Rallies.</p></div>'
        '<div class="post" id="p1"><span class="t">07:30 BST</span><h2>Coverage begins</h2><p>We follow.</p></div>'
        "</div></body></html>"
    )
    updates = _heuristic(page, date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 9, 18, 8, 30, tzinfo=UTC),
        datetime(2024, 9, 17, 7, 0, tzinfo=UTC),  # not the 18th, as the clocks alone would say
        datetime(2024, 9, 17, 6, 30, tzinfo=UTC),
    ]
    assert all("September" not in u.text for u in updates)


def test_a_dateline_is_no_day_separator() -> None:
    page = (
        '<html><body><div class="live">'
        '<p class="dateline">Last updated 17 September 2024</p>'
        '<div class="post" id="p2"><span class="t">00:10 BST</span><h2>After midnight</h2><p>Text.</p></div>'
        '<div class="post" id="p1"><span class="t">23:50 BST</span><h2>Before midnight</h2><p>Text.</p></div>'
        "</div></body></html>"
    )
    updates = _heuristic(page, date=datetime(2024, 9, 18, 0, 30, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 9, 17, 23, 10, tzinfo=UTC),
        datetime(2024, 9, 17, 22, 50, tzinfo=UTC),
    ]


def test_read_also_boxes_and_share_links_are_no_part_of_a_post() -> None:
    extras = [
        '<div class="rel"><span>Mehr zum Thema</span> <a href="/x.html">Was die UN tun kann</a></div>',
        '<div class="article__siblings"><span>Lire aussi</span><a href="/y.html">Comment les bipeurs ont été piégés</a></div>',
        '<p><strong>Also Read:</strong> <a href="/z.html">How the attack unfolded</a></p>',
        '<div class="tools"><a href="https://api.whatsapp.com/send?text=a">WhatsApp</a> '
        '<a href="https://t.me/share/url?url=a">Telegram</a> <a href="https://bsky.app/intent/compose?text=a">Bluesky</a></div>',
    ]
    posts = "".join(
        f'<div class="itm" id="a{n}"><span class="tm">1{n}:04 GMT</span><h2>Post {n}</h2><p>Body {n}.</p>{extra}'
        "<p>Read more about the talks in our explainer, published this morning.</p></div>"
        for n, extra in enumerate(extras)
    )
    updates = _heuristic(
        f'<html><body><div class="lb">{posts}</div></body></html>', date=datetime(2024, 9, 18, 20, tzinfo=UTC)
    )
    assert updates is not None
    assert [u.text for u in updates] == [
        f"Body {n}.\n\nRead more about the talks in our explainer, published this morning." for n in range(4)
    ]


def test_a_posts_byline_and_label_are_its_authors_and_pinned_not_its_text() -> None:
    page = (
        '<html><body><div class="stream">'
        '<div class="card" id="c3" data-pinned="true"><div class="hdr"><span class="label">Pinned</span><span class="ts">09:00</span></div>'
        "<h3>Welcome to our live coverage</h3><p>We will bring you the latest.</p></div>"
        '<div class="card" id="c2"><div class="meta"><span class="author">By Jeff Stein</span><span class="ts">3:42 p.m.</span></div>'
        "<p>Powell said the Fed is not on any preset course.</p></div>"
        '<div class="card" id="c1"><div class="meta"><span class="byline">Rachel Siegel</span><span class="ts">3:05 p.m.</span></div>'
        '<h2>Powell calls cut a recalibration</h2><div class="author-content"><p>Powell spoke to reporters for '
        + "an hour about the decision and what it means for the months ahead, " * 2
        + "</p></div></div></div></body></html>"
    )
    updates = _heuristic(page, tz="America/New_York", date=datetime(2024, 9, 18, 20, tzinfo=UTC))
    assert updates is not None
    assert [u.title for u in updates] == [
        "Welcome to our live coverage",
        "Powell said the Fed is not on any preset course.",
        "Powell calls cut a recalibration",
    ]
    assert [list(u.authors) for u in updates] == [[], ["Jeff Stein"], ["Rachel Siegel"]]
    assert updates[0].pinned and updates[0].text == "We will bring you the latest."
    assert updates[1].text == "Powell said the Fed is not on any preset course."
    assert updates[2].text.startswith("Powell spoke to reporters")  # an "author-content" wrapper stays


def test_a_printed_updated_time_is_the_posts_modified_time_and_leaves_its_text() -> None:
    page = (
        '<html><body><div class="stream">'
        '<div class="post" id="p3"><span class="ts">23:50 BST</span><h2>Late</h2><p>Text.</p><p class="upd">Updated 00:20 BST</p></div>'
        '<div class="post" id="p2"><span class="ts">18:04 BST</span><h2>Stocks jump</h2><p>The FTSE rose 0.8%.</p><p class="upd">Updated 18:30 BST</p></div>'
        '<div class="post" id="p1"><span class="ts">17:31 BST</span><h2>Rates cut</h2><p>The bank cut rates.</p><p class="upd">Mis à jour à 17h45</p></div>'
        "</div></body></html>"
    )
    updates = _heuristic(page, tz="Europe/London", date=datetime(2024, 9, 18, 23, 30, tzinfo=UTC))
    assert updates is not None
    assert [(u.published, u.modified) for u in updates] == [
        (
            datetime(2024, 9, 18, 22, 50, tzinfo=UTC),
            datetime(2024, 9, 18, 23, 20, tzinfo=UTC),
        ),  # past midnight
        (datetime(2024, 9, 18, 17, 4, tzinfo=UTC), datetime(2024, 9, 18, 17, 30, tzinfo=UTC)),
        (datetime(2024, 9, 18, 16, 31, tzinfo=UTC), datetime(2024, 9, 18, 16, 45, tzinfo=UTC)),
    ]
    assert [u.text for u in updates] == ["Text.", "The FTSE rose 0.8%.", "The bank cut rates."]


def test_a_post_quoting_one_earlier_post_is_not_a_day_group() -> None:
    quoted = '<div class="card"><span class="t">09:00 GMT</span><h4>Earlier</h4><p>Quoted text.</p></div>'
    posts = "".join(
        f'<div class="post"><span class="t">{h}:00 GMT</span><h3>Post {h}</h3><p>Body {h}.</p>'
        + (quoted if h == 14 else "")
        + "</div>"
        for h in (14, 12, 10)
    )
    updates = _heuristic(
        f"<html><body><main>{posts}</main></body></html>", date=datetime(2024, 3, 2, 15, tzinfo=UTC)
    )
    assert updates is not None
    assert [u.title for u in updates] == ["Post 14", "Post 12", "Post 10"]


def test_a_page_without_repeated_timed_blocks_is_not_claimed() -> None:
    article = "<html><body><h1>News</h1><p class=byline>2h ago</p><p>Just an article.</p></body></html>"
    assert _heuristic(article) is None


# --- the fast paths give what the rules as written give ---------------------------------------------

# Pieces of live-blog markup, stamps and near-stamps: labels split across elements, labels inside
# skipped elements, long texts, non-ASCII digits and spaces, pinned and ad blocks, nested blocks.
_PIECES = [
    '<div class="post" id="p{n}">',
    '<div class="post pinned">',
    '<article class="block">',
    '<li class="item">',
    '<div class="entry" data-timestamp="172901{d}900">',  # (a wrapper carrying its post's instant)
    '<div data-time="2024-03-05T1{d}:00:00Z">',
    '<span class="entry__time"></span>',
    '<div class="entry" data-published="2024-03-05T1{d}:10:00+08:00">',
    '<span class="ago">{d}h ago</span>',
    '<span class="note"></span>',
    "</div>",
    "</article>",
    "</li>",
    "<ul>",
    "</ul>",
    "<section>",
    "</section>",
    '<time datetime="2024-03-05T1{d}:00:00Z">1{d}:00</time>',
    '<time datetime="2024-03-05T1{d}:30:00">2h ago</time>',
    '<time datetime="bad">1{d}.30 BST</time>',
    "<time>{d} mins ago</time>",
    "<time datetime='2024-03-05T09:00:00+01:00'></time>",
    '<span class="t">1{d}:4{d} GMT</span>',
    "<p><strong>1{d}:47 </strong>Text of the update {n}.</p>",
    "<p>51 seconds ago (18:0{d} GMT)</p>",
    "<p>Updated <time datetime='2024-03-05T10:1{d}:00Z'>10:1{d}</time></p>",
    "<b>a</b>go",
    "just <i>n</i>ow",
    "<span>{d}h</span> a<b>g</b>o",
    "moments ago",
    "٣:٤٥ GMT",
    "١٨:٠٤",
    "18:04\u00a0BST",
    "\u2009\u2009{d}:15\u2009",
    "<h2>Post {n} at 1{d}:00</h2>",
    "<h3>1{d}:00</h3>",
    "<svg><text>1{d}:00</text></svg>",
    "<script>var t = '1{d}:00';</script>",
    "<noscript><p>1{d}:00</p></noscript>",
    "<p>{long}</p>",
    "<p>A short paragraph with {d} numbers.</p>",
    '<figure><img src="/i{n}.jpg"><figcaption>Photo {d}</figcaption></figure>',
    '<div class="ad">Advertisement</div>',
    "<em>{d}</em>",
    "<span>13:45</span><span>13:46</span>",
    "\n",
    " now ",
    "İstanbul 1{d}:00",
    "<pre><time>1{d}:00</time>\nText</pre>",
    "<textarea>1{d}:00</textarea>",
    "<li><b>1{d}:00</b></li>",
    "<p><span>1{d}:00</span></p>",
    "<table><tr><td><time>1{d}:00</time></td></tr></table>",
    "<dl><dt><strong>1{d}:00</strong></dt><dd>x</dd></dl>",
    "<option><span>1{d}:00</span></option>",
]
_LONG = (
    "Officials said the situation remained serious for now and would be reviewed again in 20 minutes. " * 3
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_PIECES), max_size=40))
    body = "".join(p.format(n=n, d=draw(st.integers(0, 9)), long=_LONG) for n, p in enumerate(parts))
    return f"<html><head><title>Live 2024-03-05</title></head><body><main>{body}</main></body></html>"


def _root(html: str):  # type: ignore[no-untyped-def]
    page = Page.from_document(
        Document(content=html.encode(), content_type="text/html", url="https://x.example/")
    )
    root = page.tree.find("body")
    return root if root is not None else page.tree


def _stamp_fields(stamps: list[Stamp]) -> list[tuple[object, ...]]:
    return [(s.element, s.published, s.printed, s.label, s.text) for s in stamps]


@settings(max_examples=200, deadline=None)
@given(html=_pages())
def test_find_stamps_finds_what_the_walk_finds(html: str) -> None:
    context = Context(reference=None, timezone=ZoneInfo("Europe/London"))
    root = _root(html)
    assert _stamp_fields(find_stamps(root, context)) == _stamp_fields(walk_stamps(root, context))


def test_find_stamps_on_real_pages_and_the_bench_shape() -> None:
    context = Context(reference=None, timezone=ZoneInfo("UTC"))
    pages = [p.read_text("utf-8") for p in sorted((Path(__file__).parent / "fixtures").rglob("*.html"))]
    for html in pages:
        root = _root(html)
        assert _stamp_fields(find_stamps(root, context)) == _stamp_fields(walk_stamps(root, context))


@settings(max_examples=200, deadline=None)
@given(html=_pages())
def test_cutting_pieces_out_of_markup_equals_dropping_them_from_a_copy(html: str) -> None:
    root = _root(html)
    for member in root.iter():
        if not isinstance(member.tag, str):
            continue
        remove = [el for el in member.iter() if el.tag in ("time", "h2", "h3", "span", "b", "strong")][:3]
        assert heuristic._without(member, remove) == heuristic._copy_without(member, remove)


@settings(max_examples=200, deadline=None)
@given(html=_pages(), tz=st.sampled_from(["UTC", "Europe/Berlin"]))
def test_the_strategy_gives_the_same_with_the_walk(html: str, tz: str) -> None:
    fast = _heuristic(html, tz=tz, date=datetime(2024, 3, 5, 20, tzinfo=UTC))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(heuristic, "find_stamps", walk_stamps)
        patched.setattr(heuristic, "_without", heuristic._copy_without)
        slow = _heuristic(html, tz=tz, date=datetime(2024, 3, 5, 20, tzinfo=UTC))
    assert fast == slow


_PROSE = st.lists(
    st.sampled_from(
        [
            "All",
            "all",
            "times",
            "Times",
            "TIMES",
            "updates",
            "posts",
            "timestamps",
            "are",
            "is",
            "shown",
            "in",
            "GMT",
            "UTC",
            "CET",
            "Central European",
            "universal coordinated time",
            "(UTC)",
            ".",
            "\n",
            " ",
            "  ",
            "sometimes",
            "smalltimes",
            "İ",
            "ı",
            "ſ",
            "x",
            "all times CET",
            "Times are in GMT",
        ]
    ),
    max_size=30,
).map("".join)


@given(text=_PROSE)
def test_zone_prose_matches_where_the_pattern_does(text: str) -> None:
    assert [m.span() for m in pagehints.zone_prose(text)] == [
        m.span() for m in pagehints._ZONE_PROSE.finditer(text)
    ]


# --- what a review of the body and grouping changes found (each failed before its fix) ----------

_WHEN = datetime(2024, 5, 1, 13, 0, tzinfo=UTC)


def _posts_of(html: str) -> list[tuple[str, str | None, str]]:
    doc = Document(content=html.encode(), content_type="text/html", url="https://e.test/live", date=_WHEN)
    return [(u.uid, u.title, u.text) for u in extract(doc).updates]


def test_an_inner_box_id_every_post_shares_names_no_post() -> None:
    post = '<div class="post"><div class="post-inner" id="post-body"><span>{t}</span><h2>Head {n}</h2><p>Text {n}.</p></div></div>'
    page = (
        "<div class=feed>"
        + "".join(post.format(t=t, n=n) for n, t in enumerate(("12:47", "12:30", "12:10")))
        + "</div>"
    )
    got = _posts_of(page)
    assert [title for _, title, _ in got] == ["Head 0", "Head 1", "Head 2"]
    assert len({uid for uid, _, _ in got}) == 3 and "post-body" not in {uid for uid, _, _ in got}


def test_the_dating_stamp_leaves_the_body_even_inside_a_paragraph() -> None:
    page = (
        "<div class=feed>"
        + "".join(
            f'<div class="post"><p><b>{t}</b> The minister said {n}.</p><p>More {n}.</p></div>'
            for n, t in enumerate(("12:47", "12:30"))
        )
        + "</div>"
    )
    for _, title, text in _posts_of(page):
        assert title is not None and not title.startswith("12:"), title
        assert "12:47" not in text and "12:30" not in text, text


def test_promos_sharing_a_second_class_stay_out_of_the_posts() -> None:
    posts = [
        '<div class="post card" id="p3"><time datetime="2024-05-01T12:30:00Z">12:30</time><h2>Third</h2><p>Third text.</p></div>',
        '<div class="promo-video card"><span>10:00</span><h3>Watch: video 0</h3><p>A video.</p></div>',
        '<div class="post card" id="p2"><time datetime="2024-05-01T12:20:00Z">12:20</time><h2>Second</h2><p>Second text.</p></div>',
        '<div class="promo-video card"><span>11:00</span><h3>Watch: video 1</h3><p>Another video.</p></div>',
        '<div class="key-event post card" id="p1"><time datetime="2024-05-01T12:10:00Z">12:10</time><h2>First</h2><p>First text.</p></div>',
    ]
    assert [uid for uid, _, _ in _posts_of("<div class=feed>" + "".join(posts) + "</div>")] == [
        "p3",
        "p2",
        "p1",
    ]


def test_a_post_with_a_schedule_is_a_post_not_a_container() -> None:
    schedule = "<ul><li>Doors open at <b>10:00</b></li><li>Count at <b>22:00</b></li></ul>"
    page = (
        '<div class="feed"><div class="post" id="a"><span>02.07.2024 • 11:56</span><h2>Today</h2>'
        f"<p>What happens when.</p>{schedule}</div>"
        '<div class="post" id="b"><span>02.07.2024 • 11:30</span><h2>Morning</h2><p>Good morning.</p></div></div>'
    )
    got = _posts_of(page)
    assert [uid for uid, _, _ in got] == ["a", "b"]
    assert "Doors open at 10:00" in got[0][2]


def test_a_time_in_a_sentence_stays_in_the_sentence() -> None:
    page = (
        "<div class=feed>"
        + "".join(
            f'<div class="post"><time datetime="2024-05-01T12:{m}:00Z">12:{m}</time><h2>Rail {m}</h2>'
            '<p>The <span class="time">7.30</span> train was late.</p></div>'
            for m in ("40", "20")
        )
        + "</div>"
    )
    assert all("The 7.30 train was late." in text for _, _, text in _posts_of(page))


def test_day_groups_of_list_item_posts_are_containers() -> None:
    def day(label: str, clocks: tuple[str, ...]) -> str:
        items = "".join(f'<li><span class="ts">{c}</span><p>Post at {c}.</p></li>' for c in clocks)
        return f'<section class="day"><h2>{label}</h2><ul>{items}</ul></section>'

    page = (
        '<div class="days">'
        + day("2 July", ("11:55", "11:30", "11:05"))
        + day("1 July", ("18:40", "18:10", "17:45"))
        + "</div>"
    )
    titles = [title for _, title, _ in _posts_of(page)]
    # (the posts of one day come out, as before; a day is never a post)
    assert titles and all(t.startswith("Post at") for t in titles), titles


def test_several_key_events_stay_posts() -> None:
    def post(n: int, classes: str) -> str:
        return f'<div class="{classes}" id="p{n}"><time datetime="2024-05-01T12:{n:02d}:00Z">12:{n:02d}</time><h2>Post {n}</h2><p>Text {n}.</p></div>'

    classes = ["post", "key-event post", "post", "key-event post", "post", "post"]
    page = "<div class=feed>" + "".join(post(50 - n, c) for n, c in enumerate(classes)) + "</div>"
    assert [uid for uid, _, _ in _posts_of(page)] == ["p50", "p49", "p48", "p47", "p46", "p45"]


def test_a_body_whose_class_names_a_box_is_still_the_body() -> None:
    page = (
        "<div class=feed>"
        + "".join(
            f'<div class="post"><time datetime="2024-05-01T12:{m}:00Z">12:{m}</time><h2>Head {m}</h2>'
            f'<div class="entry-content share-enabled"><p>The whole post {m} is here.</p></div>'
            '<div class="share"><a href="https://twitter.com/intent/tweet?url=x">Tweet</a></div></div>'
            for m in ("40", "20")
        )
        + "</div>"
    )
    for _, _, text in _posts_of(page):
        assert text.startswith("The whole post") and "Tweet" not in text, text


def test_a_schedule_clock_does_not_date_a_post_stamped_relative() -> None:
    page = (
        "<div class=feed>"
        + "".join(
            f'<div class="post"><span class="ago">{ago}</span><h2>Plan {n}</h2>'
            "<ul><li>Doors open at <b>10:00</b></li><li>Count at <b>22:00</b></li></ul></div>"
            for n, ago in enumerate(("5 mins ago", "40 mins ago"))
        )
        + "</div>"
    )
    doc = Document(content=page.encode(), content_type="text/html", url="https://e.test/live", date=_WHEN)
    got = extract(doc).updates
    assert [u.published for u in got] == [
        datetime(2024, 5, 1, 12, 55, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 20, tzinfo=UTC),
    ]
    assert all("Doors open at 10:00" in u.text for u in got)


def test_an_ad_between_inline_posts_joins_neither() -> None:
    page = (
        '<div class="story"><p><strong>12:40</strong> First post text here.</p><p>More of the first.</p>'
        '<div class="ad-slot"><p>Advertisement</p></div>'
        "<p><strong>12:20</strong> Second post text here.</p><p><strong>12:00</strong> Third post.</p></div>"
    )
    got = _posts_of(page)
    assert len(got) == 3 and all("Advertisement" not in text for _, _, text in got), got


# --- false positives a review found on ordinary English pages -------------------------------------


def _feed(posts: str) -> str:
    return f'<html><body><div class="feed">{posts}</div></body></html>'


def _post(title: str, clock: str, body: str = "Words of the post.") -> str:
    return f'<div class="post"><h2>{title}</h2><span>{clock}</span><p>{body}</p></div>'


def test_a_heading_about_a_date_and_a_lone_dateline_are_no_day_separators() -> None:
    about = _feed(_post("A", "09:10") + "<h2>Background: the 7 October floods</h2>" + _post("B", "08:40"))
    updates = _heuristic(about, tz="Europe/London", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 9, 18, 8, 10, tzinfo=UTC),
        datetime(2024, 9, 18, 7, 40, tzinfo=UTC),
    ]
    dateline = _feed(
        "<p>Tuesday 17 September 2024</p>" + _post("A", "07:00") + _post("B", "00:30") + _post("C", "21:15")
    )
    updates = _heuristic(dateline, tz="Europe/London", date=datetime(2024, 9, 18, 8, tzinfo=UTC))
    assert updates is not None
    assert [
        u.published for u in updates
    ] == [  # the clocks walked back from the fetch, not pinned to the 17th
        datetime(2024, 9, 18, 6, 0, tzinfo=UTC),
        datetime(2024, 9, 17, 23, 30, tzinfo=UTC),
        datetime(2024, 9, 17, 20, 15, tzinfo=UTC),
    ]


def test_quote_attributions_and_notes_are_no_bylines() -> None:
    page = _feed(
        '<div class="post"><h2>PM</h2><span>09:10</span><blockquote><p>We will rebuild.</p>'
        '<p class="quote-author">Keir Starmer</p></blockquote><p>The prime minister spoke.</p></div>'
        '<div class="post"><h2>Two</h2><span>08:40</span><div class="byline">By Jane Doe, 08:40</div><p>Text two.</p></div>'
        '<div class="post"><h2>Three</h2><span>08:05</span><p>Text three.</p><span class="author-note">Our reporter lives in the area.</span></div>'
    )
    updates = _heuristic(page, tz="Europe/London", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [list(u.authors) for u in updates] == [[], ["Jane Doe"], []]
    assert "Keir Starmer" in updates[0].text and "Our reporter lives in the area." in updates[2].text


def test_a_post_holding_a_recap_with_headings_does_not_hide_the_feed() -> None:
    moments = "".join(
        f'<div class="moment"><h3>Moment {n}</h3><span>2{n}:05</span><p>Recap {n}.</p></div>'
        for n in range(3)
    )
    page = _feed(
        _post("A", "09:10")
        + f'<div class="post"><h2>Recap</h2><span>08:40</span>{moments}</div>'
        + _post("C", "08:05")
    )
    updates = _heuristic(page, tz="Europe/London", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.title for u in updates] == ["A", "Recap", "C"]


def test_posts_wrapped_in_a_card_link_are_posts() -> None:
    cards = "".join(
        f'<div class="post"><a href="#p{n}"><h2>Vote {n}</h2><span>1{n}:00</span><div>The Senate passed bill {n}.</div></a></div>'
        for n in range(3)
    )
    updates = _heuristic(_feed(cards), tz="UTC", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.title for u in updates] == ["Vote 0", "Vote 1", "Vote 2"]


def test_a_sentence_that_starts_with_related_is_no_read_also_box() -> None:
    page = _feed(
        _post("A", "09:10", 'Related to the collapse, <a href="/p">police</a> arrested two engineers.')
        + _post("B", "08:40", "Read more: <a href='/x'>the full story</a>")
    )
    updates = _heuristic(page, tz="UTC", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert updates[0].text == "Related to the collapse, police arrested two engineers."


def test_an_edit_time_takes_the_pages_declared_zone_and_printed_day() -> None:
    page = (
        "<html><body><p>All times ET.</p><div class='feed'>"
        '<div class="post"><h2>S</h2><span>17:00</span><p>Text.</p><span>Updated 18:30</span></div>'
        '<div class="post"><h2>T</h2><span>17 September, 10:00</span><p>Text.</p><span>Updated 19 September, 18:30</span></div>'
        "</div></body></html>"
    )
    updates = _heuristic(page, tz="UTC", date=datetime(2024, 9, 19, 23, 59, tzinfo=UTC))
    assert updates is not None
    assert updates[0].modified == datetime(2024, 9, 19, 22, 30, tzinfo=UTC)
    assert updates[1].modified == datetime(2024, 9, 19, 22, 30, tzinfo=UTC)


def test_labels_and_read_also_boxes_written_with_entities_or_accents_are_cut() -> None:
    page = _feed(
        '<div class="post"><span>&Eacute;pingl&eacute;</span><h2>Un</h2><span>09:10</span><p>Le ministre a parlé.</p>'
        "<p>À lire aussi : <a href='/y.html'>Comment les bipeurs ont été piégés</a></p></div>"
        '<div class="post"><h2>Deux</h2><span>08:40</span><p>Texte deux.</p>'
        "<p>&Agrave; lire aussi <a href='/z.html'>Autre article</a></p></div>"
        '<div class="post"><h2>Three</h2><span>08:05</span><p>Text three.</p>'
        "<p>&nbsp;Read more: <a href='/x.html'>the full story</a></p></div>"
    )
    updates = _heuristic(page, tz="Europe/Paris", date=datetime(2024, 9, 18, 19, tzinfo=UTC))
    assert updates is not None
    assert [u.text for u in updates] == ["Le ministre a parlé.", "Texte deux.", "Text three."]


def test_a_posted_date_under_each_post_is_no_day_separator() -> None:
    page = _feed(
        _post("A", "07:00")
        + "<p>Posted 18 September 2024</p>"
        + _post("B", "23:50")
        + "<p>Posted 17 September 2024</p>"
    )
    updates = _heuristic(page, tz="UTC", date=datetime(2024, 9, 18, 8, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 9, 18, 7, 0, tzinfo=UTC),
        datetime(2024, 9, 17, 23, 50, tzinfo=UTC),
    ]


def _posts(stamps: list[str], extra: str = "") -> str:
    posts = "".join(
        f'<div class="post" id="p{n}"><span class="t">{stamp}</span><h2>Headline {n}</h2>'
        f"<p>What happened, number {n}.</p>{extra}</div>"
        for n, stamp in enumerate(stamps)
    )
    return f"<html><body><main>{posts}</main></body></html>"


def _times(stamps: list[str], extra: str = "", **page: Any) -> list[datetime | None]:
    """The publish times of the posts that ``_posts`` builds from ``stamps``."""
    updates = _heuristic(_posts(stamps, extra), **page)
    assert updates is not None
    return [u.published for u in updates]


def _at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_nordic_clocks_after_kl_and_klo_are_times() -> None:
    # A dot time alone may be a number; "kl." (klockan) and "klo" (kello) say it is a time.
    times = _times(["kl. 14.31", "klo 13.48", "Kl 12.05"], tz="Europe/Stockholm", date=_at(2024, 3, 14, 14))
    assert times == [_at(2024, 3, 14, 13, 31), _at(2024, 3, 14, 12, 48), _at(2024, 3, 14, 11, 5)]


def test_nordic_dot_clocks_after_a_day_or_a_date_are_times() -> None:
    # Aftonbladet: "i dag 05.10", "i går 23.05", and a date for older posts.
    times = _times(
        ["i dag 05.10", "i går 23.05", "12 juni 21.14"], tz="Europe/Stockholm", date=_at(2025, 6, 14, 9)
    )
    assert times == [_at(2025, 6, 14, 3, 10), _at(2025, 6, 13, 21, 5), _at(2025, 6, 12, 19, 14)]


def test_folhas_dotted_dates_joined_by_as_are_stamps() -> None:
    times = _times(
        ["20.jan.2025 às 21h10", "20.jan.2025 às 17h45", "19.jan.2025 às 23h58"],
        tz="America/Sao_Paulo",
        date=_at(2025, 1, 21, 12),
    )
    assert times == [_at(2025, 1, 21, 0, 10), _at(2025, 1, 20, 20, 45), _at(2025, 1, 20, 2, 58)]


def test_today_and_yesterday_stamps_name_their_day() -> None:
    # The newest post is from yesterday evening: read as a bare clock it would be this morning's.
    zurich: dict[str, Any] = {"tz": "Europe/Zurich", "date": _at(2024, 3, 20, 9)}
    times = _times(["Gestern, 22:15", "Gestern um 16:30 Uhr", "Yesterday, 8.05am"], **zurich)
    assert times == [_at(2024, 3, 19, 21, 15), _at(2024, 3, 19, 15, 30), _at(2024, 3, 19, 7, 5)]
    today = _heuristic(_posts(["Heute, 09:12", "Today, 07:40", "Gestern, 22:15"]), **zurich)
    assert today is not None
    assert [u.published for u in today] == [
        _at(2024, 3, 20, 8, 12),
        _at(2024, 3, 20, 6, 40),
        _at(2024, 3, 19, 21, 15),
    ]
    # The uid keeps what is printed: the day's name changes at midnight ("Heute" -> "Gestern").
    later = _heuristic(_posts(["Gestern, 09:12", "Gestern, 07:40", "Vorgestern"]), date=_at(2024, 3, 21))
    assert later is not None and [u.uid for u in later[:2]] == [u.uid for u in today[:2]]


def test_french_hier_before_a_clock_says_yesterday() -> None:
    # Le Monde and Ouest-France print "hier 22h15" as often as "hier, 22h15" or "hier à 22h15".
    paris: dict[str, Any] = {"tz": "Europe/Paris", "date": _at(2024, 3, 20, 9)}
    times = _times(["Hier 22h15", "hier 16h30", "Hier à 08:05"], **paris)
    assert times == [_at(2024, 3, 19, 21, 15), _at(2024, 3, 19, 15, 30), _at(2024, 3, 19, 7, 5)]


def test_nordic_relative_times_and_edit_labels() -> None:
    stamps = ["för 4 minuter sedan", "for 2 timer siden", "3 tuntia sitten"]
    times = _times(stamps, tz="Europe/Helsinki", date=_at(2024, 3, 14, 14))
    assert times == [_at(2024, 3, 14, 13, 56), _at(2024, 3, 14, 12, 0), _at(2024, 3, 14, 11, 0)]
    edited = _heuristic(
        _posts(["klo 20.47", "klo 20.10"], extra='<p class="upd">Päivitetty klo 20.55</p>'),
        tz="Europe/Helsinki",
        date=datetime(2024, 2, 11, 19, tzinfo=UTC),
    )
    assert edited is not None
    assert edited[0].modified == datetime(2024, 2, 11, 18, 55, tzinfo=UTC)
    assert all("Päivitetty" not in u.text for u in edited)


def test_a_date_and_a_clock_in_adjacent_spans_date_the_post() -> None:
    # Tickaroo: <span>14.03.2024</span><span>13:05</span>, no space between, read "14.03.202413:05".
    stamps = ['<span class="d">14.03.2024</span><span class="c">13:05</span>'] + [
        f'<span class="d">13.03.2024</span><span class="c">{h}</span>' for h in ("09:12", "08:00")
    ]
    updates = _heuristic(_posts(stamps), tz="Europe/Berlin")  # no reference: the dates are printed
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 3, 14, 12, 5, tzinfo=UTC),
        datetime(2024, 3, 13, 8, 12, tzinfo=UTC),
        datetime(2024, 3, 13, 7, 0, tzinfo=UTC),
    ]
    assert all(".2024" not in u.text for u in updates)


def test_more_furniture_never_reaches_a_posts_text() -> None:
    extra = (
        '<div class="PostByline_root__x1"><span class="PostAuthor">By Kate Ainsworth</span></div>'
        '<div class="liveShare">Share this article<button>Share</button></div>'
        '<footer><a class="share" href="#">Teilen</a></footer><span class="lb24-like">12</span>'
    )
    updates = _heuristic(_posts(["10:05", "09:40"], extra), date=datetime(2024, 3, 14, 11, tzinfo=UTC))
    assert updates is not None and len(updates) == 2
    for update in updates:
        assert update.text.startswith("What happened"), update.text
        for leak in ("Kate", "Share", "Teilen", "12"):
            assert leak not in update.text, (leak, update.text)
        assert update.authors == ("Kate Ainsworth",)


@pytest.mark.parametrize(
    "box",
    [
        "<p>A lire aussi <a href='/x'>Pourquoi Rungis est une cible</a></p>",
        "<p>Related Article<a href='/x'>Inside the city living under fire</a></p>",
        "<p>Lue myös: <a href='/x'>Tällainen on uusi presidentti</a></p>",
        "<p>Läs också: <a href='/x'>Så påverkas du av stormen</a></p>",
        "<p>Les også: <a href='/x'>Slik rammes du</a></p>",
        "<p>Leggi tutto: <a href='/x'>Il testo integrale</a></p>",
        "<p><a href='/x'>Weiterlesen</a></p>",
        "<p>Czytaj więcej: <a href='/x'>Wyniki wyborów</a></p>",
        # The Straits Times, RTVE, El País, iDNES and Kathimerini
        "<div class='related-box'><strong>READ MORE HERE</strong><a href='/x'>Budget 2025: What you need to know</a></div>",
        "<div class='relacionadas'><span>Noticias relacionadas</span><a href='/x'>Así queda el mapa de la DANA</a></div>",
        "<p>Lea también: <a href='/x'>Qué es una DANA</a></p>",
        "<p>Čtěte také: <a href='/x'>Povodně na Jesenicku</a></p>",
        "<p>Διαβάστε επίσης: <a href='/x'>Τι αλλάζει στις συντάξεις</a></p>",
        # TVN24, RTP, Meduza, Ukrainska Pravda, Al Arabiya, NHK, LRT, ORF, Reuters, Delfi
        "<p>Czytaj także: <a href='/x'>Numery alarmowe</a></p>",
        "<p>Leia também: <a href='/x'>Como ajudar as vítimas</a></p>",
        "<p>Читайте также: <a href='/x'>Что известно о взрыве</a></p>",
        "<p>Читайте також: <a href='/x'>Що відомо про атаку</a></p>",
        "<p>اقرأ أيضاً: <a href='/x'>ما الذي نعرفه</a></p>",
        "<div><span>関連ニュース</span><a href='/x'>台風10号の進路</a></div>",
        "<p>Taip pat skaitykite: <a href='/x'>Kas žinoma apie audrą</a></p>",
        "<p>Mehr dazu in <a href='/x'>Hochwasser in Niederösterreich</a></p>",
        "<div><strong>Read Next</strong><a href='/x'>Markets slide as rates rise</a></div>",
        "<p>LOE KA: <a href='/x'>Kuidas tormiks valmistuda</a></p>",
        "<div><span>Kapcsolódó</span><a href='/x'>Így szavaztak a kerületek</a></div>",  # HVG
    ],
)
def test_read_also_boxes_in_more_languages_are_cut(box: str) -> None:
    updates = _heuristic(_posts(["10:05", "09:40"], box), date=datetime(2024, 3, 14, 11, tzinfo=UTC))
    assert updates is not None
    assert [u.text for u in updates] == ["What happened, number 0.", "What happened, number 1."]


@pytest.mark.parametrize(
    "label",
    [
        "<div class='ncpost-pinned-label'>Key point</div>",
        "<span class='relation__important'>Ważne</span>",
        "<div class='nyh_live-post__label'>Viktigt</div>",
    ],
)
def test_a_posts_label_is_no_part_of_its_text(label: str) -> None:
    # Sky News labels a pinned post "Key point"; Gazeta an important one "Ważne".
    updates = _heuristic(_posts(["10:05", "09:40"], label), date=datetime(2024, 3, 14, 11, tzinfo=UTC))
    assert updates is not None
    assert [u.text for u in updates] == ["What happened, number 0.", "What happened, number 1."]


def test_a_pinned_class_or_label_marks_the_post_pinned() -> None:
    page = (
        '<html><body><main><div class="tik4-event tik4-event--pin" id="a"><span>08:00</span><h2>Summary</h2>'
        '<p>The key points.</p></div><div class="tik4-event" id="b"><span>10:05</span><h2>News</h2><p>Text.</p></div>'
        '<div class="tik4-event" id="c"><span class="tag">Pinned</span><span>09:05</span><h2>Old news</h2>'
        '<p>More.</p></div><div class="tik4-event spinner-host" id="d"><span>08:30</span><h2>Later</h2>'
        "<p>Even more.</p></div></main></body></html>"
    )
    updates = _heuristic(page, date=datetime(2024, 3, 14, 11, tzinfo=UTC))
    assert updates is not None
    assert [(u.uid, u.pinned) for u in updates] == [("a", True), ("b", False), ("c", True), ("d", False)]
    assert "Pinned" not in updates[2].text


def test_a_clock_led_paragraph_titles_its_post_without_the_dash_that_led_in() -> None:
    # Substack-style: "<p><strong>3:40 p.m.</strong> — The Senate passed the bill.</p>"
    paragraphs = "".join(
        f"<p><strong>{t}</strong> — {title}. More on it here.</p><p>Another paragraph about it.</p>"
        for t, title in (("3:40 p.m.", "The Senate passed the bill"), ("2:15 p.m.", "Debate resumed"))
    )
    updates = _heuristic(
        f"<html><body><div class=entry>{paragraphs}</div></body></html>",
        date=datetime(2024, 3, 13, 21, tzinfo=UTC),
    )
    assert updates is not None
    assert [u.title for u in updates] == ["The Senate passed the bill.", "Debate resumed."]


def test_a_teaser_card_for_another_article_is_cut_from_the_post() -> None:
    teaser = (
        '<article class="rail__item teaser"><a href="/royals/12345/explained/"><h3>What is a kill notice?</h3>'
        '<time class="teaser__time">2:00pm</time><p>Everything you need to know</p></a></article>'
    )
    updates = _heuristic(_posts(["10:05", "09:40"], teaser), date=datetime(2024, 3, 14, 11, tzinfo=UTC))
    assert updates is not None
    assert [(u.title, u.text) for u in updates] == [
        ("Headline 0", "What happened, number 0."),
        ("Headline 1", "What happened, number 1."),
    ]
    # A post whose headline links to its own page keeps its words.
    linked = "".join(
        f'<div class="post" id="p{n}"><span class="t">{t}</span><a href="/live/p{n}"><h2>Headline {n}</h2></a>'
        f"<p>What happened, number {n}.</p></div>"
        for n, t in enumerate(("10:05", "09:40"))
    )
    kept = _heuristic(
        f"<html><body><main>{linked}</main></body></html>", date=datetime(2024, 3, 14, 11, tzinfo=UTC)
    )
    assert kept is not None
    assert [(u.title, u.text) for u in kept] == [
        ("Headline 0", "What happened, number 0."),
        ("Headline 1", "What happened, number 1."),
    ]


@pytest.mark.parametrize("word", ["GOAL", "Fire", "Yes"])
def test_a_one_word_post_is_a_post_not_a_zone_after_its_time(word: str) -> None:
    # "13:05GOAL" once read as a time with the zone "GOAL": the whole post was its stamp, and lost.
    page = (
        '<html><body><div class="lb"><div class="p"><span class="t">14:05</span><p>The first post has a body.</p></div>'
        f'<div class="p"><span class="t">13:05</span><p>{word}</p></div>'
        '<div class="p"><span class="t">12:05</span><p>The third post has one too.</p></div></div></body></html>'
    )
    updates = _heuristic(page, date=datetime(2024, 5, 1, 15, tzinfo=UTC))
    assert updates is not None
    assert [u.text for u in updates] == ["The first post has a body.", word, "The third post has one too."]


@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u2060", "\u200e", "\u200f", "\u200d", "\u00ad"])
def test_invisible_characters_in_a_stamp_do_not_lose_the_post(mark: str) -> None:
    times = _times([f"{mark}14:05{mark}", f"13{mark}:40", "12:02"], date=_at(2024, 5, 1, 15))
    assert times == [_at(2024, 5, 1, 14, 5), _at(2024, 5, 1, 13, 40), _at(2024, 5, 1, 12, 2)]


def test_a_post_that_is_only_a_picture_is_kept_and_titled_by_its_alt_text() -> None:
    page = (
        '<html><body><div class="liveblog"><div class="post" id="p3"><span class="time">12:20</span>'
        '<p>The King has been crowned.</p></div><div class="post" id="p2"><span class="time">12:05</span>'
        '<img src="https://cdn.example.com/crown.jpg" alt="The crown is placed on his head"></div>'
        '<div class="post" id="p1"><span class="time">11:00</span><p>Welcome to our coverage.</p></div>'
        "</div></body></html>"
    )
    updates = _heuristic(page, date=datetime(2023, 5, 6, 13, tzinfo=UTC))
    assert updates is not None
    assert [u.uid for u in updates] == ["p3", "p2", "p1"]
    assert updates[1].title == "The crown is placed on his head"
    assert '<img src="https://cdn.example.com/crown.jpg"' in updates[1].content_html
    assert "12:05" not in updates[1].content_html


def test_times_in_a_posts_table_or_list_stay_in_its_text() -> None:
    table = (
        "<table><tr><td>Spain v England</td><td>20:00</td></tr><tr><td>France v Italy</td><td>17:00</td></tr></table>"
        "<ul><li>Kick-off</li><li>21:00</li></ul>"
    )
    updates = _heuristic(_posts(["22:41", "19:00"], table), date=datetime(2024, 7, 14, 23, tzinfo=UTC))
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 7, 14, 22, 41, tzinfo=UTC),
        datetime(2024, 7, 14, 19, 0, tzinfo=UTC),
    ]
    for update in updates:
        assert "<td>20:00</td>" in update.content_html and "<li>21:00</li>" in update.content_html


def test_a_bold_first_line_titles_a_post_without_a_heading_before_its_text() -> None:
    posts = "".join(
        f'<div class="live-update"><span class="t">{t}</span><p><strong>{title}</strong></p><p>{body}</p>'
        f'<div class="radar"><h4>Interactive Radar</h4><p>Current temp: 18F</p></div></div>'
        for t, title, body in (
            ("11:05 PM", "MBTA suspends commuter rail", "All service is suspended."),
            ("9:40 PM", "Emergency declared", "Gov. Baker declares a state of emergency."),
        )
    )
    updates = _heuristic(
        f"<html><body><div class=feed>{posts}</div></body></html>", date=datetime(2022, 1, 29, 5, tzinfo=UTC)
    )
    assert updates is not None
    assert [u.title for u in updates] == ["MBTA suspends commuter rail", "Emergency declared"]
    assert [u.text.split("\n")[0] for u in updates] == [
        "All service is suspended.",
        "Gov. Baker declares a state of emergency.",
    ]


def test_a_post_split_into_a_header_and_a_body_sibling_keeps_its_body() -> None:
    parts = "".join(
        f'<div class="post-header"><span class="time">{t}</span><h3>{title}</h3></div>'
        f'<div class="post-body"><p>{body}</p></div>'
        for t, title, body in (
            ("23:45", "Turnout estimated at 60%", "Officials say turnout is down on 2019."),
            ("23:10", "First result declared", "Sunderland declares first, as ever."),
        )
    )
    updates = _heuristic(
        f"<html><body><div class=feed>{parts}</div></body></html>", date=datetime(2024, 7, 5, tzinfo=UTC)
    )
    assert updates is not None
    assert [(u.title, u.text) for u in updates] == [
        ("Turnout estimated at 60%", "Officials say turnout is down on 2019."),
        ("First result declared", "Sunderland declares first, as ever."),
    ]
    # Posts followed by an ad box each keep their own text and never the ad's.
    posts = _posts(["23:45", "23:10"]).replace(
        "</p></div>", '</p></div><div class="ad-slot">Advertisement here</div>'
    )
    kept = _heuristic(posts, date=datetime(2024, 7, 5, tzinfo=UTC))
    assert kept is not None and [u.text for u in kept] == [
        "What happened, number 0.",
        "What happened, number 1.",
    ]


def test_class_words_from_camel_case_never_cut_ordinary_content() -> None:
    extra = (
        '<div class="fullTimeScore">Arsenal 2-1 Everton</div>'
        '<ul class="nAdUlW"><li>City win: champions</li></ul><div class="tipOGA">Stay tuned.</div>'
        '<blockquote><p>We have to believe.</p></blockquote><div class="quoteAuthor">Mikel Arteta</div>'
        '<ul class="world-reactions"><li>Paris: congratulations</li></ul><div class="reader-reactions">Readers agree.</div>'
    )
    updates = _heuristic(_posts(["17:55", "14:40"], extra), date=datetime(2024, 5, 19, 18, tzinfo=UTC))
    assert updates is not None
    for update in updates:
        for kept in (
            "Arsenal 2-1 Everton",
            "City win",
            "Stay tuned.",
            "Mikel Arteta",
            "Paris",
            "Readers agree.",
        ):
            assert kept in update.text, (kept, update.text)
        assert update.authors == ()


@pytest.mark.parametrize("line", ["Today at 8.15pm", "At 8.15pm", "Hier um 20:15 Uhr", "hier om 20.00 uur"])
def test_a_line_naming_a_time_in_a_posts_text_stays_text(line: str) -> None:
    updates = _heuristic(_posts(["18:02", "16:45"], f"<p>{line}</p>"), date=_at(2024, 6, 26, 19))
    assert updates is not None
    assert all(line in u.text for u in updates)
    assert [u.published for u in updates] == [_at(2024, 6, 26, 18, 2), _at(2024, 6, 26, 16, 45)]


def test_today_is_never_after_the_reference() -> None:
    # A US page read with the default zone (UTC): "Today, 21:12" on the reference's day would be
    # twenty hours ahead; the walk dates it instead.
    times = _times(["Today, 21:12", "Today, 20:40"], date=_at(2024, 3, 20, 1, 30))
    assert times == [_at(2024, 3, 19, 21, 12), _at(2024, 3, 19, 20, 40)]


def test_one_post_day_groups_that_carry_the_posts_id_or_picture_stay_the_posts() -> None:
    posts = "".join(
        f'<article class="post" id="post-{n}"><h4>{day} 2023</h4>'
        f'<div class="inner"><span class="t">{t}</span><h2>Headline {n}</h2><p>Text of post {n}, several words.</p></div>'
        "</article>"
        for n, day, t in (
            (3, "Thursday 2 November", "09:15"),
            (2, "Wednesday 1 November", "18:04"),
            (1, "Tuesday 31 October", "12:30"),
        )
    )
    updates = _heuristic(f"<html><body><main>{posts}</main></body></html>")
    assert updates is not None
    assert [u.uid for u in updates] == ["post-3", "post-2", "post-1"]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Von Peter Münch", "Peter Münch"),
        ("Par Marie-Claire Dupont", "Marie-Claire Dupont"),
    ],
)
def test_a_byline_without_a_class_is_cut_and_names_the_author(line: str, author: str) -> None:
    updates = _heuristic(
        _posts(["14:05", "13:10"], f'<div class="c9">{line}</div>'), date=_at(2024, 6, 11, 15)
    )
    assert updates is not None
    assert [(u.text, u.authors) for u in updates] == [
        ("What happened, number 0.", (author,)),
        ("What happened, number 1.", (author,)),
    ]


@pytest.mark.parametrize("line", ["By Monday Night", "By the numbers", "By Air Canada flight", "By 9pm"])
def test_a_line_starting_with_by_that_names_nobody_stays_text(line: str) -> None:
    updates = _heuristic(_posts(["14:05", "13:10"], f"<p>{line}</p>"), date=_at(2024, 6, 11, 15))
    assert updates is not None
    assert all(line in u.text and u.authors == () for u in updates)


def test_posts_whose_text_is_in_a_div_keep_the_box_after_them_out() -> None:
    posts = "".join(
        f'<div class="entry"><span class="time">{t}</span><h3>{title}</h3><div class="txt">{body}</div></div>'
        '<div class="slot-wrap"><span>Continue reading after the advertisement below</span></div>'
        for t, title, body in (
            ("15:42", "Second goal", "Haaland heads in. 2-0."),
            ("15:30", "City lead", "Foden scores. 1-0."),
        )
    )
    updates = _heuristic(
        f"<html><body><div class=feed>{posts}</div></body></html>", date=_at(2024, 5, 14, 16)
    )
    assert updates is not None
    assert [u.text for u in updates] == ["Haaland heads in. 2-0.", "Foden scores. 1-0."]


def test_a_bold_label_or_speaker_line_never_titles_a_post_with_its_own_heading() -> None:
    posts = (
        '<div class="post"><span class="t">14:20</span><p><strong>Breaking</strong></p><h3>Fuel duty frozen</h3>'
        "<p>The freeze continues.</p></div>"
        '<div class="post"><span class="t">14:05</span><p><b>Rachel Reeves, chancellor</b></p>'
        "<blockquote>We will fix the foundations.</blockquote><h3>Reeves speaks</h3><p>She opened her statement.</p></div>"
    )
    updates = _heuristic(f"<html><body><main>{posts}</main></body></html>", date=_at(2024, 10, 30, 15))
    assert updates is not None
    assert [u.title for u in updates] == ["Fuel duty frozen", "Reeves speaks"]


def test_a_roundup_of_linked_summaries_keeps_them() -> None:
    cards = "".join(
        f'<a href="/news/{n}"><h3>{title}</h3><p>{text}</p></a>'
        for n, title, text in (
            (1, "Trains cancelled", "No trains run to Bristol."),
            (2, "Red warning", "Wind up to 90mph."),
        )
    )
    updates = _heuristic(_posts(["15:42", "15:30"], cards), date=_at(2024, 5, 14, 16))
    assert updates is not None
    assert all("No trains run to Bristol." in u.text and "Wind up to 90mph." in u.text for u in updates)


@pytest.mark.parametrize("suffix", ["hrs", "hs", "horas", "Uhr", "WEZ"])
def test_a_clock_with_its_hours_word_is_a_stamp(suffix: str) -> None:
    times = _times([f"14:20 {suffix}", f"14:05 {suffix}"], date=_at(2024, 10, 30, 15))
    assert times == [_at(2024, 10, 30, 14, 20), _at(2024, 10, 30, 14, 5)]


def test_a_bold_title_beside_the_stamp_in_the_post_header_titles_it_and_leaves_the_body() -> None:
    # KBS, Yonhap: "<div class=head><span class=time>14:05</span><strong>Title</strong></div>".
    posts = [
        ("14:05", "Barriers hold in Shrewsbury", "The barriers held overnight, the agency said."),
        ("13:40", "River peaks in Bewdley", "The Severn peaked just below the record."),
        ("12:20", "Schools close", "Twelve schools stayed shut across the county."),
    ]
    page = "".join(
        f'<div class="live_box"><div class="live_head"><span class="time">{time}</span>'
        f'<strong class="live_tit">{title}</strong></div><div class="live_txt"><p>{text}</p></div></div>'
        for time, title, text in posts
    )
    updates = _heuristic(
        f"<html><body><section>{page}</section></body></html>",
        reference=datetime(2024, 3, 14, 15, tzinfo=UTC),
    )
    assert updates is not None
    assert [(u.title, u.text) for u in updates] == [(title, text) for _, title, text in posts]


def test_a_box_that_says_by_class_it_is_the_title_titles_the_post_and_leaves_the_body() -> None:
    # kicker: "<div class=ticker-item_headline>Schluss!</div>" before the text, no h-tag, no bold.
    posts = [
        ("14:05", "Schluss!", "Der FC Bayern gewinnt verdient mit 3:1."),
        ("13:40", "Tor für Mainz!", "Onisiwo köpft nach einer Ecke zum 1:3 ein."),
        ("13:20", "Halbzeit", "Mit einer 3:0-Führung geht es in die Kabinen."),
    ]
    page = "".join(
        f'<div class="item"><div class="item_time"><span>{time}</span></div><div class="item_content">'
        f'<div class="item_headline">{title}</div><div class="item_text"><p>{text}</p></div></div></div>'
        for time, title, text in posts
    )
    updates = _heuristic(
        f"<html><body><section>{page}</section></body></html>", reference=datetime(2024, 3, 9, 15, tzinfo=UTC)
    )
    assert updates is not None
    assert [(u.title, u.text) for u in updates] == [(title, text) for _, title, text in posts]


def test_an_edit_time_printed_before_the_posts_own_time_is_its_edit_time() -> None:
    # The Washington Post prints "Updated 3:40 p.m. EST" before the post's "12:15 p.m. EST".
    def post(n: int, stamp: str) -> str:
        return (
            f'<article data-qa="live-post" id="link-{n}"><div data-qa="post-timestamp">{stamp}</div>'
            f"<h2>Headline {n}</h2><p>What happened, number {n}.</p></article>"
        )

    page = (
        "<html><body><div class=live>"
        + post(3, "<span>Updated 3:40 p.m. EST</span> <span>12:15 p.m. EST</span>")
        + post(2, "<span>Updated 9:05 a.m. EST</span>")  # only an edit time: it is all that dates the post
        + post(1, "<span>2:30 a.m. EST</span>")
        + "</div></body></html>"
    )
    updates = _heuristic(page, date=_at(2024, 11, 6, 21))
    assert updates is not None
    assert [(u.published, u.modified) for u in updates] == [
        (_at(2024, 11, 6, 17, 15), _at(2024, 11, 6, 20, 40)),
        (_at(2024, 11, 6, 14, 5), None),
        (_at(2024, 11, 6, 7, 30), None),
    ]
    assert not any("Updated" in u.text or "EST" in u.text for u in updates)


def test_a_pinned_post_that_shows_a_pin_instead_of_a_time_is_kept() -> None:
    # Tickaroo: the pinned line-up's stamp box holds only a pin icon.
    def event(eid: str, stamp: str, title: str, text: str, pin: bool = False) -> str:
        return (
            f'<div class="tik4-event{" tik4-event--pin" if pin else ""}" id="tik4-event-{eid}">'
            f'<div class="tik4-meta__ts">{stamp}</div><h3>{title}</h3><p>{text}</p></div>'
        )

    page = (
        '<html><body><h1>FC Bayern gegen Augsburg</h1><div class="tik4-event-list">'
        + event("p1", '<span class="tik4-icon--pin"></span>', "Die Aufstellungen",
                "Bayern: Neuer – Kimmich, Upamecano, Kim, Davies – Goretzka, Pavlović – Kane.", pin=True)
        + event("a9", "<span>21:17</span>", "TOR für Bayern!", "Kane verwandelt den Foulelfmeter sicher links unten.")
        + event("a8", "<span>20:51</span>", "1:0 Musiala", "Musiala trifft nach Vorarbeit von Olise zum 1:0.")
        + '<div class="tik4-event tik4-event--ad" id="tik4-ad"><h3>Anzeige</h3><p>Jetzt Tickets sichern für das nächste Heimspiel!</p></div>'
        + "</div></body></html>"
    )  # fmt: skip
    updates = _heuristic(page, date=_at(2024, 11, 22, 22))
    assert updates is not None
    assert [(u.uid, u.title, u.published, u.pinned) for u in updates] == [
        ("tik4-event-p1", "Die Aufstellungen", None, True),
        ("tik4-event-a9", "TOR für Bayern!", _at(2024, 11, 22, 21, 17), False),
        ("tik4-event-a8", "1:0 Musiala", _at(2024, 11, 22, 20, 51), False),
    ]
    assert updates[0].text.startswith("Bayern: Neuer")


def test_estonian_today_and_yesterday_stamps_name_their_day() -> None:
    tallinn: dict[str, Any] = {"tz": "Europe/Tallinn", "date": _at(2024, 11, 20, 9)}
    assert _times(["täna 00:25", "eile 23:30", "eile 18:05"], **tallinn) == [
        _at(2024, 11, 19, 22, 25),
        _at(2024, 11, 19, 21, 30),
        _at(2024, 11, 19, 16, 5),
    ]


def _stamped(stamp: str) -> str:
    return (
        "<html><body><main>"
        + "".join(
            f'<article class="post" id="p{n}"><header class="meta">{stamp.format(n=n)}</header>'
            f"<h2>Headline {n}</h2><p>What happened, number {n}.</p></article>"
            for n in (5, 4)
        )
        + "</main></body></html>"
    )


def test_a_stamp_in_spans_without_spaces_between_them_reads_as_printed() -> None:
    # Scripts render "<span>08:47 PM</span><span>Jun 04</span>" with nothing between the spans.
    updates = _heuristic(
        _stamped("<span>08:{n}7 PM</span><span>Jun 04</span>"), tz="Asia/Kolkata", date=_at(2024, 6, 4, 18)
    )
    assert updates is not None and [u.published for u in updates] == [
        _at(2024, 6, 4, 15, 27),
        _at(2024, 6, 4, 15, 17),
    ]
    # TVN24: the day, the time and the edit time, the last two glued
    updates = _heuristic(
        _stamped("<span>15.09.2024</span> <span>14:{n}0</span><span>aktualizacja: 15:55</span>"),
        tz="Europe/Warsaw",
        date=_at(2024, 9, 16, 12),
    )
    assert updates is not None
    assert [(u.published, u.modified) for u in updates] == [
        (_at(2024, 9, 15, 12, 50), _at(2024, 9, 15, 13, 55)),
        (_at(2024, 9, 15, 12, 40), _at(2024, 9, 15, 13, 55)),
    ]
    assert not any("aktualizacja" in u.text or "15.09" in u.text for u in updates)


def test_an_edit_time_printed_after_an_explicit_time_edits_the_post() -> None:
    # SVT: "<time datetime=…>17.32</time><span>Uppdaterad 17.45</span>"
    updates = _heuristic(
        _stamped('<time datetime="2024-03-07T17:3{n}:00+01:00">17.3{n}</time><span>Uppdaterad 17.58</span>'),
        tz="Europe/Stockholm",
        date=_at(2024, 3, 7, 20),
    )
    assert updates is not None
    assert [(u.published, u.modified) for u in updates] == [
        (_at(2024, 3, 7, 16, 35), _at(2024, 3, 7, 16, 58)),
        (_at(2024, 3, 7, 16, 34), _at(2024, 3, 7, 16, 58)),
    ]
    assert not any("Uppdaterad" in u.text for u in updates)


def _timed_posts(first: str = "", inner_ids: bool = False) -> str:
    def post(n: int, clock: str, title: str) -> str:
        inner = (
            f'<time datetime="2024-05-01T{clock}:00Z">{clock}</time><h2>{title}</h2>'
            f"<p>What happened, number {n}, at length.</p>"
        )
        if inner_ids:
            return f'<div class="post"><div id="p{n}">{inner}</div></div>'
        return f'<div class="post" id="p{n}">{inner}</div>'

    posts = (
        post(3, "17:30", "Roads closed")
        + post(2, "17:00", "Rain arrives")
        + post(1, "16:30", "Warning issued")
    )
    return f"<html><body><main>{first}{posts}</main></body></html>"


@pytest.mark.parametrize(
    "card",
    [
        '<div class="post"><h2>Our live coverage has ended</h2><p>Thank you for following along with us today.</p></div>',
        '<div class="post"><h3>About the author</h3><p>Jane Doe covers weather and climate for the paper.</p></div>',
        '<div class="post"><h3>Get our morning briefing</h3><p>Sign up to get the news in your inbox every day.</p></div>',
        '<div class="post"><h3>Load more updates</h3><button>Show 20 more posts from today</button></div>',
    ],
)
def test_a_timeless_card_of_the_posts_shape_is_no_post(card: str) -> None:
    updates = _heuristic(_timed_posts(card), date=_at(2024, 5, 1, 18))
    assert updates is not None and [u.uid for u in updates] == ["p3", "p2", "p1"]


@pytest.mark.parametrize("inner_ids", [False, True])
def test_a_timeless_pinned_copy_of_a_post_changes_no_uid_or_time(inner_ids: bool) -> None:
    copy = '<div class="post post--pinned"><div id="p3"><h2>Roads closed</h2><p>What happened, number 3, at length.</p></div></div>'
    plain = _heuristic(_timed_posts(inner_ids=inner_ids), date=_at(2024, 5, 1, 18))
    pinned = _heuristic(_timed_posts(copy, inner_ids=inner_ids), date=_at(2024, 5, 1, 18))
    assert plain is not None and pinned is not None
    assert [(u.uid, u.published) for u in pinned] == [(u.uid, u.published) for u in plain]
    assert [u.uid for u in plain] == ["p3", "p2", "p1"]


def test_an_edit_stamp_alone_dates_its_post_over_a_videos_duration() -> None:
    posts = "".join(
        f'<div class="post" id="p{n}"><span class="stamp">Updated 17:3{n}</span><h2>Headline {n}</h2>'
        f'<p>What happened, number {n}.</p><div class="video"><span class="duration">12:30</span></div></div>'
        for n in (5, 4)
    )
    updates = _heuristic(f"<html><body><main>{posts}</main></body></html>", date=_at(2024, 5, 1, 18))
    assert updates is not None
    assert [u.published for u in updates] == [_at(2024, 5, 1, 17, 35), _at(2024, 5, 1, 17, 34)]


def test_a_json_ld_script_nested_past_reading_is_skipped_without_a_crash(
    caplog: pytest.LogCaptureFixture,
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    page = _posts(["18:02", "16:45"]).replace(
        "<html>", f'<html><head><script type="application/ld+json">{deep}</script></head>'
    )
    with caplog.at_level("ERROR", logger="livetail.extract"):
        result = extract(
            Document(
                content=page.encode(),
                content_type="text/html",
                url="https://x.example/live",
                date=_at(2024, 6, 26, 19),
            )
        )
    assert len(result.updates) == 2
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_hungarian_dates_year_first_and_month_names_are_read() -> None:
    # HVG, Index, Telex: "2024. június 9. 21:40", "június 9. 20:15", "jún. 9. 19:05"
    budapest: dict[str, Any] = {"tz": "Europe/Budapest", "date": _at(2024, 6, 9, 22)}
    assert _times(["2024. június 9. 21:40", "június 9. 20:15", "jún. 9. 19:05"], **budapest) == [
        _at(2024, 6, 9, 19, 40),
        _at(2024, 6, 9, 18, 15),
        _at(2024, 6, 9, 17, 5),
    ]


def test_a_match_minute_beside_the_posts_own_time_is_furniture() -> None:
    # Sky Sports: "<span class=minute>90+2'</span><time datetime=…>17:58</time>" in the header.
    posts = "".join(
        f'<div class="ui-live-blog-post" id="post-{n}"><div class="ui-live-blog-post__header">'
        f'<span class="ui-live-blog-post__minute">{minute}</span><time datetime="2024-03-17T17:{n}:00Z">17:{n}</time></div>'
        f'<div class="ui-live-blog-post__body"><p>{text}</p></div></div>'
        for n, minute, text in (("58", "90+2'", "Rashford fires over from the edge."), ("51", "84'", "Garnacho shoots wide."))
    )  # fmt: skip
    updates = _heuristic(f"<html><body><main>{posts}</main></body></html>", date=_at(2024, 3, 17, 19))
    assert updates is not None
    assert [(u.title, u.text) for u in updates] == [
        ("Rashford fires over from the edge.", "Rashford fires over from the edge."),
        ("Garnacho shoots wide.", "Garnacho shoots wide."),
    ]


@pytest.mark.parametrize(
    "player",
    [
        '<div class="sdc-site-video"><div class="sdc-site-video__title">Watch: the winner</div>'
        "<p>Please use Chrome browser for a more accessible video player</p></div>",
        '<div class="m-video-player"><div class="m-video-player__title">Vidéo : liesse à Paris</div><p>Lire la vidéo</p></div>',
    ],
)
def test_a_video_players_notice_without_its_video_is_no_part_of_a_post(player: str) -> None:
    more = (
        "<p>The winger cut inside, beat two defenders and curled the ball into the far corner of the net.</p>"
    )
    updates = _heuristic(
        _posts(["10:05", "09:40"], more + player), date=datetime(2024, 3, 14, 11, tzinfo=UTC)
    )
    assert updates is not None
    assert [u.text.split("\n\n")[-1] for u in updates] == [
        "The winger cut inside, beat two defenders and curled the ball into the far corner of the net."
    ] * 2


def test_a_video_caption_beside_its_player_stays() -> None:
    extra = (
        '<div class="video-caption">Supporters celebrate in front of the stand after the final whistle.</div>'
    )
    updates = _heuristic(_posts(["10:05", "09:40"], extra), date=datetime(2024, 3, 14, 11, tzinfo=UTC))
    assert updates is not None and all("Supporters celebrate" in u.text for u in updates)


def test_an_hour_with_am_or_pm_in_its_own_element_is_read() -> None:
    posts = "".join(
        f'<div class="post" id="p{n}"><span class="t">{stamp}</span><h2>Headline {n}</h2><p>What happened, number {n}.</p></div>'
        for n, stamp in enumerate(("11:05<small>am</small>", "11<small>am</small>", "9:40<small>am</small>"))
    )
    updates = _heuristic(f"<html><body><main>{posts}</main></body></html>", date=_at(2024, 5, 1, 12))
    assert updates is not None
    assert [u.published for u in updates] == [
        _at(2024, 5, 1, 11, 5),
        _at(2024, 5, 1, 11, 0),
        _at(2024, 5, 1, 9, 40),
    ]
