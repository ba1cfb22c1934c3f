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
        self._pending: list[_Call] = []

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the store's thread, in call order.

        Calls made in one turn of the event loop go over as one batch: one hand-off to the thread
        and one back, where a hand-off each way per call cost more than the SQL of a short poll
        (hundreds of polls start in the same turn, and their answers arrive together).
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        if not self._pending:
            loop.call_soon(self._send, loop)
        self._pending.append((fn, args, future))
        return await future

    def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._pending = self._pending, []
        try:
            self._executor.submit(_run_batch, batch, loop)
        except RuntimeError:  # the executor refuses work once the store is closed
            for _, _, future in batch:
                if not future.done():
                    future.set_exception(StoreError(f"state database {self.path} is closed"))

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


_Call = tuple[Callable[..., Any], tuple[Any, ...], "asyncio.Future[Any]"]
_Outcome = tuple["asyncio.Future[Any]", Any, BaseException | None]


def _run_batch(batch: list[_Call], loop: asyncio.AbstractEventLoop) -> None:
    """On the store's thread: each call in turn (one failing does not stop the next), then the
    outcomes back to the loop in one callback."""
    outcomes: list[_Outcome] = []
    for fn, args, future in batch:
        if future.cancelled():  # its caller gave up before it ran, as run_in_executor would skip it
            continue
        try:
            outcomes.append((future, fn(*args), None))
        except BaseException as e:  # handed to the caller, as run_in_executor does
            outcomes.append((future, None, e))
    loop.call_soon_threadsafe(_settle, outcomes)


def _settle(outcomes: list[_Outcome]) -> None:
    for future, result, error in outcomes:
        if future.done():  # cancelled meanwhile
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


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
