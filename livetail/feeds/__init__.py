"""Publishing: render stored updates as feeds, and the one URL layout they live at.

One layout for files and HTTP: ``<publish dir>/<path>`` is served at ``<base_url><path>``;
a feed's ``rel=self`` is that URL. Paths:

* ``feeds/<source>.atom`` / ``.json`` — the subscription documents (newest ``window`` updates);
* ``feeds/<source>/archive/<k>.atom`` — RFC 5005 archive page *k* (1 = oldest), immutable;
* ``feeds/<source>/entries/<key>.atom`` — one Atom Entry Document per update;
* ``feeds/all.atom`` / ``all.json`` — every source together; ``feeds.opml`` lists them all.
"""

from __future__ import annotations

import functools
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Generic, Literal, TypeVar

from livetail.errors import PublishError
from livetail.model import as_utc

ContentMode = Literal["full", "excerpt"]
AGGREGATE = "all"  # never a source name: config rejects it


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedSource:
    """The source-level facts a feed needs; ``since`` stands in for ``updated`` when it is empty."""

    name: str
    feed_id: str
    title: str
    url: str
    since: datetime
    content: ContentMode = "full"

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", as_utc(self.since, "since"))


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedLinks:
    """Where a document lives and what it links to (absolute URLs)."""

    self_url: str
    alternate: str | None = None
    hub: str | None = None
    current: str | None = None
    prev_archive: str | None = None
    next_archive: str | None = None


def feed_rel_path(source: str, ext: str = "atom") -> str:
    return f"feeds/{source}.{ext}"


def archive_rel_path(source: str, page: int) -> str:
    return f"feeds/{source}/archive/{page}.atom"


@functools.lru_cache(maxsize=1 << 16)  # every render asks again for each update in its window
def entry_key(atom_id: str) -> str:
    """A file-safe, stable key for an update's entry document: the hex of its ``urn:uuid`` id."""
    return uuid.UUID(atom_id.removeprefix("urn:uuid:")).hex


def entry_rel_path(source: str, atom_id: str) -> str:
    return f"feeds/{source}/entries/{entry_key(atom_id)}.atom"


OPML_PATH = "feeds.opml"


def feed_path(publish_dir: Path, source: str, ext: str = "atom") -> Path:
    return publish_dir / feed_rel_path(source, ext)


def feed_url(base_url: str, source: str, ext: str = "atom") -> str:
    return base_url + feed_rel_path(source, ext)


def write_atomic(path: Path, data: bytes, *, durable: bool = True, compare: bool = True) -> bool:
    """Write ``data`` to ``path`` via a temp file and ``os.replace``; skip identical content.

    Returns whether the file changed. Leaving an unchanged file alone keeps its mtime, so
    conditional requests keep answering 304; ``compare=False`` skips reading the old bytes when
    the caller knows they differ. Readers see the old file or the new one, never a mix, whatever
    happens to the writing process. ``durable`` also fsyncs the data before the rename, so after a
    power cut the name holds the old or the new bytes, never an empty or torn file (on
    filesystems that may otherwise commit the rename before the data). Without it (a file its
    writer re-renders and compares on every start, see :class:`livetail.publisher.Publisher`),
    a power cut may leave such a file until the next start rewrites it.
    """
    if compare:
        try:
            if path.read_bytes() == data:
                return False
        except FileNotFoundError:
            pass
    parent = path.parent
    try:
        if parent not in _MADE:
            raise FileNotFoundError(parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
    except FileNotFoundError:  # first write there, or the folder was removed since
        parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


# Folders write_atomic made or found: a mkdir per write would be a syscall per file.
_MADE: set[Path] = set()


def check_publish_dir(publish_dir: Path) -> None:
    """Make ``publish_dir`` and its ``feeds`` folder and write a file in each, or raise
    :class:`PublishError` saying why not: called at start-up, before anything is stored, since a
    poll whose feeds cannot be written has already committed (and alerted) its updates."""
    for folder in (publish_dir, publish_dir / "feeds"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise PublishError(f"cannot create {folder} ([publish] dir): {e.strerror or e}") from None
        try:
            fd, probe = tempfile.mkstemp(prefix=".livetail-probe.", dir=folder)
            os.close(fd)
            os.unlink(probe)
        except OSError as e:
            raise PublishError(f"cannot write in {folder} ([publish] dir): {e.strerror or e}") from None


T = TypeVar("T")


class LastRendering(Generic[T]):
    """The pieces (entries, items) of one feed's last rendering, reused by the next rendering where
    their inputs are equal. Only the last rendering's pieces are kept, so it holds one window."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[tuple[object, ...], T]] = {}

    def __len__(self) -> int:
        return len(self._held)

    def reuse(self, pieces: Iterable[tuple[str, tuple[object, ...], Callable[[], T]]]) -> list[T]:
        """Each piece ``(id, inputs, render)`` in order: the held one where its inputs are equal,
        else ``render()``."""
        fresh: dict[str, tuple[tuple[object, ...], T]] = {}
        out: list[T] = []
        for ident, inputs, render in pieces:
            held = fresh.get(ident) or self._held.get(ident)
            # Keyed by this rendering's inputs: the caller holds them anyway (the old ones go).
            value = held[1] if held is not None and held[0] == inputs else render()
            fresh[ident] = (inputs, value)
            out.append(value)
        self._held = fresh
        return out
