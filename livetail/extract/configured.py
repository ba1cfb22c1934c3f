"""``[sources.selectors]``: CSS the user wrote for a site no profile knows (order 50).

``item`` is the CSS of one update; ``id``, ``time``, ``title``, ``body``, ``author`` and ``pinned``
are relative to it, and ``time`` (also ``id``) may end in ``@attr`` to read an attribute
(``time = "time@datetime"``; ``id = ":scope@data-post-id"`` reads the item's own attribute, and
since CSS here matches descendant-or-self, ``[data-post-id]@data-post-id`` does too). Without
``id`` the item's ``id`` attribute is used when present, else identity falls back to the content
hash. Returns None when the
source configures no selectors, so the strategy costs nothing elsewhere.
"""

from __future__ import annotations

from livetail.extract.core import Context, Found, register
from livetail.extract.page import Page
from livetail.extract.profiles.selecting import Selectors, blog_title, extract_items


def selectors_from(config: object) -> Selectors | None:
    item = getattr(config, "item", None)
    if not item:
        return None

    def field(name: str) -> tuple[str, ...]:
        value = getattr(config, name, None)
        return (value,) if isinstance(value, str) and value.strip() else ()

    return Selectors(
        item=item,
        id=field("id") or ("@id",),
        time=field("time"),
        title=field("title"),
        body=field("body"),
        author=field("author"),
        pinned=field("pinned"),
    )


@register("selectors", order=50)
def extract_configured(page: Page, context: Context) -> Found | None:
    if context.selectors is None or page.kind != "html":
        return None
    selectors = selectors_from(context.selectors)
    if selectors is None:
        return None
    updates = extract_items(page.tree, selectors, context)
    return Found(updates=updates, title=blog_title(page.tree)) if updates else None
