"""Text in the form identity and edit detection compare it: two fetches of one update that differ
only in typography, whitespace, relative-time phrases ("11 mins ago", "vor 5 Minuten", "just now")
or tracking parameters in URLs give equal strings."""

from __future__ import annotations

import re
import unicodedata

from livetail.extract import relativelangs
from livetail.extract.cuewords import Cues
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
# (a chain of at most six parts, as relativetime reads: see there)
_RELATIVE_TIME = re.compile(
    rf"(?:\b(?:last updated|updated|posted|published|edited)\s?:?\s?)?"
    rf"(?:\b{_AMOUNT}(?:,?\s(?:and\s)?{_AMOUNT}){{0,5}}\sago\b"
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


# Words every phrase a step of :func:`normalise_for_compare` removes holds (case-folded): one pass
# over the text (cuewords) tells which steps can change it. Where English has the same letters
# ("survivor ", "hace" in no English word but names), a small pattern confirms the word starts
# there. The older languages' relative phrases (relativetime.POOLED_RELATIVE) first, Arabic, Chinese,
# Japanese and Korean last.
_POOLED_WORDS = (
    "vor ", "hace ", "il y a", "geleden", "gerade eben", "soeben", "l'instant", "ahora mismo", "zojuist",
    "poco fa", "ore fa", "ora fa", "minuti fa", "minuto fa", "secondi fa", "secondo fa", " sedan", " siden",
    " sitten", " temu", "před ", "há ", " önce",
    "منذ", "قبل", "前", "전", "刚刚", "剛剛", "たった今", "방금",
)  # fmt: skip
_VOR = re.compile(r"(?<!\w)vor\s+(?:\d|ein)")
_HACE = re.compile(r"(?<!\w)hace\s+(?:\d|un)")
_CONFIRMED = {"vor ": _VOR, "hace ": _HACE}
_POOLED = frozenset(_POOLED_WORDS)
_CUES = Cues(("?", "ago", "just", *_POOLED_WORDS, *relativelangs.CUE_WORDS))


def _pooled_phrase(found: frozenset[str], text: str) -> bool:
    """Whether ``text``, in which the cue words ``found`` stand, may hold a pooled language's phrase."""
    for word in found & _POOLED:
        confirm = _CONFIRMED.get(word)
        if confirm is None or confirm.search(text) is not None:
            return True
    return False


def normalised_words(text: str, count: int) -> str:
    """``" ".join(normalise_for_compare(text).split(" ")[:count])`` without normalising the whole text
    when the rest cannot matter: without "?", "ago", "just" and another language's relative phrase
    nothing but whitespace changes after the character-by-character steps, so the first ``count``
    words are those of the folded text."""
    folded = _folded(text)
    if _CUES.any_in(folded):
        return " ".join(normalise_for_compare(text).split(" ")[:count])
    return " ".join(folded.split(None, count)[:count])


def normalise_for_compare(text: str) -> str:
    """The form in which identity and edit detection compare text: two fetches of one update that
    differ only in typography, whitespace, relative-time phrases ("11 mins ago", "Updated 3h ago",
    "just now") or tracking parameters in URLs give equal strings. Never raises.

    A relative time inside the prose itself ("the blast was 3 hours ago") is removed too: it changes
    between fetches exactly like a timestamp badge and cannot be told apart from one."""
    text = " ".join(_folded(text).split())
    found = _CUES.found_in(text)
    if not found:
        return text
    if "?" in found:
        text = _URL.sub(_drop_tracking, text)
    # Every English relative phrase ends in "ago" or is "just now": skip the costly regex otherwise.
    if "ago" in found or ("just" in found and "just now" in text):
        removed = _RELATIVE_TIME.sub(" ", text)
        # (a removal joins what stood around it: look for the words again)
        text, found = removed, (found if removed == text else _CUES.found_in(removed))
    if _pooled_phrase(found, text):
        removed = _FOREIGN_RELATIVE_TIME.sub(" ", text)
        text, found = removed, (found if removed == text else _CUES.found_in(removed))
    text = relativelangs.strip(text, found)
    return " ".join(text.split())
