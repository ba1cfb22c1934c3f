"""Read and validate ``config.toml`` into a frozen tree; the only module that reads TOML.

Every problem is collected with its key path (``sources[2].interval: …``) and raised at once as
a :class:`~livetail.errors.ConfigError`, so a user fixes a file in one pass. ``${NAME}`` references
are resolved by :mod:`livetail.config_env`; the models live in :mod:`livetail.config_schema` and
are re-exported here, where the rest of livetail imports them.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import json
import os
import sys
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from livetail.config_env import interpolate
from livetail.config_fields import SOURCE_NAME, CssSelector, Duration, page_key, parse_duration
from livetail.config_problems import problems_from
from livetail.config_schema import (
    DEFAULT_RETRY,
    Config,
    DeliveryConfig,
    FetchConfig,
    PublishConfig,
    SelectorsConfig,
    ServerConfig,
    SourceConfig,
    StateConfig,
    TargetConfig,
)
from livetail.errors import ConfigError, ConfigProblem

__all__ = [
    "DEFAULT_RETRY",
    "SOURCE_NAME",
    "Config",
    "CssSelector",
    "DeliveryConfig",
    "Duration",
    "FetchConfig",
    "PublishConfig",
    "SelectorsConfig",
    "ServerConfig",
    "SourceConfig",
    "StateConfig",
    "TargetConfig",
    "advisories",
    "default_config_path",
    "load_config",
    "page_key",
    "parse_config",
    "parse_duration",
    "server_exposure",
]


def _about_unset(path: str, unset: list[str]) -> bool:
    """Whether a problem at ``path`` is about a key an unset ``${NAME}`` emptied: that key, the
    table holding it (``targets[0]: a webhook target needs url``) or a part of it."""
    return any(
        path == u or u.startswith((path + ".", path + "[")) or path.startswith((u + ".", u + "["))
        for u in unset
    )


def _duration_or_none(value: object) -> timedelta | None:
    """A duration key's value, or None when it is unset or not a duration (reported elsewhere)."""
    try:
        return parse_duration(value) if value is not None else None
    except ValueError:
        return None


def _installed(module: str) -> bool:
    if module in sys.modules:  # imported already, or marked absent (None)
        return sys.modules[module] is not None
    return importlib.util.find_spec(module) is not None


def _cross_checks(data: Mapping[str, Any]) -> list[ConfigProblem]:
    """Checks across entries (unique names, references), on the raw data so they are reported
    together with the per-field problems."""
    problems = []

    def entries(key: str) -> list[tuple[int, Mapping[str, Any]]]:
        items = data.get(key)
        return (
            [(i, e) for i, e in enumerate(items) if isinstance(e, Mapping)] if isinstance(items, list) else []
        )

    # Site profiles are data registered by the extract package; a name no profile has would
    # otherwise pass here and fail every poll of the source.
    from livetail.extract.profiles import known

    profiles = known()
    sources: dict[str, int] = {}
    # Two sources on one page would poll it twice and announce each update twice.
    pages: dict[str, tuple[int, object]] = {}
    for i, source in entries("sources"):
        profile = source.get("profile")
        if isinstance(profile, str) and profile.strip() and profile.strip().lower() not in profiles:
            problems.append(
                ConfigProblem(
                    f"sources[{i}].profile",
                    f'unknown profile "{profile}"; known profiles: {", ".join(profiles)}',
                )
            )
        low, high = (
            _duration_or_none(source.get("min_interval")),
            _duration_or_none(source.get("max_interval")),
        )
        if low is not None and high is not None and low > high:
            problems.append(ConfigProblem(f"sources[{i}].min_interval", "must not exceed max_interval"))
        name = source.get("name")
        if isinstance(name, str) and name in sources:
            problems.append(
                ConfigProblem(f"sources[{i}].name", f'"{name}" is already used by sources[{sources[name]}]')
            )
        elif isinstance(name, str):
            sources[name] = i
        url = source.get("url")
        if isinstance(url, str) and page_key(url) in pages:
            j, other = pages[page_key(url)]
            problems.append(
                ConfigProblem(
                    f"sources[{i}].url",
                    f"{json.dumps(name)} follows the same page as sources[{j}] {json.dumps(other)}; "
                    "keep one of them",
                )
            )
        elif isinstance(url, str):
            pages[page_key(url)] = (i, name)
    targets: dict[str, int] = {}
    for i, target in entries("targets"):
        name = target.get("name")
        if isinstance(name, str) and name in targets:
            problems.append(
                ConfigProblem(f"targets[{i}].name", f'"{name}" is already used by targets[{targets[name]}]')
            )
        elif isinstance(name, str):
            targets[name] = i
        if target.get("type") == "apprise" and not _installed("apprise"):
            problems.append(
                ConfigProblem(
                    f"targets[{i}].type", "apprise targets need an extra: pip install 'livetail[apprise]'"
                )
            )
        wanted = target.get("sources")
        for j, ref in enumerate(wanted if isinstance(wanted, list) else []):
            if isinstance(ref, str) and ref not in sources and ref != "all":
                problems.append(ConfigProblem(f"targets[{i}].sources[{j}]", f'no source is named "{ref}"'))
    return problems


def parse_config(
    data: Mapping[str, Any], *, base_dir: Path, env: Mapping[str, str] | None = None, file: Path | None = None
) -> Config:
    """Validate already-parsed TOML data; relative paths resolve against ``base_dir``."""
    env = os.environ if env is None else env
    problems: list[ConfigProblem] = []
    data = interpolate(dict(data), "", env, problems)
    unset = [p.path for p in problems]  # those keys hold "" now: their value's own problems would mislead
    problems += [p for p in _cross_checks(data) if not _about_unset(p.path, unset)]
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        problems += [p for p in problems_from(e) if not _about_unset(p.path, unset)]
        raise ConfigError(problems, file=str(file) if file else None) from None
    if problems:
        raise ConfigError(problems, file=str(file) if file else None)
    # Under systemd, state lives in $STATE_DIRECTORY whatever folder the config sits in.
    root = Path(env["STATE_DIRECTORY"]) if env.get("STATE_DIRECTORY") else base_dir
    return config.model_copy(
        update={
            "state": config.state.model_copy(update={"path": root / config.state.path}),
            "publish": config.publish.model_copy(update={"dir": root / config.publish.dir}),
            "file": file,
        }
    )


def advisories(config: Config) -> list[str]:
    """What a valid config still gets wrong as often as not, said by ``check-config`` and logged
    by ``run`` at start: a server bound beyond this machine without a token (the dashboard and
    ``/events`` show every update and delivery), and a state ``url`` that makes ``path`` moot."""
    exposed = server_exposure(config)
    said = [exposed] if exposed else []
    if config.state.url and config.state.path_given:
        said.append("[state] url and path are both set: PostgreSQL is used and the SQLite path is ignored")
    return said


def server_exposure(config: Config) -> str | None:
    """The warning for a server bound beyond this machine without a token, or None."""
    host = config.server.listen.rpartition(":")[0].strip("[]")
    if config.server.token is not None or _loopback(host):
        return None
    return (
        f'[server] listen = "{config.server.listen}" serves the dashboard and /events to other '
        "machines without a token: set [server] token, or listen on 127.0.0.1"
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # (a host name: it may resolve beyond this machine)


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("LIVETAIL_CONFIG") or "config.toml")


def load_config(path: Path, env: Mapping[str, str] | None = None) -> Config:
    """Read, interpolate and validate a config file; raise ConfigError listing every problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            [ConfigProblem("", f"config file not found: {path} (pass -c PATH or set LIVETAIL_CONFIG)")]
        ) from None
    except OSError as e:
        raise ConfigError([ConfigProblem("", f"cannot read {path}: {e.strerror}")]) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError([ConfigProblem("", f"not valid TOML: {e}")], file=str(path)) from None
    return parse_config(data, base_dir=path.resolve().parent, env=env, file=path.resolve())
