"""Relative times as live blogs print them ("2 hr 55 min ago", "9m ago", "just now").

Only times finer than a day count: anything with days, weeks, months or years gives None, as a
coarse relative time is no publish time (DESIGN.md, "Identity and time").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

__all__ = ["iter_relative", "parse_relative"]

_FINE = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
}
_COARSE = (
    "d",
    "day",
    "days",
    "w",
    "wk",
    "wks",
    "week",
    "weeks",
    "mo",
    "mos",
    "month",
    "months",
    "y",
    "yr",
    "yrs",
    "year",
    "years",
)
_UNIT = "|".join(sorted((*_FINE, *_COARSE), key=len, reverse=True))
# "a"/"an"/"one" only as words, so the "an" of "and" is never read as a number.
_NUMBER = r"(?:\d{1,6}|(?:an?|one)(?=\s))"
_PART = rf"{_NUMBER}\s*(?:{_UNIT})\.?(?![a-z])"
_RELATIVE = re.compile(rf"(?<![\w.])(?P<chain>{_PART}(?:[\s,]*(?:and\s+)?{_PART})*)\s*ago\b", re.IGNORECASE)
_RELATIVE_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})(?![a-z])", re.IGNORECASE)
_JUST_NOW = re.compile(r"\b(?:just now|right now|moments? ago|a moment ago|seconds ago)\b", re.IGNORECASE)
_RELATIVE_OR_NOW = re.compile(f"{_JUST_NOW.pattern}|{_RELATIVE.pattern}", re.IGNORECASE)


def iter_relative(text: str) -> Iterator[tuple[dt.timedelta | None, int, int]]:
    """Every relative time in ``text``: (how long ago, or None when coarser than hours; start; end)."""
    for match in _RELATIVE_OR_NOW.finditer(text):
        if match["chain"] is None:
            yield dt.timedelta(0), match.start(), match.end()
            continue
        seconds = 0
        for number, unit in _RELATIVE_PART.findall(match["chain"]):
            if unit.lower() not in _FINE:
                seconds = -1
                break
            seconds += (int(number) if number.isdigit() else 1) * _FINE[unit.lower()]
        yield (dt.timedelta(seconds=seconds) if seconds >= 0 else None), match.start(), match.end()


def parse_relative(text: str) -> dt.timedelta | None:
    """How long ago the first relative time in ``text`` says; None when absent or coarser than hours."""
    try:
        for delta, _start, _end in iter_relative(text):
            return delta
    except (TypeError, AttributeError):
        pass
    return None
