"""The outbox worker: claim due deliveries, send them outside any transaction, record outcomes.

At-least-once with a stable idempotency key: a row is claimed (short transaction), sent, then
marked sent, retried or dead-lettered (another short transaction). A worker that dies between
send and record leaves a claim that expires; the row is sent again under the same
``webhook-id``. Retries follow ``[delivery] retry`` with full jitter (a random delay up to each
step), never earlier than a ``Retry-After`` asks; after the last step the row is dead-lettered
and shows in ``livetail status``. Only the oldest pending row of each (target, source) is
claimable, so one target sees one source's events in sequence order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from livetail.config import Config
from livetail.crashpoints import crash_point
from livetail.errors import DeliveryError, PermanentDeliveryError, RetryableDeliveryError
from livetail.feeds import feed_rel_path
from livetail.model import Delivery
from livetail.notifiers import Notifier, SourceInfo
from livetail.notifiers.payload import render_payload
from livetail.notifiers.webhook import DisableTarget
from livetail.store import Store

log = logging.getLogger("livetail.delivery")
CLAIM_LEASE = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class FailedAttempt:
    """One attempt that failed: to ``target``, of ``deliveries`` (several for a digest); retried at
    ``retry_at``, or dead-lettered when it is None."""

    target: str
    deliveries: tuple[Delivery, ...]
    error: str
    retry_at: datetime | None


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def dead_local_worker(name: str) -> bool:
    """Whether ``name`` is a worker on this host whose process no longer exists."""
    host, _, pid = name.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by someone else
        return False
    return False


class DeliveryWorker:
    """Sends what the outbox owes; ``clock`` and ``rng`` are injected for tests."""

    def __init__(
        self,
        config: Config,
        store: Store,
        notifiers: dict[str, Notifier],
        *,
        clock: Callable[[], datetime],
        rng: random.Random | None = None,
        name: str | None = None,
        on_failure: Callable[[FailedAttempt], None] | None = None,
    ) -> None:
        self.config = config
        # (a callback, not a list: a daemon's worker runs for months)
        self._on_failure = on_failure
        self.store = store
        self.notifiers = notifiers
        self.clock = clock
        self.rng = rng or random.Random()
        self.name = name or worker_name()
        self._digests = tuple(t.name for t in config.targets if t.digest)
        self._overflow_due: dict[str, datetime] = {}
        self._digest_retry: dict[str, datetime] = {}  # digest targets whose last send failed: when to retry

    async def source_info(self, name: str) -> SourceInfo:
        source = next((s for s in self.config.sources if s.name == name), None)
        title = source.title if source else None
        if not title:
            record = await self.store.get_source(name)
            title = record.title if record else None
        feed_url = self.config.publish.base_url + feed_rel_path(name)
        return SourceInfo(name=name, title=title or name, url=source.url if source else "", feed_url=feed_url)

    async def body_for(self, delivery: Delivery) -> bytes:
        """The stored body when there is one: retries resend the first attempt's exact bytes."""
        if delivery.body is not None:
            return delivery.body
        return render_payload(delivery.event, await self.source_info(delivery.source))

    def retry_at(self, attempts_before: int, retry_after: float | None) -> datetime | None:
        """When to try again after the ``attempts_before + 1``-th failure; None once the schedule is spent."""
        schedule = self.config.delivery.retry
        if attempts_before >= len(schedule):
            return None
        delay = self.rng.uniform(0, schedule[attempts_before].total_seconds())
        if retry_after is not None:
            delay = max(delay, retry_after)
        return self.clock() + timedelta(seconds=delay)

    def _failed(self, target: str, deliveries: Sequence[Delivery], error: str, when: datetime | None) -> None:
        if self._on_failure is not None:
            self._on_failure(FailedAttempt(target, tuple(deliveries), error, when))

    async def _send_one(self, delivery: Delivery) -> bool:
        notifier = self.notifiers.get(delivery.target)
        body = await self.body_for(delivery)
        now = self.clock()
        if notifier is None:
            log.warning(
                "delivery dead-lettered target=%s event=%s error=%s",
                delivery.target,
                delivery.event.id,
                "the target is no longer in the config",
            )
            error = f"no target named {delivery.target} in the config"
            await self.store.delivery_failed([delivery.id], now=now, error=error, retry_at=None, body=body)
            self._failed(delivery.target, [delivery], error, None)
            return False
        try:
            await notifier.send(delivery, body)
            crash_point("after_send")
        except DisableTarget as e:
            log.warning("target disabled target=%s reason=%s", delivery.target, e)
            await self.store.disable_target(delivery.target, reason=str(e), now=self.clock())
            await self.store.delivery_failed(
                [delivery.id], now=self.clock(), error=str(e), retry_at=None, body=body
            )
            self._failed(delivery.target, [delivery], str(e), None)
            return False
        except RetryableDeliveryError as e:
            when = self.retry_at(delivery.attempts, e.retry_after)
            if when is None:  # the retry schedule is used up
                log.warning(
                    "delivery dead-lettered target=%s event=%s attempts=%d error=%s",
                    delivery.target,
                    delivery.event.id,
                    delivery.attempts + 1,
                    e,
                )
            else:
                log.info(
                    "delivery failed target=%s event=%s attempt=%d error=%s retry_at=%s",
                    delivery.target,
                    delivery.event.id,
                    delivery.attempts + 1,
                    e,
                    when,
                )
            await self.store.delivery_failed(
                [delivery.id], now=self.clock(), error=str(e), retry_at=when, body=body
            )
            self._failed(delivery.target, [delivery], str(e), when)
            return False
        except PermanentDeliveryError as e:
            log.warning(
                "delivery dead-lettered target=%s event=%s error=%s", delivery.target, delivery.event.id, e
            )
            await self.store.delivery_failed(
                [delivery.id], now=self.clock(), error=str(e), retry_at=None, body=body
            )
            self._failed(delivery.target, [delivery], str(e), None)
            return False
        await self.store.delivery_sent([delivery.id], now=self.clock(), body=body)
        return True

    async def recover(self) -> int:
        """Release rows claimed by workers of this host that died (a crash, a SIGKILL): they are
        sent again at once, under the same idempotency key, instead of after the claim lease."""
        released = await self.store.release_claims(workers=dead_local_worker)
        if released:
            log.info("released %d delivery claim(s) of dead local workers", released)
        return released

    async def _over_limit(self) -> list[str]:
        """Targets that reached ``max_per_hour`` in the last hour: their overflow is folded."""
        now = self.clock()
        full = []
        for target in self.config.targets:
            if target.max_per_hour and not target.digest:
                sent = await self.store.count_sent_since(target.name, since=now - timedelta(hours=1))
                if sent >= target.max_per_hour:
                    full.append(target.name)
        return full

    async def run_once(self) -> int:
        """Claim and send one batch; return how many rows were claimed.

        A target past ``max_per_hour`` gets no single messages: what piles up is sent as one
        digest message, at most once an hour, instead of being dropped.
        """
        over = await self._over_limit()
        now = self.clock()
        folded = 0
        for name, due in list(self._digest_retry.items()):
            if now >= due:
                del self._digest_retry[name]
                folded += await self.send_digest(name)
        for name in over:
            if now >= self._overflow_due.get(name, now):
                sent = await self.send_digest(name)
                if sent:
                    self._overflow_due[name] = now + timedelta(hours=1)
                    folded += sent
        claimed = await self.store.claim_deliveries(
            worker=self.name,
            now=now,
            lease=CLAIM_LEASE,
            limit=self.config.delivery.concurrency,
            digest_targets=(*self._digests, *over),
        )
        if claimed:
            await asyncio.gather(*(self._send_one(d) for d in claimed))
        return len(claimed) + folded

    async def send_digest(self, target: str) -> int:
        """Send every pending event of a digest target as one message; nothing when there is nothing."""
        deliveries = await self.store.claim_digest(
            target=target, worker=self.name, now=self.clock(), lease=CLAIM_LEASE
        )
        notifier = self.notifiers.get(target)
        if not deliveries or notifier is None:
            return 0
        bodies = [await self.body_for(d) for d in deliveries]
        ids = [d.id for d in deliveries]
        try:
            await notifier.send_digest(deliveries, bodies)
        except RetryableDeliveryError as e:
            when = self.retry_at(min(d.attempts for d in deliveries), e.retry_after)
            if when is None:
                log.warning("digest dead-lettered target=%s events=%d error=%s", target, len(ids), e)
            else:
                log.info("digest failed target=%s events=%d error=%s retry_at=%s", target, len(ids), e, when)
                # Retried when due, not only at the schedule's next tick (a daily digest would slip a day).
                self._digest_retry[target] = when
            await self.store.delivery_failed(ids, now=self.clock(), error=str(e), retry_at=when)
            self._failed(target, deliveries, str(e), when)
            return 0
        except DeliveryError as e:
            log.warning("digest dead-lettered target=%s events=%d error=%s", target, len(ids), e)
            await self.store.delivery_failed(ids, now=self.clock(), error=str(e), retry_at=None)
            self._failed(target, deliveries, str(e), None)
            return 0
        await self.store.delivery_sent(ids, now=self.clock())
        return len(deliveries)

    async def drain(self, timeout: float) -> int:
        """Send until nothing is due or ``timeout`` seconds pass; return how many rows were claimed."""
        total = 0
        await self.recover()
        try:
            async with asyncio.timeout(timeout):
                while claimed := await self.run_once():
                    total += claimed
        except TimeoutError:
            log.warning("delivery drain stopped after %.0fs with work left; the next run continues", timeout)
        return total

    async def run(self, stop: asyncio.Event, *, idle: float = 1.0) -> None:
        """Deliver until ``stop`` is set; an in-flight batch finishes first."""
        try:
            await self.recover()
        except Exception:
            log.exception("could not release claims of dead workers; they expire on their own")
        while not stop.is_set():
            try:
                claimed = await self.run_once()
            except Exception:
                log.exception("delivery worker error; retrying shortly")
                claimed = 0
            if not claimed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), idle)

    async def aclose(self) -> None:
        for notifier in self.notifiers.values():
            await notifier.aclose()
