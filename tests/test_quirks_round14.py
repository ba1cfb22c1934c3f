"""Pages and stamps from the fourteenth probe and the known gaps left by the thirteenth (December
2026): Portuguese and Hebrew stamps, and guards from the review of the rules they led to. Each
test names what the page does that tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import lxml.html
import pytest
from builders import extract_page
from ldpages import ld_blog_page

from livetail.extract.build import first_sentence
from livetail.extract.bylines import line_names
from livetail.extract.ldidforms import formed_elements
from livetail.extract.relativetime import whole_days_ago
from livetail.extract.stampwords import is_stamp, says_updated
from livetail.extract.timelabel import is_time_label, time_label
from livetail.extract.titlemarks import split_edit_mark
from livetail.model import Update

_BRT = timezone(timedelta(hours=-3))


@pytest.mark.parametrize(
    "stamp",
    [
        "Atualizado às 14:05",  # G1, Folha, UOL
        "Atualizado às 14h05",
        "Publicado às 14h05",
        "Publicado em 14/03/2024 14h05",
        "Atualizado em 14/03/2024 14h05",
        "14/03/2024 14h05",
        "20.jan.2025 às 14h05",  # Folha's dateline
        "עודכן ב-21:40",  # Haaretz, Ynet: "updated at", the "at" glued to the clock
        "פורסם ב-21:40",
        "עודכן ב־21:40",  # (the Hebrew maqaf)
        "16:58 h",  # El Confidencial
        "8 min temu",  # Onet: an abbreviated unit before "ago"
        "3 t sitten",
    ],
)
def test_portuguese_and_hebrew_stamps_are_stamps_and_labels(stamp: str) -> None:
    assert is_stamp(stamp)
    assert is_time_label(stamp)


def test_portuguese_and_hebrew_edit_times_follow_the_posts_own() -> None:
    for line, clock, edited in (
        ("14h05 Atualizado às 15h10", (14, 5), (15, 10)),
        ("21:30 עודכן ב-21:40", (21, 30), (21, 40)),
    ):
        label = time_label(line)
        assert label is not None and label.clock is not None and label.edited is not None
        assert (label.clock.hour, label.clock.minute) == clock
        assert (label.edited.hour, label.edited.minute) == edited
    assert says_updated("Atualizado às 14:05") and not says_updated("Publicado às 14h05")


@pytest.mark.parametrize(
    "line",
    [
        "Em 2024, o governo anunciou",  # a sentence, not a stamp
        "Em 14 cidades",
        "ב-2024",
        "às vezes",
    ],
)
def test_the_glue_words_alone_are_no_stamp(line: str) -> None:
    assert not is_stamp(line)
    assert not is_time_label(line)


def test_an_inline_portuguese_blog_of_publicado_as_lines() -> None:
    # G1 and UOL in an article body: "<p><strong>Publicado às 14h05</strong></p>" over each post's
    # paragraphs, an edit in an <em> beside it. "às" was no stamp word: no strategy found a post.
    posts = [
        ("16h40", "A Defesa Civil emitiu alerta para a zona sul da capital. Moradores devem evitar áreas de risco.", " <em>Atualizado às 16h52</em>"),
        ("15h10", "O rio transbordou na altura da ponte das Bandeiras. O trânsito foi desviado.", ""),
        ("14h05", "Congonhas suspendeu pousos por 40 minutos por causa do temporal. Voos foram desviados.", ""),
    ]  # fmt: skip
    body = "".join(
        f"<p><strong>Publicado às {at}</strong>{edit}</p><p>{text}</p>" for at, text, edit in posts
    )
    page = (
        '<html lang="pt-BR"><body><h1>AO VIVO: temporal em São Paulo</h1>'
        f'<article class="content">{body}</article></body></html>'
    )
    updates = extract_page(page, datetime(2024, 3, 14, 22, 0, tzinfo=UTC), "America/Sao_Paulo")
    assert [u.published for u in updates] == [
        datetime(2024, 3, 14, 16, 40, tzinfo=_BRT),
        datetime(2024, 3, 14, 15, 10, tzinfo=_BRT),
        datetime(2024, 3, 14, 14, 5, tzinfo=_BRT),
    ]
    assert [u.modified for u in updates] == [datetime(2024, 3, 14, 16, 52, tzinfo=_BRT), None, None]
    assert [u.text for u in updates] == [text for _, text, _ in posts]


def _punch_page(mark: str) -> str:
    posts = [
        ("4:40 pm", "Tinubu arrives in Lagos" + mark, "The President landed at the Murtala Muhammed airport. He was received by the governor."),
        ("3:10 pm", "Senate adjourns plenary", "The Senate adjourned plenary till Tuesday. Senators will consider the budget."),
        ("2:05 pm", "Police seal off Ikeja", "Police have sealed off roads around Ikeja. Motorists are advised to use alternative routes."),
    ]  # fmt: skip
    items = "".join(
        f'<div class="live-post"><span class="live-post__time">{at}</span>'
        f'<h3 class="live-post__title">{heading}</h3><p>{text}</p></div>'
        for at, heading, text in posts
    )
    return f'<html lang="en"><body><h1>LIVE: Events in Lagos</h1><div class="live-feed">{items}</div></body></html>'


@pytest.mark.parametrize(
    ("mark", "edited"),
    [
        (' <span class="updated-tag">UPDATED</span>', None),
        (" (Updated)", None),
        (" – updated", None),
        (" <em>Updated 4:55 pm</em>", datetime(2024, 3, 14, 15, 55, tzinfo=UTC)),
    ],
)
def test_an_edit_mark_in_a_heading_is_no_part_of_the_title_or_the_uid(
    mark: str, edited: datetime | None
) -> None:
    # Punch and other WordPress blogs mark an edited post in its heading. Left in the title, the
    # mark gave a post without a publisher id a new uid when it was edited: new, and retracted.
    reference = datetime(2024, 3, 14, 20, 0, tzinfo=UTC)
    before = extract_page(_punch_page(""), reference, "Africa/Lagos")
    after = extract_page(_punch_page(mark), reference, "Africa/Lagos")
    assert after[0].title == "Tinubu arrives in Lagos"
    assert [u.uid for u in after] == [u.uid for u in before]
    assert after[0].modified == edited


@pytest.mark.parametrize(
    "title",
    [
        "Guidance to be updated",
        "Prices updated 4 times",
        "Update: storm moves east",
        "Updated",
        "(Updated)",
        "Storm latest [Update 2]",
        # (review) a heading's own noun in capitals, and a time the heading says it was updated at
        "RASHFORD INJURY UPDATE",
        "Met Office warning updated at 19:00",
        "Toll to be updated at 18:00",
        "The figures were last updated 09:30",
        "Met Office Warning Updated At 19:00",
    ],
)
def test_a_title_that_says_updated_in_its_words_keeps_them(title: str) -> None:
    assert split_edit_mark(title) == (title, None)


def test_edit_marks_in_other_languages_and_before_the_title() -> None:
    assert split_edit_mark("Storm latest (aktualisiert)") == ("Storm latest", None)
    assert split_edit_mark("UPDATED: Tinubu arrives") == ("Tinubu arrives", None)
    title, clock = split_edit_mark("Sturm über Hamburg | Aktualisiert 14:05 Uhr")
    assert title == "Sturm über Hamburg" and clock is not None and (clock.hour, clock.minute) == (14, 5)


def test_a_skip_link_on_a_line_of_its_own_is_no_part_of_the_post() -> None:
    # DW: each post opens with "<a class=skip-link href=#next>Skip next section <span>{the next
    # post's title}</span></a>" on a line of its own. The page's indentation around it read as
    # words beside a link in a sentence, so it was kept, with the next post's title.
    posts = [
        ("68512890", "2024-03-14T12:47:00Z", "Bundestag rejects opposition motion on Taurus missiles", "The German parliament has voted down a motion by the CDU."),
        ("68512811", "2024-03-14T12:10:00Z", "Lufthansa ground staff to strike again next week", "The Verdi trade union has called on ground staff to walk out."),
        ("68512760", "2024-03-14T11:05:00Z", "Police raid homes of suspected 'Reichsbürger' members", "German police have searched properties in five states."),
    ]  # fmt: skip
    items = []
    for n, (pid, when, heading, text) in enumerate(posts):
        following = posts[n + 1] if n + 1 < len(posts) else ("end", "", "Explore more", "")
        items.append(
            f'<div class="sc-gEvEer live-blog-post" id="{pid}">\n'
            f'      <a class="sc-fUnMCh skip-link" href="#{following[0]}">Skip next section <span>{following[2]}</span></a>\n'
            f'      <div class="post-header"><time datetime="{when}">13 minutes ago</time></div>\n'
            f'      <h2 class="post-title">{heading}</h2>\n      <div class="rich-text"><p>{text}</p></div>\n    </div>\n'
        )
    page = f'<html lang="en"><body><h1>Germany news: Bundestag votes</h1><div class="live-blog">{"".join(items)}</div></body></html>'
    updates = extract_page(page, datetime(2024, 3, 14, 13, 0, tzinfo=UTC), "Europe/Berlin")
    assert [u.title for u in updates] == [heading for _, _, heading, _ in posts]
    assert [u.text for u in updates] == [text for _, _, _, text in posts]


def test_a_skip_link_in_a_sentence_stays() -> None:
    page = (
        '<html><body><div class="feed">'
        + "".join(
            f'<div class="post"><time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time><h2>Post {n}</h2>'
            f'<p>Fans can <a class="skip" href="#queue">skip the queue</a> with a pass, organisers said on day {n}.</p></div>'
            for n in (3, 2, 1)
        )
        + "</div></body></html>"
    )
    updates = extract_page(page, datetime(2024, 3, 14, 15, 0, tzinfo=UTC), "Europe/Berlin")
    assert updates[0].text == "Fans can skip the queue with a pass, organisers said on day 3."


def _el_pais_page(listed: int) -> str:
    """An El País-like page: eight posts as ``<article class="lbe" id="lbe_…">``, the first a
    highlighted one ("lbe lbe-d"), the third without a heading; LD lists the ``listed`` newest
    after the first, its ids "…#?rel=lo&entry=…", with each post's author, whose box's class says
    nothing of a byline."""
    url = "https://elpais.com/espana/2024-05-12/elecciones-catalanas-en-directo.html"
    posts = [
        ("9a4d32", "21:10", "Resultados: Illa gana con 42 escaños", "Con el 99% escrutado, el PSC gana las elecciones.", "Àngels Piñol"),
        ("8f3c21", "23:40", "Puigdemont: “Junts no se resigna”", "El candidato de Junts intentará formar Gobierno.", "Camilo S. Baquero"),
        ("7e2b10", "23:05", "", "El PP logra 15 escaños y multiplica por cinco su representación. Vox mantiene sus 11.", "Àngels Piñol"),
        ("6d1a09", "22:35", "Sánchez felicita a Illa", "El presidente del Gobierno ha felicitado al candidato socialista.", "Camilo S. Baquero"),
        ("5c0f88", "21:55", "ERC se hunde y pierde 13 escaños", "Pere Aragonès ha comparecido ante la militancia.", "Àngels Piñol"),
        ("4b9e77", "20:40", "Escrutado el 50%", "El PSC gana con claridad y ERC cae a la tercera posición.", "Camilo S. Baquero"),
        ("3a8d66", "20:00", "Cierran los colegios electorales", "La participación supera en diez puntos la de 2021.", "Àngels Piñol"),
        ("2f7c55", "13:15", "La participación a las 13.00 es del 25,9%", "Es la participación más alta a esta hora desde 2017.", "Camilo S. Baquero"),
    ]  # fmt: skip
    items = [
        {
            "url": f"{url}#?rel=lo&entry={pid}",
            "headline": heading or text.split(". ")[0] + ".",
            "datePublished": f"2024-05-12T{at}:00+02:00",
            "author": {"@type": "Person", "name": author},
            "articleBody": text,
        }
        for pid, at, heading, text, author in posts[1 : 1 + listed]
    ]
    articles = "".join(
        f'<article class="lbe{" lbe-d" if n == 0 else ""}" id="lbe_{pid}"><div class="lbe_h">'
        + ('<span class="lbe_d">Destacado</span> ' if n == 0 else "")
        + f'<span class="lbe_t">{at}</span> <span class="lbe_tz">CEST</span></div>'
        + (f'<h2 class="lbe_ti">{heading}</h2>' if heading else "")
        + f'<div class="lbe_b"><p>{text}</p></div><div class="lbe_a">{author}</div></article>'
        + ('<div class="ad ad-lb" id="elpais_gpt-INTEXT1"></div>' if n == 3 else "")
        for n, (pid, at, heading, text, author) in enumerate(posts)
    )
    return ld_blog_page(
        items, f'<h1>Elecciones catalanas</h1><div id="live-list" class="a_l">{articles}</div>', url=url
    )


def test_ld_ids_the_page_writes_another_way_find_the_posts_ld_leaves_out() -> None:
    # El País: LD's ids are "…#?rel=lo&entry=8f3c21", the posts' "lbe_8f3c21", and LD lists only
    # the newest four: the other four (the highlighted one on top among them) were lost.
    reference = datetime(2024, 5, 12, 22, 0, tzinfo=UTC)
    updates = extract_page(_el_pais_page(4), reference, "Europe/Madrid")
    assert len(updates) == 8
    assert [u.uid.rpartition("=")[2] for u in updates] == [
        "9a4d32",
        "8f3c21",
        "7e2b10",
        "6d1a09",
        "5c0f88",
        "4b9e77",
        "3a8d66",
        "2f7c55",
    ]
    assert all(u.uid.startswith("https://elpais.com/") or u.uid.startswith("?rel=lo&entry=") for u in updates)
    assert updates[0].published == datetime(2024, 5, 12, 19, 10, tzinfo=UTC)
    assert updates[-1].published == datetime(2024, 5, 12, 11, 15, tzinfo=UTC)
    # the authors LD names stand in a box of one class: the posts it leaves out have theirs too
    assert [u.authors for u in updates][4:] == [
        ("Àngels Piñol",),
        ("Camilo S. Baquero",),
        ("Àngels Piñol",),
        ("Camilo S. Baquero",),
    ]
    assert not any("Piñol" in u.text or "Baquero" in u.text or "CEST" in u.text for u in updates)
    assert "Destacado" not in updates[0].text


def test_a_post_reads_the_same_before_and_after_ld_lists_it() -> None:
    # When LD lists more of the posts, they keep their uid, title, text and authors: no edit, no
    # new post and retraction.
    reference = datetime(2024, 5, 12, 22, 0, tzinfo=UTC)
    fewer = extract_page(_el_pais_page(4), reference, "Europe/Madrid")
    more = extract_page(_el_pais_page(7), reference, "Europe/Madrid")
    assert [(u.uid, u.title, u.text, u.authors, u.published) for u in fewer] == [
        (u.uid, u.title, u.text, u.authors, u.published) for u in more
    ]


def test_ld_ids_that_are_post_addresses_find_posts_with_the_last_segment_as_id() -> None:
    # The Athletic: LD's url is the post's own page, ".../post/Kq3v8Ld1", the post is
    # <article id="Kq3v8Ld1">; the url came out as the page's address with LD's glued on.
    base = "https://www.nytimes.com/athletic/live-blogs/deadline-day/zH4kT9qP2mRx"
    posts = [
        ("Zr5y0Pn3", "2024-08-30T22:40:00+01:00", "Sterling joins Arsenal", False),
        ("Kq3v8Ld1", "2024-08-30T22:38:00+01:00", "The window is closed", True),
        ("Ht7c2Wm9", "2024-08-30T22:26:00+01:00", "Sancho completes Chelsea move", True),
        ("Pf9x4Qa2", "2024-08-30T21:52:00+01:00", "Chalobah joins Crystal Palace", True),
        ("Mb6n1Rt8", "2024-08-30T20:12:00+01:00", "Ugarte signs for United", False),
    ]
    items = [
        {"url": f"{base}/post/{pid}", "headline": heading, "datePublished": at}
        for pid, at, heading, listed in posts
        if listed
    ]
    articles = "".join(
        f'<article class="LiveBlogPost_post__aB1cD" data-testid="live-blog-post" id="{pid}">'
        f'<time datetime="{at}">{at[11:16]}</time><h2>{heading}</h2><p>{heading}, the club confirmed tonight.</p></article>'
        for pid, at, heading, _ in posts
    )
    updates = extract_page(
        ld_blog_page(items, f"<main>{articles}</main>", url=f"{base}/"),
        datetime(2024, 8, 30, 23, 0, tzinfo=UTC),
        "Europe/London",
    )
    assert [u.title for u in updates] == [heading for _, _, heading, _ in posts]
    assert [u.uid for u in updates] == [f"{base}/post/{pid}" for pid, _, _, _ in posts]
    assert [u.url for u in updates] == [f"{base}/post/{pid}" for pid, _, _, _ in posts]


def test_one_ld_id_matched_through_a_part_of_it_finds_nothing_more() -> None:
    # A page where a single LD id's last segment happens to be some element's id suffix among
    # many items says more of the ids than of the page: no form is learned.

    tree = lxml.html.fromstring('<div><div id="nav_home">Home</div><article id="post-1">x</article></div>')
    elements, form = formed_elements(tree, ["https://a.example/live/home", "https://a.example/live/other"])
    assert form is None and elements == [None, None]


def test_a_clock_beside_whole_days_ago_is_dated_that_many_days_back() -> None:
    # Rappler (the WordPress liveblog plugin): a pinned post's stamp reads "2 days ago" and
    # "10:00 AM". "2 days ago" says no instant, so the clock was dated on the reference's day,
    # two days late, above the page's newest post.
    def page(stamp: str) -> str:
        posts = [
            (stamp, "LIST: Emergency hotlines", "Here are the hotlines you can call during the storm."),
            ("<span>2 hours ago</span><span>5:48 PM</span>", "Death toll rises to 46", "The toll rose overnight, officials said."),
            ("<span>21 hours ago</span><span>9:05 PM</span>", "Signal No. 4 raised", "PAGASA raised the signal over Isabela."),
        ]  # fmt: skip
        items = "".join(
            f'<article class="liveblog-entry"><header><a class="liveblog-meta-time" href="#e{n}">{at}</a></header>'
            f'<h3>{heading}</h3><div class="liveblog-entry-content"><p>{text}</p></div></article>'
            for n, (at, heading, text) in enumerate(posts)
        )
        return f'<html><body><h1>Kristine live</h1><div class="liveblog-feed">{items}</div></body></html>'

    reference = datetime(2024, 10, 24, 10, 0, tzinfo=UTC)  # 18:00 in Manila
    updates = extract_page(page("<span>2 days ago</span><span>10:00 AM</span>"), reference, "Asia/Manila")
    assert [u.published for u in updates] == [
        datetime(2024, 10, 22, 2, 0, tzinfo=UTC),
        datetime(2024, 10, 24, 9, 48, tzinfo=UTC),
        datetime(2024, 10, 23, 13, 5, tzinfo=UTC),
    ]
    # (review) sites round ("a day ago" from 12 to 36 hours: the WordPress plugin) or count whole
    # days: at 18:00, "a day ago" beside 7:00 PM fits the 23rd (23 hours) and the 22nd (47 hours),
    # so the walk dates it, as before; "3 days ago" beside 10:00 AM fits the 21st alone
    updates = extract_page(page("<span>a day ago</span><span>7:00 PM</span>"), reference, "Asia/Manila")
    assert updates[0].published == datetime(2024, 10, 23, 11, 0, tzinfo=UTC)
    updates = extract_page(page("<span>3 days ago</span><span>10:00 AM</span>"), reference, "Asia/Manila")
    assert updates[0].published == datetime(2024, 10, 21, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2 days ago", 2),
        ("a day ago", 1),
        ("3d ago", 3),
        ("vor 3 Tagen", 3),
        ("hace 2 días", 2),
        ("2 hours ago", None),
        ("2 weeks ago", None),
    ],
)
def test_whole_days_ago(text: str, days: int | None) -> None:
    assert whole_days_ago(text) == days


def _feed(posts: list[tuple[str, str, str]], extra: str = "") -> str:
    """Posts as ``<div class="post">`` with a ``<time>``, a heading and ``body`` markup each."""
    items = "".join(
        f'<div class="c-live-post"><time datetime="{at}">{at[11:16]}</time><h2>{heading}</h2>{body}</div>'
        for at, heading, body in posts
    )
    return f'<html><body><h1>Live</h1><div class="c-live-feed">{items}</div>{extra}</body></html>'


def test_a_place_beside_a_byline_in_its_block_goes_with_the_name() -> None:
    # Folha: '<div class="c-signature"><strong class="c-signature__author">Carolina Linhares</strong>
    # <span class="c-signature__location">São Paulo</span></div>': the name went, the city stayed.
    posts = [
        (f"2024-10-06T2{n}:15:00-03:00", f"Apuração avança {n}", f'<p>Com {n}0% das urnas apuradas, Nunes lidera.</p><div class="c-signature"><strong class="c-signature__author">Carolina Linhares</strong> <span class="c-signature__location">São Paulo</span></div>')
        for n in (3, 2, 1)
    ]  # fmt: skip
    updates = extract_page(_feed(posts), datetime(2024, 10, 7, 2, 0, tzinfo=UTC), "America/Sao_Paulo")
    assert [u.text for u in updates] == [f"Com {n}0% das urnas apuradas, Nunes lidera." for n in (3, 2, 1)]
    assert [u.authors for u in updates] == [("Carolina Linhares",)] * 3


_ODESA = (
    "The death toll from Russia's missile strike on Odesa has risen to 21, the regional governor said on"
    " Saturday. Rescue workers are still searching the rubble of a five-storey building in the city centre,"
    " and 75 people were injured. President Zelensky renewed his call for more air defence systems."
)


def test_a_field_to_copy_from_and_an_appeal_box_are_no_part_of_a_post() -> None:
    # Euronews: a video's "Copy/paste the article video embed link below:" with a text field;
    # the Kyiv Independent: a Ghost callout ending in one "Become a member" link.
    embed = (
        '<div class="c-video-player__embed-link"><span>Copy/paste the article video embed link below:</span>'
        '<input type="text" readonly value="https://www.euronews.com/embed/2530040"><button>Copy</button></div>'
    )
    appeal = (
        '<div class="kg-card kg-callout-card"><div class="kg-callout-emoji">💙</div><div class="kg-callout-text">'
        "We've been working hard to bring you independent news from Ukraine. Consider supporting the Kyiv Independent. "
        '<a href="https://news.example/membership/">Become a member</a></div></div>'
    )
    posts = [
        ("2024-06-09T21:10:00+02:00", "Macron dissolves parliament", f"<p>Macron called a snap election.</p>{embed}<p>The first round is on 30 June.</p>"),
        ("2024-06-09T20:40:00+02:00", "Odesa toll rises", f"<p>{_ODESA}</p>{appeal}"),
        ("2024-06-09T20:00:00+02:00", "Polls close", '<p>Polls have closed. <a href="/support">Support</a> for the far right rose.</p>'),
    ]  # fmt: skip
    updates = extract_page(_feed(posts), datetime(2024, 6, 9, 22, 0, tzinfo=UTC), "Europe/Paris")
    assert [u.text for u in updates] == [
        "Macron called a snap election.\n\nThe first round is on 30 June.",
        _ODESA,
        "Polls have closed. Support for the far right rose.",
    ]


def test_an_appeal_the_post_reports_stays() -> None:
    # (review) inline posts, each "<p><strong>19:10</strong></p>" and a block: one block's
    # paragraph ends in another site's donate link, and was cut as the publisher's appeal.
    posts = [
        ("19:40", "Rescue teams reach the worst-hit villages in the Atlas mountains. The army has set up field hospitals."),
        ("19:10", 'The Disasters Emergency Committee has launched a joint appeal for survivors. <a href="https://www.dec.org.uk/donate">Donate to the DEC appeal</a>'),
        ("18:05", "The death toll has risen to 2,900, the interior ministry says. More than 5,500 people have been injured."),
    ]  # fmt: skip
    items = "".join(
        f'<p><strong>{at}</strong></p><div class="wp-block-group"><p>{text}</p></div>' for at, text in posts
    )
    page = f'<html><body><h1>Morocco earthquake live</h1><article class="entry-content">{items}</article></body></html>'
    updates = extract_page(page, datetime(2024, 3, 14, 20, 0, tzinfo=UTC), "Europe/London")
    assert len(updates) == 3 and updates[1].text.endswith("Donate to the DEC appeal")


def test_a_poll_and_a_long_box_with_a_field_stay() -> None:
    lookup = (
        '<div class="lookup"><p>Enter your postcode below to find where to vote.</p>'
        '<input type="text" name="postcode"><button>Search</button></div>'
    )
    poll = (
        '<div class="poll"><p>Who will win?</p><label><input type="radio" name="v"> Nunes</label>'
        '<label><input type="radio" name="v"> Boulos</label></div>'
    )
    posts = [
        (f"2024-10-06T2{n}:15:00-03:00", f"Enquete {n}", f"<p>Vote na enquete número {n}.</p>{poll}")
        for n in (3, 2, 1)
    ]
    updates = extract_page(_feed(posts), datetime(2024, 10, 7, 2, 0, tzinfo=UTC), "America/Sao_Paulo")
    assert "Nunes" in updates[0].text and "Boulos" in updates[0].text
    posts = [(f"2024-10-06T2{n}:15:00-03:00", f"Onde votar {n}", lookup) for n in (3, 2, 1)]
    updates = extract_page(_feed(posts), datetime(2024, 10, 7, 2, 0, tzinfo=UTC), "America/Sao_Paulo")
    assert [u.text for u in updates] == ["Enter your postcode below to find where to vote."] * 3


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Danny McDonald, Globe Staff", ["Danny McDonald"]),
        ("By Danny McDonald and Travis Andersen, Globe Staff", ["Danny McDonald", "Travis Andersen"]),
        ("By Reuters Staff", ["Reuters Staff"]),
    ],
)
def test_staff_after_a_name_is_the_outlet(line: str, names: list[str]) -> None:
    # the Boston Globe: "By <a>Danny McDonald</a>, Globe Staff" named "Globe Staff" an author
    assert line_names([line]) == names


def _wordpress_updates(entries: list[tuple[int, int, str]]) -> list[Update]:
    """The updates of a WordPress liveblog page of ``entries`` (entry id, epoch time, entry text)."""
    items = "".join(
        f'<div id="liveblog-entry-{eid}" class="liveblog-entry" data-timestamp="{ts}"><header class="liveblog-meta">'
        f'<span class="liveblog-author-name">Chance Miller</span></header><div class="liveblog-entry-text">{body}</div></div>'
        for eid, ts, body in entries
    )
    page = f'<html><body><h1>WWDC 2024</h1><div id="liveblog-entries">{items}</div></body></html>'
    return extract_page(page, datetime(2024, 6, 10, 20, 0, tzinfo=UTC), "America/Los_Angeles")


def test_a_wordpress_liveblog_entry_opening_with_a_bold_line_is_titled_by_it() -> None:
    # 9to5Mac: '<div class="liveblog-entry-text"><p><strong>Apple Intelligence is coming</strong></p>
    # <p>…</p>': the title was that line, and the text began with it again.
    entries = [
        (958451, 1718044812, "<p><strong>Apple Intelligence is coming to iPhone 15 Pro</strong></p><p>It will launch in beta this fall.</p>"),
        (958444, 1718043708, "<h3>Siri gets a redesign</h3><p>A glowing light now wraps around the screen.</p>"),
        (958440, 1718043000, "<p><strong>10:52 am:</strong> Apple says most processing happens on device.</p>"),
    ]  # fmt: skip
    updates = _wordpress_updates(entries)
    assert [u.title for u in updates] == [
        "Apple Intelligence is coming to iPhone 15 Pro",
        "Siri gets a redesign",
        "10:52 am: Apple says most processing happens on device.",
    ]
    assert [u.text for u in updates][:2] == [
        "It will launch in beta this fall.",
        "A glowing light now wraps around the screen.",
    ]


def test_go_deeper_is_a_read_also_line() -> None:
    # Axios ends posts with "<p><strong>Go deeper:</strong> <a>Republicans flip the Senate</a></p>"
    posts = [
        (f"2024-11-06T0{n}:10:00-05:00", f"Trump wins state {n}", f'<p>Trump won state {n}, networks projected.</p><p><strong>Go deeper:</strong> <a href="/2024/11/06/senate">Republicans flip the Senate</a></p>')
        for n in (3, 2, 1)
    ]  # fmt: skip
    updates = extract_page(_feed(posts), datetime(2024, 11, 6, 12, 0, tzinfo=UTC), "America/New_York")
    assert [u.text for u in updates] == [f"Trump won state {n}, networks projected." for n in (3, 2, 1)]


def test_a_zone_word_that_is_content_stays() -> None:
    # (review) tickers named like zones ("CAT", "MT", "ET") in an LD post's table were cut
    url = "https://news.example/live"
    table = (
        "<p>Industrial stocks led the gains on Thursday.</p><table><tr><th>Ticker</th><th>Change</th></tr>"
        "<tr><td>CAT</td><td>+3.2%</td></tr><tr><td>MT</td><td>+2.9%</td></tr><tr><td>ET</td><td>-1.4%</td></tr></table>"
    )
    posts = [
        ("p3", "15:40", "Biggest movers", table),
        ("p2", "15:10", "Fed minutes due", "<p>Traders await the minutes.</p>"),
    ]
    items = [
        {
            "url": f"{url}#{pid}",
            "headline": heading,
            "datePublished": f"2024-03-14T{at}:00-04:00",
            "articleBody": "x",
        }
        for pid, at, heading, _ in posts
    ]
    body = "".join(
        f'<article class="post" id="{pid}"><h2>{heading}</h2><div class="post-body">{text}</div></article>'
        for pid, _, heading, text in posts
    )
    page = ld_blog_page(items, f'<div class="feed">{body}</div>', url=url)
    updates = extract_page(page, datetime(2024, 3, 14, 20, 0, tzinfo=UTC), "America/New_York")
    assert all(word in updates[0].text for word in ("CAT", "MT", "ET"))


def test_a_post_that_is_its_own_bem_block_is_no_byline_box() -> None:
    # (review) "<div class=entry><span class=entry__time>…<span class=entry__author>…<div
    # class=entry__text>…": the block around the author is the post; short posts were cut whole.
    posts = [
        ("20:41", "GOAL! Saka makes it 2-0", "Jane Doe"),
        ("20:25", "Yellow card for Caicedo", "Jane Doe"),
        ("20:12", "GOAL! Havertz heads in. 1-0", "John Smith"),
    ]
    items = "".join(
        f'<li class="feed__item"><div class="entry"><span class="entry__time">{at}</span>'
        f'<span class="entry__author">{who}</span><div class="entry__text">{text}</div></div></li>'
        for at, text, who in posts
    )
    page = f'<html><body><h1>Arsenal v Chelsea live</h1><ul class="feed">{items}</ul></body></html>'
    updates = extract_page(page, datetime(2024, 3, 14, 21, 0, tzinfo=UTC), "Europe/London")
    assert len(updates) == 3 and all(text in u.text for u, (_, text, _) in zip(updates, posts, strict=True))


def test_a_body_beside_its_header_keeps_its_text_beside_a_field() -> None:
    # (review) posts as a header and a body sibling; one body holds a postcode lookup after its
    # paragraph: read as a field box, it broke the header/body layout and every text went.
    posts = [
        ("19:40", "Polls close", "Polls have now closed across the country. Counting begins shortly."),
        ("19:10", "Find your polling station", "Enter your postcode below to find where to vote."),
        ("18:05", "Final hour", "There is one hour left to vote. Queues are reported in Leeds and Bristol."),
    ]
    lookup = '<div class="lookup"><input type="text" name="postcode"><button>Search</button></div>'
    items = "".join(
        f'<div class="entry-header"><time datetime="2024-03-14T{at}:00Z">{at}</time><h2>{heading}</h2></div>'
        f'<div class="entry-body"><p>{text}</p>{lookup if heading.startswith("Find") else ""}</div>'
        for at, heading, text in posts
    )
    page = f'<html><body><h1>Election live</h1><div class="feed">{items}</div></body></html>'
    updates = extract_page(page, datetime(2024, 3, 14, 20, 0, tzinfo=UTC), "Europe/London")
    assert [u.text for u in updates] == [text for _, _, text in posts]


def test_a_wordpress_bold_line_titles_only_a_short_line_with_more_after_it() -> None:
    # (review) a bold paragraph of several sentences, a post that is one bold line, and a speaker's
    # "Craig Federighi:" before the quote stay the post's text
    entries = [
        (958460, 1718045400, "<p><strong>Apple is also announcing a new Passwords app for iPhone, iPad and Mac.</strong></p>"),
        (958455, 1718045100, "<p><strong>Craig Federighi:</strong></p><p>“We’re bringing generative models to iPhone.”</p>"),
        (958450, 1718044900, "<p><strong>Apple Intelligence will be free. It launches in beta this fall.</strong></p><p>Developers get the APIs today.</p>"),
    ]  # fmt: skip
    updates = _wordpress_updates(entries)
    assert [u.text for u in updates] == [
        "Apple is also announcing a new Passwords app for iPhone, iPad and Mac.",
        "Craig Federighi:\n\n“We’re bringing generative models to iPhone.”",
        "Apple Intelligence will be free. It launches in beta this fall.\n\nDevelopers get the APIs today.",
    ]


def test_an_edit_mark_in_a_heading_never_dates_an_edit_after_the_fetch() -> None:
    # (review) "(Updated 9:00 pm)" on a post at 7:10 pm, fetched at 8 pm: no edit time at all
    reference = datetime(2024, 3, 14, 20, 0, tzinfo=UTC)
    updates = extract_page(_punch_page(" (Updated 9:00 pm)").replace("4:40 pm", "7:10 pm"), reference, "UTC")
    assert updates[0].title == "Tinubu arrives in Lagos" and updates[0].modified is None


def _ld_feed(
    ld_ids: list[str],
    posts: list[tuple[str, str, str]],
    *,
    attribute: str = "id",
    url: str = "https://news.example/live",
) -> str:
    """A page of ``posts`` (element id, "HH:MM" on 14 March 2024 UTC, heading), newest first, as
    ``<article class="entry …">`` whose ``attribute`` is the id; LD lists the first ``len(ld_ids)``
    of them under ``ld_ids`` (each a fragment, or a whole address when it holds "/")."""
    items = [
        {
            "url": ld_id if "/" in ld_id else f"{url}#{ld_id}",
            "headline": heading,
            "datePublished": f"2024-03-14T{at}:00Z",
            "articleBody": f"{heading} in full.",
        }
        for ld_id, (_, at, heading) in zip(ld_ids, posts, strict=False)
    ]
    articles = "".join(
        f'<article class="entry{" entry--key" if n == 1 else ""}" {attribute}="{pid}"><time datetime="2024-03-14T{at}:00Z">{at}</time>'
        f"<h2>{heading}</h2><p>{heading} in full, as the page shows it with more words.</p></article>"
        + ('<div class="ad" id="ad-slot-1">Advertisement</div>' if n == 1 else "")
        for n, (pid, at, heading) in enumerate(posts)
    )
    return ld_blog_page(items, f'<div class="feed">{articles}</div>', url=url)


_POSTS = [
    ("9c41d2e0", "18:40", "Polls close across the country"),
    ("8b30c1df", "18:10", "Turnout passes 60 percent"),
    ("7a2fb0ce", "17:30", "Queues reported in Leeds"),
    ("6918afbd", "16:50", "Final hour of voting begins"),
    ("5807aeac", "16:05", "Party leaders cast their votes"),
]


@pytest.mark.parametrize(
    ("ld_form", "page_form"),
    [
        ("{}", "entry-{}"),  # Spiegel: "#9c41d2e0", id="entry-9c41d2e0"
        ("entrada-{}", "entry-{}"),  # El Confidencial: "#entrada-4835", id="entry-4835"
        ("post-{}", "live-post-{}"),  # Le Parisien: "#post-7TQW", id="live-post-7TQW"
        ("lb-{}", "wpis-{}"),  # Onet
    ],
)
def test_fragment_ids_the_page_writes_another_way(ld_form: str, page_form: str) -> None:
    posts = [(page_form.format(pid), at, heading) for pid, at, heading in _POSTS]
    page = _ld_feed([ld_form.format(pid) for pid, _, _ in _POSTS[:3]], posts)
    updates = extract_page(page, datetime(2024, 3, 14, 19, 0, tzinfo=UTC), "UTC")
    assert [u.title for u in updates] == [heading for _, _, heading in _POSTS]
    assert [u.uid for u in updates] == [ld_form.format(pid) for pid, _, _ in _POSTS]
    assert all(u.text.endswith("with more words.") for u in updates)


def test_ld_ids_that_are_the_posts_data_post_id() -> None:
    # HuffPost: LD's id is the post's data-post-id, its id "live-blog-post-…"; LD's times carry
    # seconds the page's "02:41 PM" does not print
    posts = [(f"live-blog-post-{pid}", at, heading) for pid, at, heading in _POSTS]
    page = _ld_feed([pid for pid, _, _ in _POSTS[:3]], posts)
    page = page.replace('<article class="entry', '<article data-post-id="X" class="entry')
    for pid, _, _ in _POSTS:
        page = page.replace('data-post-id="X" class="entry', f'data-post-id="{pid}" class="entry', 1)
    page = page.replace(':00Z", "articleBody"', ':05Z", "articleBody"')
    updates = extract_page(page, datetime(2024, 3, 14, 19, 0, tzinfo=UTC), "UTC")
    assert [u.uid for u in updates] == [pid for pid, _, _ in _POSTS]


def test_ld_ids_in_a_query_with_a_shared_fragment() -> None:
    # BBC: every LD url is "…?post=asset%3A<uuid>#post"; the posts are id="asset:<uuid>", each in
    # an <li> of its own
    base = "https://www.bbc.co.uk/sport/football/live/c9d8xq4z1p2t"
    uuids = ["0a1f7c33-8d2e-4b6a-9f10-2c3d4e5f6a7b", "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", "3d4e5f6a-7b8c-4d9e-0f1a-2b3c4d5e6f7a"]  # fmt: skip
    posts = [(f"asset:{u}", at, heading) for u, (_, at, heading) in zip(uuids, _POSTS, strict=False)]
    page = _ld_feed([f"{base}?post=asset%3A{u}#post" for u in uuids[:3]], posts, url=base)
    page = page.replace("<article", '<li class="ListItem"><article').replace("</article>", "</article></li>")
    page = page.replace('<div class="feed">', '<ol class="feed">')
    updates = extract_page(page, datetime(2024, 3, 14, 19, 0, tzinfo=UTC), "Europe/London")
    assert [u.title for u in updates] == [heading for _, _, heading in _POSTS[:4]]
    assert updates[-1].uid == f"{base}?post=asset%3A{uuids[-1]}"


def test_an_id_part_inside_a_post_or_one_match_teaches_no_form() -> None:
    # (review) a "comments-50122" counter inside a post is no post; one LD item matching the
    # feed's own "liveblog" is no form; a teaser of the feed's first class whose id is not shaped
    # like the posts' is no post LD leaves out
    tree = lxml.html.fromstring(
        '<div id="liveblog"><article class="post"><h2>A</h2><span id="comments-50122">4 comments</span></article>'
        '<article class="post"><h2>B</h2><span id="comments-50123">2 comments</span></article></div>'
    )
    assert formed_elements(tree, ["https://a.example/updates/50122", "https://a.example/updates/50123"]) == (
        [None, None],
        None,
    )
    assert formed_elements(tree, ["https://a.example/storm-henk?src=liveblog"]) == ([None], None)
    base = "https://www.nytimes.com/athletic/live-blogs/deadline/zH4kT9qP2mRx"
    posts = [
        ("Kq3v8Ld1", "18:40", "Window closes"),
        ("Ht7c2Wm9", "18:10", "Sterling joins Arsenal"),
        ("Pf9x4Qa2", "17:30", "Sancho to Chelsea"),
    ]
    page = _ld_feed([f"{base}/post/{pid}" for pid, _, _ in posts], posts, url=base)
    page = page.replace(
        '<div class="ad" id="ad-slot-1">Advertisement</div>',
        '<article class="entry entry--promo" id="promo-euro-live"><time datetime="2024-03-14T18:00:00Z">18:00</time><h2>Euro 2024 live</h2><p>Follow every game.</p></article>',
    )
    updates = extract_page(page, datetime(2024, 3, 14, 19, 0, tzinfo=UTC), "UTC")
    assert [u.title for u in updates] == ["Window closes", "Sterling joins Arsenal", "Sancho to Chelsea"]


def test_a_byline_class_that_styles_a_credit_too_names_no_author() -> None:
    # (review) Tailwind: the byline and a photo's credit share "text-xs text-gray-500"; the post LD
    # leaves out has a picture: "Getty Images" came out its author
    url = "https://news.example/live"
    posts = [
        ("post-3", "19:40", "Crowds gather outside parliament", "Thousands of protesters have gathered.", "Sam Jones", True),
        ("post-2", "19:10", "Vote due at 10pm", "MPs will vote on the bill at 10pm, the Speaker said.", "Ana Ruiz", False),
        ("post-1", "18:05", "Debate opens", "The second reading debate has opened in the Commons.", "Sam Jones", False),
    ]  # fmt: skip
    items = [
        {"url": f"{url}#{pid}", "headline": heading, "datePublished": f"2024-03-14T{at}:00Z", "articleBody": text, "author": {"@type": "Person", "name": who}}
        for pid, at, heading, text, who, _ in posts[1:]
    ]  # fmt: skip
    credit = '<figure><img src="https://cdn.news.example/x.jpg" alt="Protesters"><span class="text-xs text-gray-500">Getty Images</span></figure>'
    articles = "".join(
        f'<article class="post flex" id="{pid}"><time datetime="2024-03-14T{at}:00Z">{at}</time><h2>{heading}</h2>'
        f'{credit if picture else ""}<p>{text}</p><span class="text-xs text-gray-500">{who}</span></article>'
        for pid, at, heading, text, who, picture in posts
    )
    updates = extract_page(
        ld_blog_page(items, f'<div class="feed">{articles}</div>', url=url),
        datetime(2024, 3, 14, 20, 0, tzinfo=UTC),
        "UTC",
    )
    assert len(updates) == 3 and "Getty Images" not in updates[0].authors


def test_a_key_event_class_keeps_a_listed_post_the_feeds_shape() -> None:
    # the Guardian: LD lists the newest blocks; a key event is "dcr-block dcr-block--key-event",
    # the others "dcr-block": no shape was shared, and the blocks LD leaves out were lost
    posts = [(f"block-6777{n}", at, heading) for n, (_, at, heading) in enumerate(_POSTS)]
    page = _ld_feed([pid for pid, _, _ in posts[:3]], posts)
    updates = extract_page(page, datetime(2024, 3, 14, 19, 0, tzinfo=UTC), "UTC")
    assert [u.title for u in updates] == [heading for _, _, heading in _POSTS]


def test_ouest_france_day_ordinals_pin_box_and_signature() -> None:
    # Ouest-France: day separators "Mercredi 1er novembre 2023" ("1er" was no day: the posts under
    # it stayed on the 2nd), an "À la une" pin label in the post's header (the post is an <li>),
    # and '<p class="live-item__signature">Julie Le Bihan</p>' signing each post
    def item(pid: str, at: str, heading: str, text: str, pinned: bool = False) -> str:
        label = '<span class="live-item__epingle">À la une</span>' if pinned else ""
        return (
            f'<li class="live-item{" live-item--epingle" if pinned else ""}" id="post-{pid}"><div class="live-item__header">'
            f'{label}<time class="live-item__time">{at}</time></div><h2 class="live-item__title">{heading}</h2>'
            f'<div class="live-item__content"><p>{text}</p></div><p class="live-item__signature">Julie Le Bihan</p></li>'
        )

    feed = (
        item("9", "6 h 58", "L’essentiel", "La tempête Ciaran a touché la pointe de la Bretagne dans la nuit.", pinned=True)
        + '<li class="live-day"><span class="live-day__label">Jeudi 2 novembre 2023</span></li>'
        + item("8", "1 h 10", "Rafale à 207 km/h", "Une rafale a été mesurée à la pointe du Raz.")
        + '<li class="live-day"><span class="live-day__label">Mercredi 1er novembre 2023</span></li>'
        + item("7", "23 h 47", "Les premières rafales", "Les pompiers ont mené une cinquantaine d’interventions.")
        + item("6", "21 h 30", "Écoles fermées", "Les établissements ne pourront pas accueillir d’élèves.")
    )  # fmt: skip
    page = f'<html lang="fr"><body><h1>Tempête Ciaran, en direct</h1><ol class="live-list">{feed}</ol></body></html>'
    updates = extract_page(page, datetime(2023, 11, 2, 8, 15, tzinfo=UTC), "Europe/Paris")
    paris = timezone(timedelta(hours=1))
    assert [u.published for u in updates] == [
        datetime(2023, 11, 2, 6, 58, tzinfo=paris),
        datetime(2023, 11, 2, 1, 10, tzinfo=paris),
        datetime(2023, 11, 1, 23, 47, tzinfo=paris),
        datetime(2023, 11, 1, 21, 30, tzinfo=paris),
    ]
    assert [u.pinned for u in updates] == [True, False, False, False]
    assert all(
        u.authors == ("Julie Le Bihan",) and "Bihan" not in u.text and "la une" not in u.text for u in updates
    )


def test_pin_labels_and_read_also_in_more_languages() -> None:
    # FAZ's "Angeheftet" and Onet's "Przypięty wpis" stayed in the text; so did "Przeczytaj także"
    for label in ("Angeheftet", "Przypięty wpis"):
        posts = [
            (f"2024-06-09T2{n}:10:00+02:00", f"Wahl {n}", (f'<span class="entry__pinned-label">{label}</span>' if n == 2 else "") + f"<p>Die Wahllokale schließen um {n} Uhr, sagte die Wahlleiterin.</p>")
            for n in (2, 1, 0)
        ]  # fmt: skip
        updates = extract_page(_feed(posts), datetime(2024, 6, 9, 22, 0, tzinfo=UTC), "Europe/Berlin")
        assert updates[0].pinned and label not in updates[0].text
    related = '<div class="relatedBox"><span class="relatedBox__label">Przeczytaj także</span><a href="https://wiadomosci.onet.pl/kraj/mapa/abc123">Frekwencja w wyborach. Sprawdź, jak głosowała twoja gmina</a></div>'
    posts = [
        (
            f"2025-06-01T2{n}:10:00+02:00",
            f"Wybory {n}",
            f"<p>Frekwencja wyniosła 71,7 proc., podał Ipsos w sondażu numer {n}.</p>{related}",
        )
        for n in (2, 1, 0)
    ]
    updates = extract_page(_feed(posts), datetime(2025, 6, 1, 22, 0, tzinfo=UTC), "Europe/Warsaw")
    assert all("także" not in u.text for u in updates)


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            'He would leave "out of exhaustion and boredom." Trump responded on Truth Social.',
            'He would leave "out of exhaustion and boredom."',
        ),
        ("She called it “a disgrace.” The senator left.", "She called it “a disgrace.”"),
        (
            "The word “U.S.” stands for the United States, he said.",
            "The word “U.S.” stands for the United States, he said.",
        ),
    ],
)
def test_a_sentence_ends_inside_its_closing_quote(text: str, sentence: str) -> None:
    # Mediaite: American style puts the full stop inside the quote; the title ran on
    assert first_sentence(text) == sentence


def test_an_ld_posts_writer_description_and_empty_player_are_no_part_of_it() -> None:
    # BBC: '<div class="…-ContributorContainer"><div class="ssrcss-contributor-name">Tom Fairclough</div>
    # <div class="ssrcss-contributor-description">Chief football writer at Emirates Stadium</div>':
    # "Chief football" came out a second author; a player's "This video can not be played" stayed
    contributor = (
        '<div class="ssrcss-1w6c0nx-ContributorContainer"><div class="ssrcss-contributor-name">Tom Fairclough</div>'
        '<div class="ssrcss-contributor-description">Chief football writer at Emirates Stadium</div></div>'
    )
    player = (
        '<div class="ssrcss-media-player"><div class="ssrcss-media-caption">Watch: Martinelli puts Arsenal ahead</div>'
        '<p class="ssrcss-media-restriction">This video can not be played. Media playback is unsupported on your device.</p></div>'
    )
    posts = [
        ("p3", "16:55", "GOAL - Arsenal 2-1 Southampton"),
        ("p2", "16:40", "GOAL - Arsenal 1-1 Southampton"),
    ]
    url = "https://www.bbc.co.uk/sport/football/live/c9d8"
    items = [
        {"url": f"{url}#{pid}", "headline": heading, "datePublished": f"2024-10-05T{at}:00+01:00"}
        for pid, at, heading in posts
    ]
    articles = "".join(
        f'<article id="{pid}"><h3>{heading}</h3>{contributor}<p>Arsenal are in front! Saka again the creator, from the right.</p>{player}</article>'
        for pid, _, heading in posts
    )
    updates = extract_page(
        ld_blog_page(items, f"<div>{articles}</div>", url=url),
        datetime(2024, 10, 5, 17, 0, tzinfo=UTC),
        "Europe/London",
    )
    assert [u.authors for u in updates] == [("Tom Fairclough",)] * 2
    assert all(u.text == "Arsenal are in front! Saka again the creator, from the right." for u in updates)


def test_more_from_a_publisher_is_a_read_also_box() -> None:
    # Forbes: '<div class="link-embed"><div class="link-embed__header">MORE FROM FORBES</div><a …>
    # <span>Final Swing State Polls …</span><span>By Sarah Lindqvist</span></a></div>'
    card = (
        '<div class="link-embed"><div class="link-embed__header">MORE FROM FORBES</div><a class="link-embed__content" '
        'href="https://www.forbes.com/sites/x/2024/11/05/swing-state-polls/"><span class="link-embed__title">Final Swing State'
        ' Polls: Harris And Trump Virtually Tied</span><span class="link-embed__byline">By Sarah Lindqvist</span></a></div>'
    )
    posts = [
        (
            f"2024-11-06T0{n}:10:00-05:00",
            f"Trump wins state {n}",
            f"<p>Trump won state {n}, the Associated Press projected, by large margins.</p>{card}",
        )
        for n in (3, 2, 1)
    ]
    updates = extract_page(_feed(posts), datetime(2024, 11, 6, 12, 0, tzinfo=UTC), "America/New_York")
    assert [u.text for u in updates] == [
        f"Trump won state {n}, the Associated Press projected, by large margins." for n in (3, 2, 1)
    ]


def test_an_edit_stamp_beside_an_explicit_time_dates_the_edit() -> None:
    # NZZ: '<time datetime="…13:50Z">14.50 Uhr</time><span>aktualisiert um 15.20 Uhr</span>': the
    # stamp reads "14.50 Uhraktualisiert um 15.20 Uhr", whose edit word no word boundary starts
    posts = [
        ("13:50", "14.50 Uhr", "aktualisiert um 15.20 Uhr", "Efas angenommen"),
        ("13:10", "14.10 Uhr", "", "Zweite Vorlage abgelehnt"),
    ]
    items = "".join(
        f'<article class="liveticker-entry" id="lte-{n}"><div class="liveticker-entry__meta"><time datetime="2024-11-24T{at}:00.000Z">{shown}</time>'
        + (f'<span class="liveticker-entry__updated">{edit}</span>' if edit else "")
        + f'</div><h2>{heading}</h2><div class="liveticker-entry__body"><p>Die Vorlage {heading} wurde deutlich angenommen.</p></div></article>'
        for n, (at, shown, edit, heading) in enumerate(posts)
    )
    page = f'<html><body><h1>Abstimmungssonntag</h1><div class="liveticker">{items}</div></body></html>'
    updates = extract_page(page, datetime(2024, 11, 24, 16, 0, tzinfo=UTC), "Europe/Zurich")
    assert [u.modified for u in updates] == [datetime(2024, 11, 24, 14, 20, tzinfo=UTC), None]


def test_a_posts_own_permalink_and_reaction_count_are_furniture() -> None:
    # Der Standard: '<footer><a href="#p-3000000252193">Link zu diesem Posting</a> <span
    # class="lb-posting-reactions">👍 34</span></footer>' ended every post's text
    items = "".join(
        f'<article class="lb-posting" id="p-30000002521{n}"><header><time>1{n}:05</time></header><h3>Kickl verhandelt {n}</h3>'
        f'<div class="lb-posting-body"><p>FPÖ-Chef Herbert Kickl will rasch mit der ÖVP verhandeln, sagte er am Nachmittag {n}.</p></div>'
        f'<footer class="lb-posting-footer"><a class="lb-posting-link" href="#p-30000002521{n}">Link zu diesem Posting</a> '
        f'<span class="lb-posting-reactions">👍 3{n}</span></footer></article>'
        for n in (5, 4, 3)
    )
    page = f'<html><body><h1>Regierungsbildung live</h1><div class="lb">{items}</div></body></html>'
    updates = extract_page(page, datetime(2025, 1, 6, 17, 0, tzinfo=UTC), "Europe/Vienna")
    assert [u.text for u in updates] == [
        f"FPÖ-Chef Herbert Kickl will rasch mit der ÖVP verhandeln, sagte er am Nachmittag {n}."
        for n in (5, 4, 3)
    ]


def test_a_days_posts_without_a_heading_are_its_posts_too() -> None:
    # Der Standard: posts in day groups ("<div class=lb-day><h2>Montag, 6. Jänner 2025</h2>
    # <article class=lb-posting>…"); the day groups were read from their headed posts alone, and
    # the posts without a heading were lost
    def post(pid: int, at: str, heading: str, text: str) -> str:
        return (
            f'<article class="lb-posting" id="p-{pid}"><header><time class="lb-posting-time">{at}</time></header>'
            + (f'<h3 class="lb-posting-title">{heading}</h3>' if heading else "")
            + f'<div class="lb-posting-body"><p>{text}</p></div></article>'
        )

    day1 = (
        post(
            7,
            "15:42",
            "Kickl will rasch verhandeln",
            "FPÖ-Chef Kickl will rasch Gespräche aufnehmen, sagte er.",
        )
        + post(6, "14:05", "", "Die Grünen kritisieren die Entscheidung des Bundespräsidenten scharf.")
        + post(
            5,
            "12:18",
            "Van der Bellen erklärt sich",
            "Der Bundespräsident begründet, warum er Kickl beauftragt.",
        )
    )
    day2 = (
        post(
            4,
            "18:30",
            "Stocker neuer ÖVP-Chef",
            "Christian Stocker übernimmt die ÖVP interimistisch, hieß es.",
        )
        + post(3, "16:10", "", "Nehammer tritt als Kanzler und Parteichef zurück, bestätigte die ÖVP.")
        + post(
            2,
            "14:00",
            "Gespräche abgebrochen",
            "Die Neos haben die Verhandlungen über eine Dreierkoalition verlassen.",
        )
    )
    page = (
        '<html><body><h1>Regierungsbildung live</h1><div class="lb-content">'
        f'<div class="lb-day"><h2 class="lb-day-header">Montag, 6. Jänner 2025</h2>{day1}</div>'
        f'<div class="lb-day"><h2 class="lb-day-header">Sonntag, 5. Jänner 2025</h2>{day2}</div></div></body></html>'
    )  # fmt: skip
    updates = extract_page(page, datetime(2025, 1, 6, 17, 0, tzinfo=UTC), "Europe/Vienna")
    assert len(updates) == 6
    assert [u.published.day if u.published else None for u in updates] == [6, 6, 6, 5, 5, 5]


# --- guards from the review of the fifteenth probe's rules ------------------------------------

_NEWS = "https://news.example/live"


def _ld_posts(posts: list[tuple[str, str, str, str]], *, ld: list[dict[str, object]] | None = None) -> str:
    """LD posts (id, "HH:MM" on 14 March 2024 UTC, heading, body markup) as ``<article class=post>``."""
    items = (
        ld
        if ld is not None
        else [
            {"url": f"{_NEWS}#{pid}", "headline": heading, "datePublished": f"2024-03-14T{at}:00Z"}
            for pid, at, heading, _ in posts
        ]
    )
    articles = "".join(
        f'<article class="post" id="{pid}"><time datetime="2024-03-14T{at}:00Z">{at}</time><h2>{heading}</h2>{body}</article>'
        for pid, at, heading, body in posts
    )
    return ld_blog_page(items, f'<div class="feed">{articles}</div>', url=_NEWS)


_EVENING = datetime(2024, 3, 14, 20, 0, tzinfo=UTC)


def test_a_video_posts_body_and_an_email_callout_keep_their_prose() -> None:
    posts = [
        ("p3", "19:40", "Zelensky speaks in Kyiv", '<div class="post__body post__body--video"><p>Volodymyr Zelensky addressed the crowd in Kyiv.</p><div class="vjs-poster"><span>Play video</span></div></div>'),
        ("p2", "19:10", "Tell us", '<div class="callout"><p>Have you been affected by the flooding in Valencia? We would like to hear from you.</p><input type="email" name="e"></div>'),
    ]  # fmt: skip
    updates = extract_page(_ld_posts(posts), _EVENING, "UTC")
    assert updates[0].text.startswith("Volodymyr Zelensky addressed the crowd in Kyiv.")
    assert (
        updates[1].text
        == "Have you been affected by the flooding in Valencia? We would like to hear from you."
    )


def test_an_author_meta_box_names_the_writer_beside_an_empty_avatar_box() -> None:
    body = '<div class="author-avatar"><img src="https://news.example/a.jpg" alt=""></div><div class="author-meta"><span class="name">{}</span></div><p>More details as we get them from the scene.</p>'
    posts = [
        ("p3", "19:40", "Crowds gather", body.format("Jane Doe")),
        ("p2", "19:10", "Vote due", body.format("John Smith")),
    ]
    assert [u.authors for u in extract_page(_ld_posts(posts), _EVENING, "UTC")] == [
        ("Jane Doe",),
        ("John Smith",),
    ]


def test_posts_linking_to_their_own_pages_or_listed_alone_keep_the_posts_ld_leaves_out() -> None:
    base = "https://www.nytimes.com/athletic/live-blogs/deadline-day/zH4kT9qP2mRx"
    posts = [
        ("Zr5y0Pn3", "2024-08-30T22:50:00+01:00", "Deadline deals: the full list"),
        ("Kq3v8Ld1", "2024-08-30T22:38:00+01:00", "The window is closed"),
        ("Ht7c2Wm9", "2024-08-30T22:26:00+01:00", "Sancho completes Chelsea move"),
        ("Pf9x4Qa2", "2024-08-30T21:52:00+01:00", "Chalobah joins Crystal Palace"),
    ]
    for link, listed in ((True, posts[1:]), (False, posts[:1])):
        items = [
            {
                "url": f"{base}/post/{pid}",
                "headline": heading,
                "datePublished": at,
                "articleBody": f"{heading}, the club confirmed tonight.",
            }
            for pid, at, heading in listed
        ]
        copy = '<a class="copy" href="{}/post/{}">Copy link</a>'
        articles = "".join(
            f'<article class="post" id="{pid}"><time datetime="{at}">{at[11:16]}</time><h2>{heading}</h2><p>{heading}, the club confirmed tonight.</p>{copy.format(base, pid) if link else ""}</article>'
            for pid, at, heading in posts
        )
        updates = extract_page(
            ld_blog_page(items, f"<main>{articles}</main>", url=f"{base}/"),
            datetime(2024, 8, 30, 23, 0, tzinfo=UTC),
            "Europe/London",
        )
        assert [u.uid for u in updates] == [f"{base}/post/{pid}" for pid, _, _ in posts]


def test_a_share_bar_holding_the_ids_number_is_no_post() -> None:
    # LD ids "#update-128403"; the posts have no id, each holds '<div class="share-bar" id="share-128403">'
    posts = [
        ("128403", "19:40", "Crowds gather"),
        ("128399", "19:10", "Vote due at 10pm"),
        ("128390", "18:05", "Debate opens"),
    ]
    share = '<div class="share-bar" id="share-{}"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a><a href="https://twitter.com/intent/tweet?url=x">X</a></div>'
    items = [
        {"url": f"{_NEWS}#update-{pid}", "headline": heading, "datePublished": f"2024-03-14T{at}:00Z"}
        for pid, at, heading in posts
    ]
    articles = "".join(
        f'<article class="post"><time datetime="2024-03-14T{at}:00Z">{at}</time><h2>{heading}</h2><p>{heading}: more details as we get them.</p>{share.format(pid)}</article>'
        for pid, at, heading in posts
    )
    updates = extract_page(
        ld_blog_page(items, f'<div class="feed">{articles}</div>', url=_NEWS), _EVENING, "UTC"
    )
    assert [u.text for u in updates] == [
        f"{heading}: more details as we get them." for _, _, heading in posts
    ]


def test_a_promo_card_or_a_pinned_copy_of_the_feeds_first_class_is_no_unlisted_post() -> None:
    posts = [
        (pid, at, heading, f"<p>{heading}: more details as we get them from the scene.</p>")
        for pid, at, heading in (
            ("post-3121", "19:40", "Crowds gather"),
            ("post-3120", "19:10", "Vote due at 10pm"),
            ("post-3118", "18:05", "What we know so far"),
        )
    ]
    items = [
        {
            "url": f"{_NEWS}#{pid}",
            "headline": heading,
            "datePublished": f"2024-03-14T{at}:00Z",
            "articleBody": f"{heading}: more details as we get them from the scene.",
        }
        for pid, at, heading, _ in posts
    ]
    promo = '<article class="post post--promo" id="post-promo-budget"><time datetime="2024-03-14T19:30:00Z">19:30</time><h2>LIVE: Budget 2024</h2><p><a href="https://news.example/budget-live">Follow our other live blog</a></p></article>'
    copy = '<article class="post post--pinned" id="post-pinned-3118"><time datetime="2024-03-14T18:05:00Z">18:05</time><h2>What we know so far</h2><p>What we know so far: more details as we get them from the scene.</p></article>'
    page = _ld_posts(posts, ld=items)
    with_promo = page.replace(
        '<article class="post" id="post-3120">', promo + '<article class="post" id="post-3120">'
    )
    assert [u.uid for u in extract_page(with_promo, _EVENING, "UTC")] == [
        "post-3121",
        "post-3120",
        "post-3118",
    ]
    with_copy = page.replace('<div class="feed">', '<div class="feed">' + copy)
    updates = extract_page(with_copy, _EVENING, "UTC")
    assert [u.uid for u in updates] == ["post-3121", "post-3120", "post-3118"] and updates[-1].pinned


def test_a_quoted_letters_signature_and_a_sentence_saying_more_from_stay() -> None:
    letter = '<p>Here is the letter in full:</p><blockquote class="letter"><p>Dear Prime Minister, I resign.</p><div class="letter-signature">Yours sincerely, Jane Hartley MP</div></blockquote>'
    more = '<p>Reeves said the budget will fix the foundations.</p><p>More from Reeves: she said <a href="https://www.gov.uk/speech">the full speech</a> would be published tonight.</p>'
    posts = [("p3", "19:40", "Read the letter", letter), ("p2", "19:10", "Reeves speaks", more)]
    updates = extract_page(_ld_posts(posts), _EVENING, "UTC")
    assert "Yours sincerely, Jane Hartley MP" in updates[0].text
    assert "More from Reeves: she said the full speech would be published tonight." in updates[1].text


def test_a_title_case_heading_with_its_edit_stamp_keeps_its_uid() -> None:
    def page(edit: str) -> str:
        posts = [
            ("4:40 PM", f'Senate Passes Stopgap Funding Bill <span class="upd">Updated {edit} PM</span>', "The Senate voted 77-19 to keep the government open."),
            ("3:10 PM", "House Speaker Responds", "The speaker said the House would take up the bill on Friday."),
        ]  # fmt: skip
        items = "".join(
            f'<div class="live-post"><span class="time">{at}</span><h2>{heading}</h2><p>{text}</p></div>'
            for at, heading, text in posts
        )
        return f'<html><body><h1>Shutdown live</h1><div class="feed">{items}</div></body></html>'

    reference = datetime(2024, 3, 15, 1, 0, tzinfo=UTC)
    first, later = (extract_page(page(edit), reference, "America/New_York")[0] for edit in ("4:55", "5:10"))
    assert first.title == later.title == "Senate Passes Stopgap Funding Bill" and first.uid == later.uid


def test_two_ld_items_sharing_a_fragment_keep_their_uids_when_a_third_comes() -> None:
    base = "https://www.bbc.co.uk/news/live/c9d8"
    ids = ["0a1f7c33", "1b2c3d4e", "2c3d4e5f"]

    def uids(n: int) -> list[str]:
        posts = [
            (f"asset:{i}", f"1{9 - k}:00", f"Post {i}", "<p>More details as we get them from the scene.</p>")
            for k, i in enumerate(reversed(ids[:n]))
        ]
        items = [
            {
                "url": f"{base}?post=asset%3A{pid[6:]}#post",
                "headline": heading,
                "datePublished": f"2024-03-14T{at}:00Z",
            }
            for pid, at, heading, _ in posts
        ]
        return [u.uid for u in extract_page(_ld_posts(posts, ld=items), _EVENING, "UTC")]

    assert uids(3)[1:] == uids(2)


def _timeline(lines: list[str], after: str) -> str:
    body = "".join(
        f"<p><strong>Nov. 5, {at} EST:</strong> {text}</p>"
        for at, text in (line.split("|") for line in lines)
    )
    return f'<html><body><h1>Election live</h1><div class="article-body">{body}{after}</div></body></html>'


_FORBES = [
    "11:20 p.m.|Republicans have won control of the Senate, after flipping seats in West Virginia and Ohio.",
    "10:31 p.m.|Harris has won Virginia, according to the AP, holding on thanks to strong margins.",
    "9:02 p.m.|Polls have closed in Arizona, Michigan and Wisconsin, three closely watched states.",
]


def test_an_articles_closing_sections_are_no_part_of_its_last_timeline_post() -> None:
    # Forbes: a timeline of "<p><strong>Nov. 5, 9:02 p.m. EST:</strong> …</p>" posts, then the
    # article's own "Key Background" and "Further Reading" sections: the last post ran on into them
    after = (
        "<h2>Key Background</h2><p>Polls showed Trump and Harris essentially tied in all seven battleground states.</p>"
        '<h2>Further Reading</h2><p><a href="https://www.forbes.com/sites/x/live-results-map/">Live Election Results Map</a> (Forbes)</p>'
    )
    updates = extract_page(
        _timeline(_FORBES, after), datetime(2024, 11, 6, 6, 0, tzinfo=UTC), "America/New_York"
    )
    assert (
        updates[-1].text
        == "Polls have closed in Arizona, Michigan and Wisconsin, three closely watched states."
    )


def test_a_heading_inside_a_blog_whose_posts_hold_headings_stays_in_the_last_post() -> None:
    lines = [line + "</p><h3>What it means</h3><p>Analysts said the result was decisive." for line in _FORBES]
    updates = extract_page(_timeline(lines, ""), datetime(2024, 11, 6, 6, 0, tzinfo=UTC), "America/New_York")
    assert all(u.text.endswith("Analysts said the result was decisive.") for u in updates)


def test_ld_ids_in_lower_case_find_posts_whose_ids_are_upper_case() -> None:
    # La Nación (Arc XP): LD's "…/#post-q3vlx7m2gbf5" names <article id="ln-post-Q3VLX7M2GBF5">
    ids = ["A9FK2LX4QWZ7", "Q3VLX7M2GBF5", "H8NE2W5RJK7Q", "Z5TP9C3MWX2F", "C7WR4K1XBN8M"]
    posts = [(f"ln-post-{pid}", at, heading) for pid, (_, at, heading) in zip(ids, _POSTS, strict=True)]
    page = _ld_feed([f"post-{pid.lower()}" for pid in ids[:3]], posts)
    updates = extract_page(page, datetime(2024, 3, 14, 19, 0, tzinfo=UTC), "UTC")
    assert [u.title for u in updates] == [heading for _, _, heading in _POSTS]
    assert [u.uid for u in updates] == [f"post-{pid.lower()}" for pid in ids]
