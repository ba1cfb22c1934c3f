"""Outbox throughput: webhook deliveries/s to a local receiver and the store's events/s, in one run.

Run: .venv/bin/python bench/deliver.py [--rounds 3] [--events 2000] [--sources 32] [--batch 10]

Per round and per measured concurrency (default 1 and 16), a fresh SQLite file (WAL, as
``livetail run`` opens it) in a temporary folder is filled through the real write path:

* ``commit_poll``: every source's live blog grows by ``--batch`` updates per poll (the first poll
  of a source backfills, so every update becomes an ``update.created``), each poll one
  transaction that runs ``reconcile`` over the whole page, writes the updates, the events and
  one outbox row per event for the webhook target. Only the ``commit_poll`` calls are timed:
  **events/s = events committed / seconds spent in commit_poll** (pages are built beforehand);
  every fill is a sample, so there are (concurrency levels + 1) × rounds of them.
* ``DeliveryWorker.drain``: the real worker (claim → render → sign → POST → record) with
  ``[delivery] concurrency`` = 1 and 16 until nothing is claimable: **deliveries/s**. Events are
  spread over ``--sources`` sources because only the oldest pending row of each
  (target, source) is claimable (per-source order), so concurrency 16 needs ≥ 16 sources.
  Afterwards the store must show every row sent and the receiver every ``webhook-id``.
* ``outbox alone``: the same drain at the highest concurrency with a notifier that returns at
  once, i.e. the ceiling the store (claims and records) and payload rendering set.

The receiver is an aiohttp server in a child process on 127.0.0.1 answering 204 (it reads the
body and counts distinct ``webhook-id`` per path; it does not verify signatures), so it does not
share the worker's event loop or GIL. Medians over ``--rounds``; every round's figure is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

from livetail import identity
from livetail.config import Config, parse_config
from livetail.delivery import DeliveryWorker
from livetail.model import Delivery, Update
from livetail.notifiers import Notifier, build_notifiers
from livetail.notifiers.routing import targets_for
from livetail.reconcile import ReconcileResult, SourceState, reconcile
from livetail.store.sqlite import SQLiteStore

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

# --- the receiver (child process) ----------------------------------------------------------------


def _receiver_main(conn: Connection) -> None:
    from aiohttp import web

    seen: dict[str, tuple[list[int], set[str]]] = {}

    async def hook(request: web.Request) -> web.Response:
        await request.read()
        count, ids = seen.setdefault(request.path, ([0], set()))
        count[0] += 1
        ids.add(request.headers.get("webhook-id", ""))
        return web.Response(status=204)

    async def stats(request: web.Request) -> web.Response:
        count, ids = seen.get("/hook/" + request.match_info["run"], ([0], set()))
        return web.json_response({"requests": count[0], "ids": len(ids)})

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/hook/{run}", hook)
        app.router.add_get("/stats/{run}", stats)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        conn.send(runner.addresses[0][1])
        await asyncio.Event().wait()

    asyncio.run(main())


class ReceiverProcess:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_receiver_main, args=(child,), daemon=True)
        self.process.start()
        if not parent.poll(30):
            raise RuntimeError("the receiver did not start")
        self.base = f"http://127.0.0.1:{parent.recv()}"

    def stats(self, run: str) -> dict[str, int]:
        got: dict[str, int] = httpx.get(f"{self.base}/stats/{run}").json()
        return got

    def close(self) -> None:
        self.process.terminate()
        self.process.join(5)


# --- the outbox ------------------------------------------------------------------------------------


def make_config(tmp: Path, sources: int, url: str, concurrency: int) -> Config:
    return parse_config(
        {
            "state": {"path": "state.db"},
            "publish": {"base_url": "http://feeds.example.test/"},
            "delivery": {"concurrency": concurrency},
            "sources": [
                {"name": f"s{i:02d}", "url": f"https://e.org/live/{i}", "title": f"Blog {i}"}
                for i in range(sources)
            ],
            "targets": [{"name": "hook", "type": "webhook", "url": url, "secret": SECRET}],
        },
        base_dir=tmp,
        env={},
    )


def make_update(source: str, k: int) -> Update:
    title = f"{source}: update {k} from the scene"
    text = f"Paragraph {k} of {source}. Officials said more details would follow later this evening."
    return Update(
        uid=f"post-{k}",
        fingerprint=identity.fingerprint(title, text),
        title=title,
        content_html=f"<p>{text}</p>",
        text=text,
        url=f"https://e.org/live/{source}#post-{k}",
        published=T0 + timedelta(minutes=k),
    )


def polls(config: Config, events: int, batch: int) -> list[tuple[str, list[Update]]]:
    """Every poll's page, in the order they are committed (round-robin over sources)."""
    names = [s.name for s in config.sources]
    per_source = [events // len(names) + (i < events % len(names)) for i in range(len(names))]
    pages: list[tuple[str, list[Update]]] = []
    shown = [0] * len(names)
    while any(shown[i] < per_source[i] for i in range(len(names))):
        for i, name in enumerate(names):
            if shown[i] >= per_source[i]:
                continue
            shown[i] = min(per_source[i], shown[i] + batch)
            pages.append((name, [make_update(name, k) for k in range(shown[i], 0, -1)]))
    return pages


async def fill(store: SQLiteStore, config: Config, events: int, batch: int) -> tuple[int, float]:
    """Commit every poll; return (events committed, seconds inside commit_poll)."""
    committed = 0
    spent = 0.0
    sources = {s.name: s for s in config.sources}
    for n, (name, page) in enumerate(polls(config, events, batch)):
        now = T0 + timedelta(seconds=n)

        def decide(state: SourceState, page: Sequence[Update] = page, now: datetime = now) -> ReconcileResult:
            return reconcile(state, page, strategy="jsonld", now=now, backfill_alerts=True)

        started = time.perf_counter()
        commit = await store.commit_poll(
            source=name,
            url=sources[name].url,
            title=sources[name].title,
            now=now,
            decide=decide,
            route=lambda e, name=name: targets_for(config.targets, name, e),
        )
        spent += time.perf_counter() - started
        committed += len(commit.events)
    if committed != events:
        raise RuntimeError(f"expected {events} events, committed {committed} (degraded guard?)")
    return committed, spent


class NullNotifier:
    """Accepts every delivery at once: what is left is the store and payload rendering."""

    async def send(self, delivery: Delivery, body: bytes) -> None:
        return None

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        return None

    async def aclose(self) -> None:
        return None


def utc_now() -> datetime:
    return datetime.now(UTC)


async def one_run(
    run: str, receiver: ReceiverProcess, args: argparse.Namespace, concurrency: int, *, null: bool
) -> tuple[float, float]:
    """Fill a fresh store and drain it; return (commit events/s, deliveries/s)."""
    with tempfile.TemporaryDirectory(prefix="livetail-bench-") as folder:
        tmp = Path(folder)
        config = make_config(tmp, args.sources, f"{receiver.base}/hook/{run}", concurrency)
        store = await SQLiteStore.open(config.state.path)
        try:
            events, spent = await fill(store, config, args.events, args.batch)
            notifiers: dict[str, Notifier] = {"hook": NullNotifier()} if null else build_notifiers(config)
            worker = DeliveryWorker(config, store, notifiers, clock=utc_now)
            try:
                started = time.perf_counter()
                claimed = await worker.drain(timeout=600)
                elapsed = time.perf_counter() - started
            finally:
                await worker.aclose()
            stats = {s.target: s for s in await store.target_stats()}["hook"]
        finally:
            await store.close()
    if claimed != events or stats.sent != events or stats.pending or stats.dead:
        raise RuntimeError(f"run {run}: claimed {claimed}, {stats} for {events} events")
    if not null:
        got = receiver.stats(run)
        if got["ids"] != events:
            raise RuntimeError(f"run {run}: the receiver saw {got} for {events} events")
    return events / spent, events / elapsed


def show(label: str, values: list[float], unit: str) -> None:
    each = ", ".join(f"{v:,.0f}" for v in values)
    print(f"  {label:<22} {statistics.median(values):>9,.0f} {unit}   (median of {len(values)}: {each})")


async def main_async(args: argparse.Namespace) -> None:
    levels = [int(c) for c in args.concurrency.split(",")]
    if max(levels) > args.sources:
        print(f"note: concurrency {max(levels)} > {args.sources} sources; per-source order caps it")
    receiver = ReceiverProcess()
    commit_rates: list[float] = []
    deliver_rates: dict[str, list[float]] = {}
    try:
        for r in range(args.rounds):
            plan = [(f"concurrency {c}", c, False) for c in levels]
            plan.append((f"outbox alone (c={max(levels)})", max(levels), True))
            for label, c, null in plan:
                run = f"r{r}-c{c}-{'null' if null else 'hook'}"
                commit_rate, rate = await one_run(run, receiver, args, c, null=null)
                commit_rates.append(commit_rate)
                deliver_rates.setdefault(label, []).append(rate)
            print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    finally:
        receiver.close()
    print(
        f"livetail outbox bench: {args.events:,} update.created events over {args.sources} sources, "
        f"SQLite WAL, Python {sys.version.split()[0]}"
    )
    print("webhook deliveries/s (claim, render, sign, POST to a local aiohttp 204 receiver, record):")
    for label, values in deliver_rates.items():
        show(label, values, "deliveries/s")
    print(
        f"store commit_poll (reconcile + updates + events + outbox rows), {args.batch} new updates per poll:"
    )
    show("commit_poll", commit_rates, "events/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=32)
    parser.add_argument("--batch", type=int, default=10, help="new updates per poll of a source")
    parser.add_argument("--concurrency", default="1,16", help="comma-separated [delivery] concurrency values")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
