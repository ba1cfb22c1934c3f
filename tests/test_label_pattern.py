"""The time-label pattern matches its whitespace possessively (``timelabel.possessive_spaces``):
that must change no match, only how long a line that is no label takes to fail."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from livetail.extract.timelabel import _TIME_LABEL, _TIME_LABEL_SOURCE

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def _backtracking() -> re.Pattern[str]:
    return re.compile(_TIME_LABEL_SOURCE, re.IGNORECASE)


def _groups(pattern: re.Pattern[str], line: str) -> dict[str, str | None] | None:
    match = pattern.match(line)
    return match.groupdict() if match else None


def _short_lines() -> list[str]:
    lines: set[str] = set()
    for path in sorted(FIXTURES.rglob("*.html")):
        tree = lxml.html.fromstring(path.read_bytes())
        for el in tree.iter():
            for text in (el.text, el.tail):
                line = " ".join((text or "").split())
                if 0 < len(line) <= 64 and any(c.isdigit() for c in line):
                    lines.add(line)
    return sorted(lines)


def test_possessive_spaces_change_no_match_on_the_fixture_pages() -> None:
    lines = _short_lines()
    assert len(lines) > 400  # the fixtures' stamps, dates, scores and prices
    differ = [line for line in lines if _groups(_TIME_LABEL, line) != _groups(_backtracking(), line)]
    assert differ == []


_TOKENS = [
    "12", "1", "12:00", "9.15", "1.", "Mai", "May", "2024", ",", "am", "um", "at", "Updated", "Aktualisiert",
    "pm", "a.m.", "GMT", "(", ")", "-", "|", "min", "ago", "minutes", "hours", "h", "1h", "vor", "Uhr", "de",
    "le", "Monday", "kl.", "Today", "heute", "2024-05-01", "3/14", "·", ":", "BST", "mis à jour", "il y a",
    "hace", "Pinned", "Pinned:", "14h05", "just now", "an hour", "и", "назад", "5 мин.", "prije", "acum", "de",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=7), st.sampled_from([" ", "  ", ", ", "\xa0"]))
def test_possessive_spaces_change_no_match_on_label_shaped_lines(tokens: list[str], glue: str) -> None:
    line = glue.join(tokens)
    assert _groups(_TIME_LABEL, line) == _groups(_backtracking(), line)
