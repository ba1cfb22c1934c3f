"""Crash safety: `livetail run` SIGKILLed at every named window and at seeded random moments.

Real processes against a real live blog (:class:`PageServer`) and a real receiver that verifies
Standard Webhooks signatures. Whatever the moment of the kill, after restarts and a final run
until nothing is pending: every update is stored once, every ``update.created`` reaches the
receiver at least once, and each update arrives under exactly one distinct ``webhook-id``.

Claims a killed process held are not touched by the test: the restarted daemon releases the
claims of dead workers on its host (``DeliveryWorker.recover``) and resends those rows at once,
under the same ``webhook-id``, instead of waiting out the two-minute lease.

``LIVETAIL_CRASH_SEED`` replays another seed for the random kills.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import PageServer, jsonld_blog
from webhook_receiver import SECRET, Receiver

from livetail.crashpoints import WINDOWS

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SOURCES = ("alpha", "beta")
SEED = int(os.environ.get("LIVETAIL_CRASH_SEED", "20260301"))
RANDOM_KILLS = 22
RECEIVER_DELAY = 0.15
KILL_DELAY = (0.05, 2.0)  # seconds after spawn; start-up alone takes ~0.8 s on two cores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Blog:
    """Live blogs (one per source) on the page server that only ever grow."""

    def __init__(self, server: PageServer, initial: int) -> None:
        self.server = server
        self.sizes = dict.fromkeys(SOURCES, 0)
        for name in SOURCES:
            self.grow(name, initial)

    def url(self, name: str) -> str:
        return self.server.url(f"/{name}")

    def grow(self, name: str, count: int) -> None:
        self.sizes[name] += count
        posts = [
            {
                "id": f"post-{k}",
                "headline": f"{name.title()} update {k} from the scene",
                "body": f"Paragraph {k} of the {name} blog. Officials said more details would follow.",
                "published": (START + timedelta(minutes=3 * k)).isoformat(),
            }
            for k in range(self.sizes[name], 0, -1)
        ]
        self.server.set(f"/{name}", jsonld_blog(posts, url=self.url(name), headline=f"{name} live"))

    def keys(self) -> set[tuple[str, str]]:
        return {(name, f"post-{k}") for name, size in self.sizes.items() for k in range(1, size + 1)}

    def grow_safely(self, db: Path, rng: random.Random, most: int = 3) -> int:
        """Add posts to each blog without tripping the degraded guard; only while no process runs.

        The guard fires when more than half of a polled page is new *relative to the store*, so
        with S stored and B on the page we may add k while 2·(B + k − S) ≤ B + k, i.e. k ≤ 2S − B.
        """
        stored = StateFile(db).stored_per_source()
        added = 0
        for name in SOURCES:
            s, b = stored.get(name, 0), self.sizes[name]
            room = most if s == 0 else max(0, min(most, 2 * s - b))
            k = rng.randint(0, room) if room else 0
            if k:
                self.grow(name, k)
                added += k
        return added


@dataclass
class StateFile:
    """Reads the daemon's SQLite file directly (never through livetail)."""

    path: Path

    @contextlib.contextmanager
    def conn(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10)
        try:
            yield conn
        finally:
            conn.close()

    def has_schema(self) -> bool:
        """Whether the schema was committed: a daemon killed during its first start leaves the
        file with none (its migration is one transaction, rolled back on the next open)."""
        if not self.path.exists():
            return False
        with self.conn() as c:
            found = c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='deliveries'")
            return found.fetchone() is not None

    def stored_per_source(self) -> dict[str, int]:
        if not self.has_schema():
            return {}
        with self.conn() as c:
            return dict(c.execute("SELECT source, COUNT(*) FROM updates GROUP BY source").fetchall())

    def pending(self) -> int:
        if not self.has_schema():
            return -1
        with self.conn() as c:
            return int(c.execute("SELECT COUNT(*) FROM deliveries WHERE status='pending'").fetchone()[0])

    def held_claims(self) -> int:
        """Pending rows still claimed by a (now killed) worker: the restart must release them."""
        if not self.has_schema():
            return 0
        with self.conn() as c:
            return int(
                c.execute(
                    "SELECT COUNT(*) FROM deliveries WHERE status='pending' AND claimed_by IS NOT NULL"
                ).fetchone()[0]
            )


@dataclass
class Stats:
    kills: int = 0
    self_kills: int = 0
    restarts: int = 0
    claims_released: int = 0
    kills_holding_claims: int = 0
    runs: list[Path] = field(default_factory=list)

    def line(self, receiver: Receiver, blog: Blog) -> str:
        got = receiver.at("/hook")
        ids = {r.headers.get("webhook-id") for r in got}
        return (
            f"kills={self.kills} (self-kills at windows={self.self_kills}) restarts={self.restarts} "
            f"updates={len(blog.keys())} deliveries_received={len(got)} distinct_webhook_ids={len(ids)} "
            f"duplicates_received={len(got) - len(ids)} kills_holding_claims={self.kills_holding_claims} "
            f"claims_released={self.claims_released}"
        )


class Harness:
    def __init__(
        self, label: str, tmp: Path, page_server: PageServer, receiver: Receiver, initial: int
    ) -> None:
        self.label = label
        self.tmp = tmp
        self.receiver = receiver
        self.blog = Blog(page_server, initial)
        self.store = StateFile(tmp / "state" / "livetail.db")
        self.stats = Stats()
        self.config = tmp / "config.toml"
        sources = "".join(
            f'[[sources]]\nname = "{name}"\nurl = "{self.blog.url(name)}"\ninterval = "1s"\n'
            "backfill_alerts = true\nallow_private = true\n"
            for name in SOURCES
        )
        self.config.write_text(
            f"""
[state]
path = "state/livetail.db"
[publish]
dir = "public"
base_url = "http://feeds.example.test/"
[server]
listen = "127.0.0.1:{free_port()}"
[fetch]
per_host_delay = "0s"
[delivery]
retry = ["1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s"]
{sources}
[[targets]]
name = "hook"
type = "webhook"
url = "{receiver.url("/hook")}"
secret = "{SECRET}"
events = ["update.created"]
""",
            encoding="utf-8",
        )

    def start(self, crash_at: str | None = None) -> subprocess.Popen[bytes]:
        expired = self.store.held_claims()
        self.stats.claims_released += expired
        self.stats.kills_holding_claims += bool(expired)
        if self.stats.runs:
            self.stats.restarts += 1
        env = {k: v for k, v in os.environ.items() if k != "LIVETAIL_TEST_CRASH_AT"}
        if crash_at:
            env["LIVETAIL_TEST_CRASH_AT"] = crash_at
        log = self.tmp / f"run-{len(self.stats.runs):02d}.log"
        self.stats.runs.append(log)
        with log.open("wb") as out:
            return subprocess.Popen(
                [sys.executable, "-m", "livetail", "-v", "run", "-c", str(self.config)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )

    def log_tail(self, lines: int = 40) -> str:
        if not self.stats.runs:
            return ""
        text = self.stats.runs[-1].read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def received_keys(self) -> set[tuple[str, str]]:
        keys = set()
        for r in self.receiver.at("/hook"):
            if r.verified and r.payload and r.payload.get("type") == "update.created":
                data = r.payload["data"]
                keys.add((data["source"]["name"], data["update"]["uid"]))  # type: ignore[index]
        return keys

    def done(self) -> bool:
        stored = self.store.stored_per_source()
        return (
            stored == self.blog.sizes
            and self.store.pending() == 0
            and self.blog.keys() <= self.received_keys()
        )

    def run_to_completion(self, timeout: float = 30) -> None:
        proc = self.start()
        deadline = time.monotonic() + timeout
        try:
            while not self.done():
                assert proc.poll() is None, (
                    f"livetail run exited early ({proc.returncode}):\n{self.log_tail()}"
                )
                assert time.monotonic() < deadline, (
                    f"not done within {timeout}s: stored={self.store.stored_per_source()} "
                    f"blog={self.blog.sizes} pending={self.store.pending()} "
                    f"missing={sorted(self.blog.keys() - self.received_keys())[:10]}\n{self.log_tail()}"
                )
                time.sleep(0.1)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        assert proc.returncode == 0, f"SIGTERM must stop cleanly, got {proc.returncode}:\n{self.log_tail()}"

    def check(self) -> str:
        summary = self.stats.line(self.receiver, self.blog)
        print(f"\nCRASH SUMMARY [{self.label}]: {summary}")
        expected = self.blog.keys()
        with self.store.conn() as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", summary
            stored = c.execute("SELECT source, uid FROM updates").fetchall()
            created = c.execute("SELECT source, uid FROM events WHERE type='update.created'").fetchall()
            other = c.execute(
                "SELECT type, COUNT(*) FROM events WHERE type NOT LIKE 'update.created' GROUP BY type"
            ).fetchall()
            outbox = dict(
                c.execute(
                    "SELECT d.status, COUNT(*) FROM deliveries d JOIN events e ON e.id = d.event_id "
                    "WHERE e.type='update.created' GROUP BY d.status"
                ).fetchall()
            )
        # Every update stored once: exactly the blog's posts, none under a second uid.
        assert Counter(map(tuple, stored)) == Counter(expected), summary
        # One update.created per update (backfill on, degraded guard never tripped by design).
        dup_events = [k for k, n in Counter(map(tuple, created)).items() if n > 1]
        assert not dup_events, f"update.created twice for {dup_events}; {summary}"
        assert set(map(tuple, created)) == expected, summary
        assert ("source.degraded",) not in {(t,) for t, _ in other}, f"test grew a blog too fast: {other}"
        assert outbox == {"sent": len(expected)}, f"outbox {outbox}; {summary}"

        # A SIGKILL can cut a concurrent POST short; such a request never verifies (nor would a
        # real receiver accept it). Every complete request must.
        got = [r for r in self.receiver.at("/hook") if r.complete]
        assert got and all(r.verified for r in got), f"every complete request verifies; {summary}"
        ids_per_update: dict[tuple[str, str], set[str]] = defaultdict(set)
        event_per_id: dict[str, set[object]] = defaultdict(set)
        for r in got:
            assert r.payload is not None and r.payload["type"] == "update.created"
            data = r.payload["data"]
            key = (data["source"]["name"], data["update"]["uid"])  # type: ignore[index]
            ids_per_update[key].add(r.headers["webhook-id"])
            event_per_id[r.headers["webhook-id"]].add(r.payload["id"])
        missing = expected - set(ids_per_update)
        assert not missing, f"never delivered: {sorted(missing)}; {summary}"
        several = {k: v for k, v in ids_per_update.items() if len(v) != 1}
        assert not several, f"an update arrived under several webhook-ids: {several}; {summary}"
        assert all(len(v) == 1 for v in event_per_id.values()), "one webhook-id, one event"
        bodies: dict[str, set[bytes]] = defaultdict(set)
        for r in got:
            bodies[r.headers["webhook-id"]].add(r.body)
        assert all(len(v) == 1 for v in bodies.values()), f"a resend carries the same bytes; {summary}"
        return summary


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def wait_dead(proc: subprocess.Popen[bytes], timeout: float, harness: Harness) -> int:
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"the crash point was never reached:\n{harness.log_tail()}") from None


@pytest.mark.slow
@pytest.mark.parametrize("window", WINDOWS)
def test_sigkill_at_each_named_window(
    window: str, tmp_path: Path, page_server: PageServer, receiver: Receiver
) -> None:
    h = Harness(f"window={window}", tmp_path, page_server, receiver, initial=4)
    proc = h.start(crash_at=window)
    assert wait_dead(proc, 20, h) == -signal.SIGKILL, h.log_tail()
    h.stats.kills += 1
    h.stats.self_kills += 1
    stored = h.store.stored_per_source()
    if window in ("after_fetch", "before_commit"):
        assert sum(stored.values()) == 0, f"nothing commits before the crash at {window}: {stored}"
    else:
        assert sum(stored.values()) > 0, f"the poll committed before the crash at {window}"
    if window == "after_send":
        assert receiver.at("/hook"), "the webhook was sent before the crash"
        with h.store.conn() as c:
            sent = c.execute("SELECT COUNT(*) FROM deliveries WHERE status='sent'").fetchone()[0]
        assert sent == 0, "the kill came before the send was recorded"
    h.blog.grow_safely(h.store.path, random.Random(SEED), most=2)
    h.run_to_completion()
    summary = h.check()
    if window == "after_send":
        dupes = len(receiver.at("/hook")) - len({r.headers["webhook-id"] for r in receiver.at("/hook")})
        assert dupes >= 1, f"the unrecorded send is sent again, under the same id; {summary}"


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(
    tmp_path: Path, page_server: PageServer, receiver: Receiver
) -> None:
    rng = random.Random(SEED)
    h = Harness(f"random seed={SEED}", tmp_path, page_server, receiver, initial=3)
    # A receiver that takes its time widens the send → record window random kills can land in.
    receiver.on_request = lambda _: time.sleep(RECEIVER_DELAY)
    started = time.monotonic()
    for i in range(RANDOM_KILLS):
        if i and rng.random() < 0.6:
            h.blog.grow_safely(h.store.path, rng)
        proc = h.start()
        time.sleep(rng.uniform(*KILL_DELAY))
        assert proc.poll() is None, f"livetail run died on its own ({proc.returncode}):\n{h.log_tail()}"
        proc.kill()
        assert proc.wait(timeout=10) == -signal.SIGKILL
        h.stats.kills += 1
    h.blog.grow_safely(h.store.path, rng)
    h.run_to_completion(timeout=40)
    summary = h.check()
    assert h.stats.kills >= 20 and h.stats.restarts >= 20, summary
    print(f"CRASH SUMMARY [random seed={SEED}] elapsed={time.monotonic() - started:.1f}s")
