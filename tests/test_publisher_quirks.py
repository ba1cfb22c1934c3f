"""Pages modelled on publishers' live pages whose markup tripped the extractor (a third probe of
publishers' pages, December 2026): each test names the publisher and what its page does."""

from __future__ import annotations

from datetime import UTC, datetime

from ldpages import ld_blog_page

from livetail.extract.engine import extract
from livetail.model import Document, Update

REFERENCE = datetime(2025, 1, 24, 16, 0, tzinfo=UTC)


def _extract(page: str, url: str, reference: datetime = REFERENCE) -> list[Update]:
    document = Document(
        content=page.encode(), content_type="text/html; charset=utf-8", url=url, date=reference
    )
    return extract(document).updates


# The WordPress liveblog plugin's React front end (Metro): entries are article#id_<n>, and the
# plugin's own LD gives each entry's first ten words, cut with "…", as its headline and an empty
# articleBody ({"@type": "Text"}).
def _wordpress_entry(entry_id: int, when: str, heading: str, text: str) -> str:
    head = f"<h2>{heading}</h2>" if heading else ""
    return (
        f'<article id="id_{entry_id}" class="liveblog-entry"><aside class="liveblog-entry-aside">'
        f'<a class="liveblog-meta-time" href="https://metro.co.uk/live/#{entry_id}"><span>5 mins ago</span>'
        f'<span>{when}</span></a></aside><div class="liveblog-entry-main"><header class="liveblog-meta-authors">'
        f'<span class="liveblog-meta-author-name">Sam Corbishley</span></header>'
        f'<div class="liveblog-entry-content">{head}<p>{text}</p></div></div></article>'
    )


def test_wordpress_react_entries_take_their_heading_not_lds_first_ten_words() -> None:
    ld = [
        {
            "headline": "Power cuts hit 1 million homes Energy networks say more…",
            "url": "https://metro.co.uk/live/#501",
            "datePublished": "2025-01-24T15:10:42+00:00",
            "author": {"@type": "Person", "name": "Sam Corbishley"},
            "articleBody": {"@type": "Text"},
        },
        {
            "headline": "Ryanair has cancelled all flights at Dublin until 6pm…",
            "url": "https://metro.co.uk/live/#377",
            "datePublished": "2025-01-24T14:32:05+00:00",
            "author": {"@type": "Person", "name": "Sam Corbishley"},
            "articleBody": {"@type": "Text"},
        },
    ]
    body = (
        '<div id="wpcom-liveblog-container" class="123"><div class="liveblog-feed">'
        + _wordpress_entry(
            501,
            "3:10pm",
            "Power cuts hit 1 million homes",
            "Energy networks say more than a million are cut off.",
        )
        + _wordpress_entry(
            377, "2:32pm", "", "Ryanair has cancelled all flights at Dublin until 6pm. More soon."
        )
        + "</div></div>"
    )
    updates = _extract(ld_blog_page(ld, body, headline="Storm Éowyn live"), "https://metro.co.uk/live/")
    assert [u.uid for u in updates] == ["501", "377"]
    assert [u.title for u in updates] == [
        "Power cuts hit 1 million homes",
        "Ryanair has cancelled all flights at Dublin until 6pm.",
    ]
    assert updates[0].text == "Energy networks say more than a million are cut off."
    assert "Ryanair has cancelled all flights" in updates[1].text
    assert [u.published for u in updates] == [
        datetime(2025, 1, 24, 15, 10, 42, tzinfo=UTC),
        datetime(2025, 1, 24, 14, 32, 5, tzinfo=UTC),
    ]
    assert [u.authors for u in updates] == [("Sam Corbishley",), ("Sam Corbishley",)]


def test_a_headline_that_merely_ends_in_an_ellipsis_stays_the_title() -> None:
    ld = [
        {
            "headline": "Will the ceasefire hold? What we know…",
            "url": "https://example.com/live/#7",
            "datePublished": "2025-01-24T15:10:42+00:00",
        }
    ]
    body = '<article id="id_7"><h2>Ceasefire: what we know</h2><p>Both sides have agreed to a pause from midnight.</p></article>'
    updates = _extract(ld_blog_page(ld, body), "https://example.com/live/")
    assert [u.title for u in updates] == ["Will the ceasefire hold? What we know…"]
