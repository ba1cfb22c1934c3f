"""Which targets an event is owed to: event type, source, key events, include/exclude patterns.

Pure and evaluated inside the reconcile transaction, so the outbox rows an event causes are
decided once, with the event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from livetail.config import TargetConfig
from livetail.model import EventType
from livetail.reconcile import EventIntent


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def wants(
    target: TargetConfig, source: str, event_type: EventType, *, title: str, text: str, key_event: bool
) -> bool:
    if event_type not in target.events:
        return False
    if target.sources is not None and source not in target.sources and "all" not in target.sources:
        return False
    if not event_type.value.startswith("update."):
        return True
    if target.key_events_only and not key_event:
        return False
    haystack = f"{title}\n{text}"
    if target.include and not _pattern(target.include).search(haystack):
        return False
    return not (target.exclude and _pattern(target.exclude).search(haystack))


def targets_for(targets: Sequence[TargetConfig], source: str, event: EventIntent) -> list[str]:
    snapshot = event.data.get("update")
    update = snapshot if isinstance(snapshot, dict) else {}
    return [
        t.name
        for t in targets
        if wants(
            t,
            source,
            event.type,
            title=event.title,
            text=str(update.get("text") or ""),
            key_event=bool(update.get("key_event")),
        )
    ]
