"""A source pointed at another page (the next day's live blog) tells its updates apart per page.

Publishers that start a fresh live blog every day reuse post ids ("post-1"…) on each page. The
new page's posts are new updates, announced as created, with Atom ids of their own; the old
page's entries stay in the feed as they were. A redirect or a fragment is the same page.
Real HTTP server, the real CLI, real SQLite and PostgreSQL files and databases.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from builders import T0, make_update, no_targets, page
from conftest import PageServer, jsonld_blog
from feedcheck import NS, assert_valid_atom
from lxml import etree
from test_operate import daemon_config, source_block
from test_server import free_port
from test_store_contract import pg_database, pg_execute
from webhook_receiver import SECRET, Receiver

from livetail import identity
from livetail.config import load_config
from livetail.daemon import Daemon
from livetail.model import EventType, Update
from livetail.pipeline import PollResult
from livetail.reconcile import ReconcileResult, SourceState, reconcile
from livetail.scheduler import DAILY
from livetail.store import PollCommit, Store
from livetail.store.postgres import PostgresStore
from livetail.store.sqlite import SQLiteStore
from livetail.systemd import SystemdNotifier

DAY_ONE = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DAY_TWO = DAY_ONE + timedelta(days=1)
ENGINES = ["sqlite", "postgres"]


def posts(day: datetime, n: int, *, label: str, ids: str = "post") -> list[dict[str, str]]:
    """``n`` posts of one day's live blog, newest first, with ids ``<ids>-1``… as publishers reuse them."""
    return [
        {
            "id": f"{ids}-{k}",
            "headline": f"{label}: update {k}",
            "body": f"{label}, update {k}. Officials said more details would follow.",
            "published": (day + timedelta(minutes=10 * k)).isoformat(),
        }
        for k in range(n, 0, -1)
    ]


@contextlib.contextmanager
def state_line(engine: str) -> Iterator[str]:
    """The ``[state]`` line of a config on ``engine`` (a fresh PostgreSQL database, dropped after)."""
    if engine == "sqlite":
        yield 'path = "state/livetail.db"'
        return
    with pg_database() as dsn:
        yield f"url = {json.dumps(dsn)}"


def write_config(tmp: Path, url: str, state: str, hook: str) -> Path:
    path = tmp / "config.toml"
    path.write_text(
        f"""
[state]
{state}
[publish]
dir = "public"
base_url = "http://feeds.example.test/"
[[sources]]
name = "storm"
url = "{url}"
interval = "2m"
[[targets]]
name = "hook"
type = "webhook"
url = "{hook}"
secret = "{SECRET}"
""",
        encoding="utf-8",
    )
    return path


def poll(config: Path) -> list[tuple[str, str | None]]:
    """``poll --once``: the (type, uid) of each event it committed."""
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "poll", "--once", "--json", "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return [(e["type"], e["uid"]) for e in json.loads(proc.stdout)]


def feed_entries(tmp: Path) -> dict[str, str]:
    """The source's Atom feed as {entry id: title}, after checking it is valid Atom."""
    data = (tmp / "public" / "feeds" / "storm.atom").read_bytes()
    assert_valid_atom(data)
    return {
        e.findtext("a:id", namespaces=NS) or "": e.findtext("a:title", namespaces=NS) or ""
        for e in etree.fromstring(data).findall("a:entry", NS)
    }


def alerted(receiver: Receiver) -> list[tuple[str, str]]:
    return [(r.payload["type"], r.payload["data"]["update"]["title"]) for r in receiver.received if r.payload]  # type: ignore[index]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_next_days_page_is_announced_and_yesterdays_entries_stay(
    engine: str, tmp_path: Path, page_server: PageServer
) -> None:
    day_one, day_two = page_server.url("/live/day-1"), page_server.url("/live/day-2")
    page_server.set("/live/day-1", jsonld_blog(posts(DAY_ONE, 3, label="Day one"), url=day_one))
    page_server.set("/live/day-2", jsonld_blog(posts(DAY_TWO, 3, label="Day two"), url=day_two))
    receiver = Receiver()
    with state_line(engine) as state:
        config = write_config(tmp_path, day_one, state, receiver.url("/hook"))
        assert poll(config) == []  # a new source: the silent baseline
        yesterday = feed_entries(tmp_path)
        assert sorted(yesterday.values()) == [f"Day one: update {k}" for k in (1, 2, 3)]

        # The user points the source at the next day's page, whose posts reuse the ids post-1…3.
        write_config(tmp_path, day_two, state, receiver.url("/hook"))
        assert poll(config) == [
            ("update.created", "page2:post-1"),
            ("update.created", "page2:post-2"),
            ("update.created", "page2:post-3"),
        ]
        assert alerted(receiver) == [("update.created", f"Day two: update {k}") for k in (1, 2, 3)]
        today = feed_entries(tmp_path)
        assert {i: t for i, t in today.items() if i in yesterday} == yesterday, (
            "yesterday's entries as they were"
        )
        assert sorted(t for i, t in today.items() if i not in yesterday) == [
            f"Day two: update {k}" for k in (1, 2, 3)
        ]

        # The new page goes on as any page does: its own edits and new posts, nothing of day one.
        edited = posts(DAY_TWO, 4, label="Day two")
        edited[2]["body"] = "Day two, update 2. Officials have now confirmed the bridge is closed."
        page_server.set("/live/day-2", jsonld_blog(edited, url=day_two))
        assert sorted(poll(config)) == [("update.created", "page2:post-4"), ("update.edited", "page2:post-2")]
        later = feed_entries(tmp_path)
        assert {i: t for i, t in later.items() if i in yesterday} == yesterday
        assert len(later) == 7
    receiver.close()


def test_a_redirect_is_the_same_page_and_a_page_with_other_ids_is_announced_not_degraded(
    tmp_path: Path, page_server: PageServer
) -> None:
    day_one, day_two = page_server.url("/live/day-1"), page_server.url("/live/day-2")
    page_server.set("/live/day-1", jsonld_blog(posts(DAY_ONE, 3, label="Day one"), url=day_one))
    page_server.set("/live/day-2", jsonld_blog(posts(DAY_TWO, 3, label="Day two", ids="entry"), url=day_two))
    receiver = Receiver()
    state = 'path = "state/livetail.db"'
    config = write_config(tmp_path, day_one, state, receiver.url("/hook"))
    assert poll(config) == []
    before = feed_entries(tmp_path)

    # The site moves the page behind a redirect (a trailing slash) and the user adds a fragment:
    # the same page, whose new post is the only news.
    page_server.set("/live/day-1", "", status=301, headers={"Location": "/live/day-1/"})
    page_server.set("/live/day-1/", jsonld_blog(posts(DAY_ONE, 4, label="Day one"), url=day_one + "/"))
    write_config(tmp_path, day_one + "#latest", state, receiver.url("/hook"))
    assert poll(config) == [("update.created", "post-4")]
    after = feed_entries(tmp_path)
    assert {i: t for i, t in after.items() if i in before} == before and len(after) == 4

    # The next day's page shares no id with it: all new, and news, not a degraded poll.
    write_config(tmp_path, day_two, state, receiver.url("/hook"))
    assert poll(config) == [("update.created", f"page2:entry-{k}") for k in (1, 2, 3)]
    assert len(feed_entries(tmp_path)) == 7
    receiver.close()


# -- the store: pages per source, on both engines ---------------------------------------------------


@contextlib.contextmanager
def address(engine: str, tmp_path: Path) -> Iterator[str]:
    """Where a fresh state database lives: a SQLite path, or a PostgreSQL database (dropped after)."""
    if engine == "sqlite":
        yield str(tmp_path / "state" / "livetail.db")
        return
    with pg_database() as dsn:
        yield dsn


async def open_at(engine: str, where: str) -> Store:
    return await SQLiteStore.open(Path(where)) if engine == "sqlite" else await PostgresStore.open(where)


@asynccontextmanager
async def database(engine: str, tmp_path: Path) -> AsyncIterator[Store]:
    with address(engine, tmp_path) as where:
        store = await open_at(engine, where)
        try:
            yield store
        finally:
            await store.close()


def run_sql(engine: str, where: str, statements: Sequence[str]) -> None:
    if engine == "postgres":
        for statement in statements:
            pg_execute(where, statement)
        return
    with contextlib.closing(sqlite3.connect(where)) as conn, conn:
        for statement in statements:
            conn.execute(statement)


async def commit_at(store: Store, url: str, updates: Sequence[Update], now: datetime) -> PollCommit:
    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, updates, strategy="jsonld", now=now)

    return await store.commit_poll(
        source="storm", url=url, title="Storm", now=now, decide=decide, route=no_targets
    )


def day_two(*ks: int) -> list[Update]:
    """Posts ``ks`` of the next day's page: the same ids as the first page's, other news."""
    return [make_update(k, title=f"Day two, update {k}") for k in sorted(ks, reverse=True)]


def created_uids(commit: PollCommit) -> list[str | None]:
    assert all(e.type is EventType.UPDATE_CREATED for e in commit.events), commit.events
    return [e.uid for e in commit.events]


async def atom_ids(store: Store) -> dict[str, str]:
    return {u.uid: u.atom_id for u in await store.list_updates("storm")}


@pytest.mark.parametrize("engine", ENGINES)
async def test_pointing_back_at_an_earlier_page_carries_on_where_it_was_left(
    engine: str, tmp_path: Path
) -> None:
    one, two = "https://e.org/live/day-1", "https://e.org/live/day-2"
    async with database(engine, tmp_path) as store:
        assert created_uids(await commit_at(store, one, page(1, 2, 3), T0)) == []
        first = await atom_ids(store)
        assert created_uids(await commit_at(store, two, day_two(1, 2), T0 + timedelta(hours=1))) == [
            "page2:post-1",
            "page2:post-2",
        ]
        # Back on the first page (a mistaken switch undone): only its new post is news.
        back = await commit_at(store, one, page(1, 2, 3, 4), T0 + timedelta(hours=2))
        assert created_uids(back) == ["post-4"] and not back.result.degraded
        # …and on the second page again: its own third post, nothing of the first page's.
        again = await commit_at(store, two, day_two(1, 2, 3), T0 + timedelta(hours=3))
        assert created_uids(again) == ["page2:post-3"]
        ids = await atom_ids(store)
        assert {uid: ids[uid] for uid in first} == first
        assert ids["page2:post-1"] == identity.atom_id("storm", "page2:post-1") != first["post-1"]
        assert len(ids) == 4 + 3


@pytest.mark.parametrize("engine", ENGINES)
async def test_posts_carried_over_from_the_page_before_are_not_announced_again(
    engine: str, tmp_path: Path
) -> None:
    async with database(engine, tmp_path) as store:
        await commit_at(store, "https://e.org/live/day-1", page(1, 2, 3), T0)
        summary = make_update(3)  # yesterday's last post opens today's page, under today's id
        today = [make_update(9, title="Day two opens"), Update(**{**_fields(summary), "uid": "post-1"})]
        turned = await commit_at(store, "https://e.org/live/day-2", today, T0 + timedelta(days=1))
        assert created_uids(turned) == ["page2:post-9"]
        assert {u.uid for u in await store.list_updates("storm")} >= {"page2:post-1", "post-3"}


def _fields(update: Update) -> dict[str, object]:
    return {name: getattr(update, name) for name in Update.__dataclass_fields__}


@pytest.mark.parametrize("engine", ENGINES)
async def test_an_upgraded_database_keeps_every_atom_id_and_follows_its_page_on(
    engine: str, tmp_path: Path
) -> None:
    """A database from before pages were told apart: its updates are the first page's, at the
    URL it last polled, and keep their ids; pointed at another page, it turns as any source does."""
    url = "https://e.org/live"
    with address(engine, tmp_path) as where:
        store = await open_at(engine, where)
        await commit_at(store, url, page(1, 2, 3), T0)
        stored = await atom_ids(store)
        await store.close()
        # Back to the schema before migration 0007, holding the rows an older livetail left.
        run_sql(
            engine,
            where,
            [
                "DROP TABLE source_pages",
                "ALTER TABLE updates DROP COLUMN page",
                "ALTER TABLE sources DROP COLUMN page",
                "DELETE FROM schema_migrations WHERE version >= 7",
            ],
        )
        store = await open_at(engine, where)  # migrates again
        try:
            same = await commit_at(store, url + "#top", page(1, 2, 3, 4), T0 + timedelta(hours=1))
            assert created_uids(same) == ["post-4"] and not same.result.turned
            ids = await atom_ids(store)
            assert {uid: ids[uid] for uid in stored} == stored
            turned = await commit_at(store, url + "/day-2", day_two(1, 2), T0 + timedelta(days=1))
            assert created_uids(turned) == ["page2:post-1", "page2:post-2"] and turned.result.turned
            ids = await atom_ids(store)
            assert {uid: ids[uid] for uid in stored} == stored
        finally:
            await store.close()


# -- reconcile: what a later page is compared with ---------------------------------------------------


def test_a_fresh_page_read_by_a_newer_extractor_is_announced_not_rebaselined() -> None:
    state = SourceState(name="storm", polled_before=True, strategy="jsonld", extractor=1, page=2, turned=True)
    result = reconcile(state, page(1, 2), strategy="jsonld", now=T0, extractor=2)
    assert not result.rebaselined and result.turned
    assert [e.uid for e in result.events] == ["page2:post-1", "page2:post-2"]


def test_the_first_page_keeps_bare_uids_and_later_ones_are_namespaced() -> None:
    assert identity.page_uid("post-1", 1) == "post-1"  # every update stored before pages: same Atom id
    assert identity.page_uid("post-1", 2) == "page2:post-1"
    assert identity.atom_id("storm", "page2:post-1") != identity.atom_id("storm", "post-1")
    # A hashed uid is still known as one on a later page (it moves when a title is corrected).
    assert identity.is_content_uid("page3:h-0a1b") and identity.is_content_uid("h-0a1b")
    assert not identity.is_content_uid("page3:post-1")


# -- the daemon: a reload that points a source at another page ---------------------------------------


async def test_a_reload_pointing_an_ended_source_at_the_next_page_polls_it_now(
    tmp_path: Path, page_server: PageServer
) -> None:
    day_one, day_two = page_server.url("/live/day-1"), page_server.url("/live/day-2")
    # Yesterday's page says it has ended: the daemon polls it once a day from then on.
    ended = jsonld_blog(posts(DAY_ONE, 3, label="Day one"), url=day_one)
    page_server.set(
        "/live/day-1", ended.replace("</body>", '<script>var page = {"isLive": false}</script></body>')
    )
    page_server.set("/live/day-2", jsonld_blog(posts(DAY_TWO, 2, label="Day two"), url=day_two))
    port = free_port()
    config_path = daemon_config(tmp_path, port, source_block("storm", day_one))
    results: list[PollResult] = []
    polled = asyncio.Event()

    def on_result(result: PollResult) -> None:
        results.append(result)
        polled.set()

    daemon = Daemon(load_config(config_path), on_result=on_result, serve=False, systemd=SystemdNotifier({}))
    running = asyncio.create_task(daemon.run())
    try:
        await asyncio.wait_for(polled.wait(), 20)
        assert daemon.schedules["storm"].ended and daemon.schedules["storm"].interval == DAILY

        daemon_config(tmp_path, port, source_block("storm", day_two))
        polled.clear()
        assert await daemon.reload()
        await asyncio.wait_for(polled.wait(), 20)  # now, not a day later
        last = results[-1]
        assert last.new_page and [e.uid for e in last.events] == ["page2:post-1", "page2:post-2"]
        schedule = daemon.schedules["storm"]
        assert not schedule.ended and schedule.interval == timedelta(minutes=2)
    finally:
        daemon.stop.set()
        await asyncio.wait_for(running, 15)


async def test_a_restart_with_the_source_pointed_at_the_next_page_polls_it_now(
    tmp_path: Path, page_server: PageServer
) -> None:
    day_one, day_two = page_server.url("/live/day-1"), page_server.url("/live/day-2")
    page_server.set("/live/day-1", jsonld_blog(posts(DAY_ONE, 3, label="Day one"), url=day_one))
    page_server.set("/live/day-2", jsonld_blog(posts(DAY_TWO, 2, label="Day two"), url=day_two))
    port = free_port()
    config_path = daemon_config(tmp_path, port, source_block("storm", day_one))
    assert poll(config_path) == []  # polled seconds before the restart: a scheduled poll would wait
    daemon_config(tmp_path, port, source_block("storm", day_two))
    turned = asyncio.Event()
    results: list[PollResult] = []

    def on_result(result: PollResult) -> None:
        results.append(result)
        if result.new_page:
            turned.set()

    daemon = Daemon(load_config(config_path), on_result=on_result, serve=False, systemd=SystemdNotifier({}))
    running = asyncio.create_task(daemon.run())
    try:
        await asyncio.wait_for(turned.wait(), 20)
        [result] = [r for r in results if r.new_page]
        assert [e.uid for e in result.events] == ["page2:post-1", "page2:post-2"]
        assert not daemon.schedules["storm"].ended
    finally:
        daemon.stop.set()
        await asyncio.wait_for(running, 15)
