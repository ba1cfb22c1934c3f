"""Fetch a live blog page: polite per host, bounded in time, size and redirects, guarded against SSRF.

Bounds, with httpx's own semantics in mind:

* ``httpx.Timeout`` limits each network operation, not the request, so the whole fetch (every
  redirect hop included) runs under one deadline (``asyncio.timeout_at``), started once the
  first hop has its per-host slot (waiting politely for a busy host is not the server's fault);
* the byte cap counts *decoded* bytes, decoded from ``aiter_raw()`` with an output bound on
  every decompression step (:mod:`livetail.bodyread`): a gzip or brotli bomb never inflates
  more than the cap (+1 byte) in memory;
* redirects are followed by hand, only to http(s), at most ``max_redirects``; every hop opens
  its connection through the SSRF guard (:mod:`livetail.netguard`) unless the source was
  configured on a private address or says ``allow_private = true``;
* per host name (every source on it alike): at most ``per_host_concurrency`` requests at once,
  and request starts at least ``per_host_delay`` apart (not for loopback hosts, which are this
  machine, nor between redirect hops on one host);
* conditional GET: :meth:`Fetcher.fetch_if_changed` sends ``If-None-Match`` /
  ``If-Modified-Since`` and returns :class:`NotModified` on a 304, and also on a full answer
  whose body has the digest the caller saved (servers that ignore validators);
* gzip, deflate and (when the ``brotli`` package is there) br; HTTP/2 when ``h2`` is installed;
  proxies from the environment (``HTTP(S)_PROXY``, ``ALL_PROXY``, ``NO_PROXY``), mounted
  explicitly because a custom transport turns httpx's own environment handling off;
* requests go straight to each host's transport (``handle_async_request``), not through an
  ``httpx.AsyncClient``: redirects, decoding and proxies are done here anyway, and what the
  client adds is a cookie jar (a poller keeps no cookies; parsing every response into one was a
  tenth of a 304 poll's CPU), auth flows and event hooks. Credentials in a source URL
  (``https://user:pass@host/``) are sent as Basic auth, as the client would, to that URL's host
  only (a redirect elsewhere carries none).

Charset decoding (BOM > header > meta > detection) is extract's job (``extract/page.py``).
"""

from __future__ import annotations

import asyncio
import mimetypes
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpcore
import httpx

from livetail import __version__
from livetail.bodyread import ACCEPT_ENCODING, drain, read_capped
from livetail.config import FetchConfig
from livetail.errors import BlockedAddressError, FetchError, FetchTimeout, HTTPStatusError, ResponseTooLarge
from livetail.hostgate import HostGate, is_loopback
from livetail.model import Document
from livetail.netguard import (
    AddressBlocked,
    AddressPolicy,
    Resolver,
    blocked_reason,
    routed_transport,
    url_is_private,
)

_REDIRECTS = {301, 302, 303, 307, 308}
# A host's pool also carries redirects to other hosts, which the per-host gate does not count.
MAX_CONNECTIONS_PER_POOL = 16
KEEPALIVE_SECONDS = 30.0


class NetworkError(FetchError):
    """The connection failed or broke (DNS, refused, reset, TLS): worth backing off for."""


@dataclass(frozen=True, slots=True)
class NotModified:
    """The page is as it was: a 304 answer to a conditional GET, or (``same_body``) a full answer
    whose body has the digest the caller passed in (decoded, or as sent). ``wire_digest``: the
    answer's, when it was encoded and had to be decoded to tell (the server compressed the same
    page to other bytes): the caller saves it so that the next poll need not decode."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    date: datetime | None = None
    same_body: bool = False
    wire_digest: str | None = None


def default_user_agent() -> str:
    return f"livetail/{__version__} (+https://github.com/livetail/livetail; live-blog follower)"


def _not_modified(
    response: httpx.Response, *, same_body: bool, wire_digest: str | None = None
) -> NotModified:
    return NotModified(
        url=_shown(response.url),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        date=_http_date(response.headers.get("date")),
        same_body=same_body,
        wire_digest=wire_digest,
    )


def _shown(url: httpx.URL) -> str:
    """``url`` as a document carries it into feeds and logs: without credentials."""
    return str(url.copy_with(userinfo=b"")) if url.userinfo else str(url)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else None


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a `Retry-After` header asks to wait (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = _http_date(value)
    if when is None:
        return None
    return max(0.0, (when - datetime.now(when.tzinfo)).total_seconds())


def content_type_for_path(path: Path) -> str:
    if path.suffix.lower() == ".json":
        return "application/json"
    if path.suffix.lower() == ".jsonld":  # (a saved ld+json script; not every mime.types lists it)
        return "application/ld+json"
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "text/html"


class Fetcher:
    """Fetches pages for every source through shared httpx transports (one pool per host).

    Test seams: ``transport`` (e.g. ``httpx.MockTransport``) replaces the network entirely;
    ``resolver``, ``policy`` and ``backend`` go to the guard (:mod:`livetail.netguard`);
    ``proxies`` replaces the environment's; ``socket_options`` reach every socket.
    ``private_hint`` ends the message of a refused private address: what the user can do about
    it where this fetcher is used (a source's key, a command's option).
    """

    def __init__(
        self,
        config: FetchConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
        policy: AddressPolicy | None = blocked_reason,
        proxies: dict[str, str] | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
        backend: httpcore.AsyncNetworkBackend | None = None,
        private_hint: str = "set allow_private = true on the source if it is meant to be fetched there",
    ) -> None:
        self.config = config
        self._private_hint = private_hint
        self._transport = transport
        self._guard_args: dict[str, Any] = {
            "resolver": resolver,
            "policy": policy,
            "proxies": proxies,
            "socket_options": list(socket_options) if socket_options is not None else None,
            "backend": backend,
        }
        self._policy = policy or blocked_reason
        self._transports: dict[tuple[bool, str], httpx.AsyncBaseTransport] = {}
        self._headers = {
            "User-Agent": config.user_agent or default_user_agent(),
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        # Each network operation's bound, as httpx.AsyncClient would pass it to its transport.
        self._timeouts = httpx.Timeout(config.timeout.total_seconds()).as_dict()
        self._tls: ssl.SSLContext | None = None  # one CA bundle load, shared by every pool
        self._gates: dict[str, HostGate] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        transports, self._transports = list(self._transports.values()), {}
        for transport in transports:
            await transport.aclose()

    def _transport_for(self, allow_private: bool, host: str) -> httpx.AsyncBaseTransport:
        # One connection pool per host: httpcore scans every pooled connection on each request,
        # so one shared pool for hundreds of hosts costs more the more it keeps alive, while a
        # host's pool holds only its few connections (``per_host_concurrency``) and keeps them all.
        key = (True, "") if self._transport is not None else (allow_private, host)
        transport = self._transports.get(key)
        if transport is None:
            if self._tls is None and self._transport is None:
                self._tls = httpx.create_ssl_context()  # as httpx would: certifi, or SSL_CERT_FILE/DIR
            transport = self._transport or routed_transport(
                allow_private,
                limits=httpx.Limits(
                    max_connections=max(MAX_CONNECTIONS_PER_POOL, self.config.per_host_concurrency),
                    max_keepalive_connections=self.config.per_host_concurrency,
                    # A poller comes back to the same hosts every few seconds to minutes: keeping a
                    # connection for 30 s (httpx: 5 s; nginx keeps them 75 s) saves most
                    # handshakes, for both sides. One the server closed is seen and dropped.
                    keepalive_expiry=KEEPALIVE_SECONDS,
                ),
                verify=self._tls or True,
                **self._guard_args,
            )
            self._transports[key] = transport
        return transport

    def _gate(self, host: str) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = HostGate(self.config.per_host_concurrency, self.config.per_host_delay.total_seconds())
            self._gates[host] = gate
        return gate

    def private_allowed(
        self, url: str, *, allow_private: bool = False, source_url: str | None = None
    ) -> bool:
        """The design rule: guarded unless configured on a private address or ``allow_private``."""
        return allow_private or url_is_private(source_url or url, self._policy)

    async def fetch(
        self, url: str, *, allow_private: bool = False, source_url: str | None = None
    ) -> Document:
        """Fetch ``url`` (``http(s)://`` or ``file://``); raise a FetchError subclass saying why not."""
        result = await self.fetch_if_changed(url, allow_private=allow_private, source_url=source_url)
        if isinstance(result, NotModified):  # only a server that ignores HTTP gets here
            raise HTTPStatusError("HTTP 304 to an unconditional request", url=result.url, status=304)
        return result

    async def fetch_if_changed(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        body_digest: str | None = None,
        wire_digest: str | None = None,
        allow_private: bool = False,
        source_url: str | None = None,
    ) -> Document | NotModified:
        """Like :meth:`fetch`, but conditional on the saved validators: a 304 is :class:`NotModified`,
        and so is a body whose :func:`~livetail.bodyread.body_digest` is ``body_digest``, or whose
        encoded bytes are those of the last :attr:`Document.wire_digest` (over HTTP; a ``file://``
        page is always returned)."""
        if url.startswith("file://"):
            return await asyncio.to_thread(self._read_file, url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        transport = self._transport_for(
            self.private_allowed(url, allow_private=allow_private, source_url=source_url),
            (urlsplit(url).hostname or "").lower(),
        )
        return await self._fetch_http(transport, url, headers, (body_digest, wire_digest))

    def _read_file(self, url: str) -> Document:
        path = Path(unquote(urlsplit(url).path))
        try:
            size = path.stat().st_size
            if size > self.config.max_bytes:
                raise ResponseTooLarge(
                    f"file is {size} bytes, over [fetch] max_bytes={self.config.max_bytes}", url=url
                )
            content = path.read_bytes()
        except OSError as e:
            raise FetchError(f"cannot read file: {e.strerror}", url=url) from e
        return Document(content=content, content_type=content_type_for_path(path), url=url)

    async def _fetch_http(
        self,
        transport: httpx.AsyncBaseTransport,
        url: str,
        headers: dict[str, str],
        known: tuple[str | None, str | None] = (None, None),
    ) -> Document | NotModified:
        total = self.config.timeout.total_seconds()
        loop = asyncio.get_running_loop()
        deadline: float | None = None
        current, previous_host = url, None
        for _hop in range(self.config.max_redirects + 1):
            try:
                target = httpx.URL(current)
            except httpx.InvalidURL as e:
                raise FetchError(f"invalid URL: {e}", url=current) from None
            if target.scheme not in ("http", "https") or not target.host:
                if current == url:  # the URL asked for, not a redirect
                    raise FetchError("not an http(s):// URL with a host", url=url)
                raise FetchError(f"refusing to follow a redirect to a non-HTTP URL {current!r}", url=url)
            host = target.host.lower()
            # Spacing protects publishers: not needed between hops on one host, nor for a
            # loopback server (this machine: tests, ``livetail demo``, a local mirror).
            spaced = host != previous_host and not is_loopback(host)
            async with self._gate(host).slot(spaced=spaced):
                if deadline is None:
                    deadline = loop.time() + total
                try:
                    async with asyncio.timeout_at(deadline):
                        outcome = await self._hop(transport, target, current, headers, known)
                except TimeoutError:
                    raise FetchTimeout(
                        f"no complete response within {total:g}s ([fetch] timeout)", url=current
                    ) from None
                except AddressBlocked as e:
                    raise BlockedAddressError(f"{e}; {self._private_hint}", url=current) from None
                except httpx.TimeoutException:
                    raise FetchTimeout("the server stopped responding", url=current) from None
                except httpx.HTTPError as e:
                    raise NetworkError(f"network error: {type(e).__name__}: {e}", url=current) from e
            if isinstance(outcome, str):
                current, previous_host = outcome, host
                continue
            return outcome
        raise FetchError(f"more than {self.config.max_redirects} redirects ([fetch] max_redirects)", url=url)

    async def _hop(
        self,
        transport: httpx.AsyncBaseTransport,
        target: httpx.URL,
        url: str,
        headers: dict[str, str],
        known: tuple[str | None, str | None],
    ) -> Document | NotModified | str:
        """One request to ``url`` (``target`` is it parsed): the next URL for a redirect, else the outcome."""
        # The parsed URL goes in as it is: httpx parsing a str again costs about a tenth of a 304.
        request = httpx.Request(
            "GET", target, headers={**self._headers, **headers}, extensions={"timeout": self._timeouts}
        )
        if target.username or target.password:  # httpx's own Basic auth, as its client would add
            request = next(httpx.BasicAuth(target.username, target.password).sync_auth_flow(request))
        response = await transport.handle_async_request(request)
        response.request = request
        try:
            status = response.status_code
            if status in _REDIRECTS and "location" in response.headers:
                await drain(response)
                return urljoin(url, response.headers["location"])
            if status == 304 and headers:
                await drain(response)
                return _not_modified(response, same_body=False)
            if not 200 <= status < 300:
                await drain(response)
                raise HTTPStatusError(
                    f"HTTP {status} {response.reason_phrase}".strip(),
                    url=url,
                    status=status,
                    retry_after=retry_after_seconds(response.headers.get("retry-after")),
                )
            body_digest, wire_digest = known
            body = await read_capped(response, url, self.config.max_bytes, known_wire=wire_digest)
            if body is None:
                return _not_modified(response, same_body=True)
            if body.digest == body_digest:
                return _not_modified(response, same_body=True, wire_digest=body.wire_digest)
            return Document(
                content=body.content(),
                content_type=response.headers.get("content-type", "text/html"),
                url=_shown(response.url),
                date=_http_date(response.headers.get("date")),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                wire_digest=body.wire_digest,
            )
        finally:
            await response.aclose()
