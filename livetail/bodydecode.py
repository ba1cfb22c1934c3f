"""Bounded decompression of HTTP bodies: gzip, deflate and (with ``brotli`` >= 1.2) br.

Every step's output is capped by the caller (``room``), so a decompression bomb never inflates
more than the fetcher's byte cap in memory; :mod:`livetail.fetch` drives it chunk by chunk.
"""

from __future__ import annotations

import importlib
import zlib
from typing import Any, Protocol


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


__all__ = ["ACCEPT_ENCODING", "BROTLI", "DECODE_ERRORS", "Decoder", "decoder_for"]
