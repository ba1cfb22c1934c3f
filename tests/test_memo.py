"""SizedMemo: bounded by what it holds, least recently used out first."""

from __future__ import annotations

from livetail.memo import SizedMemo, clear_all, digest


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
