"""Throughput with 1, 2 and 3 `livetail run` instances on one PostgreSQL database, and 1 on SQLite.

Run: .venv/bin/python bench/scale.py [--sources 150] [--seconds 12] [--dsn postgresql://postgres@127.0.0.1:5432/postgres]

The same workload for every line: ``--sources`` live blogs on 127.0.0.1, each polled every
second (``interval = "1s"``: more than one instance can keep up with, so more instances show
whether sharing one database scales), each gaining one post per fetch (the newest 30 are on the
page), and a webhook target receiving every ``update.created``. After a warm-up of 4 s the
server side counts, for ``--seconds``: fetches served (polls/s) and webhooks received
(deliveries/s). Each PostgreSQL line uses a fresh database on ``--dsn``'s server (created and
dropped); the SQLite line a temporary file.
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

T0 = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
WARMUP = 4.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Workload:
    """Blogs that grow by one post per fetch, and a webhook sink; counts both with timestamps."""

    def __init__(self) -> None:
        self.fetched: dict[str, int] = {}
        self.fetches: list[float] = []
        self.posts: list[float] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with outer.lock:
                    n = outer.fetched.get(self.path, 0) + 1
                    outer.fetched[self.path] = n
                    outer.fetches.append(time.monotonic())
                body = page(self.path.strip("/"), 10 + n).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with outer.lock:
                    outer.posts.append(time.monotonic())
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def reset(self) -> None:
        with self.lock:
            self.fetched.clear()
            self.fetches.clear()
            self.posts.clear()

    def rates(self, start: float, end: float) -> tuple[float, float]:
        with self.lock:
            polls = sum(1 for t in self.fetches if start <= t < end)
            posts = sum(1 for t in self.posts if start <= t < end)
        return polls / (end - start), posts / (end - start)


def page(name: str, size: int) -> str:
    url = f"https://bench.test/{name}"
    posts = [
        {
            "@type": "BlogPosting",
            "@id": f"{url}#p{k}",
            "url": f"{url}#p{k}",
            "headline": f"{name} update {k}",
            "articleBody": f"Paragraph {k} of {name}. Officials said more details would follow.",
            "datePublished": (T0 + timedelta(minutes=k)).isoformat(),
        }
        for k in range(size, max(0, size - 30), -1)
    ]
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": name, "url": url}
    ld["liveBlogUpdate"] = posts
    return (
        f"<!doctype html><html><head><title>{name}</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body></body></html>'
    )


def config(folder: Path, state: str, work: Workload, sources: int) -> Path:
    blogs = "".join(
        f'[[sources]]\nname = "b{k:03d}"\nurl = "{work.base}/b{k:03d}"\ninterval = "1s"\n'
        "backfill_alerts = true\nallow_private = true\n"
        for k in range(sources)
    )
    path = folder / f"config-{uuid.uuid4().hex[:6]}.toml"
    path.write_text(
        f"""{state}
[publish]
dir = "{folder / "public"}"
[server]
listen = "127.0.0.1:{free_port()}"
[fetch]
per_host_delay = "0s"
per_host_concurrency = 64
[delivery]
concurrency = 16
{blogs}
[[targets]]
name = "hook"
type = "webhook"
url = "{work.base}/hook"
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
events = ["update.created"]
""",
        encoding="utf-8",
    )
    return path


def run(label: str, configs: list[Path], work: Workload, seconds: float) -> None:
    work.reset()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "livetail", "run", "-c", str(c)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for c in configs
    ]
    try:
        time.sleep(WARMUP)
        start = time.monotonic()
        time.sleep(seconds)
        polls, deliveries = work.rates(start, time.monotonic())
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
    print(f"{label:<26} polls/s {polls:7.1f}   deliveries/s {deliveries:7.1f}", flush=True)


def with_dbname(dsn: str, name: str) -> str:
    if "://" in dsn:
        return urlunsplit(urlsplit(dsn)._replace(path=f"/{name}"))
    return psycopg.conninfo.make_conninfo(dsn, dbname=name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=150)
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--dsn", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    work = Workload()
    print(
        f"{args.sources} sources polled every 1 s, each fetch adds a post; {args.seconds:g} s measured per line"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for instances in (1, 2, 3):
            name = f"livetail_bench_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(args.dsn, autocommit=True) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            try:
                state = f'[state]\nurl = "{with_dbname(args.dsn, name)}"'
                configs = [config(folder, state, work, args.sources) for _ in range(instances)]
                run(f"PostgreSQL, {instances} instance(s)", configs, work, args.seconds)
            finally:
                with psycopg.connect(args.dsn, autocommit=True) as admin:
                    admin.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                    )
        state = f'[state]\npath = "{folder / "state.db"}"'
        run("SQLite, 1 instance", [config(folder, state, work, args.sources)], work, args.seconds)


if __name__ == "__main__":
    main()
