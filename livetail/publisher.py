"""Render every published document from the store, export it atomically, and keep it for HTTP.

The shell between the store and ``feeds``: per source it renders the subscription documents
(Atom and JSON Feed), fills RFC 5005 archive pages once each (stored in the database, so every
instance serves the same immutable bytes), renders entry documents for the window, and then
the aggregate feed and the OPML list. Files are only rewritten when their bytes change.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from livetail import identity
from livetail.config import Config, SourceConfig
from livetail.errors import PublishError
from livetail.feeds import (
    AGGREGATE,
    OPML_PATH,
    ContentMode,
    FeedLinks,
    FeedSource,
    archive_rel_path,
    entry_rel_path,
    feed_rel_path,
    write_atomic,
)
from livetail.feeds.atom import EntryCache, render_atom, render_entry_document
from livetail.feeds.jsonfeed import MEDIA_TYPE as JSON_FEED_TYPE
from livetail.feeds.jsonfeed import ItemCache, render_json_feed
from livetail.feeds.opml import Outline, render_opml
from livetail.model import EventType, StoredUpdate
from livetail.notifiers.websub import WEBSUB_TARGET
from livetail.reconcile import EventIntent
from livetail.served import ATOM_TYPE, ENTRY_TYPE, OPML_TYPE, Rendered, from_store
from livetail.store import SourceRecord, Store

log = logging.getLogger("livetail.publish")


class Publisher:
    """Publishes feeds for the configured sources; the clock is injected for determinism."""

    def __init__(self, config: Config, store: Store, clock: Callable[[], datetime]) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.documents: dict[str, Rendered] = {}
        self._windows: dict[str, tuple[FeedSource, list[StoredUpdate]]] = {}
        self._entry_keys: dict[str, tuple[object, ...]] = {}
        self._versions: dict[str, int] = {}  # the stored version each source was rendered at
        self._checked_at: datetime | None = None
        # Per feed (source name, or AGGREGATE): its last rendering's entries and items, reused by
        # the next rendering where unchanged (a changed blog re-renders 30 entries to add one).
        self._atom_caches: dict[str, EntryCache] = {}
        self._json_caches: dict[str, ItemCache] = {}
        # Bumped whenever a source's window (or feed facts) differs from what it was: the
        # aggregate is rendered again only when this or the configuration moved.
        self._generation = 0
        self._aggregated: tuple[object, ...] | None = None
        # Files this process exported (so their bytes are known), as strings: one per document.
        self._written: set[str] = set()
        # Documents whose export failed: written with the next export, whatever changed then.
        self._unexported: set[str] = set()
        #: Why the last export failed, until one succeeds (``poll --once`` exits 1 on it).
        self.export_error: PublishError | None = None

    @property
    def base(self) -> str:
        return self.config.publish.base_url

    def _keep(self, path: str, body: bytes, content_type: str) -> bool:
        """Cache and export one document; True when its bytes changed."""
        old = self.documents.get(path)
        if old is not None and old.body == body:
            return False
        self.documents[path] = Rendered(path, body, content_type, self.clock().replace(microsecond=0))
        return True

    async def _export(self, paths: list[str]) -> None:
        """Write documents under the publish dir, atomically (see :func:`write_atomic`).

        Durability: only entry documents are fsynced before their rename. Every other file
        (feeds, archives, the aggregate, OPML) is rendered again from the database by every
        process before it polls (``publish_all`` at daemon start, the first poll of each source
        in ``poll --once``) and compared with the bytes on disk, so one that a power cut left
        empty or stale is rewritten on the next start; an fsync per file (three per changed
        poll, several ms each on a busy disk) would buy nothing the database itself guarantees:
        it commits with ``synchronous = NORMAL``, so after a power cut it may be behind the
        files anyway. Entry documents are not all rendered again (only the window's), so they
        stay durable. A process crash never matters: the rename is atomic in the kernel.
        A file this process wrote before is not read back to compare (its bytes are ours).

        A write that fails (a full disk, a folder made read-only) is logged, not raised: the
        poll has committed, and the documents are served from memory anyway; they are written
        with the next export.
        """
        self._unexported &= self.documents.keys()  # (not those of a source removed since)
        paths = list(dict.fromkeys([*paths, *sorted(self._unexported)]))
        if not paths:
            return
        base = Path(self.config.publish.dir)
        targets = [base / p for p in paths]
        jobs = [
            (t, self.documents[p].body, "/entries/" in p, str(t) not in self._written)
            for p, t in zip(paths, targets, strict=True)
        ]

        def write() -> dict[str, OSError]:
            # Each file on its own: one folder in the way must not keep every other feed stale.
            failed: dict[str, OSError] = {}
            for path, (target, body, durable, compare) in zip(paths, jobs, strict=True):
                try:
                    write_atomic(target, body, durable=durable, compare=compare)
                except OSError as e:
                    failed[path] = e
            return failed

        failed = await asyncio.to_thread(write)
        # (exports of several polls may interleave: only this one's paths are settled here)
        self._unexported = (self._unexported - set(paths)) | set(failed)
        self._written.update(str(t) for p, t in zip(paths, targets, strict=True) if p not in failed)
        if not failed:
            if not self._unexported:
                self.export_error = None
            return
        first = next(iter(failed.values()))
        where = first.filename or base
        self.export_error = PublishError(
            f"cannot write {where} ([publish] dir): {first.strerror or first}"
            + (f" (and {len(failed) - 1} more file(s))" if len(failed) > 1 else "")
        )
        log.error("feeds not written error=%s", self.export_error)

    async def _ping(self, source: str, path: str) -> None:
        """Owe the WebSub hub a ping for a subscription document whose bytes changed.

        The event id hashes the topic and its bytes, so re-rendering the same bytes (a restart
        with an empty cache) owes nothing new.
        """
        if not self.config.publish.websub_hub:
            return
        topic = self.base + path
        digest = hashlib.sha256(self.documents[path].body).hexdigest()
        intent = EventIntent(
            id=identity.event_id(source, None, EventType.FEED_CHANGED, f"{topic}\n{digest}"),
            type=EventType.FEED_CHANGED,
            uid=None,
            title=f"{topic} changed",
            data={"topic": topic},
        )
        await self.store.enqueue_event(
            source=source, intent=intent, targets=[WEBSUB_TARGET], now=self.clock()
        )

    async def feed_source(self, source: SourceConfig) -> FeedSource | None:
        record = await self.store.get_source(source.name)
        return None if record is None else self._feed_of(source, record)

    def _feed_of(self, source: SourceConfig, record: SourceRecord) -> FeedSource:
        return FeedSource(
            name=source.name,
            feed_id=record.feed_id,
            title=source.title or record.title or source.name,
            url=source.url,
            since=record.first_polled_at or record.last_polled_at or self.clock(),
            content=source.content,
        )

    async def publish_source(self, source: SourceConfig) -> list[str]:
        """Render and export one source's documents; return the paths whose bytes changed."""
        record = await self.store.get_source(source.name)
        if record is None:
            return []
        feed = self._feed_of(source, record)
        name, window = source.name, self.config.publish.window
        now = self.clock()
        retention = now - self.config.publish.tombstones
        # Queued together, the reads run back to back on the store's thread (one hand-off each
        # way instead of four round trips through the event loop).
        count, updates, edited_since, tombstones = await asyncio.gather(
            self.store.count_updates(name),
            self.store.list_updates(name, limit=window),
            self.store.list_edited_since(name, since=retention),
            self.store.list_tombstones(name, since=retention),
        )
        changed: list[str] = []
        newest_archive = await self._fill_archives(feed, window, count, now, changed)
        in_window = {u.atom_id for u in updates}
        edited = [u for u in edited_since if u.atom_id not in in_window]
        entry_urls = {u.atom_id: self.base + entry_rel_path(name, u.atom_id) for u in updates}
        links = FeedLinks(
            self_url=self.base + feed_rel_path(name),
            alternate=source.url,
            hub=self.config.publish.websub_hub,
            prev_archive=self.base + archive_rel_path(name, newest_archive) if newest_archive else None,
        )
        atom = render_atom(
            feed,
            [*updates, *edited],
            links=links,
            tombstones=tombstones,
            entry_urls=entry_urls,
            cache=self._atom_caches.setdefault(name, EntryCache()),
        )
        json_url = self.base + feed_rel_path(name, "json")
        json_feed = render_json_feed(
            feed,
            updates,
            feed_url=json_url,
            hub=self.config.publish.websub_hub,
            cache=self._json_caches.setdefault(name, ItemCache()),
        )
        for path, body, ctype in (
            (feed_rel_path(name), atom, ATOM_TYPE),
            (feed_rel_path(name, "json"), json_feed, JSON_FEED_TYPE),
        ):
            if self._keep(path, body, ctype):
                changed.append(path)
                await self._ping(name, path)
        for update in updates:
            path = entry_rel_path(name, update.atom_id)
            # An entry document depends only on the update and the feed's identity: re-render
            # it only when one of those changed (most of a window is the same poll after poll).
            key = (
                update.title,
                update.content_html,
                update.text,
                update.url,
                update.updated,
                update.published or update.first_seen,
                update.authors,
                feed,
                links.self_url,
            )
            if self._entry_keys.get(path) == key and path in self.documents:
                continue
            body = render_entry_document(
                feed, update, self_url=entry_urls[update.atom_id], feed_url=links.self_url
            )
            self._entry_keys[path] = key
            if self._keep(path, body, ENTRY_TYPE):
                changed.append(path)
        if self._windows.get(name) != (feed, updates):
            self._generation += 1
        self._windows[name] = (feed, updates)
        self._versions[name] = record.version
        await self._export(changed)
        return changed

    async def _fill_archives(
        self, feed: FeedSource, size: int, count: int, now: datetime, changed: list[str]
    ) -> int:
        """Write every archive page that is full and not yet written; return the newest page number.

        ``count``: the source's stored updates (deleted ones included).
        """
        full = count // size
        current = self.base + feed_rel_path(feed.name)
        for page in range(1, full + 1):
            path = archive_rel_path(feed.name, page)
            if path in self.documents:
                continue  # archive pages are immutable: kept (and exported) once is enough
            body = await self.store.get_archive(feed.name, page)
            if body is None:
                block = await self.store.list_by_first_seen(feed.name, offset=(page - 1) * size, limit=size)
                live = sorted(
                    (u for u in block if u.deleted_at is None),
                    key=lambda u: (u.published or u.first_seen, u.uid),
                    reverse=True,
                )
                links = FeedLinks(
                    self_url=self.base + path,
                    alternate=feed.url,
                    current=current,
                    prev_archive=self.base + archive_rel_path(feed.name, page - 1) if page > 1 else None,
                )
                rendered = render_atom(feed, live, links=links, archive=True)
                body = await self.store.save_archive(feed.name, page, rendered, now=now)
            if self._keep(path, body, ATOM_TYPE):
                changed.append(path)
        await self._export([p for p in changed if "/archive/" in p])
        return full

    async def publish_aggregate(self) -> list[str]:
        """The feed over every source, and the OPML list (rendered again only when an input moved)."""
        inputs = (self._generation, tuple(self.config.sources), self.config.publish)
        if inputs == self._aggregated and self._windows:
            return []
        self._aggregated = inputs
        changed: list[str] = []
        merged: list[StoredUpdate] = []
        prefixes: dict[str, str] = {}
        # Each entry keeps its own source's content mode: an "excerpt" source's full text must
        # not come out through the feed over every source.
        contents: dict[str, ContentMode] = {}
        outlines = []
        for source in self.config.sources:
            if source.name not in self._windows:
                continue
            feed, updates = self._windows[source.name]
            merged += updates
            prefixes.update({u.atom_id: f"[{feed.title}] " for u in updates})
            contents.update({u.atom_id: feed.content for u in updates})
            outlines.append(Outline(feed.title, self.base + feed_rel_path(source.name), source.url))
        merged.sort(key=lambda u: (u.published or u.first_seen, u.atom_id), reverse=True)
        merged = merged[: self.config.publish.window]
        since = min((f.since for f, _ in self._windows.values()), default=self.clock())
        aggregate = FeedSource(
            name=AGGREGATE,
            feed_id=identity.feed_id(AGGREGATE),
            title="livetail: all sources",
            url=self.base,
            since=since,
        )
        links = FeedLinks(self_url=self.base + feed_rel_path(AGGREGATE), alternate=self.base)
        documents = (
            (
                feed_rel_path(AGGREGATE),
                render_atom(
                    aggregate,
                    merged,
                    links=links,
                    prefixes=prefixes,
                    contents=contents,
                    cache=self._atom_caches.setdefault(AGGREGATE, EntryCache()),
                ),
                ATOM_TYPE,
            ),
            (
                feed_rel_path(AGGREGATE, "json"),
                render_json_feed(
                    aggregate,
                    merged,
                    feed_url=self.base + feed_rel_path(AGGREGATE, "json"),
                    prefixes=prefixes,
                    contents=contents,
                    cache=self._json_caches.setdefault(AGGREGATE, ItemCache()),
                ),
                JSON_FEED_TYPE,
            ),
            (OPML_PATH, render_opml("livetail feeds", outlines), OPML_TYPE),
        )
        for path, body, ctype in documents:
            if self._keep(path, body, ctype):
                changed.append(path)
                if path != OPML_PATH:
                    await self._ping(AGGREGATE, path)
        await self._export(changed)
        return changed

    def forget(self, name: str) -> None:
        """Drop a source removed from the config: it is no longer served, nor in the aggregate, and
        its caches are freed. Its exported files stay: a config edit never deletes a reader's feed."""
        mine = (feed_rel_path(name), feed_rel_path(name, "json"))
        for path in [p for p in self.documents if p in mine or p.startswith(f"feeds/{name}/")]:
            del self.documents[path]
        for path in [p for p in self._entry_keys if p.startswith(f"feeds/{name}/")]:
            del self._entry_keys[path]
        for table in (self._windows, self._versions, self._atom_caches, self._json_caches):
            table.pop(name, None)
        self._generation += 1

    async def publish_all(self) -> list[str]:
        changed = []
        for source in self.config.sources:
            changed += await self.publish_source(source)
        return changed + await self.publish_aggregate()

    async def refresh(self) -> None:
        """Re-render sources whose stored version moved since this process rendered them.

        Another instance sharing the database may have polled them: every instance serves
        what the database holds, not only what it polled itself. At most once a second.
        """
        now = self.clock()
        if self._checked_at is not None and (now - self._checked_at).total_seconds() < 1:
            return
        self._checked_at = now
        versions = {r.name: r.version for r in await self.store.list_sources()}
        stale = [s for s in self.config.sources if versions.get(s.name, 0) != self._versions.get(s.name, 0)]
        for source in stale:
            await self.publish_source(source)
        if stale:
            await self.publish_aggregate()

    async def lookup(self, path: str) -> Rendered | None:
        """A document by path: from the cache, else (entry documents, archives) from the store."""
        if path.startswith("feeds"):
            await self.refresh()
        found = self.documents.get(path)
        if found is not None:
            return found
        return await from_store(self.store, self.config, path, feed_source=self.feed_source, clock=self.clock)
