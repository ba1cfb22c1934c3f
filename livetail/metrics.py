"""Prometheus metrics for the daemon (``/metrics``), on a registry of its own.

Most numbers come from what the daemon already sees: every :class:`~livetail.pipeline.PollResult`
(outcome, events, duration), every notifier call (wrapped by :func:`instrument_notifiers`), and
the store, read when ``/metrics`` is scraped (outbox depth by status, per-source last success and
failure streak — exact and surviving restarts). ``PollResult.skipped`` tells a 304
(``not-modified``) from an unchanged body and a backoff skip; two facts only the poll itself
knows are read from optional ``PollResult`` attributes when the pipeline provides them:
``bytes`` (decoded body size) and ``extract_seconds``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from livetail import __version__
from livetail.errors import PermanentDeliveryError, RetryableDeliveryError
from livetail.model import Delivery

if TYPE_CHECKING:
    from livetail.notifiers import Notifier
    from livetail.pipeline import PollResult
    from livetail.store import Store

CONTENT_TYPE = CONTENT_TYPE_LATEST
_SECONDS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def skipped(result: PollResult) -> str | None:
    """Why the pipeline ended a poll early: ``not-modified``, ``unchanged``, ``backoff`` or None."""
    value = getattr(result, "skipped", None)
    return str(value) if value is not None else None


def poll_outcome(result: PollResult) -> str:
    """``ok``, ``failed``, ``not_modified`` (304), ``unchanged`` (same body) or ``backoff`` (not fetched)."""
    if not result.ok:
        return "failed"
    return (skipped(result) or "ok").replace("-", "_")


class Metrics:
    """Every livetail metric, registered on ``registry`` (a fresh one by default)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.polls = Counter(
            "livetail_polls", "Polls by source and outcome (ok, failed, not_modified, unchanged).",
            ["source", "outcome"], registry=r,
        )  # fmt: skip
        self.poll_failures = Counter("livetail_poll_failures", "Failed polls.", ["source"], registry=r)
        self.not_modified = Counter(
            "livetail_fetch_not_modified", "Fetches answered 304 Not Modified.", ["source"], registry=r
        )
        self.fetched_bytes = Counter(
            "livetail_fetch_bytes", "Response bytes read (decoded).", ["source"], registry=r
        )
        self.poll_seconds = Histogram(
            "livetail_poll_duration_seconds", "Wall time of one poll, fetch to publish.", registry=r,
            buckets=_SECONDS,
        )  # fmt: skip
        self.extract_seconds = Histogram(
            "livetail_extraction_duration_seconds", "Time spent extracting updates from a page.",
            registry=r, buckets=_SECONDS,
        )  # fmt: skip
        self.events = Counter(
            "livetail_events", "Events committed, by source and type.", ["source", "type"], registry=r
        )
        self.deliveries = Counter(
            "livetail_deliveries",
            "Delivery attempts by target and outcome (sent, retry, rejected).",
            ["target", "outcome"],
            registry=r,
        )
        self.outbox = Gauge(
            "livetail_outbox_deliveries",
            "Outbox rows by target and status: pending (queue depth), failed (pending after a failure), dead.",
            ["target", "status"],
            registry=r,
        )
        self.last_success = Gauge(
            "livetail_source_last_success_timestamp_seconds",
            "Unix time of the source's last successful poll.",
            ["source"],
            registry=r,
        )
        self.consecutive_failures = Gauge(
            "livetail_source_consecutive_failures", "Failed polls in a row.", ["source"], registry=r
        )
        self.interval = Gauge(
            "livetail_source_poll_interval_seconds",
            "Current poll interval (adaptive).",
            ["source"],
            registry=r,
        )
        self.ended = Gauge(
            "livetail_source_ended", "1 when the blog looks ended (polled daily).", ["source"], registry=r
        )
        self.loop_lag = Gauge(
            "livetail_event_loop_lag_seconds", "How late the last heartbeat woke up.", registry=r
        )
        self.scrape_errors = Counter(
            "livetail_metrics_store_errors", "Store reads that failed while serving /metrics.", registry=r
        )
        Gauge("livetail_build_info", "livetail version.", ["version"], registry=r).labels(__version__).set(1)

    # -- hooks ---------------------------------------------------------------------------

    def observe_poll(self, result: PollResult, seconds: float | None = None) -> None:
        """Count one poll; ``seconds`` is its wall time when the caller measured it."""
        source = result.source
        outcome = poll_outcome(result)
        self.polls.labels(source, outcome).inc()
        if not result.ok:
            self.poll_failures.labels(source).inc()
        elif outcome != "backoff":
            self.last_success.labels(source).set(time.time())
        if outcome == "not_modified":
            self.not_modified.labels(source).inc()
        size = getattr(result, "bytes", None)
        if isinstance(size, int) and size > 0:
            self.fetched_bytes.labels(source).inc(size)
        extract = getattr(result, "extract_seconds", None)
        if isinstance(extract, int | float):
            self.extract_seconds.observe(extract)
        if seconds is not None:
            self.poll_seconds.observe(seconds)
        for event in result.events:
            self.events.labels(source, event.type.value).inc()

    def observe_extraction(self, seconds: float) -> None:
        self.extract_seconds.observe(seconds)

    def observe_delivery(self, target: str, outcome: str, count: int = 1) -> None:
        self.deliveries.labels(target, outcome).inc(count)

    def set_schedule(self, source: str, interval_seconds: float, ended: bool) -> None:
        self.interval.labels(source).set(interval_seconds)
        self.ended.labels(source).set(1 if ended else 0)

    def forget_source(self, source: str) -> None:
        """Drop a removed source's series (after a config reload)."""
        for metric in (self.interval, self.ended, self.last_success, self.consecutive_failures):
            with contextlib.suppress(KeyError):
                metric.remove(source)

    async def refresh(self, store: Store, sources: Iterable[str], targets: Iterable[str]) -> None:
        """Read outbox depth and source health from the store (on each scrape)."""
        wanted = set(sources)
        for record in await store.list_sources():
            if record.name not in wanted:
                continue
            if record.last_success_at is not None:
                self.last_success.labels(record.name).set(record.last_success_at.timestamp())
            self.consecutive_failures.labels(record.name).set(record.consecutive_failures)
        stats = {s.target: s for s in await store.target_stats()}
        for target in {*targets, *stats}:
            s = stats.get(target)
            self.outbox.labels(target, "pending").set(s.pending if s else 0)
            self.outbox.labels(target, "failed").set(s.failed if s else 0)
            self.outbox.labels(target, "dead").set(s.dead if s else 0)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class InstrumentedNotifier:
    """A notifier that counts its outcomes; behaves exactly like the one it wraps."""

    def __init__(self, target: str, inner: Notifier, metrics: Metrics) -> None:
        self.target = target
        self.inner = inner
        self.metrics = metrics

    def _outcome(self, error: BaseException | None) -> str:
        if error is None:
            return "sent"
        if isinstance(error, RetryableDeliveryError):
            return "retry"
        if isinstance(error, PermanentDeliveryError):
            return "rejected"
        return "error"

    async def send(self, delivery: Delivery, body: bytes) -> None:
        try:
            await self.inner.send(delivery, body)
        except Exception as e:
            self.metrics.observe_delivery(self.target, self._outcome(e))
            raise
        self.metrics.observe_delivery(self.target, "sent")

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        try:
            await self.inner.send_digest(deliveries, bodies)
        except Exception as e:
            self.metrics.observe_delivery(self.target, self._outcome(e), len(deliveries))
            raise
        self.metrics.observe_delivery(self.target, "sent", len(deliveries))

    async def aclose(self) -> None:
        await self.inner.aclose()

    def __getattr__(self, name: str) -> Any:  # anything else a notifier offers
        return getattr(self.inner, name)


def instrument_notifiers(notifiers: dict[str, Notifier], metrics: Metrics) -> dict[str, Notifier]:
    return {name: InstrumentedNotifier(name, n, metrics) for name, n in notifiers.items()}
