"""Text in the form identity and edit detection compare it: two fetches of one update that differ
only in typography, whitespace, relative-time phrases ("11 mins ago", "vor 5 Minuten", "just now")
or tracking parameters in URLs give equal strings."""

from __future__ import annotations

import re
import unicodedata

from livetail.extract import relativelangs
from livetail.extract.htmlrules import strip_xml_illegal
from livetail.extract.relativetime import POOLED_RELATIVE

__all__ = ["normalise_for_compare", "normalised_words"]

_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−⁃", "-"),
        # Invisible characters that CMSs insert or drop between fetches.
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    }
)

TRACKING_PARAMETERS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "ocid", "cmpid", "_ga", "_gl",
    }
)  # fmt: skip

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'`]+""")
_QUERY_SEPARATOR = re.compile(r"&amp;|&")

_UNIT = (
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
    r"|mos?|months?|y|yrs?|years?)"
)
_AMOUNT = rf"(?:\d+|an?|one|a few|few|several)\s?{_UNIT}\b\.?"
_RELATIVE_TIME = re.compile(
    rf"(?:\b(?:last updated|updated|posted|published|edited)\s?:?\s?)?"
    rf"(?:\b{_AMOUNT}(?:,?\s(?:and\s)?{_AMOUNT})*\sago\b"
    rf"|\bjust now\b|\b(?:a (?:few )?)?moments? ago\b)"
)
# Other languages' relative phrases (relativetime.POOLED_RELATIVE), with an "updated" before
# them; a separate pattern, run only where one of their cue words stands (_foreign_cue). The
# languages of relativelangs take their own patterns, each only where its words stand.
_FOREIGN_RELATIVE_TIME = re.compile(
    rf"(?:\b(?:aktualisiert|mis à jour|actualizado|bijgewerkt|aggiornato|uppdaterad|opdateret|oppdatert"
    rf"|päivitetty)\s?:?\s?)?{POOLED_RELATIVE}"
)


def _is_tracking(parameter: str) -> bool:
    name = parameter.split("=", 1)[0]
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _drop_tracking(match: re.Match[str]) -> str:
    url = match.group(0)
    base, hash_mark, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if not question:
        return url
    kept = [p for p in _QUERY_SEPARATOR.split(query) if p and not _is_tracking(p)]
    rebuilt = path + ("?" + "&".join(kept) if kept else "")
    return rebuilt + hash_mark + fragment


def _folded(text: str) -> str:
    """``text`` without XML-illegal characters, NFKC-normalised, case-folded, typography unified:
    every step of :func:`normalise_for_compare` that works character by character."""
    text = strip_xml_illegal(text)
    if text.isascii():
        # NFKC leaves ASCII as it is, casefold() is lower() there, and "`" is the table's only ASCII key.
        return text.lower().replace("`", "'")
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.casefold())
    return text.translate(_TYPOGRAPHIC)


def _foreign_cue(f: str) -> bool:
    """Whether folded text may hold another language's relative phrase (relativetime's
    POOLED_RELATIVE). Each holds one of these words; where English has the same letters
    ("survivor ", "hace" in no English word but names), a small pattern confirms the word starts
    there. Plain substring tests written out first: this runs on every update's text."""
    return (
        ("vor " in f and _VOR.search(f) is not None)
        or ("hace " in f and _HACE.search(f) is not None)
        or "il y a" in f or "geleden" in f or "gerade eben" in f or "soeben" in f or "l'instant" in f
        or "ahora mismo" in f or "zojuist" in f or "poco fa" in f
        or "ore fa" in f or "ora fa" in f or "minuti fa" in f or "minuto fa" in f or "secondi fa" in f
        or "secondo fa" in f or " sedan" in f or " siden" in f or " sitten" in f or " temu" in f
        or (not f.isascii() and ("před " in f or "há " in f or " önce" in f or _eastern_cue(f)))  # (isascii: O(1))
    )  # fmt: skip


def _eastern_cue(f: str) -> bool:
    """Arabic, Chinese, Japanese and Korean relative phrases ("منذ 5 دقائق", "5分钟前", "5분 전")."""
    return (
        "منذ" in f or "قبل" in f or "前" in f or "전" in f or "刚刚" in f or "剛剛" in f or "たった今" in f
        or "방금" in f
    )  # fmt: skip


_VOR = re.compile(r"(?<!\w)vor\s+(?:\d|ein)")
_HACE = re.compile(r"(?<!\w)hace\s+(?:\d|un)")


def normalised_words(text: str, count: int) -> str:
    """``" ".join(normalise_for_compare(text).split(" ")[:count])`` without normalising the whole text
    when the rest cannot matter: without "?", "ago", "just" and another language's relative phrase
    nothing but whitespace changes after the character-by-character steps, so the first ``count``
    words are those of the folded text."""
    folded = _folded(text)
    if (
        "?" in folded
        or "ago" in folded
        or "just" in folded
        or _foreign_cue(folded)
        or relativelangs.may_hold(folded)
    ):
        return " ".join(normalise_for_compare(text).split(" ")[:count])
    return " ".join(folded.split(None, count)[:count])


def normalise_for_compare(text: str) -> str:
    """The form in which identity and edit detection compare text: two fetches of one update that
    differ only in typography, whitespace, relative-time phrases ("11 mins ago", "Updated 3h ago",
    "just now") or tracking parameters in URLs give equal strings. Never raises.

    A relative time inside the prose itself ("the blast was 3 hours ago") is removed too: it changes
    between fetches exactly like a timestamp badge and cannot be told apart from one."""
    text = " ".join(_folded(text).split())
    if "?" in text:
        text = _URL.sub(_drop_tracking, text)
    # Every English relative phrase ends in "ago" or is "just now": skip the costly regex otherwise.
    if "ago" in text or "just now" in text:
        text = _RELATIVE_TIME.sub(" ", text)
    if _foreign_cue(text):
        text = _FOREIGN_RELATIVE_TIME.sub(" ", text)
    text = relativelangs.strip(text)
    return " ".join(text.split())
