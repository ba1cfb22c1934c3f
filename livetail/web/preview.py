"""``/preview``: fetch a URL the way a poll would and show what livetail would extract.

It goes through the same :class:`~livetail.fetch.Fetcher` (bounds, redirects, politeness) with
the SSRF guard always on: a URL on a private address (an IP literal or ``localhost``) is refused
before anything is sent, and a name that resolves to one is refused at connect time, on every
redirect hop. Only ``http``/``https`` URLs are accepted (never ``file://``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import tomlkit

from livetail.config import Config
from livetail.config_fields import source_url_problem
from livetail.errors import LivetailError
from livetail.extract.engine import extract
from livetail.fetch import Fetcher
from livetail.model import Update
from livetail.netguard import AddressPolicy, Resolver, blocked_reason, url_is_private
from livetail.preview import suggest_name

MAX_URL = 2000


@dataclass(frozen=True, slots=True)
class PreviewResult:
    url: str
    error: str | None = None
    strategy: str | None = None
    title: str | None = None
    updates: tuple[Update, ...] = ()
    toml: str = ""


def refusal(url: str, policy: AddressPolicy = blocked_reason) -> str | None:
    """Why ``url`` is not previewed at all, or None."""
    if len(url) > MAX_URL:
        return "That URL is too long."
    if not re.match(r"^https?://", url):
        return "Only http:// and https:// URLs can be previewed."
    # The rule of a source's url key: the [[sources]] block shown must load.
    problem = source_url_problem(url)
    if problem is not None:
        return f"That URL cannot be followed: {problem}."
    parts = urlsplit(url)
    if url_is_private(url, policy):
        return f"Refused: {parts.hostname} is a private address; the preview only fetches public pages."
    return None


def source_block(config: Config, url: str, title: str | None) -> str:
    """The ``[[sources]]`` table to paste into ``config.toml``."""
    name = suggest_name(url, {s.name for s in config.sources})
    block: dict[str, object] = {"name": name, "url": url}
    if title:
        block["title"] = title
    block["interval"] = "2m"
    return tomlkit.dumps({"sources": [block]})


async def run_preview(
    config: Config, url: str, *, resolver: Resolver | None = None, policy: AddressPolicy = blocked_reason
) -> PreviewResult:
    url = url.strip()
    why = refusal(url, policy)
    if why:
        return PreviewResult(url, error=why)
    try:
        hint = "the preview only fetches public pages"
        async with Fetcher(config.fetch, resolver=resolver, policy=policy, private_hint=hint) as fetcher:
            document = await fetcher.fetch(url, allow_private=False)
        extraction = extract(document, reference=document.date)
    except LivetailError as e:
        return PreviewResult(url, error=f"{type(e).__name__}: {e}")
    return PreviewResult(
        url,
        strategy=extraction.strategy,
        title=extraction.title,
        updates=extraction.updates,
        toml=source_block(config, url, extraction.title),
    )
