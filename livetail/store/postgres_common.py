"""What the PostgreSQL engine's modules share: the pool, transactions, error wrapping, row mapping.

Every call runs in one short transaction on a pooled connection (the pool commits on success
and rolls back on error). Deadlocks and serialization failures are retried a few times with
the whole body re-run — which is why callers' ``decide`` functions must be pure. Every other
operational failure (the server unreachable, the pool timing out or closed, a connection
dropped) becomes :class:`~livetail.errors.StoreError`; SQL mistakes stay bugs.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import psycopg
from psycopg import AsyncConnection
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool, PoolClosed, PoolTimeout

from livetail.errors import StoreError
from livetail.model import Event, StoredUpdate
from livetail.store import rows
from livetail.store.migrations import migrations_for, schema_too_new

T = TypeVar("T")
Conn = AsyncConnection[DictRow]
Row = dict[str, Any]
#: Retries of a transaction that lost a deadlock or a serialization race.
RETRIES = 4
#: pg_advisory_xact_lock key held from an event's insert to its commit, so events commit in
#: sequence order and a reader following ``sequence > since`` never misses a late commit.
EVENTS_LOCK = 0x6C69_7665_0001  # "live", 1
#: pg_advisory_xact_lock key the migrations run under, so N instances starting together migrate once.
MIGRATIONS_LOCK = 0x6C69_7665_0002
#: First key of the two-key pg_try_advisory_xact_lock(class, hashtext(target)) a digest claim takes.
DIGEST_LOCK_CLASS = 0x6C74_0003

#: Seconds to wait for a new connection, and for a free pooled one, before a StoreError.
CONNECT_TIMEOUT = 10
POOL_TIMEOUT = 20.0
POOL_MAX_SIZE = 8


def connect_kwargs(dsn: str) -> dict[str, Any]:
    given = conninfo_to_dict(dsn)
    extra: dict[str, Any] = {"row_factory": dict_row}
    if "connect_timeout" not in given:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    if "application_name" not in given:
        extra["application_name"] = "livetail"
    return extra


def describe(dsn: str) -> str:
    """The DSN without its password: ``postgresql://user@host:port/dbname``."""
    try:
        parts = conninfo_to_dict(dsn)
    except psycopg.Error:
        return "postgresql://…"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host') or 'localhost'}{port}/{parts.get('dbname') or ''}"


#: SQLSTATEs of a backend that went away under us: admin/crash shutdown, cannot connect now.
_GONE = frozenset({"57P01", "57P02", "57P03"})


def _connection_lost(e: BaseException | None) -> bool:
    """A connection that broke mid-transaction: nothing was committed, so the body can run again.

    Not a pool timeout (the server has been unreachable for ``pool_timeout`` already; waiting
    again would only multiply the stall). Bodies are safe to re-run: writes are keyed (unique
    constraints, ON CONFLICT) and ``decide`` functions are pure. A COMMIT lost in flight that did
    commit is re-run too: its inserts then find their rows and change nothing.
    """
    if not isinstance(e, psycopg.OperationalError) or isinstance(e, PoolTimeout | PoolClosed):
        return False
    state = e.sqlstate
    return state is None or state.startswith("08") or state in _GONE


def _is_bug(e: psycopg.Error) -> bool:
    """SQL the code got wrong (syntax, unknown column, bad parameters) — not a failure to wrap."""
    if not isinstance(e, psycopg.ProgrammingError):
        return False
    state = e.sqlstate
    return state is None or (state.startswith("42") and state != "42501")  # 42501: no privilege


@contextmanager
def wrap(where: str) -> Iterator[None]:
    """Turn operational database failures into StoreError; programming errors stay bugs."""
    try:
        yield
    except psycopg.Error as e:
        if _is_bug(e):
            raise
        raise StoreError(f"state database {where}: {str(e).strip() or type(e).__name__}") from e


class PgBase:
    """The pool and the transaction runner every PostgreSQL store method goes through."""

    engine = "postgres"

    def __init__(self, dsn: str, pool: AsyncConnectionPool[Conn]) -> None:
        self.dsn = dsn
        self.where = describe(dsn)
        self._pool = pool

    async def _transact(self, body: Callable[[Conn], Awaitable[T]]) -> T:
        """Run ``body`` in one transaction on a pooled connection; retry lost deadlocks."""
        for attempt in range(RETRIES):
            try:
                with wrap(self.where):
                    async with self._pool.connection() as conn:
                        return await body(conn)
            except StoreError as e:
                cause = e.__cause__
                lost = _connection_lost(cause)
                retryable = lost or isinstance(
                    cause, psycopg.errors.DeadlockDetected | psycopg.errors.SerializationFailure
                )
                if not retryable or attempt == RETRIES - 1:
                    raise
            # A lost connection (the server restarted, or our backend was terminated) is retried
            # on a fresh one: the pool discards broken connections.
            await asyncio.sleep(random.uniform(0.005, 0.05) * (attempt + 1) + (0.2 * attempt if lost else 0))
        raise AssertionError("unreachable")

    async def _all(self, sql: str, params: tuple[object, ...] = ()) -> list[Row]:
        async def run(conn: Conn) -> list[Row]:
            cur = await conn.execute(sql, params)
            return list(await cur.fetchall())

        return await self._transact(run)


async def fetch_all(conn: Conn, sql: str, params: tuple[object, ...] | list[object] = ()) -> list[Row]:
    cur = await conn.execute(sql, params)
    return list(await cur.fetchall())


async def fetch_one(conn: Conn, sql: str, params: tuple[object, ...] | list[object] = ()) -> Row | None:
    cur = await conn.execute(sql, params)
    return await cur.fetchone()


def utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value is not None else None


def need(value: datetime | None) -> datetime:
    if value is None:
        raise StoreError("a required timestamp is missing in the database")
    return value.astimezone(UTC)


def event_of(r: Row) -> Event:
    return rows.event_of(r, utc)


def stored_update_of(r: Row) -> StoredUpdate:
    return rows.stored_update_of(r, utc)


async def current_version(conn: Conn) -> int:
    """The schema version the database is at; 0 when livetail never migrated it."""
    found = await fetch_one(conn, "SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
    if not found or not found["present"]:
        return 0
    row = await fetch_one(conn, "SELECT MAX(version) AS v FROM schema_migrations")
    return int(row["v"] or 0) if row else 0


async def migrate(conn: Conn) -> list[int]:
    """Apply pending migrations in one transaction under an advisory lock; the versions applied.

    Instances starting together queue on the lock; the first migrates and the rest find
    nothing left to do. A database newer than this code raises SchemaTooNewError.
    """
    migrations = migrations_for("postgres")
    latest = migrations[-1].version if migrations else 0
    applied = []
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATIONS_LOCK,))
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        )
        current = await current_version(conn)
        if current > latest:
            raise schema_too_new(current, latest)
        for migration in migrations[current:]:
            for statement in migration.statements():
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s,%s,%s)",
                (migration.version, migration.name, datetime.now(UTC)),
            )
            applied.append(migration.version)
    return applied


async def inspect(dsn: str) -> tuple[int, int]:
    """(schema version of the database, newest version this code ships), migrating nothing."""
    with wrap(describe(dsn)):
        conn = await psycopg.AsyncConnection.connect(dsn, **connect_kwargs(dsn))
        async with conn:
            current = await current_version(conn)
    return current, len(migrations_for("postgres"))
