"""The daemon's HTTP server, over a real socket: conditional GET, gzip, types, WebSub links."""

from __future__ import annotations

import gzip
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from aiohttp import web
from builders import T0, commit, page
from test_publish import Clock, make_config

from livetail.config import Config
from livetail.publisher import Publisher
from livetail.server import build_app, start_server
from livetail.store.sqlite import SQLiteStore


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[str, Publisher]]:
    base = make_config(tmp_path)
    config = Config(
        state=base.state,
        publish=base.publish.model_copy(update={"websub_hub": "http://hub.example.test/"}),
        sources=base.sources,
    )
    store = await SQLiteStore.open(tmp_path / "state.db")
    publisher = Publisher(config, store, Clock())
    await commit(store, page(1, 2, 3), T0)
    await publisher.publish_all()
    port = free_port()
    runner: web.AppRunner = await start_server(build_app(publisher), f"127.0.0.1:{port}")
    try:
        yield f"http://127.0.0.1:{port}", publisher
    finally:
        await runner.cleanup()
        await store.close()


async def test_conditional_get_and_gzip(served: tuple[str, Publisher]) -> None:
    base, _ = served
    async with httpx.AsyncClient(base_url=base) as client:
        plain = await client.get("/feeds/storm.atom", headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200
        assert plain.headers["content-type"] == "application/atom+xml; charset=utf-8"
        assert plain.headers["vary"] == "Accept-Encoding"
        assert plain.headers["cache-control"].startswith("public")
        etag = plain.headers["etag"]
        again = await client.get(
            "/feeds/storm.atom", headers={"Accept-Encoding": "identity", "If-None-Match": etag}
        )
        assert again.status_code == 304 and again.content == b""
        zipped = await client.get("/feeds/storm.atom", headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert zipped.headers["etag"] != etag
        assert zipped.content == plain.content  # httpx decoded it
        async with client.stream("GET", "/feeds/storm.atom", headers={"Accept-Encoding": "gzip"}) as raw:
            wire = b"".join([chunk async for chunk in raw.aiter_raw()])  # the bytes as sent
        assert wire != plain.content and gzip.decompress(wire) == plain.content
        # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
        stale = await client.get(
            "/feeds/storm.atom",
            headers={
                "Accept-Encoding": "identity",
                "If-None-Match": '"something-else"',
                "If-Modified-Since": plain.headers["last-modified"],
            },
        )
        assert stale.status_code == 200
        by_date = await client.get(
            "/feeds/storm.atom",
            headers={"Accept-Encoding": "identity", "If-Modified-Since": plain.headers["last-modified"]},
        )
        assert by_date.status_code == 304


async def test_layout_types_and_links(served: tuple[str, Publisher]) -> None:
    base, publisher = served
    async with httpx.AsyncClient(base_url=base) as client:
        json_feed = await client.get("/feeds/storm.json")
        assert json_feed.headers["content-type"] == "application/feed+json"
        assert (await client.get("/feeds/all.atom")).status_code == 200
        assert (await client.get("/feeds.opml")).headers["content-type"].startswith("text/x-opml")
        atom = await client.get("/feeds/storm.atom")
        assert 'rel="hub"' in atom.headers["link"] and 'rel="self"' in atom.headers["link"]
        assert b'rel="hub"' in atom.content
        entry_paths = [p for p in publisher.documents if "/entries/" in p]
        entry = await client.get("/" + entry_paths[0])
        assert entry.headers["content-type"].startswith("application/atom+xml; type=entry")
        assert (await client.get("/feeds/nope.atom")).status_code == 404
        assert (await client.get("/feeds/storm/entries/not-a-key.atom")).status_code == 404
        health = await client.get("/healthz")
        assert health.json()["status"] == "ok"
