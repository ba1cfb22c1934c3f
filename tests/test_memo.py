"""SizedMemo: bounded by what it holds, least recently used out first."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import jsonld_blog
from test_poll_integration import updates

from livetail.extract import microdata
from livetail.extract.engine import extract
from livetail.extract.ldpage import _FACTS
from livetail.extract.stampwords import is_stamp
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


def test_clear_all_empties_every_memo_and_function_cache() -> None:
    memo: SizedMemo[str, str] = SizedMemo(100, lambda _k, v: len(v))
    memo.get_or_compute("k", lambda: "v")
    assert is_stamp("12.50 BST")
    assert is_stamp.cache_info().currsize > 0
    clear_all()
    assert len(memo) == 0 and memo.held == 0
    assert is_stamp.cache_info().currsize > 0  # shared by all pages: a running process keeps it
    clear_all(function_caches=True)
    assert is_stamp.cache_info().currsize == 0


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


def _microdata_page(posts: list[tuple[int, str, str]]) -> str:
    items = "".join(
        f'<article id="u{k}" itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">'
        f'<h2 itemprop="headline">Update {k} from the count</h2><meta itemprop="datePublished" content="{date}">'
        f'<div itemprop="articleBody"><p>{body}</p></div></article>\n'
        for k, date, body in posts
    )
    return (
        '<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting">'
        f'<h1 itemprop="headline">Count live</h1>{items}</div></body></html>'
    )


def test_a_microdata_repoll_reuses_unchanged_items_and_never_their_page_level_choices() -> None:
    url = "https://example.com/count"

    def poll(markup: str) -> list[tuple[str, str, datetime | None]]:
        document = Document(content=markup.encode(), content_type="text/html", url=url, date=None)
        return [(u.uid, u.text, u.published) for u in extract(document).updates]

    body = "Counting is under way in every district, officials said."
    dated = [(k, f"2026-03-01T1{k}:00:00+00:00", f"{body} ({k})") for k in (3, 2, 1)]
    clear_all()
    first = poll(_microdata_page(dated))
    assert (microdata._FACTS.hits, microdata._FACTS.misses) == (0, 3)
    assert poll(_microdata_page(dated)) == first
    assert (microdata._FACTS.hits, microdata._FACTS.misses) == (3, 3)
    assert (microdata._READINGS.hits, microdata._READINGS.misses) == (3, 3)

    edited = [dated[0], (2, dated[1][1], "A corrected body for the second update."), dated[2]]
    again = poll(_microdata_page(edited))
    assert (microdata._FACTS.hits, microdata._FACTS.misses) == (5, 4)
    assert again[1][1] == "A corrected body for the second update." and again[0] == first[0]

    # The same markup for update 1 on a page where every update shows one date: that date is the
    # blog's, so no update takes it, whatever was remembered for update 1 on the page before.
    shared = [(k, dated[2][1], f"{body} ({k})") for k in (3, 2, 1)]
    warm = poll(_microdata_page(shared))
    clear_all()
    assert warm == poll(_microdata_page(shared))
    assert [published for _, _, published in warm] == [None, None, None]
    assert first[2][2] is not None
