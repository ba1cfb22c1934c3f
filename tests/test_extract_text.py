"""The plain-text strategy on the seed (Al Jazeera, 26 Jan 2022) and variations of it.

The key property: the same page captured at two different moments prints different relative
times ("51 seconds ago" becomes "12 mins ago") but must yield the same uids, titles, texts and
publish times, so a re-fetch never re-announces an update.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetail.errors import ExtractError
from livetail.extract.engine import extract
from livetail.extract.text import is_time_label, live_section_end, ticker_line, time_label
from livetail.model import Document

SEED = Path(__file__).parent / "fixtures" / "real" / "aljazeera-seed-2022-01-26.txt"
URL = (
    "https://www.aljazeera.com/news/liveblog/2022/1/26/us-urges-citizens-in-ukraine-to-consider-departing-now"
)
TIME_LINE = re.compile(r"^(?P<rel>.+ ago) \((?P<h>\d\d):(?P<m>\d\d) GMT\)$", re.MULTILINE)


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _ago(delta: timedelta) -> str:
    """How Al Jazeera prints a relative time (rounded to the nearest unit, as the seed shows)."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{seconds} seconds ago"
    minutes = int(seconds / 60 + 0.5)
    if minutes < 60:
        return f"{minutes} mins ago"
    hours = int(seconds / 3600 + 0.5)
    return "1 hour ago" if hours == 1 else f"{hours} hours ago"


def render_at(text: str, now: datetime) -> str:
    """The seed as it would read at ``now``: every "N <unit> ago (HH:MM GMT)" recomputed."""

    def replace(match: re.Match[str]) -> str:
        posted = datetime(2022, 1, 26, int(match["h"]), int(match["m"]), tzinfo=UTC)
        return f"{_ago(now - posted)} ({match['h']}:{match['m']} GMT)"

    return TIME_LINE.sub(replace, text)


def _extract(text: str, *, day: str = "2022-01-26", content_type: str = "text/plain; charset=utf-8"):  # type: ignore[no-untyped-def]
    document = Document(content=text.encode("utf-8"), content_type=content_type, url=URL)
    return extract(document, reference=datetime.fromisoformat(f"{day}T23:59:59+00:00"))


def test_render_at_reproduces_the_capture() -> None:
    # The seed was captured at 18:04:51 GMT: rendering at that instant changes nothing.
    assert render_at(_seed(), datetime(2022, 1, 26, 18, 4, 51, tzinfo=UTC)) == _seed()


def test_seed_yields_34_updates_newest_first() -> None:
    result = _extract(_seed())
    assert result.strategy == "text"
    assert len(result.updates) == 34
    times = [u.published for u in result.updates]
    assert times[0] == datetime(2022, 1, 26, 18, 4, tzinfo=UTC)
    assert times[-1] == datetime(2022, 1, 26, 8, 45, tzinfo=UTC)
    assert all(a is not None and b is not None and a >= b for a, b in pairwise(times))
    for update in result.updates:
        assert " ago" not in update.text, update.title
        assert not re.search(r"\(\d\d:\d\d GMT\)", update.text)
        assert update.uid.startswith("h-")


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime(2022, 1, 26, 18, 16, tzinfo=UTC), "2022-01-26"),  # 12 minutes later
        (datetime(2022, 1, 26, 21, 40, 5, tzinfo=UTC), "2022-01-26"),  # hours later
        (datetime(2022, 1, 27, 0, 30, tzinfo=UTC), "2022-01-27"),  # after midnight, --date of the capture
    ],
)
def test_uids_survive_a_later_render(now: datetime, day: str) -> None:
    first = _extract(_seed())
    later_text = render_at(_seed(), now)
    assert later_text != _seed()
    assert "12 mins ago (18:04 GMT)" in later_text or now.hour != 18
    later = _extract(later_text, day=day)
    assert [u.uid for u in later.updates] == [u.uid for u in first.updates]
    assert [u.fingerprint for u in later.updates] == [u.fingerprint for u in first.updates]
    assert [u.title for u in later.updates] == [u.title for u in first.updates]
    assert [u.text for u in later.updates] == [u.text for u in first.updates]
    assert [u.published for u in later.updates] == [u.published for u in first.updates]


def test_the_brief_example_rewrite() -> None:
    later = render_at(_seed(), datetime(2022, 1, 26, 18, 16, tzinfo=UTC))
    assert "12 mins ago (18:04 GMT)" in later
    assert "22 mins ago (17:54 GMT)" in later


def test_line_endings_and_blank_lines_do_not_matter() -> None:
    base = _extract(_seed())
    squeezed = "\r\n".join(line for line in _seed().splitlines() if line.strip())
    other = _extract(squeezed)
    assert [u.uid for u in other.updates] == [u.uid for u in base.updates]
    assert [u.text for u in other.updates] == [u.text for u in base.updates]


def test_seed_as_html_paragraphs_gives_the_same_updates() -> None:
    """The same live blog rendered as HTML (one <p> per line) has the same identities."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in _seed().splitlines() if line.strip())
    page = (
        f"<!doctype html><html><head><title>Live</title></head><body><main>{paragraphs}</main></body></html>"
    )
    base = _extract(_seed())
    other = _extract(page, content_type="text/html; charset=utf-8")
    assert len(other.updates) == 34
    assert [u.uid for u in other.updates] == [u.uid for u in base.updates]
    assert [u.published for u in other.updates] == [u.published for u in base.updates]
    last = other.updates[-1]
    assert "Ukraine-Russia news" not in last.text
    assert "(CNN)" not in last.text
    assert last.text.endswith("disruptions to pipelines running through Lithuania.")


def test_reference_from_the_first_pair_dates_a_capture_after_midnight() -> None:
    """Captured at 00:03 on the 27th: '5 mins ago (23:58 GMT)' is the 26th, not the 27th."""
    text = (
        "Live blog\n\n5 mins ago (23:58 GMT)\n\nLate talks end\n\nThe talks ended late.\n\n"
        "1 hour ago (23:02 GMT)\n\nTalks continue\n\nThe talks went on.\n"
    )
    result = _extract(text, day="2022-01-27")
    assert [u.published for u in result.updates] == [
        datetime(2022, 1, 26, 23, 58, tzinfo=UTC),
        datetime(2022, 1, 26, 23, 2, tzinfo=UTC),
    ]


def test_relative_only_lines_resolve_against_the_reference_and_coarse_ones_do_not() -> None:
    text = "20 mins ago\n\nFirst\n\nBody one.\n\n3 days ago\n\nSecond\n\nBody two.\n"
    document = Document(
        content=text.encode(),
        content_type="text/plain",
        url=URL,
        date=datetime(2022, 1, 26, 12, 0, tzinfo=UTC),
    )
    result = extract(document)
    assert [u.title for u in result.updates] == ["First", "Second"]
    assert result.updates[0].published == datetime(2022, 1, 26, 11, 40, tzinfo=UTC)
    assert result.updates[1].published is None


def test_an_update_without_a_headline_gets_its_first_sentence() -> None:
    text = "18:04 GMT\n\nThe ambassador delivered the letter. More follows.\n\n17:54 GMT\n\nShort headline\n\nBody.\n"
    result = _extract(text)
    assert [u.title for u in result.updates] == ["The ambassador delivered the letter.", "Short headline"]


@pytest.mark.parametrize(
    ("line", "hour", "relative"),
    [
        ("51 seconds ago (18:04 GMT)", 18, timedelta(seconds=51)),
        ("11 mins ago (17:54 GMT)", 17, timedelta(minutes=11)),
        ("1 hour ago (17:03 GMT)", 17, timedelta(hours=1)),
        ("18.04 BST", 18, None),
        ("14 March ,2024: 06:45 PM GST", 18, None),  # Al Arabiya's comma and colon
        ("18 h 04", 18, None),
        ("(18:04 GMT)", 18, None),
        ("13:45", 13, None),
        ("Posted at 23:45", 23, None),
        ("Updated 6.30pm", 18, None),
        ("21 mins ago11:48", 11, timedelta(minutes=21)),
        ("2h ago", None, timedelta(hours=2)),
        ("1h 10m ago", None, timedelta(hours=1, minutes=10)),
        ("Just now", None, timedelta(0)),
        ("vor 5 Minuten", None, timedelta(minutes=5)),
        ("il y a une heure", None, timedelta(hours=1)),
        ("hace 2 horas", None, timedelta(hours=2)),
        ("gerade eben", None, timedelta(0)),
        ("18h04", 18, None),
        ("7.40pm:", 19, None),  # the colon that leads into the post
        ("19.40 Uhr –", 19, None),
        ("Update vom 19. September, 0.20 Uhr:", 0, None),
        ("Sep 18, 2024 at 6:04 pm", 18, None),
        ("Mis à jour le 18 septembre à 18h04", 18, None),
    ],
)
def test_time_labels(line: str, hour: int | None, relative: timedelta | None) -> None:
    label = time_label(line)
    assert label is not None
    assert (label.clock.hour if label.clock else None) == hour
    assert label.relative == relative


@pytest.mark.parametrize(
    "line",
    ["", "The talks ended at 18:04 GMT.", "2022", "10 items", "Page 1 of 3", "12.5 million", "1.", "3 hours"],
)
def test_not_time_labels(line: str) -> None:
    assert time_label(line) is None


def test_coarse_relative_is_a_label_without_an_instant() -> None:
    label = time_label("3 days ago")
    assert label is not None and label.coarse and label.relative is None and label.clock is None


def test_live_section_end_rules() -> None:
    body = ["First paragraph.", "Second paragraph.", "Another article's headline", "img]", "Its text."]
    assert live_section_end(body, [3, 4]) == 2
    dateline = ["First paragraph.", "A headline", "MOSCOW (AP) — The United States on Wednesday…"]
    assert live_section_end(dateline, [2]) == 1
    chrome = ["First paragraph.", "ADVERTISEMENT", "More."]
    assert live_section_end(chrome, [2]) == 1
    # An image inside the update itself (no headline before it) is kept.
    own_image = ["First paragraph.", "The minister said so.", "img]", "Caption [Reuters]"]
    assert live_section_end(own_image, [3]) == 4
    # No marker: a body far longer than any other is cut at its first headline-like line.
    long = ["Para one."] + ["Sentence here."] * 5 + ["Unrelated headline"] + ["More text."] * 20
    assert live_section_end(long, [2, 3]) == 6
    assert live_section_end(["Only one."], []) == 1
    assert live_section_end(["Erster Absatz.", "Mehr zum Thema", "Ein anderer Artikel."], [2]) == 1


@pytest.mark.parametrize(
    ("line", "hour", "minute", "title"),
    [
        ("+++ 18:04 Selenskyj fordert mehr Hilfe +++", 18, 4, "Selenskyj fordert mehr Hilfe"),
        ("+++ 18.04 Uhr: Merz gewinnt +++", 18, 4, "Merz gewinnt"),
        ("+++ 07:51 +++", 7, 51, None),
        ("+++ 9:05 Uhr +++ Neue Zahlen", 9, 5, "Neue Zahlen"),
    ],
)
def test_ticker_lines(line: str, hour: int, minute: int, title: str | None) -> None:
    found = ticker_line(line)
    assert found is not None
    label, headline = found
    assert label.clock is not None and (label.clock.hour, label.clock.minute) == (hour, minute)
    assert headline == title


@pytest.mark.parametrize(
    "line", ["+++ Eilmeldung +++", "+++ 25:10 Kein Datum +++", "18:04 Titel +++", "++ 18:04 x"]
)
def test_not_ticker_lines(line: str) -> None:
    assert ticker_line(line) is None


def test_a_plain_text_ticker_keeps_its_headlines_and_walks_back_past_midnight() -> None:
    text = (
        "Der Krieg im Liveticker\n"
        "+++ 00:20 Luftalarm in Kiew +++\nIn der Hauptstadt heulen die Sirenen.\n"
        "+++ 23:40 Scholz telefoniert mit Selenskyj +++\nThemen waren Waffenlieferungen.\nUnd der Winter.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 9, 18, 0, 30, tzinfo=UTC))
    assert [u.title for u in result.updates] == ["Luftalarm in Kiew", "Scholz telefoniert mit Selenskyj"]
    assert [u.published for u in result.updates] == [
        datetime(2024, 9, 18, 0, 20, tzinfo=UTC),
        datetime(2024, 9, 17, 23, 40, tzinfo=UTC),
    ]
    assert result.updates[1].text == "Themen waren Waffenlieferungen.\n\nUnd der Winter."


def test_day_lines_date_the_posts_after_them_and_are_no_posts_text() -> None:
    text = (
        "Storm live\n\nThursday 19 September 2024\n\n09:15 BST\nClean-up begins\nCrews cleared roads.\n\n"
        "Wednesday 18 September 2024\n\n18:04 BST\nStorm makes landfall\nIt came ashore near Whitby.\n\n"
        "12:30 BST\nWarnings issued\nAmber warnings for wind.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document)  # no reference at all: the day lines date the posts
    assert [(u.title, u.text, u.published) for u in result.updates] == [
        ("Clean-up begins", "Crews cleared roads.", datetime(2024, 9, 19, 8, 15, tzinfo=UTC)),
        ("Storm makes landfall", "It came ashore near Whitby.", datetime(2024, 9, 18, 17, 4, tzinfo=UTC)),
        ("Warnings issued", "Amber warnings for wind.", datetime(2024, 9, 18, 11, 30, tzinfo=UTC)),
    ]


def test_a_lone_dateline_above_the_posts_pins_nobody_to_its_day() -> None:
    text = (
        "Updates\nWednesday 18 September 2024\n00:12 GMT\nLate news\nText.\n23:47 GMT\nEvening news\nMore.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 9, 18, 0, 30, tzinfo=UTC))
    assert [u.published for u in result.updates] == [
        datetime(2024, 9, 18, 0, 12, tzinfo=UTC),
        datetime(2024, 9, 17, 23, 47, tzinfo=UTC),
    ]


def test_an_html_page_read_as_text_loses_its_ad_boxes_but_not_a_share_enabled_wrapper() -> None:
    posts = "".join(
        f"<p><b>+++ {hh}:00 Headline {hh} +++</b><br>Body of the {hh} o'clock post.</p>"
        + ('<div class="ad-slot">Advertisement</div><p>More of it.</p>' if hh == 17 else "")
        for hh in (18, 17, 16)
    )
    page = f'<html><body><div class="live share-enabled">{posts}</div></body></html>'
    result = _extract(page, content_type="text/html; charset=utf-8")
    assert result.strategy == "text"
    assert [u.title for u in result.updates] == ["Headline 18", "Headline 17", "Headline 16"]
    assert result.updates[1].text == "Body of the 17 o'clock post.\n\nMore of it."


_LABELISH = st.lists(
    st.sampled_from(
        [
            "51",
            "seconds",
            "mins",
            "ago",
            "now",
            "just",
            "(",
            ")",
            "18:04",
            "18.04",
            "GMT",
            "BST",
            "6.30pm",
            "Updated",
            "Posted at",
            "an",
            "hour",
            "3 days",
            "-",
            " ",
            "\u00a0",
            "Moments",
            "٣:٤٥",
            "x",
            "2h",
            "25:10",
            "vor",
            "einer",
            "Stunde",
            "il y a",
            "une",
            "heure",
            "hace",
            "geleden",
            "fa",
            "gerade eben",
            "18h04",
        ]
    ),
    max_size=8,
).map("".join)


@given(text=_LABELISH)
def test_is_time_label_is_time_label_without_the_label(text: str) -> None:
    assert is_time_label(text) == (time_label(text) is not None)


def test_an_html_page_read_as_text_ends_before_its_footer_and_keeps_its_posts_headers() -> None:
    posts = "".join(
        f"<article><header><b>+++ {hh}:00 Headline {hh} +++</b></header><p>Body of the {hh} o'clock post.</p></article>"
        for hh in (18, 17, 16)
    )
    page = (
        '<html><body><header><nav><a href="/">Home</a> 12:00 Edition</nav></header>'
        f"<main>{posts}</main>"
        '<footer><p>© 2024 Example News Ltd</p><a href="/terms">Terms</a> <a href="/privacy">Privacy policy</a></footer>'
        "</body></html>"
    )
    result = _extract(page, content_type="text/html; charset=utf-8")
    assert result.strategy == "text"
    assert [u.title for u in result.updates] == ["Headline 18", "Headline 17", "Headline 16"]
    assert result.updates[-1].text == "Body of the 16 o'clock post."


def test_a_line_that_starts_with_copyright_is_no_footer() -> None:
    text = (
        "18:04 GMT\nJudge hears the case\nThe hearing began.\n"
        "17:30 GMT\nThe judge spoke\nLawyers spoke outside.\n"
        "Copyright holders say a loss would devastate the industry.\nThe tech firms disagree.\n"
        "© 2024 Example News Ltd\n"
    )
    result = _extract(text)
    assert result.updates[-1].text.endswith("The tech firms disagree.")


def test_lines_that_lead_with_their_time_start_updates() -> None:
    text = (
        "Flooding live\n14:05 – Shrewsbury barriers hold\nThe barriers held overnight.\n"
        "13:20 - Severe warning in Bewdley\nResidents were told to leave.\n"
        "12.05pm: The worst of the rain has passed, the Met Office says.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 2, 12, 15, tzinfo=UTC))
    rain = "The worst of the rain has passed, the Met Office says."  # a sentence: the post's text
    assert [(u.title, u.text, u.published) for u in result.updates] == [
        (
            "Shrewsbury barriers hold",
            "The barriers held overnight.",
            datetime(2024, 2, 12, 14, 5, tzinfo=UTC),
        ),
        (
            "Severe warning in Bewdley",
            "Residents were told to leave.",
            datetime(2024, 2, 12, 13, 20, tzinfo=UTC),
        ),
        (rain, rain, datetime(2024, 2, 12, 12, 5, tzinfo=UTC)),
    ]


def test_a_schedule_inside_a_post_does_not_split_a_blog_of_time_lines() -> None:
    text = (
        "18:04 GMT\nProgramme announced\nThe day runs as follows:\n09:00 - Doors open\n10:00 - Speeches\n"
        "17:54 GMT\nEarlier\nSomething else happened.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 2, 12, 19, tzinfo=UTC))
    assert [u.title for u in result.updates] == ["Programme announced", "Earlier"]
    assert "10:00 - Speeches" in result.updates[0].text


def test_a_date_in_a_posts_own_lines_is_its_text_and_dates_nobody() -> None:
    text = (
        "14:05 EDT\nTimetable set\nThe judge set out the timetable.\nMonday 22 April\nOpening statements.\n"
        "Friday 31 May\nClosing arguments.\n12:20 EDT\nJurors sworn in\nSeven of twelve are sworn in.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 4, 16, 21, tzinfo=UTC), timezone="America/New_York")
    assert [u.published for u in result.updates] == [
        datetime(2024, 4, 16, 18, 5, tzinfo=UTC),
        datetime(2024, 4, 16, 16, 20, tzinfo=UTC),
    ]
    assert "Monday 22 April" in result.updates[0].text and "Friday 31 May" in result.updates[0].text


@pytest.mark.parametrize("line", ["Today at 8.15pm", "At 8.15pm"])
def test_a_line_naming_a_time_is_no_time_line(line: str) -> None:
    text = f"18:02 BST\nDebate tonight\nThe debate starts later.\n{line}\nOn BBC One.\n16:45 BST\nNew poll\nLabour ahead.\n"
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 6, 26, 18, tzinfo=UTC), timezone="Europe/London")
    assert [u.title for u in result.updates] == ["Debate tonight", "New poll"]
    assert line in result.updates[0].text


def test_a_headline_repeating_the_newest_ticker_line_is_no_update() -> None:
    text = (
        "+++ 14:05 Israel meldet Angriffe +++\nAlle Entwicklungen im Überblick.\n"
        "+++ 14:05 Israel meldet Angriffe +++\nDie Armee hat Ziele angegriffen.\n"
        "+++ 13:41 Hamas prüft Vorschlag +++\nDie Hamas prüft einen Vorschlag.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 6, 11, 13, tzinfo=UTC))
    assert [(u.title, u.text) for u in result.updates] == [
        ("Israel meldet Angriffe", "Die Armee hat Ziele angegriffen."),
        ("Hamas prüft Vorschlag", "Die Hamas prüft einen Vorschlag."),
    ]


@pytest.mark.parametrize(
    "page",
    [
        # an article whose sentences begin with a time, not a live blog
        "<p>By noon the storm had passed.</p><p>06:30 – the first cancellations appeared on the boards.</p>"
        "<p>14:05 – the last train left, an hour late.</p><p>18:20 – the station closed.</p>",
        # a running order: one time-led line after another, none with a text of its own
        "<ul><li>11:30 – Olivia Dean</li><li>13:00 – Burna Boy</li><li>15:45 – Coldplay</li>"
        "<li>18:00 – SZA</li></ul>",
    ],
)
def test_time_led_lines_that_are_no_blog_give_no_updates(page: str) -> None:
    html = f"<html><body><h1>Article</h1>{page}<p>More to read.</p></body></html>"
    document = Document(content=html.encode(), content_type="text/html; charset=utf-8", url=URL)
    with pytest.raises(ExtractError):
        extract(document, reference=datetime(2024, 5, 14, 20, tzinfo=UTC))


def test_a_schedule_of_time_led_lines_stays_in_a_blog_of_time_lines() -> None:
    text = (
        "16:40 BST\nBusy polling stations\nQueues in several wards.\n"
        "16:10 BST\nTonight's timetable\nHere is how the night unfolds:\n22:00 – Polls close\n"
        "23:00 – First results\n01:00 – London declares\n03:00 – Most seats declared\n"
        "15:30 BST\nTurnout higher\nEarly estimates say so.\n"
    )
    document = Document(content=text.encode(), content_type="text/plain; charset=utf-8", url=URL)
    result = extract(document, reference=datetime(2024, 7, 4, 17, tzinfo=UTC), timezone="Europe/London")
    assert [u.title for u in result.updates] == [
        "Busy polling stations",
        "Tonight's timetable",
        "Turnout higher",
    ]
    assert "03:00 – Most seats declared" in result.updates[1].text


def test_headlines_above_their_time_lines_title_their_own_posts() -> None:
    # USA TODAY's text: headline, then the time line, then the text and the author.
    text = "\n".join(
        [
            "Super Bowl 2024 live updates: Chiefs beat 49ers in overtime",
            "",
            "Mahomes named Super Bowl MVP",
            "10:20 p.m. ET February 11, 2024",
            "Patrick Mahomes was named Super Bowl MVP for the third time.",
            "Jarrett Bell",
            "",
            "Chiefs win in overtime, 25-22",
            "10:05 p.m. ET February 11, 2024",
            "Mecole Hardman caught a 3-yard touchdown pass to end it.",
            "Tyler Dragon",
            "",
            "Sign up for our Sports newsletter: The best of USA TODAY Sports in your inbox.",
            "",
            "Usher halftime show recap",
            "8:35 p.m. ET February 11, 2024",
            "Usher was joined by Alicia Keys and Ludacris during a 13-minute set.",
        ]
    )
    document = Document(
        content=text.encode(),
        content_type="text/plain; charset=utf-8",
        url="https://www.usatoday.com/live.txt",
    )
    updates = extract(document).updates
    assert [(u.title, u.published) for u in updates] == [
        ("Mahomes named Super Bowl MVP", datetime(2024, 2, 12, 3, 20, tzinfo=UTC)),
        ("Chiefs win in overtime, 25-22", datetime(2024, 2, 12, 3, 5, tzinfo=UTC)),
        ("Usher halftime show recap", datetime(2024, 2, 12, 1, 35, tzinfo=UTC)),
    ]
    assert updates[1].text == "Mecole Hardman caught a 3-yard touchdown pass to end it.\n\nTyler Dragon"
    assert (
        updates[2].text == "Usher was joined by Alicia Keys and Ludacris during a 13-minute set."
    )  # (the last line too)


def test_related_lines_between_a_posts_paragraphs_are_no_part_of_it() -> None:
    # KTLA's text: "Related: <another article's headline>" between a post's paragraphs. A sentence
    # that starts with "Related to" stays, and so does a post's only line.
    text = "\n".join(
        [
            "Storm live updates: rain and mudslides across Southern California",
            "10:05 a.m. PT",
            "Rain totals climb downtown",
            "Downtown Los Angeles recorded 2 inches of rain overnight.",
            "Related: Mudslide closes Highway 1 near Big Sur",
            "Crews worked through the night to clear storm drains.",
            "READ MORE | What to do if your home floods",
            "Also read: The county said it expects more rain tonight.",
            "9:40 a.m. PT",
            "Flood watch extended",
            "Related to the storm, the county opened two shelters in Pasadena.",
            "9:15 a.m. PT",
            "Related: Evacuation warnings for burn areas",
        ]
    )
    document = Document(
        content=text.encode(), content_type="text/plain; charset=utf-8", url="https://ktla.example/live.txt"
    )
    updates = extract(document, reference=datetime(2024, 2, 5, 19, 0, tzinfo=UTC)).updates
    assert [u.title for u in updates][:2] == ["Rain totals climb downtown", "Flood watch extended"]
    assert updates[0].text == (
        "Downtown Los Angeles recorded 2 inches of rain overnight.\n\n"
        "Crews worked through the night to clear storm drains.\n\n"
        "Also read: The county said it expects more rain tonight."  # (a sentence after the label stays)
    )
    assert updates[1].text == "Related to the storm, the county opened two shelters in Pasadena."
    assert "Evacuation warnings for burn areas" in updates[2].title + updates[2].text
