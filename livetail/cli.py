"""The ``livetail`` command line: every user action, with clear errors and exit codes.

Exit codes: 0 success; 1 a poll failed or ``check-config`` found problems; 2 bad usage or a
config/state error that stops the command from starting.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from livetail import __version__
from livetail.cli_db import add_db_parsers, cmd_db
from livetail.config import (
    Config,
    PublishConfig,
    ServerConfig,
    SourceConfig,
    StateConfig,
    default_config_path,
    load_config,
)
from livetail.errors import ConfigError, LivetailError
from livetail.model import Event, Update

if TYPE_CHECKING:
    from livetail.extract.engine import Extraction

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _add_config(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        default=default,
        metavar="PATH",
        help="config file (default: $LIVETAIL_CONFIG, else ./config.toml)",
    )


def _add_log_format(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default=default,
        help="log lines as key=value text (default) or one JSON object per line",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livetail",
        description="Follow news live blogs: every update becomes its own Atom entry and alert, exactly once.",
    )
    parser.add_argument("--version", action="version", version=f"livetail {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    _add_config(parser, default=None)
    _add_log_format(parser, default="text")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _add_config(p, default=argparse.SUPPRESS)  # -c works after the subcommand too
        _add_log_format(p, default=argparse.SUPPRESS)
        return p

    p = command("poll", "poll sources once, print the events, publish feeds")
    p.add_argument(
        "--once", action="store_true", help="one cycle, then exit (the only mode; kept for cron clarity)"
    )
    p.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    p.add_argument("--json", action="store_true", help="print the events as one JSON list")

    command("run", "run the daemon: poll every source on its interval until SIGTERM")
    command("check-config", "validate the config file and list every problem")
    command("status", "show each source's last and next poll and stored updates, and each target's outbox")
    p = command("backup", "copy the state database to PATH safely, even while the daemon runs")
    p.add_argument("path", type=Path, metavar="PATH", help="file (or folder) to write the copy to")
    from livetail.cli_outbox import add_parsers

    add_parsers(command)
    add_db_parsers(command)

    p = command("extract", "preview what a page or file yields, without storing anything")
    p.add_argument("target", metavar="URL_OR_FILE")
    p.add_argument("--json", action="store_true", help='print {"strategy": …, "updates": […]}')
    p.add_argument("--profile", help="force a site profile")
    p.add_argument("--date", help="reference date YYYY-MM-DD for times printed without a date")
    p.add_argument("--timezone", help="IANA zone for times printed without one (default UTC)")

    p = command("add", "preview a live blog and append it to the config as a new [[sources]] block")
    p.add_argument("target", metavar="URL")
    p.add_argument("--name", help="source name (default: derived from the URL)")
    p.add_argument("--interval", default="2m", help='poll interval (default "2m")')
    p.add_argument("--profile", help="force a site profile")
    p.add_argument("--timezone", help="IANA zone for times printed without one")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")

    p = command("demo", "follow a local demo live blog (temporary state) and print updates as they arrive")
    p.add_argument("--duration", type=float, help="stop after this many seconds (default: until Ctrl-C)")
    p.add_argument(
        "--port", type=int, default=0, help="port for the demo blog (default: any free)"
    )
    p.add_argument("--every", type=float, default=5.0, help="seconds between new demo updates (default 5)")
    return parser


def _load(args: argparse.Namespace) -> Config:
    path = args.config or default_config_path()
    return load_config(path)


def _event_json(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "sequence": event.sequence,
        "type": event.type.value,
        "source": event.source,
        "uid": event.uid,
        "title": event.title,
        "timestamp": event.occurred_at.isoformat(),
        "data": event.data,
    }


def _print_event(event: Event) -> None:
    style = {"update.created": "green", "update.edited": "yellow", "update.deleted": "red"}.get(
        event.type, "magenta"
    )
    out.print(f"[{style}]{event.type.value:<15}[/] {event.source:<16} #{event.sequence:<5} {event.title}")


def cmd_poll(args: argparse.Namespace) -> int:
    from livetail.delivery import DeliveryWorker
    from livetail.fetch import Fetcher
    from livetail.notifiers import build_notifiers
    from livetail.pipeline import Pipeline, utc_now
    from livetail.store.open import open_store

    config = _load(args)
    sources = list(config.sources)
    if args.source:
        unknown = sorted(set(args.source) - {s.name for s in sources})
        if unknown:
            err.print(f"error: no source named {', '.join(unknown)} in {config.file}")
            return 2
        sources = [s for s in sources if s.name in args.source]
    if not sources:
        err.print(f"error: {config.file} has no [[sources]] to poll")
        return 2

    async def go() -> list[object]:
        store = await open_store(config.state)
        try:
            async with Fetcher(config.fetch) as fetcher:
                results: list[object] = list(
                    await Pipeline(config, store, fetcher).poll_many(sources, force=bool(args.source))
                )
            if config.targets:
                # Send what these polls (and earlier runs) owe, within a bounded wait.
                worker = DeliveryWorker(config, store, build_notifiers(config), clock=utc_now)
                try:
                    await worker.drain(config.delivery.drain_timeout.total_seconds())
                finally:
                    await worker.aclose()
            return results
        finally:
            await store.close()

    from livetail.pipeline import PollResult

    results: list[PollResult] = [r for r in asyncio.run(go()) if isinstance(r, PollResult)]
    events = [e for r in results for e in r.events]
    if args.json:
        print(json.dumps([_event_json(e) for e in events], indent=2))
    else:
        for result in results:
            if not result.ok:
                continue
            for event in result.events:
                _print_event(event)
            if result.baseline and not result.events:
                out.print(
                    f"[dim]{result.source}: first poll stored {result.updates_on_page} updates as the "
                    "baseline (no alerts; set backfill_alerts = true to alert them)[/]"
                )
    failed = [r for r in results if not r.ok]
    for result in failed:
        err.print(f"[red]poll failed[/] {result.source}: {result.error}")
    return 1 if failed else 0


def cmd_run(args: argparse.Namespace) -> int:
    from livetail.daemon import run_daemon
    from livetail.pipeline import PollResult

    config = _load(args)
    # The log carries every event and failure; a person watching a terminal also gets coloured lines.
    pretty = args.log_format == "text" and sys.stdout.isatty()

    def on_result(result: PollResult) -> None:
        for event in result.events:
            _print_event(event)

    asyncio.run(run_daemon(config, on_result=on_result if pretty else None))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from livetail.maintenance import backup

    config = _load(args)
    if config.state.url:
        err.print(
            "error: `livetail backup` copies the SQLite state; back up a server database with its own tools"
        )
        return 2
    if not config.state.path.exists():
        err.print(f"error: no state database at {config.state.path}")
        return 2
    result = backup(config.state.path, args.path)
    out.print(f"backed up {config.state.path} to {result.path} ({result.bytes} bytes, integrity ok)")
    return 0


def _next_poll(source: SourceConfig, last: datetime | None, now: datetime, retry_at: datetime | None) -> str:
    """When the daemon polls next: one interval after the last poll, or later while backing off.

    The daemon's adaptive interval lives in its memory; this is the configured one.
    """
    if last is None:
        return "at start"
    when = last + source.interval
    if retry_at is not None and retry_at > when:
        return retry_at.strftime("%Y-%m-%d %H:%M:%SZ") + " (backoff)"
    if when <= now:
        return "due"
    return when.strftime("%Y-%m-%d %H:%M:%SZ")


def cmd_check_config(args: argparse.Namespace) -> int:
    path = args.config or default_config_path()
    try:
        config = load_config(path)
    except ConfigError as e:
        err.print(f"[red]{path}: {len(e.problems)} problem(s)[/]")
        for problem in e.problems:
            err.print(f"  {problem}", markup=False)
        return 1
    out.print(f"{path}: OK — {len(config.sources)} source(s), {len(config.targets)} target(s)")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from livetail.cli_outbox import instances_table, targets_table
    from livetail.store.open import open_store

    config = _load(args)

    async def go() -> tuple[Table, Table | None, Table | None]:
        store = await open_store(config.state)
        try:
            table = Table("source", "last poll", "result", "next poll", "failures", "strategy", "updates")
            records = {r.name: r for r in await store.list_sources()}
            now = datetime.now(UTC)
            for source in config.sources:
                record = records.get(source.name)
                if record is None:
                    table.add_row(source.name, "never", "", "at start", "", "", "0")
                    continue
                count = len(await store.list_updates(source.name))
                when = (
                    record.last_polled_at.strftime("%Y-%m-%d %H:%M:%SZ") if record.last_polled_at else "never"
                )
                table.add_row(
                    source.name,
                    when,
                    "ok" if not record.last_error else f"[red]{escape(record.last_error)}[/]",
                    _next_poll(source, record.last_polled_at, now, getattr(record, "retry_at", None)),
                    str(record.consecutive_failures),
                    record.strategy or "",
                    str(count),
                )
            return table, await targets_table(config, store), await instances_table(store)
        finally:
            await store.close()

    sources, targets, instances = asyncio.run(go())
    out.print(sources)
    if targets is not None:
        out.print(targets)
    if instances is not None:
        out.print(instances)
    return 0


def cmd_deliveries(args: argparse.Namespace) -> int:
    from livetail.cli_outbox import cmd_deliveries as run

    code, message = run(_load(args), args)
    (out if code == 0 else err).print(message, markup=False)
    return code


def cmd_events(args: argparse.Namespace) -> int:
    from livetail.cli_outbox import cmd_events as run

    code, message = run(_load(args), args)
    (out if code == 0 else err).print(message, markup=False)
    return code


def _update_json(update: Update) -> dict[str, object]:
    return {
        "uid": update.uid,
        "published": update.published.isoformat().replace("+00:00", "Z") if update.published else None,
        "modified": update.modified.isoformat().replace("+00:00", "Z") if update.modified else None,
        "title": update.title,
        "text": update.text,
        "content_html": update.content_html,
        "url": update.url,
        "authors": list(update.authors),
        "pinned": update.pinned,
    }


def _preview_args(args: argparse.Namespace) -> tuple[str, datetime | None] | int:
    """The target as a URL and the reference instant, or an exit code after printing why not."""
    target: str = args.target
    if "://" not in target:
        path = Path(target)
        if not path.is_file():
            err.print(f"error: {target} is neither a URL nor a readable file")
            return 2
        target = path.resolve().as_uri()
    tz = getattr(args, "timezone", None) or "UTC"
    try:
        zone = ZoneInfo(tz)
    except Exception:
        err.print(f'error: --timezone expects an IANA zone like "Europe/London", got "{tz}"')
        return 2
    if not getattr(args, "date", None):
        return target, None
    try:
        day = datetime.strptime(args.date, "%Y-%m-%d").date()
    except ValueError:
        err.print(f'error: --date expects YYYY-MM-DD, got "{args.date}"')
        return 2
    return target, datetime.combine(day, time(23, 59, 59), zone)


def _print_extraction(extraction: Extraction) -> None:
    table = Table(
        "#",
        "published (UTC)",
        "title",
        "uid",
        title=f"{len(extraction.updates)} updates via {extraction.strategy}"
        + (f" — {extraction.title}" if extraction.title else ""),
    )
    for i, update in enumerate(extraction.updates, 1):
        when = update.published.strftime("%Y-%m-%d %H:%M") if update.published else "—"
        table.add_row(str(i), when, update.title + (" [pinned]" if update.pinned else ""), update.uid)
    out.print(table)


def cmd_extract(args: argparse.Namespace) -> int:
    from livetail.preview import preview

    parsed = _preview_args(args)
    if isinstance(parsed, int):
        return parsed
    target, reference = parsed
    extraction = asyncio.run(
        preview(target, profile=args.profile, timezone=args.timezone, reference=reference)
    )
    if args.json:
        updates = [_update_json(u) for u in extraction.updates]
        print(json.dumps({"strategy": extraction.strategy, "updates": updates}, indent=2, ensure_ascii=False))
    else:
        _print_extraction(extraction)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from livetail.preview import append_source, existing_names, preview, suggest_name

    parsed = _preview_args(args)
    if isinstance(parsed, int):
        return parsed
    target, _ = parsed
    path: Path = args.config or default_config_path()
    taken = existing_names(path)
    name = args.name or suggest_name(target, taken)
    if name in taken:
        err.print(f'error: {path} already has a source named "{name}"; pass --name')
        return 2
    extraction = asyncio.run(preview(target, profile=args.profile, timezone=args.timezone))
    _print_extraction(extraction)
    block: dict[str, object] = {
        "name": name,
        "url": target,
        "title": extraction.title,
        "interval": args.interval,
        "profile": args.profile,
        "timezone": args.timezone,
    }
    if not args.yes:
        if not sys.stdin.isatty():
            err.print("error: not a terminal; pass --yes to add the source without asking")
            return 2
        answer = input(
            f'Add "{name}" ({len(extraction.updates)} updates via {extraction.strategy}) to {path}? [y/N] '
        )
        if answer.strip().lower() not in ("y", "yes"):
            out.print("nothing changed")
            return 1
    append_source(path, block)
    out.print(f'added [[sources]] "{name}" to {path}')
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from livetail.daemon import run_daemon
    from livetail.demo import DemoBlog, demo_started, free_port, serve
    from livetail.pipeline import PollResult

    workdir = Path(tempfile.mkdtemp(prefix="livetail-demo-"))
    blog = DemoBlog(started=demo_started(), every=args.every)
    server = serve(blog, workdir / "public", port=args.port)
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
    out.print(f"Atom feed: {site}feeds/demo.atom   (state in {workdir}; Ctrl-C to stop)")

    def on_result(result: PollResult) -> None:
        now = datetime.now(UTC).strftime("%H:%M:%S")
        if result.baseline and result.ok:
            out.print(
                f"[dim]{now} first poll: {result.updates_on_page} updates stored as the baseline "
                f"(strategy {result.strategy}); new ones are announced below[/]"
            )
        for event in result.events:
            label = {
                "update.created": "[green]NEW   [/]",
                "update.edited": "[yellow]EDITED[/]",
                "update.deleted": "[red]GONE  [/]",
            }.get(event.type.value, event.type.value)
            out.print(f"{now} {label} #{event.sequence} {event.title}")
        if not result.ok:
            err.print(f"{now} [red]poll failed[/]: {result.error}")

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
    out.print("demo stopped")
    return 0


COMMANDS = {
    "poll": cmd_poll,
    "run": cmd_run,
    "check-config": cmd_check_config,
    "status": cmd_status,
    "backup": cmd_backup,
    "extract": cmd_extract,
    "add": cmd_add,
    "deliveries": cmd_deliveries,
    "events": cmd_events,
    "db": cmd_db,
    "demo": cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    from livetail.logs import configure

    args = build_parser().parse_args(argv)
    # The daemon's log is its output: it logs at INFO by default; other commands only warn.
    levels = (
        [logging.INFO, logging.DEBUG]
        if args.command == "run"
        else [logging.WARNING, logging.INFO, logging.DEBUG]
    )
    configure(levels[min(args.verbose, len(levels) - 1)], args.log_format)
    try:
        return COMMANDS[args.command](args)
    except ConfigError as e:
        err.print(f"[red]config error[/]{' in ' + e.file if e.file else ''}:")
        for problem in e.problems:
            err.print(f"  {problem}", markup=False)
        return 2
    except LivetailError as e:
        err.print(f"error: {e}", markup=False)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
