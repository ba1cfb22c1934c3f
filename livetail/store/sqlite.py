"""The embedded engine: one SQLite file in WAL mode, driven from one worker thread.

Writes run in ``BEGIN IMMEDIATE`` transactions: in WAL mode a deferred transaction that reads
first and then writes fails with "database is locked" at once, whatever the busy timeout,
whereas IMMEDIATE takes the write lock up front and waits ``busy_timeout`` for it. All SQLite
calls run on a single-thread executor so the event loop never blocks on disk.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from livetail.errors import LeaseLostError, StoreError
from livetail.model import Event, EventType
from livetail.reconcile import KnownUpdate, SourceState
from livetail.store import Decide, PollCommit, RouteEvent, SourceRecord
from livetail.store.pages import page_for
from livetail.store.sqlite_base import (
    _ensure_source,
    _need,
    _source_record,
    _ts,
    _wrap,
)
from livetail.store.sqlite_leases import _release
from livetail.store.sqlite_reads import SQLiteReads
from livetail.store.sqlite_schema import BUSY_TIMEOUT_MS, _current_version, _enable_wal, _migrate


class SQLiteStore(SQLiteReads):
    """The :class:`~livetail.store.Store` on SQLite. Create with :meth:`open`."""

    engine = "sqlite"

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
            followed = conn.execute("SELECT page, url FROM source_pages WHERE source=?", (source,))
            at = page_for(url, row["page"], [(r["page"], r["url"]) for r in followed])
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
                    "published, first_seen FROM updates WHERE source = ? AND page = ?",
                    (source, at.page),
                )
            )
            elsewhere: frozenset[str] = frozenset()
            if at.turned:
                elsewhere = frozenset(
                    r[0]
                    for r in conn.execute(
                        "SELECT fingerprint FROM updates WHERE source = ? AND page <> ?", (source, at.page)
                    )
                )
            state = SourceState(
                name=source,
                polled_before=row["last_success_at"] is not None,
                strategy=row["strategy"],
                known=known,
                extractor=row["extractor"],
                page=at.page,
                turned=at.turned,
                elsewhere=elsewhere,
            )
            result = decide(state)
            stamp = _ts(now)
            inserted: set[str] = set()
            # Updates seen again unchanged (most of a page, every poll) only move: written in one
            # statement after the loop, unless a uid is written twice (then order matters).
            uids = [w.stored_uid for w in result.writes]
            seen_again: list[tuple[str, int, int]] | None = [] if len(set(uids)) == len(uids) else None
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
                        "first_seen, page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        "ON CONFLICT (source, uid) DO NOTHING RETURNING uid",
                        (*values, source, w.stored_uid, w.atom_id, u.fingerprint, stamp, at.page),
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
                elif seen_again is not None:
                    seen_again.append((w.stored_uid, int(u.pinned), w.position))
                else:
                    conn.execute(
                        "UPDATE updates SET pinned=?, last_seen=?, position=?, deleted_at=NULL "
                        "WHERE source=? AND uid=?",
                        (int(u.pinned), stamp, w.position, source, w.stored_uid),
                    )
            _mark_seen_again(conn, source, stamp, seen_again or [])
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
            if at.first_time:
                conn.execute(
                    "INSERT INTO source_pages (source, page, url) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                    (source, at.page, url),
                )
            # The validators are saved here, with the reconciled state they describe, and
            # nowhere before: a poll that fails after fetching must not earn 304s forever.
            conn.execute(
                "UPDATE sources SET url=?, title=COALESCE(?, title), strategy=?, extractor=?, "
                "first_polled_at=COALESCE(first_polled_at, ?), last_polled_at=?, last_success_at=?, "
                "last_error=NULL, consecutive_failures=0, retry_at=NULL, failing_since=NULL, "
                "etag=?, last_modified=?, body_hash=?, version=version + ?, page=? WHERE name=?",
                (
                    url,
                    title,
                    result.strategy,
                    result.extractor,
                    stamp,
                    stamp,
                    stamp,
                    *validators,
                    int(bool(result.writes_changed)),
                    at.page,
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
        body_hash: str | None = None,
        lease_token: str | None = None,
        ended_at: datetime | None = None,
    ) -> SourceRecord:
        def unchanged() -> SourceRecord:
            stamp = _ts(now)
            with self._write() as conn:
                _ensure_source(conn, source, url)
                row = conn.execute(
                    "UPDATE sources SET first_polled_at=COALESCE(first_polled_at, ?), last_polled_at=?, "
                    "last_success_at=?, last_error=NULL, consecutive_failures=0, retry_at=NULL, "
                    "failing_since=NULL, etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified), "
                    "body_hash=COALESCE(?, body_hash) "
                    "WHERE name=? RETURNING *",
                    (stamp, stamp, stamp, etag, last_modified, body_hash, source),
                ).fetchone()
                if lease_token is not None:
                    _release(conn, source, lease_token, ended_at or now)
                return _source_record(row)

        return await self._run(unchanged)

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


#: Rows per statement in :func:`_mark_seen_again` (3 parameters each; old SQLite allows 999).
_SEEN_AGAIN_ROWS = 300


def _mark_seen_again(
    conn: sqlite3.Connection, source: str, stamp: str | None, rows: list[tuple[str, int, int]]
) -> None:
    """``UPDATE … SET pinned, last_seen, position, deleted_at=NULL`` for many ``(uid, pinned, position)``.

    One ``UPDATE … FROM (VALUES …)`` per chunk rather than one statement per update: each
    statement is a trip through the sqlite3 module that releases and retakes the GIL, which the
    event loop's thread then waits for. SQLite before 3.33 has no ``UPDATE … FROM``: one each there.
    """
    if sqlite3.sqlite_version_info < (3, 33, 0):
        conn.executemany(
            "UPDATE updates SET pinned=?, last_seen=?, position=?, deleted_at=NULL WHERE source=? AND uid=?",
            [(pinned, stamp, position, source, uid) for uid, pinned, position in rows],
        )
        return
    for start in range(0, len(rows), _SEEN_AGAIN_ROWS):
        chunk = rows[start : start + _SEEN_AGAIN_ROWS]
        values = ",".join(["(?,?,?)"] * len(chunk))
        conn.execute(
            "UPDATE updates SET pinned=v.column2, last_seen=?, position=v.column3, deleted_at=NULL "
            f"FROM (VALUES {values}) AS v WHERE updates.source=? AND updates.uid=v.column1",
            (stamp, *(x for row in chunk for x in row), source),
        )
