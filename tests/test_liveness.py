"""Whether a blog has ended: the page's own flag and coverage end, and what the schedule does with them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import PageServer, jsonld_blog
from test_poll_integration import updates

from livetail.config import SourceConfig, parse_config
from livetail.extract.liveness import Liveness, liveness
from livetail.fetch import Fetcher
from livetail.pipeline import Pipeline
from livetail.scheduler import DAILY, SourceSchedule
from livetail.store.sqlite import SQLiteStore

REAL = Path(__file__).parent / "fixtures"
T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fixture", "live", "coverage_end"),
    [
        (
            "real/guardian-dcr-liveblog-nasa-2021-02-19.json",
            False,
            datetime(2021, 2, 19, 19, 47, 39, tzinfo=UTC),
        ),
        (
            "real/guardian-dcr-liveblog-pmqs-2023-12-13.json",
            False,
            datetime(2023, 12, 13, 17, 35, 52, tzinfo=UTC),
        ),
        ("real/guardian-jsonld-2023-05-15.html", True, datetime(2023, 5, 15, 11, 50, 54, tzinfo=UTC)),
        ("profiles/bbc/next-data.html", True, None),
        ("real/express-jsonld-2024-07-18.html", None, datetime(2024, 7, 19, 10, 48, tzinfo=UTC)),
        ("real/mirror-jsonld-2024-08-05.html", None, None),
    ],
)
def test_what_real_pages_say_about_being_live(
    fixture: str, live: bool | None, coverage_end: datetime | None
) -> None:
    text = (REAL / fixture).read_text(encoding="utf-8", errors="replace")
    assert liveness(text) == Liveness(live=live, coverage_end=coverage_end)


def test_a_page_that_says_both_says_nothing() -> None:
    assert liveness('{"isLive": true} {"isLive":false}').live is None
    assert (
        liveness('"coverageEndTime":"2026-01-01T00:00:00Z" "coverageEndTime":"2026-01-02T00:00:00Z"')
        == Liveness()
    )


def _schedule() -> SourceSchedule:
    source = SourceConfig(name="storm", url="https://e.org/live", interval="2m", ended_after="12h")  # type: ignore[arg-type]
    return SourceSchedule.start(source, now=T0, last_change=None)


def test_the_flag_ends_a_blog_at_once_and_only_the_flag_or_a_change_revives_it() -> None:
    schedule = _schedule()
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(minutes=2), live=True) is None
    assert schedule.after_poll(ok=True, changed=True, now=T0 + timedelta(minutes=4), live=False) == DAILY
    assert schedule.ended  # a closing post and the flag in the same poll: ended
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(days=1), live=False) is None
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(days=2), live=True) == timedelta(
        minutes=2
    )
    assert not schedule.ended


def test_a_quiet_blog_whose_page_keeps_saying_live_stays_ended_until_it_changes() -> None:
    schedule = _schedule()
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(hours=12), live=True) == DAILY
    assert schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(days=1), live=True) is None
    assert schedule.ended
    assert schedule.after_poll(ok=True, changed=True, now=T0 + timedelta(days=2), live=True) == timedelta(
        minutes=2
    )


def test_coverage_end_counts_only_once_it_was_seen_ahead() -> None:
    schedule = _schedule()
    # The Guardian keeps coverageEndTime == dateModified while live: a past value alone is no end.
    assert schedule.after_poll(ok=True, changed=True, now=T0, coverage_end=T0 - timedelta(minutes=1)) is None
    assert not schedule.ended
    later = T0 + timedelta(hours=1)
    assert (
        schedule.after_poll(ok=True, changed=False, now=T0 + timedelta(minutes=2), coverage_end=later) is None
    )
    assert not schedule.ended
    assert (
        schedule.after_poll(ok=True, changed=False, now=later + timedelta(minutes=1), coverage_end=later)
        == DAILY
    )
    assert schedule.ended


async def test_a_poll_reports_what_the_page_says(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    page_server.set(
        "/live",
        jsonld_blog(updates(3), url=url).replace("</body>", '<script>{"isLive": false}</script></body>'),
    )
    config = parse_config(
        {"state": {"path": "state.db"}, "sources": [{"name": "storm", "url": url}]}, base_dir=tmp_path, env={}
    )
    store = await SQLiteStore.open(config.state.path)
    fetcher = Fetcher(config.fetch)
    try:
        result = await Pipeline(config, store, fetcher).poll(config.source("storm"))
    finally:
        await fetcher.aclose()
        await store.close()
    assert result.ok and result.updates_on_page == 3
    assert (result.live, result.coverage_end) == (False, None)
