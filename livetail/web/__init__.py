"""The web interface for people, on the daemon's one aiohttp server.

* ``/`` — the dashboard: one row per source (state, polls, counts, a 24 h sparkline) and the
  delivery targets below it.
* ``/sources/<name>`` — the blog's updates as a timeline with edited/retracted/pinned markers and
  the feed URLs.
* ``/events`` and ``/sources/<name>/events`` — Server-Sent Events: every committed
  ``update.created``/``edited``/``deleted`` event in the webhook payload shape, ``id:`` = its
  sequence number, resumable with ``Last-Event-ID`` (or ``?since=N``). Events are read from the
  store (``list_events``) about once a second, so several daemons on one database all stream
  every event.
* ``/preview`` — what livetail would extract from a URL, and its ``[[sources]]`` block; only with
  ``[server] preview = true``, and never for private addresses.

Pages are server-rendered (Jinja2, autoescaped) and work without JavaScript; ``/static/app.js``
localises times, copies feed URLs and inserts live updates. Every response carries a strict
Content-Security-Policy (no inline script at all), ``X-Content-Type-Options`` and
``Referrer-Policy``. With ``[server] token`` every page and stream needs ``Authorization: Bearer``
or the login cookie; feeds, ``/healthz`` and ``/metrics`` stay public (:mod:`livetail.web.auth`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web

from livetail.netguard import AddressPolicy, Resolver, blocked_reason
from livetail.publisher import Publisher


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceTiming:
    """What the running scheduler knows about one source (the store does not)."""

    ended: bool
    next_poll: datetime | None
    interval: timedelta


@dataclass(frozen=True, slots=True, kw_only=True)
class WebOptions:
    """How the web interface is wired into the running daemon (and test seams)."""

    #: The scheduler's view of a source; None outside a daemon (the config's interval is used).
    timing: Callable[[str], SourceTiming | None] | None = None
    #: Resolver and address policy for ``/preview``'s SSRF guard (tests inject them).
    resolver: Resolver | None = None
    policy: AddressPolicy = blocked_reason
    #: Seconds between two reads of new events from the store.
    poll_every: float = 1.0
    #: Seconds between two keep-alive comments on an idle event stream.
    heartbeat: float = 15.0


def mount(app: web.Application, publisher: Publisher, options: WebOptions | None = None) -> None:
    """Add the web interface's routes, middleware and lifecycle hooks to ``app``."""
    from livetail.web.routes import install

    install(app, publisher, options or WebOptions())


__all__ = ["SourceTiming", "WebOptions", "mount"]
