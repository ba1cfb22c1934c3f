"""Which of its pages a source's poll reads, for every engine (see ``sqlite_0007_source_pages.sql``).

A source is followed on one page at a time, its configured URL; pointed at another (the next
day's live blog), it reads that page as its next one, whose updates are told apart from the
earlier pages' (:func:`livetail.identity.page_uid`). A page is the configured URL as
:func:`~livetail.config_fields.page_key` reads it, never where a fetch was redirected: an
http→https or trailing-slash redirect, or a fragment added to the URL, is the same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from livetail.config_fields import page_key


@dataclass(frozen=True, slots=True)
class PageChoice:
    """The page a poll reads, as :func:`page_for` found it."""

    #: The page's number among the source's pages (1: the first it followed).
    page: int
    #: Another page than the one the source's last reconciled poll read.
    turned: bool
    #: A page the source never followed before: the poll records it with its URL.
    first_time: bool


def page_for(url: str, current: int, followed: Sequence[tuple[int, str]]) -> PageChoice:
    """The page a poll of the configured ``url`` reads. ``current``: the page the source's last
    reconciled poll read; ``followed``: (page, url) of every page it has followed."""
    if not followed:  # never reconciled: this is its first page, whatever URL it started with
        return PageChoice(page=current, turned=False, first_time=True)
    wanted = page_key(url)
    for page, seen in followed:
        if page_key(seen) == wanted:
            # A page followed before, and pointed at again, carries on where it was left.
            return PageChoice(page=page, turned=page != current, first_time=False)
    return PageChoice(page=max(page for page, _ in followed) + 1, turned=True, first_time=True)
