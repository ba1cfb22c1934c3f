"""Pages modelled on live pages of kinds the earlier probes did not cover (an eighth probe,
December 2026: hashed CSS-in-JS classes, sports live text, third-party live-blog widgets): each
test names what the page does that tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from livetail.extract.engine import extract
from livetail.model import Document, Update

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def _extract(page: str, reference: datetime, timezone: str | None = None) -> list[Update]:
    document = Document(
        content=page.encode(),
        content_type="text/html; charset=utf-8",
        url="https://news.example/live",
        date=reference,
    )
    return extract(document, timezone=timezone).updates


_SCMP_POSTS = [
    ("3:10pm", "Kahon Leung", "Observatory to issue No 8 signal at 4.20pm",
     "The Observatory says it will raise the No 8 signal at 4.20pm as the typhoon edges closer."),
    ("2:32pm", "Jess Ng", "Schools and kindergartens to close early",
     "The Education Bureau has told all schools to release pupils by 3pm."),
    ("1:45pm", "Kahon Leung", "", "Ferry services between Hong Kong and Macau will be suspended from 3pm."),
    ("12:05pm", "Jess Ng", "Shoppers stock up at supermarkets",
     "Long queues formed at supermarkets as residents bought bread, eggs and instant noodles."),
]  # fmt: skip


def _scmp_post(time: str, author: str, headline: str, text: str) -> str:
    heading = (
        f'<h3 class="css-1vm1q8l" data-qa="LiveArticle-PostHeadline">{headline}</h3>' if headline else ""
    )
    return (
        '<div class="css-bz7k5d e1lf1sm70" data-qa="LiveArticle-Post">'
        '<div class="css-3b4vy2" data-qa="LiveArticle-PostHeader">'
        f'<span data-qa="LiveArticle-PostTime" class="css-ey9y3c">{time}</span>'
        '<div data-qa="LiveArticle-PostAuthor" class="css-y8qsrx"><img src="/a.jpg" alt="">'
        f"<span>{author}</span></div></div>{heading}"
        f'<div class="css-1gnv2s8" data-qa="LiveArticle-PostBody"><p>{text}</p></div>'
        '<div class="css-wyxc7b" data-qa="LiveArticle-PostShare"><button aria-label="Share">Share</button></div>'
        "</div>"
    )


def test_a_dated_page_header_above_a_feed_of_hashed_classes_is_no_post() -> None:
    # SCMP: "Published: 9:30am, 8 Sep 2026" and "Updated: 3:10pm, 8 Sep 2026" are the article's
    # siblings above the feed; read as two inline posts, the second ran on over the whole feed.
    # The posts' classes are hashed ("css-bz7k5d"); only data-qa names the author's box.
    posts = "".join(_scmp_post(*post) for post in _SCMP_POSTS)
    page = (
        '<html><body><main><article data-qa="LiveArticle"><h1>Typhoon Koinu live</h1>'
        '<div data-qa="ContentAuthors">Kahon Leung and Jess Ng</div>'
        '<div data-qa="ArticleDate-Published">Published: 9:30am, 8 Sep 2026</div>'
        '<div data-qa="ArticleDate-Updated">Updated: 3:10pm, 8 Sep 2026</div>'
        '<div data-qa="SocialShare"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>'
        f'<div data-qa="LiveArticle-Posts" class="css-1w8yg9x">{posts}</div>'
        "</article></main></body></html>"
    )
    updates = _extract(page, datetime(2026, 9, 8, 8, 0, tzinfo=UTC), "Asia/Hong_Kong")
    assert [u.title for u in updates] == [headline or text for _, _, headline, text in _SCMP_POSTS]
    assert [u.text for u in updates] == [text for *_, text in _SCMP_POSTS]
    assert [u.authors for u in updates] == [(author,) for _, author, _, _ in _SCMP_POSTS]
    assert [u.published for u in updates] == [
        datetime(2026, 9, 8, h, m, tzinfo=HONG_KONG) for h, m in [(15, 10), (14, 32), (13, 45), (12, 5)]
    ]


_RACE = [
    (
        "Lap 52/52",
        "Norris wins the British Grand Prix!",
        "Norris takes the chequered flag, 2.4s ahead of Piastri.",
    ),
    ("Lap 38/52", "Verstappen pits from the lead", "Red Bull bring Verstappen in for hards: a 2.3s stop."),
    ("Lap 23/52", "Russell passes Leclerc for P4", "A brave move around the outside at Copse."),
    ("Lap 1/52", "Lights out and away we go!", "Verstappen gets the better launch from second."),
    ("14:58", "Formation lap under way", "The cars head off on the formation lap."),
    ("14:45", "Drivers on the grid", "Track temperature is 38C and there is no rain forecast."),
]


def _race_post(stamp: str, headline: str, text: str) -> str:
    kind = "lap" if stamp.startswith("Lap") else "time"
    return (
        f'<div class="ms-live-post"><div class="ms-live-post__meta"><span class="ms-live-post__{kind}">'
        f'{stamp}</span></div><h3 class="ms-live-post__title">{headline}</h3>'
        f'<div class="ms-live-post__body"><p>{text}</p></div><div class="ms-live-post__share"><a href="#">Share</a></div>'
        "</div>"
    )


def test_a_race_lap_stamps_an_entry_as_a_match_minute_does() -> None:
    # Autosport: most entries of a race's live text print only their lap; the pre-race ones a
    # time of day. Read as untimed, the lap entries were two thirds of the posts and were lost.
    posts = "".join(_race_post(*post) for post in _RACE)
    page = f'<html lang="en-GB"><body><h1>British GP live</h1><div class="ms-live-feed">{posts}</div></body></html>'
    updates = _extract(page, datetime(2026, 7, 5, 16, 40, tzinfo=UTC), "Europe/London")
    assert [u.title for u in updates] == [headline for _, headline, _ in _RACE]
    assert [u.text for u in updates] == [text for *_, text in _RACE]
    london = ZoneInfo("Europe/London")
    assert [u.published for u in updates] == [None] * 4 + [
        datetime(2026, 7, 5, 14, 58, tzinfo=london),
        datetime(2026, 7, 5, 14, 45, tzinfo=london),
    ]
    assert len({u.uid for u in updates}) == len(_RACE)


def test_a_pin_label_beside_an_empty_icon_box_is_no_part_of_the_text() -> None:
    # Arena's live blog: '<div class="arena-post__pin"><span class="arena-icon-pin"></span>Fixado</div>'
    # (the icon is a styled empty span, not an <svg> or <i>).
    texts = [
        "A Defesa Civil mantém o alerta vermelho para Porto Alegre e a região metropolitana.",
        "O nível do Guaíba chegou a 4,2 metros às 10h, segundo a prefeitura.",
        "As aulas na rede estadual seguem suspensas até sexta-feira.",
    ]
    posts = [
        f'<div class="arena-post{" arena-post--pinned" if n == 0 else ""}" id="arena-post-{n}">'
        + ('<div class="arena-post__pin"><span class="arena-icon-pin"></span>Fixado</div>' if n == 0 else "")
        + f'<div class="arena-post__header"><time class="arena-post__time">{when}</time></div>'
        f'<div class="arena-post__body"><p>{text}</p></div></div>'
        for n, (when, text) in enumerate(zip(["08:30", "10:58", "10:00"], texts, strict=True))
    ]
    page = f'<html lang="pt-BR"><body><h1>Ao vivo</h1><div class="arena-feed">{"".join(posts)}</div></body></html>'
    updates = _extract(page, datetime(2026, 5, 6, 14, 5, tzinfo=UTC), "America/Sao_Paulo")
    assert [u.text for u in updates] == texts
    assert [u.pinned for u in updates] == [True, False, False]
