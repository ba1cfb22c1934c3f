"""The embedded engine: one SQLite file in WAL mode, driven from one worker thread.

Writes run in ``BEGIN IMMEDIATE`` transactions: in WAL mode a deferred transaction that reads
first and then writes fails with "database is locked" at once, whatever the busy timeout,
whereas IMMEDIATE takes the write lock up front and waits ``busy_timeout`` for it. All SQLite
calls run on a single-thread executor so the event loop never blocks on disk.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from livetail import identity
from livetail.errors import LeaseLostError, SchemaTooNewError, StoreError
from livetail.model import Delivery, Event, EventType, StoredUpdate, TargetStats
from livetail.reconcile import EventIntent, KnownUpdate, SourceState
from livetail.store import Decide, InstanceRecord, PollCommit, RouteEvent, SourceRecord
from livetail.store.migrations import migrations_for

T = TypeVar("T")
BUSY_TIMEOUT_MS = 30_000


def _ts(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _need(value: str | None) -> datetime:
    parsed = _dt(value)
    if parsed is None:
        raise StoreError("a required timestamp is missing in the database")
    return parsed


class SQLiteStore:
    """The :class:`~livetail.store.Store` on SQLite. Create with :meth:`open`."""

    engine = "sqlite"

    def __init__(self, path: Path, executor: ThreadPoolExecutor, conn: sqlite3.Connection) -> None:
        self.path = path
        self._executor = executor
        self._conn = conn

    @classmethod
    async def open(cls, path: Path) -> SQLiteStore:
        """Open (creating folders and the file), switch to WAL and apply pending migrations."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="livetail-sqlite")
        loop = asyncio.get_running_loop()
        try:
            conn = await loop.run_in_executor(executor, cls._connect, path)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(path, executor, conn)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            try:
                _migrate(conn)
            except BaseException:
                conn.close()
                raise
            return conn
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open state database {path}: {e}") from e
        except OSError as e:
            raise StoreError(f"cannot create state folder for {path}: {e.strerror}") from e

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, fn, *args)
        except RuntimeError as e:  # the executor refuses work once the store is closed
            raise StoreError(f"state database {self.path} is closed") from e
        return await future

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        with _wrap(self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- writes ---------------------------------------------------------------------------

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
        validators = (etag, last_modified, body_hash)
        lease = (lease_token, checked_at or now) if lease_token is not None else None
        return await self._run(self._commit_poll, source, url, title, now, decide, route, validators, lease)

    def _commit_poll(
        self,
        source: str,
        url: str,
        title: str | None,
        now: datetime,
        decide: Decide,
        route: RouteEvent,
        validators: tuple[str | None, str | None, str | None],
        lease: tuple[str, datetime] | None = None,
    ) -> PollCommit:
        with self._write() as conn:
            row = _ensure_source(conn, source, url)
            if lease is not None:
                held = conn.execute(
                    "SELECT 1 FROM poll_leases WHERE source=? AND token=? AND expires_at > ?",
                    (source, lease[0], _ts(lease[1])),
                ).fetchone()
                if held is None:
                    raise LeaseLostError(source)
            known = tuple(
                KnownUpdate(
                    uid=r["uid"],
                    fingerprint=r["fingerprint"],
                    content_hash=r["content_hash"],
                    title=r["title"],
                    text=r["text"],
                    pinned=bool(r["pinned"]),
                    deleted=r["deleted_at"] is not None,
                    position=r["position"],
                    when=_need(r["published"] or r["first_seen"]),
                )
                for r in conn.execute(
                    "SELECT uid, fingerprint, content_hash, title, text, pinned, deleted_at, position, "
                    "published, first_seen FROM updates WHERE source = ?",
                    (source,),
                )
            )
            state = SourceState(
                name=source,
                polled_before=row["last_success_at"] is not None,
                strategy=row["strategy"],
                known=known,
            )
            result = decide(state)
            stamp = _ts(now)
            inserted: set[str] = set()
            for w in result.writes:
                u = w.update
                values = (
                    w.content_hash,
                    u.title,
                    u.content_html,
                    u.text,
                    u.url,
                    _ts(u.published),
                    _ts(u.modified),
                    json.dumps(list(u.authors)),
                    int(u.pinned),
                    int(u.key_event),
                    stamp,
                    w.position,
                )
                if w.is_new:
                    got = conn.execute(
                        "INSERT INTO updates (content_hash, title, content_html, text, url, published, modified, "
                        "authors, pinned, key_event, last_seen, position, source, uid, atom_id, fingerprint, "
                        "first_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        "ON CONFLICT (source, uid) DO NOTHING RETURNING uid",
                        (*values, source, w.stored_uid, w.atom_id, u.fingerprint, stamp),
                    ).fetchone()
                    if got:
                        inserted.add(w.stored_uid)
                elif w.changed:
                    conn.execute(
                        "UPDATE updates SET content_hash=?, title=?, content_html=?, text=?, url=?, published=?, "
                        "modified=COALESCE(?, ?), authors=?, pinned=?, key_event=?, last_seen=?, position=?, "
                        "deleted_at=NULL, fingerprint=? WHERE source=? AND uid=?",
                        (*values[:6], values[6], stamp, *values[7:], u.fingerprint, source, w.stored_uid),
                    )
                else:
                    conn.execute(
                        "UPDATE updates SET pinned=?, last_seen=?, position=?, deleted_at=NULL "
                        "WHERE source=? AND uid=?",
                        (int(u.pinned), stamp, w.position, source, w.stored_uid),
                    )
            for uid in result.deleted_uids:
                conn.execute(
                    "UPDATE updates SET deleted_at=? WHERE source=? AND uid=? AND deleted_at IS NULL",
                    (stamp, source, uid),
                )
            events = []
            for intent in result.events:
                if intent.type is EventType.UPDATE_CREATED and intent.uid not in inserted:
                    continue  # someone else stored it first: their event, not ours
                got = conn.execute(
                    "INSERT INTO events (id, type, source, uid, title, occurred_at, data) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT (id) DO NOTHING RETURNING sequence",
                    (
                        intent.id,
                        intent.type.value,
                        source,
                        intent.uid,
                        intent.title,
                        stamp,
                        json.dumps(intent.data),
                    ),
                ).fetchone()
                if got is None:
                    continue
                events.append(
                    Event(
                        id=intent.id,
                        sequence=got["sequence"],
                        type=intent.type,
                        source=source,
                        uid=intent.uid,
                        title=intent.title,
                        occurred_at=now,
                        data=intent.data,
                    )
                )
                for target in route(intent):
                    conn.execute(
                        "INSERT INTO deliveries (event_id, target, source, due_at, sequence) VALUES (?,?,?,?,?) "
                        "ON CONFLICT (event_id, target) DO NOTHING",
                        (intent.id, target, source, stamp, got["sequence"]),
                    )
            # The validators are saved here, with the reconciled state they describe, and
            # nowhere before: a poll that fails after fetching must not earn 304s forever.
            conn.execute(
                "UPDATE sources SET url=?, title=COALESCE(?, title), strategy=?, "
                "first_polled_at=COALESCE(first_polled_at, ?), last_polled_at=?, last_success_at=?, "
                "last_error=NULL, consecutive_failures=0, retry_at=NULL, failing_since=NULL, "
                "etag=?, last_modified=?, body_hash=?, version=version + ? WHERE name=?",
                (
                    url,
                    title,
                    result.strategy,
                    stamp,
                    stamp,
                    stamp,
                    *validators,
                    int(bool(result.writes_changed)),
                    source,
                ),
            )
            return PollCommit(result=result, events=tuple(events))

    async def record_failure(
        self, *, source: str, url: str, error: str, now: datetime, retry_at: datetime | None = None
    ) -> SourceRecord:
        return await self._run(self._record_failure, source, url, error, now, retry_at)

    def _record_failure(
        self, source: str, url: str, error: str, now: datetime, retry_at: datetime | None
    ) -> SourceRecord:
        with self._write() as conn:
            _ensure_source(conn, source, url)
            conn.execute(
                "UPDATE sources SET last_polled_at=?, last_error=?, consecutive_failures=consecutive_failures+1, "
                "retry_at=?, failing_since=COALESCE(failing_since, ?) WHERE name=?",
                (_ts(now), error, _ts(retry_at), _ts(now), source),
            )
            row = conn.execute("SELECT * FROM sources WHERE name=?", (source,)).fetchone()
            return _source_record(row)

    async def record_unchanged(
        self,
        *,
        source: str,
        url: str,
        now: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> SourceRecord:
        def unchanged() -> SourceRecord:
            stamp = _ts(now)
            with self._write() as conn:
                _ensure_source(conn, source, url)
                conn.execute(
                    "UPDATE sources SET first_polled_at=COALESCE(first_polled_at, ?), last_polled_at=?, "
                    "last_success_at=?, last_error=NULL, consecutive_failures=0, retry_at=NULL, "
                    "failing_since=NULL, etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified) "
                    "WHERE name=?",
                    (stamp, stamp, stamp, etag, last_modified, source),
                )
                row = conn.execute("SELECT * FROM sources WHERE name=?", (source,)).fetchone()
                return _source_record(row)

        return await self._run(unchanged)

    # -- reads ----------------------------------------------------------------------------

    async def list_updates(self, source: str, *, limit: int | None = None) -> list[StoredUpdate]:
        return await self._run(self._list_updates, source, limit)

    def _list_updates(self, source: str, limit: int | None) -> list[StoredUpdate]:
        return self._select_updates(
            "source=? AND deleted_at IS NULL ORDER BY COALESCE(published, first_seen) DESC, position ASC, uid ASC "
            "LIMIT ?",
            (source, -1 if limit is None else limit),
        )

    def _select_updates(self, where: str, params: tuple[object, ...]) -> list[StoredUpdate]:
        with _wrap(self.path):
            rows = self._conn.execute(f"SELECT * FROM updates WHERE {where}", params).fetchall()
        return [_stored_update(r) for r in rows]

    async def list_tombstones(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        return await self._run(
            self._select_updates,
            "source=? AND deleted_at IS NOT NULL AND deleted_at >= ? ORDER BY deleted_at DESC, uid",
            (source, _ts(since)),
        )

    async def get_update(self, source: str, uid: str) -> StoredUpdate | None:
        found = await self._run(self._select_updates, "source=? AND uid=?", (source, uid))
        return found[0] if found else None

    async def get_update_by_atom_id(self, atom_id: str) -> StoredUpdate | None:
        found = await self._run(self._select_updates, "atom_id=?", (atom_id,))
        return found[0] if found else None

    async def list_edited_since(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        return await self._run(
            self._select_updates,
            "source=? AND deleted_at IS NULL AND modified IS NOT NULL AND modified >= ? ORDER BY modified DESC, uid",
            (source, _ts(since)),
        )

    async def count_updates(self, source: str) -> int:
        def count() -> int:
            with _wrap(self.path):
                return int(
                    self._conn.execute("SELECT COUNT(*) FROM updates WHERE source=?", (source,)).fetchone()[0]
                )

        return await self._run(count)

    async def list_by_first_seen(self, source: str, *, offset: int, limit: int) -> list[StoredUpdate]:
        return await self._run(
            self._select_updates,
            "source=? ORDER BY first_seen, COALESCE(published, first_seen), uid LIMIT ? OFFSET ?",
            (source, limit, offset),
        )

    async def get_archive(self, source: str, page: int) -> bytes | None:
        def get() -> bytes | None:
            with _wrap(self.path):
                row = self._conn.execute(
                    "SELECT body FROM archives WHERE source=? AND page=?", (source, page)
                ).fetchone()
            return bytes(row[0]) if row else None

        return await self._run(get)

    async def save_archive(self, source: str, page: int, body: bytes, *, now: datetime) -> bytes:
        def save() -> bytes:
            with self._write() as conn:
                conn.execute(
                    "INSERT INTO archives (source, page, body, created_at) VALUES (?,?,?,?) "
                    "ON CONFLICT (source, page) DO NOTHING",
                    (source, page, body, _ts(now)),
                )
                row = conn.execute(
                    "SELECT body FROM archives WHERE source=? AND page=?", (source, page)
                ).fetchone()
                return bytes(row[0])

        return await self._run(save)

    # -- the outbox ------------------------------------------------------------------------

    async def count_sent_since(self, target: str, *, since: datetime) -> int:
        def count() -> int:
            with _wrap(self.path):
                row = self._conn.execute(
                    "SELECT COUNT(*) FROM deliveries WHERE target=? AND status='sent' AND sent_at >= ?",
                    (target, _ts(since)),
                ).fetchone()
            return int(row[0])

        return await self._run(count)

    async def release_claims(self, *, workers: Callable[[str], bool]) -> int:
        def release() -> int:
            with self._write() as conn:
                holders = [
                    r["claimed_by"]
                    for r in conn.execute(
                        "SELECT DISTINCT claimed_by FROM deliveries WHERE status='pending' AND claimed_by IS NOT NULL"
                    )
                ]
                count = 0
                for holder in (h for h in holders if workers(h)):
                    count += conn.execute(
                        "UPDATE deliveries SET claimed_by=NULL, claimed_until=NULL "
                        "WHERE status='pending' AND claimed_by=?",
                        (holder,),
                    ).rowcount
                leased = [
                    r["holder"]
                    for r in conn.execute("SELECT DISTINCT holder FROM poll_leases WHERE token <> ''")
                ]
                for holder in (h for h in leased if workers(h)):
                    count += conn.execute(
                        "UPDATE poll_leases SET token='', expires_at=started_at WHERE holder=? AND token <> ''",
                        (holder,),
                    ).rowcount
                return count

        return await self._run(release)

    async def claim_deliveries(
        self, *, worker: str, now: datetime, lease: timedelta, limit: int, digest_targets: Sequence[str] = ()
    ) -> list[Delivery]:
        return await self._run(self._claim, worker, now, lease, limit, tuple(digest_targets))

    def _claim(
        self, worker: str, now: datetime, lease: timedelta, limit: int, digest_targets: tuple[str, ...]
    ) -> list[Delivery]:
        stamp = _ts(now)
        skip = ",".join("?" * len(digest_targets)) or "''"
        with self._write() as conn:
            # Only the oldest pending row of each (target, source) is claimable: per-source order.
            rows = conn.execute(
                "SELECT d.id FROM deliveries d WHERE d.status='pending' AND d.due_at <= ? "
                "AND (d.claimed_until IS NULL OR d.claimed_until < ?) "
                f"AND d.target NOT IN ({skip}) "
                "AND d.target NOT IN (SELECT name FROM targets WHERE disabled_at IS NOT NULL) "
                "AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.target=d.target AND o.source=d.source "
                "AND o.status='pending' AND o.sequence < d.sequence) "
                "ORDER BY d.sequence LIMIT ?",
                (stamp, stamp, *digest_targets, limit),
            ).fetchall()
            ids = [r["id"] for r in rows]
            for delivery_id in ids:
                conn.execute(
                    "UPDATE deliveries SET claimed_by=?, claimed_until=? WHERE id=?",
                    (worker, _ts(now + lease), delivery_id),
                )
            return self._deliveries(conn, ids)

    def _deliveries(self, conn: sqlite3.Connection, ids: Sequence[int]) -> list[Delivery]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            "SELECT d.id AS delivery_id, d.target, d.attempts, d.body, e.* FROM deliveries d "
            f"JOIN events e ON e.id = d.event_id WHERE d.id IN ({marks}) ORDER BY d.sequence",
            tuple(ids),
        ).fetchall()
        return [
            Delivery(
                id=r["delivery_id"],
                event=_event(r),
                target=r["target"],
                source=r["source"],
                attempts=r["attempts"],
                body=bytes(r["body"]) if r["body"] is not None else None,
            )
            for r in rows
        ]

    async def claim_digest(
        self, *, target: str, worker: str, now: datetime, lease: timedelta
    ) -> list[Delivery]:
        """Every pending row of a digest target, claimed together, in sequence order."""

        def claim() -> list[Delivery]:
            stamp = _ts(now)
            with self._write() as conn:
                ids = [
                    r["id"]
                    for r in conn.execute(
                        "SELECT id FROM deliveries WHERE target=? AND status='pending' AND due_at <= ? "
                        "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY sequence",
                        (target, stamp, stamp),
                    )
                ]
                for delivery_id in ids:
                    conn.execute(
                        "UPDATE deliveries SET claimed_by=?, claimed_until=? WHERE id=?",
                        (worker, _ts(now + lease), delivery_id),
                    )
                return self._deliveries(conn, ids)

        return await self._run(claim)

    async def delivery_sent(
        self, delivery_ids: Sequence[int], *, now: datetime, body: bytes | None = None
    ) -> None:
        def done() -> None:
            with self._write() as conn:
                for delivery_id in delivery_ids:
                    conn.execute(
                        "UPDATE deliveries SET status='sent', sent_at=?, last_attempt_at=?, attempts=attempts+1, "
                        "claimed_by=NULL, claimed_until=NULL, body=COALESCE(body, ?) WHERE id=?",
                        (_ts(now), _ts(now), body, delivery_id),
                    )

        await self._run(done)

    async def delivery_failed(
        self,
        delivery_ids: Sequence[int],
        *,
        now: datetime,
        error: str,
        retry_at: datetime | None,
        body: bytes | None = None,
    ) -> None:
        """Record a failed attempt; ``retry_at`` None dead-letters the rows."""

        def failed() -> None:
            with self._write() as conn:
                for delivery_id in delivery_ids:
                    conn.execute(
                        "UPDATE deliveries SET status=?, due_at=COALESCE(?, due_at), last_error=?, "
                        "last_attempt_at=?, attempts=attempts+1, claimed_by=NULL, claimed_until=NULL, "
                        "body=COALESCE(body, ?) WHERE id=?",
                        (
                            "pending" if retry_at else "dead",
                            _ts(retry_at),
                            error[:2000],
                            _ts(now),
                            body,
                            delivery_id,
                        ),
                    )

        await self._run(failed)

    async def enqueue_event(
        self, *, source: str, intent: EventIntent, targets: Sequence[str], now: datetime
    ) -> bool:
        def enqueue() -> bool:
            stamp = _ts(now)
            with self._write() as conn:
                got = conn.execute(
                    "INSERT INTO events (id, type, source, uid, title, occurred_at, data) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT (id) DO NOTHING RETURNING sequence",
                    (
                        intent.id,
                        intent.type.value,
                        source,
                        intent.uid,
                        intent.title,
                        stamp,
                        json.dumps(intent.data),
                    ),
                ).fetchone()
                if got is None:
                    return False
                for target in targets:
                    conn.execute(
                        "INSERT INTO deliveries (event_id, target, source, due_at, sequence) VALUES (?,?,?,?,?) "
                        "ON CONFLICT (event_id, target) DO NOTHING",
                        (intent.id, target, source, stamp, got["sequence"]),
                    )
                return True

        return await self._run(enqueue)

    async def disable_target(self, name: str, *, reason: str, now: datetime) -> None:
        def disable() -> None:
            with self._write() as conn:
                conn.execute(
                    "INSERT INTO targets (name, disabled_at, disabled_reason) VALUES (?,?,?) "
                    "ON CONFLICT (name) DO UPDATE SET disabled_at=excluded.disabled_at, "
                    "disabled_reason=excluded.disabled_reason",
                    (name, _ts(now), reason),
                )

        await self._run(disable)

    async def target_stats(self) -> list[TargetStats]:
        def stats() -> list[TargetStats]:
            with _wrap(self.path):
                rows = self._conn.execute(
                    "SELECT d.target, "
                    "SUM(d.status='pending') AS pending, SUM(d.status='pending' AND d.attempts > 0) AS failed, "
                    "SUM(d.status='dead') AS dead, SUM(d.status='sent') AS sent, "
                    "(SELECT last_error FROM deliveries x WHERE x.target=d.target AND x.last_error IS NOT NULL "
                    " ORDER BY x.last_attempt_at DESC LIMIT 1) AS last_error, "
                    "(SELECT disabled_reason FROM targets t WHERE t.name=d.target AND t.disabled_at IS NOT NULL) "
                    " AS disabled_reason "
                    "FROM deliveries d GROUP BY d.target ORDER BY d.target"
                ).fetchall()
            return [
                TargetStats(
                    target=r["target"],
                    pending=r["pending"] or 0,
                    failed=r["failed"] or 0,
                    dead=r["dead"] or 0,
                    sent=r["sent"] or 0,
                    last_error=r["last_error"],
                    disabled_reason=r["disabled_reason"],
                )
                for r in rows
            ]

        return await self._run(stats)

    async def requeue_deliveries(self, *, target: str | None, dead: bool, now: datetime) -> int:
        """Make failed (or, with ``dead``, dead-lettered) rows due now; re-enable a disabled target."""

        def requeue() -> int:
            statuses = ("pending", "dead") if dead else ("pending",)
            with self._write() as conn:
                cursor = conn.execute(
                    f"UPDATE deliveries SET status='pending', due_at=?, claimed_until=NULL "
                    f"WHERE status IN ({','.join('?' * len(statuses))}) AND (? IS NULL OR target=?) "
                    "AND (status='dead' OR attempts > 0)",
                    (_ts(now), *statuses, target, target),
                )
                conn.execute(
                    "UPDATE targets SET disabled_at=NULL, disabled_reason=NULL WHERE ? IS NULL OR name=?",
                    (target, target),
                )
                return cursor.rowcount

        return await self._run(requeue)

    async def replay_events(
        self, *, target: str, since: int, now: datetime, wanted: Callable[[Event], bool]
    ) -> int:
        """Owe ``target`` every event with ``sequence > since`` that it routes, again."""

        def replay() -> int:
            with self._write() as conn:
                rows = conn.execute(
                    "SELECT * FROM events WHERE sequence > ? ORDER BY sequence", (since,)
                ).fetchall()
                count = 0
                for row in rows:
                    event = _event(row)
                    if not wanted(event):
                        continue
                    conn.execute(
                        "INSERT INTO deliveries (event_id, target, source, due_at, sequence) VALUES (?,?,?,?,?) "
                        "ON CONFLICT (event_id, target) DO UPDATE SET status='pending', due_at=excluded.due_at, "
                        "claimed_until=NULL, attempts=0, last_error=NULL",
                        (event.id, target, event.source, _ts(now), event.sequence),
                    )
                    count += 1
                return count

        return await self._run(replay)

    # -- work sharing ---------------------------------------------------------------------

    async def claim_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta
    ) -> str | None:
        token = secrets.token_hex(16)
        gap_ok = _ts(now - min_gap) if min_gap > timedelta(0) else None

        def claim() -> str | None:
            with self._write() as conn:
                row = conn.execute(
                    "INSERT INTO poll_leases AS l (source, holder, token, expires_at, started_at) "
                    "VALUES (?,?,?,?,?) ON CONFLICT (source) DO UPDATE SET holder=excluded.holder, "
                    "token=excluded.token, expires_at=excluded.expires_at, started_at=excluded.started_at "
                    "WHERE (l.token = '' OR l.expires_at <= excluded.started_at) "
                    "AND (? IS NULL OR (l.started_at <= ? AND (l.token <> '' OR l.expires_at <= ?))) "
                    "RETURNING token",
                    (source, holder, token, _ts(now + lease), _ts(now), gap_ok, gap_ok, gap_ok),
                ).fetchone()
                return str(row["token"]) if row else None

        return await self._run(claim)

    async def release_poll(self, source: str, token: str, *, now: datetime | None = None) -> None:
        def release() -> None:
            with self._write() as conn:
                conn.execute(
                    "UPDATE poll_leases SET token='', expires_at=COALESCE(?, started_at) "
                    "WHERE source=? AND token=? AND token <> ''",
                    (_ts(now), source, token),
                )

        await self._run(release)

    async def heartbeat(
        self, *, name: str, host: str, pid: int, version: str, started_at: datetime, now: datetime
    ) -> None:
        def beat() -> None:
            with self._write() as conn:
                conn.execute(
                    "INSERT INTO instances (name, host, pid, version, started_at, seen_at) VALUES (?,?,?,?,?,?) "
                    "ON CONFLICT (name) DO UPDATE SET version=excluded.version, started_at=excluded.started_at, "
                    "seen_at=excluded.seen_at",
                    (name, host, pid, version, _ts(started_at), _ts(now)),
                )

        await self._run(beat)

    async def list_instances(self, *, since: datetime, now: datetime) -> list[InstanceRecord]:
        def listing() -> list[InstanceRecord]:
            with _wrap(self.path):
                rows = self._conn.execute(
                    "SELECT * FROM instances WHERE seen_at >= ? ORDER BY name", (_ts(since),)
                ).fetchall()
                leases = self._conn.execute(
                    "SELECT holder, source FROM poll_leases WHERE token <> '' AND expires_at > ? ORDER BY source",
                    (_ts(now),),
                ).fetchall()
            held: dict[str, list[str]] = {}
            for lease in leases:
                held.setdefault(lease["holder"], []).append(lease["source"])
            return [
                InstanceRecord(
                    name=r["name"],
                    host=r["host"],
                    pid=r["pid"],
                    version=r["version"],
                    started_at=_need(r["started_at"]),
                    seen_at=_need(r["seen_at"]),
                    leases=tuple(held.get(r["name"], ())),
                )
                for r in rows
            ]

        return await self._run(listing)

    async def get_source(self, name: str) -> SourceRecord | None:
        return await self._run(self._get_source, name)

    def _get_source(self, name: str) -> SourceRecord | None:
        with _wrap(self.path):
            row = self._conn.execute("SELECT * FROM sources WHERE name=?", (name,)).fetchone()
        return _source_record(row) if row else None

    async def list_sources(self) -> list[SourceRecord]:
        return await self._run(self._list_sources)

    def _list_sources(self) -> list[SourceRecord]:
        with _wrap(self.path):
            rows = self._conn.execute("SELECT * FROM sources ORDER BY name").fetchall()
        return [_source_record(r) for r in rows]

    async def get_event(self, event_id: str) -> Event | None:
        def get() -> Event | None:
            with _wrap(self.path):
                row = self._conn.execute("SELECT * FROM events WHERE id=?", (event_id,)).fetchone()
            return _event(row) if row else None

        return await self._run(get)

    async def list_events(self, *, since: int = 0, limit: int = 1000) -> list[Event]:
        return await self._run(self._list_events, since, limit)

    def _list_events(self, since: int, limit: int) -> list[Event]:
        with _wrap(self.path):
            rows = self._conn.execute(
                "SELECT * FROM events WHERE sequence > ? ORDER BY sequence LIMIT ?", (since, limit)
            ).fetchall()
        return [_event(r) for r in rows]

    async def schema_version(self) -> int:
        return await self._run(self._schema_version)

    def _schema_version(self) -> int:
        with _wrap(self.path):
            return _current_version(self._conn)

    async def close(self) -> None:
        def close() -> None:
            self._conn.close()

        try:
            await self._run(close)
        finally:
            self._executor.shutdown(wait=True)


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out other openers: this pragma fails with "database is locked" at
    once, without the busy handler, while another process holds a lock on a new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def _wrap(path: Path) -> Iterator[None]:
    """Turn operational database failures into StoreError; programming errors stay bugs."""
    try:
        yield
    except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.DatabaseError as e:
        raise StoreError(f"state database {path}: {e}") from e


def _ensure_source(conn: sqlite3.Connection, name: str, url: str) -> sqlite3.Row:
    conn.execute(
        "INSERT INTO sources (name, feed_id, url) VALUES (?,?,?) ON CONFLICT (name) DO NOTHING",
        (name, identity.feed_id(name), url),
    )
    row: sqlite3.Row = conn.execute("SELECT * FROM sources WHERE name=?", (name,)).fetchone()
    return row


def _event(r: sqlite3.Row) -> Event:
    return Event(
        id=r["id"],
        sequence=r["sequence"],
        type=EventType(r["type"]),
        source=r["source"],
        uid=r["uid"],
        title=r["title"],
        occurred_at=_need(r["occurred_at"]),
        data=json.loads(r["data"]),
    )


def _stored_update(r: sqlite3.Row) -> StoredUpdate:
    return StoredUpdate(
        source=r["source"],
        uid=r["uid"],
        atom_id=r["atom_id"],
        fingerprint=r["fingerprint"],
        content_hash=r["content_hash"],
        title=r["title"],
        content_html=r["content_html"],
        text=r["text"],
        url=r["url"],
        published=_dt(r["published"]),
        modified=_dt(r["modified"]),
        authors=tuple(json.loads(r["authors"])),
        pinned=bool(r["pinned"]),
        key_event=bool(r["key_event"]),
        first_seen=_need(r["first_seen"]),
        last_seen=_need(r["last_seen"]),
        deleted_at=_dt(r["deleted_at"]),
        position=r["position"],
    )


def _source_record(row: sqlite3.Row) -> SourceRecord:
    return SourceRecord(
        name=row["name"],
        feed_id=row["feed_id"],
        url=row["url"],
        title=row["title"],
        strategy=row["strategy"],
        first_polled_at=_dt(row["first_polled_at"]),
        last_polled_at=_dt(row["last_polled_at"]),
        last_success_at=_dt(row["last_success_at"]),
        last_error=row["last_error"],
        consecutive_failures=row["consecutive_failures"],
        version=row["version"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        body_hash=row["body_hash"],
        retry_at=_dt(row["retry_at"]),
        failing_since=_dt(row["failing_since"]),
    )


def _current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def _migrate(conn: sqlite3.Connection) -> None:
    migrations = migrations_for("sqlite")
    latest = migrations[-1].version if migrations else 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = _current_version(conn)
        if current > latest:
            raise SchemaTooNewError(
                f"the state database is at schema version {current} but this livetail knows only up to "
                f"{latest}: it was written by a newer livetail. Upgrade livetail (never delete the state)."
            )
        for migration in migrations[current:]:
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?,?,?)",
                (migration.version, migration.name, _ts(datetime.now(UTC))),
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
