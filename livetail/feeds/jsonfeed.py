"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), deterministic: same store, same bytes."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from livetail.feeds import ContentMode, FeedSource, LastRendering
from livetail.feeds.atom import summary_of
from livetail.model import StoredUpdate

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def _item(content: ContentMode, update: StoredUpdate, prefix: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": update.atom_id,
        "url": update.url,
        "title": prefix + update.title,
    }
    if content == "full":
        item["content_html"] = update.content_html or "<p></p>"
    else:
        item["content_text"] = summary_of(update.text) or update.title
    if update.text:
        item["summary"] = summary_of(update.text)
    item["date_published"] = _stamp(update.published or update.first_seen)
    item["date_modified"] = _stamp(update.updated)
    if update.authors:
        item["authors"] = [{"name": name} for name in update.authors]
    if update.pinned or update.key_event:
        item["_livetail"] = {"pinned": update.pinned, "key_event": update.key_event}
    return item


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


#: Where an item sits in the document: ``feed`` > ``items`` > item, two spaces a level.
_ITEM_INDENT = " " * 4


class ItemCache:
    """The items of one feed's last rendering, as JSON text, reused when their inputs match.

    ``json.dumps`` with ``indent`` runs the pure-Python encoder, and a live blog's feed is
    rendered again on every change with all but one or two of its items unchanged. An item's text
    is what ``json.dumps`` writes for it at its depth (JSON strings hold no raw newline, so
    indenting every line of its own dump is exact); the document is byte-identical to the plain
    rendering.
    """

    def __init__(self) -> None:
        self._last: LastRendering[str] = LastRendering()

    def __len__(self) -> int:
        return len(self._last)

    def texts(
        self,
        source: FeedSource,
        updates: Sequence[StoredUpdate],
        prefixes: dict[str, str],
        contents: Mapping[str, ContentMode],
    ) -> list[str]:
        def piece(update: StoredUpdate) -> tuple[str, tuple[object, ...], Callable[[], str]]:
            prefix = prefixes.get(update.atom_id, "")
            content = contents.get(update.atom_id, source.content)
            # Everything _item reads; the atom id is the piece's id.
            inputs = (
                update.url,
                prefix,
                update.title,
                content,
                update.content_html,
                update.text,
                update.published or update.first_seen,
                update.updated,
                update.authors,
                update.pinned,
                update.key_event,
            )
            return update.atom_id, inputs, lambda: _item_text(content, update, prefix)

        return self._last.reuse(piece(update) for update in updates)


def _item_text(content: ContentMode, update: StoredUpdate, prefix: str) -> str:
    return _ITEM_INDENT + _dumps(_item(content, update, prefix)).replace("\n", "\n" + _ITEM_INDENT)


def render_json_feed(
    source: FeedSource,
    updates: Sequence[StoredUpdate],
    *,
    feed_url: str,
    hub: str | None = None,
    prefixes: dict[str, str] | None = None,
    contents: Mapping[str, ContentMode] | None = None,
    cache: ItemCache | None = None,
) -> bytes:
    """Render a JSON Feed; ``updates`` newest first. Items use the stored Atom id as their id.
    ``prefixes`` and ``contents`` as for :func:`livetail.feeds.atom.render_atom`.

    ``cache``: this feed's :class:`ItemCache`, for a feed rendered again and again (same bytes).
    """
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": source.title or source.name,
        "home_page_url": source.url,
        "feed_url": feed_url,
        "authors": [{"name": source.title or source.name}],
    }
    if hub:
        feed["hubs"] = [{"type": "WebSub", "url": hub}]
    if cache is None:
        modes = contents or {}
        feed["items"] = [
            _item(modes.get(u.atom_id, source.content), u, (prefixes or {}).get(u.atom_id, ""))
            for u in updates
        ]
        return (_dumps(feed) + "\n").encode("utf-8")
    texts = cache.texts(source, updates, prefixes or {}, contents or {})
    feed["items"] = []
    head = _dumps(feed)
    if not texts:
        return (head + "\n").encode("utf-8")
    assert head.endswith("[]\n}")  # "items" is the last key
    items = ",\n".join(texts)
    return (head[: -len("[]\n}")] + "[\n" + items + "\n  ]\n}\n").encode("utf-8")
