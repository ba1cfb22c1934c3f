"""Digest schedules: an interval ("1h") or a crontab line ("0 8 * * *"), as APScheduler triggers."""

from __future__ import annotations

import re
from datetime import timedelta

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

_INTERVAL = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def digest_trigger(spec: str, timezone: str) -> IntervalTrigger | CronTrigger:
    """Parse a digest schedule; raises ValueError saying why it is neither form."""
    match = _INTERVAL.match(spec)
    if match and any(match.groups()):
        days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        interval = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if interval <= timedelta(0):
            raise ValueError("a digest interval must be above zero")
        return IntervalTrigger(seconds=interval.total_seconds(), timezone=timezone)
    return CronTrigger.from_crontab(spec, timezone=timezone)
