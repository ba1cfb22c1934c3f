"""``livetail run``: poll every source on its schedule until SIGTERM/SIGINT, then stop cleanly.

* Schedule: one job per source whose interval adapts (:class:`~livetail.scheduler.SourceSchedule`)
  and drops to once a day when a blog has ended; a daily job prunes old rows
  (:func:`~livetail.maintenance.prune`).
* SIGHUP re-reads the config file. An invalid file is logged and the running config kept;
  otherwise source jobs are added, removed or rescheduled, notifiers of changed targets are
  rebuilt, and the delivery worker is swapped — the old one finishes the batch it is sending.
  ``[state]``, ``[server]`` and ``[fetch]`` changes need a restart (logged).
* systemd: ``READY=1`` once serving and scheduling, ``WATCHDOG=1`` at half ``WATCHDOG_USEC``
  but only while the event loop turns, the scheduler runs and dispatches its jobs, and the
  delivery worker is alive; ``STOPPING=1`` on shutdown.
* Shutdown stops the scheduler from starting new polls, lets in-flight polls and the delivery
  batch finish (bounded by ``grace``), and closes the store, so SIGTERM leaves the database
  consistent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from livetail import __version__, logs
from livetail.config import Config, SourceConfig, load_config
from livetail.delivery import DeliveryWorker, worker_name
from livetail.errors import ConfigError, StoreError
from livetail.fetch import Fetcher
from livetail.maintenance import PruneResult, last_activity, prune
from livetail.metrics import Metrics, instrument_notifiers, skipped
from livetail.notifiers import Notifier, build_notifiers
from livetail.pipeline import Pipeline, PollResult, utc_now
from livetail.publisher import Publisher
from livetail.scheduler import (
    CHANGES,
    SourceSchedule,
    add_digest_jobs,
    add_poll_job,
    build_scheduler,
    job_id,
    overdue,
    remove_digest_jobs,
    reschedule,
)
from livetail.server import build_app, start_server
from livetail.store import Store
from livetail.store.open import open_store
from livetail.systemd import SystemdNotifier
from livetail.web import SourceTiming, WebOptions

log = logging.getLogger("livetail.daemon")
OnResult = Callable[[PollResult], None]
MAINTENANCE_EVERY = timedelta(days=1)
MAINTENANCE_FIRST = timedelta(minutes=10)
HEARTBEAT_DEFAULT = 5.0  # seconds between health checks without a systemd watchdog
INSTANCE_BEAT = 10.0  # seconds between rows in `instances` (what `livetail status` lists)
MIN_GAP_FACTOR = 0.8  # scheduled polls of a source are at least this × its interval apart, cluster-wide


class Daemon:
    """One running ``livetail run``; :func:`run_daemon` is the entry point."""

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
        self._background: set[asyncio.Task[Any]] = set()
        self._reload_lock = asyncio.Lock()
        self._started = asyncio.Event()
        self._stalled: tuple[str, ...] = ()
        self._retired: list[Notifier] = []
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

    async def poll(self, source: SourceConfig) -> None:
        """The job body: poll, count, adapt the interval, tell the caller."""
        if self.stop.is_set():
            return
        started = time.perf_counter()
        schedule = self.schedules.get(source.name)
        interval = schedule.interval if schedule is not None else source.interval
        # Scheduled: at least 0.8 × the interval after the last poll of it by any instance.
        task = asyncio.ensure_future(self.pipeline.poll(source, min_gap=interval * MIN_GAP_FACTOR))
        self.in_flight.add(task)
        try:
            result = await asyncio.shield(task)
        except Exception:
            log.exception("poll crashed source=%s", source.name)
            self.metrics.polls.labels(source.name, "crashed").inc()
            return
        finally:
            self.in_flight.discard(task)
        self.metrics.observe_poll(result, time.perf_counter() - started)
        self.adapt(result)
        if self.on_result:
            self.on_result(result)

    def adapt(self, result: PollResult, now: datetime | None = None) -> None:
        """Feed a poll's outcome to its source's schedule; reschedule the job when the interval moves."""
        schedule = self.schedules.get(result.source)
        if schedule is None:
            return
        if skipped(result) in ("backoff", "leased", "lease-lost"):
            return  # not polled here (or not committed): says nothing about the blog
        was_ended = schedule.ended
        changed = result.baseline or any(e.type.value in CHANGES for e in result.events)
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

    async def _retire_worker(
        self, task: asyncio.Task[None] | None, stop: asyncio.Event, retired: list[Notifier]
    ) -> None:
        """Let an old worker finish the batch it is sending, then close the notifiers it alone used."""
        stop.set()
        if task is not None:
            await asyncio.wait([task], timeout=self.grace * 4)
        for notifier in retired:
            if notifier in self._retired:
                self._retired.remove(notifier)
                with contextlib.suppress(Exception):
                    await notifier.aclose()

    # -- health ----------------------------------------------------------------------------

    def check_health(self) -> str | None:
        """None when healthy, else why not (the watchdog is then not fed)."""
        if not self.scheduler.running:
            return "scheduler is not running"
        if self._worker_task is not None and self._worker_task.done() and not self.stop.is_set():
            return "delivery worker stopped"
        late = tuple(overdue(self.scheduler, utc_now(), timedelta(seconds=30)))
        if late:
            if self._stalled and set(late) & set(self._stalled):
                return f"scheduler stalled: {', '.join(late)} overdue"
            self.scheduler.wakeup()  # after a suspend the timer may just be late: one more chance
        self._stalled = late
        return None

    async def heartbeat(self) -> None:
        """Check health every half watchdog interval; feed the watchdog only while healthy."""
        period = max(0.05, self.systemd.watchdog_interval or HEARTBEAT_DEFAULT)
        loop = asyncio.get_running_loop()
        last = loop.time()
        while not self.stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), period)
            if self.stop.is_set():
                return
            now = loop.time()
            self.metrics.loop_lag.set(max(0.0, now - last - period))
            last = now
            problem = self.check_health()
            if problem != self.problem:
                if problem:
                    log.error("unhealthy; withholding the watchdog ping reason=%s", problem)
                else:
                    log.info("healthy again")
                self.problem = problem
            if problem is None:
                self.last_heartbeat = time.time()
                if self.systemd.watchdog_interval:
                    self.systemd.watchdog()

    async def announce(self, period: float = INSTANCE_BEAT) -> None:
        """Write this instance's heartbeat row every ``period`` seconds until stopped."""
        name = worker_name()
        host, _, pid = name.rpartition(":")
        started = utc_now()
        while not self.stop.is_set():
            try:
                await self.store.heartbeat(
                    name=name, host=host, pid=int(pid), version=__version__, started_at=started, now=utc_now()
                )
            except StoreError as e:
                log.warning("instance heartbeat failed error=%s", e)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), period)

    def health(self) -> dict[str, object]:
        ended = sorted(name for name, s in self.schedules.items() if s.ended)
        return {
            "status": "ok" if self.problem is None else "unhealthy",
            **({"problem": self.problem} if self.problem else {}),
            "scheduler": "running" if self.scheduler.running else "stopped",
            "sources": len(self.config.sources),
            "ended": ended,
            "in_flight_polls": len(self.in_flight),
            "reloads": self.reloads,
            "last_heartbeat": self.last_heartbeat,
        }

    def source_timing(self, name: str) -> SourceTiming | None:
        """The scheduler's view of a source, for the dashboard."""
        schedule = self.schedules.get(name)
        if schedule is None:
            return None
        job = self.scheduler.get_job(job_id(name)) if self.scheduler.running else None
        return SourceTiming(
            ended=schedule.ended,
            next_poll=getattr(job, "next_run_time", None),
            interval=schedule.interval,
        )

    async def render_metrics(self) -> bytes:
        try:
            await self.metrics.refresh(
                self.store, (s.name for s in self.config.sources), (t.name for t in self.config.targets)
            )
        except StoreError as e:
            self.metrics.scrape_errors.inc()
            log.warning("metrics could not read the store error=%s", e)
        return self.metrics.render()

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

    # -- reload ----------------------------------------------------------------------------

    async def _retire_fetcher(self, fetcher: Fetcher, polls: set[asyncio.Task[PollResult]]) -> None:
        if polls:
            await asyncio.wait(polls)
        await fetcher.aclose()

    def request_reload(self) -> None:
        self._spawn(self.reload())

    def _spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def reload(self) -> bool:
        """Re-read the config file and apply it; False (old config kept) when it is invalid."""
        await self._started.wait()
        if self.stop.is_set():
            return False
        path = self.config.file
        if path is None:
            log.warning("SIGHUP ignored: this config was not read from a file")
            return False
        async with self._reload_lock:
            self.systemd.reloading()
            try:
                return await self._reload(path)
            finally:
                self.systemd.ready(self._status())

    async def _reload(self, path: Any) -> bool:
        old = self.config
        try:
            new = await asyncio.to_thread(load_config, path)
            fresh = build_notifiers(new)
        except ConfigError as e:
            log.error(
                "config reload failed; keeping the running config file=%s problems=%s",
                path,
                "; ".join(str(p) for p in e.problems),
            )
            return False
        except Exception as e:  # a notifier that cannot be built must not take the daemon down
            log.error("config reload failed; keeping the running config file=%s error=%s", path, e)
            return False
        for section in ("state", "server"):
            if getattr(new, section) != getattr(old, section):
                log.warning("config reload: [%s] changes apply after a restart section=%s", section, section)
        new = new.model_copy(update={"state": old.state, "server": old.server})
        logs.set_secrets(logs.config_secrets(new))

        # Notifiers: keep those whose target (and the publish settings they render with) are unchanged.
        old_targets = {t.name: t for t in old.targets}
        notifiers: dict[str, Notifier] = {}
        for name, notifier in fresh.items():
            target = next((t for t in new.targets if t.name == name), None)
            same = old.publish == new.publish and (target is None or old_targets.get(name) == target)
            if same and name in self.notifiers:
                notifiers[name] = self.notifiers[name]
                with contextlib.suppress(Exception):
                    await notifier.aclose()
            else:
                notifiers[name] = instrument_notifiers({name: notifier}, self.metrics)[name]
        retired = [n for n in self.notifiers.values() if n not in notifiers.values()]
        self._retired.extend(retired)
        old_task, old_stop = self._worker_task, self._worker_stop
        self.config = new
        self.pipeline.config = new
        self.publisher.config = new
        if new.fetch != old.fetch:
            # Polls already under way finish on the old fetcher; the next ones use the new limits.
            # Until those finish, a host may see the old and the new per-host allowance at once.
            retiring, self.pipeline.fetcher = self.pipeline.fetcher, Fetcher(new.fetch)
            self._fetchers.append(self.pipeline.fetcher)
            self._spawn(self._retire_fetcher(retiring, set(self.in_flight)))
        self._start_worker(new, notifiers)
        self._spawn(self._retire_worker(old_task, old_stop, retired))
        remove_digest_jobs(self.scheduler)
        add_digest_jobs(self.scheduler, new.targets, self.worker.send_digest)

        # Sources: add, remove, reconfigure.
        before = {s.name: s for s in old.sources}
        after = {s.name: s for s in new.sources}
        activity = await self._last_activity() if set(after) - set(before) else {}
        now = utc_now()
        for name in set(before) - set(after):
            job = self.scheduler.get_job(job_id(name))
            if job is not None:
                job.remove()
            self.schedules.pop(name, None)
            self.metrics.forget_source(name)
        for name in sorted(set(after) - set(before)):
            schedule = SourceSchedule.start(after[name], now=now, last_change=activity.get(name))
            self.schedules[name] = schedule
            add_poll_job(self.scheduler, after[name], self.poll, interval=schedule.interval, first_run=now)
            self.metrics.set_schedule(name, schedule.interval.total_seconds(), schedule.ended)
        changed = sorted(n for n in set(before) & set(after) if before[n] != after[n])
        for name in changed:
            job = self.scheduler.get_job(job_id(name))
            if job is not None:
                job.modify(args=[after[name]])
            interval = self.schedules[name].reconfigure(after[name])
            if interval is not None:
                reschedule(self.scheduler, name, interval)
            self.metrics.set_schedule(
                name, self.schedules[name].interval.total_seconds(), self.schedules[name].ended
            )
        await self.publisher.publish_all()
        self.reloads += 1
        log.info(
            "config reloaded added=%s removed=%s changed=%s targets=%d",
            ",".join(sorted(set(after) - set(before))) or "-",
            ",".join(sorted(set(before) - set(after))) or "-",
            ",".join(changed) or "-",
            len(new.targets),
        )
        return True

    def _status(self) -> str:
        ended = sum(1 for s in self.schedules.values() if s.ended)
        return f"following {len(self.config.sources)} source(s), {ended} ended; {len(self.config.targets)} target(s)"

    # -- the run ---------------------------------------------------------------------------

    async def run(self, duration: timedelta | None = None) -> None:
        """Run until ``stop`` is set, a signal arrives, or ``duration`` passes."""
        loop = asyncio.get_running_loop()
        handlers: dict[signal.Signals, Callable[[], object]] = {
            signal.SIGTERM: self.stop.set,
            signal.SIGINT: self.stop.set,
            signal.SIGHUP: self.request_reload,
        }
        for sig, handler in handlers.items():
            # Not available off the main thread (tests) or off POSIX; the stop event still works.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, handler)
        logs.set_secrets(logs.config_secrets(self.config))
        self.store = await open_store(self.config.state)
        runner = None
        try:
            async with Fetcher(self.config.fetch) as fetcher:
                self.publisher = Publisher(self.config, self.store, utc_now)
                self.pipeline = Pipeline(self.config, self.store, fetcher, publisher=self.publisher)
                await self.publisher.publish_all()  # serve what the store holds before the first poll
                now = utc_now()
                activity = await self._last_activity()
                for source in self.config.sources:
                    schedule = SourceSchedule.start(source, now=now, last_change=activity.get(source.name))
                    self.schedules[source.name] = schedule
                    self.metrics.set_schedule(source.name, schedule.interval.total_seconds(), schedule.ended)
                self.scheduler = build_scheduler(
                    self.config.sources,
                    self.poll,
                    now=now,
                    intervals={name: s.interval for name, s in self.schedules.items()},
                )
                self.scheduler.add_job(
                    self.maintain,
                    IntervalTrigger(seconds=MAINTENANCE_EVERY.total_seconds(), timezone="UTC"),
                    id="maintenance",
                    name="retention and WAL checkpoint",
                    next_run_time=now + MAINTENANCE_FIRST,
                    max_instances=1,
                    coalesce=True,
                    misfire_grace_time=None,
                )
                if self.serve:
                    app = build_app(
                        self.publisher,
                        health=self.health,
                        metrics=self.render_metrics,
                        ui=WebOptions(timing=self.source_timing),
                    )
                    runner = await start_server(app, self.config.server.listen)
                    log.info("serving feeds and the dashboard on http://%s/", self.config.server.listen)
                self._start_worker(
                    self.config, instrument_notifiers(build_notifiers(self.config), self.metrics)
                )
                add_digest_jobs(self.scheduler, self.config.targets, self.worker.send_digest)
                self.scheduler.start()
                beating = asyncio.create_task(self.heartbeat())
                self._spawn(self.announce())
                self._started.set()
                self.systemd.ready(self._status())
                log.info(
                    "livetail running sources=%d targets=%d watchdog=%s",
                    len(self.config.sources),
                    len(self.config.targets),
                    f"{self.systemd.watchdog_interval:g}s" if self.systemd.watchdog_interval else "off",
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop.wait(), duration.total_seconds() if duration else None)
                self.stop.set()
                self.systemd.stopping("finishing in-flight polls and deliveries")
                await self._shutdown(beating)
        finally:
            for fetcher in self._fetchers:
                with contextlib.suppress(Exception):
                    await fetcher.aclose()
            if runner is not None:
                await runner.cleanup()
            await self.store.close()
            for sig in handlers:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(sig)
            self.systemd.close()
            log.info("livetail stopped")

    async def _shutdown(self, beating: asyncio.Task[None]) -> None:
        deadline = asyncio.get_running_loop().time() + self.grace

        def left() -> float:
            return max(0.1, deadline - asyncio.get_running_loop().time())

        self.scheduler.shutdown(wait=False)
        beating.cancel()
        if self.in_flight:
            log.info("waiting for %d in-flight poll(s)", len(self.in_flight))
            await asyncio.wait(self.in_flight, timeout=left())
        # The worker finishes the batch it is sending; unsent rows stay in the outbox.
        self._worker_stop.set()
        pending = [t for t in (self._worker_task, *self._background) if t is not None and not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=left())
        for task in self._background:
            task.cancel()
        for notifier in {id(n): n for n in (*self.notifiers.values(), *self._retired)}.values():
            with contextlib.suppress(Exception):
                await notifier.aclose()


async def run_daemon(
    config: Config,
    *,
    on_result: OnResult | None = None,
    stop: asyncio.Event | None = None,
    duration: timedelta | None = None,
    grace: float = 4.0,
    serve: bool = True,
    systemd: SystemdNotifier | None = None,
    metrics: Metrics | None = None,
) -> None:
    """Run the daemon until ``stop`` is set, a signal arrives, or ``duration`` passes.

    With ``serve``, the HTTP server listens on ``[server] listen`` for the whole run.
    """
    daemon = Daemon(
        config, on_result=on_result, stop=stop, grace=grace, serve=serve, systemd=systemd, metrics=metrics
    )
    await daemon.run(duration)
