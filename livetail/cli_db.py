"""``livetail db status`` and ``livetail db upgrade``: the state database's schema version.

Every livetail command migrates the database it opens, so ``upgrade`` is for doing it ahead of
a rollout (one command, not N daemons racing — though they would migrate once anyway, under
an advisory lock on PostgreSQL and the write lock on SQLite). ``status`` migrates nothing.
Exit codes of ``status``: 0 up to date, 1 migrations pending, 2 the database is newer than
this livetail (or unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from livetail.cli_common import add_common_options
from livetail.config import StateConfig, default_config_path, load_config
from livetail.errors import StoreError
from livetail.store.migrations import migrations_for


def add_db_parsers(make: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``db status`` and ``db upgrade`` on the CLI's sub-command factory."""
    p = make("db", "show or upgrade the state database's schema (SQLite or PostgreSQL)")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help in (
        ("status", "print the engine, the schema version and the migrations still to apply"),
        ("upgrade", "apply pending migrations now (once, however many instances start together)"),
    ):
        add_common_options(sub.add_parser(name, help=help, description=help))


def _where(state: StateConfig) -> tuple[str, str]:
    if state.url:
        from livetail.store.postgres_common import describe

        return "postgres", describe(state.url)
    return "sqlite", str(state.path)


def _sqlite_version(path: Path) -> int:
    """The schema version of a SQLite state file, read-only; 0 when there is none yet."""
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
            ).fetchone():
                return 0
            return int(conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot read state database {path}: {e}") from e


async def _version(state: StateConfig) -> int:
    if state.url:
        from livetail.store.postgres_common import inspect

        return (await inspect(state.url))[0]
    return _sqlite_version(state.path)


async def _upgrade(state: StateConfig) -> tuple[int, int]:
    from livetail.store.open import open_store

    before = await _version(state)
    store = await open_store(state)
    try:
        return before, await store.schema_version()
    finally:
        await store.close()


def cmd_db(args: argparse.Namespace) -> int:
    config = load_config(args.config or default_config_path())
    engine, where = _where(config.state)
    shipped = migrations_for(engine)
    latest = len(shipped)
    print(f"engine: {engine} ({where})")
    if args.action == "upgrade":
        before, after = asyncio.run(_upgrade(config.state))
        if after == before:
            print(f"schema: version {after}, up to date; nothing to apply")
        else:
            names = ", ".join(f"{m.version:04d}_{m.name}" for m in shipped[before:after])
            print(f"schema: upgraded from version {before} to {after} ({names})")
        return 0
    current = asyncio.run(_version(config.state))
    if current > latest:
        print(
            f"schema: version {current}, newer than this livetail (which knows up to {latest}); "
            "upgrade livetail, never the other way round"
        )
        return 2
    if current == latest:
        print(f"schema: version {current}, up to date")
        return 0
    print(f"schema: version {current} of {latest}; pending (`livetail db upgrade` applies them):")
    for migration in shipped[current:]:
        print(f"  {migration.version:04d}_{migration.name}")
    return 1
