"""One live blog through its life, served by a real HTTP server and polled by the real pipeline,
in three shapes (JSON-LD, microdata, a no-id page for the heuristics): exact events at each step."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import PageServer
from feedcheck import assert_valid_atom

from livetail.config import parse_config
from livetail.fetch import Fetcher
from livetail.pipeline import Pipeline
from livetail.store.sqlite import SQLiteStore

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TOPICS = ["bridge", "harbour", "airport", "rail line", "school", "hospital", "market", "stadium", "tunnel", "dam",
          "power plant", "ferry", "museum", "library", "park", "station", "court", "port", "mine", "farm",
          "factory", "castle", "square", "tower", "canal", "pier"]  # fmt: skip


@dataclass
class Post:
    k: int
    title: str
    body: str

    @property
    def time(self) -> datetime:
        return START + timedelta(minutes=5 * self.k)


@dataclass
class Blog:
    posts: dict[int, Post] = field(default_factory=dict)
    pinned: int | None = None
    window: int = 20
    headline: str = "Storm Ada live"

    def add(self, *ks: int) -> None:
        for k in ks:
            topic = TOPICS[(k - 1) % len(TOPICS)]
            self.posts[k] = Post(
                k,
                f"Officials inspect the {topic} after the storm",
                f"Engineers were sent to the {topic} at first light. Update {k} follows.",
            )

    def shown(self) -> list[Post]:
        rest = sorted((p for k, p in self.posts.items() if k != self.pinned), key=lambda p: -p.k)
        top = [self.posts[self.pinned]] if self.pinned in self.posts else []
        return top + rest[: self.window - len(top)]


def ago(now: datetime, when: datetime) -> str:
    minutes = int((now - when).total_seconds() // 60)
    return f"{minutes} mins ago" if minutes < 60 else f"{minutes // 60} hr {minutes % 60} min ago"


def render_jsonld(blog: Blog, url: str, now: datetime) -> str:
    posts = blog.shown()
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": blog.headline,
        "url": url,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "url": f"{url}#post-{p.k}",
                "headline": p.title,
                "articleBody": p.body,
                "datePublished": p.time.isoformat(),
            }
            for p in posts
        ],
    }
    articles = "".join(
        f'<article id="post-{p.k}"><time datetime="{p.time.isoformat()}">{ago(now, p.time)}</time>'
        f"<h2>{html.escape(p.title)}</h2><p>{html.escape(p.body)}</p></article>"
        for p in posts
    )
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body><h1>{blog.headline}</h1>{articles}</body></html>"
    )


def render_microdata(blog: Blog, url: str, now: datetime) -> str:
    items = "".join(
        f'<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" id="post-{p.k}">'
        f'<meta itemprop="url" content="{url}#post-{p.k}"><meta itemprop="datePublished" '
        f'content="{p.time.isoformat()}"><span class="ago">{ago(now, p.time)}</span>'
        f'<h2 itemprop="headline">{html.escape(p.title)}</h2>'
        f'<div itemprop="articleBody"><p>{html.escape(p.body)}</p></div></div>'
        for p in blog.shown()
    )
    return (
        f'<html><body><h1>{blog.headline}</h1><div itemscope itemtype="https://schema.org/LiveBlogPosting">'
        f"{items}</div></body></html>"
    )


def render_plain(blog: Blog, url: str, now: datetime) -> str:
    """No structured data and no ids: repeated blocks with a printed time, for the heuristics."""
    posts = "".join(
        f'<div class="post"><span class="ago">{ago(now, p.time)}</span> '
        f"<time>{p.time.strftime('%H:%M')} GMT</time><h2>{html.escape(p.title)}</h2>"
        f"<p>{html.escape(p.body)}</p></div>"
        for p in blog.shown()
    )
    return f'<html><body><h1>{blog.headline}</h1><div class="feed">{posts}</div></body></html>'


Renderer = Callable[[Blog, str, datetime], str]
SHAPES: dict[str, tuple[Renderer, str]] = {
    "jsonld": (render_jsonld, "jsonld"),
    "microdata": (render_microdata, "microdata"),
    "heuristic": (render_plain, "heuristic"),
}


@pytest.mark.parametrize("shape", list(SHAPES))
async def test_live_blog_lifecycle(shape: str, tmp_path: Path, page_server: PageServer) -> None:
    render, strategy = SHAPES[shape]
    url = page_server.url("/live")
    config = parse_config(
        {
            "state": {"path": "state.db"},
            "publish": {"base_url": "http://feeds.example.test/", "window": 30},
            "sources": [{"name": "storm", "url": url}],
        },
        base_dir=tmp_path,
        env={},
    )
    store = await SQLiteStore.open(config.state.path)
    blog = Blog()
    clock = {"now": START + timedelta(hours=3)}  # every post is in the past at every poll

    async def poll(renderer: Renderer = render) -> list[tuple[str, str]]:
        clock["now"] += timedelta(minutes=7)  # relative times shift on every fetch
        now = clock["now"]
        page_server.set(
            "/live", renderer(blog, url, now), headers={"Date": format_datetime(now, usegmt=True)}
        )
        result = await pipeline.poll(config.sources[0])
        assert result.ok, result.error
        if renderer is render:
            assert result.strategy == strategy
        return [(e.type.value, e.title) for e in result.events]

    def title(k: int) -> str:
        return blog.posts[k].title

    try:
        async with Fetcher(config.fetch) as fetcher:
            pipeline = Pipeline(config, store, fetcher, clock=lambda: clock["now"])
            blog.add(*range(1, 9))
            assert await poll() == []  # the silent baseline
            blog.add(9, 10)
            assert await poll() == [("update.created", title(9)), ("update.created", title(10))]  # as posted
            assert await poll() == []  # nothing but relative times changed

            blog.posts[5].body += " Correction: the inspection was postponed."
            assert await poll() == [("update.edited", title(5))]

            retracted = title(7)
            del blog.posts[7]
            assert await poll() == [("update.deleted", retracted)]

            blog.add(*range(11, 17))
            assert await poll() == [("update.created", title(k)) for k in range(11, 17)]

            blog.pinned = 2  # an old post pinned on top, unmarked; the oldest fall off the 20-item page
            blog.add(*range(17, 23))
            assert await poll() == [("update.created", title(k)) for k in range(17, 23)]
            assert 1 not in [p.k for p in blog.shown()]

            blog.pinned = 4  # the pinned post moves: state, not events
            assert await poll() == []

            if shape != "heuristic":
                # one poll without structured data: matched by fingerprint, nothing re-announced
                assert await poll(render_plain) == []
                assert await poll() == []

            # the page is replaced by a different blog: one source.degraded, no update alerts
            other = Blog(headline="Election night live")
            other.posts = {k: Post(k, f"Results declared in district {k}", f"District {k} counted its votes.")
                           for k in range(101, 121)}  # fmt: skip
            blog.posts, blog.pinned = other.posts, None
            ever = datetime(2000, 1, 1, tzinfo=UTC)
            live_before = {u.uid for u in await store.list_updates("storm") if u.deleted_at is None}
            tombstones_before = await store.list_tombstones("storm", since=ever)
            events = await poll()
            assert [e[0] for e in events] == ["source.degraded"]

            stored = await store.list_updates("storm")
            assert len({u.uid for u in stored}) == len(stored)
            feed = (config.publish.dir / "feeds" / "storm.atom").read_bytes()
            assert_valid_atom(feed)
            # The old blog's posts stay stored and live: a degraded poll retracts nothing.
            assert live_before and live_before <= {u.uid for u in stored if u.deleted_at is None}
            assert await store.list_tombstones("storm", since=ever) == tombstones_before
    finally:
        await store.close()
