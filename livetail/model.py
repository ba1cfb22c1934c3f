"""Domain types shared by every stage: the words of DESIGN.md as frozen dataclasses.

Every datetime here is timezone-aware and normalised to UTC on construction; a naive
datetime is a bug and raises ``ValueError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


def as_utc(value: datetime | None, name: str = "datetime") -> datetime | None:
    """Return ``value`` converted to UTC; raise ``ValueError`` when it is naive."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return value.astimezone(UTC)


class EventType(StrEnum):
    """What reconcile decided about an update or a source."""

    UPDATE_CREATED = "update.created"
    UPDATE_EDITED = "update.edited"
    UPDATE_DELETED = "update.deleted"
    SOURCE_FAILING = "source.failing"
    SOURCE_RECOVERED = "source.recovered"
    SOURCE_DEGRADED = "source.degraded"
    #: Internal: a subscription feed's bytes changed, so its WebSub hub is owed a ping.
    FEED_CHANGED = "feed.changed"

    @classmethod
    def parse(cls, text: str) -> EventType:
        """Accept the full name or the short forms ``created``/``edited``/``deleted``."""
        name = text if "." in text else f"update.{text}"
        return cls(name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Update:
    """One post inside a live blog, as extracted from one fetch.

    ``uid`` is stable across fetches; ``fingerprint`` (normalised title + opening text)
    matches the same update when the extraction strategy changes. ``published`` is None
    when the page gives no usable time (then ``first_seen`` stands in for it downstream).
    """

    uid: str
    fingerprint: str
    title: str
    content_html: str
    text: str
    url: str
    published: datetime | None = None
    modified: datetime | None = None
    authors: tuple[str, ...] = ()
    pinned: bool = False
    key_event: bool = False

    def __post_init__(self) -> None:
        if not self.uid:
            raise ValueError("Update.uid must not be empty")
        if not self.title:
            raise ValueError(f"Update {self.uid}: title must not be empty")
        object.__setattr__(self, "published", as_utc(self.published, "published"))
        object.__setattr__(self, "modified", as_utc(self.modified, "modified"))
        object.__setattr__(self, "authors", tuple(self.authors))


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredUpdate:
    """An update as the store keeps it: the extracted fields plus identity and lifecycle."""

    source: str
    uid: str
    atom_id: str
    fingerprint: str
    content_hash: str
    title: str
    content_html: str
    text: str
    url: str
    published: datetime | None
    modified: datetime | None
    authors: tuple[str, ...]
    pinned: bool
    first_seen: datetime
    last_seen: datetime
    key_event: bool = False
    deleted_at: datetime | None = None
    position: int = 0

    def __post_init__(self) -> None:
        for name in ("published", "modified", "first_seen", "last_seen", "deleted_at"):
            object.__setattr__(self, name, as_utc(getattr(self, name), name))
        object.__setattr__(self, "authors", tuple(self.authors))

    @property
    def updated(self) -> datetime:
        """Atom ``<updated>``: modified, else published, else first seen."""
        return self.modified or self.published or self.first_seen


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A committed event; ``sequence`` only grows, so consumers order and resume by it."""

    id: str
    sequence: int
    type: EventType
    source: str
    uid: str | None
    title: str
    occurred_at: datetime
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "occurred_at", as_utc(self.occurred_at, "occurred_at"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A fetched page as extract sees it: raw bytes plus what the response said about them.

    ``date`` is the response ``Date`` (the reference instant for times printed without a date);
    None for files, where extract falls back to hints in the text or an explicit ``--date``.
    ``wire_digest`` is a hash of the body as sent when it was content-encoded (gzip, br): saved
    like ``etag``, it lets the next poll end without decoding the same bytes.
    """

    content: bytes
    content_type: str
    url: str
    date: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    wire_digest: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", as_utc(self.date, "date"))


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """One event owed to one target, claimed from the outbox by a worker.

    ``body`` is the payload as first sent: retries send the same bytes.
    """

    id: int
    event: Event
    target: str
    source: str
    attempts: int
    body: bytes | None = None

    @property
    def idempotency_key(self) -> str:
        """The Standard Webhooks ``webhook-id``: one per (event, target), stable across retries, no dots."""
        return f"msg_{self.event.id.removeprefix('evt_')}_{self.target}".replace(".", "-")


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetStats:
    """Outbox counts for one target, for ``livetail status``."""

    target: str
    pending: int
    failed: int  # pending rows that have failed at least once
    dead: int
    sent: int
    last_error: str | None
    disabled_reason: str | None
