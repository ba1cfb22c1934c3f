"""The PostgreSQL engine's outbox: events, delivery rows, claims and their outcomes.

Claims are short transactions: ``SELECT … FOR UPDATE SKIP LOCKED`` picks due rows no other
worker is claiming, an ``UPDATE`` stamps ``claimed_by``/``claimed_until``, and the transaction
commits before anything is sent. A worker that dies mid-send loses nothing: its claim expires
and another worker takes the row over. Only the oldest pending row of each (target, source)
is claimable, so per-source order holds across any number of workers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from livetail.model import Delivery, Event, TargetStats
from livetail.reconcile import EventIntent
from livetail.store.postgres_common import (
    DIGEST_LOCK_CLASS,
    EVENTS_LOCK,
    Conn,
    PgBase,
    event_of,
    fetch_all,
    fetch_one,
)


async def insert_event(conn: Conn, *, source: str, intent: EventIntent, now: datetime) -> int | None:
    """Insert an event unless its id exists; its sequence, or None when it already existed.

    The events lock is held to commit, so sequences become visible in increasing order.
    """
    await conn.execute("SELECT pg_advisory_xact_lock(%s)", (EVENTS_LOCK,))
    got = await fetch_one(
        conn,
        "INSERT INTO events (id, type, source, uid, title, occurred_at, data) VALUES (%s,%s,%s,%s,%s,%s,%s) "
        "ON CONFLICT (id) DO NOTHING RETURNING sequence",
        (intent.id, intent.type.value, source, intent.uid, intent.title, now, json.dumps(intent.data)),
    )
    return int(got["sequence"]) if got else None


async def insert_deliveries(
    conn: Conn, *, event_id: str, targets: Sequence[str], source: str, now: datetime, sequence: int
) -> None:
    for target in targets:
        await conn.execute(
            "INSERT INTO deliveries (event_id, target, source, due_at, sequence) VALUES (%s,%s,%s,%s,%s) "
            "ON CONFLICT (event_id, target) DO NOTHING",
            (event_id, target, source, now, sequence),
        )


async def _claimed(conn: Conn, ids: list[int], worker: str, until: datetime) -> list[Delivery]:
    if not ids:
        return []
    await conn.execute(
        "UPDATE deliveries SET claimed_by=%s, claimed_until=%s WHERE id = ANY(%s)", (worker, until, ids)
    )
    rows = await fetch_all(
        conn,
        "SELECT d.id AS delivery_id, d.target, d.attempts, d.body, e.* FROM deliveries d "
        "JOIN events e ON e.id = d.event_id WHERE d.id = ANY(%s) ORDER BY d.sequence, d.id",
        (ids,),
    )
    return [
        Delivery(
            id=r["delivery_id"],
            event=event_of(r),
            target=r["target"],
            source=r["source"],
            attempts=r["attempts"],
            body=bytes(r["body"]) if r["body"] is not None else None,
        )
        for r in rows
    ]


class PgOutbox(PgBase):
    """The outbox half of :class:`~livetail.store.postgres.PostgresStore`."""

    async def count_sent_since(self, target: str, *, since: datetime) -> int:
        rows = await self._all(
            "SELECT COUNT(*) AS n FROM deliveries WHERE target=%s AND status='sent' AND sent_at >= %s",
            (target, since),
        )
        return int(rows[0]["n"])

    async def release_claims(self, *, workers: Callable[[str], bool]) -> int:
        async def release(conn: Conn) -> int:
            rows = await fetch_all(
                conn,
                "SELECT DISTINCT claimed_by FROM deliveries WHERE status='pending' AND claimed_by IS NOT NULL",
            )
            dead = sorted(r["claimed_by"] for r in rows if workers(r["claimed_by"]))
            count = 0
            if dead:
                cur = await conn.execute(
                    "UPDATE deliveries SET claimed_by=NULL, claimed_until=NULL "
                    "WHERE status='pending' AND claimed_by = ANY(%s)",
                    (dead,),
                )
                count += cur.rowcount
            leased = await fetch_all(conn, "SELECT DISTINCT holder FROM poll_leases WHERE token <> ''")
            gone = sorted(r["holder"] for r in leased if workers(r["holder"]))
            if gone:
                cur = await conn.execute(
                    "UPDATE poll_leases SET token='', expires_at=started_at WHERE token <> '' AND holder = ANY(%s)",
                    (gone,),
                )
                count += cur.rowcount
            return count

        return await self._transact(release)

    async def claim_deliveries(
        self, *, worker: str, now: datetime, lease: timedelta, limit: int, digest_targets: Sequence[str] = ()
    ) -> list[Delivery]:
        async def claim(conn: Conn) -> list[Delivery]:
            # Only the oldest pending row of each (target, source) is claimable: per-source order.
            # A row another worker is claiming right now is skipped, not waited for; its younger
            # siblings stay out because it is still pending.
            rows = await fetch_all(
                conn,
                "SELECT d.id FROM deliveries d WHERE d.status='pending' AND d.due_at <= %(now)s "
                "AND (d.claimed_until IS NULL OR d.claimed_until < %(now)s) "
                "AND d.target <> ALL(%(skip)s::text[]) "
                "AND d.target NOT IN (SELECT name FROM targets WHERE disabled_at IS NOT NULL) "
                "AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.target=d.target AND o.source=d.source "
                "AND o.status='pending' AND o.sequence < d.sequence) "
                "ORDER BY d.sequence, d.id LIMIT %(limit)s FOR UPDATE OF d SKIP LOCKED",
                {"now": now, "skip": list(digest_targets), "limit": limit},  # type: ignore[arg-type]
            )
            return await _claimed(conn, [r["id"] for r in rows], worker, now + lease)

        return await self._transact(claim)

    async def claim_digest(
        self, *, target: str, worker: str, now: datetime, lease: timedelta
    ) -> list[Delivery]:
        """Every pending row of a digest target, claimed together, in sequence order."""

        async def claim(conn: Conn) -> list[Delivery]:
            # One builder per digest cluster-wide: a second instance claiming at the same time
            # gets nothing rather than a disjoint part of the batch (SKIP LOCKED alone would split
            # it). A transaction-level lock, so it never leaks through a pooled connection.
            got = await fetch_one(
                conn,
                "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s)) AS locked",
                (DIGEST_LOCK_CLASS, target),
            )
            if not got or not got["locked"]:
                return []
            rows = await fetch_all(
                conn,
                "SELECT id FROM deliveries WHERE target=%s AND status='pending' AND due_at <= %s "
                "AND (claimed_until IS NULL OR claimed_until < %s) ORDER BY sequence, id FOR UPDATE SKIP LOCKED",
                (target, now, now),
            )
            return await _claimed(conn, [r["id"] for r in rows], worker, now + lease)

        return await self._transact(claim)

    async def delivery_sent(
        self, delivery_ids: Sequence[int], *, now: datetime, body: bytes | None = None
    ) -> None:
        async def done(conn: Conn) -> None:
            await conn.execute(
                "UPDATE deliveries SET status='sent', sent_at=%s, last_attempt_at=%s, attempts=attempts+1, "
                "claimed_by=NULL, claimed_until=NULL, body=COALESCE(body, %s::bytea) WHERE id = ANY(%s)",
                (now, now, body, sorted(delivery_ids)),
            )

        await self._transact(done)

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

        async def failed(conn: Conn) -> None:
            await conn.execute(
                "UPDATE deliveries SET status=%s, due_at=COALESCE(%s::timestamptz, due_at), last_error=%s, "
                "last_attempt_at=%s, attempts=attempts+1, claimed_by=NULL, claimed_until=NULL, "
                "body=COALESCE(body, %s::bytea) WHERE id = ANY(%s)",
                (
                    "pending" if retry_at else "dead",
                    retry_at,
                    _text(error[:2000]),
                    now,
                    body,
                    sorted(delivery_ids),
                ),
            )

        await self._transact(failed)

    async def enqueue_event(
        self, *, source: str, intent: EventIntent, targets: Sequence[str], now: datetime
    ) -> bool:
        async def enqueue(conn: Conn) -> bool:
            sequence = await insert_event(conn, source=source, intent=intent, now=now)
            if sequence is None:
                return False
            await insert_deliveries(
                conn, event_id=intent.id, targets=targets, source=source, now=now, sequence=sequence
            )
            return True

        return await self._transact(enqueue)

    async def disable_target(self, name: str, *, reason: str, now: datetime) -> None:
        async def disable(conn: Conn) -> None:
            await conn.execute(
                "INSERT INTO targets (name, disabled_at, disabled_reason) VALUES (%s,%s,%s) "
                "ON CONFLICT (name) DO UPDATE SET disabled_at=excluded.disabled_at, "
                "disabled_reason=excluded.disabled_reason",
                (name, now, _text(reason)),
            )

        await self._transact(disable)

    async def target_stats(self) -> list[TargetStats]:
        rows = await self._all(
            "SELECT d.target, "
            "COUNT(*) FILTER (WHERE d.status='pending') AS pending, "
            "COUNT(*) FILTER (WHERE d.status='pending' AND d.attempts > 0) AS failed, "
            "COUNT(*) FILTER (WHERE d.status='dead') AS dead, COUNT(*) FILTER (WHERE d.status='sent') AS sent, "
            # Only rows still failed or dead-lettered: once they are sent the error is history.
            "(SELECT last_error FROM deliveries x WHERE x.target=d.target AND x.last_error IS NOT NULL "
            " AND x.status IN ('pending', 'dead') "
            " ORDER BY x.last_attempt_at DESC NULLS LAST LIMIT 1) AS last_error, "
            "(SELECT disabled_reason FROM targets t WHERE t.name=d.target AND t.disabled_at IS NOT NULL) "
            " AS disabled_reason "
            "FROM deliveries d GROUP BY d.target ORDER BY d.target"
        )
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

    async def requeue_deliveries(self, *, target: str | None, dead: bool, now: datetime) -> int:
        """Make failed (or, with ``dead``, dead-lettered) rows due now; re-enable a disabled target."""

        async def requeue(conn: Conn) -> int:
            statuses = ["pending", "dead"] if dead else ["pending"]
            cur = await conn.execute(
                "UPDATE deliveries SET status='pending', due_at=%s, claimed_until=NULL "
                "WHERE status = ANY(%s) AND (%s::text IS NULL OR target=%s) "
                "AND (status='dead' OR attempts > 0)",
                (now, statuses, target, target),
            )
            await conn.execute(
                "UPDATE targets SET disabled_at=NULL, disabled_reason=NULL WHERE %s::text IS NULL OR name=%s",
                (target, target),
            )
            return cur.rowcount

        return await self._transact(requeue)

    async def replay_events(
        self, *, target: str, since: int, now: datetime, wanted: Callable[[Event], bool]
    ) -> int:
        """Owe ``target`` every event with ``sequence > since`` that it routes, again."""

        async def replay(conn: Conn) -> int:
            rows = await fetch_all(
                conn, "SELECT * FROM events WHERE sequence > %s ORDER BY sequence", (since,)
            )
            count = 0
            for row in rows:
                event = event_of(row)
                if not wanted(event):
                    continue
                await conn.execute(
                    "INSERT INTO deliveries (event_id, target, source, due_at, sequence) VALUES (%s,%s,%s,%s,%s) "
                    "ON CONFLICT (event_id, target) DO UPDATE SET status='pending', due_at=excluded.due_at, "
                    "claimed_until=NULL, attempts=0, last_error=NULL",
                    (event.id, target, event.source, now, event.sequence),
                )
                count += 1
            return count

        return await self._transact(replay)

    async def get_event(self, event_id: str) -> Event | None:
        rows = await self._all("SELECT * FROM events WHERE id=%s", (event_id,))
        return event_of(rows[0]) if rows else None

    async def list_events(self, *, since: int = 0, limit: int = 1000) -> list[Event]:
        rows = await self._all(
            "SELECT * FROM events WHERE sequence > %s ORDER BY sequence LIMIT %s", (since, limit)
        )
        return [event_of(r) for r in rows]


def _text(value: str) -> str:
    """PostgreSQL text cannot hold NUL; SQLite can. Error strings may carry one from a response."""
    return value.replace("\x00", "\ufffd")
