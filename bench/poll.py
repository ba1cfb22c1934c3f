"""One polling cycle over 500 live blogs: changed, unchanged (304), unchanged without 304s; vs urlwatch.

Run: .venv/bin/python bench/poll.py [--sources 500] [--hosts 50] [--updates 30] [--page-kb 610] [--rounds 3]
[--encoding gzip|identity] [--no-urlwatch]

A child process serves ``--sources`` live blogs (JSON-LD ``LiveBlogPosting`` pages of
``--updates`` posts plus site chrome) from 127.0.0.1. Pages weigh ``--page-kb``: by default 610 KB,
the median of the seven real publisher HTML pages in tests/fixtures/real (79 KB to 1,286 KB), made
up, as there, mostly of inlined scripts, a stylesheet, a JSON state blob and an SVG sprite;
``--page-kb 0`` serves the posts and navigation alone (about 60 KB). Pages go gzipped (level 6,
compressed once per version, as a CDN caches them) to clients that accept it, as publishers
send them; they compress about as well as the real ones (5.8x; those: 4.1x to 6.1x).
``--encoding identity`` sends them as they are. livetail reaches them under
``--hosts`` host names (``blog00.bench.test`` …) that an injected resolver maps to 127.0.0.1, so
the per-host limits are real: ``per_host_concurrency = 2`` per name (``per_host_delay = "0s"``:
with 1 s spacing, ten blogs per host would make every cycle last ten seconds by design).
Every source sets ``allow_private = true`` (the server is on loopback). The real pipeline runs:
Fetcher → extract → reconcile → SQLite store (WAL, temp dir) → publish (Atom/JSON files); the
start-up heap is frozen first, as ``livetail run`` does (``daemon.freeze_startup_heap``).

Cycles, each timed for wall and CPU (``time.process_time`` of this process plus that of livetail's
extraction child process; the server is a separate process and not counted). This process's CPU
is split into the event loop's thread, the store's (SQLite) thread, and the rest (the threads that
write the published files, the extraction pool's feeder and result threads). After the baseline,
``--rounds`` rounds of cycles 2-4 (and urlwatch's two timed runs) follow; the summary gives medians:

1. baseline: first poll of every blog (stored silently), not a target, shown for reference;
2. changed: every page gained one post (each poll: fetch 200, extract, 1 ``update.created``);
3. unchanged (304): the server honours ``If-None-Match``; polls end before extraction;
4. unchanged, validators ignored: the server always answers 200 with the same bytes; polls end
   on the body hash before extraction.

After cycles 3 and 4, the same 500 requests are made with httpx alone (a client per host name,
two at once per host, bodies read, nothing else): the HTTP floor any httpx-based poller pays,
printed beside livetail's unchanged cycles. The cyclic garbage its clients leave is collected
right after it (untimed), so that livetail's next cycle does not pay for it.

urlwatch (the peer most people use for "tell me when this page changes") is installed with pip
into a separate venv under /tmp (``--urlwatch-venv``; created on first use) and checks the same
500 URLs (by 127.0.0.1, as it has no resolver hook) in the same run: a first run to fill its
cache, then a run after the same change livetail saw (timed), then an unchanged run (timed;
urlwatch also sends ``If-None-Match``). Its CPU is the child's ``RUSAGE_CHILDREN`` delta; its
report (stdout, with a diff per changed page) is captured and must name every page as changed in
the changed run and none in the unchanged one, else the bench stops: the comparison holds only if
both saw the same change. If it cannot be installed the line says why and is skipped.

Targets (issue 6): unchanged cycle < 10% of the changed one; livetail's changed cycle faster than
urlwatch's. Peak RSS is ``ru_maxrss`` of this process at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import gzip
import html
import json
import logging
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

T0 = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
CHROME = (
    "<nav>"
    + "".join(f'<a href="/section/{k}">Section {k}</a>' for k in range(120))
    + "</nav><aside>"
    + "".join(
        f'<div class="promo"><a href="/story/{k}">Related story {k} headline</a></div>' for k in range(80)
    )
    + "</aside>"
)


#: Median size of the seven real publisher HTML pages in tests/fixtures/real (79 KB to 1,286 KB):
#: what a live blog weighs once its scripts, styles, icons and state blobs are counted.
REAL_MEDIAN_KB = 610
#: gzip -6 shrinks those seven pages 4.1x to 6.1x, 5.7x for the median one.
REAL_GZIP_RATIO = 5.7
#: Percent of the padding by kind: style, script, state, icons, data: URIs (tuned to that ratio).
WEIGHT_SHARES = (18, 35, 27, 9, 11)


def page_weight(blog: int, size: int) -> str:
    """About ``size`` bytes of the assets a real page inlines, the same in every version of it.

    Real live-blog pages are mostly this (an app bundle, a JSON state blob, a stylesheet, an
    SVG sprite, images and fonts as base64 ``data:`` URIs), not posts; it costs a poller parsing
    and hashing, and costs urlwatch diffing. The ``data:`` URIs (seeded noise) make the page
    compress like the real ones do (see :data:`REAL_GZIP_RATIO`), not like its repeated rules.
    """
    if size <= 0:
        return ""
    noise = random.Random(blog)
    rules = (
        lambda k: f".c{blog}-{k}{{margin:{k % 9}px {k % 5}px;color:#{(k * 2654435761) % 0xFFFFFF:06x}}}",
        lambda k: f"function f{k}(a,b){{return a.map(function(x){{return x*{k}+b.length}})}};",
        lambda k: f'"k{k}":{{"id":{k},"slot":"ad-{k % 40}","path":"/section/{k % 120}","on":{k % 2}}}',
        lambda k: f'<symbol id="i{k}" viewBox="0 0 24 24"><path d="M{k % 24} 0L24 {k % 24}Z"/></symbol>',
        lambda k: (
            f".i{k}{{background:url(data:image/png;base64,{base64.b64encode(noise.randbytes(600)).decode()})}}"
        ),
    )
    parts: list[list[str]] = [[], [], [], [], []]
    k = 0
    for kind, share in enumerate(WEIGHT_SHARES):
        wanted, length = size * share // 100, 0
        while length < wanted:
            piece = rules[kind](k)
            parts[kind].append(piece)
            length += len(piece)
            k += 1
    style, script, state, icons, images = ("".join(p) if i != 2 else ",".join(p) for i, p in enumerate(parts))
    return (
        f"<style>{style}{images}</style><script>{script}</script>"
        f"<script>window.__STATE__={{{state}}}</script>"
        f'<svg style="display:none">{icons}</svg>'
    )


# -- the server (a child process) -----------------------------------------------------------------


def render(blog: int, version: int, posts: int, page_kb: int = 0) -> bytes:
    """Blog ``blog`` at ``version``: the newest ``posts`` of ``posts + version - 1`` updates."""
    url = f"https://news.example/live/blog-{blog}"
    newest = posts + version - 1
    items = []
    for k in range(newest, newest - posts, -1):
        when = (T0 + timedelta(minutes=3 * k)).isoformat()
        title = f"Blog {blog}: update {k} on the developing story"
        body = (
            f"Update {k}. Officials in district {blog} said the situation was evolving. "
            "Residents were advised to follow local guidance and check back for more details. " * 3
        )
        items.append((k, when, title, body))
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": f"Live: blog {blog}",
        "url": url,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#post-{k}",
                "url": f"{url}#post-{k}",
                "headline": title,
                "articleBody": body,
                "datePublished": when,
            }
            for k, when, title, body in items
        ],
    }
    articles = "".join(
        f'<article id="post-{k}"><time datetime="{when}">{when[11:16]} GMT</time>'
        f"<h2>{html.escape(title)}</h2><p>{html.escape(body)}</p></article>"
        for k, when, title, body in items
    )
    head = (
        f"<!doctype html><html><head><meta charset=utf-8><title>Live: blog {blog}</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    body = f"</head><body>{CHROME}<main><h1>Live: blog {blog}</h1>{articles}</main>{CHROME}</body></html>"
    weight = page_weight(blog, page_kb * 1000 - len(head) - len(body))
    return (head + weight + body).encode("utf-8")


def serve(port: int, posts: int, page_kb: int, encoding: str) -> None:
    from aiohttp import web

    state = {"version": 1, "honour": True}
    cache: dict[tuple[int, int], bytes] = {}
    gzipped: dict[tuple[int, int], bytes] = {}

    async def control(request: web.Request) -> web.Response:
        if "version" in request.query:
            state["version"] = int(request.query["version"])
            # A round's pages are 300 MB: keep the current version's only, so later rounds are
            # not served from a heap that grows by that much each time.
            for key in [k for k in cache if k[1] != state["version"]]:
                del cache[key]
                gzipped.pop(key, None)
        if "honour" in request.query:
            state["honour"] = request.query["honour"] == "1"
        return web.Response(text="ok")

    async def blog(request: web.Request) -> web.Response:
        number = int(request.match_info["n"])
        version = int(state["version"])
        etag = f'"{number}-{version}"'
        modified = f"Sun, 01 Mar 2026 {version % 24:02d}:00:00 GMT"
        headers = {"ETag": etag, "Last-Modified": modified, "Cache-Control": "max-age=0"}
        if state["honour"] and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        key = (number, version)
        body = cache.get(key)
        if body is None:
            body = cache[key] = render(number, version, posts, page_kb)
        if encoding == "gzip" and "gzip" in request.headers.get("Accept-Encoding", ""):
            # Compressed once per version, as a CDN caches it: the same bytes every time.
            if key not in gzipped:
                gzipped[key] = gzip.compress(body, 6, mtime=0)
            body = gzipped[key]
            headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return web.Response(body=body, content_type="text/html", charset="utf-8", headers=headers)

    app = web.Application()
    app.router.add_get("/_control", control)
    app.router.add_get("/blog-{n}", blog)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def control(port: int, **query: object) -> None:
    args = "&".join(f"{k}={v}" for k, v in query.items())
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_control?{args}", timeout=10) as response:
        response.read()


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            control(port)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the bench server did not start")


# -- urlwatch ---------------------------------------------------------------------------------------


class Urlwatch:
    def __init__(self, venv: Path, work: Path, port: int, sources: int) -> None:
        self.venv = venv
        self.work = work
        self.binary = venv / "bin" / "urlwatch"
        self.work.mkdir(parents=True, exist_ok=True)
        jobs = [f"name: blog-{k}\nurl: http://127.0.0.1:{port}/blog-{k}\n" for k in range(sources)]
        (work / "urls.yaml").write_text("---\n".join(jobs), encoding="utf-8")
        (work / "urlwatch.yaml").write_text("report:\n  stdout:\n    enabled: true\n    color: false\n")
        (work / "hooks.py").write_text("")

    @staticmethod
    def install(venv: Path) -> str | None:
        """Install urlwatch into ``venv`` unless it is there; the reason it is not, or None."""
        if (venv / "bin" / "urlwatch").exists():
            return None
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120
            )
            proc = subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", "urlwatch"],
                capture_output=True,
                text=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as e:
            return f"cannot create {venv}: {e}"
        if proc.returncode != 0:
            return "pip install urlwatch failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
        return None

    def run(self) -> tuple[float, float, int]:
        """One `urlwatch` run over every job: (wall, CPU) seconds and the changes it reported."""
        report = self.work / "report.txt"  # a file: 500 diffs held in this process would inflate its RSS
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with report.open("wb") as out:
            proc = subprocess.run(
                [
                    str(self.binary),
                    "--urls",
                    str(self.work / "urls.yaml"),
                    "--config",
                    str(self.work / "urlwatch.yaml"),
                    "--hooks",
                    str(self.work / "hooks.py"),
                    "--cache",
                    str(self.work / "cache.db"),
                ],
                stdout=out,  # its report (a diff per changed page) is part of its work
                stderr=subprocess.PIPE,
                text=True,
                timeout=600,
                env={**os.environ, "HOME": str(self.work), "NO_PROXY": "*"},
            )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise RuntimeError(f"urlwatch exited {proc.returncode}: {proc.stderr[-500:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        # The report has one "CHANGED: <name> ( <url> )" heading per changed page.
        with report.open("rb") as lines:
            changed = sum(1 for line in lines if line.startswith(b"CHANGED: "))
        return wall, cpu, changed


# -- the HTTP floor ---------------------------------------------------------------------------------


async def bare_httpx(port: int, sources: int, hosts: int, version: int | None) -> tuple[float, float]:
    """The same GETs with httpx alone: a client per host name, two requests at once per host,
    bodies read to the end, nothing else (no lease, no store, no hash). (wall, CPU) seconds.

    ``version``: send the ETag of that version (the server answers 304), or None (200s).
    It is what any poller built on httpx pays for these requests; livetail's unchanged cycles
    are this plus their own work."""
    import httpx

    clients = [
        httpx.AsyncClient(limits=httpx.Limits(max_connections=2, max_keepalive_connections=2))
        for _ in range(hosts)
    ]
    gates = [asyncio.Semaphore(2) for _ in range(hosts)]

    async def get(k: int) -> None:
        headers = {"If-None-Match": f'"{k}-{version}"'} if version is not None else {}
        async with gates[k % hosts]:
            response = await clients[k % hosts].get(f"http://127.0.0.1:{port}/blog-{k}", headers=headers)
        if response.status_code != (304 if version is not None else 200):
            raise SystemExit(f"httpx alone: HTTP {response.status_code} for blog-{k}")

    try:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(get(k) for k in range(sources)))
        return time.perf_counter() - wall0, time.process_time() - cpu0
    finally:
        for client in clients:
            await client.aclose()


# -- livetail ---------------------------------------------------------------------------------------


async def bench(args: argparse.Namespace, port: int, work: Path, urlwatch: Urlwatch | None) -> None:
    from livetail.config import parse_config
    from livetail.daemon import freeze_startup_heap
    from livetail.extract.offload import shared_process
    from livetail.fetch import Fetcher
    from livetail.model import EventType
    from livetail.netguard import static_resolver
    from livetail.pipeline import Pipeline, PollResult, Skip
    from livetail.store.sqlite import SQLiteStore

    hosts = [f"blog{h:02d}.bench.test" for h in range(args.hosts)]
    config = parse_config(
        {
            "state": {"path": "state/livetail.db"},
            "publish": {"dir": "public", "base_url": "http://feeds.bench.test/"},
            "fetch": {"per_host_concurrency": 2, "per_host_delay": "0s", "timeout": "60s"},
            "sources": [
                {
                    "name": f"blog-{k}",
                    "url": f"http://{hosts[k % len(hosts)]}:{port}/blog-{k}",
                    "allow_private": True,
                }
                for k in range(args.sources)
            ],
        },
        base_dir=work,
        env={},
    )
    freeze_startup_heap()  # as ``livetail run`` does before it starts
    store = await SQLiteStore.open(config.state.path)
    fetcher = Fetcher(config.fetch, resolver=static_resolver({h: ["127.0.0.1"] for h in hosts}))
    pipeline = Pipeline(config, store, fetcher)
    extraction = shared_process()
    runs: dict[str, list[tuple[float, float]]] = {}

    async def store_thread_cpu() -> float:
        return await store._run(time.thread_time)  # the store's one worker thread

    async def cycle(label: str, expect: Skip | None, created: int) -> tuple[float, float]:
        child0 = await extraction.cpu_seconds()
        store0, loop0 = await store_thread_cpu(), time.thread_time()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        results: list[PollResult] = await pipeline.poll_many(config.sources)
        wall = time.perf_counter() - wall0
        # CPU of this process and of the extraction child (a separate process).
        main_cpu = time.process_time() - cpu0
        loop_cpu, store_cpu = time.thread_time() - loop0, await store_thread_cpu() - store0
        child_cpu = await extraction.cpu_seconds() - child0
        cpu = main_cpu + child_cpu
        failed = [r for r in results if not r.ok]
        if failed:
            raise SystemExit(f"{label}: {len(failed)} polls failed, e.g. {failed[0].error}")
        wrong = [r for r in results if r.skipped is not expect]
        if wrong:
            raise SystemExit(f"{label}: {len(wrong)} polls ended {wrong[0].skipped!r}, expected {expect!r}")
        events = sum(1 for r in results for e in r.events if e.type is EventType.UPDATE_CREATED)
        if events != created:
            raise SystemExit(f"{label}: {events} update.created events, expected {created}")
        runs.setdefault(label, []).append((wall, cpu))
        note = {None: "extracted", Skip.NOT_MODIFIED: "304", Skip.UNCHANGED: "hash"}[expect]
        print(
            f"  {label:<34} wall {wall:7.2f} s   CPU {cpu:7.2f} s = {main_cpu:.2f} + {child_cpu:.2f} extraction"
            f"   ({len(results)} polls, {note}, {events} created)\n"
            f"  {'':<34} main = event loop {loop_cpu:.2f} + store thread {store_cpu:.2f}"
            f" + file writes and the rest {main_cpu - loop_cpu - store_cpu:.2f}",
            flush=True,
        )
        return wall, cpu

    def timed_urlwatch(label: str, expect: int) -> None:
        assert urlwatch is not None
        wall, cpu, changed = urlwatch.run()
        if changed != expect:  # the comparison is only fair if it saw the same change
            raise SystemExit(f"{label}: urlwatch reported {changed} changed pages, expected {expect}")
        runs.setdefault(label, []).append((wall, cpu))
        print(
            f"  {label:<34} wall {wall:7.2f} s   CPU {cpu:7.2f} s"
            f"   ({args.sources} URLs, {changed} reported changed)",
            flush=True,
        )

    async def floor(label: str, version: int | None) -> None:
        wall, cpu = await bare_httpx(port, args.sources, args.hosts, version)
        # Its 50 clients leave ~25,000 objects of cyclic garbage in this process: collected here,
        # untimed, or livetail's next cycle would pay for collecting them.
        gc.collect()
        runs.setdefault(label, []).append((wall, cpu))
        print(
            f"  {label:<34} wall {wall:7.2f} s   CPU {cpu:7.2f} s   (the same requests, httpx alone)",
            flush=True,
        )

    try:
        print(f"livetail: {args.sources} sources on {args.hosts} host names, {args.updates} posts per page")
        if urlwatch:
            print(
                f"urlwatch: the same {args.sources} URLs on the same server (by 127.0.0.1), run after livetail"
                " in each round, after the same change; its report (a diff per changed page) is captured"
            )
        control(port, version=1, honour=1)
        await cycle("baseline (first poll, not a target)", None, 0)
        if urlwatch:
            urlwatch.run()  # urlwatch's own first run: fills its cache
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_}")
            control(port, version=round_ + 1, honour=1)
            await cycle("changed (every page +1 post)", None, args.sources)
            if urlwatch:
                timed_urlwatch("urlwatch changed", args.sources)
            await cycle("unchanged, 304", Skip.NOT_MODIFIED, 0)
            await floor("httpx alone, 304", round_ + 1)
            if urlwatch:
                timed_urlwatch("urlwatch unchanged", 0)
            control(port, honour=0)
            await cycle("unchanged, no 304 (body hash)", Skip.UNCHANGED, 0)
            await floor("httpx alone, 200 (bodies read)", None)
    finally:
        await fetcher.aclose()
        await store.close()
        extraction.close()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def median(label: str) -> tuple[float, float]:
        pairs = runs[label]
        return statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)

    print()
    print(f"summary (medians of {args.rounds} rounds; CPU includes livetail's extraction process)")
    changed = median("changed (every page +1 post)")
    for label in ("changed (every page +1 post)", "unchanged, 304", "unchanged, no 304 (body hash)"):
        wall, cpu = median(label)
        print(f"  livetail {label:<34} wall {wall:7.2f} s   CPU {cpu:7.2f} s")
    for label in (
        "httpx alone, 304",
        "httpx alone, 200 (bodies read)",
        "urlwatch changed",
        "urlwatch unchanged",
    ):
        if label in runs:
            wall, cpu = median(label)
            print(f"  {label:<43} wall {wall:7.2f} s   CPU {cpu:7.2f} s")
    for label, key, bare in (
        ("304", "unchanged, 304", "httpx alone, 304"),
        ("body hash", "unchanged, no 304 (body hash)", "httpx alone, 200 (bodies read)"),
    ):
        wall, cpu = median(key)
        share = wall / changed[0] * 100
        verdict = "OK" if share < 10 else "over target"
        bare_wall, bare_cpu = median(bare)
        print(
            f"  unchanged ({label}) / changed: wall {share:5.1f}%  CPU {cpu / changed[1] * 100:5.1f}%"
            f"  (target < 10%: {verdict}); httpx alone for the same requests: wall"
            f" {bare_wall / changed[0] * 100:.1f}%, CPU {bare_cpu / changed[1] * 100:.1f}% of the changed cycle"
        )
    if "urlwatch changed" in runs:
        uw_wall = median("urlwatch changed")[0]
        ratio = changed[0] / uw_wall
        verdict = "OK" if ratio < 1 else "over target: livetail is slower"
        print(
            f"  changed cycle ({args.sources} URLs, every page +1 post): livetail {changed[0]:.2f} s"
            f" = {ratio:.2f}x urlwatch's {uw_wall:.2f} s  (target < 1x: {verdict})"
        )
        print(
            "    (per changed page livetail extracts, reconciles, commits, and writes its Atom and JSON"
            " feeds and the new entry document; urlwatch diffs the page text and reports the diff)"
        )
    print(f"  peak RSS (livetail bench process): {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--updates", type=int, default=30, help="posts per page")
    parser.add_argument(
        "--page-kb",
        type=int,
        default=REAL_MEDIAN_KB,
        help=f"page size, padded with inlined scripts, styles and icons (default {REAL_MEDIAN_KB}: the median"
        " of the real pages in tests/fixtures/real; 0: posts and navigation only, about 60 KB)",
    )
    parser.add_argument(
        "--encoding",
        choices=("gzip", "identity"),
        default="gzip",
        help="how the server sends pages to clients that accept gzip (default gzip, as publishers do)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="changed/unchanged rounds (medians)")
    parser.add_argument("--no-urlwatch", action="store_true")
    parser.add_argument(
        "--urlwatch-venv", type=Path, default=Path(tempfile.gettempdir()) / "livetail-bench-urlwatch"
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.updates, args.page_kb, args.encoding)
        return
    logging.basicConfig(level=logging.ERROR)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            str(port),
            "--updates",
            str(args.updates),
            "--page-kb",
            str(args.page_kb),
            "--encoding",
            args.encoding,
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        page = render(0, 1, args.updates, args.page_kb)
        ratio = len(page) / len(gzip.compress(page, 6, mtime=0))
        print(
            f"page size: {len(page) / 1000:.0f} KB, gzip -6 shrinks it {ratio:.1f}x (the real pages:"
            f" {REAL_GZIP_RATIO}x for the median one); served {args.encoding}"
        )
        with tempfile.TemporaryDirectory(prefix="livetail-bench-") as tmp:
            urlwatch = None
            if args.no_urlwatch:
                print("urlwatch: skipped (--no-urlwatch)")
            else:
                why = Urlwatch.install(args.urlwatch_venv)
                if why:
                    print(f"urlwatch: skipped ({why})")
                else:
                    urlwatch = Urlwatch(args.urlwatch_venv, Path(tmp) / "urlwatch", port, args.sources)
            asyncio.run(bench(args, port, Path(tmp), urlwatch))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
