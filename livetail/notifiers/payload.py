"""The one JSON shape events take, for webhooks, templates and the event stream.

``{"type", "id", "sequence", "timestamp", "data": {"source": {name, title, url, feed_url},
"update": {uid, title, text, content_html, url, published, modified, authors},
"previous": {title, text} (edited only)}}``; ``source.*`` events carry
``{"source": …, "reason": …, "since": …}``. Keys are emitted in a fixed order, so the same event
always serialises to the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from livetail.model import Event
from livetail.notifiers import SourceInfo

UPDATE_KEYS = ("uid", "title", "text", "content_html", "url", "published", "modified", "authors")


def payload(event: Event, source: SourceInfo) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": {"name": source.name, "title": source.title, "url": source.url, "feed_url": source.feed_url}
    }
    if event.type.value.startswith("update."):
        snapshot = event.data.get("update")
        update = snapshot if isinstance(snapshot, dict) else {}
        data["update"] = {key: update.get(key, [] if key == "authors" else None) for key in UPDATE_KEYS}
        data["update"]["uid"] = data["update"]["uid"] or event.uid
        if "previous" in event.data:
            data["previous"] = event.data["previous"]
    else:
        data["reason"] = event.data.get("reason", event.title)
        data["since"] = event.data.get("since", event.occurred_at.isoformat().replace("+00:00", "Z"))
        for key in ("strategy_before", "strategy_after"):
            if key in event.data:
                data[key] = event.data[key]
    return {
        "type": event.type.value,
        "id": event.id,
        "sequence": event.sequence,
        "timestamp": event.occurred_at.isoformat().replace("+00:00", "Z"),
        "data": data,
    }


def render_payload(event: Event, source: SourceInfo) -> bytes:
    return json.dumps(payload(event, source), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
