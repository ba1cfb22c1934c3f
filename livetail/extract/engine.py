"""The extraction engine: a fetched document → the live blog's updates, in page order.

Strategies run in order (structured data, site profiles, configured selectors, heuristics,
plain text) and the first that finds updates wins; the winner's name is recorded so reconcile
can tell when it changes. A page whose own markup gives nothing is read through its
``<iframe srcdoc>`` documents before its plain text (see :mod:`livetail.extract.srcdoc`); the
name is then ``srcdoc:`` and the strategy that won inside the frame. Pure: the reference instant
for dating times-of-day comes in with the document (its response ``Date``) or from the caller;
nothing here reads a clock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import cast
from zoneinfo import ZoneInfo

# Importing a strategy module registers it (see core.register).
import livetail.extract.strategies  # noqa: F401
from livetail.config import SelectorsConfig
from livetail.errors import ExtractError
from livetail.extract.build import RawUpdate, finish_all
from livetail.extract.clockdates import edit_time, resolve_clocks
from livetail.extract.core import Context, Found, Registered, ordered
from livetail.extract.liveness import Liveness, liveness
from livetail.extract.page import Page
from livetail.extract.profiles import known as known_profiles
from livetail.extract.srcdoc import frame_pages, heading, shown_length
from livetail.extract.timeparse import Clock, find_clock
from livetail.extract.titlemarks import split_edit_mark
from livetail.extract.zones import host_zone, zone_for
from livetail.model import Document, Update

log = logging.getLogger("livetail.extract")

#: Bump when a change makes extract() give other uids, titles or texts for a page it read before
#: (a new furniture rule, a date read differently): the first poll of each source under the new
#: version is then a silent re-baseline (see livetail.reconcile), not an edit alert per update.
#: 1: the first recorded version (December 2026). 2: day separators, read-also boxes, bylines
#: and labels cut, foreign relative times in the edit comparison. 3: day groups of one post
#: each give their posts; day lines in plain text; shared LD ids; Nordic clocks and relative
#: times; "Today"/"Gestern" stamps; camel-case class words (more boxes and bylines cut).
#: 4: clocks without a zone in the host's country's zone; Chinese, Japanese, Korean and Arabic
#: clocks, dates and relative times; 12-hour pages; match minutes; edit times inside a stamp;
#: LD's unlisted entries by permalink or relative time; titles from headline boxes.
#: 5: byline names without roles or places, and in more shapes; byline paragraphs, gallery
#: counters, more read-also labels and share words cut from bodies; French "hier 22h15"; LD
#: updates sharing an address that is not theirs told apart; posts that show no time kept;
#: blogs in an ``<iframe srcdoc>`` read before the page's plain text.
#: 6: byline labels ("Posted by", "Penulis:") and role bylines cut from bodies; an organisation
#: as LD's author gives way to the post's byline; shouted promos and read-also lines between
#: inline posts cut, and the dash after a leading bold time; LD that dates none of its items
#: dated by the posts' clocks; id-less LD's unlisted posts read; <li> posts keep their heading.
#: 7: first sentences run past initials and abbreviations; "UPDATE 5:40 p.m.:" and bare
#: "00:40 Headline" lines lead posts; clocks dated among explicit times; pinned posts in a box
#: of their own read, and LD's posts in page order; more labels, bylines and share controls cut.
#: 8: an edit mark in a heading is no part of the title (nor of a hashed uid); Portuguese and
#: Hebrew stamps ("Publicado às 14h05", "עודכן ב-21:40"); LD ids the page writes another way
#: find the posts LD leaves out, with the ids LD will give them; first sentences end inside a
#: closing quote; more furniture, labels and bylines.
#: 9: a saved page's zone from its canonical host, .br and .mx zones; LD's posts in page order
#: whichever way LD runs; a CJK full stop ends a first sentence; Japanese 【name】 sign-offs,
#: "Posted By :" bylines; promos, channel invites, label-and-list read-also boxes and copy
#: controls cut; slashed and day.month dates read; posts id-less LD skips or no longer lists read.
#: 10: newsroom sign-offs ("—Name/KBK, GMA Integrated News"), "Oprac.", "By:" and "Por:" bylines,
#: a "By" line atop a body; a read-also label alone over blocks of links, and link cards labelled
#: so, cut (never a title); dotted edit times ("Bijgewerkt om 22.25"), "【19:40】", "23:52 hrs.";
#: weekdays in more languages; more labels and ad labels; cricket balls as stamps.
#: 11: Sky's "16:12, UK"; Bengali and Hindi months and "২৩: ৪০"; Arabic "حُدّث"; label lines in
#: inline posts, game periods beside a stamp, "Posted by :" leftovers, podcast calls, Google News
#: lines and more read-also labels cut; topic tags and newsroom credits ("Do UOL") name no one;
#: CNA's and Nikkei's datelines name their reporters; "更新：…" stamps; "快訊" labels; Baltic
#: relative times; a weekday after a clock dates it; several signers or an agency sign a post.
EXTRACTOR_VERSION = 11
_FINER_THAN = timedelta(days=1)
_CLOCK_SLACK = timedelta(minutes=5)  # a publisher's clock a little ahead of the response's Date
#: The order from which a strategy is a last resort (plain text): it reads any page's text, an
#: article's around a srcdoc frame too, so the frames' markup strategies run first.
_LAST_RESORT = 90
#: What an extraction's strategy name starts with when a srcdoc frame's document gave the updates.
FRAMED = "srcdoc:"


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """The updates of one document, the strategy that found them and the blog's title."""

    strategy: str
    updates: tuple[Update, ...]
    title: str | None = None
    liveness: Liveness = field(default_factory=Liveness)  # what the page says about the blog being live


def _publish_times(
    found: Found, reference: datetime | None, context: Context, *, day_only: bool = False
) -> list[datetime | None]:
    """Explicit datetimes win; then printed times of day, dated in page order; then relative text."""
    items = found.updates
    times: list[datetime | None] = [u.published for u in items]
    pending = [i for i, u in enumerate(items) if times[i] is None and u.clock is not None]
    if pending and reference is None:
        # No reference (a saved file, no --date): a clock that prints its own date still has a day.
        pending = [i for i in pending if cast(Clock, items[i].clock).date is not None]
    if pending:
        # Posts a structured list leaves out, placed among its posts, are dated among their
        # explicit times (a post LD does not list, printing "21:30" under one at 21:58, is
        # dated by its neighbour, not by the reference alone: a day late past midnight).
        # So are all clocks where only the page's day is known ("--date" of a saved page): the
        # day's last second says less than the explicit times do, and dated against it alone, an
        # election night's "11:42 p.m." under posts at 00:52 came out the next evening. (Not with
        # an exact reference on other pages: a review found an explicit time in the wrong zone
        # moving the clocks under it.)
        among = reference is not None and (found.clocks_among_times or day_only)
        anchors = (
            [
                i
                for i, u in enumerate(items)
                if u.published is not None
                and not u.pinned
                and (found.clocks_among_times or _shows_its_instant(u, context.timezone))
            ]
            if among
            else []
        )
        walked = sorted([*pending, *anchors])
        clocks = [items[i].clock if items[i].published is None else None for i in walked]
        # Dated clocks never look at the reference; then any instant stands in for the missing one.
        bound = reference or datetime.now(UTC)
        pinned = [items[i].pinned for i in walked]
        explicit = [items[i].published for i in walked]
        resolved = resolve_clocks(
            clocks, bound, context.timezone, pinned, reference_is_day=day_only, explicit=explicit
        )
        for i, value in zip(walked, resolved, strict=True):
            if items[i].published is None:
                times[i] = value
    for i, u in enumerate(items):
        if times[i] is None and u.relative is not None and reference is not None and u.relative < _FINER_THAN:
            times[i] = reference - u.relative
    return times


def _shows_its_instant(update: RawUpdate, tz: tzinfo) -> bool:
    """Whether an explicit time agrees with the clock its stamp prints, if any: "9:52 PM" beside
    datetime="…T21:52:00+00:00" on a New York page is wall time written as UTC, and an anchor
    that far off would move the clocks under it a day."""
    clock = find_clock(update.explicit_shown) if update.explicit_shown else None
    if clock is None or update.published is None:
        return True
    shown = update.published.astimezone(zone_for(clock.zone, tz))
    hours = (shown.hour, clock.hour) if clock.half_known else (shown.hour % 12, clock.hour % 12)
    return hours[0] == hours[1] and shown.minute == clock.minute


def _may_be_copies(earlier: Update, at: int, later: Update, here: int) -> bool:
    """Whether two updates of the same content may be one post shown twice (``at`` and ``here``
    their places on the page): one is pinned; or they are not known to be published at different
    times; or the first stands at the top, apart from the other (an unmarked copy pinned above the
    posts, showing "8 hours ago" or its edit time). Two "GOAL!" posts at 16:18 and 16:44, next to
    each other or further down, are two posts."""
    if earlier.pinned or later.pinned or earlier.published is None or later.published is None:
        return True
    return earlier.published == later.published or (at < _TOP and here - at >= 2)


_TOP = 3  # a block of up to this many promoted posts on top (as timeparse's walk allows)


def _dedupe(updates: list[Update]) -> list[Update]:
    """One update per uid; a copy without a publisher id (a pinned copy) folds into its original.

    Matching content only merges when one side has a hash uid: two posts with different
    publisher ids are two updates, even when a publisher reposts the same text.
    """
    by_uid: dict[str, int] = {}
    by_fingerprint: dict[str, int] = {}
    result: list[Update] = []
    places: list[int] = []  # each result's place on the page
    for here, update in enumerate(updates):
        index = by_uid.get(update.uid)
        if index is None:
            candidate = by_fingerprint.get(update.fingerprint)
            if (
                candidate is not None
                and (update.uid.startswith("h-") or result[candidate].uid.startswith("h-"))
                and _may_be_copies(result[candidate], places[candidate], update, here)
            ):
                index = candidate
        if index is None:
            by_uid[update.uid] = len(result)
            by_fingerprint.setdefault(update.fingerprint, len(result))
            result.append(update)
            places.append(here)
            continue
        earlier = result[index]
        if earlier.uid.startswith("h-") and not update.uid.startswith("h-"):
            # The copy came first (pinned on top); the original carries the publisher's id.
            result[index] = replace(update, pinned=update.pinned or earlier.pinned)
            by_uid[update.uid] = index
        elif update.pinned and not earlier.pinned:
            result[index] = replace(earlier, pinned=True)
    return result


def finish_found(found: Found, page: Page, context: Context) -> list[Update]:
    # A response Date beats what the page implies; a file has none, so its own hints come next.
    reference = page.document.date or found.reference or context.reference
    day_only = context.reference_is_day and reference is context.reference
    times = _publish_times(found, reference, context, day_only=day_only)
    for raw, published in zip(found.updates, times, strict=True):
        edit_clock = None
        if raw.title:
            raw.title, edit_clock = split_edit_mark(raw.title)
        if raw.modified is None and published is not None and (raw.modified_clock or edit_clock) is not None:
            raw.modified = edit_time(
                cast(Clock, raw.modified_clock or edit_clock), context.timezone, published
            )
            if raw.modified_clock is None and reference is not None and raw.modified is not None:
                # (a heading's mark read as an edit after the page was fetched is a misreading)
                raw.modified = raw.modified if raw.modified <= reference + _CLOCK_SLACK else None
    built = finish_all(found.updates, page_url=page.url, published=times)
    return _dedupe([u for u in built if u is not None])


def extract(
    document: Document,
    *,
    profile: str | None = None,
    selectors: SelectorsConfig | None = None,
    timezone: str | None = None,
    reference: datetime | date | None = None,
) -> Extraction:
    """Extract a document's updates; raise ExtractError when no strategy finds any.

    ``reference`` dates printed times of day (default: the response ``Date``): the instant the
    page was current, or only the day it was (a ``date``: the post on top is then read as that
    day's newest); ``timezone`` is the IANA zone for times printed without one (default: the zone
    of the country the page's host belongs to, when it has one, else UTC; see ``zones.host_zone``;
    a saved page's host is its canonical link's). A naive ``reference`` is read in that zone.
    """
    page = Page.from_document(document)
    zone = ZoneInfo(timezone or host_zone(page.site_url) or "UTC")
    if reference is None or isinstance(reference, datetime):
        # (a naive instant is the page's wall clock: "--date 2024-06-09T21:30" of a saved page)
        instant = reference if reference is None or reference.tzinfo else reference.replace(tzinfo=zone)
        day_only = False
    else:  # the day's last second
        instant, day_only = datetime.combine(reference, time(23, 59, 59), zone), True
    context = Context(
        reference=instant or document.date,
        reference_is_day=day_only and document.date is None,
        timezone=zone,
        profile=profile,
        selectors=selectors,
    )
    # What the user configured for this source is tried before anything detected.
    first = [name for name, wanted in (("selectors", selectors), ("profile", profile)) if wanted]
    strategies = ordered()
    strategies.sort(key=lambda r: first.index(r.name) if r.name in first else len(first))
    # The page's own markup, then its srcdoc frames' (see srcdoc.py); then the same for the
    # plain-text fallback, which reads any page's text (a CMS article's too) as posts.
    stages = (
        [r for r in strategies if r.order < _LAST_RESORT],
        [r for r in strategies if r.order >= _LAST_RESORT],
    )
    tried: list[str] = []
    frames: list[Page] | None = None
    for last_resort, stage in enumerate(stages):
        won = _first_found(stage, page, context, tried)
        if won is not None:
            name, found, updates = won
            return Extraction(
                strategy=name, updates=tuple(updates), title=found.title, liveness=liveness(page.text)
            )
        if frames is None:
            frames = frame_pages(page)
        # Before the page's own text, only a frame that is its main content (see srcdoc.py).
        around = shown_length(page) if frames and not last_resort else 0
        for frame in frames if last_resort else [f for f in frames if shown_length(f) >= around]:
            won = _first_found(stage, frame, context, [])
            if won is not None:
                name, found, updates = won
                said = liveness(frame.text)
                return Extraction(
                    strategy=f"{FRAMED}{name}",
                    updates=tuple(updates),
                    title=found.title or heading(page),
                    liveness=said if said != Liveness() else liveness(page.text),
                )
    within = f" on the page and {len(frames)} srcdoc frame(s)" if frames else ""
    raise ExtractError(
        f"{page.url}: no extraction strategy found updates (tried {', '.join(tried)}{within}). {_hint(page)}"
    )


def _first_found(
    strategies: list[Registered], page: Page, context: Context, tried: list[str]
) -> tuple[str, Found, list[Update]] | None:
    """The first strategy's name, result and finished updates that has any (``tried`` grows)."""
    for strategy in strategies:
        tried.append(strategy.name)
        try:
            found = strategy.run(page, context)
            updates = finish_found(found, page, context) if found and found.updates else []
        except ExtractError:
            raise
        except Exception:  # one strategy's bug on hostile input must not fail the whole page
            log.exception("strategy %s crashed on %s; trying the next one", strategy.name, page.url)
            continue
        if found and updates:
            return strategy.name, found, updates
    return None


def _hint(page: Page) -> str:
    """What to try next, for the kind of document this was."""
    ctype = page.document.content_type.split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or ctype.endswith(("json", "html", "xml"))):
        return f"The response is {ctype}, not an HTML, JSON or text page."
    if page.kind == "json":
        return _json_hint(page)
    return "If this is a live blog, set `profile` or `[sources.selectors]` for it (`livetail extract --profile NAME`)."


def _json_hint(page: Page) -> str:
    """What JSON is read: schema.org JSON-LD by the ``jsonld`` strategy, a publisher's model by its profile."""
    broken = ""
    try:
        _ = page.json  # (parsed once per page: a profile may have read it already)
    except ExtractError as e:
        broken = (
            "It is nested too deeply to read. "
            if isinstance(e.__cause__, RecursionError)
            else f"It is not valid JSON ({e.__cause__ or e}). "
        )
    return (
        f"{broken}JSON is read as schema.org JSON-LD (a LiveBlogPosting with liveBlogUpdate, alone, "
        "in an array or in @graph); a publisher's JSON page model is read by its site profile: set "
        f"`profile` (`livetail extract --profile NAME`; known: {', '.join(known_profiles())})."
    )


__all__ = ["EXTRACTOR_VERSION", "Extraction", "RawUpdate", "extract"]
