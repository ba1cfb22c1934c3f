"""When to poll: one APScheduler 3.x job per source, its interval adapting to the blog.

The scheduler is created and started inside the running event loop. Every job has
``max_instances=1`` (a slow poll is never overlapped by the next), ``coalesce=True`` (runs
missed while the machine slept collapse into one) and ``misfire_grace_time=None``: 3.x's
default of 1 s silently skips a run that starts late, with only a WARNING.

Adaptive interval (:class:`SourceSchedule`, pure: the daemon applies what it decides): with
``min_interval``/``max_interval`` set, a poll that brought new, edited or deleted updates
halves the interval (down to ``min_interval``); a quiet one stretches it by half (up to
``max_interval``). Liveness, for every source: the blog is taken as ended, and polled once a
day, when the page's own flag says so (Guardian/BBC ``isLive: false``), when its
``coverageEndTime`` has passed after an earlier poll saw it in the future (the Guardian keeps it
equal to ``dateModified`` while live, so a past value alone proves nothing), or once nothing has
changed for ``ended_after`` (default 24 h). A change, or the flag turning ``true``, brings it back
unless the page still says it has ended.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from livetail.config import SourceConfig, TargetConfig
from livetail.schedules import digest_trigger

JITTER_FRACTION = 0.1
DAILY = timedelta(days=1)
FASTER = 0.5  # interval factor after a poll that changed something
SLOWER = 1.5  # interval factor after a quiet poll
CHANGES = frozenset({"update.created", "update.edited", "update.deleted"})

Poll = Callable[[SourceConfig], Awaitable[object]]


def job_id(source: str) -> str:
    return f"poll:{source}"


def poll_trigger(interval: timedelta) -> IntervalTrigger:
    """Every ``interval`` with up to 10% jitter (at least 1 s), so sources on a host drift apart."""
    seconds = interval.total_seconds()
    return IntervalTrigger(seconds=seconds, jitter=max(1, int(seconds * JITTER_FRACTION)), timezone="UTC")


def bounds(source: SourceConfig) -> tuple[timedelta, timedelta]:
    """(fastest, slowest) interval; equal when the source is not adaptive."""
    low = source.min_interval or min(source.interval, source.max_interval or source.interval)
    high = source.max_interval or max(source.interval, source.min_interval or source.interval)
    return low, max(low, high)


@dataclass(slots=True)
class SourceSchedule:
    """How often one source is polled now, and whether its blog looks ended."""

    source: SourceConfig
    interval: timedelta
    last_change: datetime
    ended: bool = False
    coverage_end_ahead: bool = False  # a poll saw the blog's coverageEndTime in the future
    ended_by_page: bool = False  # ended because the page said so, not because it went quiet

    @classmethod
    def start(cls, source: SourceConfig, *, now: datetime, last_change: datetime | None) -> SourceSchedule:
        """The schedule at daemon start; ``last_change`` comes from the store (None: never polled)."""
        low, high = bounds(source)
        schedule = cls(source=source, interval=min(max(source.interval, low), high), last_change=now)
        if last_change is not None:
            schedule.last_change = last_change
            if now - last_change >= source.ended_after:
                schedule.ended = True
                schedule.interval = max(DAILY, high)
        return schedule

    @property
    def adaptive(self) -> bool:
        low, high = bounds(self.source)
        return low < high

    def reconfigure(self, source: SourceConfig) -> timedelta | None:
        """Apply a reloaded config; the new interval when it differs."""
        old = self.interval
        self.source = source
        low, high = bounds(source)
        if self.ended:
            self.interval = max(DAILY, high)
        elif self.adaptive:
            self.interval = min(max(self.interval, low), high)
        else:
            self.interval = source.interval
        return self.interval if self.interval != old else None

    def after_poll(
        self,
        *,
        ok: bool,
        changed: bool,
        now: datetime,
        live: bool | None = None,
        coverage_end: datetime | None = None,
    ) -> timedelta | None:
        """Record a poll's outcome; the new interval when it should change, else None.

        ``live`` and ``coverage_end`` are what the page said (see the module docstring). A failed
        poll changes nothing here: backing off a failing host is the fetcher's job, and a failure
        says nothing about whether the blog is still live.
        """
        if not ok:
            return None
        old = self.interval
        low, high = bounds(self.source)
        if changed:
            self.last_change = now
        if live is False or self._coverage_passed(coverage_end, now):
            self.ended = self.ended_by_page = True
            self.interval = max(DAILY, high)
        elif self.ended and (changed or (live is True and self.ended_by_page)):
            # A quiet blog whose page keeps saying "live" stays ended until something changes.
            self.ended = self.ended_by_page = False
            self.interval = low  # back from the dead: catch up at full speed
        elif changed:
            if self.adaptive:
                self.interval = max(low, self.interval * FASTER)
        elif now - self.last_change >= self.source.ended_after:
            self.ended = True
            self.interval = max(DAILY, high)
        elif self.adaptive and not self.ended:
            self.interval = min(high, self.interval * SLOWER)
        # Whole seconds: APScheduler and humans both prefer them.
        self.interval = timedelta(seconds=max(1, round(self.interval.total_seconds())))
        return self.interval if self.interval != old else None

    def _coverage_passed(self, end: datetime | None, now: datetime) -> bool:
        if end is None:
            return False
        if end > now:
            self.coverage_end_ahead = True
            return False
        return self.coverage_end_ahead


def add_poll_job(
    scheduler: AsyncIOScheduler,
    source: SourceConfig,
    poll: Poll,
    *,
    interval: timedelta,
    first_run: datetime | None,
) -> None:
    """Add (or replace) the job polling ``source``; ``first_run`` None means one interval from now."""
    kwargs: dict[str, object] = {"next_run_time": first_run} if first_run is not None else {}
    scheduler.add_job(
        poll,
        poll_trigger(interval),
        args=[source],
        id=job_id(source.name),
        name=f"poll {source.name}",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        replace_existing=True,
        **kwargs,
    )


def reschedule(scheduler: AsyncIOScheduler, source: str, interval: timedelta) -> bool:
    """Poll ``source`` every ``interval`` from now on; False when it has no job (removed)."""
    job = scheduler.get_job(job_id(source))
    if job is None:
        return False
    job.reschedule(trigger=poll_trigger(interval))
    return True


def build_scheduler(
    sources: tuple[SourceConfig, ...],
    poll: Poll,
    *,
    now: datetime,
    intervals: dict[str, timedelta] | None = None,
) -> AsyncIOScheduler:
    """A started-on-demand scheduler polling every source at its interval, first run at ``now``."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    for source in sources:
        interval = (intervals or {}).get(source.name, source.interval)
        add_poll_job(scheduler, source, poll, interval=interval, first_run=now)
    return scheduler


def add_digest_jobs(
    scheduler: AsyncIOScheduler, targets: tuple[TargetConfig, ...], send: Callable[[str], Awaitable[object]]
) -> None:
    """One job per digest target: ``digest = "1h"`` (an interval) or a crontab line ("0 8 * * *")."""
    for target in targets:
        if not target.digest:
            continue
        trigger = digest_trigger(target.digest, target.timezone or "UTC")
        scheduler.add_job(
            send,
            trigger,
            args=[target.name],
            id=f"digest:{target.name}",
            name=f"digest {target.name}",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            replace_existing=True,
        )


def remove_digest_jobs(scheduler: AsyncIOScheduler) -> None:
    for job in scheduler.get_jobs():
        if job.id.startswith("digest:"):
            job.remove()


def overdue(scheduler: AsyncIOScheduler, now: datetime, slack: timedelta) -> list[str]:
    """Jobs whose next run is more than ``slack`` in the past: a scheduler that stopped dispatching."""
    late = []
    for job in scheduler.get_jobs():
        when = job.next_run_time
        if when is not None and now - when > slack:
            late.append(job.id)
    return late
