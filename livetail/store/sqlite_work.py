"""The SQLite engine's outbox methods (see :mod:`livetail.store.sqlite`)."""

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from livetail.model import Delivery, Event, TargetStats
from livetail.reconcile import EventIntent
from livetail.store.sqlite_base import SQLiteBase, _event, _ts, _wrap


class SQLiteWork(SQLiteBase):
    """Deliveries, digests and targets."""

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
                    # Only rows still failed or dead-lettered: once they are sent the error is history.
                    "(SELECT last_error FROM deliveries x WHERE x.target=d.target AND x.last_error IS NOT NULL "
                    " AND x.status IN ('pending', 'dead') "
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
