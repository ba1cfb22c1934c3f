"""Extraction speed on 1,000-update live blogs: livetail vs a bare lxml parse vs BeautifulSoup.

Run: .venv/bin/python bench/extract.py [--reps 5] [--updates 1000] [--profile [N]]

Four page shapes are generated (seeded, so every run sees the same bytes): JSON-LD
``LiveBlogPosting`` with matching ``<article id>`` elements, microdata ``liveBlogUpdate`` items,
a Guardian-like DCR page (``article#block-<24hex>.block``) and a heuristic page (``div.post`` with
``<time>`` and ``h2``, no structured data). Each post has a header, two or three paragraphs, a
link and a figure; an ad sits between every ~10 posts. Before timing, livetail's extractor must
find exactly ``--updates`` updates on every shape (the winning strategy is printed), and so
must the BeautifulSoup baseline; otherwise the run stops.

Per shape and repetition (round-robin; medians reported). The check above is the warm-up: it
runs every measured function once per shape before any timing.

* ``livetail``: ``extract()`` end to end (decode, parse, locate, sanitise, text, dates, identity).
* ``lxml parse``: ``lxml.html.fromstring`` of the same bytes, the floor.
* ``lxml+nh3``: a minimal pipeline (parse, XPath, ``tostring``, ``nh3.clean``, ``text_content``);
  the reference point for the "within 6x of the parse" target.
* ``bs4``: BeautifulSoup (``html.parser``) and CSS selects for the same fields: id, title,
  time (``datetime.fromisoformat``), body HTML string, text. What most scrapers do.
* livetail's stages, timed by calling its internals in the order ``engine.extract`` does:
  ``parse`` (``Page.from_document`` + ``page.tree``), ``locate`` (every strategy's ``run`` up to
  and including the winner), ``sanitise`` (``sanitize_to_text_many`` over the found bodies: nh3 and the
  text, as ``build.finish_all`` calls it, memos cold; ``text`` is what it takes beyond ``sanitize_html``
  alone over the same bodies), ``dates`` (``engine._publish_times``: dating
  printed times of day; explicit datetimes, as on these pages, are parsed while locating), and
  ``build`` (the rest of ``engine.finish_found``: titles, uids, fingerprints, dedupe).

Sizes are MB = 10**6 bytes. ``--profile`` runs cProfile over ``extract()`` on the slowest shape
and prints the top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import html
import io
import json
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import lxml.html
import nh3
from bs4 import BeautifulSoup
from lxml import etree

from livetail.extract import engine
from livetail.extract.core import Context, Found, ordered
from livetail.extract.engine import extract
from livetail.extract.htmlclean import sanitize_html, sanitize_to_text_many
from livetail.extract.page import Page
from livetail.memo import clear_all
from livetail.model import Document

SEED = 20260301
REFERENCE = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)
CONTENT_TYPE = "text/html; charset=utf-8"
AD_EVERY = 10

# --- page generation -----------------------------------------------------------------------------

_PLACES = [
    "Leeds",
    "York",
    "the coast",
    "Whitby",
    "the capital",
    "Geneva",
    "the border",
    "the harbour",
    "the north",
    "the valley",
    "Brussels",
    "the airport",
    "the city centre",
    "the ring road",
]
_WHO = [
    "The minister",
    "A spokesperson for the council",
    "Police",
    "The Met Office",
    "Officials",
    "The prime minister",
    "Emergency services",
    "The transport secretary",
    "Local residents",
    "The environment agency",
    "Our correspondent",
    "The opposition leader",
    "Rail operators",
]
_DID = ["said", "confirmed", "warned", "told reporters", "announced", "added", "insisted", "reported"]
_WHAT = [
    "the situation remained serious",
    "more details would follow later this evening",
    "flood defences were holding for now",
    "talks would continue overnight",
    "roads would stay closed",
    "an update was expected within the hour",
    "the cost was still being assessed",
    "nobody had been seriously hurt",
    "the warning had been extended until midnight",
    "extra staff had been sent to help",
    "the decision was not taken lightly",
    "the figures would be published on Monday",
    "conditions were improving slowly",
]
_TITLE = [
    "{who} says {what}",
    "Warning extended in {place}",
    "Latest from {place}",
    "What we know so far",
    "{place}: {what}",
    "Roads closed around {place}",
    "Reaction from {place}",
    "{who} {did} {what}",
]
_NAMES = ["Jane Doe", "Ahmed Khan", "Maria Lopez", "Tom Evans", "Chen Wei", "Sarah O'Brien"]


@dataclass(frozen=True)
class Post:
    index: int  # 1 = oldest
    uid: str
    title: str
    published: datetime
    author: str
    paragraphs: list[str]  # inner HTML of each <p>
    image: tuple[str, str, str]  # src, alt, caption

    @property
    def iso(self) -> str:
        return self.published.isoformat()

    @property
    def clock(self) -> str:
        return self.published.strftime("%H.%M GMT")

    @property
    def plain(self) -> str:
        return "\n".join(
            lxml.html.fragment_fromstring(p, create_parent="p").text_content() for p in self.paragraphs
        )

    def body_html(self) -> str:
        src, alt, caption = self.image
        paragraphs = [f"<p>{p}</p>" for p in self.paragraphs]
        figure = (
            f'<figure><img src="{src}" alt="{html.escape(alt)}" width="940" height="528" loading="lazy">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        )
        paragraphs.insert(1, figure)
        return "".join(paragraphs)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_WHO)} {rng.choice(_DID)} {rng.choice(_WHAT)} in {rng.choice(_PLACES)}."


def make_posts(n: int, rng: random.Random, uid: Callable[[int, random.Random], str]) -> list[Post]:
    """``n`` posts, newest first, a few minutes apart, ending before REFERENCE."""
    posts = []
    at = REFERENCE - timedelta(minutes=3)
    for k in range(n, 0, -1):
        paragraphs = []
        for _ in range(rng.randint(2, 3)):
            paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 3))))
        link = f'<a href="/news/2026/mar/01/story-{rng.randint(1000, 9999)}">{rng.choice(_PLACES)} report</a>'
        paragraphs[rng.randrange(len(paragraphs))] += f" Read the full {link} here."
        words = {
            "who": rng.choice(_WHO),
            "did": rng.choice(_DID),
            "what": rng.choice(_WHAT),
            "place": rng.choice(_PLACES),
        }
        title = f"{k}. " + rng.choice(_TITLE).format(**words)
        image = (
            f"https://media.example.com/img/2026/03/01/{k:05d}.jpg",
            f"Scene in {words['place']}",
            f"The scene in {words['place']} this afternoon. Photograph: Agency",
        )
        posts.append(Post(k, uid(k, rng), title, at, rng.choice(_NAMES), paragraphs, image))
        at -= timedelta(minutes=rng.randint(1, 5), seconds=rng.randint(0, 59))
    return posts


def _ad(n: int) -> str:
    return (
        f'<div class="ad-slot-container"><div id="dfp-ad--inline{n}" class="ad-slot ad-slot--inline" '
        f'data-name="inline{n}">Advertisement</div><script>window.ads=window.ads||[];'
        f'ads.push("inline{n}");</script></div>\n'
    )


def _page(title: str, head_extra: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta property="og:title" content="{html.escape(title)}">'
        '<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js" defer></script>'
        f"{head_extra}</head><body>\n"
        '<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/weather">Weather</a></li></ul></nav></header>\n'
        f"<main><h1>{html.escape(title)}</h1>\n"
        '<p class="standfirst">Follow the latest as the storm moves east.</p>\n'
        f"{body}</main>\n"
        '<footer class="site-footer"><p>&copy; 2026 Example News</p></footer></body></html>\n'
    )


def _with_ads(parts: list[str]) -> str:
    out = []
    for n, part in enumerate(parts, start=1):
        out.append(part)
        if n % AD_EVERY == 0 and n < len(parts):
            out.append(_ad(n // AD_EVERY))
    return "".join(out)


def jsonld_page(n: int, rng: random.Random) -> tuple[str, str]:
    url = "https://news.example.com/live/2026/mar/01/storm-ada-live"
    posts = make_posts(n, rng, lambda k, _r: f"post-{k}")
    title = "Storm Ada live: flood warnings across the north"
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "headline": title,
        "coverageStartTime": posts[-1].iso,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#{p.uid}",
                "url": f"{url}#{p.uid}",
                "headline": p.title,
                "datePublished": p.iso,
                "author": {"@type": "Person", "name": p.author},
                "articleBody": p.plain,
            }
            for p in posts
        ],
    }
    script = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    articles = [
        f'<article id="{p.uid}" class="live-post">'
        f'<header><time datetime="{p.iso}">{p.clock}</time><h2>{html.escape(p.title)}</h2>'
        f'<span class="byline">{p.author}</span></header>'
        f'<div class="post-body">{p.body_html()}</div>'
        f'<footer><a class="share" href="https://twitter.com/intent/tweet?url={url}%23{p.uid}">Share</a>'
        "</footer></article>\n"
        for p in posts
    ]
    return url, _page(title, script, f'<div class="live-feed">\n{_with_ads(articles)}</div>\n')


def microdata_page(n: int, rng: random.Random) -> tuple[str, str]:
    url = "https://news.example.com/live/2026/mar/01/election-night"
    posts = make_posts(n, rng, lambda k, _r: f"update-{k}")
    title = "Election night live: results as they come in"
    items = [
        f'<article id="{p.uid}" itemprop="liveBlogUpdate" itemscope '
        'itemtype="https://schema.org/BlogPosting">'
        f'<header><h2 itemprop="headline">{html.escape(p.title)}</h2>'
        f'<time itemprop="datePublished" datetime="{p.iso}">{p.clock}</time>'
        f'<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        f'<span itemprop="name">{p.author}</span></span></header>'
        f'<div itemprop="articleBody">{p.body_html()}</div></article>\n'
        for p in posts
    ]
    body = (
        '<div itemscope itemtype="https://schema.org/LiveBlogPosting">'
        f'<meta itemprop="headline" content="{html.escape(title)}">'
        f'<meta itemprop="coverageStartTime" content="{posts[-1].iso}">\n'
        f"{_with_ads(items)}</div>\n"
    )
    return url, _page(title, "", body)


def guardian_page(n: int, rng: random.Random) -> tuple[str, str]:
    url = "https://www.theguardian.com/world/live/2026/mar/01/storm-ada-live"
    posts = make_posts(n, rng, lambda _k, r: f"{r.getrandbits(96):024x}")
    title = "Storm Ada live: flood warnings across the north"
    blocks = []
    for p in posts:
        link = f"{url}?page=with:block-{p.uid}#block-{p.uid}"
        blocks.append(
            f'<article id="block-{p.uid}" class="block"><header><div>'
            f'<a href="{link}" data-ignore="global-link-styling">'
            f'<time datetime="{p.iso}" data-relativeformat="med">{p.index}m ago</time>'
            f"<span>{p.clock}</span></a></div><h2>{html.escape(p.title)}</h2>"
            f'<div><div><img src="https://i.guim.co.uk/img/uploads/{p.author[:4].lower()}.png" '
            f'alt="{p.author}"></div><span>{p.author}</span></div></header>'
            f"{p.body_html()}"
            '<footer><ul><li><a href="https://www.facebook.com/dialog/share?app_id=1" '
            'aria-label="Share on Facebook"><span><svg><path d="M1 1"></path></svg></span></a></li></ul>'
            "</footer></article>\n"
        )
    body = f'<div id="liveblog-body">\n<div id="top-of-blog"></div>\n{_with_ads(blocks)}</div>\n'
    return url, _page(f"{title} | World news | The Guardian", "", body)


def heuristic_page(n: int, rng: random.Random) -> tuple[str, str]:
    url = "https://news.example.com/weather/storm-ada-live"
    posts = make_posts(n, rng, lambda k, _r: f"p-{k}")
    title = "Storm Ada live: flood warnings across the north"
    divs = [
        f'<div class="post" id="{p.uid}"><div class="meta"><time datetime="{p.iso}">{p.clock}</time></div>'
        f"<h2>{html.escape(p.title)}</h2>{p.body_html()}</div>\n"
        for p in posts
    ]
    return url, _page(title, "", f'<div class="feed">\n{_with_ads(divs)}</div>\n')


# --- baselines -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """Where a scraper finds each field, per shape (CSS for bs4, XPath for the lxml pipeline)."""

    item_css: str
    title_css: str
    time_css: str
    body_css: str  # relative to the item; several matches are concatenated
    item_xpath: str
    title_xpath: str
    time_xpath: str
    body_xpath: str
    id_attr: str = "id"


FIELDS = {
    "jsonld": Fields(
        "article.live-post",
        "h2",
        "time[datetime]",
        "div.post-body",
        "//article[@class='live-post']",
        ".//h2",
        ".//time/@datetime",
        "./div[@class='post-body']",
    ),
    "microdata": Fields(
        '[itemprop="liveBlogUpdate"]',
        '[itemprop="headline"]',
        'time[itemprop="datePublished"]',
        '[itemprop="articleBody"]',
        "//*[@itemprop='liveBlogUpdate']",
        ".//*[@itemprop='headline']",
        ".//time[@itemprop='datePublished']/@datetime",
        "./*[@itemprop='articleBody']",
    ),
    "guardian": Fields(
        'article[id^="block-"]',
        "header h2",
        "header time[datetime]",
        ":scope > p, :scope > figure",
        "//article[starts-with(@id, 'block-')]",
        "./header//h2",
        "./header//time/@datetime",
        "./p|./figure",
    ),
    "heuristic": Fields(
        "div.post",
        "h2",
        "time[datetime]",
        ":scope > p, :scope > figure",
        "//div[@class='post']",
        ".//h2",
        ".//time/@datetime",
        "./p|./figure",
    ),
}


def bs4_extract(content: bytes, fields: Fields) -> list[dict[str, Any]]:
    soup = BeautifulSoup(content, "html.parser")
    out = []
    for item in soup.select(fields.item_css):
        title = item.select_one(fields.title_css)
        stamp = item.select_one(fields.time_css)
        body = item.select(fields.body_css)
        out.append(
            {
                "id": item.get(fields.id_attr),
                "title": title.get_text(" ", strip=True) if title else None,
                "published": datetime.fromisoformat(str(stamp["datetime"])) if stamp else None,
                "html": "".join(str(b) for b in body),
                "text": "\n\n".join(b.get_text(" ", strip=True) for b in body),
            }
        )
    return out


def lxml_nh3_extract(content: bytes, fields: Fields) -> list[dict[str, Any]]:
    root = lxml.html.fromstring(content)
    out = []
    for item in root.xpath(fields.item_xpath):
        titles = item.xpath(fields.title_xpath)
        stamps = item.xpath(fields.time_xpath)
        body = item.xpath(fields.body_xpath)
        markup = "".join(etree.tostring(b, encoding="unicode", method="html", with_tail=False) for b in body)
        out.append(
            {
                "id": item.get(fields.id_attr),
                "title": titles[0].text_content().strip() if titles else None,
                "published": datetime.fromisoformat(str(stamps[0])) if stamps else None,
                "html": nh3.clean(markup),
                "text": "\n\n".join(b.text_content().strip() for b in body),
            }
        )
    return out


def bare_parse(content: bytes) -> None:
    lxml.html.fromstring(content)


# --- livetail, whole and by stage ----------------------------------------------------------------

SHAPES: dict[str, Callable[[int, random.Random], tuple[str, str]]] = {
    "jsonld": jsonld_page,
    "microdata": microdata_page,
    "guardian": guardian_page,
    "heuristic": heuristic_page,
}


def document(content: bytes, url: str) -> Document:
    return Document(content=content, content_type=CONTENT_TYPE, url=url, date=REFERENCE)


def context_for(doc: Document) -> Context:
    # As engine.extract builds it for extract(document, timezone=None).
    return Context(reference=doc.date, timezone=ZoneInfo("UTC"))


def livetail_full(doc: Document) -> None:
    """A cold extraction: nothing sanitised or read before (the first poll of a page; the small
    caches all pages share, such as stamps and tag shapes, stay as a running process has them)."""
    clear_all()
    extract(doc, timezone=None)


def livetail_repoll(doc: Document) -> None:
    """A re-poll of a page whose bodies were seen before: only new or changed ones are sanitised."""
    extract(doc, timezone=None)


STAGES = ("parse", "locate", "sanitise", "text", "dates", "build")


def livetail_stages(doc: Document, winner: str) -> dict[str, float]:
    """One cold extraction, piece by piece, as ``engine.extract`` composes it; seconds per stage."""
    clear_all()
    t = time.perf_counter
    context = context_for(doc)
    t0 = t()
    page = Page.from_document(doc)
    page.tree  # noqa: B018 - the cached parse is the point
    t1 = t()
    found: Found | None = None
    for strategy in ordered():
        found = strategy.run(page, context)
        if strategy.name == winner:
            break
        if found and found.updates:
            raise SystemExit(f"{doc.url}: strategy {strategy.name} found updates before {winner}")
    t2 = t()
    assert found is not None
    for raw in found.updates:
        sanitize_html(raw.body_html, page.url)
    t3 = t()
    sanitize_to_text_many([raw.body_html for raw in found.updates], page.url)
    t4 = t()
    reference = page.document.date or found.reference or context.reference
    engine._publish_times(found, reference, context)
    t5 = t()
    updates = engine.finish_found(found, page, context)
    t6 = t()
    if len(updates) != len(found.updates):
        raise SystemExit(f"{doc.url}: finish_found kept {len(updates)} of {len(found.updates)}")
    # finish_found repeats the sanitising and the dates; "build" is what it adds on top of them.
    return {
        "parse": t1 - t0,
        "locate": t2 - t1,
        "sanitise": t4 - t3,
        "text": max(0.0, (t4 - t3) - (t3 - t2)),
        "dates": t5 - t4,
        "build": max(0.0, (t6 - t5) - (t4 - t3) - (t5 - t4)),
    }


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# --- the run -------------------------------------------------------------------------------------


@dataclass
class Shape:
    name: str
    url: str
    content: bytes
    strategy: str = ""

    @property
    def mb(self) -> float:
        return len(self.content) / 1e6

    @property
    def doc(self) -> Document:
        return document(self.content, self.url)


def build_shapes(updates: int) -> list[Shape]:
    shapes = []
    for offset, (name, make) in enumerate(SHAPES.items()):
        url, markup = make(updates, random.Random(SEED + offset))
        shapes.append(Shape(name, url, markup.encode("utf-8")))
    return shapes


def check(shape: Shape, updates: int) -> None:
    """The shape must give exactly ``updates`` updates to livetail and to both baselines.

    Runs every measured function once, so it is also the warm-up."""
    result = extract(shape.doc, timezone=None)
    shape.strategy = result.strategy
    if len(result.updates) != updates:
        raise SystemExit(
            f"{shape.name}: livetail found {len(result.updates)} updates with strategy "
            f"{result.strategy!r}, expected {updates}"
        )
    missing = [u.uid for u in result.updates if u.published is None]
    if missing:
        raise SystemExit(f"{shape.name}: {len(missing)} updates without a time, e.g. {missing[:3]}")
    livetail_stages(shape.doc, shape.strategy)
    bare_parse(shape.content)
    fields = FIELDS[shape.name]
    for label, fn in (("bs4", bs4_extract), ("lxml+nh3", lxml_nh3_extract)):
        rows = fn(shape.content, fields)
        if len(rows) != updates or any(r["published"] is None or not r["text"] for r in rows):
            raise SystemExit(
                f"{shape.name}: the {label} baseline found {len(rows)} updates, expected {updates}"
            )


def measure(shapes: list[Shape], reps: int) -> dict[str, dict[str, list[float]]]:
    runs: dict[str, dict[str, list[float]]] = {}
    for shape in shapes:
        doc, content, fields = shape.doc, shape.content, FIELDS[shape.name]
        jobs: dict[str, Callable[[], object]] = {
            "livetail": lambda doc=doc: livetail_full(doc),
            "livetail re-poll": lambda doc=doc: livetail_repoll(doc),
            "lxml parse": lambda content=content: bare_parse(content),
            "lxml+nh3": lambda content=content, fields=fields: lxml_nh3_extract(content, fields),
            "bs4": lambda content=content, fields=fields: bs4_extract(content, fields),
        }
        samples: dict[str, list[float]] = {name: [] for name in (*jobs, *STAGES)}
        for _ in range(reps):  # check() was the warm-up
            for name, job in jobs.items():
                samples[name].append(timed(job))
            gc.collect()
            for name, elapsed in livetail_stages(doc, shape.strategy).items():
                samples[name].append(elapsed)
        runs[shape.name] = samples
        print(f"  measured {shape.name:<10} ({reps} reps)", file=sys.stderr, flush=True)
    return runs


def report(shapes: list[Shape], runs: dict[str, dict[str, list[float]]], reps: int, updates: int) -> None:
    def ms(shape: Shape, name: str) -> float:
        return statistics.median(runs[shape.name][name]) * 1000

    print(f"\nMedian of {reps} runs after one warm-up run; {updates} updates per page; MB = 10^6 bytes.\n")
    print(f"{'shape':<10} {'strategy':<10} {'size MB':>8}")
    for shape in shapes:
        print(f"{shape.name:<10} {shape.strategy:<10} {shape.mb:>8.2f}")

    print(f"\n{'shape':<10} {'method':<16} {'ms/page':>9} {'ms/MB':>9} {'vs parse':>9}")
    for shape in shapes:
        floor = ms(shape, "lxml parse")
        for name in ("livetail", "livetail re-poll", "lxml parse", "lxml+nh3", "bs4"):
            value = ms(shape, name)
            print(
                f"{shape.name:<10} {name:<16} {value:>9.1f} {value / shape.mb:>9.1f} {value / floor:>8.1f}x"
            )

    header = "".join(f"{s:>10}" for s in (*STAGES, "sum", "full"))
    print("\nlivetail by stage, ms/page ('text' is the text part of 'sanitise'; 'sum' excludes it)")
    print(f"{'shape':<10}{header}")
    for shape in shapes:
        values = [ms(shape, s) for s in STAGES]
        total = sum(v for s, v in zip(STAGES, values, strict=True) if s != "text")
        cells = "".join(f"{v:>10.1f}" for v in (*values, total, ms(shape, "livetail")))
        print(f"{shape.name:<10}{cells}")

    print(f"\n{'shape':<10} {'bs4/livetail':>13} {'livetail/parse':>15} {'(lxml+nh3)/parse':>17}   targets")
    for shape in shapes:
        full, floor = ms(shape, "livetail"), ms(shape, "lxml parse")
        speedup, overhead = ms(shape, "bs4") / full, full / floor
        verdict = (
            f"{'ok' if speedup >= 10 else 'MISSED'} >=10x bs4, "
            f"{'ok' if overhead <= 6 else 'MISSED'} <=6x parse"
        )
        print(
            f"{shape.name:<10} {speedup:>12.1f}x {overhead:>14.1f}x {ms(shape, 'lxml+nh3') / floor:>16.1f}x"
            f"   {verdict}"
        )


def profile(shape: Shape, top: int) -> None:
    doc = shape.doc
    livetail_full(doc)
    profiler = cProfile.Profile()
    profiler.enable()
    livetail_full(doc)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    print(f"\ncProfile of extract() on {shape.name} (cumulative; cProfile inflates Python-heavy code):")
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions per shape (default 5)")
    parser.add_argument("--updates", type=int, default=1000, help="updates per page (default 1000)")
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=30,
        default=0,
        metavar="N",
        help="cProfile extract() on the slowest shape, print the top N (default 30)",
    )
    args = parser.parse_args()
    if args.reps < 1 or args.updates < 2:
        parser.error("--reps must be at least 1 and --updates at least 2")

    shapes = build_shapes(args.updates)
    for shape in shapes:
        check(shape, args.updates)
        print(
            f"  {shape.name:<10} {shape.mb:.2f} MB -> {args.updates} updates via {shape.strategy}",
            file=sys.stderr,
            flush=True,
        )
    runs = measure(shapes, args.reps)
    report(shapes, runs, args.reps, args.updates)
    if args.profile:
        slowest = max(shapes, key=lambda s: statistics.median(runs[s.name]["livetail"]))
        profile(slowest, args.profile)


if __name__ == "__main__":
    main()
