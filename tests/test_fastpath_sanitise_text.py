"""The sanitiser's page-wide shortcuts are proven against the general path they stand in for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from livetail.extract import build
from livetail.extract.htmlclean import _sanitize, _sanitize_many, html_to_text, sanitize_to_text_many
from livetail.extract.htmlrules import strip_xml_illegal
from livetail.extract.settledtext import settled_text, settled_texts

BASE = "https://news.example.com/live/2024/03/01/blog"

# Markup pieces with what the shortcuts look for: XML-illegal characters (raw and as references),
# lone surrogates, <br> in every spelling, blocks, inline tags, broken tags, odd whitespace.
_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div>", "</div>", "<br>", "<BR/>", "<br lang=en>", "<b>", "</b>", "<a href=/x>",
        "</a>", "<h2>", "</h2>", "<li>", "<ul>", "</ul>", "<img src=/i.png>", "<pre>", "</pre>", "<p",
        "<!--", "-->", "<script>", "</script>", "word", "two words", "&amp;", "&nbsp;", "&#1;", "&#xFFFE;",
        "\x01", "\x0b", "\x1f", "\ud800", "\udc00", "\ufffe", "\ufeff", "\r", "\n", "\t", " ", "\u3000",
        "\xa0", "é", "한", "<", ">", "&",
    ]
)  # fmt: skip
_FRAGMENT = st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=60))


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENT, max_size=8))
def test_a_page_is_sanitised_as_each_fragment_alone(fragments: list[str]) -> None:
    assert _sanitize_many(fragments, BASE) == [_sanitize(fragment, BASE) for fragment in fragments]
    many = sanitize_to_text_many(fragments, BASE)
    assert many == [
        (content, html_to_text(content)) for content, _ in (_sanitize(f, BASE) for f in fragments)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENT, max_size=8))
def test_settled_texts_with_and_without_breaks(fragments: list[str]) -> None:
    settled = [content for content, ok in (_sanitize(f, BASE) for f in fragments) if ok]
    texts = settled_texts(settled)
    assert texts == [settled_text(content) for content in settled]
    for content, text in zip(settled, texts, strict=True):
        assert text is None or text == html_to_text(content)


# Common bodies the shortcut must answer itself (a shortcut that always declined would pass the
# equalities above): breaks, lists, headings, inline tags, figures, quotes.
SETTLED_BODIES = [
    ("<p>a<br>b</p><p>c</p>", "a\nb\n\nc"),
    ("<p>Plain words.</p>", "Plain words."),
    ("just text", "just text"),
    ("<p>One</p><ul><li>x</li><li>y</li></ul>", "One\n\nx\n\ny"),
    ("<h2>T</h2><p>a <b>b</b> <a href=/x>c</a></p>", "T\n\na b c"),
    ("<figure><img src=/i.png alt=x><figcaption>cap</figcaption></figure>", "cap"),
    ("<blockquote>q</blockquote><p>z</p>", "q\n\nz"),
]


def test_the_settled_text_shortcut_answers_common_bodies() -> None:
    contents = []
    for fragment, text in SETTLED_BODIES:
        content, settled = _sanitize(fragment, BASE)
        assert settled, fragment
        assert settled_text(content) == text == html_to_text(content), fragment
        contents.append(content)
    assert settled_texts(contents) == [text for _, text in SETTLED_BODIES]


_LINES = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.lists(_PIECES, max_size=12).map("".join),
    st.text(alphabet=st.characters(max_codepoint=0x7F), min_size=150, max_size=200),
)


@given(_LINES)
def test_clean_line_is_the_regex_definition(text: str | None) -> None:
    assert build.clean_line(text) == re.sub(r"\s+", " ", strip_xml_illegal(text or "")).strip()
