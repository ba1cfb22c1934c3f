"""Lining a poll's page up with the stored updates of its source (see :mod:`livetail.reconcile`).

Which stored update each page update is (by uid, then fingerprint, then likeness), and which
stored updates the page no longer shows between newer and older ones (retracted). Pure, like
reconcile, which calls both inside the store's write transaction.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from livetail import identity
from livetail.model import Update

if TYPE_CHECKING:
    from livetail.reconcile import KnownUpdate, SourceState

#: How alike (difflib ratio of title + text) a corrected update without publisher id must be.
SIMILAR = 0.6


def _similar(a: KnownUpdate, b: Update) -> float:
    return difflib.SequenceMatcher(None, f"{a.title}\n{a.text}"[:600], f"{b.title}\n{b.text}"[:600]).ratio()


def match(state: SourceState, page: Sequence[Update], strategy_changed: bool) -> dict[int, KnownUpdate]:
    """Which stored update each page update is, by uid, then fingerprint, then likeness.

    Fingerprints are tried for hash uids (which move when a title is corrected), whenever the
    winning strategy changed (which moves every uid), and against stored uids the page no longer
    shows (an extractor that now gives the update another uid). Last, an update that matched
    nothing is paired with an unmatched stored one not on the page, of the same time, whose
    title and text are at least ``SIMILAR`` alike: a corrected title is an edit, not a delete
    plus a create.
    """
    by_uid = {k.uid: k for k in state.known}
    by_fingerprint: dict[str, KnownUpdate] = {}
    for k in state.known:
        by_fingerprint.setdefault(k.fingerprint, k)
    matches: dict[int, KnownUpdate] = {}
    taken: set[str] = set()
    for i, update in enumerate(page):
        known = by_uid.get(update.uid)
        if known is not None and known.uid not in taken:
            matches[i] = known
            taken.add(known.uid)
    on_page = {u.uid for u in page}
    for i, update in enumerate(page):
        if i in matches:
            continue
        known = by_fingerprint.get(update.fingerprint)
        # A stored uid no longer on the page may be this update under the uid a newer extractor
        # or strategy gives it (a publisher id found, an id read from another attribute): the
        # stored uid stays, nothing is announced. The page keeps giving the new uid, so this
        # match is made again on every poll, by fingerprint (stored anew with each write).
        orphan = known is not None and known.uid not in on_page
        if not (strategy_changed or identity.is_content_uid(update.uid) or orphan):
            continue
        if known is not None and known.uid not in taken:
            matches[i] = known
            taken.add(known.uid)
    for i, update in enumerate(page):
        if i in matches or update.published is None:
            continue
        candidates = [
            k
            for k in state.known
            if k.uid not in taken and k.uid not in on_page and not k.deleted and k.when == update.published
        ]
        best = max(candidates, key=lambda k: _similar(k, update), default=None)
        if best is not None and _similar(best, update) >= SIMILAR:
            matches[i] = best
            taken.add(best.uid)
    return matches


def _chronological(times: Sequence[datetime]) -> list[int]:
    """Indexes of the longest run of page items in time order (either direction).

    Items outside it are out of order with the rest: an old post pinned or promoted to the
    top, marked as such or not. They are no one's "newer" or "older" neighbour.
    """

    def longest(keys: Sequence[float]) -> list[int]:
        tails: list[float] = []
        tail_index: list[int] = []
        parent = [-1] * len(keys)
        for i, key in enumerate(keys):
            at = bisect.bisect_right(tails, key)
            if at == len(tails):
                tails.append(key)
                tail_index.append(i)
            else:
                tails[at] = key
                tail_index[at] = i
            parent[i] = tail_index[at - 1] if at else -1
        run, i = [], tail_index[-1] if tail_index else -1
        while i >= 0:
            run.append(i)
            i = parent[i]
        return run[::-1]

    stamps = [t.timestamp() for t in times]
    newest_first = longest([-s for s in stamps])
    oldest_first = longest(stamps)
    return newest_first if len(newest_first) >= len(oldest_first) else oldest_first


def retracted(
    known: Sequence[KnownUpdate], present: dict[str, datetime], on_page: set[str]
) -> list[KnownUpdate]:
    """Known, live, non-pinned updates missing from the page while strictly newer *and* strictly
    older non-pinned updates are still on it. ``present`` (the non-pinned updates, in page order)
    gives the neighbours; ``on_page`` is every stored uid the page shows, pinned ones included, so
    a post that became pinned is not mistaken for a retracted one.

    Newer/older is by time (published, else first seen), not by page position: positions from
    different polls do not compare. Pinned posts are never neighbours, so an old pinned post on
    top cannot make the tail of a truncated page look deleted; ties never delete.
    """
    if not present:
        return []
    uids = list(present)
    times = [present[u] for u in uids]
    kept = [times[i] for i in _chronological(times)]
    oldest, newest = min(kept), max(kept)
    return [
        k
        for k in known
        if not k.deleted and not k.pinned and k.uid not in on_page and oldest < k.when < newest
    ]
