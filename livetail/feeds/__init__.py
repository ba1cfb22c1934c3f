"""Publishing: render stored updates as feeds and write them where they are served.

One URL layout for files and HTTP: ``<publish dir>/feeds/<source>.atom`` is served at
``<base_url>feeds/<source>.atom``, which is also its ``rel=self``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from livetail.model import as_utc


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedSource:
    """The source-level facts a feed needs; ``since`` stands in for ``updated`` when it is empty."""

    name: str
    feed_id: str
    title: str
    url: str
    since: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", as_utc(self.since, "since"))


def feed_path(publish_dir: Path, source: str, ext: str = "atom") -> Path:
    return publish_dir / "feeds" / f"{source}.{ext}"


def feed_url(base_url: str, source: str, ext: str = "atom") -> str:
    return f"{base_url}feeds/{source}.{ext}"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file and ``os.replace``; skip identical content.

    Returns whether the file changed. Leaving an unchanged file alone keeps its mtime, so
    conditional requests keep answering 304.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
