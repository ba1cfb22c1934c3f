"""Small builders for domain values and store commits, shared by tests (no mocks)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest

from livetail import identity
from livetail.config import parse_config
from livetail.errors import ConfigError
from livetail.extract.engine import extract
from livetail.extract.readalso import read_also_boxes
from livetail.model import Document, Update
from livetail.reconcile import EventIntent, KnownUpdate, ReconcileResult, SourceState, reconcile
from livetail.store import PollCommit, Store

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def extract_page(page: str, reference: datetime, timezone: str | None = None) -> list[Update]:
    """The updates of an HTML page served from a live-blog URL, fetched at ``reference``."""
    document = Document(
        content=page.encode(),
        content_type="text/html; charset=utf-8",
        url="https://news.example/live",
        date=reference,
    )
    return extract(document, timezone=timezone).updates


#: A body's own first paragraph, before the boxes a read-also test puts after it.
FIRST_PARAGRAPH = "<p>The post's own first paragraph says what happened in the city today.</p>"


def read_also_cut(markup: str) -> list[str]:
    """The read-also boxes cut from a body of :data:`FIRST_PARAGRAPH` and ``markup``, as HTML."""
    body = lxml.html.fragment_fromstring(f"{FIRST_PARAGRAPH}{markup}", create_parent="div")
    return [lxml.html.tostring(n, encoding=str, with_tail=False) for n in read_also_boxes(body)]


def canonical_page(host: str, posts: str) -> str:
    """A page whose canonical link is on ``host`` (which sets its zone), ``posts`` in one feed."""
    return (
        f'<html><head><link rel="canonical" href="https://{host}/live"></head>'
        f'<body><div class="feed">{posts}</div></body></html>'
    )


def make_update(k: int, *, title: str | None = None, body: str | None = None, pinned: bool = False) -> Update:
    title = title or f"Update {k}"
    text = body or f"Body of update {k}."
    return Update(
        uid=f"post-{k}",
        fingerprint=identity.fingerprint(title, text),
        title=title,
        content_html=f"<p>{text}</p>",
        text=text,
        url=f"https://e.org/live#post-{k}",
        published=T0 + timedelta(minutes=k),
        pinned=pinned,
    )


def known_from(updates: Sequence[Update], when: datetime = T0) -> tuple[KnownUpdate, ...]:
    """The stored state of ``updates`` as reconcile reads it (``when`` for an undated one)."""
    return tuple(
        KnownUpdate(
            uid=u.uid,
            fingerprint=u.fingerprint,
            content_hash=identity.content_hash(u.title, u.text),
            title=u.title,
            text=u.text,
            pinned=u.pinned,
            deleted=False,
            position=i,
            when=u.published or when,
        )
        for i, u in enumerate(updates)
    )


def page(*ks: int) -> list[Update]:
    """Updates ``ks``, newest first as live blogs render them."""
    return [make_update(k) for k in sorted(ks, reverse=True)]


def no_targets(_: EventIntent) -> list[str]:
    return []


async def commit(
    store: Store,
    updates: Sequence[Update],
    now: datetime,
    *,
    source: str = "storm",
    backfill: bool = False,
    url: str = "https://e.org/live",
) -> PollCommit:
    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, updates, strategy="jsonld", now=now, backfill_alerts=backfill)

    return await store.commit_poll(
        source=source, url=url, title="Storm", now=now, decide=decide, route=no_targets
    )


def config_problems(data: dict[str, object]) -> list[str]:
    """The problems ``parse_config`` reports for a config that must not load."""
    with pytest.raises(ConfigError) as info:
        parse_config(data, base_dir=Path("."), env={})
    return [str(p) for p in info.value.problems]


def check_config(path: Path) -> subprocess.CompletedProcess[str]:
    """``livetail check-config -c PATH`` as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "livetail", "check-config", "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
