"""Server-Sent Events: committed update events, read from the store, pushed to every client.

One :class:`EventHub` per server tails ``list_events(since=head)`` about once a second and keeps
the most recent events in memory; each client has its own cursor (the last sequence it was
sent), so a client that reconnects with ``Last-Event-ID`` (or ``?since=N``) is sent exactly the
events after it — from memory when they are still there, else from the store. Because the
events come from the database, not from this process's polls, every instance on one database
streams every event. Idle streams get a comment line every ``heartbeat`` seconds; all streams end
when the server shuts down.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from livetail.errors import StoreError
from livetail.model import Event, EventType
from livetail.notifiers import SourceInfo
from livetail.notifiers.payload import payload
from livetail.store import Store

log = logging.getLogger("livetail.web")

STREAMED = frozenset({EventType.UPDATE_CREATED, EventType.UPDATE_EDITED, EventType.UPDATE_DELETED})
PAGE = 500
RETRY_MS = 3000


async def latest_sequence(store: Store) -> int:
    """The highest committed sequence number (0 when there are none), in O(log n) indexed reads.

    ``list_events(since=s, limit=1)`` is empty exactly when ``s`` is at or past the newest event,
    so an exponential then a binary search finds it without reading the table.
    """

    async def past_end(s: int) -> bool:
        return not await store.list_events(since=s, limit=1)

    if await past_end(0):
        return 0
    high = 1
    while not await past_end(high):
        high *= 2
    low = high // 2
    while low < high:
        middle = (low + high) // 2
        if await past_end(middle):
            high = middle
        else:
            low = middle + 1
    return high


class EventHub:
    """Tails the store's events for every stream of one server."""

    def __init__(self, store: Callable[[], Store], *, every: float = 1.0, keep: int = 2000) -> None:
        self._store = store
        self.every = every
        self.keep = keep
        self.head = 0
        self.ready = asyncio.Event()
        self.closing = asyncio.Event()
        self._events: list[Event] = []
        self._sequences: list[int] = []
        self._covered = 0  # every event with sequence > _covered is in _events
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.listeners: list[Callable[[list[Event]], None]] = []

    @property
    def store(self) -> Store:
        return self._store()

    @property
    def changed(self) -> asyncio.Event:
        """Set once new events arrive after this property was read."""
        return self._changed

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="livetail-web-events")

    async def close(self) -> None:
        self.closing.set()
        self._changed.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while not self.closing.is_set():
            try:
                if not self.ready.is_set():
                    self.head = self._covered = await latest_sequence(self.store)
                    self.ready.set()
                await self.poll()
            except StoreError as e:
                log.warning("event stream could not read the store error=%s", e)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closing.wait(), self.every)

    async def poll(self) -> list[Event]:
        """Read what was committed since ``head``; wake the streams when there is something."""
        fresh: list[Event] = []
        while True:
            batch = await self.store.list_events(since=self.head, limit=PAGE)
            fresh += batch
            if batch:
                self.head = batch[-1].sequence
            if len(batch) < PAGE:
                break
        if fresh:
            self._events += fresh
            self._sequences += [e.sequence for e in fresh]
            if len(self._events) > self.keep * 2:
                cut = len(self._events) - self.keep
                self._covered = self._sequences[cut - 1]
                del self._events[:cut], self._sequences[:cut]
            for listener in self.listeners:
                listener(fresh)
            woken, self._changed = self._changed, asyncio.Event()
            woken.set()
        return fresh

    async def after(self, cursor: int) -> tuple[list[Event], int]:
        """Events with sequence > ``cursor`` that the hub has seen, and the cursor after them."""
        if cursor >= self.head:
            return [], cursor
        if cursor >= self._covered:
            at = bisect.bisect_right(self._sequences, cursor)
            events = self._events[at:]
        else:
            events = [
                e for e in await self.store.list_events(since=cursor, limit=PAGE) if e.sequence <= self.head
            ]
        return events, events[-1].sequence if events else self.head


def frame(event: Event, source: SourceInfo) -> bytes:
    data = json.dumps(payload(event, source), ensure_ascii=False, separators=(",", ":"))
    return f"id: {event.sequence}\nevent: {event.type.value}\ndata: {data}\n\n".encode()


def start_cursor(request: web.Request, head: int) -> int:
    """``Last-Event-ID`` (a reconnecting EventSource), else ``?since=``, else now."""
    for value in (request.headers.get("Last-Event-ID"), request.query.get("since")):
        if value is not None and value.strip().isdigit():
            return int(value.strip())
    return head


async def stream(
    request: web.Request,
    hub: EventHub,
    info: Callable[[str], Awaitable[SourceInfo]],
    *,
    source: str | None,
    heartbeat: float,
) -> web.StreamResponse:
    """Serve one event stream until the client leaves or the server shuts down (``hub`` is ready)."""
    cursor = start_cursor(request, hub.head)
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    try:
        await response.write(f"retry: {RETRY_MS}\n: livetail events after {cursor}\n\n".encode())
        while not hub.closing.is_set():
            changed = hub.changed
            events, cursor = await hub.after(cursor)
            for event in events:
                if event.type in STREAMED and (source is None or event.source == source):
                    await response.write(frame(event, await info(event.source)))
            if events:
                continue
            try:
                await asyncio.wait_for(changed.wait(), heartbeat)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
    except (ConnectionResetError, ConnectionError):
        pass  # the client went away
    return response
