"""Pages modelled on more publishers' live pages (an eleventh probe, December 2026: US local TV on
Arc XP, Sky Sports, Engadget, the Washington Post, Le Monde, Corriere, ANSA, Clarín, la Repubblica,
NRK, CBC): each test names what the page does that tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from builders import extract_page

from livetail.extract.build import first_sentence
from livetail.extract.timelabel import is_time_label

_EDT = timezone(timedelta(hours=-4))


def test_update_before_the_time_of_an_inline_post_is_its_label() -> None:
    # WSB-TV and other Arc XP local stations: one article whose paragraphs open with
    # "<b>UPDATE 5:40 p.m.:</b>", newest first. "Updated 5:40 p.m." was read; "UPDATE" was not.
    lines = [
        ("5:40 p.m.", "Mayor Andre Dickens says repairs on the 11th Street main are nearly complete."),
        ("3:10 p.m.", "The city has opened water distribution sites at four recreation centers."),
        ("11:50 a.m.", "A second break has been found at Joseph E. Boone Boulevard and James P. Brawley Drive. Crews are there."),
    ]  # fmt: skip
    body = "".join(f'<p class="c-paragraph"><b>UPDATE {when}:</b> {text}</p>' for when, text in lines)
    page = (
        '<html lang="en"><body><h1>LIVE UPDATES: Atlanta water main break</h1><article class="article">'
        f'<p class="c-paragraph">ATLANTA — Thousands of people remain under a boil water advisory.</p>{body}'
        "</article></body></html>"
    )
    updates = extract_page(page, datetime(2024, 6, 1, 23, 0, tzinfo=UTC), "America/New_York")
    assert [u.published for u in updates] == [
        datetime(2024, 6, 1, 17, 40, tzinfo=_EDT),
        datetime(2024, 6, 1, 15, 10, tzinfo=_EDT),
        datetime(2024, 6, 1, 11, 50, tzinfo=_EDT),
    ]
    assert (
        updates[2].title
        == "A second break has been found at Joseph E. Boone Boulevard and James P. Brawley Drive."
    )
    assert [u.text for u in updates][:2] == [text for _, text in lines[:2]]


def test_update_labels_need_a_clock() -> None:
    assert is_time_label("UPDATE 5:40 p.m.:")
    assert is_time_label("Update: 11:50 a.m.")
    assert not is_time_label("Update 2:")
    assert not is_time_label("UPDATE #2")


def test_a_first_sentence_runs_past_initials_and_abbreviations() -> None:
    assert first_sentence("Police in St. Louis say they have arrested a man. More to come.") == (
        "Police in St. Louis say they have arrested a man."
    )
    assert first_sentence("Officials in the U.S. said the talks would go on. More later.") == (
        "Officials in the U.S. said the talks would go on."
    )
    assert first_sentence("The hearing resumes at 2 p.m. on Monday, the court said. Then") == (
        "The hearing resumes at 2 p.m. on Monday, the court said."
    )
    # (a sentence still ends before a capital, after "!" and "?", and at a full stop after a word)
    assert first_sentence("Is this the end of the road? Nobody knows yet.") == "Is this the end of the road?"
    assert first_sentence("Crews are on the scene now. Roads are closed.") == "Crews are on the scene now."
