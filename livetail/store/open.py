"""Pick the engine the config names and open it."""

from __future__ import annotations

import logging

from livetail.config import StateConfig
from livetail.store import Store

log = logging.getLogger("livetail.store")


async def open_store(state: StateConfig) -> Store:
    """Open the configured store, migrated and ready; raises StoreError or ConfigError.

    ``[state] url`` (PostgreSQL) wins over ``[state] path`` (SQLite); setting both is allowed
    but logged, since the SQLite file is then ignored.
    """
    if state.url:
        from livetail.store.postgres import PostgresStore  # psycopg loads only when used
        from livetail.store.postgres_common import describe

        if state.path_given:
            log.warning(
                "state.url and state.path are both set: using PostgreSQL at %s, ignoring %s",
                describe(state.url),
                state.path,
            )
        return await PostgresStore.open(state.url)
    from livetail.store.sqlite import SQLiteStore

    return await SQLiteStore.open(state.path)
