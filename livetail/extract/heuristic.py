"""Live blogs without structured data or a profile: find the repeated blocks that carry a time.

Runs after structured data, site profiles and configured selectors (order 80). It looks for
*time stamps* (see :mod:`livetail.extract.stamps`: ``<time>`` elements and small elements whose
whole text is a time label such as ``51 seconds ago (18:04 GMT)``, ``18.04 BST`` or ``2h ago``)
and then for the repeated structure around them.

Two page shapes are recognised. Of all candidate groups, the one whose updates hold the most
text wins, each update's text counted up to 3,000 characters (so many real posts beat a
carousel of key-event links and a couple of huge day-group containers); ties: more updates,
then blocks.

Blocks
    Sibling elements with the same tag and first class (``<div class="post">`` ×N, BBC's old
    ``<li class="lx-stream__post-container">``) of which at least two, and at least half, hold a
    stamp, and at most half hold more than two (those are containers: day groups, columns). Each timed sibling is one update; untimed ones (ads, promos) are skipped.
    Day groups (``<section class="day">`` holding that day's ``<div class="post">``s) give
    their posts, every day's, as one group (see :mod:`livetail.extract.blockgroups`), also while
    each day holds one post, when they are headed by a line that says only the day. The title is
    the block's first ``h1``–``h4``; the body is the block without that heading and without its
    stamps (so "2h ago" never becomes content). The publisher id is the block's ``id`` /
    ``data-post-id`` / ``data-id``. A later stamp with an explicit datetime is the edit time; a
    block whose class or ``data-pinned`` says pinned/sticky is pinned. A later stamp that prints
    "Updated 18:30" (or "Mis à jour à 17h45") is the edit time: the first such instant after the
    post's own time (:func:`livetail.extract.clockdates.edit_time`). Its byline boxes
    (``*author*``/``*byline*`` classes, short) give its authors and leave its text, and so do its
    labels ("Pinned", "Key event", "Breaking", "Eilmeldung"); these rules are
    :mod:`livetail.extract.postlabels`, a post's boxes, teaser cards and body sibling
    :mod:`livetail.extract.postparts`, its bold title line :mod:`livetail.extract.posttitles`.

Inline clocks (Deutsche Welle, 2020)
    Siblings (not ``article``/``section``) whose stamp is their *leading* inline child (``<p><strong>13:47 </strong>Text</p>``),
    or which are nothing but a stamp (``<p>51 seconds ago (18:04 GMT)</p>``), with no heading of
    their own. An update starts at such a sibling and runs to the next one, taking the siblings in
    between (continuation paragraphs, pictures, embeds; scripts are dropped by the sanitiser).
    What comes before the first one (summary bullets, notes) is not an update. Trailing siblings
    of the last update that are only a link (newsletter and "read more" promos) are dropped. A
    stamp-only sibling takes the next sibling as its title when that is a heading or reads like
    one; inline-clock updates otherwise have no title (build falls back to the first sentence).

Dating (:mod:`livetail.extract.pagehints`)
    * A time of day with no printed zone takes the zone the page declares in prose: "All updates
      are in Universal Coordinated Time (UTC)", "Times are in GMT", "all times CET".
    * ``Found.reference``: the instant implied by the first "N mins ago (HH:MM)" stamp, on the day
      of the caller's reference or of the page; else the date the page's ``<title>`` or
      ``og:title`` prints ("… | DW | 20.02.2020", "2020-02-20", "20 February 2020"), taken as the
      date of the newest update (the first clock; the last on an oldest-first page), at that
      update's time in the page's zone. The engine still prefers a response ``Date``.

Cost: the work is per stamp and per update, not per element (see :mod:`livetail.extract.stamps`);
the page's prose is read for a declared zone only when a time of day without a zone needs one,
and group weights are computed only when there is more than one group to choose from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache

from lxml.html import HtmlElement

from livetail.errors import ExtractError
from livetail.extract.attrtime import may_carry
from livetail.extract.blockgroups import Candidate, best, candidates, pinned_member
from livetail.extract.bodycut import copy_without as _copy_without  # noqa: F401  (the general path, for tests)
from livetail.extract.bodycut import html as _html
from livetail.extract.bodycut import without as _without
from livetail.extract.boxes import is_box
from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.bylines import ROLE_MARKUP
from livetail.extract.core import Context, Found, register
from livetail.extract.datelinecredits import dateline_names
from livetail.extract.page import Page
from livetail.extract.pagehints import declared_zone, page_reference, separator_days
from livetail.extract.pinnedoutside import pinned_outside
from livetail.extract.postdates import Zone, dating_stamp, timed
from livetail.extract.postlabels import LABEL_WORDS, furniture, names_in, says_pinned
from livetail.extract.postparts import (
    before,
    body_siblings,
    boxes,
    control_line,
    edit_mark,
    game_period,
    in_prose,
    minute_box,
)
from livetail.extract.posttitles import bold_lead, first_heading, title_box
from livetail.extract.readalso import is_read_also_box, may_hold_read_also
from livetail.extract.stamps import find_stamps, tag_of, text_of
from livetail.extract.text import heading_like, live_section_end, rights_line
from livetail.extract.visibletext import (
    HEADINGS,
    HIDDEN,
    has_heading,
    heading_text,
    shown,
    visible,
    words,
)
from livetail.extract.writtenbylines import (
    WRITTEN_BYLINE,
    bracketed_sign_off,
    leading_byline,
    right_set_markup,
    role_byline,
    signed_off,
    signs_off,
    written_byline,
)

__all__ = ["heuristic_strategy"]


_DAY_AT_MARKUP = re.compile(rb">\s*(?:Today|Yesterday) at \d", re.IGNORECASE)
_ID_ATTRS = ("id", "data-post-id", "data-id", "data-entry-id")


# --- bodies (cut out of the page by livetail.extract.bodycut) ---------------------------------------
def _own_id(node: HtmlElement) -> str | None:
    for attr in _ID_ATTRS:
        value = clean_line(node.get(attr))
        if value:
            return value
    return None


_WRAPPED = frozenset({"article", "div", "section", "li"})


def _wrapped_id(member: HtmlElement) -> str | None:
    """The id of the post block the member only wraps (``<div class="wrap"><article
    id="post-302">``), through any depth of such wrapping; None when there is none."""
    children = [c for c in member if tag_of(c)]
    while len(children) == 1 and tag_of(children[0]) in _WRAPPED:
        found = _own_id(children[0])
        if found:
            return found
        children = [c for c in children[0] if tag_of(c)]
    return None


def _publisher_ids(members: list[HtmlElement]) -> list[str | None]:
    """Each member's id, else its wrapped block's when those are distinct across the members (an
    id every post's inner box shares, "post-body", names no post)."""
    own = [_own_id(m) for m in members]
    wrapped = [_wrapped_id(m) if o is None else None for m, o in zip(members, own, strict=True)]
    taken = [w for w in wrapped if w]
    unique = len(taken) == len(set(taken))
    return [o or (w if unique else None) for o, w in zip(own, wrapped, strict=True)]


def _beside(element: HtmlElement) -> list[HtmlElement]:
    """The element's element siblings."""
    parent = element.getparent()
    return [] if parent is None else [c for c in parent if c is not element and tag_of(c)]


def _blocks(candidate: Candidate, zone: Zone, content: bytes) -> list[RawUpdate]:
    updates: list[RawUpdate] = []
    parent_shown = shown(candidate.parent)  # the members' common parent
    days = separator_days(candidate.members)
    bodies = body_siblings(candidate.members, candidate.stamps)
    posts = candidate.members
    timed_ids = _publisher_ids(candidate.members)
    ids_of: dict[HtmlElement, str | None] = dict(zip(candidate.members, timed_ids, strict=True))
    if candidate.untimed and not bodies:  # (where bodies are siblings, an untimed one may be one)
        # An untimed post whose id or text a timed one repeats is that post's pinned copy.
        taken = {i for i in timed_ids if i} | {heading_text(m) for m in candidate.members}
        untimed = [
            m for m in candidate.untimed if _own_id(m) not in taken and _wrapped_id(m) not in taken
            and heading_text(m) not in taken
        ]  # fmt: skip
        ids_of.update((m, _own_id(m)) for m in untimed)
        position = {el: n for n, el in enumerate(candidate.parent)}
        posts = sorted([*posts, *untimed], key=position.__getitem__)
    if candidate.outside and not bodies:  # pinned posts kept in a box before the feed
        ids_of.update((m, _own_id(m)) for m in candidate.outside)
        posts = [*candidate.outside, *posts]
    ids = [ids_of[m] for m in posts]
    written_bylines = WRITTEN_BYLINE.search(content) is not None
    role_bylines = ROLE_MARKUP.search(content) is not None
    signatures = right_set_markup(content)
    labels, bylines = furniture(posts, content)
    read_also = may_hold_read_also(content)
    for member, publisher_id in zip(posts, ids, strict=True):
        stamps = candidate.stamps.get(member, [])
        heading, title = first_heading(member, parent_shown and member.tag not in HIDDEN)
        # "<p><strong>MBTA suspends rail</strong></p>" before a weather widget's heading: the
        # heading is the post's own when it is one of the post's children.
        if heading is None or heading.getparent() is not member:
            stamp_elements = {s.element for s in stamps}
            lead = bold_lead(member, stamp_elements)
            if lead is None and heading is None:
                lead = title_box(member, stamp_elements)
            if lead is not None and (heading is None or before(lead, heading, member)):
                heading, title = lead, visible(lead)
        # The stamp that dates the post goes, and any other not standing in the post's own
        # sentences or lists (a schedule's "12:00" is content); so do ad, newsletter and share boxes.
        dating = dating_stamp(stamps, member) if stamps else None
        remove = [s.element for s in stamps if s is dating or not in_prose(s.element, member)]
        if dating is not None and dating.element is member:  # its only text is its stamp: an embed
            remove += _label_pieces(member)
        elif dating is not None:  # Sky Sports' "90+2'" or an "Updated" mark beside the post's time
            header = _stamp_header(dating.element, member)
            remove += [
                el
                for el in _beside(dating.element)
                if minute_box(el) or (el in header and game_period(el)) or edit_mark(el)
            ]
        remove += [heading] if heading is not None else []
        remove += boxes(member, read_also, heading)
        remove += labels.get(member, [])
        own_bylines = (
            bylines.get(member)
            or (written_byline(member, heading) if written_bylines else [])
            or (role_byline(member, heading, {s.element for s in stamps}) if role_bylines else [])
            or (signed_off(member) if signatures else [])
        )
        remove += own_bylines
        markup = _without(member, remove)
        signed = None if own_bylines or member in bodies else bracketed_sign_off(markup)
        if signed is not None:  # ("…更新した。【山田太郎】": the name is in the sentence's own text)
            markup, name = signed
        if member in bodies:  # the post's body is its own sibling (see body_siblings)
            body = bodies[member]
            cut = boxes(body, read_also)
            markup += _without(body, cut) if cut else _html(body)
        update = (
            timed(markup, title or None, stamps, zone, member, days.get(member))
            if stamps
            else RawUpdate(body_html=markup, title=title or None)  # first seen stands in for its time
        )
        if signed is not None:
            update.authors = [name]
        else:  # ("（中央社記者李晴宇花蓮3日電）": a dateline opening the post names its reporters)
            update.authors = names_in(own_bylines) or dateline_names(markup)
        update.publisher_id = publisher_id
        own_labels = labels.get(member)
        update.pinned = (
            pinned_member(member)
            or member in candidate.outside
            or member in candidate.pinned_copies
            or bool(own_labels and any(says_pinned(label) for label in own_labels))
        )
        updates.append(update)
    return updates


def _stamp_header(stamp: HtmlElement, member: HtmlElement) -> tuple[HtmlElement, ...]:
    """The elements right beside ``stamp`` when it stands in a small header box of its own
    ("<div class=header><span>1st Qtr</span><time>6:33 p.m.</time></div>"), not among the post's
    blocks ("<div>FT</div>" between a match report's lines is its text); else none."""
    parent = stamp.getparent()
    if parent is None or parent is member or len(parent) > _HEADER_MAX:
        return ()
    if any(tag_of(el) in _POST_BLOCKS for el in parent):
        return ()
    return tuple(el for el in (stamp.getprevious(), stamp.getnext()) if el is not None)


_HEADER_MAX = 4
# (no heading among them: a header may hold the post's heading)
_POST_BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "figure", "table"})


def _link_only(el: HtmlElement) -> bool:
    text = visible(el)
    links = " ".join(visible(a) for a in el.iter("a"))
    return bool(text) and clean_line(links) == text


_MEDIA = ("img", "picture", "video", "audio", "iframe", "blockquote", "table", "figure")


def _label_pieces(member: HtmlElement) -> list[HtmlElement]:
    """The outermost elements holding text in a post whose whole text is its stamp (the text is
    the stamp's), passing into those that also hold media (the post's content)."""
    found: list[HtmlElement] = []
    pending = [c for c in member if tag_of(c)]
    while pending:
        el = pending.pop(0)
        if not visible(el):
            continue
        if any(True for _ in el.iter(*_MEDIA)):
            pending[:0] = [c for c in el if tag_of(c)]
        else:
            found.append(el)
    return found


def _has_content(el: HtmlElement) -> bool:
    """Visible text (not script or style) or media: an empty embed placeholder is not content."""
    if any(True for _ in el.iter(*_MEDIA)):
        return True
    return any(w.strip() for w in words(el))


def _inline(candidate: Candidate, zone: Zone, content: bytes) -> list[RawUpdate]:
    read_also = may_hold_read_also(content)
    siblings = [c for c in candidate.parent if tag_of(c)]
    members = set(candidate.members)
    order = [i for i, el in enumerate(siblings) if el in members]
    segments: list[tuple[HtmlElement, str | None, list[HtmlElement]]] = []
    signatures: dict[HtmlElement, HtmlElement] = {}
    pinned_lines: set[HtmlElement] = set()  # posts with a pin's label on a line of their own
    for n, start in enumerate(order):
        end = order[n + 1] if n + 1 < len(order) else len(siblings)
        member = siblings[start]
        # (an ad, newsletter or read-also box between two posts' paragraphs belongs to neither)
        rest = [
            el
            for el in siblings[start + 1 : end]
            if _has_content(el) and not is_box(el) and not is_read_also_box(el) and not control_line(el)
        ]
        # (a post's label on a line of its own ahead of its words, "<p><span>ULTIMA ORĂ</span></p>",
        # is no title or text; further down, "Breaking" in a list of sports is the post's own)
        labels = list(itertools.takewhile(_label_line, rest))
        if labels:
            rest = rest[len(labels) :]
            if any(says_pinned(el) for el in labels):
                pinned_lines.add(member)
        title: str | None = None
        if candidate.stamps[member][0].element is member and rest:
            first = visible(rest[0])
            # (a line shaped like a headline is the title only when more follows it: a post that
            # is one quoted line, "Бойко Борисов: „Ще направим…“", keeps it as its text)
            if tag_of(rest[0]) in (*HEADINGS, "h5", "h6") or (heading_like(first) and len(rest) > 1):
                title = first or None
                rest = rest[1:]
        byline = leading_byline(rest)
        if byline is not None:  # ("By <a>Owen Pritchard</a>" under the heading, CalMatters)
            rest.remove(byline)
            signatures[member] = byline
        segments.append((member, title, rest))
        # (a post that ends with its writer's sign-off, "— Nate Silver", is signed by them)
        if byline is None and len(rest) > 1 and signs_off(visible(rest[-1]), visible(rest[-2])):
            signatures[member] = rest.pop()
    if segments:
        # The last update runs to the end of the container: drop promo links and whatever
        # follows the live section (the same rule as for plain text).
        member, title, rest = segments[-1]
        # (a section heading after it, where no earlier post holds one, starts the article's own
        # closing sections: Forbes's "Key Background", "Further Reading")
        if not any(tag_of(el) in _SECTION_HEADINGS for _, _, r in segments[:-1] for el in r):
            rest = list(itertools.takewhile(lambda el: tag_of(el) not in _SECTION_HEADINGS, rest))
        while rest and (_link_only(rest[-1]) or rights_line(visible(rest[-1]))):
            rest = rest[:-1]
        keep = live_section_end([visible(el) for el in rest], [len(r) for _, _, r in segments[:-1]])
        segments[-1] = (member, title, rest[:keep])
    updates: list[RawUpdate] = []
    for member, title, rest in segments:
        stamps = candidate.stamps[member]
        if stamps[0].element is not member:  # (a post of its own: its share and ad boxes go)
            parts = [_without_lead_stamp(member, stamps[0].element, boxes(member, read_also))]
        elif any(True for _ in member.iter(*_MEDIA)):  # its only text is its stamp: a picture or embed
            parts = [_without(member, _label_pieces(member))]
        else:
            parts = []
        parts.extend(_html(el) for el in rest)
        update = timed("".join(parts), title, stamps, zone)
        update.publisher_id = _own_id(member)
        update.pinned = pinned_member(member) or member in pinned_lines
        if member in signatures:
            update.authors = names_in([signatures[member]])
        updates.append(update)
    return updates


_SECTION_HEADINGS = frozenset({"h2", "h3"})
_LINE_LABELS = frozenset(LABEL_WORDS) - {"key point"}  # ("Key point" over a list leads into it)


def _label_line(el: HtmlElement) -> bool:
    """A line that is only a post's label: not a heading ("<h2>Breaking</h2>" over the B-Boys'
    quarter-finals names a sport), nor an exclamation ("Pinned!" in a wrestling bout)."""
    text = visible(el)
    return (
        tag_of(el) not in HEADINGS
        and len(text) <= _LABEL_LINE_MAX
        and text.lower().strip(" :") in _LINE_LABELS
        and next(el.iter(*_MEDIA), None) is None
    )


_LABEL_LINE_MAX = 30


def _without_lead_stamp(member: HtmlElement, stamp: HtmlElement, cut: list[HtmlElement]) -> str:
    """``member`` without its stamp and the boxes to ``cut``, and without the separator that set
    the stamp off from the words when it leads them ("<p><strong>11:15 a.m.</strong> — Jurors sent
    a note.</p>")."""
    tail = stamp.tail
    lead = _STAMP_SEPARATOR.match(tail or "")
    if (
        lead is None
        or stamp.getparent() is not member
        or (member.text or "").strip()
        or stamp.getprevious() is not None
    ):
        return _without(member, [stamp, *cut])
    stamp.tail = tail[lead.end() :] if tail else tail  # (put back below: the page's tree is shared)
    try:
        return _without(member, [stamp, *cut])
    finally:
        stamp.tail = tail


_STAMP_SEPARATOR = re.compile(r"\s*[—–\-|:·•]+\s+")


def _page_title(tree: HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        text = visible(h1)
        if text:
            return text
    return None


@register("heuristic", order=80)
def heuristic_strategy(page: Page, context: Context) -> Found | None:
    if page.kind != "html":
        return None
    try:
        tree = page.tree
    except ExtractError:
        return None
    root = tree.find("body")
    if root is None:
        root = tree
    stamps = find_stamps(root, context, carriers=may_carry(page.markup))
    second_look = len(stamps) < 2 and _DAY_AT_MARKUP.search(page.markup) is not None
    if second_look:
        context = replace(context, day_at_stamps=True)  # ("Today at 16:42" stamps every post)
        stamps = find_stamps(root, context, carriers=may_carry(page.markup))
    if len(stamps) < 2:
        return None
    winner = best(candidates(root, stamps))
    # (on the second look, posts most of which have headings: a comment section's "Today at"
    # boxes have none)
    if winner is None or (second_look and sum(map(has_heading, winner.members)) * 2 < len(winner.members)):
        return None
    if winner.mode == "blocks":
        outside, winner.pinned_copies = pinned_outside(winner.members, winner.parent, stamps)
        winner.outside = list(outside)
        winner.stamps.update(outside)
    zone: Zone = cache(lambda: declared_zone(text_of(root)))
    updates = (
        _blocks(winner, zone, page.markup) if winner.mode == "blocks" else _inline(winner, zone, page.markup)
    )
    found = Found(updates=updates, title=_page_title(tree), notes=[f"heuristic: {winner.mode}"])
    if any(u.clock is not None and u.clock.date is None for u in updates):
        first_stamps = [winner.stamps[m][0] for m in winner.members]
        found.reference = page_reference(first_stamps, updates, tree, context, zone())
    return found
