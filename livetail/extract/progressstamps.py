"""Match minutes ("71'"), race laps ("Lap 23/52") and cricket balls ("Over 10.3"), the stamps of
sports live text that give no instant, beside the clocks a page may also print: which of them stamp posts, and which are a post's
words (for :func:`livetail.extract.stamps.find_stamps`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.html import HtmlElement

if TYPE_CHECKING:
    from livetail.extract.stamps import Stamp

__all__ = ["OVER", "progress_apart", "titles_its_entry"]


def progress_apart(stamps: list[Stamp]) -> list[Stamp]:
    """The stamps, less the match minutes ("71'") and race laps ("Lap 23/52") that are a
    clock-stamped post's words, where clocks stamp the page too (see :func:`_progress_apart`)."""
    progress = sum(1 for s in stamps if _progress(s))
    if not progress or progress == len(stamps):
        return stamps
    if _interleaved(stamps):  # a football blog's "17:05" post saying "71'", every post alike
        stamps = [s for s in stamps if not s.printed.endswith("'")]
    return _progress_apart(stamps)


def _interleaved(stamps: list[Stamp]) -> bool:
    """Whether a clock stands between two match minutes in page order: minutes that stamp posts
    run together, with clocks only before kick-off or after the final whistle (kicker)."""
    at = [n for n, s in enumerate(stamps) if s.printed.endswith("'")]
    return any(not _progress(s) for s in stamps[at[0] : at[-1]]) if at else False


_LAP = "Lap "  # (a race lap's canonical form; a minute's ends in "'")
OVER = "Over "  # (a cricket ball's: "Over 10.3")


def _progress(stamp: Stamp) -> bool:
    return stamp.printed.endswith("'") or stamp.printed.startswith((_LAP, OVER))


def titles_its_entry(printed: str) -> bool:
    """Whether a post's only time, printed so, leads its title: a match minute or a ball ("71'
    Corner, Arsenal.", "Over 10.3 Natarajan to Iyer, no run."), so the same words at two minutes
    or balls stay two entries."""
    return printed.endswith("'") or printed.startswith(OVER)


def _in_a_line(el: HtmlElement) -> bool:
    """Whether words stand beside ``el`` in its parent's text ("<strong>Lap 52:</strong> Norris…")."""
    previous = el.getprevious()
    parent = el.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else "")
    return bool((before or "").strip() or (el.tail or "").strip(" \t\n\r:–—-"))


def _progress_apart(stamps: list[Stamp]) -> list[Stamp]:
    """The stamps, less the minutes and laps that are a clock-stamped post's text: one that leads
    a line of text ("<p><strong>Lap 52:</strong> Norris takes the flag</p>") or sits in a post
    with a clock of its own (a football blog's "17:05" post saying "71'"). One in a box of its
    own, in a post no clock stamps, stays a stamp: live text stamps its pre-match or pre-race
    posts with clocks and the rest with minutes or laps (kicker, Autosport)."""
    clocks_under: dict[HtmlElement, int] = {}  # each ancestor of a clock → how many it holds
    progress_under: dict[HtmlElement, int] = {}  # ... and of a minute or lap
    for stamp in stamps:
        under = progress_under if _progress(stamp) else clocks_under
        for ancestor in stamp.element.iterancestors():
            under[ancestor] = under.get(ancestor, 0) + 1
    kept = []
    for stamp in stamps:
        if _progress(stamp):
            if _in_a_line(stamp.element):
                continue
            holder = next((a for a in stamp.element.iterancestors() if a in clocks_under), None)
            # (the post it shares with a clock: one clock and this stamp; not the feed holding
            # the one pre-match post's clock and every minute)
            if holder is not None and clocks_under[holder] == 1 and progress_under[holder] == 1:
                continue
        kept.append(stamp)
    return kept
