"""The SQLite file's journal mode and schema: WAL on open, migrations applied in one transaction."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

from livetail.store.migrations import migrations_for, schema_too_new
from livetail.store.sqlite_base import _ts

BUSY_TIMEOUT_MS = 30_000


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out other openers: this pragma fails with "database is locked" at
    once, without the busy handler, while another process holds a lock on a new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def _migrate(conn: sqlite3.Connection) -> None:
    migrations = migrations_for("sqlite")
    latest = migrations[-1].version if migrations else 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = _current_version(conn)
        if current > latest:
            raise schema_too_new(current, latest)
        for migration in migrations[current:]:
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?,?,?)",
                (migration.version, migration.name, _ts(datetime.now(UTC))),
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
