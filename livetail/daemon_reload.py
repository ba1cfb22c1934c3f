"""SIGHUP: re-read the config file and apply it to a running daemon without dropping work.

An invalid file is logged and the running config kept; otherwise source jobs are added, removed
or rescheduled, notifiers of changed targets are rebuilt, and the delivery worker is swapped — the
old one finishes the batch it is sending. ``[state]`` and ``[server]`` changes need a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from livetail import logs
from livetail.config import load_config, page_key
from livetail.daemon_core import DaemonCore
from livetail.errors import ConfigError
from livetail.feeds import check_publish_dir
from livetail.fetch import Fetcher
from livetail.metrics import instrument_notifiers
from livetail.notifiers import Notifier, build_notifiers
from livetail.pipeline import PollResult, utc_now
from livetail.scheduler import (
    SourceSchedule,
    add_digest_jobs,
    add_poll_job,
    job_id,
    remove_digest_jobs,
    reschedule,
)

# One logger for the whole daemon, whichever module a line comes from.
log = logging.getLogger("livetail.daemon")


class DaemonReload(DaemonCore):
    """Config reload of a running daemon (:meth:`reload`; SIGHUP calls :meth:`request_reload`)."""

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

    async def _retire_fetcher(self, fetcher: Fetcher, polls: set[asyncio.Task[PollResult]]) -> None:
        if polls:
            await asyncio.wait(polls)
        await fetcher.aclose()

    async def _forget_sources(self, names: list[str], polls: set[asyncio.Task[PollResult]]) -> None:
        """Drop what is kept of removed sources once the polls under way are done: one of them may
        be of a removed source, and it would publish that source again as it finished."""
        if polls:
            await asyncio.wait(polls)
        for name in names:
            self.pipeline.forget(name)
        await self.publisher.publish_aggregate()

    def request_reload(self) -> None:
        self._spawn(self.reload())

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
            if new.publish.dir != old.publish.dir:
                await asyncio.to_thread(check_publish_dir, new.publish.dir)
            fresh = build_notifiers(new)
        except ConfigError as e:
            problems = "; ".join(str(p) for p in e.problems)
            log.error("config reload failed; keeping the running config file=%s problems=%s", path, problems)
            # /healthz is public: it says that and when, the log says what.
            self.reload_error = f"{len(e.problems)} problem(s) at {utc_now():%Y-%m-%dT%H:%M:%SZ}; see the log"
            return False
        except Exception as e:  # a notifier that cannot be built must not take the daemon down
            log.error("config reload failed; keeping the running config file=%s error=%s", path, e)
            self.reload_error = f"{type(e).__name__} at {utc_now():%Y-%m-%dT%H:%M:%SZ}; see the log"
            return False
        self.reload_error = None
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
        added, removed = sorted(set(after) - set(before)), sorted(set(before) - set(after))
        activity = await self._last_activity() if added else {}
        now = utc_now()
        for name in removed:
            job = self.scheduler.get_job(job_id(name))
            if job is not None:
                job.remove()
            self.schedules.pop(name, None)
            self.metrics.forget_source(name)
        if removed:
            self._spawn(self._forget_sources(removed, set(self.in_flight)))
        for name in added:
            schedule = SourceSchedule.start(after[name], now=now, last_change=activity.get(name))
            self.schedules[name] = schedule
            add_poll_job(self.scheduler, after[name], self.poll, interval=schedule.interval, first_run=now)
            self.metrics.set_schedule(name, schedule.interval.total_seconds(), schedule.ended)
        changed = sorted(n for n in set(before) & set(after) if before[n] != after[n])
        for name in changed:
            if page_key(before[name].url) != page_key(after[name].url):
                # Pointed at another page (the next day's live blog): polled now, however recently
                # the old page was, and at its own pace, not once a day because the old page ended.
                schedule = SourceSchedule.start(after[name], now=now, last_change=None)
                self.schedules[name] = schedule
                add_poll_job(
                    self.scheduler, after[name], self.poll, interval=schedule.interval, first_run=None
                )
                self._spawn(self.poll(after[name], spaced=False))
                self.metrics.set_schedule(name, schedule.interval.total_seconds(), schedule.ended)
                continue
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
            ",".join(added) or "-",
            ",".join(removed) or "-",
            ",".join(changed) or "-",
            len(new.targets),
        )
        return True
