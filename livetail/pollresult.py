"""What a poll comes to (:class:`PollResult`, :class:`Skip`) and when a failed one is tried again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from livetail.errors import BlockedAddressError, FetchError, FetchTimeout, HTTPStatusError, ResponseTooLarge
from livetail.fetch import NetworkError
from livetail.model import Event

#: Statuses that mean "too busy, come back later": back off rather than keep the interval.
BACKOFF_STATUSES = frozenset({429, 502, 503, 504})
#: The longest ``Retry-After`` honoured as asked (a year-long one is a misconfigured server).
MAX_RETRY_AFTER = timedelta(days=1)


class Skip(StrEnum):
    """Why a poll ended early (it still counts as successful)."""

    NOT_MODIFIED = "not-modified"  # the server answered 304 to the conditional GET
    UNCHANGED = "unchanged"  # 200, but the body hashes like the last reconciled page's
    BACKOFF = "backoff"  # not polled: the source is backing off until ``retry_at``
    LEASED = "leased"  # not polled: another poll (here or in another instance) holds its lease
    LEASE_LOST = "lease-lost"  # fetched, but the lease ended before the commit: nothing written


@dataclass(frozen=True, slots=True, kw_only=True)
class PollResult:
    """The outcome of one poll of one source.

    ``skipped`` says why no extraction ran; ``retry_at`` is when a backing-off source will be
    polled again (set with ``skipped="backoff"`` and on failures that back off).
    """

    source: str
    ok: bool
    events: tuple[Event, ...] = ()
    error: str | None = None
    strategy: str | None = None
    updates_on_page: int = 0
    baseline: bool = False
    #: The first poll since the source was pointed at this page (the next day's live blog).
    new_page: bool = False
    skipped: Skip | None = None
    retry_at: datetime | None = None
    live: bool | None = None  # the page's own liveness flag (Guardian/BBC ``isLive``)
    coverage_end: datetime | None = None  # its LiveBlogPosting ``coverageEndTime``
    bytes: int | None = None  # the decoded body's size, when the poll read and extracted one
    extract_seconds: float | None = None  # wall time of the extraction, when one ran

    @property
    def not_modified(self) -> bool:
        """Whether the page was found unchanged (304 or the same body) and not extracted."""
        return self.skipped in (Skip.NOT_MODIFIED, Skip.UNCHANGED)


def backs_off(error: FetchError) -> bool:
    """Whether a failure asks for backoff (overload, timeouts, network) rather than the interval."""
    if isinstance(error, HTTPStatusError):
        return error.status in BACKOFF_STATUSES
    if isinstance(error, ResponseTooLarge | BlockedAddressError):
        return False
    return isinstance(error, FetchTimeout | NetworkError)


def backoff_delay(failures: int, *, base: timedelta, cap: timedelta, retry_after: float | None) -> timedelta:
    """``base * 2**(failures-1)`` capped at ``cap``, or a longer ``Retry-After`` (up to a day)."""
    exponent = min(max(failures, 1) - 1, 30)
    delay: timedelta = min(base * (2**exponent), cap)
    if retry_after is not None:
        asked = min(timedelta(seconds=max(retry_after, 0.0)), MAX_RETRY_AFTER)
        delay = max(delay, asked)
    return delay
