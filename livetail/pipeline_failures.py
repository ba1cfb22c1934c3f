"""Runs of failed polls (see :mod:`livetail.pipeline`): a failed poll recorded with its backoff,
and the ``source.failing`` / ``source.recovered`` events that open and close a run of failures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from livetail import identity
from livetail.config import Config, SourceConfig
from livetail.errors import ExtractError, FetchError, HTTPStatusError
from livetail.model import Event, EventType
from livetail.notifiers.routing import targets_for
from livetail.pollresult import PollResult, backoff_delay, backs_off
from livetail.reconcile import EventIntent
from livetail.store import SourceRecord, Store

log = logging.getLogger("livetail.poll")

LivetailFailure = FetchError | ExtractError


async def failed_poll(
    store: Store,
    config: Config,
    clock: Callable[[], datetime],
    source: SourceConfig,
    before: SourceRecord | None,
    now: datetime,
    error: LivetailFailure,
) -> PollResult:
    retry_at = None
    if isinstance(error, FetchError) and backs_off(error):
        failures = (before.consecutive_failures if before else 0) + 1
        delay = backoff_delay(
            failures,
            base=config.fetch.backoff,
            cap=config.fetch.backoff_max,
            retry_after=error.retry_after if isinstance(error, HTTPStatusError) else None,
        )
        # Retry-After counts from the answer, not from when the poll began (a slow connect
        # or a queue for the host's slot would otherwise eat into the wait).
        retry_at = clock() + delay
    log.warning(
        "poll failed source=%s error=%s%s",
        source.name,
        error,
        f" retry_at={retry_at.isoformat()}" if retry_at else "",
    )
    record = await store.record_failure(
        source=source.name, url=source.url, error=str(error), now=now, retry_at=retry_at
    )
    events: tuple[Event, ...] = ()
    if record.consecutive_failures == config.fetch.failing_after:
        events = await _source_event(
            store,
            config,
            source,
            EventType.SOURCE_FAILING,
            record.failing_since or now,
            now,
            title=f"{source.name}: {record.consecutive_failures} polls failed in a row",
            reason=str(error),
        )
    return PollResult(source=source.name, ok=False, error=str(error), events=events, retry_at=retry_at)


async def recovered_events(
    store: Store, config: Config, source: SourceConfig, before: SourceRecord | None, now: datetime
) -> tuple[Event, ...]:
    if before is None or before.consecutive_failures < config.fetch.failing_after:
        return ()
    return await _source_event(
        store,
        config,
        source,
        EventType.SOURCE_RECOVERED,
        before.failing_since or before.last_polled_at or now,
        now,
        title=f"{source.name}: polling works again after {before.consecutive_failures} failures",
        reason=f"recovered after {before.consecutive_failures} failed polls"
        + (f" (last error: {before.last_error})" if before.last_error else ""),
    )


async def _source_event(
    store: Store,
    config: Config,
    source: SourceConfig,
    kind: EventType,
    since: datetime,
    now: datetime,
    *,
    title: str,
    reason: str,
) -> tuple[Event, ...]:
    """Commit a source.* event with its outbox rows; its id is fixed by the run of failures."""
    since_text = since.astimezone(UTC).isoformat().replace("+00:00", "Z")
    intent = EventIntent(
        id=identity.event_id(source.name, None, kind.value, since_text),
        type=kind,
        uid=None,
        title=title,
        data={"reason": reason, "since": since_text},
    )
    targets = targets_for(config.targets, source.name, intent)
    if not await store.enqueue_event(source=source.name, intent=intent, targets=targets, now=now):
        return ()  # another poller sent it already
    log.log(
        logging.INFO if kind is EventType.SOURCE_RECOVERED else logging.WARNING,
        "source event event=%s source=%s since=%s reason=%s",
        kind.value,
        source.name,
        since_text,
        reason,
    )
    event = await store.get_event(intent.id)
    return (event,) if event is not None else ()
