"""What the pages show, computed from the config, the store and the scheduler: no HTML here.

Per-source activity (updates stored, their recent times, the newest title) is cached and dropped
when the event hub sees an event for the source, and after a minute anyway, so the dashboard of
hundreds of sources costs two queries (sources, targets) plus a template render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from livetail.config import Config, SourceConfig, page_key
from livetail.model import StoredUpdate, TargetStats
from livetail.store import SourceRecord, Store
from livetail.web import SourceTiming

HOURS = 24
RECENT = timedelta(hours=HOURS + 1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: A ``modified`` this much after ``published`` marks an update as edited (not a same-minute fix-up).
EDIT_SLACK = timedelta(minutes=1)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (never a ``javascript:`` or ``data:`` link)."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def when(update: StoredUpdate) -> datetime:
    return update.published or update.first_seen


@dataclass(frozen=True, slots=True)
class Activity:
    stored: int
    recent: tuple[float, ...]  # POSIX times of live updates in the last 25 h, newest first
    latest_title: str | None
    latest_url: str | None
    computed: datetime
    #: The sparkline as last drawn and the minute it was drawn for (it moves with the clock).
    drawn: dict[int, Sparkline] = field(default_factory=dict, compare=False)

    def sparkline(self, now: datetime) -> Sparkline:
        minute = int(now.timestamp() // 60)
        found = self.drawn.get(minute)
        if found is None:
            found = _sparkline(self.recent, now.timestamp(), 96, 22)
            self.drawn.clear()
            self.drawn[minute] = found
        return found

    def since(self, start: datetime) -> int:
        cut = start.timestamp()
        return sum(1 for t in self.recent if t >= cut)


class ActivityCache:
    """Per-source activity, recomputed when the source has new events or ``ttl`` passed."""

    def __init__(
        self, store: Callable[[], Store], clock: Callable[[], datetime], ttl: timedelta = timedelta(minutes=1)
    ) -> None:
        self._store = store
        self._clock = clock
        self.ttl = ttl
        self._cache: dict[str, Activity] = {}

    def invalidate(self, names: Iterable[str]) -> None:
        for name in names:
            self._cache.pop(name, None)

    async def get(self, name: str) -> Activity:
        now = self._clock()
        found = self._cache.get(name)
        if found is not None and now - found.computed < self.ttl:
            return found
        store = self._store()
        limit = 200
        while True:  # newest first: read until the oldest read is older than the window
            updates = await store.list_updates(name, limit=limit)
            if len(updates) < limit or when(updates[-1]) < now - RECENT:
                break
            limit *= 4
        cut = now - RECENT
        recent = tuple(when(u).timestamp() for u in updates if when(u) >= cut)
        latest = updates[0] if updates else None
        activity = Activity(
            stored=await store.count_updates(name),
            recent=recent,
            latest_title=latest.title if latest else None,
            latest_url=safe_url(latest.url) if latest else None,
            computed=now,
        )
        self._cache[name] = activity
        return activity


@dataclass(frozen=True, slots=True)
class Sparkline:
    counts: tuple[int, ...]  # oldest hour first
    points: str  # SVG polyline points
    area: str  # SVG polygon points (the line closed along the bottom)
    peak: int
    total: int
    width: int
    height: int


def sparkline(times: Sequence[datetime], now: datetime, *, width: int = 96, height: int = 22) -> Sparkline:
    return _sparkline(tuple(t.timestamp() for t in times), now.timestamp(), width, height)


def _sparkline(stamps: tuple[float, ...], now: float, width: int, height: int) -> Sparkline:
    counts = [0] * HOURS
    for t in stamps:
        age = int((now - t) // 3600)
        if 0 <= age < HOURS:
            counts[HOURS - 1 - age] += 1
    peak = max(counts)
    step = width / (HOURS - 1)
    usable = height - 3
    points = " ".join(
        f"{i * step:.1f},{height - 1.5 - (c / peak if peak else 0) * usable:.1f}"
        for i, c in enumerate(counts)
    )
    area = f"0,{height} {points} {width},{height}"
    return Sparkline(tuple(counts), points, area, peak, sum(counts), width, height)


@dataclass(frozen=True, slots=True)
class PageView:
    """Which page a source follows: the one its latest reconciled poll read (the configured URL
    until it has read one), and the configured URL when that is another page, not read yet."""

    url: str
    #: ``url`` when it is http(s), to link to (a ``file://`` page is shown, not linked).
    link: str | None
    #: 1 for the first page the source followed; 2 once it moved to the next day's page, …
    number: int
    #: The configured URL when it is another page than ``url``: the next poll reads it.
    next_url: str | None = None
    next_link: str | None = None


def page_view(source: SourceConfig, record: SourceRecord | None) -> PageView:
    if record is None or record.last_success_at is None:  # no page read yet: the one it will read
        return PageView(url=source.url, link=safe_url(source.url), number=1)
    moved = page_key(record.url) != page_key(source.url)
    return PageView(
        url=record.url,
        link=safe_url(record.url),
        number=record.page,
        next_url=source.url if moved else None,
        next_link=safe_url(source.url) if moved else None,
    )


@dataclass(frozen=True, slots=True)
class SourceRow:
    name: str
    title: str
    url: str | None
    page: PageView
    state: str  # live | ended | failing | waiting
    last_poll: datetime | None
    last_ok: bool | None
    next_poll: datetime | None
    stored: int
    last_hour: int
    failures: int
    last_error: str | None
    latest_title: str | None
    spark: Sparkline


def next_poll(
    source: SourceConfig, record: SourceRecord | None, timing: SourceTiming | None
) -> datetime | None:
    if timing is not None and timing.next_poll is not None:
        return timing.next_poll
    if record is None or record.last_polled_at is None:
        return None
    due = record.last_polled_at + (timing.interval if timing else source.interval)
    return max(due, record.retry_at) if record.retry_at else due


def state_of(record: SourceRecord | None, timing: SourceTiming | None) -> str:
    if record is None or record.last_polled_at is None:
        return "waiting"
    if record.consecutive_failures:
        return "failing"
    return "ended" if timing is not None and timing.ended else "live"


async def source_row(
    source: SourceConfig,
    record: SourceRecord | None,
    timing: SourceTiming | None,
    cache: ActivityCache,
    now: datetime,
) -> SourceRow:
    activity = await cache.get(source.name)
    return SourceRow(
        name=source.name,
        title=source.title or (record.title if record else None) or source.name,
        url=safe_url(source.url),
        page=page_view(source, record),
        state=state_of(record, timing),
        last_poll=record.last_polled_at if record else None,
        last_ok=None if record is None or record.last_polled_at is None else record.consecutive_failures == 0,
        next_poll=next_poll(source, record, timing),
        stored=activity.stored,
        last_hour=activity.since(now - timedelta(hours=1)),
        failures=record.consecutive_failures if record else 0,
        last_error=record.last_error if record and record.consecutive_failures else None,
        latest_title=activity.latest_title,
        spark=activity.sparkline(now),
    )


async def dashboard_rows(
    config: Config,
    store: Store,
    cache: ActivityCache,
    timing: Callable[[str], SourceTiming | None] | None,
    now: datetime,
) -> tuple[list[SourceRow], list[TargetStats]]:
    records = {r.name: r for r in await store.list_sources()}
    rows = [
        await source_row(s, records.get(s.name), timing(s.name) if timing else None, cache, now)
        for s in config.sources
    ]
    stats = {t.target: t for t in await store.target_stats()}
    targets = [
        stats.get(t.name)
        or TargetStats(
            target=t.name, pending=0, failed=0, dead=0, sent=0, last_error=None, disabled_reason=None
        )
        for t in config.targets
    ]
    targets += [s for name, s in sorted(stats.items()) if name not in {t.name for t in config.targets}]
    return rows, targets


@dataclass(frozen=True, slots=True)
class Entry:
    """One update on the timeline."""

    uid: str
    title: str
    content_html: str
    url: str | None
    when: datetime
    modified: datetime | None
    edited: bool
    pinned: bool
    key_event: bool
    authors: tuple[str, ...]
    retracted_at: datetime | None


def edited(update: StoredUpdate) -> bool:
    if update.modified is None:
        return False
    return update.modified > (update.published or update.first_seen) + EDIT_SLACK


def timeline(updates: Sequence[StoredUpdate], tombstones: Sequence[StoredUpdate]) -> list[Entry]:
    """Live updates and retracted ones together, newest first (pinned posts keep their time)."""
    seen: set[str] = set()
    entries: list[Entry] = []
    for u in (*updates, *tombstones):
        if u.uid in seen:
            continue
        seen.add(u.uid)
        entries.append(
            Entry(
                uid=u.uid,
                title=u.title,
                content_html=u.content_html,
                url=safe_url(u.url),
                when=when(u),
                modified=u.modified,
                edited=edited(u),
                pinned=u.pinned,
                key_event=u.key_event,
                authors=u.authors,
                retracted_at=u.deleted_at,
            )
        )
    entries.sort(key=lambda e: (e.when, e.uid), reverse=True)
    return entries


def iso(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z") if value else ""


def human(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if value else "—"


def ago(value: datetime | None, now: datetime) -> str:
    """``5 min ago`` / ``in 30 s``: what the script keeps current, rendered once by the server."""
    if value is None:
        return ""
    seconds = (now - value).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    if seconds < 45 and not future:
        return "just now"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min"), (1, "s")):
        if seconds >= size:
            amount = f"{int(seconds // size)} {unit}"
            return f"in {amount}" if future else f"{amount} ago"
    return "now"
