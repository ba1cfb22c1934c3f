"""A live blog page with schema.org JSON-LD in its head, for tests that check what the page's own
elements add to (or cut from) what its LD lists."""

from __future__ import annotations

import json
from typing import Any


def ld_blog_page(updates: list[dict[str, Any]], body: str, **blog: Any) -> str:
    """An HTML page whose LD is a LiveBlogPosting (``blog``'s extra keys) listing ``updates`` as
    BlogPostings, and whose body is ``body``."""
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        **blog,
        "liveBlogUpdate": [{"@type": "BlogPosting", **update} for update in updates],
    }
    return f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>{body}</body></html>'
