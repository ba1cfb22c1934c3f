"""One poll of one source, end to end: fetch → extract → reconcile → store → publish.

The orchestrator is the only place that calls the store; stages never call back into earlier
ones. A failed fetch or extraction is a value (:class:`PollResult` with ``error``), recorded on
the source with its reason, never an exception that aborts the other sources.

Cheap when nothing changed: the fetch is conditional on the validators saved with the last
reconciled page (``If-None-Match``/``If-Modified-Since``), and a 200 whose body hashes like that
page's is just as unchanged. Either ends the poll before extraction; it is recorded as a
successful poll (:meth:`Store.record_unchanged`) and says so in :attr:`PollResult.skipped`.
Validators are saved only inside the reconcile transaction (``commit_poll``), so a poll that
fails after fetching never earns 304s for a page that was never stored.

Failures: every failed poll counts against the source (``consecutive_failures``, last error).
429, 502, 503, 504, timeouts and network errors also set ``retry_at``: exponential backoff from
``[fetch] backoff`` (doubling per consecutive failure, capped at ``backoff_max``), or the
server's ``Retry-After`` when it asks for longer (honoured up to a day). Scheduled polls before
``retry_at`` are skipped (``skipped="backoff"``); a poll asked for with ``force=True`` (a user
naming the source) goes ahead. Other failures (a 404 or 500, an oversized page, a page no
extractor accepts) keep the normal interval. After ``[fetch] failing_after`` consecutive failures
one ``source.failing`` event goes to the targets that route it, and the next successful poll
sends one ``source.recovered``; both carry ids derived from when the run of failures began, so
neither is ever sent twice (several pollers included).

Several instances on one database: before fetching, a poll leases its source
(:meth:`Store.begin_poll`, holder ``host:pid``, for ``[fetch] lease``, default max(2 × timeout,
60 s)) and releases it afterwards. A source leased by another live poll is skipped
(``skipped="leased"``, still ``ok``); scheduled polls (the daemon passes ``min_gap``, 0.8 × the
interval) also skip a source whose last poll anywhere started less than ``min_gap`` ago, while
``poll --once`` and forced polls pass no gap. The reconcile transaction checks the lease token, so
a poll that outlived its lease commits nothing (``skipped="lease-lost"``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from livetail.bodyread import body_digest
from livetail.config import Config, SourceConfig
from livetail.crashpoints import crash_point
from livetail.delivery import dead_local_worker, worker_name
from livetail.errors import (
    ExtractError,
    FetchError,
    LeaseLostError,
    StoreError,
)
from livetail.extract.engine import EXTRACTOR_VERSION, Extraction, extract
from livetail.extract.offload import shared_process
from livetail.fetch import Fetcher, NotModified
from livetail.model import Document, EventType
from livetail.notifiers.routing import targets_for
from livetail.pagekey import page_hash, saved_digests
from livetail.pipeline_failures import failed_poll, recovered_events
from livetail.pollresult import PollResult, Skip, backoff_delay, backs_off
from livetail.publisher import Publisher
from livetail.reconcile import EventIntent, ReconcileResult, SourceState, reconcile
from livetail.store import SourceRecord, Store

log = logging.getLogger("livetail.poll")
Clock = Callable[[], datetime]
Extractor = Callable[..., Extraction]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Pipeline:
    """Polls sources and publishes their feeds; the store, fetcher, clock and extractor are injected.

    The default extractor runs in livetail's extraction child process (:mod:`livetail.extract.offload`).
    """

    def __init__(
        self,
        config: Config,
        store: Store,
        fetcher: Fetcher,
        *,
        clock: Clock = utc_now,
        publisher: Publisher | None = None,
        extractor: Extractor = extract,
        holder: str | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.fetcher = fetcher
        self.clock = clock
        self.publisher = publisher or Publisher(config, store, clock)
        self.extractor = extractor
        #: Who holds this pipeline's poll leases: ``host:pid``, like the delivery worker.
        self.holder = holder or worker_name()
        # What each source was last published with by this pipeline: an unchanged page skips
        # publishing only when this process already published it with the same settings.
        self._published: dict[str, tuple[object, ...]] = {}

    def forget(self, source: str) -> None:
        """Drop what this pipeline remembers of a source removed from the config."""
        self._published.pop(source, None)
        self.publisher.forget(source)

    def route(self, source: str) -> Callable[[EventIntent], Sequence[str]]:
        """Names of the targets an event of ``source`` is owed to."""
        return lambda event: targets_for(self.config.targets, source, event)

    async def poll(
        self,
        source: SourceConfig,
        *,
        force: bool = False,
        aggregate: bool = True,
        min_gap: timedelta = timedelta(0),
    ) -> PollResult:
        """Poll ``source`` once; ``force`` ignores a backoff in progress (an explicit request).

        ``aggregate=False`` leaves the all-sources feed to the caller (:meth:`poll_many`
        renders it once after all its polls instead of once per poll). ``min_gap``: skip the
        poll when one of this source started or ended less than that ago anywhere (scheduled polls).
        """
        now = self.clock()
        gap = timedelta(0) if force else min_gap
        lease = self.config.fetch.poll_lease
        start = await self.store.begin_poll(source.name, self.holder, now, lease, gap, force=force)
        before, token = start.record, start.token
        if not force and before is not None and before.retry_at is not None and now < before.retry_at:
            log.info("poll skipped source=%s backing off until %s", source.name, before.retry_at.isoformat())
            return PollResult(source=source.name, ok=True, skipped=Skip.BACKOFF, retry_at=before.retry_at)
        if token is None and not gap and await self.store.release_claims(workers=dead_local_worker):
            # A crashed process on this host held it (e.g. killed mid-poll): take it over now.
            # (The daemon does the same once at start; its scheduled polls just wait for expiry.)
            token = await self.store.claim_poll(source.name, self.holder, now, lease, gap)
        if token is None:
            log.debug("poll skipped source=%s leased or polled recently elsewhere", source.name)
            return PollResult(source=source.name, ok=True, skipped=Skip.LEASED)
        held = _Lease(token)
        try:
            return await self._leased_poll(source, before, now, held, aggregate)
        except LeaseLostError:
            log.warning(
                "poll lease lost source=%s: nothing committed (it outlived [fetch] lease)", source.name
            )
            return PollResult(source=source.name, ok=True, skipped=Skip.LEASE_LOST)
        finally:
            if not held.released:
                try:
                    await self.store.release_poll(source.name, token, now=self.clock())
                except StoreError as e:  # it expires on its own
                    log.warning("could not release poll lease source=%s error=%s", source.name, e)

    async def _leased_poll(
        self, source: SourceConfig, before: SourceRecord | None, now: datetime, held: _Lease, aggregate: bool
    ) -> PollResult:

        # Validators are only good for the URL and the extraction settings they were saved with.
        same_url = before is not None and before.url == source.url
        known, known_wire = saved_digests(
            source, before.body_hash if before is not None and same_url else None
        )
        saved = before if known is not None else None
        try:
            fetched = await self.fetcher.fetch_if_changed(
                source.url,
                etag=saved.etag if saved else None,
                last_modified=saved.last_modified if saved else None,
                body_digest=known,
                wire_digest=known_wire,
                allow_private=source.allow_private,
            )
            crash_point("after_fetch")
            if isinstance(fetched, NotModified):
                why = Skip.UNCHANGED if fetched.same_body else Skip.NOT_MODIFIED
                # The same page, compressed to other bytes: save those, so the next poll need not decode.
                rewired = fetched.wire_digest not in (None, known_wire)
                refreshed = page_hash(source, known, fetched.wire_digest) if rewired and known else None
                return await self._unchanged(source, before, now, held, why, fetched, aggregate, refreshed)
            content_digest = body_digest(fetched.content)
            digest = page_hash(source, content_digest, fetched.wire_digest)
            if content_digest == known:  # a file:// page, or another fetcher
                refreshed = digest if saved is not None and digest != saved.body_hash else None
                return await self._unchanged(
                    source, before, now, held, Skip.UNCHANGED, fetched, aggregate, refreshed
                )
            options = {
                "profile": source.profile,
                "selectors": source.selectors,
                "timezone": source.timezone,
                "reference": fetched.date or now,
            }
            started = time.perf_counter()
            if self.extractor is extract:
                extraction = await shared_process().extract(fetched, **options)
            else:  # an injected extractor (tests) runs here, in a thread
                extraction = await asyncio.to_thread(self.extractor, fetched, **options)
            took = time.perf_counter() - started
        except (FetchError, ExtractError) as e:
            return await failed_poll(self.store, self.config, self.clock, source, before, now, e)
        result = await self._commit(source, before, now, fetched, extraction, digest, aggregate, held.token)
        return replace(result, bytes=len(fetched.content), extract_seconds=took)

    async def _commit(
        self,
        source: SourceConfig,
        before: SourceRecord | None,
        now: datetime,
        document: Document,
        extraction: Extraction,
        digest: str,
        aggregate: bool,
        token: str | None = None,
    ) -> PollResult:
        def decide(state: SourceState) -> ReconcileResult:
            result = reconcile(
                state,
                extraction.updates,
                strategy=extraction.strategy,
                now=now,
                backfill_alerts=source.backfill_alerts,
                extractor=EXTRACTOR_VERSION,
            )
            crash_point("before_commit")  # inside the write transaction, before COMMIT
            return result

        commit = await self.store.commit_poll(
            source=source.name,
            url=source.url,
            title=source.title or extraction.title,
            now=now,
            decide=decide,
            route=self.route(source.name),
            etag=document.etag,
            last_modified=document.last_modified,
            body_hash=digest,
            lease_token=token,
            checked_at=self.clock(),
        )
        crash_point("after_commit")
        if commit.result.turned:
            log.info(
                "source follows another page: its updates are told apart from the earlier page's, "
                "which stay as they were source=%s updates=%d",
                source.name,
                len(extraction.updates),
            )
        if commit.result.rebaselined:
            log.info(
                "source re-baselined: read by extractor version %d, stored by another; only posts newer "
                "than everything stored are announced this poll source=%s updates=%d",
                EXTRACTOR_VERSION,
                source.name,
                len(extraction.updates),
            )
        await self._publish(source, aggregate)
        for event in commit.events:
            log.info(
                "event committed event=%s source=%s uid=%s seq=%d",
                event.type.value,
                source.name,
                event.uid,
                event.sequence,
            )
        recovered = await recovered_events(self.store, self.config, source, before, now)
        return PollResult(
            source=source.name,
            ok=True,
            events=commit.events + recovered,
            strategy=extraction.strategy,
            updates_on_page=len(extraction.updates),
            baseline=before is None or before.last_success_at is None,
            new_page=commit.result.turned,
            live=extraction.liveness.live,
            coverage_end=extraction.liveness.coverage_end,
        )

    async def _unchanged(
        self,
        source: SourceConfig,
        before: SourceRecord | None,
        now: datetime,
        held: _Lease,
        why: Skip,
        answer: Document | NotModified,
        aggregate: bool,
        body_hash: str | None = None,
    ) -> PollResult:
        # The lease ends in the same transaction: an unchanged poll is the commonest, and each
        # store round trip is a large share of its cost.
        await self.store.record_unchanged(
            source=source.name,
            url=source.url,
            now=now,
            etag=answer.etag,
            last_modified=answer.last_modified,
            body_hash=body_hash,
            lease_token=held.token,
            ended_at=self.clock(),
        )
        held.released = True
        log.debug("poll unchanged source=%s (%s)", source.name, why.value)
        if self._published.get(source.name) != self._publish_key(source):
            await self._publish(source, aggregate)  # first poll in this process, or settings changed
        recovered = await recovered_events(self.store, self.config, source, before, now)
        return PollResult(source=source.name, ok=True, events=recovered, skipped=why)

    def _publish_key(self, source: SourceConfig) -> tuple[object, ...]:
        return (self.config.publish, source)

    async def _publish(self, source: SourceConfig, aggregate: bool) -> None:
        await self.publisher.publish_source(source)
        if aggregate:
            await self.publisher.publish_aggregate()
        self._published[source.name] = self._publish_key(source)

    async def poll_many(self, sources: Sequence[SourceConfig], *, force: bool = False) -> list[PollResult]:
        """Poll ``sources`` concurrently (per-host limits apply); the aggregate feed is rendered once."""
        results = list(await asyncio.gather(*(self.poll(s, force=force, aggregate=False) for s in sources)))
        # A run renders every stored feed once (the daemon does it with ``publish_all`` at start):
        # that is what repairs a file a power cut left empty (see ``Publisher._export``). Polls
        # that failed, backed off or were leased elsewhere published nothing: render them here.
        for source in sources:
            if self._published.get(source.name) != self._publish_key(source):
                record = await self.store.get_source(source.name)
                if record is not None and record.last_success_at is not None:
                    await self._publish(source, aggregate=False)
        await self.publisher.publish_aggregate()
        return results


@dataclass(slots=True)
class _Lease:
    """A poll's lease token, and whether the store already ended it (then nothing is left to release)."""

    token: str
    released: bool = False


def count(results: Sequence[PollResult], kind: EventType) -> int:
    return sum(1 for r in results for e in r.events if e.type is kind)


__all__ = [
    "Pipeline",
    "PollResult",
    "Skip",
    "backoff_delay",
    "backs_off",
    "count",
    "utc_now",
]
