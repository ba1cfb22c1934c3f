"""Which element titles a heuristic post: its first heading, unless that labels a box of links to
other articles ("<h2>Vedi anche</h2>" in a link card, Sky TG24); and for a post that has no heading
of its own, a bold first line
("<p><strong>MBTA suspends rail</strong></p>"), a bold title beside the stamp in the post's
header line (KBS, Yonhap), or a box whose class says it is the headline (kicker's
``ticker-item_headline``), never an author's, a link's, a picture's or a teaser's title."""

from __future__ import annotations

from lxml.html import HtmlElement

from livetail.extract.bylines import written_by
from livetail.extract.furniturewords import BYLINE_TOKENS, tokens
from livetail.extract.postlabels import LABEL_WORDS
from livetail.extract.readalso import is_read_also_label
from livetail.extract.stamps import tag_of, text_of
from livetail.extract.stampwords import is_edit_label
from livetail.extract.text import heading_like
from livetail.extract.visibletext import HEADINGS, visible, visible_in

__all__ = ["bold_lead", "first_heading", "title_box"]

_BOLD = ("strong", "b")
_BESIDE_LINKS = 12  # what a box of links says besides its label and its links


def _all_link(heading: HtmlElement) -> bool:
    """Whether a heading's words are all one link's."""
    links = list(heading.iter("a"))
    return len(links) == 1 and text_of(links[0]).strip() == text_of(heading).strip() != ""


def _label_and_links(box: HtmlElement, label: HtmlElement) -> bool:
    """Whether ``box`` says nothing but its ``label`` and its links' words (a link card is all link)."""
    in_link = box.tag == "a" or next(box.iterancestors("a"), None) is not None
    linked = len(text_of(box)) if in_link else sum(len(text_of(a)) for a in box.iter("a"))
    return len(text_of(box)) - len(text_of(label)) - linked <= _BESIDE_LINKS


def first_heading(member: HtmlElement, member_shown: bool) -> tuple[HtmlElement | None, str]:
    """The post's first heading that shows text, and that text (``member_shown``: whether the
    post itself shows, see ``visible_in``). A heading that is a read-also label is another
    article's box, and so is every heading beside it in a box of links ("<a class=c-inline-card><h2>Vedi
    anche</h2><h3>Papa eletto, cosa succede ora…</h3></a>", "<div class=related><h3>Related</h3>
    <h4><a>…</a></h4></div>"); not in the post's body beside its own text."""
    box: HtmlElement | None = None
    label: HtmlElement | None = None
    for h in member.iter(*HEADINGS):
        if box is not None and any(a is box for a in h.iterancestors()):
            continue
        if label is not None and h.getprevious() is label and _all_link(h):
            continue  # ("<h3>Related</h3><h4><a>Wildfire season starts early</a></h4>": the label's)
        title = visible_in(h, member, member_shown)
        if title and is_read_also_label(title):
            label = h
            parent = h.getparent()
            box = (
                parent if parent is not None and parent is not member and _label_and_links(parent, h) else box
            )
            continue
        if title:
            return h, title
    return None, ""


def bold_lead(member: HtmlElement, stamps: set[HtmlElement]) -> HtmlElement | None:
    """The post's first text, when it is a bold line of its own shaped like a headline: the title
    of a post without a heading before its text (local TV stations, Yonhap's ``strong.tit``)."""
    if next(member.iter(*_BOLD), None) is None:
        return None
    for child in member:
        if not tag_of(child) or child in stamps or not visible(child):
            continue
        bold = tag_of(child) in _BOLD or (
            tag_of(child) in ("p", "div")
            and len(child) == 1
            and tag_of(child[0]) in _BOLD
            and not (child.text or "").strip()
            and not (child[0].tail or "").strip()
        )
        if not bold and (beside := _bold_beside_stamp(child, stamps)) is not None:
            child, bold = beside, True  # KBS, Yonhap: "<div><span>14:05</span><strong>Title</strong></div>"
        line = visible(child)
        return child if bold and heading_like(line) and not _a_label(line) else None
    return None


def _a_label(line: str) -> bool:
    """A post's label ("Pinned", "Key event") or its edit mark without a time ("Updated",
    "posodobljeno"): never its title."""
    return line.lower().strip(" :!") in LABEL_WORDS or is_edit_label(line)


def _bold_beside_stamp(child: HtmlElement, stamps: set[HtmlElement]) -> HtmlElement | None:
    """The bold element of a post's header line that holds only its stamp and that bold text."""
    if tag_of(child) not in ("div", "p", "header") or (child.text or "").strip():
        return None
    others = [c for c in child if tag_of(c) and c not in stamps]
    if (
        len(others) != 1
        or tag_of(others[0]) not in _BOLD
        or not any(c in stamps for c in child)
        or any((c.tail or "").strip() for c in child)
        or not visible(others[0])
    ):
        return None
    return others[0]


_TITLE_WORDS = frozenset({"headline", "title", "heading", "hed", "tit"})


def title_box(member: HtmlElement, stamps: set[HtmlElement]) -> HtmlElement | None:
    """The post's first text, when its box says by class it is the title and reads like one, and
    the post says more after it: kicker's "<div class=ticker-item_headline>Schluss!</div>". Never
    a link, a caption's or an embed's title, a teaser's, nor a box holding paragraphs."""
    skip: set[HtmlElement] = set()
    for el in member.iterdescendants():
        if el in skip or el in stamps or not tag_of(el):
            if el in stamps:
                skip.update(el.iterdescendants())
            continue
        if not (el.text or "").strip():
            continue
        # The first element with text of its own: the title box itself, or one of its parts.
        box = next(
            (a for a in (el, *el.iterancestors()) if a is member or not _TITLE_WORDS.isdisjoint(tokens(a))),
            member,
        )
        if (
            box is member
            or tag_of(box) not in _TITLE_BOX_TAGS
            or len(box) > 3
            or next(box.iterdescendants(*_TITLE_BOX_BLOCKS), None) is not None
            or any(
                not _NOT_A_TITLE.isdisjoint(tokens(a)) for a in (box, *box.iterancestors()) if a is not member
            )
            or not any(a is member for a in box.iterancestors())
        ):
            return None
        line = visible(box)
        rest = len(visible(member)) - len(line) - sum(len(visible(s)) for s in stamps if s is not member)
        if rest < _TITLE_BOX_REST or not heading_like(line) or _a_label(line) or written_by(line):
            return None  # (nor a byline: "Por: Armando Nhantumbo e Célia Mabunda", O País)
        return box
    return None


_TITLE_BOX_TAGS = frozenset({"div", "span", "p", "strong", "b", "header"})
_TITLE_BOX_BLOCKS = ("p", "div", "ul", "ol", "table", "figure", "blockquote", "img")
# Boxes whose title is someone else's: an author's, a link's, a picture's, an embed's, a teaser's.
_NOT_A_TITLE = frozenset(
    {
        *BYLINE_TOKENS, "link", "image", "img", "photo", "picture", "caption", "figure", "video", "media",
        "embed", "tweet", "social", "teaser", "related", "promo", "card", "readmore", "sub", "subtitle",
    }
)  # fmt: skip
_TITLE_BOX_REST = 20  # what the post must say besides its title and stamp
