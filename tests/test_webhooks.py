"""Webhook delivery against a real receiver that verifies Standard Webhooks signatures."""

from __future__ import annotations

import asyncio
import logging
import random
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from builders import T0, page
from rich.console import Console
from webhook_receiver import SECRET, Receiver

from livetail.cli_outbox import targets_table
from livetail.config import Config, parse_config
from livetail.delivery import DeliveryWorker
from livetail.model import EventType
from livetail.notifiers import build_notifiers
from livetail.reconcile import ReconcileResult, SourceState, reconcile
from livetail.store.sqlite import SQLiteStore


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def config_for(tmp: Path, receiver: Receiver, paths: dict[str, str]) -> Config:
    return parse_config(
        {
            "state": {"path": "state.db"},
            "publish": {"base_url": "http://feeds.example.test/"},
            "delivery": {"retry": ["1s", "1s", "1s", "1s"]},
            "sources": [{"name": "storm", "url": "https://e.org/live", "title": "Storm Ada"}],
            "targets": [
                {
                    "name": name,
                    "type": "webhook",
                    "url": receiver.url(path),
                    "secret": SECRET,
                    "events": ["created", "edited", "deleted"],
                }
                for name, path in paths.items()
            ],
        },
        base_dir=tmp,
        env={},
    )


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    opened = await SQLiteStore.open(tmp_path / "state.db")
    yield opened
    await opened.close()


async def poll(store: SQLiteStore, config: Config, ks: list[int], now: datetime) -> None:
    from livetail.notifiers.routing import targets_for

    updates = page(*ks)

    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, updates, strategy="jsonld", now=now)

    await store.commit_poll(
        source="storm",
        url="https://e.org/live",
        title="Storm Ada",
        now=now,
        decide=decide,
        route=lambda e: targets_for(config.targets, "storm", e),
    )


async def run_until(worker: DeliveryWorker, done: object, timeout: float = 20) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not done():  # type: ignore[operator]
        await worker.run_once()
        assert asyncio.get_running_loop().time() < deadline, "delivery did not finish in time"
        await asyncio.sleep(0.05)


def now() -> datetime:
    return datetime.now(UTC)


async def test_retries_with_one_id_and_fresh_signatures(
    tmp_path: Path, receiver: Receiver, store: SQLiteStore
) -> None:
    receiver.plans["/flaky"] = [500, 503, 500, 200]
    config = config_for(tmp_path, receiver, {"flaky": "/flaky"})
    worker = DeliveryWorker(config, store, build_notifiers(config), clock=now, rng=random.Random(7))
    await poll(store, config, [1], T0)
    await poll(store, config, [1, 2], T0 + timedelta(minutes=1))
    try:
        await run_until(
            worker, lambda: any(r for r in receiver.at("/flaky")[-1:] if len(receiver.at("/flaky")) >= 4)
        )
    finally:
        await worker.aclose()
    attempts = receiver.at("/flaky")
    assert len(attempts) == 4
    assert all(a.verified for a in attempts), "every attempt verifies with a fresh timestamp"
    assert len({a.headers["webhook-id"] for a in attempts}) == 1
    assert "." not in attempts[0].headers["webhook-id"]
    assert len({a.headers["webhook-signature"] for a in attempts}) >= 2  # re-signed per attempt
    assert len({a.body for a in attempts}) == 1, "retries send the same bytes"
    payload = attempts[0].payload
    assert payload is not None and payload["type"] == "update.created"
    data = payload["data"]
    assert data["source"] == {  # type: ignore[index]
        "name": "storm",
        "title": "Storm Ada",
        "url": "https://e.org/live",
        "feed_url": "http://feeds.example.test/feeds/storm.atom",
    }
    assert data["update"]["uid"] == "post-2" and data["update"]["title"] == "Update 2"  # type: ignore[index]
    stats = {s.target: s for s in await store.target_stats()}
    assert stats["flaky"].sent == 1 and stats["flaky"].pending == 0


async def test_always_failing_is_dead_lettered_and_visible(
    tmp_path: Path, receiver: Receiver, store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="livetail.delivery")
    receiver.plans["/down"] = [500]
    config = config_for(tmp_path, receiver, {"down": "/down"})
    worker = DeliveryWorker(config, store, build_notifiers(config), clock=now, rng=random.Random(1))
    await poll(store, config, [1], T0)
    await poll(store, config, [1, 2], T0 + timedelta(minutes=1))

    async def dead() -> bool:
        return any(s.dead for s in await store.target_stats())

    try:
        for _ in range(400):
            await worker.run_once()
            if await dead():
                break
            await asyncio.sleep(0.05)
    finally:
        await worker.aclose()
    assert await dead()
    assert len(receiver.at("/down")) == 1 + len(config.delivery.retry)
    warned = [r for r in caplog.records if r.levelno == logging.WARNING and "dead-lettered" in r.getMessage()]
    assert len(warned) == 1 and "target=down" in warned[0].getMessage(), caplog.text
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        f'[state]\npath = "state.db"\n[[sources]]\nname = "storm"\nurl = "https://e.org/live"\n'
        f'[[targets]]\nname = "down"\ntype = "webhook"\nurl = "{receiver.url("/down")}"\nsecret = "{SECRET}"\n',
        encoding="utf-8",
    )
    status = subprocess.run(
        [sys.executable, "-m", "livetail", "status", "-c", str(config_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 0, status.stderr
    assert "down" in status.stdout and "HTTP 500" in status.stdout
    assert SECRET not in status.stdout + status.stderr
    retry = subprocess.run(
        [sys.executable, "-m", "livetail", "deliveries", "retry", "--dead", "-c", str(config_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert retry.returncode == 0 and "1 delivery queued" in retry.stdout


async def test_gone_disables_and_redirect_is_not_followed(
    tmp_path: Path, receiver: Receiver, store: SQLiteStore
) -> None:
    receiver.plans["/gone"] = [410]
    receiver.plans["/moved"] = [302]
    config = config_for(tmp_path, receiver, {"gone": "/gone", "moved": "/moved"})
    worker = DeliveryWorker(config, store, build_notifiers(config), clock=now, rng=random.Random(1))
    await poll(store, config, [1, 2], T0)
    await poll(store, config, [1, 2, 3, 4], T0 + timedelta(minutes=1))
    try:
        for _ in range(5):
            await worker.run_once()
    finally:
        await worker.aclose()
    assert len(receiver.at("/gone")) == 1, "a disabled target gets nothing more"
    assert len(receiver.at("/moved")) == 2 and receiver.at("/elsewhere") == []
    stats = {s.target: s for s in await store.target_stats()}
    assert stats["gone"].disabled_reason and "410" in stats["gone"].disabled_reason
    assert stats["moved"].dead == 2 and "redirects are not followed" in (stats["moved"].last_error or "")
    # status says how to bring a disabled target back
    table = await targets_table(config, store)
    assert table is not None
    shown = Console(width=400, record=True)
    shown.print(table)
    assert "re-enable: livetail deliveries retry --dead --target gone" in shown.export_text()


async def test_events_arrive_in_sequence_order_per_source(
    tmp_path: Path, receiver: Receiver, store: SQLiteStore
) -> None:
    receiver.plans["/a"] = [500, 200]  # the first event fails once: the later ones must wait for it
    config = config_for(tmp_path, receiver, {"a": "/a"})
    worker = DeliveryWorker(config, store, build_notifiers(config), clock=now, rng=random.Random(3))
    await poll(store, config, [1, 2, 3], T0)
    await poll(store, config, [1, 2, 3, 4, 5, 6], T0 + timedelta(minutes=1))
    try:
        await run_until(worker, lambda: len({r.headers["webhook-id"] for r in receiver.at("/a")}) == 3)
    finally:
        await worker.aclose()
    delivered = [r.payload["sequence"] for r in receiver.at("/a") if r.payload]  # type: ignore[index]
    first_success = delivered[1:]  # after the failed first attempt
    assert first_success == sorted(first_success)
    types = {r.payload["type"] for r in receiver.at("/a") if r.payload}  # type: ignore[index]
    assert types == {EventType.UPDATE_CREATED.value}


async def test_max_per_hour_folds_the_overflow_into_one_digest(
    tmp_path: Path, receiver: Receiver, store: SQLiteStore
) -> None:
    base = config_for(tmp_path, receiver, {"capped": "/capped"})
    capped = base.targets[0].model_copy(update={"max_per_hour": 2})
    config = base.model_copy(update={"targets": (capped,)})
    worker = DeliveryWorker(config, store, build_notifiers(config), clock=now, rng=random.Random(1))
    await poll(store, config, [1, 2, 3, 4, 5], T0)
    await poll(store, config, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], T0 + timedelta(minutes=1))
    try:
        for _ in range(10):
            await worker.run_once()
    finally:
        await worker.aclose()
    got = receiver.at("/capped")
    assert all(r.verified for r in got)
    singles = [r.payload for r in got if r.payload and r.payload["type"] == "update.created"]
    digests = [r.payload for r in got if r.payload and r.payload["type"] == "digest"]
    assert len(singles) == 2 and len(digests) == 1, "past the limit, the overflow is one message"
    folded = digests[0]["data"]["events"]  # type: ignore[index]
    # Announced oldest first: the first two singly, the rest folded.
    assert [s["data"]["update"]["uid"] for s in singles] == ["post-6", "post-7"]  # type: ignore[index]
    assert [e["data"]["update"]["uid"] for e in folded] == ["post-8", "post-9", "post-10"]  # type: ignore[index]
    stats = {s.target: s for s in await store.target_stats()}
    assert stats["capped"].sent == 5 and stats["capped"].pending == 0
