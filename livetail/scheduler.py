"""When to poll: one APScheduler 3.x job per source.

The scheduler is created and started inside the running event loop. Every job has
``max_instances=1`` (a slow poll is never overlapped by the next), ``coalesce=True`` (runs
missed while the machine slept collapse into one) and ``misfire_grace_time=None``: 3.x's
default of 1 s silently skips a run that starts late, with only a WARNING.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from livetail.config import SourceConfig, TargetConfig
from livetail.schedules import digest_trigger

JITTER_FRACTION = 0.1


def build_scheduler(
    sources: tuple[SourceConfig, ...],
    poll: Callable[[SourceConfig], Awaitable[object]],
    *,
    now: datetime,
) -> AsyncIOScheduler:
    """A started-on-demand scheduler polling every source at its interval, first run at ``now``."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    for source in sources:
        seconds = source.interval.total_seconds()
        scheduler.add_job(
            poll,
            IntervalTrigger(seconds=seconds, jitter=max(1, int(seconds * JITTER_FRACTION)), timezone="UTC"),
            args=[source],
            id=f"poll:{source.name}",
            name=f"poll {source.name}",
            next_run_time=now,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
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
        )
