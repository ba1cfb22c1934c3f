"""The Store contract, written once for every engine: each test taking ``store`` runs on SQLite
and on PostgreSQL. Engine-specific behaviour (locking, refusing a newer schema, several processes
on one database) has a test per engine below.

PostgreSQL tests take their server from ``LIVETAIL_TEST_PG_DSN`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) and create and drop a database per test.
Without a reachable server they skip with the reason — except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from builders import T0, commit, make_update, page
from psycopg import sql
from psycopg.conninfo import make_conninfo

from livetail import identity
from livetail.config import StateConfig
from livetail.errors import LeaseLostError, SchemaTooNewError, StoreError
from livetail.model import EventType, Update
from livetail.reconcile import EventIntent, ReconcileResult, SourceState, reconcile
from livetail.store import PollCommit, Store
from livetail.store.migrations import migrations_for
from livetail.store.open import open_store
from livetail.store.postgres import PostgresStore
from livetail.store.postgres_common import DIGEST_LOCK_CLASS
from livetail.store.sqlite import SQLiteStore

PG_DSN = os.environ.get("LIVETAIL_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
ENGINES = ["sqlite", "postgres"]


@functools.cache
def _pg_unreachable() -> str | None:
    try:
        with psycopg.connect(PG_DSN, connect_timeout=5, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as e:
        return f"PostgreSQL is not reachable at LIVETAIL_TEST_PG_DSN={PG_DSN!r}: {str(e).strip()}"
    return None


def need_postgres() -> None:
    """Skip (fail under CI=true) when the test server is not reachable."""
    reason = _pg_unreachable()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests must run, not skip)")
    pytest.skip(f"{reason}; start it or point LIVETAIL_TEST_PG_DSN at one")


def _with_dbname(dsn: str, name: str) -> str:
    if dsn.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(dsn)
        return urlunsplit(parts._replace(path=f"/{name}"))
    return make_conninfo(dsn, dbname=name)


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards; yields its URL."""
    need_postgres()
    name = f"livetail_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_DSN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_dbname(PG_DSN, name)
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def pg_execute(dsn: str, query: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        cur = conn.execute(query, params)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


@asynccontextmanager
async def opened(engine: str, tmp_path: Path) -> AsyncIterator[Store]:
    if engine == "sqlite":
        store: Store = await SQLiteStore.open(tmp_path / "state" / "livetail.db")
        try:
            yield store
        finally:
            await store.close()
        return
    with pg_database() as dsn:
        store = await PostgresStore.open(dsn)
        try:
            yield store
        finally:
            await store.close()


@pytest.fixture(params=ENGINES)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    async with opened(request.param, tmp_path) as store:
        yield store


async def commit_to(
    store: Store, updates: Sequence[Update], now: datetime, targets: Sequence[str], *, source: str = "storm"
) -> PollCommit:
    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, updates, strategy="jsonld", now=now)

    def route(_: EventIntent) -> list[str]:
        return list(targets)

    return await store.commit_poll(
        source=source, url="https://e.org/live", title="Storm", now=now, decide=decide, route=route
    )


def is_utc(value: datetime | None) -> bool:
    return value is not None and value.tzinfo is not None and value.utcoffset() == timedelta(0)


def test_both_engines_ship_the_same_migrations() -> None:
    assert [(m.version, m.name) for m in migrations_for("sqlite")] == [
        (m.version, m.name) for m in migrations_for("postgres")
    ]


async def test_migrates_from_empty(store: Store) -> None:
    assert await store.schema_version() == len(migrations_for("sqlite"))
    assert await store.list_sources() == []


async def test_baseline_then_created_once(store: Store) -> None:
    first = await commit(store, page(1, 2, 3), T0)
    assert first.events == ()
    second = await commit(store, page(1, 2, 3, 4, 5), T0 + timedelta(minutes=5))
    assert [e.uid for e in second.events] == ["post-4", "post-5"]  # oldest first
    assert all(e.type is EventType.UPDATE_CREATED for e in second.events)
    again = await commit(store, page(1, 2, 3, 4, 5), T0 + timedelta(minutes=6))
    assert again.events == ()
    stored = await store.list_updates("storm")
    assert [u.uid for u in stored] == ["post-5", "post-4", "post-3", "post-2", "post-1"]
    assert all(u.first_seen.tzinfo is UTC or u.first_seen.utcoffset() == timedelta(0) for u in stored)
    events = await store.list_events()
    assert [e.sequence for e in events] == sorted(e.sequence for e in events)
    assert len({e.id for e in events}) == len(events) == 2


async def test_window_limit_and_source_record(store: Store) -> None:
    await commit(store, page(1, 2, 3, 4), T0)
    assert [u.uid for u in await store.list_updates("storm", limit=2)] == ["post-4", "post-3"]
    record = await store.get_source("storm")
    assert record is not None
    assert record.feed_id == identity.feed_id("storm")
    assert record.strategy == "jsonld" and record.title == "Storm"
    assert record.last_success_at == T0


async def test_failure_leaves_updates_untouched(store: Store) -> None:
    await commit(store, page(1, 2), T0)
    record = await store.record_failure(source="storm", url="https://e.org/live", error="HTTP 500", now=T0)
    assert record.consecutive_failures == 1 and record.last_error == "HTTP 500"
    assert len(await store.list_updates("storm")) == 2
    await commit(store, page(1, 2), T0 + timedelta(minutes=1))
    record2 = await store.get_source("storm")
    assert record2 is not None and record2.consecutive_failures == 0 and record2.last_error is None


async def test_edit_and_delete_are_committed(store: Store) -> None:
    await commit(store, page(1, 2, 3), T0)
    edited = [make_update(3), make_update(2, body="Body of update 2, now corrected."), make_update(1)]
    result = await commit(store, edited, T0 + timedelta(minutes=1))
    assert [e.type for e in result.events] == [EventType.UPDATE_EDITED]
    assert result.events[0].data["previous"] == {"title": "Update 2", "text": "Body of update 2."}
    stored = {u.uid: u for u in await store.list_updates("storm")}
    assert stored["post-2"].text == "Body of update 2, now corrected."
    assert stored["post-2"].modified == T0 + timedelta(minutes=1)
    result = await commit(store, [make_update(3), make_update(1)], T0 + timedelta(minutes=2))
    assert [e.type for e in result.events] == [EventType.UPDATE_DELETED]
    assert [u.uid for u in await store.list_updates("storm")] == ["post-3", "post-1"]


async def test_outbox_rows_share_the_transaction(store: Store, tmp_path: Path) -> None:
    await commit(store, page(1), T0)

    def route(event: EventIntent) -> list[str]:
        return ["hook", "mail"]

    def exploding(state: SourceState) -> ReconcileResult:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await store.commit_poll(source="storm", url="u", title=None, now=T0, decide=exploding, route=route)
    now = T0 + timedelta(minutes=1)
    updates = page(1, 2)

    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, updates, strategy="jsonld", now=now)

    await store.commit_poll(source="storm", url="u", title=None, now=now, decide=decide, route=route)
    if isinstance(store, SQLiteStore):
        with sqlite3.connect(store.path) as conn:
            rows = conn.execute("SELECT target, status FROM deliveries ORDER BY target").fetchall()
    else:
        assert isinstance(store, PostgresStore)
        rows = pg_execute(store.dsn, "SELECT target, status FROM deliveries ORDER BY target")
    assert rows == [("hook", "pending"), ("mail", "pending")]
    assert [(t.target, t.pending) for t in await store.target_stats()] == [("hook", 1), ("mail", 1)]


async def test_newer_database_refuses_to_start(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    store = await SQLiteStore.open(path)
    await store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', '2030-01-01')")
    with pytest.raises(SchemaTooNewError, match="newer livetail"):
        await SQLiteStore.open(path)


async def test_a_closed_store_and_an_open_under_a_lock_raise_store_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    store = await SQLiteStore.open(path)
    await commit(store, page(1), T0)
    await store.close()
    with pytest.raises(StoreError):
        await store.list_sources()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        import livetail.store.sqlite as engine
        import livetail.store.sqlite_schema as schema

        original = engine.BUSY_TIMEOUT_MS
        engine.BUSY_TIMEOUT_MS = schema.BUSY_TIMEOUT_MS = 50
        try:
            with pytest.raises(StoreError):
                await SQLiteStore.open(path)
        finally:
            engine.BUSY_TIMEOUT_MS = schema.BUSY_TIMEOUT_MS = original
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


async def test_writes_that_cannot_get_the_lock_raise_store_error_and_reads_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import livetail.store.sqlite as engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)  # the connection's wait for a lock
    path = tmp_path / "db.sqlite"
    store = await SQLiteStore.open(path)
    await commit(store, page(1), T0)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    now = T0 + timedelta(minutes=1)
    writes = {
        "commit_poll": lambda: commit(store, page(1, 2), now),
        "record_failure": lambda: store.record_failure(
            source="storm", url="https://e.org/live", error="x", now=now
        ),
        "record_unchanged": lambda: store.record_unchanged(source="storm", url="https://e.org/live", now=now),
        "save_archive": lambda: store.save_archive("storm", 1, b"<feed/>", now=now),
        "claim_poll": lambda: store.claim_poll("storm", "me", now, timedelta(minutes=1), timedelta(0)),
        "claim_deliveries": lambda: store.claim_deliveries(
            worker="w", now=now, lease=timedelta(minutes=1), limit=5
        ),
        "disable_target": lambda: store.disable_target("hook", reason="x", now=now),
        "requeue_deliveries": lambda: store.requeue_deliveries(target=None, dead=True, now=now),
    }
    try:
        for name, write in writes.items():
            try:
                await write()
            except StoreError as e:
                assert "locked" in str(e), (name, e)
            else:
                pytest.fail(f"{name} did not raise StoreError while the database was locked")
        # WAL: a writer holding the lock does not stop readers.
        assert [s.name for s in await store.list_sources()] == ["storm"]
        assert len(await store.list_updates("storm")) == 1
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    await commit(store, page(1, 2), now)  # the lock gone, the same write goes through
    assert len(await store.list_updates("storm")) == 2
    await store.close()


async def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open state database"):
        await SQLiteStore.open(path)


WORKER = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from builders import commit, page, T0
    from livetail.store.postgres import PostgresStore
    from livetail.store.sqlite import SQLiteStore

    async def main() -> None:
        store = await {opener}
        created = 0
        for i in range(1, 41):
            result = await commit(store, page(*range(1, i + 1)), T0 + timedelta(seconds=i))
            created += len(result.events)
        await store.close()
        print(created)

    asyncio.run(main())
    """
)


def _race(opener: str, processes: int) -> list[int]:
    """Run ``processes`` pollers of the same growing source at once; what each announced."""
    script = WORKER.format(tests=str(Path(__file__).parent), opener=opener)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "database is locked" not in err
    return [int(out) for out, _ in outputs]


def _check_race(announced: list[int], created: list[tuple[object, ...]], updates: int) -> None:
    assert updates == 40
    assert all(count == 1 for _, count in created), created
    # Exactly one process made the baseline; every later update was announced once, by someone.
    assert sum(announced) == len(created) == 40 - 1


def test_two_processes_share_one_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    announced = _race(f"SQLiteStore.open(Path({str(db)!r}))", 2)
    with sqlite3.connect(db) as conn:
        created = conn.execute(
            "SELECT uid, COUNT(*) FROM events WHERE type='update.created' GROUP BY uid"
        ).fetchall()
        updates = conn.execute("SELECT COUNT(*) FROM updates").fetchone()[0]
    _check_race(announced, created, updates)


def test_three_processes_share_one_postgres_database() -> None:
    with pg_database() as dsn:
        announced = _race(f"PostgresStore.open({dsn!r})", 3)
        created = pg_execute(dsn, "SELECT uid, COUNT(*) FROM events WHERE type='update.created' GROUP BY uid")
        [(updates,)] = pg_execute(dsn, "SELECT COUNT(*) FROM updates")
        [(sequences,)] = pg_execute(dsn, "SELECT COUNT(DISTINCT sequence) FROM events")
    _check_race(announced, created, int(updates))  # type: ignore[call-overload]
    assert sequences == len(created)


# -- the rest of the contract, on every engine -------------------------------------------------

LEASE = timedelta(minutes=1)
BASE = page(*range(1, 7))  # a baseline big enough that two new updates are announced, not held back


async def test_reads_come_back_aware_utc(store: Store) -> None:
    paris = timezone(timedelta(hours=1))
    local = T0.astimezone(paris)
    result = await commit(store, page(1, 2), local)
    assert result.events == ()
    record = await store.get_source("storm")
    assert record is not None
    for value in (record.first_polled_at, record.last_polled_at, record.last_success_at):
        assert is_utc(value) and value == T0
    stored = await store.get_update("storm", "post-1")
    assert stored is not None and is_utc(stored.first_seen) and is_utc(stored.published)
    assert stored.published == T0 + timedelta(minutes=1)
    second = await commit(store, page(1, 2, 3), local + timedelta(minutes=1))
    assert is_utc(second.events[0].occurred_at)
    got = await store.get_event(second.events[0].id)
    assert got == second.events[0]
    assert got is not None and is_utc(got.occurred_at)


async def test_validators_failures_and_backoff(store: Store) -> None:
    await store.commit_poll(
        source="storm",
        url="https://e.org/live",
        title="Storm",
        now=T0,
        decide=lambda state: reconcile(state, page(1), strategy="jsonld", now=T0),
        route=lambda _: [],
        etag='"v1"',
        last_modified="Sun, 01 Mar 2026 12:00:00 GMT",
        body_hash="abc",
    )
    retry = T0 + timedelta(minutes=10)
    first = await store.record_failure(
        source="storm",
        url="https://e.org/live",
        error="HTTP 503",
        now=T0 + timedelta(minutes=1),
        retry_at=retry,
    )
    second = await store.record_failure(
        source="storm", url="https://e.org/live", error="HTTP 503", now=T0 + timedelta(minutes=2)
    )
    assert first.retry_at == retry and second.retry_at is None
    assert first.failing_since == second.failing_since == T0 + timedelta(minutes=1)
    assert second.consecutive_failures == 2
    assert (second.etag, second.body_hash) == ('"v1"', "abc")  # a failure never touches validators
    kept = await store.record_unchanged(
        source="storm", url="https://e.org/live", now=T0 + timedelta(minutes=3)
    )
    assert kept.etag == '"v1"' and kept.last_modified == "Sun, 01 Mar 2026 12:00:00 GMT"
    assert kept.body_hash == "abc"
    assert kept.consecutive_failures == 0 and kept.failing_since is None and kept.last_error is None
    assert kept.last_success_at == T0 + timedelta(minutes=3) and kept.first_polled_at == T0
    fresh = await store.record_unchanged(
        source="storm",
        url="https://e.org/live",
        now=T0 + timedelta(minutes=4),
        etag='"v2"',
        body_hash="abc:w2",
    )
    assert fresh.etag == '"v2"' and fresh.last_modified == "Sun, 01 Mar 2026 12:00:00 GMT"
    assert fresh.body_hash == "abc:w2"  # the same page told by other bytes
    # A source first seen failing exists with its feed id, and no update.
    other = await store.record_failure(source="calm", url="https://e.org/calm", error="timeout", now=T0)
    assert other.feed_id == identity.feed_id("calm") and other.last_success_at is None
    assert [s.name for s in await store.list_sources()] == ["calm", "storm"]


async def test_sources_list_in_byte_order(store: Store) -> None:
    for name in ("b", "a", "A", "_x", "a-1"):
        await store.record_failure(source=name, url="https://e.org/", error="x", now=T0)
    assert [s.name for s in await store.list_sources()] == ["A", "_x", "a", "a-1", "b"]


async def test_update_reads(store: Store) -> None:
    await commit(store, page(1, 2, 3, 4), T0)
    assert await store.count_updates("storm") == 4
    edited = [
        make_update(4),
        make_update(3),
        make_update(2, body="Body of update 2, corrected."),
        make_update(1),
    ]
    await commit(store, edited, T0 + timedelta(minutes=1))
    after = [make_update(4), make_update(2, body="Body of update 2, corrected."), make_update(1)]
    await commit(store, after, T0 + timedelta(minutes=2))
    assert [u.uid for u in await store.list_updates("storm")] == ["post-4", "post-2", "post-1"]
    tombstones = await store.list_tombstones("storm", since=T0)
    assert [u.uid for u in tombstones] == ["post-3"]
    assert all(u.deleted_at == T0 + timedelta(minutes=2) for u in tombstones)
    assert await store.list_tombstones("storm", since=T0 + timedelta(minutes=3)) == []
    assert [u.uid for u in await store.list_edited_since("storm", since=T0)] == ["post-2"]
    assert await store.list_edited_since("storm", since=T0 + timedelta(minutes=2)) == []
    assert await store.count_updates("storm") == 4  # deleted ones count
    gone = await store.get_update("storm", "post-3")
    assert gone is not None and gone.deleted_at is not None
    by_atom = await store.get_update_by_atom_id(gone.atom_id)
    assert by_atom == gone
    assert await store.get_update("storm", "post-9") is None
    assert await store.get_update_by_atom_id("urn:nope") is None
    ordered = await store.list_by_first_seen("storm", offset=0, limit=10)
    assert [u.uid for u in ordered] == ["post-1", "post-2", "post-3", "post-4"]
    assert [u.uid for u in await store.list_by_first_seen("storm", offset=1, limit=2)] == ["post-2", "post-3"]


async def test_archives_are_saved_once(store: Store) -> None:
    await commit(store, page(1), T0)
    assert await store.get_archive("storm", 1) is None
    assert await store.save_archive("storm", 1, b"<feed>first</feed>", now=T0) == b"<feed>first</feed>"
    assert await store.save_archive("storm", 1, b"<feed>second</feed>", now=T0) == b"<feed>first</feed>"
    assert await store.get_archive("storm", 1) == b"<feed>first</feed>"


async def test_claims_keep_per_source_order(store: Store) -> None:
    await commit_to(store, BASE, T0, ["hook"])
    await commit_to(store, BASE, T0, ["hook"], source="calm")
    now = T0 + timedelta(minutes=1)
    created = await commit_to(store, page(*range(1, 9)), now, ["hook"])
    await commit_to(store, page(*range(1, 8)), now, ["hook"], source="calm")
    assert [e.uid for e in created.events] == ["post-7", "post-8"]
    first = await store.claim_deliveries(worker="a", now=now, lease=LEASE, limit=10)
    # The oldest pending row of each (target, source): storm's first event and calm's only one.
    assert [(d.source, d.event.uid) for d in first] == [("storm", "post-7"), ("calm", "post-7")]
    assert all(d.attempts == 0 and d.body is None and d.target == "hook" for d in first)
    assert await store.claim_deliveries(worker="b", now=now, lease=LEASE, limit=10) == []
    await store.delivery_sent([first[0].id], now=now, body=b"{}")
    second = await store.claim_deliveries(worker="b", now=now, lease=LEASE, limit=10)
    assert [(d.source, d.event.uid) for d in second] == [("storm", "post-8")]
    stats = {s.target: s for s in await store.target_stats()}
    assert (stats["hook"].pending, stats["hook"].sent) == (2, 1)
    assert await store.count_sent_since("hook", since=now) == 1
    assert await store.count_sent_since("hook", since=now + timedelta(microseconds=1)) == 0
    assert await store.count_sent_since("mail", since=T0) == 0


async def test_expired_claims_are_taken_over(store: Store) -> None:
    await commit_to(store, page(1), T0, ["hook"])
    await commit_to(store, page(1, 2), T0, ["hook"])
    [held] = await store.claim_deliveries(worker="dead", now=T0, lease=LEASE, limit=5)
    assert (
        await store.claim_deliveries(worker="b", now=T0 + LEASE - timedelta(seconds=1), lease=LEASE, limit=5)
        == []
    )
    [taken] = await store.claim_deliveries(
        worker="b", now=T0 + LEASE + timedelta(seconds=1), lease=LEASE, limit=5
    )
    assert taken.id == held.id and taken.attempts == 0


async def test_failures_retries_dead_letters_and_requeue(store: Store) -> None:
    await commit_to(store, page(1), T0, ["hook"])
    await commit_to(store, page(1, 2), T0, ["hook"])
    [d] = await store.claim_deliveries(worker="a", now=T0, lease=LEASE, limit=5)
    retry = T0 + timedelta(minutes=5)
    await store.delivery_failed([d.id], now=T0, error="HTTP 502", retry_at=retry, body=b"first")
    assert await store.claim_deliveries(worker="a", now=T0 + timedelta(minutes=4), lease=LEASE, limit=5) == []
    [again] = await store.claim_deliveries(worker="a", now=retry, lease=LEASE, limit=5)
    assert again.id == d.id and again.attempts == 1 and again.body == b"first"
    [stats] = await store.target_stats()
    assert (stats.pending, stats.failed, stats.dead, stats.last_error) == (1, 1, 0, "HTTP 502")
    await store.delivery_failed([d.id], now=retry, error="HTTP 410", retry_at=None, body=b"second")
    [stats] = await store.target_stats()
    assert (stats.pending, stats.dead, stats.last_error) == (0, 1, "HTTP 410")
    assert await store.claim_deliveries(worker="a", now=retry, lease=LEASE, limit=5) == []
    assert await store.requeue_deliveries(target="hook", dead=False, now=retry) == 0
    assert await store.requeue_deliveries(target=None, dead=True, now=retry) == 1
    [back] = await store.claim_deliveries(worker="a", now=retry, lease=LEASE, limit=5)
    assert back.id == d.id and back.attempts == 2 and back.body == b"first"
    await store.delivery_sent([back.id], now=retry, body=b"first")
    [stats] = await store.target_stats()  # recovered: its errors are history
    assert (stats.pending, stats.failed, stats.dead, stats.sent, stats.last_error) == (0, 0, 0, 1, None)


async def test_disabled_and_digest_targets(store: Store) -> None:
    await commit_to(store, BASE, T0, ["hook", "digest", "off"])
    await commit_to(store, page(*range(1, 9)), T0, ["hook", "digest", "off"])
    await store.disable_target("off", reason="HTTP 410 Gone", now=T0)
    claimed = await store.claim_deliveries(
        worker="a", now=T0, lease=LEASE, limit=10, digest_targets=["digest"]
    )
    assert [(d.target, d.event.uid) for d in claimed] == [("hook", "post-7")]
    batch = await store.claim_digest(target="digest", worker="a", now=T0, lease=LEASE)
    assert [d.event.uid for d in batch] == ["post-7", "post-8"]
    assert await store.claim_digest(target="digest", worker="b", now=T0, lease=LEASE) == []
    await store.delivery_sent([d.id for d in batch], now=T0, body=b"digest")
    stats = {s.target: s for s in await store.target_stats()}
    assert stats["off"].disabled_reason == "HTTP 410 Gone" and stats["digest"].sent == 2
    assert [s.target for s in await store.target_stats()] == ["digest", "hook", "off"]
    await store.requeue_deliveries(target="off", dead=False, now=T0)
    claimed = await store.claim_deliveries(
        worker="a", now=T0, lease=LEASE, limit=10, digest_targets=["digest"]
    )
    assert [(d.target, d.event.uid) for d in claimed] == [("off", "post-7")]


async def test_enqueue_events_and_replay(store: Store) -> None:
    intent = EventIntent(
        id="evt-feed-1", type=EventType.FEED_CHANGED, uid=None, title="Feed", data={"b": 1, "a": [2]}
    )
    assert await store.enqueue_event(source="storm", intent=intent, targets=["hook"], now=T0) is True
    assert await store.enqueue_event(source="storm", intent=intent, targets=["hook"], now=T0) is False
    event = await store.get_event("evt-feed-1")
    assert event is not None and event.data == {"b": 1, "a": [2]} and list(event.data) == ["b", "a"]
    assert await store.get_event("nope") is None
    await commit(store, BASE, T0)
    await commit(store, page(*range(1, 9)), T0 + timedelta(minutes=1))
    events = await store.list_events()
    assert [e.sequence for e in events] == sorted(e.sequence for e in events) and len(events) == 3
    assert [e.id for e in await store.list_events(since=events[0].sequence, limit=1)] == [events[1].id]
    [d] = await store.claim_deliveries(worker="a", now=T0, lease=LEASE, limit=5)
    await store.delivery_sent([d.id], now=T0)
    count = await store.replay_events(
        target="hook", since=0, now=T0, wanted=lambda e: e.type is not EventType.UPDATE_DELETED
    )
    assert count == 3
    [stats] = await store.target_stats()
    assert (stats.pending, stats.sent) == (3, 0)
    [again] = await store.claim_deliveries(worker="a", now=T0, lease=LEASE, limit=5)
    assert again.event.id == events[0].id and again.attempts == 0


async def test_concurrent_claims_never_share_a_row(store: Store) -> None:
    for k in range(12):
        await commit_to(store, page(1), T0, ["hook"], source=f"s{k:02d}")
        await commit_to(store, page(1, 2), T0, ["hook"], source=f"s{k:02d}")
    batches = await asyncio.gather(
        *(store.claim_deliveries(worker=f"w{i}", now=T0, lease=LEASE, limit=4) for i in range(5))
    )
    ids = [d.id for batch in batches for d in batch]
    assert len(ids) == len(set(ids)) == 12


async def test_concurrent_polls_announce_each_update_once(store: Store) -> None:
    await commit(store, BASE, T0)
    results = await asyncio.gather(
        *(commit(store, page(*range(1, 10)), T0 + timedelta(seconds=i)) for i in range(1, 5))
    )
    created = [e.uid for r in results for e in r.events if e.type is EventType.UPDATE_CREATED]
    assert sorted(created) == ["post-7", "post-8", "post-9"]
    assert await store.count_updates("storm") == 9


async def test_open_store_picks_the_engine(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    sqlite_store = await open_store(StateConfig(path=tmp_path / "a.db"))
    try:
        assert isinstance(sqlite_store, SQLiteStore)
    finally:
        await sqlite_store.close()
    with pg_database() as dsn:
        caplog.set_level(logging.WARNING, logger="livetail.store")
        both = StateConfig.model_validate({"url": dsn, "path": str(tmp_path / "b.db")})
        pg_store = await open_store(both)
        try:
            assert isinstance(pg_store, PostgresStore)
        finally:
            await pg_store.close()
        assert "state.url and state.path are both set" in caplog.text
        assert not (tmp_path / "b.db").exists()


def test_state_url_must_be_postgresql() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="expected a postgresql:// URL"):
        StateConfig.model_validate({"url": "mysql://u:secret@h/db"})
    assert StateConfig.model_validate({"url": "postgresql://h/db"}).url == "postgresql://h/db"


# -- PostgreSQL: what differs from one SQLite file ---------------------------------------------


async def test_postgres_newer_database_refuses_to_start() -> None:
    with pg_database() as dsn:
        store = await PostgresStore.open(dsn)
        await store.close()
        pg_execute(dsn, "INSERT INTO schema_migrations VALUES (999, 'from_the_future', now())")
        with pytest.raises(SchemaTooNewError, match="newer livetail"):
            await PostgresStore.open(dsn)


async def test_postgres_instances_starting_together_migrate_once() -> None:
    with pg_database() as dsn:
        stores = await asyncio.gather(*(PostgresStore.open(dsn, max_size=2) for _ in range(4)))
        try:
            assert [await s.schema_version() for s in stores] == [len(migrations_for("postgres"))] * 4
        finally:
            for s in stores:
                await s.close()
        rows = pg_execute(dsn, "SELECT version FROM schema_migrations ORDER BY version")
        assert [r[0] for r in rows] == [m.version for m in migrations_for("postgres")]


async def test_postgres_failures_are_store_errors() -> None:
    with pytest.raises(StoreError, match="cannot open state database"):
        await PostgresStore.open("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2")
    with pg_database() as dsn:
        with pytest.raises(StoreError, match="cannot open state database"):
            await PostgresStore.open(_with_dbname(dsn, "livetail_no_such_database"))
        store = await PostgresStore.open(dsn, pool_timeout=1.0)
        await commit(store, page(1), T0)
        name = (
            urlsplit(dsn).path.lstrip("/")
            if "://" in dsn
            else psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
        )
        # Connections cut under the store's feet (a server restart): the next call reconnects.
        pg_execute(
            PG_DSN, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        assert [s.name for s in await store.list_sources()] == ["storm"]
        # The database refusing connections: calls fail with StoreError, then resume.
        pg_execute(
            PG_DSN,
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name)).as_string(),
        )
        pg_execute(
            PG_DSN, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        with pytest.raises(StoreError):
            await store.list_sources()
        with pytest.raises(StoreError):
            await commit(store, page(1, 2), T0 + timedelta(minutes=1))
        pg_execute(
            PG_DSN,
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name)).as_string(),
        )
        for _ in range(60):
            try:
                result = await commit(store, page(1, 2), T0 + timedelta(minutes=1))
                break
            except StoreError:
                await asyncio.sleep(0.5)
        else:
            pytest.fail("the store did not reconnect after the database came back")
        assert [e.uid for e in result.events] == ["post-2"]
        await store.close()
        with pytest.raises(StoreError):
            await store.list_sources()


@pytest.mark.parametrize("engine", ENGINES)
def test_db_status_and_upgrade_commands(engine: str, tmp_path: Path) -> None:
    def livetail(*args: str) -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "livetail", *args, "-c", str(config)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.returncode, done.stdout + done.stderr

    config = tmp_path / "config.toml"
    with contextlib.ExitStack() as stack:
        if engine == "sqlite":
            config.write_text('[state]\npath = "state/livetail.db"\n')
        else:
            dsn = stack.enter_context(pg_database())
            parts = urlsplit(dsn)
            shown = dsn
            if parts.username and parts.password is None:  # trust auth ignores it; it must not show
                shown = urlunsplit(parts._replace(netloc=parts.netloc.replace("@", ":secret@", 1)))
            config.write_text(f"[state]\nurl = {shown!r}\n")
        code, text = livetail("db", "status")
        latest = len(migrations_for(engine))
        assert code == 1 and f"engine: {engine}" in text and f"version 0 of {latest}" in text
        assert "0005_leases" in text and "secret" not in text
        code, text = livetail("db", "upgrade")
        assert code == 0 and f"upgraded from version 0 to {latest}" in text, text
        code, text = livetail("db", "upgrade")
        assert code == 0 and "nothing to apply" in text
        code, text = livetail("db", "status")
        assert code == 0 and f"version {latest}, up to date" in text
        if engine == "postgres":
            pg_execute(dsn, "INSERT INTO schema_migrations VALUES (999, 'from_the_future', now())")
            code, text = livetail("db", "status")
            assert code == 2 and "newer than this livetail" in text
            code, text = livetail("db", "upgrade")
            assert code == 2 and "newer livetail" in text


async def test_claims_of_dead_workers_are_released(store: Store) -> None:
    await commit_to(store, BASE, T0, ["hook"])
    await commit_to(store, page(*range(1, 8)), T0, ["hook"])
    await commit_to(store, BASE, T0, ["hook"], source="calm")
    await commit_to(store, page(*range(1, 8)), T0, ["hook"], source="calm")
    [a] = await store.claim_deliveries(worker="host:1", now=T0, lease=LEASE, limit=1)
    [b] = await store.claim_deliveries(worker="host:2", now=T0, lease=LEASE, limit=1)
    assert await store.release_claims(workers=lambda name: name == "nobody") == 0
    assert await store.release_claims(workers=lambda name: name == "host:1") == 1
    [again] = await store.claim_deliveries(worker="host:3", now=T0, lease=LEASE, limit=5)
    assert again.id == a.id and again.id != b.id


# -- poll leases and instances (work sharing) ----------------------------------------------------

MINUTE = timedelta(minutes=1)
NO_GAP = timedelta(0)


async def commit_leased(
    store: Store, token: str, now: datetime, *, checked_at: datetime | None = None
) -> PollCommit:
    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, page(1, 2, 3), strategy="jsonld", now=now)

    return await store.commit_poll(
        source="storm",
        url="https://e.org/live",
        title="Storm",
        now=now,
        decide=decide,
        route=lambda _: ["hook"],
        lease_token=token,
        checked_at=checked_at,
    )


async def test_poll_leases_are_exclusive_and_expire(store: Store) -> None:
    token = await store.claim_poll("storm", "host:1", T0, MINUTE, NO_GAP)
    assert token
    assert await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=30), MINUTE, NO_GAP) is None
    assert await store.claim_poll("calm", "host:2", T0, MINUTE, NO_GAP)  # other sources are free
    await commit_leased(store, token, T0 + timedelta(seconds=10))
    await store.release_poll("storm", token)
    again = await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=20), MINUTE, NO_GAP)
    assert again and again != token
    await store.release_poll("storm", token)  # a stale token releases nothing
    assert await store.claim_poll("storm", "host:3", T0 + timedelta(seconds=21), MINUTE, NO_GAP) is None
    # Expired: taken over; the old holder's commit then writes nothing.
    taken = await store.claim_poll("storm", "host:3", T0 + timedelta(seconds=81), MINUTE, NO_GAP)
    assert taken
    with pytest.raises(LeaseLostError):
        await commit_leased(store, again, T0 + timedelta(seconds=82))
    with pytest.raises(LeaseLostError):  # held, but it ran out before the commit
        await commit_leased(store, taken, T0 + timedelta(seconds=82), checked_at=T0 + timedelta(seconds=142))
    assert await store.count_updates("storm") == 3 and await store.list_events() == []
    record = await store.get_source("storm")
    assert record is not None and record.last_success_at == T0 + timedelta(seconds=10)


async def test_scheduled_polls_keep_min_gap(store: Store) -> None:
    gap = timedelta(seconds=48)
    token = await store.claim_poll("storm", "host:1", T0, MINUTE, gap)
    assert token
    await store.release_poll("storm", token)
    assert await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=47), MINUTE, gap) is None
    forced = await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=47), MINUTE, NO_GAP)
    assert forced  # poll --once ignores the gap, not a live lease
    await store.release_poll("storm", forced)
    assert await store.claim_poll("storm", "host:1", T0 + timedelta(seconds=90), MINUTE, gap) is None
    late = await store.claim_poll("storm", "host:1", T0 + timedelta(seconds=95), MINUTE, gap)
    assert late
    # The gap also counts from when a poll ended: a slow poll is not followed at once.
    await store.release_poll("storm", late, now=T0 + timedelta(seconds=135))
    assert await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=150), MINUTE, gap) is None
    assert await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=183), MINUTE, gap)


async def test_begin_poll_reads_the_source_and_claims_unless_backing_off(store: Store) -> None:
    first = await store.begin_poll("storm", "host:1", T0, MINUTE, NO_GAP, force=False)
    assert first.record is None and first.token  # never polled: no row yet, but leased
    assert (await store.begin_poll("storm", "host:2", T0, MINUTE, NO_GAP, force=False)).token is None
    await store.release_poll("storm", first.token)
    retry = T0 + timedelta(minutes=5)
    await store.record_failure(
        source="storm", url="https://e.org/live", error="HTTP 503", now=T0, retry_at=retry
    )
    backing_off = await store.begin_poll("storm", "host:1", T0 + MINUTE, MINUTE, NO_GAP, force=False)
    assert backing_off.token is None
    assert backing_off.record is not None and backing_off.record.retry_at == retry
    # Nothing was claimed, so an explicit poll gets the lease at once; so does one after retry_at.
    forced = await store.begin_poll("storm", "host:2", T0 + MINUTE, MINUTE, NO_GAP, force=True)
    assert forced.token and forced.record is not None and forced.record.consecutive_failures == 1
    await store.release_poll("storm", forced.token)
    later = await store.begin_poll("storm", "host:1", retry, MINUTE, NO_GAP, force=False)
    assert later.token


async def test_record_unchanged_can_end_the_lease(store: Store) -> None:
    gap = timedelta(seconds=48)
    token = await store.claim_poll("storm", "host:1", T0, MINUTE, gap)
    assert token
    ended = T0 + timedelta(seconds=5)
    record = await store.record_unchanged(
        source="storm", url="https://e.org/live", now=T0, etag='"v1"', lease_token=token, ended_at=ended
    )
    assert record.etag == '"v1"' and record.last_success_at == T0
    # Released as release_poll would at ``ended``: the gap counts from there, not from the start.
    assert await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=50), MINUTE, gap) is None
    again = await store.claim_poll("storm", "host:2", T0 + timedelta(seconds=53), MINUTE, gap)
    assert again
    # A lease lost already (here: taken over) is left alone.
    await store.record_unchanged(source="storm", url="https://e.org/live", now=T0, lease_token=token)
    assert await store.claim_poll("storm", "host:3", T0 + timedelta(seconds=54), MINUTE, NO_GAP) is None


async def test_concurrent_poll_claims_grant_one_lease(store: Store) -> None:
    tokens = await asyncio.gather(
        *(store.claim_poll("storm", f"host:{i}", T0, MINUTE, NO_GAP) for i in range(8))
    )
    assert len([t for t in tokens if t]) == 1
    starts = await asyncio.gather(
        *(store.begin_poll("calm", f"host:{i}", T0, MINUTE, NO_GAP, force=False) for i in range(8))
    )
    assert len([s for s in starts if s.token]) == 1


async def test_instances_and_their_leases(store: Store) -> None:
    await store.heartbeat(name="a:1", host="a", pid=1, version="1.0", started_at=T0, now=T0)
    await store.heartbeat(name="b:2", host="b", pid=2, version="1.0", started_at=T0, now=T0)
    await store.heartbeat(name="a:1", host="a", pid=1, version="1.0", started_at=T0, now=T0 + 2 * MINUTE)
    await store.claim_poll("storm", "a:1", T0 + 2 * MINUTE, MINUTE, NO_GAP)
    await store.claim_poll("calm", "a:1", T0 + 2 * MINUTE, MINUTE, NO_GAP)
    released = await store.claim_poll("gone", "a:1", T0 + 2 * MINUTE, MINUTE, NO_GAP)
    assert released
    await store.release_poll("gone", released)
    [a] = await store.list_instances(since=T0 + MINUTE, now=T0 + 2 * MINUTE)
    assert (a.name, a.pid, a.leases, a.seen_at) == ("a:1", 1, ("calm", "storm"), T0 + 2 * MINUTE)
    assert is_utc(a.started_at)
    assert [i.name for i in await store.list_instances(since=T0, now=T0)] == ["a:1", "b:2"]
    assert (await store.list_instances(since=T0, now=T0 + 4 * MINUTE))[0].leases == ()  # expired
    await store.forget_instance("b:2")  # stopped cleanly
    assert [i.name for i in await store.list_instances(since=T0, now=T0)] == ["a:1"]
    # A dead holder's leases are released with its outbox claims.
    assert await store.release_claims(workers=lambda name: name == "a:1") == 2
    assert await store.claim_poll("storm", "b:2", T0 + 2 * MINUTE, MINUTE, NO_GAP)


async def test_postgres_digest_has_one_builder(tmp_path: Path) -> None:
    async with opened("postgres", tmp_path) as store:
        assert isinstance(store, PostgresStore)
        await commit_to(store, BASE, T0, ["digest"])
        await commit_to(store, page(*range(1, 9)), T0, ["digest"])
        async with await psycopg.AsyncConnection.connect(store.dsn) as other, other.transaction():
            await other.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (DIGEST_LOCK_CLASS, "digest")
            )
            assert await store.claim_digest(target="digest", worker="b", now=T0, lease=LEASE) == []
        batch = await store.claim_digest(target="digest", worker="a", now=T0, lease=LEASE)
        assert [d.event.uid for d in batch] == ["post-7", "post-8"]


async def _seen_again_scenario(store: Store) -> None:
    """Updates seen again unchanged get their new position, pin and last_seen, and come back
    from deletion; more than one statement's worth of them (650) on one page."""
    t1, t2, t3 = (T0 + timedelta(minutes=m) for m in (1, 2, 3))
    await commit(store, page(*range(1, 651)), T0)
    again = [make_update(651, pinned=True), *page(*range(1, 651))]
    await commit(store, again, t1)
    stored = {u.uid: u for u in await store.list_updates("storm")}
    assert len(stored) == 651
    assert all(u.last_seen == t1 for u in stored.values())
    assert stored["post-651"].position == 0 and stored["post-651"].pinned
    assert [stored[f"post-{k}"].position for k in (650, 2, 1)] == [1, 649, 650]
    without_5 = [u for u in page(*range(1, 651)) if u.uid != "post-5"]
    await commit(store, without_5, t2)
    gone = await store.get_update("storm", "post-5")
    assert gone is not None and gone.deleted_at == t2
    await commit(store, page(*range(1, 652)), t3)
    back = await store.get_update("storm", "post-5")
    assert back is not None and back.deleted_at is None and back.last_seen == t3
    assert back.position == 646
    unpinned = await store.get_update("storm", "post-651")
    assert unpinned is not None and not unpinned.pinned and unpinned.position == 0


async def test_updates_seen_again_are_moved_and_revived(store: Store) -> None:
    await _seen_again_scenario(store)


async def test_updates_seen_again_on_sqlite_before_update_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite before 3.33 has no UPDATE … FROM: the one-statement-per-update path, same results."""
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 32, 3))
    async with opened("sqlite", tmp_path) as store:
        await _seen_again_scenario(store)


async def test_the_extractor_version_is_stored_and_read_back_for_the_next_poll(store: Store) -> None:
    seen: list[int | None] = []

    async def poll(ks: tuple[int, ...], minutes: int, version: int) -> PollCommit:
        def decide(state: SourceState) -> ReconcileResult:
            seen.append(state.extractor)
            return reconcile(
                state, page(*ks), strategy="jsonld", now=T0 + timedelta(minutes=minutes), extractor=version
            )

        return await store.commit_poll(
            source="storm",
            url="https://e.org/live",
            title="Storm",
            now=T0 + timedelta(minutes=minutes),
            decide=decide,
            route=lambda _: [],
        )

    await poll((1, 2), 0, 1)
    kept = await poll((1, 2, 3), 1, 1)
    assert [e.type for e in kept.events] == [EventType.UPDATE_CREATED]
    upgraded = await poll((1, 2, 3, 4), 2, 2)  # a new livetail reads the page: a re-baseline
    assert upgraded.result.rebaselined
    assert [e.type for e in upgraded.events] == [EventType.UPDATE_CREATED]  # 4 is newer than all stored
    after = await poll((1, 2, 3, 4, 5), 3, 2)
    assert [e.type for e in after.events] == [EventType.UPDATE_CREATED]
    assert seen == [None, 1, 1, 2]
