"""Pages from the seventeenth probe (December 2026: Indian, Gulf, US sports and celebrity, Mexican,
Spanish, German, Finnish and Japanese live pages). Each test names what the page does that
tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest
from builders import extract_page
from ldpages import ld_blog_page

from livetail.extract.readalso import read_also_boxes

_FIRST = "<p>The post's own first paragraph says what happened in the city today.</p>"


def _body(markup: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def _cut(markup: str) -> list[str]:
    return [lxml.html.tostring(n, encoding=str, with_tail=False) for n in read_also_boxes(_body(markup))]


def test_a_byline_named_by_a_dotted_test_hook_is_read() -> None:
    # t-online: hashed classes; the byline is named only by data-testid="Ticker.Author".
    posts = "".join(
        f'<div class="css-x1" id="t{n}"><time datetime="2025-07-02T1{n}:02:00+02:00">1{n}:02 Uhr</time>'
        f"<h2>Titel {n}</h2><p>Ein Satz über Ereignis {n}, lang genug für einen Eintrag.</p>"
        f'<div class="css-y2" data-testid="Ticker.Author">Lisa Becker</div></div>'
        for n in (4, 3, 2)
    )
    updates = extract_page(f'<div class="feed">{posts}</div>', datetime(2025, 7, 2, 15, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Lisa Becker",)] * 3
    assert all("Lisa Becker" not in u.text for u in updates)


def test_a_wichtig_badge_in_its_own_box_is_a_label_but_a_sentence_opening_so_stays() -> None:
    posts = (
        '<div class="item" id="i3"><time datetime="2025-07-02T14:02:00Z">16:02 Uhr</time>'
        '<span class="badge">Wichtig</span><h2>Bahn stoppt Fernverkehr</h2><p>Der Fernverkehr ruht bis morgen früh.</p></div>'
        '<div class="item" id="i2"><time datetime="2025-07-02T13:40:00Z">15:40 Uhr</time>'
        "<h2>Hitze im Süden</h2><p><strong>Wichtig:</strong> Trinken Sie genug Wasser, rät das Amt.</p></div>"
        '<div class="item" id="i1"><time datetime="2025-07-02T13:10:00Z">15:10 Uhr</time>'
        "<h2>Brunnen aufgestellt</h2><p>In Frankfurt gibt es zusätzliche Brunnen.</p></div>"
    )  # fmt: skip
    updates = extract_page(f'<div class="feed">{posts}</div>', datetime(2025, 7, 2, 15, tzinfo=UTC))
    assert [u.title for u in updates] == ["Bahn stoppt Fernverkehr", "Hitze im Süden", "Brunnen aufgestellt"]
    assert "Wichtig" not in updates[0].text
    assert updates[1].text.startswith("Wichtig:")


@pytest.mark.parametrize(
    "box",
    [
        '<div class="voc-related"><span>Noticia Relacionada</span><a href="/s/x.html">¿Qué hacer durante un apagón?</a></div>',  # ABC.es
        '<p><strong>Artículo relacionado:</strong> <a href="/s/y.html">Las claves del apagón</a></p>',
        '<p><strong>MORE:</strong> <a href="/us/nba/news/x">NBA play-in tournament 2024: Bracket, schedule</a></p>',  # Sporting News
        '<p><em>Únete a nuestro canal <a href="https://whatsapp.com/channel/0029Va">¡El Universal ya está en Whatsapp!</a>, desde tu dispositivo móvil entérate de las noticias.</em></p>',  # El Universal
        '<p><em>Never miss a story — sign up for <a href="https://people.com/newsletters">PEOPLE\'s free daily newsletter</a> to stay up-to-date.</em></p>',  # People
        '<p><em>Stay up to date with the latest news. Follow KT on <a href="https://whatsapp.com/channel/0029VaD6">WhatsApp Channels</a>.</em></p>',  # Khaleej Times
        '<p><em>Want a quick briefing? Listen to our latest podcasts to find out <a href="https://www.itv.com/news/topic/podcast">What You Need To Know</a>.</em></p>',  # ITV
    ],
)
def test_promo_and_read_also_lines_of_more_sites_are_cut(box: str) -> None:
    assert _cut(f"{_FIRST}{box}") == [box]


@pytest.mark.parametrize(
    "line",
    [
        # a post about someone else's channel: no first-person call, no italic aside
        '<p>The group announced the strike on <a href="https://t.me/somegroup">its Telegram channel</a>, officials said.</p>',
        '<p>Supporters should follow <a href="https://t.me/somegroup">the channel</a> for news, the party said in a statement to reporters.</p>',
        # the post's own sentence, not in italics, about an appeal
        '<p>Listeners can <a href="/podcast">download the podcast</a> from tonight, the broadcaster said.</p>',
        # in italics but no call to the outlet's newsletter, podcast, app or channel
        '<p><em>This post was updated with <a href="/statement">the ministry\'s statement</a>.</em></p>',
        # "More" in sentence case opens a sentence
        '<p>More: <a href="/x">the council</a> said the road stays shut for days.</p>',
    ],
)
def test_lines_that_look_like_promos_but_are_the_posts_own_stay(line: str) -> None:
    assert _cut(f"{_FIRST}{line}") == []


def test_a_read_also_label_alone_with_its_list_of_links_is_one_box() -> None:
    # Khaleej Times: "<p><strong>ALSO READ:</strong></p><ul><li><a>…</a></li>…</ul>"
    label = "<p><strong>ALSO READ:</strong></p>"
    links = '<ul><li><a href="/a">UAE rain: remote work urged</a></li><li><a href="/b">Flights diverted at DXB</a></li></ul>'
    assert _cut(f"{_FIRST}{label}{links}") == [label, links]
    # a list of documents after a label that is not one alone, or a list that says more, stays
    assert _cut(f"{_FIRST}<p><strong>Related documents:</strong></p>{links}") == []
    prose = '<ul><li><a href="/a">UAE rain</a> closed schools for a second day</li></ul>'
    assert _cut(f"{_FIRST}{label}{prose}") == []


def test_a_posted_by_line_before_a_share_bar_is_the_byline() -> None:
    # India Today: "Posted By : <span>Name</span>" then the share bar close each card.
    posts = "".join(
        f'<div class="lb__card" id="c{n}"><div class="lb__time">1{n}:05 IST</div><h2>Update number {n}</h2>'
        f"<p>The chief minister spoke to reporters about event {n} in the state capital.</p>"
        f'<div class="lb__postedby">Posted By : <span>Ashutosh Acharya</span></div>'
        f'<div class="lb__share"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a></div></div>'
        for n in (5, 4, 3)
    )
    page = f'<html><head><link rel="canonical" href="https://www.indiatoday.in/live"></head><body><div class="lb">{posts}</div></body></html>'
    updates = extract_page(page, datetime(2024, 6, 4, 12, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Ashutosh Acharya",)] * 3
    assert all("Posted" not in u.text and "Facebook" not in u.text for u in updates)


def test_ld_text_carrying_the_furniture_the_page_cut_does_not_win() -> None:
    # Khaleej Times: articleBody has the "ALSO READ: …" line the page's body loses as furniture,
    # which left the page's text under 60% of LD's on a short post.
    text = "Private schools in Dubai will continue distance learning on Wednesday."
    also = "UAE rain: private sector urged to allow remote work as floods cut roads across the country"
    items = [
        {"headline": "Schools stay remote", "url": "https://www.khaleejtimes.com/live#E1",
         "datePublished": "2024-04-16T12:15:00Z", "articleBody": f"{text} ALSO READ: {also}"},
    ]  # fmt: skip
    body = (
        f'<div class="entry" id="E1"><h3>Schools stay remote</h3><div class="b"><p>{text}</p>'
        f'<p><strong>ALSO READ:</strong> <a href="/a">{also}</a></p></div></div>'
    )
    page = ld_blog_page(items, body, url="https://www.khaleejtimes.com/live")
    updates = extract_page(page, datetime(2024, 4, 16, 13, tzinfo=UTC))
    assert [u.text for u in updates] == [text]
    assert "ALSO READ" not in updates[0].content_html


def test_a_japanese_sign_off_in_brackets_is_the_byline_and_a_full_stop_ends_the_title() -> None:
    # Mainichi: no heading; the last sentence ends "。【山田太郎】". 「…。」 inside a quote goes on.
    posts = (
        '<div class="live-item" id="l2"><p class="live-time">11:20</p><div class="live-body">'
        "<p>札幌市で24時間降雪量が40センチに達した。観測史上最多を更新した。【山田太郎】</p></div></div>"
        '<div class="live-item" id="l1"><p class="live-time">10:05</p><div class="live-body">'
        "<p>首相は「必ずやり遂げる。」と述べ、改革を約束した。その後退席した。</p></div></div>"
        '<div class="live-item" id="l0"><p class="live-time">08:40</p><div class="live-body">'
        "<p>【速報】気象庁は大雪警報を発表した。交通機関に影響が出ている。</p></div></div>"
    )
    page = f'<html><head><link rel="canonical" href="https://mainichi.jp/live"></head><body><div class="feed">{posts}</div></body></html>'
    updates = extract_page(page, datetime(2025, 2, 4, 3, tzinfo=UTC))
    assert [u.title for u in updates] == [
        "札幌市で24時間降雪量が40センチに達した。",
        "首相は「必ずやり遂げる。」と述べ、改革を約束した。",
        "【速報】気象庁は大雪警報を発表した。",
    ]
    assert [u.authors for u in updates] == [("山田太郎",), (), ()]
    assert "【山田太郎】" not in updates[0].text and updates[0].text.endswith("更新した。")


@pytest.mark.parametrize("stamp", ["14.1. {t}", "14.1. klo {t}", "14.1.2025 {t}", "14. 1. 2025 {t}"])
def test_a_day_and_month_in_figures_before_a_dotted_clock_dates_it(stamp: str) -> None:
    # Helsingin Sanomat prints older posts "14.1. 18.52": the date makes the dotted figures a
    # clock, and the day is the post's (the fetch is two days later).
    posts = "".join(
        f'<article class="item" id="i{n}"><span class="item-time">{stamp.format(t=t)}</span>'
        f"<h2>Otsikko {n}</h2><p>Kantaverkkoyhtiön mukaan katkot korjataan yön aikana, kohta {n}.</p></article>"
        for n, t in ((3, "18.52"), (2, "18.40"), (1, "18.21"))
    )
    page = f'<html><head><link rel="canonical" href="https://www.hs.fi/kotimaa/x.html"></head><body><div class="feed">{posts}</div></body></html>'
    updates = extract_page(page, datetime(2025, 1, 16, 10, tzinfo=UTC), timezone="Europe/Helsinki")
    assert [u.published for u in updates] == [
        datetime(2025, 1, 14, 16, 52, tzinfo=UTC),
        datetime(2025, 1, 14, 16, 40, tzinfo=UTC),
        datetime(2025, 1, 14, 16, 21, tzinfo=UTC),
    ]


@pytest.mark.parametrize("text", ["kello 10.05.", "Tulos oli 18.52 pistettä.", "versio 14.1.18.52"])
def test_dotted_figures_without_a_date_or_clock_word_before_them_are_no_stamp(text: str) -> None:
    from livetail.extract.timelabel import is_time_label

    assert not is_time_label(text)
