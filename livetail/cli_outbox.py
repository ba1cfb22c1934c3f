"""CLI commands for the outbox: target health in ``status``, ``deliveries retry``, ``events replay``."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from rich.markup import escape
from rich.table import Table

from livetail.cli_common import add_common_options, event_json, require_state
from livetail.config import Config
from livetail.model import Event
from livetail.notifiers.routing import wants
from livetail.store import Store


async def _open(config: Config) -> Store:
    from livetail.store.open import open_store  # imported late: `livetail --help` stays fast

    require_state(config)  # events and deliveries exist only where polls stored them
    return await open_store(config.state)


async def targets_table(config: Config, store: Store) -> Table | None:
    if not config.targets:
        return None
    stats = {s.target: s for s in await store.target_stats()}
    table = Table("target", "type", "pending", "failed", "dead-lettered", "sent", "last error")
    for target in config.targets:
        s = stats.get(target.name)
        state = (
            f"[red]disabled: {escape(s.disabled_reason)}[/] (re-enable: livetail deliveries retry --dead "
            f"--target {escape(target.name)})"
            if s and s.disabled_reason
            else ""
        )
        table.add_row(
            escape(target.name),
            target.type,
            str(s.pending if s else 0),
            str(s.failed if s else 0),
            f"[red]{s.dead}[/]" if s and s.dead else "0",
            str(s.sent if s else 0),
            state or escape(s.last_error or "") if s else "",
        )
    return table


async def instances_table(store: Store, *, now: datetime | None = None) -> Table | None:
    """Instances that sent a heartbeat in the last minute, with the sources each leases now."""
    now = now or datetime.now(UTC)
    found = await store.list_instances(since=now - timedelta(minutes=1), now=now)
    if not found:
        return None
    table = Table("instance", "version", "up since", "last seen", "polling now")
    for i in found:
        table.add_row(
            escape(i.name),
            escape(i.version),
            i.started_at.strftime("%Y-%m-%d %H:%M:%SZ"),
            f"{max(0, int((now - i.seen_at).total_seconds()))}s ago",
            escape(", ".join(i.leases)),
        )
    return table


def _nested(sub: argparse._SubParsersAction, name: str, help: str) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
    add_common_options(parser)
    return parser


def add_parsers(make: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``deliveries`` and ``events`` on the CLI's sub-command factory."""
    p = make("deliveries", "manage the outbox")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    retry = _nested(sub, "retry", "make failed deliveries due now (with --dead, dead-lettered ones too)")
    retry.add_argument("--dead", action="store_true", help="also re-queue dead-lettered deliveries")
    retry.add_argument("--target", help="only this target")
    p = make("events", "inspect or replay committed events")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    replay = _nested(sub, "replay", "send a target every event it routes with sequence > SEQ again")
    replay.add_argument("--target", required=True)
    replay.add_argument("--since", type=int, required=True, metavar="SEQ")
    listing = _nested(sub, "list", "print committed events")
    listing.add_argument("--since", type=int, default=0, metavar="SEQ")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true", help="print the events as one JSON list")


def cmd_deliveries(config: Config, args: argparse.Namespace) -> tuple[int, str]:
    if args.target and args.target not in {t.name for t in config.targets}:
        return 2, f"error: no target named {args.target}"

    async def go() -> int:
        store = await _open(config)
        try:
            return await store.requeue_deliveries(target=args.target, dead=args.dead, now=datetime.now(UTC))
        finally:
            await store.close()

    count = asyncio.run(go())
    return (
        0,
        f"{count} deliver{'y' if count == 1 else 'ies'} queued; `livetail poll --once` or `run` sends them",
    )


def cmd_events(config: Config, args: argparse.Namespace) -> tuple[int, str]:
    if args.action == "list":

        async def listing() -> list[Event]:
            store = await _open(config)
            try:
                return await store.list_events(since=args.since, limit=args.limit)
            finally:
                await store.close()

        events = asyncio.run(listing())
        if args.json:
            return 0, json.dumps([event_json(e) for e in events], indent=2, ensure_ascii=False)
        lines = [
            f"{e.sequence:>6} {e.occurred_at.astimezone(UTC):%Y-%m-%d %H:%M:%SZ} {e.type.value:<16} {e.source:<16} {e.title}"
            for e in events
        ]
        return 0, "\n".join(lines) or "no events"
    target = next((t for t in config.targets if t.name == args.target), None)
    if target is None:
        return 2, f"error: no target named {args.target}"

    def routed(event: Event) -> bool:
        snapshot = event.data.get("update")
        update = snapshot if isinstance(snapshot, dict) else {}
        return wants(
            target,
            event.source,
            event.type,
            title=event.title,
            text=str(update.get("text") or ""),
            key_event=bool(update.get("key_event")),
        )

    async def replay() -> int:
        store = await _open(config)
        try:
            return await store.replay_events(
                target=target.name, since=args.since, now=datetime.now(UTC), wanted=routed
            )
        finally:
            await store.close()

    count = asyncio.run(replay())
    return 0, f"{count} event(s) after #{args.since} queued again for {target.name}"
