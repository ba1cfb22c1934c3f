"""Reconcile as plain values: created/edited/deleted exactly once, baselines, degraded polls."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from builders import known_from
from hypothesis import given
from hypothesis import strategies as st

from livetail import identity
from livetail.model import EventType, Update
from livetail.reconcile import KnownUpdate, ReconcileResult, SourceState, reconcile

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def upd(
    k: int,
    *,
    title: str | None = None,
    text: str | None = None,
    pinned: bool = False,
    uid: str | None = None,
    published: datetime | None = None,
) -> Update:
    title = title or f"Update {k}"
    text = text or f"Body of update {k}."
    return Update(
        uid=uid or f"post-{k}",
        fingerprint=identity.fingerprint(title, text),
        title=title,
        content_html=f"<p>{text}</p>",
        text=text,
        url=f"https://e.org/#{k}",
        published=published or T0 + timedelta(minutes=k),
        pinned=pinned,
    )


def state(updates: list[Update], *, strategy: str = "jsonld", polled: bool = True) -> SourceState:
    return SourceState(name="storm", polled_before=polled, strategy=strategy, known=known_from(updates))


def run(st_: SourceState, page: list[Update], strategy: str = "jsonld") -> ReconcileResult:
    return reconcile(st_, page, strategy=strategy, now=T0 + timedelta(hours=1))


def types(result: ReconcileResult) -> list[EventType]:
    return [e.type for e in result.events]


def test_first_poll_is_a_silent_baseline_unless_backfill() -> None:
    empty = SourceState(name="storm", polled_before=False, strategy=None)
    page = [upd(3), upd(2), upd(1)]
    assert run(empty, page).events == ()
    assert len(run(empty, page).writes) == 3
    backfilled = reconcile(empty, page, strategy="jsonld", now=T0, backfill_alerts=True)
    assert types(backfilled) == [EventType.UPDATE_CREATED] * 3


def test_new_updates_are_created_once() -> None:
    old = [upd(2), upd(1)]
    result = run(state(old), [upd(4), upd(3), *old])
    assert [(e.type, e.uid) for e in result.events] == [  # oldest first, as they were posted
        (EventType.UPDATE_CREATED, "post-3"),
        (EventType.UPDATE_CREATED, "post-4"),
    ]
    assert run(state([upd(4), upd(3), *old]), [upd(4), upd(3), *old]).events == ()


def test_whitespace_and_quote_style_are_not_edits() -> None:
    old = [upd(2, text="He said “no” to   the plan."), upd(1)]
    again = [upd(2, text='He said "no" to the plan. '), upd(1)]
    assert run(state(old), again).events == ()


def test_wording_change_is_an_edit_with_previous() -> None:
    old = [upd(2), upd(1)]
    result = run(state(old), [upd(2, text="Body of update 2, corrected."), upd(1)])
    assert types(result) == [EventType.UPDATE_EDITED]
    assert result.events[0].data["previous"] == {"title": "Update 2", "text": "Body of update 2."}
    assert result.events[0].data["update"]["text"] == "Body of update 2, corrected."  # type: ignore[index]


def test_retraction_between_neighbours_is_deleted_but_falling_off_is_not() -> None:
    old = [upd(5), upd(4), upd(3), upd(2), upd(1)]
    middle_gone = run(state(old), [upd(5), upd(4), upd(2), upd(1)])
    assert [(e.type, e.uid) for e in middle_gone.events] == [(EventType.UPDATE_DELETED, "post-3")]
    tail_gone = run(state(old), [upd(6), upd(5), upd(4)])
    assert EventType.UPDATE_DELETED not in types(tail_gone)


def test_old_pinned_post_on_top_is_not_a_newer_neighbour() -> None:
    pinned = upd(0, pinned=True)
    old = [pinned, upd(5), upd(4), upd(3)]
    result = run(state(old), [pinned, upd(6), upd(5)])  # page truncated after 5
    assert EventType.UPDATE_DELETED not in types(result)


def test_post_that_becomes_pinned_is_not_deleted() -> None:
    """Pinning a post (moved to the top, or flagged where it stands) keeps it on the page."""
    old = [upd(k) for k in range(10, 0, -1)]
    moved = run(state(old), [upd(7, pinned=True)] + [u for u in old if u.uid != "post-7"])
    in_place = run(state(old), [upd(7, pinned=True) if u.uid == "post-7" else u for u in old])
    for result in (moved, in_place):
        assert result.deleted_uids == ()
        assert EventType.UPDATE_DELETED not in types(result)


@given(
    st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=20, unique=True),
    st.sets(st.integers(min_value=1, max_value=30)),
    st.booleans(),
)
def test_nothing_on_the_page_is_ever_deleted(ks: list[int], pins: set[int], to_top: bool) -> None:
    old = [upd(k) for k in range(30, 0, -1)]
    page = [upd(k, pinned=k in pins) for k in sorted(ks, reverse=True)]
    if to_top:
        page.sort(key=lambda u: not u.pinned)  # pinned posts move to the top, as blogs show them
    result = run(state(old), page)
    assert not set(result.deleted_uids) & {u.uid for u in page}


def test_strategy_change_matches_by_fingerprint() -> None:
    old = [upd(3), upd(2), upd(1)]
    relabelled = [replace(u, uid=f"block-{u.uid}") for u in old]
    result = run(state(old, strategy="jsonld"), relabelled, strategy="profile")
    assert result.events == ()
    assert [w.stored_uid for w in result.writes] == ["post-3", "post-2", "post-1"]


def test_hash_uid_title_correction_is_an_edit_not_delete_and_create() -> None:
    old = [upd(3), upd(2, uid="h-aaa", title="Minister resigns", text="The minister resigned today.")]
    corrected = [
        upd(3),
        upd(2, uid="h-bbb", title="Minister resigns", text="The minister resigned today after a vote."),
    ]
    result = run(state(old), corrected)
    # the fingerprint (title + opening words) still matches, so the stored uid is kept
    assert [w.stored_uid for w in result.writes] == ["post-3", "h-aaa"]
    assert types(result) == [EventType.UPDATE_EDITED]


def test_mostly_new_page_is_degraded_not_a_storm() -> None:
    old = [upd(3), upd(2), upd(1)]
    garbage = [upd(k, uid=f"x{k}", title=f"Other {k}", text=f"Other text {k}") for k in range(10, 0, -1)]
    result = run(state(old), garbage, strategy="heuristic")
    assert types(result) == [EventType.SOURCE_DEGRADED]
    assert result.events[0].data["strategy_before"] == "jsonld"
    assert result.events[0].data["strategy_after"] == "heuristic"
    assert result.deleted_uids == ()


# -- invariants ------------------------------------------------------------------------------

pages = st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=25, unique=True)


@given(st.lists(pages, min_size=1, max_size=8))
def test_replaying_polls_never_creates_an_update_twice(polls: list[list[int]]) -> None:
    """Whatever sequence of windows a blog shows, each uid is created at most once, ever."""
    stored: dict[str, Update] = {}
    created: list[str] = []
    polled = False
    for ks in polls:
        page = [upd(k) for k in sorted(ks, reverse=True)]
        current = SourceState(
            name="storm", polled_before=polled, strategy="jsonld", known=known_from(list(stored.values()))
        )
        result = run(current, page)
        created += [e.uid for e in result.events if e.type is EventType.UPDATE_CREATED and e.uid]
        for write in result.writes:
            stored.setdefault(write.stored_uid, write.update)
        polled = True
    assert len(created) == len(set(created))
    assert set(created) <= set(stored)


@given(st.integers(min_value=3, max_value=30), st.integers(min_value=1, max_value=29))
def test_truncating_the_oldest_never_deletes(size: int, keep: int) -> None:
    keep = min(keep, size)
    old = [upd(k) for k in range(size, 0, -1)]
    result = run(state(old), old[:keep])
    assert result.deleted_uids == ()


def test_unmarked_old_post_on_top_is_not_a_neighbour() -> None:
    """An old post promoted to the top without a pinned marker must not turn roll-off into deletions."""
    promoted = upd(0)  # the oldest update, shown first
    old = [promoted, *(upd(k) for k in range(10, 0, -1))]
    truncated = [promoted, *(upd(k) for k in range(12, 5, -1))]  # 1..5 fell off the end
    result = run(state(old), truncated)
    assert result.deleted_uids == ()
    retracted = [promoted, *(upd(k) for k in range(12, 5, -1) if k != 8)]
    assert run(state(old), retracted).deleted_uids == ("post-8",)


def test_page_rewritten_at_once_is_degraded_and_keeps_stored_content() -> None:
    old = [upd(k) for k in range(6, 0, -1)]
    rewritten = [
        upd(k, text=f"Sponsored content {k} injected by a broken extractor.") for k in range(6, 0, -1)
    ]
    result = run(state(old), rewritten)
    assert types(result) == [EventType.SOURCE_DEGRADED]
    assert not any(w.changed for w in result.writes), "a degraded poll must not overwrite stored content"


def test_new_updates_are_announced_as_they_were_posted() -> None:
    old = [upd(k) for k in range(8, 0, -1)]  # enough known updates that three new ones are news
    oldest_on_top = run(state(old), [*reversed(old), upd(9), upd(10), upd(11)])
    assert [e.uid for e in oldest_on_top.events] == ["post-9", "post-10", "post-11"]
    undated = [replace(upd(k), published=None) for k in (11, 10, 9)]
    newest_on_top = run(state(old), [*undated, *old])  # no times: read from the page's old end
    assert [e.uid for e in newest_on_top.events] == ["post-9", "post-10", "post-11"]
    pinned_old = replace(upd(0, uid="pinned"), pinned=True)
    with_pin = run(state(old), [pinned_old, upd(11), upd(10), upd(9), *old])
    assert [e.uid for e in with_pin.events] == ["pinned", "post-9", "post-10", "post-11"]


@given(st.lists(st.integers(min_value=14, max_value=60), min_size=1, max_size=12, unique=True), st.booleans())
def test_created_events_come_in_published_order(new: list[int], newest_on_top: bool) -> None:
    old = [upd(k) for k in range(13, 0, -1)]  # 12 new of 25 is still news, not a degraded page
    page = sorted([*(upd(k) for k in new), *old], key=lambda u: u.published or T0, reverse=newest_on_top)
    created = [e for e in run(state(old), page).events if e.type is EventType.UPDATE_CREATED]
    assert [e.uid for e in created] == [f"post-{k}" for k in sorted(new)]


def test_an_upgrade_that_finds_publisher_ids_announces_nothing() -> None:
    # Stored under hash uids by an older extractor; the page now yields the publisher's ids.
    old = [upd(k, uid=f"h-{k:024x}") for k in range(6, 0, -1)]
    now = [upd(k) for k in range(6, 0, -1)]  # the same posts as post-6 … post-1
    first = run(state(old), now)
    assert first.events == () and not first.degraded
    assert [w.stored_uid for w in first.writes] == [u.uid for u in old]  # the stored uids stay
    # and the next poll retracts nothing: the page's posts are the stored ones
    again = run(state(old), [upd(7), *now])
    assert [(e.type, e.uid) for e in again.events] == [(EventType.UPDATE_CREATED, "post-7")]


def test_a_cosmetic_rewrite_of_the_whole_page_is_degraded_once_then_adopted() -> None:
    opening = " ".join(f"word{n}" for n in range(30))  # more than the fingerprint's opening words
    old = [upd(k, text=f"{opening} {k}. Share on Facebook Twitter") for k in range(6, 0, -1)]
    trimmed = [upd(k, text=f"{opening} {k}.") for k in range(6, 0, -1)]  # a newer extractor cut the share box
    first = run(state(old), trimmed)
    assert types(first) == [EventType.SOURCE_DEGRADED]
    assert all(w.changed for w in first.writes), "same title and opening words: stored silently"
    # The next poll compares with what was adopted: a new post is news again, not another degraded poll.
    after = run(state(trimmed), [upd(7, text=f"{opening} 7."), *trimmed])
    assert [(e.type, e.uid) for e in after.events] == [(EventType.UPDATE_CREATED, "post-7")]


def test_a_poll_by_another_extractor_version_is_a_silent_rebaseline_that_stores_what_it_read() -> None:
    # Stored by an older livetail; the new one reads every byline out of the posts (texts and
    # opening words change) and one hash uid moved with a date it now reads.
    old = [upd(k, text=f"By Jo Bloggs. Body of update {k}.") for k in range(6, 0, -1)]
    old[2] = upd(4, uid="h-old4", text="By Jo Bloggs. Body of update 4.")
    now = [upd(k) for k in range(6, 0, -1)]
    stored = replace(state(old), extractor=None)  # before versions were recorded
    first = reconcile(stored, now, strategy="jsonld", now=T0 + timedelta(hours=1), extractor=2)
    assert first.rebaselined and first.events == () and first.deleted_uids == () and not first.degraded
    assert first.extractor == 2
    assert all(w.changed for w in first.writes if not w.is_new), "what the new extractor reads is stored"
    assert [w.stored_uid for w in first.writes] == [u.uid for u in old]  # h-old4 matched, not new
    # Once stored under this version, polls announce again.
    again = reconcile(
        replace(state(now), extractor=2),
        [upd(7), *now],
        strategy="jsonld",
        now=T0 + timedelta(hours=2),
        extractor=2,
    )
    assert not again.rebaselined
    assert [(e.type, e.uid) for e in again.events] == [(EventType.UPDATE_CREATED, "post-7")]


def test_the_first_poll_and_callers_without_a_version_are_no_rebaseline() -> None:
    page = [upd(k) for k in range(3, 0, -1)]
    first = reconcile(state([], polled=False), page, strategy="jsonld", now=T0, extractor=2)
    assert not first.rebaselined  # the first poll is the ordinary silent baseline
    edited = [upd(3, text="A real correction of update 3."), *page[1:]]
    unversioned = run(replace(state(page), extractor=1), edited)
    assert not unversioned.rebaselined
    assert types(unversioned) == [EventType.UPDATE_EDITED]


def test_a_rebaseline_still_announces_a_post_newer_than_everything_stored() -> None:
    # A page that answered 304 until it changed: the first poll under the new extractor is the one
    # that brings a new post. A stored update the new extractor reads under a new uid and new
    # words keeps its old time and stays silent.
    old = [upd(k, uid=f"h-{k}", text=f"By Jo Bloggs. Body of update {k}.") for k in range(5, 0, -1)]
    renamed = upd(
        3, uid="post-3", title="A title the old extractor never saw", text="Entirely other words here."
    )
    page = [upd(6), *[upd(k) for k in (5, 4)], renamed, *[upd(k) for k in (2, 1)]]
    result = reconcile(
        replace(state(old), extractor=1), page, strategy="jsonld", now=T0 + timedelta(hours=1), extractor=2
    )
    assert result.rebaselined
    assert [(e.type, e.uid) for e in result.events] == [(EventType.UPDATE_CREATED, "post-6")]
    assert {w.stored_uid for w in result.writes if w.is_new} >= {
        "post-6",
        "post-3",
    }  # stored, so never announced later
    assert result.deleted_uids == ("h-3",)  # no longer an update on the page: retracted now, silently
    # The next poll, against what the re-baseline stored (its stored uids, h-3 deleted), is quiet.
    after = tuple(
        KnownUpdate(
            uid=w.stored_uid,
            fingerprint=w.update.fingerprint,
            content_hash=w.content_hash,
            title=w.update.title,
            text=w.update.text,
            pinned=False,
            deleted=False,
            position=w.position,
            when=w.update.published or T0,
        )
        for w in result.writes
    ) + tuple(replace(k, deleted=True) for k in state(old).known if k.uid == "h-3")
    stored = SourceState(name="storm", polled_before=True, strategy="jsonld", known=after, extractor=2)
    again = reconcile(stored, page, strategy="jsonld", now=T0 + timedelta(hours=2), extractor=2)
    assert again.events == () and again.deleted_uids == ()


def test_a_publisher_uid_read_anew_by_an_upgrade_is_never_announced_later() -> None:
    # Stored as post-1..6; a newer extractor reads the same posts as entry-1..6 (another attribute).
    old = [upd(k) for k in range(6, 0, -1)]
    renamed = [replace(upd(k), uid=f"entry-{k}") for k in range(6, 0, -1)]
    first = reconcile(
        replace(state(old), extractor=1), renamed, strategy="jsonld", now=T0 + timedelta(hours=1), extractor=2
    )
    assert first.events == () and [w.stored_uid for w in first.writes] == [u.uid for u in old]
    # The polls after it, with the version stored, match the same way: no storm, no retractions.
    for hours in (2, 3):
        later = reconcile(
            replace(state(old), extractor=2),
            [replace(upd(7), uid="entry-7"), *renamed],
            strategy="jsonld",
            now=T0 + timedelta(hours=hours),
            extractor=2,
        )
        assert [(e.type, e.uid) for e in later.events] == [(EventType.UPDATE_CREATED, "entry-7")]
        assert later.deleted_uids == ()
