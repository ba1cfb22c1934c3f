"""The web interface's handlers, wired onto the daemon's aiohttp application."""

from __future__ import annotations

import asyncio
import hashlib
import time
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from aiohttp import web

from livetail import __version__
from livetail.config import SourceConfig
from livetail.feeds import OPML_PATH, feed_rel_path
from livetail.notifiers import SourceInfo
from livetail.publisher import Publisher
from livetail.web import WebOptions
from livetail.web.auth import Handler, add_security_headers, gate, login_handlers, safe_next
from livetail.web.preview import run_preview
from livetail.web.stream import EventHub, stream
from livetail.web.views import (
    EPOCH,
    ActivityCache,
    ago,
    dashboard_rows,
    human,
    iso,
    page_view,
    timeline,
)

HUB: web.AppKey[EventHub] = web.AppKey("livetail_web_hub", EventHub)
STATIC_TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}
TIMELINE_LIMIT = 500


@lru_cache(maxsize=8)
def static_file(name: str) -> tuple[bytes, str] | None:
    """``(bytes, short hash)`` of a file under ``web/static``; None if there is none."""
    if "/" in name or name.startswith(".") or name.rpartition(".")[2] not in STATIC_TYPES:
        return None
    try:
        body = resources.files("livetail.web").joinpath("static", name).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    return body, hashlib.sha256(body).hexdigest()[:12]


def static_url(name: str) -> str:
    found = static_file(name)
    return f"/static/{name}?v={found[1]}" if found else f"/static/{name}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("livetail.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(iso=iso, human=human)
    env.globals.update(ago=ago, static_url=static_url, version=__version__)
    return env


@web.middleware
async def server_timing(request: web.Request, handler: Handler) -> web.StreamResponse:
    """``Server-Timing: app;dur=…`` on every buffered response: what the bench reads."""
    started = time.perf_counter()
    response = await handler(request)
    if not response.prepared:
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
    return response


def install(app: web.Application, publisher: Publisher, options: WebOptions) -> None:
    hub = EventHub(lambda: publisher.store, every=options.poll_every)
    cache = ActivityCache(lambda: publisher.store, publisher.clock)
    hub.listeners.append(lambda events: cache.invalidate({e.source for e in events}))
    app[HUB] = hub

    async def ready() -> None:
        try:
            await asyncio.wait_for(hub.ready.wait(), 10)
        except TimeoutError:
            raise web.HTTPServiceUnavailable(text="503: the store cannot be read yet\n") from None

    def token() -> str | None:
        return publisher.config.server.token

    def page(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
        values: dict[str, Any] = {
            "now": publisher.clock(),
            "path": request.path,
            "login": bool(token()),
            "preview_on": publisher.config.server.preview,
            "base": publisher.config.publish.base_url,
        }
        body = environment().get_template(template).render({**values, **context})
        return web.Response(
            text=body,
            status=status,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    def login_page(request: web.Request, error: str | None, status: int) -> web.Response:
        target = request.query.get("next") or (request.path_qs if request.path != "/login" else "/")
        return page(request, "login.html.j2", status, error=error, next=safe_next(target), login=False)

    def configured(name: str) -> SourceConfig:
        source = next((s for s in publisher.config.sources if s.name == name), None)
        if source is None:
            raise web.HTTPNotFound(text=f"no source named {name!r}\n")
        return source

    async def source_info(name: str) -> SourceInfo:
        source = next((s for s in publisher.config.sources if s.name == name), None)
        title = source.title if source else None
        if not title:
            record = await publisher.store.get_source(name)
            title = record.title if record else None
        feed_url = publisher.config.publish.base_url + feed_rel_path(name)
        return SourceInfo(name=name, title=title or name, url=source.url if source else "", feed_url=feed_url)

    async def dashboard(request: web.Request) -> web.StreamResponse:
        await ready()
        now = publisher.clock()
        rows, targets = await dashboard_rows(publisher.config, publisher.store, cache, options.timing, now)
        return page(
            request,
            "dashboard.html.j2",
            rows=rows,
            targets=targets,
            events_url=f"/events?since={hub.head}",
            opml_url=publisher.config.publish.base_url + OPML_PATH,
            aggregate_url=publisher.config.publish.base_url + feed_rel_path("all"),
        )

    async def source_page(request: web.Request) -> web.StreamResponse:
        source = configured(request.match_info["name"])
        await ready()
        head = hub.head  # read before the updates: an event in between is sent twice, never lost
        now = publisher.clock()
        store = publisher.store
        record = await store.get_source(source.name)
        updates = await store.list_updates(source.name, limit=TIMELINE_LIMIT)
        tombstones = await store.list_tombstones(source.name, since=EPOCH)
        timing = options.timing(source.name) if options.timing else None
        base = publisher.config.publish.base_url
        return page(
            request,
            "source.html.j2",
            source=source,
            title=source.title or (record.title if record else None) or source.name,
            page=page_view(source, record),
            record=record,
            ended=bool(timing and timing.ended),
            entries=timeline(updates, tombstones[:TIMELINE_LIMIT]),
            truncated=len(updates) >= TIMELINE_LIMIT,
            feeds=[
                ("Atom", base + feed_rel_path(source.name)),
                ("JSON Feed", base + feed_rel_path(source.name, "json")),
            ],
            opml_url=base + OPML_PATH,
            events_url=f"/sources/{source.name}/events?since={head}",
            recent=now - timedelta(hours=1),
        )

    async def events(request: web.Request) -> web.StreamResponse:
        name = request.match_info.get("name")
        if name is not None:
            configured(name)
        await ready()
        return await stream(request, hub, source_info, source=name, heartbeat=options.heartbeat)

    async def preview(request: web.Request) -> web.StreamResponse:
        if not publisher.config.server.preview:
            raise web.HTTPNotFound(text="404: /preview is off ([server] preview = true turns it on)\n")
        url = request.query.get("url", "").strip()
        result = None
        if url:
            result = await run_preview(
                publisher.config, url, resolver=options.resolver, policy=options.policy
            )
        status = 400 if result is not None and result.error else 200
        return page(request, "preview.html.j2", status, url=url, result=result)

    async def static(request: web.Request) -> web.StreamResponse:
        name = request.match_info["file"]
        found = static_file(name)
        if found is None:
            raise web.HTTPNotFound()
        body, digest = found
        etag = f'"{digest}"'
        headers = {"ETag": etag, "Cache-Control": "public, max-age=86400"}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        return web.Response(
            body=body, headers={**headers, "Content-Type": STATIC_TYPES[name.rpartition(".")[2]]}
        )

    async def start_hub(app: web.Application) -> None:
        hub.start()

    async def stop_hub(app: web.Application) -> None:
        await hub.close()

    show_login, do_login, do_logout = login_handlers(token, login_page)
    app.middlewares.append(server_timing)
    app.middlewares.append(gate(token, login_page))
    app.on_response_prepare.append(add_security_headers)
    app.on_startup.append(start_hub)
    app.on_shutdown.append(stop_hub)
    app.router.add_get("/", dashboard)
    app.router.add_get("/events", events)
    app.router.add_get("/sources/{name}", source_page)
    app.router.add_get("/sources/{name}/events", events)
    app.router.add_get("/preview", preview)
    app.router.add_get("/login", show_login)
    app.router.add_post("/login", do_login)
    app.router.add_post("/logout", do_logout)
    app.router.add_get("/static/{file}", static)
