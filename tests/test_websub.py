"""WebSub end to end: a real hub (Flask-WebSub) on 127.0.0.1, a subscriber, livetail's server and
outbox. A poll that changes a feed reaches the subscriber within seconds; one that does not, nothing."""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from builders import T0, commit, page
from test_server import free_port

from livetail.config import parse_config
from livetail.delivery import DeliveryWorker
from livetail.notifiers import build_notifiers
from livetail.publisher import Publisher
from livetail.server import build_app, start_server
from livetail.store.sqlite import SQLiteStore

flask_websub = pytest.importorskip(
    "flask_websub", reason="flask-websub is a test extra (pip install -e '.[test]')"
)
celery_mod = pytest.importorskip("celery", reason="celery is a test extra")


class Subscriber:
    def __init__(self) -> None:
        self.notifications: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # intent verification: echo the challenge
                query = parse_qs(urlsplit(self.path).query)
                challenge = query.get("hub.challenge", [""])[0].encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(challenge)))
                self.end_headers()
                self.wfile.write(challenge)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.notifications.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def callback(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/cb"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[str]:
    from celery import Celery
    from flask import Flask
    from flask_websub.hub import Hub, SQLite3HubStorage
    from werkzeug.serving import make_server

    celery = Celery("hub", broker="memory://")
    celery.conf.update(task_always_eager=True)
    app = Flask("hub")
    app.config.update(PUBLISH_SUPPORTED=True)
    hub_ = Hub(
        SQLite3HubStorage(str(tmp_path / "hub.sqlite3")),
        celery,
        PUBLISH_SUPPORTED=True,
        SIGNATURE_ALGORITHM="sha256",
        REQUEST_TIMEOUT=5,
    )
    app.register_blueprint(hub_.build_blueprint(url_prefix="/hub"))
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/hub"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
async def test_hub_distributes_changed_feeds_only(tmp_path: Path, hub: str) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    config = parse_config(
        {
            "state": {"path": "state.db"},
            "publish": {"base_url": base, "websub_hub": hub},
            "delivery": {"retry": ["1s", "1s"]},
            "sources": [{"name": "storm", "url": "https://e.org/live"}],
        },
        base_dir=tmp_path,
        env={},
    )
    store = await SQLiteStore.open(config.state.path)
    clock = lambda: datetime.now(UTC)  # noqa: E731
    publisher = Publisher(config, store, clock)
    worker = DeliveryWorker(config, store, build_notifiers(config), clock=clock, rng=random.Random(1))
    subscriber = Subscriber()
    runner = await start_server(build_app(publisher), f"127.0.0.1:{port}")
    topic = base + "feeds/storm.atom"
    try:
        await commit(store, page(1, 2), T0)
        await publisher.publish_all()
        async with httpx.AsyncClient() as client:
            answer = await client.post(
                hub,
                data={
                    "hub.mode": "subscribe",
                    "hub.topic": topic,
                    "hub.callback": subscriber.callback,
                    "hub.secret": "s3cr3t",
                },
            )
            assert answer.status_code == 202, answer.text
        await worker.drain(10)  # pings for the first render
        subscriber.notifications.clear()

        await commit(store, page(1, 2, 3), T0 + timedelta(minutes=5))
        changed = await publisher.publish_all()
        assert "feeds/storm.atom" in changed
        started = asyncio.get_running_loop().time()
        while not subscriber.notifications and asyncio.get_running_loop().time() - started < 10:
            await worker.run_once()
            await asyncio.sleep(0.05)
        assert subscriber.notifications, "the subscriber got nothing within 10 s"
        headers, body = subscriber.notifications[0]
        assert b"Update 3" in body
        assert 'rel="hub"' in headers.get("link", "")
        assert headers.get("x-hub-signature", "").startswith("sha256=")

        subscriber.notifications.clear()
        await commit(store, page(1, 2, 3), T0 + timedelta(minutes=6))  # nothing new
        assert await publisher.publish_all() == []
        await worker.drain(5)
        await asyncio.sleep(0.5)
        assert subscriber.notifications == [], "an unchanged feed must not be pinged"
    finally:
        await worker.aclose()
        await runner.cleanup()
        await store.close()
        subscriber.server.shutdown()
        subscriber.server.server_close()
