"""Numbered schema migrations, shipped as ``migrations/<engine>_<NNNN>_<name>.sql`` files.

A migration's number is its version; ``schema_migrations`` records which ran. A database whose
version is higher than the newest file this code ships was written by a newer livetail and is
refused (downgrading would silently drop what the newer schema keeps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from livetail.errors import SchemaTooNewError

_NAME = re.compile(r"^(?P<engine>[a-z]+)_(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """Split on ``;`` at line ends; migrations keep semicolons out of string literals."""
        parts = re.split(r";\s*$", self.sql, flags=re.MULTILINE)
        return [p.strip() for p in parts if p.strip() and not _only_comments(p)]


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


def migrations_for(engine: str) -> list[Migration]:
    folder = resources.files("livetail.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and match["engine"] == engine:
            found.append(Migration(int(match["version"]), match["name"], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"{engine} migrations are not numbered 1..N: found {migration.version}")
    return found


def schema_too_new(current: int, latest: int) -> SchemaTooNewError:
    """The refusal to open a database a newer livetail migrated (both engines say it alike)."""
    return SchemaTooNewError(
        f"the state database is at schema version {current} but this livetail knows only up to "
        f"{latest}: it was written by a newer livetail. Upgrade livetail (never delete the state)."
    )
