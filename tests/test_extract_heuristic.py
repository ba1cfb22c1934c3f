"""Heuristic page rules beyond the golden pages: declared zones, page dates, choosing the group."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from livetail.extract.core import Context
from livetail.extract.engine import extract, finish_found
from livetail.extract.heuristic import heuristic_strategy
from livetail.extract.page import Page
from livetail.model import Document

REAL = Path(__file__).parent / "fixtures" / "real"
DW_URL = "https://www.dw.com/en/germany-shootings-merkel-vows-to-fight-right-wing-poison-after-hanau-attack-live-updates/a-52441015"


def _heuristic(html: str | bytes, *, tz: str = "UTC", reference: datetime | None = None, date: datetime | None = None):  # type: ignore[no-untyped-def]
    content = html.encode() if isinstance(html, str) else html
    page = Page.from_document(Document(content=content, content_type="text/html", url="https://x.example/live", date=date))
    context = Context(reference=reference, timezone=ZoneInfo(tz))
    found = heuristic_strategy(page, context)
    return None if found is None else finish_found(found, page, context)


def test_dw_prose_zone_beats_the_configured_default() -> None:
    document = Document(content=(REAL / "dw-plain-2020-02-20.html").read_bytes(), content_type="text/html", url=DW_URL)
    result = extract(document, timezone="Europe/Berlin")
    assert result.updates[0].published == datetime(2020, 2, 20, 13, 47, tzinfo=UTC)
    assert result.updates[-1].published == datetime(2020, 2, 20, 7, 30, tzinfo=UTC)


def test_dw_page_date_dates_a_file_without_reference() -> None:
    updates = _heuristic((REAL / "dw-plain-2020-02-20.html").read_bytes())
    assert updates is not None and len(updates) == 45
    assert {u.published.date() for u in updates if u.published} == {datetime(2020, 2, 20).date()}


def test_declared_cet_zone_and_iso_title_date() -> None:
    posts = "".join(
        f"<p><strong>{t}</strong> Update at {t} with enough words to count.</p><p>More on it.</p>"
        for t in ("09:30", "08:15", "00:40", "23:50")
    )
    page = (
        "<html><head><title>Ticker 2024-01-10</title></head><body><div class=text>"
        f"<p>- summary bullet</p><p><em>All times are in CET.</em></p>{posts}</div></body></html>"
    )
    updates = _heuristic(page)
    assert updates is not None
    assert [u.published for u in updates] == [
        datetime(2024, 1, 10, 8, 30, tzinfo=UTC),
        datetime(2024, 1, 10, 7, 15, tzinfo=UTC),
        datetime(2024, 1, 9, 23, 40, tzinfo=UTC),
        datetime(2024, 1, 9, 22, 50, tzinfo=UTC),
    ]
    assert all("summary bullet" not in u.text and "All times" not in u.text for u in updates)


def test_posts_beat_a_carousel_of_timed_links() -> None:
    carousel = "".join(f'<li class="ke"><a href="#b{n}">Key event {n}</a> <time>{n}h ago</time></li>' for n in range(1, 9))
    posts = "".join(
        f'<article class="block" id="b{n}"><time datetime="2024-03-05T1{n}:00:00Z">{n}h ago</time>'
        f"<p>Real post number {n}. {'Words of the post. ' * 20}</p></article>"
        for n in range(1, 5)
    )
    updates = _heuristic(f"<html><body><ul class=keys>{carousel}</ul><div class=feed>{posts}</div></body></html>")
    assert updates is not None
    assert [u.uid for u in updates] == ["b1", "b2", "b3", "b4"]
    assert all(" ago" not in u.text for u in updates)


def test_day_groups_are_not_updates() -> None:
    def day(d: int) -> str:
        return '<section class="day">' + "".join(
            f'<div class="post"><span class="t">{h}:00 GMT</span><h3>Post {d}-{h}</h3><p>{"Words. " * 30}</p></div>'
            for h in (14, 12, 10)
        ) + "</section>"

    updates = _heuristic(f"<html><body>{day(2)}{day(1)}</body></html>", date=datetime(2024, 3, 2, 15, tzinfo=UTC))
    assert updates is not None
    assert len(updates) == 3  # one day's posts; the biggest group, not the two day containers
    assert [u.title for u in updates] == ["Post 2-14", "Post 2-12", "Post 2-10"] or [
        u.title for u in updates
    ] == ["Post 1-14", "Post 1-12", "Post 1-10"]


def test_a_page_without_repeated_timed_blocks_is_not_claimed() -> None:
    article = "<html><body><h1>News</h1><p class=byline>2h ago</p><p>Just an article.</p></body></html>"
    assert _heuristic(article) is None
