"""The SSRF guard: outgoing HTTP never lands on a private address unless it was configured there.

A publisher controls its page, its redirects and its DNS; none of that may steer livetail into
the machine it runs on or the network around it (``http://169.254.169.254/`` is a cloud's
credential store, ``http://127.0.0.1:8080/`` the daemon's own API). The check therefore sits
where the connection is made, not where the URL is read: :class:`GuardedBackend` is an
``httpcore.AsyncNetworkBackend`` that resolves the host itself, refuses the connection when *any*
resolved address is blocked, and then connects to the very address it checked (never
re-resolving, so DNS rebinding between check and connect is impossible). Every redirect hop opens
its connection through it, so every hop is checked.

What is blocked (:func:`blocked_reason`): loopback, RFC 1918 and other private/reserved ranges,
link-local (169.254/16, fe80::/10) and cloud metadata addresses, CGNAT 100.64/10, unique-local
fc00::/7 (fd00::/8), unspecified, multicast; IPv4-mapped and NAT64 IPv6 forms are judged by the
IPv4 address inside them.

The rule for when the guard applies (DESIGN.md "Guarantees"): a source or webhook target whose
*own configured URL* is on such an address (an IP literal, or ``localhost``) is allowed there, and
so is one that says ``allow_private = true``; everything else is guarded. See
:func:`url_is_private`.

Proxies (``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``, minus ``NO_PROXY``) are honoured by
:func:`routed_transport`: the connection to the proxy is the user's own choice and is not
checked, and since the proxy resolves the destination itself, the destination host is resolved
and checked here first (best effort: the proxy's resolver may disagree).

Tests inject the resolver (``{"blog.example": ["127.0.0.1"]}`` via :func:`static_resolver`) and
the address policy.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import ssl
import urllib.request
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from livetail.netstream import AsyncioBackend

log = logging.getLogger("livetail.netguard")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``(host, port) -> addresses`` (as strings); raise ``OSError`` when the name does not resolve.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
#: ``address -> reason it is blocked``, or None when it may be connected to.
AddressPolicy = Callable[[IPAddress], "str | None"]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA = {
    ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack, DigitalOcean…
    ipaddress.ip_address("169.254.170.2"),  # AWS ECS task credentials
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
}


class AddressBlocked(httpx.ConnectError):
    """A connection was refused by the guard before any packet was sent.

    A subclass of ``httpx.ConnectError`` so callers that treat network errors alike still catch
    it; callers that care (the fetcher, webhook targets) catch it first and say why.
    """

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host = host
        self.address = address
        self.reason = reason
        shown = host if host == address else f"{host} ({address})"
        super().__init__(f"refused to connect to {shown}: {reason} address")


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be connected to from a guarded client, or None if it may."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_reason(embedded)
    if address in _METADATA:
        return "cloud metadata"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if isinstance(address, ipaddress.IPv4Address) and address in _CGNAT:
        return "shared (CGNAT)"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if address.is_reserved or not address.is_global:
        return "reserved"
    return None


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def url_is_private(url: str, policy: AddressPolicy = blocked_reason) -> bool:
    """Whether ``url`` is itself *configured* on a private address: an IP literal the policy
    blocks, or ``localhost`` / ``*.localhost`` (RFC 6761). Names are not resolved here: a public
    name that resolves privately is exactly what the guard exists to catch."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = _literal(host)
    return address is not None and policy(address) is not None


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (A and AAAA), in its order."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


def static_resolver(table: Mapping[str, Sequence[str]]) -> Resolver:
    """A resolver for tests and benches: names map to fixed addresses; unknown names fail."""
    lowered = {name.lower(): list(addresses) for name, addresses in table.items()}

    async def resolve(host: str, port: int) -> list[str]:
        try:
            return lowered[host.lower().rstrip(".")]
        except KeyError:
            raise socket.gaierror(socket.EAI_NONAME, f"{host}: no such name (static resolver)") from None

    return resolve


class AddressGuard:
    """Resolve a host and check every address; ``policy`` None allows any address."""

    def __init__(self, *, resolver: Resolver | None = None, policy: AddressPolicy | None = blocked_reason):
        self.resolver = resolver or system_resolver
        self.policy = policy

    async def resolve(self, host: str, port: int, timeout: float | None = None) -> list[IPAddress]:
        """The addresses to connect to, in order; raise :class:`AddressBlocked` if any is blocked."""
        literal = _literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                async with asyncio.timeout(timeout):
                    found = await self.resolver(host, port)
            except TimeoutError:
                raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
            except OSError as e:
                raise httpcore.ConnectError(f"cannot resolve {host}: {e}") from e
            addresses = [a for a in (_literal(str(x)) for x in found) if a is not None]
            if not addresses:
                raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        if self.policy is not None:
            for address in addresses:
                reason = self.policy(address)
                if reason is not None:
                    raise AddressBlocked(host, str(address), reason)
        return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to addresses the guard checked; Unix sockets are refused."""

    def __init__(self, guard: AddressGuard, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.guard = guard
        self._inner = inner or AsyncioBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.guard.resolve(host, port, timeout)
        error: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
            else:
                return stream
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("Unix sockets are not allowed through the address guard")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def http2_available() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:
        return False
    return True


def guarded_transport(
    allow_private: bool = False,
    *,
    resolver: Resolver | None = None,
    policy: AddressPolicy | None = blocked_reason,
    http2: bool | None = None,
    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    limits: httpx.Limits | None = None,
    backend: httpcore.AsyncNetworkBackend | None = None,
    verify: ssl.SSLContext | bool = True,
) -> httpx.AsyncHTTPTransport:
    """A direct (no proxy) transport whose every connection goes through the guard.

    ``allow_private`` turns the address check off but keeps the (injectable) resolver. HTTP/2
    is offered when ``h2`` is importable (``http2=None``). ``backend`` is what finally connects
    to the checked address (a test seam; default :class:`~livetail.netstream.AsyncioBackend`).
    """
    transport = httpx.AsyncHTTPTransport(
        verify=verify,
        http2=http2_available() if http2 is None else http2,
        socket_options=socket_options,
        limits=limits or httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )
    pool: Any = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.AsyncConnectionPool) or not hasattr(pool, "_network_backend"):
        # Fail loudly rather than run unguarded if a future httpx builds its pool differently.
        raise RuntimeError("cannot install the address guard on this httpx version's transport")
    pool._network_backend = GuardedBackend(
        AddressGuard(resolver=resolver, policy=None if allow_private else policy), backend
    )
    return transport


class ProxyRouter(httpx.AsyncBaseTransport):
    """Sends each request through the proxy for its scheme unless ``no_proxy`` bypasses its host.

    The destination of a proxied request is resolved and checked first (the proxy will connect
    to it, not us); direct requests are checked at connect time by the guarded transport.
    """

    def __init__(
        self,
        direct: httpx.AsyncBaseTransport,
        proxied: Mapping[str, httpx.AsyncBaseTransport],
        proxies: Mapping[str, str],
        guard: AddressGuard | None,
    ) -> None:
        self.direct = direct
        self.proxied = dict(proxied)
        self._proxies = dict(proxies)
        self._guard = guard

    def route(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        transport = self.proxied.get(url.scheme)
        if transport is None:
            return self.direct
        host = url.host if url.port is None else f"{url.host}:{url.port}"
        bypass: Callable[..., bool] = getattr(urllib.request, "proxy_bypass_environment")  # noqa: B009
        if bypass(host, self._proxies):
            return self.direct
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self.route(request.url)
        if transport is not self.direct and self._guard is not None:
            port = request.url.port or (443 if request.url.scheme == "https" else 80)
            try:
                await self._guard.resolve(request.url.host, port)
            except httpcore.ConnectTimeout as e:  # outside a transport: httpx's types, as it would raise
                raise httpx.ConnectTimeout(str(e), request=request) from e
            except httpcore.ConnectError as e:
                raise httpx.ConnectError(str(e), request=request) from e
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        for transport in (self.direct, *self.proxied.values()):
            await transport.aclose()


def environment_proxies() -> dict[str, str]:
    """``urllib.request.getproxies()``: ``{"http": …, "https": …, "all": …, "no": …}``."""
    return dict(urllib.request.getproxies())


def routed_transport(
    allow_private: bool = False,
    *,
    resolver: Resolver | None = None,
    policy: AddressPolicy | None = blocked_reason,
    proxies: Mapping[str, str] | None = None,
    http2: bool | None = None,
    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    backend: httpcore.AsyncNetworkBackend | None = None,
    limits: httpx.Limits | None = None,
    verify: ssl.SSLContext | bool = True,
) -> httpx.AsyncBaseTransport:
    """The transport for a fetch or a webhook: guarded, with the environment's proxies.

    A custom ``transport=`` turns httpx's own environment proxies off, so they are mounted here
    explicitly (``proxies`` defaults to :func:`environment_proxies`).
    """
    direct = guarded_transport(
        allow_private,
        resolver=resolver,
        policy=policy,
        http2=http2,
        socket_options=socket_options,
        backend=backend,
        limits=limits,
        verify=verify,
    )
    found = environment_proxies() if proxies is None else dict(proxies)
    proxied: dict[str, httpx.AsyncBaseTransport] = {}
    for scheme in ("http", "https"):
        url = found.get(scheme) or found.get("all")
        if not url:
            continue
        try:
            proxied[scheme] = httpx.AsyncHTTPTransport(
                proxy=url,
                verify=verify,
                http2=http2_available() if http2 is None else http2,
                socket_options=socket_options,
            )
        except (ImportError, ValueError) as e:
            log.warning("ignoring %s proxy %s: %s", scheme, url, e)
    if not proxied:
        return direct
    guard = None if allow_private else AddressGuard(resolver=resolver, policy=policy)
    return ProxyRouter(direct, proxied, found, guard)
