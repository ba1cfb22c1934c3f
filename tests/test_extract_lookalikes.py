"""Text that looks like the newer time readings but is a post's own: a match minute or a height
beside clocks, ratings and thread numbers ("7/10", "1/2"), a TV listing's "20:15 – ZDF", a
24-hour page whose hours happen to run 1 to 12, "PR" and "Ad" in results, hidden words."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ldpages import ld_blog_page

from livetail.extract.clockdates import resolve_clocks
from livetail.extract.engine import extract
from livetail.extract.timeparse import find_clock
from livetail.model import Document

REFERENCE = datetime(2024, 3, 16, 17, 10, tzinfo=UTC)


def _extract(
    page: str, content_type: str = "text/html; charset=utf-8", url: str = "https://www.example.com/live"
):  # type: ignore[no-untyped-def]
    return extract(Document(content=page.encode(), content_type=content_type, url=url, date=REFERENCE))


_FOOTBALL_POSTS = [
    ("17:02", "GOAL! Arsenal 2-1 Chelsea", "71'", "Saka curls it into the far corner."),
    ("16:55", "Substitution for Chelsea", "64'", "Chelsea bring on Madueke for Sterling."),
    ("16:33", "Half-time at the Emirates", "45'+2'", "All square at the break."),
]


def test_a_match_minute_under_each_clock_is_the_posts_text_in_html() -> None:
    page = "".join(
        f"<p><strong>{clock}</strong></p><h3>{title}</h3><p><em>{minute}</em></p><p>{text}</p>"
        for clock, title, minute, text in _FOOTBALL_POSTS
    )
    result = _extract(
        f'<html><body><main><h1>Arsenal v Chelsea</h1><div class="article-body">{page}</div></main></body></html>'
    )
    assert [(u.title, u.published) for u in result.updates] == [
        ("GOAL! Arsenal 2-1 Chelsea", datetime(2024, 3, 16, 17, 2, tzinfo=UTC)),
        ("Substitution for Chelsea", datetime(2024, 3, 16, 16, 55, tzinfo=UTC)),
        ("Half-time at the Emirates", datetime(2024, 3, 16, 16, 33, tzinfo=UTC)),
    ]
    assert [u.text.split()[0] for u in result.updates] == ["71'", "64'", "45'+2'"]


def test_a_match_minute_or_a_height_line_under_each_clock_is_the_posts_text_in_plain_text() -> None:
    lines = ["Arsenal v Chelsea live", ""]
    for clock, title, minute, text in _FOOTBALL_POSTS:
        lines += [clock, title, minute, text, ""]
    lines[-2] += " The keeper measures"
    lines += ["6'", "and 4 inches."]
    result = _extract("\n".join(lines), "text/plain; charset=utf-8")
    assert [u.title for u in result.updates] == [title for _, title, _, _ in _FOOTBALL_POSTS]
    assert "71'" in result.updates[0].text and "6'" in result.updates[2].text


def test_ratings_and_thread_numbers_stay_in_structured_bodies() -> None:
    page = """<html><body><div itemscope itemtype="http://schema.org/LiveBlogPosting">
    <h1 itemprop="headline">England v Wales live</h1>
    <div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting">
      <h2 itemprop="headline">Stats at half-time</h2><meta itemprop="datePublished" content="2024-03-16T15:40:00Z">
      <div itemprop="articleBody"><p>England have dominated the first half. The numbers:</p>
        <table><tr><td>Lineouts won</td><td>7/10</td></tr><tr><td>Scrums won</td><td>5/5</td></tr></table>
        <p>1/2</p><p>Wales have lost their fly-half to a head injury assessment.</p></div></div>
    <div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting">
      <h2 itemprop="headline">Kick-off</h2><meta itemprop="datePublished" content="2024-03-16T15:05:00Z">
      <div itemprop="articleBody"><p>We are under way at Twickenham. Rating of the anthem:</p><p>10/10</p></div></div>
    </div></body></html>"""
    result = _extract(page)
    assert all(part in result.updates[0].text for part in ("7/10", "5/5", "1/2"))
    assert "10/10" in result.updates[1].text


def test_german_hier_before_a_time_stays_in_structured_bodies() -> None:
    # "Hier" is "here" in German: only French "hier 22h15" says yesterday.
    updates = [
        {
            "@id": f"https://www.example.com/live#p{n}",
            "headline": f"Spiel {n}",
            "datePublished": f"2024-03-16T1{n}:00:00Z",
        }
        for n in (6, 5)
    ]
    posts = "".join(
        f'<article id="p{n}"><time datetime="2024-03-16T1{n}:00:00Z">1{n}:00</time><h2>Spiel {n}</h2>'
        "<p>Das Spiel läuft im Free-TV.</p><p>Hier 20:15 Uhr ZDF</p><p><strong>Hier 2.15</strong></p></article>"
        for n in (6, 5)
    )
    result = _extract(ld_blog_page(updates, posts))
    assert result.strategy == "jsonld"
    assert "Hier 20:15 Uhr ZDF" in result.updates[0].text and "Hier 2.15" in result.updates[0].text


def test_a_tv_listing_with_en_dashes_is_a_posts_text() -> None:
    text = "\n".join(
        [
            "EM 2024 im Liveticker",
            "18:40",
            "Wo läuft das Spiel heute?",
            "Das Spiel wird heute im Free-TV übertragen. Die Übertragungen im Überblick:",
            "20:15 – ZDF",
            "20:45 – MagentaTV",
            "Dazu gibt es einen Livestream in der Mediathek des Senders.",
            "18:10",
            "Aufstellung ist da",
            "Nagelsmann setzt auf die gleiche Elf wie gegen Schottland.",
            "17:30",
            "Die Fans sind in München eingetroffen",
            "Tausende Fans sind bereits auf dem Weg in die Arena.",
        ]
    )
    result = _extract(text, "text/plain; charset=utf-8", url="https://www.example.de/ticker.txt")
    assert [u.title for u in result.updates] == [
        "Wo läuft das Spiel heute?",
        "Aufstellung ist da",
        "Die Fans sind in München eingetroffen",
    ]
    assert "20:45 – MagentaTV" in result.updates[0].text


def test_a_24_hour_page_whose_hours_run_1_to_12_is_not_read_as_12_hour() -> None:
    berlin_reference = datetime(2024, 3, 16, 10, 30, tzinfo=UTC)
    for printed in (["10:05 Uhr", "9:30 Uhr", "1:20 Uhr", "12:45 Uhr"], ["10:05", "9:30", "01:20", "12:45"]):
        got = resolve_clocks([find_clock(t) for t in printed], berlin_reference, UTC)
        assert got == [
            datetime(2024, 3, 16, 10, 5, tzinfo=UTC),
            datetime(2024, 3, 16, 9, 30, tzinfo=UTC),
            datetime(2024, 3, 16, 1, 20, tzinfo=UTC),
            datetime(2024, 3, 15, 12, 45, tzinfo=UTC),
        ], printed


def test_pr_and_ad_in_results_are_kept() -> None:
    page = """<html><body><main><h1>Olympics day 9: live</h1><div class="live-feed">
    <div class="live-post"><span class="live-post__time">21:40</span><h2>Women's 1500m final result</h2>
      <p>Kipyegon wins a third straight title. Full result:</p>
      <table class="results"><tr><td class="name">Georgia Bell</td><td class="time">3:52.61</td><td class="note">PR</td></tr></table></div>
    <div class="live-post"><span class="live-post__time">21:10</span><h2>Tennis: Alcaraz on serve</h2>
      <p>The score in the deciding game:</p>
      <div class="score"><span class="player">Alcaraz</span> <span class="points">Ad</span></div></div>
    </div></main></body></html>"""
    result = _extract(page)
    assert "PR" in result.updates[0].text.split()
    assert "Ad" in result.updates[1].text.split()


def test_hidden_words_stay_only_hidden_data_goes() -> None:
    page = """<html><body><main>
    <article class="post"><span class="time">14:05 GMT</span><h2>Warning raised</h2>
      <p>Latest warning: <span class="warn" style="display: none">AMBER</span></p>
      <p hidden="until-found">The full list of areas follows.</p><span hidden>1710597900</span></article>
    <article class="post"><span class="time">13:40 GMT</span><h2>Roads closed</h2><p>The A38 is shut both ways.</p></article>
    </main></body></html>"""
    first = _extract(page).updates[0]
    assert "AMBER" in first.text and "The full list of areas follows." in first.text
    assert "1710597900" not in first.text


# --- stamps with more in them than a time ---------------------------------------------------------


def _ticker(stamps: list[str], url: str = "https://www.example.com/live") -> list:  # type: ignore[type-arg]
    titles = ["Weselsky kündigt Streik an", "Bahn scheitert vor Gericht", "Chaos am Hauptbahnhof"]
    page = "".join(
        f'<div class="ticker-entry"><div class="ticker-entry__time">{stamp}</div><h3>{title}</h3>'
        f"<p>{title}: mehr in Kürze.</p></div>"
        for stamp, title in zip(stamps, titles, strict=True)
    )
    document = Document(
        content=f"<html><body><main>{page}</main></body></html>".encode(),
        content_type="text/html; charset=utf-8",
        url=url,
        date=datetime(2024, 3, 12, 20, 0, tzinfo=UTC),
    )
    return list(extract(document, timezone="Europe/Berlin").updates)


def test_a_pinned_label_before_the_time_and_an_edit_time_after_it_keep_the_post() -> None:
    updates = _ticker(
        [
            '<span class="pinned">Angeheftet</span> 05:55 Uhr',
            "14:22 Uhr",
            '11:05 Uhr <span class="upd">(aktualisiert 11:30 Uhr)</span>',
        ]
    )
    assert [(u.published, u.modified) for u in updates] == [
        (datetime(2024, 3, 12, 4, 55, tzinfo=UTC), None),
        (datetime(2024, 3, 12, 13, 22, tzinfo=UTC), None),
        (datetime(2024, 3, 12, 10, 5, tzinfo=UTC), datetime(2024, 3, 12, 10, 30, tzinfo=UTC)),
    ]
    assert not any("Uhr" in u.text or "Angeheftet" in u.text for u in updates)


def test_a_bare_clock_then_updated_is_published_then_edited() -> None:
    updates = _ticker(
        [
            "19:05 <span>Updated 19:40</span>",
            "17:10",
            "03/12/2024 04:05 PM GMT <span>Updated: 03/12/2024 04:30 PM GMT</span>",
        ]
    )
    assert [(u.published, u.modified) for u in updates] == [
        (datetime(2024, 3, 12, 18, 5, tzinfo=UTC), datetime(2024, 3, 12, 18, 40, tzinfo=UTC)),
        (datetime(2024, 3, 12, 16, 10, tzinfo=UTC), None),
        (datetime(2024, 3, 12, 16, 5, tzinfo=UTC), datetime(2024, 3, 12, 16, 30, tzinfo=UTC)),
    ]
    assert not any("Updated" in u.text or "19:05" in u.text for u in updates)


def test_indonesian_and_russian_dates_before_the_clock_are_read() -> None:
    updates = _ticker(
        ["Kamis, 15 Februari 2024 | 21:20 WIB", "23 марта 2024, 01:45", "12 березня 2024, 11:05"]
    )
    assert [u.published for u in updates] == [
        datetime(2024, 2, 15, 14, 20, tzinfo=UTC),  # WIB is UTC+7
        datetime(2024, 3, 23, 0, 45, tzinfo=UTC),  # (read in the source's Europe/Berlin: no zone printed)
        datetime(2024, 3, 12, 10, 5, tzinfo=UTC),
    ]


def test_edit_times_read_as_their_stamp_reads_them_and_never_before_the_post() -> None:
    from livetail.extract.timelabel import time_label

    def edit(text: str) -> tuple[int, int, str | None] | None:
        label = time_label(text)
        assert label is not None, text
        return None if label.edited is None else (label.edited.hour, label.edited.minute, label.edited.zone)

    assert edit("12:50 p.m. ET Updated 1:10 p.m.") == (13, 10, "ET")  # in the stamp's zone
    assert edit("12:50 p.m. ET Updated 1:10") == (13, 10, "ET")  # after an afternoon post, afternoon
    assert edit("21:05 Uhr (aktualisiert 20:30 Uhr)") is None  # before the post: no edit time
    assert edit("23:50 Uhr (aktualisiert 00:10 Uhr)") == (0, 10, None)  # after midnight it is one
    for text in ("14:00 updated 15", "10:15 Updated 2"):
        assert time_label(text) is None  # a number is no edit time


def test_newsletter_sentences_in_a_post_stay() -> None:
    text = "\n".join(
        [
            "Storm live",
            "10:45",
            "Storm makes landfall",
            "The storm made landfall near the coast overnight.",
            "10:30",
            "Schools closed",
            "Schools are closed across the county today.",
            "Subscribe to the newsletter, the minister urged parents in a statement.",
            "Sign up for our Weather newsletter: storms in your inbox.",
        ]
    )
    updates = _extract(text, "text/plain; charset=utf-8").updates
    assert "the minister urged parents" in updates[1].text
    assert "Weather newsletter" not in updates[1].text


def test_bylines_or_credits_above_time_lines_are_no_headlines() -> None:
    for credit in ("By Jane Doe", "Reporting by Jane Doe"):
        lines = ["Live: Storm Ciarán latest"]
        for clock, sentence in (
            ("10:45", "The storm made landfall overnight."),
            ("10:30", "Schools are closed today."),
        ):
            lines += (
                [credit, clock, sentence, "Power is out for thousands of homes."]
                if credit.startswith("By")
                else [
                    clock,
                    sentence,
                    "Power is out for thousands of homes.",
                    credit,
                ]
            )
        updates = _extract("\n".join(lines), "text/plain; charset=utf-8").updates
        assert [u.title for u in updates] == [
            "The storm made landfall overnight.",
            "Schools are closed today.",
        ], credit


def test_a_headline_box_never_takes_a_posts_only_text_nor_a_links_or_teasers_title() -> None:
    def post(clock: str, inner: str) -> str:
        return f'<div class="item"><div class="item_time"><span>{clock}</span></div><div class="item_content">{inner}</div></div>'

    only = "".join(
        post(c, f'<div class="item_headline">{t}</div>')
        for c, t in (("14:05", "Schluss! Bayern gewinnt 3:1"), ("13:40", "Tor für Mainz durch Onisiwo"))
    )
    teaser = "".join(
        post(c, f'<div class="teaser"><span class="teaser-title">Lesen Sie auch: {t}</span></div><p>{b}</p>')
        for c, t, b in (
            ("14:05", "Die Noten", "Der FC Bayern gewinnt verdient mit 3:1."),
            ("13:40", "Tabelle", "Onisiwo köpft nach einer Ecke zum 1:3 ein."),
        )
    )
    link = "".join(
        post(c, f'<p><a class="link-title" href="/bl">Bundesliga</a>: {b}</p>')
        for c, b in (
            ("14:05", "Der FC Bayern gewinnt verdient mit 3:1."),
            ("13:40", "Onisiwo köpft nach einer Ecke zum 1:3 ein."),
        )
    )
    for page, expect in (
        (only, "Schluss! Bayern gewinnt 3:1"),
        (teaser, "Lesen Sie auch"),
        (link, "Bundesliga"),
    ):
        first = _extract(f"<html><body><section>{page}</section></body></html>").updates[0]
        assert expect in first.text, first


def test_ld_ids_that_are_other_stories_or_numbers_lose_no_posts() -> None:

    page_url = "https://www.example.com/liveblog-march-14/"
    posts = [
        ("4711003", "17:40", "Minister resigns", "The minister resigned after losing the vote."),
        ("4711002", "17:05", "Strike called off", "The union called off the strike this morning."),
        ("4711001", "16:30", "Warning issued", "Forecasters issued an amber warning for the coast."),
    ]
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "url": page_url,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": t,
                "datePublished": f"2024-03-14T{c}:00Z",
                "url": f"{page_url}#{i}",
                "articleBody": b,
            }
            for i, c, t, b in posts[1:]  # the newest is not listed yet
        ],
    }
    cards = "".join(
        f'<article class="post" id="{i}"><time>{c} GMT</time><h2>{t}</h2><p>{b}</p></article>'
        for i, c, t, b in posts
    )
    content = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body><main>{cards}</main></body></html>'
    updates = extract(
        Document(
            content=content.encode(),
            content_type="text/html",
            url=page_url,
            date=datetime(2024, 3, 14, 18, tzinfo=UTC),
        )
    ).updates
    assert [u.uid for u in updates] == ["4711003", "4711002", "4711001"]
    # LD pointing at other stories, two of which a "related" list links to: no post is lost.
    other = {
        **ld,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": t,
                "datePublished": f"2024-03-14T{c}:00Z",
                "url": f"https://www.example.com/news/story-{n}",
                "articleBody": b,
            }
            for n, (_, c, t, b) in enumerate(posts)
        ],
    }
    related = (  # (the related items show their times too)
        '<aside class="related"><ul><li><a href="/news/story-0">One</a> <span>5h ago</span></li>'
        '<li><a href="/news/story-1">Two</a> <span>4h ago</span></li></ul></aside>'
    )
    content = f'<html><head><script type="application/ld+json">{json.dumps(other)}</script></head><body><main>{cards}</main>{related}</body></html>'
    updates = extract(
        Document(
            content=content.encode(),
            content_type="text/html",
            url=page_url,
            date=datetime(2024, 3, 14, 18, tzinfo=UTC),
        )
    ).updates
    assert [u.title for u in updates] == [t for _, _, t, _ in posts]
