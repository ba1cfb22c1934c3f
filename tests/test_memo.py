"""SizedMemo: bounded by what it holds, least recently used out first."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import jsonld_blog
from test_poll_integration import updates

from livetail.extract.engine import extract
from livetail.extract.jsonld import _FACTS
from livetail.memo import SizedMemo, clear_all, digest
from livetail.model import Document


def test_a_cyclic_working_set_within_the_budget_always_hits() -> None:
    memo: SizedMemo[int, str] = SizedMemo(1_000, lambda _k, v: len(v))
    calls: list[int] = []

    def value(k: int) -> str:
        calls.append(k)
        return "x" * 10

    for _ in range(3):
        for k in range(50):  # 500 characters held: fits
            assert memo.get_or_compute(k, lambda k=k: value(k)) == "x" * 10
    assert calls == list(range(50))
    assert (memo.hits, memo.misses, memo.held) == (100, 50, 500)


def test_the_least_recently_used_entries_go_once_over_budget() -> None:
    memo: SizedMemo[str, str] = SizedMemo(30, lambda _k, v: len(v))
    for key in "abc":
        memo.get_or_compute(key, lambda key=key: key * 10)
    memo.get_or_compute("a", lambda: "never")  # a hit: "a" becomes the most recent
    memo.get_or_compute("d", lambda: "d" * 10)  # 40 > 30: "b" (least recent) goes
    assert memo.held == 30 and len(memo) == 3
    assert memo.get_or_compute("b", lambda: "B") == "B"  # recomputed
    assert memo.get_or_compute("a", lambda: "never") == "a" * 10


def test_a_value_larger_than_the_budget_is_returned_but_not_kept() -> None:
    memo: SizedMemo[str, str] = SizedMemo(5, lambda _k, v: len(v))
    assert memo.get_or_compute("k", lambda: "too long") == "too long"
    assert len(memo) == 0 and memo.held == 0


def test_clear_all_empties_every_memo() -> None:
    memo: SizedMemo[str, str] = SizedMemo(100, lambda _k, v: len(v))
    memo.get_or_compute("k", lambda: "v")
    clear_all()
    assert len(memo) == 0 and memo.held == 0


def test_digest_parts_cannot_be_resplit() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest(b"ab", "c")
    assert len(digest("x")) == 16


def test_a_repoll_reuses_unchanged_elements_and_recomputes_an_edited_one() -> None:
    url = "https://example.com/live"
    posts = updates(4)

    def poll(markup: str) -> list[str]:
        document = Document(
            content=markup.encode(), content_type="text/html", url=url, date=datetime(2026, 3, 1, tzinfo=UTC)
        )
        return [u.text for u in extract(document).updates]

    clear_all()
    first = poll(jsonld_blog(posts, url=url))
    assert (_FACTS.hits, _FACTS.misses) == (0, 4)
    assert poll(jsonld_blog(posts, url=url)) == first
    assert (_FACTS.hits, _FACTS.misses) == (4, 4)
    edited = [dict(p) for p in posts]
    edited[1]["body"] = "A corrected body for this update, long enough to be the element's own text."
    again = poll(jsonld_blog(edited, url=url))
    assert (_FACTS.hits, _FACTS.misses) == (7, 5)
    assert again[1] == edited[1]["body"] and again[0] == first[0]


def test_many_at_once_computes_only_the_missing_in_one_call_and_counts_like_one_by_one() -> None:
    memo: SizedMemo[str, str] = SizedMemo(25, lambda _k, v: len(v))
    memo.get_or_compute("b", lambda: "B" * 10)
    calls: list[list[int]] = []

    def compute(missing: list[int]) -> list[str]:
        calls.append(missing)
        return [("a", "b", "c", "a")[i] * 10 for i in missing]

    assert memo.get_or_compute_many(["a", "b", "c", "a"], compute) == ["a" * 10, "B" * 10, "c" * 10, "a" * 10]
    assert calls == [[0, 2, 3]]  # a key repeated in one call is computed for each place
    assert (memo.hits, memo.misses) == (1, 4)
    # 30 > 25 characters: the least recently used entry ("b", found before "a" and "c" were stored) went
    assert len(memo) == 2 and memo.held == 20
    assert memo.get_or_compute_many(["c", "a"], lambda missing: ["never"] * len(missing)) == [
        "c" * 10,
        "a" * 10,
    ]
