"""Decide what a poll means: (stored state, extracted updates, now) → events and store intents.

Pure: no clock, network or database. The store runs :func:`reconcile` inside the write
transaction that applies its result, so two pollers of one source can never both decide
"created" for the same update (and the store's unique keys back that up).

Rules (DESIGN.md):

* a uid never seen for the source — ever, tombstones and updates that fell off included —
  is ``update.created``; on the very first poll of a source the page is a silent baseline
  (stored and published, no events) unless the source sets ``backfill_alerts``;
* a known update (uid, else fingerprint when the winning strategy changed) whose normalised
  title or text changed is ``update.edited``;
* a known uid missing while non-pinned updates both newer *and* older than it are still on
  the page was retracted: ``update.deleted``; falling off the end of the page is not;
* a poll that would make more than half of a known source's page new sends no update events
  and emits one ``source.degraded`` instead (a broken extractor must not cause an alert storm).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from livetail import identity
from livetail.model import EventType, Update


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownUpdate:
    """What reconcile needs to know about a stored update."""

    uid: str
    fingerprint: str
    content_hash: str
    title: str
    text: str
    pinned: bool
    deleted: bool
    position: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceState:
    """A source's stored state, read inside the reconcile transaction."""

    name: str
    polled_before: bool
    strategy: str | None
    known: tuple[KnownUpdate, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventIntent:
    """An event to commit; the store assigns its sequence number."""

    id: str
    type: EventType
    uid: str | None
    title: str
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateIntent:
    """Insert or refresh one update; ``is_new`` inserts, otherwise content fields are replaced."""

    update: Update
    stored_uid: str
    atom_id: str
    content_hash: str
    position: int
    is_new: bool
    changed: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconcileResult:
    """Everything one poll writes: updates, deletions, events, and the winning strategy."""

    source: str
    strategy: str
    now: datetime
    writes: tuple[UpdateIntent, ...] = ()
    deleted_uids: tuple[str, ...] = ()
    events: tuple[EventIntent, ...] = ()
    degraded: bool = False

    @property
    def writes_changed(self) -> bool:
        """Whether anything a feed shows changed (new, edited, moved or deleted updates)."""
        return bool(self.deleted_uids) or any(w.changed or w.is_new for w in self.writes)

    @property
    def created(self) -> int:
        return sum(1 for e in self.events if e.type is EventType.UPDATE_CREATED)


def _retracted(known: Sequence[KnownUpdate], present: set[str]) -> list[KnownUpdate]:
    """Known, live, non-pinned updates missing from the page between two present ones.

    Positions are the page order of the previous poll; only non-pinned neighbours count, so
    an old pinned post on top never makes the tail of a truncated page look deleted.
    """
    ordered = sorted((k for k in known if not k.deleted and not k.pinned), key=lambda k: k.position)
    flags = [k.uid in present for k in ordered]
    result = []
    for i, k in enumerate(ordered):
        if not flags[i] and any(flags[:i]) and any(flags[i + 1 :]):
            result.append(k)
    return result


def reconcile(
    state: SourceState,
    page: Sequence[Update],
    *,
    strategy: str,
    now: datetime,
    backfill_alerts: bool = False,
) -> ReconcileResult:
    """Compare one extraction of a page with the stored state of its source."""
    by_uid = {k.uid: k for k in state.known}
    by_fingerprint: dict[str, KnownUpdate] = {}
    for k in state.known:
        by_fingerprint.setdefault(k.fingerprint, k)
    strategy_changed = state.strategy is not None and state.strategy != strategy

    writes: list[UpdateIntent] = []
    events: list[EventIntent] = []
    seen_stored: set[str] = set()
    new_count = 0
    for position, update in enumerate(page):
        known = by_uid.get(update.uid)
        if known is None and (strategy_changed or update.uid.startswith("h-")):
            # A hash uid moves when a title is corrected; a strategy change moves every uid.
            candidate = by_fingerprint.get(update.fingerprint)
            if candidate is not None and candidate.uid not in seen_stored:
                known = candidate
        chash = identity.content_hash(update.title, update.text)
        if known is None:
            if update.uid in seen_stored:
                continue  # the same update twice on one page (a pinned copy): keep the first
            new_count += 1
            seen_stored.add(update.uid)
            writes.append(
                UpdateIntent(
                    update=update,
                    stored_uid=update.uid,
                    atom_id=identity.atom_id(state.name, update.uid),
                    content_hash=chash,
                    position=position,
                    is_new=True,
                    changed=True,
                )
            )
            events.append(
                EventIntent(
                    id=identity.event_id(state.name, update.uid, EventType.UPDATE_CREATED),
                    type=EventType.UPDATE_CREATED,
                    uid=update.uid,
                    title=update.title,
                )
            )
            continue
        if known.uid in seen_stored:
            continue
        seen_stored.add(known.uid)
        changed = chash != known.content_hash
        writes.append(
            UpdateIntent(
                update=update,
                stored_uid=known.uid,
                atom_id=identity.atom_id(state.name, known.uid),
                content_hash=chash,
                position=position,
                is_new=False,
                changed=changed,
            )
        )
        if changed and not known.deleted:
            events.append(
                EventIntent(
                    id=identity.event_id(state.name, known.uid, EventType.UPDATE_EDITED, chash),
                    type=EventType.UPDATE_EDITED,
                    uid=known.uid,
                    title=update.title,
                    data={"previous": {"title": known.title, "text": known.text}},
                )
            )

    present = seen_stored
    deleted = _retracted(state.known, present)
    for k in deleted:
        events.append(
            EventIntent(
                id=identity.event_id(state.name, k.uid, EventType.UPDATE_DELETED, k.content_hash),
                type=EventType.UPDATE_DELETED,
                uid=k.uid,
                title=k.title,
            )
        )

    live_known = sum(1 for k in state.known if not k.deleted)
    degraded = state.polled_before and live_known > 0 and new_count * 2 > len(page) and len(page) > 1
    if not state.polled_before and not backfill_alerts:
        events = []  # the silent baseline: stored and published, never alerted
    elif degraded:
        events = [
            EventIntent(
                id=identity.event_id(state.name, None, EventType.SOURCE_DEGRADED, f"{now.isoformat()}"),
                type=EventType.SOURCE_DEGRADED,
                uid=None,
                title=f"{state.name}: {new_count} of {len(page)} updates look new",
                data={
                    "reason": f"{new_count} of {len(page)} updates on the page look new; alerts held back",
                    "strategy_before": state.strategy,
                    "strategy_after": strategy,
                },
            )
        ]
    if degraded:
        deleted = []  # a page that looks this different proves nothing about retractions
    return ReconcileResult(
        source=state.name,
        strategy=strategy,
        now=now,
        writes=tuple(writes),
        deleted_uids=tuple(k.uid for k in deleted),
        events=tuple(events),
        degraded=degraded,
    )
