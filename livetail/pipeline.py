"""One poll of one source, end to end: fetch → extract → reconcile → store → publish.

The orchestrator is the only place that calls the store; stages never call back into earlier
ones. A failed fetch or extraction is a value (:class:`PollResult` with ``error``), recorded on
the source with its reason, never an exception that aborts the other sources.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from livetail.config import Config, SourceConfig
from livetail.crashpoints import crash_point
from livetail.errors import ExtractError, FetchError
from livetail.extract.engine import extract
from livetail.fetch import Fetcher
from livetail.model import Event, EventType
from livetail.notifiers.routing import targets_for
from livetail.publisher import Publisher
from livetail.reconcile import EventIntent, ReconcileResult, SourceState, reconcile
from livetail.store import Store

log = logging.getLogger("livetail.poll")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class PollResult:
    """The outcome of one poll of one source."""

    source: str
    ok: bool
    events: tuple[Event, ...] = ()
    error: str | None = None
    strategy: str | None = None
    updates_on_page: int = 0
    baseline: bool = False


class Pipeline:
    """Polls sources and publishes their feeds; the store, fetcher and clock are injected."""

    def __init__(
        self,
        config: Config,
        store: Store,
        fetcher: Fetcher,
        *,
        clock: Clock = utc_now,
        publisher: Publisher | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.fetcher = fetcher
        self.clock = clock
        self.publisher = publisher or Publisher(config, store, clock)

    def route(self, source: str) -> Callable[[EventIntent], Sequence[str]]:
        """Names of the targets an event of ``source`` is owed to."""
        return lambda event: targets_for(self.config.targets, source, event)

    async def poll(self, source: SourceConfig) -> PollResult:
        now = self.clock()
        try:
            document = await self.fetcher.fetch(source.url)
            crash_point("after_fetch")
            extraction = await asyncio.to_thread(
                extract,
                document,
                profile=source.profile,
                selectors=source.selectors,
                timezone=source.timezone,
                reference=document.date or now,
            )
        except (FetchError, ExtractError) as e:
            log.warning("poll failed source=%s error=%s", source.name, e)
            await self.store.record_failure(source=source.name, url=source.url, error=str(e), now=now)
            return PollResult(source=source.name, ok=False, error=str(e))

        def decide(state: SourceState) -> ReconcileResult:
            result = reconcile(
                state,
                extraction.updates,
                strategy=extraction.strategy,
                now=now,
                backfill_alerts=source.backfill_alerts,
            )
            crash_point("before_commit")  # inside the write transaction, before COMMIT
            return result

        before = await self.store.get_source(source.name)
        commit = await self.store.commit_poll(
            source=source.name,
            url=source.url,
            title=source.title or extraction.title,
            now=now,
            decide=decide,
            route=self.route(source.name),
        )
        crash_point("after_commit")
        await self.publisher.publish_source(source)
        await self.publisher.publish_aggregate()
        for event in commit.events:
            log.info("event=%s source=%s uid=%s seq=%d", event.type, source.name, event.uid, event.sequence)
        return PollResult(
            source=source.name,
            ok=True,
            events=commit.events,
            strategy=extraction.strategy,
            updates_on_page=len(extraction.updates),
            baseline=before is None or before.last_success_at is None,
        )

    async def poll_many(self, sources: Sequence[SourceConfig]) -> list[PollResult]:
        return list(await asyncio.gather(*(self.poll(s) for s in sources)))


def count(results: Sequence[PollResult], kind: EventType) -> int:
    return sum(1 for r in results for e in r.events if e.type is kind)
