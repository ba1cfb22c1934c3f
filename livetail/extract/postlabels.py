"""A heuristic post's labels and bylines: the short lines that say what a post is ("Pinned", "Key
event", "Eilmeldung") or who wrote it, rather than its news. Both are found for the whole page at
once (a label by its words, a byline box by its class), and only when the page's markup holds such
a word (bylines no class marks are :mod:`livetail.extract.writtenbylines`'). A quote's attribution
and a newspaper's name inside a sentence are none of these. (The rest of a post's parts besides its
stamp are :mod:`livetail.extract.postparts`'s.)
"""

from __future__ import annotations

import re
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from livetail.extract.bylines import (
    NAME_END,
    box_lines,
    describes,
    desk_credit,
    has_role,
    line_names,
)
from livetail.extract.furniturewords import BYLINE_TOKENS, PINNED_WORDS, camel_words, hook_tokens, tokens
from livetail.extract.stamps import text_of
from livetail.extract.stampwords import is_stamp
from livetail.extract.visibletext import visible

__all__ = [
    "BOX_PINNED_WORDS",
    "LABEL_WORDS",
    "PINNED_WORDS",
    "furniture",
    "names_in",
    "pinned_by_label",
    "says_pinned",
]


# A post's own labels ("Pinned", "Key event") and bylines, found for the whole page in one XPath
# each (C speed) rather than by a walk over every post, and only when the page's markup holds
# one at all (a test over its bytes; the label XPath costs tens of ms on a 1,000-post page).
LABEL_WORDS = ("key event", "key point", "breaking", "breaking news", "eilmeldung", "destacado", "última hora",
               "ultima hora", "dernière minute", "ultima ora", "ultima oră", "ważne", "viktigt", "快訊", "快讯", "속보", "key moment", "son dakika", *PINNED_WORDS)  # fmt: skip
#: Labels only in a box of their own (see _LABEL_LEAVES); "in evidenza" pins (Corriere, la Repubblica),
#: "à la une" too (Ouest-France).
# ("À la une", Ouest-France: also a front page's heading; Korean "고정" and Vietnamese "Ghim", "fixed"
# and "pin", everyday words in a table or a list)
BOX_PINNED_WORDS = ("in evidenza", "à la une", "고정", "ghim")
# ("Wichtig" and "Belangrijk" badge an important post, t-online, and prose opens with "Wichtig:"
# too; "Kiemelt", Telex; "Key points" over The Times' pinned summary, and a post's own heading;
# "Destaque", Público's flag on a post it highlights, as a key event, not a pin)
BOX_LABEL_WORDS = (
    "essentiel",
    "wichtig",
    "belangrijk",
    "kiemelt",
    "key points",
    "destaque",
    "важливо",  # (Ukrainian "important", NV's key-event badge)
    "важно",
    *BOX_PINNED_WORDS,
)
_LABEL_MARKUP = re.compile(  # (by the ASCII part of each word: "Épinglé" is "pingl"; the run
    # before it is possessive, as bodyclean's read-also markup explains: else non-Latin text hangs)
    rb">(?:&#?\w{2,8};|[^<>\w])*+(?:pinned|key event|key point|breaking|angepinnt|gepinnt|angeheftet|eilmeldung|pingl|destacado|destaque"
    rb"|fissato|ltima hora|ultima hora|derni|ultima or|wa\xc5\xbcne|viktigt|pripnut|p\xc5\x99ipnut|przypi|vastge"
    rb"|f\xc3\xa4st|festet|fastgjort|kiinnitetty|prikva|r\xc3\xb6gz|kinnitatud|prisegta|sabitlen|fixad|fixat|ghim"
    rb"|disematkan|imebandikwa|in evidenza|essentiel|wichtig|belangrijk|kiemelt|fijad|fastn|la une|key moment|son dak)",
    re.IGNORECASE,
)
# Labels in scripts whose letters the scan above skips as a run before a word (their own bytes):
# Russian and Ukrainian (without the first letter, which a capital changes), Hebrew, Thai.
_NON_LATIN_LABELS = tuple(
    word.encode()
    for word in (
        "акреплен",
        "АКРЕПЛЕН",
        "акріплен",
        "АКРІПЛЕН",
        "נעוץ",
        "נעוצה",
        "ปักหมุด",
        "SABİTLEN",
        "置頂",
        "置顶",
        "고정",
        "ピン留め",
        "مثبت",
        "مثبّت",
        "سنجاق",
        "καρφιτσωμένο",
        "ΚΑΡΦΙΤΣΩΜΈΝΟ",
        "快訊",
        "快讯",
        "속보",
        "ажливо",
        "АЖЛИВО",
        "ажно",
        "АЖНО",
    )
)
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZİÉÚŻÍÓÁÝČŠŽĚŘÄÖÅÆØÜŁĘĄÀÂÇÈÊËÎÏÔÙÛĂȘȚАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄ"
# (a pin drawn before the word is no part of it: "📌 Pinned", Al Arabiya)
# (each capital's first lower-case letter: Turkish "İ" lowers to "i" and a combining dot)
_LOWER = f"translate(normalize-space(translate(., '📌📍', '  ')), '{_UPPER}', '{''.join(c.lower()[0] for c in _UPPER)}')"
_LABEL_TEST = (
    # (a leaf, or a label beside its icon: "<span><svg>…</svg>Pinned</span>", Android Authority;
    # '<span class="arena-icon-pin"></span>Fixado', Arena; not beside a picture, which is content)
    "[not(*[not(self::svg or self::i or (self::span and not(normalize-space(.)) and not(.//img)))])]"
    "[not(self::a)][string-length(normalize-space(.)) <= 20][("
    + " or ".join(f"{_LOWER}='{w}'" for w in LABEL_WORDS)
    # Words that are a post's own heading or lead-in as often ("In evidenza" over a list of
    # highlights, "<strong>Essentiel</strong>"): a label only in a box of its own.
    + ") or (("
    + " or ".join(f"{_LOWER}='{w}'" for w in BOX_LABEL_WORDS)
    + ") and not(self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::strong or self::b"
    # (a list's item, not any: a post may itself be an <li>, Ouest-France's "live-item"; nor a
    # table's, a form's or a definition list's words: "<td>Wichtig</td><td>30 %</td>")
    " or self::p or ancestor::p or self::li or parent::li or ancestor::table or ancestor::form or ancestor::dl or self::label))]"
)
_LABEL_LEAVES = etree.XPath("//body//*" + _LABEL_TEST)
_LABELS_INSIDE = etree.XPath(".//*" + _LABEL_TEST)  # (one post's, for pinned_by_label)
# (without the first letter, to find "PostByline_root__x1" too: one scan of the page per word)
# ("writer" only as a class's part: the word is common in prose)
_BYLINE_MARKUP = (
    b"uthor",
    b"yline",
    b"ontributor",
    b"utor",
    b"uteur",
    b"-writer",
    b"_writer",
    b'"writer',
    b"creator-",
    b"signature",
)
_BYLINE_BOXES = etree.XPath(
    "//body//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'contributor')"
    " or contains(@class, 'Author') or contains(@class, 'Byline') or contains(@class, 'Contributor')"
    " or contains(@class, 'autor') or contains(@class, 'auteur') or contains(@class, 'writer')"
    " or contains(@class, 'creator-') or contains(@class, 'signature')"  # (Le Monde's "creator-name")
    " or contains(@data-qa, 'byline') or contains(@data-qa, 'author') or contains(@data-testid, 'byline')"
    " or contains(@data-testid, 'author') or contains(@data-qa, 'Byline') or contains(@data-qa, 'Author')"
    " or contains(@data-testid, 'Byline') or contains(@data-testid, 'Author')]"
)
_QUOTED = ("blockquote", "q", "figure", "figcaption", "cite")  # a quote's attribution is no byline
_CREATOR_NAME = frozenset({"creator", "name"})
_BESIDE_NAME_MAX = 40  # a place or a role beside a byline's name ("São Paulo", "Globe Staff")
_INLINE = frozenset({"span", "strong", "em", "b", "i", "small", "a"})
_QUOTE_WORDS = frozenset({"quote", "cite", "citation", "caption", "source", "credit"})


def pinned_by_label(members: list[HtmlElement], content: bytes) -> set[HtmlElement]:
    """The posts a pin label ahead of their text marks pinned ("Angepinnt", "Épinglé", "Fijado";
    not an embedded card's own "Pinned" further down)."""
    if not _may_label(content):
        return set()
    # (the posts whose markup holds a label first: the page-wide label search costs more than
    # the rest of a small LD page's extraction)
    named = [m for m in members if _may_label(etree.tostring(m, encoding="utf-8"))]
    return {
        m
        for m in named
        if any(
            says_pinned(label) and not _in_sentence(label) and _ahead_of_text(m, label)
            for label in cast(list[HtmlElement], _LABELS_INSIDE(m))
        )
    }


def _ahead_of_text(member: HtmlElement, label: HtmlElement) -> bool:
    for node in member.iterdescendants():
        if node is label:
            return True
        if node.tag in _PROSE and (line := text_of(node)) and not is_stamp(line):
            return False  # (a stamp in a paragraph of its own is no text: "<p class=time>16:30</p>")
    return False


_PROSE = frozenset({"p", "li", "blockquote", "figure", "table", "iframe"})


def says_pinned(label: HtmlElement) -> bool:
    """Whether a label (see :func:`furniture`) says its post is pinned."""
    return _PINNED_LABEL.search(text_of(label)) is not None


_PINNED_LABEL = re.compile("|".join(map(re.escape, [*PINNED_WORDS, *BOX_PINNED_WORDS])), re.IGNORECASE)


def furniture(
    members: list[HtmlElement], content: bytes, *, bylines: bool = True
) -> tuple[dict[HtmlElement, list[HtmlElement]], dict[HtmlElement, list[HtmlElement]]]:
    """Each post's labels and (unless not ``bylines``) its byline boxes with the names they give
    (see above)."""
    labels: dict[HtmlElement, list[HtmlElement]] = {}
    boxes: dict[HtmlElement, list[HtmlElement]] = {}
    if not members:
        return labels, boxes
    root = members[0].getroottree().getroot()
    wanted = set(members)
    searches = []
    if _may_label(content):
        searches.append((_LABEL_LEAVES, labels))
    if bylines and any(word in content for word in _BYLINE_MARKUP):
        searches.append((_BYLINE_BOXES, boxes))
    for search, into in searches:
        for el in cast(list[HtmlElement], search(root)):
            if into is boxes and not _byline(el):
                continue
            if into is boxes and (box := _creator_box(el)) is not None:
                el = box  # (the name with the role beside it: "Jérémie Lamothe" "Journaliste")
            if into is labels and _in_sentence(el):
                continue  # "Según el diario <i>Última Hora</i>, …": a newspaper's name
            if into is labels and el.tail and el.tail.strip() and (box := _label_box(el)) is not None:
                el = box  # (the label beside it, in their box: "Festet innlegg" and "Festet")
            owner = next((a for a in el.iterancestors() if a in wanted), None)
            if owner is not None and not any(b in el.iterancestors() for b in into.get(owner, [])):
                into.setdefault(owner, []).append(el)
    return labels, boxes


def _may_label(content: bytes) -> bool:
    return _LABEL_MARKUP.search(content) is not None or (
        not content.isascii() and any(word in content for word in _NON_LATIN_LABELS)
    )


def _in_caption(el: HtmlElement) -> bool:
    """Whether ``el`` or a box a few levels around it is named for a caption."""
    node: HtmlElement | None = el
    for _ in range(_CAPTION_LEVELS + 1):
        if node is None:
            return False
        if "caption" in tokens(node):
            return True
        node = node.getparent()
    return False


_CAPTION_LEVELS = 3


def _creator_box(el: HtmlElement) -> HtmlElement | None:
    """The box a name stands in with its kin, named for it too: a "creator-name" beside a
    "creator-role" in a "creator" box (Le Monde), or a BEM block's "c-signature__author" beside
    its "c-signature__location" in the "c-signature" box (Folha): the place goes with the name."""
    parent = el.getparent()
    if parent is None:
        return None
    if tokens(el) >= _CREATOR_NAME and "creator" in tokens(parent):
        return parent if len(visible(parent)) <= _BYLINE_MAX else None
    blocks = {name.partition("__")[0] for name in (el.get("class") or "").split() if "__" in name}
    if blocks.isdisjoint((parent.get("class") or "").split()):
        return None
    # Only the name and a place or role beside it, each a short inline element of the block's
    # own: the block may be the post itself ("<div class=entry><span class=entry__time>20:41
    # </span><span class=entry__author>Jane Doe</span><div class=entry__text>GOAL!</div>").
    if (
        (parent.text or "").strip()
        or any((kin.tail or "").strip(" ,|·•-–—\n\t") for kin in parent)
        or len(visible(parent)) - len(visible(el)) > _BESIDE_NAME_MAX
    ):
        return None
    for kin in parent:
        if kin is el:
            continue
        line = visible(kin)
        if (
            kin.tag not in _INLINE
            or len(kin)
            or blocks.isdisjoint(name.partition("__")[0] for name in (kin.get("class") or "").split())
            or is_stamp(line)
            or any(c.isdigit() for c in line)
        ):
            return None
    return parent


def _label_box(el: HtmlElement) -> HtmlElement | None:
    """The element holding only ``el`` and the label after it, if there is one."""
    parent = el.getparent()
    if parent is None or len(parent) != 1 or (parent.text or "").strip() or parent.tag in ("body", "article"):
        return None
    return parent


def _in_sentence(el: HtmlElement) -> bool:
    """Whether words stand right beside ``el`` in its parent: it is part of a sentence."""
    previous = el.getprevious()
    parent = el.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else "")
    beside = [(before or "").strip(" :|·•-–—\n\t"), (el.tail or "").strip(" :|·•-–—\n\t")]
    # (a label beside a label is none: a screen reader's "Festet innlegg" before the shown "Festet", NRK)
    return any(words and words.lower() not in LABEL_WORDS for words in beside)


def _byline(el: HtmlElement) -> bool:
    """A byline box: its class says so ("authority" does not), it is not a quote's attribution,
    and it is a short line, not a sentence (an "author-note" that ends in a full stop is the
    post's text)."""
    camel = camel_words(el)  # "PostAuthor" is a byline box, "quoteAuthor" a quote's attribution
    hooks = hook_tokens(el)  # (data-testid="QuoteAuthor" too)
    words = tokens(el) | hooks
    if not (
        words & _BYLINE_BOX_WORDS
        or words >= _CREATOR_NAME  # (Le Monde's "creator-name"; a "creator-caption" credits a picture)
        or (camel & BYLINE_TOKENS and camel.isdisjoint(_QUOTE_WORDS))
    ):
        return False
    if not hooks.isdisjoint(_QUOTE_WORDS) or _in_caption(el):
        return False  # (a quote's attribution; a photo's credit: "photo__author" in a caption, Kompas)
    if next(el.iterancestors(*_QUOTED), None) is not None:
        return False
    line = visible(el)
    return (
        0 < len(line) <= _BYLINE_MAX
        # ("author-note": "Storm Hits Coast Tonight"; a newsroom's credit is a byline naming no one)
        and (bool(line_names([line])) or has_role(line) or desk_credit(line))
        and (not line.endswith((".", "!", "?")) or NAME_END.search(line) is not None)
        and any(c.isalpha() for c in line)
    )


_BYLINE_MAX = 80
# (French and Portuguese pages sign posts, "live-item__signature", Ouest-France, Folha: a byline
# box here, where its text must read as names, but no noise: a quoted letter's signature is text)
_BYLINE_BOX_WORDS = frozenset({*BYLINE_TOKENS, "signature"})


def names_in(bylines: list[HtmlElement]) -> list[str]:
    """The names the byline boxes give (see :mod:`livetail.extract.bylines`)."""
    # (a box named for the writer's description gives no name beside one that is not: ESPN's
    # "Byline__Meta" after its "Byline__Author"; alone, "author-meta" may be all there is)
    named = [box for box in bylines if not describes(box)] or bylines
    return line_names(line for box in named for line in box_lines(box, visible))
