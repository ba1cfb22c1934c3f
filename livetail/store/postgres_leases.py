"""The PostgreSQL engine's work sharing: poll leases (cluster-wide) and instance heartbeats."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from livetail.store import InstanceRecord, PollStart
from livetail.store.postgres_common import Conn, fetch_one, utc
from livetail.store.postgres_outbox import PgOutbox
from livetail.store.rows import instance_record_of, source_record_of


class PgLeases(PgOutbox):
    """At most one live lease per source across every instance on the database."""

    async def claim_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta
    ) -> str | None:
        async def claim(conn: Conn) -> str | None:
            return await _claim(conn, source, holder, now, lease, min_gap)

        return await self._transact(claim)

    async def begin_poll(
        self, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta, *, force: bool
    ) -> PollStart:
        async def begin(conn: Conn) -> PollStart:
            row = await fetch_one(conn, "SELECT * FROM sources WHERE name=%s", (source,))
            record = source_record_of(row, utc) if row else None
            if not force and record is not None and record.retry_at is not None and now < record.retry_at:
                return PollStart(record=record, token=None)
            return PollStart(record=record, token=await _claim(conn, source, holder, now, lease, min_gap))

        return await self._transact(begin)

    async def release_poll(self, source: str, token: str, *, now: datetime | None = None) -> None:
        async def release(conn: Conn) -> None:
            await _release(conn, source, token, now)

        await self._transact(release)

    async def heartbeat(
        self, *, name: str, host: str, pid: int, version: str, started_at: datetime, now: datetime
    ) -> None:
        async def beat(conn: Conn) -> None:
            await conn.execute(
                "INSERT INTO instances (name, host, pid, version, started_at, seen_at) VALUES (%s,%s,%s,%s,%s,%s) "
                "ON CONFLICT (name) DO UPDATE SET version=EXCLUDED.version, started_at=EXCLUDED.started_at, "
                "seen_at=EXCLUDED.seen_at",
                (name, host, pid, version, started_at, now),
            )

        await self._transact(beat)

    async def forget_instance(self, name: str) -> None:
        async def forget(conn: Conn) -> None:
            await conn.execute("DELETE FROM instances WHERE name = %s", (name,))

        await self._transact(forget)

    async def list_instances(self, *, since: datetime, now: datetime) -> list[InstanceRecord]:
        rows = await self._all(
            "SELECT i.*, ARRAY(SELECT l.source FROM poll_leases l WHERE l.holder = i.name AND l.token <> '' "
            "AND l.expires_at > %s ORDER BY l.source) AS leased "
            "FROM instances i WHERE i.seen_at >= %s ORDER BY i.name",
            (now, since),
        )
        return [instance_record_of(r, utc, tuple(r["leased"])) for r in rows]


async def _claim(
    conn: Conn, source: str, holder: str, now: datetime, lease: timedelta, min_gap: timedelta
) -> str | None:
    """Take ``source``'s poll lease inside the caller's transaction; its token, or None."""
    token = secrets.token_hex(16)
    gap_ok = now - min_gap if min_gap > timedelta(0) else None
    # ON CONFLICT … WHERE re-checks the row after waiting for a concurrent claimer's
    # lock, so of several instances claiming at once exactly one gets the lease.
    row = await fetch_one(
        conn,
        "INSERT INTO poll_leases AS l (source, holder, token, expires_at, started_at) "
        "VALUES (%s,%s,%s,%s,%s) ON CONFLICT (source) DO UPDATE SET holder=EXCLUDED.holder, "
        "token=EXCLUDED.token, expires_at=EXCLUDED.expires_at, started_at=EXCLUDED.started_at "
        "WHERE (l.token = '' OR l.expires_at <= EXCLUDED.started_at) "
        "AND (%s::timestamptz IS NULL OR (l.started_at <= %s AND (l.token <> '' OR l.expires_at <= %s))) "
        "RETURNING l.token",
        (source, holder, token, now + lease, now, gap_ok, gap_ok, gap_ok),
    )
    return str(row["token"]) if row else None


async def _release(conn: Conn, source: str, token: str, now: datetime | None) -> None:
    """End the lease held under ``token`` (a lost one is left alone), inside the caller's transaction."""
    await conn.execute(
        "UPDATE poll_leases SET token='', expires_at=COALESCE(%s, started_at) "
        "WHERE source=%s AND token=%s AND token <> ''",
        (now, source, token),
    )
