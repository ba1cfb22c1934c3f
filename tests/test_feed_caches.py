"""The feed renderers' caches (reused Atom entries, reused JSON Feed items) never change a byte.

A feed rendered with its cache, again and again as its window moves and its updates change, must be
exactly the document rendered from scratch: same entries, same order, same escaping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from livetail.feeds import ContentMode, FeedLinks, FeedSource
from livetail.feeds.atom import EntryCache, render_atom
from livetail.feeds.jsonfeed import ItemCache, render_json_feed
from livetail.model import StoredUpdate

T0 = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
# XML 1.0 characters only (the store holds sanitised text): quotes, markup, newlines, non-ASCII.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(["\n", "\t", "<", "&", '"', "\\", "é", "…", "\u2028"]),
    max_size=40,
)


@st.composite
def stored(draw: st.DrawFn, k: int) -> StoredUpdate:
    published = draw(st.none() | st.just(T0 + timedelta(minutes=k)))
    text = draw(TEXT)
    return StoredUpdate(
        source="storm",
        uid=f"u{k}",
        atom_id=f"urn:uuid:00000000-0000-4000-8000-{k:012d}",
        fingerprint="f",
        content_hash="c",
        title=draw(TEXT) or f"Update {k}",
        content_html=draw(st.sampled_from(["", f"<p>{k}</p>", "<p>a &amp; b</p>"])),
        text=text,
        url=f"https://e.org/live#post-{k}",
        published=published,
        modified=draw(st.none() | st.just(T0 + timedelta(hours=1, minutes=k))),
        authors=tuple(draw(st.lists(st.sampled_from(["Ann", "Bo Çelik"]), max_size=2))),
        pinned=draw(st.booleans()),
        key_event=draw(st.booleans()),
        first_seen=T0 + timedelta(minutes=k, seconds=1),
        last_seen=T0,
    )


@st.composite
def windows(draw: st.DrawFn) -> list[list[StoredUpdate]]:
    """Successive windows of one feed: ids come and go, some updates are edited in between."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        ids = draw(st.lists(st.integers(0, 12), unique=True, max_size=8))
        out.append([draw(stored(k)) for k in sorted(ids, reverse=True)])
    return out


SOURCE = FeedSource(
    name="storm",
    feed_id="urn:uuid:11111111-0000-4000-8000-000000000000",
    title="Storm",
    url="https://e.org/live",
    since=T0,
)
LINKS = FeedLinks(self_url="http://f.test/feeds/storm.atom", alternate="https://e.org/live")


@given(windows(), st.sampled_from(["full", "excerpt"]), st.booleans())
def test_cached_renderings_equal_fresh_ones(
    sequence: list[list[StoredUpdate]], content: str, with_urls: bool
) -> None:
    source = FeedSource(
        name=SOURCE.name,
        feed_id=SOURCE.feed_id,
        title=SOURCE.title,
        url=SOURCE.url,
        since=T0,
        content=content,  # type: ignore[arg-type]
    )
    atom_cache, json_cache = EntryCache(), ItemCache()
    for updates in sequence:
        urls = {u.atom_id: f"http://f.test/e/{u.uid}" for u in updates} if with_urls else None
        prefixes = {u.atom_id: f"[{u.uid}] " for u in updates[::2]}
        # (the feed over every source gives some entries another source's content mode)
        modes: dict[str, ContentMode] = {u.atom_id: "excerpt" for u in updates[1::3]}
        for _ in range(2):  # the second rendering of a window reuses everything
            assert render_atom(
                source,
                updates,
                links=LINKS,
                entry_urls=urls,
                prefixes=prefixes,
                contents=modes,
                cache=atom_cache,
            ) == render_atom(source, updates, links=LINKS, entry_urls=urls, prefixes=prefixes, contents=modes)
            assert render_json_feed(
                source,
                updates,
                feed_url="http://f.test/feeds/storm.json",
                prefixes=prefixes,
                contents=modes,
                cache=json_cache,
            ) == render_json_feed(
                source, updates, feed_url="http://f.test/feeds/storm.json", prefixes=prefixes, contents=modes
            )
        assert len(atom_cache) == len(json_cache) == len(updates)  # one window held, no more


def test_an_edited_update_is_rendered_again() -> None:
    def update(title: str) -> StoredUpdate:
        return StoredUpdate(
            source="storm",
            uid="u1",
            atom_id="urn:uuid:00000000-0000-4000-8000-000000000001",
            fingerprint="f",
            content_hash="c",
            title=title,
            content_html="<p>Body</p>",
            text="Body",
            url="https://e.org/live#post-1",
            published=T0,
            modified=None,
            authors=(),
            pinned=False,
            first_seen=T0,
            last_seen=T0,
        )

    atom_cache, json_cache = EntryCache(), ItemCache()
    render_atom(SOURCE, [update("First title")], links=LINKS, cache=atom_cache)
    render_json_feed(SOURCE, [update("First title")], feed_url="x", cache=json_cache)
    assert b"Corrected title" in render_atom(
        SOURCE, [update("Corrected title")], links=LINKS, cache=atom_cache
    )
    assert b"Corrected title" in render_json_feed(
        SOURCE, [update("Corrected title")], feed_url="x", cache=json_cache
    )
