"""The daemon's HTTP server (aiohttp): feeds, archives, entry documents, OPML, ``/healthz``, ``/metrics``,
and the web interface for people (:mod:`livetail.web`: dashboard, source pages, event stream).

It serves exactly the layout the static export writes, from the publisher's in-memory copy
(entry documents and archives outside the window come from the store). Caching is strict:
a strong ETag per content-coding with ``Vary: Accept-Encoding``, ``Last-Modified``, and 304s,
where ``If-None-Match`` wins over ``If-Modified-Since`` (RFC 9110 §13.2.2).
"""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache

from aiohttp import web

from livetail import __version__
from livetail.errors import ServeError
from livetail.publisher import Publisher
from livetail.served import Rendered
from livetail.web import WebOptions, mount

CACHE_CONTROL = "public, max-age=60"


@lru_cache(maxsize=512)
def _gzipped(body: bytes) -> bytes:
    # mtime=0 keeps the compressed bytes (and so their ETag) stable across renders.
    return gzip.compress(body, compresslevel=6, mtime=0)


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        token, _, params = part.strip().partition(";")
        if token.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return float(q) > 0 if params.strip().startswith("q=") else True
            except ValueError:
                return True
    return False


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    return since.tzinfo is not None and last_modified <= since


def respond(request: web.Request, doc: Rendered, *, hub: str | None, self_url: str) -> web.Response:
    """A conditional, content-negotiated response for one published document."""
    use_gzip = _accepts_gzip(request.headers.get("Accept-Encoding", ""))
    body = _gzipped(doc.body) if use_gzip else doc.body
    etag = doc.etag[:-1] + '-gz"' if use_gzip else doc.etag
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(doc.last_modified, usegmt=True),
        "Cache-Control": CACHE_CONTROL,
        "Vary": "Accept-Encoding",
    }
    if hub and doc.path.startswith("feeds/") and doc.path.count("/") == 1:
        # WebSub hubs refuse to distribute a topic served without both links.
        headers["Link"] = f'<{hub}>; rel="hub", <{self_url}>; rel="self"'
    inm = request.headers.get("If-None-Match")
    ims = request.headers.get("If-Modified-Since")
    if (inm is not None and _etag_matches(inm, etag)) or (
        inm is None and ims is not None and _not_modified_since(ims, doc.last_modified)
    ):
        return web.Response(status=304, headers=headers)
    if use_gzip:
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, headers={**headers, "Content-Type": doc.content_type})


METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def build_app(
    publisher: Publisher,
    *,
    health: Callable[[], dict[str, object]] | None = None,
    metrics: Callable[[], Awaitable[bytes]] | None = None,
    ui: WebOptions | None = None,
) -> web.Application:
    """The aiohttp application.

    ``health`` adds facts to ``/healthz``, which answers 503 when they say ``status`` is not
    ``ok``; ``metrics`` renders ``/metrics`` in the Prometheus text format; ``ui`` wires the web
    interface (mounted on the same app either way).
    """
    app = web.Application()

    async def document(request: web.Request) -> web.StreamResponse:
        path = request.path.lstrip("/")
        if ".." in path.split("/"):
            raise web.HTTPNotFound()
        doc = await publisher.lookup(path)
        if doc is None:
            raise web.HTTPNotFound(text=f"no such document: /{path}\n")
        base = publisher.config.publish.base_url
        return respond(request, doc, hub=publisher.config.publish.websub_hub, self_url=base + path)

    async def healthz(request: web.Request) -> web.Response:
        facts: dict[str, object] = {"status": "ok", "version": __version__}
        if health:
            facts.update(health())
        return web.json_response(facts, status=200 if facts.get("status") == "ok" else 503)

    async def prometheus(request: web.Request) -> web.Response:
        assert metrics is not None
        body = await metrics()
        return web.Response(
            body=body, headers={"Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store"}
        )

    app.router.add_get("/healthz", healthz)
    if metrics is not None:
        app.router.add_get("/metrics", prometheus)
    app.router.add_get("/feeds.opml", document)
    app.router.add_get("/feeds/{tail:.+}", document)
    mount(app, publisher, ui)
    return app


async def start_server(app: web.Application, listen: str) -> web.AppRunner:
    """Bind ``host:port`` and start serving; the caller cleans up with ``runner.cleanup()``."""
    host, _, port = listen.rpartition(":")
    # Open event streams end on shutdown (the web hub closes them), so a short timeout is plenty.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host.strip("[]") or "127.0.0.1", int(port))
        await site.start()
    except OSError as e:
        await runner.cleanup()  # stops what setup started (the event hub) before the store closes
        raise ServeError(
            f"cannot listen on {listen}: {e.strerror or e}; is another livetail running? "
            "Set [server] listen to a free host:port"
        ) from None
    return runner
