"""Pages modelled on more publishers' live pages (a ninth probe, December 2026: WSJ, Reuters, the
Irish Independent, ABC News, Al Arabiya, Der Standard, Chosun Ilbo, Spaceflight Now): each test
names what the page does that tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from builders import extract_page

from livetail.extract.bylines import line_names
from livetail.extract.timelabel import time_label
from livetail.extract.writtenbylines import signs_off
from livetail.model import Update

_TEXTS = [
    "The S&P 500 fell 0.9% on Friday and 1.7% for the week.",
    "Brent crude futures climbed 3.4% to $90.42 a barrel, the highest since October.",
    "The preliminary index of consumer sentiment dropped to 52.1 in March.",
]


def _page(posts: list[str], lang: str = "en") -> str:
    return f'<html lang="{lang}"><body><h1>Live</h1><div class="feed">{"".join(posts)}</div></body></html>'


def test_a_by_line_of_linked_names_below_the_heading_is_the_byline() -> None:
    # WSJ: time, heading, then '<span>By <a href="/news/author/…">Hannah Erin Lang</a></span>'
    # beside an avatar, then the text: not the post's first or last line, but its names are links.
    bylines = [
        'By <a href="/news/author/hannah-erin-lang">Hannah Erin Lang</a>',
        'By <a href="/news/author/giulia-petroni">Giulia Petroni</a> and <a href="/news/author/david-uberti">David Uberti</a>',
        'By <a href="/news/author/matt-grossman">Matt Grossman</a>',
    ]  # fmt: skip
    posts = [
        f'<div class="css-16y5elq" id="card-{n}"><div class="css-1h3o3yb"><p>Mar. 13, 2026 {when} pm ET</p></div>'
        f'<h2><a href="/card/{n}">Headline number {n}</a></h2>'
        f'<div class="css-1vp6lj6"><img src="/a{n}.jpg" alt=""><span>{byline}</span></div>'
        f'<div class="css-1n38xfm"><p>{text}</p></div></div>'
        for n, (when, byline, text) in enumerate(zip(["4:31", "3:12", "10:05"], bylines, _TEXTS, strict=True))
    ]
    updates = extract_page(_page(posts), datetime(2026, 3, 13, 21, 0, tzinfo=UTC))
    assert [u.authors for u in updates] == [
        ("Hannah Erin Lang",),
        ("Giulia Petroni", "David Uberti"),
        ("Matt Grossman",),
    ]
    assert [u.text for u in updates] == _TEXTS


def test_an_unlinked_by_line_under_the_heading_stays_a_subheading() -> None:
    posts = [
        f'<div class="post"><time>{when}</time><h2>Markets wrap {n}</h2><h3>By The Numbers</h3><p>{text}</p>'
        f"<p>More on this as it comes in.</p></div>"
        for n, (when, text) in enumerate(zip(["16:31", "15:12", "14:05"], _TEXTS, strict=True))
    ]
    updates = extract_page(_page(posts), datetime(2026, 3, 13, 17, 0, tzinfo=UTC))
    assert [u.authors for u in updates] == [(), (), ()]
    assert all(u.text.startswith("By The Numbers") for u in updates)


def test_today_at_a_clock_in_a_time_element_is_a_stamp() -> None:
    # Irish Independent: '<time data-testid="live-blog-item-time">Today at 14:40</time>' ("at" on
    # a line of its own is as often a post's words: only a time element or box makes it a stamp).
    whens = ["Today at 14:40", "Today at 12:05", "Yesterday at 21:10"]
    posts = [
        f'<div class="_3hT9x"><div class="_2Yq9w"><time class="_0kTf3">{when}</time></div>'
        f"<h2>Update {n}</h2><p>{text}</p></div>"
        for n, (when, text) in enumerate(zip(whens, _TEXTS, strict=True))
    ]
    updates = extract_page(_page(posts), datetime(2026, 3, 13, 15, 0, tzinfo=UTC), "Europe/Dublin")
    dublin = ZoneInfo("Europe/Dublin")
    assert [u.published for u in updates] == [
        datetime(2026, 3, 13, 14, 40, tzinfo=dublin),
        datetime(2026, 3, 13, 12, 5, tzinfo=dublin),
        datetime(2026, 3, 12, 21, 10, tzinfo=dublin),
    ]


@pytest.mark.parametrize("line", ["Today at 14:40", "Yesterday at 9.15pm"])
def test_today_at_a_clock_on_a_line_of_its_own_is_no_label(line: str) -> None:
    assert time_label(line) is None


def test_a_local_time_with_its_utc_time_in_brackets_is_a_label() -> None:
    # Spaceflight Now: "10:05 p.m. EDT (0205 UTC)"
    for line in ("10:05 p.m. EDT (0205 UTC)", "12:31 a.m. EDT (04:31 UTC)"):
        label = time_label(line)
        assert label is not None and label.clock is not None and label.clock.zone == "EDT"


def test_a_zone_offset_before_a_date_in_the_next_span_keeps_both() -> None:
    # Reuters: '<span>11:50 PM GMT+1</span><span class="…date">May 7</span>' reads
    # "11:50 PM GMT+1May 7"; it lost the offset, and "+1 May" read as the first of May.
    whens = [
        "<span>11:42 AM GMT+1</span>",
        "<span>9:58 AM GMT+1</span>",
        "<span>11:50 PM GMT+1</span><span>May 7</span>",
    ]
    posts = [
        f'<div class="live-blog-post"><div class="live-blog-post__header"><span data-testid="Timestamp">{when}</span>'
        f"</div><h2>Update {n}</h2><p>{text}</p></div>"
        for n, (when, text) in enumerate(zip(whens, _TEXTS, strict=True))
    ]
    updates = extract_page(_page(posts), datetime(2026, 5, 8, 11, 0, tzinfo=UTC))
    plus_one = timezone(timedelta(hours=1))
    assert updates[2].published == datetime(2026, 5, 7, 23, 50, tzinfo=plus_one)
    assert time_label("11:50 PM GMT+1 May 7").clock.month_day == (5, 7)  # type: ignore[union-attr]


def test_a_pin_drawn_before_the_pinned_label_is_no_part_of_the_text() -> None:
    # Al Arabiya: '<div class="liveBlog_pin">📌 Pinned</div>'
    posts = [
        f'<div class="liveBlog_post{" is-pinned" if n == 0 else ""}">'
        + ('<div class="liveBlog_pin">📌 Pinned</div>' if n == 0 else "")
        + f'<span class="liveBlog_time">{when}</span><h2>Update {n}</h2><p>{text}</p></div>'
        for n, (when, text) in enumerate(zip(["09:00", "14:12", "13:40"], _TEXTS, strict=True))
    ]
    updates = extract_page(_page(posts), datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert [u.text for u in updates] == _TEXTS
    assert updates[0].pinned


@pytest.mark.parametrize("count", ["12 Postings", "48 comments", "Comments (4)", "5 Kommentare"])
def test_a_link_counting_the_comments_is_no_part_of_the_text(count: str) -> None:
    # Der Standard: '<footer><span class="…author">Anna Giulia Fink</span> <a href="#forum">12 Postings</a></footer>'
    posts = [
        f'<div class="ticker-posting"><time>{when}</time><h2>Update {n}</h2><p>{text}</p>'
        f'<div class="ticker-posting--meta"><a class="ticker-posting--forum" href="#forum">{count}</a></div></div>'
        for n, (when, text) in enumerate(zip(["14:40", "14:12", "13:40"], _TEXTS, strict=True))
    ]
    updates = extract_page(_page(posts, "de"), datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert [u.text for u in updates] == _TEXTS


def test_a_comment_count_in_a_sentence_stays() -> None:
    text = 'The thread has <a href="#c">48 comments</a> already, most of them angry.'
    posts = [
        f'<div class="post"><time>{w}</time><h2>Update {n}</h2><p>{text}</p></div>'
        for n, w in enumerate(["14:40", "14:12"])
    ]
    updates = extract_page(_page(posts), datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert all("48 comments" in u.text for u in updates)


def test_a_role_after_a_korean_or_japanese_name_is_no_part_of_it() -> None:
    assert line_names(["김민서 기자", "山田太郎 記者", "이준호 특파원"]) == ["김민서", "山田太郎", "이준호"]
    assert line_names(["김영희 대기자", "김철수 사진기자"]) == ["김영희 대기자", "김철수 사진기자"]


def test_a_sign_off_naming_the_outlet_first_gives_the_writers() -> None:
    # ABC News ends a post's body with "-ABC News' Jon Haworth and Julia Jacobo".
    signs = ["-ABC News' Max Golembo", "-ABC News' Jon Haworth and Julia Jacobo", "-ABC News' Dan Peck"]
    posts = [
        f'<div class="LiveBlogPost" id="post-{n}"><div class="LiveBlogPost__Timestamp"><span>{when}</span></div>'
        f'<h2>Update {n}</h2><div class="LiveBlogPost__Body"><p>{text}</p><p>{sign}</p></div>'
        f'<div class="LiveBlogPost__Share"><button>Facebook</button><button>Email</button></div></div>'
        for n, (when, text, sign) in enumerate(
            zip(["4:12 PM EDT", "3:40 PM EDT", "2:05 PM EDT"], _TEXTS, signs, strict=True)
        )
    ]
    updates = extract_page(_page(posts), datetime(2026, 8, 20, 21, 0, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Max Golembo",), ("Jon Haworth", "Julia Jacobo"), ("Dan Peck",)]
    assert [u.text for u in updates] == _TEXTS


# --- guards from a review of the rules above: what they must leave alone ---

_QUOTE_THEN_ATTRIBUTION = '<html lang="en"><body><h1>Live: Markets latest</h1><div class="feed">\n<div class="post"><time>14:40</time><h2>Apple responds to EU fine</h2><div class="post-body">\n<p>Apple said it would appeal the ruling. In a statement, its chief executive said:</p>\n<blockquote><p>We disagree with the Commission\'s decision and will continue to stand up for our customers.</p></blockquote>\n<p>— Tim Cook</p>\n</div></div>\n<div class="post"><time>14:12</time><h2>Oil climbs</h2><div class="post-body">\n<p>Brent crude futures climbed 3.4% to $90.42 a barrel, the highest since October.</p>\n<p>Traders pointed to supply worries in the Middle East.</p>\n</div></div>\n<div class="post"><time>13:40</time><h2>Stocks open lower</h2><div class="post-body">\n<p>The S&amp;P 500 fell 0.9% at the open.</p>\n<p>Tech shares led the decline.</p>\n</div></div>\n</div></body></html>\n'
_RELATED_LIST = '<html lang="en"><body><h1>Live: Election latest</h1><p class="standfirst">By Jane Doe and Tom Evans</p><div class="feed">\n<div class="post"><time>14:40</time><h2>Harris campaign reacts</h2><div class="post-body">\n<p>The vice-president\'s campaign said it raised $47m in the 24 hours after the debate.</p>\n<p>Related coverage:</p>\n<p>- <a href="/harris-running-mate">Harris\' Running Mate Pick</a></p>\n</div></div>\n<div class="post"><time>14:12</time><h2>Trump rally in Pennsylvania</h2><div class="post-body">\n<p>The former president is due to speak in Butler at 6pm local time.</p>\n<p>Earlier, he told supporters the debate had been "rigged".</p>\n</div></div>\n<div class="post"><time>13:40</time><h2>Polls open</h2><div class="post-body">\n<p>Early voting has started in three more states, officials said.</p>\n<p>Turnout was higher than in 2020 in the first hour.</p>\n</div></div>\n</div></body></html>\n'
_READING_LIST = '<html lang="en"><body><h1>Live: Markets latest</h1><div class="feed">\n<div class="post"><time>14:40</time><h2>What we\'re reading this morning</h2>\n<p>A few pieces from our colleagues worth your time before the Fed decision:</p>\n<p><a href="/articles/fed-late-again">The Fed is late again</a></p>\n<p>By <a href="/news/author/greg-ip">Greg Ip</a></p>\n<p><a href="/articles/oil-keeps-rising">Why oil keeps rising</a></p>\n<p>By <a href="/news/author/collin-eaton">Collin Eaton</a></p>\n<p>We\'ll have live coverage of Powell\'s press conference at 2:30 p.m.</p>\n</div>\n<div class="post"><time>14:12</time><h2>Oil climbs</h2>\n<p>Brent crude futures climbed 3.4% to $90.42 a barrel, the highest since October.</p>\n<p>Traders pointed to supply worries in the Middle East.</p>\n</div>\n<div class="post"><time>13:40</time><h2>Stocks open lower</h2>\n<p>The S&amp;P 500 fell 0.9% at the open.</p>\n<p>Tech shares led the decline.</p>\n</div>\n</div></body></html>\n'
_OUTLET_BYLINES = '<html lang="en"><body><h1>Stock Market Today: Live Coverage</h1><div class="feed">\n<div class="post"><time>14:40</time><h2>Dow slips after CPI</h2><p class="byline">By Barron\'s Staff</p>\n<p>The Dow Jones Industrial Average fell 120 points after hotter-than-expected inflation data.</p></div>\n<div class="post"><time>14:12</time><h2>Oil climbs</h2><p class="byline">By Investor\'s Business Daily</p>\n<p>Brent crude futures climbed 3.4% to $90.42 a barrel, the highest since October.</p></div>\n<div class="post"><time>13:40</time><h2>Nvidia jumps</h2><p class="byline">By Jane Doe</p>\n<p>Nvidia shares rose 4% in premarket trading.</p></div>\n</div></body></html>\n'


def test_a_dash_line_after_a_blockquote_attributes_the_quote() -> None:
    updates = extract_page(_QUOTE_THEN_ATTRIBUTION, datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert updates[0].authors == ()
    assert updates[0].text.endswith("— Tim Cook")


def test_a_dashed_link_ending_a_related_list_is_no_sign_off() -> None:
    updates = extract_page(_RELATED_LIST, datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert updates[0].authors == ()
    assert updates[0].text.endswith("- Harris' Running Mate Pick")


def test_linked_by_lines_of_a_reading_list_name_no_author() -> None:
    updates = extract_page(_READING_LIST, datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert updates[0].authors == ()
    assert "By Greg Ip" in updates[0].text and "By Collin Eaton" in updates[0].text


def test_an_outlet_with_an_apostrophe_in_a_byline_keeps_its_name() -> None:
    updates = extract_page(_OUTLET_BYLINES, datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert [u.authors for u in updates] == [
        ("Barron's Staff",),
        ("Investor's Business Daily",),
        ("Jane Doe",),
    ]


def test_today_at_in_a_comments_date_box_leaves_the_blog_alone() -> None:
    # Only a <time> makes "Today at 14:58" a stamp: reader comments whose "comment-date" box says
    # so must not outnumber the blog's posts.
    posts = "".join(
        f'<article class="post"><span class="post-time">14:{50 - 3 * n:02d}</span><h2>Update {n}</h2>'
        f"<p>{_TEXTS[n % 3]}</p></article>"
        for n in range(12)
    )
    comments = "".join(
        f'<li class="comment"><span class="comment-author">user{n}</span> '
        f'<span class="comment-date">Today at 14:{58 - n:02d}</span><p>Comment number {n} from a reader.</p></li>'
        for n in range(20)
    )
    page = (
        f'<html lang="en"><body><h1>Live</h1><main><div class="liveblog">{posts}</div></main>'
        f'<aside><section class="comments"><h3>Reader comments</h3><ol>{comments}</ol></section></aside></body></html>'
    )
    updates = extract_page(page, datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert [u.title for u in updates] == [f"Update {n}" for n in range(12)]


def test_a_from_outlet_byline_and_a_reporting_from_line_give_the_names() -> None:
    # CNN: "From CNN's Kaanita Iyer and Alayna Treene"; NYT: "Mitch Smith" + "Reporting from Chicago".
    assert line_names(["From CNN's Kaanita Iyer and Alayna Treene"]) == ["Kaanita Iyer", "Alayna Treene"]
    assert line_names(["Mitch Smith Reporting from Chicago"]) == ["Mitch Smith"]
    assert line_names(["From Jane Doe's Desk"]) == ["From Jane Doe's Desk"]  # (no outlet: nothing cut)


def _nyt_post(n: int, when: str, headline: str, text: str, extra: str = "") -> str:
    return (
        f'<div class="live-blog-post css-1kzl6le" id="post-{n}">{extra}'
        f'<div class="live-blog-post-timestamp"><time>{when}</time></div>'
        f'<h2 class="live-blog-post-headline">{headline}</h2>'
        f'<div class="live-blog-post-content"><p>{text}</p></div></div>'
    )


_FEED = "".join(
    _nyt_post(n, when, f"Feed post {n}", text)
    for n, (when, text) in enumerate(zip(["14:40", "14:12", "13:40"], _TEXTS, strict=True))
)
_PINNED_TEXT = "The court voted 6 to 3 to uphold the laws; Justice Sonia Sotomayor wrote the main dissent."


def _nyt_page(before_feed: str) -> str:
    return (
        f'<html lang="en"><body><h1>Live</h1><article>{before_feed}'
        f'<section name="articleBody" class="live-blog-content">{_FEED}</section></article></body></html>'
    )


def test_a_pinned_post_in_a_box_of_its_own_before_the_feed_is_read_first() -> None:
    # NYT: '<div class="live-blog-pinned" data-testid="pinned-post"><div class="live-blog-post">…'
    # before '<section name="articleBody">' holding the feed's posts: it was lost.
    pinned = _nyt_post(
        9, "09:00", "Here's what to know", _PINNED_TEXT, '<span class="pinned-label">Pinned</span>'
    )
    updates = extract_page(_nyt_page(f'<div class="live-blog-pinned" data-testid="pinned-post">{pinned}</div>'),
                       datetime(2026, 6, 26, 15, 0, tzinfo=UTC))  # fmt: skip
    assert [u.title for u in updates] == ["Here's what to know", "Feed post 0", "Feed post 1", "Feed post 2"]
    assert [u.pinned for u in updates] == [True, False, False, False]
    assert updates[0].text == _PINNED_TEXT


@pytest.mark.parametrize(
    "box",
    [
        # a featured teaser, not pinned
        '<div class="featured">' + _nyt_post(9, "09:00", "Read our explainer", _PINNED_TEXT) + "</div>",
        # a pinned copy of a post in the feed (the same heading)
        '<div class="live-blog-pinned">' + _nyt_post(9, "14:40", "Feed post 0", _TEXTS[0] + " " + _TEXTS[1]) + "</div>",
        # a sticky sidebar of cards (sticky is CSS layout, no pin)
        '<aside class="sidebar sidebar--sticky">' + _nyt_post(9, "09:00", "Most read today", _PINNED_TEXT) + "</aside>",
        # a pinned copy headed "Pinned: …", typeset anew
        '<div class="live-blog-pinned">' + _nyt_post(9, "14:40", "Pinned: Feed post 0.", _TEXTS[0]) + "</div>",
        # a pinned copy under another heading, the same text
        '<div class="live-blog-pinned">' + _nyt_post(9, "14:40", "What you need to know", _TEXTS[1]) + "</div>",
        # pinned, but a card of links
        '<div class="live-blog-pinned">'
        + _nyt_post(9, "09:00", "Catch up", '<a href="/a">What happened overnight in the court and why it matters</a>')
        + "</div>",
    ],
)  # fmt: skip
def test_what_stands_before_the_feed_without_being_a_pinned_post_of_its_own_stays_out(box: str) -> None:
    updates = extract_page(_nyt_page(box), datetime(2026, 6, 26, 15, 0, tzinfo=UTC))
    assert [u.title for u in updates] == ["Feed post 0", "Feed post 1", "Feed post 2"]


@pytest.mark.parametrize(
    ("line", "writer"),
    [("– Conor Pope", True), ("— Stephen King", True), ("— Pope Francis", False), ("— The King", False),
     ("— Prime Minister Keir Starmer", False), ("— Vice President Kamala Harris", False),
     ("— Lord Mayor Jane Doe", False)],
)  # fmt: skip
def test_a_title_is_a_writers_name_only_as_the_surname_of_two(line: str, writer: bool) -> None:
    assert signs_off(line, "The council said the roads would reopen by Friday.") is writer


def _captioned(caption: str) -> list[Update]:
    """A page of three posts, each with a figure captioned ``caption`` ("{n}": the post's number)."""
    posts = [
        f'<div class="post"><time>{when}</time><h2>Update {n}</h2><p>{text}</p><figure><img src="/m{n}.png" alt="Map">'
        f"<figcaption>{caption.format(n=n)}</figcaption></figure></div>"
        for n, (when, text) in enumerate(zip(["14:40", "14:12", "13:40"], _TEXTS, strict=True))
    ]
    return extract_page(_page(posts), datetime(2026, 3, 13, 15, 0, tzinfo=UTC))


def test_a_caption_label_for_screen_readers_is_no_part_of_the_text() -> None:
    # BBC GEL: '<figcaption><span class="gs-u-vh">Image caption, </span>The amber warning area</figcaption>'
    updates = _captioned('<span class="gs-u-vh">Image caption, </span>The warning area {n}')
    assert [u.text for u in updates] == [f"{text}\n\nThe warning area {n}" for n, text in enumerate(_TEXTS)]


def test_the_post_a_pinned_box_copies_is_marked_pinned_once() -> None:
    # The Guardian pins a copy ('<div data-gu-name="pinned-post"><article id="block-…">') of a post the
    # feed holds under the same id: one update, pinned.
    copy = _nyt_post(1, "14:12", "Feed post 1", _TEXTS[1])
    updates = extract_page(
        _nyt_page(f'<div data-gu-name="pinned-post">{copy}</div>'), datetime(2026, 6, 26, 15, 0, tzinfo=UTC)
    )
    assert [u.title for u in updates] == ["Feed post 0", "Feed post 1", "Feed post 2"]
    assert [u.pinned for u in updates] == [False, True, False]


def test_a_caption_shown_on_larger_screens_stays() -> None:
    updates = _captioned('<span class="sr-only md:not-sr-only">Photograph: Jane Doe/Reuters</span>')
    assert all(u.text.endswith("Photograph: Jane Doe/Reuters") for u in updates)
