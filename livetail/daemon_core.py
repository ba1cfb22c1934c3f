"""The state of one running daemon and its routine work: polling a source and adapting its
interval, starting the delivery worker, pruning old rows.

:class:`DaemonCore` is the base that :mod:`livetail.daemon_health` and :mod:`livetail.daemon_reload`
extend; :class:`livetail.daemon.Daemon` puts them together and runs them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from livetail.config import Config, SourceConfig, page_key
from livetail.delivery import DeliveryWorker
from livetail.errors import StoreError
from livetail.fetch import Fetcher
from livetail.maintenance import PruneResult, last_activity, prune
from livetail.metrics import Metrics, skipped
from livetail.notifiers import Notifier
from livetail.pipeline import Pipeline, PollResult, utc_now
from livetail.pollresult import Skip
from livetail.publisher import Publisher
from livetail.scheduler import CHANGES, SourceSchedule, reschedule
from livetail.store import Store
from livetail.systemd import SystemdNotifier

# One logger for the whole daemon, whichever module a line comes from.
log = logging.getLogger("livetail.daemon")
OnResult = Callable[[PollResult], None]
MIN_GAP_FACTOR = 0.8  # scheduled polls of a source are at least this × its interval apart, cluster-wide
#: Polls that ended before fetching here: they say nothing about whether the source works.
_NOT_POLLED = (Skip.BACKOFF, Skip.LEASED, Skip.LEASE_LOST)


class DaemonCore:
    """What every part of a running daemon shares: config, store, scheduler, worker, schedules."""

    def __init__(
        self,
        config: Config,
        *,
        on_result: OnResult | None = None,
        stop: asyncio.Event | None = None,
        grace: float = 4.0,
        serve: bool = True,
        systemd: SystemdNotifier | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.config = config
        self.on_result = on_result
        self.stop = stop or asyncio.Event()
        self.grace = grace
        self.serve = serve
        self.systemd = systemd or SystemdNotifier()
        self.metrics = metrics or Metrics()
        self.schedules: dict[str, SourceSchedule] = {}
        self.in_flight: set[asyncio.Task[PollResult]] = set()
        self._fetchers: list[Fetcher] = []  # made by reloads that changed [fetch]; closed at exit
        self.problem: str | None = None
        self.last_heartbeat: float | None = None
        self.reloads = 0
        self.reload_error: str | None = None  # why the last SIGHUP was refused, until one succeeds
        self._background: set[asyncio.Task[Any]] = set()
        self._reload_lock = asyncio.Lock()
        self._started = asyncio.Event()
        self._stalled: tuple[str, ...] = ()
        self._retired: list[Notifier] = []
        #: Sources whose first poll since start has been logged (see :meth:`_first_poll`).
        self._first_polled: set[str] = set()
        # Set in run():
        self.store: Store
        self.pipeline: Pipeline
        self.publisher: Publisher
        self.scheduler: AsyncIOScheduler
        self.notifiers: dict[str, Notifier] = {}
        self.worker: DeliveryWorker
        self._worker_stop = asyncio.Event()
        self._worker_task: asyncio.Task[None] | None = None

    # -- polling ---------------------------------------------------------------------------

    async def poll(self, source: SourceConfig, *, spaced: bool = True) -> None:
        """The job body: poll, count, adapt the interval, tell the caller.

        ``spaced=False`` polls even when the source was polled less than the scheduled gap ago
        (the source was just pointed at another page); another poll under way still wins."""
        if self.stop.is_set():
            return
        started = time.perf_counter()
        schedule = self.schedules.get(source.name)
        interval = schedule.interval if schedule is not None else source.interval
        # Scheduled: at least 0.8 × the interval after the last poll of it by any instance.
        gap = interval * MIN_GAP_FACTOR if spaced else timedelta(0)
        task = asyncio.ensure_future(self.pipeline.poll(source, min_gap=gap))
        # Held until the poll itself ends, not this job: shutdown waits for it, then cancels it.
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)
        try:
            result = await asyncio.shield(task)
        except asyncio.CancelledError:
            if self.stop.is_set():
                # The scheduler's shutdown cancels its jobs; the poll goes on, shielded, and
                # shutdown settles it. Nothing went wrong: no error for the scheduler to log.
                return
            raise
        except Exception:
            log.exception("poll crashed source=%s", source.name)
            self.metrics.polls.labels(source.name, "crashed").inc()
            self._first_polled.add(source.name)  # (its line is the traceback's)
            return
        self.metrics.observe_poll(result, time.perf_counter() - started)
        await self._first_poll(result)
        self.adapt(result)
        if self.on_result:
            self.on_result(result)

    async def _first_poll(self, result: PollResult) -> None:
        """One INFO line when a source's first poll since start ends, so whoever started the
        daemon sees each source at work (or why not) without waiting for its next update. A poll
        that did not happen here (backing off, leased elsewhere) is not the first one."""
        if result.source in self._first_polled or result.skipped in _NOT_POLLED:
            return
        self._first_polled.add(result.source)
        if not result.ok:
            log.info("first poll failed source=%s error=%s", result.source, result.error)
        elif result.not_modified:  # (a restart: the page is as the last run left it, not read again)
            try:
                record = await self.store.get_source(result.source)
                stored = await self.store.count_updates(result.source)
            except StoreError:
                record, stored = None, None
            log.info(
                "first poll: page unchanged since the last poll source=%s stored=%s strategy=%s",
                result.source,
                "?" if stored is None else stored,
                (record.strategy if record else None) or "?",
            )
        else:
            log.info(
                "first poll source=%s updates=%d strategy=%s",
                result.source,
                result.updates_on_page,
                result.strategy,
            )

    def adapt(self, result: PollResult, now: datetime | None = None) -> None:
        """Feed a poll's outcome to its source's schedule; reschedule the job when the interval moves."""
        schedule = self.schedules.get(result.source)
        if schedule is None:
            return
        if skipped(result) in ("backoff", "leased", "lease-lost"):
            return  # not polled here (or not committed): says nothing about the blog
        was_ended = schedule.ended
        # Another page is a blog of its own: the old page's quiet or end says nothing about it.
        changed = result.baseline or result.new_page or any(e.type.value in CHANGES for e in result.events)
        interval = schedule.after_poll(
            ok=result.ok,
            changed=changed,
            now=now or utc_now(),
            live=result.live,
            coverage_end=result.coverage_end,
        )
        if interval is not None and reschedule(self.scheduler, result.source, interval):
            log.info(
                "interval changed source=%s interval=%ds ended=%s",
                result.source,
                int(interval.total_seconds()),
                schedule.ended,
            )
        if schedule.ended != was_ended:
            log.info(
                "blog %s source=%s quiet_for=%s",
                "ended; polling daily" if schedule.ended else "is live again",
                result.source,
                str(utc_now() - schedule.last_change).split(".")[0] if schedule.ended else "0",
            )
        self.metrics.set_schedule(result.source, schedule.interval.total_seconds(), schedule.ended)

    # -- delivery --------------------------------------------------------------------------

    def _start_worker(self, config: Config, notifiers: dict[str, Notifier]) -> None:
        self.notifiers = notifiers
        self.worker = DeliveryWorker(config, self.store, notifiers, clock=utc_now)
        self._worker_stop = asyncio.Event()
        self._worker_task = asyncio.create_task(self.worker.run(self._worker_stop))

    # -- maintenance -----------------------------------------------------------------------

    async def maintain(self) -> PruneResult | None:
        """Prune sent deliveries and old events past ``[state] retention``; checkpoint the WAL."""
        if self.config.state.url:
            return None  # a server database keeps its own house
        try:
            return await asyncio.to_thread(
                prune, self.config.state.path, now=utc_now(), retention=self.config.state.retention
            )
        except StoreError as e:
            log.warning("retention failed error=%s", e)
            return None

    async def _last_activity(self) -> dict[str, datetime]:
        if self.config.state.url:
            return {}
        try:
            return await asyncio.to_thread(last_activity, self.config.state.path)
        except StoreError as e:
            log.warning("could not read when sources last changed error=%s", e)
            return {}

    async def _moved(self) -> set[str]:
        """Sources the config points at another page than their last reconciled poll read (the
        next day's live blog, set while the daemon was stopped)."""
        try:
            records = {r.name: r for r in await self.store.list_sources()}
        except StoreError as e:
            log.warning("could not read which page each source last followed error=%s", e)
            return set()
        return {
            s.name
            for s in self.config.sources
            if (r := records.get(s.name)) is not None
            and r.last_success_at is not None
            and page_key(r.url) != page_key(s.url)
        }

    def _spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _status(self) -> str:
        ended = sum(1 for s in self.schedules.values() if s.ended)
        return f"following {len(self.config.sources)} source(s), {ended} ended; {len(self.config.targets)} target(s)"
