"""``livetail demo``: a local live blog that grows while livetail follows it.

The blog is a pure function of elapsed time (update *k* appears ``initial`` + *k*·``every``
seconds in, one of them is later corrected), served with JSON-LD ``LiveBlogPosting`` markup
from 127.0.0.1; the daemon serves the feeds and the dashboard on a port of its own.
"""

from __future__ import annotations

import html
import json
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HEADLINES = (
    "Storm makes landfall on the northern coast",
    "Power cut to 40,000 homes, grid operator says",
    "Ferries cancelled for the rest of the day",
    "Coastguard rescues crew of a fishing boat",
    "Schools in three districts will stay closed tomorrow",
    "Wind gusts of 140 km/h recorded at the lighthouse",
    "Rail services suspended between the two largest cities",
    "Emergency shelters open in sports halls",
    "Airport reopens one runway",
    "Met office downgrades the warning from red to amber",
    "Volunteers begin clearing fallen trees",
    "Insurers set up a claims hotline",
)


class DemoBlog:
    """Which updates exist at a given instant; no state, so any thread may render it."""

    def __init__(self, *, started: datetime, every: float = 5.0, initial: int = 3, edit_after: float = 12.0):
        self.started = started
        self.every = every
        self.initial = initial
        self.edit_after = edit_after

    def count(self, now: datetime) -> int:
        elapsed = max(0.0, (now - self.started).total_seconds())
        return self.initial + int(elapsed // self.every)

    def updates(self, now: datetime) -> list[dict[str, str]]:
        """Newest first, as live blogs render them."""
        items = []
        elapsed = (now - self.started).total_seconds()
        for k in range(self.count(now)):
            published = (
                self.started
                + timedelta(seconds=max(0, k - self.initial + 1) * self.every)
                - timedelta(minutes=10 * max(0, self.initial - 1 - k))
            )
            headline = HEADLINES[k % len(HEADLINES)] + (
                f" ({k // len(HEADLINES) + 1})" if k >= len(HEADLINES) else ""
            )
            body = f"Update {k + 1}: {headline.lower()}. Our reporters on the ground are following this."
            modified = published
            if k == 1 and elapsed >= self.edit_after:
                body += " Correction: an earlier version gave the wrong figure."
                modified = self.started + timedelta(seconds=self.edit_after)
            items.append(
                {
                    "id": f"post-{k + 1}",
                    "headline": headline,
                    "body": body,
                    "published": published.isoformat(),
                    "modified": modified.isoformat(),
                }
            )
        return items[::-1]

    def render(self, now: datetime, url: str) -> bytes:
        updates = self.updates(now)
        ld = {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting",
            "headline": "Storm Ada: live updates",
            "url": url,
            "liveBlogUpdate": [
                {
                    "@type": "BlogPosting",
                    "@id": f"{url}#{u['id']}",
                    "url": f"{url}#{u['id']}",
                    "headline": u["headline"],
                    "articleBody": u["body"],
                    "datePublished": u["published"],
                    "dateModified": u["modified"],
                }
                for u in updates
            ],
        }
        articles = "\n".join(
            f'<article id="{u["id"]}"><time datetime="{u["published"]}"></time>'
            f"<h2>{html.escape(u['headline'])}</h2><p>{html.escape(u['body'])}</p></article>"
            for u in updates
        )
        page = (
            "<!doctype html><html><head><meta charset='utf-8'><title>Storm Ada: live updates</title>"
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f"<body><h1>Storm Ada: live updates</h1>{articles}</body></html>"
        )
        return page.encode("utf-8")


def serve(
    blog: DemoBlog, publish_dir: Path, *, port: int = 0, clock: Callable[[], datetime] | None = None
) -> ThreadingHTTPServer:
    """Serve the blog at ``/`` and the published feeds at ``/feeds/…`` in a daemon thread."""
    now = clock or (lambda: datetime.now(UTC))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path in ("/", "/live"):
                body = blog.render(now(), f"http://{self.headers.get('Host', '127.0.0.1')}/live")
                self._send(200, "text/html; charset=utf-8", body)
            elif (
                self.path.startswith("/feeds/")
                and "/" not in self.path[7:]
                and not self.path[7:].startswith(".")
            ):
                try:
                    data = (publish_dir / "feeds" / self.path[7:]).read_bytes()
                except OSError:
                    self._send(404, "text/plain", b"no such feed yet\n")
                else:
                    self._send(200, "application/atom+xml", data)
            else:
                self._send(404, "text/plain", b"not found\n")

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Date", format_datetime(now(), usegmt=True))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the demo prints updates, not access logs

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="livetail-demo-http", daemon=True).start()
    return server


def demo_started() -> datetime:
    return datetime.fromtimestamp(time.time(), UTC)


def free_port() -> int:
    """A port nothing listens on right now (for the demo daemon's server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
