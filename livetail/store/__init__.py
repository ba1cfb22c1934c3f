"""The state store: one async protocol, two engines behind it (SQLite, the embedded default; PostgreSQL).

Contract every engine keeps:

* datetimes go in and come out timezone-aware UTC;
* every method raises only :class:`~livetail.errors.StoreError` (a database newer than the
  code raises :class:`~livetail.errors.SchemaTooNewError` at open);
* :meth:`Store.commit_poll` is one transaction: it reads the source's state, lets the caller's
  pure ``decide`` function turn it into a :class:`~livetail.reconcile.ReconcileResult`, and
  writes the updates, the events (ids unique, sequence numbers only growing) and the outbox
  rows those events cause — all or nothing. Unique keys, not memory, make ``update.created``
  happen once per update even with several pollers;
* :meth:`Store.record_failure` and :meth:`Store.record_unchanged` are one transaction each and
  touch no update;
* a source's conditional-GET validators (``etag``, ``last_modified``) and ``body_hash`` are
  written only by :meth:`Store.commit_poll` (in the reconcile transaction) and refreshed by
  :meth:`Store.record_unchanged` — never by a failed poll, which must not earn 304s forever;
* reads see only committed data;
* :meth:`Store.claim_poll` hands out at most one live lease per source (cluster-wide on
  PostgreSQL) and spaces scheduled polls by ``min_gap``; :meth:`Store.commit_poll` given a
  ``lease_token`` commits nothing and raises :class:`~livetail.errors.LeaseLostError` when that
  lease expired or was taken over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from livetail.model import Delivery, Event, StoredUpdate, TargetStats
from livetail.reconcile import EventIntent, ReconcileResult, SourceState


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRecord:
    """A source's row: identity plus the outcome of its last polls."""

    name: str
    feed_id: str
    url: str
    title: str | None
    strategy: str | None
    first_polled_at: datetime | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    version: int
    #: Conditional-GET validators and the body hash of the last page that was reconciled.
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    #: No scheduled poll before this (Retry-After or exponential backoff); None when healthy.
    retry_at: datetime | None = None
    #: When the current run of consecutive failures began; None when healthy.
    failing_since: datetime | None = None
    #: The page the latest reconciled poll read, numbered from 1 (``url`` is its URL): a source
    #: pointed at the next day's live blog moves to page 2 (see :mod:`livetail.store.pages`).
    page: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class PollCommit:
    """What :meth:`Store.commit_poll` wrote: the decision and the events as committed."""

    result: ReconcileResult
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PollStart:
    """What :meth:`Store.begin_poll` found: the source as stored and the poll's lease, if it got one."""

    record: SourceRecord | None
    #: None: the source is backing off (``record.retry_at`` is later), or another lease holds it.
    token: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InstanceRecord:
    """A running instance's heartbeat row and the sources it holds a live poll lease on."""

    name: str
    host: str
    pid: int
    version: str
    started_at: datetime
    seen_at: datetime
    leases: tuple[str, ...] = ()


Decide = Callable[[SourceState], ReconcileResult]
RouteEvent = Callable[[EventIntent], Sequence[str]]


class Store(Protocol):
    """State of every source, update, event and delivery. See the module docstring for the contract."""

    async def commit_poll(
        self,
        *,
        source: str,
        url: str,
        title: str | None,
        now: datetime,
        decide: Decide,
        route: RouteEvent,
        etag: str | None = None,
        last_modified: str | None = None,
        body_hash: str | None = None,
        lease_token: str | None = None,
        checked_at: datetime | None = None,
    ) -> PollCommit:
        """Reconcile and write one successful poll in a single transaction.

        With ``lease_token`` the poll's lease is checked inside the transaction (after the source
        row is locked): unless it is still held under that token and unexpired at ``checked_at``
        (default ``now``), nothing is written and :class:`~livetail.errors.LeaseLostError` is raised.

        ``route`` names the targets an event is owed to; one outbox row is written per name.
        The fetched page's validators and body hash are saved in the same statement that marks
        the poll successful (and clears failures, ``retry_at`` and ``failing_since``).
        """
        ...

    async def record_failure(
        self, *, source: str, url: str, error: str, now: datetime, retry_at: datetime | None = None
    ) -> SourceRecord:
        """Mark a poll failed with its reason (and when to try again); stored updates stay untouched.

        Returns the source as it now is (``consecutive_failures`` counts this failure).
        """
        ...

    async def record_unchanged(
        self,
        *,
        source: str,
        url: str,
        now: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
        body_hash: str | None = None,
        lease_token: str | None = None,
        ended_at: datetime | None = None,
    ) -> SourceRecord:
        """Mark a poll successful that found the page unchanged (a 304, or the same body hash).

        Failures, ``retry_at`` and ``failing_since`` reset; validators the answer carried, and a
        ``body_hash`` that tells the same page by other bytes, replace the saved ones (None keeps
        them). Returns the source as it now is.
        With ``lease_token`` the poll's lease is released in the same transaction, as
        :meth:`release_poll` would at ``ended_at`` (default ``now``).
        """
        ...

    async def list_updates(self, source: str, *, limit: int | None = None) -> list[StoredUpdate]:
        """Live (not deleted) updates of a source, newest first by published (else first seen)."""
        ...

    async def list_tombstones(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        """Updates deleted at or after ``since``, most recently deleted first."""
        ...

    async def get_update(self, source: str, uid: str) -> StoredUpdate | None:
        """One update by uid, deleted or not."""
        ...

    async def get_update_by_atom_id(self, atom_id: str) -> StoredUpdate | None: ...

    async def list_edited_since(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        """Live updates whose ``modified`` is at or after ``since``, newest edit first."""
        ...

    async def count_updates(self, source: str) -> int:
        """Every update ever stored for the source, deleted ones included."""
        ...

    async def list_by_first_seen(self, source: str, *, offset: int, limit: int) -> list[StoredUpdate]:
        """All updates (deleted included) in first-seen order: the stable order of archive pages."""
        ...

    async def get_archive(self, source: str, page: int) -> bytes | None: ...

    async def save_archive(self, source: str, page: int, body: bytes, *, now: datetime) -> bytes:
        """Store an archive page unless one exists; return the stored bytes (first writer wins)."""
        ...

    async def get_source(self, name: str) -> SourceRecord | None: ...

    # The outbox. Claims are short transactions that set ``claimed_by``/``claimed_until``; the
    # send happens outside any transaction, and its outcome is recorded in another one.

    async def count_sent_since(self, target: str, *, since: datetime) -> int:
        """Rows delivered to ``target`` at or after ``since`` (for ``max_per_hour``)."""
        ...

    async def release_claims(self, *, workers: Callable[[str], bool]) -> int:
        """Clear claims (outbox rows and poll leases) held by workers for which ``workers(name)`` is
        true (known to be dead), so they are taken over now rather than when they expire; how many."""
        ...

    async def claim_deliveries(
        self, *, worker: str, now: datetime, lease: timedelta, limit: int, digest_targets: Sequence[str] = ()
    ) -> list[Delivery]:
        """Claim due rows, at most the oldest pending one per (target, source) so order holds.

        Disabled targets and ``digest_targets`` (sent in batches by :meth:`claim_digest`) are skipped.
        """
        ...

    async def claim_digest(
        self, *, target: str, worker: str, now: datetime, lease: timedelta
    ) -> list[Delivery]: ...

    async def delivery_sent(
        self, delivery_ids: Sequence[int], *, now: datetime, body: bytes | None = None
    ) -> None: ...

    async def delivery_failed(
        self,
        delivery_ids: Sequence[int],
        *,
        now: datetime,
        error: str,
        retry_at: datetime | None,
        body: bytes | None = None,
    ) -> None:
        """Record a failed attempt: due again at ``retry_at``, or dead-lettered when it is None."""
        ...

    async def disable_target(self, name: str, *, reason: str, now: datetime) -> None: ...

    async def enqueue_event(
        self, *, source: str, intent: EventIntent, targets: Sequence[str], now: datetime
    ) -> bool:
        """Commit one event outside a poll (e.g. a feed change) with its outbox rows; False if it existed."""
        ...

    async def target_stats(self) -> list[TargetStats]: ...

    async def requeue_deliveries(self, *, target: str | None, dead: bool, now: datetime) -> int: ...

    async def replay_events(
        self, *, target: str, since: int, now: datetime, wanted: Callable[[Event], bool]
    ) -> int: ...

    async def list_sources(self) -> list[SourceRecord]: ...

    # Work sharing between instances.

    async def claim_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta
    ) -> str | None:
        """Lease ``source`` for a poll until ``now + lease``; the lease token, or None when another
        unexpired lease holds it or (``min_gap`` > 0) a poll of it started
        or ended less than ``min_gap`` ago."""
        ...

    async def begin_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta, *, force: bool
    ) -> PollStart:
        """Read ``source`` and, unless it is backing off (``retry_at`` after ``now``; ``force``
        ignores that), :meth:`claim_poll` it: one round trip where a poll used to make two."""
        ...

    async def release_poll(self, source: str, token: str, *, now: datetime | None = None) -> None:
        """End a lease when its poll is done (``now``, default: when it started); a lease lost already
        is left alone. ``min_gap`` counts from the later of a poll's start and its release, so the
        fetches of successive scheduled polls are at least ``min_gap`` apart."""
        ...

    async def heartbeat(
        self, *, name: str, host: str, pid: int, version: str, started_at: datetime, now: datetime
    ) -> None:
        """Record that instance ``name`` is alive at ``now``."""
        ...

    async def forget_instance(self, name: str) -> None:
        """Remove instance ``name``'s row: it stopped cleanly, so nobody should see it as running."""
        ...

    async def list_instances(self, *, since: datetime, now: datetime) -> list[InstanceRecord]:
        """Instances seen at or after ``since``, each with the sources it leases at ``now``."""
        ...

    async def get_event(self, event_id: str) -> Event | None:
        """One committed event by id."""
        ...

    async def list_events(self, *, since: int = 0, limit: int = 1000) -> list[Event]:
        """Committed events with ``sequence > since``, in sequence order."""
        ...

    async def schema_version(self) -> int: ...

    async def close(self) -> None: ...
