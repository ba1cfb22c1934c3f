"""Pages modelled on publishers' live pages in more languages (a sixth probe, December 2026: RBC,
Digi24, Blic, RTV SLO, Dnevnik.bg, Kathimerini, Ynet): each test names what the page does that
tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from livetail.extract.core import Context
from livetail.extract.engine import extract
from livetail.extract.stamps import find_stamps
from livetail.model import Document, Update

REFERENCE = datetime(2024, 3, 14, 22, 0, tzinfo=UTC)


def _extract(page: str, reference: datetime = REFERENCE) -> list[Update]:
    document = Document(
        content=page.encode(),
        content_type="text/html; charset=utf-8",
        url="https://news.example/live",
        date=reference,
    )
    return extract(document).updates


def _page(items: list[str], lang: str) -> str:
    return f'<html lang="{lang}"><body><h1>Live</h1><div class="live">{"".join(items)}</div></body></html>'


_TEXTS = [
    "Agencija za okolje je izdala oranžno opozorilo zaradi sunkov vetra.",
    "Na avtocesti med Vranskim in Šentrupertom je promet znova odprt.",
    "Toča v velikosti oreha je padala v Slovenskih Konjicah.",
]


@pytest.mark.parametrize(("mark", "lang"), [("Updated", "en"), ("posodobljeno", "sl"), ("Ενημερώθηκε", "el"),
                                            ("(ažurirano)", "hr"), ("עודכן", "he")])  # fmt: skip
def test_an_edit_mark_beside_the_time_is_neither_title_nor_text(mark: str, lang: str) -> None:
    # RTV SLO: '<span class="live-post-time">pred 4 urami</span> <span class="live-post-edited">
    # posodobljeno</span>' and no heading: the title is the post's first sentence.
    items = [
        f'<div class="live-post"><div class="live-post-header"><span class="live-post-time">{when}</span>'
        f"{f' <span class=live-post-edited>{mark}</span>' if n == 0 else ''}</div>"
        f'<div class="live-post-body"><p>{text}</p></div></div>'
        for n, (when, text) in enumerate(zip(["21:40", "21:10", "20:45"], _TEXTS, strict=True))
    ]
    updates = _extract(_page(items, lang))
    assert [u.text for u in updates] == _TEXTS
    assert [u.title for u in updates] == _TEXTS


@pytest.mark.parametrize(
    "share",
    [
        '<div class="social"><a href="#">Сподели</a><a href="#">Tweet</a></div>',  # Dnevnik.bg
        '<div class="live-item__sns"><a href="#" class="sns-x">ポスト</a><a href="#">シェア</a><a href="#">LINE</a></div>',  # NHK
    ],
)
def test_a_social_row_of_share_links_is_cut_and_an_embedded_social_post_stays(share: str) -> None:
    # A row of share links after each post; a "social" box holding a quoted post is the post's content.
    embed = (
        '<div class="social-embed"><blockquote class="twitter-tweet"><p>Оставката е факт.</p>'
        '<a href="https://twitter.com/x/status/1">14 март 2024</a></blockquote></div>'
        # (links to a post or an account are what the post points at, not share buttons)
        '<div class="social-embed"><a href="https://x.com/gov/status/1">x.com/gov/status/1</a></div>'
        '<p>Следете <span class="social-handle"><a href="https://x.com/dnevnikbg">@dnevnikbg</a></span> днес.</p>'
    )
    items = [
        f'<div class="live-entry"><div class="live-entry-meta"><span class="live-entry-time">{when}</span></div>'
        f'<h3 class="live-entry-title">{title}</h3><div class="live-entry-body"><p>{text}</p>{extra}</div>{share}</div>'
        for when, title, text, extra in [
            ("21:30", "Радев ще връчи мандата", "Държавният глава ще покани партиите в петък.", ""),
            ("20:55", "Денков подаде оставка", "Премиерът заяви, че оставката е договорена.", embed),
        ]
    ]
    updates = _extract(_page(items, "bg"))
    assert [u.title for u in updates] == ["Радев ще връчи мандата", "Денков подаде оставка"]
    assert all("Сподели" not in u.text and "Tweet" not in u.text and "シェア" not in u.text for u in updates)
    assert "Оставката е факт." in updates[1].text
    assert "x.com/gov/status/1" in updates[1].text and "Следете @dnevnikbg днес." in updates[1].text


def test_posts_read_with_their_stamp_inline_lose_their_share_boxes_and_a_read_also_box_after_them() -> None:
    # Blic: each item a stamp, a paragraph led by its bold title and a share box; a "Pročitajte
    # još" box between items belongs to none.
    def item(when: str, title: str, text: str) -> str:
        return (
            f'<div class="liveblog__item"><span class="liveblog__time">{when}</span><div class="liveblog__text">'
            f'<p><strong>{title}</strong> {text}</p></div><div class="liveblog__share"><a href="#">Podeli</a></div></div>'
        )

    related = (
        '<div class="related"><span class="related__label">Pročitajte još</span>'
        '<a href="/vesti/zasto-studenti-protestuju">Zašto studenti protestuju</a></div>'
    )
    items = [
        item("pre 5 minuta", "Studenti najavili novi skup.", "Organizatori su pozvali građane na Slaviju."),
        item("pre 35 minuta", "Saobraćaj ponovo pušten.", "Vozila gradskog prevoza ponovo saobraćaju."),
        related,
        item(
            "pre 2 sata", "Policija formirala kordon.", "Pripadnici interventne jedinice stoje ispred ulaza."
        ),
    ]
    updates = _extract(_page(items, "sr-Latn"))
    assert [u.published for u in updates] == [
        datetime(2024, 3, 14, 21, 55, tzinfo=UTC),
        datetime(2024, 3, 14, 21, 25, tzinfo=UTC),
        datetime(2024, 3, 14, 20, 0, tzinfo=UTC),
    ]
    assert all("Podeli" not in u.text and "Pročitajte" not in u.text for u in updates)
    assert updates[1].text == "Saobraćaj ponovo pušten. Vozila gradskog prevoza ponovo saobraćaju."


def test_an_edit_time_after_updated_at_in_russian_and_romanian_amounts_with_de() -> None:
    # RBC: '<span>23:55</span><span class="live-tape__item-updated">Обновлено в 00:25</span>';
    # Digi24: "acum 48 de minute" (Romanian puts "de" between 20 and more and the unit).
    rbc = _page(
        [
            '<div class="item"><div class="item-header"><span class="item-time">23:55</span>'
            '<span class="item-updated">Обновлено в 00:25</span></div><h3>Экзитпол ВЦИОМ</h3>'
            "<p>По данным экзитпола, явка превысила 74 процента.</p></div>",
            '<div class="item"><div class="item-header"><span class="item-time">23:10</span></div>'
            "<h3>Участки закрылись</h3><p>Голосование завершилось на всей территории.</p></div>",
        ],
        "ru",
    )
    updates = _extract(rbc, datetime(2024, 3, 18, 0, 40, tzinfo=UTC))
    assert [(u.title, u.published, u.modified) for u in updates] == [
        (
            "Экзитпол ВЦИОМ",
            datetime(2024, 3, 17, 23, 55, tzinfo=UTC),
            datetime(2024, 3, 18, 0, 25, tzinfo=UTC),
        ),
        ("Участки закрылись", datetime(2024, 3, 17, 23, 10, tzinfo=UTC), None),
    ]
    assert updates[0].text == "По данным экзитпола, явка превысила 74 процента."
    digi = _page(
        [
            f'<div class="post"><span class="post-time">{when}</span><h3>{title}</h3><p>{title} azi.</p></div>'
            for when, title in [
                ("acum 5 minute", "Fermierii au ridicat blocada"),
                ("acum 48 de minute", "Guvernul s-a reunit"),
            ]
        ],
        "ro",
    )
    updates = _extract(digi)
    assert [(u.title, u.published) for u in updates] == [
        ("Fermierii au ridicat blocada", datetime(2024, 3, 14, 21, 55, tzinfo=UTC)),
        ("Guvernul s-a reunit", datetime(2024, 3, 14, 21, 12, tzinfo=UTC)),
    ]


def test_an_empty_time_box_takes_the_instant_its_post_carries() -> None:
    # Gazeta.pl: '<div class="liveEntry" data-timestamp="1729017900">' and an empty
    # '<span class="liveEntry__time" data-format="HH:mm">' that the page's script fills in.
    def entry(epoch: int, title: str) -> str:
        return (
            f'<div class="liveEntry" data-timestamp="{epoch}"><div class="liveEntry__header">'
            '<span class="liveEntry__time" data-format="HH:mm"></span><span class="liveEntry__author">Anna Nowak</span>'
            f'</div><h2 class="liveEntry__title">{title}</h2><div class="liveEntry__body"><p>{title} dziś.</p></div></div>'
        )

    items = [entry(1729017900, "Sejm przyjął specustawę"), entry(1729015080, "Premier zapowiada pomoc")]
    updates = _extract(_page(items, "pl"), datetime(2024, 10, 15, 19, 0, tzinfo=UTC))
    assert [(u.title, u.published) for u in updates] == [
        ("Sejm przyjął specustawę", datetime(2024, 10, 15, 18, 45, tzinfo=UTC)),
        ("Premier zapowiada pomoc", datetime(2024, 10, 15, 17, 58, tzinfo=UTC)),
    ]
    # An empty box not named for a time, or one whose carrier is too far up, is no stamp.
    far = '<div data-timestamp="1729017900"><div><div><div><span class="time"></span></div></div></div></div>'
    unnamed = '<div data-timestamp="1729017900"><span class="note"></span></div>'
    near = '<div data-timestamp="1729017900"><div><span class="time"></span></div></div>'
    tree = lxml.html.document_fromstring(f"<html><body>{far}{unnamed}{near}</body></html>")
    context = Context(reference=None, timezone=ZoneInfo("UTC"))
    assert [s.element.get("class") for s in find_stamps(tree.body, context)] == ["time"]
    assert [s.published for s in find_stamps(tree.body, context)] == [
        datetime(2024, 10, 15, 18, 45, tzinfo=UTC)
    ]


@pytest.mark.parametrize(
    ("signature", "authors", "kept"),
    [
        ('<p class="Normal" style="text-align:right;"><strong>Lê Tân</strong></p>', ["Lê Tân"], False),
        ('<p align="right"><b>Gia Chính</b></p>', ["Gia Chính"], False),
        # a right-aligned line that is no signature stays the post's
        ('<p style="text-align: right"><strong>Hà Nội mưa lớn.</strong></p>', [], True),
        ('<p style="text-align:right"><strong>Cập nhật</strong> liên tục</p>', [], True),
        ('<p style="text-align:right"><strong>Hải Phòng</strong></p><p>Gió giật cấp 12.</p>', [], True),
    ],
)
def test_a_name_signed_in_bold_at_the_posts_end_is_its_byline(
    signature: str, authors: list[str], kept: bool
) -> None:
    # VnExpress signs each live post with its reporter's name, in bold, set right.
    def item(when: str, text: str, extra: str) -> str:
        return (
            f'<div class="item-tructiep"><div class="time-tructiep"><span class="time">{when}</span></div>'
            f'<div class="content-tructiep"><p class="Normal">{text}</p>{extra}</div></div>'
        )

    texts = [
        "Hải Phòng ghi nhận 3 người chết do cây đổ và mái tôn bay.",
        "Tâm bão đã đi sâu vào đất liền Quảng Ninh.",
    ]
    items = [item("5 phút trước", texts[0], signature), item("45 phút trước", texts[1], "")]
    updates = _extract(_page(items, "vi"))
    assert [list(u.authors) for u in updates] == [authors, []]
    assert updates[0].text.startswith(texts[0])
    assert (updates[0].text != texts[0]) == kept


def test_sections_between_rules_lose_share_buttons_and_widgets_and_are_signed_by_their_sign_off() -> None:
    # Substack: each section a bold time line, a heading, paragraphs and "— Name"; between them a
    # "Share" button paragraph and a subscription widget.
    share = (
        '<p class="button-wrapper"><a class="button primary" href="https://x.substack.com/p/live?action=share">'
        "<span>Share</span></a></p>"
    )
    widget = (
        '<div class="subscription-widget-wrap-editor"><div class="subscription-widget"><p class="cta-caption">'
        "Thanks for reading! Subscribe for free to receive new posts.</p><form><input type=email></form></div></div>"
    )
    sections = [
        ("11:48 p.m. ET", "Georgia called for Trump", "That is the first of the swing states to be called.", "— Nate Silver", share),
        ("11:05 p.m. ET", "North Carolina looks grim", "Trump leads by roughly 3 points with most votes counted.", "— Eli McKown-Dawson", ""),
        ("10:31 p.m. ET", "Our model's first update", "The counted vote moves Trump to about a 70 percent favorite.", "Nate Silver", widget),
    ]  # fmt: skip
    body = "".join(
        f"<hr><p><strong>{when}</strong></p><h3>{title}</h3><p>{text}</p><p>{sign}</p>{extra}"
        for when, title, text, sign, extra in sections
    )
    page = f'<html lang="en"><body><article><div class="body markup"><p>Welcome to the live blog.</p>{body}</div></article></body></html>'
    updates = _extract(page, datetime(2024, 11, 6, 5, 0, tzinfo=UTC))
    assert [u.title for u in updates] == [title for _, title, *_ in sections]
    assert [list(u.authors) for u in updates] == [["Nate Silver"], ["Eli McKown-Dawson"], []]
    assert [u.text for u in updates[:2]] == [text for _, _, text, *_ in sections[:2]]
    # (a name with no dash may be a sentence's last words: it stays)
    assert updates[2].text == f"{sections[2][2]}\n\nNate Silver"


@pytest.mark.parametrize(
    ("last", "authors"),
    [
        ("– Acor Arceo/Rappler.com", ["Acor Arceo"]),
        ("— Jane Doe", ["Jane Doe"]),
        ("— and that was the last word", []),  # a dash before a sentence is no sign-off
        ("— March 5", []),
    ],
)
def test_a_dash_sign_off_as_a_posts_last_line_names_its_writer(last: str, authors: list[str]) -> None:
    items = [
        f'<div class="post"><span class="post-time">{when}</span><h3>{title}</h3><p>{title}, officials said today.</p>'
        f"<p>{last if n == 0 else 'More to follow.'}</p></div>"
        for n, (when, title) in enumerate(
            [("21:40", "Typhoon makes landfall"), ("21:10", "Classes suspended")]
        )
    ]
    updates = _extract(_page(items, "en"))
    assert [list(u.authors) for u in updates] == [authors, []]
    assert (last in updates[0].text) == (not authors)


@pytest.mark.parametrize(
    "share",
    [
        '<div class="liveEntry__footer"><a href="#">Udostępnij</a></div>',  # Onet: a label, a link to nowhere
        '<div class="lv-bl_shr"><span>शेयर करें</span><a href="#">Facebook</a><a href="#">WhatsApp</a></div>',  # NDTV India
        '<div class="lv-b_shr"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">Link</a></div>',  # NDTV
    ],
)
def test_share_buttons_in_more_languages_and_abbreviated_classes_are_cut(share: str) -> None:
    items = [
        f'<div class="post"><span class="post-time">{when}</span><h3>{title}</h3><p>{title}, podała komisja.</p>{share}</div>'
        for when, title in [
            ("21:40", "Frekwencja wyniosła 72 procent"),
            ("21:10", "Lokale wyborcze zamknięte"),
        ]
    ]
    updates = _extract(_page(items, "pl"))
    assert [u.text for u in updates] == [
        "Frekwencja wyniosła 72 procent, podała komisja.",
        "Lokale wyborcze zamknięte, podała komisja.",
    ]


def test_a_relative_time_in_brackets_beside_the_clock_leaves_the_text() -> None:
    # Aaj Tak: '<div class="lb-time"><span class="lb-clock">11:42 PM</span> <span class="lb-ago">(17 मिनट पहले)</span></div>'
    items = [
        f'<div class="lb-item"><div class="lb-time"><span class="lb-clock">{clock}</span> <span class="lb-ago">({ago})</span></div>'
        f'<h2 class="lb-title">{title}</h2><div class="lb-desc"><p>{title} - चुनाव आयोग.</p></div></div>'
        for clock, ago, title in [
            ("11:42 PM", "17 मिनट पहले", "NDA को 292 सीटें"),
            ("10:58 PM", "1 घंटे पहले", "जनता ने विश्वास जताया"),
        ]
    ]
    updates = _extract(_page(items, "hi"), datetime(2024, 6, 4, 23, 59, tzinfo=UTC))
    assert [(u.title, u.text, u.published) for u in updates] == [
        ("NDA को 292 सीटें", "NDA को 292 सीटें - चुनाव आयोग.", datetime(2024, 6, 4, 23, 42, tzinfo=UTC)),
        ("जनता ने विश्वास जताया", "जनता ने विश्वास जताया - चुनाव आयोग.", datetime(2024, 6, 4, 22, 58, tzinfo=UTC)),
    ]


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Le puede interesar:", "es"),
        ("Mohlo by vás zajímat", "cs"),
        ("ये भी पढ़ें:", "hi"),
        ("مزید پڑھیں:", "ur"),
        ("தொடர்புடைய செய்தி", "ta"),
        ("Related Story", "en"),
        ("Baca juga:", "id"),
        ("Pročitajte još:", "hr"),
    ],
)
def test_read_also_boxes_in_more_languages_are_cut(label: str, lang: str) -> None:
    box = f'<p><strong>{label}</strong> <a href="/other-story">Another story</a></p>'
    items = [
        f'<div class="post"><span class="post-time">{when}</span><h3>{title}</h3><p>{title} today.</p>{box if n == 0 else ""}</div>'
        for n, (when, title) in enumerate([("21:40", "Polls close"), ("21:10", "Turnout high")])
    ]
    updates = _extract(_page(items, lang))
    assert [u.text for u in updates] == ["Polls close today.", "Turnout high today."]


@pytest.mark.parametrize(
    "wrapper",
    [
        # a container carrying its own time over several posts' empty boxes (the classes differ)
        '<div class="feed" data-published="2024-05-15T08:00:00+08:00">{posts}</div>',
        # a day's group: midnight's epoch over its posts
        '<section class="day" data-timestamp="1715731200">{posts}</section>',
    ],
)
def test_a_container_carrying_its_own_time_dates_none_of_its_posts(wrapper: str) -> None:
    posts = "".join(
        f'<div class="post"><span class="post__time t{n}"></span><span class="ago">{ago}</span><h2>{t}</h2><p>{t} today.</p></div>'
        for n, (ago, t) in enumerate([("1h ago", "First"), ("2h ago", "Second")])
    )
    updates = _extract(_page([wrapper.format(posts=posts)], "en"), datetime(2024, 5, 15, 15, 30, tzinfo=UTC))
    assert [u.published for u in updates] == [
        datetime(2024, 5, 15, 14, 30, tzinfo=UTC),
        datetime(2024, 5, 15, 13, 30, tzinfo=UTC),
    ]


def test_a_wrappers_instant_without_its_zone_dates_no_empty_box() -> None:
    tree = lxml.html.document_fromstring(
        '<html><body><div data-published="2024-05-15 22:10:00"><span class="time"></span></div></body></html>'
    )
    assert find_stamps(tree.body, Context(reference=None, timezone=ZoneInfo("UTC"))) == []


@pytest.mark.parametrize(
    ("lead", "shared"),
    [
        (
            "Ver esta publicación en Instagram",
            "Una publicación compartida por Federico Gutiérrez (@fico_gutierrez)",
        ),
        ("View this post on Instagram", "A post shared by NASA (@nasa)"),
    ],
)
def test_a_post_that_is_an_instagram_embed_is_titled_by_whose_post_it_is(lead: str, shared: str) -> None:
    # El Tiempo: a post that is only Instagram's blockquote, its first link the embed's boilerplate.
    embed = (
        '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/Cy9k/">'
        f'<a href="https://www.instagram.com/p/Cy9k/"><div>{lead}</div></a>'
        f'<p><a href="https://www.instagram.com/p/Cy9k/">{shared}</a></p></blockquote>'
    )
    items = [
        f'<div class="post"><span class="post-time">{when}</span>{body}</div>'
        for when, body in [
            ("21:40", embed),
            ("21:10", "<h3>Petro reconoce resultados</h3><p>El presidente felicitó.</p>"),
        ]
    ]
    updates = _extract(_page(items, "es"))
    assert [u.title for u in updates] == [shared, "Petro reconoce resultados"]


# Guards from the second review of this probe's rules: what must stay a post's own.
@pytest.mark.parametrize(
    ("last", "authors"),
    [
        ("<p>“We shall fight on the beaches.”</p><p>— Winston Churchill</p>", []),  # a quote's attribution
        ("<p>He spoke at length.</p><p>— Mayor Karen Bass</p>", []),
        ("<p>More soon.</p><p>— New York City</p>", []),
    ],
)
def test_a_dash_line_under_a_quote_or_naming_a_title_or_place_is_no_sign_off(
    last: str, authors: list[str]
) -> None:
    items = [
        f'<div class="post"><span class="post-time">{when}</span><h3>{title}</h3><p>{title}, officials said today.</p>'
        f"{last if n == 0 else '<p>More to follow.</p>'}</div>"
        for n, (when, title) in enumerate([("21:40", "Storm makes landfall"), ("21:10", "Schools closed")])
    ]
    updates = _extract(_page(items, "en"))
    assert [list(u.authors) for u in updates] == [authors, []]
    assert last.split("<p>")[-1].removesuffix("</p>") in updates[0].text


@pytest.mark.parametrize(
    ("signature", "authors"),
    [
        ('<p style="TEXT-ALIGN: RIGHT"><strong>Lê Tân</strong></p>', ["Lê Tân"]),  # (markup in capitals)
        ("<P ALIGN=RIGHT><B>Gia Chính</B></P>", ["Gia Chính"]),
        ('<p style="text-align:right"><strong>Theo Reuters</strong></p>', []),  # "according to Reuters"
    ],
)
def test_right_set_signatures_in_any_case_and_not_a_source_credit(signature: str, authors: list[str]) -> None:
    items = [
        f'<div class="item"><div class="time-box"><span class="time">{when}</span></div>'
        f'<div class="content"><p>{text}</p>{signature if n == 0 else ""}</div></div>'
        for n, (when, text) in enumerate(
            [
                ("5 phút trước", "Hải Phòng ghi nhận 3 người chết do bão."),
                ("45 phút trước", "Tâm bão đi sâu vào đất liền."),
            ]
        )
    ]
    updates = _extract(_page(items, "vi"))
    assert [list(u.authors) for u in updates] == [authors, []]


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        (
            '<div class="subscription-content"><p>Subscribers can read the full ruling here.</p></div>',
            "full ruling",
        ),
        ('<div id="shr"><p>The mayor announced a curfew from 9pm.</p></div>', "curfew"),
        (
            '<div class="body">El presidente <a href="#">del</a> gobierno habló hoy.</div>',
            "presidente del gobierno",
        ),
        (
            '<div class="social-links"><a href="https://x.com/nws">@NWS</a> <a href="https://x.com/fema">@FEMA</a></div>',
            "@FEMA",
        ),
    ],
)
def test_content_named_like_furniture_stays(extra: str, kept: str) -> None:
    items = [
        f'<div class="post"><span class="post-time">{when}</span><h3>{title}</h3><p>{title} today.</p>{extra if n == 0 else ""}</div>'
        for n, (when, title) in enumerate([("21:40", "Court rules"), ("21:10", "Curfew ends")])
    ]
    updates = _extract(_page(items, "en"))
    assert kept in updates[0].text


def test_an_author_box_links_its_name_to_the_writers_bio() -> None:
    from livetail.extract.bylines import box_names
    from livetail.extract.visibletext import visible

    box = '<div class="author"><a class="author-bio-link" href="/jane">Jane Doe</a><span class="role">Political editor</span></div>'
    assert box_names(lxml.html.fragment_fromstring(box), visible) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("stamp", "published", "modified"),
    [
        # NHK: the edit time after the post's own, "更新" after it
        ('<p class="live-item__time"><time>16時22分</time><span class="live-item__update">16時40分更新</span></p>',
         datetime(2024, 1, 1, 16, 22, tzinfo=UTC), datetime(2024, 1, 1, 16, 40, tzinfo=UTC)),
        # Yonhap: the edit time in its own box, in brackets
        ('<span class="txt-time">2024-01-01 16:22</span> <span class="txt-modify">(수정 2024-01-01 16:40)</span>',
         datetime(2024, 1, 1, 16, 22, tzinfo=UTC), datetime(2024, 1, 1, 16, 40, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_edit_times_as_japanese_and_korean_pages_print_them(
    stamp: str, published: datetime, modified: datetime
) -> None:
    items = [
        f'<div class="live-item">{stamp if n == 0 else "<p class=live-item__time><time>15時05分</time></p>"}'
        f"<h3>{title}</h3><p>{title}と発表しました。</p></div>"
        for n, title in enumerate(["輪島市で大規模な火災", "官邸対策室を設置"])
    ]
    updates = _extract(_page(items, "ja"), datetime(2024, 1, 1, 20, 0, tzinfo=UTC))
    assert (updates[0].published, updates[0].modified) == (published, modified)
    assert updates[1].modified is None
