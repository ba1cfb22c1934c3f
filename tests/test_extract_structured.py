"""Structured-data strategies (JSON-LD, microdata, AMP): what the golden format cannot express.

Expected values come from the pages' markup and SOURCES.md, not from the extractor.
"""

from __future__ import annotations

import copy
import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# structured first: bodyclean is the second half of it (imported alone it would import itself).
import livetail.extract.furniturewords as furniturewords
import livetail.extract.structured as structured
from livetail.extract import bodyclean, bodylength, microdata, readalso, structlinks
from livetail.extract.amp import extract_amp
from livetail.extract.bodyclean import clean_body
from livetail.extract.build import clean_line
from livetail.extract.core import Context, Found
from livetail.extract.engine import extract, finish_found
from livetail.extract.htmlrules import strip_xml_illegal
from livetail.extract.jsonld import extract_jsonld
from livetail.extract.microdata import extract_microdata
from livetail.extract.page import Page
from livetail.extract.stampwords import is_stamp
from livetail.model import Document, Update

REAL = Path(__file__).parent / "fixtures" / "real"
URLS = {
    "guardian-jsonld-2023-05-15.html": "https://www.theguardian.com/world/live/2023/may/15/russia-ukraine-war-latest-"
    "g7-reportedly-set-to-tighten-russia-sanctions-france-to-send-kyiv-military-aid-live",
    "independent-amp-2023-08-14.html": "https://www.independent.co.uk/sport/football/"
    "womens-world-cup-england-news-latest-australia-b2392480.html",
    "mirror-jsonld-2024-08-05.html": "https://www.mirror.co.uk/news/uk-news/uk-riots-live-hotel-rotherham-33386398",
    "express-jsonld-2024-07-18.html": "https://www.express.co.uk/news/royal/1924698/prince-harry-meghan-markle-live-grifters",
    "ndtv-microdata-2023-11-02.html": "https://sports.ndtv.com/cricket/india-vs-sri-lanka-live-cricket-score-"
    "icc-cricket-world-cup-2023-ind-vs-sl-latest-updates-4537334",
}
CONTEXT = Context(reference=None, timezone=ZoneInfo("UTC"))
BLOG = "https://news.example.test/live/blog"


def _doc(html: str | bytes, url: str = BLOG) -> Document:
    content = html.encode("utf-8") if isinstance(html, str) else html
    return Document(content=content, content_type="text/html; charset=utf-8", url=url, date=None)


def _real(name: str) -> Page:
    return Page.from_document(_doc((REAL / name).read_bytes(), URLS[name]))


def _run(strategy: object, page: Page) -> tuple[Found, list[Update]]:
    found = strategy(page, CONTEXT)  # type: ignore[operator]
    assert isinstance(found, Found)
    return found, finish_found(found, page, CONTEXT)


def _ld_page(blog: object, body: str = "", extra_scripts: str = "") -> str:
    return (
        "<!doctype html><html><head><title>t</title>"
        f'<script type="application/ld+json">{json.dumps(blog)}</script>{extra_scripts}</head>'
        f"<body>{body}</body></html>"
    )


def _item(n: int, **more: object) -> dict[str, object]:
    return {
        "@type": "BlogPosting",
        "url": f"{BLOG}#p{n}",
        "headline": f"Update number {n}",
        "datePublished": f"2024-05-01T{10 + n:02d}:00:00Z",
        "articleBody": f"Body of update {n}, which says something useful.",
        **more,
    }


def _article(n: int) -> str:
    return (
        f'<article id="p{n}"><h2>Update number {n}</h2>'
        f"<p>Body of update {n}, which says something useful, with more words on the page.</p></article>"
    )


# --- real pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(URLS))
def test_every_real_update_has_a_title_and_text(name: str) -> None:
    result = extract(_doc((REAL / name).read_bytes(), URLS[name]))
    assert result.strategy in ("jsonld", "microdata")
    for update in result.updates:
        assert update.title.strip()
        assert update.text.strip()
        assert update.published is not None and update.published.tzinfo is not None
        assert not update.uid.startswith("h-"), "every update on these pages has a publisher id"


def test_guardian_key_events_from_the_carousel() -> None:
    _, updates = _run(extract_jsonld, _real("guardian-jsonld-2023-05-15.html"))
    # #key-events-carousel links to 12 blocks; these 3 are on page 1 (they are the 3 with headlines).
    assert {u.uid for u in updates if u.key_event} == {
        "646208dd8f0822aea831dd26",
        "646210cc8f0822aea831dd91",
        "64620b708f08e408b758aedb",
    }
    assert [u.uid for u in updates if u.pinned] == ["646210cc8f0822aea831dd91"]


def test_mirror_emits_the_page_window_and_says_how_much_ld_holds() -> None:
    found, updates = _run(extract_jsonld, _real("mirror-jsonld-2024-08-05.html"))
    assert len(found.updates) == 30
    assert any("428" in note and "30" in note for note in found.notes)
    assert updates[-1].uid == "751035"
    # data-type="key-event" on 9 entries; the "Key events" box itself is no update.
    assert sum(u.key_event for u in updates) == 9
    assert "751101" in {u.uid for u in updates if u.key_event}
    # 12 entries have data-last-modified-time later than data-post-time.
    assert sum(u.modified is not None for u in updates) == 12


def test_independent_through_amp_live_list() -> None:
    _, updates = _run(extract_amp, _real("independent-amp-2023-08-14.html"))
    assert len(updates) == 10
    assert all(u.uid.startswith("post-") for u in updates)
    assert updates[0].uid == "post-1288914"
    assert updates[0].published == datetime(2023, 8, 14, 9, 1, 52, tzinfo=UTC)  # amp-timeago, not sort time
    assert updates[-1].uid == "post-1288906"
    assert updates[4].title == "Who and when do England play next? Lionesses route to the World Cup final"
    assert updates[2].title == "Women’s World Cup"  # not the card's "England set up old rivalry…"


def test_ndtv_microdata_ids_run_80_to_41() -> None:
    _, updates = _run(extract_microdata, _real("ndtv-microdata-2023-11-02.html"))
    assert [u.uid for u in updates] == [str(n) for n in range(80, 40, -1)]
    assert len({u.title for u in updates}) < len(updates)  # headlines repeat; ids do not


def test_ndtv_has_no_jsonld_blog() -> None:
    assert extract_jsonld(_real("ndtv-microdata-2023-11-02.html"), CONTEXT) is None


# --- JSON-LD shapes --------------------------------------------------------------------------------


def test_single_object_update_and_iri_types() -> None:
    blog = {
        "@context": "http://schema.org",
        "@type": "http://schema.org/LiveBlogPosting",
        "headline": "Blog",
        "liveBlogUpdate": {**_item(1), "@type": "http://schema.org/BlogPosting"},
    }
    _, updates = _run(extract_jsonld, Page.from_document(_doc(_ld_page(blog))))
    assert [(u.uid, u.title) for u in updates] == [("p1", "Update number 1")]
    assert updates[0].url == f"{BLOG}#p1"


def test_off_page_ld_archive_is_not_emitted_but_a_shell_page_gets_everything() -> None:
    blog = {
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "liveBlogUpdate": [_item(n) for n in (5, 4, 3, 2, 1)],
    }
    windowed = Page.from_document(_doc(_ld_page(blog, _article(5) + _article(4))))
    found, updates = _run(extract_jsonld, windowed)
    assert [u.uid for u in updates] == ["p5", "p4"]
    assert found.notes
    shell = Page.from_document(_doc(_ld_page(blog, '<div id="app">Loading…</div>')))
    _, updates = _run(extract_jsonld, shell)
    assert [u.uid for u in updates] == ["p5", "p4", "p3", "p2", "p1"]
    # Scattered matches are not a window (an id the DOM spells differently): everything is kept.
    scattered = Page.from_document(_doc(_ld_page(blog, _article(5) + _article(3))))
    _, updates = _run(extract_jsonld, scattered)
    assert len(updates) == 5


def test_shared_ld_values_give_way_to_the_dom() -> None:
    shared = {
        "headline": "Blog headline",
        "datePublished": "2024-05-01T18:00:00+0000",
        "dateModified": "2024-05-01T18:00:00+0000",
        "author": [{"@type": "Person", "name": "A One"}, {"@type": "Person", "name": "B Two"}],
    }
    items = [
        {"@type": "BlogPosting", "@id": f"b{n}", "articleBody": f"Body {n} cut short", **shared}
        for n in (3, 2, 1)
    ]
    blog = {"@type": "LiveBlogPosting", **shared, "liveBlogUpdate": items}
    body = "".join(
        f'<article id="block-b{n}"><header><a href="{BLOG}?page=with:block-b{n}#block-b{n}">'
        f'<time datetime="2024-05-01T1{n}:00:00Z">{n}h ago</time><span>1{n}.00 BST</span></a>'
        + (f"<h2>Headline {n}</h2>" if n != 2 else "")
        + f"</header><p>Body {n} in full on the page, which is longer than the LD copy.</p>"
        + ('<div>Updated at <time datetime="2024-05-01T12:30:00Z">12.30 BST</time></div>' if n == 2 else "")
        + "</article>"
        for n in (3, 2, 1)
    )
    _, updates = _run(extract_jsonld, Page.from_document(_doc(_ld_page(blog, body))))
    assert [u.uid for u in updates] == ["b3", "b2", "b1"]
    assert [u.title for u in updates] == [
        "Headline 3",
        "Body 2 in full on the page, which is longer than the LD copy.",
        "Headline 1",
    ]
    assert [u.published for u in updates] == [datetime(2024, 5, 1, h, tzinfo=UTC) for h in (13, 12, 11)]
    assert updates[1].modified == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert all(u.authors == () for u in updates)  # the blog's byline on every item is not the update's
    assert updates[0].url == f"{BLOG}?page=with:block-b3#block-b3"
    assert "BST" not in updates[1].text and "ago" not in updates[1].text


def test_client_rendered_dom_shell_keeps_the_ld_body() -> None:
    blog = {
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "liveBlogUpdate": [_item(1, articleBody="A long body that the page has not rendered yet, at all.")],
    }
    body = '<article data-post-id="p1"><h2></h2><div class="content"></div></article>'
    _, updates = _run(extract_jsonld, Page.from_document(_doc(_ld_page(blog, body))))
    assert updates[0].text == "A long body that the page has not rendered yet, at all."


def test_broken_and_unrelated_scripts_are_skipped() -> None:
    blog = {"@type": "LiveBlogPosting", "headline": "Blog", "liveBlogUpdate": [_item(1)]}
    extra = (
        '<script type="application/ld+json">{not json</script><script type="application/ld+json">[]</script>'
    )
    _, updates = _run(extract_jsonld, Page.from_document(_doc(_ld_page(blog, extra_scripts=extra))))
    assert len(updates) == 1
    page = Page.from_document(_doc(_ld_page({"@type": "NewsArticle", "headline": "Not live"})))
    assert extract_jsonld(page, CONTEXT) is None


def test_jsonld_runs_before_microdata_on_a_page_with_both() -> None:
    blog = {"@type": "LiveBlogPosting", "headline": "Blog", "liveBlogUpdate": [_item(1)]}
    micro = (
        '<div itemscope itemtype="https://schema.org/LiveBlogPosting"><div itemprop="liveBlogUpdate" itemscope '
        'itemtype="https://schema.org/BlogPosting"><meta itemprop="headline" content="Micro">'
        '<meta itemprop="datePublished" content="2024-05-01T10:00:00Z"><p>Micro body text here.</p></div></div>'
    )
    assert extract(_doc(_ld_page(blog, micro))).strategy == "jsonld"
    assert extract(_doc(f"<html><body>{micro}</body></html>")).strategy == "microdata"


# --- AMP -------------------------------------------------------------------------------------------


def test_amp_oldest_first_with_tombstone_and_edit() -> None:
    page = Page.from_document(
        _doc(
            '<html amp><body><amp-live-list id="l" sort="ascending"><div items>'
            '<div id="e1" data-sort-time="1714557600"><p>First update of the day, nothing much yet.</p></div>'
            '<div id="e2" data-sort-time="1714561200" data-tombstone><p>Retracted.</p></div>'
            '<div id="ad-3" data-sort-time="1714561201"><amp-ad type="x" width="1" height="1"></amp-ad></div>'
            '<div id="e4" data-sort-time="1714564800000" data-update-time="1714566600000"><h3>Edited</h3>'
            "<p>This one was changed half an hour later.</p></div>"
            "</div></amp-live-list></body></html>"
        )
    )
    _, updates = _run(extract_amp, page)
    assert [u.uid for u in updates] == ["e1", "e4"]
    assert updates[0].published == datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert updates[1].published == datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert updates[1].modified == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert updates[0].title == "First update of the day, nothing much yet."


def test_page_without_live_list_is_not_amp() -> None:
    assert extract_amp(Page.from_document(_doc("<html><body><p>x</p></body></html>")), CONTEXT) is None


# --- body cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("4m ago", True),
        ("12.50\u00a0BST", True),
        ("Updated at 12.36 BST", True),
        ("14 August 2023 10:01", True),
        ("21:06 (IST)", True),
        ("From 49m ago", True),
        ("21 mins ago11:48", True),
        ("Sunak 12", False),
        ("India 357/8", False),
        ("England 2-1 Colombia", False),
        ("KEY EVENT", False),
    ],
)
def test_is_stamp(text: str, stamp: bool) -> None:
    assert is_stamp(text) is stamp


def test_clean_body_keeps_times_in_prose_and_names_in_links() -> None:
    element = lxml.html.fragment_fromstring(
        '<div id="u1"><div class="meta"><time>10:30</time><span class="author">Jo Bloggs</span></div>'
        "<h3>Title here</h3><p>At <strong>12:30</strong> the polls closed, says <a href='/x'>Jo Bloggs</a>.</p>"
        "<p><span>12:31</span></p><ul class='share-tools'><li><a href='https://twitter.com/intent/tweet'>X</a></li></ul>"
        "<div class='newsletter-box'>Sign up</div></div>"
    )
    cleaned = lxml.html.fragment_fromstring(clean_body(element, title="Title here", authors=["Jo Bloggs"]))
    text = cleaned.text_content()
    assert "At 12:30 the polls closed, says Jo Bloggs." in text
    assert "10:30" not in text and "12:31" not in text and "Title here" not in text
    assert "Sign up" not in text and "X" not in text


# --- the fast body cleaner equals the straightforward one -------------------------------------------
# bodyclean walks a plain-etree copy, passes over elements that hold a long text piece and judges
# noise only where a rule can apply. The reference below is the straightforward form of the same
# rules (every element visited, lxml.html's own copy and drop_tree), reusing the per-element tests.


def _reference_title(element: lxml.html.HtmlElement, text: bodyclean.Texts) -> lxml.html.HtmlElement | None:
    for node in element.iter():
        tag = node.tag
        if not isinstance(tag, str) or node is element:
            continue
        is_title = tag in furniturewords.HEADINGS or (
            tag in ("div", "span", "p") and bool(furniturewords.tokens(node) & furniturewords.TITLE_TOKENS)
        )
        if (
            is_title
            and text(node)
            and not is_stamp(text(node))
            and (tag in furniturewords.HEADINGS or not structured._label_box(node))
        ):
            for before in element.iterdescendants():
                if before is node:
                    return node
                if (
                    before.tag in structured.PROSE_BLOCKS
                    and text(before)
                    and not is_stamp(text(before))
                    and not structured._label_box(before)
                ):
                    return None
            return node
    return None


def _reference_boxes(element: lxml.html.HtmlElement, text: bodyclean.Texts) -> list[lxml.html.HtmlElement]:
    boxes = []
    for box in element.iter("div", "p", "footer", "span"):
        children = [c for c in box if isinstance(c.tag, str)]
        if len(children) < 2 or len(children) > 4 or len(text(box)) > 120 or box is element:
            continue
        if (box.text or "").strip() or any((c.tail or "").strip() for c in children):
            continue
        kinds = [
            "stamp"
            if is_stamp(text(c))
            else "label"
            if text(c).lower() in furniturewords.LABELS
            else "name"
            if structured._NAME.fullmatch(text(c))
            else "other"
            for c in children
        ]
        if "stamp" in kinds and "name" in kinds and "other" not in kinds:
            boxes.append(box)
    return boxes


def _reference_clean(element: lxml.html.HtmlElement, title: str | None, authors: list[str]) -> str:
    body = copy.deepcopy(element)
    text = bodyclean.Texts()

    def remove(node: lxml.html.HtmlElement) -> None:
        if node.getparent() is not None:
            text.changed(node)
            node.drop_tree()

    heading = _reference_title(body, text)
    before: list[lxml.html.HtmlElement] = []
    node = heading
    while node is not None and node is not body and node.getparent() is not None:
        before.extend(node.itersiblings(preceding=True))
        node = node.getparent()
    for node in [*before, *_reference_boxes(body, text)]:
        text.changed(node)
        node.tail = None
        remove(node)
    heading = _reference_title(body, text)
    if heading is not None and title and text(heading) == clean_line(title):
        remove(heading)
    names = {clean_line(a) for a in authors if a}
    nodes, images, index = list(body.iter()), [], 0
    while index < len(nodes):
        node = nodes[index]
        index += 1
        if node is body or not isinstance(node.tag, str):
            continue
        if bodyclean._is_noise(node, element.get("id")):
            index += sum(1 for _ in node.iterdescendants())
            remove(node)
        elif node.tag == "amp-img" and node.get("src") is not None:
            images.append(node)
    for node in readalso.read_also_boxes(body):  # judged on what the noise left
        remove(node)
        images = [i for i in images if i.getparent() is not None and body in i.iterancestors()]
    for node in images:
        node.tag = "img"
        for attr in list(node.attrib):
            if attr not in ("src", "alt", "width", "height"):
                del node.attrib[attr]
    for node in reversed(list(body.iter())):
        if node is not body and isinstance(node.tag, str) and bodyclean._is_furniture(node, names, text):
            remove(node)
    if body.get("itemprop") is not None:
        body.attrib.pop("itemprop")
    return bodylength.serialise(body)


_WORDS = st.sampled_from(
    [
        "", " ", "\n  ", "12:30", "12.50 BST", "4m ago", "Updated at 12.36 BST", "14 August 2023 10:01",
        "Key event", "Share", "share!!", "Jo Bloggs", "By Jo Bloggs", "Jo Bloggs Smith", "just now",
        "At 12:30 the polls closed", "Photograph: Agency", "\xa012:31\xa0", "a\x01b", "x" * 61,
        "The minister said the situation remained serious in Leeds and more details would follow later.",
        " ".join(["word"] * 30), "12:30 " + ":" * 70, "Title here", "KEY EVENTS:", "&amp; co",
        "Also read:", "Mehr zum Thema", "Read more about it",
    ]
)  # fmt: skip
_TAGS = st.sampled_from(
    ["div", "p", "span", "h2", "h3", "header", "footer", "time", "a", "strong", "li", "ul", "figure",
     "figcaption", "section", "mark", "small", "aside", "button", "blockquote", "amp-img", "table"]
)  # fmt: skip
_ATTRS = st.sampled_from(
    ["", ' class="byline"', ' class="post-title"', ' class="share-tools"', ' class="body"', ' id="u1"',
     ' class="ad-slot"', ' aria-hidden="true"', ' href="#u1"', ' href="https://twitter.com/intent/tweet"',
     ' href="/x"', ' aria-label="Share this"', ' itemscope itemprop="author"', ' src="/i.jpg" layout="x"',
     ' datetime="2024-05-01T10:00:00Z"', ' data-component="key-event"', ' href="http://[x/#u1"']
)  # fmt: skip


def _markup(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(_WORDS.map(html.escape), st.just("<img src='/a.png'>"), st.just("<br>"))
    if depth == 0:
        return leaf
    child = _markup(depth - 1)
    element = st.builds(
        lambda tag, attrs, inner, tail: f"<{tag}{attrs}>{''.join(inner)}</{tag}>{html.escape(tail)}",
        _TAGS, _ATTRS, st.lists(child, max_size=4), _WORDS,
    )  # fmt: skip
    return st.one_of(leaf, element)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inner=st.lists(_markup(3), min_size=1, max_size=5),
    title=st.sampled_from([None, "", "Title here", "12:30"]),
    authors=st.sampled_from([[], ["Jo Bloggs"], ["Jo Bloggs", "x" * 61], ["By Jo Bloggs"]]),
)
def test_clean_body_equals_the_straightforward_cleaner(
    inner: list[str], title: str | None, authors: list[str]
) -> None:
    markup = f'<article id="u1">{"".join(inner)}</article>tail'
    element = lxml.html.fragment_fromstring(markup, create_parent="div")[0]
    try:
        expected: str | Exception = _reference_clean(element, title, authors)
    except ValueError as e:  # an unparseable own-anchor link must surface the same way
        expected = e
    if isinstance(expected, Exception):
        with pytest.raises(type(expected)):
            clean_body(element, title=title, authors=authors)
        return
    assert clean_body(element, title=title, authors=authors) == expected
    own = bodyclean.clean_body_tree(element, title=title, authors=authors)
    assert bodylength.element_text_length(own) == bodylength.body_text_length(bodylength.serialise(own))


@given(url=st.text(alphabet=st.sampled_from("ab#/:?[]\t\n\r \x01é%."), max_size=20))
def test_ld_fragment_equals_urldefrag(url: str) -> None:
    try:
        expected: str | type[Exception] = urldefrag(url)[1]
    except ValueError:
        expected = ValueError
    if expected is ValueError:
        with pytest.raises(ValueError):
            structlinks.url_fragment(url)
    else:
        assert structlinks.url_fragment(url) == expected


def test_plain_length_knows_every_space_split_knows() -> None:
    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace() and c != " ")
    assert all(structured.NOT_PLAIN.match(c) for c in spaces)


@given(
    text=st.text(
        alphabet=st.sampled_from("ab :\t\n\r\x0b\x1c\x1f\x01\x85\xa0\u2003\u3000\ufffeé"), max_size=12
    )
)
def test_plain_length_is_the_cleaned_length(text: str) -> None:
    expected = None if strip_xml_illegal(text) is not text else len(clean_line(text))
    assert bodylength.plain_length(text) == expected


@given(text=st.text(alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"), max_size=14))
def test_plain_paragraphs_split_as_the_pattern_did(text: str) -> None:
    expected = [p.strip() for p in re.split(r"\r?\n\s*", text) if p.strip()]
    assert bodylength.plain_paragraphs(text) == expected


@given(text=st.text(alphabet=st.sampled_from("ab :!\t\n\x0b\x1c\x01\x85\xa0\u3000\ufffe"), max_size=16))
def test_long_piece_counts_what_clean_line_keeps(text: str) -> None:
    kept = clean_line(text).replace(" ", "").replace(":", "").replace("!", "")
    for limit in (0, 3, 8):
        assert structured.long_piece(text, limit) is (len(kept) > limit)


def test_microdata_property_body_wins_over_a_hidden_one_on_the_page() -> None:
    # The element shows little once the hidden box is cut; the articleBody element is used as is.
    hidden = '<div aria-hidden="true" itemprop="articleBody"><p>The long body the page hides until a script runs.</p></div>'
    page = (
        '<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting"><meta itemprop="headline" '
        'content="Blog"><article id="u1" itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">'
        f'<h2 itemprop="headline">One</h2><p>Short.</p>{hidden}tail</article></div></body></html>'
    )
    found, _ = _run(extract_microdata, Page.from_document(_doc(page)))
    assert [u.body_html for u in found.updates] == [f"{hidden}tail"]


def _items_markup(depth: int) -> st.SearchStrategy[str]:
    props = st.sampled_from(["", ' itemprop="headline"', ' itemprop="name headline"', ' itemprop="headlines"',
                             ' itemprop="x\xa0headline"', ' itemprop="name"', ' itemprop="author"'])  # fmt: skip
    scope = st.sampled_from(["", " itemscope"])
    if depth == 0:
        return st.just("t")
    return st.builds(
        lambda p, s, inner: f"<div{p}{s}>{''.join(inner)}</div>",
        props, scope, st.lists(_items_markup(depth - 1), max_size=3),
    )  # fmt: skip


@given(inner=st.lists(_items_markup(3), max_size=4))
def test_microdata_named_properties_are_the_walks(inner: list[str]) -> None:
    blog = lxml.html.fragment_fromstring(f"<div itemscope>{''.join(inner)}</div>")
    for name in ("headline", "name"):
        assert microdata._named(blog, name) == microdata.properties(blog).get(name, [])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(_markup(3), min_size=1, max_size=5))
def test_an_update_reads_the_same_off_its_plain_copy(inner: list[str]) -> None:
    # JSON-LD and microdata read an update's facts off the copy its body is cut from.
    markup = f'<article id="u1" class="post">{"".join(inner)}</article>tail'
    element = lxml.html.fragment_fromstring(markup, create_parent="div")[0]
    copied = bodyclean.plain_copy(element)
    assert structured.dom_title(copied) == structured.dom_title(element)
    assert structured.dom_times(copied) == structured.dom_times(element)
    assert structured.dom_authors(copied) == structured.dom_authors(element)
    assert structured.own_flags(copied) == structured.own_flags(element)
    try:
        link = structured.permalink(element, BLOG)
    except ValueError:
        with pytest.raises(ValueError):
            structured.permalink(copied, BLOG)
    else:
        assert structured.permalink(copied, BLOG) == link


def _lagging_ld_page(listed: list[str], shown: str) -> str:
    items = ",".join(
        f'{{"@type":"BlogPosting","headline":"Post {k[-1]}","url":"https://ex.com/live#{k}",'
        f'"datePublished":"2024-07-04T2{k[-1]}:00:00+01:00","articleBody":"Body {k[-1]}."}}'
        for k in listed
    )
    return (
        '<html><head><script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":['
        + items
        + ']}</script></head><body><div class="feed">'
        + shown
        + "</div></body></html>"
    )


def _shown_post(anchor: str, k: int) -> str:
    return f'<div id="{anchor}"><time datetime="2024-07-04T2{k}:00:00+01:00">2{k}:00</time><h3>Post {k}</h3><p>Body {k}.</p></div>'


def test_boxes_shaped_like_lagging_ld_posts_are_no_updates() -> None:
    shown = (
        _shown_post("post-3", 3)
        + '<div id="newsletter-signup"><h3>Sign up to our election newsletter</h3><form></form></div>'
        + '<div id="related"><h3>Related stories</h3><p>More.</p></div>'
        + _shown_post("post-2", 2)
        + _shown_post("post-1", 1)
    )
    result = extract(_doc(_lagging_ld_page(["post-2", "post-1"], shown)))
    assert [u.uid for u in result.updates] == ["post-3", "post-2", "post-1"]


def test_no_unlisted_post_when_the_listed_posts_read_otherwise_from_the_page() -> None:
    # LD's headlines are not the page's: a post read from the page alone would change its title
    # the day LD lists it, an edit that never was.
    html = _lagging_ld_page(
        ["post-2", "post-1"], _shown_post("post-3", 3) + _shown_post("post-2", 2) + _shown_post("post-1", 1)
    )
    html = html.replace('"headline":"Post 2"', '"headline":"Exit poll"').replace(
        '"headline":"Post 1"', '"headline":"Polls close"'
    )
    assert [u.uid for u in extract(_doc(html)).updates] == ["post-2", "post-1"]


def test_no_unlisted_post_when_ld_ids_are_not_the_page_ids() -> None:
    # LD says "#2", the page "post-2" (matched through the prefix): an unlisted post-3 would get a
    # uid LD later gives another form ("3"), so it waits for LD.
    shown = _shown_post("post-3", 3) + _shown_post("post-2", 2) + _shown_post("post-1", 1)
    result = extract(_doc(_lagging_ld_page(["2", "1"], shown)))
    assert [u.uid for u in result.updates] == ["2", "1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1720130000", datetime(2024, 7, 4, 21, 53, 20, tzinfo=UTC)),  # epoch seconds in a string
        ("1720130000000", datetime(2024, 7, 4, 21, 53, 20, tzinfo=UTC)),  # and milliseconds
        ("2024-07-04", None),  # a date alone says no time of day
        ("2024-07-04T22:50:00", datetime(2024, 7, 4, 22, 50, tzinfo=UTC)),  # wall time in the zone (UTC)
    ],
)
def test_ld_times_as_strings(value: str, expected: datetime | None) -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":['
        f'{{"@type":"BlogPosting","headline":"A","url":"{BLOG}#a","datePublished":"{value}","articleBody":"x"}},'
        f'{{"@type":"BlogPosting","headline":"B","url":"{BLOG}#b","datePublished":"{value}","articleBody":"y"}}'
        "]}</script></head><body></body></html>"
    )
    assert [u.published for u in extract(_doc(page)).updates] == [expected, expected]


def test_clean_body_drops_read_also_boxes_but_not_a_sentence_that_starts_alike() -> None:
    element = lxml.html.fragment_fromstring(
        '<article id="post-1"><p>The talks ended without a deal.</p>'
        '<p>Related to the collapse, <a href="/p">police</a> arrested two engineers.</p>'
        '<p><strong>Also Read:</strong> <a href="/z.html">How the talks collapsed</a></p>'
        '<div class="related"><span>Mehr zum Thema</span><a href="/x.html">Was die UN tun kann</a></div>'
        '<p>Read more about the <a href="/explainer">talks</a> in our explainer, published this morning, which sets out '
        "what each side wanted and why the last round failed after nine hours of negotiations in Geneva on Friday "
        "and a further six on Saturday, with mediators shuttling between the two delegations' hotels until late "
        "in the evening, when the talks broke up.</p></article>"
    )
    cleaned = lxml.html.fragment_fromstring(clean_body(element), create_parent="div").text_content()
    assert "Also Read" not in cleaned and "Mehr zum Thema" not in cleaned
    assert "The talks ended without a deal." in cleaned and "Read more about the talks" in cleaned
    assert "Related to the collapse, police arrested two engineers." in cleaned


@pytest.mark.parametrize("address", [BLOG, "https://news.example.test/live/blog?amp=1", "shared"])
def test_ld_updates_that_share_one_address_are_told_apart_by_their_content(address: str) -> None:
    # Times of India gives every update the page's own URL; a CMS may give them all one id.
    url = "https://cms.example.test/x/1" if address == "shared" else address
    blog = {
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "url": "https://news.example.test/live/blog?amp=1",
        "liveBlogUpdate": [{**_item(n), "url": url} for n in (3, 2, 1)],
    }
    _, updates = _run(extract_jsonld, Page.from_document(_doc(_ld_page(blog))))
    assert [u.title for u in updates] == ["Update number 3", "Update number 2", "Update number 1"]
    assert len({u.uid for u in updates}) == 3 and all(u.uid.startswith("h-") for u in updates)
    assert all(u.url == BLOG for u in updates)


def test_microdata_updates_that_share_the_pages_address_are_told_apart() -> None:
    items = "".join(
        f'<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" itemid="{BLOG}">'
        f'<h2 itemprop="headline">Update number {n}</h2><time itemprop="datePublished" '
        f'datetime="2024-05-01T1{n}:00:00Z">1{n}:00</time><div itemprop="articleBody"><p>Body {n}.</p></div></div>'
        for n in (3, 2, 1)
    )
    page = f'<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting">{items}</div></body></html>'
    _, updates = _run(extract_microdata, Page.from_document(_doc(page)))
    assert [u.title for u in updates] == ["Update number 3", "Update number 2", "Update number 1"]
    assert len({u.uid for u in updates}) == 3


def test_ld_listing_one_update_gives_the_numbered_posts_beside_it_dated_by_their_stamps() -> None:
    blog = {
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "liveBlogUpdate": {**_item(3), "headline": "Blog", "datePublished": "2024-03-14T15:45:00+04:00"},
    }
    posts = "".join(
        f'<div class="item" id="item-{n}"><div class="time">14 March 2024, 0{n}:45 PM GST</div>'
        f"<h2>Post {n}</h2><p>Body of post {n}.</p></div>"
        for n in (6, 5, 3)  # the LD lags behind the page, which shows two newer posts
    )
    blog["liveBlogUpdate"]["url"] = f"{BLOG}#item-3"  # type: ignore[index]
    box = (
        '<div class="item" id="promo"><h2>Subscribe</h2></div><div class="item" id="item-x"><h2>X</h2></div>'
    )
    _, updates = _run(extract_jsonld, Page.from_document(_doc(_ld_page(blog, posts + box))))
    assert [(u.uid, u.title, u.published) for u in updates] == [
        ("item-6", "Post 6", datetime(2024, 3, 14, 14, 45, tzinfo=UTC)),  # 06:45 PM GST (UTC+4)
        ("item-5", "Post 5", datetime(2024, 3, 14, 13, 45, tzinfo=UTC)),
        ("item-3", "Post 3", datetime(2024, 3, 14, 11, 45, tzinfo=UTC)),
    ]


def test_posts_ld_does_not_list_yet_are_dated_by_their_printed_time_of_day() -> None:
    # The LD lists the two older posts; the page shows a newer one, each with a bare "18:20".
    blog = {
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "liveBlogUpdate": [
            {**_item(n), "headline": f"Post {n}", "url": f"{BLOG}#post-{n}", "datePublished": when}
            for n, when in ((2, "2024-04-13T17:45:00Z"), (1, "2024-04-13T17:00:00Z"))
        ],
    }
    posts = "".join(
        f'<article class="post" id="post-{n}"><time>{clock}</time><h2>Post {n}</h2><p>Body of post {n}.</p></article>'
        for n, clock in ((3, "18:20"), (2, "17:45"), (1, "17:00"))
    )
    page = Page.from_document(
        Document(
            content=_ld_page(blog, posts).encode(),
            content_type="text/html",
            url=BLOG,
            date=datetime(2024, 4, 13, 22, tzinfo=UTC),
        )
    )
    _, updates = _run(extract_jsonld, page)
    assert [(u.uid, u.published) for u in updates] == [
        ("post-3", datetime(2024, 4, 13, 18, 20, tzinfo=UTC)),
        ("post-2", datetime(2024, 4, 13, 17, 45, tzinfo=UTC)),
        ("post-1", datetime(2024, 4, 13, 17, 0, tzinfo=UTC)),
    ]
