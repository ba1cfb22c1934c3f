"""Scraps that are nobody's text: short hidden spans (a raw epoch for scripts), ad slots labelled
"Advertisement" / "Anzeige", and Ippen's "Erstmeldung vom …" lead-in, which starts a post."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from livetail.extract.engine import extract
from livetail.model import Document

REFERENCE = datetime(2024, 3, 14, 15, 0, tzinfo=UTC)


def _extract(page: str, content_type: str = "text/html; charset=utf-8"):  # type: ignore[no-untyped-def]
    document = Document(
        content=page.encode(), content_type=content_type, url="https://www.example.com/live", date=REFERENCE
    )
    return extract(document)


def _posts(meta: str) -> str:
    posts = [
        ("14:05 GMT", "Barriers hold in Shrewsbury", "The barriers held overnight, the agency said."),
        ("13:20 GMT", "River peaks in Bewdley", "The Severn peaked just below the record."),
        ("11:45 GMT", "Schools close", "Twelve schools stayed shut across the county."),
    ]
    return "".join(
        f'<article class="live-update"><div class="meta">{meta}<span class="time">{time}</span></div>'
        f"<h2>{title}</h2><p>{text}</p></article>"
        for time, title, text in posts
    )


@pytest.mark.parametrize(
    "hidden",
    [
        "<span hidden>1710425100</span>",
        '<span class="ts-raw" style="display:none">1710425100</span>',
        '<span style="visibility: hidden">post-4471</span>',
    ],
)
def test_a_short_hidden_span_is_no_part_of_a_post(hidden: str) -> None:
    result = _extract(f"<html><body><main>{_posts(hidden)}</main></body></html>")
    assert [u.title for u in result.updates] == [
        "Barriers hold in Shrewsbury",
        "River peaks in Bewdley",
        "Schools close",
    ]
    assert not any("1710425100" in u.text or "post-4471" in u.text for u in result.updates)
    assert not any("1710425100" in u.content_html for u in result.updates)


def test_long_hidden_text_stays_it_may_be_the_rest_of_the_post() -> None:
    rest = "The rest of the statement, shown when the reader taps Read more, runs to several sentences."
    page = _posts("").replace(
        "<p>The barriers held overnight, the agency said.</p>",
        f'<p>The barriers held overnight, the agency said.</p><div style="display:none">{rest}</div>',
    )
    result = _extract(f"<html><body><main>{page}</main></body></html>")
    assert rest in result.updates[0].text


@pytest.mark.parametrize("label", ["Advertisement", "Anzeige", "Publicité", "広告"])
def test_an_ad_slot_labelled_only_advertisement_is_no_part_of_a_post(label: str) -> None:
    page = _posts("").replace(
        "<p>The Severn peaked just below the record.</p>",
        f'<p>The Severn peaked just below the record.</p><div class="slot-x"><span>{label}</span></div>'
        "<p>Flood defences held in the town centre.</p>",
    )
    result = _extract(f"<html><body><main>{page}</main></body></html>")
    second = result.updates[1]
    assert "Flood defences held" in second.text and label not in second.text


def test_a_plain_text_blog_drops_ad_label_lines() -> None:
    text = "\n".join(
        [
            "Storm live",
            "14:05 GMT",
            "Barriers hold in Shrewsbury",
            "The barriers held overnight, the agency said.",
            "Advertisement",
            "13:20 GMT",
            "River peaks in Bewdley",
            "Anzeige",
            "The Severn peaked just below the record.",
            "11:45 GMT",
            "Schools close",
            "Twelve schools stayed shut across the county.",
        ]
    )
    result = _extract(text, "text/plain; charset=utf-8")
    assert [u.title for u in result.updates] == [
        "Barriers hold in Shrewsbury",
        "River peaks in Bewdley",
        "Schools close",
    ]
    assert not any("Advertisement" in u.text or "Anzeige" in u.text for u in result.updates)
    assert "The Severn peaked" in result.updates[1].text


def test_an_ippen_first_report_paragraph_starts_a_post() -> None:
    # Merkur, tz, FR: the ticker's entries are paragraphs led by "Update vom …:" and, for the
    # first, "Erstmeldung vom …:".
    paragraphs = [
        ("Update vom 14. März, 13.05 Uhr:", "Am Nachmittag hat sich die Lage im Terminal 2 etwas beruhigt."),
        ("Update vom 14. März, 11.30 Uhr:", "Die Lufthansa hat inzwischen mehr als 400 Flüge gestrichen."),
        ("Update vom 14. März, 10.45 Uhr:", "Die Schlangen an den Schaltern werden länger."),
        (
            "Erstmeldung vom 14. März, 09.12 Uhr:",
            "München – Verdi hat das Bodenpersonal zum Warnstreik aufgerufen.",
        ),
    ]
    body = "".join(
        f"<p><strong>{label}</strong> {text}</p><p>Mehr dazu in Kürze.</p>" for label, text in paragraphs
    )
    document = Document(
        content=f'<html lang="de"><body><article><h1>Warnstreik am Flughafen</h1>{body}</article></body></html>'.encode(),
        content_type="text/html; charset=utf-8",
        url="https://www.merkur.de/muenchen/warnstreik-flughafen-live.html",
        date=REFERENCE,
    )
    result = extract(document)
    assert [u.published for u in result.updates] == [
        datetime(2024, 3, 14, 12, 5, tzinfo=UTC),  # 13.05 in Munich (.de: Berlin time)
        datetime(2024, 3, 14, 10, 30, tzinfo=UTC),
        datetime(2024, 3, 14, 9, 45, tzinfo=UTC),
        datetime(2024, 3, 14, 8, 12, tzinfo=UTC),
    ]
    assert "Erstmeldung" not in result.updates[2].text
