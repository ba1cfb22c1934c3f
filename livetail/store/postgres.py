"""The server engine: PostgreSQL through psycopg 3 (async) and a connection pool.

Any number of livetail instances may share one database. :meth:`PostgresStore.commit_poll`
locks the source's row (``SELECT … FOR UPDATE``) before reading its updates, so reconciles of
one source are serialized cluster-wide, and unique keys (``ON CONFLICT DO NOTHING RETURNING``)
make ``update.created`` happen once per update whoever stores it first. Migrations run in one
transaction under ``pg_advisory_xact_lock``: instances starting together migrate once. The
outbox half lives in :mod:`livetail.store.postgres_outbox`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool

from livetail import identity
from livetail.errors import LeaseLostError, SchemaTooNewError, StoreError
from livetail.model import Event, EventType, StoredUpdate
from livetail.reconcile import KnownUpdate, SourceState
from livetail.store import Decide, PollCommit, RouteEvent, SourceRecord
from livetail.store.pages import page_for
from livetail.store.postgres_common import (
    CONNECT_TIMEOUT,
    POOL_MAX_SIZE,
    POOL_TIMEOUT,
    Conn,
    Row,
    connect_kwargs,
    current_version,
    describe,
    fetch_all,
    fetch_one,
    inspect,
    migrate,
    need,
    stored_update_of,
    utc,
    wrap,
)
from livetail.store.postgres_leases import PgLeases, _release
from livetail.store.postgres_outbox import insert_deliveries, insert_event
from livetail.store.rows import source_record_of


class PostgresStore(PgLeases):
    """The :class:`~livetail.store.Store` on PostgreSQL. Create with :meth:`open`."""

    @classmethod
    async def open(
        cls, dsn: str, *, max_size: int = POOL_MAX_SIZE, pool_timeout: float = POOL_TIMEOUT
    ) -> PostgresStore:
        """Connect, apply pending migrations (once, under an advisory lock) and open the pool.

        ``pool_timeout``: seconds a call waits for a connection (the server unreachable) before
        it raises StoreError.
        """
        where = describe(dsn)
        try:
            kwargs = connect_kwargs(dsn)
        except psycopg.Error as e:
            raise StoreError(f"invalid PostgreSQL URL {where}: {e}") from e
        try:
            with wrap(f"{where} (opening)"):
                conn = await psycopg.AsyncConnection.connect(dsn, **kwargs)
                async with conn:
                    await migrate(conn)
        except StoreError as e:
            if isinstance(e, SchemaTooNewError):
                raise
            raise StoreError(f"cannot open state database {where}: {e.__cause__ or e}") from e.__cause__
        pool: AsyncConnectionPool[Conn] = AsyncConnectionPool(
            dsn,
            connection_class=psycopg.AsyncConnection[dict[str, Any]],
            kwargs=kwargs,
            min_size=1,
            max_size=max_size,
            open=False,
            timeout=pool_timeout,
            check=AsyncConnectionPool.check_connection,
            name="livetail",
        )
        try:
            with wrap(f"{where} (opening the pool)"):
                await pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except BaseException:
            await pool.close()
            raise
        return cls(dsn, pool)

    # -- writes ---------------------------------------------------------------------------

    async def commit_poll(
        self,
        *,
        source: str,
        url: str,
        title: str | None,
        now: datetime,
        decide: Decide,
        route: RouteEvent,
        etag: str | None = None,
        last_modified: str | None = None,
        body_hash: str | None = None,
        lease_token: str | None = None,
        checked_at: datetime | None = None,
    ) -> PollCommit:
        async def commit(conn: Conn) -> PollCommit:
            row = await _lock_source(conn, source, url)
            if lease_token is not None:
                held = await fetch_one(
                    conn,
                    "SELECT 1 AS held FROM poll_leases WHERE source=%s AND token=%s AND expires_at > %s",
                    (source, lease_token, checked_at or now),
                )
                if held is None:
                    raise LeaseLostError(source)
            followed = await fetch_all(conn, "SELECT page, url FROM source_pages WHERE source=%s", (source,))
            at = page_for(url, row["page"], [(r["page"], r["url"]) for r in followed])
            known = tuple(
                KnownUpdate(
                    uid=r["uid"],
                    fingerprint=r["fingerprint"],
                    content_hash=r["content_hash"],
                    title=r["title"],
                    text=r["text"],
                    pinned=bool(r["pinned"]),
                    deleted=r["deleted_at"] is not None,
                    position=r["position"],
                    when=need(r["published"] or r["first_seen"]),
                )
                for r in await fetch_all(
                    conn,
                    "SELECT uid, fingerprint, content_hash, title, text, pinned, deleted_at, position, "
                    "published, first_seen FROM updates WHERE source = %s AND page = %s ORDER BY uid",
                    (source, at.page),
                )
            )
            elsewhere: frozenset[str] = frozenset()
            if at.turned:
                elsewhere = frozenset(
                    r["fingerprint"]
                    for r in await fetch_all(
                        conn,
                        "SELECT fingerprint FROM updates WHERE source = %s AND page <> %s",
                        (source, at.page),
                    )
                )
            state = SourceState(
                name=source,
                polled_before=row["last_success_at"] is not None,
                strategy=row["strategy"],
                known=known,
                extractor=row["extractor"],
                page=at.page,
                turned=at.turned,
                elsewhere=elsewhere,
            )
            result = decide(state)
            inserted: set[str] = set()
            changed: list[tuple[object, ...]] = []
            touched: list[tuple[object, ...]] = []
            for w in result.writes:
                u = w.update
                values = (
                    w.content_hash,
                    u.title,
                    u.content_html,
                    u.text,
                    u.url,
                    u.published,
                    u.modified,
                    json.dumps(list(u.authors)),
                    u.pinned,
                    u.key_event,
                    now,
                    w.position,
                )
                if w.is_new:
                    got = await fetch_one(
                        conn,
                        "INSERT INTO updates (content_hash, title, content_html, text, url, published, modified, "
                        "authors, pinned, key_event, last_seen, position, source, uid, atom_id, fingerprint, "
                        "first_seen, page) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) "
                        "ON CONFLICT (source, uid) DO NOTHING RETURNING uid",
                        (*values, source, w.stored_uid, w.atom_id, u.fingerprint, now, at.page),
                    )
                    if got:
                        inserted.add(w.stored_uid)
                elif w.changed:
                    changed.append(
                        (*values[:6], values[6], now, *values[7:], u.fingerprint, source, w.stored_uid)
                    )
                else:
                    touched.append((u.pinned, now, w.position, source, w.stored_uid))
            async with conn.cursor() as cur:
                if changed:
                    await cur.executemany(
                        "UPDATE updates SET content_hash=%s, title=%s, content_html=%s, text=%s, url=%s, "
                        "published=%s, modified=COALESCE(%s::timestamptz, %s), authors=%s, pinned=%s, "
                        "key_event=%s, last_seen=%s, position=%s, deleted_at=NULL, fingerprint=%s "
                        "WHERE source=%s AND uid=%s",
                        changed,
                    )
                if touched:
                    await cur.executemany(
                        "UPDATE updates SET pinned=%s, last_seen=%s, position=%s, deleted_at=NULL "
                        "WHERE source=%s AND uid=%s",
                        touched,
                    )
                if result.deleted_uids:
                    await cur.executemany(
                        "UPDATE updates SET deleted_at=%s WHERE source=%s AND uid=%s AND deleted_at IS NULL",
                        [(now, source, uid) for uid in result.deleted_uids],
                    )
            events = []
            for intent in result.events:
                if intent.type is EventType.UPDATE_CREATED and intent.uid not in inserted:
                    continue  # someone else stored it first: their event, not ours
                sequence = await insert_event(conn, source=source, intent=intent, now=now)
                if sequence is None:
                    continue
                events.append(
                    Event(
                        id=intent.id,
                        sequence=sequence,
                        type=intent.type,
                        source=source,
                        uid=intent.uid,
                        title=intent.title,
                        occurred_at=now,
                        data=intent.data,
                    )
                )
                await insert_deliveries(
                    conn, event_id=intent.id, targets=route(intent), source=source, now=now, sequence=sequence
                )
            if at.first_time:
                await conn.execute(
                    "INSERT INTO source_pages (source, page, url) VALUES (%s,%s,%s) ON CONFLICT DO NOTHING",
                    (source, at.page, url),
                )
            # The validators are saved here, with the reconciled state they describe, and
            # nowhere before: a poll that fails after fetching must not earn 304s forever.
            await conn.execute(
                "UPDATE sources SET url=%s, title=COALESCE(%s, title), strategy=%s, extractor=%s, "
                "first_polled_at=COALESCE(first_polled_at, %s), last_polled_at=%s, last_success_at=%s, "
                "last_error=NULL, consecutive_failures=0, retry_at=NULL, failing_since=NULL, "
                "etag=%s, last_modified=%s, body_hash=%s, version=version + %s, page=%s WHERE name=%s",
                (
                    url,
                    title,
                    result.strategy,
                    result.extractor,
                    now,
                    now,
                    now,
                    etag,
                    last_modified,
                    body_hash,
                    int(bool(result.writes_changed)),
                    at.page,
                    source,
                ),
            )
            return PollCommit(result=result, events=tuple(events))

        return await self._transact(commit)

    async def record_failure(
        self, *, source: str, url: str, error: str, now: datetime, retry_at: datetime | None = None
    ) -> SourceRecord:
        async def failed(conn: Conn) -> SourceRecord:
            await _ensure_source(conn, source, url)
            row = await fetch_one(
                conn,
                "UPDATE sources SET last_polled_at=%s, last_error=%s, consecutive_failures=consecutive_failures+1, "
                "retry_at=%s, failing_since=COALESCE(failing_since, %s) WHERE name=%s RETURNING *",
                (now, error.replace("\x00", "\ufffd"), retry_at, now, source),
            )
            assert row is not None
            return _source_record(row)

        return await self._transact(failed)

    async def record_unchanged(
        self,
        *,
        source: str,
        url: str,
        now: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
        body_hash: str | None = None,
        lease_token: str | None = None,
        ended_at: datetime | None = None,
    ) -> SourceRecord:
        async def unchanged(conn: Conn) -> SourceRecord:
            await _ensure_source(conn, source, url)
            row = await fetch_one(
                conn,
                "UPDATE sources SET first_polled_at=COALESCE(first_polled_at, %s), last_polled_at=%s, "
                "last_success_at=%s, last_error=NULL, consecutive_failures=0, retry_at=NULL, "
                "failing_since=NULL, etag=COALESCE(%s, etag), last_modified=COALESCE(%s, last_modified), "
                "body_hash=COALESCE(%s, body_hash) "
                "WHERE name=%s RETURNING *",
                (now, now, now, etag, last_modified, body_hash, source),
            )
            assert row is not None
            if lease_token is not None:
                await _release(conn, source, lease_token, ended_at or now)
            return _source_record(row)

        return await self._transact(unchanged)

    async def save_archive(self, source: str, page: int, body: bytes, *, now: datetime) -> bytes:
        async def save(conn: Conn) -> bytes:
            await conn.execute(
                "INSERT INTO archives (source, page, body, created_at) VALUES (%s,%s,%s,%s) "
                "ON CONFLICT (source, page) DO NOTHING",
                (source, page, body, now),
            )
            row = await fetch_one(
                conn, "SELECT body FROM archives WHERE source=%s AND page=%s", (source, page)
            )
            assert row is not None
            return bytes(row["body"])

        return await self._transact(save)

    # -- reads ----------------------------------------------------------------------------

    async def _updates(self, where: str, params: tuple[object, ...]) -> list[StoredUpdate]:
        return [stored_update_of(r) for r in await self._all(f"SELECT * FROM updates WHERE {where}", params)]

    async def list_updates(self, source: str, *, limit: int | None = None) -> list[StoredUpdate]:
        return await self._updates(
            "source=%s AND deleted_at IS NULL ORDER BY COALESCE(published, first_seen) DESC, position ASC, "
            "uid ASC LIMIT %s",
            (source, limit),
        )

    async def list_tombstones(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        return await self._updates(
            "source=%s AND deleted_at IS NOT NULL AND deleted_at >= %s ORDER BY deleted_at DESC, uid",
            (source, since),
        )

    async def get_update(self, source: str, uid: str) -> StoredUpdate | None:
        found = await self._updates("source=%s AND uid=%s", (source, uid))
        return found[0] if found else None

    async def get_update_by_atom_id(self, atom_id: str) -> StoredUpdate | None:
        found = await self._updates("atom_id=%s", (atom_id,))
        return found[0] if found else None

    async def list_edited_since(self, source: str, *, since: datetime) -> list[StoredUpdate]:
        return await self._updates(
            "source=%s AND deleted_at IS NULL AND modified IS NOT NULL AND modified >= %s "
            "ORDER BY modified DESC, uid",
            (source, since),
        )

    async def count_updates(self, source: str) -> int:
        rows = await self._all("SELECT COUNT(*) AS n FROM updates WHERE source=%s", (source,))
        return int(rows[0]["n"])

    async def list_by_first_seen(self, source: str, *, offset: int, limit: int) -> list[StoredUpdate]:
        return await self._updates(
            "source=%s ORDER BY first_seen, COALESCE(published, first_seen), uid LIMIT %s OFFSET %s",
            (source, limit, offset),
        )

    async def get_archive(self, source: str, page: int) -> bytes | None:
        rows = await self._all("SELECT body FROM archives WHERE source=%s AND page=%s", (source, page))
        return bytes(rows[0]["body"]) if rows else None

    async def get_source(self, name: str) -> SourceRecord | None:
        rows = await self._all("SELECT * FROM sources WHERE name=%s", (name,))
        return _source_record(rows[0]) if rows else None

    async def list_sources(self) -> list[SourceRecord]:
        return [_source_record(r) for r in await self._all("SELECT * FROM sources ORDER BY name")]

    async def schema_version(self) -> int:
        async def version(conn: Conn) -> int:
            return await current_version(conn)

        return await self._transact(version)

    async def close(self) -> None:
        await self._pool.close()


async def _ensure_source(conn: Conn, name: str, url: str) -> None:
    await conn.execute(
        "INSERT INTO sources (name, feed_id, url) VALUES (%s,%s,%s) ON CONFLICT (name) DO NOTHING",
        (name, identity.feed_id(name), url),
    )


async def _lock_source(conn: Conn, name: str, url: str) -> Row:
    """The source's row, locked to the end of the transaction: reconciles of a source take turns."""
    await _ensure_source(conn, name, url)
    row = await fetch_one(conn, "SELECT * FROM sources WHERE name=%s FOR UPDATE", (name,))
    assert row is not None
    return row


def _source_record(row: Row) -> SourceRecord:
    return source_record_of(row, utc)


__all__: Sequence[str] = ("PostgresStore", "inspect", "migrate")
