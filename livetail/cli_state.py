"""``livetail check-config``, ``status`` and ``backup``: look at the config and the state without polling."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime

from rich.markup import escape
from rich.table import Table

from livetail.cli_common import config_from, err, out, require_state
from livetail.config import SourceConfig, advisories, default_config_path, load_config
from livetail.errors import ConfigError


def cmd_backup(args: argparse.Namespace) -> int:
    from livetail.maintenance import backup

    config = config_from(args)
    if config.state.url:
        err.print(
            "error: `livetail backup` copies the SQLite state; back up a server database with its own tools"
        )
        return 2
    require_state(config)
    result = backup(config.state.path, args.path)
    out.print(
        f"backed up {config.state.path} to {result.path} ({result.bytes} bytes, integrity ok)", markup=False
    )
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
        err.print(f"[red]{escape(str(path))}: {len(e.problems)} problem(s)[/]")
        for problem in e.problems:
            err.print(f"  {problem}", markup=False)
        return 1
    out.print(f"{path}: OK — {len(config.sources)} source(s), {len(config.targets)} target(s)", markup=False)
    for advice in advisories(config):
        err.print(f"warning: {advice}", markup=False)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from livetail.cli_outbox import instances_table, targets_table
    from livetail.store.open import open_store

    config = config_from(args)
    require_state(config)

    async def go() -> tuple[Table, Table | None, Table | None]:
        store = await open_store(config.state)
        try:
            table = Table("source", "last poll", "result", "next poll", "failures", "strategy", "updates")
            records = {r.name: r for r in await store.list_sources()}
            now = datetime.now(UTC)
            for source in config.sources:
                record = records.get(source.name)
                if record is None:
                    table.add_row(escape(source.name), "never", "", "at start", "", "", "0")
                    continue
                count = len(await store.list_updates(source.name))
                when = (
                    record.last_polled_at.strftime("%Y-%m-%d %H:%M:%SZ") if record.last_polled_at else "never"
                )
                table.add_row(
                    escape(source.name),
                    when,
                    "ok" if not record.last_error else f"[red]{escape(record.last_error)}[/]",
                    _next_poll(source, record.last_polled_at, now, getattr(record, "retry_at", None)),
                    str(record.consecutive_failures),
                    escape(record.strategy or ""),
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
