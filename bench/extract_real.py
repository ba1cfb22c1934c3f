"""Extraction speed on the real publisher pages in ``tests/fixtures/real``, next to a bare parse.

Run: .venv/bin/python bench/extract_real.py [--reps 7] [--new-process]

``bench/extract.py`` stresses the per-update work with 1,000-update pages; a real live blog
shows 10 to 50 updates on a page of 0.1 to 1.3 MB, where what the page costs as a whole (decoding,
parsing, its JSON-LD archive, the page-wide scans) weighs more. Each page is extracted with the
settings of its expected-updates file, and must give that file's count (else the run stops).

Per page, medians of ``--reps`` runs, round-robin after one warm-up run:

* ``cold``: ``extract()`` with every memo cleared (the first poll of a page in a running process;
  with ``--new-process`` the small caches all pages share go too, as in a process's first page);
* ``re-poll``: ``extract()`` of the same bytes again (an unchanged element is not read again;
  an unchanged page never reaches extraction at all, see ``bench/poll.py``);
* ``parse``: ``lxml.html.fromstring`` of the same bytes, the floor (HTML pages only).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html

from livetail.extract.engine import extract
from livetail.memo import clear_all
from livetail.model import Document

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"


@dataclass
class RealPage:
    name: str
    document: Document
    settings: dict[str, Any]
    count: int

    @property
    def html(self) -> bool:
        return self.document.content_type.split(";")[0].strip() == "text/html"


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def real_pages() -> list[RealPage]:
    pages = []
    for expected in sorted(REAL.glob("*.expected.json")):
        spec = json.loads(expected.read_text(encoding="utf-8"))
        stem = expected.name.removesuffix(".expected.json")
        (source,) = [p for p in REAL.glob(f"{stem}.*") if p != expected]
        document = Document(
            content=source.read_bytes(),
            content_type=spec.get("content_type", "text/html; charset=utf-8"),
            url=spec["url"],
            date=_instant(spec.get("date")),
        )
        settings = {
            "profile": spec.get("profile"),
            "timezone": spec.get("timezone"),
            "reference": _instant(spec.get("reference")),
        }
        pages.append(RealPage(source.name, document, settings, spec["count"]))
    return pages


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions per page (default 7)")
    parser.add_argument(
        "--new-process",
        action="store_true",
        help="cold runs also clear the function caches every page shares (a new process's first page)",
    )
    args = parser.parse_args()
    if args.reps < 1:
        parser.error("--reps must be at least 1")

    fresh = args.new_process
    pages = real_pages()
    strategies = {}
    for page in pages:  # the check, and the warm-up
        result = extract(page.document, **page.settings)
        if len(result.updates) != page.count:
            raise SystemExit(
                f"{page.name}: {len(result.updates)} updates, its expected file says {page.count}"
            )
        strategies[page.name] = result.strategy

    samples: dict[str, dict[str, list[float]]] = {
        p.name: {"cold": [], "re-poll": [], "parse": []} for p in pages
    }
    for _ in range(args.reps):
        for page in pages:
            runs = samples[page.name]
            runs["cold"].append(
                timed(
                    lambda page=page: (
                        clear_all(function_caches=fresh),
                        extract(page.document, **page.settings),
                    )
                )
            )
            runs["re-poll"].append(timed(lambda page=page: extract(page.document, **page.settings)))
            if page.html:
                runs["parse"].append(timed(lambda page=page: lxml.html.fromstring(page.document.content)))

    print(f"\nMedian of {args.reps} runs after one warm-up run; ms per page; MB = 10^6 bytes.\n")
    print(
        f"{'page':<44} {'MB':>5} {'strategy':<10} {'updates':>7} {'cold':>7} {'re-poll':>8} {'parse':>6}"
        f" {'cold/parse':>11} {'re-poll/parse':>14}"
    )
    cold_ratios, repoll_ratios = [], []
    for page in pages:
        runs = samples[page.name]
        cold, repoll = (statistics.median(runs[k]) * 1000 for k in ("cold", "re-poll"))
        cells = f"{page.name:<44} {len(page.document.content) / 1e6:>5.2f} {strategies[page.name]:<10}"
        cells += f" {page.count:>7} {cold:>7.1f} {repoll:>8.1f}"
        if runs["parse"]:
            parse = statistics.median(runs["parse"]) * 1000
            cold_ratios.append(cold / parse)
            repoll_ratios.append(repoll / parse)
            cells += f" {parse:>6.1f} {cold / parse:>10.1f}x {repoll / parse:>13.1f}x"
        print(cells)
    if cold_ratios:
        print(
            f"\nHTML pages: cold {min(cold_ratios):.1f}-{max(cold_ratios):.1f}x the parse "
            f"(median {statistics.median(cold_ratios):.1f}x); re-poll {min(repoll_ratios):.1f}-"
            f"{max(repoll_ratios):.1f}x (median {statistics.median(repoll_ratios):.1f}x)"
        )


if __name__ == "__main__":
    main()
