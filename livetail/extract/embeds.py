"""Embeds written as links, for an update that is nothing but embeds.

The sanitiser drops iframes, videos and AMP embeds together with their content (they run a third
party's code in the reader), so an update that is only a YouTube video or a post on X would come
out with no text and no title, and be lost. For such an update (and only for it: the text of every
other update stays as it always was, so no stored update looks edited) each embed is written as a
paragraph holding a link to what it shows, before sanitising:

    <iframe src="https://www.youtube.com/embed/x" title="Press conference">
        → <p><a href="https://www.youtube.com/embed/x">Video: Press conference</a></p>
    <amp-twitter data-tweetid="123">
        → <p><a href="https://twitter.com/i/web/status/123">Post on X: twitter.com/i/web/status/123</a></p>

The link goes through the sanitiser like any other (its scheme checked, a relative URL resolved
against the page); an embed with no usable address is left to be dropped.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

__all__ = ["EMBED_TAGS", "has_embed", "with_embed_links"]

EMBED_TAGS = (
    "iframe", "video", "embed", "object", "amp-iframe", "amp-video", "amp-youtube", "amp-twitter",
    "amp-instagram", "amp-facebook", "amp-vimeo", "amp-dailymotion",
)  # fmt: skip
_ANY_EMBED = re.compile(r"<(?:" + "|".join(EMBED_TAGS) + r")[\s/>]", re.IGNORECASE)

# AMP embeds name what they show by an id; these are the pages that show it.
_BY_ID = {
    "amp-twitter": ("data-tweetid", "https://twitter.com/i/web/status/{}", "Post on X"),
    "amp-youtube": ("data-videoid", "https://www.youtube.com/watch?v={}", "Video on YouTube"),
    "amp-instagram": ("data-shortcode", "https://www.instagram.com/p/{}/", "Post on Instagram"),
    "amp-vimeo": ("data-videoid", "https://vimeo.com/{}", "Video on Vimeo"),
    "amp-dailymotion": ("data-videoid", "https://www.dailymotion.com/video/{}", "Video on Dailymotion"),
}
_GENERIC_NAMES = frozenset(
    {"video", "embed", "embedded content", "iframe", "youtube", "youtube video", "youtube video player",
     "video player", "player", "tweet", "post", "twitter", "instagram", "facebook"}
)  # fmt: skip
_VIDEO_HOSTS = ("youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com")


def has_embed(body_html: str) -> bool:
    """Whether the markup holds an element that :func:`with_embed_links` would write as a link."""
    return _ANY_EMBED.search(body_html) is not None


def with_embed_links(body_html: str) -> str:
    """``body_html`` with each embed replaced by a paragraph linking to what it shows."""
    try:
        holder = lxml.html.fragment_fromstring(body_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return body_html
    for node in list(holder.iter(*EMBED_TAGS)):
        if node.getparent() is None or any(a.tag in EMBED_TAGS for a in node.iterancestors()):
            continue  # inside an embed that is replaced as a whole
        link = _link(node)
        if link is None:
            continue
        href, label = link
        paragraph = etree.Element("p")
        anchor = etree.SubElement(paragraph, "a", href=href)
        anchor.text = label
        paragraph.tail = node.tail
        node.getparent().replace(node, paragraph)
    return "".join([holder.text or "", *(lxml.html.tostring(child, encoding="unicode") for child in holder)])


def _link(node: lxml.html.HtmlElement) -> tuple[str, str] | None:
    tag = node.tag
    named = node.get("title") or node.get("aria-label") or node.get("alt")
    if named and named.strip().lower() in _GENERIC_NAMES:
        named = None  # "Video: Video" says nothing: its address does
    if tag in _BY_ID:
        attr, pattern, kind = _BY_ID[tag]
        ident = (node.get(attr) or "").strip()
        if not ident or not ident.replace("-", "").replace("_", "").isalnum():
            return None
        shown = pattern.format(ident)
        return shown, f"{kind}: {named or _shown(shown)}"
    address: str | None
    if tag == "amp-facebook":
        address = node.get("data-href")
    elif tag == "object":
        address = node.get("data")
    else:
        address = node.get("src") or node.get("data-src")
        if not address and tag in ("video", "amp-video"):
            source = next(node.iter("source"), None)
            address = source.get("src") if source is not None else None
    href = (address or "").strip()
    if not href:
        return None
    if href.startswith("//"):
        href = "https:" + href
    try:
        parts = urlsplit(href)
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", ""):
        return None  # javascript:, data: and the like show nothing a reader could open
    video = tag in ("video", "amp-video") or any(host == h or host.endswith("." + h) for h in _VIDEO_HOSTS)
    return href, f"{'Video' if video else 'Embedded content'}: {named or _shown(href)}"


def _shown(href: str) -> str:
    """The address as a link text: without its scheme (each embed's differs, so two updates that
    are only embeds never read alike)."""
    return href.split("://", 1)[-1]
