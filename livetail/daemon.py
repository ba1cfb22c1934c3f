"""``livetail run``: poll every source on its schedule until SIGTERM/SIGINT, then stop cleanly.

* Schedule: one job per source whose interval adapts (:class:`~livetail.scheduler.SourceSchedule`)
  and drops to once a day when a blog has ended; a daily job prunes old rows
  (:func:`~livetail.maintenance.prune`).
* SIGHUP re-reads the config file. An invalid file is logged and the running config kept;
  otherwise source jobs are added, removed or rescheduled, notifiers of changed targets are
  rebuilt, the fetcher is replaced with one on the new ``[fetch]`` settings, and the delivery
  worker is swapped — the old one finishes the batch it is sending. ``[state]`` and ``[server]``
  changes need a restart (logged).
* systemd: ``READY=1`` once serving and scheduling, ``WATCHDOG=1`` at half ``WATCHDOG_USEC``
  but only while the event loop turns, the scheduler runs and dispatches its jobs, and the
  delivery worker is alive; ``STOPPING=1`` on shutdown.
* Shutdown stops the scheduler from starting new polls, lets in-flight polls and the delivery
  batch finish (bounded by ``grace``; what is still running then is cancelled and records
  nothing), and closes the store, so SIGTERM leaves the database consistent.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from collections.abc import Callable
from datetime import timedelta

from apscheduler.triggers.interval import IntervalTrigger

from livetail import logs
from livetail.config import Config, server_exposure
from livetail.daemon_core import MIN_GAP_FACTOR, OnResult, log
from livetail.daemon_health import HEARTBEAT_DEFAULT, INSTANCE_BEAT, DaemonHealth
from livetail.daemon_reload import DaemonReload
from livetail.feeds import check_publish_dir
from livetail.fetch import Fetcher
from livetail.metrics import Metrics, instrument_notifiers
from livetail.notifiers import build_notifiers
from livetail.pipeline import Pipeline, utc_now
from livetail.publisher import Publisher
from livetail.scheduler import SourceSchedule, add_digest_jobs, build_scheduler
from livetail.server import build_app, start_server
from livetail.store.open import open_store
from livetail.systemd import SystemdNotifier
from livetail.web import WebOptions

__all__ = [
    "HEARTBEAT_DEFAULT",
    "INSTANCE_BEAT",
    "MAINTENANCE_EVERY",
    "MAINTENANCE_FIRST",
    "MIN_GAP_FACTOR",
    "Daemon",
    "OnResult",
    "freeze_startup_heap",
    "run_daemon",
]

MAINTENANCE_EVERY = timedelta(days=1)
MAINTENANCE_FIRST = timedelta(minutes=10)


class Daemon(DaemonReload, DaemonHealth):
    """One running ``livetail run``; :func:`run_daemon` is the entry point.

    Polling and worker state come from :class:`~livetail.daemon_core.DaemonCore`, health checks
    from :class:`~livetail.daemon_health.DaemonHealth`, SIGHUP from
    :class:`~livetail.daemon_reload.DaemonReload`; this class starts, runs and stops them.
    """

    # -- the run ---------------------------------------------------------------------------

    async def run(self, duration: timedelta | None = None) -> None:
        """Run until ``stop`` is set, a signal arrives, or ``duration`` passes."""
        # Before anything is stored: a poll commits before it publishes.
        await asyncio.to_thread(check_publish_dir, self.config.publish.dir)
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
                # A source pointed at another page while stopped: the old page's quiet or end
                # says nothing about the new one, which is polled at once (see below).
                moved = await self._moved()
                for source in self.config.sources:
                    last = None if source.name in moved else activity.get(source.name)
                    schedule = SourceSchedule.start(source, now=now, last_change=last)
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
                    if (exposed := server_exposure(self.config)) is not None:
                        log.warning("%s", exposed)
                self._start_worker(
                    self.config, instrument_notifiers(build_notifiers(self.config), self.metrics)
                )
                add_digest_jobs(self.scheduler, self.config.targets, self.worker.send_digest)
                self.scheduler.start()
                for source in self.config.sources:
                    if source.name in moved:  # not held back by the old page's last poll
                        self._spawn(self.poll(source, spaced=False))
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
            await asyncio.wait(set(self.in_flight), timeout=left())
        polls = set(self.in_flight)
        if polls:
            # A page slower than the grace: cancel its poll instead of closing the fetcher under
            # it, which would record a network error and a backoff for a source that did nothing
            # wrong. Cancelled before its commit (one transaction), a poll stores nothing and
            # releases its lease, and the next start polls the source again at once.
            log.warning(
                "%d poll(s) still running after %.0fs were cancelled; the next start polls them again",
                len(polls),
                self.grace,
            )
            for task in polls:
                task.cancel()
            await asyncio.gather(*polls, return_exceptions=True)
        # The worker finishes the batch it is sending; unsent rows stay in the outbox.
        self._worker_stop.set()
        pending = [t for t in (self._worker_task, *self._background) if t is not None and not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=left())
        worker = self._worker_task
        if worker is not None and not worker.done():
            # A receiver slower than the grace: stop the send instead of closing its client under
            # it, which would record a failed attempt. Its rows stay claimed by this (then dead)
            # worker and the next start sends them again at once, under the same webhook-id.
            log.warning(
                "a delivery was still sending after %.0fs; it is sent again on the next start", self.grace
            )
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await worker
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


def freeze_startup_heap() -> None:
    """Take what start-up built (modules, classes, the config) out of the cyclic GC's sight.

    They live as long as the process, yet every full collection walked them all: about 120,000
    objects, 0.1 s, every second or third poll cycle (a tenth of an unchanged cycle). Frozen
    objects are never collected, so this runs once, before the daemon starts; what the daemon
    allocates later is collected as usual.
    """
    gc.collect()
    gc.freeze()
