"""Dashboard render time for 200 sources, beside rendering the same sources' Atom feeds.

Run: .venv/bin/python bench/web.py [--sources 200] [--updates 40] [--rounds 50]

A SQLite store is filled with ``--sources`` sources of ``--updates`` updates each, spread over
the last day. The dashboard is then requested over HTTP from livetail's own server; the
server-side time is read from its ``Server-Timing`` header (handler and template, no network).
The first request fills the per-source activity cache (cold); the median is over warm requests
(the cache is refreshed when a source has new events, or after a minute). The Atom side renders
each source's feed document from its window of updates (``render_atom``), as the publisher does.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from livetail import identity
from livetail.config import Config, PublishConfig, SourceConfig, StateConfig
from livetail.feeds import FeedLinks, feed_rel_path
from livetail.feeds.atom import render_atom
from livetail.model import Update
from livetail.publisher import Publisher
from livetail.reconcile import ReconcileResult, SourceState, reconcile
from livetail.server import build_app, start_server
from livetail.store.sqlite import SQLiteStore

BASE = "http://127.0.0.1:8080/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def updates(source: int, n: int, now: datetime) -> list[Update]:
    result = []
    for k in range(n, 0, -1):
        text = f"Paragraph {k} of blog {source}. " + "Officials said more details would follow. " * 6
        result.append(
            Update(
                uid=f"post-{k}",
                fingerprint=identity.fingerprint(f"Update {k}", text),
                title=f"Update {k} from blog {source}",
                content_html=f"<p>{text}</p>",
                text=text,
                url=f"https://e{source}.example/live#post-{k}",
                published=now - timedelta(minutes=(n - k) * 1440 // n + source % 7),
            )
        )
    return result


def no_targets(_: object) -> list[str]:
    return []


async def fill(store: SQLiteStore, config: Config, n: int, now: datetime) -> None:
    for i, source in enumerate(config.sources):
        page = updates(i, n, now)

        def decide(state: SourceState, page: list[Update] = page) -> ReconcileResult:
            return reconcile(state, page, strategy="jsonld", now=now)

        await store.commit_poll(
            source=source.name, url=source.url, title=f"Blog {i}", now=now, decide=decide, route=no_targets
        )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--updates", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(
            state=StateConfig(path=Path(tmp) / "state.db"),
            publish=PublishConfig(dir=Path(tmp) / "public", base_url=BASE),
            sources=tuple(
                SourceConfig(name=f"blog-{i:03d}", url=f"https://e{i}.example/live")
                for i in range(args.sources)
            ),
        )
        store = await SQLiteStore.open(config.state.path)
        started = time.perf_counter()
        await fill(store, config, args.updates, now)
        print(
            f"filled {args.sources} sources x {args.updates} updates in {time.perf_counter() - started:.1f}s"
        )
        publisher = Publisher(config, store, lambda: datetime.now(UTC))
        port = free_port()
        runner = await start_server(build_app(publisher), f"127.0.0.1:{port}")
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:

                async def dashboard() -> tuple[float, float]:
                    t0 = time.perf_counter()
                    r = await client.get("/")
                    wall = (time.perf_counter() - t0) * 1000
                    assert r.status_code == 200 and r.text.count('class="source ') == args.sources
                    server = float(r.headers["server-timing"].split("dur=")[1])
                    return server, wall

                cold, _ = await dashboard()
                warm = [await dashboard() for _ in range(args.rounds)]
                size = len((await client.get("/")).content)

            windows = []
            for source in config.sources:
                feed = await publisher.feed_source(source)
                assert feed is not None
                window = await store.list_updates(source.name, limit=config.publish.window)
                links = FeedLinks(self_url=BASE + feed_rel_path(source.name), alternate=source.url)
                windows.append((feed, window, links))
            atom = []
            for _ in range(max(5, args.rounds // 5)):
                t0 = time.perf_counter()
                for feed, window, links in windows:
                    render_atom(feed, window, links=links)
                atom.append((time.perf_counter() - t0) * 1000)
        finally:
            await runner.cleanup()
            await store.close()

    server_median = statistics.median(s for s, _ in warm)
    wall_median = statistics.median(w for _, w in warm)
    print(f"dashboard, {args.sources} sources ({size // 1024} KiB of HTML):")
    print(
        f"  server-side median {server_median:.1f} ms (HTTP round trip {wall_median:.1f} ms), "
        f"cold cache {cold:.0f} ms"
    )
    print(
        f"Atom feeds of the same {args.sources} sources ({config.publish.window}-entry windows): "
        f"median {statistics.median(atom):.1f} ms to render all"
    )
    verdict = "PASS" if server_median < 50 else "FAIL"
    print(f"{verdict}: dashboard under 50 ms server-side")
    if verdict == "FAIL":
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
