"""Per-host politeness: at most N requests to one host at once, request starts spaced apart."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostGate:
    """At most ``concurrency`` requests to one host at once, starts at least ``delay`` apart."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._spacing = asyncio.Lock()
        self._delay = delay
        self._last_start = float("-inf")

    @asynccontextmanager
    async def slot(self, *, spaced: bool = True) -> AsyncIterator[None]:
        async with self._slots:
            if spaced and self._delay > 0:
                async with self._spacing:
                    wait = self._last_start + self._delay - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._last_start = time.monotonic()
            yield


@functools.lru_cache(maxsize=4096)  # asked on every poll, of a few hundred names
def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
