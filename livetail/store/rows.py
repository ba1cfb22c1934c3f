"""Rows → domain values, for every engine.

Engines store timestamps differently (ISO text in SQLite, ``timestamptz`` in PostgreSQL), so each
passes the converter that turns a column value into an aware UTC datetime (or None).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from livetail.errors import StoreError
from livetail.model import Event, EventType, StoredUpdate
from livetail.store import InstanceRecord, SourceRecord


class Row(Protocol):
    """What both drivers' rows offer: ``sqlite3.Row`` and psycopg's dict rows."""

    def __getitem__(self, key: str, /) -> Any: ...


When = Callable[[Any], datetime | None]


def _need(when: When, value: Any) -> datetime:
    parsed = when(value)
    if parsed is None:
        raise StoreError("a required timestamp is missing in the database")
    return parsed


def event_of(r: Row, when: When) -> Event:
    return Event(
        id=r["id"],
        sequence=r["sequence"],
        type=EventType(r["type"]),
        source=r["source"],
        uid=r["uid"],
        title=r["title"],
        occurred_at=_need(when, r["occurred_at"]),
        data=json.loads(r["data"]),
    )


def stored_update_of(r: Row, when: When) -> StoredUpdate:
    return StoredUpdate(
        source=r["source"],
        uid=r["uid"],
        atom_id=r["atom_id"],
        fingerprint=r["fingerprint"],
        content_hash=r["content_hash"],
        title=r["title"],
        content_html=r["content_html"],
        text=r["text"],
        url=r["url"],
        published=when(r["published"]),
        modified=when(r["modified"]),
        authors=tuple(json.loads(r["authors"])),
        pinned=bool(r["pinned"]),
        key_event=bool(r["key_event"]),
        first_seen=_need(when, r["first_seen"]),
        last_seen=_need(when, r["last_seen"]),
        deleted_at=when(r["deleted_at"]),
        position=r["position"],
    )


def instance_record_of(row: Row, when: When, leases: tuple[str, ...]) -> InstanceRecord:
    return InstanceRecord(
        name=row["name"],
        host=row["host"],
        pid=row["pid"],
        version=row["version"],
        started_at=_need(when, row["started_at"]),
        seen_at=_need(when, row["seen_at"]),
        leases=leases,
    )


def source_record_of(row: Row, when: When) -> SourceRecord:
    return SourceRecord(
        name=row["name"],
        feed_id=row["feed_id"],
        url=row["url"],
        title=row["title"],
        strategy=row["strategy"],
        first_polled_at=when(row["first_polled_at"]),
        last_polled_at=when(row["last_polled_at"]),
        last_success_at=when(row["last_success_at"]),
        last_error=row["last_error"],
        consecutive_failures=row["consecutive_failures"],
        version=row["version"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        body_hash=row["body_hash"],
        retry_at=when(row["retry_at"]),
        failing_since=when(row["failing_since"]),
        page=row["page"],
    )
