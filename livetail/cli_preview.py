"""``livetail extract`` and ``add``: preview what a page yields, and add it to the config as a source."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.table import Table
from rich.text import Text

from livetail.cli_common import err, out
from livetail.config import SOURCE_NAME, default_config_path, page_key, parse_duration
from livetail.config_fields import shown_url, source_url_problem
from livetail.model import Update

if TYPE_CHECKING:
    from livetail.config import Config
    from livetail.extract.engine import Extraction


def _update_json(update: Update) -> dict[str, object]:
    return {
        "uid": update.uid,
        "published": update.published.isoformat().replace("+00:00", "Z") if update.published else None,
        "modified": update.modified.isoformat().replace("+00:00", "Z") if update.modified else None,
        "title": update.title,
        "text": update.text,
        "content_html": update.content_html,
        "url": update.url,
        "authors": list(update.authors),
        "pinned": update.pinned,
    }


def _preview_args(args: argparse.Namespace) -> tuple[str, datetime | date | None] | int:
    """The target as a URL and the reference instant, or an exit code after printing why not."""
    target: str = args.target.strip()
    if "://" not in target:
        path = Path(target)
        if not path.is_file():
            err.print(f"error: {target} is neither a URL nor a readable file", markup=False)
            return 2
        target = path.resolve().as_uri()
    elif (problem := source_url_problem(target)) is not None:
        # The rule a source's url key follows: what add would write must load.
        err.print(f"error: {problem}: {shown_url(target)}", markup=False)
        return 2
    tz = getattr(args, "timezone", None)
    try:
        zone = ZoneInfo(tz) if tz else None
    except Exception:
        err.print(f'error: --timezone expects an IANA zone like "Europe/London", got "{tz}"', markup=False)
        return 2
    if not getattr(args, "date", None):
        return target, None
    # A day alone says the post on top is that day's newest (see extract's ``reference``); the
    # time of saving, when known, is the better reference.
    for layout in ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            given = datetime.strptime(args.date, layout)
        except ValueError:
            continue
        if layout == "%Y-%m-%d":
            return target, given.date()
        # (without --timezone, extract reads it in the page's zone, as it reads the page's clocks)
        return target, given.replace(tzinfo=zone)
    err.print(f'error: --date expects YYYY-MM-DD or YYYY-MM-DDTHH:MM, got "{args.date}"', markup=False)
    return 2


def _print_extraction(extraction: Extraction) -> None:
    table = Table(
        "#",
        "published (UTC)",
        "title",
        "uid",
        title=Text(
            f"{len(extraction.updates)} updates via {extraction.strategy}"
            + (f" — {extraction.title}" if extraction.title else "")
        ),
    )
    for i, update in enumerate(extraction.updates, 1):
        when = update.published.strftime("%Y-%m-%d %H:%M") if update.published else "—"
        # Page text is shown as text: "[video]" in a title is not Rich markup.
        title = Text(update.title)  # page text, not Rich markup
        if update.pinned:
            title.append(" [pinned]", style="dim")
        table.add_row(str(i), when, title, Text(update.uid))
    out.print(table)


def _fetched_preview(
    args: argparse.Namespace, target: str, config: Config | None, reference: datetime | date | None = None
) -> Extraction:
    """What ``target`` yields, fetched as a poll would fetch it (the config's ``[fetch]``: a site
    that refuses other user agents refuses them here too)."""
    from livetail.preview import preview

    return asyncio.run(
        preview(
            target,
            fetch=config.fetch if config else None,
            allow_private=args.allow_private,
            profile=args.profile,
            timezone=args.timezone,
            reference=reference,
        )
    )


def cmd_extract(args: argparse.Namespace) -> int:
    from livetail.preview import existing_config

    parsed = _preview_args(args)
    if isinstance(parsed, int):
        return parsed
    target, reference = parsed
    config = existing_config(args.config or default_config_path())
    extraction = _fetched_preview(args, target, config, reference)
    if args.json:
        updates = [_update_json(u) for u in extraction.updates]
        print(json.dumps({"strategy": extraction.strategy, "updates": updates}, indent=2, ensure_ascii=False))
    else:
        _print_extraction(extraction)
        if reference is None and extraction.updates and all(u.published is None for u in extraction.updates):
            err.print(
                "note: no update has a date; for times printed without one, say when the page was "
                "current with --date YYYY-MM-DD[THH:MM] (and --timezone)",
                markup=False,
            )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from livetail.preview import append_source, existing_config, suggest_name

    parsed = _preview_args(args)
    if isinstance(parsed, int):
        return parsed
    target, _ = parsed
    path: Path = args.config or default_config_path()
    # What the user typed is checked before the page is fetched, and blamed on the option.
    if not path.resolve().parent.is_dir():
        err.print(f"error: {path}: the folder {path.resolve().parent} does not exist", markup=False)
        return 2
    if args.name is not None and (not SOURCE_NAME.match(args.name) or args.name == "all"):
        err.print(
            f'error: --name expects a slug matching {SOURCE_NAME.pattern} other than "all", got "{args.name}"',
            markup=False,
        )
        return 2
    try:
        if parse_duration(args.interval) <= timedelta(0):
            raise ValueError(f'expected a duration above zero, got "{args.interval}"')
    except ValueError as e:
        err.print(f"error: --interval: {e}", markup=False)
        return 2
    config = existing_config(path)
    sources = config.sources if config else ()
    followed = next((s for s in sources if page_key(s.url) == page_key(target)), None)
    if followed is not None:
        err.print(f'error: {path} already follows this page as the source "{followed.name}"', markup=False)
        return 2
    taken = {s.name for s in sources}
    name = args.name or suggest_name(target, taken)
    if name in taken:
        err.print(f'error: {path} already has a source named "{name}"; pass --name', markup=False)
        return 2
    extraction = _fetched_preview(args, target, config)
    _print_extraction(extraction)
    block: dict[str, object] = {
        "name": name,
        "url": target,
        "title": extraction.title,
        "interval": args.interval,
        "profile": args.profile,
        "timezone": args.timezone,
        # What was needed to preview it is needed to poll it.
        "allow_private": True if args.allow_private else None,
    }
    if not args.yes:
        if not sys.stdin.isatty():
            err.print("error: not a terminal; pass --yes to add the source without asking")
            return 2
        try:
            answer = input(
                f'Add "{name}" ({len(extraction.updates)} updates via {extraction.strategy}) to {path}? [y/N] '
            )
        except EOFError:  # Ctrl-D: no answer is no
            answer = ""
            out.print()
        if answer.strip().lower() not in ("y", "yes"):
            out.print("nothing changed")
            return 1
    append_source(path, block)
    out.print(f'added [[sources]] "{name}" to {path}', markup=False)
    return 0
