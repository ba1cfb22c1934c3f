"""Preview a page the way a poll would see it, and add it to the config as a new source.

``livetail extract`` and ``livetail add`` share :func:`preview`, which runs the same fetcher and
extractor as a poll (same bounds, same reference instant), so what a user checks is what they
will get. :func:`append_source` edits ``config.toml`` with tomlkit, keeping comments and layout,
and validates the result before writing it.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import tomlkit
from tomlkit.items import AoT, Table

from livetail.config import SOURCE_NAME, FetchConfig, load_config, parse_config
from livetail.errors import ConfigError, ConfigProblem
from livetail.extract.engine import Extraction, extract
from livetail.fetch import Fetcher


async def preview(
    target: str,
    *,
    fetch: FetchConfig | None = None,
    profile: str | None = None,
    timezone: str | None = None,
    reference: datetime | date | None = None,
) -> Extraction:
    """Fetch ``target`` (URL or ``file://``) and extract it; raises FetchError/ExtractError.
    ``reference`` as for :func:`livetail.extract.engine.extract`."""
    async with Fetcher(fetch or FetchConfig()) as fetcher:
        document = await fetcher.fetch(target)
    return extract(document, profile=profile, timezone=timezone, reference=reference or document.date)


def suggest_name(url: str, taken: set[str]) -> str:
    """A source slug from the URL's last path segment (or host), unique among ``taken``."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s and not s.isdigit() and s not in ("live", "liveblog")]
    raw = segments[-1] if segments else parts.hostname or "source"
    slug = re.sub(r"[^a-z0-9]+", "-", raw.lower().rsplit(".", 1)[0]).strip("-")[:50].strip("-") or "source"
    if not slug[0].isalnum():
        slug = "s-" + slug
    name, n = slug, 2
    while name in taken or name == "all":
        name, n = f"{slug}-{n}", n + 1
    return name


def append_source(config_path: Path, block: dict[str, object]) -> None:
    """Append one ``[[sources]]`` table, keeping the file's comments; validate before writing."""
    text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    document = tomlkit.parse(text)
    sources = document.get("sources")
    if sources is None:
        sources = tomlkit.aot()
        document.append("sources", sources)
    if not isinstance(sources, AoT):
        raise ConfigError([ConfigProblem("sources", "expected [[sources]] tables")], file=str(config_path))
    table: Table = tomlkit.table()
    for key, value in block.items():
        if value is not None:
            table.add(key, value)
    sources.append(table)
    new_text = tomlkit.dumps(document)
    # Refuse to write a file that would not load (the caller sees which key is wrong).
    parse_config(
        tomlkit.parse(new_text).unwrap(),
        base_dir=config_path.resolve().parent,
        env=os.environ,
        file=config_path,
    )
    fd, tmp = tempfile.mkstemp(prefix=f".{config_path.name}.", dir=config_path.resolve().parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(new_text)
    os.replace(tmp, config_path)


def existing_names(config_path: Path) -> set[str]:
    if not config_path.exists():
        return set()
    return {s.name for s in load_config(config_path).sources}


__all__ = ["SOURCE_NAME", "append_source", "existing_names", "preview", "suggest_name"]
