"""A real HTTP server on 127.0.0.1 that misbehaves on purpose and tells what it saw.

Each route is a function of the request handler, so a test can hold a response, drip it, stream
50 MB, serve a compression bomb or answer conditionally. The server records every request (path,
headers, arrival time), the peak of requests in flight, and how many body bytes each response
managed to write before the client went away. Its sockets have small send buffers so "bytes
written" is close to "bytes the client read".
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore

from livetail.netstream import AsyncioBackend, stream_over


class SmallWindowBackend(AsyncioBackend):
    """Client sockets with a 16 KiB receive buffer, set *before* connecting.

    With both ends' buffers small, what the server managed to write is within ~64 KiB of what
    the client read. (Shrinking the buffer after the handshake, as ``socket_options`` does,
    stalls TCP on zero-window probes instead.)
    """

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)
        sock.setblocking(False)
        try:
            await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, (host, port)), timeout)
        except OSError as e:
            sock.close()
            raise httpcore.ConnectError(str(e)) from e
        return await stream_over(sock)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival
    sent: int = 0  # body bytes written before the response ended or the client left
    done: threading.Event = field(default_factory=threading.Event)


Handler = Callable[["Request"], None]


class Request:
    """What a route gets: the request, and helpers that count what is written."""

    def __init__(self, handler: BaseHTTPRequestHandler, seen: Seen) -> None:
        self.handler = handler
        self.seen = seen
        self.path = handler.path
        self.headers = seen.headers

    def header(self, name: str) -> str | None:
        return self.seen.headers.get(name.lower())

    def start(self, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.handler.send_response(status)
        for key, value in (headers or {}).items():
            self.handler.send_header(key, value)
        self.handler.end_headers()
        self.handler.wfile.flush()

    def write(self, data: bytes) -> bool:
        """Write body bytes; False once the client has gone."""
        try:
            self.handler.wfile.write(data)
            self.handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            return False
        self.seen.sent += len(data)
        return True

    def respond(self, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        merged = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
        merged.update(headers or {})
        self.start(status, merged)
        self.write(body)


class ProbeServer:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self.in_flight = 0
        self.peak = 0
        self._lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16 * 1024)

            def do_GET(self) -> None:
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with outer._lock:
                    outer.seen.append(seen)
                    outer.in_flight += 1
                    outer.peak = max(outer.peak, outer.in_flight)
                try:
                    route = outer.routes.get(self.path.split("?")[0]) or outer.routes.get("*")
                    request = Request(self, seen)
                    if route is None:
                        request.respond(b"not found", 404)
                    else:
                        route(request)
                finally:
                    with outer._lock:
                        outer.in_flight -= 1
                    seen.done.set()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self.routes[path] = fn
            return fn

        return register

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path.split("?")[0] == path]

    async def settled(self, timeout: float = 10.0) -> None:
        """Wait, the event loop running, until every request seen so far has finished writing or
        given up: a client that dropped a response must have closed its connection by then.

        (The loop must keep turning: a closed asyncio transport lets go of its socket only on the
        loop's next turn, so a blocking wait here would hold the connection open for its whole
        timeout.)"""
        await asyncio.to_thread(self._wait_done, timeout)

    def _wait_done(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for seen in list(self.seen):
            if not seen.done.wait(max(0.0, deadline - time.monotonic())):
                raise AssertionError(
                    f"the server was still writing {seen.path} after {timeout:g} s: "
                    "the client never closed the connection"
                )


def serve() -> Iterator[ProbeServer]:
    server = ProbeServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
