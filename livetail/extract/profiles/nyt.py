"""The New York Times live pages (research §2.4, [1]; pagers-in-headlines ``ex_nyt``).

``section#live-feed-items > div[role=article][aria-posinset]`` wraps each post, a
``[data-testid="live-blog-post"]`` or ``"reporter-update"`` element with ``data-url=…#<anchor>`` and
an ``id``; ``time[datetime]``; an ``h2``. Noise: ``[data-testid=live-blog-byline|copy-link|Show-More|
share-tools]`` and the visually hidden "Image"/"Credit..." spans in figure captions. A pinned post
starts with the label "Pinned"; it is removed and the post flagged. Older posts are hidden and roll
off between fetches (``aria-posinset`` > 1 at the top), so a missing post is not a deleted one.
"""

from __future__ import annotations

import lxml.html

from livetail.extract.build import RawUpdate, clean_line
from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Element, Selectors

SELECTORS = Selectors.build(
    '[data-testid="live-blog-post"], [data-testid="reporter-update"]',
    id=("@data-url", "@id"),
    id_pattern=r"(?:#|^)([^#\s/]+)$",
    time=("time[datetime]", "time"),
    title=("h2",),
    author=('[data-testid="live-blog-byline"]',),
    url=("@data-url",),
    noise=(
        '[data-testid="live-blog-byline"]',
        '[data-testid="copy-link"]',
        '[data-testid="Show-More"]',
        '[data-testid="share-tools"]',
    ),
)
_LABELS = {"Image", "Credit...", "Credit…"}


def refine(raw: RawUpdate, item: Element) -> RawUpdate | None:
    root = lxml.html.fragment_fromstring(raw.body_html, create_parent="div")
    for span in root.xpath(".//figcaption//span"):
        if clean_line(span.text_content()) in _LABELS and span.getparent() is not None:
            span.drop_tree()
    for element in root.iter():
        if not isinstance(element, lxml.html.HtmlElement) or not clean_line(element.text):
            continue
        # The first text on the post: a "Pinned" label when the post is pinned.
        if clean_line(element.text_content()) == "Pinned" and element.getparent() is not None:
            element.drop_tree()
            raw.pinned = True
        break
    raw.body_html = "".join(str(lxml.html.tostring(child, encoding="unicode")) for child in root)
    return raw


PROFILE = register_profile(Profile(name="nyt", hosts=("nytimes.com",), selectors=SELECTORS, refine=refine))
