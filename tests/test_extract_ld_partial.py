"""JSON-LD that lists only the newest few updates of a page that shows more: the rest are read off
the page, with the ids LD will give them once it lists them (pages modelled on Times of Israel,
whose LD ids are each entry's own permalink page, and NBC News, whose cards show "38m ago")."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from builders import known_from

from livetail.extract.engine import extract
from livetail.model import Document
from livetail.reconcile import SourceState, reconcile

TOI_URL = "https://www.timesofisrael.com/liveblog-2024-03-24/"
ENTRY = "https://www.timesofisrael.com/liveblog_entry/"
_TOI_POSTS = [  # (slug, printed time, Jerusalem wall time (UTC+2), title, text)
    ("idf-says-troops-killed-20", "10:47 pm", "22:47", "IDF says troops killed 20 gunmen", "Troops operating in Khan Younis."),
    ("netanyahu-cancels-delegation", "9:30 pm", "21:30", "Netanyahu cancels delegation", "The delegation will not travel."),
    ("rocket-sirens-kiryat-shmona", "7:12 pm", "19:12", "Rocket sirens sound in Kiryat Shmona", "Sirens near the Lebanon border."),
    ("guterres-visits-rafah", "2:05 pm", "14:05", "Guterres visits Rafah crossing", "Trucks were lined up at the crossing."),
    ("hostage-talks-resume", "9:55 am", "09:55", "Hostage talks resume in Doha", "David Barnea returned to Qatar."),
]  # fmt: skip


def _toi_page(listed: int) -> bytes:
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Israel at war live: Day 170",
        "url": TOI_URL,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": title,
                "datePublished": f"2024-03-24T{wall}:00+02:00",
                "url": f"{ENTRY}{slug}/",
                "articleBody": text,
            }
            for slug, _, wall, title, text in _TOI_POSTS[:listed]
        ],
    }
    entries = "".join(
        f'<div class="liveblog-entry" id="liveblog-entry-{3021 - n}"><div class="liveblog-date">'
        f'<a href="/liveblog_entry/{slug}/">{printed}</a></div><h4 class="headline"><a href="/liveblog_entry/{slug}/">'
        f"{title}</a></h4><p>{text}</p></div>"
        + ('<div class="ad-unit"><span>Advertisement</span></div>' if n == 1 else "")
        for n, (slug, printed, _, title, text) in enumerate(_TOI_POSTS)
    )
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f'<body><main><h1>Israel at war live: Day 170</h1><div class="liveblog-entries">{entries}</div></main></body></html>'
    ).encode()


def _extract(content: bytes, url: str, reference: datetime):  # type: ignore[no-untyped-def]
    return extract(
        Document(content=content, content_type="text/html; charset=utf-8", url=url, date=reference)
    )


def test_ld_listing_the_newest_two_of_five_permalinked_entries_gives_all_five() -> None:
    result = _extract(_toi_page(2), TOI_URL, datetime(2024, 3, 24, 21, 0, tzinfo=UTC))
    assert result.strategy == "jsonld"
    assert [u.title for u in result.updates] == [title for _, _, _, title, _ in _TOI_POSTS]
    # The unlisted entries' bare "7:12 pm" is read in the offset LD writes its times in (+02:00),
    # though the .com host and the source say no zone.
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 24, 20, 47, tzinfo=UTC),
        datetime(2024, 3, 24, 19, 30, tzinfo=UTC),
        datetime(2024, 3, 24, 17, 12, tzinfo=UTC),
        datetime(2024, 3, 24, 12, 5, tzinfo=UTC),
        datetime(2024, 3, 24, 7, 55, tzinfo=UTC),
    ]
    # Each entry's id is its permalink page, listed or not: the id LD gives it once it lists it.
    assert [u.uid for u in result.updates] == [f"{ENTRY}{slug}/" for slug, *_ in _TOI_POSTS]
    three = _extract(_toi_page(3), TOI_URL, datetime(2024, 3, 24, 21, 0, tzinfo=UTC))
    assert [u.uid for u in three.updates] == [u.uid for u in result.updates]
    # A saved copy previewed from disk: its "/liveblog_entry/…" links are the site's, as LD says.
    saved = _extract(_toi_page(2), "file:///tmp/toi.html", datetime(2024, 3, 24, 21, 0, tzinfo=UTC))
    assert [u.uid for u in saved.updates] == [u.uid for u in result.updates]


_NBC_CARDS = [  # (id, shown, title)
    ("rcrd40006", "6m ago", "Trump campaign responds to ruling"),
    ("rcrd40005", "38m ago", "Judge sets hearing for next week"),
    ("rcrd40004", "1h ago", "What the filing says"),
    ("rcrd40003", "2h ago", "Willis responds"),
]


def test_ld_listing_some_cards_that_show_relative_times_gives_every_card() -> None:
    reference = datetime(2024, 3, 15, 2, 0, tzinfo=UTC)
    page = "https://www.nbcnews.com/politics/live-blog/fani-willis-ruling-live-updates-rcna143210"
    minutes = {"6m ago": 6, "38m ago": 38, "1h ago": 60, "2h ago": 120}
    ld = {
        "@context": "http://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Live updates: Fani Willis ruling",
        "url": page,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": title,
                "datePublished": (reference - timedelta(minutes=minutes[shown])).strftime(
                    "%Y-%m-%dT%H:%M:%S.000Z"
                ),
                "url": f"{page}#{card}",
                "articleBody": f"{title}: the details.",
            }
            for card, shown, title in _NBC_CARDS[:2]
        ],
    }
    cards = "".join(
        f'<article class="live-blog-card" id="{card}"><div class="meta"><time class="stamp">{shown}</time></div>'
        f'<h2>{title}</h2><div class="body"><p>{title}: the details.</p></div></article>'
        for card, shown, title in _NBC_CARDS
    )
    content = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f'<body><main><div class="live-blog-container">{cards}</div></main></body></html>'
    ).encode()
    result = _extract(content, page, reference)
    assert [u.title for u in result.updates] == [title for _, _, title in _NBC_CARDS]
    assert [u.uid for u in result.updates] == [card for card, _, _ in _NBC_CARDS]
    assert result.updates[3].published == datetime(2024, 3, 15, 0, 0, tzinfo=UTC)  # "2h ago"


def test_ld_updates_without_ids_repeating_the_blogs_headline_take_their_elements_titles() -> None:
    # Hindustan Times: every LD update has the blog's headline and no url; the page's cards show
    # the real titles and the times LD gives.
    headline = "Lok Sabha Election Results 2024 Live Updates"
    posts = [
        (
            "lb-3",
            "22:32",
            "10:32 PM",
            "PM Modi addresses BJP workers",
            "Modi thanked voters for a third term.",
        ),
        (
            "lb-2",
            "21:10",
            "09:10 PM",
            "INDIA bloc to meet tomorrow",
            "Kharge said the bloc would meet on Wednesday.",
        ),
        ("lb-1", "18:45", "06:45 PM", "EC declares 400 results", "Results for 400 of 543 seats by evening."),
    ]
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": headline,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": headline,
                "datePublished": f"2024-06-04T{wall}:00+05:30",
                "articleBody": text,
            }
            for _, wall, _, _, text in posts
        ],
    }
    cards = "".join(
        f'<div class="liveSec" id="{card}"><div class="liveTime">Jun 04, 2024 {printed} IST</div>'
        f'<h2 class="liveTitle">{title}</h2><div class="liveContent"><p>{text}</p></div></div>'
        for card, _, printed, title, text in posts
    )
    content = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f'<body><h1>{headline}</h1><div class="liveBlogContainer">{cards}</div></body></html>'
    ).encode()
    result = _extract(
        content,
        "https://www.hindustantimes.com/india-news/results-live",
        datetime(2024, 6, 4, 18, 0, tzinfo=UTC),
    )
    assert result.strategy == "jsonld"
    assert [(u.title, u.text) for u in result.updates] == [(title, text) for _, _, _, title, text in posts]
    assert [u.published for u in result.updates] == [
        datetime(2024, 6, 4, 17, 2, tzinfo=UTC),
        datetime(2024, 6, 4, 15, 40, tzinfo=UTC),
        datetime(2024, 6, 4, 13, 15, tzinfo=UTC),
    ]


ELPAIS_URL = "https://elpais.com/espana/2024-11-04/dana-en-directo.html"
_ELPAIS_POSTS = [  # (element id, Madrid wall time, title, text)
    ("p1902", "19:02", "Sánchez anuncia ayudas", "El presidente ha anunciado 10.600 millones de euros adicionales."),
    ("p1518", "15:18", "Reabre la V-31", "La autovía del sur vuelve a estar abierta al tráfico en ambos sentidos."),
    ("p1240", "12:40", "Suspendidas las clases", "La Generalitat suspende la actividad lectiva en l'Horta Sud."),
]  # fmt: skip


def _elpais_page(update_url: str | None, pinned_copy: bool = False, count: int = 3) -> bytes:
    """LD that gives each update its headline and time but no body, and at most a URL that is
    not the update's own (the page's, with a tracking parameter); the page shows the posts."""
    items = [
        {"@type": "BlogPosting", "headline": title, "datePublished": f"2024-11-04T{wall}:00+01:00"}
        | ({"url": update_url.format(pid=pid)} if update_url else {})
        for pid, wall, title, _ in _ELPAIS_POSTS[:count]
    ]
    if pinned_copy:  # the newest post again on top, under the same URL: one post
        items.insert(0, items[0])
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "DANA, en directo",
        "liveBlogUpdate": items,
    }
    posts = "".join(
        f'<article class="c-live" id="{pid}"><time datetime="2024-11-04T{wall}:00+01:00">{wall}</time>'
        f"<h2>{title}</h2><p>{text}</p></article>"
        for pid, wall, title, text in _ELPAIS_POSTS[:count]
    )
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f'<body><h1>DANA, en directo</h1><div class="live">{posts}</div></body></html>'
    ).encode()


def test_ld_updates_sharing_a_url_that_is_not_theirs_are_told_apart_and_read_off_the_page() -> None:
    # Before: two or three updates sharing "…?utm=x" folded into one, with LD's empty body.
    for update_url in (f"{ELPAIS_URL}?utm_source=x", "https://elpais.com/espana/", None):
        result = _extract(_elpais_page(update_url), ELPAIS_URL, datetime(2024, 11, 4, 19, 30, tzinfo=UTC))
        assert result.strategy == "jsonld", update_url
        assert [u.title for u in result.updates] == [title for _, _, title, _ in _ELPAIS_POSTS], update_url
        assert [u.published for u in result.updates] == [
            datetime(2024, 11, 4, 18, 2, tzinfo=UTC),
            datetime(2024, 11, 4, 14, 18, tzinfo=UTC),
            datetime(2024, 11, 4, 11, 40, tzinfo=UTC),
        ]
        assert [u.text for u in result.updates] == [text for _, _, _, text in _ELPAIS_POSTS], update_url
        assert len({u.uid for u in result.updates}) == 3
    # Two sharing one (a post and its pinned copy may): told apart all the same when they differ.
    two = _extract(
        _elpais_page(f"{ELPAIS_URL}?utm_source=x", count=2),
        ELPAIS_URL,
        datetime(2024, 11, 4, 19, 30, tzinfo=UTC),
    )
    assert [(u.title, u.text) for u in two.updates] == [
        (title, text) for _, _, title, text in _ELPAIS_POSTS[:2]
    ]


def test_ld_ids_the_page_does_not_carry_find_their_elements_by_the_time_they_show() -> None:
    # Each item's own URL, with a fragment no element carries as its id.
    page = _elpais_page(f"{ELPAIS_URL}#?rel=lom&id={{pid}}")
    result = _extract(page, ELPAIS_URL, datetime(2024, 11, 4, 19, 30, tzinfo=UTC))
    assert [u.uid for u in result.updates] == [f"?rel=lom&id={pid}" for pid, _, _, _ in _ELPAIS_POSTS]
    assert [u.text for u in result.updates] == [text for _, _, _, text in _ELPAIS_POSTS]


def test_two_ld_items_sharing_a_url_with_the_same_headline_are_one_post_and_its_pinned_copy() -> None:
    result = _extract(
        _elpais_page(f"{ELPAIS_URL}#p1902", pinned_copy=True),
        ELPAIS_URL,
        datetime(2024, 11, 4, 19, 30, tzinfo=UTC),
    )
    assert [u.title for u in result.updates].count("Sánchez anuncia ayudas") == 1


def test_ld_in_utc_beside_a_page_printing_local_time_takes_no_other_posts_body() -> None:
    # LD's ids are on no element; its UTC times line up with other posts' local (UTC+1) clocks.
    titles = {"18:30": "Storm reaches coast", "18:00": "Ferries cancelled", "17:30": "Warning issued",
              "17:00": "Rain arrives", "16:30": "Forecast updated"}  # fmt: skip
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "liveBlogUpdate": [
            {"@type": "BlogPosting", "url": f"https://e.test/live#?rel=x&id=a{n}", "headline": titles[local],
             "datePublished": f"2024-05-01T{utc}:00Z", "articleBody": f"LD's own body for {titles[local]}."}
            for n, (utc, local) in enumerate((("17:30", "18:30"), ("17:00", "18:00"), ("16:30", "17:30")))
        ],
    }  # fmt: skip
    posts = "".join(
        f'<div class="post"><span class="t">{clock}</span><h2>{title}</h2><p>The page says: {title}, at length.</p></div>'
        for clock, title in titles.items()
    )
    page = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>{posts}</body></html>'
    result = _extract(page.encode(), "https://e.test/live", datetime(2024, 5, 1, 18, 0, tzinfo=UTC))
    by_title = {u.title: u.text for u in result.updates}
    for title in ("Storm reaches coast", "Ferries cancelled", "Warning issued"):
        assert title in by_title[title], (title, by_title[title])


def test_bodiless_ld_finds_its_elements_by_the_instants_their_time_elements_give() -> None:
    # Bloomberg: LD in UTC without ids or bodies; the page prints New York time on <time datetime>.
    posts = [("18:35", "2:35 PM", "Powell says cuts still likely", "Powell said officials still see lower borrowing costs."),
             ("18:01", "2:01 PM", "Fed holds rates steady", "The Fed held rates for a fifth straight meeting."),
             ("15:42", "11:42 AM", "Treasuries steady", "Bonds were little changed as traders awaited the dot plot.")]  # fmt: skip
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "liveBlogUpdate": [
            {"@type": "BlogPosting", "headline": title, "datePublished": f"2024-03-20T{utc}:00.000Z"}
            for utc, _, title, _ in posts
        ],
    }
    articles = "".join(
        f'<article class="live-blog-post" id="S{n}"><time datetime="2024-03-20T{utc}:00.000Z">{shown} EDT</time>'
        f"<h3>{title}</h3><p>{text}</p></article>"
        for n, (utc, shown, title, text) in enumerate(posts)
    )
    page = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>{articles}</body></html>'
    result = _extract(
        page.encode(), "https://www.bloomberg.example/live", datetime(2024, 3, 20, 19, tzinfo=UTC)
    )
    assert [u.text for u in result.updates] == [text for _, _, _, text in posts]
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 20, 18, 35, tzinfo=UTC),
        datetime(2024, 3, 20, 18, 1, tzinfo=UTC),
        datetime(2024, 3, 20, 15, 42, tzinfo=UTC),
    ]


def test_a_last_updated_date_in_the_header_makes_no_time_match_ambiguous() -> None:
    posts = [("11:05", "Storm reaches coast"), ("10:30", "Ferries cancelled"), ("09:55", "Warning issued")]
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "liveBlogUpdate": [
            {"@type": "BlogPosting", "headline": title, "datePublished": f"2024-06-10T{clock}:00Z"}
            for clock, title in posts
        ],
    }
    items = "".join(
        f'<div class="post"><span class="t">{clock}</span><h2>{title}</h2><p>The page says: {title}.</p></div>'
        for clock, title in posts
    )
    header = '<p class="meta">Last updated <time datetime="2024-06-10T11:05:00Z">June 10, 2024</time></p>'
    page = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>{header}{items}</body></html>'
    result = _extract(page.encode(), "https://e.test/live", datetime(2024, 6, 10, 12, tzinfo=UTC))
    assert [u.text for u in result.updates] == [f"The page says: {title}." for _, title in posts]


# Clarín: LD without ids, rendered before the newest post went up; the posts carry ids of their
# own ("entry-4712") or none at all.
_CLARIN_POSTS = [  # (LD time, printed, title, text)
    ("2024-03-14T10:47:00-03:00", "10:47", "Milei anuncia nuevas medidas", "El presidente habló en cadena nacional."),
    ("2024-03-14T10:20:00-03:00", "10:20", "Sube el dólar blue", "La divisa paralela cerró en alza."),
    ("2024-03-14T09:55:00-03:00", "09:55", "Paro de transporte", "Los colectivos no circulan desde temprano."),
]  # fmt: skip
_CLARIN_URL = "https://www.clarin.com/politica/vivo-milei_0_abc.html"


def _clarin_page(listed: int, ids: bool) -> bytes:
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "En vivo: Milei",
        "liveBlogUpdate": [
            {"@type": "BlogPosting", "headline": title, "datePublished": when, "articleBody": text}
            for when, _, title, text in _CLARIN_POSTS[len(_CLARIN_POSTS) - listed :]
        ],
    }
    posts = "".join(
        f'<article class="live-post"{f" id=entry-{4712 - n}" if ids else ""}><time datetime="{when}">{printed}</time>'
        f"<h2>{title}</h2><p>{text}</p></article>"
        + ('<div class="ad-slot"><span>Publicidad</span></div>' if n == 0 else "")
        for n, (when, printed, title, text) in enumerate(_CLARIN_POSTS)
    )
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f'<body><main><div class="live-feed">{posts}</div></main></body></html>'
    ).encode()


@pytest.mark.parametrize("ids", [True, False])
def test_ld_without_ids_lagging_the_page_loses_no_post_and_its_catching_up_announces_nothing(
    ids: bool,
) -> None:
    reference = datetime(2024, 3, 14, 14, tzinfo=UTC)
    early = _extract(_clarin_page(listed=2, ids=ids), _CLARIN_URL, reference)
    assert early.strategy == "jsonld"
    assert [u.title for u in early.updates] == [title for _, _, title, _ in _CLARIN_POSTS]
    assert [u.published for u in early.updates] == [
        datetime(2024, 3, 14, 13, 47, tzinfo=UTC),
        datetime(2024, 3, 14, 13, 20, tzinfo=UTC),
        datetime(2024, 3, 14, 12, 55, tzinfo=UTC),
    ]
    assert "Publicidad" not in early.updates[0].text
    assert all("#None" not in u.url for u in early.updates)
    later = _extract(_clarin_page(listed=3, ids=ids), _CLARIN_URL, reference + timedelta(minutes=5))
    assert [u.fingerprint for u in later.updates] == [u.fingerprint for u in early.updates]
    known = known_from(early.updates, reference)
    stored = SourceState(name="clarin", polled_before=True, strategy="jsonld", known=known)
    result = reconcile(stored, list(later.updates), strategy="jsonld", now=reference + timedelta(minutes=5))
    assert result.events == ()
    assert result.deleted_uids == ()
