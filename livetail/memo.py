"""A least-recently-used memo bounded by the size of what it holds, not by its number of entries.

Why not ``functools.lru_cache``: a daemon following 500 blogs of 30 updates sees 15,000 bodies per
cycle, in the same order every cycle; a count bound below that evicts each entry just before it is
needed again (every lookup misses), and a count bound above it says nothing about memory when the
bodies are long. Here the bound is the total of ``size_of(key, value)`` (characters or bytes), and
callers key by digests where the inputs are large.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

__all__ = ["SizedMemo", "clear_all", "digest"]

_ALL: weakref.WeakSet[SizedMemo[object, object]] = weakref.WeakSet()


def clear_all(*, function_caches: bool = False) -> None:
    """Forget everything every memo holds: a page's first poll (benchmarks measure cold runs with
    it). With ``function_caches``, every ``functools`` cache in livetail's modules goes too: the
    small caches shared by all pages (stamps, tag shapes, wall times), as a new process has them."""
    for memo in list(_ALL):
        memo.clear()
    if not function_caches:
        return
    for name, module in list(sys.modules.items()):
        if name == "livetail" or name.startswith("livetail."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def digest(*parts: str | bytes) -> bytes:
    """A 16-byte key for large inputs (the parts are length-prefixed, so no two splits collide)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


class SizedMemo(Generic[K, V]):
    """``get_or_compute(key, compute)`` with LRU eviction once the held size passes ``budget``."""

    def __init__(self, budget: int, size_of: Callable[[K, V], int]) -> None:
        self.budget = budget
        self._size_of = size_of
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        _ALL.add(self)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def held(self) -> int:
        return self._held

    def get_or_compute(self, key: K, compute: Callable[[], V]) -> V:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        value = compute()  # outside the lock: compute may be slow, and a duplicate is harmless
        self._store(key, value)
        return value

    def get_or_compute_many(self, keys: Sequence[K], compute: Callable[[list[int]], Sequence[V]]) -> list[V]:
        """``get_or_compute`` for each key, with every missing value computed by one call:
        ``compute(indices)`` gets the positions of the missing keys and returns their values in that
        order (a page's new bodies are sanitised together)."""
        values: list[V | None] = []
        missing: list[int] = []
        with self._lock:
            for index, key in enumerate(keys):
                found = self._entries.get(key)
                if found is None:
                    missing.append(index)
                    values.append(None)
                else:
                    self._entries.move_to_end(key)
                    values.append(found[0])
            self.hits += len(keys) - len(missing)
            self.misses += len(missing)
        if missing:
            for index, value in zip(missing, compute(missing), strict=True):
                values[index] = value
                self._store(keys[index], value)
        return values  # type: ignore[return-value]  # every None was filled above

    def _store(self, key: K, value: V) -> None:
        size = self._size_of(key, value)
        if size > self.budget:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._held -= old[1]
            self._entries[key] = (value, size)
            self._held += size
            while self._held > self.budget:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._held -= evicted

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0
            self.hits = self.misses = 0
