"""A published document as it is served (:class:`Rendered`, with its media type), and the ones
served from the store when they are not in memory: entry documents and archive pages
(see :meth:`livetail.publisher.Publisher.lookup`).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from livetail.config import Config, SourceConfig
from livetail.feeds import FeedSource, entry_rel_path, feed_rel_path
from livetail.feeds.atom import render_entry_document
from livetail.store import Store

ATOM_TYPE = "application/atom+xml; charset=utf-8"
ENTRY_TYPE = "application/atom+xml; type=entry; charset=utf-8"
OPML_TYPE = "text/x-opml; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Rendered:
    """One published document as served: bytes, type, and when its bytes last changed."""

    path: str
    body: bytes
    content_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'


async def from_store(
    store: Store,
    config: Config,
    path: str,
    *,
    feed_source: Callable[[SourceConfig], Awaitable[FeedSource | None]],
    clock: Callable[[], datetime],
) -> Rendered | None:
    """An entry document or an archive page by path, read from the store; None for anything else."""
    parts = path.split("/")
    if len(parts) == 4 and parts[0] == "feeds" and parts[2] == "entries" and parts[3].endswith(".atom"):
        return await _entry_from_store(store, config, feed_source, parts[1], parts[3].removesuffix(".atom"))
    if (
        len(parts) == 4
        and parts[0] == "feeds"
        and parts[2] == "archive"
        and parts[3].removesuffix(".atom").isdigit()
        and any(s.name == parts[1] for s in config.sources)
    ):
        body = await store.get_archive(parts[1], int(parts[3].removesuffix(".atom")))
        return Rendered(path, body, ATOM_TYPE, clock().replace(microsecond=0)) if body else None
    return None


async def _entry_from_store(
    store: Store,
    config: Config,
    feed_source: Callable[[SourceConfig], Awaitable[FeedSource | None]],
    source_name: str,
    key: str,
) -> Rendered | None:
    try:
        atom_id = f"urn:uuid:{uuid.UUID(hex=key)}"
    except ValueError:
        return None
    update = await store.get_update_by_atom_id(atom_id)
    source = next((s for s in config.sources if s.name == source_name), None)
    if update is None or source is None or update.source != source_name:
        return None
    feed = await feed_source(source)
    if feed is None:
        return None
    base = config.publish.base_url
    path = entry_rel_path(source_name, atom_id)
    body = render_entry_document(
        feed, update, self_url=base + path, feed_url=base + feed_rel_path(source_name)
    )
    return Rendered(path, body, ENTRY_TYPE, update.updated.replace(microsecond=0))
