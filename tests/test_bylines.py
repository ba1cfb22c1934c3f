"""Bylines: the names they give, without roles, places, handles or stamps beside them, read the
same by the heuristic strategy and by the structured strategies' DOM cross-check."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest
from ldpages import ld_blog_page

from livetail.extract.bylines import box_names, is_byline, line_names
from livetail.extract.engine import extract
from livetail.extract.visibletext import visible
from livetail.model import Document


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("Jane Doe, Political editor", ["Jane Doe"]),
        ("Jane Doe Political editor", ["Jane Doe"]),
        ("Jane Doe Chief political correspondent", ["Jane Doe"]),
        ("Jane Doe Westminster correspondent", ["Jane Doe"]),
        ("Europe editor Katya Adler", ["Katya Adler"]),
        ("By Jane Doe and Tom Evans, BBC News", ["Jane Doe", "Tom Evans"]),  # (the outlet is no author)
        ("Jane Doe in Kyiv", ["Jane Doe"]),
        ("Jane Doe | Berlin", ["Jane Doe"]),
        ("Von Peter Münch, Korrespondent", ["Peter Münch"]),
        ("Par Marie Dupont, envoyée spéciale", ["Marie Dupont"]),
        ("Reuters", ["Reuters"]),
        ("Political editor", []),
        ("@janedoe", []),
        ("Ann-Marie O'Neill", ["Ann-Marie O'Neill"]),
        # whole bylines, and names holding a role's word
        ("By Reuters staff", ["Reuters staff"]),
        ("Guardian staff and agencies", ["Guardian staff", "agencies"]),
        ("By the Associated Press", ["the Associated Press"]),
        ("bell hooks", ["bell hooks"]),
        ("By David Autor", ["David Autor"]),
        ("By Ruth Anchor Smith", ["Ruth Anchor Smith"]),
        ("Jane Doe, Correspondent for Europe", ["Jane Doe"]),
        ("Sam Coates, Deputy political editor", ["Sam Coates"]),
        ("By Tyler Pager and Cleve R. Wootson Jr.", ["Tyler Pager", "Cleve R. Wootson Jr."]),
        ("Jan Novák, Ostrava", ["Jan Novák"]),
        ("Kate Martyr with dpa", ["Kate Martyr"]),  # DW
        ("– Acor Arceo/Rappler.com", ["Acor Arceo"]),  # a sign-off
        # long names, names that start like a tail word, co-authors after "with"
        ("By María José García López", ["María José García López"]),
        ("Luiz Inácio Lula da Silva", ["Luiz Inácio Lula da Silva"]),
        ("By Con Coughlin", ["Con Coughlin"]),
        ("By Ana Con Dios", ["Ana Con Dios"]),
        ("By Jane Doe with Tom Evans", ["Jane Doe", "Tom Evans"]),
        ("By Jane Doe, with additional reporting by Tom Evans", ["Jane Doe", "Tom Evans"]),
        ("AC/DC", ["AC/DC"]),
        ("Avec notre correspondante à Nouméa", []),  # RFI
        ("Chefkorrespondentin Anna Schmidt", ["Anna Schmidt"]),
        ("Sam Coates Deputy political editor", ["Sam Coates"]),
        ("Matt Dathan, Home Affairs Editor", ["Matt Dathan"]),
        ("Jane Doe Energy Policy correspondent", ["Jane Doe"]),
        ("Sarah Smith, North America editor", ["Sarah Smith"]),
        # a label before the names
        ("Posted by Fika Ulya", ["Fika Ulya"]),  # Fox News, blogs
        ("Written by Jane Doe and Tom Evans", ["Jane Doe", "Tom Evans"]),
        ("Penulis: Singgih Wiryono", ["Singgih Wiryono"]),  # Kompas
        ("Penulis: Singgih Wiryono | Editor: Dani Prabowo", ["Singgih Wiryono"]),
        ("Author: Jane Doe", ["Jane Doe"]),
        ("Texto: Ana Gómez", ["Ana Gómez"]),
        ("Textor Smith", ["Textor Smith"]),
    ],
)
def test_a_byline_line_gives_its_names_only(line: str, names: list[str]) -> None:
    assert line_names([line]) == names


@pytest.mark.parametrize(
    ("box", "names"),
    [
        ('<div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div>', ["Jane Doe"]),
        ('<div class="byline"><a class="author">Anna Hargreaves</a><a class="author">Ben Okafor</a></div>', ["Anna Hargreaves", "Ben Okafor"]),
        # a name split over two spans is one name
        ('<div class="byline"><span class="first">Jane</span> <span class="last">Doe</span></div>', ["Jane Doe"]),
        ('<div class="byline"><a href="/p/jane">Jane Doe</a> <span>in Washington</span></div>', ["Jane Doe"]),
        ('<div class="byline"><span>Jane Doe</span><time>12:30</time></div>', ["Jane Doe"]),
        ('<div class="byline"><span>Jane</span><span>Doe</span><time>12:30</time></div>', ["Jane Doe"]),
        ('<div class="contributor"><strong>Jane Doe</strong><br>Chief political correspondent</div>', ["Jane Doe"]),
        # several authors, each box with its role
        ('<div class="byline"><div class="author">Jane Doe, Political editor</div><div class="author">Tom Evans</div></div>', ["Jane Doe", "Tom Evans"]),
        ('<div class="byline"><span>By Jane Doe</span> <span>and Tom Evans</span></div>', ["Jane Doe", "Tom Evans"]),
        ('<div class="byline"><div class="author"><span class="name">Jane Doe</span><span class="role">Reporter</span></div>'
         '<div class="author"><span class="name">Tom Evans</span><span class="role">Editor</span></div></div>', ["Jane Doe", "Tom Evans"]),
        ('<div class="byline"><a href="/a">Jane Doe</a> <a href="/b">de Gaulle</a></div>', ["Jane Doe", "de Gaulle"]),
        ('<div class="byline"><a href="/a">李明</a> <a href="/b">王芳</a></div>', ["李明", "王芳"]),
        # SVT: name, role and place each in its own span
        ('<div class="byline"><span>Elisabeth Marmorstein</span><span>Utrikesreporter</span><span>Washington</span></div>',
         ["Elisabeth Marmorstein"]),
        # BBC's live posts: the contributor's description is their outlet or desk, no second name
        ('<div class="lx-stream-post__contributor"><p class="lx-stream-post__contributor-name">Jane Doe</p>'
         '<p class="lx-stream-post__contributor-description">BBC News, Kyiv</p></div>', ["Jane Doe"]),
        ('<div class="lx-stream-post__contributor"><p class="lx-stream-post__contributor-name">جیار گل</p>'
         '<p class="lx-stream-post__contributor-description">بی‌بی‌سی فارسی</p></div>', ["جیار گل"]),
        ('<div class="author"><span class="author__name">Tom Evans</span><span class="author__bio">Science Desk</span></div>',
         ["Tom Evans"]),
    ],
)  # fmt: skip
def test_a_byline_box_gives_its_names_only(box: str, names: list[str]) -> None:
    assert box_names(lxml.html.fragment_fromstring(box), visible) == names


_BYLINES = [
    '<div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div>',
    '<div class="byline"><span class="name">Jane Doe</span>, <span class="role">Political editor</span></div>',
    '<p class="author">By Jane Doe, Political editor</p>',
    '<div class="author"><img alt="" src="a.jpg"><div class="author-name">Jane Doe</div>'
    '<div class="author-role">Political Editor</div></div>',
    '<div class="byline"><a href="/p/jane">Jane Doe</a> <span>in Washington</span></div>',
    '<div class="contributor"><strong>Jane Doe</strong><br>Chief political correspondent</div>',
    # where classes are hashed, a test hook names the box (the Washington Post's data-qa)
    '<div data-qa="post-byline">By <a href="/people/1">Jane Doe</a></div>',
    '<div class="autor">Jane Doe, Ostrava</div>',  # iDNES: the place after a comma
    '<p class="author">Jane Doe<span>Transport editor</span></p>',  # the Evening Standard
    '<p class="post__author">Posted by Jane Doe</p>',
    '<p class="post__author">Penulis: Jane Doe</p>',  # Kompas
]


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jane Doe", True),
        ("Ross Lydall Transport editor", True),
        ("Jane Doe and Tom Evans", True),
        ("Cleve R. Wootson Jr.", True),
        ("Jean van der Berg, Amsterdam", True),
        ("Explosions heard in central Kyiv", False),
        ("Correction: an earlier version misnamed the minister", False),
        ("Political editor", False),
    ],
)
def test_a_line_is_a_byline_when_it_names_only_its_writers(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


def _page(byline: str, with_ld: bool, *, last: bool = False) -> Document:
    """Three posts, each with ``byline`` under its heading (or, ``last``, after its text)."""
    posts = "".join(
        f'<article class="post" id="p{n}"><time datetime="2024-03-14T1{n}:00:00Z">1{n}:00</time>'
        f"<h2>Headline {n}</h2>{'' if last else byline}<p>What happened, number {n}, in several words.</p>"
        f"{byline if last else ''}</article>"
        for n in (3, 2, 1)
    )
    updates = [
        {
            "@id": f"https://e.test/live#p{n}",
            "headline": f"Headline {n}",
            "datePublished": f"2024-03-14T1{n}:00:00Z",
            "articleBody": f"What happened, number {n}, in several words.",
        }
        for n in (3, 2, 1)
    ]
    body = f"<main>{posts}</main>"
    page = ld_blog_page(updates, body, headline="Live") if with_ld else f"<html><body>{body}</body></html>"
    return Document(
        content=page.encode(),
        content_type="text/html",
        url="https://e.test/live",
        date=datetime(2024, 3, 14, 18, tzinfo=UTC),
    )


@pytest.mark.parametrize("byline", _BYLINES)
@pytest.mark.parametrize(("with_ld", "strategy"), [(False, "heuristic"), (True, "jsonld")])
def test_a_posts_byline_names_its_author_and_leaves_the_body(
    byline: str, with_ld: bool, strategy: str
) -> None:
    result = extract(_page(byline, with_ld))
    assert result.strategy == strategy
    assert [u.authors for u in result.updates] == [("Jane Doe",)] * 3
    for n, update in zip((3, 2, 1), result.updates, strict=True):
        assert update.text == f"What happened, number {n}, in several words."


@pytest.mark.parametrize(("with_ld", "strategy"), [(False, "heuristic"), (True, "jsonld")])
def test_several_authors_each_with_a_role_are_named_in_order(with_ld: bool, strategy: str) -> None:
    byline = (
        '<div class="byline"><div class="author">Jane Doe, Political editor</div>'
        '<div class="author">Tom Evans</div></div>'
    )
    result = extract(_page(byline, with_ld))
    assert result.strategy == strategy
    assert [u.authors for u in result.updates] == [("Jane Doe", "Tom Evans")] * 3


@pytest.mark.parametrize(
    "kept",
    [
        "<figure><blockquote><p>We will fight on the beaches</p></blockquote>"
        '<figcaption><p class="quote-author">By Winston Churchill</p></figcaption></figure>',
        '<p class="author-note">Correction: an earlier version misnamed the minister</p>',
        '<p class="author-text">Explosions heard in central Kyiv</p>',
    ],
)
def test_a_paragraph_named_for_an_author_stays_unless_it_reads_as_a_byline(kept: str) -> None:
    document = _page("", with_ld=True)
    page = document.content.decode().replace("<p>What happened, number 3, in several words.</p>", kept)
    page = page.replace(', "articleBody": "What happened, number 3, in several words."', "")
    result = extract(
        Document(content=page.encode(), content_type="text/html", url=document.url, date=document.date)
    )
    assert result.strategy == "jsonld"
    words = " ".join(lxml.html.fragment_fromstring(kept, create_parent="div").itertext())
    assert result.updates[0].text.replace("\n", " ").split() == words.split()


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        (
            '<div class="flex"><span>von</span> <a href="/impressum/autor-1">Jane Doe</a></div>',
            ("Jane Doe",),
        ),  # Spiegel
        ('<div class="byline">By Cleve R. Wootson Jr.</div>', ("Cleve R. Wootson Jr.",)),
    ],
)
def test_a_heuristic_posts_written_or_suffixed_byline_names_its_author(
    byline: str, names: tuple[str, ...]
) -> None:
    result = extract(_page(byline, with_ld=False, last=True))
    assert [u.authors for u in result.updates] == [names] * 3
    assert [u.text for u in result.updates] == [
        f"What happened, number {n}, in several words." for n in (3, 2, 1)
    ]


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        # test hooks name anything: only a byline's is read
        ('<figure data-testid="promo-image"><img src="/w.jpg" alt=""><figcaption>Waves over the harbour wall</figcaption></figure>',
         "Waves over the harbour wall"),
        ('<p data-qa="subscribe-cta-text">Residents were told to stay indoors overnight.</p>', "stay indoors overnight"),
        # capitalised like names, but no byline
        ('<p class="creator-caption">Footage Shared By Local Fisherman</p>', "Footage Shared By Local Fisherman"),
        # a share control's word as a subheading or a lead-in
        ("<h3>Comment</h3><p>The council has questions to answer.</p>", "Comment"),
        ("<div><b>Key point:</b></div><ul><li>Schools shut</li></ul>", "Key point"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("with_ld", [False, True])
def test_text_that_only_looks_like_a_byline_or_a_label_stays(extra: str, kept: str, with_ld: bool) -> None:
    result = extract(_page(extra, with_ld))
    assert all(kept in u.text for u in result.updates), [u.text for u in result.updates]
    assert all(u.authors == () for u in result.updates)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # The Times: hashed classes, the name and role in the line under the heading
        ('<div class="css-au71zz"><span>Oliver Wright, Policy Editor</span></div>', ("Oliver Wright",)),
        ('<div class="css-au71zz"><span>Matt Dathan, Home Affairs Editor</span></div>', ("Matt Dathan",)),
        ("<p>Jane Doe, Political editor</p>", ("Jane Doe",)),
    ],
)
def test_a_heuristic_posts_unmarked_byline_with_a_role_names_its_author(
    byline: str, names: tuple[str, ...]
) -> None:
    result = extract(_page(byline, with_ld=False))
    assert [u.authors for u in result.updates] == [names] * 3
    assert [u.text for u in result.updates] == [
        f"What happened, number {n}, in several words." for n in (3, 2, 1)
    ]


@pytest.mark.parametrize(
    "line",
    [
        "<p>Keir Starmer, Prime Minister</p>",  # a role, but no journalist's
        "<p>Jane Doe, Political editor, said the vote was close.</p>",  # a sentence
        "<blockquote><p>Jane Doe, Political editor</p></blockquote>",
        "<p>Jane Doe</p>",  # a name alone may be a sentence's subject, or a caption
        # a caption beside its picture, a labelled line, a source's title, a quote's attribution
        '<div><img src="a.jpg" alt=""><span>Laura Kuenssberg, BBC political editor</span></div>',
        "<p>Watch: Chris Mason, BBC political editor</p>",
        "<p>Jane Doe, editor of the Daily Echo</p><p>\u201cWe stand by our reporting.\u201d</p>",
        "<p>Neil Wilson, market analyst at Finalto</p>",
        # a source's title in another language, a quote after the line, an outlet beside the name
        "<p>María López, periodista de El País</p><p>—No vamos a parar —dijo.</p>",
        "<p>Jane Doe, political editor</p><p>»We will not stop,« she said.</p>",
        "<p>Jane Doe, editor, The Spectator</p><p>The party faces a hard summer, she argues.</p>",
    ],
)
def test_an_unmarked_line_under_the_heading_without_a_journalists_role_stays(line: str) -> None:
    result = extract(_page(line, with_ld=False))
    assert all(u.authors == () for u in result.updates)
    assert all(lxml.html.fromstring(line).text_content().strip()[:10] in u.text for u in result.updates)


def test_by_and_a_title_under_the_heading_is_a_subheading_not_a_byline() -> None:
    result = extract(_page("<p>By The Numbers</p>", with_ld=False))
    assert all(u.text.startswith("By The Numbers") and u.authors == () for u in result.updates)


def test_one_word_authors_in_boxes_of_their_own_stay() -> None:
    assert line_names(["Madonna", "Jane Doe"]) == ["Madonna", "Jane Doe"]
