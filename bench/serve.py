"""Requests/s for a 200-entry feed: livetail's server (full body and 304) vs `python -m http.server`.

Run: .venv/bin/python bench/serve.py [--requests 2000] [--concurrency 16] [--rounds 3]
Everything runs on 127.0.0.1 in this process (plus one http.server child); figures are medians
of the rounds, measured in the same run so the ratio is meaningful on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from livetail import identity
from livetail.config import Config, PublishConfig, SourceConfig, StateConfig
from livetail.model import Update
from livetail.publisher import Publisher
from livetail.reconcile import ReconcileResult, SourceState, reconcile
from livetail.server import build_app, start_server
from livetail.store.sqlite import SQLiteStore

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def updates(n: int) -> list[Update]:
    result = []
    for k in range(n, 0, -1):
        text = f"Paragraph {k}. " + "Officials said more details would follow. " * 8
        result.append(
            Update(
                uid=f"post-{k}",
                fingerprint=identity.fingerprint(f"Update {k}", text),
                title=f"Update {k}",
                content_html=f"<p>{text}</p>",
                text=text,
                url=f"https://e.org/live#post-{k}",
                published=T0 + timedelta(minutes=k),
            )
        )
    return result


async def load(url: str, headers: dict[str, str], requests: int, concurrency: int) -> float:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, headers=headers) as client:
        remaining = requests

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                response = await client.get(url)
                assert response.status_code in (200, 304), response.status_code

        await client.get(url)  # warm-up: connections open
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - started)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="livetail-bench-"))
    config = Config(
        state=StateConfig(path=tmp / "state.db"),
        publish=PublishConfig(dir=tmp / "public", base_url="http://bench.invalid/", window=200),
        sources=(SourceConfig(name="storm", url="https://e.org/live"),),
    )
    store = await SQLiteStore.open(config.state.path)
    page = updates(200)

    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, page, strategy="jsonld", now=T0)

    await store.commit_poll(
        source="storm", url="https://e.org/live", title="Bench", now=T0, decide=decide, route=lambda _: []
    )
    publisher = Publisher(config, store, lambda: T0)
    await publisher.publish_all()
    feed = publisher.documents["feeds/storm.atom"]
    port, static_port = free_port(), free_port()
    runner = await start_server(build_app(publisher), f"127.0.0.1:{port}")
    static = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(static_port),
            "--bind",
            "127.0.0.1",
            "-d",
            str(tmp / "public"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        await asyncio.sleep(0.5)
        identity_only = {"Accept-Encoding": "identity"}
        cases = {
            "livetail 200 (full body)": (f"http://127.0.0.1:{port}/feeds/storm.atom", identity_only),
            "livetail 304 (If-None-Match)": (
                f"http://127.0.0.1:{port}/feeds/storm.atom",
                {**identity_only, "If-None-Match": feed.etag},
            ),
            "livetail 200 gzip": (f"http://127.0.0.1:{port}/feeds/storm.atom", {"Accept-Encoding": "gzip"}),
            "python -m http.server 200": (f"http://127.0.0.1:{static_port}/feeds/storm.atom", identity_only),
        }
        results: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.rounds):
            for name, (url, headers) in cases.items():
                results[name].append(await load(url, headers, args.requests, args.concurrency))
        baseline = statistics.median(results["python -m http.server 200"])
        print(
            f"200-entry feed: {len(feed.body):,} bytes; {args.requests} requests x {args.rounds} rounds, "
            f"concurrency {args.concurrency}"
        )
        print(f"{'case':32} {'median req/s':>12} {'vs http.server':>15}")
        for name, values in results.items():
            median = statistics.median(values)
            print(f"{name:32} {median:12,.0f} {median / baseline:14.2f}x")
    finally:
        static.terminate()
        static.wait()
        await runner.cleanup()
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
