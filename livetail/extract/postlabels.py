"""A heuristic post's labels and bylines: the short lines that say what a post is ("Pinned", "Key
event", "Eilmeldung") or who wrote it, rather than its news. Both are found for the whole page at
once (a label by its words, a byline box by its class), and only when the page's markup holds such
a word; a byline no class marks is the post's first or last line when it reads "By Jane Doe", or
its first line under the heading and stamp when it reads as names beside a journalist's role. A
quote's attribution, a newspaper's name inside a sentence and a source's title are none of these.
(The rest of a post's parts besides its stamp are :mod:`livetail.extract.postparts`'s.)
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
    has_role,
    is_byline,
    is_outlet,
    line_names,
)
from livetail.extract.calendarwords import MONTHS, WEEKDAYS
from livetail.extract.furniturewords import BYLINE_TOKENS, camel_words, hook_tokens, tokens
from livetail.extract.stamps import tag_of, text_of
from livetail.extract.visibletext import visible

__all__ = [
    "BOX_PINNED_WORDS",
    "LABEL_WORDS",
    "PINNED_WORDS",
    "WRITTEN_BYLINE",
    "furniture",
    "names_in",
    "right_set_markup",
    "role_byline",
    "signed_off",
    "signs_off",
    "written_byline",
]


# A post's own labels ("Pinned", "Key event") and bylines, found for the whole page in one XPath
# each (C speed) rather than by a walk over every post, and only when the page's markup holds
# one at all (a test over its bytes; the label XPath costs tens of ms on a 1,000-post page).
#: "Pinned" as pages in other languages print it over a pinned post.
PINNED_WORDS = ("pinned", "pinned post", "angepinnt", "épinglé", "fissato", "pripnuté", "pripnutý", "připnuto",
                "připnutý", "przypięty", "przypięte", "vastgezet", "vastgepind", "fäst", "festet", "festet innlegg", "fastgjort",
                "kiinnitetty", "prikvačeno", "rögzítve", "kinnitatud", "prisegta", "sabitlendi", "fixado", "fixat",
                "disematkan", "imebandikwa", "закреплено", "закреплённое", "закріплено", "נעוץ", "הודעה נעוצה",
                "ปักหมุด")  # fmt: skip
LABEL_WORDS = ("key event", "key point", "breaking", "breaking news", "eilmeldung", "destacado", "última hora",
               "ultima hora", "dernière minute", "ultima ora", "ważne", "viktigt", *PINNED_WORDS)  # fmt: skip
#: Labels only in a box of their own (see _LABEL_LEAVES); "in evidenza" pins (Corriere, la Repubblica).
BOX_PINNED_WORDS = ("in evidenza",)
BOX_LABEL_WORDS = ("essentiel", *BOX_PINNED_WORDS)
_LABEL_MARKUP = re.compile(  # (by the ASCII part of each word: "Épinglé" is "pingl"; the run
    # before it is possessive, as bodyclean's read-also markup explains: else non-Latin text hangs)
    rb">(?:&#?\w{2,8};|[^<>\w])*+(?:pinned|key event|key point|breaking|angepinnt|eilmeldung|pingl|destacado"
    rb"|fissato|ltima hora|ultima hora|derni|ultima ora|wa\xc5\xbcne|viktigt|pripnut|p\xc5\x99ipnut|przypi|vastge"
    rb"|f\xc3\xa4st|festet|fastgjort|kiinnitetty|prikva|r\xc3\xb6gz|kinnitatud|prisegta|sabitlendi|fixad|fixat"
    rb"|disematkan|imebandikwa|in evidenza|essentiel)",
    re.IGNORECASE,
)
# Labels in scripts whose letters the scan above skips as a run before a word (their own bytes):
# Russian and Ukrainian (without the first letter, which a capital changes), Hebrew, Thai.
_NON_LATIN_LABELS = tuple(
    word.encode() for word in ("акреплен", "АКРЕПЛЕН", "акріплен", "АКРІПЛЕН", "נעוץ", "נעוצה", "ปักหมุด")
)
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZÉÚŻÍÓÁÝČŠŽĚŘÄÖÅÆØÜŁĘĄАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄ"
# (a pin drawn before the word is no part of it: "📌 Pinned", Al Arabiya)
_LOWER = f"translate(normalize-space(translate(., '📌📍', '  ')), '{_UPPER}', '{_UPPER.lower()}')"
_LABEL_LEAVES = etree.XPath(
    # (a leaf, or a label beside its icon: "<span><svg>…</svg>Pinned</span>", Android Authority;
    # '<span class="arena-icon-pin"></span>Fixado', Arena; not beside a picture, which is content)
    "//body//*[not(*[not(self::svg or self::i or (self::span and not(normalize-space(.)) and not(.//img)))])]"
    "[not(self::a)][string-length(normalize-space(.)) <= 20][("
    + " or ".join(f"{_LOWER}='{w}'" for w in LABEL_WORDS)
    # Words that are a post's own heading or lead-in as often ("In evidenza" over a list of
    # highlights, "<strong>Essentiel</strong>"): a label only in a box of its own.
    + ") or (("
    + " or ".join(f"{_LOWER}='{w}'" for w in BOX_LABEL_WORDS)
    + ") and not(self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::strong or self::b"
    " or ancestor::p or ancestor::li))]"
)
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
)
_BYLINE_BOXES = etree.XPath(
    "//body//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'contributor')"
    " or contains(@class, 'Author') or contains(@class, 'Byline') or contains(@class, 'Contributor')"
    " or contains(@class, 'autor') or contains(@class, 'auteur') or contains(@class, 'writer')"
    " or contains(@class, 'creator-')"  # (Le Monde's "creator-name")
    " or contains(@data-qa, 'byline') or contains(@data-qa, 'author') or contains(@data-testid, 'byline')"
    " or contains(@data-testid, 'author') or contains(@data-qa, 'Byline') or contains(@data-qa, 'Author')"
    " or contains(@data-testid, 'Byline') or contains(@data-testid, 'Author')]"
)
_QUOTED = ("blockquote", "q", "figure", "figcaption", "cite")  # a quote's attribution is no byline
_CREATOR_NAME = frozenset({"creator", "name"})
_QUOTE_WORDS = frozenset({"quote", "cite", "citation", "caption", "source", "credit"})


def furniture(
    members: list[HtmlElement], content: bytes
) -> tuple[dict[HtmlElement, list[HtmlElement]], dict[HtmlElement, list[HtmlElement]]]:
    """Each post's labels and its byline boxes with the names they give (see above)."""
    labels: dict[HtmlElement, list[HtmlElement]] = {}
    bylines: dict[HtmlElement, list[HtmlElement]] = {}
    if not members:
        return labels, bylines
    root = members[0].getroottree().getroot()
    wanted = set(members)
    searches = []
    if _LABEL_MARKUP.search(content) or (
        not content.isascii() and any(word in content for word in _NON_LATIN_LABELS)
    ):
        searches.append((_LABEL_LEAVES, labels))
    if any(word in content for word in _BYLINE_MARKUP):
        searches.append((_BYLINE_BOXES, bylines))
    for search, into in searches:
        for el in cast(list[HtmlElement], search(root)):
            if into is bylines and not _byline(el):
                continue
            if into is bylines and (box := _creator_box(el)) is not None:
                el = box  # (the name with the role beside it: "Jérémie Lamothe" "Journaliste")
            if into is labels and _in_sentence(el):
                continue  # "Según el diario <i>Última Hora</i>, …": a newspaper's name
            if into is labels and el.tail and el.tail.strip() and (box := _label_box(el)) is not None:
                el = box  # (the label beside it, in their box: "Festet innlegg" and "Festet")
            owner = next((a for a in el.iterancestors() if a in wanted), None)
            if owner is not None and not any(b in el.iterancestors() for b in into.get(owner, [])):
                into.setdefault(owner, []).append(el)
    return labels, bylines


def _creator_box(el: HtmlElement) -> HtmlElement | None:
    """The box a "creator-name" stands in with its kin ("creator-role"), named "creator" too."""
    parent = el.getparent()
    if parent is None or not tokens(el) >= _CREATOR_NAME or "creator" not in tokens(parent):
        return None
    return parent if len(visible(parent)) <= _BYLINE_MAX else None


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
        words & BYLINE_TOKENS
        or words >= _CREATOR_NAME  # (Le Monde's "creator-name"; a "creator-caption" credits a picture)
        or (camel & BYLINE_TOKENS and camel.isdisjoint(_QUOTE_WORDS))
    ):
        return False
    if not hooks.isdisjoint(_QUOTE_WORDS):
        return False
    if next(el.iterancestors(*_QUOTED), None) is not None:
        return False
    line = visible(el)
    return (
        0 < len(line) <= _BYLINE_MAX
        and (bool(line_names([line])) or has_role(line))  # ("author-note": "Storm Hits Coast Tonight")
        and (not line.endswith((".", "!", "?")) or NAME_END.search(line) is not None)
        and any(c.isalpha() for c in line)
    )


_BYLINE_MAX = 80
_BY_WORDS = frozenset({"by", "von", "par", "por", "door", "di", "av", "af", "przez"})
# an element's text that starts so: one scan of the page spares every post its look
WRITTEN_BYLINE = re.compile(
    # ("By Jane", "<span>von</span> <a href=…>Florian", "By <a>Jane"; a sign-off, "— Nate Silver")
    rb">\s*(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Dd]i|[Aa][vf]|[Pp]rzez)(?:\s+|\s*</\w+>\s*)(?:<a\b[^>]*>\s*)?[A-Z\xc3-\xc5]"
    rb"|>\s*(?:\xe2\x80\x94|\xe2\x80\x93|&mdash;|&ndash;)\s*[A-Z\xc3-\xc5]"
    rb"|>\s*-\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?:'|\xe2\x80\x99)s?\s+[A-Z]"  # ("-ABC News' Max Golembo")
)
# a sign-off: a dash, then the names, maybe with the outlet after a slash ("– Acor Arceo/Rappler.com")
_SIGN_OFF = re.compile(r"[—–]\s*(?P<names>[^/]+?)\s*(?:/\s*\S+)?")


def signs_off(line: str, before: str = "") -> bool:
    """Whether a post's last line is its writer's sign-off: "— Nate Silver", "– Acor
    Arceo/Rappler.com" (two to four capitalised names after a dash, and nothing else). Not after
    a quote (``before``, the line above: "“We shall fight on the beaches.” / — Winston Churchill"
    attributes it), and not a title or a place ("— Mayor Karen Bass", "— New York City")."""
    if _quoted(before):
        return False
    outlet = OUTLET_SIGN_OFF.fullmatch(line.strip())
    if outlet is not None and is_outlet(outlet["outlet"]):  # "-ABC News' Jon Haworth and Julia Jacobo"
        return all(_a_name(name.split()) for name in _NAMES_SPLIT.split(outlet["names"]))
    match = _SIGN_OFF.fullmatch(line.strip())
    return match is not None and _a_name(match["names"].split())


def _a_name(names: list[str]) -> bool:
    return _names_only(names) and _NOT_A_NAME.isdisjoint(n.lower() for n in names) and _no_title(names)


#: A sign-off naming the outlet, then its writers: "-ABC News' Max Golembo" (ABC News, US).
OUTLET_SIGN_OFF = re.compile(
    r"[-—–]\s*(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+(?P<names>[A-Z].*)"
)
_NAMES_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")


def _quoted(line: str) -> bool:
    """A quote, or a line that ends one: what a dash line under it attributes."""
    line = line.strip()
    return bool(line) and (line[0] in _QUOTE_CHARS or line[-1] in _QUOTE_CHARS or line[-2:-1] in _QUOTE_CHARS)


_QUOTE_CHARS = frozenset("\"“”„«»‘’'")
# words of a title, a place or a credit, not of a name: "— President Joe Biden", "— New York City",
# "— Photo Getty Images", "— More To Follow"
_NOT_A_NAME = frozenset(
    {"city", "new", "news", "breaking", "more", "follow", "photo", "images", "press", "agency", "update", "updates",
     "reuters", "afp", "ap", "theo", "ảnh", "nguồn", "read", "source", "getty", "total", "county", "state"}
)  # fmt: skip
# titles: no name holds one, unless as the surname of a two-word name ("Conor Pope", "Stephen
# King"; not "The King", "Prime Minister Keir Starmer")
_TITLES = frozenset({"president", "mayor", "governor", "senator", "minister", "king", "queen", "pope"})


def _no_title(names: list[str]) -> bool:
    lowered = [n.lower() for n in names]
    if len(lowered) == 2 and lowered[0] not in _TITLES and lowered[0] != "the":
        lowered = lowered[:1]
    return _TITLES.isdisjoint(lowered)


def _names_only(names: list[str]) -> bool:
    """Two to four capitalised names, none a day or a month."""
    return (
        2 <= len(names) <= 4
        and all(
            n[:1].isupper() and n.replace("-", "").replace("'", "").replace("’", "").isalpha() for n in names
        )
        and not any(n.lower().strip(".,") in MONTHS or n.lower().strip(".,") in WEEKDAYS for n in names)
    )


def written_byline(member: HtmlElement, heading: HtmlElement | None) -> list[HtmlElement]:
    """A byline with no class to say so: the post's first or last line, "By Jane Doe" or "Von
    Peter Münch" and nothing else (two to four capitalised names, no day or month), or a "By"
    line anywhere whose names are links. (Not an unlinked line under the heading: "By The
    Numbers" and "By Popular Demand" are subheadings.)"""
    lines = [c for c in member if tag_of(c) and c is not heading and visible(c)]
    if len(lines) < 2:
        return []
    by_lines = sum(1 for line in lines if visible(line).split()[0].lower() in _BY_WORDS)
    for n, candidate in enumerate(lines):
        words = visible(candidate).split()
        edge = candidate is lines[0] or candidate is lines[-1]
        # (a linked "By" line near the top, the post's only one: not a reading list's credits)
        linked = n < _LINKED_BYLINE_LINES and by_lines == 1 and _linked_names(candidate)
        if (
            (
                (words[0].lower() in _BY_WORDS and ((edge and _names_only(words[1:])) or linked))
                or (candidate is lines[-1] and signs_off(visible(candidate), visible(lines[-2])))
            )
            and next(candidate.iterancestors(*_QUOTED), None) is None
            and tag_of(candidate) not in _QUOTED
        ):
            return [candidate]
    return _signed_in_body(member)


def _signed_in_body(member: HtmlElement) -> list[HtmlElement]:
    """The body's last paragraph when it signs the post off ("<div class=body>…<p>-ABC News' Max
    Golembo</p></div>", ABC News), after some text of the post's own: not inside or right after
    a quote (which it attributes), and not a link (a list's item)."""
    paragraphs = [p for p in member.iter("p") if visible(p)]
    if len(paragraphs) < 2:
        return []
    last = paragraphs[-1]
    previous = next((e for e in last.itersiblings(preceding=True) if tag_of(e)), None)
    if (
        next(last.iterancestors(*_QUOTED), None) is not None
        or (
            previous is not None
            and (tag_of(previous) in _QUOTED or next(previous.iter(*_QUOTED), None) is not None)
        )
        or next(last.iter("a"), None) is not None
        or not signs_off(visible(last), visible(previous if previous is not None else paragraphs[-2]))
    ):
        return []
    return [last]


def _linked_names(line: HtmlElement) -> bool:
    """Whether every name of a "By" line is a link (to the writer's page: "By <a>Hannah Erin
    Lang</a>", WSJ): a byline wherever it stands in the post, as no subheading is."""
    links = [visible(a) for a in line.iter("a")]
    if not links or not all(_names_only(name.split()) for name in links):
        return False
    rest = visible(line)
    for name in links:
        rest = rest.replace(name, " ", 1)
    return all(
        word.lower() in _BY_WORDS or word.lower() in _NAME_JOINS for word in rest.replace(",", " ").split()
    )


_LINKED_BYLINE_LINES = 3  # (WSJ: the time, then the byline; the heading is not counted)
_NAME_JOINS = frozenset({"and", "&", "und", "et", "y", "e", "i", "og", "och", "en"})


def signed_off(member: HtmlElement) -> list[HtmlElement]:
    """A byline signed at the post's end, as VnExpress signs its live posts: the last paragraph,
    set right, is two to four capitalised names in bold and nothing else ('<p class="Normal"
    style="text-align:right;"><strong>Lê Tân</strong></p>'). Right-aligned, as no paragraph of
    the post's own text is; never the post's only text, never inside a quote."""
    paragraphs = [p for p in member.iter("p") if visible(p) and next(p.iterancestors("table"), None) is None]
    last = paragraphs[-1] if paragraphs else None
    if last is None or not (
        _RIGHT.search(last.get("style") or "") or (last.get("align") or "").lower() == "right"
    ):
        return []
    line = visible(last)
    bold = [b for b in last if tag_of(b) in ("strong", "b")]
    words = line.split()
    if (
        len(bold) != 1
        or visible(bold[0]) != line
        or not 2 <= len(words) <= 4
        or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        or next(last.iterancestors(*_QUOTED), None) is not None
        or len(visible(member)) - len(line) < _SIGNED_REST
        or not _NOT_A_NAME.isdisjoint(w.lower() for w in words)  # ("Theo Reuters": according to Reuters)
        or not _no_title(words)
        or (len(paragraphs) > 1 and _quoted(visible(paragraphs[-2])))
    ):
        return []
    return [last]


_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
#: The markup a page must hold for :func:`signed_off` to look (a test over its bytes).
_RIGHT_MARKUP = re.compile(rb"align\s*[:=]\s*[\"']?right")  # (a literal start: a fast scan)


def right_set_markup(content: bytes) -> bool:
    """Whether a page's markup sets anything right ("text-align:right", "ALIGN=RIGHT"): whether
    :func:`signed_off` may find a signature."""
    return _RIGHT_MARKUP.search(content) is not None or (
        b"ALIGN" in content.upper() and _RIGHT_MARKUP.search(content.lower()) is not None
    )


_SIGNED_REST = 20  # what the post says besides its signature


def role_byline(
    member: HtmlElement, heading: HtmlElement | None, stamps: set[HtmlElement]
) -> list[HtmlElement]:
    """A byline that neither a class nor "By" marks: the post's first line under its heading and
    stamp, when it reads as names beside a journalist's role ("Oliver Wright, Policy Editor" in The Times'
    hashed classes) and the post says more after it. A name alone there may be a sentence's
    subject; a caption, a labelled line ("Watch: …"), a source's title ("editor of the Daily
    Echo", "analyst at Finalto") or a quote's attribution is no byline."""
    for child in member:
        if child is heading or child in stamps or not isinstance(child.tag, str):
            continue
        long = len(text_of(child)) > _BYLINE_MAX  # (most posts' first child past these is their text)
        if (heading is not None and heading in child.iter()) or any(el in stamps for el in child.iter()):
            continue
        if long or next(child.iter(*_MEDIA_TAGS), None) is not None:
            return []
        line = visible(child)
        if not line:
            continue
        is_one = (
            child.tag in ("div", "p", "span")
            and not line.endswith((".", "!", "?", ":"))
            and ":" not in line
            and _SOURCES_TITLE.search(line) is None
            and is_byline(line)
            and has_role(line)
            and next(child.iterancestors(*_QUOTED), None) is None
            # (an outlet beside the name is a source's affiliation: "Jane Doe, editor, The Spectator")
            and not any(name.split()[0] in _ARTICLES for name in line_names([line]))
        )
        after = (
            next((t for c in child.itersiblings() if isinstance(c.tag, str) and (t := visible(c))), "")
            if is_one
            else ""
        )
        return [child] if is_one and after[:1] not in ("", *_QUOTE_MARKS) else []
    return []


_ARTICLES = frozenset({"The", "La", "Le", "Les", "El", "Los", "Die", "Der", "Das", "Il", "Lo", "De", "Het"})
_MEDIA_TAGS = ("img", "picture", "figure", "video", "iframe", "svg", "audio")
_QUOTE_MARKS = ('"', "“", "”", "„", "«", "»", "‘", "'", "‹", "‚", "—", "–", "「")
# a role that goes on to say whose ("editor of the Daily Echo", "analyst at Finalto"): a source
_SOURCES_TITLE = re.compile(
    r"\b(?:of|at|for|with|de|del|der|des|di|du|chez|bei|von)\s+(?:(?:the|la|el|le|les|il|lo|die)\s+)?[A-Z]"
)


def names_in(bylines: list[HtmlElement]) -> list[str]:
    """The names the byline boxes give (see :mod:`livetail.extract.bylines`)."""
    # (a box named for the writer's description gives no name beside one that is not: ESPN's
    # "Byline__Meta" after its "Byline__Author"; alone, "author-meta" may be all there is)
    named = [box for box in bylines if not describes(box)] or bylines
    return line_names(line for box in named for line in box_lines(box, visible))
