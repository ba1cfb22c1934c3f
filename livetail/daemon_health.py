"""A running daemon's health: the systemd watchdog heartbeat, this instance's row in ``instances``,
and what ``/healthz``, ``/metrics`` and the dashboard's timing read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import timedelta

from livetail import __version__
from livetail.daemon_core import DaemonCore
from livetail.delivery import worker_name
from livetail.errors import StoreError
from livetail.pipeline import utc_now
from livetail.scheduler import job_id, overdue
from livetail.web import SourceTiming

# One logger for the whole daemon, whichever module a line comes from.
log = logging.getLogger("livetail.daemon")
HEARTBEAT_DEFAULT = 5.0  # seconds between health checks without a systemd watchdog
INSTANCE_BEAT = 10.0  # seconds between rows in `instances` (what `livetail status` lists)


class DaemonHealth(DaemonCore):
    """Health checks of a running daemon; the watchdog is fed only while they pass."""

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
        try:  # stopped cleanly: `status` and the dashboard should not list it for another minute
            await self.store.forget_instance(name)
        except StoreError as e:
            log.warning("could not remove this instance's row error=%s", e)

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
            # Still serving the old config, but the file on disk is not what runs: say so.
            **({"reload_failed": self.reload_error} if self.reload_error else {}),
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
