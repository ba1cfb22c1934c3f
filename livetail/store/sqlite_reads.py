"""The SQLite engine's reads: updates, archives, sources and events, as committed."""

from __future__ import annotations

from datetime import datetime

from livetail.model import Event, StoredUpdate
from livetail.store import SourceRecord
from livetail.store.sqlite_base import _event, _source_record, _stored_update, _ts, _wrap
from livetail.store.sqlite_leases import SQLiteLeases


class SQLiteReads(SQLiteLeases):
    """Reads see only committed data: every one runs on the store's thread between transactions."""

    async def list_updates(self, source: str, *, limit: int | None = None) -> list[StoredUpdate]:
        return await self._run(self._list_updates, source, limit)

    def _list_updates(self, source: str, limit: int | None) -> list[StoredUpdate]:
        return self._select_updates(
            "source=? AND deleted_at IS NULL ORDER BY COALESCE(published, first_seen) DESC, position ASC, uid ASC "
            "LIMIT ?",
            (source, -1 if limit is None else limit),
        )

    def _select_updates(self, where: str, params: tuple[object, ...]) -> list[StoredUpdate]:
        with _wrap(self.path):
            rows = self._conn.execute(f"SELECT * FROM updates WHERE {where}", params).fetchall()
        return [_stored_update(r) for r in rows]

    async def list_tombstones(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        return await self._run(
            self._select_updates,
            "source=? AND deleted_at IS NOT NULL AND deleted_at >= ? ORDER BY deleted_at DESC, uid",
            (source, _ts(since)),
        )

    async def get_update(self, source: str, uid: str) -> StoredUpdate | None:
        found = await self._run(self._select_updates, "source=? AND uid=?", (source, uid))
        return found[0] if found else None

    async def get_update_by_atom_id(self, atom_id: str) -> StoredUpdate | None:
        found = await self._run(self._select_updates, "atom_id=?", (atom_id,))
        return found[0] if found else None

    async def list_edited_since(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        return await self._run(
            self._select_updates,
            "source=? AND deleted_at IS NULL AND modified IS NOT NULL AND modified >= ? ORDER BY modified DESC, uid",
            (source, _ts(since)),
        )

    async def count_updates(self, source: str) -> int:
        def count() -> int:
            with _wrap(self.path):
                return int(
                    self._conn.execute("SELECT COUNT(*) FROM updates WHERE source=?", (source,)).fetchone()[0]
                )

        return await self._run(count)

    async def list_by_first_seen(self, source: str, *, offset: int, limit: int) -> list[StoredUpdate]:
        return await self._run(
            self._select_updates,
            "source=? ORDER BY first_seen, COALESCE(published, first_seen), uid LIMIT ? OFFSET ?",
            (source, limit, offset),
        )

    async def get_archive(self, source: str, page: int) -> bytes | None:
        def get() -> bytes | None:
            with _wrap(self.path):
                row = self._conn.execute(
                    "SELECT body FROM archives WHERE source=? AND page=?", (source, page)
                ).fetchone()
            return bytes(row[0]) if row else None

        return await self._run(get)

    async def get_source(self, name: str) -> SourceRecord | None:
        return await self._run(self._get_source, name)

    def _get_source(self, name: str) -> SourceRecord | None:
        with _wrap(self.path):
            row = self._conn.execute("SELECT * FROM sources WHERE name=?", (name,)).fetchone()
        return _source_record(row) if row else None

    async def list_sources(self) -> list[SourceRecord]:
        return await self._run(self._list_sources)

    def _list_sources(self) -> list[SourceRecord]:
        with _wrap(self.path):
            rows = self._conn.execute("SELECT * FROM sources ORDER BY name").fetchall()
        return [_source_record(r) for r in rows]

    async def get_event(self, event_id: str) -> Event | None:
        def get() -> Event | None:
            with _wrap(self.path):
                row = self._conn.execute("SELECT * FROM events WHERE id=?", (event_id,)).fetchone()
            return _event(row) if row else None

        return await self._run(get)

    async def list_events(self, *, since: int = 0, limit: int = 1000) -> list[Event]:
        return await self._run(self._list_events, since, limit)

    def _list_events(self, since: int, limit: int) -> list[Event]:
        with _wrap(self.path):
            rows = self._conn.execute(
                "SELECT * FROM events WHERE sequence > ? ORDER BY sequence LIMIT ?", (since, limit)
            ).fetchall()
        return [_event(r) for r in rows]
