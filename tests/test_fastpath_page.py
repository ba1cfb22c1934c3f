"""The page parser picks lxml.html's element classes in C; it must pick the same ones as lxml.html."""

from __future__ import annotations

import lxml.html
from hypothesis import example, given, settings
from hypothesis import strategies as st

from livetail.extract.htmlrules import has_xml_illegal, strip_xml_illegal
from livetail.extract.page import Page, decode
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
@example(["<", "A\x1f"])  # an illegal character inside a tag name
def test_element_classes_match_lxml_html(pieces: list[str]) -> None:
    markup = "<html><body>" + "".join(pieces) + "</body></html>"
    ours = Page.from_document(
        Document(content=markup.encode("utf-8"), content_type="text/html", url="https://e.org/")
    )
    # A page is parsed from its text without XML-illegal characters (see Page.from_document).
    theirs = lxml.html.document_fromstring(
        strip_xml_illegal(markup).encode("utf-8"),
        parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True),
    )
    got = [(type(e), e.tag) for e in ours.tree.iter()]
    want = [(type(e), e.tag) for e in theirs.iter()]
    assert got == want
    assert any(cls is not lxml.html.HtmlElement for cls, _ in want) == any(
        cls is not lxml.html.HtmlElement for cls, _ in got
    )


_CHARSETS = st.sampled_from(["text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252",
                             "text/html; charset=iso-8859-1", "text/html; charset=bogus"])  # fmt: skip
_TEXT = st.text(alphabet=st.sampled_from("<p>ab é€\x00\x01\x0b\x1f\ufffe\uffff\ud55c\u2028 "), max_size=40)
_BOM = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"])


@settings(max_examples=300)
@given(
    content=st.one_of(
        st.binary(max_size=60),
        st.builds(lambda bom, text: bom + text.encode("utf-8", "surrogatepass"), _BOM, _TEXT),
        st.builds(lambda text: text.encode("cp1252", "ignore"), _TEXT),
    ),
    content_type=_CHARSETS,
)
def test_a_page_read_as_utf8_keeps_its_bytes_and_reads_as_decoded(content: bytes, content_type: str) -> None:
    page = Page.from_document(Document(content=content, content_type=content_type, url="https://x.test/"))
    assert page.text == strip_xml_illegal(decode(content, content_type))
    if page.utf8 is not None:
        assert page.utf8 == page.text.encode("utf-8")
    try:
        as_utf8: str | None = content.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    if (
        as_utf8 is not None
        and not content.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
        and content_type in ("text/html", "text/html; charset=utf-8")
        and not has_xml_illegal(as_utf8)
    ):
        assert page.utf8 is content  # parsed as sent, whatever the text holds
