"""``${NAME}`` in config strings: the environment variable, else a systemd credential file (for secrets)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from livetail.errors import ConfigProblem

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def interpolate(value: Any, path: str, env: Mapping[str, str], problems: list[ConfigProblem]) -> Any:
    """``value`` with every ``${NAME}`` in its strings replaced; an unset one is added to ``problems``."""
    if isinstance(value, str):

        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in env:
                return env[name]
            secret = _credential(name, env)
            if secret is None:
                problems.append(ConfigProblem(path, f"environment variable {name} is not set"))
                return ""
            return secret

        return _ENV_REF.sub(sub, value)
    if isinstance(value, dict):
        return {k: interpolate(v, f"{path}.{k}" if path else k, env, problems) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, f"{path}[{i}]", env, problems) for i, v in enumerate(value)]
    return value


def _credential(name: str, env: Mapping[str, str]) -> str | None:
    """A systemd credential (``LoadCredential=``) standing in for an unset ``${NAME}``.

    ``LoadCredential=livetail:/etc/livetail/credentials`` loads each file of that folder as
    ``livetail_<file>``, so ``${NAME}`` reads ``$CREDENTIALS_DIRECTORY/NAME`` or ``…/livetail_NAME``.
    """
    folder = env.get("CREDENTIALS_DIRECTORY")
    if not folder:
        return None
    for candidate in (name, f"livetail_{name}"):
        try:
            return (Path(folder) / candidate).read_text("utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            continue
    return None
