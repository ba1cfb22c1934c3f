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
from livetail.extract.stampwords import is_stamp

__all__ = ["box_lines", "box_names", "line_names"]

Element = etree._Element
TextOf = Callable[[Element], str]

_BY = re.compile(r"^(?:by|von|par|por|door|di|av|af|przez)\s+", re.IGNORECASE)
# "Jane Doe, Tom Evans and Ann Lee", "Jane Doe | Berlin", "Jane Doe in Kyiv", "Jane Doe (BBC Verify)"
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_NAME_TAIL = re.compile(r"\s*(?:\||·|•|–|—|\s-\s|\(|\bin\s+[A-Z]).*$")

# What a journalist is, in the languages whose bylines print it beside the name. A part holding
# one of these is a role, not a name.
_ROLE_NOUNS = frozenset(
    {
        "editor", "editors", "correspondent", "correspondents", "reporter", "reporters", "writer", "journalist",
        "producer", "columnist", "analyst", "presenter", "anchor", "photographer", "photojournalist",
        "commentator", "critic", "intern", "researcher", "contributor", "staff", "desk", "team", "bureau",
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "reporterin", "autor", "autorin",
        "redaktion", "journaliste", "correspondant", "correspondante", "rédacteur", "rédactrice",
        "envoyé", "envoyée", "periodista", "corresponsal", "redactor", "redactora", "enviado", "enviada",
        "giornalista", "inviato", "inviata", "corrispondente", "redattore", "redattrice", "verslaggever",
        "redacteur", "correspondente", "repórter", "jornalista",
    }
)  # fmt: skip
# Words that open a role before its noun ("Chief political correspondent", "Senior Europe editor").
_ROLE_OPENERS = frozenset(
    {
        "chief", "senior", "deputy", "associate", "executive", "managing", "assistant", "contributing",
        "political", "politics", "business", "economics", "sports", "sport", "health", "science",
        "technology", "foreign", "international", "diplomatic", "defence", "defense", "security", "home",
        "news", "live", "digital", "global", "world", "royal", "legal", "culture", "arts", "environment",
        "climate", "education", "data", "investigations", "investigative", "special", "weather", "media",
        "north", "south", "east", "west", "europe", "africa", "asia", "us", "uk", "middle", "correspondent",
        "leitender", "leitende", "stellvertretender", "chef", "grand", "reporter",
    }
)  # fmt: skip


def box_names(box: Element, text: TextOf) -> list[str]:
    """The names a byline box gives (``text`` reads an element's words, spaced)."""
    return line_names(box_lines(box, text))


def line_names(lines: Iterable[str]) -> list[str]:
    """The names in byline lines, each once, in order."""
    names: list[str] = []
    for line in lines:
        for part in _NAME_SPLIT.split(_BY.sub("", clean_line(line))):
            name = _without_role(_NAME_TAIL.sub("", part).strip())
            if (
                name
                and not any(c.isdigit() for c in name)
                and not name.startswith("@")
                and not name[:1].islower()
                and name not in names
            ):
                names.append(name)
    return names


def _without_role(part: str) -> str:
    """The name in a part that may hold a role beside it ("Jane Doe Political editor" → "Jane
    Doe", "Europe editor Katya Adler" → "Katya Adler"); "" when the part is a role only."""
    words = part.split()
    nouns = [i for i, w in enumerate(words) if w.lower().strip(".,:") in _ROLE_NOUNS]
    if not nouns:
        return part
    after = words[nouns[-1] + 1 :]
    if len(after) >= 2 and all(w[:1].isupper() for w in after):
        return " ".join(after)  # the role leads: "Political editor Jane Doe"
    # The role follows the name: it opens at its noun, with the word right before it
    # ("Westminster correspondent") and any opener before that, while two words stay a name.
    start = nouns[0]
    if start > 2:
        start -= 1
    while start > 2 and words[start - 1].lower() in _ROLE_OPENERS:
        start -= 1
    return " ".join(words[:start]) if start >= 2 else ""


def box_lines(box: Element, text: TextOf) -> list[str]:
    """The box's text, or each of its children's when its children stand apart with nothing but
    separators between them and one of them is an author's full name: "<a class=author>Anna
    Hargreaves</a><a class=author>Ben Okafor</a>" runs together as "Anna Hargreaves Ben Okafor",
    "<span>Jane Doe</span><span>Political editor</span>" as "Jane Doe Political editor". Two
    spans "Jane" and "Doe" are one name; a child that is a time stamp says no name."""
    children = [c for c in box if isinstance(c.tag, str) and text(c)]
    loose = [box.text, *(c.tail for c in box)]
    if len(children) < 2 or not all(
        not (t or "").strip(" ,&|/·•\n\t") or (t or "").strip() == "and" for t in loose
    ):
        return [text(box)]
    lines = [line for line in map(text, children) if not is_stamp(line)]
    kinds = [_kind(c, line) for c, line in zip(children, map(text, children), strict=True)]
    if "full" in kinds and "piece" not in kinds:
        return [line for line, kind in zip(map(text, children), kinds, strict=True) if kind == "full"]
    return [text(box)] if len(lines) == len(children) else [" ".join(lines)]


def _kind(child: Element, line: str) -> str:
    """``full``: one author's full name, two capitalised words or more (its class or a link may
    say so); ``other``: a role, a place ("in Kyiv"), a stamp; ``piece``: maybe a part of a name
    split over elements ("Jane" / "Doe")."""
    if is_stamp(line) or line[:1].islower() or _without_role(line) != line:
        return "other"
    words = _BY.sub("", line).split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words if len(w) > 3):
        return "full"
    return "piece"
