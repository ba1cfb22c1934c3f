"""Pages from the nineteenth probe (December 2026: Sky News, Digi24, RÚV, SVT, The Canberra Times,
The Economic Times, the Philadelphia Inquirer, Aaj Tak, Prothom Alo, Asharq Al-Awsat, Sözcü, UOL).
Each test names what the page does that tripped the extractor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import lxml.html
import pytest
from builders import canonical_page as _page
from builders import extract_page
from builders import read_also_cut as _cut

from livetail.extract.bylines import line_names
from livetail.extract.stampwords import is_edit_label, is_stamp
from livetail.extract.timeparse import find_clock
from livetail.model import Update


def _posts(
    inner: Callable[[int], str],
    *,
    stamp: Callable[[int], str] = lambda n: f'<span class="time">1{n}:05</span>',
    host: str = "news.example",
    reference: datetime = datetime(2025, 3, 4, 20, tzinfo=UTC),
    timezone: str | None = "UTC",
) -> list[Update]:
    """The updates of a page of three posts "<div class=post>{stamp}{inner}</div>", newest first."""
    posts = "".join(f'<div class="post" id="p{n}">{stamp(n)}{inner(n)}</div>' for n in (5, 4, 3))
    return extract_page(_page(host, posts), reference, timezone)


# --- Sky News: "Wednesday 26 March 2025 16:12, UK" ------------------------------------------------


def test_skys_comma_uk_after_the_clock_is_london_time() -> None:
    updates = _posts(
        lambda n: f"<h2>Headline {n}</h2><p>Words of post {n} about the spring statement.</p>",
        stamp=lambda n: f'<div class="ncpost-timestamp"><time>Wednesday 2 July 2025 1{n}:12, UK</time></div>',
        host="news.sky.com",
        reference=datetime(2025, 7, 2, 20, tzinfo=UTC),
        timezone=None,
    )
    assert [u.title for u in updates] == ["Headline 5", "Headline 4", "Headline 3"]
    # (in July the UK is on BST: 15:12 there is 14:12 UTC)
    assert [u.published for u in updates] == [datetime(2025, 7, 2, h, 12, tzinfo=UTC) for h in (14, 13, 12)]


@pytest.mark.parametrize("text", ["at 10, CAT scans were ordered", "at 10:30, Cat said"])
def test_a_comma_before_another_capital_word_is_no_zone(text: str) -> None:
    clock = find_clock(text)
    assert clock is None or clock.zone is None


# --- a podcast's call after a post ---------------------------------------------------------------


def test_an_italic_call_to_subscribe_wherever_you_get_your_podcasts_is_cut() -> None:
    promo = (
        '<p><em>Subscribe to <a href="https://podfollow.com/x">Politics at Sam and Anne\'s</a>'
        " wherever you get your podcasts.</em></p>"
    )
    assert _cut(promo) == [promo]


@pytest.mark.parametrize(
    "line",
    [
        # the call is reported, not made
        '<p><em>The host told listeners to <a href="/x">subscribe</a> wherever you get your podcasts.</em></p>',
        # a quote of it
        '<p><em>"Subscribe to <a href="/x">the show</a> wherever you get your podcasts," she joked.</em></p>',
    ],
)
def test_a_sentence_about_podcasts_that_is_no_call_stays(line: str) -> None:
    assert _cut(line) == []


# --- Digi24: a label on a line of its own in an inline post --------------------------------------


def _inline_page(label_line: str) -> list[Update]:
    posts = "".join(
        f'<p class="live-time"><strong>2{n}:05</strong></p>{label_line if n == 1 else ""}'
        f"<h2>Headline {n}</h2><p>The count in district {n} went on into the night.</p>"
        for n in (3, 2, 1)
    )
    page = (
        '<html><head><link rel="canonical" href="https://www.digi24.ro/live"></head><body><article>'
        f'<div class="entry">{posts}</div></article></body></html>'
    )
    return extract_page(page, datetime(2025, 5, 18, 22, tzinfo=UTC), "Europe/Bucharest")


@pytest.mark.parametrize(
    ("label", "pinned"),
    [("ULTIMA ORĂ", False), ("BREAKING", False), ("Pinned", True)],
)
def test_a_label_line_in_an_inline_post_is_neither_title_nor_text(label: str, pinned: bool) -> None:
    updates = _inline_page(f'<p><span class="label-breaking">{label}</span></p>')
    assert [u.title for u in updates] == ["Headline 3", "Headline 2", "Headline 1"]
    assert label not in updates[2].text
    assert updates[2].pinned is pinned


def test_a_line_that_starts_with_a_label_word_stays() -> None:
    updates = _inline_page("<p>Breaking the deadlock took four hours.</p>")
    assert "Breaking the deadlock took four hours." in updates[2].text


# --- Google News, Icelandic, Bengali and "More X coverage" boxes ---------------------------------


@pytest.mark.parametrize(
    "box",
    [
        '<p><em>Urmărește știrile <a href="https://news.google.com/publications/CAAq">Digi24.ro și pe Google News</a></em></p>',
        "<div><a href=\"https://news.google.com/publications/CAAq\">SÖZCÜ'yü Google News'ten takip edin</a></div>",
        '<div class="related-link"><span>Tengt efni</span> <a href="/frettir/1">Spurt og svarað um eldgosið</a></div>',
        '<div><h3>আরও পড়ুন</h3><a href="/bangladesh/x">শেখ হাসিনা ভারতে</a></div>',
        '<div><p>More budget coverage:</p><ul><li><a href="/a">Budget 2025: The winners and losers</a></li></ul></div>',
    ],
)
def test_more_boxes_pointing_elsewhere_are_cut(box: str) -> None:
    assert _cut(box) == [box]


@pytest.mark.parametrize(
    "line",
    [
        # a report that links the outlet's Google News page, in a long sentence
        '<p>The ministry said its notices would now also appear on <a href="https://news.google.com/publications/CAAq">'
        "Google News</a>, alongside the gazette, from the first of next month onwards, officials said.</p>",
        # coverage promised in prose, no link
        "<p>More election coverage is planned for Sunday night, the network said.</p>",
    ],
)
def test_lines_that_only_mention_such_things_stay(line: str) -> None:
    assert _cut(line) == []


# --- SVT: "Fäst inlägg" ---------------------------------------------------------------------------


def test_svts_pinned_label_pins_the_post_and_goes() -> None:
    updates = _posts(
        lambda n: (
            ('<div class="LivePost__pinnedLabel">Fäst inlägg</div>' if n == 5 else "")
            + f"<h2>Rubrik {n}</h2><p>Text om inlägg nummer {n} i direktrapporteringen.</p>"
        ),
        host="www.svt.se",
    )
    assert [u.pinned for u in updates] == [True, False, False]
    assert "Fäst inlägg" not in updates[0].text


# --- The Economic Times: a topic tag ahead of an LD post's heading --------------------------------


def _ld_page(before_heading: str) -> str:
    updates = ",".join(
        f'{{"@type":"BlogPosting","url":"https://economictimes.example/live#lb{n}",'
        f'"headline":"Market update {n}","datePublished":"2025-03-12T0{n}:15:00+05:30",'
        f'"articleBody":"The Sensex moved {n} per cent at the open."}}'
        for n in (9, 8)
    )
    ld = (
        '{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Markets live",'
        f'"liveBlogUpdate":[{updates}]}}'
    )
    posts = "".join(
        f'<div class="eachLb" id="lb{n}"><div class="lbTime"><span>0{n}:15 AM IST</span></div>{before_heading}'
        f'<h3 class="lbTitle">Market update {n}</h3><div class="lbDesc"><p>The Sensex moved {n} per cent at the open.</p></div></div>'
        for n in (9, 8)
    )
    return f'<html><head><script type="application/ld+json">{ld}</script></head><body>{posts}</body></html>'


def test_a_topic_tag_before_the_heading_is_no_author() -> None:
    updates = extract_page(
        _ld_page('<span class="lbTag">Opening Bell</span>'), datetime(2025, 3, 12, 12, tzinfo=UTC)
    )
    assert [u.authors for u in updates] == [(), ()]


def test_a_name_before_the_heading_is_still_an_author() -> None:
    updates = extract_page(_ld_page("<mark>Priya Menon</mark>"), datetime(2025, 3, 12, 12, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Priya Menon",), ("Priya Menon",)]


# --- The Inquirer: a game's period beside the post's time ----------------------------------------


@pytest.mark.parametrize("badge", ["1st Qtr", "Halftime", "Final", "Top 7th", "OT"])
def test_a_game_period_beside_the_posts_time_goes(badge: str) -> None:
    updates = _posts(
        lambda n: f"<h2>Headline {n}</h2><p>Play {n} went the distance.</p>",
        stamp=lambda n: (
            f'<div class="head"><span class="game-clock">{badge}</span><time>1{n}:05</time></div>'
        ),
    )
    assert all(badge not in u.text for u in updates)
    assert [u.text for u in updates] == [f"Play {n} went the distance." for n in (5, 4, 3)]


def test_a_period_in_the_posts_words_stays() -> None:
    updates = _posts(lambda n: f"<h2>Headline {n}</h2><p>Final</p><p>Play {n} went the distance.</p>")
    assert all(u.text.startswith("Final") for u in updates)


# --- Prothom Alo: Bengali dates and "২৩: ৪০" ----------------------------------------------------


def test_bengali_dates_and_spaced_clocks_stamp_posts() -> None:
    digits = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
    updates = _posts(
        lambda n: f"<h2>শিরোনাম {n}</h2><p>খবরের বিস্তারিত {n}।</p>",
        stamp=lambda n: (
            f'<div class="story-card-time"><span>{f"05 আগস্ট 2024, 1{n}: 40".translate(digits)}</span></div>'
        ),
        host="www.prothomalo.com",
        reference=datetime(2024, 8, 5, 20, tzinfo=UTC),
        timezone="Asia/Dhaka",
    )
    assert [u.published for u in updates] == [datetime(2024, 8, 5, h, 40, tzinfo=UTC) for h in (9, 8, 7)]


@pytest.mark.parametrize("text", ["Chapter 3: 15 ways", "23: 40", "Score 2: 10"])
def test_a_colon_and_a_space_between_latin_digits_is_no_clock(text: str) -> None:
    assert not is_stamp(text)
    assert find_clock(text) is None


# --- Aaj Tak: "Posted by :" once its name is cut ------------------------------------------------


def test_posted_by_left_in_a_byline_box_goes_with_the_name() -> None:
    updates = extract_page(
        _ld_page("").replace(
            "</p></div></div>",
            '</p></div><div class="lb-posted-by">Posted by :<span class="lb-author">Rahul Mishra</span></div></div>',
        ),
        datetime(2025, 3, 12, 12, tzinfo=UTC),
    )
    assert [u.text for u in updates] == [f"The Sensex moved {n} per cent at the open." for n in (9, 8)]


# --- Asharq Al-Awsat: "حُدّث 14:30" ------------------------------------------------------------


def test_the_arabic_updated_word_with_its_shadda_marks_an_edit() -> None:
    assert is_stamp("حُدّث 14:30")
    assert is_stamp("حُدِّث 14:30")
    assert is_edit_label("حُدّث")


def test_bare_hadath_is_an_event_not_an_edit() -> None:
    assert not is_stamp("حدث 14:30")
    assert not is_edit_label("حدث")


# --- UOL: newsroom credits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Mariana Prado e Rafael Teixeira, do UOL, em São Paulo", ["Mariana Prado", "Rafael Teixeira"]),
        ("Do UOL, em São Paulo", []),
        ("Colaboração para o UOL, em Brasília", []),
        ("Da Redação", []),
        ("Carolina Dias, colunista do UOL", ["Carolina Dias"]),
        ("Jane Doe in Kyiv", ["Jane Doe"]),
    ],
)
def test_portuguese_credits_name_people_not_newsrooms_or_places(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


def test_a_newsrooms_credit_box_goes_from_the_post() -> None:
    updates = _posts(
        lambda n: (
            f'<h2>Título {n}</h2><p class="ao-vivo-post__author">Do UOL, em São Paulo</p>'
            f"<p>A apuração da eleição {n} segue.</p>"
        ),
        host="noticias.uol.com.br",
    )
    assert [u.authors for u in updates] == [(), (), ()]
    assert all("Do UOL" not in u.text for u in updates)


# --- Sözcü: a Turkish label in capitals ----------------------------------------------------------


def test_a_turkish_read_also_label_in_capitals_is_cut() -> None:
    box = '<div class="related-news"><span>İLGİLİ HABERLER</span> <a href="/a">Erdoğan\'dan ilk açıklama</a></div>'
    assert _cut(box) == [box]


# --- CNA Taiwan: "更新：…", "最後更新：…", "快訊", and the reporters in the dateline -----------------


@pytest.mark.parametrize("text", ["更新：2024/04/03 14:10", "（最後更新：2024/04/03 14:25）"])
def test_chinese_edit_stamps_with_a_full_width_colon_are_stamps(text: str) -> None:
    assert is_stamp(text)


def test_a_label_with_a_full_width_colon_is_no_stamp() -> None:
    assert not is_stamp("記者：王小明")


def _cna_posts(opening: Callable[[int], str]) -> list[Update]:
    return _posts(
        lambda n: (
            f'<div class="paragraph">{opening(n)}<p>花蓮強震災情持續更新，救援人員仍在現場{n}。</p></div>'
        ),
        stamp=lambda n: f'<div class="liveTime"><span>2024/04/03 1{n}:05</span></div>',
        host="www.cna.com.tw",
        reference=datetime(2024, 4, 3, 12, tzinfo=UTC),
        timezone="Asia/Taipei",
    )


@pytest.mark.parametrize(
    ("dateline", "names"),
    [
        ("（中央社記者黃建豪台北3日電）", ("黃建豪",)),
        ("（中央社記者李晴宇、陳怡君花蓮縣3日電）", ("李晴宇", "陳怡君")),
        ("（中央社記者王寧高雄3日電）", ("王寧",)),  # (a name of two characters)
        ("（中央社台北3日電）", ()),  # (no reporter named)
    ],
)
def test_cnas_dateline_names_its_reporters(dateline: str, names: tuple[str, ...]) -> None:
    updates = _cna_posts(lambda n: f"<p>{dateline}中央災害應變中心統計第{n}次。</p>")
    assert [u.authors for u in updates] == [names] * 3
    assert all(dateline in u.text for u in updates)  # (the dateline stays the post's text)


def test_a_dateline_after_a_photo_caption_still_names_the_reporter() -> None:
    updates = _cna_posts(
        lambda n: (
            f'<div class="picinfo">天王星大樓傾斜{n}。中央社記者吳元廷攝</div><p>（中央社記者林郁翔花蓮3日電）賴清德抵達花蓮。</p>'
        )
    )
    assert [u.authors for u in updates] == [("林郁翔",)] * 3


@pytest.mark.parametrize(
    ("opening", "names"),
    [
        ("【ワシントン=中村亮】米国務省の報道担当者は", ("中村亮",)),
        ("【ロンドン=共同】英政府は", ()),  # (an agency's credit)
        ("【速報】自民党は", ()),
    ],
)
def test_nikkeis_place_and_reporter_dateline(opening: str, names: tuple[str, ...]) -> None:
    updates = _posts(
        lambda n: f"<h2>見出し{n}</h2><p>{opening}27日、声明を出した。</p>",
        host="www.nikkei.com",
        reference=datetime(2024, 10, 27, 20, tzinfo=UTC),
        timezone="Asia/Tokyo",
    )
    assert [u.authors for u in updates] == [names] * 3


def test_a_chinese_breaking_label_is_no_title() -> None:
    updates = _cna_posts(
        lambda n: (
            f'<div class="liveTag"><span class="tag-breaking">快訊</span></div><p>花蓮縣近海發生規模7.2地震{n}。</p>'
        )
    )
    assert all(u.title.startswith("花蓮縣近海") and "快訊" not in u.text for u in updates)


# --- VnExpress: two writers joined by " - " -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Gia Chính - Minh Cương", ["Gia Chính", "Minh Cương"]),
        ("Nguyễn Văn An - Hà Nội", ["Nguyễn Văn An"]),  # (a writer and the city filed from)
        ("Jane Doe - New York", ["Jane Doe"]),
    ],
)
def test_vietnamese_writers_joined_by_a_dash_are_two(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


def test_vnexpress_signs_a_post_with_two_writers_set_right() -> None:
    updates = _posts(
        lambda n: (
            f'<h2>Tiêu đề {n}</h2><p class="Normal">Bão Yagi đổ bộ vào Quảng Ninh, gió giật cấp {n}.</p>'
            '<p class="Normal" style="text-align:right;"><strong>Gia Chính - Minh Cương</strong></p>'
        ),
        host="vnexpress.net",
        reference=datetime(2024, 9, 7, 20, tzinfo=UTC),
        timezone="Asia/Ho_Chi_Minh",
    )
    assert [u.authors for u in updates] == [("Gia Chính", "Minh Cương")] * 3


# --- guards from the reviews of these rules ------------------------------------------------------


def _inline_lines(lines: Callable[[int], str]) -> list[Update]:
    posts = "".join(f"<p><strong>2{n}:05</strong></p>{lines(n)}" for n in (3, 2, 1))
    page = f'<html><body><article><div class="entry">{posts}</div></article></body></html>'
    return extract_page(page, datetime(2024, 8, 9, 22, tzinfo=UTC), "Europe/London")


def test_an_exclamation_that_reads_like_a_pin_label_stays_and_pins_nothing() -> None:
    updates = _inline_lines(lambda n: f"<p>Steveson puts his man on his back in bout {n}.</p><p>Pinned!</p>")
    assert [u.pinned for u in updates] == [False] * 3
    assert all("Pinned!" in u.text for u in updates)


def test_a_label_word_further_down_an_inline_post_is_its_own() -> None:
    updates = _inline_lines(
        lambda n: (
            f"<p>Medal winners of day {n}.</p><p><strong>Breaking</strong></p><p>B-Girls: Ami (Japan)</p>"
        )
    )
    assert all("Breaking" in u.text for u in updates)


def test_a_heading_that_names_a_sport_like_a_label_still_titles_the_post() -> None:
    updates = _inline_lines(lambda n: f"<h2>Breaking</h2><p>The B-Boys quarter-finals are under way {n}.</p>")
    assert [u.title for u in updates] == ["Breaking"] * 3


def test_a_period_among_a_posts_blocks_is_its_text() -> None:
    updates = _posts(
        lambda n: "",
        stamp=lambda n: (
            f'<div class="post-body"><div class="time">1{n}:58</div><h3>Arsenal hold on {n}</h3>'
            "<div>It's all over at the Emirates.</div><div>FT</div><div>Arsenal 2-1 Chelsea</div></div>"
        ),
    )
    assert all("FT" in u.text for u in updates)


def test_a_google_news_plug_inside_a_short_posts_wrapper_leaves_the_news() -> None:
    updates = _posts(
        lambda n: (
            f'<h2>Prezența {n}</h2><div class="post-body"><p>Prezența la vot a ajuns la 5{n}% la ora 21.</p>'
            '<p><em>Urmărește știrile <a href="https://news.google.com/publications/CAAq">Digi24.ro și pe Google News</a>'
            "</em></p></div>"
        ),
        stamp=lambda n: f'<span class="time">18 mai 2025, 1{n}:35</span>',
        host="www.digi24.ro",
        reference=datetime(2025, 5, 18, 20, tzinfo=UTC),
        timezone="Europe/Bucharest",
    )
    assert [u.text for u in updates] == [f"Prezența la vot a ajuns la 5{n}% la ora 21." for n in (5, 4, 3)]


@pytest.mark.parametrize(
    "line",
    [
        # a report whose last words plug the outlet: the report stays
        '<p>Sandıklar tüm yurtta kapandı. SÖZCÜ\'yü <a href="https://news.google.com/publications/CAAq">'
        "Google News'ten takip edin</a></p>",
        # a report about Google News
        '<p>Google News, <a href="https://news.google.com/publications/CAAq">RT ve Sputnik</a> yayınlarını AB\'de kaldırdı.</p>',
        # a report, then the podcast's call, in one italic paragraph
        '<p><em>Rachel Reeves ruled out raising VAT. Listen to the full interview on <a href="/x">Politics at Sam '
        "and Anne's</a> wherever you get your podcasts.</em></p>",
    ],
)
def test_reports_beside_a_plug_stay(line: str) -> None:
    assert _cut(line) == []


def test_by_before_a_linked_name_stays_with_it() -> None:
    page = _ld_page("").replace(
        "</p></div></div>",
        '</p><div><strong>By</strong> <a href="/people/jane-doe">Jane Doe</a></div></div></div>',
    )
    updates = extract_page(page, datetime(2025, 3, 12, 12, tzinfo=UTC))
    assert all(u.text.endswith("By Jane Doe") for u in updates)


@pytest.mark.parametrize(
    "box",
    ['<span class="badge badge-secondary">Priya Menon</span>', '<span class="name-tag">Priya Menon</span>'],
)
def test_a_name_in_a_ui_chip_before_the_heading_is_still_an_author(box: str) -> None:
    updates = extract_page(_ld_page(box), datetime(2025, 3, 12, 12, tzinfo=UTC))
    assert [u.authors for u in updates] == [("Priya Menon",), ("Priya Menon",)]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Da Redação, com Reuters", []),
        ("Da redação, em São Paulo", []),
        ("Ana de Souza", ["Ana de Souza"]),
        ("Maria do Carmo", ["Maria do Carmo"]),
        ("Do Thanh Ha", ["Do Thanh Ha"]),
        ("Con Coughlin, Defence Editor", ["Con Coughlin"]),
        ("Ana Souza em Brasília e Pedro Lima em São Paulo", ["Ana Souza", "Pedro Lima"]),
    ],
)
def test_more_portuguese_credits(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


@pytest.mark.parametrize(
    "stamp",
    [
        "১৫ জানুয়ারী ২০২৫, ১৩: ৪০",  # (the long ī Bangladesh writes)
        "০৫ অগস্ট ২০২৪, ২৩: ৪০",  # (Kolkata's spelling)
        "১৫ জানু\u09dfারি ২০২৫, ১৩: ৪০",  # (the precomposed য়)
    ],
)
def test_bengali_month_spellings_are_months(stamp: str) -> None:
    assert is_stamp(stamp)


# --- Hespress: the outlet, a dash, then its reporter ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("هسبريس - ياسين بنعلي", ["ياسين بنعلي"]),
        ("هسبريس - و.م.ع", ["و.م.ع"]),  # (the MAP agency)
        ("رامي سليمان - بيروت", ["رامي سليمان"]),  # (a name of two words, then the place)
    ],
)
def test_an_arabic_outlet_before_a_dash_gives_way_to_its_reporter(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


# --- guards from the review of the dateline, VnExpress and CJK rules --------------------------------


def test_a_quoted_storys_dateline_credits_no_one() -> None:
    updates = _cna_posts(
        lambda n: (
            f"<blockquote><p>（中央社記者黃建豪台北2日電）行政院昨天表示將提出特別預算{n}。</p></blockquote>"
            "<p>行政院長今天改口說預算規模仍在研議。</p>"
        )
    )
    assert [u.authors for u in updates] == [()] * 3


@pytest.mark.parametrize("opening", ["【台北=中央社】", "【ワシントン=米州総局】", "【北京=人民日報】"])
def test_a_desk_or_a_paper_in_nikkeis_dateline_is_no_reporter(opening: str) -> None:
    updates = _posts(
        lambda n: f"<h2>見出し{n}</h2><p>{opening}27日、声明を出した。</p>",
        host="www.nikkei.com",
        reference=datetime(2024, 10, 27, 20, tzinfo=UTC),
        timezone="Asia/Tokyo",
    )
    assert [u.authors for u in updates] == [()] * 3


@pytest.mark.parametrize(
    "line", ["Đức Hùng - Nghệ An", "Việt Nam - Thái Lan", "Hà Nội - Hải Phòng", "Thanh Niên - Tuổi Trẻ"]
)
def test_a_vietnamese_dash_line_naming_a_place_or_a_paper_signs_no_two_writers(line: str) -> None:
    updates = _posts(
        lambda n: (
            f'<h2>Tiêu đề {n}</h2><p class="Normal">Bão Yagi đổ bộ vào Quảng Ninh, gió giật cấp {n}.</p>'
            f'<p class="Normal" style="text-align:right;"><strong>{line}</strong></p>'
        ),
        host="vnexpress.net",
        reference=datetime(2024, 9, 7, 20, tzinfo=UTC),
        timezone="Asia/Ho_Chi_Minh",
    )
    assert all(len(u.authors) < 2 for u in updates)


def test_an_english_match_line_set_right_signs_nothing() -> None:
    updates = _posts(
        lambda n: (
            f"<h2>Result {n}</h2><p>The derby ended level after a late equaliser in game {n}.</p>"
            '<p style="text-align:right;"><strong>Real Madrid - Atlético Madrid</strong></p>'
        )
    )
    assert [u.authors for u in updates] == [()] * 3


def test_a_final_update_word_marks_an_edit_stamp() -> None:
    from livetail.extract.stampwords import says_updated

    assert says_updated("最終更新：2024/04/03 15:40")
    assert says_updated("（最後更新：2024/04/03 14:25）".strip("（）"))


# --- probe 19f: Baltic relative times, Kun.uz's "20:15 / 27.10.2024", more labels and bylines -----


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("prieš 4 min.", 240),
        ("prieš 2 val.", 7200),
        ("pirms 5 min", 300),
        ("5 min tagasi", 300),
        ("2 tundi tagasi", 7200),
    ],
)
def test_lithuanian_latvian_and_estonian_relative_times(text: str, seconds: int) -> None:
    from livetail.extract.timelabel import time_label

    label = time_label(text)
    assert is_stamp(text) and label is not None and label.relative is not None
    assert label.relative.total_seconds() == seconds


def test_prieš_in_a_sentence_is_no_stamp() -> None:
    assert not is_stamp("prieš tai jis sakė")


def test_a_clock_a_spaced_slash_and_a_dotted_date_is_one_stamp() -> None:
    from livetail.extract.timelabel import time_label

    label = time_label("20:15 / 27.10.2024")
    assert label is not None and label.clock is not None and str(label.clock.date) == "2024-10-27"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Текст: Анна Сергеева, Павел Лебедев", ["Анна Сергеева", "Павел Лебедев"]),
        ("Muxbirlar: Aziz Karimov, Dilnoza Rahimova", ["Aziz Karimov", "Dilnoza Rahimova"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Текст: заявление министерства", []),  # (a transcript's label, no names)
    ],
)
def test_russian_and_uzbek_byline_labels(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


@pytest.mark.parametrize(
    "box",
    [
        '<p><strong>Yana o‘qing:</strong> <a href="/news/1">Aralash saylov tizimi qanday ishlaydi</a></p>',
        '<div><strong>PROČITAJTE VIŠE:</strong> <a href="/a">Tko je Dragan Primorac</a></div>',
    ],
)
def test_uzbek_and_croatian_read_also_labels(box: str) -> None:
    assert _cut(box) == [box]


def test_a_by_leaf_beside_the_time_in_a_meta_box_is_the_byline() -> None:
    updates = _posts(
        lambda n: (
            f"<p>A cidade de Pemba continua sem energia eléctrica desde o início da manhã, dia {n}.</p>"
        ),
        stamp=lambda n: (
            '<div class="opais-live__meta"><span class="ago">há 5 minutos</span>'
            '<span class="opais-live__by">Por: Armando Nhantumbo e Célia Mabunda</span></div>'
        ),
        host="opais.co.mz",
        reference=datetime(2024, 12, 15, 16, tzinfo=UTC),
        timezone="Africa/Maputo",
    )
    assert [u.authors for u in updates] == [("Armando Nhantumbo", "Célia Mabunda")] * 3
    assert all(u.title.startswith("A cidade de Pemba") and "Por:" not in u.text for u in updates)


@pytest.mark.parametrize("label", ["Key moment", "SON DAKİKA"])
def test_more_post_labels_are_no_title(label: str) -> None:
    updates = _posts(
        lambda n: f'<span class="badge">{label}</span><h2>Headline {n}</h2><p>Words of post {n} here.</p>'
    )
    assert [u.title for u in updates] == ["Headline 5", "Headline 4", "Headline 3"]
    assert all(label not in u.text for u in updates)


def test_a_ukrainian_important_badge_goes_but_pins_nothing() -> None:
    updates = _posts(
        lambda n: f'<div class="badge">Важливо</div><h2>Заголовок {n}</h2><p>Текст допису номер {n}.</p>',
        host="nv.ua",
    )
    assert [u.pinned for u in updates] == [False] * 3
    assert all("Важливо" not in u.text for u in updates)


# --- probe 19d/e: the Buffalo News, WGN-TV, AP, NBC Sports ------------------------------------------


def test_an_update_label_with_a_weekday_after_its_clock_leads_an_inline_post() -> None:
    from livetail.extract.timelabel import led_label

    led = led_label("Update, 12:40 a.m. Saturday: About 28,000 customers were without power.")
    assert (
        led is not None and led[0].clock is not None and (led[0].clock.hour, led[0].clock.minute) == (0, 40)
    )
    assert led[1].startswith("About 28,000")


@pytest.mark.parametrize("text", ["Kickoff 3 p.m. Sunday", "1:05 p.m.Saturday crowds"])
def test_a_weekday_after_a_clock_in_other_words_is_no_label(text: str) -> None:
    from livetail.extract.timelabel import time_label

    assert time_label(text) is None


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "A tornado watch is in effect until 2 a.m. Tuesday. More storms follow.",
            "A tornado watch is in effect until 2 a.m. Tuesday.",
        ),
        ("Polls closed at 8 p.m. ET on Monday. Counting began.", "Polls closed at 8 p.m. ET on Monday."),
        ("We will be back at 9 a.m. Thousands waited outside the court.", "We will be back at 9 a.m."),
    ],
)
def test_a_clocks_day_or_zone_after_am_pm_goes_on_with_the_sentence(text: str, sentence: str) -> None:
    from livetail.extract.build import first_sentence

    assert first_sentence(text) == sentence


@pytest.mark.parametrize(
    "box",
    [
        '<div class="inline-asset"><div class="card-container"><div class="card-label">Related to this story</div>'
        '<div class="card-headline"><h3><a href="/a">How to report a power outage</a></h3></div></div></div>',
        '<div class="article-list"><h2>Trending on WGN-TV</h2><ul><li><a href="/a">Lollapalooza 2024 set times released</a></li>'
        '<li><a href="/b">CTA Red Line extension: What’s next</a></li></ul></div>',
    ],
)
def test_a_card_labelled_related_and_a_trending_list_are_cut(box: str) -> None:
    assert _cut(box) == [box]


def test_trending_in_a_sentence_stays() -> None:
    assert (
        _cut('<p>Trending topics on <a href="/x">X</a> were dominated by the storm all night long.</p>') == []
    )


def test_a_copy_controls_toast_goes() -> None:
    updates = extract_page(
        _ld_page("").replace(
            "</p></div></div>",
            '</p></div><bsp-copy-link class="CopyLink"><button>Copy Link</button>'
            '<span class="CopyLink-copied">Link copied</span></bsp-copy-link></div>',
        ),
        datetime(2025, 3, 12, 12, tzinfo=UTC),
    )
    assert all("copied" not in u.text for u in updates)


def test_a_game_clock_chip_with_its_clock_in_a_header_with_the_heading_goes() -> None:
    updates = _posts(
        lambda n: f"<p>Play {n} went the distance.</p>",
        stamp=lambda n: (
            f'<div class="LiveBlogPost-header"><div class="ts"><span>{n}:02 p.m.</span></div>'
            f'<div class="LiveBlogPost-gameClock">4th Qtr 12:0{n}</div><h2>Headline {n}</h2></div>'
        ),
    )
    assert [u.title for u in updates] == ["Headline 5", "Headline 4", "Headline 3"]
    assert all("Qtr" not in u.text for u in updates)


# --- guards from the review of the Baltic, byline and label rules ---------------------------------


@pytest.mark.parametrize(
    "first",
    [
        # a photo's credit in the post's first box
        '<figure><img src="/a.jpg"><figcaption>Por: Nuno Ferreira Santos</figcaption></figure>',
        # a quote's attribution
        "<blockquote><p>«Não é o momento.»</p><p>Por: Marcelo Rebelo de Sousa</p></blockquote>",
    ],
)
def test_a_by_line_in_a_caption_or_a_quote_opening_a_post_is_no_byline(first: str) -> None:
    page = "".join(
        f'<div class="post" id="p{n}">{first}<p>Os bombeiros continuam a combater as chamas no dia {n}.</p>'
        f'<span class="time">1{n}:05</span></div>'
        for n in (5, 4, 3)
    )
    updates = extract_page(
        _page("www.publico.pt", page), datetime(2025, 3, 4, 20, tzinfo=UTC), "Europe/Lisbon"
    )
    assert [u.authors for u in updates] == [()] * 3


def test_a_section_by_line_beside_the_time_names_no_one() -> None:
    updates = _posts(
        lambda n: f"<p>Unemployment fell to 4.{n} per cent in the quarter, the statistics office said.</p>",
        stamp=lambda n: (
            f'<div class="meta"><span class="time">1{n}:05</span><span>By The Numbers</span></div>'
        ),
    )
    assert [u.authors for u in updates] == [()] * 3


# --- guards from the review of probe 19d/e's rules -------------------------------------------------


def test_a_weekday_after_a_clock_dates_the_post_to_that_day() -> None:
    page = "".join(
        f"<p><strong>Update, {clock}:</strong> {words}</p>"
        for clock, words in (
            ("9:15 a.m. Monday", "Crews are clearing the last side streets."),
            ("12:40 a.m. Saturday", "About 28,000 customers were without power."),
            ("10:30 p.m. Friday", "The driving ban remains in effect."),
        )
    )
    updates = extract_page(
        f"<html><body><article><div>{page}</div></article></body></html>",
        datetime(2025, 3, 10, 16, tzinfo=UTC),  # a Monday
        "America/New_York",
    )
    assert [u.published for u in updates] == [
        datetime(2025, 3, 10, 13, 15, tzinfo=UTC),
        datetime(2025, 3, 8, 5, 40, tzinfo=UTC),
        datetime(2025, 3, 8, 3, 30, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Smith was taken to hospital at 3 a.m. CT scans later showed no fracture.",
            "Smith was taken to hospital at 3 a.m.",
        ),
        (
            "The last train left at 11 p.m. Monday service will resume at 5 a.m.",
            "The last train left at 11 p.m.",
        ),
    ],
)
def test_a_sentence_that_ends_at_am_pm_before_a_capital_still_ends(text: str, sentence: str) -> None:
    from livetail.extract.build import first_sentence

    assert first_sentence(text) == sentence


@pytest.mark.parametrize(
    "box",
    [
        '<p>Trending on Google: searches for <a href="/x">how to register to vote</a> spiked 300% after the debate.</p>',
        '<div><p>Trending on X right now:</p><ul><li><a href="https://x.com/hashtag/Debate2024">#Debate2024</a></li></ul></div>',
        '<div class="box"><h3>Trending now</h3><ol><li><a href="/a">Project 2025</a></li><li><a href="/b">Tariffs</a></li></ol></div>',
    ],
)
def test_what_trends_on_a_platform_is_a_posts_own_subject(box: str) -> None:
    assert _cut(box) == []


def test_a_copied_heading_in_a_post_stays() -> None:
    page = _ld_page("").replace(
        "</p></div></div>",
        "</p><h4>Copied</h4><blockquote><p>The passage as the student wrote it.</p></blockquote></div></div>",
    )
    updates = extract_page(page, datetime(2025, 3, 12, 12, tzinfo=UTC))
    assert all("Copied" in u.text for u in updates)


def test_a_papers_initials_beside_a_markets_posts_time_stay() -> None:
    updates = _posts(
        lambda n: f"<p>Shares in the bank rose {n} per cent in early trading.</p>",
        stamp=lambda n: (
            f'<div class="head"><span class="time">1{n}:02</span><span class="source">FT</span><h3>Markets {n}</h3></div>'
        ),
    )
    assert all("FT" in u.text for u in updates)


# --- probe 19h: Philstar, TN, Times of Malta, Radio-Canada ------------------------------------------


@pytest.mark.parametrize(
    ("line", "before", "signed"),
    [
        (
            "— Ma. Teresa Santos and Ramon Reyes",
            'Garcia thanked teachers for their "sacrifice and patience."',
            True,
        ),
        ("— Agence France-Presse", '"I\'ve been here since 6 in the morning," said a voter.', True),
        ("— Winston Churchill", '"We shall fight on the beaches."', False),  # (a quote's attribution)
        ("— Ma. Teresa Santos", "Marcos casts his vote in Batac.", True),
    ],
)
def test_sign_offs_of_several_writers_or_an_agency_even_after_a_quote(
    line: str, before: str, signed: bool
) -> None:
    from livetail.extract.writtenbylines import signs_off

    assert signs_off(line, before) is signed


@pytest.mark.parametrize(
    "box",
    [
        '<p>Leé también: <a href="/a">Mapa de resultados</a></p>',
        '<p><strong>Read:</strong> <a href="/article/1">What pensioners want from budget 2025</a></p>',
    ],
)
def test_argentine_and_title_case_read_labels(box: str) -> None:
    assert _cut(box) == [box]


def test_read_before_the_posts_own_words_and_link_stays() -> None:
    assert (
        _cut('<p><strong>Read:</strong> the minister\'s letter is <a href="/letter.pdf">here</a>.</p>') == []
    )


def test_a_french_role_going_on_to_a_place_is_cut_from_the_name() -> None:
    assert line_names(["Kevin Sauvé Correspondant à Toronto"]) == ["Kevin Sauvé"]


# --- probe 19g: Android Police, heise, RTS, wiwibloggs, Il Sole 24 Ore, Xataka ---------------------


@pytest.mark.parametrize(
    "box",
    [
        # a related card with its excerpt
        '<div class="display-card related-single"><div class="w-display-card-info"><span class="display-card-badge">Related</span>'
        '<h5><a href="/a">Google Pixel Watch 3 vs. Pixel Watch 2</a></h5>'
        '<p class="display-card-excerpt">Google\'s latest smartwatch refines a familiar formula</p></div></div>',
        '<p><strong>Per approfondire</strong> <a href="/a">Dazi, ecco la lista dei prodotti Usa</a></p>',
        '<p>En Xataka | <a href="/a">Así cambió iOS 7 el diseño</a></p>',
    ],
)
def test_more_cards_and_labels_pointing_elsewhere(box: str) -> None:
    assert _cut(box) == [box]


def test_a_follow_call_to_the_outlets_social_accounts_in_a_wrapper_goes() -> None:
    from livetail.extract.readalso import is_read_also_box

    box = lxml.html.fragment_fromstring(
        '<div class="wiwi-signoff"><p><em>Follow wiwibloggs on <a href="https://www.instagram.com/wiwibloggs/">Instagram</a>, '
        '<a href="https://www.tiktok.com/@wiwibloggs">TikTok</a> and <a href="https://www.youtube.com/user/wiwibloggs">YouTube</a>'
        " for more Eurovision news.</em></p></div>"
    )
    assert is_read_also_box(box)


def test_a_report_linking_several_sites_in_italics_stays() -> None:
    from livetail.extract.readalso import is_read_also_box

    box = lxml.html.fragment_fromstring(
        '<p><em>Follow the <a href="https://example.org/a">ministry</a> and <a href="https://example.org/b">police</a>'
        " for updates on road closures.</em></p>"
    )
    assert not is_read_also_box(box)


@pytest.mark.parametrize(
    "consent",
    [
        '<a-opt-in class="a-opt-in" data-type="youtube"><div class="a-opt-in__content"><p>Empfohlener redaktioneller Inhalt</p>'
        "<p>Mit Ihrer Zustimmung wird hier ein externes YouTube-Video geladen.</p><button>YouTube-Video immer laden</button>"
        "</div></a-opt-in>",
        '<div class="external-content__placeholder"><p>Contenu externe</p><p>Ce contenu externe ne peut pas être affiché.</p>'
        '<button type="button">Accepter</button><a href="/protection">Plus d\'info</a></div>',
    ],
)
def test_an_embeds_opt_in_box_is_cut(consent: str) -> None:
    from livetail.extract.boxes import is_box

    assert is_box(lxml.html.fragment_fromstring(consent))


# --- guards from the review of probe 19g/h's rules ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "before"),
    [
        (
            "— John Smith and Jane Doe",
            '"We are heartbroken and ask for privacy at this time."',
        ),  # a joint statement
        ("— Dr. Tedros Ghebreyesus", "The letter reads in part: the risk is high."),  # a title, not a writer
        ("— St. Paul Police Department", "Please avoid the area."),
    ],
)
def test_a_statements_signers_or_a_title_are_no_sign_off(line: str, before: str) -> None:
    from livetail.extract.writtenbylines import signs_off

    assert not signs_off(line, before)


@pytest.mark.parametrize(
    "line",
    [
        '<p>Read: <a href="https://www.fultoncountyga.gov/fulton-indictment.pdf">The full indictment</a></p>',
        "<p>En Directo | La ministra portavoz comparece ahora en la Moncloa, según ha anunciado "
        '<a href="/x">La Moncloa</a>.</p>',
        '<p><em>Follow Zelensky on <a href="https://www.instagram.com/zelenskiy_official/">Instagram</a> and '
        '<a href="https://x.com/ZelenskyyUa">X</a>, where he posts his nightly video address.</em></p>',
        '<p><em>Follow Zelensky on <a href="https://www.instagram.com/zelenskiy_official/">Instagram</a>.</em></p>',
        '<div class="topic"><span>Related</span> <a href="/topics/h">hurricane season</a> '
        '<div class="post-summary">The storm made landfall near Siesta Key late on Wednesday night.</div></div>',
    ],
)
def test_a_posts_own_document_sentence_or_subject_stays(line: str) -> None:
    assert _cut(line) == []


@pytest.mark.parametrize(
    "box",
    [
        '<div class="external-content"><p>Listen: the address in full (12 min).</p><audio controls src="/a.mp3"></audio>'
        "<button>Play</button></div>",
        '<div class="post-content external"><p>The minister has resigned.</p><button class="share">Share</button></div>',
    ],
)
def test_a_posts_own_external_box_is_no_consent_box(box: str) -> None:
    from livetail.extract.boxes import is_box

    assert not is_box(lxml.html.fragment_fromstring(box))


@pytest.mark.parametrize("agency", ["AAP", "Reuters", "AFP"])
def test_a_news_agencys_one_word_sign_off_credits_it(agency: str) -> None:
    updates = _posts(
        lambda n: (
            f"<h2>Headline {n}</h2><p>Flood warnings were issued for {n} towns overnight.</p><p>— {agency}</p>"
        )
    )
    assert [u.authors for u in updates] == [(agency,)] * 3
    assert all(f"— {agency}" not in u.text for u in updates)


def test_a_sentence_ending_with_an_agency_is_no_sign_off() -> None:
    from livetail.extract.writtenbylines import signs_off

    assert not signs_off("— Reuters reported", "The talks stalled.")
