"""The page parser picks lxml.html's element classes in C; it must pick the same ones as lxml.html."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from livetail.extract.page import Page
from livetail.model import Document

TAGS = ["form", "input", "select", "textarea", "label", "div", "p", "svg", "FORM", "Input", "option", "x-y"]
piece = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<!-- c -->", "<?pi x?>", "&amp;", "&nbsp;", "<br/>", "text", "\x00", "<"]),
    st.text(max_size=5),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(piece, min_size=1, max_size=30))
def test_element_classes_match_lxml_html(pieces: list[str]) -> None:
    markup = "<html><body>" + "".join(pieces) + "</body></html>"
    ours = Page.from_document(
        Document(content=markup.encode("utf-8"), content_type="text/html", url="https://e.org/")
    )
    theirs = lxml.html.document_fromstring(
        markup.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    )
    got = [(type(e), e.tag) for e in ours.tree.iter()]
    want = [(type(e), e.tag) for e in theirs.iter()]
    assert got == want
    assert any(cls is not lxml.html.HtmlElement for cls, _ in want) == any(
        cls is not lxml.html.HtmlElement for cls, _ in got
    )
