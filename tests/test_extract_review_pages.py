"""The third review's pages (``review_pages``): what each must give, field by field."""

from __future__ import annotations

from datetime import UTC, datetime

import review_pages as pages

from livetail.extract.engine import extract
from livetail.model import Document


def _updates(html: str, url: str = "https://www.example.com/live"):  # type: ignore[no-untyped-def]
    document = Document(
        content=html.encode(),
        content_type="text/html; charset=utf-8",
        url=url,
        date=datetime(2024, 5, 3, 18, 0, tzinfo=UTC),
    )
    return extract(document).updates


def at(hour: int, minute: int) -> datetime:
    return datetime(2024, 5, 3, hour, minute, tzinfo=UTC)


def test_edit_times_without_minutes_keep_their_posts() -> None:
    updates = _updates(pages.EDIT_HOUR_ONLY)  # "1:40 p.m. ET Updated 3 p.m. ET"
    assert [(u.uid, u.published, u.modified) for u in updates] == [
        ("post-103", at(17, 40), at(19, 0)),
        ("post-102", at(16, 5), None),
        ("post-101", at(12, 30), at(13, 0)),
    ]


def test_an_edit_later_the_same_day_is_an_edit() -> None:
    updates = _updates(pages.EDIT_LATE)  # "07:30 (updated 19:45)"
    assert (updates[-1].published, updates[-1].modified) == (at(7, 30), at(19, 45))


def test_the_posts_own_time_in_a_link_with_its_heading_dates_it_not_its_edit_time() -> None:
    updates = _updates(pages.HEADLINK_UPDATED)
    assert (updates[0].published, updates[0].modified) == (at(15, 40), at(16, 10))


def test_unmarked_pinned_copies_on_top_fold_into_their_post() -> None:
    for page in (pages.PIN_UNMARKED_RELATIVE, pages.PIN_UNMARKED_DIFFTIME):
        updates = _updates(page)
        assert [u.uid for u in updates] == ["post-101", "post-105", "post-104", "post-103", "post-102"]


def test_a_post_that_is_a_list_of_links_keeps_them() -> None:
    updates = _updates(pages.LINKBAR_CONTENT)
    assert updates[0].text == "Read our coverage: Results map Key seats to watch How the count works"
    assert updates[-1].text == "Live results map\n\nWatch the count live"


def test_bylines_with_several_children_are_one_name_unless_each_is_an_author() -> None:
    assert {u.authors for u in _updates(pages.BYLINE_BY)} == {
        ("Jane Doe",)
    }  # "<span>By</span> <a>Jane Doe</a>"
    assert {u.authors for u in _updates(pages.BYLINE_FIRSTLAST)} == {
        ("Jane Doe",)
    }  # first and last name apart
    assert all(len(u.authors) == 1 for u in _updates(pages.BYLINE_ROLE))  # a role is no second author


def test_a_badge_word_inside_a_sentence_stays() -> None:
    first = _updates(pages.ULTIMA_HORA_INLINE)[0]
    assert (
        first.text == "Según el diario Última Hora, la participación superó el 60 por ciento a media tarde."
    )


def test_a_json_ld_archive_longer_than_the_page_keeps_the_pages_own_text() -> None:
    updates = _updates(pages.LD_LINKS_WINDOW, "https://www.example.com/live")
    assert [u.uid.rsplit("/", 2)[-2] for u in updates] == [
        "idf-strikes",
        "talks-resume",
        "aid-trucks",
        "overnight-sirens",
    ]
    assert all("Extra DOM-only paragraph" in u.text for u in updates)
