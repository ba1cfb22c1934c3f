"""The names a byline gives: "By" dropped, several names split ("Jane Doe, Tom Evans and Ann
Lee"), and what stands beside a name cut: a place ("in Kyiv", "| Berlin"), a handle, and a role
("Jane Doe, Political editor", "Jane Doe Chief political correspondent", "Europe editor Katya
Adler"). Shared by the heuristic strategy and the structured strategies' DOM cross-check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from livetail.extract.build import clean_line
from livetail.extract.furniturewords import camel_words, tokens
from livetail.extract.stampwords import is_stamp
from livetail.extract.vietnamesewriters import joined_writers

__all__ = [
    "NAME_END",
    "ROLE_MARKUP",
    "box_lines",
    "box_names",
    "desk_credit",
    "has_role",
    "is_byline",
    "line_names",
    "written_by",
]

Element = etree._Element
TextOf = Callable[[Element], str]

#: A byline's full stop that ends a name, not a sentence: "Cleve R. Wootson Jr.", "E. J. Dionne", "Jane Doe M.D."
NAME_END = re.compile(r"(?:\b(?:Jr|Sr|St|Dr|M\.D|Ph\.D)|\b[A-Z])\.$")
_BY = re.compile(
    r"^(?:(?:(?:posted|written|reported|words|story)\s+)?by|von|par|por|door|di|av|af|przez|oprac\.|opr\.)(?:\s*:\s*|\s+|$)"
    # ("Oprac. Marta Wiśniewska": Polish "compiled by", RMF24)
    # a label before the names: "Penulis: Singgih Wiryono" (Kompas), "Author: …", "Texto: …"
    r"|^(?:penulis|reporter|report|authors?(?:\s+of\s+(?:the\s+)?(?:article|story|post))?|autor(?:in|en|zy|ka|es)?|auteurs?"
    r"|autor[ei]|text|texto|texte|testo|tekst|текст|автор|автори|muhabir|muxbir(?:lar)?|ผู้เขียน|รายงานโดย|بقلم|كتب|إعداد|خبرنگار|نویسنده|रिपोर्ट|लेखक|संवाददाता)"
    r"\s*:\s*"  # ("Author of the article:", Postmedia; Thai, Arabic, Persian and Hindi writers' labels)
    # a Chinese reporter's role before the name and the place after it: "記者王峻祺／花蓮報導",
    # "澎湃新闻记者 刘晓"
    # (an outlet or a kind of reporter may come first, "本报记者张三", "特派记者张三"; a name must
    # follow: not "山田太郎記者", a name glued before the role, nor "記者会見で…", a press conference)
    r"|^\S{0,8}?(?:記者|记者)(?:[\s:：]+|(?=[\u4e00-\u9fff]{2,4}(?:$|[\s／/])))",
    re.IGNORECASE,
)
_REPORTING_BY = re.compile(r"^(?:with\s+)?(?:additional\s+)?reporting\s+by\s+", re.IGNORECASE)
# "Jane Doe, Tom Evans and Ann Lee", "Jane Doe | Berlin", "Jane Doe in Kyiv", "Jane Doe (BBC Verify)"
_COMMA_SPLIT = re.compile(r"\s*[,;]\s*")
# Korean papers join a shared byline's names with a middle dot: "김민정·박준호 기자" (and nothing
# else: "김민정 기자 · 사진 박준호 기자" credits a photographer, "김민정 기자·연합뉴스" an agency)
_HANGUL_NAMES = re.compile(r"[\uac00-\ud7a3]{2,4}(?:\s*·\s*[\uac00-\ud7a3]{2,4})+(?:\s*기자)?")
# ("Jane Doe with Tom Evans" is two authors; "with dpa" is a tail, below)
_AND_SPLIT = re.compile(r"\s*(?:&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bwith(?=\s+[A-Z]))\s*")
_OTHER_AND = re.compile(r"\s+(?:en|og|och|ja|és|oraz|i)\s+")


def _and_split(segment: str) -> list[str]:
    """``_AND_SPLIT``'s parts, each split again on another language's "and" only between two full
    names ("Tine Peeters en Bart Claes"; not "rédacteur en chef", "correspondant en Israël",
    Catalan "Puig i Ferrer")."""
    out: list[str] = []
    for part in _AND_SPLIT.split(segment):
        pieces = _OTHER_AND.split(part)
        if len(pieces) > 1 and all(_names([w for w in p.split() if w not in _PARTICLES]) for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


# (and a second source after a name, "with dpa", "avec l'AFP", "/Rappler.com", or an editor's
# initials, "Joviland Rita/KBK")
_NAME_TAIL = re.compile(
    r"\s*(?:\||·|•|–|—|\s-\s|\(|\b(?:in|em)\s+[A-ZÀ-Ý]|/\S*\.[a-z]{2,}\b|(?<=[a-zà-ÿ])/[A-Z]{2,5}\b|\s(?:with|mit|avec|con|com|met)\s+[a-zà-ÿ]"
    r"|\s+Reporting\s+from\s)"  # (NYT: "Mitch Smith" + "Reporting from Chicago")
    r".*$"
)
# a part that is only a second source: "Avec notre correspondante à Nouméa", "with reporting from Paris",
# "com Reuters", "con EFE"; or only a place: "em São Paulo", "in Kyiv" (not "de": "de Gaulle" is a name)
_SOURCE_ONLY = re.compile(r"(?i:with|avec|mit|con|com|met)\s+[a-zà-ÿ]|(?:com|con|em|in)\s+[A-ZÀ-Ý]")

# What a journalist is, in the languages whose bylines print it beside the name. (Not "staff",
# "desk" or "team": "Reuters staff" and "Guardian staff" are whole bylines.)
_ROLE_NOUNS = frozenset(
    {
        "editor", "editors", "correspondent", "correspondents", "reporter", "reporters", "writer", "journalist",
        "producer", "columnist", "analyst", "presenter", "anchor", "photographer", "photojournalist",
        "commentator", "critic", "intern", "researcher", "contributor",
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "reporterin",
        "redaktion", "journaliste", "correspondant", "correspondante", "rédacteur", "rédactrice",
        "envoyé", "envoyée", "periodista", "corresponsal", "redactor", "redactora", "enviado", "enviada",
        "giornalista", "inviato", "inviata", "corrispondente", "redattore", "redattrice", "verslaggever",
        "redacteur", "correspondente", "repórter", "jornalista",
    }
)  # fmt: skip
#: A journalist's role anywhere in a page's markup: one scan spares every post its look for a
#: byline that only a role marks (see postlabels.role_byline).
ROLE_MARKUP = re.compile(
    b"|".join(re.escape(noun.encode()) for noun in sorted(_ROLE_NOUNS, key=len, reverse=True)), re.IGNORECASE
)
# Words that open a role before its noun ("Chief political correspondent", "Senior Europe editor").
_ROLE_OPENERS = frozenset(
    {
        "chief", "senior", "deputy", "associate", "executive", "managing", "assistant", "contributing",
        "political", "politics", "business", "economics", "sports", "sport", "health", "science",
        "technology", "foreign", "international", "diplomatic", "defence", "defense", "security", "home",
        "news", "live", "digital", "global", "world", "royal", "legal", "culture", "arts", "environment",
        "climate", "education", "data", "investigations", "investigative", "special", "weather", "media",
        "north", "south", "east", "west", "europe", "africa", "asia", "us", "uk", "middle", "correspondent",
        "america", "americas", "latin", "pacific",
        "leitender", "leitende", "stellvertretender", "chef", "grand", "reporter",
        # desks of two words or more ("Home Affairs Editor", "Energy Policy correspondent")
        "affairs", "policy", "economy", "economic", "energy", "transport", "crime", "city", "markets",
        "finance", "financial", "social", "national", "regional", "breaking", "parliamentary", "industry",
        "consumer",
    }
)  # fmt: skip


def box_names(box: Element, text: TextOf) -> list[str]:
    """The names a byline box gives (``text`` reads an element's words, spaced)."""
    return line_names(box_lines(box, text))


def line_names(lines: Iterable[str]) -> list[str]:
    """The names in byline lines, each once, in order. A lone word set off by a comma beside a
    full name in the same line is a place or an outlet, not a second author ("Jan Novák,
    Ostrava"); a line of one word is a name ("Madonna")."""
    names: list[str] = []
    for line in lines:
        if _colon_label_before_words(line):
            continue
        found: list[tuple[str, bool]] = []  # (name, a lone word set off by a comma)
        for at, segment in enumerate(_COMMA_SPLIT.split(_BY.sub("", _lead(line)))):
            parts = _and_split(segment)
            for part in parts:
                part = _REPORTING_BY.sub("", part.strip())  # ("…, with additional reporting by Tom Evans")
                if _SOURCE_ONLY.match(part):
                    continue
                name = _CJK_ROLE.sub(
                    "", _without_role(_NAME_TAIL.sub("", _CJK_DATELINE.sub("", part)).strip())
                )
                if (
                    name
                    and _no_digits_but_a_stations(name)
                    and not name.startswith("@")
                    and _short(name)
                    and _DESK_CREDIT.fullmatch(name) is None
                ):
                    # (or an outlet: "Por Ana Souza, TV Globo", "By Jane Doe, BBC News")
                    found.append(
                        (name, len(parts) == 1 and (" " not in name or (at > 0 and _outlet_name(name))))
                    )
        full = any(" " in name for name, _ in found)
        names.extend(name for name, lone in found if not (lone and full))
    return list(dict.fromkeys(names))


# A newsroom's credit, no one's name: Portuguese "Do UOL", "Da Redação", "Colaboração para o UOL"
_DESK_CREDIT = re.compile(
    r"(?:D[oa]s?\s+(?:[A-Z][A-Z0-9]+|[Rr]eda[çc][ãa]o)|Colabora[çc][ãa]o\s+para\s+[oa]\s+\S+(?:\s+\S+){0,3})",
)


def desk_credit(line: str) -> bool:
    """Whether a byline line credits a newsroom, not a person ("Do UOL, em São Paulo")."""
    return _DESK_CREDIT.fullmatch(_COMMA_SPLIT.split(clean_line(line))[0]) is not None


def _no_digits_but_a_stations(name: str) -> bool:
    """No figure in a name, but a station's number in its desk's credit ("News 6 staff", "FOX 35
    Staff", "KARE 11 staff", "Denver7 Staff"): a whole word of digits, or digits closing a word,
    before an outlet's word last."""
    if not any(c.isdigit() for c in name):
        return True
    words = name.split()
    return words[-1].capitalize() in _OUTLET_WORDS and all(
        w.isdigit() or not any(c.isdigit() for c in w.rstrip("0123456789")) for w in words
    )


def _outlet_name(name: str) -> bool:
    """A broadcaster's or a paper's name: an acronym among its words ("TV Globo", "BBC News") or
    an outlet's word last ("Associated Press", "Sky News")."""
    words = name.split()
    return words[-1] in _OUTLET_WORDS or any(2 <= len(w) <= 5 and w.isalpha() and w.isupper() for w in words)


_OUTLET_WORDS = frozenset(
    # ("Staff" after a name: "Danny McDonald, Globe Staff"; alone it is the byline, "Reuters Staff")
    {"News", "Press", "Times", "Post", "Radio", "Television", "Agency", "Media", "Herald", "Staff"}
)


# where a Chinese reporter files from, after the name: "王峻祺／花蓮報導", "刘晓/北京报道"
_CJK_DATELINE = re.compile(r"\s*[／/]\s*\S{1,8}?(?:報導|报道)$")
# A role after a Korean, Japanese or Chinese name, a word of its own ("김민서 기자", "山田太郎 記者"):
# the name is before it. (Not part of a longer role: "대기자", "사진기자" stay whole.)
_CJK_ROLE = re.compile(
    r"(?<=\S)\s+(?:선임기자|수석기자|기자|특파원|논설위원|記者|记者|特派員|特派员|編集委員)$"
)


def _lead(line: str) -> str:
    """The line without the dash a sign-off starts with ("– Acor Arceo/Rappler.com"), and
    without the outlet such a sign-off or a "From" line may name first ("-ABC News' Max
    Golembo", "From CNN's Kaanita Iyer")."""
    line = clean_line(line)
    if _HANGUL_NAMES.fullmatch(line) is not None:
        return line.replace("·", ", ")
    writers = joined_writers(line)
    if writers is not None:
        return ", ".join(writers)  # (VnExpress joins two writers so: "Gia Chính - Minh Cương")
    lead = line.lstrip("–—-|·• ")
    outlet_first = _ARABIC_OUTLET_FIRST.fullmatch(lead)
    if outlet_first is not None:
        return outlet_first["rest"]  # ("هسبريس - ياسين بنعلي": the outlet, then its reporter or agency)
    from_outlet = lead.startswith("From ")  # CNN: "From CNN's Kaanita Iyer and Alayna Treene"
    if line[:1] in "–—-" or from_outlet:
        outlet = _OUTLET_FIRST.match(lead, 5 if from_outlet else 0)
        if outlet is not None and is_outlet(outlet["outlet"]):
            return lead[outlet.end() :]
    return lead


# One Arabic word, a dash, then the credit: an outlet before its reporter, as Hespress prints it
# (an Arabic byline names a person in two words or more)
_ARABIC_OUTLET_FIRST = re.compile(r"[\u0621-\u064a]+\s[-–—]\s(?P<rest>\S.*)")
_OUTLET_FIRST = re.compile(r"(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+(?=[A-Z])")


def is_outlet(words: str) -> bool:
    """Whether a possessive before a sign-off's names is an outlet's: one of its words is an
    acronym ("ABC News'", "CNN's"), as no first name or weekday is ("Harris'", "Saturday's")."""
    return any(sum(1 for c in word if c.isupper()) >= 2 for word in words.split())


def is_byline(line: str) -> bool:
    """Whether a short line says only who wrote the post: names (capitalised words), each maybe
    with a role, a place or "By" ("By Jane Doe", "Ross Lydall Transport editor", "Jane Doe and
    Tom Evans"); not a sentence ("Explosions heard in central Kyiv")."""
    parts = [
        _NAME_TAIL.sub("", part).strip()
        for segment in _COMMA_SPLIT.split(_BY.sub("", _lead(line)))
        for part in _and_split(segment)
    ]
    names = [name for name in map(_without_role, parts) if name]
    full = [_names(name.split()) or _one_name(name) for name in names]
    # (a lone capitalised word beside a full name is a place or an outlet: "…, Amsterdam")
    return any(full) and all(
        ok or (" " not in n and _capital(n[:1])) for ok, n in zip(full, names, strict=True)
    )


def written_by(line: str) -> bool:
    """Whether a line starts as a byline does, "By", "Von", "Posted by" or a label such as
    "Penulis:", and a name follows."""
    match = _BY.match(line)
    return (
        match is not None
        and line[match.end() : match.end() + 1].isalpha()
        and not _colon_label_before_words(line)
    )


def _colon_label_before_words(line: str) -> bool:
    """A colon label ("Reporter:", "Text:") that starts a sentence, not names: "Reporter: So you
    knew about the payments", "Text: the ministry's statement follows"."""
    lead = _lead(line)
    label = _BY.match(lead)
    if label is None or not label.group().rstrip().endswith(":") or is_byline(line):
        return False
    # ("By: Reuters", "By: AP": an agency's one word after "By:" credits it)
    rest = lead[label.end() :].split()
    return not (label.group().lower().startswith("by") and len(rest) == 1 and rest[0][:1].isupper())


def _short(name: str) -> bool:
    """At most five long words besides particles and initials ("Luiz Inácio Lula da Silva",
    "María José García López"): longer is a sentence."""
    return sum(1 for w in name.split() if len(w.strip(".")) > 2 and w not in _PARTICLES) <= 5


def has_role(line: str) -> bool:
    """Whether a byline line prints a role beside a name ("Ross Lydall Transport editor")."""
    return any(
        _without_role(part.strip()) != part.strip()
        for segment in _COMMA_SPLIT.split(_BY.sub("", _lead(line)))
        for part in _and_split(segment)
    )


def _one_name(name: str) -> bool:
    """A name as bylines print it with initials or a suffix: "Cleve R. Wootson Jr."."""
    words = name.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w in _PARTICLES for w in words)


_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "du", "da", "dos", "del", "di", "bin", "al", "ter"}
)


def _without_role(part: str) -> str:
    """The name in a part that may hold a role beside it ("Jane Doe Political editor" → "Jane
    Doe", "Europe editor Katya Adler" → "Katya Adler"); "" when the part is a role only. A role
    ends in its noun or in small words after it ("envoyée spéciale"), or goes on with "at",
    "for", "in" ("Correspondent for Europe"); a noun inside a name is no role ("Ruth Anchor Smith")."""
    words = part.split()
    nouns = [
        i
        for i, w in enumerate(words)
        if _role_noun(w.lower().strip(".,:"))
        and (
            words[i + 1 :] == [w for w in words[i + 1 :] if w[:1].islower()]  # "envoyée spéciale"
            or words[i + 1].lower() in _ROLE_LINKS
            or _names(words[i + 1 :])
            or _linked_after_adjectives(words, i + 1)  # "enviada especial a Cúcuta"
        )
    ]
    if not nouns:
        return part
    after = words[nouns[-1] + 1 :]
    if _names(after):
        return " ".join(after)  # the role leads: "Political editor Jane Doe"
    # The role follows the name: it opens at its noun, with the word right before it
    # ("Westminster correspondent") while two words stay a name, and any opener before that.
    start = nouns[0]
    if start > 2:
        start -= 1
    while start > 0 and words[start - 1].lower() in _ROLE_OPENERS:
        start -= 1  # ("Deputy political editor" is a role alone)
    return " ".join(words[:start]) if start >= 2 else ""


def _linked_after_adjectives(words: list[str], at: int) -> bool:
    """Whether the words from ``at`` are a special envoy's adjective, then a role's link ("enviada
    especial a Cúcuta", "envoyé spécial à Kyiv"): a role that goes on to a place. (Not any words:
    "writer living in Kharkiv" introduces a source.)"""
    return (
        at + 1 < len(words)
        and words[at].lower() in _ENVOY_ADJECTIVES
        and words[at + 1].lower() in (*_ROLE_LINKS, "à", "em", "no", "na")
    )


_ENVOY_ADJECTIVES = frozenset(
    {"especial", "especiales", "spécial", "spéciale", "speciale", "special", "permanent"}
)


def _role_noun(word: str) -> bool:
    """A role's noun, or a compound ending in one (Swedish "Utrikesreporter", German
    "Chefkorrespondentin")."""
    return word in _ROLE_NOUNS or (len(word) > 9 and word.endswith(_COMPOUND_ENDS))


_COMPOUND_ENDS = ("reporter", "reporterin", "korrespondent", "korrespondentin", "redakteur", "redakteurin",
                  "redaktör", "journalist", "journalistin", "kommentator")  # fmt: skip


def _names(words: list[str]) -> bool:
    """Two to four capitalised words (or words of a script without capitals: Thai, Arabic,
    Devanagari): a name after a leading role."""
    return 2 <= len(words) <= 4 and all(_capital(w[:1]) for w in words)


def _capital(first: str) -> bool:
    return first.isupper() or (first.isalpha() and not first.islower())


_ROLE_LINKS = frozenset(
    {"at", "for", "of", "in", "bei", "für", "de", "du", "chez", "di", "del", "en", "a", "à", "au", "aux"}
)


def box_lines(box: Element, text: TextOf) -> list[str]:
    """The box's text, or each of its children's when its children stand apart with nothing but
    separators between them and none may be part of a name split over elements: "<a
    class=author>Anna Hargreaves</a><a class=author>Ben Okafor</a>" runs together as "Anna
    Hargreaves Ben Okafor", "<span>Jane Doe</span><span>Political editor</span>" as "Jane Doe
    Political editor". Two spans "Jane" and "Doe" are one name; a time stamp says no name, nor a
    child named for the writer's description ('<p class="…contributor-description">BBC News</p>')."""
    children = [c for c in box if isinstance(c.tag, str) and text(c)]
    # (a link is the name's own: "<a class=author-bio-link>Jane Doe</a>" links to the writer's page)
    inner = _innermost(box, children, text)
    described = [c for c in inner if describes(c)]
    if described and len(described) < len(inner):
        return [", ".join(text(c) for c in inner if c not in described)]
    marked = _named_children(inner)
    if marked:
        return [", ".join(text(c) for c in marked)]
    loose = [box.text, *(c.tail for c in box)]
    if len(children) < 2 or not all(
        not (t or "").strip(" ,&|/·•\n\t") or (t or "").strip() == "and" for t in loose
    ):
        return [text(box)]
    lines = [text(c) for c in children]
    named = [line for line in lines if not is_stamp(line)]
    # (beside a full name, a child of one word is a place or an outlet of its own: "Washington")
    full = any(len(_BY.sub("", line).split()) >= 2 and not line[:1].islower() for line in named)
    if all(_whole(c, line) or (full and " " not in line) for c, line in zip(children, lines, strict=True)):
        return [", ".join(named)]  # (one line: a place beside the name is judged as after a comma)
    return [text(box)] if len(named) == len(lines) else [" ".join(named)]


_DESCRIPTION_WORDS = frozenset(
    {"description", "desc", "bio", "jobtitle", "job", "position", "role", "meta", "org", "affiliation"}
)


def describes(box: Element) -> bool:
    """Whether a byline box's class names it the writer's description ("Byline__Meta": "ESPN
    Senior NBA Insider"), which is furniture beside a name but no name."""
    return box.tag != "a" and not _DESCRIPTION_WORDS.isdisjoint(tokens(box) | camel_words(box))


def _innermost(box: Element, children: list[Element], text: TextOf) -> list[Element]:
    """The children of the innermost box that holds all of ``box``'s text (a byline's wrappers)."""
    while len(children) == 1 and not (box.text or "").strip() and not (children[0].tail or "").strip():
        box = children[0]
        children = [c for c in box if isinstance(c.tag, str) and text(c)]
    return children


def _named_children(children: list[Element]) -> list[Element]:
    """The children a byline box's classes name as its names, where the others' classes name
    something else: "<span class=authorName>Mark Chen</span><span class=authorOrg>CBC News</span>"
    (CBC), "<span class=Byline__Author>…</span><span class=Byline__Meta>ESPN Insider</span>"."""
    words = [tokens(c) | camel_words(c) for c in children]
    for mark in _NAME_WORDS:
        named = [c for c, w in zip(children, words, strict=True) if mark in w]
        others = [(c, w) for c, w in zip(children, words, strict=True) if c not in named]
        # (a link beside the name is a co-author's as often: "<a class=byline-link>Tom Evans</a>")
        if named and others and all(_not_a_name(c, w) for c, w in others):
            return named
    return []


_NAME_WORDS = ("name", "author")


def _not_a_name(child: Element, words: frozenset[str]) -> bool:
    """A byline box's child named for something else than a writer, and not a link."""
    return bool(words) and words.isdisjoint(_WRITER_WORDS) and child.tag != "a" and child.find(".//a") is None


_WRITER_WORDS = frozenset(
    {"author", "authors", "byline", "coauthor", "coauthors", "contributor", "writer", "creator"}
)


def _whole(child: Element, line: str) -> bool:
    """Whether a byline box's child stands on its own, not part of a name split over elements
    ("Jane" / "Doe"): a full name of two capitalised words or more, a name in a script without
    capitals in a link or an author's box, a role, a place ("in Kyiv"), a stamp, "and Tom Evans"."""
    if is_stamp(line) or line[:1].islower() or _without_role(line) != line:
        return True
    words = _BY.sub("", line).split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words if len(w) > 3):
        return True
    caseless = not any(c.isupper() or c.islower() for c in line)  # "李明", "محمد علي"
    return caseless and (child.tag == "a" or not _AUTHOR_WORDS.isdisjoint(tokens(child)))


_AUTHOR_WORDS = frozenset({"author", "authors", "contributor", "byline", "person", "name"})
