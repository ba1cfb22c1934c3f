"""Site profiles and configured selectors: which profile a page gets, and what selectors read."""

from __future__ import annotations

import copy
import html
import re
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetail.config import SelectorsConfig
from livetail.errors import ExtractError
from livetail.extract.build import clean_line
from livetail.extract.core import Context
from livetail.extract.engine import extract
from livetail.extract.page import Page
from livetail.extract.profiles import known, pick
from livetail.extract.profiles.css import Element, anywhere, matches_any, select, select_page
from livetail.extract.profiles.cutting import _copy_cut, cut_html, outer_html, removal
from livetail.extract.profiles.pageselect import _ABSENT, PageSelect
from livetail.extract.profiles.selecting import split_attr, split_authors, text_of
from livetail.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
PROFILES = FIXTURES / "profiles"
HTML = "text/html; charset=utf-8"


def _page(url: str, body: str = "<html><body><p>nothing here</p></body></html>", ctype: str = HTML) -> Page:
    return Page.from_document(Document(content=body.encode(), content_type=ctype, url=url))


def _context(profile: str | None = None) -> Context:
    return Context(reference=None, timezone=UTC, profile=profile)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.theguardian.com/world/live/2024/mar/01/x", "guardian"),
        ("https://theguardian.com/world/live/2024/mar/01/x", "guardian"),
        (
            "https://api.nextgen.guardianapps.co.uk/world/live/2024/mar/01/x.json?lastUpdate=block-1",
            "guardian",
        ),
        ("https://www.aljazeera.com/news/liveblog/2024/3/1/x", "aljazeera"),
        ("https://edition.cnn.com/world/live-news/x/index.html", "cnn"),
        ("https://www.cnn.com/world/live-news/x/index.html", "cnn"),
        ("https://www.bbc.co.uk/news/live/c0000", "bbc"),
        ("https://www.bbc.com/news/live/c0000", "bbc"),
        ("https://apnews.com/live/x", "apnews"),
        ("https://www.nytimes.com/live/2024/03/01/world/x", "nyt"),
        ("https://WWW.NYTIMES.COM./live/x", "nyt"),
    ],
)
def test_profile_is_picked_by_host(url: str, name: str) -> None:
    profile = pick(_page(url), _context())
    assert profile is not None and profile.name == name


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/live",
        "https://notcnn.com/live",
        "https://cnn.com.evil.example/live",
        "file:///tmp/x.html",
    ],
)
def test_no_profile_for_other_hosts(url: str) -> None:
    assert pick(_page(url), _context()) is None


def test_wordpress_plugin_markup_is_detected_on_any_host() -> None:
    body = '<div id="liveblog-entries"><div id="liveblog-entry-1" class="liveblog-entry" data-timestamp="1709287200"></div></div>'
    profile = pick(_page("https://blog.example.org/live/", body), _context())
    assert profile is not None and profile.name == "wordpress"


def test_forced_profile_wins_over_host() -> None:
    profile = pick(_page("https://www.cnn.com/live"), _context(profile="Guardian"))
    assert profile is not None and profile.name == "guardian"


def test_forced_profile_reads_a_page_on_a_foreign_url() -> None:
    page = (REAL / "cnn-classes-2020-02-19.html").read_bytes()
    document = Document(
        content=page,
        content_type=HTML,
        url="https://mirror.example.net/cnn.html",
        date=datetime(2020, 2, 19, 11, 41, tzinfo=UTC),
    )
    result = extract(document, profile="cnn")
    assert result.strategy == "profile"
    assert len(result.updates) == 9
    assert result.updates[0].url == "https://mirror.example.net/cnn.html#h_d31d487507966468e92e90f162d2758b"


def test_unknown_profile_is_an_error_listing_the_known_ones() -> None:
    document = Document(
        content=b"<html><body><p>x</p></body></html>", content_type=HTML, url="https://example.com/"
    )
    with pytest.raises(ExtractError) as caught:
        extract(document, profile="no-such-site")
    message = str(caught.value)
    assert "no-such-site" in message
    for name in known():
        assert name in message
    assert {"guardian", "aljazeera", "cnn", "bbc", "apnews", "nyt", "wordpress"} <= set(known())


def test_guardian_page_model_key_events_and_pinned_post() -> None:
    spec_url = (
        "https://www.theguardian.com/politics/live/2023/dec/13/"
        "james-cleverly-rwanda-bill-immigration-asylum-rishi-sunak-keir-starmer-pmqs-politics-live-latest"
    )
    document = Document(
        content=(REAL / "guardian-dcr-liveblog-pmqs-2023-12-13.json").read_bytes(),
        content_type="application/json",
        url=spec_url,
    )
    result = extract(document)
    by_uid = {u.uid: u for u in result.updates}
    # keyEvent attributes from the page data (6 of the 18 key events are blocks on page 1, plus the pinned post)
    assert {u.uid for u in result.updates if u.key_event} == {
        "6579a60c8f08c4c875ceac82",
        "6579dc278f0839cf9772388c",
        "6579d6cf8f088e348c76ee0a",
        "6579cdc58f08e3b7ab1a3096",
        "6579cb018f088e348c76ed20",
        "6579c7638f0839cf977236eb",
    }
    assert [u.uid for u in result.updates if u.pinned] == ["6579a60c8f08c4c875ceac82"]
    # blockLastUpdated 1 ms before blockFirstPublished is not an edit
    assert by_uid["6579cf928f08e3b7ab1a30c3"].modified is None
    assert (
        result.title
        == "Rishi Sunak and Keir Starmer clash over homelessness and the UK economy at PMQs – as it happened"
    )


def test_guardian_dcr_html_pinned_copy_is_not_a_second_update() -> None:
    url = (
        "https://www.theguardian.com/world/live/2023/may/15/russia-ukraine-war-latest-g7-reportedly-set-to-tighten-"
        "russia-sanctions-france-to-send-kyiv-military-aid-live"
    )
    document = Document(
        content=(REAL / "guardian-jsonld-2023-05-15.html").read_bytes(), content_type=HTML, url=url
    )
    result = extract(document, profile="guardian")
    assert result.strategy == "profile"
    assert len(result.updates) == 10  # SOURCES.md: 10 blocks + 1 pinned copy of one of them
    assert [u.uid for u in result.updates if u.pinned] == ["646210cc8f0822aea831dd91"]
    first = result.updates[0]
    assert first.uid == "646219928f08e408b758af95"
    assert first.published == datetime(2023, 5, 15, 11, 50, 54, tzinfo=UTC)
    assert first.authors == ("Jennifer Rankin",)
    edited = next(u for u in result.updates if u.uid == "646218558f08e408b758af8d")
    assert edited.modified == datetime(2023, 5, 15, 11, 36, 34, tzinfo=UTC)
    titled = [u.title for u in result.updates]
    assert (
        "Stoltenberg: no point discussing how Ukraine can join Nato if it does not prevail in war first"
        in titled
    )
    assert result.updates[-1].title == "Zelenskiy discussed 'coalition of jets' with Sunak on UK visit"


def test_cnn_2020_saved_page_dates_itself_from_its_header() -> None:
    """No response Date: "Updated 6:40 a.m. ET" (11:40Z) + "1 min ago" on the newest post."""
    document = Document(
        content=(REAL / "cnn-classes-2020-02-19.html").read_bytes(),
        content_type=HTML,
        url="https://www.cnn.com/asia/live-news/coronavirus-outbreak-02-19-20-intl-hnk/index.html",
    )
    result = extract(document)
    assert result.updates[0].published == datetime(2020, 2, 19, 11, 40, tzinfo=UTC)
    assert result.updates[-1].published == datetime(2020, 2, 19, 8, 46, tzinfo=UTC)


def test_aljazeera_saved_page_dates_itself_from_the_ago_pair() -> None:
    document = Document(
        content=(PROFILES / "aljazeera" / "midnight.html").read_bytes(),
        content_type=HTML,
        url="https://www.aljazeera.com/news/liveblog/2024/3/1/election-night-live",
    )
    result = extract(document, reference=datetime(2024, 3, 1, 23, 59, 59, tzinfo=UTC))
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 1, 0, 12, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 58, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 40, tzinfo=UTC),
    ]


def test_bbc_breaking_news_is_a_key_event() -> None:
    document = Document(
        content=(PROFILES / "bbc" / "next-data.html").read_bytes(),
        content_type=HTML,
        url="https://www.bbc.co.uk/news/live/c0test0live0t",
    )
    result = extract(document)
    assert [u.key_event for u in result.updates] == [True, False, False]
    assert result.title == "Election night: live coverage"


def test_bbc_dom_titles_skip_screen_reader_text_and_contributors_are_authors() -> None:
    post = (
        '<li><article data-testid="content-post"><div class="ssrcss-1l0p1g1-HeaderWrapper">'
        '<span data-testid="timestamp"><span aria-hidden="true">17:{m} GMT 23 March</span>'
        '<span class="visually-hidden ssrcss-1f39n02-VisuallyHidden">23 March, published at 17:{m}</span></span>'
        '<h3><span role="text"><span class="visually-hidden ssrcss-1f39n02-VisuallyHidden">Post, </span>{title}</span></h3>'
        '<div class="ssrcss-1qkf1tl-ContributorContainer"><div class="ssrcss-68pt20-Text-TextContributorName">Emma Sanders</div>'
        '<div class="ssrcss-84ltp5-Text-TextContributorDescription">BBC Sport at the Emirates</div></div></div>'
        "<div><p>{text}</p></div></article></li>"
    )
    posts = post.format(
        m="12", title="GOAL - Arsenal 2-1 Chelsea", text="Saka curls it into the far corner."
    ) + post.format(m="05", title="Chelsea pressing", text="Chelsea have pushed higher since the break.")
    document = Document(
        content=f'<html><body><div data-testid="live-text-stream"><ol>{posts}</ol></div></body></html>'.encode(),
        content_type=HTML,
        url="https://www.bbc.co.uk/sport/football/live/c2x3v4w5y6zt",
        date=datetime(2024, 3, 23, 18, tzinfo=UTC),
    )
    result = extract(document)
    assert result.strategy == "profile"
    assert [(u.title, u.authors, u.text) for u in result.updates] == [
        ("GOAL - Arsenal 2-1 Chelsea", ("Emma Sanders",), "Saka curls it into the far corner."),
        ("Chelsea pressing", ("Emma Sanders",), "Chelsea have pushed higher since the break."),
    ]


CONFIGURED_PAGE = """<!doctype html><html><head><title>Town live</title></head><body><h1>Town live</h1>
<div class="feed">
 <div class="entry sticky" data-id="e3"><span class="stamp" data-ts="1709295000">12:10</span>
  <h4>Road reopened</h4><div class="txt"><p>The high street has reopened.</p></div>
  <p class="who">By Ann Poe</p><span class="badge">Pinned</span></div>
 <div class="promo">Subscribe now</div>
 <div class="entry" data-id="e2"><time class="stamp" datetime="2024-03-01T11:05:00Z">11:05</time>
  <h4>Crash on the high street</h4><div class="txt"><p>Police have closed the high street.</p></div>
  <p class="who">By Sam Reed and Kay Rho</p></div>
</div></body></html>"""


def _configured(**fields: str) -> SelectorsConfig:
    return SelectorsConfig.model_validate(fields)


def test_configured_selectors_with_attribute_time() -> None:
    selectors = _configured(
        item="div.entry",
        id=":scope@data-id",
        time=".stamp@data-ts",
        title="h4",
        body=".txt",
        author=".who",
        pinned=".badge",
    )
    document = Document(
        content=CONFIGURED_PAGE.encode(), content_type=HTML, url="https://town.example.org/live"
    )
    result = extract(document, selectors=selectors)
    assert result.strategy == "selectors"
    assert [u.uid for u in result.updates] == ["e3", "e2"]
    first, second = result.updates
    assert first.published == datetime(2024, 3, 1, 12, 10, tzinfo=UTC)  # epoch seconds in data-ts
    assert second.published is None  # data-ts is absent on the second entry and nothing else was asked for
    assert first.title == "Road reopened" and first.text == "The high street has reopened."
    assert first.authors == ("Ann Poe",) and second.authors == ("Sam Reed", "Kay Rho")
    assert first.pinned and not second.pinned
    assert first.url == "https://town.example.org/live#e3"
    assert result.title == "Town live"


def test_configured_time_without_attribute_reads_time_datetime() -> None:
    selectors = _configured(item="div.entry", id=":scope@data-id", time=".stamp", title="h4", body=".txt")
    document = Document(
        content=CONFIGURED_PAGE.encode(),
        content_type=HTML,
        url="https://town.example.org/live",
        date=datetime(2024, 3, 1, 12, 30, tzinfo=UTC),
    )
    result = extract(document, selectors=selectors)
    # "12:10" is a printed clock dated against the response Date; <time datetime> wins for the second
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 1, 12, 10, tzinfo=UTC),
        datetime(2024, 3, 1, 11, 5, tzinfo=UTC),
    ]
    assert "Subscribe now" not in " ".join(u.text for u in result.updates)


def test_configured_selectors_do_nothing_when_not_configured() -> None:
    from livetail.extract.configured import extract_configured

    page = _page("https://town.example.org/live", CONFIGURED_PAGE)
    assert extract_configured(page, _context()) is None


def test_split_attr_leaves_css_attribute_selectors_alone() -> None:
    assert split_attr("time@datetime") == ("time", "datetime")
    assert split_attr("@data-post-id") == ("", "data-post-id")
    assert split_attr('a[href*="@"]') == ('a[href*="@"]', None)
    assert split_attr('a[title="x@y"]@href') == ('a[title="x@y"]', "href")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("From CNN’s Yoko Wakatsuki and Junko Ogura in Tokyo", ["Yoko Wakatsuki", "Junko Ogura"]),
        (
            "From journalists Alexandra Lin and Akanksha Sharma in Hong Kong",
            ["Alexandra Lin", "Akanksha Sharma"],
        ),
        ("Jane Doe, John Roe & Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
    ],
)
def test_split_authors(byline: str, names: list[str]) -> None:
    assert split_authors(byline) == names


# --- fast paths equal the general ones -------------------------------------------------------------

_TAGS = ("div", "p", "header", "footer", "span", "a", "time", "h2", "svg", "aside", "script", "article")
_ATTRS = st.fixed_dictionaries(
    {},
    optional={
        "class": st.sampled_from(["x", "y", "x y", "note", "block x", "liveblog-entry"]),
        "id": st.sampled_from(["pinned", "block-1", "liveblog-entries"]),
        "title": st.sampled_from(["Last updated 12:00", "Other"]),
        "datetime": st.just("2024-03-01T12:00:00Z"),
        "href": st.sampled_from(["?page=with:block-1", "/x"]),
    },
)
_TEXT = st.sampled_from(["", "", " ", "\n", "word", "a & b", "x<y"])


def _markup(depth: int) -> st.SearchStrategy[str]:
    children = st.lists(_markup(depth - 1), max_size=3) if depth else st.just([])
    return st.builds(
        lambda tag, attrs, text, kids, tail: (
            f"<{tag}{''.join(f' {k}={html.escape(v)!r}'.replace(chr(39), chr(34)) for k, v in attrs.items())}>"
            f"{html.escape(text)}{''.join(kids)}</{tag}>{html.escape(tail)}"
        ),
        st.sampled_from(_TAGS),
        _ATTRS,
        _TEXT,
        children,
        _TEXT,
    )


_PAGES = st.lists(_markup(2), min_size=1, max_size=3).map(lambda parts: f"<div>{''.join(parts)}</div>")
_CSS = st.sampled_from(
    [
        "header",
        "footer",
        "svg",
        "script",
        "aside",
        "header time",
        "header > span",
        "header a span",
        'time[title^="Last"]',
        ".note",
        "#pinned",
        "#pinned article",
        ".x .y",
        "[datetime]",
        'a[href*="block-"]',
        "p:first-child",
        "h2 + p",
        "span.x, .liveblog-entry",
        "header h2",
        "header > span, div > span",
        "a",
        "article a[href]",
        "*",
        "#liveblog-entries .liveblog-entry, .liveblog-entry[datetime]",
    ]
)


def _reference_cut(element: Element, title: Element | None, remove: list[str]) -> str:
    """The body cut as first written: a deep copy, the title dropped, then the selectors' matches
    (one union query unless a selector is order-sensitive) dropped in document order."""
    path = []
    node = title
    while node is not None and node is not element:
        parent = node.getparent()
        path.append(parent.index(node) if parent is not None else -1)
        node = parent
    cut = copy.deepcopy(element)
    if title is not None and node is element and path:
        target = cut
        for index in reversed(path):
            target = target[index]
        target.drop_tree()
    selectors = [css for css in remove if css]
    if len(selectors) > 1 and not any(re.search(r"[:+~]", css) for css in selectors):
        selectors = [", ".join(selectors)]
    for css in selectors:
        for match in select(cut, css):
            if match is not cut and match.getparent() is not None:
                match.drop_tree()
    return outer_html(cut)


def _tree(markup: str) -> Element:
    return lxml.html.document_fromstring(f"<html><body>{markup}</body></html>")


@settings(deadline=None)
@given(_PAGES, st.lists(_CSS, max_size=5), st.integers(min_value=0, max_value=50))
def test_cut_html_equals_cutting_a_copy(markup: str, remove: list[str], pick: int) -> None:
    root = _tree(markup)
    before = lxml.html.tostring(root)
    page = PageSelect(root)
    everything = [e for e in root.iter() if isinstance(e, lxml.html.HtmlElement)]
    for element in everything:
        title = everything[pick % len(everything)] if pick % 3 else None
        expected = _reference_cut(element, title, remove)
        assert outer_html(_copy_cut(element, title, removal(tuple(remove)))) == expected
        assert cut_html(element, title, remove) == expected
        assert cut_html(element, title, remove, page) == expected
        assert lxml.html.tostring(root) == before  # the page is as it was


@settings(deadline=None)
@given(_PAGES, st.lists(_CSS, min_size=1, max_size=6))
def test_page_wide_selects_equal_select(markup: str, selectors: list[str]) -> None:
    root = _tree(markup)
    page = PageSelect(root)  # asked several selectors per element: it batches and skips some
    for css in selectors:
        assert select_page(root, css) == select(root, css)
        assert matches_any(root, css) == bool(select(root, css))
    for element in [e for e in root.iter() if isinstance(e, lxml.html.HtmlElement)]:
        for css in selectors:
            assert page(element, css) == select(element, css)


@settings(deadline=None)
@given(_PAGES, _CSS, st.sampled_from(["", "div > ", "header ", "div header > "]))
def test_anywhere_says_whether_the_page_matches(markup: str, css: str, context: str) -> None:
    root = _tree(markup)
    test = anywhere(context + css)
    if test is not None:
        assert bool(test(root)) == bool(select(root, context + css))


def test_a_selector_matching_nowhere_on_the_page_is_not_run_again() -> None:
    root = _tree(
        "".join('<article><header><time datetime="x">t</time></header><footer></footer></article>' * 12)
    )
    page = PageSelect(root)
    for article in root.iter("article"):
        assert page(article, "footer time[datetime]") == []
    assert page._empty["footer time[datetime]"] == _ABSENT  # known after the first few
    assert anywhere("h2 + p") is None and anywhere("p:first-child") is None


@settings(deadline=None)
@given(_PAGES, st.sampled_from(["", "<!-- c -->", "<?pi x?>", "<script>s()</script>", "&amp;&nbsp;\u2003x"]))
def test_text_of_is_the_text_content(markup: str, extra: str) -> None:
    root = _tree(markup.replace("</div>", extra + "</div>", 1) + extra)
    for element in [e for e in root.iter() if isinstance(e, lxml.html.HtmlElement)]:
        assert text_of(element) == clean_line(element.text_content())


@pytest.mark.parametrize(
    "markup",
    [
        '<div><p>a</p><meta http-equiv="Content-Type" content="text/html"><p>b</p></div>',
        '<div><meta charset="utf-8"><META HTTP-EQUIV="content-type" content="x"></div>',
        "<div>x &amp; <br>y</div>",
    ],
)
def test_outer_html_is_lxml_html_tostring(markup: str) -> None:
    element = lxml.html.fragment_fromstring(markup)
    assert outer_html(element) == lxml.html.tostring(element, encoding="unicode", with_tail=False)


def test_batched_selectors_are_answered_by_name() -> None:
    root = _tree(
        "".join(
            '<article><header><h2>t</h2><div><span>a</span></div><a href="#b">x</a></header></article>' * 3
        )
    )
    page = PageSelect(root)
    asked = ["header h2", "header > div > span", "header a", "h2, a"]
    for article in root.iter("article"):
        for css in asked:
            assert page(article, css) == select(article, css)
    # "h2, a" picks two names; "div a" picks one already taken: both run on their own
    asked.append("div a")
    for article in root.iter("article"):
        for css in asked:
            assert page(article, css) == select(article, css)
    assert page._batch is not None and set(page._batch) == {"header h2", "header > div > span", "header a"}


def test_a_selector_needing_an_absent_id_or_class_is_not_run() -> None:
    root = _tree('<article id="block-1" class="block"><p>x</p></article>')
    assert select_page(root, 'article[id^="block-"], #pinned-post article') == select(root, "article")
    assert not matches_any(root, "#liveblog-entries .liveblog-entry, .liveblog-entry[data-timestamp]")
    assert PageSelect(root)(root, 'time[title^="Last updated"]') == []


def test_a_configured_title_read_from_an_attribute_keeps_it() -> None:
    posts = "".join(
        f'<div class="post"><span class="t">10:0{n}</span><a class="hl" title="Real headline {n}"><span>Read</span> more</a>'
        f"<p>Body of post {n}, in a sentence.</p></div>"
        for n in (5, 4)
    )
    document = Document(
        content=f"<html><body>{posts}</body></html>".encode(),
        content_type=HTML,
        url="https://example.test/live",
        date=datetime(2024, 5, 1, 12, tzinfo=UTC),
    )
    selectors = SelectorsConfig(item="div.post", time="span.t", title="a.hl@title", body="p")
    result = extract(document, selectors=selectors)
    assert [u.title for u in result.updates] == ["Real headline 5", "Real headline 4"]
