"""What the SQLite engine's parts share: the worker-thread plumbing and row mapping.

:class:`SQLiteBase` owns the connection (used only from its one-thread executor) and the
``BEGIN IMMEDIATE`` write transaction; the ``_row`` helpers turn rows into domain values.
"""

import asyncio
import json
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from livetail import identity
from livetail.errors import StoreError
from livetail.model import Event, EventType, StoredUpdate
from livetail.store import SourceRecord

T = TypeVar("T")


def _ts(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _need(value: str | None) -> datetime:
    parsed = _dt(value)
    if parsed is None:
        raise StoreError("a required timestamp is missing in the database")
    return parsed


class SQLiteBase:
    """Connection, executor and transactions; the engine's parts inherit from it."""

    def __init__(self, path: Path, executor: ThreadPoolExecutor, conn: sqlite3.Connection) -> None:
        self.path = path
        self._executor = executor
        self._conn = conn

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
