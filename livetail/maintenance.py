"""Keeping a long-running state database small and safe: retention, WAL checkpoints, backups.

Each function opens its own SQLite connection (never the store's), so it can run in a worker
thread next to a live daemon: SQLite's locks and WAL mode keep the two consistent, and writes
happen in short ``BEGIN IMMEDIATE`` batches that wait (``busy_timeout``) rather than fail.

* :func:`prune` deletes deliveries sent before the cutoff and events older than it that no
  delivery still refers to (pending and dead-lettered rows, and their events, always stay), then
  checkpoints the WAL. Event sequence numbers never repeat (``AUTOINCREMENT``).
* :func:`backup` copies a live database with SQLite's online backup API — a ``cp`` of a WAL
  database can miss committed pages still in the ``-wal`` file, or catch a half-written page.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from livetail.errors import StoreError
from livetail.store.sqlite_schema import BUSY_TIMEOUT_MS

log = logging.getLogger("livetail.maintenance")
BATCH = 2_000
UPDATE_EVENTS = ("update.created", "update.edited", "update.deleted")


def _ts(value: datetime) -> str:
    # The store's text format: ISO 8601 UTC with microseconds, which sorts as time.
    return value.astimezone(UTC).isoformat(timespec="microseconds")


@contextmanager
def _connect(path: Path, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    if not create and not path.exists():
        raise StoreError(f"no state database at {path}")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open state database {path}: {e}") from e
    with closing(conn):
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            yield conn
        except sqlite3.DatabaseError as e:
            raise StoreError(f"state database {path}: {e}") from e


@dataclass(frozen=True, slots=True)
class PruneResult:
    deliveries: int
    events: int
    checkpoint: tuple[int, int, int]  # (busy, WAL frames, frames checkpointed)


def _batched_delete(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> int:
    """Run ``DELETE … WHERE rowid IN (SELECT … LIMIT ?)`` until nothing matches; short transactions."""
    total = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            count = conn.execute(sql, (*params, BATCH)).rowcount
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        total += count
        if count < BATCH:
            return total


def prune(path: Path, *, now: datetime, retention: timedelta) -> PruneResult:
    """Delete what is older than ``retention`` and no longer owed to anyone; checkpoint the WAL."""
    cutoff = _ts(now - retention)
    with _connect(path) as conn:
        deliveries = _batched_delete(
            conn,
            "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries "
            "WHERE status = 'sent' AND COALESCE(sent_at, due_at) < ? LIMIT ?)",
            (cutoff,),
        )
        events = _batched_delete(
            conn,
            "DELETE FROM events WHERE sequence IN (SELECT e.sequence FROM events e WHERE e.occurred_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id) LIMIT ?)",
            (cutoff,),
        )
        busy, frames, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    result = PruneResult(deliveries=deliveries, events=events, checkpoint=(busy, frames, done))
    log.info(
        "retention pruned deliveries=%d events=%d cutoff=%s wal_busy=%d",
        deliveries,
        events,
        cutoff,
        busy,
    )
    return result


def checkpoint(path: Path) -> tuple[int, int, int]:
    """Fold the WAL back into the database file (TRUNCATE: the -wal file shrinks to zero)."""
    with _connect(path) as conn:
        busy, frames, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy, frames, done


def last_activity(path: Path) -> dict[str, datetime]:
    """Per source, when its page last changed: its newest update event, or newest first-seen update.

    The daemon starts its "has this blog ended?" clock from here, so a restart does not reset it.
    """
    if not path.exists():
        return {}
    marks = ",".join("?" * len(UPDATE_EVENTS))
    found: dict[str, datetime] = {}
    with _connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        queries: list[tuple[str, tuple[str, ...]]] = []
        if "events" in tables:
            queries.append(
                (
                    f"SELECT source, MAX(occurred_at) FROM events WHERE type IN ({marks}) GROUP BY source",
                    UPDATE_EVENTS,
                )
            )
        if "updates" in tables:
            queries.append(("SELECT source, MAX(first_seen) FROM updates GROUP BY source", ()))
        for sql, params in queries:
            for source, stamp in conn.execute(sql, params):
                if stamp:
                    when = datetime.fromisoformat(stamp)
                    if source not in found or when > found[source]:
                        found[source] = when
    return found


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    bytes: int
    pages: int


def backup(source: Path, destination: Path, *, pages_per_step: int = 1024) -> BackupResult:
    """Copy a (possibly live) database to ``destination`` with the online backup API.

    The copy is written next to the destination and renamed into place once complete and
    checked, so ``destination`` is never a half-written file. It is a self-contained database
    (rollback journal, no ``-wal``), openable by livetail or ``sqlite3`` as it is.
    """
    destination = destination.resolve()
    if destination == source.resolve():
        raise StoreError("the backup must not overwrite the state database itself")
    if destination.is_dir():
        destination = destination / source.name
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        with _connect(source) as src, closing(sqlite3.connect(partial, isolation_level=None)) as dst:
            # Small steps let the daemon write between them; the API restarts a step if it did.
            src.backup(dst, pages=pages_per_step)
            dst.execute("PRAGMA journal_mode = DELETE")
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise StoreError(f"backup failed its integrity check: {check}")
            pages = int(dst.execute("PRAGMA page_count").fetchone()[0])
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"backup of {source} failed: {e}") from e
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=destination, bytes=destination.stat().st_size, pages=pages)
