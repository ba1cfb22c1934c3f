"""A post's parts besides its stamp, for the heuristic strategy: the boxes and teaser cards to cut
from it, a body standing in the sibling after it, which times stand in its own text, and the small
pieces that are no one's text (a match minute or an edit mark beside the stamp, a share button on a
line of its own between inline posts). (Its
labels and bylines are :mod:`livetail.extract.postlabels`'s; what titles a post without a heading
is :mod:`livetail.extract.posttitles`.)
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from livetail.extract.bodyclean import boxes_in
from livetail.extract.boxes import in_sentence, is_box
from livetail.extract.build import clean_line
from livetail.extract.furniturewords import BYLINE_TOKENS, SHARE_LABELS, camel_words, share_href, tokens
from livetail.extract.readalso import read_also_boxes
from livetail.extract.stamps import Stamp, tag_of, text_of
from livetail.extract.stampwords import is_edit_label
from livetail.extract.structured import string_of
from livetail.extract.timelabel import match_minute
from livetail.extract.visibletext import HEADINGS, visible

__all__ = [
    "before",
    "body_siblings",
    "boxes",
    "control_line",
    "edit_mark",
    "game_period",
    "in_prose",
    "in_teaser",
    "minute_box",
]


_PROSE = frozenset({"p", "li", "td", "th", "dd", "blockquote", "figcaption"})


def boxes(member: HtmlElement, read_also: bool, heading: HtmlElement | None = None) -> list[HtmlElement]:
    """The ad, newsletter and share boxes and the teaser cards to cut from a post: not a share link
    inside a sentence (its words are the sentence's), and not a "box" holding most of the post
    ("entry-content share-enabled" is the body itself)."""
    found = [n for n in boxes_in(member) if not (n.tag == "a" and in_prose(n, member))]
    found += _own_permalinks(member)
    cards = _teaser_cards(member, heading)
    if found or cards:
        total = len(text_of(member))
        found = [n for n in found if len(text_of(n)) * 2 <= total or _links_only(n)]
        # (a card is cut however long, but never the whole post: a post that is only a card stays)
        own = total - (len(text_of(heading)) if heading is not None else 0)
        if own - sum(len(text_of(n)) for n in cards) >= _CARD_REST:  # (all of them together)
            found += cards
    if not read_also:
        return found
    # (never the whole post, its heading aside: a round-up of links under a heading is the post)
    said = string_of(member)
    if heading is not None:
        said = said.replace(string_of(heading), "", 1)
    return found + read_also_boxes(member, said)


def _own_permalinks(member: HtmlElement) -> list[HtmlElement]:
    """Links to the post itself outside its sentences ("<a href=#p-3000000252193>Link zu diesem
    Posting</a>", Der Standard), as the structured strategies cut an update's own permalink."""
    own = member.get("id")
    if not own:
        return []
    return [
        a
        for a in member.iter("a")
        if (a.get("href") or "").endswith(f"#{own}") and not in_prose(a, member) and not in_sentence(a)
    ]


_CARD_REST = 20  # what a post must say besides its heading and a teaser card, its time included


def _links_only(box: HtmlElement) -> bool:
    """A bar of links with at most a short label ("Share this" Facebook X), however short the post
    beside it: no paragraph, heading or picture in it."""
    if next(box.iterdescendants("p", "h2", "h3", "h4", "img", "figure", "blockquote"), None) is not None:
        return False
    anchors = list(box.iterdescendants("a"))
    if not anchors or not all(_share_link(a) for a in anchors):  # (a list of stories is content)
        return False
    links = sum(len(text_of(a)) for a in anchors)
    return len(text_of(box)) - links <= _BAR_LABEL


def _share_link(a: HtmlElement) -> bool:
    href = (a.get("href") or "").strip()
    return (
        not href
        or href.startswith(("#", "javascript:"))
        or share_href(href)
        or text_of(a).strip().lower() in _NETWORKS
    )


_NETWORKS = frozenset(
    {"facebook", "x", "twitter", "whatsapp", "email", "e-mail", "linkedin", "telegram", "reddit", "pinterest",
     "bluesky", "threads", "copy link", "copy", "print", "messenger", "sms", "flipboard"}
)  # fmt: skip


_BAR_LABEL = 20


def _teaser_cards(member: HtmlElement, heading: HtmlElement | None) -> list[HtmlElement]:
    """Cards inside the post that point at another article: a link holding a heading of its own
    (and its wrappers that say nothing else), not the post's own heading."""
    headings = member.iter(*HEADINGS)
    if next(headings, None) is None or next(headings, None) is None:
        return []  # a card has a heading, and the post's own (if any) comes first
    cards = []
    for link in member.iter("a"):
        href = (link.get("href") or "").strip()
        card_heading = next(link.iter(*HEADINGS), None) if href and not href.startswith("#") else None
        if card_heading is None or card_heading is heading or in_prose(link, member):
            continue
        card, parent, words = link, link.getparent(), text_of(link).strip()
        while parent is not None and parent is not member and text_of(parent).strip() == words:
            card, parent = parent, parent.getparent()
        # A roundup's linked summaries are the post's text: a card shows its own time or says it is one.
        if next(card.iter("time"), None) is not None or any(
            not _CARD_WORDS.isdisjoint(tokens(n)) for n in (card, *card.iterdescendants())
        ):
            cards.append(card)
    return cards


_CARD_WORDS = frozenset({"teaser", "card", "promo", "related", "rail", "recommended", "recirculation"})


def in_teaser(el: HtmlElement, member: HtmlElement) -> bool:
    """Whether ``el`` stands in a teaser inside the post (another story's date): a link that says
    more than ``el`` does, or a card holding one. (A link around the time alone is the post's own
    permalink; a "live-card__header" around the post's own time holds no such link.)"""

    def says_more(link: HtmlElement) -> bool:
        # (a link around the post's time and its own heading is the post's header, not a teaser)
        return (
            len(text_of(link).strip()) > len(text_of(el).strip()) + _LINK_SLACK
            and next(link.iter(*HEADINGS), None) is None
        )

    for box in el.iterancestors():
        if box is member:
            return False
        if box.tag == "a" and says_more(box):
            return True
        if (
            box.get("class")
            and not _CARD_WORDS.isdisjoint(tokens(box))
            and any(says_more(a) for a in box.iter("a"))
        ):
            return True
    return False


_LINK_SLACK = 3  # ("14:05 ›": a permalink may carry an arrow)


def body_siblings(
    members: list[HtmlElement], stamps: dict[HtmlElement, list[Stamp]]
) -> dict[HtmlElement, HtmlElement]:
    """Each post's body, where posts are a header element (the stamp and heading, no text of their
    own) followed by a body element with no wrapper around the two: every member's next sibling
    then has one shape, holds no stamp and is no member; else nothing."""
    wanted = set(members)
    found: dict[HtmlElement, HtmlElement] = {}
    shapes = set()
    for member in members:
        body = member.getnext()
        while body is not None and not tag_of(body):
            body = body.getnext()
        if (
            body is None
            or body in wanted
            or not _only_header(member, {st.element for st in stamps.get(member, [])})
            or is_box(body)
            or len(visible(body)) < _BODY_MIN
        ):
            return {}
        shapes.add((tag_of(body), body.get("class")))
        found[member] = body
    if len(shapes) != 1 or (tag_of(members[0]), members[0].get("class")) in shapes:
        return {}
    return found


def _only_header(member: HtmlElement, stamps: set[HtmlElement]) -> bool:
    """Whether the member says nothing but its time, its heading and its byline: each child with
    text is, or holds, a stamp or a heading, or is a byline box."""
    for child in member:
        if not tag_of(child) or not visible(child):
            continue
        if tag_of(child) in HEADINGS or next(child.iter(*HEADINGS), None) is not None:
            continue
        if child in stamps or any(stamp in stamps for stamp in child.iterdescendants()):
            continue
        if tokens(child) & BYLINE_TOKENS:
            continue
        return False
    return True


_BODY_MIN = 20  # an "Advertisement" label after every post is no body


def before(first: HtmlElement, second: HtmlElement, member: HtmlElement) -> bool:
    """Whether ``first`` comes before ``second`` in the post."""
    for node in member.iter():
        if node is first:
            return True
        if node is second:
            return False
    return False


def in_prose(el: HtmlElement, member: HtmlElement) -> bool:
    """Whether ``el`` stands inside the post's text (a schedule's "12:00" in a list item or a
    table cell, or that item or cell itself), not as the post's own time stamp."""
    return (el is not member and tag_of(el) in _CELLS) or _inside(el, member, _PROSE)


_CELLS = frozenset({"li", "td", "th", "dd"})


def _inside(el: HtmlElement, member: HtmlElement, tags: frozenset[str]) -> bool:
    node = el.getparent()
    while node is not None and node is not member:
        if tag_of(node) in tags:
            return True
        node = node.getparent()
    return False


# --- small pieces beside a post's stamp, and lines between inline posts -------------------------


def minute_box(element: HtmlElement) -> bool:
    """A leaf showing only a match minute ("90+2'", "90'+5"); looked at by its own text first,
    cheaply."""
    text = element.text
    return (
        not len(element)
        and text is not None
        and len(text) <= 12
        and ("'" in text or "’" in text or "′" in text)
        and match_minute(clean_line(text)) is not None
    )


def game_period(element: HtmlElement) -> bool:
    """A leaf showing only a game's period or state ("1st Qtr", "Halftime", "Final", "Top 7th"),
    as a scoreboard badge beside a post's time does (the Philadelphia Inquirer)."""
    text = element.text
    return (
        not len(element)
        and element.tag in _BADGE_TAGS
        and text is not None
        and len(text) <= _PERIOD_MAX
        and _GAME_PERIOD.fullmatch(clean_line(text)) is not None
        # (its class says so: a markets post's "FT" or "Q3" chip names a paper or a quarter's results)
        and not _GAME_WORDS.isdisjoint(tokens(element) | camel_words(element))
    )


_GAME_WORDS = frozenset(
    {"clock", "game", "period", "quarter", "status", "score", "match", "minute", "inning", "half"}
)


_PERIOD_MAX = 20
_BADGE_TAGS = frozenset({"span", "div", "small", "b", "strong", "em", "i", "abbr", "mark"})
_GAME_PERIOD = re.compile(
    r"(?:(?:1st|2nd|3rd|4th|first|second|third|fourth)\s+(?:qtr|quarter|half|period)|q[1-4]|\d?ot|overtime)"
    r"(?:\s+\d{1,2}:\d{2})?"  # (with the game clock: "3rd Qtr 9:14", NBC Sports)
    r"|half-?time|ht|ft|final(?:/ot)?|full[- ]time|end of (?:1st|2nd|3rd|4th)(?: qtr| quarter| period)?"
    r"|(?:top|bot|bottom|mid|end)\s+\d{1,2}(?:st|nd|rd|th)|pre-?game|post-?game",
    re.IGNORECASE,
)


def edit_mark(element: HtmlElement) -> bool:
    """A leaf saying only that the post was edited, with no time ("Updated", "posodobljeno")."""
    text = element.text
    return not len(element) and text is not None and len(text) <= 40 and is_edit_label(clean_line(text))


def control_line(el: HtmlElement) -> bool:
    """A share or comment button on a line of its own between posts ("<p class=button-wrapper><a
    href=…?action=share>Share</a></p>", Substack): a link whose words are a control's label."""
    if len(visible(el)) > _CONTROL_MAX or visible(el).lower().strip(" :!") not in _CONTROL_LABELS:
        return False
    link = next(el.iter("a", "button"), None)
    # (a link to an account or a channel, "<a href=https://twitter.com/reporter>Twitter</a>", is a post's)
    return link is not None and (link.tag == "button" or _to_a_control(link.get("href") or ""))


def _to_a_control(href: str) -> bool:
    return not href or href.startswith(("#", "javascript:")) or "share" in href.lower() or share_href(href)


_CONTROL_LABELS = SHARE_LABELS | {"comment", "comments"}


_CONTROL_MAX = 20
