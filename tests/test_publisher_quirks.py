"""Pages modelled on publishers' live pages whose markup tripped the extractor (a third probe of
publishers' pages, December 2026): each test names the publisher and what its page does."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from ldpages import ld_blog_page

from livetail.extract.core import Context
from livetail.extract.engine import extract
from livetail.extract.stamps import stamp_of
from livetail.model import Document, Update

REFERENCE = datetime(2025, 1, 24, 16, 0, tzinfo=UTC)


def _extract(
    page: str, url: str, reference: datetime = REFERENCE, timezone: str | None = None
) -> list[Update]:
    document = Document(
        content=page.encode(), content_type="text/html; charset=utf-8", url=url, date=reference
    )
    return extract(document, timezone=timezone).updates


# The WordPress liveblog plugin's React front end (Metro): entries are article#id_<n>, and the
# plugin's own LD gives each entry's first ten words, cut with "…", as its headline and an empty
# articleBody ({"@type": "Text"}).
def _wordpress_entry(entry_id: int, when: str, heading: str, text: str) -> str:
    head = f"<h2>{heading}</h2>" if heading else ""
    return (
        f'<article id="id_{entry_id}" class="liveblog-entry"><aside class="liveblog-entry-aside">'
        f'<a class="liveblog-meta-time" href="https://metro.co.uk/live/#{entry_id}"><span>5 mins ago</span>'
        f'<span>{when}</span></a></aside><div class="liveblog-entry-main"><header class="liveblog-meta-authors">'
        f'<span class="liveblog-meta-author-name">Sam Corbishley</span></header>'
        f'<div class="liveblog-entry-content">{head}<p>{text}</p></div></div></article>'
    )


def test_wordpress_react_entries_take_their_heading_not_lds_first_ten_words() -> None:
    ld = [
        {
            "headline": "Power cuts hit 1 million homes Energy networks say more…",
            "url": "https://metro.co.uk/live/#501",
            "datePublished": "2025-01-24T15:10:42+00:00",
            "author": {"@type": "Person", "name": "Sam Corbishley"},
            "articleBody": {"@type": "Text"},
        },
        {
            "headline": "Ryanair has cancelled all flights at Dublin until 6pm…",
            "url": "https://metro.co.uk/live/#377",
            "datePublished": "2025-01-24T14:32:05+00:00",
            "author": {"@type": "Person", "name": "Sam Corbishley"},
            "articleBody": {"@type": "Text"},
        },
    ]
    body = (
        '<div id="wpcom-liveblog-container" class="123"><div class="liveblog-feed">'
        + _wordpress_entry(
            501,
            "3:10pm",
            "Power cuts hit 1 million homes",
            "Energy networks say more than a million are cut off.",
        )
        + _wordpress_entry(
            377, "2:32pm", "", "Ryanair has cancelled all flights at Dublin until 6pm. More soon."
        )
        + "</div></div>"
    )
    updates = _extract(ld_blog_page(ld, body, headline="Storm Éowyn live"), "https://metro.co.uk/live/")
    assert [u.uid for u in updates] == ["501", "377"]
    # (an entry without a heading is titled by its first sentence, as LD's cut starts it)
    assert [u.title for u in updates] == [
        "Power cuts hit 1 million homes",
        "Ryanair has cancelled all flights at Dublin until 6pm.",
    ]
    assert updates[0].text == "Energy networks say more than a million are cut off."
    assert "Ryanair has cancelled all flights" in updates[1].text
    assert [u.published for u in updates] == [
        datetime(2025, 1, 24, 15, 10, 42, tzinfo=UTC),
        datetime(2025, 1, 24, 14, 32, 5, tzinfo=UTC),
    ]
    assert [u.authors for u in updates] == [("Sam Corbishley",), ("Sam Corbishley",)]


def test_a_headline_that_merely_ends_in_an_ellipsis_stays_the_title() -> None:
    ld = [
        {
            "headline": "Will the ceasefire hold? What we know…",
            "url": "https://example.com/live/#7",
            "datePublished": "2025-01-24T15:10:42+00:00",
        }
    ]
    body = '<article id="id_7"><h2>Ceasefire: what we know</h2><p>Both sides have agreed to a pause from midnight.</p></article>'
    updates = _extract(ld_blog_page(ld, body), "https://example.com/live/")
    assert [u.title for u in updates] == ["Will the ceasefire hold? What we know…"]


# Welt: LD gives every item the blog's headline and one shared publish time; each post prints
# only its time of day ("19:47 Uhr"), which must date it, not be dropped with LD's shared time.
def test_ld_with_one_shared_time_gives_way_to_each_posts_printed_clock() -> None:
    shared = "2025-03-11T06:03:00Z"
    posts = [
        ("entry-4", "19:47 Uhr", "Kiew stimmt Waffenruhe zu"),
        ("entry-3", "19:32 Uhr", "USA nehmen Militärhilfe wieder auf"),
        ("entry-2", "12:10 Uhr", "Gespräche in Dschidda haben begonnen"),
        ("entry-1", "07:03 Uhr", "Größter Drohnenangriff auf Moskau"),
    ]
    ld = [
        {
            "@id": f"#{uid}",
            "headline": "Ukraine-Krieg im Liveticker",
            "datePublished": shared,
            "articleBody": title,
        }
        for uid, _, title in posts
    ]
    body = "".join(
        f'<div class="entry" id="{uid}"><span class="time">{when}</span><h3>{title}</h3><p>{title}, heißt es.</p></div>'
        for uid, when, title in posts
    )
    page = ld_blog_page(ld, f'<div class="ticker">{body}</div>', headline="Ukraine-Krieg im Liveticker")
    updates = _extract(
        page, "https://www.welt.de/politik/ausland/live255/", datetime(2025, 3, 11, 20, tzinfo=UTC)
    )
    assert [u.uid for u in updates] == ["entry-4", "entry-3", "entry-2", "entry-1"]
    assert [u.title for u in updates] == [title for _, _, title in posts]
    # .de: Berlin time, UTC+1 in March
    assert [u.published for u in updates] == [
        datetime(2025, 3, 11, 18, 47, tzinfo=UTC),
        datetime(2025, 3, 11, 18, 32, tzinfo=UTC),
        datetime(2025, 3, 11, 11, 10, tzinfo=UTC),
        datetime(2025, 3, 11, 6, 3, tzinfo=UTC),
    ]


def test_ld_items_without_any_time_take_the_posts_printed_clock() -> None:
    ld = [{"@id": "#e2", "headline": "Second"}, {"@id": "#e1", "headline": "First"}]
    body = (
        '<div id="e2"><span class="time">14:05</span><h3>Second</h3><p>Second words here.</p></div>'
        '<div id="e1"><span class="time">13:40</span><h3>First</h3><p>First words here.</p></div>'
    )
    updates = _extract(
        ld_blog_page(ld, body), "https://example.com/live/", datetime(2025, 3, 11, 15, tzinfo=UTC)
    )
    assert [u.published for u in updates] == [
        datetime(2025, 3, 11, 14, 5, tzinfo=UTC),
        datetime(2025, 3, 11, 13, 40, tzinfo=UTC),
    ]


# Fox News: a post's own paragraphs end with a shouted link calling the reader elsewhere.
_FOX_POSTS = [
    ("p3", "2025-01-20T17:40:00Z", "Trump signs first executive orders", "The president signed the orders in the Capitol."),
    ("p2", "2025-01-20T17:05:00Z", "Trump takes the oath of office", "Chief Justice Roberts administered the oath."),
]  # fmt: skip


def _fox_page(with_ld: bool, promo: str) -> str:
    body = "".join(
        f'<article class="post" id="{uid}"><time datetime="{when}">{when[11:16]}</time><h2>{title}</h2>'
        f"<p>{text}</p>{promo}</article>"
        for uid, when, title, text in _FOX_POSTS
    )
    if not with_ld:
        return f'<html><body><main class="live-blog">{body}</main></body></html>'
    ld = [{"@id": f"#{uid}", "headline": title, "datePublished": when} for uid, when, title, _ in _FOX_POSTS]
    return ld_blog_page(ld, f"<main>{body}</main>", headline="Inauguration live")


@pytest.mark.parametrize("with_ld", [False, True])
@pytest.mark.parametrize(
    "promo",
    [
        '<p><strong><a href="https://www.foxnews.com/download">CLICK HERE TO GET THE FOX NEWS APP</a></strong></p>',
        '<p><strong><a href="/newsletters">GET THE LATEST UPDATES FROM THE 2025 INAUGURATION BY SUBSCRIBING TO'
        " OUR NEWSLETTER</a></strong></p>",
    ],
)
def test_a_shouted_link_calling_the_reader_elsewhere_is_cut(with_ld: bool, promo: str) -> None:
    updates = _extract(_fox_page(with_ld, promo), "https://www.foxnews.com/politics/inauguration-live")
    assert [u.text for u in updates] == [text for _, _, _, text in _FOX_POSTS]


@pytest.mark.parametrize("with_ld", [False, True])
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "<p><strong>BREAKING: THE SENATE HAS VOTED TO SUBSCRIBE TO THE TREATY</strong></p>",
            "SENATE HAS VOTED",
        ),
        ('<p><a href="/statement">Click here to read the full statement</a></p>', "Click here to read"),
        (
            '<p>Officials said: <a href="/x">DOWNLOAD THE REPORT</a> was the advice.</p>',
            "DOWNLOAD THE REPORT",
        ),
        # a shouted link inside a sentence, as a subheading, or to the post's own document
        (
            '<p>It runs to 90 pages: <strong><a href="/j">DOWNLOAD THE JUDGMENT</a></strong> here.</p>',
            "DOWNLOAD THE",
        ),
        (
            '<h3><a href="/alerts">SIGN UP FOR FLOOD ALERTS</a></h3><p>The agency urged residents to.</p>',
            "SIGN UP FOR",
        ),
        (
            '<p><strong><a href="/doc.pdf">CLICK HERE TO READ THE FULL INDICTMENT</a></strong></p>',
            "FULL INDICTMENT",
        ),
        ('<p><a href="/report.pdf">DOWNLOAD THE FULL REPORT (PDF)</a></p>', "FULL REPORT"),
    ],
)
def test_shouted_text_of_the_posts_own_stays(with_ld: bool, line: str, kept: str) -> None:
    updates = _extract(_fox_page(with_ld, line), "https://www.foxnews.com/politics/inauguration-live")
    assert all(kept in u.text for u in updates), [u.text for u in updates]


# --- what a review of the rules above found: pages where they must not fire --------------------

_WELT_URL = "https://www.welt.de/politik/ausland/live255/"


def _shared_time_page(posts: list[tuple[str, str]], shared: str | None = "2025-03-11T06:03:00+01:00") -> str:
    """LD listing ``posts`` (id, element markup), every item with the one ``shared`` time."""
    ld = [
        {
            "@id": f"#{uid}",
            "headline": "Ukraine-Krieg im Liveticker",
            **({"datePublished": shared} if shared else {}),
        }
        for uid, _ in posts
    ]
    body = "".join(f'<div class="entry" id="{uid}">{markup}</div>' for uid, markup in posts)
    return ld_blog_page(ld, f'<div class="ticker">{body}</div>', headline="Ukraine-Krieg im Liveticker")


def test_a_time_inside_a_posts_text_never_dates_it() -> None:
    page = _shared_time_page(
        [
            ("e3", "<h3>Züge fallen aus</h3><p>Fahrgäste im Zug um <b>19:30</b> mussten aussteigen.</p>"),
            ("e2", "<h3>Der Zeitplan</h3><p>So läuft der Tag ab.</p><ul><li><b>09:30</b> Ankunft</li></ul>"),
            ("e1", '<h3>Video</h3><p>Die Lage am Morgen.</p><div class="video"><span>2:31</span></div>'),
        ]
    )
    updates = _extract(page, _WELT_URL, datetime(2025, 3, 11, 20, tzinfo=UTC))
    assert [u.uid for u in updates] == ["e3", "e2", "e1"]
    assert [u.published for u in updates] == [None, None, None]


def test_one_undated_ld_item_among_dated_ones_is_not_dated_alone() -> None:
    # Its printed "07:45 Uhr", dated alone against a reference the next morning, would land a day late.
    times = ["2025-03-11T08:20:00+01:00", None, "2025-03-11T07:10:00+01:00"]
    ld = [
        {"@id": f"#e{n}", "headline": f"Meldung {n}", **({"datePublished": when} if when else {})}
        for n, when in zip((3, 2, 1), times, strict=True)
    ]
    body = "".join(
        f'<div class="entry" id="e{n}"><span class="time">{printed} Uhr</span><h3>Meldung {n}</h3><p>Text {n}.</p></div>'
        for n, printed in zip((3, 2, 1), ("08:20", "07:45", "07:10"), strict=True)
    )
    updates = _extract(ld_blog_page(ld, body), _WELT_URL, datetime(2025, 3, 12, 9, tzinfo=UTC))
    assert [u.published for u in updates] == [
        datetime(2025, 3, 11, 7, 20, tzinfo=UTC),
        None,
        datetime(2025, 3, 11, 6, 10, tzinfo=UTC),
    ]


def test_a_shared_ld_time_from_before_summer_time_does_not_shift_the_posts_clocks() -> None:
    page = _shared_time_page(
        [
            (
                "e2",
                '<span class="time">19:47 Uhr</span><h3>Kiew stimmt zu</h3><p>Kiew stimmt zu, heißt es.</p>',
            ),
            ("e1", '<span class="time">12:10 Uhr</span><h3>Gespräche</h3><p>Gespräche, heißt es.</p>'),
            ("e0", '<span class="time">07:03 Uhr</span><h3>Drohnenangriff</h3><p>Ein Angriff, heißt es.</p>'),
        ],
        shared="2025-03-20T06:03:00+01:00",  # the blog's start, in winter time
    )
    updates = _extract(page, _WELT_URL, datetime(2025, 3, 31, 20, tzinfo=UTC))
    assert [u.published for u in updates] == [  # 31 March: Berlin is UTC+2
        datetime(2025, 3, 31, 17, 47, tzinfo=UTC),
        datetime(2025, 3, 31, 10, 10, tzinfo=UTC),
        datetime(2025, 3, 31, 5, 3, tzinfo=UTC),
    ]


@pytest.mark.parametrize("heading", ["<h3>Breaking</h3>", "<h4>Sam Corbishley</h4>"])
def test_an_ld_headline_ending_in_an_ellipsis_stays_beside_a_kicker_or_a_name(heading: str) -> None:
    headline = "Prime Minister to make a statement at 5pm..."
    ld = [{"@id": "#p2", "headline": headline, "datePublished": "2025-05-17T15:10:00Z"}]
    body = (
        f'<article id="p2"><time datetime="2025-05-17T15:10:00Z">16:10</time>{heading}'
        "<p>Prime Minister to make a statement at 5pm... Downing Street says it will be about the budget.</p></article>"
    )
    updates = _extract(ld_blog_page(ld, body), "https://example.com/live/")
    assert [u.title for u in updates] == [headline]


def test_a_colon_label_that_starts_a_sentence_is_no_byline() -> None:
    lines = [
        "Text: the ministry's statement follows in full",
        "Reporter: So you knew about the payments",
        "Report: Israeli troops enter Rafah",
    ]
    ld = [
        {"@id": f"#p{n}", "headline": f"Post {n}", "datePublished": f"2025-01-24T1{n}:00:00Z"}
        for n in (3, 2, 1)
    ]
    body = "".join(
        f'<article id="p{n}"><time datetime="2025-01-24T1{n}:00:00Z">1{n}:00</time><h3>Post {n}</h3>'
        f'<p class="author-note">{line}</p><p>More words of post {n}.</p></article>'
        for n, line in zip((3, 2, 1), lines, strict=True)
    )
    updates = _extract(ld_blog_page(ld, body), "https://example.com/live/")
    assert [u.authors for u in updates] == [(), (), ()]
    assert [u.text.split("\n\n")[0] for u in updates] == lines


def test_id_prefixed_widgets_are_not_taken_for_short_ld_anchors() -> None:
    posts = [("3", "Power cuts hit homes"), ("2", "Flights cancelled"), ("1", "Red warning issued")]
    ld = [
        {
            "url": f"https://example.com/live/#{n}",
            "headline": title,
            "datePublished": f"2025-01-24T1{n}:00:00Z",
        }
        for n, title in posts
    ]
    body = "".join(
        f'<div class="entry"><time datetime="2025-01-24T1{n}:00:00Z">1{n}:00</time><h2>{title}</h2>'
        f"<p>{title}, officials said.</p></div>"
        for n, title in posts
    ) + "".join(f'<li id="id_{n}"><a href="/news/{n}">Most read story number {n}</a></li>' for n, _ in posts)
    updates = _extract(ld_blog_page(ld, body), "https://example.com/live/")
    assert [u.text for u in updates] == [f"{title}, officials said." for _, title in posts]


# Yahoo Finance: posts are <li> items, and LD lists only the newest few of those the page shows.
def test_li_posts_keep_their_heading_and_ld_listing_the_newest_few_loses_no_older_post() -> None:
    posts = [
        (
            "a",
            "2025-02-26T22:48:00Z",
            "CFO: Blackwell brought in $11 billion",
            "Kress said Blackwell sold well.",
        ),
        ("b", "2025-02-26T22:02:00Z", "Earnings call begins", "The call is underway."),
        ("c", "2025-02-26T21:00:00Z", "Stocks close mixed", "The Nasdaq rose 0.26%."),
        ("d", "2025-02-26T18:10:00Z", "What Wall Street expects", "Analysts expect EPS of $0.84."),
    ]
    ld = [
        {
            "headline": title,
            "datePublished": when,
            "url": f"https://finance.yahoo.com/live#post-{key}",
            "articleBody": text,
        }
        for key, when, title, text in posts[:2]
    ]
    items = "".join(
        f'<li class="post" id="post-{key}"><time datetime="{when}">{when[11:16]}</time><h2>{title}</h2><p>{text}</p></li>'
        for key, when, title, text in posts
    )
    page = ld_blog_page(ld, f'<main><ul class="posts">{items}</ul></main>', headline="Nvidia earnings live")
    updates = _extract(page, "https://finance.yahoo.com/live", datetime(2025, 2, 26, 23, tzinfo=UTC))
    assert [u.uid for u in updates] == [f"post-{key}" for key, *_ in posts]
    assert [u.title for u in updates] == [title for _, _, title, _ in posts]
    assert [u.text for u in updates] == [text for *_, text in posts]


# WFAA: every LD item credits the station ("WFAA Staff", an Organization); the posts name their writers.
@pytest.mark.parametrize(
    ("shown", "authors"), [(True, [("Jason Wheeler",), ("Pete Delkus",)]), (False, [("WFAA Staff",)] * 2)]
)
def test_an_organisation_as_lds_author_gives_way_to_the_posts_byline(
    shown: bool, authors: list[tuple[str, ...]]
) -> None:
    station = {"@type": "Organization", "name": "WFAA Staff"}
    posts = [("p2", "2024-05-28T10:40:00-05:00", "Oncor: 650,000 without power", "Jason Wheeler"),
             ("p1", "2024-05-28T05:48:00-05:00", "Storms approaching DFW", "Pete Delkus")]  # fmt: skip
    ld = [
        {"@id": f"#{uid}", "headline": title, "datePublished": when, "author": station}
        for uid, when, title, _ in posts
    ]
    body = "".join(
        f'<div class="live-blog__post" id="{uid}"><time datetime="{when}">{when[11:16]}</time><h2>{title}</h2>'
        + (f'<div class="live-blog__post-author">{name}</div>' if shown else "")
        + "<p>Words of the post.</p></div>"
        for uid, when, title, name in posts
    )
    updates = _extract(ld_blog_page(ld, body, author=station), "https://www.wfaa.com/weather/live")
    assert [u.authors for u in updates] == authors
    assert all(u.text == "Words of the post." for u in updates)


# A court live blog (WCVB, Karen Read): posts are paragraphs led by a bold time and a dash, with a
# "RELATED:" link paragraph between two of them.
def test_posts_led_by_a_bold_time_lose_its_dash_and_the_related_link_between_them() -> None:
    page = (
        '<html><body><main><h1>Live updates: Karen Read verdict</h1><div class="m-article__body">'
        "<p>Jurors resumed deliberations Wednesday. Newest updates at top.</p>"
        "<p><strong>2:31 p.m.</strong> — The jury has reached a verdict, the judge says.</p>"
        "<p><strong>11:15 a.m.</strong> — Jurors sent a note about the OUI charge.</p>"
        "<p>The judge told jurors the charges are independent.</p>"
        '<p class="related"><strong>RELATED:</strong> <a href="/news/timeline/">A timeline of the Karen Read case</a></p>'
        "<p><strong>9:05 a.m.</strong> — Deliberations resumed for a fourth day.</p>"
        "</div></main></body></html>"
    )
    updates = _extract(
        page,
        "https://www.wcvb.com/article/karen-read-live/1",
        datetime(2025, 6, 18, 19, tzinfo=UTC),
        timezone="America/New_York",
    )
    assert [u.text for u in updates] == [
        "The jury has reached a verdict, the judge says.",
        "Jurors sent a note about the OUI charge.\n\nThe judge told jurors the charges are independent.",
        "Deliberations resumed for a fourth day.",
    ]
    assert [u.published for u in updates] == [
        datetime(2025, 6, 18, 18, 31, tzinfo=UTC),
        datetime(2025, 6, 18, 15, 15, tzinfo=UTC),
        datetime(2025, 6, 18, 13, 5, tzinfo=UTC),
    ]
    assert updates[0].content_html == "<p>The jury has reached a verdict, the judge says.</p>"


# Android Authority: the pinned post's label carries an icon beside its word.
def test_a_pinned_label_beside_its_icon_marks_the_post_and_leaves_its_text() -> None:
    post = (
        '<div class="e_o"><div class="e_q">{label}<span class="e_s">{time}</span></div>'
        '<h3>{title}</h3><div class="e_v"><p>{text}</p></div></div>'
    )
    icon = '<span class="e_r"><svg viewBox="0 0 24 24"><path d="M16 3v7l3 3"></path></svg>Pinned</span>'
    body = (
        post.format(
            label=icon, time="10:20 AM PT", title="Key announcements so far", text="Gemini gets Deep Think."
        )
        + post.format(
            label="", time="11:02 AM PT", title="AI Mode for everyone", text="AI Mode is rolling out."
        )
        + post.format(label="", time="10:02 AM PT", title="We are live", text="And we're live at Shoreline.")
    )
    page = f'<html><body><main><h1>I/O live</h1><div class="e_n">{body}</div></main></body></html>'
    updates = _extract(
        page, "https://www.androidauthority.com/google-io-live/", datetime(2025, 5, 20, 19, tzinfo=UTC)
    )
    assert [u.pinned for u in updates] == [True, False, False]
    assert [u.text for u in updates] == [
        "Gemini gets Deep Think.",
        "AI Mode is rolling out.",
        "And we're live at Shoreline.",
    ]


# A second review: LD without ids brings in only what it has not caught up with yet.
@pytest.mark.parametrize(
    "other",
    [
        # an ad card of the posts' shape between them, with a time of its own
        '<article class="live-post"><time datetime="2024-03-14T10:30:00-03:00">10:30</time>'
        "<h2>Patrocinado: Ofertas</h2><p>Ofertas de la semana en electrodomésticos.</p></article>",
        # a teaser for another live page after the last post
        '<article class="live-post"><time datetime="2024-03-14T08:00:00-03:00">08:00</time>'
        "<h2>Otras coberturas en vivo</h2><p>Seguí el minuto a minuto del paro.</p></article>",
    ],
)
def test_ld_without_ids_takes_no_card_of_the_posts_shape_but_the_newest_posts(other: str) -> None:
    posts = [
        (
            "2024-03-14T10:47:00-03:00",
            "Milei anuncia nuevas medidas",
            "El presidente habló en cadena nacional.",
        ),
        ("2024-03-14T10:20:00-03:00", "Sube el dólar blue", "La divisa paralela cerró en alza."),
        ("2024-03-14T09:55:00-03:00", "Paro de transporte", "Los colectivos no circulan desde temprano."),
    ]
    ld = [{"headline": title, "datePublished": when, "articleBody": text} for when, title, text in posts[1:]]
    cards = [
        f'<article class="live-post"><time datetime="{when}">{when[11:16]}</time><h2>{title}</h2><p>{text}</p></article>'
        for when, title, text in posts
    ]
    between = "10:30" in other
    body = cards[0] + cards[1] + (other if between else "") + cards[2] + ("" if between else other)
    page = ld_blog_page(ld, f'<div class="live-feed">{body}</div>', headline="En vivo")
    updates = _extract(
        page, "https://www.clarin.com/politica/vivo_0_abc.html", datetime(2024, 3, 14, 14, tzinfo=UTC)
    )
    assert [u.title for u in updates] == [title for _, title, _ in posts]


def test_an_organisations_credit_line_goes_and_a_quotes_author_is_no_posts_author() -> None:
    station = {"@type": "Organization", "name": "WFAA Staff"}
    ld = [
        {
            "@id": f"#p{n}",
            "headline": f"Post {n}",
            "datePublished": f"2024-03-14T1{n}:00:00Z",
            "author": station,
        }
        for n in (2, 1)
    ]
    body = (
        '<article id="p2"><time datetime="2024-03-14T12:00:00Z">12:00</time><h2>Post 2</h2><p>Words of post 2.</p>'
        '<blockquote><p>"We will rebuild."</p><footer class="author">Jane Doe, Mayor of Springfield</footer></blockquote>'
        "</article>"
        '<article id="p1"><time datetime="2024-03-14T11:00:00Z">11:00</time><h2>Post 1</h2><p>Words of post 1.</p>'
        "<div>WFAA Staff</div></article>"
    )
    updates = _extract(ld_blog_page(ld, body), "https://www.wfaa.com/live/")
    assert [u.authors for u in updates] == [("WFAA Staff",), ("WFAA Staff",)]
    assert updates[1].text == "Words of post 1."


def test_a_label_beside_a_picture_keeps_the_picture() -> None:
    body = "".join(
        f'<article class="post" id="p{n}"><time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time><h2>Headline {n}</h2>'
        f'<p><img src="https://e.test/flood{n}.jpg" alt="Flooded street"><i>Breaking</i></p>'
        f"<p>What happened, {n}.</p></article>"
        for n in (3, 2, 1)
    )
    updates = _extract(f"<html><body><main>{body}</main></body></html>", "https://e.test/live")
    assert all("<img" in u.content_html for u in updates)


# A third review: what an organisation as LD's author, a quote's or embed's author box, an
# id-less LD's unlisted card and an unmarked byline must not be taken for.
def _org_page(post_extra: str, wrapper: str = "article") -> str:
    reuters = {"@type": "Organization", "name": "Reuters"}
    ld = [
        {
            "@id": f"#p{n}",
            "headline": f"Headline {n}",
            "datePublished": f"2024-03-14T1{n}:00:00Z",
            "author": reuters,
        }
        for n in (3, 2, 1)
    ]
    body = "".join(f'<{wrapper} id="p{n}">{post_extra.format(n=n)}</{wrapper}>' for n in (3, 2, 1))
    return ld_blog_page(ld, f"<main>{body}</main>")


def test_a_kicker_beside_the_heading_is_no_writer_beside_lds_organisation() -> None:
    post = (
        '<div class="kicker"><span>Kamala Harris</span></div><time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time>'
        "<h2>Headline {n}</h2><p>What happened, number {n}.</p>"
    )
    updates = _extract(_org_page(post), "https://www.reuters.com/world/live/")
    assert [u.authors for u in updates] == [("Reuters",)] * 3


@pytest.mark.parametrize(
    ("post", "wrapper"),
    [
        # a post wrapper named for an embed holds the post's own heading and time
        (
            '<div class="live-embed-post"><time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time><h2>Headline {n}</h2>'
            '<span class="byline">Jane Doe</span><p>What happened, number {n}.</p></div>',
            "li",
        ),
        # a share bar's footer holding the byline alone
        (
            '<time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time><h2>Headline {n}</h2><p>What happened, number {n}.</p>'
            '<footer class="post-footer embed-share"><span class="author">Jane Doe</span></footer>',
            "article",
        ),
        # an avatar built as a figure whose caption names the author
        (
            '<time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time><h2>Headline {n}</h2>'
            '<figure class="author-avatar"><img src="/a.jpg" alt=""><figcaption class="author-name">Jane Doe</figcaption>'
            "</figure><p>What happened, number {n}.</p>",
            "article",
        ),
    ],
)
def test_a_real_byline_in_a_box_named_for_an_embed_or_a_figure_names_the_author(
    post: str, wrapper: str
) -> None:
    ld = [
        {"@id": f"#p{n}", "headline": f"Headline {n}", "datePublished": f"2024-03-14T1{n}:00:00Z"}
        for n in (3, 2, 1)
    ]
    body = "".join(f'<{wrapper} id="p{n}">{post.format(n=n)}</{wrapper}>' for n in (3, 2, 1))
    updates = _extract(ld_blog_page(ld, f"<main>{body}</main>"), "https://e.test/live")
    assert [u.authors for u in updates] == [("Jane Doe",)] * 3


def test_ld_without_ids_takes_no_teaser_that_shows_only_how_long_ago() -> None:
    posts = [
        (
            "2024-03-14T10:47:00-03:00",
            "Milei anuncia nuevas medidas",
            "El presidente habló en cadena nacional.",
        ),
        ("2024-03-14T10:20:00-03:00", "Sube el dólar blue", "La divisa paralela cerró en alza."),
    ]
    ld = [{"headline": title, "datePublished": when, "articleBody": text} for when, title, text in posts]
    teaser = (
        '<article class="live-post"><h3>Otras coberturas en vivo</h3><a href="/x">Dólar hoy: minuto a minuto</a> '
        "<time>Hace 2 horas</time></article>"
    )
    cards = "".join(
        f'<article class="live-post"><time datetime="{when}">{when[11:16]}</time><h2>{title}</h2><p>{text}</p></article>'
        for when, title, text in posts
    )
    page = ld_blog_page(ld, f'<div class="live-feed">{teaser}{cards}</div>', headline="En vivo")
    updates = _extract(
        page, "https://www.clarin.com/economia/vivo_0_x.html", datetime(2024, 3, 14, 16, tzinfo=UTC)
    )
    assert [u.title for u in updates] == [title for _, title, _ in posts]


# A fifth probe, of pages in more languages.
def _posts_page(posts: list[tuple[str, str, str]], extra: str = "", lang: str = "en") -> str:
    """A heuristic page: each post a stamp, a heading and a paragraph, ``extra`` inside the first."""
    body = "".join(
        f'<div class="live-item">{extra if n == 0 else ""}<div class="live-item__time">{when}</div>'
        f"<h3>{title}</h3><p>{text}</p></div>"
        for n, (when, title, text) in enumerate(posts)
    )
    return f'<html lang="{lang}"><body><h1>Live</h1><div class="live">{body}</div></body></html>'


_SLOVAK_POSTS = [
    ("23:05", "Pellegrini vyhral voľby", "Peter Pellegrini získal 53,12 percenta hlasov."),
    ("00:14", "Fico: Zvíťazil zdravý rozum", "Premiér Robert Fico napísal, že Slovensko si zvolilo."),
    ("23:41", "Korčok: Blahoželám", "Ivan Korčok povedal, že výsledok rešpektuje."),
]


@pytest.mark.parametrize(
    "label",
    [
        "Pripnuté",
        "PRIPNUTÉ",
        "Připnuto",
        "Przypięty",
        "Kiinnitetty",
        "Закреплено",
        "ЗАКРЕПЛЕНО",
        "הודעה נעוצה",
        "ปักหมุด",
    ],
)
def test_a_pinned_label_in_another_language_marks_the_post_and_leaves_its_text(label: str) -> None:
    icon = f'<div class="live-item__label"><svg aria-hidden="true"><use href="#pin"></use></svg>{label}</div>'
    page = _posts_page(_SLOVAK_POSTS, extra=icon, lang="sk")
    updates = _extract(page, "https://www.sme.sk/live/volby", datetime(2024, 4, 6, 22, 30, tzinfo=UTC))
    assert [u.pinned for u in updates] == [True, False, False]
    assert [u.text for u in updates] == [text for *_, text in _SLOVAK_POSTS]


def test_spaced_spanish_meridiems_a_cyrillic_ad_label_hebrew_day_words_and_a_writer_box() -> None:
    spanish = _posts_page(
        [("8:40 a. m.", "Se reanudan las clases", "El Minedu anunció el regreso."),
         ("11:50 p. m.", "Sismo en Lima", "Un sismo de 4,5 grados se sintió en la capital.")],
        lang="es",
    )  # fmt: skip
    updates = _extract(
        spanish,
        "https://elcomercio.pe/peru/en-vivo/",
        datetime(2024, 4, 18, 15, tzinfo=UTC),
        timezone="America/Lima",
    )
    assert [u.published for u in updates] == [
        datetime(2024, 4, 18, 13, 40, tzinfo=UTC),
        datetime(2024, 4, 18, 4, 50, tzinfo=UTC),
    ]
    serbian = _posts_page(
        [("23:40", "Vučić: Izbori u junu", "Predsednik je najavio izbore."),
         ("23:10", "Protest ispred Skupštine", "Nekoliko hiljada ljudi okupilo se.")],
        extra='<div class="ad-slot"><span>Реклама</span></div>',
    )  # fmt: skip
    texts = [
        u.text for u in _extract(serbian, "https://www.rts.rs/live/", datetime(2024, 4, 18, 22, tzinfo=UTC))
    ]
    assert not any("Реклама" in text for text in texts)
    hebrew = (
        '<html lang="he"><body><div class="live">'
        + "".join(
            f'<div class="live-item"><span class="time">{day} {when}</span><h3>{title}</h3><p>{text}</p>'
            f'<div class="live-item-writer">{writer}</div></div>'
            for day, when, title, text, writer in [
                ("היום", "01:10", "נתניהו נאם", 'יו"ר הליכוד נאם בפני פעילים.', "נועה לוי"),
                ("אתמול", "23:20", "ספירת הקולות", "הספירה נמשכת בכל הקלפיות.", "דניאל כהן"),
            ]
        )
        + "</div></body></html>"
    )
    updates = _extract(
        hebrew,
        "https://news.walla.co.il/live/1",
        datetime(2024, 4, 17, 22, 30, tzinfo=UTC),
        timezone="Asia/Jerusalem",
    )
    assert [u.published for u in updates] == [
        datetime(2024, 4, 17, 22, 10, tzinfo=UTC),
        datetime(2024, 4, 17, 20, 20, tzinfo=UTC),
    ]
    # ("yesterday" at 23:20 is the 17th local time: the page was read at 01:30 on the 18th)
    assert [u.authors for u in updates] == [("נועה לוי",), ("דניאל כהן",)]
    assert [u.text for u in updates] == ['יו"ר הליכוד נאם בפני פעילים.', "הספירה נמשכת בכל הקלפיות."]


# Index.hr: a jQuery timeago box carries the instant in its title and says how long ago in Croatian.
def test_a_time_box_with_its_instant_in_an_attribute_dates_the_post_in_any_language() -> None:
    posts = [
        (
            "2024-04-18T00:58:00+02:00",
            "prije 22 min",
            "Plenković: Dobili smo jasan mandat",
            "Premijer se obratio.",
        ),
        (
            "2024-04-18T00:21:00+02:00",
            "prije 59 min",
            "Milanović šuti",
            "Zoran Milanović se još nije obratio.",
        ),
        (
            "2024-04-17T22:47:00+02:00",
            "prije 2 h",
            "DIP: Izlaznost 61,9 posto",
            "Do 19 sati glasalo je 1.854.000.",
        ),
    ]
    items = "".join(
        f'<div class="item"><abbr class="timeago" title="{when}">{ago}</abbr><h2>{title}</h2><p>{text}</p></div>'
        for when, ago, title, text in posts
    )
    page = f'<html lang="hr"><body><h1>UŽIVO</h1><div class="live-feed">{items}</div></body></html>'
    updates = _extract(page, "https://www.index.hr/vijesti/uzivo", datetime(2024, 4, 17, 23, 20, tzinfo=UTC))
    assert [u.published for u in updates] == [datetime.fromisoformat(when) for when, *_ in posts]
    assert [u.text for u in updates] == [text for *_, text in posts]


# Dnevnik: a <dl> of times and posts; a post that is one quoted line keeps it as its text.
def test_a_post_of_one_headline_shaped_line_keeps_it_as_its_text() -> None:
    page = (
        '<html lang="bg"><body><h1>Изборите на живо</h1><dl class="live-chronology">'
        "<dt>00:35</dt><dd><p>ЦИК: при 50% обработени протоколи ГЕРБ-СДС води с 26,4%.</p></dd>"
        "<dt>23:50</dt><dd><p>Бойко Борисов: „Ще направим всичко възможно, за да има правителство.“</p></dd>"
        "<dt>22:15</dt><dd><p>Делян Пеевски обяви, че ДПС-Ново начало е втората сила.</p></dd>"
        "</dl></body></html>"
    )
    updates = _extract(
        page,
        "https://www.dnevnik.bg/izbori/live",
        datetime(2024, 10, 27, 22, 50, tzinfo=UTC),
        timezone="Europe/Sofia",
    )
    assert [u.text for u in updates] == [
        "ЦИК: при 50% обработени протоколи ГЕРБ-СДС води с 26,4%.",
        "Бойко Борисов: „Ще направим всичко възможно, за да има правителство.“",
        "Делян Пеевски обяви, че ДПС-Ново начало е втората сила.",
    ]
    assert [u.published for u in updates] == [
        datetime(2024, 10, 27, 22, 35, tzinfo=UTC),
        datetime(2024, 10, 27, 21, 50, tzinfo=UTC),
        datetime(2024, 10, 27, 20, 15, tzinfo=UTC),
    ]


# 24ur: a box named for the time holds a bare dot clock, as Slovene, Serbian and Croatian print it.
def test_a_bare_dot_clock_in_a_box_named_for_the_time_is_a_stamp() -> None:
    posts = [
        ("00.10", "Po preštetih glasovih ima SDS štiri poslance", "SDS ima 30,6 odstotka glasov."),
        ("23.35", "Janša: To je zmaga za Slovenijo", "Predsednik SDS je dejal, da so volivci jasni."),
        ("22.20", "Golob: Rezultat ni tak, kot smo si želeli", "Premier je priznal poraz."),
    ]
    items = "".join(
        f'<div class="item"><div class="time">{when}</div><h2>{title}</h2><p>{text}</p></div>'
        for when, title, text in posts
    )
    page = f'<html lang="sl"><body><h1>V živo</h1><div class="liveblog">{items}</div></body></html>'
    updates = _extract(
        page,
        "https://www.24ur.com/novice/volitve/v-zivo.html",
        datetime(2024, 6, 9, 23, tzinfo=UTC),
        timezone="Europe/Ljubljana",
    )
    assert [u.published for u in updates] == [
        datetime(2024, 6, 9, 22, 10, tzinfo=UTC),
        datetime(2024, 6, 9, 21, 35, tzinfo=UTC),
        datetime(2024, 6, 9, 20, 20, tzinfo=UTC),
    ]
    # the same number in a box that says nothing of a time is no stamp ("23.35" may be a price)
    context = Context(reference=datetime(2024, 6, 9, 23, tzinfo=UTC), timezone=ZoneInfo("Europe/Ljubljana"))
    assert stamp_of(lxml.html.fragment_fromstring('<div class="time">23.35</div>'), context) is not None
    assert stamp_of(lxml.html.fragment_fromstring('<div class="price">23.35</div>'), context) is None


# La Vanguardia: LD without ids lists the pinned post first; its element carries a modifier class.
def test_ld_without_ids_finds_a_pinned_posts_element_whose_class_adds_a_modifier() -> None:
    posts = [
        (
            "2024-05-12T22:55:00+02:00",
            "Resultats: el PSC guanya",
            "Amb el 99% escrutat, el PSC obté 42 escons.",
            True,
        ),
        (
            "2024-05-12T23:52:00+02:00",
            "Aragonès passa a l'oposició",
            "El president en funcions ha admès la derrota.",
            False,
        ),
        (
            "2024-05-12T23:10:00+02:00",
            "Orriols entra al Parlament",
            "Aliança Catalana aconsegueix dos escons.",
            False,
        ),
    ]
    writer = {"@type": "Person", "name": "Júlia Camacho"}
    ld = [
        {"headline": title, "datePublished": when, "articleBody": text, "author": writer}
        for when, title, text, _ in posts
    ]
    body = "".join(
        f'<section class="live-post{" is-pinned" if pinned else ""}" id="post-{88212 + n}">'
        + ('<span class="live-post__pinned">Fixat</span>' if pinned else "")
        + f'<time datetime="{when[:16]}">{when[11:16]}</time><h2>{title}</h2><p>{text}</p>'
        + '<p class="live-post__author">Júlia Camacho</p></section>'
        for n, (when, title, text, pinned) in enumerate(posts)
    )
    page = ld_blog_page(ld, f'<div class="live-body">{body}</div>', headline="Eleccions 12M, en directe")
    updates = _extract(
        page, "https://www.lavanguardia.com/politica/directe", datetime(2024, 5, 12, 22, 30, tzinfo=UTC)
    )
    assert [u.pinned for u in updates] == [True, False, False]
    # (the author's own paragraph is a byline: it leaves the text)
    assert [u.text for u in updates] == [text for _, _, text, _ in posts]
    assert [u.authors for u in updates] == [("Júlia Camacho",)] * 3


# Kathimerini in capitals: Greek capitals drop the accents the label's lower case carries.
def test_a_greek_read_also_label_in_capitals_is_cut() -> None:
    box = '<p><strong>ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ:</strong> <a href="/x">Άλλη ιστορία για τις εκλογές</a></p>'
    page = _fox_page(False, box)
    assert [u.text for u in _extract(page, "https://www.kathimerini.gr/live/")] == [
        text for *_, text in _FOX_POSTS
    ]
