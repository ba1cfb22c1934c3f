"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), deterministic: same store, same bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from livetail.feeds import FeedSource
from livetail.feeds.atom import summary_of
from livetail.model import StoredUpdate

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def render_json_feed(
    source: FeedSource,
    updates: Sequence[StoredUpdate],
    *,
    feed_url: str,
    hub: str | None = None,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Render a JSON Feed; ``updates`` newest first. Items use the stored Atom id as their id."""
    items: list[dict[str, Any]] = []
    for update in updates:
        item: dict[str, Any] = {
            "id": update.atom_id,
            "url": update.url,
            "title": (prefixes or {}).get(update.atom_id, "") + update.title,
        }
        if source.content == "full":
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
        items.append(item)
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": source.title or source.name,
        "home_page_url": source.url,
        "feed_url": feed_url,
        "authors": [{"name": source.title or source.name}],
    }
    if hub:
        feed["hubs"] = [{"type": "WebSub", "url": hub}]
    feed["items"] = items
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
