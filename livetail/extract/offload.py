"""Extraction in a child process: a poll cycle gets a second core, and the event loop's process never
queues on the GIL behind a parse.

Why not a thread: extraction is Python and lxml calls that drop and retake the GIL many times per
page. In a worker thread the event loop (fetching, storing, publishing) and the extractions take
turns on one core, and every retake can wait a whole switch interval: on ``bench/poll.py`` (500
changed 60 KB pages) the cycle took ~15 s with extraction in threads and ~6.5 s with it in one
child process. The child also keeps a crash in a C library on hostile bytes out of the daemon: that
poll fails with an :class:`ExtractError` and the next extraction starts a new child.

Log records the extraction emits come back with its result and are handled by the parent's loggers,
in order, before the call returns: formatting and redaction stay in one place and tests see them.
The child ignores SIGINT and SIGTERM (a terminal's Ctrl-C or systemd's stop signal reaches the
whole process group): the parent finishes its in-flight polls and shuts the child down itself.
A parent that dies without doing so (SIGKILL, a crash) is noticed within a second by a thread in
the child, which then exits: otherwise it would wait forever on a queue nobody writes to.

One page must never stall every source behind it: the child notes which call it is working on
and since when, and the caller whose page has run past the deadline (60 s by default; a 10 MB
page takes a few seconds) kills the child. That call fails with an :class:`ExtractError` naming
the page; the calls queued behind it run again on a new child. (A C regex or parser loop cannot be
interrupted from inside: only the process can go.)
A call the child never took (it died between polls, and the pool learns that late) runs again
on a new child too: only the page that was being read when a child died fails.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from typing import Any

from livetail.errors import ExtractError
from livetail.extract.engine import Extraction, extract
from livetail.model import Document

__all__ = ["ExtractionProcess", "shared_process"]

log = logging.getLogger("livetail.extract")


class _Collector(logging.Handler):
    """The child's only log handler: keeps records, made picklable, for the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if isinstance(record.args, tuple):
            record.args = tuple(
                a if isinstance(a, int | float | bool | None) else str(a) for a in record.args
            )
        elif record.args:
            record.msg, record.args = record.getMessage(), None
        record.msg = str(record.msg)
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


_collector: _Collector | None = None
PARENT_CHECK_SECONDS = 1.0
DEADLINE_SECONDS = 60.0
_WATCH_SECONDS = 0.5  # how often a waiting caller looks at the child's current call


@dataclass(frozen=True)
class _Shared:
    """What the child tells its parent, in shared memory: its pid, and which call it is running
    (0: none) since when (``time.monotonic``, one clock for every process on the machine)."""

    pid: Synchronized[int]
    call: Synchronized[int]
    since: Synchronized[float]


_shared_state: _Shared | None = None  # the child's view


def _start_child(level: int, parent: int, shared: _Shared | None = None) -> None:
    global _collector, _shared_state
    _shared_state = shared
    if shared is not None:
        shared.pid.value = os.getpid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # The parent's pid comes from the parent: one killed while this child was starting is gone
    # already, and getppid() here would name init.
    threading.Thread(
        target=_exit_with_parent, args=(parent,), name="livetail-parent-watch", daemon=True
    ).start()
    _collector = _Collector()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_collector)
    root.setLevel(level)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:  # an orphan is adopted by init or a subreaper
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def _taken() -> list[logging.LogRecord]:
    return _collector.take() if _collector is not None else []


def _extract_in_child(
    document: Document, options: dict[str, Any], call: int = 0
) -> tuple[Extraction | str, list[Any]]:
    if _shared_state is not None:
        _shared_state.since.value = time.monotonic()
        _shared_state.call.value = call
    try:
        result: Extraction | str = extract(document, **options)
    except ExtractError as e:
        # Sent back as its message: an exception crosses the pipe only if it unpickles.
        result = str(e)
    except BaseException:
        _taken()  # else this page's records would come back with the next page's result
        raise
    finally:
        if _shared_state is not None:
            _shared_state.call.value = 0
    return result, _taken()


def _child_cpu_seconds() -> float:
    return time.process_time()


class ExtractionProcess:
    """``extract()`` run in one long-lived child process, started on first use; a call whose page
    runs longer than ``deadline`` seconds is stopped (see the module docstring)."""

    def __init__(self, deadline: float = DEADLINE_SECONDS) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._shared: _Shared | None = None
        self._lock = threading.Lock()
        self._deadline = deadline
        self._calls = itertools.count(1)
        # pools whose child was killed for a page past the deadline
        self._stopped: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()

    def _executor(self) -> tuple[ProcessPoolExecutor, _Shared]:
        with self._lock:
            if self._pool is None or self._shared is None:
                # "spawn": forking a process that runs an event loop and SQLite threads is unsafe.
                context = multiprocessing.get_context("spawn")
                self._shared = _Shared(
                    context.Value("q", 0, lock=False),
                    context.Value("q", 0, lock=False),
                    context.Value("d", 0.0, lock=False),
                )
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=_start_child,
                    initargs=(logging.getLogger().getEffectiveLevel(), os.getpid(), self._shared),
                )
            return self._pool, self._shared

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    async def extract(self, document: Document, **options: Any) -> Extraction:
        """``extract(document, **options)`` in the child; its log records are re-emitted here."""
        for attempt in (1, 2):
            pool, shared = self._executor()
            call = next(self._calls)
            try:
                future = asyncio.get_running_loop().run_in_executor(
                    pool, _extract_in_child, document, options, call
                )
            except BrokenProcessPool:  # the child died between calls: this one never ran
                self._discard(pool)
                if attempt == 1:
                    continue
                raise ExtractError(f"{document.url}: the extraction process could not be restarted") from None
            try:
                result, records = await self._watched(future, pool, shared, call)
                break
            except BrokenProcessPool as e:
                self._discard(pool)
                if shared.call.value == call and pool in self._stopped:
                    raise ExtractError(
                        f"{document.url}: extraction ran past its deadline of {self._deadline:g} s "
                        "and was stopped; the page may be pathological (please report it)"
                    ) from None
                if attempt == 1 and (pool in self._stopped or shared.call.value != call):
                    # Queued behind a page that was stopped, or the child died before it took this
                    # call (between polls: the pool learns it late): this page never ran. Run again.
                    continue
                raise ExtractError(
                    f"{document.url}: the extraction process died while reading this page ({e}); "
                    "the next poll starts a new one"
                ) from None
        for record in records:
            logging.getLogger(record.name).handle(record)
        if isinstance(result, str):
            raise ExtractError(result)
        return result

    async def _watched(
        self,
        future: asyncio.Future[tuple[Extraction | str, list[Any]]],
        pool: ProcessPoolExecutor,
        shared: _Shared,
        call: int,
    ) -> tuple[Extraction | str, list[Any]]:
        """``await future``, killing the child if it has been running this call past the deadline."""
        while True:
            done, _ = await asyncio.wait({future}, timeout=min(_WATCH_SECONDS, self._deadline))
            if done:
                return future.result()
            # The child writes the start time before the call number: read in the other order, a
            # matching number comes with its own start time, never the previous call's.
            running = shared.call.value
            running_since = shared.since.value
            if running == call and time.monotonic() - running_since > self._deadline:
                self._stopped.add(pool)
                with contextlib.suppress(ProcessLookupError):  # it ended meanwhile: the future says how
                    os.kill(shared.pid.value, signal.SIGKILL)

    async def cpu_seconds(self) -> float:
        """CPU time the current child has used (0 before it started): for benchmarks."""
        if self._pool is None:
            return 0.0
        return float(await asyncio.get_running_loop().run_in_executor(self._pool, _child_cpu_seconds))

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_shared: ExtractionProcess | None = None
_shared_lock = threading.Lock()


def shared_process() -> ExtractionProcess:
    """The process-wide extraction child (one per livetail process, closed at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ExtractionProcess()
            atexit.register(_shared.close)
        return _shared
