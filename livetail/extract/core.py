"""The strategy registry and the types strategies share.

A strategy is a function ``(Page, Context) -> Found | None`` registered under a name with an
order; :func:`livetail.extract.extract` tries them in order and the first that finds updates
wins. Adding a site or a markup style is one module with one ``@register`` plus its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from livetail.config import SelectorsConfig
from livetail.extract.build import RawUpdate
from livetail.extract.page import Page


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What a strategy may know besides the page: no clock, network or store."""

    reference: datetime | None
    timezone: tzinfo
    # The reference is only the last second of a day the page was current on (a saved file and
    # ``--date YYYY-MM-DD``): its time of day says nothing, so the post on top is the newest.
    reference_is_day: bool = False
    profile: str | None = None
    selectors: SelectorsConfig | None = None
    # "Today at 16:42" outside a <time> is a stamp: the heuristic's second look at a page where
    # nothing else stamps its posts (Belfast Telegraph); elsewhere it is as often a post's words,
    # or a comment's date box beside posts stamped otherwise.
    day_at_stamps: bool = False


@dataclass(kw_only=True)
class Found:
    """A strategy's result: raw updates in page order and the blog's own title."""

    updates: list[RawUpdate]
    title: str | None = None
    reference: datetime | None = None  # an instant the page itself implies ("N mins ago (HH:MM)")
    notes: list[str] = field(default_factory=list)
    # Posts that show only a time of day stand among posts with explicit times (ones LD does not
    # list): the engine dates them among those times, in page order.
    clocks_among_times: bool = False


Strategy = Callable[[Page, Context], Found | None]


@dataclass(frozen=True, slots=True)
class Registered:
    name: str
    order: int
    run: Strategy


STRATEGIES: dict[str, Registered] = {}


def register(name: str, *, order: int) -> Callable[[Strategy], Strategy]:
    """Register a strategy; lower ``order`` runs first."""

    def decorate(fn: Strategy) -> Strategy:
        if name in STRATEGIES:
            raise ValueError(f"extraction strategy {name!r} registered twice")
        STRATEGIES[name] = Registered(name, order, fn)
        return fn

    return decorate


def ordered() -> list[Registered]:
    return sorted(STRATEGIES.values(), key=lambda r: (r.order, r.name))
