"""AP News live pages (research §2.4, [2+]; pagers-in-headlines ``ex_ap``).

``<bsp-liveblog-post class="LiveBlogPost" data-post-id=… data-posted-date-timestamp=<epoch ms>>`` with
``h2.LiveBlogPost-headline``, ``.LiveBlogPost-body`` and the permalink in ``bsp-copy-link[data-link]``.
The visible ``.LiveBlogPost-time``/``-date`` are rendered by AP's JS, so the epoch attribute is the
time. Day headers (``h3.LiveBlogPage-dateGroup``) sit between posts and are not matched.
Unverified [?]: the byline class (``.LiveBlogPost-byline`` is a guess), pinned/key posts, edits.
"""

from __future__ import annotations

from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Selectors

SELECTORS = Selectors.build(
    "bsp-liveblog-post[data-post-id], .LiveBlogPost[data-post-id]",
    id="@data-post-id",
    time=("@data-posted-date-timestamp", ".LiveBlogPost-timestamp@data-timestamp", "time[datetime]"),
    modified=("@data-updated-date-timestamp",),
    title=(".LiveBlogPost-headline", "h2"),
    body=(".LiveBlogPost-body",),
    author=(".LiveBlogPost-byline",),
    url=("bsp-copy-link@data-link", "[data-link]@data-link"),
    noise=("bsp-copy-link", ".LiveBlogPost-time", ".LiveBlogPost-date", '[class*="Advertisement"]'),
)

PROFILE = register_profile(Profile(name="apnews", hosts=("apnews.com",), selectors=SELECTORS))
