"""Shared fixtures: a real HTTP server on 127.0.0.1 serving a mutable live blog, configs, paths."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The default 200 ms deadline flakes on two shared cores; CI gets more examples, not less patience.
settings.register_profile("ci", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

DATA = Path(__file__).parent / "data"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering (a slow publisher).
    delay: float = 0.0


class PageServer:
    """A real HTTP server whose routes tests change between polls."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                outer.user_agents.append(self.headers.get("User-Agent", ""))
                route = outer.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.delay:
                    time.sleep(route.delay)
                if "Date" in route.headers:  # a test-chosen response Date replaces the real one
                    self.send_response_only(route.status)
                    self.send_header("Server", self.version_string())
                else:
                    self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for key, value in route.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: bytes | str, **kwargs: object) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    server = PageServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every piece the fetcher feeds a decoder (gzip, br, …), from now on: empty
    when nothing was inflated."""
    from livetail import bodyread

    pieces: list[int] = []
    real_decoder_for = bodyread.decoder_for

    class CountingDecoder:
        def __init__(self, coding: str) -> None:
            self.decoder = real_decoder_for(coding)

        def decode(self, data: bytes, room: int) -> bytes:
            pieces.append(len(data))
            return self.decoder.decode(data, room)

        def pending(self) -> bool:
            return self.decoder.pending()

    monkeypatch.setattr(bodyread, "decoder_for", CountingDecoder)
    return pieces


def jsonld_blog(updates: list[dict[str, str]], *, url: str, headline: str = "Test live blog") -> str:
    """A LiveBlogPosting page; ``updates`` newest first with id, headline, body, published."""
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": headline,
        "url": url,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#{u['id']}",
                "url": f"{url}#{u['id']}",
                "headline": u["headline"],
                "articleBody": u["body"],
                "datePublished": u["published"],
                **({"dateModified": u["modified"]} if "modified" in u else {}),
            }
            for u in updates
        ],
    }
    return (
        f"<!doctype html><html><head><title>{headline}</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body><h1>{headline}</h1>'
        + "".join(
            f'<article id="{u["id"]}"><h2>{u["headline"]}</h2><p>{u["body"]}</p></article>' for u in updates
        )
        + "</body></html>"
    )


def http_date(when: object) -> str:
    return format_datetime(when, usegmt=True)  # type: ignore[arg-type]
