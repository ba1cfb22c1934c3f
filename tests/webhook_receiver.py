"""A real webhook receiver on 127.0.0.1 that verifies every request with `standardwebhooks`."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    payload: dict[str, object] | None
    #: False when the sender died mid-request (fewer bytes than Content-Length arrived).
    complete: bool = True


@dataclass
class Receiver:
    """Answers each path with the statuses in ``plans[path]`` (the last one repeats)."""

    plans: dict[str, list[int]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    on_request: Callable[[Received], None] | None = None

    def __post_init__(self) -> None:
        verifier = Webhook(SECRET)
        outer = self
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    verifier.verify(body, headers)
                    verified = True
                except WebhookVerificationError:
                    verified = False
                item = Received(
                    self.path,
                    headers,
                    body,
                    verified,
                    json.loads(body) if verified else None,
                    len(body) == length,
                )
                with outer._lock:
                    outer.received.append(item)
                    plan = outer.plans.setdefault(self.path, [200])
                    status = plan.pop(0) if len(plan) > 1 else plan[0]
                if outer.on_request:
                    outer.on_request(item)
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def at(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
