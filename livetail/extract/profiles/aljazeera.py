"""Al Jazeera live blogs (2023–26 DOM; research §2.3, [2+]).

``li[data-testid="live-blog-feed-item"] > div.card-live``: the time is "51 seconds ago (18:04 GMT)" —
relative plus a time of day with no date — in ``div.date-relative__time`` and/or
``.card-live__precontent time`` (whose ``datetime`` one 2026 script reads [1]); headline
``.card-live__content-area h2``; body ``.card-live__content``; photo-only entries have just a
``figcaption``. The post id is ``?update=<postID>`` in the share links (URL-encoded inside the
WhatsApp/Twitter share URLs), and the permalink is the blog URL with that query.
A saved page without a response ``Date`` is dated from the newest card's "N ago (HH:MM)" pair and
the given reference day, as the seed text is. Unverified [?]: bylines (none seen), pinned posts (none seen).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from livetail.extract.clockdates import reference_from_pair
from livetail.extract.core import Context, Found
from livetail.extract.page import Page
from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Selectors, first_value, select

SELECTORS = Selectors.build(
    'li[data-testid="live-blog-feed-item"]',
    id=('a[aria-label="Share on Whatsapp"]@href', 'a[href*="update"]@href'),
    id_pattern=r"(?i)(?:[?&]|%3F|%26)update(?:=|%3D)(\d+)",
    time=(".card-live__precontent time", ".date-relative__time", ".card-live__precontent"),
    title=(".card-live__content-area h2", "h2"),
    body=(".card-live__content",),
    noise=(".card-live__precontent", ".date-relative__time", '[class*="share"]', '[aria-label^="Share"]'),
)


def permalink(page_url: str, post_id: str) -> str:
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, f"update={post_id}", ""))


def finish(found: Found, page: Page, context: Context) -> Found:
    for update in found.updates:
        if update.publisher_id and not update.url:
            update.url = permalink(page.url, update.publisher_id)
    if page.document.date is None and context.reference is not None and found.reference is None:
        # A saved page: "5 mins ago (23:58 GMT)" on the newest card says when it was captured.
        day = context.reference.astimezone(context.timezone).date()
        for item in select(page.tree, SELECTORS.item):
            hit = first_value(item, (".card-live__precontent", ".date-relative__time"))
            found.reference = reference_from_pair(hit[1], day, context.timezone) if hit else None
            if found.reference is not None:
                found.notes.append("reference from the newest card's 'N ago (HH:MM)' pair")
                break
    return found


PROFILE = register_profile(
    Profile(name="aljazeera", hosts=("aljazeera.com", "aljazeera.net"), selectors=SELECTORS, finish=finish)
)
