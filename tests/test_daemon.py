"""`livetail run` and `livetail demo` as a user runs them: real processes, real signals."""

from __future__ import annotations

import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PageServer, jsonld_blog
from test_poll_integration import updates, write_config
from test_server import free_port


@pytest.mark.slow
def test_sigterm_stops_run_cleanly_with_database_intact(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    page_server.set("/live", jsonld_blog(updates(6), url=url))
    config = write_config(tmp_path, url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "livetail", "-v", "run", "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    feed = tmp_path / "public" / "feeds" / "storm.atom"
    deadline = time.monotonic() + 30
    while not feed.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert feed.exists(), "the first poll runs at start"
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _out, err = proc.communicate(timeout=10)
    assert time.monotonic() - started < 5, "SIGTERM must stop the daemon within 5 s"
    assert proc.returncode == 0, err
    assert "livetail stopped" in err
    db = tmp_path / "state" / "livetail.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM updates").fetchone()[0] == 6


@pytest.mark.slow
def test_demo_shows_updates_arriving_within_30_seconds() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "demo", "--duration", "9", "--every", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "first poll: 3 updates stored as the baseline" in proc.stdout
    new_lines = [line for line in proc.stdout.splitlines() if " NEW " in line]
    assert len(new_lines) >= 2, proc.stdout
    assert "EDITED" not in proc.stdout or "Power cut" in proc.stdout
    # Its state was temporary: the folder it named is gone once it stopped.
    folder = re.search(r"state in (\S+?),", proc.stdout)
    assert folder is not None and not Path(folder.group(1)).exists(), proc.stdout


@pytest.mark.parametrize("every", ["0", "soon"])
def test_demo_refuses_a_zero_or_unreadable_interval(every: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "demo", "--every", every],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert f'expected seconds or a duration like "90s" or "2m", got "{every}"' in proc.stderr


def test_demo_takes_its_durations_as_the_config_writes_them() -> None:
    from livetail.cli import _seconds

    assert [_seconds(text) for text in ("9", "2.5", "20s", "2m", "1h30m")] == [9.0, 2.5, 20.0, 120.0, 5400.0]


def test_run_says_when_its_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = write_config(tmp_path, "http://127.0.0.1:9/live")
        config.write_text(config.read_text() + f'[server]\nlisten = "127.0.0.1:{port}"\n', encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "livetail", "run", "-c", str(config)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2, proc.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr and "never retrieved" not in proc.stderr, proc.stderr


def _run_until(config: Path, polled: Callable[[], bool]) -> str:
    """Run `livetail run` as a user starts it (its default log level), until ``polled``; its stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "livetail", "run", "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not polled() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0 and polled(), err
    return err


@pytest.mark.slow
def test_run_logs_each_sources_first_poll_once(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    page_server.set("/live", jsonld_blog(updates(6), url=url))
    config = write_config(tmp_path, url)
    config.write_text(
        config.read_text().replace('interval = "2m"', 'interval = "1s"')
        + f'[[sources]]\nname = "gone"\nurl = "{page_server.url("/gone")}"\ninterval = "1s"\n'
        + f'[server]\nlisten = "127.0.0.1:{free_port()}"\n',
        encoding="utf-8",
    )

    def polls(path: str) -> int:
        return page_server.requests.count(path)

    # Several polls of each source, one line each: the first.
    err = _run_until(config, lambda: polls("/live") >= 3 and polls("/gone") >= 3)
    firsts = [line for line in err.splitlines() if 'msg="first poll' in line]
    assert len(firsts) == 2, err
    [ok] = [line for line in firsts if "source=storm" in line]
    assert "level=info" in ok and 'msg="first poll" source=storm updates=6 strategy=jsonld' in ok, ok
    [failed] = [line for line in firsts if "source=gone" in line]
    assert 'level=info logger=livetail.daemon msg="first poll failed" source=gone error=' in failed
    assert "404" in failed, failed

    # Started again on the same state: the page is as the last run left it.
    before = polls("/live")
    err = _run_until(config, lambda: polls("/live") >= before + 2)
    [again] = [line for line in err.splitlines() if 'msg="first poll' in line and "source=storm" in line]
    assert (
        'msg="first poll: page unchanged since the last poll" source=storm stored=6 strategy=jsonld' in again
    )
