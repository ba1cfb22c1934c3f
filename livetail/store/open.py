"""Pick the engine the config names and open it."""

from __future__ import annotations

from livetail.config import StateConfig
from livetail.errors import ConfigError, ConfigProblem
from livetail.store import Store
from livetail.store.sqlite import SQLiteStore


async def open_store(state: StateConfig) -> Store:
    """Open the configured store, migrated and ready; raises StoreError or ConfigError."""
    if state.url:
        raise ConfigError(
            [ConfigProblem("state.url", "PostgreSQL is not supported by this version yet; use state.path")]
        )
    return await SQLiteStore.open(state.path)
