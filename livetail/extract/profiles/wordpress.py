"""WordPress sites running the Automattic Liveblog plugin (Automattic/liveblog).

Markup read in the plugin's source (mirror at commit 40db11c1, plus older stored versions):

* server template ``templates/liveblog-single-entry.php``: ``div#liveblog-entry-<id>.liveblog-entry
  [data-timestamp=<unix s>]`` > ``header.liveblog-meta`` (``.liveblog-author-name``,
  ``.liveblog-meta-time a[href="#liveblog-entry-<id>"] span.date/span.time``) +
  ``div.liveblog-entry-text``; the loop wraps entries in ``#liveblog-entries``;
* the React front end (``src/react/containers/EntryContainer.js``): ``article#id_<id>.liveblog-entry``
  (``is-key-event`` for key events) > ``aside a.liveblog-meta-time[href=<share link>]`` with a
  relative and a formatted time, ``.liveblog-meta-author-name``, ``.liveblog-entry-content``. It is
  rendered client-side, so a plain fetch usually sees only the JSON-LD (handled by ``jsonld``);
* a later card template (``templates/entry.php``): ``article#liveblog-entry-<id>[data-entry-id]
  [data-timestamp]`` with ``time[datetime]`` and ``.liveblog-card-author``;
* AMP (``templates/amp/entry.php``): ``div.liveblog-entry#post<id>``.

``timestamp`` is the entry's GMT publish time (``comment_date_gmt``); the share link is
``<permalink>#<entry id>`` (``class-wpcom-liveblog-entry.php``), which is also the JSON-LD ``url``, so
uid = the numeric entry id and the default URL ``<page>#<id>`` matches it. An entry's optional
headline is ``h2.liveblog-entry-header`` (the React front end and the later templates; an older
template's ``header.liveblog-entry-header`` is the meta box, not a headline). Without one (the
plugin's own LD then uses the first ten words) a heading or a bold line of its own opening the
text is the title, else the first sentence is. Themes may
override templates: expect to need ``[sources.selectors]`` on customised sites.
"""

from __future__ import annotations

from livetail.extract.profiles import Profile, register_profile
from livetail.extract.profiles.selecting import Selectors

SELECTORS = Selectors.build(
    ".liveblog-entry",
    general_cuts=True,  # (each site's theme and ad plugins inject their own boxes into entries)
    id=("@data-entry-id", "@id"),
    id_pattern=r"(\d+)$",
    time=("@data-timestamp", "time[datetime]", ".liveblog-meta-time .time", ".liveblog-meta-time"),
    # (the headline, else the heading or bold line editors open many entries with)
    title=(
        "h2.liveblog-entry-header",
        *(
            f"{body} > {heading}:first-child"
            for body in (".liveblog-entry-text", ".liveblog-entry-content")
            for heading in ("h2", "h3", "h4")
        ),
    ),
    lead_title=tuple(
        f"{body} > p:first-child > {bold}:only-child"
        for body in (".liveblog-entry-text", ".liveblog-entry-content")
        for bold in ("strong", "b")
    ),
    body=(".liveblog-entry-text", ".liveblog-entry-content"),
    author=(".liveblog-author-name", ".liveblog-meta-author-name", ".liveblog-card-author"),
    key_event=(".is-key-event",),
    noise=(
        ".liveblog-entry-actions",
        ".liveblog-entry-tools",
        ".liveblog-author-avatar",
        ".liveblog-meta-author-avatar",
        ".liveblog-entry-edit",
    ),
)

PROFILE = register_profile(
    Profile(
        name="wordpress",
        selectors=SELECTORS,
        detect="#liveblog-entries .liveblog-entry, .liveblog-entry[data-timestamp]",
    )
)
