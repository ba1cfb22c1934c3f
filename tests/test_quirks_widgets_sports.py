"""Pages modelled on live pages of kinds the earlier probes did not cover (an eighth probe,
December 2026: hashed CSS-in-JS classes, sports live text, third-party live-blog widgets): each
test names what the page does that tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from builders import extract_page

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


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
    updates = extract_page(page, datetime(2026, 9, 8, 8, 0, tzinfo=UTC), "Asia/Hong_Kong")
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
    updates = extract_page(page, datetime(2026, 7, 5, 16, 40, tzinfo=UTC), "Europe/London")
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
    updates = extract_page(page, datetime(2026, 5, 6, 14, 5, tzinfo=UTC), "America/Sao_Paulo")
    assert [u.text for u in updates] == texts
    assert [u.pinned for u in updates] == [True, False, False]


_LAP_LINES = [
    ("15:41", "Norris wins!", ["Norris takes the chequered flag.", "Piastri closes but it is too late."]),
    (
        "15:20",
        "Verstappen pits",
        ["Red Bull bring Verstappen in for hards.", "Leclerc sets the fastest lap."],
    ),
    ("14:40", "Russell on the move", ["Russell passes Leclerc for P4.", "Alonso is told to push now."]),
]


def test_laps_leading_the_lines_of_a_clock_stamped_post_are_its_text() -> None:
    # Guardian-style F1 coverage: each post has its clock, and its paragraphs lead with the lap
    # ("<p><strong>Lap 52/52:</strong> …</p>"); those laps are the post's words, not posts.
    posts = "".join(
        f'<article class="block" id="b{n}"><header><time class="block-time">{clock} BST</time></header>'
        f'<div class="block-body"><h2>{headline}</h2>'
        + "".join(f"<p><strong>Lap {52 - 10 * n - k}/52:</strong> {line}</p>" for k, line in enumerate(lines))
        + "</div></article>"
        for n, (clock, headline, lines) in enumerate(_LAP_LINES)
    )
    page = (
        f'<html lang="en-GB"><body><h1>British GP live</h1><div class="liveblog">{posts}</div></body></html>'
    )
    updates = extract_page(page, datetime(2026, 7, 5, 16, 0, tzinfo=UTC), "Europe/London")
    assert [u.title for u in updates] == [headline for _, headline, _ in _LAP_LINES]
    london = ZoneInfo("Europe/London")
    assert [u.published for u in updates] == [
        datetime(2026, 7, 5, int(clock[:2]), int(clock[3:]), tzinfo=london) for clock, _, _ in _LAP_LINES
    ]
    assert [u.text.count("Lap ") for u in updates] == [2, 2, 2]


def test_lap_lines_between_clock_lines_of_an_inline_ticker_stay_in_their_post() -> None:
    lines = []
    for n, (clock, headline, texts) in enumerate(_LAP_LINES):
        lines.append(f"<p><strong>{clock}</strong> {headline}.</p>")
        lines += [f"<p><strong>Lap {52 - 10 * n - k}:</strong> {text}</p>" for k, text in enumerate(texts)]
    page = f'<html lang="en-GB"><body><h1>British GP live</h1><div class="ticker">{"".join(lines)}</div></body></html>'
    updates = extract_page(page, datetime(2026, 7, 5, 16, 0, tzinfo=UTC), "Europe/London")
    assert [u.title for u in updates] == [f"{headline}." for _, headline, _ in _LAP_LINES]
    assert all(u.published is not None for u in updates)
    assert [u.text.count("Lap ") for u in updates] == [2, 2, 2]


# --- guards from a review of the rules above: what they must leave alone ---

_RECAP = '<html lang="en"><head><title>Markets live</title></head><body>\n<div itemscope itemtype="https://schema.org/LiveBlogPosting"><h1 itemprop="headline">Markets live: Fed decision day</h1>\n<div class="feed">\n<article itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" id="u5">\n<time itemprop="datePublished" datetime="2026-03-18T19:05:00Z">19:05</time><h2 itemprop="headline">Recap: what happened today</h2>\n<div itemprop="articleBody"><p>Here are the key moments of a busy session:</p>\n<div class="embedded-update" itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting"><time itemprop="datePublished" datetime="2026-03-18T18:00:00Z">18:00</time><p itemprop="articleBody">The Fed holds rates at 4.25%-4.5%, as expected.</p></div>\n<div class="embedded-update" itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting"><time itemprop="datePublished" datetime="2026-03-18T18:30:00Z">18:30</time><p itemprop="articleBody">Powell says the committee sees two cuts this year.</p></div>\n<p>Stocks closed at a record high, with the Nasdaq up 1.4%.</p></div>\n</article>\n<article itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" id="u2">\n<time itemprop="datePublished" datetime="2026-03-18T18:30:00Z">18:30</time><h2 itemprop="headline">Powell: two cuts this year</h2>\n<div itemprop="articleBody"><p>Powell says the committee sees two cuts this year.</p></div></article>\n<article itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" id="u1">\n<time itemprop="datePublished" datetime="2026-03-18T18:00:00Z">18:00</time><h2 itemprop="headline">Fed holds rates</h2>\n<div itemprop="articleBody"><p>The Fed holds rates at 4.25%-4.5%, as expected.</p></div></article>\n</div></div></body></html>\n'


def test_updates_a_recap_embeds_among_its_words_stay_in_it() -> None:
    # Only an update an unclosed wrapper nested at the very end of another is read apart from it.
    updates = extract_page(_RECAP, datetime(2026, 3, 18, 20, 0, tzinfo=UTC))
    recap = updates[0]
    assert recap.title == "Recap: what happened today"
    assert "The Fed holds rates at 4.25%-4.5%, as expected." in recap.text
    assert "Powell says the committee sees two cuts this year." in recap.text
    assert recap.text.endswith("Stocks closed at a record high, with the Nasdaq up 1.4%.")


_QUOTE_CARD = '<html lang="en-GB"><head><title>Politics live</title></head><body>\n<h1>UK politics live: Starmer faces MPs at PMQs</h1>\n<div class="css-1w8yg9x" data-testid="LiveFeed">\n<div class="css-bz7k5d" data-testid="LivePost" id="p3">\n<time class="css-ey9y3c">12:41</time><h3 class="css-1vm1q8l">Starmer defends winter fuel cut</h3>\n<div class="css-1gnv2s8" data-testid="LivePostBody"><p>The prime minister told MPs the decision had been difficult but necessary.</p>\n<div class="css-q1x2" data-testid="QuoteCard"><p class="css-a1">"We had to fix the foundations of the economy."</p><span class="css-a2" data-testid="QuoteAuthor">Keir Starmer</span></div>\n<p>Labour backbenchers remain uneasy about the policy.</p></div></div>\n<div class="css-bz7k5d" data-testid="LivePost" id="p2">\n<time class="css-ey9y3c">12:20</time><h3 class="css-1vm1q8l">Badenoch attacks on economy</h3>\n<div class="css-1gnv2s8" data-testid="LivePostBody"><p>The Conservative leader opened by asking about growth figures published this morning.</p></div></div>\n<div class="css-bz7k5d" data-testid="LivePost" id="p1">\n<time class="css-ey9y3c">11:55</time><h3 class="css-1vm1q8l">PMQs coming up</h3>\n<div class="css-1gnv2s8" data-testid="LivePostBody"><p>Prime minister\'s questions starts at noon. Stay with us for the exchanges.</p></div></div>\n</div></body></html>\n'


def test_a_quote_cards_author_hook_names_no_byline() -> None:
    # data-testid="QuoteAuthor" is a quote's attribution, as class="quote-author" is.
    updates = extract_page(_QUOTE_CARD, datetime(2026, 7, 5, 13, 0, tzinfo=UTC), "Europe/London")
    assert [u.authors for u in updates] == [(), (), ()]
    assert "Keir Starmer" in updates[0].text


_TEASERS = '<html lang="en-GB"><head><title>Storm live</title></head><body>\n<h1>Storm Darragh: live updates as red warning comes into force</h1>\n<div class="article-body">\n<p><strong>14:05</strong> The Met Office has extended the red warning for wind to cover the whole of the south Wales coast until 11:00 on Saturday.</p>\n<p>Gusts of up to 90mph are possible in exposed coastal areas, forecasters said.</p>\n<p><strong>13:40</strong> More than 20,000 homes are without power in Cornwall and Devon, National Grid says.</p>\n<p>Engineers are working to restore supplies but warned some customers could be without power overnight.</p>\n<div class="related-stories"><h2>More on this story</h2>\n<article class="teaser"><h3><a href="/a">Trains cancelled across Wales as storm hits</a></h3><time>12:30</time></article>\n<article class="teaser"><h3><a href="/b">What does a red weather warning mean?</a></h3><time>11:15</time></article>\n<article class="teaser"><h3><a href="/c">In pictures: waves batter the coast</a></h3><time>10:02</time></article>\n</div>\n</div></body></html>\n'


def test_a_box_of_timed_teasers_among_an_inline_feeds_lines_leaves_the_feed_alone() -> None:
    updates = extract_page(_TEASERS, datetime(2026, 7, 5, 15, 0, tzinfo=UTC), "Europe/London")
    assert [u.title[:24] for u in updates] == ["The Met Office has exten", "More than 20,000 homes a"]
    assert "Gusts of up to 90mph" in updates[0].text
