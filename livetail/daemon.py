"""``livetail run``: poll every source on its schedule until SIGTERM/SIGINT, then stop cleanly.

Shutdown stops the scheduler from starting new polls, lets in-flight polls finish (bounded by
``grace``), and closes the store, so a kill with SIGTERM leaves the database consistent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from datetime import timedelta

from livetail.config import Config, SourceConfig
from livetail.delivery import DeliveryWorker
from livetail.fetch import Fetcher
from livetail.notifiers import build_notifiers
from livetail.pipeline import Pipeline, PollResult, utc_now
from livetail.publisher import Publisher
from livetail.scheduler import add_digest_jobs, build_scheduler
from livetail.server import build_app, start_server
from livetail.store.open import open_store

log = logging.getLogger("livetail.daemon")
OnResult = Callable[[PollResult], None]


async def run_daemon(
    config: Config,
    *,
    on_result: OnResult | None = None,
    stop: asyncio.Event | None = None,
    duration: timedelta | None = None,
    grace: float = 4.0,
    serve: bool = True,
) -> None:
    """Run until ``stop`` is set, a signal arrives, or ``duration`` passes.

    With ``serve``, the HTTP server listens on ``[server] listen`` for the whole run.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        # Not available off the main thread (tests) or off POSIX; the stop event still works.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    store = await open_store(config.state)
    in_flight: set[asyncio.Task[PollResult]] = set()
    try:
        async with Fetcher(config.fetch) as fetcher:
            publisher = Publisher(config, store, utc_now)
            pipeline = Pipeline(config, store, fetcher, publisher=publisher)
            await publisher.publish_all()  # serve what the store already holds before the first poll
            runner = await start_server(build_app(publisher), config.server.listen) if serve else None
            if runner is not None:
                log.info("serving feeds on http://%s/", config.server.listen)

            async def poll(source: SourceConfig) -> None:
                if stop.is_set():
                    return
                task = asyncio.ensure_future(pipeline.poll(source))
                in_flight.add(task)
                try:
                    result = await asyncio.shield(task)
                finally:
                    in_flight.discard(task)
                if on_result:
                    on_result(result)

            worker = DeliveryWorker(config, store, build_notifiers(config), clock=utc_now)
            scheduler = build_scheduler(config.sources, poll, now=utc_now())
            add_digest_jobs(scheduler, config.targets, worker.send_digest)
            scheduler.start()
            delivering = asyncio.create_task(worker.run(stop))
            log.info("livetail running sources=%d targets=%d", len(config.sources), len(config.targets))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), duration.total_seconds() if duration else None)
            stop.set()
            scheduler.shutdown(wait=False)
            if in_flight:
                log.info("waiting for %d in-flight poll(s)", len(in_flight))
                await asyncio.wait(in_flight, timeout=grace)
            # The worker finishes the batch it is sending; unsent rows stay in the outbox.
            await asyncio.wait([delivering], timeout=grace)
            await worker.aclose()
            if runner is not None:
                await runner.cleanup()
    finally:
        await store.close()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        log.info("livetail stopped")
