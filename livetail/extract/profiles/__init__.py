"""Site profiles: what one publisher's live blog looks like, as data plus small hooks.

A :class:`Profile` names the hosts it serves and the CSS of one update (:class:`Selectors`), and may
add hooks: ``custom`` runs first and reads publisher JSON (the Guardian's page model, BBC
``__NEXT_DATA__``); ``refine`` adjusts or drops one DOM update; ``finish`` sees the whole result
(to add the blog title or a reference instant the page implies). One module per site registers
its profile with :func:`register_profile`.

The single strategy ``profile`` (order 40) picks the source's configured ``profile`` (an unknown
name is an error listing the known ones), else the profile whose host matches the page URL (a
subdomain matches its parent), else one whose ``detect`` CSS is on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from livetail.errors import ExtractError
from livetail.extract.build import RawUpdate
from livetail.extract.core import Context, Found, register
from livetail.extract.page import Page
from livetail.extract.profiles.css import matches_any
from livetail.extract.profiles.selecting import Element, Selectors, blog_title, extract_items


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """One site's live-blog markup: hosts, selectors and optional hooks."""

    name: str
    hosts: tuple[str, ...] = ()
    selectors: Selectors | None = None
    detect: str | None = None  # CSS that identifies the markup on any host (e.g. a WordPress plugin)
    custom: Callable[[Page, Context], Found | None] | None = None
    refine: Callable[[RawUpdate, Element], RawUpdate | None] | None = None
    finish: Callable[[Found, Page, Context], Found] | None = None

    def matches_host(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)


PROFILES: dict[str, Profile] = {}


def register_profile(profile: Profile) -> Profile:
    if profile.name in PROFILES:
        raise ValueError(f"site profile {profile.name!r} registered twice")
    PROFILES[profile.name] = profile
    return profile


def known() -> list[str]:
    return sorted(PROFILES)


def pick(page: Page, context: Context) -> Profile | None:
    """The profile for this page: forced by name, else by host, else by a ``detect`` marker."""
    if context.profile:
        wanted = context.profile.strip().lower()
        if wanted not in PROFILES:
            raise ExtractError(f"unknown profile {context.profile!r}; known profiles: {', '.join(known())}")
        return PROFILES[wanted]
    for profile in PROFILES.values():
        if profile.matches_host(page.url):
            return profile
    if page.kind == "html" and page.text.strip():
        for profile in PROFILES.values():
            if profile.detect and matches_any(page.tree, profile.detect):
                return profile
    return None


def run(profile: Profile, page: Page, context: Context) -> Found | None:
    """Apply one profile: its custom hook first, then its selectors on an HTML page."""
    found = profile.custom(page, context) if profile.custom else None
    if (not found or not found.updates) and profile.selectors is not None and page.kind == "html":
        updates = extract_items(page.tree, profile.selectors, context, refine=profile.refine)
        found = Found(updates=updates, title=blog_title(page.tree)) if updates else None
    if found and found.updates and profile.finish is not None:
        found = profile.finish(found, page, context)
    return found if found and found.updates else None


@register("profile", order=40)
def extract_profile(page: Page, context: Context) -> Found | None:
    profile = pick(page, context)
    if profile is None:
        return None
    return run(profile, page, context)


# Site modules register themselves on import; they need the names above, hence the late import.
import livetail.extract.profiles.aljazeera  # noqa: E402
import livetail.extract.profiles.apnews  # noqa: E402
import livetail.extract.profiles.bbc  # noqa: E402
import livetail.extract.profiles.cnn  # noqa: E402
import livetail.extract.profiles.guardian  # noqa: E402
import livetail.extract.profiles.nyt  # noqa: E402
import livetail.extract.profiles.wordpress  # noqa: E402, F401

__all__ = ["PROFILES", "Profile", "Selectors", "known", "pick", "register_profile", "run"]
