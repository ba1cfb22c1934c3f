"""Fast paths in identity and build are proven against the general path they stand in for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from livetail import identity
from livetail.extract import build
from livetail.extract.htmlclean import sanitize_to_text
from livetail.extract.normalise import normalise_for_compare, normalised_words
from livetail.memo import clear_all

# Text with what the normalising treats specially: relative times, "just now", URLs with tracking
# parameters, typographic quotes, invisible and XML-illegal characters, odd whitespace.
_PIECES = st.sampled_from(
    [
        "just now", "3 mins ago", "Updated 2h ago", "a few moments ago", "Chicago", "?", "ago", "JUST",
        "https://x.example/a?utm_source=f&id=2", "www.example.com/?fbclid=1", "“quoted”", "it’s", "`",
        "\u00ad", "\ufeff", "\x01", "\x0b", "\u2003", "\xa0", "\n", "\t", "  ", " ", "ﬁ", "İ", "ß", "word",
        "Minister", ",", ".", "and", "-",
    ]
)  # fmt: skip
_TEXT = st.one_of(
    st.lists(_PIECES, max_size=60).map("".join),
    st.text(max_size=200),
    st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=80).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(title=_TEXT, text=_TEXT, printed=_TEXT)
def test_keyed_identity_is_the_digested_one(title: str, text: str, printed: str) -> None:
    clear_all()
    keyed = (
        identity.fingerprint(title, text, text_key=("k", text)),
        identity.content_uid(printed, title, text, text_key=("k", text)),
    )
    clear_all()
    assert keyed == (identity.fingerprint(title, text), identity.content_uid(printed, title, text))
    # Served from the memo the second time: still the same.
    assert keyed == (
        identity.fingerprint(title, text, text_key=("k", text)),
        identity.content_uid(printed, title, text, text_key=("k", text)),
    )


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, count=st.integers(min_value=0, max_value=30))
def test_normalised_words_are_the_normalised_texts_first_words(text: str, count: int) -> None:
    assert normalised_words(text, count) == " ".join(normalise_for_compare(text).split(" ")[:count])


_BODY = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<b>", "x y", "just now", "<br>", "&amp;", "\x01", "é", " ", "<h2>T</h2>"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(
    bodies=st.lists(_BODY, min_size=1, max_size=6),
    titles=st.lists(st.one_of(st.just("Same title"), _TEXT), min_size=6, max_size=6),
)
def test_finish_all_hashes_as_identity_does(bodies: list[str], titles: list[str]) -> None:
    url = "https://example.com/live"
    raws = [build.RawUpdate(body_html=body, title=title) for body, title in zip(bodies, titles, strict=False)]
    clear_all()
    for _ in range(2):  # cold, then from the memos
        built = build.finish_all(raws, page_url=url, published=[None] * len(raws))
        for raw, update in zip(raws, built, strict=True):
            if update is None:
                continue
            content, text = sanitize_to_text(raw.body_html, url)
            assert (update.content_html, update.text) == (content, text)
            assert update.fingerprint == identity.fingerprint(update.title, text)
            assert update.uid == identity.content_uid("", update.title, text)
