"""The heuristic strategy's first half: which repeated blocks of a page are its posts.

Stamps (:mod:`livetail.extract.stamps`) are grouped by the elements around them: siblings of one
tag and first class of which at least two hold a stamp make a *candidate*, read as blocks (each
timed sibling a post) or as inline clocks (a post runs from one stamp-led sibling to the next).
Day groups give their posts; containers of posts (columns, day groups) are no posts; of what is
left the candidate holding the most text wins. :mod:`livetail.extract.heuristic` documents the
rules and cuts the winner's posts out of the page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.boxes import is_box
from livetail.extract.pagehints import is_day_heading
from livetail.extract.stamps import Stamp, tag_of
from livetail.extract.visibletext import has_heading, words

__all__ = [
    "ITEM_BLOCKS",
    "LISTED",
    "Candidate",
    "best",
    "candidates",
    "in_schedule",
]


LISTED = frozenset({"li", "td", "th", "dd"})
ITEM_BLOCKS = frozenset({"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6"})
_INLINE = frozenset({"strong", "b", "em", "i", "span", "time", "small", "abbr", "a", "mark", "u"})
_SEMANTIC_BLOCKS = frozenset({"article", "section", "aside", "main", "header", "footer"})


@dataclass
class Candidate:
    mode: str  # "blocks" | "inline"
    parent: HtmlElement
    members: list[HtmlElement]  # the timed siblings, in page order
    stamps: dict[HtmlElement, list[Stamp]] = field(default_factory=dict)
    untimed: list[HtmlElement] = field(default_factory=list)  # posts of the same shape showing no time
    outside: list[HtmlElement] = field(default_factory=list)  # pinned posts before the feed (pinnedoutside)
    pinned_copies: set[HtmlElement] = field(default_factory=set)  # posts such a box pins a copy of


def _inline_led(member: HtmlElement, stamp: Stamp) -> bool:
    """The stamp is the member itself, or its first child with no text before it."""
    if stamp.element is member:
        return True
    if tag_of(stamp.element) not in _INLINE or member.find("*") is not stamp.element:
        return False
    return not (member.text or "").strip()


_WEIGHT_CAP = 3000


def _text_len(el: HtmlElement) -> int:
    return sum(len(w.strip()) for w in words(el))


def _weight(candidate: Candidate) -> int:
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


def candidates(root: HtmlElement, stamps: list[Stamp]) -> list[Candidate]:
    owner, branching = _owners(root, stamps)
    found: list[Candidate] = []
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
                found.append(Candidate("blocks", parent, flat, {m: owner[m] for m in flat}))
                continue
            stamps_of = {m: owner[m] for m in timed}
            if sum(1 for m in timed if _links_only(m, stamps_of[m])) * 2 > len(timed):
                continue  # a list of links to posts (key events, "latest"), not posts
            # (times in a post's own sentences or lists, a schedule, do not make it a container)
            if sum(1 for m in timed if _own_stamps(stamps_of[m], m) > 2) * 2 > len(timed):
                continue  # containers of posts (day groups, columns), not posts
            inline = [
                m
                for m in timed
                if tag_of(m) not in _SEMANTIC_BLOCKS
                and _inline_led(m, stamps_of[m][0])
                and not has_heading(m)
            ]
            if len(inline) >= 2 and len(inline) * 5 >= len(timed) * 4:
                found.append(Candidate("inline", parent, inline, stamps_of))
            elif len(timed) * 2 >= len(members):
                # A pinned summary or line-up among them may show a pin instead of a time.
                untimed = [m for m in members if m not in owner and _untimed_post(m)]
                found.append(
                    Candidate(
                        "blocks", parent, timed, stamps_of, untimed if len(untimed) * 2 <= len(timed) else []
                    )
                )
    return found


def _untimed_post(member: HtmlElement) -> bool:
    """A sibling of the posts' shape that shows no time but is a pinned post (a line-up or a
    summary with a pin icon instead of a time): its class or a data attribute says pinned, it
    has a heading and some text, and it is neither page chrome nor a box nor a list of links.
    Any other timeless sibling (a "coverage has ended" banner, a bio card, a "load more" box)
    is no post."""
    return (
        pinned_member(member)
        and tag_of(member) not in _CHROME
        and has_heading(member)
        and _text_len(member) >= _UNTIMED_TEXT
        and not is_box(member)
        and not _links_only(member, [])
    )


_CHROME = frozenset({"aside", "nav", "header", "footer"})
# a class naming the post pinned: "pinned", "is-sticky", Tickaroo's "tik4-event--pin" (not "spinner")
_PINNED = re.compile(r"pinned|sticky|(?<![^\s_-])pin(?![^\s_-])", re.IGNORECASE)


def pinned_member(member: HtmlElement) -> bool:
    """Whether a post's class or ``data-pinned`` says it is pinned."""
    return bool(_PINNED.search(member.get("class") or "")) or member.get("data-pinned") in ("", "true", "1")


_UNTIMED_TEXT = 40


_OUTSIDE_LINKS = etree.XPath(
    ".//text()[not(ancestor::a or ancestor::script or ancestor::style or ancestor::noscript)]",
    smart_strings=False,
)
_POST_CHILDREN = ("p", "h1", "h2", "h3", "h4", "figure", "blockquote", "ul", "ol")
_GLUE = " \t\n\r\xa0-–—|·•:,."


def _links_only(member: HtmlElement, stamps: list[Stamp]) -> bool:
    """Whether all the member says besides its stamps is link text: a key event or a "latest"
    entry pointing at a post (``<li><span>18:04</span> <a href="#p2">…</a></li>``), not a post."""
    if next(member.iterchildren(*_POST_CHILDREN), None) is not None or next(member.iter("a"), None) is None:
        return False
    if has_heading(member):
        return False  # a post whose whole card is a link ("<a href><h2>…</h2><div>…</div></a>")
    rest = "".join(cast(list[str], _OUTSIDE_LINKS(member)))
    for stamp in stamps:
        if next(stamp.element.iterancestors("a"), None) is None:
            rest = rest.replace("".join(words(stamp.element)), "", 1)
    return not rest.strip(_GLUE)


def _day_posts(members: list[HtmlElement], owner: dict[HtmlElement, list[Stamp]]) -> list[HtmlElement] | None:
    """When the timed siblings are day groups, the posts in them, in page order; else None.

    They are day groups when more than half of them hold posts of one shape among their own
    children (the same tag and first class, a stamp and a heading each), and there are more such
    posts than groups: a post quoting one earlier post is still a post.
    """
    if all(len(owner[m]) < 2 for m in members):
        return _one_post_days(members, owner)  # (the common case: posts, one stamp each: None)
    posts: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
    every: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)  # headed or not
    holders: dict[tuple[str, str], int] = defaultdict(int)
    for member in members:
        for key, children in _groups(member, owner).items():
            timed = [c for c in children if c in owner]
            headed = [c for c in timed if has_heading(c)]
            if headed:
                posts[key] += headed
                holders[key] += 1
            every[key] += timed
    if not posts:
        return None
    key = max(posts, key=lambda k: len(posts[k]))
    if holders[key] * 2 <= len(members) or len(posts[key]) <= len(members):
        return None
    # (the headed posts say the groups are days; a day's posts without a heading are its posts too,
    # Der Standard's)
    return every[key]


def _one_post_days(
    members: list[HtmlElement], owner: dict[HtmlElement, list[Stamp]]
) -> list[HtmlElement] | None:
    """When the timed siblings are day groups holding one post each, those posts; else None.

    Read as posts, such groups would be titled by their day, and the output would change shape
    (and every uid with it) the moment a day gains its second post. They are day groups when
    each holds a child with the stamp and a heading of its own and most of the group's text,
    all those children of one shape, and more than half of the groups head it with a line that
    says nothing but a day."""
    posts: list[HtmlElement] = []
    plain = 0  # groups without a day heading
    for member in members:
        post = _child_holding(member, owner[member][0].element)
        if post is None or not has_heading(post):
            return None  # a post whose stamp is a child of its own, or sits in a heading-less box
        heading = next((c for c in member if c is post or (tag_of(c) and is_day_heading(c))), post)
        if heading is post:
            plain += 1
        if plain * 2 >= len(members):
            return None
        # The post holds what the group says besides its day: a post's own date line above its
        # header, with its body beside the header, is a post.
        outside = _text_len(member) - _text_len(post) - (0 if heading is post else _text_len(heading))
        if outside * 2 > _text_len(post) or _owns_more(member, post):
            return None
        posts.append(post)
    shapes = {(tag_of(p), tuple((p.get("class") or "").split()[:1])) for p in posts}
    return posts if len(shapes) == 1 else None


_POST_IDS = ("id", "data-post-id", "data-id", "data-entry-id")
_MEDIA = ("img", "picture", "video", "iframe", "figure")


def _owns_more(member: HtmlElement, post: HtmlElement) -> bool:
    """Whether the group is the post after all: it carries an id its child lacks, or a picture or
    video outside it (a post with its own date line, a photo beside its text)."""
    if any(member.get(a) for a in _POST_IDS) and not any(post.get(a) for a in _POST_IDS):
        return True
    inside = sum(1 for _ in post.iter(*_MEDIA))
    return sum(1 for _ in member.iter(*_MEDIA)) > inside


def _child_holding(member: HtmlElement, el: HtmlElement) -> HtmlElement | None:
    """The child of ``member`` that is or holds ``el``."""
    node: HtmlElement | None = el
    while node is not None:
        parent = node.getparent()
        if parent is member:
            return node
        node = parent
    return None


def _posts(candidate: Candidate) -> bool:
    """Whether the candidate's members read as posts: half of them or more with a heading, and
    none a schedule line (a list item or table cell with no blocks of its own)."""
    members = candidate.members
    if candidate.mode != "blocks" or sum(1 for m in members if has_heading(m)) * 2 < len(members):
        return False
    return not any(
        tag_of(m) in LISTED and not any(tag_of(c) in ITEM_BLOCKS for c in m.iterdescendants())
        for m in members
    )


def _without_containers(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, less those whose posts hold groups of posts found on their own: a column
    holding the whole feed is no post, though a timed sidebar beside it makes the columns look
    like a group of two; nor is a page's "Published … Updated …" header whose inline post would
    run on over the feed below it (SCMP)."""
    if len(candidates) < 2:
        return candidates
    spans = {id(c): _spans(c) for c in candidates}
    members = {el for c in candidates for span in spans[id(c)] for el in span}
    holding: dict[HtmlElement, int] = {}  # the parents of groups of posts, and their ancestors → weight
    for candidate in candidates:
        lineage = [candidate.parent, *candidate.parent.iterancestors()]
        # (only a group inside another group's post can matter; most are inside none)
        if not members.isdisjoint(lineage) and _posts(candidate):
            weight = _weight(candidate)
            for el in lineage:
                holding[el] = max(holding.get(el, 0), weight)
    if not holding:
        return candidates
    # Dropped when at least half its posts hold such a group: two columns, one the feed; not a
    # feed one of whose posts holds a small recap with headings of its own. An inline post runs
    # on over its siblings: the group must say more than the rest of the inline posts do (SCMP's
    # "Published …, Updated …" header over the feed), not be a box of teasers among a feed's lines.
    kept = []
    for c in candidates:
        least = 1 if c.mode == "blocks" else _weight(c) // 2 + 1
        held = sum(1 for span in spans[id(c)] if any(holding.get(el, 0) >= least for el in span))
        if held * 2 < len(spans[id(c)]):
            kept.append(c)
    return kept


def _spans(candidate: Candidate) -> list[list[HtmlElement]]:
    """The elements each post is made of: a block its member; an inline post its member and the
    siblings after it, up to the next member."""
    if candidate.mode == "blocks":
        return [[m] for m in candidate.members]
    members = set(candidate.members)
    spans: list[list[HtmlElement]] = []
    for el in candidate.parent:
        if el in members:
            spans.append([el])
        elif spans and tag_of(el):
            spans[-1].append(el)
    return spans


def best(candidates: list[Candidate]) -> Candidate | None:
    """The first candidate with the most weight, then members, then blocks over inline."""
    candidates = _without_containers(candidates)
    if len(candidates) < 2:
        return candidates[0] if candidates else None  # no need to weigh a lone candidate
    keyed = [((_weight(c), len(c.members), c.mode == "blocks"), c) for c in candidates]
    top = max(key for key, _ in keyed)
    return next(c for key, c in keyed if key == top)


def _own_stamps(stamps: list[Stamp], member: HtmlElement) -> int:
    """How many of ``member``'s stamps stand outside its lists and tables (more than two: posts
    inside it). A day's paragraphs each led by a time still make a container."""
    if len(stamps) <= 2:
        return len(stamps)
    return sum(1 for s in stamps if not in_schedule(s.element, member))


def in_schedule(el: HtmlElement, member: HtmlElement) -> bool:
    """Whether ``el`` is a line of a list or table in the post: an item with no blocks of its own
    (a day's ``<li>`` holding a whole post is a post, not a schedule line); ``el`` may be that
    item or cell itself."""
    node: HtmlElement | None = el
    while node is not None and node is not member:
        if tag_of(node) in LISTED:
            return not any(tag_of(c) in ITEM_BLOCKS for c in node.iterdescendants())
        node = node.getparent()
    return False
