"""newsboat, a real feed reader, reads the served feed: one row per guid, edits in place."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from builders import T0, commit, make_update, page
from needs import missing
from test_publish import Clock, make_config
from test_server import free_port

from livetail.publisher import Publisher
from livetail.server import build_app, start_server
from livetail.store.sqlite import SQLiteStore


@pytest.fixture(autouse=True)
def _newsboat_installed() -> None:
    if shutil.which("newsboat") is None:
        missing("newsboat is not installed (Debian package `newsboat`; .ci/run installs it)")


async def reload(home: Path, url: str) -> list[tuple[str, str, str]]:
    (home / "urls").write_text(url + "\n", encoding="utf-8")
    (home / "config").write_text(f'reset-unread-on-update "{url}"\n', encoding="utf-8")
    proc = await asyncio.create_subprocess_exec(
        "newsboat",
        "-u",
        "urls",
        "-c",
        "cache.db",
        "-C",
        "config",
        "-x",
        "reload",
        "-l",
        "4",
        "-d",
        "nb.log",
        cwd=home,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    await asyncio.wait_for(proc.communicate(), timeout=60)
    log = (home / "nb.log").read_text(encoding="utf-8", errors="replace")
    assert "ERROR" not in log, log[-2000:]  # newsboat exits 0 even on a 404
    with sqlite3.connect(home / "cache.db") as conn:
        return conn.execute("SELECT guid, title, content FROM rss_item ORDER BY pubDate").fetchall()


async def test_newsboat_reads_updates_edits_and_never_duplicates(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    store = await SQLiteStore.open(tmp_path / "state.db")
    clock = Clock()
    publisher = Publisher(config, store, clock)
    port = free_port()
    runner = await start_server(build_app(publisher), f"127.0.0.1:{port}")
    home = tmp_path / "nb"
    home.mkdir()
    url = f"http://127.0.0.1:{port}/feeds/storm.atom"
    try:
        await commit(store, page(1, 2, 3), T0)
        await publisher.publish_all()
        rows = await reload(home, url)
        assert [r[1] for r in rows] == ["Update 1", "Update 2", "Update 3"]
        guids = {r[0] for r in rows}

        clock.now += timedelta(minutes=5)
        await commit(store, page(1, 2, 3, 4, 5), T0 + timedelta(minutes=10))
        await publisher.publish_all()
        rows = await reload(home, url)
        assert len(rows) == 5 and len({r[0] for r in rows}) == 5
        assert guids <= {r[0] for r in rows}

        clock.now += timedelta(minutes=5)
        edited = [make_update(5), make_update(4), make_update(3, body="Body of update 3, corrected."),
                  make_update(2), make_update(1)]  # fmt: skip
        await commit(store, edited, T0 + timedelta(minutes=20))
        await publisher.publish_all()
        rows = await reload(home, url)
        assert len(rows) == 5, "an edit updates the row in place"
        by_title = {r[1]: r[2] for r in rows}
        assert "corrected" in by_title["Update 3"]

        rows = await reload(home, url)  # nothing new: still no duplicate guid
        assert len(rows) == len({r[0] for r in rows}) == 5
    finally:
        await runner.cleanup()
        await store.close()
