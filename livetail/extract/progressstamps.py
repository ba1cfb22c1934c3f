"""Match minutes ("71'") and race laps ("Lap 23/52"), the stamps of sports live text that give no
instant, beside the clocks a page may also print: which of them stamp posts, and which are a post's
words (for :func:`livetail.extract.stamps.find_stamps`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.html import HtmlElement

if TYPE_CHECKING:
    from livetail.extract.stamps import Stamp

__all__ = ["progress_apart"]


def progress_apart(stamps: list[Stamp]) -> list[Stamp]:
    """The stamps without match minutes ("71'") when anything else stamps the page: beside
    clocks, a minute is a post's text (a football blog's "17:05" post says "71'" too). Race laps
    beside clocks: see :func:`_laps_apart`."""
    minutes = sum(1 for s in stamps if s.printed.endswith("'"))  # (a minute's canonical form)
    if minutes and minutes != len(stamps):
        stamps = [s for s in stamps if not s.printed.endswith("'")]
    laps = sum(1 for s in stamps if s.printed.startswith(_LAP))
    if not laps or laps == len(stamps):
        return stamps
    return _laps_apart(stamps)


_LAP = "Lap "  # (a race lap's canonical form)


def _in_a_line(el: HtmlElement) -> bool:
    """Whether words stand beside ``el`` in its parent's text ("<strong>Lap 52:</strong> Norris…")."""
    previous = el.getprevious()
    parent = el.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else "")
    return bool((before or "").strip() or (el.tail or "").strip(" \t\n\r:–—-"))


def _laps_apart(stamps: list[Stamp]) -> list[Stamp]:
    """The stamps, less the race laps that are a clock-stamped post's text: a lap that leads a
    line of text ("<p><strong>Lap 52:</strong> Norris takes the flag</p>") or sits in a post
    with a clock of its own. A lap in a box of its own, in a post no clock stamps, stays a stamp:
    a race's live text stamps its pre-race posts with clocks and the rest with laps (Autosport)."""
    clocks_under: dict[HtmlElement, int] = {}  # each ancestor of a clock → how many it holds
    for stamp in stamps:
        if not stamp.printed.startswith(_LAP):
            for ancestor in stamp.element.iterancestors():
                clocks_under[ancestor] = clocks_under.get(ancestor, 0) + 1
    kept = []
    for stamp in stamps:
        if stamp.printed.startswith(_LAP):
            if _in_a_line(stamp.element):
                continue
            holder = next((a for a in stamp.element.iterancestors() if a in clocks_under), None)
            if holder is not None and clocks_under[holder] == 1:
                continue  # the post it shares with a clock
        kept.append(stamp)
    return kept
