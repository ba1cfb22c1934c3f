"""An update's body without its furniture, for the structured-data strategies (see
:mod:`livetail.extract.structured` for what counts as furniture).

The body is cut from a deep copy: the page tree is never mutated. One :class:`Texts` per body
remembers each element's text while nothing under it changes, so the many rules that read the
same element's text (title, byline boxes, labels, stamps) do not recompute it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from urllib.parse import urldefrag

from lxml import etree

from livetail.extract.bodylength import _PLAIN_TAGS, _VOID, _reparsed, serialise
from livetail.extract.boxes import PICTURES, box_in_body, boxlike, hidden_scrap, holds, is_box
from livetail.extract.build import clean_line
from livetail.extract.bylines import NAME_END, has_role, is_byline, line_names, written_by
from livetail.extract.embeds import EMBED_TAGS
from livetail.extract.furniturewords import (
    BYLINE_TOKENS,
    HOOK_ATTRS,
    LABELS,
    NOISE_TAGS,
    NOISE_TOKENS,
    TIME_TOKENS,
    TOKEN_ATTRS,
    control_phrase,
    hook_tokens,
    share_href,
    share_phrase,
    tokens,
)
from livetail.extract.normalise import normalise_for_compare
from livetail.extract.pieces import long_piece
from livetail.extract.readalso import read_also_boxes
from livetail.extract.stampwords import is_edit_label, is_stamp
from livetail.extract.structured import (
    Element,
    Texts,
    _ahead_of,
    _byline_boxes,
    _found_again,
    _title_element,
    string_of,
)
from livetail.extract.timeparse import has_clock
from livetail.extract.visibletext import visible
from livetail.extract.zones import ZONES

_NOISE_WORDS = frozenset(NOISE_TOKENS | BYLINE_TOKENS | TIME_TOKENS)
_NOISE_ITEMPROPS = ("image", "author", "publisher", "logo", "about")
_FURNITURE_TAGS = ("header", "footer", "time", "amp-timeago", "aside", "nav")
_BLOCKS = {"p", "div", "li", "section", "header", "footer", "small", "mark", "h2", "h3", "h4", "h5", "h6"}
_MEDIA_TAGS = ("img", "br", "hr", "amp-img", "picture", *EMBED_TAGS)


def drop(node: Element) -> None:
    """``HtmlElement.drop_tree`` for any lxml element: remove ``node``, keep its tail in place."""
    parent = node.getparent()
    assert parent is not None
    if node.tail:
        previous = node.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + node.tail
        else:
            previous.tail = (previous.tail or "") + node.tail
    parent.remove(node)


def _remove(node: Element, text: Texts) -> None:
    parent = node.getparent()
    if parent is None:
        return
    text.changed(node)
    drop(node)


# ``_is_noise`` accepts only these tags, or elements with one of these attributes; a walk over a
# plain copy tests that for a few tens of nanoseconds per element.
_NOISE_WALK_TAGS = frozenset({*NOISE_TAGS, *_FURNITURE_TAGS, "a"})
_NOISE_ATTRS = frozenset({"itemscope", "aria-hidden", "hidden", "style", *TOKEN_ATTRS, *HOOK_ATTRS})


_EMBEDS = ("img", "amp-img", *EMBED_TAGS)


def _is_noise(node: Element, own_anchor: str | None) -> bool:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in NOISE_TAGS:
        return True
    if (
        node.get("itemscope") is not None
        and node.get("itemprop") in _NOISE_ITEMPROPS
        # Structured metadata about the update, unless it is a picture shown in it (a figure
        # marked up as the update's ImageObject).
        and not (node.get("itemprop") == "image" and holds(node, PICTURES))
    ):
        return True
    if tag in _FURNITURE_TAGS:
        return True
    if node.get("aria-hidden") == "true" and not holds(node, PICTURES):
        return True
    if hidden_scrap(node):
        return True
    if tag == "p" and not BYLINE_TOKENS.isdisjoint(tokens(node) | hook_tokens(node)):
        return _byline_line(node)
    if tag not in ("p", "blockquote") and (
        tokens(node) & _NOISE_WORDS
        or boxlike(node, tokens(node))
        or hook_tokens(node) & BYLINE_TOKENS
        # (every box the heuristic cuts: a player left without its video, "This video can not be
        # played", the BBC's; a sign-up, a field to copy from, an appeal)
        or (tag != "a" and box_in_body(node))
    ):
        return True
    if tag == "a":
        href = node.get("href", "")
        if share_href(href):
            return True
        # urldefrag finds no fragment (and parses nothing) without a "#".
        if own_anchor and "#" in href and urldefrag(href)[1] == own_anchor:
            return True
        if (node.get("aria-label") or node.get("title") or "").lower().startswith("share"):
            return True
        # a control to nowhere that says what it shares to: "Auf Facebook teilen" (hashed classes)
        said = string_of(node)
        if (
            ((not href or href.startswith("#")) and share_phrase(said)) or control_phrase(said)
        ) and _not_in_prose(node):
            return True  # (a copy control whatever its address: "Link kopieren" on the post's permalink)
    return False


def _byline_line(node: Element) -> bool:
    """A paragraph its class calls a byline that reads like one: a short "By Jane Doe, Political
    editor" or "Ross Lydall Transport editor", outside a quote ("<p class=quote-author>Winston Churchill</p>" attributes a quote,
    "<p class=author-note>Correction: …</p>" is the post's text)."""
    line = visible(node)
    return (
        len(line) <= _BYLINE_MAX
        # (without "By", only beside a role: "<p class=author-note>Storm Hits Coast Tonight</p>"
        # is capitalised like a name)
        and (written_by(line) or (is_byline(line) and has_role(line)))
        and (not line.endswith((".", "!", "?")) or NAME_END.search(line) is not None)
        and next(node.iterancestors(*_QUOTED), None) is None
    )


_BYLINE_MAX = 80
_QUOTED = ("blockquote", "q", "figure", "figcaption", "cite")


def _is_furniture(node: Element, names: set[str], text: Texts) -> bool:
    """Text-only furniture: a label, a time stamp, a byline line; checked innermost first."""
    line = text(node)
    if not line:
        return _empty(node, text)
    label = line.lower().strip(" :!")
    if (
        node.tag != "p"
        and (label in LABELS or is_edit_label(line))
        and _not_in_prose(node)
        and _a_label_here(node, line, label)
    ):
        return True
    if names and line in names and _standalone(node, text):
        return True
    if names and _labelled_byline(line, names) and _standalone(node, text):
        return True  # "रिपोर्ट: अमित शर्मा, लखनऊ" beside LD's author अमित शर्मा (Dainik Bhaskar)
    if line.strip("()") in ZONES and _after_a_clock(node, text):
        return True  # a stamp's zone in a box of its own: "<span>23:05</span> <span>CEST</span>" (El País)
    return is_stamp(line) and not holds(node, PICTURES) and _not_in_prose(node)


def _labelled_byline(line: str, names: set[str]) -> bool:
    """A line that starts as a byline does ("By", "Reporter:") and names the post's authors and
    no one else, maybe with a place ("By Jane Doe, London")."""
    if len(line) > _BYLINE_MAX or not written_by(line):
        return False
    named = line_names([line])
    return bool(named) and all(clean_line(name) in names for name in named)


def _after_a_clock(node: Element, text: Texts) -> bool:
    """Whether ``node`` comes right after a box printing a time (not a table's "CAT +3.2%" row,
    nor a match report's "ET" for extra time)."""
    previous = node.getprevious()
    return (
        previous is not None
        and node.tag not in ("td", "th", "li")
        and not (previous.tail or "").strip()
        and is_stamp(text(previous))
        and has_clock(text(previous))
    )


def _a_label_here(node: Element, line: str, label: str) -> bool:
    """A share control's word ("Tweet", "Comment") or Sky's "Key point" badge is a label on its
    own, not as a heading or a bold lead-in ("<h3>Comment</h3>", "<b>Key point:</b>" before a list)."""
    if label in _BYLINE_LABELS:  # ("Posted by :" once its name is cut; not "<b>By</b> <a>Jane Doe</a>")
        following = node.getnext()
        return following is None or following.tag in _BLOCKS
    return label not in _CONTROL_LABELS or (node.tag not in _LEAD_TAGS and not line.rstrip().endswith(":"))


_CONTROL_LABELS = frozenset({"tweet", "comment", "comments", "key point", "key points"})
_BYLINE_LABELS = frozenset({"by", "posted by", "written by", "reported by", "edited by"})
_LEAD_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "em", "i"})


def _not_in_prose(node: Element) -> bool:
    """A block, or an inline element with no words of its parent's text beside it: "At
    <strong>12:30</strong> the polls closed" keeps its time."""
    if node.tag in _BLOCKS:
        return True
    previous = node.getprevious()
    parent = node.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else "")
    return not (before or "").strip() and not (node.tail or "").strip()


def _standalone(node: Element, text: Texts) -> bool:
    """A byline line, not a name linked in the prose ("Stay connected to <a>NDTV Sports</a>")."""
    if node.tag in ("span", "div", "mark", "small", "cite", "address"):
        return True
    if node.tag == "p" and not BYLINE_TOKENS.isdisjoint(tokens(node)) and is_byline(text(node)):
        return True  # ('<p class="live-post__author">Júlia Camacho</p>', La Vanguardia)
    parent = node.getparent()
    return parent is not None and text(parent) == text(node) and node.tag != "p"


def _empty(node: Element, text: Texts) -> bool:
    if node.tag in _MEDIA_TAGS:
        return False
    return not text(node) and not holds(node, _EMBEDS)


def clean_body(element: Element, *, title: str | None = None, authors: Iterable[str] = ()) -> str:
    """The update's body as HTML, without the furniture listed in the module docstring."""
    return serialise(clean_body_tree(element, title=title, authors=authors))


def plain_copy(element: Element) -> Element:
    """A deep copy of ``element`` (tail included) whose elements are plain ``etree`` elements.

    lxml.html's element classes cost a Python class lookup each time an element is touched; a
    copy moved into an HTML document made by ``etree``'s own parser does without, which makes
    walks over it several times cheaper. (An XML document would serialise control characters
    differently.) The copy sits in a holder element, so a removal never needs a special case.
    """
    holder = _PLAIN_HTML.makeelement("div")  # an HTML document, as the page's: it serialises alike
    # lxml's copy.copy is deep, tail included (its __deepcopy__ calls it), without deepcopy's memo.
    holder.append(copy.copy(element))
    return holder[0]


_PLAIN_HTML = etree.HTMLParser()  # etree's own element classes


def clean_body_tree(element: Element, *, title: str | None = None, authors: Iterable[str] = ()) -> Element:
    """:func:`clean_body` before serialising: a detached copy of ``element``."""
    return clean_copy(plain_copy(element), own_anchor=element.get("id"), title=title, authors=authors)


def clean_copy(
    body: Element, *, own_anchor: str | None, title: str | None = None, authors: Iterable[str] = ()
) -> Element:
    """:func:`clean_body_tree` on a copy the caller made (and may have read) with :func:`plain_copy`."""
    return clean_copy_plain(body, own_anchor=own_anchor, title=title, authors=authors)[0]


def clean_copy_plain(
    body: Element, *, own_anchor: str | None, title: str | None = None, authors: Iterable[str] = ()
) -> tuple[Element, bool]:
    """:func:`clean_copy`, and whether the cleaned body is known to need no walk in
    :func:`element_text_length` (pass it on as ``plain_tags``): the last walk over the body saw
    only elements that walk passes, and a cut adds no element and gives no void element content."""
    text = Texts()
    heading = _title_element(body, text)
    before = [] if heading is None else _ahead_of(body, heading)
    boxes = _byline_boxes(body, text)
    for node in [*before, *boxes]:
        text.changed(node)  # its tail goes too
        node.tail = None
        _remove(node, text)
    if boxes or (heading is not None and before and not _found_again(body, heading)):
        heading = _title_element(body, text)  # the cuts may have changed the answer: ask again
    if heading is not None and title and _same_title(text(heading), title):
        _remove(heading, text)
    names = {clean_line(a) for a in authors if a}
    _drop_noise(body, own_anchor, text)
    for node in body.iterdescendants("amp-img"):
        if node.get("src") is not None:
            node.tag = "img"
            for attr in list(node.attrib):
                if attr not in ("src", "alt", "width", "height"):
                    del node.attrib[attr]
    plain = _drop_furniture(body, names, text) and not _reparsed(body)
    if body.get("itemprop") is not None:
        body.attrib.pop("itemprop")
    return body, plain


def noise_in(body: Element, own_anchor: str | None) -> list[Element]:
    """The outermost noise inside ``body`` (ads, newsletter and share boxes, buttons, scripts,
    header and footer, the update's own permalink), in document order; what lies inside noise is
    not judged. Judging never looks outside the node, so the answer is the same before any cut."""
    return _outermost(body, lambda node: _is_noise(node, own_anchor))


def without_boxes(element: Element) -> Element:
    """A plain copy of ``element`` without its ad, newsletter, promo and share boxes and its
    read-also boxes (:func:`boxes_in`), its other furniture kept."""
    body = plain_copy(element)
    for node in [*boxes_in(body), *read_also_boxes(body)]:
        if node.getparent() is not None:
            drop(node)
    return body


def boxes_in(body: Element) -> list[Element]:
    """The outermost ad, newsletter, promo and share boxes and share links inside ``body``: the
    part of :func:`noise_in` that is never a post's own text, for bodies cut without the
    structured strategies' furniture rules (no header, footer, aside, time or byline judged)."""
    return _outermost(body, is_box)


def _outermost(body: Element, judge: Callable[[Element], bool]) -> list[Element]:
    candidates = [
        n
        for n in body.iterdescendants()
        if n.tag in _NOISE_WALK_TAGS or not _NOISE_ATTRS.isdisjoint(n.keys())
    ]
    found: list[Element] = []
    inside: set[Element] = set()  # the descendants of noise found so far
    for node in candidates:
        if node in inside:
            continue
        if judge(node):
            inside.update(node.iterdescendants())
            found.append(node)
    return found


def _same_title(shown: str, title: str) -> bool:
    """The heading is the title, typography aside: LD may straighten what the page curls
    ("We won't" / "We won’t")."""
    return shown == clean_line(title) or normalise_for_compare(shown) == normalise_for_compare(title)


def _drop_noise(body: Element, own_anchor: str | None, text: Texts) -> None:
    """Remove noise in document order; what lies inside a removed element is not judged."""
    for node in noise_in(body, own_anchor):
        _remove(node, text)
    for node in read_also_boxes(body, text(body)):
        _remove(node, text)


def _drop_furniture(body: Element, names: set[str], text: Texts) -> bool:
    """Remove furniture innermost first, so a wrapper is judged on what is left in it: "1:08 PM ·"
    once its share link is gone, an "Updated at" box once its <time> is gone, a box left empty.

    In reverse document order a node comes after everything inside it, so none is detached when
    judged. Only short text can be furniture (a label, a name, a stamp of at most 60 characters,
    or nothing), and removals never take away a text piece longer than that (the element holding
    it is never short), so an element holding such a piece is passed over without reading its
    text, and so is every element around it.

    Returns whether every descendant passed :func:`_reparsed` (known plain tags, void elements
    without content) before any cut, which answers for what is left after them too.
    """
    limit = max(_STAMP_MAX, *map(len, names)) if names else _STAMP_MAX
    holding: set[Element | None] = set()  # elements known to hold a long piece
    hold, long = holding.add, long_piece  # (locals: this loop visits every element)
    plain, plain_tags = True, _PLAIN_TAGS
    for node in reversed(list(body.iterdescendants())):
        tail, own = node.tail, node.text
        # (The length tests inline long_piece's first test: most pieces are short.)
        if tail and len(tail) > limit and long(tail, limit):
            hold(node.getparent())
        tag = node.tag
        if plain and tag not in plain_tags and (tag not in _VOID or own or len(node)):
            plain = False  # (maybe only a tag _reparsed has not seen yet: its walk will tell)
        if not isinstance(tag, str):
            continue
        if node in holding or (own and len(own) > limit and long(own, limit)):
            hold(node.getparent())
            continue
        if not own and tag in _MEDIA_TAGS and not len(node):
            continue  # no text at all, and a media element is never empty furniture
        if _is_furniture(node, names, text):
            _remove(node, text)
    return plain


_STAMP_MAX = 60  # is_stamp's longest stamp; labels are shorter still
