"""Preview a page the way a poll would see it, and add it to the config as a new source.

``livetail extract`` and ``livetail add`` share :func:`preview`, which runs the same fetcher and
extractor as a poll (same bounds, same reference instant), so what a user checks is what they
will get. :func:`append_source` edits ``config.toml`` with tomlkit, keeping comments and layout,
and validates the result before writing it.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import tomlkit
from tomlkit.items import AoT, Table

from livetail.config import SOURCE_NAME, Config, FetchConfig, load_config, parse_config
from livetail.errors import ConfigError, ConfigProblem
from livetail.extract.engine import Extraction, extract
from livetail.fetch import Fetcher


async def preview(
    target: str,
    *,
    fetch: FetchConfig | None = None,
    allow_private: bool = False,
    profile: str | None = None,
    timezone: str | None = None,
    reference: datetime | date | None = None,
) -> Extraction:
    """Fetch ``target`` (URL or ``file://``) and extract it; raises FetchError/ExtractError.
    ``fetch``: the config's ``[fetch]`` (a poll of the source will send the same user agent);
    ``allow_private`` as the source key. ``reference`` as for :func:`livetail.extract.engine.extract`."""
    # There is no source yet to set allow_private on: the command's option says the same.
    hint = "pass --allow-private if it is meant to be fetched there"
    async with Fetcher(fetch or FetchConfig(), private_hint=hint) as fetcher:
        document = await fetcher.fetch(target, allow_private=allow_private)
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
    _write_in_place(config_path, new_text)


def _write_in_place(path: Path, text: str) -> None:
    """Replace ``path``'s content atomically, as an editor saving it would leave it.

    A symlinked config (kept in a dotfiles repository, say) is written through: the link stays
    and its target gets the new text; replacing the link would leave the real file stale. The
    new file keeps the old one's mode, and its owner and group where this user may set them (a
    temp file is 0600 and owned by whoever runs ``sudo livetail add``, which would lock the
    daemon's user out of its config). A new file gets the umask's usual mode.
    """
    target = path.resolve()
    try:
        _replace(target, text)
    except OSError as e:
        problem = ConfigProblem("", f"cannot write {target}: {e.strerror or e}")
        raise ConfigError([problem], file=str(path)) from None


def _replace(target: Path, text: str) -> None:
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            if old is None:
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            else:
                _keep_owner(handle.fileno(), old)
                # After chown, which may clear set-id bits.
                os.fchmod(handle.fileno(), stat.S_IMODE(old.st_mode))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """Give the file ``old``'s owner and group, or its group alone, or leave it: only root may
    give a file away, and a user may set only a group they are in."""
    for uid in (old.st_uid, -1):
        try:
            os.fchown(fd, uid, old.st_gid)
            return
        except PermissionError:
            continue


def _umask() -> int:
    mask = os.umask(0o022)  # reading it means setting it: put it straight back
    os.umask(mask)
    return mask


def existing_config(config_path: Path) -> Config | None:
    """The config at ``config_path``, or None when there is no file yet (``add`` makes one)."""
    return load_config(config_path) if config_path.exists() else None


__all__ = ["SOURCE_NAME", "append_source", "existing_config", "preview", "suggest_name"]
