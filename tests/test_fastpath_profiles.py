"""Fast paths of the profile and heuristic strategies, proven against the general paths they skip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from livetail.extract import bodycut, heuristic, visibletext
from livetail.extract import timelabel as text_mod
from livetail.extract.page import Page
from livetail.model import Document

_TAGS = ["div", "p", "span", "time", "h2", "li", "pre", "textarea", "b", "ul", "table", "td", "br", "img"]
_TEXT = st.sampled_from(
    ["", " ", "\n", "x", "12:00", "a\tb", "\u00a0", "\x01", "&amp;", "<", "&#0;", "  y  "]
)


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested, sometimes broken HTML: unclosed and stray tags, odd whitespace, control characters."""
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        tag = draw(st.sampled_from(_TAGS))
        inner = draw(_markup(depth + 1))
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</p>"]))
        parts.append(f"<{tag}>{draw(_TEXT)}{inner}{close}{draw(_TEXT)}")
    return "".join(parts)


def _body(html: str) -> etree._Element:
    document = Document(
        content=f"<html><body>{html}</body></html>".encode(),
        content_type="text/html",
        url="https://x.example/",
    )
    tree = Page.from_document(document).tree
    body = tree.find("body")
    return body if body is not None else tree


@settings(max_examples=300, deadline=None)
@given(html=_markup(), picks=st.lists(st.integers(0, 60), max_size=4), member_at=st.integers(0, 20))
def test_taking_pieces_out_equals_dropping_them_from_a_copy(
    html: str, picks: list[int], member_at: int
) -> None:
    root = _body(html)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    member = elements[member_at % len(elements)]
    inside = [el for el in member.iter() if isinstance(el.tag, str)]
    # Pieces inside the member (with or without tails, nested in each other, the member itself):
    # what the heuristic removes, its stamps and heading, always lie there.
    remove = [inside[n % len(inside)] for n in picks]
    before = etree.tostring(root, encoding="unicode", method="html")
    fast = heuristic._without(member, remove)
    assert etree.tostring(root, encoding="unicode", method="html") == before  # the tree ends as it was
    assert fast == heuristic._copy_without(member, remove)
    detached = bodycut.detached(member, remove)
    assert detached is None or detached == fast
    assert etree.tostring(root, encoding="unicode", method="html") == before


_CLOCKISH = st.builds(
    "".join,
    st.lists(
        st.sampled_from(
            [
                "1",
                "7",
                "12",
                "23",
                "24",
                "59",
                "60",
                "007",
                ":",
                ".",
                " ",
                "  ",
                "\u00a0",
                "\u202f",
                "\t",
                "GMT",
                "BST",
                "gmt",
                "am",
                "PM",
                "p.m.",
                "AMT",
                "ago",
                "now",
                "mins",
                "h",
                "ſ",
                "K",
                "ı",
                "(",
                ")",
                "Updated ",
                "-",
                "+01",
                "UTC+1",
                "x",
                "\x01",
                "٣",
            ]
        ),
        max_size=8,
    ),
)


_WORD = st.sampled_from(
    [
        "GMT",
        "BST",
        "gmt",
        "am",
        "PM",
        "p.m.",
        "AMT",
        "ago",
        "mins",
        "h",
        "ſ",
        "K",
        "ı",
        "(CET)",
        "x",
        "UTC+1",
        "ABCDEF",
    ]
)
_PLAINISH = st.builds(
    lambda h, sep, m, words: f"{h}{sep}{m}" + "".join(words),
    st.sampled_from(["0", "9", "12", "23", "24", "123", "٣"]),
    st.sampled_from([":", ".", ",", " "]),
    st.sampled_from(["00", "59", "60", "5", "075"]),
    st.lists(st.tuples(st.sampled_from(["", " ", "  ", "\u00a0"]), _WORD).map("".join), max_size=3),
)


@settings(max_examples=2000, deadline=None)
@given(text=_CLOCKISH | _PLAINISH | st.text(max_size=20))
def test_plain_clock_labels_read_as_the_full_pattern_reads_them(text: str) -> None:
    general = text_mod.general_time_label(text)
    assert text_mod.time_label(text) == general
    assert text_mod.is_time_label(text) == (general is not None)


@pytest.mark.parametrize("text", ["1Updated 1am", "9 updated 1pm", "9 Updated 14:05"])
def test_a_bare_number_before_an_edit_time_is_no_label_either_way(text: str) -> None:
    # (a case the property test above found: the shortcut read the edit time's clock as the post's)
    assert text_mod.general_time_label(text) is None
    assert not text_mod.is_time_label(text)


def test_the_plain_clock_shortcut_is_taken_and_agrees() -> None:
    for text in ("18.04 GMT", "13:45", "6.30pm", "12:30 ago", "17.57 AMT", "25:00", "9.15"):
        assert text_mod._PLAIN_CLOCK.fullmatch(text)
        assert text_mod.time_label(text) == text_mod.general_time_label(text)
    assert text_mod.time_label("18.04 GMT") is not None and text_mod.time_label("9.15") is None


_HIDING = ["div", "p", "h2", "span", "script", "style", "noscript", "b", "template"]


@st.composite
def _hiding_markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < 4 else 0))):
        tag = draw(st.sampled_from(_HIDING))
        parts.append(f"<{tag}>{draw(_TEXT)}{draw(_hiding_markup(depth + 1))}</{tag}>{draw(_TEXT)}")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(html=_hiding_markup())
def test_visible_text_inside_a_member_is_the_visible_text(html: str) -> None:
    root = _body(html)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for member in elements:
        shown = visibletext.shown(member)
        for el in elements:  # inside the member or not
            assert visibletext.visible_in(el, member, shown) == visibletext.visible(el)
