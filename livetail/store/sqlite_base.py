"""What the SQLite engine's parts share: the worker-thread plumbing and row mapping.

:class:`SQLiteBase` owns the connection (used only from its one-thread executor) and the
``BEGIN IMMEDIATE`` write transaction; the ``_row`` helpers turn rows into domain values.
"""

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from livetail import identity
from livetail.errors import StoreError
from livetail.model import Event, StoredUpdate
from livetail.store import SourceRecord
from livetail.store.rows import event_of, source_record_of, stored_update_of

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
    return event_of(r, _dt)


def _stored_update(r: sqlite3.Row) -> StoredUpdate:
    return stored_update_of(r, _dt)


def _source_record(row: sqlite3.Row) -> SourceRecord:
    return source_record_of(row, _dt)
