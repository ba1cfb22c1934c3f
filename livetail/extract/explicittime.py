"""Explicit instants as pages and structured data write them: ISO 8601 / RFC 3339, RFC 1123, and
epoch seconds or milliseconds, turned into aware UTC datetimes (the first rule of
:mod:`livetail.extract.timeparse`: an explicit datetime wins over anything printed).

A naive value is not guessed at: ``parse_explicit`` returns None, and only a caller that knows the
page's zone uses ``parse_explicit_naive`` (or ``parse_in_zone``). Epoch values are milliseconds
above 10**11 and are rejected below 10**9 (2001), where they are counters or placeholders.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from email.utils import parsedate_to_datetime

from livetail.extract.zones import UTC

__all__ = ["parse_explicit", "parse_explicit_naive", "parse_in_zone"]


def parse_explicit(value: str | int | float) -> dt.datetime | None:
    """An explicit instant in UTC, or None when ``value`` is empty, naive or unparseable."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return _from_epoch(value)
        text = value.strip()
        if _EPOCH_TEXT.fullmatch(text):
            return _from_epoch(int(text) if text.isdigit() else float(text))
        parsed = _parse_text(text)
        if parsed is None or parsed.utcoffset() is None:
            return None
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError, OSError, TypeError, AttributeError):
        return None


_NAIVE_DATETIME = re.compile(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")


def parse_in_zone(value: str, tz: dt.tzinfo) -> dt.datetime | None:
    """``parse_explicit``, and a date with a time of day but no offset ("2024-07-04T22:50:00")
    read as wall time in ``tz``; a date alone stays None (it says no time of day)."""
    explicit = parse_explicit(value)
    if explicit is None and _NAIVE_DATETIME.match(value):
        return parse_explicit_naive(value, tz)
    return explicit


def parse_explicit_naive(value: str, tz: dt.tzinfo) -> dt.datetime | None:
    """Like ``parse_explicit``, but a naive ISO string is taken as wall time in ``tz``."""
    try:
        parsed = _parse_text(value.strip())
        if parsed is None:
            return None
        if parsed.utcoffset() is None:
            parsed = parsed.replace(tzinfo=tz)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


# Compiled once: parse_explicit runs once per update on most pages (re's own cache costs a lookup).
_EPOCH_TEXT = re.compile(r"[0-9]{9,17}(?:\.[0-9]+)?")
_ISO_START = re.compile(r"[0-9]{4}-?[0-9]{2}")
_RFC1123 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s+(?:GMT|UTC|UT|Z|[+-]\d{4})"
)


def _parse_text(text: str) -> dt.datetime | None:
    if not text:
        return None
    if _RFC1123.fullmatch(text):
        return parsedate_to_datetime(text)
    # fromisoformat also takes date-only and week forms; those come out naive and are refused later.
    if not _ISO_START.match(text):
        return None
    return dt.datetime.fromisoformat(text)


def _from_epoch(value: int | float) -> dt.datetime | None:
    if not math.isfinite(value) or value < 10**9:
        return None
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    if value > 10**11:
        # Integer milliseconds stay exact; going through float would round some of them.
        return epoch + dt.timedelta(milliseconds=value)
    return epoch + dt.timedelta(seconds=value)
