"""Reading HTTP bodies within bounds: the decoded-byte cap, bounded decompression, draining.

Decoding is done here, from ``aiter_raw()``: gzip, deflate and (with ``brotli`` >= 1.2) br, every
step's output capped by what is left of the cap, so a decompression bomb never inflates more
than the cap (+1 byte) in memory and no more raw bytes are read than it took to get there
(when the last body's wire digest is known, an encoded body is held as sent, up to the cap,
before it is decoded: see :func:`read_capped`).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import zlib
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import xxhash

from livetail.errors import FetchError, ResponseTooLarge

#: How much of a body we do not need (a redirect's, an error page's) is read to keep the connection.
DRAIN_BYTES = 64 * 1024
DRAIN_SECONDS = 1.0


class Decoder(Protocol):
    def decode(self, data: bytes, room: int) -> bytes:
        """Feed ``data`` (b"" to continue) and return at most ``room`` decoded bytes."""
        ...

    def pending(self) -> bool:
        """Whether input is still buffered that the next ``decode(b"", …)`` would turn into output."""
        ...


class ZlibDecoder:
    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._d = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback  # "deflate" is zlib-wrapped by the RFC, raw in the wild
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        if not self._started and data:
            self._started = True
            if self._raw_fallback:
                try:
                    return self._d.decompress(data, room)
                except zlib.error:
                    self._d = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._d.decompress(self._d.unconsumed_tail + data if data else self._d.unconsumed_tail, room)

    def pending(self) -> bool:
        return bool(self._d.unconsumed_tail)


def _brotli() -> Any:
    """The ``brotli`` module, or None (untyped: imported by name)."""
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


class BrotliDecoder:
    def __init__(self) -> None:
        self._d = _brotli().Decompressor()

    def decode(self, data: bytes, room: int) -> bytes:
        out: bytes = self._d.process(data, output_buffer_limit=room)
        return out

    def pending(self) -> bool:
        return not self._d.can_accept_more_data()


def _brotli_bounded() -> bool:
    """``brotli`` >= 1.2 bounds each step's output (``output_buffer_limit``); older ones cannot."""
    module = _brotli()
    return module is not None and hasattr(module.Decompressor(), "can_accept_more_data")


BROTLI = _brotli_bounded()
ACCEPT_ENCODING = "gzip, deflate, br" if BROTLI else "gzip, deflate"


def decoder_for(encoding: str) -> Decoder:
    if encoding in ("gzip", "x-gzip"):
        return ZlibDecoder(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return ZlibDecoder(zlib.MAX_WBITS, raw_fallback=True)
    if encoding == "br" and BROTLI:
        return BrotliDecoder()
    raise KeyError(encoding)


DECODE_ERRORS: tuple[type[Exception], ...] = (zlib.error, _brotli().error) if BROTLI else (zlib.error,)


__all__ = [
    "ACCEPT_ENCODING",
    "BROTLI",
    "DECODE_ERRORS",
    "DRAIN_BYTES",
    "Body",
    "Decoder",
    "body_digest",
    "decoder_for",
    "drain",
    "read_capped",
]


def body_digest(content: bytes) -> str:
    """xxh3-128 of a decoded body: only ever compared with an earlier one of the same page."""
    return xxhash.xxh3_128_hexdigest(content)


@dataclass(frozen=True, slots=True)
class Body:
    """A decoded body as read, in pieces, with its :func:`body_digest` taken along the way, and
    ``wire_digest``, the same hash of the bytes as sent, when they were content-encoded."""

    pieces: list[bytes]
    digest: str
    wire_digest: str | None = None

    def content(self) -> bytes:
        return b"".join(self.pieces)


def _decoder(response: httpx.Response, url: str) -> Decoder | None:
    """The decoder for the response's ``Content-Encoding``; None for identity."""
    codings = [
        c.strip().lower()
        for c in response.headers.get("content-encoding", "").split(",")
        if c.strip() and c.strip().lower() != "identity"
    ]
    if not codings:
        return None
    try:
        if len(codings) > 1:
            raise KeyError(codings)
        return decoder_for(codings[0])
    except KeyError:
        raise FetchError(
            f"unsupported Content-Encoding {', '.join(codings)!r} (we asked for {ACCEPT_ENCODING})",
            url=url,
        ) from None


async def _hashed(pieces: AsyncIterator[bytes], hasher: Any) -> AsyncIterator[bytes]:
    async for piece in pieces:
        hasher.update(piece)
        yield piece


async def _replayed(held: deque[bytes], rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    while held:  # let go of each held piece as it is decoded
        yield held.popleft()
    async for piece in rest:
        yield piece


async def read_capped(
    response: httpx.Response, url: str, limit: int, *, known_wire: str | None = None
) -> Body | None:
    """The body, decoded, of at most ``limit`` bytes: :class:`ResponseTooLarge` past it.

    It is hashed piece by piece while each is fresh in the cache, and not joined here: a poll
    whose body is the one it had ends on the digest, and never pays for a 600 KB copy.

    ``known_wire``: the ``wire_digest`` of the last body of this page. An encoded body is then read
    whole as sent before it is decoded, and None is returned, nothing decoded, when it hashes to
    that: servers compress the same page to the same bytes, and inflating an unchanged 600 KB
    page cost more than reading it. Past ``limit`` bytes as sent, it is decoded as it comes, as
    without a digest: only the decoded cap decides what is too large. (A wire digest is only
    saved for a body that was decoded within the cap; one lowered since applies from the next
    change of the page.)"""
    decoder = _decoder(response, url)
    declared = response.headers.get("content-length", "")
    if decoder is None and declared.isdigit() and int(declared) > limit:
        raise ResponseTooLarge(f"response declares {declared} bytes, over [fetch] max_bytes={limit}", url=url)
    wire = xxhash.xxh3_128() if decoder is not None else None
    raw_pieces = response.aiter_raw()
    if wire is not None and known_wire is not None:
        as_sent: deque[bytes] = deque()
        size = 0
        async for raw in raw_pieces:
            wire.update(raw)
            as_sent.append(raw)
            size += len(raw)
            if size > limit:
                break  # too long to hold undecoded
        else:
            if wire.hexdigest() == known_wire:
                return None
        raw_pieces = _replayed(as_sent, _hashed(raw_pieces, wire))
    elif wire is not None:
        raw_pieces = _hashed(raw_pieces, wire)
    chunks: list[bytes] = []
    hasher = xxhash.xxh3_128()
    total = 0

    def keep(piece: bytes) -> None:
        nonlocal total
        total += len(piece)
        if total > limit:
            raise ResponseTooLarge(f"response exceeds [fetch] max_bytes={limit} (decoded)", url=url)
        if piece:
            chunks.append(piece)
            hasher.update(piece)

    try:
        async for raw in raw_pieces:
            if decoder is None:
                keep(raw)
                continue
            # Each step may produce at most what is left of the cap, plus one byte to notice.
            keep(decoder.decode(raw, limit - total + 1))
            while decoder.pending():
                keep(decoder.decode(b"", limit - total + 1))
    except DECODE_ERRORS as e:
        raise FetchError(f"corrupt {response.headers['content-encoding']} body: {e}", url=url) from None
    return Body(chunks, hasher.hexdigest(), wire.hexdigest() if wire is not None else None)


async def drain(response: httpx.Response) -> None:
    """Read a body we do not use when it is known to be small, so the connection is kept.

    httpcore pools a connection again only once its response was read to the end: a 304 (the
    commonest answer to a poll; its body is empty by definition) left unread cost a new
    connection on every poll. A redirect's or an error page's body is read only when it declares
    at most :data:`DRAIN_BYTES`, and for at most :data:`DRAIN_SECONDS`: the answer is already
    known, so a slow or broken body only costs the connection (``aclose`` drops it), never the
    poll its status.
    """
    if response.status_code != 304:
        declared = response.headers.get("content-length", "")
        if not declared.isdigit() or int(declared) > DRAIN_BYTES:
            return
    with contextlib.suppress(TimeoutError, httpx.HTTPError):
        async with asyncio.timeout(DRAIN_SECONDS):
            async for _raw in response.aiter_raw():
                pass
