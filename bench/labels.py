"""What reading a short line as a time label costs, on ordinary lines and on hostile ones.

Run: .venv/bin/python bench/labels.py [--reps 5]

Every element text of 64 characters or less with a digit in ``tests/fixtures`` (stamps, dates,
scores, prices: what the stamp search hands the label pattern), then lines built to make a
backtracking pattern try every way its optional parts can share the spaces between words. Each
is matched by the label pattern as livetail compiles it (whitespace possessive) and, as the
baseline, by the same pattern with backtracking whitespace. Prints the median total per set and
the slowest single line. Then runs of "1 m 1 m …" (a relative time's parts without end) and of
"GET THE …" (a shouted call's start), as the edit comparison, the relative-time reader and the
read-also check meet them in a post's text, against runs of the same length that match nothing.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import lxml.html

from livetail.extract.normalise import normalise_for_compare
from livetail.extract.readalso import _SHOUTED_CALL
from livetail.extract.relativetime import parse_relative
from livetail.extract.timelabel import _TIME_LABEL, _TIME_LABEL_SOURCE

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

HOSTILE = [
    "Today um 3/14 um 12 am 2024-05-01 2024 hours ago mis à jour 1. E",
    "Today um 3/14 um 12 am 3/14 2024 hours ago mis à jour 1. 1",
    "3/14 um ( 1h 12:00 am Mon 2024-05-01 , ( 2024 minutes vor 1",
    "3/14 at 12 May , 2024-05-01 ( ( 2024-05-01 ET ago · - ha Aktuali",
    "12:00 Kick-off at the Emirates",
    "Aktualisiert am 1. Mai 2024",
]


def fixture_lines() -> list[str]:
    lines: set[str] = set()
    for path in sorted(FIXTURES.rglob("*.html")):
        for el in lxml.html.fromstring(path.read_bytes()).iter():
            for text in (el.text, el.tail):
                line = " ".join((text or "").split())
                if 0 < len(line) <= 64 and any(c.isdigit() for c in line):
                    lines.add(line)
    return sorted(lines)


def timed(pattern: re.Pattern[str], lines: list[str]) -> tuple[float, float, str]:
    """Seconds for all lines, and the slowest line with its seconds."""
    worst, worst_line = 0.0, ""
    start = time.perf_counter()
    for line in lines:
        t = time.perf_counter()
        pattern.match(line)
        took = time.perf_counter() - t
        if took > worst:
            worst, worst_line = took, line
    return time.perf_counter() - start, worst, worst_line


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    backtracking = re.compile(_TIME_LABEL_SOURCE, re.IGNORECASE)
    sets = {"fixture lines": fixture_lines(), "hostile lines": HOSTILE}
    print(f"{'set':<15}{'lines':>7}  {'pattern':<14}{'total ms':>10}{'worst ms':>10}  ratio  worst line")
    for name, lines in sets.items():
        runs = {"livetail": [timed(_TIME_LABEL, lines) for _ in range(args.reps)],
                "backtracking": [timed(backtracking, lines) for _ in range(args.reps)]}  # fmt: skip
        base = statistics.median(r[0] for r in runs["backtracking"])
        for label, results in runs.items():
            total = statistics.median(r[0] for r in results)
            worst = max(results, key=lambda r: r[1])
            print(
                f"{name:<15}{len(lines):>7}  {label:<14}{total * 1e3:>10.2f}{worst[1] * 1e3:>10.2f}"
                f"  {total / base:4.2f}x  {worst[2][:40]!r}"
            )
    long_runs(args.reps)


def long_runs(reps: int) -> None:
    """Long runs that a pattern with an unbounded chain or ``.+`` reads in quadratic time."""
    print(f"\n{'reader':<22}{'run':<16}{'pairs':>7}{'ms':>10}  vs control")
    readers = {
        "normalise_for_compare": (normalise_for_compare, "Posted 5 minutes ago. "),
        "parse_relative": (parse_relative, ""),
        "shouted call": (_SHOUTED_CALL.search, " APP "),
    }
    for name, (read, lead) in readers.items():
        unit, control = ("GET THE X ", "GOT THE X ") if name == "shouted call" else ("1 m ", "1 q ")
        for pairs in (1000, 4000):
            took = {}
            for label, piece in (("run", unit), ("control", control)):
                text = lead + piece * pairs
                samples = []
                for _ in range(reps):
                    start = time.perf_counter()
                    read(text)
                    samples.append(time.perf_counter() - start)
                took[label] = statistics.median(samples)
            print(
                f"{name:<22}{unit!r:<16}{pairs:>7}{took['run'] * 1e3:>10.2f}  {took['run'] / took['control']:.1f}x"
            )


if __name__ == "__main__":
    main()
