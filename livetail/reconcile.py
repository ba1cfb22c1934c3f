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
  and emits one ``source.degraded`` instead (a broken extractor must not cause an alert storm);
* a poll read by another extractor version than the stored state (livetail was upgraded and
  reads the page differently) is a re-baseline: what it reads is stored and the next poll
  compares with it; only new updates published after every stored one are announced (no edits,
  no retractions);
* updates are identified per page: a source pointed at another page (the next day's live blog)
  reads it as its ``state.page``-th page, whose uids are namespaced (:func:`identity.page_uid`)
  and compared only with what that page stored. A page never followed before is no silent
  baseline: its posts are announced, except those a page followed before already carried
  (``state.elsewhere``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import cast

from livetail import identity
from livetail.model import EventType, Update
from livetail.reconcile_match import match, retracted


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
    when: datetime  # published, else first seen: what "newer" and "older" mean


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceState:
    """A source's stored state, read inside the reconcile transaction."""

    name: str
    polled_before: bool
    strategy: str | None
    known: tuple[KnownUpdate, ...] = ()
    #: The extractor version of the last reconciled poll (None: before versions were recorded).
    extractor: int | None = None
    #: Which of the source's pages this poll reads (1: the first; see :func:`identity.page_uid`).
    #: ``known`` holds only that page's updates.
    page: int = 1
    #: The last reconciled poll read another page (the source was pointed at this one since).
    turned: bool = False
    #: When ``turned``: fingerprints of the updates stored from the source's other pages.
    elsewhere: frozenset[str] = frozenset()


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
    extractor: int | None = None
    #: A re-baseline: the page was read by another extractor version than the stored state.
    rebaselined: bool = False
    #: The first poll since the source was pointed at this page (``SourceState.turned``).
    turned: bool = False

    @property
    def writes_changed(self) -> bool:
        """Whether anything a feed shows changed (new, edited, moved or deleted updates)."""
        return bool(self.deleted_uids) or any(w.changed or w.is_new for w in self.writes)

    @property
    def created(self) -> int:
        return sum(1 for e in self.events if e.type is EventType.UPDATE_CREATED)


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def snapshot(update: Update, uid: str) -> dict[str, object]:
    """The update as events carry it: what a subscriber needs, fixed at the moment of the event."""
    return {
        "uid": uid,
        "title": update.title,
        "text": update.text,
        "content_html": update.content_html,
        "url": update.url,
        "published": _stamp(update.published),
        "modified": _stamp(update.modified),
        "authors": list(update.authors),
        "pinned": update.pinned,
        "key_event": update.key_event,
    }


def _oldest_first(
    created: list[tuple[int, Update, EventIntent]], page: Sequence[Update]
) -> list[EventIntent]:
    """New updates in the order they were posted, as a chat channel or an inbox shows them: by
    published time when every new one has one, else in page order read from its old end (most
    live blogs put the newest on top; a page whose dated updates rise is read top down)."""
    times = [u.published for u in page if u.published is not None and not u.pinned]
    oldest_on_top = len(times) > 1 and times[0] < times[-1]
    ordered = sorted(created, key=lambda c: c[0] if oldest_on_top else -c[0])
    if all(u.published is not None for _, u, _ in ordered):
        ordered.sort(key=lambda c: cast(datetime, c[1].published))  # stable: same times keep that order
    return [intent for _, _, intent in ordered]


def _after_everything_known(
    created: list[tuple[int, Update, EventIntent]], page: Sequence[Update], known: Sequence[KnownUpdate]
) -> list[EventIntent]:
    """A re-baseline's only alerts: new updates published after every stored one. A page that
    answers 304 or the same bytes is never reconciled, so the first poll under a new extractor
    is often the one that brings a new post; an update the new extractor merely reads under
    another uid keeps its old time and stays silent."""
    latest = max((k.when for k in known if not k.deleted), default=None)
    if latest is None:
        return []
    after = [c for c in created if c[1].published is not None and c[1].published > latest and not c[1].pinned]
    return _oldest_first(after, page)


def reconcile(
    state: SourceState,
    page: Sequence[Update],
    *,
    strategy: str,
    now: datetime,
    backfill_alerts: bool = False,
    extractor: int | None = None,
) -> ReconcileResult:
    """Compare one extraction of a page with the stored state of its source."""
    if state.page > 1:
        # The source's later pages reuse the first one's ids ("post-1"…): namespaced, they are
        # other updates, with Atom and event ids of their own.
        page = [replace(u, uid=identity.page_uid(u.uid, state.page)) for u in page]
    # Another extractor version read this page last (an upgrade): uids, titles and texts may
    # have moved with it, so updates are matched as after a strategy change and the poll is a
    # silent re-baseline, like the first one. A page none of whose updates are stored (the
    # source was just pointed at it) has nothing to re-baseline.
    fresh_page = state.turned and not state.known
    rebaseline = (
        extractor is not None and state.polled_before and state.extractor != extractor and not fresh_page
    )
    strategy_changed = (state.strategy is not None and state.strategy != strategy) or rebaseline
    matches = match(state, page, strategy_changed)

    writes: list[UpdateIntent] = []
    events: list[EventIntent] = []
    created: list[tuple[int, Update, EventIntent]] = []  # announced oldest first, see below
    seen_stored: set[str] = set()
    present: dict[str, datetime] = {}  # non-pinned updates on the page, by stored uid → time
    same_opening: set[str] = set()  # stored uids rewritten with their title and opening words kept
    new_count = 0
    for position, update in enumerate(page):
        known = matches.get(position)
        chash = identity.content_hash(update.title, update.text)
        if known is None:
            if update.uid in seen_stored:
                continue  # the same update twice on one page (a pinned copy): keep the first
            new_count += 1
            seen_stored.add(update.uid)
            if not update.pinned:
                present[update.uid] = update.published or now
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
            intent = EventIntent(
                id=identity.event_id(state.name, update.uid, EventType.UPDATE_CREATED),
                type=EventType.UPDATE_CREATED,
                uid=update.uid,
                title=update.title,
                data={"update": snapshot(update, update.uid)},
            )
            created.append((position, update, intent))
            continue
        seen_stored.add(known.uid)
        if not update.pinned:
            present[known.uid] = update.published or known.when
        changed = chash != known.content_hash
        if changed and update.fingerprint == known.fingerprint:
            same_opening.add(known.uid)
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
                    data={
                        "update": snapshot(update, known.uid),
                        "previous": {"title": known.title, "text": known.text},
                    },
                )
            )

    if state.elsewhere:
        # A new day's page often opens with posts of the page before (a summary, the last few
        # posts): those were announced there, so they are stored here silently.
        created = [c for c in created if c[1].fingerprint not in state.elsewhere]
    events = _oldest_first(created, page) + events
    deleted = retracted(state.known, present, seen_stored)
    for k in deleted:
        events.append(
            EventIntent(
                id=identity.event_id(state.name, k.uid, EventType.UPDATE_DELETED, k.content_hash),
                type=EventType.UPDATE_DELETED,
                uid=k.uid,
                title=k.title,
                data={"update": {"uid": k.uid, "title": k.title, "text": k.text}},
            )
        )

    live_known = sum(1 for k in state.known if not k.deleted)
    edited_count = sum(1 for w in writes if w.changed and not w.is_new)
    # More than half of the page new — or rewritten at once — is a broken extractor or a page
    # that became something else, not news: no alert storm, one source.degraded instead.
    degraded = (
        state.polled_before
        and not rebaseline  # a re-baseline stores what the new extractor reads, all of it
        and live_known > 0
        and len(page) > 1
        and (new_count * 2 > len(page) or (edited_count > 2 and edited_count * 2 > len(page)))
    )
    if degraded:
        # Keep what was stored; new uids are still stored so they are never announced later. A
        # rewrite that keeps an update's title and opening words (a newer extractor cutting a
        # share box, a site trimming its template) is stored silently all the same: kept out, it
        # would look rewritten on every later poll, and each one would be degraded in turn.
        writes = [
            replace(w, changed=False) if not w.is_new and w.stored_uid not in same_opening else w
            for w in writes
        ]
    if not state.polled_before and not backfill_alerts:
        events = []  # the silent baseline: stored and published, never alerted
    elif rebaseline:
        events = _after_everything_known(created, page, state.known)
    elif degraded:
        events = [
            EventIntent(
                id=identity.event_id(state.name, None, EventType.SOURCE_DEGRADED, f"{now.isoformat()}"),
                type=EventType.SOURCE_DEGRADED,
                uid=None,
                title=f"{state.name}: {new_count} new and {edited_count} rewritten of {len(page)} updates",
                data={
                    "reason": f"{new_count} of {len(page)} updates on the page look new and {edited_count} "
                    "rewritten; alerts held back",
                    "strategy_before": state.strategy,
                    "strategy_after": strategy,
                },
            )
        ]
    if degraded:
        deleted = []  # a page that looks this different proves nothing about retractions
    # (A re-baseline keeps its retractions, unannounced: a stored update the new extractor no
    # longer finds between its neighbours, read under another uid or no update at all, would
    # otherwise be announced as retracted by the next poll.)
    return ReconcileResult(
        source=state.name,
        strategy=strategy,
        now=now,
        writes=tuple(writes),
        deleted_uids=tuple(k.uid for k in deleted),
        events=tuple(events),
        degraded=degraded,
        extractor=extractor,
        rebaselined=rebaseline,
        turned=state.turned,
    )
