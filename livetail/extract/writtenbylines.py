"""Bylines no class marks, for the heuristic strategy: a post's first or last line when it reads
"By Jane Doe" (or a line of linked names near its top), its first line under the heading and stamp
when it reads as names beside a journalist's role, and a sign-off ("— Nate Silver", "-ABC News'
Jon Haworth") closing its body. A quote's attribution and a source's title are none of these.
(Bylines a class marks are :mod:`livetail.extract.postlabels`'.)
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from livetail.extract.boxes import is_box
from livetail.extract.bylines import has_role, is_byline, is_outlet, line_names
from livetail.extract.calendarwords import MONTHS, WEEKDAYS
from livetail.extract.furniturewords import BYLINE_TOKENS, tokens
from livetail.extract.stamps import tag_of, text_of
from livetail.extract.stampwords import is_stamp
from livetail.extract.vietnamesewriters import joined_writers
from livetail.extract.visibletext import visible

__all__ = [
    "WRITTEN_BYLINE",
    "bracketed_sign_off",
    "leading_byline",
    "right_set_markup",
    "role_byline",
    "signed_off",
    "signs_off",
    "staff_sign_off",
    "written_byline",
]

_BYLINE_MAX = 80
_QUOTED = ("blockquote", "q", "figure", "figcaption", "cite")  # a quote's attribution is no byline


_BY_WORDS = frozenset({"by", "von", "par", "por", "door", "di", "av", "af", "przez"})
# a byline's label: "By", "Von", "Posted By :" (India Today), "Written by"
_BY_LABEL = re.compile(
    r"(?:(?:posted|written|reported)\s+)?(?:by|von|par|por|door|di|av|af|przez)(?:\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
# an element's text that starts so: one scan of the page spares every post its look
WRITTEN_BYLINE = re.compile(
    # ("By Jane", "<span>von</span> <a href=…>Florian", "By <a>Jane"; a sign-off, "— Nate Silver")
    rb">\s*(?:(?:[Pp]osted|[Ww]ritten|[Rr]eported)\s+)?(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Dd]i|[Aa][vf]|[Pp]rzez)"
    rb"(?:\s*:\s*|\s+|\s*</\w+>\s*)(?:<(?:a|span|strong|b)\b[^>]*>\s*)?[A-Z\xc3-\xc5]"
    rb"|>\s*(?:\xe2\x80\x94|\xe2\x80\x93|&mdash;|&ndash;)\s*[A-Z\xc3-\xc5]"
    rb"|>\s*-\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?:'|\xe2\x80\x99)s?\s+[A-Z]"  # ("-ABC News' Max Golembo")
)
# a sign-off: a dash, then the names, maybe with the outlet after a slash ("– Acor Arceo/Rappler.com"),
# or an editor's initials after it and the outlet after a comma ("—Joviland Rita/KBK, GMA Integrated News")
_SIGN_OFF = re.compile(
    r"[—–]\s*(?P<names>[^/]+?)\s*(?:/\s*(?P<after>[^\s,]+))?(?:,\s*(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}))?"
)
_INITIALS = re.compile(r"[A-Z]{2,5}")
_ACRONYM = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{2,6})?")  # ("AFP", "ABS-CBN")


def signs_off(line: str, before: str = "") -> bool:
    """Whether a post's last line is its writer's sign-off: "— Nate Silver", "– Acor
    Arceo/Rappler.com" (two to four capitalised names after a dash, and nothing else). Not after
    a quote (``before``, the line above: "“We shall fight on the beaches.” / — Winston Churchill"
    attributes it), and not a title or a place ("— Mayor Karen Bass", "— New York City")."""
    match = _SIGN_OFF.fullmatch(line.strip())
    signers = (
        _NAMES_SPLIT.split(match["names"].strip()) if match is not None and match["outlet"] is None else []
    )
    if len(signers) == 1 and signers[0] in _AGENCY_SIGN_OFFS:
        return True  # a news agency, one word or more, under anything: "— AAP", "— Agence France-Presse"
    # (several writers under reported words that end in a quote still sign: "…for their "sacrifice
    # and patience."" / "— Ma. Teresa Santos and Ramon Reyes"; under a quote of its own they attribute it)
    if _quoted(before) and (len(signers) < 2 or before.strip()[:1] in _QUOTE_CHARS):
        return staff_sign_off(line)
    outlet = OUTLET_SIGN_OFF.fullmatch(line.strip())
    if outlet is not None and is_outlet(outlet["outlet"]):  # "-ABC News' Jon Haworth and Julia Jacobo"
        return all(_a_name(name.split()) for name in _NAMES_SPLIT.split(outlet["names"]))
    # (an outlet after a comma only with an editor's initials: "— Keir Starmer, UK Prime Minister"
    # attributes a quote)
    return (
        match is not None
        # (two or three writers: "— Ma. Teresa Santos and Ramon Reyes", Philstar)
        and len(names := _NAMES_SPLIT.split(match["names"])) <= _SIGNERS_MAX
        and all(_a_name(name.split()) for name in names)
        and (match["outlet"] is None or staff_sign_off(line))
    )


_AGENCY_SIGN_OFFS = frozenset(
    {"Agence France-Presse", "Associated Press", "The Associated Press", "Reuters", "AFP", "AP", "dpa", "EFE",
     "ANSA", "Xinhua", "Kyodo", "Kyodo News", "Yonhap", "PTI", "Bernama", "Antara", "AAP", "Philippine News Agency"}
)  # fmt: skip


def staff_sign_off(line: str) -> bool:
    """Whether a line is a newsroom's sign-off, names, an editor's initials and the outlet
    ("—Joviland Rita/KBK, GMA Integrated News"): no quote's attribution reads so, even under one
    (a post ending with an embedded post, then its writer's sign-off)."""
    match = _SIGN_OFF.fullmatch(line.strip())
    return (
        match is not None
        and match["after"] is not None
        and _INITIALS.fullmatch(match["after"]) is not None
        and match["outlet"] is not None
        and is_outlet(match["outlet"])
        and (
            match["outlet"].split()[-1].lower() in _DESK_WORDS
            or _ACRONYM.fullmatch(match["outlet"]) is not None
        )
        and _a_name(match["names"].split())
    )


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


_SIGNERS_MAX = 3
_MA = "Ma."  # (María as Filipino papers shorten it: "Ma. Teresa Santos"; not "Dr." or "St.")


def _names_only(names: list[str]) -> bool:
    """Two to four capitalised names, none a day or a month."""
    return (
        2 <= len(names) <= 4
        and all(
            n[:1].isupper()
            and (n if at or n != _MA else "Ma").replace("-", "").replace("'", "").replace("’", "").isalpha()
            for at, n in enumerate(names)
        )
        and not any(n.lower().strip(".,") in MONTHS for n in names)
        and not any(
            n.lower().strip(".,") in WEEKDAYS and (at == 0 or n.lower() not in _SURNAME_WEEKDAYS)
            for at, n in enumerate(names)
        )
    )


# Weekdays that are surnames too, after a first name: "— Tomasz Piątek", "— Magdalena Środa"
_SURNAME_WEEKDAYS = frozenset({"piątek", "środa", "sobota", "niedziela", "pátek", "středa", "neděle"})


def written_byline(member: HtmlElement, heading: HtmlElement | None) -> list[HtmlElement]:
    """A byline with no class to say so: the post's first or last line, "By Jane Doe" or "Von
    Peter Münch" and nothing else (two to four capitalised names, no day or month), or a "By"
    line anywhere whose names are links. (Not an unlinked line under the heading: "By The
    Numbers" and "By Popular Demand" are subheadings.)"""
    lines = [c for c in member if tag_of(c) and c is not heading and visible(c)]
    if len(lines) < 2:
        return []
    # (the last line is the last before the share or ad boxes that may close a post)
    last = next((line for line in reversed(lines) if not is_box(line)), lines[-1])
    labels = [_BY_LABEL.match(visible(line)) for line in lines]
    by_lines = sum(1 for label in labels if label is not None)
    for n, candidate in enumerate(lines):
        label = labels[n]
        edge = candidate is lines[0] or candidate is last
        # (a linked "By" line near the top, the post's only one: not a reading list's credits)
        linked = n < _LINKED_BYLINE_LINES and by_lines == 1 and _linked_names(candidate)
        if (
            (
                (label is not None and ((edge and _names_by(visible(candidate), label)) or linked))
                or (candidate is last and n > 0 and signs_off(visible(candidate), visible(lines[n - 1])))
            )
            and next(candidate.iterancestors(*_QUOTED), None) is None
            and tag_of(candidate) not in _QUOTED
        ):
            return [candidate]
    return _signed_in_body(member) or _by_line_atop_body(member) or _by_leaf_in_meta(lines[0])


def _by_leaf_in_meta(first: HtmlElement) -> list[HtmlElement]:
    """A "By" leaf in the small box that opens a post beside its time ('<div class=meta><span>há
    5 minutos</span><span>Por: Luísa Macuácua</span></div>', O País): names and nothing else."""
    leaves = [c for c in first if tag_of(c)]
    if (
        not 2 <= len(leaves) <= _META_MAX
        or (first.text or "").strip()
        or any(len(c) for c in leaves)
        or tag_of(first) in _QUOTED
        or not any(is_stamp(visible(c)) for c in leaves)  # (beside the time: not a caption's credit)
    ):
        return []
    for leaf in leaves:
        line = visible(leaf)
        label = _BY_LABEL.match(line)
        if label is None or len(line) > _BYLINE_MAX or not is_byline(line):
            continue
        names = line_names([line])
        # (a person's name opens with no article: "By The Numbers" is a section's)
        if names and not any(name.split()[0] in _ARTICLES for name in names):
            return [leaf]
    return []


_ARTICLES = frozenset(
    {"The", "A", "An", "O", "Os", "As", "El", "La", "Los", "Las", "Le", "Les", "Der", "Die", "Das"}
)


_META_MAX = 4


def _names_by(line: str, label: re.Match[str]) -> bool:
    """The names after a byline's label: two to four capitalised words, and after "Posted",
    "Written" or "Reported by", a person's ("Reported by Associated Press" credits an agency,
    "Reported by Sky News" a channel, "Posted by CNN Staff" a desk)."""
    names = line[label.end() :].split()
    if label.group().split()[0].lower() not in ("posted", "written", "reported"):
        return _names_only(names)
    return _a_name(names) and not _outlet_like(names)


def _outlet_like(names: list[str]) -> bool:
    """An outlet's credit: an acronym of three letters or more ("BBC Verify", "NDTV Sports"), one
    before a desk's or an outlet's word ("PA Media", "CNN Staff"), or an outlet's possessive
    ("CNN's Kylie Atwood", "ABC News' Max Golembo"); not initials ("MJ Lee") or a surname in
    capitals ("Jean DUPONT")."""
    if any(n.endswith(("'s", "’s", "'", "’")) for n in names):
        return True
    if len(names) < 2 or not names[0].isupper():
        return False
    # (an acronym beside words in lower case, "BBC Verify"; not a name in capitals, "JANE SMITH")
    acronym = len(names[0]) >= 3 and not all(n.isupper() for n in names[1:])
    return acronym or not _DESK_WORDS.isdisjoint(n.lower() for n in names[1:])


_DESK_WORDS = frozenset(
    {"sport", "sports", "staff", "desk", "news", "online", "team", "bureau", "digital", "web", "media", "press", "agency",
     "wire", "photo", "photos", "video", "graphics"}
)  # fmt: skip


def _by_line_atop_body(member: HtmlElement) -> list[HtmlElement]:
    """The body's first paragraph when it opens the post's words, is its one "By" line and says
    so plainly: a label with a colon ("Por: Rafael López", Milenio), names that link to the
    writers' pages, or a class that names a byline. A capitalised "By …" line alone may be a
    subheading ("By Popular Demand", "Von Der Leyen Speaks"); one in a caption, a card, a list, a
    table or a quote credits someone else."""
    lines = [
        (p, text)
        for p in member.iter("p")
        if (text := visible(p)) and next(p.iterancestors(*_ASIDE), None) is None
    ]
    labels = [_BY_LABEL.match(text) for _, text in lines]
    if len(lines) < 2 or sum(1 for label in labels if label is not None) != 1:
        return []
    (first, text), label = lines[0], labels[0]
    if label is None or len(text) > _BYLINE_MAX or _credit_box(first):
        return []
    names = text[label.end() :].split()
    if not _a_name(names) or names[0].lower() in ("the", "a", "an") or _words_before(member, first):
        return []
    said_so = ":" in label.group() or _linked_names(first) or not BYLINE_TOKENS.isdisjoint(tokens(first))
    return [first] if said_so else []


# (what holds a line that credits someone other than the post's writer)
_ASIDE = ("a", "figure", "figcaption", "table", "li", "blockquote", "q", "cite")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _credit_box(line: HtmlElement) -> bool:
    """Whether a line stands in a caption or a credit: its class or its box's says so, as
    WordPress' "wp-caption-text" does."""
    parent = line.getparent()
    words = tokens(line) | (tokens(parent) if parent is not None else frozenset())
    return not _CREDIT_WORDS.isdisjoint(words)


_CREDIT_WORDS = frozenset({"caption", "credit", "credits", "photo"})


def _words_before(member: HtmlElement, line: HtmlElement) -> bool:
    """Whether words of the post's own come before ``line``: a heading, a stamp or a label may."""
    for el in member.iter():
        if el is line:
            return False
        if tag_of(el) in _HEADING_TAGS or not (el.text or "").strip():
            continue
        if next(el.iterancestors(*_HEADING_TAGS), None) is None and len(visible(el)) > _LABEL_MAX:
            return True
    return False


_LABEL_MAX = 20  # a stamp's or a label's length, past which a line is the post's own words


def _signed_in_body(member: HtmlElement) -> list[HtmlElement]:
    """The body's last paragraph when it signs the post off ("<div class=body>…<p>-ABC News' Max
    Golembo</p></div>", ABC News), after some text of the post's own: not inside or right after
    a quote (which it attributes), and not a link (a list's item)."""
    paragraphs = [p for p in member.iter("p") if visible(p)]
    if len(paragraphs) < 2:
        return []
    last = paragraphs[-1]
    previous = next((e for e in last.itersiblings(preceding=True) if tag_of(e)), None)
    line = visible(last)
    if (
        next(last.iterancestors(*_QUOTED), None) is not None
        or (
            previous is not None
            and (tag_of(previous) in _QUOTED or next(previous.iter(*_QUOTED), None) is not None)
            and not staff_sign_off(line)
        )
        or next(last.iter("a"), None) is not None
        or not signs_off(line, visible(previous if previous is not None else paragraphs[-2]))
    ):
        return []
    return [last]


def leading_byline(lines: list[HtmlElement]) -> HtmlElement | None:
    """The "By" line that opens a post told apart by its stamp alone (its lines, past its heading,
    are the page's, with no wrapper of their own: CalMatters' '<p class="live-update-byline">By
    <a>Owen Pritchard</a></p>'), when it is the post's only one and its names are links to the
    writers' pages or its class names it a byline ("By The Numbers" is a subheading)."""
    if not lines or sum(1 for line in lines if _BY_LABEL.match(visible(line))) != 1:
        return None  # (credits under a round-up's links, one per story, name no writer of the post)
    line = lines[0]
    text = visible(line)
    label = _BY_LABEL.match(text)
    if (
        label is not None
        and len(text) <= _BYLINE_MAX
        and _names_by(text, label)
        and (_linked_names(line) or not BYLINE_TOKENS.isdisjoint(tokens(line)))
        and tag_of(line) not in _QUOTED
    ):
        return line
    return None


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
    signers = joined_writers(line) or [line]  # (two writers: "Gia Chính - Minh Cương")
    words = line.split()
    if (
        len(bold) != 1
        or visible(bold[0]) != line
        or not all(2 <= len(signer.split()) <= 4 for signer in signers)
        or not all(
            w[:1].isupper() and w.replace("-", "").isalpha() for w in words if w != "-" or len(signers) == 1
        )
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


def bracketed_sign_off(markup: str) -> tuple[str, str] | None:
    """A Japanese paper's sign-off closing the post's last sentence, "…更新した。【山田太郎】"
    (Mainichi): the markup without it and the name. A name of three to six kanji, or katakana
    names joined by "・", after a full stop at the very end of a Japanese text (kana in it: a
    Chinese page's closing 【央视新闻】 credits a broadcaster); never a tag word, a credit or
    a note ("【速報】", "【共同】", "【随時更新】")."""
    if "【" not in markup:
        return None
    match = _BRACKETED_SIGN_OFF.search(markup)
    if match is None or _HIRAGANA.search(markup) is None:
        return None
    name = match["name"]
    if name in _BRACKET_CREDITS or name.endswith(_BRACKET_TAG_ENDS):
        return None
    return markup[: match.start("sign")] + markup[match.end("sign") :], name


_BRACKETED_SIGN_OFF = re.compile(
    r"。\s*(?P<sign>【(?P<name>[\u4e00-\u9fff々]{3,6}|[\u30a1-\u30fa\u30fc]{2,12}(?:・[\u30a1-\u30fa\u30fc]{2,12})+)】)"
    r"\s*(?:</[a-z][a-z0-9]*>\s*)*\Z"
)
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_BRACKET_CREDITS = frozenset({"共同", "時事", "共同通信", "時事通信", "新華社", "聯合"})
_BRACKET_TAG_ENDS = (
    "速報", "動画", "写真", "詳報", "独自", "更新", "図解", "解説", "続報", "追記", "訂正", "号外", "関連", "映像", "地図",
    "特集", "記事", "中継", "会見", "全文", "一覧", "まとめ", "中", "部", "新聞", "通信", "社", "局", "答", "版", "省", "庁",
    "県", "区", "町", "村", "班", "団",
)  # fmt: skip
