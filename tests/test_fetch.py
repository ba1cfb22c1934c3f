"""The fetcher against real local servers: bounds (time, size, redirects), decoding, the SSRF
guard with an injected resolver, and proxies from the environment."""

from __future__ import annotations

import asyncio
import base64
import gzip
import ipaddress
import itertools
import random
import time
import tracemalloc
import zlib
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path

import brotli
import httpcore
import httpx
import pytest
from probe_server import ProbeServer, Request, SmallWindowBackend, serve

from livetail.bodyread import DRAIN_BYTES, body_digest
from livetail.config import FetchConfig
from livetail.errors import BlockedAddressError, FetchError, FetchTimeout, HTTPStatusError, ResponseTooLarge
from livetail.fetch import ACCEPT_ENCODING, Fetcher, NetworkError, NotModified
from livetail.model import Document
from livetail.netguard import (
    AddressGuard,
    GuardedBackend,
    IPAddress,
    blocked_reason,
    guarded_transport,
    routed_transport,
    static_resolver,
    url_is_private,
)
from livetail.netstream import AsyncioBackend

MiB = 1024 * 1024
KiB = 1024
PUBLIC_STANDIN = ipaddress.ip_address("127.0.0.1")


@pytest.fixture
def probe() -> Iterator[ProbeServer]:
    yield from serve()


def loopback_is_public(address: IPAddress) -> str | None:
    """Tests pretend 127.0.0.1 is the public internet: the only place a test may send traffic."""
    return None if address == PUBLIC_STANDIN else blocked_reason(address)


class RecordingBackend(AsyncioBackend):
    """Connects like the default backend and remembers every address it was asked to reach."""

    def __init__(self) -> None:
        self.connected: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connected.append((host, port))
        return await super().connect_tcp(host, port, timeout, local_address, socket_options)


def config(**overrides: object) -> FetchConfig:
    base: dict[str, object] = {"timeout": timedelta(seconds=5), "per_host_delay": timedelta(0)}
    base.update(overrides)
    return FetchConfig(**base)  # type: ignore[arg-type]


PAGE = b"<html><body><article><h2>Hello</h2><p>World</p></article></body></html>"


# -- conditional GET ---------------------------------------------------------------------------


async def test_conditional_get_sends_validators_and_reports_304(probe: ProbeServer) -> None:
    @probe.route("/live")
    def live(r: Request) -> None:
        if r.header("if-none-match") == '"v1"':
            r.start(304, {"ETag": '"v1"', "Content-Length": "0"})
            return
        r.respond(PAGE, headers={"ETag": '"v1"', "Last-Modified": "Sun, 01 Mar 2026 09:00:00 GMT"})

    async with Fetcher(config()) as fetcher:
        first = await fetcher.fetch_if_changed(probe.url("/live"))
        assert not isinstance(first, NotModified)
        assert (first.content, first.etag, first.last_modified) == (
            PAGE,
            '"v1"',
            "Sun, 01 Mar 2026 09:00:00 GMT",
        )
        again = await fetcher.fetch_if_changed(
            probe.url("/live"), etag=first.etag, last_modified=first.last_modified
        )
        assert isinstance(again, NotModified) and again.etag == '"v1"'
    sent = probe.requests_to("/live")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Sun, 01 Mar 2026 09:00:00 GMT"
    assert "if-none-match" not in probe.requests_to("/live")[0].headers


async def test_polls_keep_no_cookies_and_send_the_default_headers(probe: ProbeServer) -> None:
    """A poller is not a browser session: what a page sets is not sent back on the next poll."""

    @probe.route("/live")
    def live(r: Request) -> None:
        r.respond(PAGE, headers={"Set-Cookie": "session=abc; Path=/"})

    async with Fetcher(config()) as fetcher:
        for _ in range(2):
            assert (await fetcher.fetch(probe.url("/live"))).content == PAGE
    first, second = (seen.headers for seen in probe.requests_to("/live"))
    assert "cookie" not in second
    for sent in (first, second):
        assert sent["user-agent"].startswith("livetail/")
        assert sent["accept-encoding"] == ACCEPT_ENCODING
        assert sent["host"] == probe.url("/live").split("/")[2]


async def test_a_body_with_the_digest_given_is_not_modified(probe: ProbeServer) -> None:
    """For servers that ignore validators: the same bytes again end as NotModified(same_body),
    with the answer's validators; other bytes, or no digest, are a Document."""

    @probe.route("/live")
    def live(r: Request) -> None:
        r.respond(PAGE, headers={"ETag": '"v2"'})

    async with Fetcher(config()) as fetcher:
        url = probe.url("/live")
        same = await fetcher.fetch_if_changed(url, etag='"v1"', body_digest=body_digest(PAGE))
        assert isinstance(same, NotModified) and same.same_body and same.etag == '"v2"'
        other = await fetcher.fetch_if_changed(url, etag='"v1"', body_digest=body_digest(PAGE + b" "))
        assert isinstance(other, Document) and other.content == PAGE
        assert isinstance(await fetcher.fetch_if_changed(url), Document)


async def test_an_encoded_body_with_the_wire_digest_given_is_not_decoded(
    probe: ProbeServer, inflated: list[int]
) -> None:
    """An encoded body is hashed as sent too: the same gzip bytes again end as NotModified
    without being inflated; the same page compressed otherwise ends on the decoded digest; new
    bytes are a Document with their own wire digest. Identity bodies have none (it would equal
    the body digest)."""
    page = PAGE * 200
    served = {"body": gzip.compress(page, 6)}

    @probe.route("/live")
    def live(r: Request) -> None:
        r.respond(served["body"], headers={"Content-Encoding": "gzip"})

    @probe.route("/plain")
    def plain(r: Request) -> None:
        r.respond(page)

    async with Fetcher(config()) as fetcher:
        url = probe.url("/live")
        first = await fetcher.fetch_if_changed(url)
        assert isinstance(first, Document) and first.content == page
        assert first.wire_digest == body_digest(served["body"]) != body_digest(page)
        assert sum(inflated) == len(served["body"])
        inflated.clear()

        same = await fetcher.fetch_if_changed(
            url, body_digest=body_digest(page), wire_digest=first.wire_digest
        )
        assert isinstance(same, NotModified) and same.same_body
        assert inflated == [], "the same bytes as sent are not inflated again"

        served["body"] = gzip.compress(page, 9)  # another compressor, the same page
        recompressed = await fetcher.fetch_if_changed(
            url, body_digest=body_digest(page), wire_digest=first.wire_digest
        )
        assert isinstance(recompressed, NotModified) and recompressed.same_body

        served["body"] = gzip.compress(page + b"<p>new</p>", 6)
        changed = await fetcher.fetch_if_changed(
            url, body_digest=body_digest(page), wire_digest=first.wire_digest
        )
        assert isinstance(changed, Document) and changed.content == page + b"<p>new</p>"
        assert changed.wire_digest == body_digest(served["body"])

        identity = await fetcher.fetch_if_changed(probe.url("/plain"))
        assert isinstance(identity, Document) and identity.wire_digest is None


async def test_a_body_too_long_to_hold_undecoded_is_decoded_as_it_comes(probe: ProbeServer) -> None:
    """With a wire digest given, an encoded body is held as sent before it is decoded, but only up
    to the cap: past it, it is decoded as it comes, so the decoded cap alone decides, as without
    a digest (incompressible bytes are longer gzipped, and still fit decoded)."""
    cap = 256 * KiB
    fits = random.Random(6).randbytes(cap - 16)
    fits_gzipped = gzip.compress(fits)
    assert len(fits_gzipped) > cap
    bomb = _gzip_bomb(8 * MiB)

    @probe.route("/noise")
    def noise(r: Request) -> None:
        r.respond(fits_gzipped, headers={"Content-Encoding": "gzip"})

    @probe.route("/bomb")
    def serve_bomb(r: Request) -> None:
        r.respond(bomb, headers={"Content-Encoding": "gzip"})

    async with Fetcher(config(max_bytes=cap)) as fetcher:
        for known in (None, "0" * 32, body_digest(fits_gzipped)[:-1] + "0"):
            fetched = await fetcher.fetch_if_changed(probe.url("/noise"), wire_digest=known)
            assert isinstance(fetched, Document) and fetched.content == fits
            assert fetched.wire_digest == body_digest(fits_gzipped)
        same = await fetcher.fetch_if_changed(
            probe.url("/noise"), body_digest=body_digest(fits), wire_digest=body_digest(fits_gzipped)
        )
        assert isinstance(same, NotModified) and same.same_body
        with pytest.raises(ResponseTooLarge, match="decoded"):
            await fetcher.fetch_if_changed(probe.url("/bomb"), wire_digest="0" * 32)


async def test_304s_redirects_and_errors_keep_the_connection(probe: ProbeServer) -> None:
    """A 304, a redirect and a small error page are read to their end, so polling one page again
    and again reuses one connection (an unread 304 used to cost a new connection every poll)."""

    @probe.route("/live")
    def live(r: Request) -> None:
        if r.header("if-none-match") == '"v1"':
            r.start(304, {"ETag": '"v1"'})
            return
        r.respond(PAGE, headers={"ETag": '"v1"'})

    @probe.route("/moved")
    def moved(r: Request) -> None:
        r.respond(b"moved", 301, headers={"Location": "/live"})

    @probe.route("/busy")
    def busy(r: Request) -> None:
        r.respond(b"try later", 503, headers={"Retry-After": "7"})

    backend = RecordingBackend()
    async with Fetcher(config(), backend=backend) as fetcher:
        first = await fetcher.fetch_if_changed(probe.url("/live"))
        assert not isinstance(first, NotModified)
        for _ in range(3):
            again = await fetcher.fetch_if_changed(probe.url("/live"), etag='"v1"')
            assert isinstance(again, NotModified)
        assert not isinstance(await fetcher.fetch_if_changed(probe.url("/moved")), NotModified)
        with pytest.raises(HTTPStatusError) as caught:
            await fetcher.fetch(probe.url("/busy"))
        assert (caught.value.status, caught.value.retry_after) == (503, 7.0)
        assert isinstance(await fetcher.fetch_if_changed(probe.url("/live"), etag='"v1"'), NotModified)
    assert backend.connected == [("127.0.0.1", probe.port)]


async def test_a_large_error_page_is_not_read(probe: ProbeServer) -> None:
    """An error page over DRAIN_BYTES is left unread: the status is the answer, the connection goes."""

    @probe.route("/big-error")
    def big_error(r: Request) -> None:
        r.respond(b"x" * (DRAIN_BYTES + 1), 500)

    backend = RecordingBackend()
    async with Fetcher(config(), backend=backend) as fetcher:
        for _ in range(2):
            with pytest.raises(HTTPStatusError, match="500"):
                await fetcher.fetch(probe.url("/big-error"))
    assert len(backend.connected) == 2


# -- per-host limits ---------------------------------------------------------------------------


async def test_host_gate_caps_concurrency_and_spaces_starts(probe: ProbeServer) -> None:
    @probe.route("*")
    def slow(r: Request) -> None:
        time.sleep(0.3)
        r.respond(PAGE)

    resolver = static_resolver({"busy.example": ["127.0.0.1"], "other.example": ["127.0.0.1"]})
    cfg = config(per_host_concurrency=2, per_host_delay=timedelta(milliseconds=100))
    async with Fetcher(cfg, resolver=resolver, policy=loopback_is_public) as fetcher:
        started = time.monotonic()
        await asyncio.gather(*(fetcher.fetch(probe.url(f"/p{k}", "busy.example")) for k in range(6)))
        elapsed = time.monotonic() - started
    assert probe.peak == 2
    arrivals = sorted(s.at for s in probe.seen)
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # 100 ms apart at the client. Without spacing, pairs would arrive together (gaps of ~0 between
    # 300 ms steps); arrival times also carry connection setup and scheduling jitter, which on a
    # loaded machine reached 15 ms, so the bound leaves room for that and no more.
    assert min(gaps) >= 0.06, gaps
    assert elapsed >= 0.9  # six 300 ms responses, two at a time


# -- bounded in time ---------------------------------------------------------------------------


async def test_slow_drip_is_cut_off_by_the_total_deadline(probe: ProbeServer) -> None:
    @probe.route("/drip")
    def drip(r: Request) -> None:
        r.start(200, {"Content-Type": "text/html", "Connection": "close"})
        for _ in range(200):  # one byte every 100 ms: no single read ever times out
            if not r.write(b"x"):
                return
            time.sleep(0.1)

    async with Fetcher(config(timeout=timedelta(seconds=1))) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match=r"within 1s"):
            await fetcher.fetch(probe.url("/drip"))
        assert time.monotonic() - started < 2.5


# -- bounded in size ---------------------------------------------------------------------------


def _stream(total: int, chunk: bytes) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield chunk
        sent += len(chunk)


async def test_a_50_mb_body_is_aborted_at_the_cap(probe: ProbeServer) -> None:
    cap = 1 * MiB

    @probe.route("/huge")
    def huge(r: Request) -> None:  # no Content-Length: only counting can stop it
        r.start(200, {"Content-Type": "text/html", "Connection": "close"})
        for piece in _stream(50 * MiB, b"<p>" + b"x" * (16 * KiB - 7) + b"</p>\n"):
            if not r.write(piece):
                return

    async with Fetcher(config(max_bytes=cap), backend=SmallWindowBackend()) as fetcher:
        with pytest.raises(ResponseTooLarge, match="decoded"):
            await fetcher.fetch(probe.url("/huge"))
    await probe.settled()
    sent = probe.requests_to("/huge")[0].sent
    assert sent <= cap + 256 * KiB, f"server wrote {sent} bytes for a {cap}-byte cap"


async def test_a_declared_50_mb_body_is_refused_before_reading(probe: ProbeServer) -> None:
    @probe.route("/declared")
    def declared(r: Request) -> None:
        r.start(200, {"Content-Type": "text/html", "Content-Length": str(50 * MiB)})
        for piece in _stream(50 * MiB, b"x" * (64 * KiB)):
            if not r.write(piece):
                return

    async with Fetcher(config(max_bytes=MiB), backend=SmallWindowBackend()) as fetcher:
        with pytest.raises(ResponseTooLarge, match="declares"):
            await fetcher.fetch(probe.url("/declared"))
    await probe.settled()
    assert probe.requests_to("/declared")[0].sent <= 256 * KiB


def _gzip_bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * MiB
    return b"".join(packer.compress(zeros) for _ in range(size // MiB)) + packer.flush()


@pytest.mark.parametrize("encoding", ["gzip", "br"])
async def test_a_compression_bomb_is_aborted_at_the_cap(probe: ProbeServer, encoding: str) -> None:
    cap = 1 * MiB
    inflated = 200 * MiB
    bomb = _gzip_bomb(inflated) if encoding == "gzip" else brotli.compress(b"\0" * inflated, quality=5)

    @probe.route("/bomb")
    def serve_bomb(r: Request) -> None:
        r.respond(bomb, headers={"Content-Encoding": encoding})

    async with Fetcher(config(max_bytes=cap), backend=SmallWindowBackend()) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge, match="decoded"):
                await fetcher.fetch(probe.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    await probe.settled()
    # At most cap + 1 byte is ever inflated (each step is bounded by what is left of the cap),
    # so memory stays a small multiple of the cap, nothing like the bomb's 200 MB …
    assert peak < 3 * cap, f"peak {peak} bytes while refusing a {inflated}-byte bomb"
    # … and no more than cap + 256 KiB crossed the wire.
    assert probe.requests_to("/bomb")[0].sent <= cap + 256 * KiB


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "deflate", "deflate-raw", "br", "identity"])
async def test_encodings_are_decoded(probe: ProbeServer, encoding: str) -> None:
    body = PAGE * 500
    encoded = {
        "gzip": gzip.compress(body),
        "x-gzip": gzip.compress(body),
        "deflate": zlib.compress(body),
        "deflate-raw": zlib.compress(body)[2:-4],  # what many servers really send as "deflate"
        "br": brotli.compress(body),
        "identity": body,
    }[encoding]

    @probe.route("/enc")
    def enc(r: Request) -> None:
        r.respond(encoded, headers={"Content-Encoding": encoding.replace("-raw", "")})

    async with Fetcher(config()) as fetcher:
        document = await fetcher.fetch(probe.url("/enc"))
    assert document.content == body
    assert probe.seen[0].headers["accept-encoding"] == ACCEPT_ENCODING
    assert "br" in ACCEPT_ENCODING


async def test_unknown_or_corrupt_encodings_fail_clearly(probe: ProbeServer) -> None:
    @probe.route("/zstd")
    def zstd(r: Request) -> None:
        r.respond(b"\x28\xb5\x2f\xfd garbage", headers={"Content-Encoding": "zstd"})

    @probe.route("/corrupt")
    def corrupt(r: Request) -> None:
        r.respond(b"this is not gzip at all", headers={"Content-Encoding": "gzip"})

    async with Fetcher(config()) as fetcher:
        with pytest.raises(FetchError, match="unsupported Content-Encoding 'zstd'"):
            await fetcher.fetch(probe.url("/zstd"))
        with pytest.raises(FetchError, match="corrupt gzip body"):
            await fetcher.fetch(probe.url("/corrupt"))


# -- redirects ---------------------------------------------------------------------------------


async def test_a_redirect_loop_is_stopped(probe: ProbeServer) -> None:
    @probe.route("/a")
    def a(r: Request) -> None:
        r.respond(b"", 302, {"Location": "/b"})

    @probe.route("/b")
    def b(r: Request) -> None:
        r.respond(b"", 301, {"Location": probe.url("/a")})

    async with Fetcher(config(max_redirects=3)) as fetcher:
        with pytest.raises(FetchError, match=r"more than 3 redirects"):
            await fetcher.fetch(probe.url("/a"))
    assert [s.path for s in probe.seen] == ["/a", "/b", "/a", "/b"]


async def test_redirects_are_followed_to_the_final_url(probe: ProbeServer) -> None:
    @probe.route("/old")
    def old(r: Request) -> None:
        r.respond(b"", 308, {"Location": "/new"})

    @probe.route("/new")
    def new(r: Request) -> None:
        r.respond(PAGE)

    async with Fetcher(config()) as fetcher:
        document = await fetcher.fetch(probe.url("/old"))
    assert document.url == probe.url("/new") and document.content == PAGE


async def test_credentials_in_the_url_go_as_basic_auth_to_that_host_only(probe: ProbeServer) -> None:
    @probe.route("/old")
    def old(r: Request) -> None:
        r.respond(b"", 302, {"Location": "/live"})  # same host: the credentials follow

    @probe.route("/live")
    def live(r: Request) -> None:
        r.respond(b"", 302, {"Location": probe.url("/elsewhere").replace("127.0.0.1", "localhost")})

    @probe.route("/elsewhere")
    def elsewhere(r: Request) -> None:
        r.respond(PAGE)

    url = probe.url("/old").replace("http://", "http://us%20er:p%40ss@")
    async with Fetcher(config()) as fetcher:
        document = await fetcher.fetch(url, source_url=url)
    expected = "Basic " + base64.b64encode(b"us er:p@ss").decode()
    assert probe.requests_to("/old")[0].headers["authorization"] == expected
    assert probe.requests_to("/live")[0].headers["authorization"] == expected
    assert "authorization" not in probe.requests_to("/elsewhere")[0].headers
    assert document.content == PAGE and "@" not in document.url  # never carried into feeds


async def test_a_redirect_to_a_non_http_scheme_is_refused(probe: ProbeServer) -> None:
    @probe.route("/sneaky")
    def sneaky(r: Request) -> None:
        r.respond(b"", 302, {"Location": "file:///etc/passwd"})

    async with Fetcher(config()) as fetcher:
        with pytest.raises(FetchError, match="non-HTTP"):
            await fetcher.fetch(probe.url("/sneaky"))


# -- the SSRF guard ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "http://metadata.example/latest/meta-data/iam/security-credentials/",  # resolves to 169.254.169.254
        "http://intranet.example/admin",  # resolves to 10.0.0.1
        "http://10.0.0.1/admin",  # a literal private address
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/",  # IPv4-mapped IPv6
        "http://split.example/",  # one public and one private answer: every answer is checked
    ],
)
async def test_a_redirect_from_a_public_name_to_a_private_address_is_refused(
    probe: ProbeServer, location: str
) -> None:
    @probe.route("/live")
    def live(r: Request) -> None:
        r.respond(b"", 302, {"Location": location})

    resolver = static_resolver(
        {
            "news.example": ["127.0.0.1"],  # "public" (see loopback_is_public)
            "metadata.example": ["169.254.169.254"],
            "intranet.example": ["10.0.0.1"],
            "split.example": ["127.0.0.1", "10.0.0.1"],
        }
    )
    backend = RecordingBackend()
    async with Fetcher(config(), resolver=resolver, policy=loopback_is_public, backend=backend) as fetcher:
        with pytest.raises(BlockedAddressError, match="refused to connect") as caught:
            await fetcher.fetch(probe.url("/live", "news.example"))
    assert "allow_private" in str(caught.value)
    assert backend.connected == [("127.0.0.1", probe.port)], "no traffic may go to the private address"
    assert [s.path for s in probe.seen] == ["/live"]


async def test_a_public_name_resolving_to_loopback_is_refused_unless_allowed(probe: ProbeServer) -> None:
    probe.routes["/live"] = lambda r: r.respond(PAGE)
    resolver = static_resolver({"rebind.example": ["127.0.0.1"]})
    url = probe.url("/live", "rebind.example")
    async with Fetcher(config(), resolver=resolver) as fetcher:
        with pytest.raises(BlockedAddressError, match=r"rebind.example \(127.0.0.1\): loopback"):
            await fetcher.fetch(url)
        assert probe.seen == []
        document = await fetcher.fetch(url, allow_private=True)  # the source says allow_private = true
        assert document.content == PAGE


async def test_a_source_configured_on_loopback_may_fetch_there(probe: ProbeServer) -> None:
    probe.routes["/live"] = lambda r: r.respond(PAGE)
    async with Fetcher(config()) as fetcher:  # default policy and the system resolver
        assert (await fetcher.fetch(probe.url("/live"))).content == PAGE
        assert (await fetcher.fetch(probe.url("/live", "localhost"))).content == PAGE


def test_which_addresses_are_blocked() -> None:
    blocked = {
        "127.0.0.1": "loopback",
        "::1": "loopback",
        "10.0.0.1": "private",
        "172.16.5.4": "private",
        "192.168.1.1": "private",
        "169.254.169.254": "cloud metadata",
        "169.254.10.10": "link-local",
        "fe80::1": "link-local",
        "100.64.0.1": "shared (CGNAT)",
        "fd00::1": "private",
        "0.0.0.0": "unspecified",
        "::": "unspecified",
        "224.0.0.1": "multicast",
        "::ffff:127.0.0.1": "loopback",
        "64:ff9b::a00:1": "private",  # NAT64 of 10.0.0.1
    }
    for text, reason in blocked.items():
        assert blocked_reason(ipaddress.ip_address(text)) == reason, text
    for text in ("93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"):
        assert blocked_reason(ipaddress.ip_address(text)) is None, text


def test_url_is_private_reads_only_the_configured_url() -> None:
    assert url_is_private("http://127.0.0.1:8080/live")
    assert url_is_private("http://localhost/live") and url_is_private("http://blog.localhost/")
    assert url_is_private("http://[::1]:9/x") and url_is_private("http://10.1.2.3/")
    assert not url_is_private("https://www.example.com/live")  # names are never resolved here


async def test_the_guard_refuses_before_connecting() -> None:
    guard = AddressGuard(resolver=static_resolver({"evil.example": ["169.254.169.254"]}))
    with pytest.raises(Exception, match="cloud metadata"):
        await guard.resolve("evil.example", 80)
    assert [str(a) for a in await AddressGuard(policy=None).resolve("10.0.0.1", 80)] == ["10.0.0.1"]


async def test_unresolvable_names_are_network_errors() -> None:
    async with Fetcher(config(), resolver=static_resolver({})) as fetcher:
        with pytest.raises(NetworkError, match=r"cannot resolve nowhere\.example"):
            await fetcher.fetch("http://nowhere.example/live")


async def test_an_unresolvable_name_behind_a_proxy_is_a_network_error() -> None:
    """The destination is resolved (and checked) before the proxy is asked: a name that does not
    resolve fails the fetch as a network error, not as an exception from inside httpcore."""
    proxies = {"http": "http://127.0.0.1:9"}
    async with Fetcher(config(), resolver=static_resolver({}), proxies=proxies) as fetcher:
        with pytest.raises(NetworkError, match=r"cannot resolve nowhere\.example"):
            await fetcher.fetch("http://nowhere.example/live")


def test_guarded_transport_is_a_plain_httpx_transport_with_http2_when_available() -> None:
    transport = guarded_transport(allow_private=False)
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    pool = transport._pool
    assert type(pool._network_backend).__name__ == "GuardedBackend"
    assert pool._http2 is True  # h2 is installed in the test environment


# -- proxies -----------------------------------------------------------------------------------


async def test_environment_proxies_are_used_and_no_proxy_respected(
    probe: ProbeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_proxy = ProbeServer()
    with_proxy.thread.start()
    try:
        with_proxy.routes["*"] = lambda r: r.respond(b"via proxy " + r.path.encode())
        probe.routes["/live"] = lambda r: r.respond(b"direct")
        for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{with_proxy.port}")
        monkeypatch.setenv("no_proxy", "direct.example")
        resolver = static_resolver({"blog.example": ["127.0.0.1"], "direct.example": ["127.0.0.1"]})
        async with Fetcher(config(), resolver=resolver, policy=loopback_is_public) as fetcher:
            proxied = await fetcher.fetch(probe.url("/live", "blog.example"))
            direct = await fetcher.fetch(probe.url("/live", "direct.example"))
        assert proxied.content == f"via proxy http://blog.example:{probe.port}/live".encode()
        assert direct.content == b"direct"
        assert [s.path for s in probe.seen] == ["/live"]
    finally:
        with_proxy.server.shutdown()
        with_proxy.server.server_close()


async def test_a_proxied_request_to_a_private_destination_is_refused_before_the_proxy(
    probe: ProbeServer,
) -> None:
    probe.routes["*"] = lambda r: r.respond(b"the proxy forwarded it")
    transport = routed_transport(
        proxies={"http": probe.url("")},
        resolver=static_resolver({"metadata.example": ["169.254.169.254"]}),
    )
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.ConnectError, match="cloud metadata"):
            await client.get("http://metadata.example/latest/")
    assert probe.seen == []


# -- pooled connections ------------------------------------------------------------------------


async def test_guarded_streams_say_when_the_server_closed_them() -> None:
    """httpcore asks an idle pooled connection whether it is readable (closed by the server);
    the guard's streams answer from the socket, and hand every other question to the stream."""
    accepted: list[asyncio.StreamWriter] = []

    async def on_connect(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        backend = AddressGuard(resolver=static_resolver({"pool.example": ["127.0.0.1"]}), policy=None)
        stream = await GuardedBackend(backend).connect_tcp("pool.example", port)
        for _ in range(50):
            if accepted:
                break
            await asyncio.sleep(0.01)
        assert stream.get_extra_info("is_readable") is False
        assert stream.get_extra_info("server_addr") == ("127.0.0.1", port)
        accepted[0].close()
        await accepted[0].wait_closed()
        for _ in range(50):
            if stream.get_extra_info("is_readable"):
                break
            await asyncio.sleep(0.01)
        assert stream.get_extra_info("is_readable") is True
        await stream.aclose()


async def _three_polls_over_https(host: str, port: int) -> list[tuple[str, int]]:
    """Poll ``https://host:port/live`` (``host`` resolves to 127.0.0.1) three times, each
    answer ``PAGE``; the addresses connected to."""
    backend = RecordingBackend()
    resolver = static_resolver({host: ["127.0.0.1"]})
    async with Fetcher(config(), resolver=resolver, policy=loopback_is_public, backend=backend) as fetcher:
        for _ in range(3):
            assert (await fetcher.fetch(f"https://{host}:{port}/live")).content == PAGE
    return backend.connected


async def test_https_connections_are_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over TLS too, a kept connection is checked and reused (closed or not: the stream's state and its socket)."""
    import http.server
    import ssl
    import threading

    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("tls.example")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        connected = await _three_polls_over_https("tls.example", server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
    assert len(connected) == 1


@pytest.mark.parametrize("tls_version", ["TLSv1_2", "TLSv1_3"])
async def test_http2_over_tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tls_version: str) -> None:
    """HTTP/2 is negotiated by ALPN and carries the poll; the server speaks first (its SETTINGS
    leave right after its handshake), as HTTP/2 servers do, and the connection is reused."""
    import socket
    import ssl
    import threading

    import h2.config
    import h2.connection
    import h2.events
    import trustme

    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("h2.example").configure_cert(context)
    context.maximum_version = getattr(ssl.TLSVersion, tls_version)
    context.set_alpn_protocols(["h2"])
    listener = socket.create_server(("127.0.0.1", 0))
    seen: list[str] = []

    def serve(raw: socket.socket) -> None:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            conn = context.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            return
        with conn:
            h2c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
            h2c.initiate_connection()
            conn.sendall(h2c.data_to_send())
            while data := conn.recv(65536):
                for event in h2c.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        seen.append(dict(event.headers)[b":path"].decode())
                        h2c.send_headers(
                            event.stream_id, [(":status", "200"), ("content-length", str(len(PAGE)))]
                        )
                        h2c.send_data(event.stream_id, PAGE, end_stream=True)
                conn.sendall(h2c.data_to_send())

    def accept() -> None:
        while True:
            try:
                raw, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(raw,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        connected = await _three_polls_over_https("h2.example", listener.getsockname()[1])
    finally:
        listener.close()
    assert seen == ["/live"] * 3  # every poll went over HTTP/2
    assert len(connected) == 1
