"""``livetail poll``, ``run`` and ``demo``: the commands that poll sources and print what they find."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text

from livetail.cli_common import config_from, err, event_json, out, print_event
from livetail.config import Config, PublishConfig, ServerConfig, SourceConfig, StateConfig

if TYPE_CHECKING:
    from livetail.delivery import FailedAttempt


def cmd_poll(args: argparse.Namespace) -> int:
    from livetail.delivery import DeliveryWorker
    from livetail.errors import PublishError
    from livetail.feeds import check_publish_dir
    from livetail.fetch import Fetcher
    from livetail.notifiers import build_notifiers
    from livetail.pipeline import Pipeline, utc_now
    from livetail.store.open import open_store

    config = config_from(args)
    sources = list(config.sources)
    if args.source:
        unknown = sorted(set(args.source) - {s.name for s in sources})
        if unknown:
            err.print(f"error: no source named {', '.join(unknown)} in {config.file}", markup=False)
            return 2
        sources = [s for s in sources if s.name in args.source]
    if not sources:
        err.print(f"error: {config.file} has no [[sources]] to poll", markup=False)
        return 2

    unwritten: list[PublishError] = []
    undelivered: list[FailedAttempt] = []

    async def go() -> list[object]:
        # Checked before polling: a target that cannot be built, or a publish dir that cannot be
        # written, stops the run before anything is stored.
        check_publish_dir(config.publish.dir)
        notifiers = build_notifiers(config) if config.targets else {}
        store = await open_store(config.state)
        try:
            async with Fetcher(config.fetch) as fetcher:
                pipeline = Pipeline(config, store, fetcher)
                results: list[object] = list(await pipeline.poll_many(sources, force=bool(args.source)))
                if pipeline.publisher.export_error is not None:  # logged where it happened
                    unwritten.append(pipeline.publisher.export_error)
            if config.targets:
                # Send what these polls (and earlier runs) owe, within a bounded wait.
                worker = DeliveryWorker(
                    config, store, notifiers, clock=utc_now, on_failure=undelivered.append
                )
                try:
                    await worker.drain(config.delivery.drain_timeout.total_seconds())
                finally:
                    await worker.aclose()
            return results
        finally:
            await store.close()

    from livetail.pipeline import PollResult

    # With --json stdout carries the one list; what the run itself prints (a console target's
    # lines) goes to stderr.
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        ran = asyncio.run(go())
    results: list[PollResult] = [r for r in ran if isinstance(r, PollResult)]
    events = [e for r in results for e in r.events]
    if args.json:
        print(json.dumps([event_json(e) for e in events], indent=2))
    else:
        for result in results:
            if not result.ok:
                continue
            for event in result.events:
                print_event(event)
            if result.baseline and not result.events:
                out.print(
                    f"[dim]{escape(result.source)}: first poll stored {result.updates_on_page} updates as the "
                    "baseline (no alerts; set backfill_alerts = true to alert them)[/]"
                )
    failed = [r for r in results if not r.ok]
    for result in failed:
        err.print(Text.assemble(("poll failed", "red"), f" {result.source}: {result.error}"))
    for attempt in undelivered:
        err.print(Text.assemble(("delivery failed", "red"), f" {_attempt_line(attempt)}"))
    if failed or unwritten:
        return 1
    return DELIVERY_FAILED if undelivered else 0


#: ``poll --once``'s exit code when every poll went through but a delivery failed.
DELIVERY_FAILED = 3


def _attempt_line(attempt: FailedAttempt) -> str:
    """``hook: HTTP 500 … (update.created #3 "Title"); will retry at …``, or dead-lettered."""
    if len(attempt.deliveries) == 1:
        event = attempt.deliveries[0].event
        what = f"{event.type.value} #{event.sequence} {json.dumps(event.title, ensure_ascii=False)}"
    else:
        what = f"a digest of {len(attempt.deliveries)} events"
    if attempt.retry_at is not None:
        then = f"will retry at {attempt.retry_at.astimezone(UTC):%Y-%m-%d %H:%M:%SZ}"
    else:
        then = f"dead-lettered (`livetail deliveries retry --dead --target {attempt.target}` re-queues it)"
    return f"{attempt.target}: {attempt.error} ({what}); {then}"


def cmd_run(args: argparse.Namespace) -> int:
    from livetail.daemon import freeze_startup_heap, run_daemon
    from livetail.pipeline import PollResult

    config = config_from(args)
    # The log carries every event and failure; a person watching a terminal also gets coloured lines.
    pretty = args.log_format == "text" and sys.stdout.isatty()

    def on_result(result: PollResult) -> None:
        for event in result.events:
            print_event(event)

    freeze_startup_heap()
    asyncio.run(run_daemon(config, on_result=on_result if pretty else None))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from livetail.daemon import run_daemon
    from livetail.demo import DemoBlog, demo_started, free_port, serve
    from livetail.pipeline import PollResult

    workdir = Path(tempfile.mkdtemp(prefix="livetail-demo-"))
    blog = DemoBlog(started=demo_started(), every=args.every)
    try:
        server = serve(blog, workdir / "public", port=args.port)
    except OSError as e:
        shutil.rmtree(workdir, ignore_errors=True)
        err.print(
            f"error: the demo blog cannot listen on 127.0.0.1:{args.port}: {e.strerror or e}", markup=False
        )
        return 2
    host, port = server.server_address[:2]
    base = f"http://{host!s}:{port}/"
    listen = f"127.0.0.1:{free_port()}"  # the daemon's own server: dashboard, feeds, event stream
    site = f"http://{listen}/"
    config = Config(
        state=StateConfig(path=workdir / "state" / "livetail.db"),
        publish=PublishConfig(dir=workdir / "public", base_url=site),
        server=ServerConfig(listen=listen),
        sources=(
            SourceConfig(
                name="demo",
                url=f"{base}live",
                title="Storm Ada: live updates",
                interval=timedelta(seconds=max(1.0, args.every / 2)),
            ),
        ),
    )
    out.print(f"[bold]livetail demo[/] — a local live blog at {base}live, a new update every {args.every:g}s")
    out.print(f"Dashboard: [bold]{site}[/]   (open it in a browser: updates appear as they arrive)")
    kept = "kept" if args.keep_state else "removed at exit; --keep-state keeps it"
    out.print(f"Atom feed: {site}feeds/demo.atom   (state in {escape(str(workdir))}, {kept}; Ctrl-C to stop)")

    def on_result(result: PollResult) -> None:
        now = datetime.now(UTC).strftime("%H:%M:%S")
        if result.baseline and result.ok:
            out.print(
                f"[dim]{now} first poll: {result.updates_on_page} updates stored as the baseline "
                f"(strategy {result.strategy}); new ones are announced below[/]"
            )
        for event in result.events:
            label = {
                "update.created": ("NEW   ", "green"),
                "update.edited": ("EDITED", "yellow"),
                "update.deleted": ("GONE  ", "red"),
            }.get(event.type.value, (event.type.value, ""))
            out.print(Text.assemble(f"{now} ", label, f" #{event.sequence} {event.title}"))
        if not result.ok:
            err.print(Text.assemble(f"{now} ", ("poll failed", "red"), f": {result.error}"))

    try:
        asyncio.run(
            run_daemon(
                config,
                on_result=on_result,
                duration=timedelta(seconds=args.duration) if args.duration else None,
            )
        )
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        if not args.keep_state:
            shutil.rmtree(workdir, ignore_errors=True)
    out.print("demo stopped" + (f"; its state is kept in {workdir}" if args.keep_state else ""), markup=False)
    return 0
