"""What the structured-data strategies read off an update's element, and the memo that keeps it.

JSON-LD and microdata both take the ids from the structured data and the rest from the element a
reader sees; reading and cleaning that element is most of their work. A re-poll of a big blog
repeats almost every element unchanged, so the reading is kept, keyed by a digest of the
element's serialisation (tail included: the body copy keeps it), the page URL and whatever the
page decided around it (the structured values checked against it, a shared headline or date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from livetail.memo import SizedMemo


@dataclass(frozen=True, slots=True)
class ElementFacts:
    """One update's element, read given what the page decided around it."""

    title: str
    published: datetime | None
    modified: datetime | None
    authors: tuple[str, ...]
    body: str | None  # None: the structured data's own body is kept (the element's is much shorter)
    url: str | None
    pinned: bool
    key_event: bool


def facts_memo() -> SizedMemo[bytes, ElementFacts]:
    """A strategy's memo of element facts, bounded by the characters they hold."""
    return SizedMemo(
        32_000_000, lambda _key, facts: len(facts.body or "") + len(facts.title) + len(facts.url or "") + 300
    )
