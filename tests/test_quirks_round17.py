"""Pages from the seventeenth probe (December 2026: Indian, Gulf, US sports and celebrity, Mexican,
Spanish, German, Finnish and Japanese live pages). Each test names what the page does that
tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest
from builders import extract_page
from ldpages import ld_blog_page

from livetail.extract.engine import extract
from livetail.extract.readalso import read_also_boxes
from livetail.model import Document

_FIRST = "<p>The post's own first paragraph says what happened in the city today.</p>"


def _body(markup: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def _cut(markup: str) -> list[str]:
    return [lxml.html.tostring(n, encoding=str, with_tail=False) for n in read_also_boxes(_body(markup))]


def _authors_under(line: str) -> list[tuple[str, ...]]:
    """The authors of three posts that each end with ``line`` (a byline or a credit)."""
    posts = "".join(
        f'<div class="card" id="c{n}"><div class="t">1{n}:05 GMT</div><h2>Update number {n}</h2>'
        f"<p>The minister spoke to reporters about event {n} in the capital today.</p><div>{line}</div></div>"
        for n in (5, 4, 3)
    )
    return [
        u.authors
        for u in extract_page(f'<div class="feed">{posts}</div>', datetime(2024, 6, 4, 18, tzinfo=UTC))
    ]


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


# --- guards from the review of the rules above: what each must leave alone -----------------------


@pytest.mark.parametrize(
    "line",
    [
        '<p><em>"We will not follow the app store rules any more," <a href="https://x.com/elon">Musk wrote</a>.</em></p>',
        '<p><i>Listen to the full interview on <a href="/podcast/pm">our Today podcast</a>, where she announced her resignation.</i></p>',
        '<p><em>Download <a href="/app">the FEMA app</a> to get alerts, officials said as the hurricane approached.</em></p>',
        '<p><i>Investigators say they will follow the trail through the <a href="/x">Signal app</a> messages.</i></p>',
        '<p><em>Residents should get to higher ground now; <a href="/map">see the map of flood alerts</a>.</em></p>',
        '<p>"Join our channel for updates," the ministry wrote on <a href="https://t.me/mod">Telegram</a>.</p>',
        '<p>Hamas told supporters to join our ranks in a post on <a href="https://t.me/q">its Telegram channel</a>.</p>',
        '<p>La policía pidió: "síguenos en <a href="https://t.me/policia">nuestro canal</a>" para avisos.</p>',
        '<p>Segui gli aggiornamenti del Ministero su <a href="https://t.me/m">Telegram</a>: il ministro ha annunciato lo stato di emergenza.</p>',
        '<p><strong>MORE:</strong> The council said the road stays shut, <a href="/statement">according to its statement</a>.</p>',
        '<p>See also</p><ul><li><a href="/ruling.pdf">The ruling (PDF)</a></li><li><a href="/filing.pdf">The filing (PDF)</a></li></ul>',
    ],
)
def test_quotes_reports_and_documents_that_look_like_promos_stay(line: str) -> None:
    assert _cut(f"{_FIRST}{line}") == []


def test_a_cjk_quote_of_several_sentences_does_not_end_the_title() -> None:
    from livetail.extract.build import first_sentence

    quoted = "首相は記者団に「今日は重要な日だ。必ずやり遂げる」と述べ、改革を約束した。その後退席した。"
    assert (
        first_sentence(quoted) == "首相は記者団に「今日は重要な日だ。必ずやり遂げる」と述べ、改革を約束した。"
    )


@pytest.mark.parametrize(
    "markup",
    [
        "<p>観測史上最多を更新した。【随時更新】</p>",  # a note
        "<p>交通機関に影響が出ている。【共同】</p>",  # an agency's credit
        "<p>会议决定加大对受灾地区的支持力度。【央视新闻】</p>",  # a Chinese page: no kana
        "<p>写真を公開した。【写真特集】</p>",
    ],
)
def test_bracketed_notes_credits_and_chinese_pages_are_no_sign_off(markup: str) -> None:
    from livetail.extract.writtenbylines import bracketed_sign_off

    assert bracketed_sign_off(markup) is None
    assert bracketed_sign_off("<p>記者会見を開いた。【ジョン・スミス】</p>") == (
        "<p>記者会見を開いた。</p>",
        "ジョン・スミス",
    )


@pytest.mark.parametrize("text", ["14.13. 18.52", "0.5. 18.52", "32.1. 18.52"])
def test_impossible_days_and_months_make_no_dotted_clock(text: str) -> None:
    from livetail.extract.timelabel import is_time_label

    assert not is_time_label(text)


def test_a_teaser_is_not_taken_for_lds_text_with_its_furniture() -> None:
    # The page shows a cut teaser and a share bar; LD has the whole text: LD's text is the post's.
    full = (
        "Private schools in Dubai will continue distance learning on Wednesday, the Knowledge and Human "
        "Development Authority said. Parents were told by text message late on Tuesday night. Public schools "
        "across the Northern Emirates will also stay remote, and university exams scheduled for this week have "
        "been postponed until further notice, the ministry added."
    )
    title = "Dubai private schools to continue distance learning on Wednesday as floods linger"
    items = [
        {"headline": title, "url": "https://www.khaleejtimes.com/live#E1",
         "datePublished": "2024-04-16T12:15:00Z", "articleBody": full},
    ]  # fmt: skip
    share = (
        '<div class="share"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share on Facebook</a> '
        '<a href="https://twitter.com/intent/tweet?u=x">Share on X</a> '
        '<a href="https://wa.me/?text=x">Share on WhatsApp</a></div>'
    )
    body = (
        f'<div class="entry" id="E1"><h3>{title}</h3><span class="t">16 Apr 2024, 4:15 PM</span>'
        f'<div class="b"><p>{full[:125]}…</p>{share}</div></div>'
    )
    page = ld_blog_page(items, body, url="https://www.khaleejtimes.com/live")
    updates = extract_page(page, datetime(2024, 4, 16, 13, tzinfo=UTC))
    assert updates[0].text == full


def test_embedded_posts_hooks_and_agencies_name_no_writer() -> None:
    posts = "".join(
        f'<div class="css-x1" id="t{n}"><time datetime="2025-07-02T1{n}:02:00+02:00">1{n}:02 Uhr</time>'
        f"<h2>Titel {n}</h2><p>Ein Satz über Ereignis {n}, lang genug für einen Eintrag.</p>"
        f'<div class="css-y2" data-testid="Embed.Twitter.Author">Olaf Scholz</div><p>Reported by Associated Press</p></div>'
        for n in (4, 3, 2)
    )
    updates = extract_page(f'<div class="feed">{posts}</div>', datetime(2025, 7, 2, 15, tzinfo=UTC))
    assert [u.authors for u in updates] == [()] * 3
    assert all("Olaf Scholz" in u.text for u in updates)


def test_a_table_cell_saying_wichtig_stays() -> None:
    posts = "".join(
        f'<div class="item" id="i{n}"><time datetime="2025-07-02T1{n}:02:00Z">1{n}:02 Uhr</time>'
        f"<h2>Umfrage {n}</h2><p>Wie wichtig ist Ihnen das Klima?</p>"
        f"<table><tr><td>Wichtig</td><td>30 %</td></tr><tr><td>Egal</td><td>70 %</td></tr></table></div>"
        for n in (4, 3, 2)
    )
    updates = extract_page(f'<div class="feed">{posts}</div>', datetime(2025, 7, 2, 15, tzinfo=UTC))
    assert all("Wichtig" in u.text for u in updates)


def _posts_with_stamps(stamps: list[str], cls: str = "liveSec", stamp_cls: str = "liveTime") -> str:
    return "".join(
        f'<div class="{cls}" id="post_{n}"><div class="{stamp_cls}">{stamp}</div><h2>Headline number {n}</h2>'
        f"<p>The body of post {n} says something long enough to be a post of its own.</p></div>"
        for n, stamp in zip(range(len(stamps), 0, -1), stamps, strict=True)
    )


def test_a_spaced_slash_joins_a_date_and_its_clock() -> None:
    # Moneycontrol: "July 16, 2026 / 06:20 PM IST"
    stamps = ["July 16, 2026 / 06:20 PM IST", "July 16, 2026 / 05:10 PM IST", "July 16, 2026 / 04:35 PM IST"]
    updates = extract_page(
        f'<div class="feed">{_posts_with_stamps(stamps)}</div>',
        datetime(2026, 7, 16, 14, tzinfo=UTC),
        "Asia/Kolkata",
    )
    assert [u.published for u in updates] == [
        datetime(2026, 7, 16, 12, 50, tzinfo=UTC),
        datetime(2026, 7, 16, 11, 40, tzinfo=UTC),
        datetime(2026, 7, 16, 11, 5, tzinfo=UTC),
    ]


def test_id_less_ld_that_skips_posts_between_its_own_and_repeats_a_time_in_the_header() -> None:
    # Moneycontrol: LD without ids lists the three newest of six posts; the page's header repeats
    # the newest post's time ("Updated: … / 06:20 PM IST"). Read from a saved page, no --date.
    clocks = ["06:20 PM", "05:10 PM", "04:35 PM", "03:31 PM", "02:48 PM", "02:05 PM"]
    stamps = [f"July 16, 2026 / {c} IST" for c in clocks]
    items = [
        {"headline": f"Headline number {n}", "datePublished": f"2026-07-16T{t}:00+05:30",
         "articleBody": f"The body of post {n} says something long enough to be a post of its own."}
        for n, t in ((6, "18:20"), (5, "17:10"), (4, "16:35"))
    ]  # fmt: skip
    body = (
        f'<div class="article_schedule">Updated: {stamps[0]}</div>'
        f'<div class="feed">{_posts_with_stamps(stamps)}</div>'
    )
    page = ld_blog_page(items, body, url="https://www.moneycontrol.com/live")
    document = Document(content=page.encode(), content_type="text/html", url="file:///tmp/mc.html", date=None)
    updates = extract(document, timezone="Asia/Kolkata").updates
    assert [u.title for u in updates] == [f"Headline number {n}" for n in (6, 5, 4, 3, 2, 1)]
    assert updates[-1].published == datetime(2026, 7, 16, 8, 35, tzinfo=UTC)


def test_a_post_ld_skipped_between_its_listed_ones_is_read_where_its_id_and_time_fit() -> None:
    # LD lists the first post and the two newest; the two between have ids of the posts' shape
    # and times between theirs. A box of their shape out of step with the times stays out.
    clocks = ["18:20", "17:10", "16:35", "15:31", "14:05"]
    stamps = [f"16.07.2026 {c}" for c in clocks]
    items = [
        {"headline": f"Headline number {n}", "datePublished": f"2026-07-16T{t}:00+02:00",
         "articleBody": f"The body of post {n} says something long enough to be a post of its own."}
        for n, t in ((5, "18:20"), (4, "17:10"), (1, "14:05"))
    ]  # fmt: skip
    page = ld_blog_page(
        items, f'<div class="feed">{_posts_with_stamps(stamps)}</div>', url="https://www.faz.net/live"
    )
    updates = extract_page(page, datetime(2026, 7, 16, 17, tzinfo=UTC), "Europe/Berlin")
    assert [u.title for u in updates] == [f"Headline number {n}" for n in (5, 4, 3, 2, 1)]
    out_of_step = [f"16.07.2026 {c}" for c in ["18:20", "17:10", "19:55", "15:31", "14:05"]]
    page = ld_blog_page(
        items, f'<div class="feed">{_posts_with_stamps(out_of_step)}</div>', url="https://www.faz.net/live"
    )
    updates = extract_page(page, datetime(2026, 7, 16, 18, tzinfo=UTC), "Europe/Berlin")
    assert "Headline number 3" not in [u.title for u in updates]


@pytest.mark.parametrize("counter", ["Like 52", "👍 Likes: 12", "Likes 1.2k"])
def test_a_like_counter_with_its_word_is_cut(counter: str) -> None:
    from livetail.extract.boxes import is_box

    assert is_box(_body(f'<span class="lb-like">{counter}</span>')[0])
    assert not is_box(_body('<span class="lb-like">Like the minister said, 52 people came</span>')[0])


def test_kiemelt_labels_a_post_and_slovak_read_also_lines_are_cut() -> None:
    posts = (
        '<div class="item item--pinned" id="i3"><div class="item__pin">Kiemelt</div>'
        '<time datetime="2026-06-25T06:00:00Z">08:00</time><h2>Összefoglaló</h2><p>A kormány ma döntött a csomagról.</p></div>'
        '<div class="item" id="i2"><time datetime="2026-06-25T13:48:00Z">15:48</time><h2>Második</h2><p>A második bejegyzés szövege.</p></div>'
        '<div class="item" id="i1"><time datetime="2026-06-25T13:10:00Z">15:10</time><h2>Első</h2><p>Az első bejegyzés szövege.</p></div>'
    )  # fmt: skip
    updates = extract_page(f'<div class="feed">{posts}</div>', datetime(2026, 6, 25, 14, tzinfo=UTC))
    assert "Kiemelt" not in updates[0].text
    sk = '<p><a href="https://dennikn.sk/1/x/">Prečítajte si tiež: Čo znamená štrajk</a></p>'
    assert _cut(f"{_FIRST}{sk}") == [sk]


def test_the_wordpress_liveblog_entrys_own_headline_is_its_title() -> None:
    entries = "".join(
        f'<article id="id_{n}" class="liveblog-entry" data-timestamp="17{n}0000000"><aside>'
        f'<a class="liveblog-meta-time" href="#{n}">{n}h ago</a></aside><div class="liveblog-entry-main">'
        f'<header class="liveblog-meta"><h2 class="liveblog-entry-header">Green wins nomination {n}</h2></header>'
        f'<div class="liveblog-entry-content"><p>The count ended overnight in district {n}. More to follow.</p></div></div></article>'
        for n in (3, 2, 1)
    )
    page = f'<html><body><div id="liveblog-entries">{entries}</div></body></html>'
    document = Document(
        content=page.encode(),
        content_type="text/html",
        url="https://www.civilbeat.org/live",
        date=datetime(2026, 1, 1, tzinfo=UTC),
    )
    result = extract(document, profile="wordpress")
    assert [u.title for u in result.updates] == [f"Green wins nomination {n}" for n in (3, 2, 1)]
    assert all("Green wins" not in u.text for u in result.updates)


# --- guards from the second review ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        '<p><em>Follow us on Telegram, where the truth about the front is told, the Wagner group urged its fighters on <a href="https://t.me/wagner">its channel</a>.</em></p>',
        '<p><em>Subscribe to our channel and defend the homeland. That was the message posted by <a href="/brigade">the brigade</a>.</em></p>',
        '<p><em>Download our app — it is where the county posts evacuation orders first, officials said at <a href="/pc">the press conference</a>.</em></p>',
    ],
)
def test_a_reported_appeal_in_italics_stays(line: str) -> None:
    assert _cut(f"{_FIRST}{line}") == []


def test_a_card_between_lds_posts_whose_id_is_out_of_sequence_is_no_post() -> None:
    clocks = ["18:20", "17:10", "16:35", "15:31", "14:05"]
    items = [
        {"headline": f"Headline number {n}", "datePublished": f"2026-07-16T{t}:00+02:00",
         "articleBody": f"The body of post {n} says something long enough to be a post of its own."}
        for n, t in zip(range(5, 0, -1), clocks, strict=True)
    ]  # fmt: skip
    posts = _posts_with_stamps([f"16.07.2026 {c}" for c in clocks])
    card = (
        '<div class="liveSec" id="post_9001"><div class="liveTime">16.07.2026 16:00</div>'
        "<h2>Live: Markets close higher as oil slides</h2><p>Follow our separate live blog on the markets.</p></div>"
    )
    posts = posts.replace('<div class="liveSec" id="post_2">', f'{card}<div class="liveSec" id="post_2">')
    page = ld_blog_page(items, f'<div class="feed">{posts}</div>', url="https://www.faz.net/live")
    updates = extract_page(page, datetime(2026, 7, 16, 17, tzinfo=UTC), "Europe/Berlin")
    assert [u.title for u in updates] == [f"Headline number {n}" for n in (5, 4, 3, 2, 1)]


@pytest.mark.parametrize("tag", ["更新中", "随時更新中", "毎日新聞", "編集部", "東京", "一問一答"])
def test_bracketed_tags_places_and_outlets_are_no_sign_off(tag: str) -> None:
    from livetail.extract.writtenbylines import bracketed_sign_off

    assert bracketed_sign_off(f"<p>政府は4日、新たな経済対策を閣議決定した。【{tag}】</p>") is None


def test_a_slash_joins_a_clock_only_to_a_date_with_its_year() -> None:
    from livetail.extract.timelabel import is_time_label

    assert is_time_label("July 16, 2026 / 06:20 PM IST")
    assert not is_time_label("Oct 7 / 8:00")
    assert not is_time_label("Jan 6 / 2:30")


def test_a_posted_by_name_with_two_capitals_is_a_name() -> None:
    posts = "".join(
        f'<div class="lb__card" id="c{n}"><div class="lb__time">1{n}:05 IST</div><h2>Update number {n}</h2>'
        f"<p>The chief minister spoke to reporters about event {n} in the state capital.</p>"
        f"<div>Posted By : <span>Ciaran O'Neill</span></div></div>"
        for n in (5, 4, 3)
    )
    page = f'<html><head><link rel="canonical" href="https://www.indiatoday.in/live"></head><body><div class="lb">{posts}</div></body></html>'
    updates = extract_page(page, datetime(2024, 6, 4, 12, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Ciaran O'Neill",)] * 3


# --- the platforms round ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14/03/2024 às 09:00", (2024, 3, 14)),  # Arena (Brazil)
        ("03/04/2024 - 09:00", None),  # no part past 12: the page's country says, the walk dates it
        ("3/14/2024 9:00 AM", (2024, 3, 14)),  # a part past 12 says the order
        ("3/4/2024 9:00 AM", None),  # am/pm and no part past 12: the order is unknown
    ],
)
def test_dates_written_with_slashes(text: str, day: tuple[int, int, int] | None) -> None:
    from datetime import date

    from livetail.extract.timeparse import find_clock

    clock = find_clock(text)
    assert clock is not None and clock.hour == 9
    assert clock.date == (date(*day) if day else None)


def test_a_brazilian_page_prints_brasilia_time() -> None:
    posts = "".join(
        f'<div class="arena-post" id="p{n}"><span class="arena-post__time">14/03/2024 às {t}</span>'
        f"<h3>Título {n}</h3><p>O Copom decidiu hoje, texto longo o bastante para um post {n}.</p></div>"
        for n, t in ((3, "18:42"), (2, "17:15"), (1, "09:00"))
    )
    page = f'<html><head><link rel="canonical" href="https://www.estadao.com.br/economia/ao-vivo/"></head><body><div class="feed">{posts}</div></body></html>'
    document = Document(
        content=page.encode(), content_type="text/html", url="file:///tmp/arena.html", date=None
    )
    updates = extract(document).updates
    assert [u.published for u in updates] == [
        datetime(2024, 3, 14, 21, 42, tzinfo=UTC),
        datetime(2024, 3, 14, 20, 15, tzinfo=UTC),
        datetime(2024, 3, 14, 12, 0, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    "label", ["Edited 4:22 PM", "Edited at 4:22 PM", "Modified 16:22", "Last edited 4:22 PM"]
)
def test_edit_words_lead_a_stamp(label: str) -> None:
    from livetail.extract.timelabel import is_time_label

    assert is_time_label(label)


def test_a_copy_link_control_on_the_posts_permalink_is_cut() -> None:
    body = (
        f"{_FIRST}"
        '<div class="lb-post-permalink"><a href="https://www.kleinezeitung.at/live?liveblog-item-id=urn:x:8a1c">Link kopieren</a></div>'
    )
    posts = "".join(
        f'<article class="lb-post" id="p{n}"><time datetime="2024-03-14T0{n}:01:00Z">0{n}:01</time><h3>Titel {n}</h3>{body}</article>'
        for n in (3, 2, 1)
    )
    updates = extract_page(f'<div class="lb-posts">{posts}</div>', datetime(2024, 3, 14, 10, tzinfo=UTC))
    assert all("Link kopieren" not in u.text for u in updates)
    prose = _body(
        '<p>Sie können den <a href="https://x.example/a">Link kopieren</a> und teilen, sagte sie.</p>'
    )
    from livetail.extract.boxes import is_box

    assert not is_box(prose.find(".//a"))


def test_a_pinned_copy_on_top_flags_its_post_by_data_id_without_a_heading() -> None:
    # 24liveblog: the copy on top says "Pinned" beside an icon, its title is a div, and the
    # platform keeps the post's id in data-id.
    def item(n: int, title: str, when: str, extra: str = "", cls: str = "") -> str:
        return (
            f'<div class="lb24-base-list-item lb24-news-list-item{cls}" data-id="55210{n:02d}">{extra}'
            f'<div class="lb24-news-list-item-time">Mar 14, 2024 {when}</div>'
            f'<div class="lb24-news-list-item-title">{title}</div>'
            f'<div class="lb24-news-list-item-text"><p>Text of item {n}, long enough to be a post of its own here.</p></div></div>'
        )

    label = '<div class="lb24-news-list-item-top-label"><i class="lb24-icon-top"></i>Pinned</div>'
    top = item(1, "Key numbers at a glance", "14:00", label, " lb24-base-list-item-top")
    feed = "".join(
        item(n, t, w)
        for n, t, w in (
            (4, "Salary revision", "17:48"),
            (3, "Diesel subsidies", "17:20"),
            (1, "Key numbers at a glance", "14:00"),
            (2, "Welcome", "13:30"),
        )
    )
    page = f'<div class="lb24-base-top-news">{top}</div><div class="lb24-base-list">{feed}</div>'
    updates = extract_page(page, datetime(2024, 3, 14, 11, tzinfo=UTC), "Asia/Kuala_Lumpur")
    assert [(u.title, u.pinned) for u in updates] == [
        ("Salary revision", False),
        ("Diesel subsidies", False),
        ("Key numbers at a glance", True),
        ("Welcome", False),
    ]


# --- guards from the third review -----------------------------------------------------------------


def test_mexico_spans_zones_ahead_of_its_capital_so_mx_has_no_zone_and_br_has_brasilias() -> None:
    from livetail.extract.zones import host_zone

    assert host_zone("https://www.lajornadamaya.mx/x") is None  # (Cancún is an hour ahead of Mexico City)
    assert host_zone("https://www.estadao.com.br/x") == "America/Sao_Paulo"


@pytest.mark.parametrize("text", ["03/04/2024 17:05 ET", "03/04/2024 | 14:00"])
def test_an_ambiguous_slashed_date_is_left_to_the_walk(text: str) -> None:
    from livetail.extract.timeparse import find_clock

    clock = find_clock(text)
    assert clock is not None and clock.date is None


@pytest.mark.parametrize(
    "line",
    [
        '<p>Join our WhatsApp channel to stay posted on every update: <a href="https://whatsapp.com/channel/x">click here</a></p>',
        '<p>Join our Telegram channel for everything the minister said today: <a href="https://t.me/x">here</a></p>',
        '<p><em>Subscribe to <a href="/newsletters">our newsletter</a>: new stories added every morning.</em></p>',
    ],
)
def test_a_promo_that_says_posted_or_said_in_its_own_words_is_still_cut(line: str) -> None:
    assert _cut(f"{_FIRST}{line}") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "<p>A new message appeared on the group's channel on Tuesday evening. Join our channel for the truth "
        'about the front, it read, linking to <a href="https://t.me/x">the channel</a>.</p>',
        '<p>Las autoridades confirmaron el cierre. Síguenos en <a href="https://whatsapp.com/channel/x">WhatsApp</a></p>',
    ],
)
def test_a_paragraph_of_news_with_an_invite_further_on_stays(line: str) -> None:
    assert _cut(f"{_FIRST}{line}") == []


def test_a_pinned_box_matching_a_post_only_by_a_short_body_or_a_position_flags_nothing() -> None:
    def item(n: str, title: str, when: str, body: str, extra: str = "") -> str:
        return (
            f'<div class="entry{extra}" data-id="{n}"><span class="time">{when}</span><h3>{title}</h3>'
            f"<p>{body}</p></div>"
        )

    long = "the council confirmed the road stays shut until the weekend, officials told reporters."
    top = (
        '<div class="entry entry--pinned" data-id="0"><span class="time">08:00</span>'
        f"<h3>Note to readers</h3><p>We update this page through the day as {long}</p></div>"
    )
    feed = "".join(
        item(str(n), f"Headline {n}", f"1{n}:00", f"Body of post {n}, where {long}") for n in (3, 2, 1, 0)
    )
    page = f'<div class="pinned">{top}</div><div class="feed">{feed}</div>'
    updates = extract_page(page, datetime(2024, 3, 14, 14, tzinfo=UTC), "Europe/London")
    assert (updates[0].title, updates[0].pinned) == ("Note to readers", True)
    assert not any(u.pinned for u in updates[1:])


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Posted By : Jamie Staff", ("Jamie Staff",)),
        ("Reported by Jérôme Bureau", ("Jérôme Bureau",)),
        ("Posted by BBC Sport", ()),
        ("Posted by CNN Staff", ()),
        ("Reported by MJ Lee", ("MJ Lee",)),
        ("Posted by Jean DUPONT", ("Jean DUPONT",)),
    ],
)
def test_desk_words_are_names_except_after_an_outlet(line: str, names: tuple[str, ...]) -> None:
    assert _authors_under(line) == [names] * 3


@pytest.mark.parametrize("name", ["長谷川由美子", "佐藤浩市", "山田太郎"])
def test_japanese_names_of_three_to_six_kanji_sign_off(name: str) -> None:
    from livetail.extract.writtenbylines import bracketed_sign_off

    assert bracketed_sign_off(f"<p>記者会見を開いた。【{name}】</p>") == ("<p>記者会見を開いた。</p>", name)


# --- the regional round -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        '<p class="byline">By Jane Smith, Political Correspondent</p>',
        '<p class="standfirst">Storm latest: the river is still rising in the town centre.</p>',
    ],
)
def test_a_share_enabled_body_beside_a_byline_or_standfirst_is_kept(extra: str) -> None:
    # (a review guard: a body-sized "box" is the body, whatever else stands beside it)
    long = "The river rose a metre overnight and the council opened two rest centres for residents. " * 2
    posts = "".join(
        f'<div class="post" id="p{n}"><time datetime="2024-03-14T1{n}:05:00Z">1{n}:05</time><h2>Update number {n}</h2>'
        f'{extra}<div class="entry-content share-enabled"><p>{long}</p><p>{long}</p></div></div>'
        for n in (5, 4, 3)
    )
    updates = extract_page(f'<div class="feed">{posts}</div>', datetime(2024, 3, 14, 18, tzinfo=UTC))
    assert all(long.strip() in u.text for u in updates)


def test_a_body_without_prose_outside_its_box_keeps_it() -> None:
    # a post whose only words sit in a box its classes call a share box is that post's text
    from livetail.extract.postparts import boxes

    member = _body(
        '<div class="post"><h3>Heading</h3><div class="entry-content share-enabled">'
        "<p>The whole post is this paragraph, and it says enough to be one.</p></div></div>"
    )[0]
    assert boxes(member, False) == []


@pytest.mark.parametrize(
    "markup",
    [
        '<p><strong>Recommended reading:</strong></p><ul><li><a href="/news/1/">A66 dualling: the timeline</a></li><li><a href="/news/2/">Designer village opens</a></li></ul>',
        '<p><strong>You may also like</strong></p><ul><li><a href="/news/3/">Scotch Corner works</a></li></ul>',
    ],
)
def test_more_english_read_also_labels_over_a_list(markup: str) -> None:
    assert len(_cut(f"{_FIRST}{markup}")) == 2


def test_recommended_in_a_sentence_stays() -> None:
    assert (
        _cut(
            f'{_FIRST}<p>Recommended reading for parents is <a href="/x">the guide</a>, the school said.</p>'
        )
        == []
    )


def test_author_of_the_article_is_a_bylines_label() -> None:
    from livetail.extract.bylines import line_names

    assert line_names(["Author of the article: Ryan Tumilty"]) == ["Ryan Tumilty"]


def test_an_ad_slots_label_paragraph_is_cut_but_a_sentence_in_an_ad_class_is_not() -> None:
    from livetail.extract.boxes import is_box

    assert is_box(_body('<p class="article-content__ad-label" aria-hidden="true">Article content</p>')[0])
    assert not is_box(_body('<p class="ad-note">The advertiser paid for this post, the paper said.</p>')[0])
    assert not is_box(_body('<p class="lead">Article content</p>')[0])
    for line in (
        '<p class="ad-after">GOAL! Arsenal 1-0</p>',
        '<p class="no-ads">Full time: 2-1</p>',
        '<p id="ad-3">Kick-off: 3pm</p>',
    ):
        assert not is_box(_body(line)[0])


# --- the beats round --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By News 6 staff", ["News 6 staff"]),  # WKMG: a station's number in its desk's credit
        ("FOX 35 Staff", ["FOX 35 Staff"]),
        ("By Jane Doe 2", []),  # a figure in a person's name is no byline
    ],
)
def test_a_stations_number_in_its_staff_credit(line: str, names: list[str]) -> None:
    from livetail.extract.bylines import line_names

    assert line_names([line]) == names


def test_a_shouted_read_label_over_one_link_is_cut_but_a_sentence_stays() -> None:
    box = '<p><strong>READ: </strong><a href="/x">Princess Kate\'s best Trooping the Colour looks</a></p>'
    assert _cut(f"{_FIRST}{box}") == [box]
    assert _cut(f"{_FIRST}<p>READ: the statement in full below, the palace said.</p>") == []


def test_a_wordpress_liveblog_entrys_injected_ad_and_read_more_line_are_cut() -> None:
    # Court TV (WordPress liveblog): an ad plugin's unit inside the entry's content would title a
    # post without a heading; the profile's bodies now take the heuristic's box and read-also cuts.
    entries = "".join(
        f'<article id="id_{n}" class="liveblog-entry" data-timestamp="17{n}0000000"><div class="liveblog-entry-main">'
        f'<div class="liveblog-entry-content"><div class="adunit"><p>ADVERTISEMENT</p></div>'
        f"<p>Deliberations resume for day {n}. The jury asked no questions this morning.</p>"
        f'<p><strong>READ MORE:</strong> <a href="/timeline">Karen Read retrial: a timeline of the case</a></p></div></div></article>'
        for n in (3, 2, 1)
    )
    page = f'<html><body><div id="liveblog-entries">{entries}</div></body></html>'
    document = Document(
        content=page.encode(),
        content_type="text/html",
        url="https://www.courttv.com/live",
        date=datetime(2026, 1, 1, tzinfo=UTC),
    )
    result = extract(document, profile="wordpress")
    assert [u.title for u in result.updates] == [f"Deliberations resume for day {n}." for n in (3, 2, 1)]
    assert all(
        u.text == f"Deliberations resume for day {n}. The jury asked no questions this morning."
        for u, n in zip(result.updates, (3, 2, 1), strict=True)
    )


# --- guards from the fifth review ---------------------------------------------------------------------


def _wordpress(contents: list[str]) -> list[str]:
    entries = "".join(
        f'<article id="id_{n}" class="liveblog-entry" data-timestamp="17{n}0000000"><div class="liveblog-entry-main">'
        f'<div class="liveblog-entry-content">{content}</div></div></article>'
        for n, content in zip(range(len(contents), 0, -1), contents, strict=True)
    )
    page = f'<html><body><div id="liveblog-entries">{entries}</div></body></html>'
    document = Document(
        content=page.encode(),
        content_type="text/html",
        url="https://x.example/live",
        date=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return [u.text for u in extract(document, profile="wordpress").updates]


def test_general_cuts_keep_an_entry_that_is_only_pointers_and_part_no_words() -> None:
    pointers = (
        '<p>READ MORE: <a href="/a">Storm knocks out power to thousands</a></p>'
        '<p>READ MORE: <a href="/b">Schools closed across the county</a></p>'
    )
    glued = 'Crews restored power<div class="ad"><p>Advertisement</p></div>to most homes overnight, the utility said.'
    texts = _wordpress([pointers, glued])
    assert "Storm knocks out power" in texts[0] and "Schools closed" in texts[0]
    assert texts[1] == "Crews restored power to most homes overnight, the utility said."


def test_a_share_enabled_body_is_no_box_so_an_ad_inside_it_is_cut() -> None:
    long = "The river rose a metre overnight and the council opened two rest centres."
    content = f'<div class="entry-content share-enabled"><p>{long}</p><div class="ad"><p>Advertisement</p></div><p>{long}</p></div>'
    texts = _wordpress([content, content])
    assert all("Advertisement" not in t and t.count(long) == 2 for t in texts)


def test_a_click_to_tweet_quote_stays_and_two_teaser_cards_are_no_post_to_cut() -> None:
    from livetail.extract.boxes import is_box
    from livetail.extract.postparts import boxes

    quote = _body(
        '<a href="https://twitter.com/intent/tweet?text=x">"We will ask for every dollar we are owed."</a>'
    )
    assert not is_box(quote.find(".//a"))
    assert is_box(_body('<a href="https://twitter.com/intent/tweet?text=x">Share on X</a>').find(".//a"))
    cards = _body(
        '<div class="post"><div class="related-card"><a href="/a"><h3>Power cuts: the latest across the region</h3></a></div>'
        '<div class="related-card"><a href="/b"><h3>Schools closed: the full list for Tuesday</h3></a></div></div>'
    )[0]
    assert boxes(cards, False) == []


@pytest.mark.parametrize(
    "line", ["Posted by PA Media", "Posted by BBC Verify", "Reported by CNN's Kylie Atwood"]
)
def test_outlet_credits_after_posted_by_name_no_writer(line: str) -> None:
    assert _authors_under(line) == [()] * 3


@pytest.mark.parametrize("label", ["Advertisement:", "ADVERTISING", "Article continues below", "Ad"])
def test_ad_slot_labels_of_any_wording_are_cut(label: str) -> None:
    from livetail.extract.boxes import is_box

    assert is_box(_body(f'<p class="ad-label">{label}</p>')[0])


# --- the non-Latin round ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05:45 PM, 04-Jun-2024", (2024, 6, 4)),  # Amar Ujala
        ("16 มี.ค. 2567 14:05 น.", (2024, 3, 16)),  # Thairath: a Buddhist Era year
        ("16 มีนาคม 2024 14:05", (2024, 3, 16)),
    ],
)
def test_indian_and_thai_dates_beside_a_clock_make_a_stamp(text: str, day: tuple[int, int, int]) -> None:
    from datetime import date

    from livetail.extract.timelabel import is_time_label
    from livetail.extract.timeparse import find_clock

    clock = find_clock(text)
    assert is_time_label(text) and clock is not None and clock.date == date(*day)


@pytest.mark.parametrize(
    "box",
    [
        '<p class="related">延伸閱讀：<a href="/news/1">北迴線部分路段暫停行駛</a></p>',  # Liberty Times
        '<p class="p-related">あわせて読みたい：<a href="/national/1/">輪島朝市の火災、消火活動難航</a></p>',  # Yomiuri
        '<p>[관련 기사] <a href="/news/1">여진 계속</a></p>',  # KBS
        '<p>यह भी पढ़ें: <a href="/x">मतगणना के ताज़ा रुझान</a></p>',  # Amar Ujala
    ],
)
def test_read_also_lines_in_more_scripts(box: str) -> None:
    assert _cut(f"{_FIRST}{box}") == [box]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("記者王峻祺／花蓮報導", ["王峻祺"]),  # Liberty Times: role before, dateline after
        ("澎湃新闻记者 刘晓", ["刘晓"]),
        ("ผู้เขียน: ธนพล วงศ์ใหญ่", ["ธนพล วงศ์ใหญ่"]),
        ("بقلم: سارة الأحمد", ["سارة الأحمد"]),
        ("रिपोर्ट: अमित शर्मा", ["अमित शर्मा"]),
        ("Reporter: So you knew about the payments", []),
    ],
)
def test_bylines_with_labels_in_scripts_without_capitals(line: str, names: list[str]) -> None:
    from livetail.extract.bylines import line_names

    assert line_names([line]) == names


def test_a_danda_ends_a_first_sentence() -> None:
    from livetail.extract.build import first_sentence

    text = "भाजपा उम्मीदवार 20 हजार वोटों से आगे है। कांग्रेस दूसरे स्थान पर है।"
    assert first_sentence(text) == "भाजपा उम्मीदवार 20 हजार वोटों से आगे है।"


# --- guards from the sixth review -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("山田太郎記者", ["山田太郎記者"]),  # a name glued before the role stays whole, as before
        ("本报记者", ["本报记者"]),  # a role with no name after it is left alone
        ("记者：张三", ["张三"]),
        ("本报记者张三", ["张三"]),
    ],
)
def test_a_chinese_role_is_cut_only_before_a_name(line: str, names: list[str]) -> None:
    from livetail.extract.bylines import line_names

    assert line_names([line]) == names


def test_a_written_by_name_in_capitals_is_a_name() -> None:
    assert _authors_under("Written by JANE SMITH") == [("JANE SMITH",)] * 3


def test_general_cuts_always_take_ads_and_put_no_space_before_punctuation() -> None:
    texts = _wordpress(
        [
            '<p>Goal! Arsenal 1-0.</p><div class="ad"><p>Advertisement</p></div>',
            'Crews restored <b>power</b><span class="ad-label">Ad</span>, officials said tonight.',
        ]
    )
    assert texts == ["Goal! Arsenal 1-0.", "Crews restored power, officials said tonight."]


def test_share_prompts_and_share_bars_stay_boxes() -> None:
    from livetail.extract.boxes import is_box

    prompt = '<a href="https://www.facebook.com/sharer/sharer.php?u=x">Share this update with your friends on Facebook!</a>'
    assert is_box(_body(prompt).find(".//a"))
    bar = '<div class="share-buttons share-enabled"><span>Share this post</span> <a href="/fb">Facebook</a></div>'
    assert is_box(_body(bar)[0])


def test_an_arabic_question_mark_ends_no_title() -> None:
    from livetail.extract.build import first_sentence

    text = "قال الوزير: لماذا؟ ثم غادر القاعة دون أن يجيب على أسئلة الصحفيين."
    assert first_sentence(text) == text


# --- guards from the seventh review -----------------------------------------------------------------


def test_general_cuts_never_empty_an_entry_and_space_the_words_a_box_stood_between() -> None:
    texts = _wordpress(
        [
            '<div class="share-links"><a href="#">Watch the press conference live here</a></div>',
            '<p><b>Power</b><span class="ad">AD</span>is back across the whole county tonight.</p>',
            '<p>Power is back.<span class="ad">AD</span>Crews worked through the night, the utility said.</p>',
        ]
    )
    assert texts == [
        "Watch the press conference live here",
        "Power is back across the whole county tonight.",
        "Power is back. Crews worked through the night, the utility said.",
    ]


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://twitter.com/intent/tweet?text=x">We will ask for every dollar we are owed.</a>',
        '<a href="https://twitter.com/intent/tweet?text=x">"Send in the troops now before it is too late," he said.</a>',
    ],
)
def test_a_quote_to_tweet_is_the_posts_words(link: str) -> None:
    from livetail.extract.boxes import is_box

    assert not is_box(_body(link).find(".//a"))


def test_sharing_enabled_bodies_are_no_boxes_and_kinds_of_reporter_go_before_a_name() -> None:
    from livetail.extract.boxes import is_box
    from livetail.extract.bylines import line_names

    assert not is_box(
        _body('<div class="entry-content sharing-enabled jp-sharing-enabled"><p>Text.</p></div>')[0]
    )
    assert line_names(["特派记者张三"]) == ["张三"]
    assert line_names(["实习记者 李四"]) == ["李四"]
    assert _authors_under("Posted by CNN WIRE") == [()] * 3
