"""Polite, cheap polling through the real pipeline, a real SQLite store and real local servers:
conditional GET and the body-hash short-circuit (no extraction ran), per-host limits shared by
sources, Retry-After and exponential backoff, and source.failing / source.recovered events."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import jsonld_blog
from probe_server import ProbeServer, Request, serve

from livetail.bodyread import body_digest
from livetail.config import Config, SourceConfig, parse_config
from livetail.extract.engine import Extraction, extract
from livetail.fetch import Fetcher
from livetail.logs import split_message
from livetail.model import Document, EventType
from livetail.netguard import IPAddress, blocked_reason, static_resolver
from livetail.pagekey import extraction_key, page_hash, saved_digests
from livetail.pipeline import Pipeline, PollResult, Skip, backoff_delay, backs_off
from livetail.store.sqlite import SQLiteStore

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def posts(n: int) -> list[dict[str, str]]:
    return [
        {
            "id": f"post-{k}",
            "headline": f"Update number {k} from the scene",
            "body": f"Paragraph of update {k}. Officials said more details would follow.",
            "published": (START + timedelta(minutes=7 * k)).isoformat(),
        }
        for k in range(n, 0, -1)
    ]


class Blog:
    """A live blog whose server answers conditional GETs (or, with ``honour=False``, ignores them)."""

    def __init__(self, url: str, n: int = 4) -> None:
        self.url = url
        self.version = 0
        self.honour = True
        self.gzip_level: int | None = None  # serve gzip, as publishers' servers do
        self.lock = threading.Lock()
        self.set(n)

    def set(self, n: int, *, body: str | None = None) -> None:
        with self.lock:
            self.version += 1
            self.body = (body if body is not None else jsonld_blog(posts(n), url=self.url)).encode()
            self.etag = f'"v{self.version}"'
            self.last_modified = f"Sun, 01 Mar 2026 09:{self.version:02d}:00 GMT"

    def __call__(self, r: Request) -> None:
        with self.lock:
            body, etag, modified = self.body, self.etag, self.last_modified
        if self.honour and (r.header("if-none-match") == etag or r.header("if-modified-since") == modified):
            r.start(304, {"ETag": etag, "Content-Length": "0"})
            return
        headers = {"ETag": etag, "Last-Modified": modified}
        if self.gzip_level is not None:
            body = gzip.compress(body, self.gzip_level, mtime=0)
            headers["Content-Encoding"] = "gzip"
        r.respond(body, headers=headers)


class Counting:
    """The pipeline's extractor, counted: proof that a short-circuited poll extracted nothing."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, document: Document, **kwargs: Any) -> Extraction:
        self.calls += 1
        return extract(document, **kwargs)


@pytest.fixture
def probe() -> Iterator[ProbeServer]:
    yield from serve()


def make_config(tmp_path: Path, sources: list[dict[str, Any]], **extra: Any) -> Config:
    fetch = {"per_host_delay": "0s", "timeout": "5s", "backoff": "1s", **extra.pop("fetch", {})}
    return parse_config(
        {
            "state": {"path": "state.db"},
            "publish": {"base_url": "http://feeds.example.test/"},
            "fetch": fetch,
            "sources": sources,
            **extra,
        },
        base_dir=tmp_path,
        env={},
    )


class Harness:
    def __init__(self, config: Config, store: SQLiteStore, fetcher: Fetcher, **kwargs: Any) -> None:
        self.config = config
        self.store = store
        self.extractor = Counting()
        self.pipeline = Pipeline(config, store, fetcher, extractor=self.extractor, **kwargs)

    async def poll(self, name: str = "storm", **kwargs: Any) -> PollResult:
        return await self.pipeline.poll(self.config.source(name), **kwargs)


async def harness(
    tmp_path: Path, config: Config, fetcher: Fetcher | None = None, **kwargs: Any
) -> tuple[Harness, Callable[[], Any]]:
    store = await SQLiteStore.open(config.state.path)
    fetcher = fetcher or Fetcher(config.fetch)

    async def close() -> None:
        await fetcher.aclose()
        await store.close()

    return Harness(config, store, fetcher, **kwargs), close


# -- conditional GET and the hash short-circuit --------------------------------------------------


async def test_a_304_ends_the_poll_before_extraction(tmp_path: Path, probe: ProbeServer) -> None:
    blog = Blog(probe.url("/live"))
    probe.routes["/live"] = blog
    h, close = await harness(tmp_path, make_config(tmp_path, [{"name": "storm", "url": blog.url}]))
    try:
        first = await h.poll()
        assert first.ok and first.baseline and first.skipped is None and h.extractor.calls == 1
        record = await h.store.get_source("storm")
        assert record is not None and record.etag == '"v1"' and record.body_hash

        second = await h.poll()
        assert second.ok and second.skipped is Skip.NOT_MODIFIED and second.not_modified
        assert second.strategy is None and second.events == ()
        assert h.extractor.calls == 1, "a 304 must end the poll before extraction"
        sent = probe.requests_to("/live")[-1].headers
        assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == blog.last_modified
        after = await h.store.get_source("storm")
        assert after is not None and after.last_success_at is not None
        assert after.last_success_at > record.last_success_at  # type: ignore[operator]

        blog.set(6)  # two new posts
        third = await h.poll()
        assert third.skipped is None and h.extractor.calls == 2
        assert [e.uid for e in third.events] == ["post-5", "post-6"]
        saved = await h.store.get_source("storm")
        assert saved is not None and saved.etag == '"v2"'
    finally:
        await close()


async def test_an_unchanged_body_ends_the_poll_when_the_server_ignores_validators(
    tmp_path: Path, probe: ProbeServer
) -> None:
    blog = Blog(probe.url("/live"))
    blog.honour = False
    probe.routes["/live"] = blog
    h, close = await harness(tmp_path, make_config(tmp_path, [{"name": "storm", "url": blog.url}]))
    try:
        await h.poll()
        result = await h.poll()
        assert result.ok and result.skipped is Skip.UNCHANGED and result.not_modified
        assert h.extractor.calls == 1, "an unchanged body must end the poll before extraction"
        assert probe.requests_to("/live")[-1].headers["if-none-match"] == '"v1"'  # sent, ignored
    finally:
        await close()


async def test_an_unchanged_gzip_body_ends_the_poll_on_the_bytes_as_sent(
    tmp_path: Path, probe: ProbeServer, inflated: list[int]
) -> None:
    """The saved page hash carries the digest of the gzip bytes too: the same bytes end the poll
    without inflating them; the same page compressed otherwise ends it on the decoded digest and
    saves the new bytes' digest, so the poll after inflates nothing again; a new post is
    extracted and its wire digest saved."""
    blog = Blog(probe.url("/live"))
    blog.honour, blog.gzip_level = False, 6
    probe.routes["/live"] = blog
    h, close = await harness(tmp_path, make_config(tmp_path, [{"name": "storm", "url": blog.url}]))

    async def saved() -> tuple[str, str]:
        record = await h.store.get_source("storm")
        assert record is not None and record.body_hash is not None
        _key, body, wire = record.body_hash.split(":")
        return body, wire

    def gzipped(level: int) -> tuple[str, str]:
        return body_digest(blog.body), body_digest(gzip.compress(blog.body, level, mtime=0))

    try:
        assert (await h.poll()).ok and inflated
        assert await saved() == gzipped(6)
        inflated.clear()
        same = await h.poll()
        assert same.ok and same.skipped is Skip.UNCHANGED and h.extractor.calls == 1
        assert inflated == [], "the same bytes as sent are not inflated again"

        blog.gzip_level = 9
        recompressed = await h.poll()
        assert recompressed.skipped is Skip.UNCHANGED and h.extractor.calls == 1 and inflated
        assert await saved() == gzipped(9)
        inflated.clear()
        again = await h.poll()
        assert again.skipped is Skip.UNCHANGED and inflated == []

        blog.set(5)
        changed = await h.poll()
        assert [e.uid for e in changed.events] == ["post-5"] and h.extractor.calls == 2
        assert await saved() == gzipped(9)
    finally:
        await close()


def test_saved_page_hashes_are_read_back_under_the_same_settings_only() -> None:
    """``key:body[:wire]``; hashes saved before wire digests existed have none; a hash saved
    under other extraction settings gives nothing, so the page is fetched and extracted again."""
    config = make_config(Path("/tmp"), [{"name": "storm", "url": "https://e.org/live"}])
    source = config.source("storm")
    key = extraction_key(source)
    assert saved_digests(source, page_hash(source, "d1")) == ("d1", None)
    assert saved_digests(source, page_hash(source, "d1", "w1")) == ("d1", "w1")
    assert saved_digests(source, f"{key}:d1") == ("d1", None)
    assert saved_digests(source, "0123456789ab:d1:w1") == (None, None)
    assert saved_digests(source, None) == saved_digests(source, f"{key}:") == (None, None)
    tuned = source.model_copy(update={"timezone": "Europe/Paris"})
    assert saved_digests(tuned, page_hash(source, "d1", "w1")) == (None, None)


async def test_a_failed_poll_never_saves_validators(tmp_path: Path, probe: ProbeServer) -> None:
    """Fetched, then failed (no extractor accepts the page): the next poll must not be a 304."""
    blog = Blog(probe.url("/live"))
    probe.routes["/live"] = blog
    h, close = await harness(tmp_path, make_config(tmp_path, [{"name": "storm", "url": blog.url}]))
    try:
        await h.poll()
        blog.set(0, body="<html><body><p>Maintenance: back soon.</p></body></html>")  # now "v2"
        failed = await h.poll()
        assert not failed.ok and "no extraction strategy" in (failed.error or "")
        record = await h.store.get_source("storm")
        assert record is not None and record.etag == '"v1"', "validators move only with a commit"

        again = await h.poll()  # asks with v1, so the server sends the broken page again
        assert probe.requests_to("/live")[-1].headers["if-none-match"] == '"v1"'
        assert not again.ok and again.skipped is None and h.extractor.calls == 3

        blog.set(5)
        healed = await h.poll()
        assert healed.ok and [e.uid for e in healed.events] == ["post-5"]
    finally:
        await close()


async def test_changed_extraction_settings_fetch_unconditionally(tmp_path: Path, probe: ProbeServer) -> None:
    blog = Blog(probe.url("/live"))
    probe.routes["/live"] = blog
    config = make_config(tmp_path, [{"name": "storm", "url": blog.url}])
    h, close = await harness(tmp_path, config)
    try:
        await h.poll()
        moved = config.model_copy(
            update={"sources": (config.sources[0].model_copy(update={"timezone": "Europe/London"}),)}
        )
        h.pipeline.config = moved
        result = await h.pipeline.poll(moved.sources[0])
        assert result.skipped is None and h.extractor.calls == 2
        assert "if-none-match" not in probe.requests_to("/live")[-1].headers
    finally:
        await close()


# -- per-host limits ---------------------------------------------------------------------------


def loopback_is_public(address: IPAddress) -> str | None:
    return None if str(address) == "127.0.0.1" else blocked_reason(address)


async def test_ten_sources_on_one_host_share_its_limit(tmp_path: Path, probe: ProbeServer) -> None:
    delay = 0.1

    @probe.route("*")
    def held(r: Request) -> None:
        time.sleep(0.3)  # every response is held 300 ms
        url = f"http://busy.example:{probe.port}{r.path}"
        r.respond(jsonld_blog(posts(3), url=url).encode())

    sources = [{"name": f"blog-{k}", "url": f"http://busy.example:{probe.port}/blog-{k}"} for k in range(10)]
    config = make_config(
        tmp_path, sources, fetch={"per_host_concurrency": 2, "per_host_delay": timedelta(seconds=delay)}
    )
    fetcher = Fetcher(
        config.fetch, resolver=static_resolver({"busy.example": ["127.0.0.1"]}), policy=loopback_is_public
    )
    h, close = await harness(tmp_path, config, fetcher)
    try:
        results = await h.pipeline.poll_many(config.sources)
        assert all(r.ok for r in results), [r.error for r in results]
    finally:
        await close()
    assert len(probe.seen) == 10
    assert probe.peak == 2, f"the server saw {probe.peak} requests at once"
    arrivals = sorted(s.at for s in probe.seen)
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= delay - 0.01, gaps  # spaced at the client; allow scheduler jitter on arrival


# -- Retry-After and backoff ---------------------------------------------------------------------


async def test_no_request_before_retry_after(tmp_path: Path, probe: ProbeServer) -> None:
    blog = Blog(probe.url("/live"))
    busy = {"on": True}

    def live(r: Request) -> None:
        if busy["on"]:
            busy["on"] = False
            r.respond(b"slow down", 503, {"Retry-After": "2"})
            return
        blog(r)

    probe.routes["/live"] = live
    h, close = await harness(tmp_path, make_config(tmp_path, [{"name": "storm", "url": blog.url}]))
    try:
        refused = await h.poll()
        assert not refused.ok and "HTTP 503" in (refused.error or "")
        assert refused.retry_at is not None
        skipped = 0
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:  # a scheduler polling every 100 ms
            result = await h.poll()
            if result.skipped is Skip.BACKOFF:
                skipped += 1
                assert result.retry_at == refused.retry_at
                await asyncio.sleep(0.1)
                continue
            assert result.ok, result.error
            break
        else:
            pytest.fail("never polled again")
    finally:
        await close()
    first, second = probe.requests_to("/live")
    assert second.at - first.at >= 2.0, "a request went out before Retry-After elapsed"
    assert skipped >= 10


async def test_backoff_doubles_and_an_explicit_poll_goes_ahead(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on: connection refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clock = {"now": START}
    config = make_config(tmp_path, [{"name": "storm", "url": f"http://127.0.0.1:{port}/live"}])
    h, close = await harness(tmp_path, config, clock=lambda: clock["now"])
    try:
        first = await h.poll()
        assert not first.ok and "network error" in (first.error or "")
        assert first.retry_at == START + timedelta(seconds=1)
        assert (await h.poll()).skipped is Skip.BACKOFF
        forced = await h.poll(force=True)  # `livetail poll --once --source storm`: the user asked
        assert not forced.ok and forced.retry_at == START + timedelta(seconds=2)
        clock["now"] = START + timedelta(seconds=3)
        third = await h.poll()
        assert third.retry_at == clock["now"] + timedelta(seconds=4)
        record = await h.store.get_source("storm")
        assert record is not None and record.consecutive_failures == 3 and record.retry_at == third.retry_at
    finally:
        await close()


def test_backoff_schedule() -> None:
    base, cap = timedelta(seconds=30), timedelta(hours=1)
    delays = [backoff_delay(n, base=base, cap=cap, retry_after=None) for n in range(1, 10)]
    assert delays[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert delays[-1] == cap
    assert backoff_delay(1, base=base, cap=cap, retry_after=600) == timedelta(minutes=10)
    assert backoff_delay(5, base=base, cap=cap, retry_after=5) == timedelta(seconds=480)
    assert backoff_delay(1, base=base, cap=cap, retry_after=10**9) == timedelta(days=1)


def test_which_failures_back_off() -> None:
    from livetail.errors import BlockedAddressError, FetchTimeout, HTTPStatusError, ResponseTooLarge
    from livetail.fetch import NetworkError

    url = "http://e.org/"
    assert backs_off(HTTPStatusError("x", url=url, status=429))
    assert backs_off(HTTPStatusError("x", url=url, status=503))
    assert not backs_off(HTTPStatusError("x", url=url, status=500))
    assert not backs_off(HTTPStatusError("x", url=url, status=404))
    assert backs_off(FetchTimeout("x", url=url)) and backs_off(NetworkError("x", url=url))
    assert not backs_off(ResponseTooLarge("x", url=url))
    assert not backs_off(BlockedAddressError("x", url=url))


# -- source.failing and source.recovered -------------------------------------------------------


async def test_failing_is_sent_once_and_recovered_once(
    tmp_path: Path, probe: ProbeServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="livetail.poll")
    blog = Blog(probe.url("/live"))
    broken = {"on": False}

    def live(r: Request) -> None:
        if broken["on"]:
            r.respond(b"oops", 500)
        else:
            blog(r)

    probe.routes["/live"] = live
    config = make_config(
        tmp_path,
        [{"name": "storm", "url": blog.url}],
        targets=[
            {"name": "ops", "type": "console", "events": ["source.failing", "source.recovered"]},
            {"name": "news", "type": "console", "events": ["created"]},
        ],
    )
    h, close = await harness(tmp_path, config)
    try:
        await h.poll()
        broken["on"] = True
        kinds = [[e.type for e in (await h.poll()).events] for _ in range(5)]
        assert kinds == [[], [], [EventType.SOURCE_FAILING], [], []]
        broken["on"] = False
        recovered = await h.poll()
        assert [e.type for e in recovered.events] == [EventType.SOURCE_RECOVERED]
        assert recovered.skipped is Skip.NOT_MODIFIED  # healed without the page changing
        assert (await h.poll()).events == ()
        # Searchable logs: a short message, the rest as fields; a recovery is not a warning.
        logged = {
            (r.levelname, split_message(r)[0], split_message(r)[1].get("event"))
            for r in caplog.records
            if "event=" in r.msg
        }
        assert logged == {
            ("WARNING", "source event", "source.failing"),
            ("INFO", "source event", "source.recovered"),
        }, logged

        broken["on"] = True  # a new run of failures is a new event
        kinds = [[e.type for e in (await h.poll()).events] for _ in range(3)]
        assert kinds == [[], [], [EventType.SOURCE_FAILING]]

        events = await h.store.list_events()
        failing = [e for e in events if e.type is EventType.SOURCE_FAILING]
        assert len(failing) == 2 and failing[0].id != failing[1].id
        assert "HTTP 500" in str(failing[0].data["reason"]) and failing[0].data["since"]
        stats = {s.target: s for s in await h.store.target_stats()}
        assert stats["ops"].pending == 3 and "news" not in stats
        record = await h.store.get_source("storm")
        assert record is not None and record.retry_at is None  # a 500 keeps the normal interval
    finally:
        await close()


async def test_a_source_named_with_a_private_hostname_fails_without_backoff(tmp_path: Path) -> None:
    config = make_config(tmp_path, [{"name": "storm", "url": "http://metadata.example/latest/"}])
    fetcher = Fetcher(config.fetch, resolver=static_resolver({"metadata.example": ["169.254.169.254"]}))
    h, close = await harness(tmp_path, config, fetcher)
    try:
        result = await h.poll()
        assert not result.ok and "cloud metadata" in (result.error or "") and result.retry_at is None
    finally:
        await close()


async def test_allow_private_lets_a_source_reach_a_private_name(tmp_path: Path, probe: ProbeServer) -> None:
    blog = Blog(f"http://intranet.example:{probe.port}/live")
    probe.routes["/live"] = blog
    source = {"name": "storm", "url": blog.url}
    resolver = static_resolver({"intranet.example": ["127.0.0.1"]})
    for allow, ok in ((False, False), (True, True)):
        config = make_config(tmp_path / str(allow), [{**source, "allow_private": allow}])
        h, close = await harness(tmp_path, config, Fetcher(config.fetch, resolver=resolver))
        try:
            assert (await h.poll()).ok is ok
        finally:
            await close()


def test_source_config_keeps_allow_private() -> None:
    assert SourceConfig(name="x", url="http://e.org/", allow_private=True).allow_private
