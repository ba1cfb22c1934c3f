"""The SQLite engine's work sharing: poll leases and instance heartbeats
(see :mod:`livetail.store.sqlite`).
"""

import secrets
import sqlite3
from datetime import datetime, timedelta

from livetail.store import InstanceRecord, PollStart
from livetail.store.rows import instance_record_of
from livetail.store.sqlite_base import _dt, _source_record, _ts, _wrap
from livetail.store.sqlite_work import SQLiteWork


class SQLiteLeases(SQLiteWork):
    """Poll leases and instance heartbeats."""

    async def claim_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta
    ) -> str | None:
        def claim() -> str | None:
            with self._write() as conn:
                return _claim(conn, source, holder, now, lease, min_gap)

        return await self._run(claim)

    async def begin_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta, *, force: bool
    ) -> PollStart:
        def begin() -> PollStart:
            with self._write() as conn:
                row = conn.execute("SELECT * FROM sources WHERE name=?", (source,)).fetchone()
                record = _source_record(row) if row else None
                if not force and record is not None and record.retry_at is not None and now < record.retry_at:
                    return PollStart(record=record, token=None)
                return PollStart(record=record, token=_claim(conn, source, holder, now, lease, min_gap))

        return await self._run(begin)

    async def release_poll(self, source: str, token: str, *, now: datetime | None = None) -> None:
        def release() -> None:
            with self._write() as conn:
                _release(conn, source, token, now)

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

    async def forget_instance(self, name: str) -> None:
        def forget() -> None:
            with self._write() as conn:
                conn.execute("DELETE FROM instances WHERE name=?", (name,))

        await self._run(forget)

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
            return [instance_record_of(r, _dt, tuple(held.get(r["name"], ()))) for r in rows]

        return await self._run(listing)


def _claim(
    conn: sqlite3.Connection, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta
) -> str | None:
    """Take ``source``'s poll lease inside the caller's write transaction; its token, or None."""
    token = secrets.token_hex(16)
    gap_ok = _ts(now - min_gap) if min_gap > timedelta(0) else None
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


def _release(conn: sqlite3.Connection, source: str, token: str, now: datetime | None) -> None:
    """End the lease held under ``token`` (a lost one is left alone), inside the caller's transaction."""
    conn.execute(
        "UPDATE poll_leases SET token='', expires_at=COALESCE(?, started_at) "
        "WHERE source=? AND token=? AND token <> ''",
        (_ts(now), source, token),
    )
