"""The SQLite store hands the calls of one event-loop turn to its thread as one batch."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from livetail.errors import StoreError
from livetail.store.sqlite import SQLiteStore


async def test_one_turn_is_one_hand_off_in_call_order(tmp_path: Path) -> None:
    store = await SQLiteStore.open(tmp_path / "state.db")
    submitted: list[int] = []
    real_submit = store._executor.submit

    def counting_submit(fn: Any, *args: Any) -> Any:
        submitted.append(len(args[0]))
        return real_submit(fn, *args)

    store._executor.submit = counting_submit  # type: ignore[method-assign]
    ran: list[int] = []
    threads: set[int] = set()

    def step(k: int) -> int:
        ran.append(k)
        threads.add(threading.get_ident())
        if k == 3:
            raise ValueError("three")
        return k * 10

    try:
        results = await asyncio.gather(*(store._run(step, k) for k in range(6)), return_exceptions=True)
        assert ran == list(range(6))  # one failing call does not stop the next
        assert results[:3] == [0, 10, 20] and results[4:] == [40, 50]
        assert isinstance(results[3], ValueError)
        assert submitted == [6]  # six calls, one hand-off
        assert threads and threading.get_ident() not in threads
        assert await store.list_sources() == []  # later calls go in a batch of their own
        assert submitted == [6, 1]
    finally:
        await store.close()


async def test_a_call_cancelled_before_its_batch_runs_is_skipped(tmp_path: Path) -> None:
    store = await SQLiteStore.open(tmp_path / "state.db")
    ran: list[str] = []
    try:
        gone = asyncio.ensure_future(store._run(ran.append, "gone"))
        kept = asyncio.ensure_future(store._run(ran.append, "kept"))
        await asyncio.sleep(0)  # both are queued; the batch leaves on the next turn
        gone.cancel()
        await kept
        with pytest.raises(asyncio.CancelledError):
            await gone
        assert ran == ["kept"]
    finally:
        await store.close()


async def test_a_closed_store_refuses_calls(tmp_path: Path) -> None:
    store = await SQLiteStore.open(tmp_path / "state.db")
    await store.close()
    with pytest.raises(StoreError, match="closed"):
        await store.list_sources()
