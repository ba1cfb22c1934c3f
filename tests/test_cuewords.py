"""livetail.extract.cuewords: one pass finds exactly the words plain substring tests find."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetail.extract.cuewords import Cues

_ALPHABET = st.sampled_from(["a", "b", " ", "é", "я", "前", "\u200b", "😀", "?"])
_WORDS = st.lists(st.text(_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8)


@given(words=_WORDS, text=st.text(_ALPHABET, max_size=40))
def test_the_words_found_are_the_words_that_stand_in_the_text(words: list[str], text: str) -> None:
    cues = Cues(words)
    assert cues.found_in(text) == {w for w in words if w in text}
    assert cues.any_in(text) == any(w in text for w in words)
    # every occurrence, overlapping ones too, as repeated str.find calls give them
    expected = {(at, w) for w in set(words) for at in range(len(text)) if text.startswith(w, at)}
    assert sorted(cues.starts_in(text)) == sorted(at for at, _ in expected)


def test_a_set_of_no_words_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Cues(["", ""])
