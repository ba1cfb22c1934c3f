"""Scraps that are nobody's text: short hidden spans (a raw epoch for scripts), ad slots labelled
"Advertisement" / "Anzeige", and Ippen's "Erstmeldung vom …" lead-in, which starts a post."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ldpages import ld_blog_page

from livetail.errors import ExtractError
from livetail.extract.engine import extract
from livetail.model import Document

REFERENCE = datetime(2024, 3, 14, 15, 0, tzinfo=UTC)


def _extract(page: str, content_type: str = "text/html; charset=utf-8"):  # type: ignore[no-untyped-def]
    document = Document(
        content=page.encode(), content_type=content_type, url="https://www.example.com/live", date=REFERENCE
    )
    return extract(document)


def _posts(meta: str) -> str:
    posts = [
        ("14:05 GMT", "Barriers hold in Shrewsbury", "The barriers held overnight, the agency said."),
        ("13:20 GMT", "River peaks in Bewdley", "The Severn peaked just below the record."),
        ("11:45 GMT", "Schools close", "Twelve schools stayed shut across the county."),
    ]
    return "".join(
        f'<article class="live-update"><div class="meta">{meta}<span class="time">{time}</span></div>'
        f"<h2>{title}</h2><p>{text}</p></article>"
        for time, title, text in posts
    )


@pytest.mark.parametrize(
    "hidden",
    [
        "<span hidden>1710425100</span>",
        '<span class="ts-raw" style="display:none">1710425100</span>',
        '<span style="visibility: hidden">post-4471</span>',
    ],
)
def test_a_short_hidden_span_is_no_part_of_a_post(hidden: str) -> None:
    result = _extract(f"<html><body><main>{_posts(hidden)}</main></body></html>")
    assert [u.title for u in result.updates] == [
        "Barriers hold in Shrewsbury",
        "River peaks in Bewdley",
        "Schools close",
    ]
    assert not any("1710425100" in u.text or "post-4471" in u.text for u in result.updates)
    assert not any("1710425100" in u.content_html for u in result.updates)


def test_long_hidden_text_stays_it_may_be_the_rest_of_the_post() -> None:
    rest = "The rest of the statement, shown when the reader taps Read more, runs to several sentences."
    page = _posts("").replace(
        "<p>The barriers held overnight, the agency said.</p>",
        f'<p>The barriers held overnight, the agency said.</p><div style="display:none">{rest}</div>',
    )
    result = _extract(f"<html><body><main>{page}</main></body></html>")
    assert rest in result.updates[0].text


@pytest.mark.parametrize("label", ["Advertisement", "Anzeige", "Publicité", "広告"])
def test_an_ad_slot_labelled_only_advertisement_is_no_part_of_a_post(label: str) -> None:
    page = _posts("").replace(
        "<p>The Severn peaked just below the record.</p>",
        f'<p>The Severn peaked just below the record.</p><div class="slot-x"><span>{label}</span></div>'
        "<p>Flood defences held in the town centre.</p>",
    )
    result = _extract(f"<html><body><main>{page}</main></body></html>")
    second = result.updates[1]
    assert "Flood defences held" in second.text and label not in second.text


def test_a_plain_text_blog_drops_ad_label_lines() -> None:
    text = "\n".join(
        [
            "Storm live",
            "14:05 GMT",
            "Barriers hold in Shrewsbury",
            "The barriers held overnight, the agency said.",
            "Advertisement",
            "13:20 GMT",
            "River peaks in Bewdley",
            "Anzeige",
            "The Severn peaked just below the record.",
            "11:45 GMT",
            "Schools close",
            "Twelve schools stayed shut across the county.",
        ]
    )
    result = _extract(text, "text/plain; charset=utf-8")
    assert [u.title for u in result.updates] == [
        "Barriers hold in Shrewsbury",
        "River peaks in Bewdley",
        "Schools close",
    ]
    assert not any("Advertisement" in u.text or "Anzeige" in u.text for u in result.updates)
    assert "The Severn peaked" in result.updates[1].text


def test_an_ippen_first_report_paragraph_starts_a_post() -> None:
    # Merkur, tz, FR: the ticker's entries are paragraphs led by "Update vom …:" and, for the
    # first, "Erstmeldung vom …:".
    paragraphs = [
        ("Update vom 14. März, 13.05 Uhr:", "Am Nachmittag hat sich die Lage im Terminal 2 etwas beruhigt."),
        ("Update vom 14. März, 11.30 Uhr:", "Die Lufthansa hat inzwischen mehr als 400 Flüge gestrichen."),
        ("Update vom 14. März, 10.45 Uhr:", "Die Schlangen an den Schaltern werden länger."),
        (
            "Erstmeldung vom 14. März, 09.12 Uhr:",
            "München – Verdi hat das Bodenpersonal zum Warnstreik aufgerufen.",
        ),
    ]
    body = "".join(
        f"<p><strong>{label}</strong> {text}</p><p>Mehr dazu in Kürze.</p>" for label, text in paragraphs
    )
    document = Document(
        content=f'<html lang="de"><body><article><h1>Warnstreik am Flughafen</h1>{body}</article></body></html>'.encode(),
        content_type="text/html; charset=utf-8",
        url="https://www.merkur.de/muenchen/warnstreik-flughafen-live.html",
        date=REFERENCE,
    )
    result = extract(document)
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 14, 12, 5, tzinfo=UTC),  # 13.05 in Munich (.de: Berlin time)
        datetime(2024, 3, 14, 10, 30, tzinfo=UTC),
        datetime(2024, 3, 14, 9, 45, tzinfo=UTC),
        datetime(2024, 3, 14, 8, 12, tzinfo=UTC),
    ]
    assert "Erstmeldung" not in result.updates[2].text


# --- match commentary, stamped by the minute ------------------------------------------------------

_COMMENTARY = """<html><body><main><div class="fixture">Arsenal 1 - 0 FC Porto <p>FT</p></div>
<ol class="stream">{items}</ol><aside><h2>Most read</h2><ol><li><a href="#">Ten Hag on Sancho</a></li></ol></aside>
</main></body></html>"""


def _commentary(entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<li class="stream-item"><div class="time"><span class="vh">Match time </span>{minute}</div>'
        f'<div class="text"><p>{text}</p></div></li>'
        for minute, text in entries
    )
    return _COMMENTARY.format(items=items)


def test_match_commentary_stamped_by_the_minute_gives_its_entries() -> None:
    entries = [
        ("90'+3'", "Match ends, Arsenal 1, FC Porto 0."),
        ("90'", "Fourth official has announced 3 minutes of added time."),
        ("71'", "Corner, Arsenal. Conceded by Pepe."),
        ("67'", "Substitution, Arsenal. Kai Havertz replaces Gabriel Jesus."),
        ("45'+2'", "First Half ends, Arsenal 1, FC Porto 0."),
        ("23'", "Corner, Arsenal. Conceded by Pepe."),
    ]
    result = _extract(_commentary(entries))
    assert [u.text for u in result.updates] == [text for _, text in entries]
    assert [u.title for u in result.updates][:3] == [
        "90+3' Match ends, Arsenal 1, FC Porto 0.",
        "90' Fourth official has announced 3 minutes of added time.",
        "71' Corner, Arsenal.",
    ]
    assert all(u.published is None for u in result.updates)  # a minute is no instant: first_seen stands in
    # The same words at two minutes are two entries: the minute is the uid's printed time.
    assert len({u.uid for u in result.updates}) == len(entries)
    # ...and a minute is stable: the next poll, with one entry more on top, keeps every uid.
    more = _extract(_commentary([("90'+5'", "Full time whistle."), *entries]))
    assert [u.uid for u in more.updates[1:]] == [u.uid for u in result.updates]


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("67'", "67'"),
        ("45'+2'", "45+2'"),
        ("90+3'", "90+3'"),
        ("90’ + 4’", "90+4'"),
        ("Match time 12'", "12'"),
        ("120'+1'", "120+1'"),
        ("6'7", None),
        ("250'", None),
        ("'90s", None),
        ("67", None),
    ],
)
def test_match_minutes(text: str, minute: str | None) -> None:
    from livetail.extract.timelabel import match_minute

    assert match_minute(text) == minute


def test_kicker_minutes_count_only_where_the_element_says_minute() -> None:
    entries = [
        ("90.+3", "Der FC Bayern gewinnt verdient."),
        ("67.", "Onisiwo köpft zum 1:3 ein."),
        ("23.", "Kane trifft."),
    ]
    items = "".join(
        f'<div class="ticker-item"><div class="ticker-item_minute"><span>{minute}</span></div>'
        f'<div class="ticker-item_text"><p>{text}</p></div></div>'
        for minute, text in entries
    )
    result = _extract(f"<html><body><section>{items}</section></body></html>")
    assert [u.title for u in result.updates] == [
        "90+3' Der FC Bayern gewinnt verdient.",
        "67' Onisiwo köpft zum 1:3 ein.",
        "23' Kane trifft.",
    ]
    # Without the class word, "67." is a number like any other: nothing here is timed.
    plain = items.replace("ticker-item_minute", "ticker-item_num")
    with pytest.raises(ExtractError):
        _extract(f"<html><body><section>{plain}</section></body></html>")


# --- third probe: duplicates, dates in cards, share bars, badges, several authors ------------------


def _posts_page(posts: list[str]) -> str:
    return f'<html><body><h1>Live</h1><div class="posts">{"".join(posts)}</div></body></html>'


def test_two_posts_saying_the_same_at_different_times_are_two_posts() -> None:
    posts = [
        f'<div class="live-post"><span class="lp-time">{t}</span><div class="lp-body"><p>{text}</p></div></div>'
        for t, text in (
            ("14:48", "Half-time. City lead 2-1."),
            ("14:44", "GOAL!"),
            ("14:18", "GOAL!"),
            ("14:02", "GOAL! Foden."),
        )
    ]
    result = _extract(_posts_page(posts))
    assert [u.text for u in result.updates] == ["Half-time. City lead 2-1.", "GOAL!", "GOAL!", "GOAL! Foden."]


def test_a_date_in_a_related_card_does_not_date_the_post() -> None:
    posts = [
        '<div class="p"><span class="time">12:58</span><h2>Khan urges talks</h2><p>The mayor said the walkout was avoidable.</p></div>',
        '<div class="p"><span class="time">11:35</span><p>The Elizabeth line is running, but TfL warns it will be busy.</p>'
        '<div class="card"><a href="/dates"><span>Read more</span><span>Tube strike dates</span>'
        '<time datetime="2024-03-10T08:00:00Z">10 March</time></a></div></div>',
        '<div class="p"><span class="time">09:30</span><h2>Which lines?</h2><p>No service on the Central line.</p></div>',
    ]
    result = _extract(_posts_page(posts))
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 14, 12, 58, tzinfo=UTC),
        datetime(2024, 3, 14, 11, 35, tzinfo=UTC),
        datetime(2024, 3, 14, 9, 30, tzinfo=UTC),
    ]


def test_share_bars_named_in_other_languages_and_beside_tiny_posts_go_and_so_do_ultima_hora_badges() -> None:
    bar = '<div class="{cls}"><span>Compartir</span><a href="#">WhatsApp</a><a href="#">X</a></div>'
    posts = [
        f'<div class="entrada"><span class="hora">{t}</span><span class="badge">Última hora</span>'
        f"<h2>{title}</h2><p>{text}</p>{bar.format(cls=cls)}</div>"
        for t, title, text, cls in (
            ("14:05", "Sánchez visitará la zona", "El presidente irá a L'Eliana.", "compartir"),
            ("13:40", "Renfe suspende el AVE", "Daños entre Chiva y Buñol.", "barra-compartir"),
            ("13:10", "Medio tiempo", "Descanso.", "share-bar"),
        )
    ]
    result = _extract(_posts_page(posts))
    assert [u.text for u in result.updates] == [
        "El presidente irá a L'Eliana.",
        "Daños entre Chiva y Buñol.",
        "Descanso.",
    ]


def test_several_authors_in_one_byline_box_are_several_names() -> None:
    posts = [
        '<div class="post"><div class="post__authors"><a class="author" href="/a"><span>Anna Hargreaves</span></a>'
        '<a class="author" href="/b"><span>Ben Okafor</span></a></div><span class="post__time">14:12</span>'
        "<h3>Sunak concedes</h3><p>Rishi Sunak called Keir Starmer to concede.</p></div>",
        '<div class="post"><div class="post__authors"><a class="author" href="/c"><span>Claire Lindqvist</span></a></div>'
        '<span class="post__time">13:47</span><h3>Truss loses</h3><p>Liz Truss lost her seat.</p></div>',
    ]
    result = _extract(_posts_page(posts))
    assert [u.authors for u in result.updates] == [("Anna Hargreaves", "Ben Okafor"), ("Claire Lindqvist",)]


def test_the_posts_own_time_in_a_permalink_or_a_card_header_still_dates_it() -> None:
    posts = [
        f'<div class="post" id="p{n}"><div class="post-card__header"><a href="#p{n}">{t}</a></div><h2>{title}</h2>'
        f"<p>{text}</p>"
        '<div class="related-card"><a href="/other"><span>Read more: an older story</span>'
        '<time datetime="2024-03-10T08:00:00Z">10 March</time></a></div></div>'
        for n, (t, title, text) in enumerate(
            (
                ("14:05", "Barriers hold", "The barriers held overnight."),
                ("13:40", "River peaks", "The Severn peaked at noon."),
            )
        )
    ]
    result = _extract(_posts_page(posts))
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 14, 14, 5, tzinfo=UTC),
        datetime(2024, 3, 14, 13, 40, tzinfo=UTC),
    ]


def test_a_related_link_led_by_its_label_is_cut_but_a_sentence_led_by_a_bold_word_stays() -> None:
    posts = [
        '<article class="entrada"><span class="hora">11:20</span><h2>La UME despliega 1.000 efectivos</h2>'
        "<p>La Unidad Militar de Emergencias ha enviado a más de mil militares a Paiporta.</p>"
        '<div class="relacionada"><a href="/dana"><span>Te puede interesar</span> ¿Qué es una DANA?</a></div></article>',
        '<article class="entrada"><span class="hora">10:40</span><h2>Break-ins overnight</h2>'
        "<p>Police are investigating.</p>"
        '<p><a href="/crime"><strong>Related</strong> to the storm, police said, were three break-ins.</a></p></article>',
    ]
    result = _extract(_posts_page(posts))
    assert [u.text for u in result.updates] == [
        "La Unidad Militar de Emergencias ha enviado a más de mil militares a Paiporta.",
        "Police are investigating.\n\nRelated to the storm, police said, were three break-ins.",
    ]


def test_a_content_wrapper_named_nav_keeps_its_text() -> None:
    updates = [
        {"headline": t, "datePublished": f"2024-03-14T{c}:00Z", "url": f"https://www.example.com/live#p{n}"}
        for n, (c, t) in enumerate((("14:05", "Barriers hold"), ("13:40", "River peaks")))
    ]
    posts = "".join(
        f'<article id="p{n}"><h2>{t}</h2><div class="live-nav-item__content"><p>{b}</p></div></article>'
        for n, (t, b) in enumerate(
            (("Barriers hold", "The barriers held overnight."), ("River peaks", "The Severn peaked at noon."))
        )
    )
    result = _extract(ld_blog_page(updates, posts))
    assert [u.text for u in result.updates] == ["The barriers held overnight.", "The Severn peaked at noon."]


_GALLERY = (
    '<div class="gallery"><figure><img src="/a.jpg" alt="Sandbags on the quay"><figcaption>Sandbags on the'
    ' quay</figcaption></figure><div class="gallery__nav"><span>1 / 3</span></div></div>'
)


@pytest.mark.parametrize(
    "gallery",
    [
        _GALLERY,
        _GALLERY.replace(
            '<div class="gallery__nav"><span>1 / 3</span></div>', '<span class="counter">1 of 3</span>'
        ),
        _GALLERY.replace('class="gallery"', 'class="mediaCarousel"'),
    ],
)
@pytest.mark.parametrize("with_ld", [False, True])
def test_a_gallerys_counter_is_no_part_of_a_post(gallery: str, with_ld: bool) -> None:
    page = _posts("").replace(
        "<p>The barriers held overnight, the agency said.</p>",
        f"<p>The barriers held overnight, the agency said.</p>{gallery}",
    )
    page = (
        page.replace(
            '<article class="live-update">',
            '<article class="live-update" itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">',
        )
        if with_ld
        else page
    )
    result = _extract(
        f"<html><body><main itemscope itemtype='https://schema.org/LiveBlogPosting'>{page}</main></body></html>"
        if with_ld
        else f"<html><body><main>{page}</main></body></html>"
    )
    assert result.strategy == ("microdata" if with_ld else "heuristic")
    first = result.updates[0]
    assert (
        "Sandbags on the quay" in first.text and 'src="https://www.example.com/a.jpg"' in first.content_html
    )
    assert "1 / 3" not in first.text and "1 of 3" not in first.text


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        ('<div class="verdict"><span class="score">7/10</span></div>', "7/10"),
        ('<div class="thread"><span class="thread-count">1 / 2</span></div>', "1 / 2"),
        ('<div class="seat-counter">326 / 650</div>', "326 / 650"),
        # a score in a sentence of a post that is itself a carousel's slide
        (
            '<div class="swiper-slide"><img src="/p.jpg" alt=""><p>India are <span class="score">2/6</span> early on.</p></div>',
            "2/6",
        ),
        # set scores in a results carousel's table
        (
            '<div class="results-carousel"><img src="/flag.png" alt=""><table><tr><td>Set 1</td><td class="s">6/4</td></tr></table></div>',
            "6/4",
        ),
    ],
)
def test_a_fraction_outside_a_gallerys_counter_stays(extra: str, kept: str) -> None:
    page = _posts("").replace(
        "<p>The barriers held overnight, the agency said.</p>",
        f"<p>The barriers held overnight, the agency said.</p>{extra}",
    )
    first = _extract(f"<html><body><main>{page}</main></body></html>").updates[0]
    assert kept in first.text


def test_a_share_bar_of_bare_words_is_no_part_of_a_structured_post() -> None:
    # NDTV's bar: links without addresses, "Share", "Tweet", "WhatsApp"; the Post's "Comment".
    updates = [
        {
            "@id": f"https://www.example.com/live#lb_{n}",
            "headline": f"Update {n}",
            "datePublished": f"2024-03-14T1{n}:00:00Z",
        }
        for n in (4, 3)
    ]
    posts = "".join(
        f'<div class="lb_itm" id="lb_{n}"><h2>Update {n}</h2><div class="lb_txt"><p>Schools shift to online classes.</p>'
        '</div><div class="lb_shr"><a>Share</a><a>Tweet</a><a>WhatsApp</a></div><span>Comment</span></div>'
        for n in (4, 3)
    )
    result = _extract(ld_blog_page(updates, posts))
    assert result.strategy == "jsonld"
    assert [u.text for u in result.updates] == ["Schools shift to online classes."] * 2


def test_a_read_also_box_inside_a_microdata_article_body_is_cut() -> None:
    # DR: the box takes more than a third of the articleBody element's text.
    posts = "".join(
        f'<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" id="post-{n}">'
        f'<h2 itemprop="headline">Opdatering {n}</h2><meta itemprop="datePublished" content="2024-01-14T1{n}:00:00Z">'
        f'<div itemprop="articleBody"><p>Kongen talte til folket.</p><div class="dre-teaser"><span>Læs også</span>'
        '<a href="/x">Her er kongeparrets program de næste dage</a></div></div></div>'
        for n in (3, 2)
    )
    page = f'<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting">{posts}</div></body></html>'
    result = _extract(page)
    assert result.strategy == "microdata"
    assert [u.text for u in result.updates] == ["Kongen talte til folket."] * 2


def test_an_aside_in_a_microdata_article_body_stays_as_before() -> None:
    posts = "".join(
        f'<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" id="post-{n}">'
        f'<h2 itemprop="headline">Update {n}</h2><meta itemprop="datePublished" content="2024-01-14T1{n}:00:00Z">'
        '<div itemprop="articleBody"><p>Short intro sentence here.</p><aside><p>The minister said the budget would '
        "bring new taxes on banks and on the largest energy companies.</p></aside></div></div>"
        for n in (3, 2)
    )
    page = f'<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting">{posts}</div></body></html>'
    result = _extract(page)
    assert result.strategy == "microdata"
    assert all("new taxes on banks" in u.text and "Short intro" in u.text for u in result.updates)
