"""Which words of a fixed set stand in a text, found in one pass: the cheap tests that spare most
texts a costly pattern (a relative-time phrase in the edit comparison, a read-also label in a
post). Each was a chain of substring tests, one scan of the text per word, and the chains grew
with every language; pyahocorasick's Aho–Corasick automaton (C) reads the text once, whatever
the number of words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick

__all__ = ["Cues"]


class Cues:
    """A fixed set of words (case as given: fold the text first) to look for in texts."""

    __slots__ = ("_automaton",)

    def __init__(self, words: Iterable[str]) -> None:
        unique = tuple(dict.fromkeys(w for w in words if w))
        if not unique:
            raise ValueError("Cues needs at least one non-empty word")
        automaton = ahocorasick.Automaton()
        for word in unique:
            automaton.add_word(word, word)
        automaton.make_automaton()
        self._automaton = automaton

    def any_in(self, text: str) -> bool:
        """Whether any of the words stands in ``text``."""
        return next(self._automaton.iter(text), None) is not None

    def found_in(self, text: str) -> frozenset[str]:
        """The words that stand in ``text``."""
        return frozenset(word for _end, word in self._automaton.iter(text))

    def starts_in(self, text: str) -> Iterator[int]:
        """Where each occurrence of a word in ``text`` starts (overlapping ones too), in the order
        they end."""
        for end, word in self._automaton.iter(text):
            yield end - len(word) + 1
