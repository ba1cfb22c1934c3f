"""Operating the daemon: systemd notify/watchdog, SIGHUP reload, adaptive schedule, metrics, logs,
retention and backup — real processes, sockets and SQLite files, no mocks."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from builders import T0, commit, page
from conftest import PageServer, jsonld_blog
from test_poll_integration import updates
from test_server import free_port
from webhook_receiver import SECRET, Receiver

from livetail import logs
from livetail.cli import main
from livetail.config import Config, PublishConfig, ServerConfig, SourceConfig, StateConfig, load_config
from livetail.daemon import Daemon
from livetail.maintenance import backup, last_activity, prune
from livetail.metrics import Metrics
from livetail.model import Event, EventType
from livetail.pipeline import PollResult
from livetail.reconcile import EventIntent, ReconcileResult, SourceState, reconcile
from livetail.scheduler import DAILY, SourceSchedule, bounds
from livetail.store.sqlite import SQLiteStore
from livetail.systemd import SystemdNotifier

# -- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def notify_socket() -> Iterator[tuple[socket.socket, str]]:
    """An AF_UNIX datagram socket like systemd's, at a short path (sun_path holds 108 bytes)."""
    folder = tempfile.mkdtemp(prefix="lt-notify-", dir="/tmp")
    path = os.path.join(folder, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    try:
        yield sock, path
    finally:
        sock.close()
        shutil.rmtree(folder, ignore_errors=True)


def receive(sock: socket.socket, until: float) -> list[str]:
    """Every assignment received before ``until`` (monotonic), or none when nothing came."""
    sock.settimeout(max(0.01, until - time.monotonic()))
    try:
        data = sock.recv(4096)
    except TimeoutError:
        return []
    return data.decode().splitlines()


def wait_for(sock: socket.socket, wanted: str, *, timeout: float, seen: list[str]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in receive(sock, deadline):
            seen.append(line)
            if line == wanted:
                return True
    return False


def source_block(name: str, url: str, interval: str = "2m") -> str:
    return f'\n[[sources]]\nname = "{name}"\nurl = "{url}"\ninterval = "{interval}"\nallow_private = true\n'


def daemon_config(tmp: Path, port: int, *sources: str) -> Path:
    path = tmp / "config.toml"
    path.write_text(
        f"""
[state]
path = "state/livetail.db"
[publish]
dir = "public"
base_url = "http://127.0.0.1:{port}/"
[server]
listen = "127.0.0.1:{port}"
"""
        + "".join(sources),
        encoding="utf-8",
    )
    return path


# -- acceptance 2: livetail run under a systemd-like supervisor ----------------------------------


@pytest.mark.slow
def test_run_notifies_systemd_reloads_on_sighup_and_stops_on_sigterm(
    tmp_path: Path, page_server: PageServer, notify_socket: tuple[socket.socket, str]
) -> None:
    sock, sock_path = notify_socket
    for path in ("/live", "/other"):
        page_server.set(path, jsonld_blog(updates(4), url=page_server.url(path)))
    port = free_port()
    config = daemon_config(tmp_path, port, source_block("storm", page_server.url("/live")))
    log_file = (tmp_path / "stderr.log").open("w")
    env = {**os.environ, "NOTIFY_SOCKET": sock_path, "WATCHDOG_USEC": "2000000"}
    env.pop("WATCHDOG_PID", None)
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "livetail", "run", "-c", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    try:
        seen: list[str] = []
        assert wait_for(sock, "READY=1", timeout=10, seen=seen), seen
        pings = 0
        while pings < 2 and time.monotonic() - started < 10:
            pings += receive(sock, started + 10).count("WATCHDOG=1")
        assert pings >= 2, f"only {pings} WATCHDOG=1 within 10 s of start"

        health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert health.status_code == 200 and health.json()["scheduler"] == "running"
        metrics = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5)
        assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
        assert 'livetail_polls_total{outcome="ok",source="storm"} 1.0' in metrics.text
        # What only the poll knows: the body it read and how long extracting it took.
        assert "livetail_extraction_duration_seconds_count 1.0" in metrics.text
        read = next(
            x for x in metrics.text.splitlines() if x.startswith('livetail_fetch_bytes_total{source="storm"}')
        )
        assert float(read.split()[-1]) > 1000

        # A broken file is refused and the running config kept.
        good = config.read_text(encoding="utf-8")
        config.write_text(good + "\n[[sources]]\nname = 'Bad Name'\n", encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        assert wait_for(sock, "READY=1", timeout=10, seen=seen), "READY=1 again after a reload attempt"
        refused = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()
        assert refused["status"] == "ok" and " problem(s) at " in refused["reload_failed"], refused
        assert "Bad Name" not in json.dumps(refused)  # what was wrong is in the log, not on a public page
        # An added source is picked up.
        config.write_text(good + source_block("second", page_server.url("/other")), encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        feed = tmp_path / "public" / "feeds" / "second.atom"
        deadline = time.monotonic() + 15
        while not feed.exists() and time.monotonic() < deadline:
            receive(sock, time.monotonic() + 0.2)  # keep draining the socket
        assert feed.exists(), "SIGHUP picked up the added source and polled it"
        assert "reload_failed" not in httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()
        assert proc.poll() is None

        proc.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        assert wait_for(sock, "STOPPING=1", timeout=5, seen=seen), seen
        proc.wait(timeout=max(0.1, 5 - (time.monotonic() - stopped)))
        assert time.monotonic() - stopped < 5
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log_file.close()
    log = (tmp_path / "stderr.log").read_text(encoding="utf-8")
    assert "config reload failed; keeping the running config" in log and "sources[1].name" in log
    assert 'msg="config reloaded" added=second removed=- changed=-' in log
    assert "livetail stopped" in log


def test_notifier_speaks_the_sd_notify_protocol(notify_socket: tuple[socket.socket, str]) -> None:
    sock, path = notify_socket
    notifier = SystemdNotifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"})
    assert notifier.watchdog_interval == 15.0
    assert notifier.ready("following 2 source(s)")
    assert receive(sock, time.monotonic() + 2) == ["READY=1", "STATUS=following 2 source(s)"]
    assert notifier.watchdog() and receive(sock, time.monotonic() + 2) == ["WATCHDOG=1"]
    notifier.close()
    # The watchdog belongs to another process: do not ping for it.
    other = SystemdNotifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"})
    assert other.watchdog_interval is None
    # Outside systemd everything is a quiet no-op.
    outside = SystemdNotifier({})
    assert not outside.enabled and not outside.ready() and outside.watchdog_interval is None


def test_notifier_reaches_an_abstract_socket() -> None:
    name = f"livetail-test-{os.getpid()}-{time.monotonic_ns()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        notifier = SystemdNotifier({"NOTIFY_SOCKET": "@" + name})
        assert notifier.stopping()
        assert receive(sock, time.monotonic() + 2) == ["STOPPING=1"]
        notifier.close()


# -- adaptive interval and liveness --------------------------------------------------------------


def _source(**kwargs: object) -> SourceConfig:
    return SourceConfig(name="storm", url="https://e.org/live", **kwargs)  # type: ignore[arg-type]


def test_interval_steps_toward_min_while_updates_arrive_and_toward_max_when_quiet() -> None:
    source = _source(interval="2m", min_interval="30s", max_interval="10m")
    schedule = SourceSchedule.start(source, now=T0, last_change=None)
    assert schedule.interval == timedelta(minutes=2) and schedule.adaptive
    now = T0
    seen = []
    for _ in range(4):
        now += schedule.interval
        schedule.after_poll(ok=True, changed=True, now=now)
        seen.append(schedule.interval.total_seconds())
    assert seen == [60, 30, 30, 30]
    quiet = []
    for _ in range(8):
        now += schedule.interval
        schedule.after_poll(ok=True, changed=False, now=now)
        quiet.append(schedule.interval.total_seconds())
    assert quiet == [45, 68, 102, 153, 230, 345, 518, 600]
    # A failed poll says nothing about the blog: the interval holds.
    assert schedule.after_poll(ok=False, changed=False, now=now + timedelta(minutes=10)) is None


def test_a_blog_quiet_for_ended_after_is_polled_daily_until_it_changes() -> None:
    source = _source(interval="2m", ended_after="12h")
    schedule = SourceSchedule.start(source, now=T0, last_change=None)
    assert not schedule.adaptive
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(hours=11)) is None
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(hours=12)) == DAILY
    assert schedule.ended
    assert schedule.after_poll(ok=True, changed=True, now=T0 + timedelta(days=2)) == timedelta(minutes=2)
    assert not schedule.ended
    # Restarting the daemon does not reset the clock: the store says when the blog last changed.
    restarted = SourceSchedule.start(source, now=T0 + timedelta(days=3), last_change=T0)
    assert restarted.ended and restarted.interval == DAILY


def test_bounds_with_one_side_given() -> None:
    assert bounds(_source(interval="2m", min_interval="1m")) == (timedelta(minutes=1), timedelta(minutes=2))
    assert bounds(_source(interval="2m", max_interval="5m")) == (timedelta(minutes=2), timedelta(minutes=5))
    assert bounds(_source(interval="2m")) == (timedelta(minutes=2), timedelta(minutes=2))


async def test_daemon_reschedules_the_job_and_reloads_in_process(
    tmp_path: Path, page_server: PageServer
) -> None:
    for path in ("/live", "/other"):
        page_server.set(path, jsonld_blog(updates(3), url=page_server.url(path)))
    config_path = daemon_config(
        tmp_path,
        free_port(),
        source_block("storm", page_server.url("/live"), "2m").replace(
            'interval = "2m"', 'interval = "2m"\nmin_interval = "20s"\nmax_interval = "10m"'
        ),
    )
    polled = asyncio.Event()
    results: list[PollResult] = []

    def on_result(result: PollResult) -> None:
        results.append(result)
        polled.set()

    daemon = Daemon(load_config(config_path), on_result=on_result, serve=False, systemd=SystemdNotifier({}))
    running = asyncio.create_task(daemon.run())
    try:
        await asyncio.wait_for(polled.wait(), 20)
        job = daemon.scheduler.get_job("poll:storm")
        assert job is not None
        # The first poll stored a baseline (a change): the interval halved and the job follows it.
        assert daemon.schedules["storm"].interval == timedelta(minutes=1)
        assert job.trigger.interval == timedelta(minutes=1)
        assert daemon.health()["status"] == "ok"
        assert await daemon.publisher.lookup("feeds/storm.atom") is not None

        config_path.write_text("[state]\nnot_a_key = 1\n", encoding="utf-8")
        assert not await daemon.reload()
        assert [s.name for s in daemon.config.sources] == ["storm"]

        first_fetcher = daemon.pipeline.fetcher
        config_path.write_text(
            daemon_config(
                tmp_path,
                free_port(),
                '[fetch]\nper_host_concurrency = 3\nuser_agent = "reloaded/1.0"\n',
                source_block("other", page_server.url("/other"), "5m"),
            ).read_text(),
            encoding="utf-8",
        )
        polled.clear()
        assert await daemon.reload()
        assert [s.name for s in daemon.config.sources] == ["other"]
        # [fetch] applies without a restart: the next polls go through a new fetcher.
        assert daemon.pipeline.fetcher is not first_fetcher
        assert daemon.pipeline.fetcher.config.per_host_concurrency == 3
        assert daemon.scheduler.get_job("poll:storm") is None
        assert daemon.scheduler.get_job("poll:other") is not None
        await asyncio.wait_for(polled.wait(), 20)
        assert results[-1].source == "other"
        assert page_server.user_agents[-1] == "reloaded/1.0"
        assert (tmp_path / "public" / "feeds" / "other.atom").exists()
        # The removed source is no longer served nor aggregated; its exported file stays on disk.
        assert await daemon.publisher.lookup("feeds/storm.atom") is None
        assert (tmp_path / "public" / "feeds" / "storm.atom").exists()
        aggregate = await daemon.publisher.lookup("feeds/all.atom")
        assert aggregate is not None
        assert b"/other#post-1" in aggregate.body and b"/live#post-1" not in aggregate.body
    finally:
        daemon.stop.set()
        await asyncio.wait_for(running, 15)


async def test_watchdog_pings_stop_while_the_scheduler_stalls(
    tmp_path: Path, page_server: PageServer, notify_socket: tuple[socket.socket, str]
) -> None:
    sock, path = notify_socket
    sock.setblocking(False)
    page_server.set("/live", jsonld_blog(updates(2), url=page_server.url("/live")))
    config = load_config(
        daemon_config(tmp_path, free_port(), source_block("storm", page_server.url("/live")))
    )
    systemd = SystemdNotifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "400000"})  # a ping every 0.2 s
    daemon = Daemon(config, serve=False, systemd=systemd)
    running = asyncio.create_task(daemon.run())

    def drain() -> list[str]:
        got = []
        while True:
            try:
                got += sock.recv(4096).decode().splitlines()
            except BlockingIOError:
                return got

    try:
        await asyncio.sleep(1.0)
        assert "WATCHDOG=1" in drain()
        # The scheduler stops dispatching: its poll job falls overdue.
        daemon.scheduler.pause()
        job = daemon.scheduler.get_job("poll:storm")
        assert job is not None
        job.modify(next_run_time=datetime.now(UTC) - timedelta(minutes=5))
        await asyncio.sleep(0.6)  # two checks: the first only nudges the scheduler
        drain()
        await asyncio.sleep(0.6)
        assert "WATCHDOG=1" not in drain()
        assert daemon.health()["status"] == "unhealthy"
        assert "scheduler stalled: poll:storm overdue" in str(daemon.health()["problem"])
        daemon.scheduler.resume()  # it dispatches the overdue job and pings resume
        await asyncio.sleep(0.8)
        assert "WATCHDOG=1" in drain()
        assert daemon.health()["status"] == "ok"
    finally:
        daemon.stop.set()
        await asyncio.wait_for(running, 15)
    assert "STOPPING=1" in drain()


# -- metrics -------------------------------------------------------------------------------------


def _event(kind: EventType, seq: int) -> Event:
    return Event(
        id=f"e{seq}", sequence=seq, type=kind, source="storm", uid="u", title="t", occurred_at=T0, data={}
    )


def test_metrics_count_polls_events_and_outcomes() -> None:
    metrics = Metrics()
    metrics.observe_poll(
        PollResult(
            source="storm",
            ok=True,
            events=(_event(EventType.UPDATE_CREATED, 1), _event(EventType.UPDATE_CREATED, 2)),
        ),
        0.2,
    )
    metrics.observe_poll(PollResult(source="storm", ok=False, error="HTTP 503"), 0.1)
    metrics.observe_delivery("hook", "sent")
    metrics.set_schedule("storm", 60, False)
    text = metrics.render().decode()
    assert 'livetail_polls_total{outcome="ok",source="storm"} 1.0' in text
    assert 'livetail_polls_total{outcome="failed",source="storm"} 1.0' in text
    assert 'livetail_poll_failures_total{source="storm"} 1.0' in text
    assert 'livetail_events_total{source="storm",type="update.created"} 2.0' in text
    assert 'livetail_deliveries_total{outcome="sent",target="hook"} 1.0' in text
    assert "livetail_poll_duration_seconds_count 2.0" in text
    assert 'livetail_source_poll_interval_seconds{source="storm"} 60.0' in text
    assert "livetail_source_last_success_timestamp_seconds" in text


async def test_metrics_read_queue_depth_and_last_success_from_the_store(tmp_path: Path) -> None:
    store = await SQLiteStore.open(tmp_path / "state.db")
    try:
        await _commit_routed(store, page(1, 2), T0)  # a baseline: no events
        await _commit_routed(store, page(1, 2, 3, 4), T0 + timedelta(minutes=2))
        metrics = Metrics()
        await metrics.refresh(store, ["storm"], ["hook"])
        text = metrics.render().decode()
    finally:
        await store.close()
    assert 'livetail_outbox_deliveries{status="pending",target="hook"} 2.0' in text
    assert 'livetail_outbox_deliveries{status="dead",target="hook"} 0.0' in text
    line = next(
        x for x in text.splitlines() if x.startswith("livetail_source_last_success_timestamp_seconds{")
    )
    assert float(line.split()[-1]) == (T0 + timedelta(minutes=2)).timestamp()


# -- logs ----------------------------------------------------------------------------------------


def _log_line(fmt: logs.LogFormat, message: str, *args: object) -> str:
    stream = io.StringIO()
    handler = logs.configure(logging.INFO, fmt, stream)
    try:
        logging.getLogger("livetail.test").warning(message, *args)
    finally:
        logging.getLogger().removeHandler(handler)
    return stream.getvalue().strip()


def test_logs_are_key_value_by_default_and_json_on_request() -> None:
    line = _log_line("text", "poll failed source=%s error=%s", "storm", "HTTP 503 from e.org")
    assert line.split(" ", 1)[1] == (
        'level=warning logger=livetail.test msg="poll failed" source=storm error="HTTP 503 from e.org"'
    )
    record = json.loads(_log_line("json", "poll failed source=%s error=%s", "storm", "HTTP 503"))
    assert record["msg"] == "poll failed" and record["source"] == "storm" and record["error"] == "HTTP 503"
    assert record["level"] == "warning" and record["ts"].endswith("Z")
    # A message that is not key=value stays whole.
    assert json.loads(_log_line("json", "waiting for %d poll(s)", 2))["msg"] == "waiting for 2 poll(s)"


def test_logs_never_print_a_secret() -> None:
    config = Config(
        targets=(
            {
                "name": "hook",
                "type": "webhook",
                "url": "https://u:pw-in-url@hooks.example/x",
                "secret": "whsec_YWJjMTIzNDU2",
            },  # type: ignore[arg-type]
        )
    )
    logs.set_secrets(logs.config_secrets(config))
    try:
        line = _log_line(
            "text", "delivery failed target=%s error=%s", "hook", "bad signature whsec_YWJjMTIzNDU2"
        )
        assert "whsec_YWJjMTIzNDU2" not in line and "***" in line
        line = _log_line("json", "POST %s token=%s", "https://u:pw-in-url@hooks.example/x", "t0k3n")
        assert "pw-in-url" not in line and "t0k3n" not in line
    finally:
        logs.set_secrets(())


# -- retention, backup, status -------------------------------------------------------------------


async def _commit_routed(store: SQLiteStore, updates_: list[object], now: datetime) -> None:
    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, updates_, strategy="jsonld", now=now, backfill_alerts=False)  # type: ignore[arg-type]

    def route(_: EventIntent) -> list[str]:
        return ["hook"]

    await store.commit_poll(
        source="storm", url="https://e.org/live", title="Storm", now=now, decide=decide, route=route
    )


async def test_retention_prunes_sent_deliveries_and_old_events_only(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    store = await SQLiteStore.open(db)
    try:
        await _commit_routed(store, page(1, 2, 3, 4), T0)  # the baseline: no events
        await _commit_routed(store, page(1, 2, 3, 4, 5, 6), T0 + timedelta(minutes=1))  # 2 events
        claimed = await store.claim_deliveries(
            worker="w", now=T0 + timedelta(minutes=2), lease=timedelta(minutes=1), limit=10
        )
        assert len(claimed) == 1  # one at a time per (target, source)
        await store.delivery_sent([claimed[0].id], now=T0 + timedelta(minutes=2))
        await _commit_routed(store, page(*range(1, 8)), T0 + timedelta(days=40))  # a recent, pending one
        events_before = len(await store.list_events())
    finally:
        await store.close()
    assert events_before == 3
    result = prune(db, now=T0 + timedelta(days=40, minutes=5), retention=timedelta(days=30))
    assert (result.deliveries, result.events) == (1, 1)
    with sqlite3.connect(db) as conn:
        statuses = sorted(r[0] for r in conn.execute("SELECT status FROM deliveries"))
        assert statuses == ["pending", "pending"]  # the old unsent one and the recent one stay
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM updates").fetchone()[0] == 7  # updates are never pruned
    assert result.checkpoint[0] == 0, "the WAL was checkpointed"
    # Nothing left to prune the second time.
    again = prune(db, now=T0 + timedelta(days=40, minutes=5), retention=timedelta(days=30))
    assert (again.deliveries, again.events) == (0, 0)
    assert last_activity(db)["storm"] == T0 + timedelta(days=40)


async def test_backup_copies_a_live_wal_database(tmp_path: Path) -> None:
    db = tmp_path / "state" / "livetail.db"
    store = await SQLiteStore.open(db)
    try:
        await commit(store, page(1, 2, 3), T0)
        await commit(store, page(1, 2, 3, 4, 5), T0 + timedelta(minutes=1))
        assert (db.parent / "livetail.db-wal").stat().st_size > 0, "committed pages still sit in the WAL"
        (tmp_path / "copies").mkdir()  # an existing folder gets a file named like the database
        result = await asyncio.to_thread(backup, db, tmp_path / "copies")
    finally:
        await store.close()
    assert result.path == tmp_path / "copies" / "livetail.db"
    with sqlite3.connect(result.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT COUNT(*) FROM updates").fetchone()[0] == 5
    assert not list((tmp_path / "copies").glob(".*partial*"))


def test_cli_backup_and_status_next_poll(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[state]\npath = "state/livetail.db"\nretention = "7d"\n'
        '[[sources]]\nname = "storm"\nurl = "https://e.org/live"\ninterval = "5m"\n'
        '[[sources]]\nname = "fresh"\nurl = "https://e.org/other"\n',
        encoding="utf-8",
    )
    now = datetime.now(UTC).replace(microsecond=0)

    async def seed() -> None:
        store = await SQLiteStore.open(tmp_path / "state" / "livetail.db")
        try:
            await commit(store, page(1, 2), now)
        finally:
            await store.close()

    asyncio.run(seed())
    assert main(["-c", str(config), "status"]) == 0
    out = capsys.readouterr().out
    assert "next poll" in out
    assert (now + timedelta(minutes=5)).strftime("%H:%M:%S") in out
    assert "at start" in out  # never polled
    assert main(["backup", "-c", str(config), str(tmp_path / "backup.db")]) == 0
    assert "integrity ok" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "backup.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM updates").fetchone()[0] == 2
    assert main(["backup", "-c", str(config), str(tmp_path / "state" / "livetail.db")]) == 2


def test_read_only_commands_never_create_a_state_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[state]\npath = "state/livetail.db"\n[[sources]]\nname = "storm"\nurl = "https://e.org/live"\n',
        encoding="utf-8",
    )
    db = tmp_path / "state" / "livetail.db"
    for command in (
        ["status"],
        ["events", "list"],
        ["events", "list", "--json"],
        ["deliveries", "retry"],
        ["backup", str(tmp_path / "copy.db")],
    ):
        assert main(["-c", str(config), *command]) == 2, command
        said = capsys.readouterr()
        assert said.err.strip() == (
            f"error: no state database at {db} (run `livetail poll --once` or `livetail run` first)"
        ), (command, said.err)
        assert said.out == ""
    assert not (tmp_path / "state").exists()


def test_config_keys_for_operations(tmp_path: Path) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "livetail_HOOK_SECRET").write_text("whsec_ZnJvbWNyZWRlbnRpYWw=\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(
        '[state]\nretention = "90d"\n'
        '[[sources]]\nname = "storm"\nurl = "https://e.org/live"\nended_after = "12h"\n'
        '[[targets]]\nname = "hook"\ntype = "webhook"\nurl = "https://h.example/"\nsecret = "${HOOK_SECRET}"\n',
        encoding="utf-8",
    )
    config = load_config(path, env={"CREDENTIALS_DIRECTORY": str(creds)})
    assert config.state.retention == timedelta(days=90)
    assert config.sources[0].ended_after == timedelta(hours=12)
    assert config.targets[0].secret == "whsec_ZnJvbWNyZWRlbnRpYWw="
    defaults = Config(
        state=StateConfig(), publish=PublishConfig(), server=ServerConfig(), sources=(_source(),)
    )
    assert defaults.state.retention == timedelta(days=30)
    assert defaults.sources[0].ended_after == timedelta(hours=24)


async def test_shutdown_does_not_charge_a_send_cut_short(tmp_path: Path, page_server: PageServer) -> None:
    receiver = Receiver()
    arrived = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow(_: object) -> None:  # in the receiver's thread: answer long after the grace
        loop.call_soon_threadsafe(arrived.set)
        time.sleep(4)

    receiver.on_request = slow
    page_server.set("/live", jsonld_blog(updates(2), url=page_server.url("/live")))
    source = source_block("storm", page_server.url("/live")) + "backfill_alerts = true\n"
    target = (
        f'\n[[targets]]\nname = "hook"\ntype = "webhook"\nurl = "{receiver.url("/hook")}"\n'
        f'secret = "{SECRET}"\nallow_private = true\n[delivery]\nretry = ["1h"]\n'
    )
    config = load_config(daemon_config(tmp_path, free_port(), source + target))
    daemon = Daemon(config, grace=0.5, systemd=SystemdNotifier({}))  # serving, as `livetail run` does
    running = asyncio.create_task(daemon.run())
    try:
        await asyncio.wait_for(arrived.wait(), 20)
    finally:
        daemon.stop.set()
        await asyncio.wait_for(running, 15)
        receiver.close()
    store = await SQLiteStore.open(config.state.path)
    try:
        [stats] = await store.target_stats()
        # Nothing charged to the receiver: both events wait, unattempted, for the next start.
        assert (stats.pending, stats.failed, stats.dead, stats.sent, stats.last_error) == (2, 0, 0, 0, None)
        # A daemon that stopped cleanly is no longer listed as a running instance.
        ever = datetime(2000, 1, 1, tzinfo=UTC)
        assert await store.list_instances(since=ever, now=datetime.now(UTC)) == []
    finally:
        await store.close()


@pytest.mark.parametrize(
    "delay, grace", [(1.5, 6.0), (6.0, 0.5)], ids=["finishes-in-grace", "outlives-grace"]
)
async def test_stopping_with_a_poll_in_flight_logs_no_error_and_charges_nothing(
    tmp_path: Path, page_server: PageServer, caplog: pytest.LogCaptureFixture, delay: float, grace: float
) -> None:
    page_server.set("/live", jsonld_blog(updates(2), url=page_server.url("/live")), delay=delay)
    config = load_config(
        daemon_config(tmp_path, free_port(), source_block("storm", page_server.url("/live")))
    )
    daemon = Daemon(config, grace=grace, serve=False, systemd=SystemdNotifier({}))
    caplog.set_level(logging.INFO)
    running = asyncio.create_task(daemon.run())
    try:
        deadline = time.monotonic() + 20
        while not page_server.requests and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert page_server.requests, "the first poll runs at start"
    finally:
        daemon.stop.set()  # as SIGTERM does, while the page is still being sent
        await asyncio.wait_for(running, 20)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    store = await SQLiteStore.open(config.state.path)
    try:
        record = await store.get_source("storm")
        if delay < grace:  # it was let finish
            assert record is not None and len(await store.list_updates("storm")) == 2
        # Cut short or not, the source did nothing wrong: no failure, no backoff.
        assert record is None or (record.consecutive_failures, record.last_error, record.retry_at) == (
            0,
            None,
            None,
        )
    finally:
        await store.close()
