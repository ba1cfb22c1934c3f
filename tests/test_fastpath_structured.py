"""The structured strategies' fast paths give what the general paths they shortcut give.

Each shortcut in structured.py, bodyclean.py and microdata.py kept the straightforward version it
replaces; these properties run both on generated input, nasty input included (control characters,
odd whitespace, non-ASCII, broken markup).
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from urllib.parse import urldefrag

import lxml.html
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from livetail.extract import bodyclean, bodylength, boxes, microdata, readalso, structlinks, structured
from livetail.extract.htmlrules import strip_xml_illegal

# Text that exercises every branch: ASCII and not, C0 controls, Unicode spaces, XML-illegal code
# points, the characters a label's strip drops.
_NASTY = st.text(
    alphabet=st.sampled_from("ab :!.\t\n\r\x0b\x0c\x1c\x1f\x01\x7f\x85\xa0\u2003\u2028\u3000\ufffe\uffffé0"),
    max_size=40,
)
_ANY_TEXT = st.one_of(_NASTY, st.text(max_size=40))

_WORDS = st.sampled_from(
    ["", " ", "\n  ", "12:30", "4m ago", "Key event", "Share", "Jo Bloggs", "By Jo Bloggs", "a\x01b",
     "\xa012:31\xa0", "BST", "x" * 61, "Photograph: Agency", " ".join(["word"] * 30), "&amp; co", "<", "é\u2028"]
)  # fmt: skip
_TAGS = st.sampled_from(
    ["div", "p", "span", "h2", "h3", "header", "footer", "time", "a", "li", "figure", "img", "amp-img", "blockquote",
     "iframe", "video", "section", "mark", "aside", "table", "br"]
)  # fmt: skip
_ATTRS = st.sampled_from(
    ["", ' class="byline"', ' class="post-title"', ' class="share"', ' id="u1"', ' aria-hidden="true"',
     ' href="#u1"', ' itemscope', ' itemprop="author"', ' itemprop="name headline"', ' itemscope itemprop="author"',
     ' itemprop="x\xa0name"', ' src="/i.jpg"']
)  # fmt: skip


def _markup(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(_WORDS.map(html.escape), st.just("<img src='/a.png'>"), st.just("</p><p>"))
    if depth == 0:
        return leaf
    element = st.builds(
        lambda tag, attrs, inner, tail, close: f"<{tag}{attrs}>{''.join(inner)}{close(tag)}{html.escape(tail)}",
        _TAGS, _ATTRS, st.lists(_markup(depth - 1), max_size=4), _WORDS,
        st.sampled_from([lambda t: f"</{t}>", lambda _t: ""]),  # an unclosed tag now and then
    )  # fmt: skip
    return st.one_of(leaf, element)


def _plain_update(inner: list[str], root: str = "article") -> structured.Element:
    # Pages are parsed from text without XML-illegal characters (see Page.from_document).
    markup = strip_xml_illegal(f'<{root} id="u1" itemscope>{"".join(inner)}</{root}>tail')
    return bodyclean.plain_copy(lxml.html.fragment_fromstring(markup, create_parent="div")[0])


@given(text=_ANY_TEXT)
def test_is_plain_is_the_regex(text: str) -> None:
    assert structured.is_plain(text) is (structured.NOT_PLAIN.search(text) is None)


@given(text=_ANY_TEXT)
def test_long_piece_is_the_general_count(text: str) -> None:
    for limit in (0, 1, 3, 8, 20):
        assert structured.long_piece(text, limit) is structured.long_piece_general(text, limit)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(_markup(3), min_size=1, max_size=4))
def test_holds_is_the_xpath(inner: list[str]) -> None:
    body = _plain_update(inner)
    for node in body.iter():
        if not isinstance(node.tag, str):
            continue
        assert boxes.holds(node, boxes.PICTURES) is bool(node.xpath(".//img|.//amp-img"))
        expected = bool(node.xpath(".//img|.//amp-img|.//iframe|.//video"))
        assert boxes.holds(node, bodyclean._EMBEDS) is expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(_markup(3), min_size=1, max_size=4), seed=st.integers(0, 2**32))
def test_texts_follow_removals(inner: list[str], seed: int) -> None:
    # Texts forgets what it read on every change; what it answers is always the text as it is now.
    body = _plain_update(inner)
    text = structured.Texts()
    rng = random.Random(seed)
    for _ in range(4):
        nodes = [n for n in body.iterdescendants() if isinstance(n.tag, str)]
        for node in body.iter():
            if isinstance(node.tag, str):
                assert text(node) == structured.text_of(node)
        if not nodes:
            break
        bodyclean._remove(rng.choice(nodes), text)
    for node in body.iter():
        if isinstance(node.tag, str):
            assert text(node) == structured.text_of(node)


_STRING_VALUE = etree.XPath("string()", smart_strings=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inner=st.lists(st.one_of(_markup(3), st.just("<!-- a comment -->"), st.just("<?pi data?>")), min_size=1)
)
def test_string_of_is_the_xpath_string_value(inner: list[str]) -> None:
    # Text inside comments and processing instructions is not part of the string value.
    body = _plain_update(inner)
    page_tree = lxml.html.fragment_fromstring(strip_xml_illegal("".join(inner)), create_parent="div")
    for root in (body, page_tree):
        for node in root.iter():
            if isinstance(node.tag, str):
                assert structured.string_of(node) == _STRING_VALUE(node)


def _items(depth: int) -> st.SearchStrategy[str]:
    """Nested microdata items: properties at every level, some inside nested scopes."""
    props = st.sampled_from(["", ' itemprop="headline"', ' itemprop="name headline"', ' itemprop="headlines"',
                             ' itemprop="x\xa0name"', ' itemprop="name"', ' itemprop="author"'])  # fmt: skip
    scope = st.sampled_from(["", " itemscope"])
    if depth == 0:
        return st.sampled_from(["t", "", "<!-- c -->", "<br>"])
    return st.builds(
        lambda p, s, inner: f"<div{p}{s}>{''.join(inner)}</div>",
        props, scope, st.lists(_items(depth - 1), max_size=3),
    )  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(st.one_of(_markup(3), _items(4)), min_size=1, max_size=4))
def test_properties_are_the_owner_walk(inner: list[str]) -> None:
    body = _plain_update(inner)
    for scope in body.iter():
        if isinstance(scope.tag, str):
            assert microdata.properties(scope) == microdata.properties_general(scope)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(st.one_of(_markup(3), _items(4)), min_size=1, max_size=4))
def test_first_owned_is_the_first_named(inner: list[str]) -> None:
    markup = strip_xml_illegal(f"<div itemscope>{''.join(inner)}</div>")
    blog = lxml.html.fragment_fromstring(markup, create_parent="div")
    for scope in blog.iter():
        if isinstance(scope.tag, str):
            for name in ("headline", "name", "author"):
                named = microdata._named(scope, name)
                assert microdata._first_owned(scope, name) is (named[0] if named else None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inner=st.lists(_markup(3), min_size=1, max_size=4),
    title=st.sampled_from([None, "Jo Bloggs", "12:30"]),
    authors=st.sampled_from([[], ["Jo Bloggs"]]),
    root=st.sampled_from(["article", "section", "pre", "td"]),
)
@example(inner=['<amp-img src="/i.jpg"><span>x</span></amp-img>'], title=None, authors=[], root="article")
@example(inner=["<p>a<table><tr><td>b</td></tr></table></p>"], title=None, authors=[], root="article")
@example(inner=["<p>a</p>"], title=None, authors=[], root="pre")
def test_a_cleaned_body_known_plain_measures_as_walked(
    inner: list[str], title: str | None, authors: list[str], root: str
) -> None:
    body = _plain_update(inner, root)
    for node in body.iter():  # tags seen before (as on any page after the first): the shortcut can answer
        bodylength._reparsed(node)
    own, plain = bodyclean.clean_copy_plain(body, own_anchor="u1", title=title, authors=authors)
    walked = bodylength.element_text_length(own)
    assert bodylength.element_text_length(own, plain_tags=plain) == walked
    if plain:  # the walk would have found nothing to re-parse
        assert not any(bodylength._reparsed(n) for n in own.iter())
    assert walked == bodylength.body_text_length(bodylength.serialise(own))


_PROP_VALUES = st.lists(
    st.sampled_from(
        ["liveBlogUpdate", "liveBlogUpdates", "x", " ", "\t", "\n", "\r", "\xa0", "\x0b", "\u3000"]
    ),
    max_size=4,
).map("".join)


@given(
    items=st.lists(
        st.tuples(
            _PROP_VALUES,
            st.sampled_from(["", " itemscope"]),
            st.sampled_from(["", "<b itemscope itemprop=liveBlogUpdate>x</b>"]),
        ),
        max_size=5,
    )
)
def test_update_items_are_the_xpaths(items: list[tuple[str, str, str]]) -> None:
    inner = "".join(f'<div itemprop="{html.escape(p)}"{s}>{c}</div>' for p, s, c in items)
    blog = lxml.html.fragment_fromstring(f"<div itemscope>{inner}</div>")
    assert microdata.update_items(blog) == microdata.update_items_general(blog)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(_markup(3), min_size=1, max_size=4), root=st.sampled_from(["article", "li", "div"]))
@example(inner=['<li><span>12:30</span> <span class="post-title">BST</span></li>'], root="article")
@example(inner=['<div class="post-title"><span>12:30</span> <h2>BST</h2></div>'], root="article")
@example(inner=["<span>12:30</span> <h2>BST</h2>"], root="li")
@example(inner=['<h3><span>12:30</span> <span class="post-title">BST</span></h3>'], root="article")
def test_a_heading_found_again_after_the_cut_ahead_of_it(inner: list[str], root: str) -> None:
    body = _plain_update(inner, root)
    heading = structured._title_element(body, structured.Texts())
    if heading is None:
        return
    text = structured.Texts()
    for node in structured._ahead_of(body, heading):  # as clean_copy cuts them
        node.tail = None
        bodyclean._remove(node, text)
    if structured._found_again(body, heading):
        assert structured._title_element(body, structured.Texts()) is heading


def _boxes(depth: int) -> st.SearchStrategy[str]:
    """Boxes marked or not (split over two attributes too), holding links to anchors and others."""
    marks = st.sampled_from(["", ' class="pinned-post"', ' id="key"', ' class="x key" data-component="events"',
                             ' class="STICKY"', ' data-gu-marker="keyevent"', ' class="highlights-list"',
                             ' class="\u017fticky"', ' id="pinned"'])  # fmt: skip
    hrefs = st.sampled_from(["#a1", "#a2", "/live#a1", "https://x.test/live#a3", "#b", "", "#", "http://[x/#a1",
                             "\t#a\n2", "https://x.test/live"])  # fmt: skip
    link = hrefs.map(lambda href: f'<a href="{html.escape(href)}">l</a>')
    if depth == 0:
        return st.one_of(link, st.just("<a>no href</a>"), st.just("text"))
    return st.builds(
        lambda tag, mark, inner: f"<{tag}{mark}>{''.join(inner)}</{tag}>",
        st.sampled_from(["div", "section", "ul", "li", "aside"]), marks, st.lists(_boxes(depth - 1), max_size=3),
    )  # fmt: skip


def _pointed_at_by_walk(tree: structured.Element, pattern: re.Pattern[str], anchors: set[str]) -> set[str]:
    """The definition: every element whose marker matches, every link inside it."""
    hits = set()
    for box in tree.iter():
        if not isinstance(box.tag, str):
            continue
        marker = " ".join(
            value for a in ("id", "class", "data-component", "data-gu-marker") if (value := box.get(a))
        )
        if marker and pattern.search(marker):
            for link in box.iterdescendants("a"):
                if link.get("href") is None:
                    continue
                fragment = urldefrag(link.get("href", ""))[1]  # raises for a link that does not parse
                if fragment in anchors:
                    hits.add(fragment)
    return hits


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(_boxes(3), min_size=1, max_size=4), with_empty=st.booleans())
def test_pointed_at_reads_from_the_links_up_what_the_walk_finds(inner: list[str], with_empty: bool) -> None:
    tree = lxml.html.document_fromstring(f"<html><body>{''.join(inner)}</body></html>")
    anchors = {"a1", "a2", "a3"} | ({""} if with_empty else set())
    for pattern in (structlinks._PINNED, structlinks._KEY_EVENTS):
        try:
            expected: set[str] | type[Exception] = _pointed_at_by_walk(tree, pattern, anchors)
        except ValueError:
            expected = ValueError
        if expected is ValueError:
            with pytest.raises(ValueError):
                structlinks.pointed_at(tree, pattern, anchors)
        else:
            assert structlinks.pointed_at(tree, pattern, anchors) == expected


_READ_ALSO_LABELS = st.sampled_from(
    ["Also read:", "READ MORE", "Related", "Mehr zum Thema", "À lire aussi", "Lee también", "Leggi anche",
     "Läs också", "Læs også", "Czytaj także", "Čtěte také", "Přečtěte si také", "Διαβάστε επίσης", "Διαβάστε ακόμα", "ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ",
     "Читайте также", "Читайте також", "اقرأ أيضا", "関連記事",
     "CLICK HERE TO GET THE APP", "SIGN UP FOR OUR NEWSLETTER", "Related stories", "Pročitajte još",
     "Прочитајте још", "Preberite še", "Прочетете още", "Citește și", "Baca juga", "Xem thêm", "Ayrıca okuyun",
     "İlgili haberler", "קראו עוד", "بیشتر بخوانید", "Le puede interesar:", "Mohlo by vás zajímat",
     "ये भी पढ़ें:", "مزید پڑھیں:", "தொடர்புடைய செய்தி", "Related Story"]
)  # fmt: skip
_BEFORE_LABEL = st.sampled_from(["", " ", "\n", "&nbsp;", "&#160;", "» ", "<!-- c -->", "<span></span>"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    label=_READ_ALSO_LABELS,
    before=_BEFORE_LABEL,
    outer=st.sampled_from(["p", "div", "aside", "li", "strong", "h4"]),
    inner=st.sampled_from(["", "strong", "b", "span", "em"]),
    text=_ANY_TEXT,
    case=st.sampled_from([str, str.lower, str.upper]),
)
def test_a_page_without_a_read_also_label_in_its_markup_holds_no_read_also_box(
    label: str, before: str, outer: str, inner: str, text: str, case: Callable[[str], str]
) -> None:
    """The page-wide scan that spares every body its own look (may_hold_read_also) never misses a
    box read_also_boxes would cut."""
    label = case(label)  # (the scan folds ASCII case only: "LÄS OCKSÅ", "ЧИТАЙТЕ ТАКЖЕ")
    shown = f"<{inner}>{label}</{inner}>" if inner else label
    box = f'<{outer}>{before}{shown} <a href="/x">Another story about {html.escape(text)}</a></{outer}>'
    markup = (
        f"<html><body><article><p>The post's own words, long enough to stay.</p>{box}</article></body></html>"
    )
    tree = lxml.html.document_fromstring(markup.encode(), parser=lxml.html.HTMLParser(encoding="utf-8"))
    body = tree.find(".//article")
    assert body is not None
    if readalso.read_also_boxes(body):
        assert readalso.may_hold_read_also(markup.encode())


@pytest.mark.parametrize(
    "markup",
    [
        b"<p><strong>L&auml;s ocks&aring;:</strong> <a href='/x'>Mer</a></p>",
        b"<p>&#1063;&#1080;&#1090;&#1072;&#1081;&#1090;&#1077; &#1090;&#1072;&#1082;&#1078;&#1077;: <a href='/x'>x</a></p>",
        "<p><strong>LÄS OCKSÅ:</strong> <a href='/x'>Mer</a></p>".encode(),
    ],
)
def test_the_page_scan_does_not_miss_labels_written_as_references_or_in_capitals(markup: bytes) -> None:
    assert readalso.may_hold_read_also(b"<html><body>" + markup + b"</body></html>")
