"""The Store contract, written once for every engine (SQLite now; PostgreSQL joins the `store`
fixture's params when its engine lands)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from builders import T0, commit, make_update, page

from livetail import identity
from livetail.errors import SchemaTooNewError, StoreError
from livetail.model import EventType
from livetail.reconcile import EventIntent, ReconcileResult, SourceState, reconcile
from livetail.store import Store
from livetail.store.migrations import migrations_for
from livetail.store.sqlite import SQLiteStore


@pytest.fixture(params=["sqlite"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    opened = await SQLiteStore.open(tmp_path / "state" / "livetail.db")
    try:
        yield opened
    finally:
        await opened.close()


async def test_migrates_from_empty(store: Store) -> None:
    assert await store.schema_version() == len(migrations_for("sqlite"))
    assert await store.list_sources() == []


async def test_baseline_then_created_once(store: Store) -> None:
    first = await commit(store, page(1, 2, 3), T0)
    assert first.events == ()
    second = await commit(store, page(1, 2, 3, 4, 5), T0 + timedelta(minutes=5))
    assert [e.uid for e in second.events] == ["post-5", "post-4"]
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
        assert rows == [("hook", "pending"), ("mail", "pending")]


async def test_newer_database_refuses_to_start(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    store = await SQLiteStore.open(path)
    await store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', '2030-01-01')")
    with pytest.raises(SchemaTooNewError, match="newer livetail"):
        await SQLiteStore.open(path)


async def test_every_method_raises_store_error_when_locked(tmp_path: Path) -> None:
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

        original = engine.BUSY_TIMEOUT_MS
        engine.BUSY_TIMEOUT_MS = 50
        try:
            with pytest.raises(StoreError):
                await SQLiteStore.open(path)
        finally:
            engine.BUSY_TIMEOUT_MS = original
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


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
    from livetail.store.sqlite import SQLiteStore

    async def main() -> None:
        store = await SQLiteStore.open(Path({db!r}))
        created = 0
        for i in range(1, 41):
            result = await commit(store, page(*range(1, i + 1)), T0 + timedelta(seconds=i))
            created += len(result.events)
        await store.close()
        print(created)

    asyncio.run(main())
    """
)


def test_two_processes_share_one_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    script = WORKER.format(tests=str(Path(__file__).parent), db=str(db))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "database is locked" not in err
    with sqlite3.connect(db) as conn:
        created = conn.execute(
            "SELECT uid, COUNT(*) FROM events WHERE type='update.created' GROUP BY uid"
        ).fetchall()
        updates = conn.execute("SELECT COUNT(*) FROM updates").fetchone()[0]
    assert updates == 40
    assert all(count == 1 for _, count in created), created
    # Exactly one process made the baseline; every later update was announced once, by someone.
    assert sum(int(out) for out, _ in outputs) == len(created) == 40 - 1
