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
    their posts, every day's, as one group (:func:`_day_posts`). The title is
    the block's first ``h1``–``h4``; the body is the block without that heading and without its
    stamps (so "2h ago" never becomes content). The publisher id is the block's ``id`` /
    ``data-post-id`` / ``data-id``. A later stamp with an explicit datetime is the edit time; a
    block whose class or ``data-pinned`` says pinned/sticky is pinned.

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

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.errors import ExtractError
from livetail.extract.bodyclean import boxes_in, is_box
from livetail.extract.bodycut import copy_without as _copy_without  # noqa: F401  (the general path, for tests)
from livetail.extract.bodycut import html as _html
from livetail.extract.bodycut import without as _without
from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.core import Context, Found, register
from livetail.extract.page import Page
from livetail.extract.pagehints import declared_zone, page_reference
from livetail.extract.stamps import Stamp, find_stamps, tag_of, text_of
from livetail.extract.text import heading_like, live_section_end
from livetail.extract.timeparse import Clock

__all__ = ["heuristic_strategy"]


_HEADINGS = ("h1", "h2", "h3", "h4")
_INLINE = frozenset({"strong", "b", "em", "i", "span", "time", "small", "abbr", "a", "mark", "u"})
_SEMANTIC_BLOCKS = frozenset({"article", "section", "aside", "main", "header", "footer"})
_ID_ATTRS = ("id", "data-post-id", "data-id", "data-entry-id")
_PINNED = re.compile(r"pinned|sticky", re.IGNORECASE)
_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]", smart_strings=False
)

Zone = Callable[[], str | None]  # the page's declared zone, read on first use


@dataclass
class _Candidate:
    mode: str  # "blocks" | "inline"
    parent: HtmlElement
    members: list[HtmlElement]  # the timed siblings, in page order
    stamps: dict[HtmlElement, list[Stamp]] = field(default_factory=dict)


def _words(el: HtmlElement) -> list[str]:
    """The element's text nodes, without those in scripts and styles."""
    return cast(list[str], _VISIBLE_TEXT(el))


_HIDDEN = ("script", "style", "noscript")


def _visible(el: HtmlElement) -> str:
    if not len(el) and el.tag not in _HIDDEN and next(el.iterancestors(*_HIDDEN), None) is None:
        return clean_line(el.text)  # a leaf's one text node, without the XPath call
    return clean_line(" ".join(_words(el)))


def _shown(el: HtmlElement) -> bool:
    """Neither ``el`` nor an ancestor is a script, style or noscript (whose text is not visible)."""
    return el.tag not in _HIDDEN and next(el.iterancestors(*_HIDDEN), None) is None


def _visible_in(el: HtmlElement, member: HtmlElement, member_shown: bool) -> str:
    """``_visible(el)`` for ``el`` inside ``member`` when ``member_shown`` is ``_shown(member)``:
    a leaf's ancestors are then looked at only up to the member, not up to the page's root."""
    if not member_shown or len(el) or el.tag in _HIDDEN:
        return _visible(el)
    node = el.getparent()
    while node is not member:
        if node is None or node.tag in _HIDDEN:
            return _visible(el)
        node = node.getparent()
    return clean_line(el.text)


def _has_heading(el: HtmlElement) -> bool:
    return any(_visible(h) for h in el.iter(*_HEADINGS))


def _inline_led(member: HtmlElement, stamp: Stamp) -> bool:
    """The stamp is the member itself, or its first child with no text before it."""
    if stamp.element is member:
        return True
    if tag_of(stamp.element) not in _INLINE or member.find("*") is not stamp.element:
        return False
    return not (member.text or "").strip()


_WEIGHT_CAP = 3000


def _text_len(el: HtmlElement) -> int:
    return sum(len(w.strip()) for w in _words(el))


def _weight(candidate: _Candidate) -> int:
    """Sum over its updates of their visible text, each capped: many substantial posts beat a
    carousel of links (Guardian key events) and a couple of huge containers (day groups)."""
    if candidate.mode == "blocks":
        sizes = [_text_len(m) for m in candidate.members]
    else:
        siblings = [c for c in candidate.parent if tag_of(c)]
        members = set(candidate.members)
        sizes = []
        for el in siblings:
            if el in members:
                sizes.append(0)
            if sizes:
                sizes[-1] += _text_len(el)
    return sum(min(size, _WEIGHT_CAP) for size in sizes)


def _owners(
    root: HtmlElement, stamps: list[Stamp]
) -> tuple[dict[HtmlElement, list[Stamp]], set[HtmlElement]]:
    """Every ancestor-or-self of a stamp (up to the root) → its stamps, in the order first met;
    and the elements with at least two such children (only those can hold a group)."""
    owner: dict[HtmlElement, list[Stamp]] = {}
    timed_children: dict[HtmlElement, int] = defaultdict(int)
    for stamp in stamps:
        el: HtmlElement | None = stamp.element
        while el is not None:
            mine = owner.get(el)
            if mine is None:
                owner[el] = [stamp]
            else:
                mine.append(stamp)
            if el is root:
                break
            parent = el.getparent()
            if mine is None and parent is not None:
                timed_children[parent] += 1
            el = parent
    return owner, {el for el, n in timed_children.items() if n >= 2}


def _groups(
    parent: HtmlElement, owner: dict[HtmlElement, list[Stamp]]
) -> dict[tuple[str, str], list[HtmlElement]]:
    """The parent's children by tag and first class; and a child also joins the group of another
    of its classes when that group has more timed members than its own: "key-event post" and
    "pinned post" are posts among the "post"s (however many key events), while "promo-video card"s
    stay a shape of their own beside the "post card"s."""
    groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
    others: list[tuple[int, HtmlElement, tuple[str, str], list[str]]] = []
    for n, child in enumerate(parent):
        tag = tag_of(child)
        if tag:
            classes = (child.get("class") or "").split()
            first = (tag, classes[0] if classes else "")
            groups[first].append(child)
            if len(classes) > 1:
                others.append((n, child, first, classes[1:]))
    if not others:
        return groups
    timed = {key: sum(1 for m in members if m in owner) for key, members in groups.items()}
    joined = False
    for _n, child, first, names in others:
        for name in dict.fromkeys(names):
            key = (first[0], name)
            if key != first and timed.get(key, 0) > timed[first]:
                groups[key].append(child)
                joined = True
    if joined:  # back in page order
        position = {child: n for n, child in enumerate(parent)}
        for members in groups.values():
            members.sort(key=position.__getitem__)
    return groups


def _candidates(root: HtmlElement, stamps: list[Stamp]) -> list[_Candidate]:
    owner, branching = _owners(root, stamps)
    found: list[_Candidate] = []
    for parent in owner:
        if parent not in branching:
            continue  # every group under it has at most one timed member
        groups = _groups(parent, owner)
        for members in groups.values():
            timed = [m for m in members if m in owner]
            if len(timed) < 2:
                continue
            flat = _day_posts(timed, owner)
            if flat is not None:
                found.append(_Candidate("blocks", parent, flat, {m: owner[m] for m in flat}))
                continue
            stamps_of = {m: owner[m] for m in timed}
            # (times in a post's own sentences or lists, a schedule, do not make it a container)
            if sum(1 for m in timed if _own_stamps(stamps_of[m], m) > 2) * 2 > len(timed):
                continue  # containers of posts (day groups, columns), not posts
            inline = [
                m
                for m in timed
                if tag_of(m) not in _SEMANTIC_BLOCKS
                and _inline_led(m, stamps_of[m][0])
                and not _has_heading(m)
            ]
            if len(inline) >= 2 and len(inline) * 5 >= len(timed) * 4:
                found.append(_Candidate("inline", parent, inline, stamps_of))
            elif len(timed) * 2 >= len(members):
                found.append(_Candidate("blocks", parent, timed, stamps_of))
    return found


def _day_posts(members: list[HtmlElement], owner: dict[HtmlElement, list[Stamp]]) -> list[HtmlElement] | None:
    """When the timed siblings are day groups, the posts in them, in page order; else None.

    They are day groups when more than half of them hold posts of one shape among their own
    children (the same tag and first class, a stamp and a heading each), and there are more such
    posts than groups: a post quoting one earlier post is still a post.
    """
    if all(len(owner[m]) < 2 for m in members):
        return None  # no group holds two posts (the common case: posts, one stamp each)
    posts: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
    holders: dict[tuple[str, str], int] = defaultdict(int)
    for member in members:
        for key, children in _groups(member, owner).items():
            timed = [c for c in children if c in owner and _has_heading(c)]
            if timed:
                posts[key] += timed
                holders[key] += 1
    if not posts:
        return None
    key = max(posts, key=lambda k: len(posts[k]))
    if holders[key] * 2 <= len(members) or len(posts[key]) <= len(members):
        return None
    return posts[key]


def _posts(candidate: _Candidate) -> bool:
    """Whether the candidate's members read as posts: half of them or more with a heading, and
    none a schedule line (a list item or table cell with no blocks of its own)."""
    members = candidate.members
    if candidate.mode != "blocks" or sum(1 for m in members if _has_heading(m)) * 2 < len(members):
        return False
    return not any(
        tag_of(m) in _LISTED and not any(tag_of(c) in _ITEM_BLOCKS for c in m.iterdescendants())
        for m in members
    )


def _without_containers(candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates, less those with a member that holds a group of posts found on its own and
    most of the candidate's stamps: a column holding the whole feed is no post, though a timed
    sidebar beside it makes the columns look like a group of two."""
    if len(candidates) < 2:
        return candidates
    holding: set[HtmlElement] = set()  # the parents of groups of posts, and their ancestors
    for candidate in candidates:
        if _posts(candidate):
            holding.update(candidate.parent.iterancestors())
            holding.add(candidate.parent)
    if not holding:
        return candidates
    kept = []
    for candidate in candidates:
        total = sum(len(candidate.stamps[m]) for m in candidate.members)
        if not any(m in holding and len(candidate.stamps[m]) * 2 >= total for m in candidate.members):
            kept.append(candidate)
    return kept


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    """The first candidate with the most weight, then members, then blocks over inline."""
    candidates = _without_containers(candidates)
    if len(candidates) < 2:
        return candidates[0] if candidates else None  # no need to weigh a lone candidate
    keyed = [((_weight(c), len(c.members), c.mode == "blocks"), c) for c in candidates]
    top = max(key for key, _ in keyed)
    return next(c for key, c in keyed if key == top)


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


def _pinned(member: HtmlElement) -> bool:
    return bool(_PINNED.search(member.get("class") or "")) or member.get("data-pinned") in ("", "true", "1")


def _dating_stamp(stamps: list[Stamp], member: HtmlElement | None = None) -> Stamp:
    """The stamp that dates a post: its explicit datetime, else a time of day, else the first;
    taken from the post's own stamps before those in its sentences and lists (a schedule's
    "10:00" does not date a post stamped "5 mins ago")."""
    own = [s for s in stamps if member is None or not _in_prose(s.element, member)] or stamps
    first = next((s for s in own if s.published is not None), None)
    return first or next((s for s in own if s.label and s.label.clock), None) or own[0]


def _timed(
    body_html: str, title: str | None, stamps: list[Stamp], zone: Zone, member: HtmlElement | None = None
) -> RawUpdate:
    """A raw update dated by its stamps: explicit datetime, else time of day, else relative."""
    first = _dating_stamp(stamps, member)
    label = first.label if first.published is None else None  # parsed only when it dates the update
    clock = label.clock if label else None
    if clock is not None and clock.zone is None:
        declared = zone()
        if declared is not None:
            clock = Clock(
                hour=clock.hour,
                minute=clock.minute,
                second=clock.second,
                zone=declared,
                printed=clock.printed,
                date=clock.date,
                month_day=clock.month_day,
            )
    later = [s.published for s in stamps if s is not first and s.published is not None]
    modified = later[-1] if later and first.published and later[-1] > first.published else None
    return RawUpdate(
        body_html=body_html,
        title=title,
        published=first.published,
        modified=modified,
        clock=clock,
        relative=label.relative if label else None,
        printed_time=first.printed,
    )


def _blocks(candidate: _Candidate, zone: Zone) -> list[RawUpdate]:
    updates: list[RawUpdate] = []
    parent_shown = _shown(candidate.parent)  # the members' common parent
    ids = _publisher_ids(candidate.members)
    for member, publisher_id in zip(candidate.members, ids, strict=True):
        stamps = candidate.stamps[member]
        heading, title = None, None
        member_shown = parent_shown and member.tag not in _HIDDEN
        for h in member.iter(*_HEADINGS):
            title = _visible_in(h, member, member_shown)
            if title:
                heading = h
                break
        # The stamp that dates the post goes, and any other not standing in the post's own
        # sentences or lists (a schedule's "12:00" is content); so do ad, newsletter and share boxes.
        dating = _dating_stamp(stamps, member)
        remove = [s.element for s in stamps if s is dating or not _in_prose(s.element, member)]
        if dating.element is member:  # the post's only text is its stamp: a post that is an embed
            remove += _label_pieces(member)
        remove += [heading] if heading is not None else []
        remove += _boxes(member)
        update = _timed(_without(member, remove), title or None, stamps, zone, member)
        update.publisher_id = publisher_id
        update.pinned = _pinned(member)
        updates.append(update)
    return updates


_PROSE = frozenset({"p", "li", "td", "th", "dd", "blockquote", "figcaption"})
_LISTED = frozenset({"li", "td", "th", "dd"})
_ITEM_BLOCKS = frozenset({"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6"})


def _own_stamps(stamps: list[Stamp], member: HtmlElement) -> int:
    """How many of ``member``'s stamps stand outside its lists and tables (more than two: posts
    inside it). A day's paragraphs each led by a time still make a container."""
    if len(stamps) <= 2:
        return len(stamps)
    return sum(1 for s in stamps if not _in_schedule(s.element, member))


def _boxes(member: HtmlElement) -> list[HtmlElement]:
    """The ad, newsletter and share boxes to cut from a post: not a share link inside a sentence
    (its words are the sentence's), and not a "box" holding most of the post ("entry-content
    share-enabled" is the body itself)."""
    found = [n for n in boxes_in(member) if not (n.tag == "a" and _in_prose(n, member))]
    if not found:
        return found
    total = len(text_of(member))
    return [n for n in found if len(text_of(n)) * 2 <= total]


def _in_schedule(el: HtmlElement, member: HtmlElement) -> bool:
    """Whether ``el`` is a line of a list or table in the post: an item with no blocks of its own
    (a day's ``<li>`` holding a whole post is a post, not a schedule line)."""
    node = el.getparent()
    while node is not None and node is not member:
        if tag_of(node) in _LISTED:
            return not any(tag_of(c) in _ITEM_BLOCKS for c in node.iterdescendants())
        node = node.getparent()
    return False


def _in_prose(el: HtmlElement, member: HtmlElement) -> bool:
    """Whether ``el`` stands inside the post's text (a schedule's "12:00" in a list item), not
    as the post's own time stamp."""
    return _inside(el, member, _PROSE)


def _inside(el: HtmlElement, member: HtmlElement, tags: frozenset[str]) -> bool:
    node = el.getparent()
    while node is not None and node is not member:
        if tag_of(node) in tags:
            return True
        node = node.getparent()
    return False


def _link_only(el: HtmlElement) -> bool:
    text = _visible(el)
    links = " ".join(_visible(a) for a in el.iter("a"))
    return bool(text) and clean_line(links) == text


_MEDIA = ("img", "picture", "video", "audio", "iframe", "blockquote", "table", "figure")


def _label_pieces(member: HtmlElement) -> list[HtmlElement]:
    """The outermost elements holding text in a post whose whole text is its stamp (the text is
    the stamp's), passing into those that also hold media (the post's content)."""
    found: list[HtmlElement] = []
    pending = [c for c in member if tag_of(c)]
    while pending:
        el = pending.pop(0)
        if not _visible(el):
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
    return any(w.strip() for w in _words(el))


def _inline(candidate: _Candidate, zone: Zone) -> list[RawUpdate]:
    siblings = [c for c in candidate.parent if tag_of(c)]
    members = set(candidate.members)
    order = [i for i, el in enumerate(siblings) if el in members]
    segments: list[tuple[HtmlElement, str | None, list[HtmlElement]]] = []
    for n, start in enumerate(order):
        end = order[n + 1] if n + 1 < len(order) else len(siblings)
        member = siblings[start]
        # (an ad or newsletter box between two posts belongs to neither)
        rest = [el for el in siblings[start + 1 : end] if _has_content(el) and not is_box(el)]
        title: str | None = None
        if candidate.stamps[member][0].element is member and rest:
            first = _visible(rest[0])
            if tag_of(rest[0]) in (*_HEADINGS, "h5", "h6") or heading_like(first):
                title = first or None
                rest = rest[1:]
        segments.append((member, title, rest))
    if segments:
        # The last update runs to the end of the container: drop promo links and whatever
        # follows the live section (the same rule as for plain text).
        member, title, rest = segments[-1]
        while rest and _link_only(rest[-1]):
            rest = rest[:-1]
        keep = live_section_end([_visible(el) for el in rest], [len(r) for _, _, r in segments[:-1]])
        segments[-1] = (member, title, rest[:keep])
    updates: list[RawUpdate] = []
    for member, title, rest in segments:
        stamps = candidate.stamps[member]
        parts = [] if stamps[0].element is member else [_without(member, [stamps[0].element])]
        parts.extend(_html(el) for el in rest)
        update = _timed("".join(parts), title, stamps, zone)
        update.publisher_id = _own_id(member)
        update.pinned = _pinned(member)
        updates.append(update)
    return updates


def _page_title(tree: HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        text = _visible(h1)
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
    stamps = find_stamps(root, context)
    if len(stamps) < 2:
        return None
    best = _best(_candidates(root, stamps))
    if best is None:
        return None
    zone: Zone = cache(lambda: declared_zone(text_of(root)))
    updates = _blocks(best, zone) if best.mode == "blocks" else _inline(best, zone)
    found = Found(updates=updates, title=_page_title(tree), notes=[f"heuristic: {best.mode}"])
    if any(u.clock is not None and u.clock.date is None for u in updates):
        first_stamps = [best.stamps[m][0] for m in best.members]
        found.reference = page_reference(first_stamps, updates, tree, context, zone())
    return found
