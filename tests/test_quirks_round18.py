"""Pages from the eighteenth probe (December 2026: English-language pages from Canada, Ireland,
Australia, New Zealand, South Africa, Korea, the Philippines, India, Texas and London; Polish,
Czech, Romanian, Dutch, Flemish, Danish, Italian, Portuguese, Spanish and Croatian pages; and
non-Latin-script pages). Each test names what the page does that tripped the extractor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import lxml.html
import pytest
from builders import canonical_page as _page
from builders import extract_page
from builders import read_also_cut as _cut

from livetail.model import Update


def _three_posts(
    inner: Callable[[int], str], ns: tuple[int, ...] = (5, 4, 3), hour: int = 18
) -> list[Update]:
    """The updates of a page of posts "<div class=post><span class=time>1N:05</span>…</div>"."""
    posts = "".join(
        f'<div class="post" id="p{n}"><span class="time">1{n}:05</span>{inner(n)}</div>' for n in ns
    )
    return extract_page(_page("news.example", posts), datetime(2025, 3, 4, hour, tzinfo=UTC), "UTC")


def _joy_entries(opening: str, more: str = "") -> list[Update]:
    """Three MyJoyOnline entries whose body opens with ``opening``."""
    posts = "".join(
        f'<div class="jl-entry" id="e{n}"><span class="jl-entry-time">1{n}:05</span><h3>Update {n}</h3>'
        f'<div class="jl-entry-body">{opening}<p>The Electoral Commission said counting continues {n}.</p>'
        f"{more}</div></div>"
        for n in (5, 4, 3)
    )
    return extract_page(_page("www.myjoyonline.com", posts), datetime(2024, 12, 7, 18, tzinfo=UTC), "UTC")


@pytest.mark.parametrize(
    "links",
    [
        # TimesLIVE: the label, then each link in a paragraph of its own
        '<p><a href="/a">How the IEC handles objections</a></p>',
        '<p><a href="/a">How the IEC handles objections</a></p><p><a href="/b">Coalition scenarios</a></p>',
        # the Irish Examiner: the link in a box of its own
        '<div class="read-more-links">\n<a href="/a">Childcare providers warn of closures</a>\n</div>',
    ],
)
def test_a_read_also_label_alone_then_blocks_of_links_is_one_box(links: str) -> None:
    label = "<p><strong>READ MORE:</strong></p>"
    assert _cut(f"{label}{links}") == [label, *lxml_blocks(links)]


def lxml_blocks(markup: str) -> list[str]:
    holder = lxml.html.fragment_fromstring(markup, create_parent="div")
    return [lxml.html.tostring(n, encoding=str, with_tail=False) for n in holder]


@pytest.mark.parametrize(
    "after",
    [
        # a paragraph that says more than its link is the post's own
        '<p><a href="/a">The commission</a> said it would rule on every objection by Sunday.</p>',
        # the post's sources
        '<p><a href="/ruling.pdf">The full ruling</a></p>',
        # text between the label and the link
        'and then <p><a href="/a">How the IEC handles objections</a></p>',
    ],
)
def test_a_label_alone_before_anything_but_blocks_of_links_cuts_nothing(after: str) -> None:
    assert _cut(f"<p><strong>READ MORE:</strong></p>{after}") == []


def test_a_key_points_label_in_its_own_box_goes_but_a_heading_stays() -> None:
    # The Times: "<div class=LivePost-label>Key points</div>" over the pinned summary.
    posts = (
        '<div class="LivePost" id="p3"><div class="LivePost-label">Key points</div>'
        '<span class="LivePost-time">13:05</span><h2>What we know so far</h2>'
        "<ul><li>Polls close at 10pm across the country.</li><li>Turnout is up on 2019.</li></ul></div>"
        '<div class="LivePost" id="p2"><span class="LivePost-time">12:40</span><h2>Exit poll due</h2>'
        "<h3>Key points</h3><ul><li>The exit poll lands at 10pm sharp.</li></ul></div>"
        '<div class="LivePost" id="p1"><span class="LivePost-time">12:10</span><h2>Queues at stations</h2>'
        "<p>Voters queued outside polling stations in Bristol before they opened.</p></div>"
    )
    updates = extract_page(_page("www.thetimes.com", posts), datetime(2024, 7, 4, 14, tzinfo=UTC))
    assert [u.title for u in updates] == ["What we know so far", "Exit poll due", "Queues at stations"]
    assert "Key points" not in updates[0].text
    assert "Key points" in updates[1].text


def _gma(sign_off: str, before: str = "") -> list[tuple[str, ...]]:
    posts = "".join(
        f'<div class="live-update" id="lu-{n}"><div class="live-update-time">{n}:05 PM</div>'
        f'<div class="live-update-body"><p>Voting has ended in most precincts nationwide, Comelec chairperson '
        f"George Garcia said on update {n}.</p>{before}<p>{sign_off}</p></div></div>"
        for n in (7, 6, 5)
    )
    updates = extract_page(_page("www.gmanetwork.com", posts), datetime(2025, 5, 12, 12, tzinfo=UTC))
    assert all(sign_off not in u.text for u in updates) or not any(u.authors for u in updates)
    return [u.authors for u in updates]


_TWEET = (
    '<blockquote class="twitter-tweet"><p>Garcia: Mahigit 1,000 ACM ang napalitan.</p>&mdash; GMA News '
    '(@gmanews) <a href="https://twitter.com/gmanews/status/1">May 12, 2025</a></blockquote>'
)


@pytest.mark.parametrize("before", ["", _TWEET])
def test_a_newsrooms_sign_off_with_an_editors_initials_names_the_writer(before: str) -> None:
    # GMA News: "—Joviland Rita/KBK, GMA Integrated News" closes every post, after an embed too.
    assert _gma("—Joviland Rita/KBK, GMA Integrated News", before) == [("Joviland Rita",)] * 3


@pytest.mark.parametrize(
    ("sign_off", "before"),
    [
        ("— Winston Churchill, Prime Minister", ""),  # a quote's attribution-like line with a role
        ("— Jane Doe, Chicago", ""),  # a place after the name, no outlet
        ("— Winston Churchill/WC, Hansard", _TWEET),  # no outlet's acronym after an embed
    ],
)
def test_dash_lines_that_are_no_newsroom_sign_off_name_nobody(sign_off: str, before: str) -> None:
    assert _gma(sign_off, before) == [()] * 3


def test_a_polish_compiled_by_prefix_is_no_part_of_the_name() -> None:
    # RMF24: '<div class="relation-item__author">Oprac. Marta Wiśniewska</div>'
    posts = "".join(
        f'<div class="relation-item" id="r{n}"><div class="relation-item__time">1{n}:05</div>'
        f"<h2>Wpis numer {n}</h2><p>Premier rozmawiał z dziennikarzami o wydarzeniu {n} w stolicy.</p>"
        f'<div class="relation-item__author">Oprac. Marta Wiśniewska</div></div>'
        for n in (5, 4, 3)
    )
    updates = extract_page(_page("www.rmf24.pl", posts), datetime(2025, 5, 18, 18, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Marta Wiśniewska",)] * 3
    assert all("Oprac" not in u.text for u in updates)


def test_a_flemish_edit_time_with_a_dotted_clock_is_an_edit_mark_not_a_title() -> None:
    # VRT NWS: "<span>22.08</span><span class=…__updated>Bijgewerkt om 22.25</span>", no heading.
    posts = "".join(
        f'<article class="vrt-liveblog-post" id="p{n}"><div class="vrt-liveblog-post__meta">'
        f'<span class="vrt-liveblog-post__time">2{n}.08</span>'
        f'<span class="vrt-liveblog-post__updated">Bijgewerkt om 2{n}.25</span></div>'
        f'<div class="cmp-text"><p>In Gent blijft Voor Gent de grootste lijst {n}. De burgemeester is tevreden.</p>'
        f"</div></article>"
        for n in (2, 1, 0)
    )
    updates = extract_page(
        _page("www.vrt.be", posts), datetime(2024, 10, 13, 21, 30, tzinfo=UTC), "Europe/Brussels"
    )
    assert [u.title for u in updates] == [
        f"In Gent blijft Voor Gent de grootste lijst {n}." for n in (2, 1, 0)
    ]
    assert all("Bijgewerkt" not in u.text for u in updates)
    assert [u.published.isoformat() for u in updates] == [
        f"2024-10-13T{18 + n}:08:00+00:00" for n in (2, 1, 0)
    ]
    assert [u.modified.isoformat() if u.modified else None for u in updates] == [
        f"2024-10-13T{18 + n}:25:00+00:00" for n in (2, 1, 0)
    ]


def test_a_related_card_built_of_headings_is_neither_the_title_nor_the_text() -> None:
    # Sky TG24: a post without a heading holds "<a class=c-inline-card>…<h2>Vedi anche</h2><h3>…</h3></a>".
    card = (
        '<a class="c-inline-card" href="/mondo/papa-eletto"><div class="c-inline-card__media"><img src="/l.jpg" alt=""></div>'
        '<h2 class="c-section-title">Vedi anche</h2><h3 class="c-inline-card__title">Papa eletto, cosa succede ora</h3></a>'
    )
    posts = "".join(
        f'<div class="c-liveblog__post" id="post-{n}"><div class="c-liveblog__post-header">'
        f'<span class="c-liveblog__post-time">1{n}:55</span></div><div class="c-liveblog__post-body">'
        f"<p>Le campane di San Pietro suonano a festa {n}. In piazza i fedeli applaudono.</p>{card}</div></div>"
        for n in (8, 7, 6)
    )
    updates = extract_page(_page("tg24.sky.it", posts), datetime(2025, 5, 8, 17, tzinfo=UTC))
    assert [u.title for u in updates] == [f"Le campane di San Pietro suonano a festa {n}." for n in (8, 7, 6)]
    assert all("Vedi anche" not in u.text and "Papa eletto" not in u.text for u in updates)


def test_a_link_card_that_is_no_read_also_box_stays() -> None:
    # a card whose first words are the other article's own: the post's content
    card = '<a class="card" href="/x"><h3>Papa eletto</h3><p>Cosa succede ora in Vaticano</p></a>'
    assert _cut(card) == []


@pytest.mark.parametrize(
    ("today", "yesterday"),
    [
        ("Terça-feira, 29 de Abril", "Segunda-feira, 28 de Abril"),
        ("Wtorek, 29 kwietnia", "Poniedziałek, 28 kwietnia"),
        ("Úterý 29. dubna", "Pondělí 28. dubna"),
        ("Tirsdag 29. april", "Mandag 28. april"),
    ],
)
def test_weekday_day_separators_in_more_languages_date_the_posts_under_them(
    today: str, yesterday: str
) -> None:
    # Público: a post printed "8h00" on top (its pin unmarked), then the day's posts under
    # "Terça-feira, 29 de Abril" and yesterday's under "Segunda-feira, 28 de Abril".
    def posts(hours: tuple[int, ...], day: str) -> str:
        return "".join(
            f'<article class="live-post" id="p{day[:3]}{h}"><span class="live-post__time">{h}h{m:02d}</span>'
            f"<p>Atualização número {h} sobre o apagão de {day}.</p></article>"
            for h, m in zip(hours, (12, 30, 5, 48), strict=False)
        )

    page = _page(
        "www.publico.pt",
        posts((8,), "pin")
        + f'<div class="live-blog__day"><span>{today}</span></div>'
        + posts((9, 7, 1), "hoje")
        + f'<div class="live-blog__day"><span>{yesterday}</span></div>'
        + posts((23, 22, 21), "ontem"),
    )
    updates = extract_page(page, datetime(2025, 4, 29, 22, 59, tzinfo=UTC), timezone="Europe/Lisbon")
    assert [u.published.isoformat() for u in updates[1:]] == [
        "2025-04-29T08:12:00+00:00",
        "2025-04-29T06:30:00+00:00",
        "2025-04-29T00:05:00+00:00",
        "2025-04-28T22:12:00+00:00",
        "2025-04-28T21:30:00+00:00",
        "2025-04-28T20:05:00+00:00",
    ]


def test_a_destaque_flag_is_a_label_that_pins_nothing() -> None:
    # Público: '<span class="live-post__flag">Destaque</span>' highlights posts (the top one, and
    # others further down, as a key event does); the word is no post's text, and no post is pinned.
    posts = "".join(
        f'<article class="live-post" id="p{h}">{flag}<span class="live-post__time">{h}h12</span>'
        f"<h2>Atualização {h}</h2><p>Atualização número {h} sobre o apagão no país.</p></article>"
        for h, flag in ((11, '<span class="live-post__flag">Destaque</span>'), (10, ""),
                        (9, '<span class="live-post__flag">Destaque</span>'))
    )  # fmt: skip
    updates = extract_page(_page("www.publico.pt", posts), datetime(2025, 4, 29, 11, 30, tzinfo=UTC))
    assert [u.pinned for u in updates] == [False, False, False]
    assert all("Destaque" not in u.text for u in updates)


def test_a_persian_edit_mark_is_a_stamp_not_text() -> None:
    # Iran International: "<time>22:05</time><span class=LivePost_edited>ویرایش: ۲۳:۲۰</span>"
    posts = "".join(
        f'<article class="LivePost_post" id="p{n}"><time datetime="2025-06-13T{n}:05:00+03:30">{n}:05</time>'
        f'<span class="LivePost_edited__W2fKd">ویرایش: ۲۳:۲۰</span><h2>خبر شماره {n}</h2>'
        f"<p>این متن خبر شماره {n} است که درباره رویدادهای امروز تهران نوشته شده است.</p></article>"
        for n in (21, 20, 19)
    )
    updates = extract_page(_page("www.iranintl.com", posts), datetime(2025, 6, 13, 20, tzinfo=UTC))
    assert [u.title for u in updates] == [f"خبر شماره {n}" for n in (21, 20, 19)]
    assert all("ویرایش" not in u.text for u in updates)


@pytest.mark.parametrize(
    ("label", "host"),
    [("고정", "www.joongang.co.kr"), ("Sabitlenmiş", "www.ntv.com.tr"), ("Ghim", "tuoitre.vn")],
)
def test_pin_labels_in_more_languages_pin_their_post_and_leave_its_text(label: str, host: str) -> None:
    posts = (
        f'<div class="live-item" id="p0"><span class="badge">{label}</span><span class="time">08:00</span>'
        "<h2>Summary of the day</h2><p>What we know so far about the storm and its path.</p></div>"
        + "".join(
            f'<div class="live-item" id="p{h}"><span class="time">{h}:15</span><h2>Update {h}</h2>'
            f"<p>The storm reached the coast at {h}:00 with strong winds and rain.</p></div>"
            for h in (14, 13)
        )
    )
    updates = extract_page(_page(host, posts), datetime(2025, 6, 13, 14, 30, tzinfo=UTC), "UTC")
    assert [u.pinned for u in updates] == [True, False, False]
    assert label not in updates[0].text


def test_korean_names_joined_by_a_middle_dot_are_two_writers() -> None:
    from livetail.extract.bylines import line_names

    assert line_names(["김민정·박준호 기자"]) == ["김민정", "박준호"]
    assert line_names(["Jane Doe · Political editor"]) == ["Jane Doe"]  # a tail elsewhere, as before


def test_a_turkish_reporter_label_is_no_part_of_the_name() -> None:
    from livetail.extract.bylines import line_names

    assert line_names(["Muhabir: Zeynep Arslan"]) == ["Zeynep Arslan"]


@pytest.mark.parametrize(
    "box",
    [
        # Tuổi Trẻ: a bold label over a list
        '<div class="kbwscwl-relatedbox"><strong>TIN LIÊN QUAN</strong><ul><li><a href="/a">Vì sao bão Yagi '
        "mạnh nhất 30 năm qua</a></li></ul></div>",
        # Dainik Bhaskar: "ये खबर भी पढ़ें..." over a linked picture and title
        '<div class="f5a7c9e1"><p>ये खबर भी पढ़ें...</p><a href="/n"><img src="/i.jpg" alt=""><span>अमेठी सीट का '
        "इतिहास</span></a></div>",
    ],
)
def test_read_also_boxes_in_vietnamese_and_hindi_are_cut(box: str) -> None:
    assert _cut(box) == [box]


def test_a_labelled_byline_naming_lds_author_and_a_place_is_cut() -> None:
    # Dainik Bhaskar: LD names the writer; the post prints "रिपोर्ट: अमित शर्मा, लखनऊ" in a hashed box.
    from ldpages import ld_blog_page

    text = "केंद्रीय मंत्री स्मृति ईरानी अमेठी सीट पर कांग्रेस के उम्मीदवार से हार गईं।"
    items = [
        {"headline": "अमेठी में स्मृति ईरानी हारीं", "url": "https://www.bhaskar.com/live#E1",
         "datePublished": "2024-06-04T18:30:00+05:30", "articleBody": text,
         "author": {"@type": "Person", "name": "अमित शर्मा"}},
    ]  # fmt: skip
    body = (
        '<div class="e8a0c2f4" id="E1"><h3>अमेठी में स्मृति ईरानी हारीं</h3>'
        '<div class="b1c3e5a7"><span>रिपोर्ट:</span> <a href="/author/1">अमित शर्मा</a>, <span>लखनऊ</span></div>'
        f'<div class="b4e6a8c0"><p>{text}</p></div></div>'
    )
    page = ld_blog_page(items, body, url="https://www.bhaskar.com/live")
    updates = extract_page(page, datetime(2024, 6, 4, 16, tzinfo=UTC))
    assert [u.authors for u in updates] == [("अमित शर्मा",)]
    assert [u.text for u in updates] == [text]


@pytest.mark.parametrize(
    "ad",
    [
        # detik: the label and the "scroll on" line around the slot, as paragraphs
        '<div class="parallaxindetail"><p class="para_caption">ADVERTISEMENT</p><div class="x"></div>'
        '<p class="para_caption">SCROLL TO CONTINUE WITH CONTENT</p></div>',
        # HK01: the label beside an empty slot, hashed classes
        '<div class="sc-f0a2b4c6-0"><span class="sc-f0a2b4c6-1">廣告</span><div id="div-gpt-ad-1"></div></div>',
    ],
)
def test_ad_labels_beside_their_slot_never_reach_the_text(ad: str) -> None:
    posts = "".join(
        f'<div class="live-update" id="u{h}"><div class="live-update-time">{h}:05</div><h2>Update {h}</h2>'
        f"<p>Data masuk quick count sudah mencapai {h}0 persen suara.</p>{ad}<p>Prabowo unggul di {h} provinsi.</p></div>"
        for h in (14, 13, 12)
    )
    updates = extract_page(_page("news.detik.com", posts), datetime(2024, 2, 14, 15, tzinfo=UTC), "UTC")
    assert len(updates) == 3
    for word in ("ADVERTISEMENT", "SCROLL", "廣告"):
        assert all(word not in u.text for u in updates)


def test_bracketed_clocks_lead_the_posts_of_one_article_body() -> None:
    # HK01: no post containers; each post opens "<p><strong>【19:40】</strong></p>", then maybe an h3.
    body = (
        "<p><strong>【19:40】</strong></p><h3>天文台：今晚9時前改發三號信號</h3><p>天文台表示，颱風韋帕正遠離香港。</p>"
        "<p><strong>【16:30】</strong></p><p>港鐵表示，露天路段列車服務已逐步恢復，但班次會較疏。機場快綫維持每20分鐘一班。</p>"
        "<p>輕鐵及東涌綫部分車站仍暫停服務。</p>"
        "<p><strong>【14:05】</strong></p><h3>天文台發出十號颶風信號</h3><p>這是今年首個十號風球。</p>"
    )
    page = _page("www.hk01.com", f'<article><div class="article-body">{body}</div></article>')
    updates = extract_page(page, datetime(2025, 7, 20, 12, tzinfo=UTC), "Asia/Hong_Kong")
    assert [u.title for u in updates] == [
        "天文台：今晚9時前改發三號信號",
        "港鐵表示，露天路段列車服務已逐步恢復，但班次會較疏。",
        "天文台發出十號颶風信號",
    ]
    assert [u.published.isoformat() for u in updates] == [
        "2025-07-20T11:40:00+00:00",
        "2025-07-20T08:30:00+00:00",
        "2025-07-20T06:05:00+00:00",
    ]
    assert "機場快綫維持每20分鐘一班" in updates[1].text


# Review of the first round-18 rules: each of these misfired on it.


@pytest.mark.parametrize(
    "line",
    [
        "— Keir Starmer, UK Prime Minister",
        "— Jane Doe, MP",
        "— Mark Rutte, NATO Secretary General",
        "— Sam Lee, NYC",
    ],
)
def test_a_dash_line_naming_a_role_or_an_organisation_after_a_comma_is_an_attribution(line: str) -> None:
    updates = _three_posts(
        lambda n: (
            f"<h2>Update {n}</h2>"
            f"<p>The prime minister responded to the strike ballot {n} in a statement.</p>"
            f'<div class="pullquote"><p>This government will not be held to ransom.</p><p>{line}</p></div>'
        )
    )
    assert [u.authors for u in updates] == [()] * 3
    assert all(line in u.text for u in updates)


def test_a_key_points_paragraph_over_a_posts_own_list_stays() -> None:
    updates = _three_posts(
        lambda n: (
            f"<h2>Budget at a glance {n}</h2>"
            f"<p>The chancellor set out her plans in the Commons today.</p><p>Key points</p>"
            f"<ul><li>Income tax thresholds frozen until 2030.</li></ul>"
        )
    )
    assert all("Key points" in u.text for u in updates)


def test_a_round_up_of_links_under_a_heading_is_the_post_not_a_box() -> None:
    updates = _three_posts(
        lambda n: (
            f"<h2>Catch up on today's tariff news {n}</h2>"
            f'<p><strong>Read more:</strong></p><p><a href="/a{n}">Trump tariffs: what they mean for you</a></p>'
            f'<p><a href="/b{n}">Markets slump as tariffs hit</a></p>'
        )
    )
    assert all("Markets slump as tariffs hit" in u.text for u in updates)


def test_a_product_card_badged_recommended_is_a_deal_not_a_read_also_box() -> None:
    card = (
        '<a class="product-card" href="https://shop.example/dp/1"><div><img src="/p.jpg" alt=""></div>'
        "<p>Recommended</p><h3>Apple AirPods Pro 2, now £179 (was £249)</h3><p>Lowest price we've seen</p></a>"
    )
    assert _cut(card) == []


def test_a_related_heading_does_not_hide_the_posts_own_heading_after_it() -> None:
    updates = _three_posts(
        lambda n: (
            f'<div class="post-body"><h3>Related</h3>'
            f'<p><a href="/x{n}">Wildfire season starts early</a></p><h2>Evacuations ordered in Malibu {n}</h2>'
            f"<p>Residents of the canyon were told to leave by nightfall.</p></div>"
        )
    )
    assert [u.title for u in updates] == [f"Evacuations ordered in Malibu {n}" for n in (5, 4, 3)]


@pytest.mark.parametrize(
    "line", ["22.08 · Bijgewerkt om 22.25", "21.08 - aggiornato alle 22.25", "Posted 9.30 Updated 10.15"]
)
def test_an_edit_time_after_a_bare_dotted_clock_is_not_read_as_the_posts_time(line: str) -> None:
    # (a configured time selector reads the line's first clock: the edit time is none of it)
    from livetail.extract.timeparse import find_clock

    assert find_clock(line) is None


# A second review (of the non-Latin rules and the first review's fixes): each misfired on it.


@pytest.mark.parametrize(
    "box",
    [
        '<div class="related"><h3>Related</h3><h4><a href="/x">Wildfire season starts early in the west</a></h4></div>',
        '<div><h2>Leggi anche</h2><h3><a href="/x">Wildfire season starts early in the west</a></h3></div>',
        '<a class="c-inline-card" href="/x"><div><h2>Vedi anche</h2><h3>Wildfire season starts early in the west</h3>'
        "</div></a>",
    ],
)
def test_a_box_of_links_under_a_label_heading_never_titles_the_post(box: str) -> None:
    updates = _three_posts(
        lambda n: (
            f'<div class="post-body">'
            f"<p>Residents of the canyon were told to leave by nightfall {n}.</p>{box}"
            f"<p>Firefighters expect the wind to ease.</p></div>"
        )
    )
    assert [u.title for u in updates] == [
        f"Residents of the canyon were told to leave by nightfall {n}." for n in (5, 4, 3)
    ]


@pytest.mark.parametrize(
    "card",
    [
        '<a class="card" href="/x"><span>Read more</span><h3>Storm batters the coast overnight</h3><span>5 min read</span></a>',
        '<a class="card" href="/x"><h2>Vedi anche</h2><h3>Papa eletto</h3><p>Cosa succede ora in Vaticano</p></a>',
    ],
)
def test_a_read_also_card_with_a_teaser_or_a_read_time_is_cut(card: str) -> None:
    assert _cut(card) == [card]


def test_korean_middle_dots_join_names_only_in_a_line_of_names() -> None:
    from livetail.extract.bylines import line_names

    assert line_names(["김민정 기자 · 사진 박준호 기자"]) == ["김민정"]  # a photographer's credit
    assert line_names(["김민정 기자·연합뉴스"]) == ["김민정"]  # an agency
    assert line_names(["김민정 기자 · 서울"]) == ["김민정"]  # a place
    assert line_names(["Kim Min-jung · 서울"]) == ["Kim Min-jung"]


@pytest.mark.parametrize(
    "cell", ["<table><tr><td>고정</td><td>3.5%</td></tr></table>", "<ul><li>Ghim</li></ul>"]
)
def test_everyday_words_for_a_pin_in_a_table_or_list_pin_nothing(cell: str) -> None:
    posts = "".join(
        f'<div class="live-item" id="p{n}"><span class="time">1{n}:30</span><h2>금리 결정 {n}</h2>'
        f"<p>한국은행이 기준금리를 동결했다.</p>{cell}</div>"
        for n in (5, 4, 3)
    )
    updates = extract_page(_page("www.joongang.co.kr", posts), datetime(2025, 3, 4, 18, tzinfo=UTC), "UTC")
    assert [u.pinned for u in updates] == [False] * 3
    assert all(("고정" in u.text) or ("Ghim" in u.text) for u in updates)


def test_a_bold_label_that_runs_on_into_a_sentence_is_no_box() -> None:
    assert (
        _cut('<p><strong>Tin liên quan</strong> đến vụ cháy đã được <a href="/x">UBND</a> công bố.</p>') == []
    )


@pytest.mark.parametrize(
    "line", ["— Jane Doe/JD, AFP", "—Jamie Tan/JT, ABS-CBN", "—Joviland Rita/KBK, GMA Integrated News"]
)
def test_a_staff_sign_off_names_an_agency_or_a_newsroom(line: str) -> None:
    from livetail.extract.writtenbylines import signs_off, staff_sign_off

    assert signs_off(line) and staff_sign_off(line)


@pytest.mark.parametrize(
    "line",
    [
        "Last updated 12.36",
        "Laatst bijgewerkt om 22.25",
        "(Bijgewerkt om 22.25)",
        "Zuletzt aktualisiert um 14.05",
    ],
)
def test_an_edit_line_that_opens_with_last_or_a_bracket_still_reads_its_dotted_clock(line: str) -> None:
    from livetail.extract.timeparse import find_clock

    assert find_clock(line) is not None


def test_cricket_balls_stamp_commentary_rows_and_lead_their_titles() -> None:
    # Cricbuzz: each row is '<div class="cb-ovr-num">10.3</div><p class="cb-com-ln">…</p>', no clock.
    rows = "".join(
        f'<div class="cb-col cb-col-100"><div class="cb-mat-mnu-wrp cb-ovr-num">{ball}</div>'
        f'<p class="cb-com-ln">Natarajan to Venkatesh Iyer, no run, {what}.</p></div>'
        for ball, what in (("10.3", "defended"), ("10.2", "defended"), ("10.1", "left alone outside off"))
    )
    page = _page("www.cricbuzz.com", f'<div id="full-commentary">{rows}</div>')
    updates = extract_page(page, datetime(2024, 5, 26, 16, tzinfo=UTC))
    assert [u.title for u in updates] == [
        "Over 10.3 Natarajan to Venkatesh Iyer, no run, defended.",
        "Over 10.2 Natarajan to Venkatesh Iyer, no run, defended.",
        "Over 10.1 Natarajan to Venkatesh Iyer, no run, left alone outside off.",
    ]
    assert [u.published for u in updates] == [None] * 3
    assert len({u.uid for u in updates}) == 3  # the same words at two balls stay two entries


@pytest.mark.parametrize("box", ['<span class="price">10.3</span>', '<span class="overlay">10.3</span>'])
def test_a_decimal_in_a_box_not_named_for_an_over_is_no_ball(box: str) -> None:
    from livetail.extract.stamps import _over_and_ball

    element = lxml.html.fragment_fromstring(box)
    assert _over_and_ball(element, element.text_content()) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By: Rachel Lindquist", ["Rachel Lindquist"]),  # Denver7: "By: " before the linked name
        ("By: Denver7 Staff", ["Denver7 Staff"]),  # a station's number glued to its name
        ("Denver7 Staff", ["Denver7 Staff"]),
    ],
)
def test_a_colon_after_by_and_a_glued_station_number_read_as_a_byline(line: str, names: list[str]) -> None:
    from livetail.extract.bylines import line_names

    assert line_names([line]) == names


def test_update_and_a_comma_before_the_clock_is_a_stamp() -> None:
    # The St. Louis Post-Dispatch: "<strong>Update, 8:55 p.m.:</strong> Ameren says…"
    from livetail.extract.stampwords import is_stamp
    from livetail.extract.timelabel import time_label

    label = time_label("Update, 8:55 p.m.")
    assert label is not None and label.clock is not None
    assert label.clock.printed == "20:55"
    # ("update" alone is no stamp's word: a heading "COVID update, March 3" is a title)
    for line in ("Update on the storm", "COVID update, March 3", "WHO update, Jan. 6", "Update (Jan. 6)"):
        assert not is_stamp(line)


@pytest.mark.parametrize(
    "box",
    [
        '<div class="sponsored-by">Presented by State Farm</div>',
        '<div class="scored-by">Bukayo Saka</div>',
        '<div class="photo-by">Getty Images</div>',
        '<div class="results-by-county"><table><tr><td>Polk County</td><td>Trump 45%</td></tr></table></div>',
    ],
)
def test_a_class_word_by_names_no_writer_and_cuts_nothing(box: str) -> None:
    # (a first try read Gannett's "gnt_lb_p_by" as a byline box: "by" is in too many class names)
    posts = "".join(
        f'<article class="post" id="p{n}"><div class="time">1{n}:05 p.m. CT Jan. 15, 2024</div><h2>Update {n}</h2>'
        f"<p>Turnout looks to have fallen short of the 2016 record {n}.</p>{box}</article>"
        for n in (1, 0)
    )
    updates = extract_page(_page("www.desmoinesregister.com", posts), datetime(2024, 1, 16, 6, tzinfo=UTC))
    assert [u.authors for u in updates] == [(), ()]
    if "sponsored" not in box:  # (a sponsor's line is an ad's: cut, but no byline)
        shown = lxml.html.fragment_fromstring(box).text_content().split()[0]
        assert all(shown in u.text for u in updates)


def test_class_words_that_merely_hold_by_name_no_writer() -> None:
    posts = "".join(
        f'<article class="post" id="p{n}"><div class="time">1{n}:05 p.m. CT Jan. 15, 2024</div>'
        f'<div class="lobby-card"><a href="/x">Sam Ortiz</a></div>'
        f"<p>Turnout looks to have fallen short of the 2016 record {n}.</p></article>"
        for n in (1, 0)
    )
    updates = extract_page(_page("www.desmoinesregister.com", posts), datetime(2024, 1, 16, 6, tzinfo=UTC))
    assert [u.authors for u in updates] == [(), ()]


def test_a_by_line_under_the_heading_of_a_post_without_a_wrapper_names_its_writer() -> None:
    # CalMatters: posts are runs of the article's paragraphs, each led by its time.
    def post(clock: str, name: str, n: int) -> str:
        return (
            f'<p class="live-update-time"><strong>{clock}</strong></p><h2>Heading number {n}</h2>'
            f'<p class="live-update-byline">By <a href="/author/{n}/">{name}</a></p>'
            f"<p>Proposition {n} was narrowly passing with about 4 million ballots counted.</p><hr>"
        )

    body = (
        post("11:05 p.m.", "Owen Pritchard", 3)
        + post("9:40 p.m.", "Dana Kim", 2)
        + post("8:55 p.m.", "Ana Ruiz", 1)
    )
    updates = extract_page(
        _page("calmatters.org", f'<div class="entry-content">{body}</div>'),
        datetime(2024, 3, 6, 8, tzinfo=UTC),
    )
    assert [u.authors for u in updates] == [("Owen Pritchard",), ("Dana Kim",), ("Ana Ruiz",)]
    assert all(not u.text.startswith("By ") for u in updates)


def test_a_by_the_numbers_subheading_is_no_byline() -> None:
    from livetail.extract.writtenbylines import leading_byline

    line = lxml.html.fragment_fromstring("<p><strong>By The Numbers</strong></p>")
    assert leading_byline([line]) is None


def test_by_and_an_agencys_one_word_credits_the_agency() -> None:
    from livetail.extract.bylines import line_names

    assert line_names(["By: Reuters"]) == ["Reuters"]
    assert line_names(["By: the numbers"]) == []


def test_credits_under_a_round_ups_links_name_no_writer_of_the_post() -> None:
    body = (
        '<p class="live-update-time"><strong>11:05 p.m.</strong></p><h2>Catch up on our election coverage</h2>'
        '<p><a href="/prop-1/">Prop. 1 is narrowly passing with most ballots counted</a></p>'
        '<p>By <a href="/author/yue-stella-yu/">Yue Stella Yu</a></p>'
        '<p><a href="/senate/">Schiff and Garvey head to November after the primary</a></p>'
        '<p>By <a href="/author/alexei-koseff/">Alexei Koseff</a></p><hr>'
        '<p class="live-update-time"><strong>10:05 p.m.</strong></p><h2>Turnout lags</h2>'
        "<p>Turnout appears to be running well below the 2020 presidential primary.</p><hr>"
    )
    updates = extract_page(
        _page("calmatters.org", f'<div class="entry-content">{body}</div>'),
        datetime(2024, 3, 6, 8, tzinfo=UTC),
    )
    assert updates[0].authors == ()
    assert "Yue Stella Yu" in updates[0].text and "Alexei Koseff" in updates[0].text


def test_a_scorecards_overs_column_is_no_ball() -> None:
    from livetail.extract.stamps import _over_and_ball

    cell = lxml.html.fragment_fromstring('<table><tr><td class="ovr">3.4</td></tr></table>').find(".//td")
    assert cell is not None and _over_and_ball(cell, "3.4") is None


def test_a_heading_that_says_only_a_time_opens_a_post_of_the_lines_after_it() -> None:
    # Hell Gate (Ghost): "<h3 id=845-pm>8:45 p.m.</h3>", paragraphs, a sign-off, "<hr>", the next.
    def post(clock: str, n: int) -> str:
        return (
            f'<h3 id="p{n}">{clock}</h3><p>First paragraph of update {n} from the party tonight.</p>'
            f"<p>Second paragraph of update {n}, which is the post's too.</p><hr>"
        )

    body = post("8:45 p.m.", 1) + post("9:02 p.m.", 2) + post("9:40 p.m.", 3)
    page = _page("hellgatenyc.com", f'<section class="gh-content">{body}</section>')
    updates = extract_page(page, datetime(2025, 6, 25, 4, tzinfo=UTC), "America/New_York")
    assert [u.title for u in updates] == [
        f"First paragraph of update {n} from the party tonight." for n in (1, 2, 3)
    ]
    assert [u.published.isoformat() for u in updates] == [
        "2025-06-25T00:45:00+00:00",
        "2025-06-25T01:02:00+00:00",
        "2025-06-25T01:40:00+00:00",
    ]
    assert all(f"Second paragraph of update {n}" in u.text for n, u in zip((1, 2, 3), updates, strict=True))
    assert all(":" not in u.text.split("\n")[0][:6] for u in updates)


def test_a_heading_that_holds_a_time_among_its_words_is_a_title() -> None:
    updates = _three_posts(
        lambda n: (
            f"<h2>Polls close at {n} p.m. tonight</h2>"
            f"<p>Voters have until {n} p.m. to cast their ballots in the city.</p>"
        ),
        ns=(8, 7, 6),
        hour=20,
    )
    assert [u.title for u in updates] == [f"Polls close at {n} p.m. tonight" for n in (8, 7, 6)]


# A fourth review (the session's rules together, over every fixture page and its own pages).


@pytest.mark.parametrize(
    "box",
    [
        '<div class="over-under"><span class="line">2.5</span></div>',
        '<div class="ball-possession">58.3</div>',
    ],
)
def test_odds_and_possession_boxes_are_no_cricket_balls(box: str) -> None:
    from livetail.extract.stamps import _over_and_ball

    element = lxml.html.fragment_fromstring(box)
    inner = element if not len(element) else element[0]
    assert _over_and_ball(inner, inner.text_content()) is None


@pytest.mark.parametrize("name", ["Tomasz Piątek", "Magdalena Środa", "Petr Pátek"])
def test_a_surname_that_is_a_weekday_still_signs_off(name: str) -> None:
    from livetail.extract.writtenbylines import signs_off

    assert signs_off(f"— {name}")
    assert not signs_off("— Piątek Wieczorem")  # (a weekday first is a day's line)


def test_a_linked_heading_under_a_related_label_never_titles_the_post() -> None:
    updates = _three_posts(
        lambda n: (
            f'<div class="post-body">'
            f"<p>Residents of the canyon were told to leave by nightfall {n}.</p><h3>Related</h3>"
            f'<h4><a href="/x{n}">Wildfire season starts early in the west</a></h4><p>Firefighters expect the wind to ease.</p>'
            f"</div>"
        )
    )
    assert [u.title for u in updates] == [
        f"Residents of the canyon were told to leave by nightfall {n}." for n in (5, 4, 3)
    ]


# Probe 18f (Latin American, African and Asian pages).


def test_an_abbreviated_hours_word_with_its_full_stop_ends_a_clock() -> None:
    from livetail.extract.timelabel import time_label

    for line in ("23:52 hrs.", "23:52 hs."):
        label = time_label(line)  # Milenio: '<span class="live-item__time">23:52 hrs.</span>'
        assert label is not None and label.clock is not None and label.clock.printed == "23:52"


def test_a_role_that_goes_on_to_a_place_is_no_part_of_the_name() -> None:
    from livetail.extract.bylines import line_names

    # El Espectador: "Por: Laura Camila Bernal, enviada especial a Cúcuta"
    assert line_names(["Por: Laura Camila Bernal, enviada especial a Cúcuta"]) == ["Laura Camila Bernal"]


@pytest.mark.parametrize(
    "line", ['By <a href="/author/kwame-asare-boadu">Kwame Asare Boadu</a>', "Por: Rafael López"]
)
def test_a_by_line_atop_a_posts_body_names_its_writer(line: str) -> None:
    # MyJoyOnline and Milenio: the body's first paragraph is the byline.
    updates = _joy_entries(f"<p>{line}</p>", more="<p>Results are expected by morning.</p>")
    said = lxml.html.fragment_fromstring(f"<p>{line}</p>").text_content()
    name = said.split(maxsplit=1)[1]
    assert [u.authors for u in updates] == [(name,)] * 3
    assert all(said not in u.text for u in updates)


@pytest.mark.parametrize(
    "line",
    [
        "<strong>By The Numbers</strong>",
        "By The Numbers",
        "By Popular Demand And Then Some More",
        # (a fifth review: a capitalised line with neither a colon, links nor a byline's class)
        "By Popular Demand",
        "<em>By Royal Appointment</em>",
        "Von Der Leyen Speaks",
        "Di María Scores Again",
        "Por Fin Llegó",
    ],
)
def test_a_subheading_atop_a_posts_body_names_no_writer(line: str) -> None:
    updates = _joy_entries(f"<p>{line}</p>")
    assert [u.authors for u in updates] == [()] * 3


def test_te_recomendamos_labels_a_read_also_box() -> None:
    box = (
        '<div class="nd-recommended"><span class="nd-recommended__title">Te recomendamos</span>'
        '<a href="/x">¿A qué hora se conocen los resultados del conteo rápido del INE?</a></div>'
    )
    assert _cut(box) == [box]


@pytest.mark.parametrize(
    "before",
    [
        '<div class="wp-caption"><img src="x.jpg" alt=""><p class="wp-caption-text">By: Chip Somodevilla</p></div>',
        "<ul><li>Polls closed at 8pm across the country</li><li>Turnout was 61%</li></ul><p>By: Royal Appointment</p>",
        '<div class="card"><a href="/x"><p>By: Jane Other</p><p>Earlier: how the count works</p></a></div>',
    ],
)
def test_a_by_line_in_a_caption_a_card_or_after_the_posts_words_names_no_writer(before: str) -> None:
    updates = _joy_entries(f"{before}", more="<p>Results are expected by morning.</p>")
    assert [u.authors for u in updates] == [()] * 3


@pytest.mark.parametrize(
    "line", ["Olena Kovalenko, writer living in Kharkiv", "Jane Doe, analyst based in Kyiv"]
)
def test_a_line_introducing_a_source_is_no_byline(line: str) -> None:
    from livetail.extract.bylines import has_role

    assert not has_role(line)


def test_te_recomendamos_as_advice_in_a_sentence_stays() -> None:
    line = (
        '<p><strong>Te recomendamos:</strong> consultar el <a href="https://ubicatucasilla.ine.mx">sitio del INE</a>'
        " para ubicar tu casilla antes de salir de casa.</p>"
    )
    assert _cut(line) == []


# Probe 18g (Baltic, Central European, Caucasian, Central Asian, Lebanese and Australian pages).


@pytest.mark.parametrize(
    ("host", "zone"),
    [("civil.ge", "Asia/Tbilisi"), ("www.azatutyq.kz", "Asia/Almaty"), ("apa.az", "Asia/Baku")],
)
def test_caucasian_and_central_asian_hosts_read_bare_clocks_in_their_zone(host: str, zone: str) -> None:
    from livetail.extract.zones import host_zone

    assert host_zone(f"https://{host}/live") == zone


def test_a_dashed_ad_label_is_an_ad_label() -> None:
    # Civil.ge (the Newspaper theme): '<span class="td-adspot-title">- Advertisement -</span>'
    posts = "".join(
        f'<div class="entry" id="e{n}"><span class="time">1{n}:05</span><h2>Update {n}</h2>'
        f"<p>Polling stations opened across the country at eight this morning {n}.</p>"
        f'<div class="td-a-rec"><span class="td-adspot-title">- Advertisement -</span><div class="slot"></div></div>'
        f"<p>Turnout reached a third by noon.</p></div>"
        for n in (5, 4, 3)
    )
    updates = extract_page(_page("civil.ge", posts), datetime(2024, 10, 26, 18, tzinfo=UTC))
    assert len(updates) == 3 and all("Advertisement" not in u.text for u in updates)


def test_a_latvian_edit_mark_is_a_stamp() -> None:
    from livetail.extract.stampwords import is_stamp

    assert is_stamp("Papildināts 23:58")  # LSM: '<p class="live-feed__updated">Papildināts 23:58</p>'


def test_am_hosts_and_a_dash_typed_list_line_are_left_alone() -> None:
    # (a review: .am is AM radio's and "i.am"'s as much as Armenia's; "— реклама" is a list's line)
    from livetail.extract.boxes import is_box
    from livetail.extract.zones import host_zone

    assert host_zone("https://newstalk.am/live") is None
    line = lxml.html.fragment_fromstring("<div class='list'><p>— реклама</p></div>")
    assert not is_box(line)
