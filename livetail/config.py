"""Read and validate ``config.toml`` into a frozen tree; the only module that reads TOML or ``${ENV}``.

Every problem is collected with its key path (``sources[2].interval: …``) and raised at once as a
:class:`~livetail.errors.ConfigError`, so a user fixes a file in one pass. Unknown keys are errors:
a typo must never be silently ignored.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from livetail.errors import ConfigError, ConfigProblem
from livetail.model import EventType
from livetail.schedules import digest_trigger

SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def parse_duration(value: object) -> timedelta:
    """``"90s"``, ``"5m"``, ``"2h"``, ``"1h30m"``, ``"1d"`` → timedelta; anything else is a config error."""
    if isinstance(value, timedelta):
        return value
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match or not any(match.groups()):
        raise PydanticCustomError(
            "duration", 'expected a duration like "90s" or "5m", got {got}', {"got": json.dumps(value)}
        )
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise PydanticCustomError("duration", "expected a duration above zero")
    return value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), AfterValidator(_positive)]


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise PydanticCustomError(
            "timezone", 'expected an IANA zone like "Europe/London", got {got}', {"got": json.dumps(value)}
        ) from e
    return value


def _check_css(value: str | None) -> str | None:
    if value is None:
        return None
    from lxml.cssselect import CSSSelector, SelectorError

    # A selector may end in @attr to read an attribute instead of the text ("@datetime" alone
    # reads the item's own attribute); an "@" inside [...] belongs to the selector.
    match = re.match(r"^(?P<css>.*?)@(?P<attr>[A-Za-z_:][-A-Za-z0-9_:.]*)$", value)
    css = match["css"].strip() if match and match["css"].count("[") == match["css"].count("]") else value
    if not css:
        return value
    try:
        CSSSelector(css)
    except SelectorError as e:
        raise PydanticCustomError(
            "css", "not a valid CSS selector ({err}): {got}", {"err": str(e), "got": json.dumps(value)}
        ) from e
    return value


CssSelector = Annotated[str | None, AfterValidator(_check_css)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class StateConfig(_Strict):
    path: Path = Path("state/livetail.db")
    #: A PostgreSQL URL (``postgresql://user@host/db``); when set it wins over ``path``.
    url: str | None = None
    #: Sent deliveries and events older than this are pruned (daily, by the daemon).
    retention: Duration = timedelta(days=30)
    _path_given: bool = PrivateAttr(default=False)

    @field_validator("url")
    @classmethod
    def _postgres(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^postgres(ql)?://", value):
            got = value.split("://", 1)[0] + "://…" if "://" in value else "no scheme"
            raise PydanticCustomError("url", "expected a postgresql:// URL, got {got}", {"got": got})
        return value

    @model_validator(mode="after")
    def _remember_path(self) -> StateConfig:
        self._path_given = "path" in self.model_fields_set
        return self

    @property
    def path_given(self) -> bool:
        """Whether the config file set ``path`` itself (so a ``url`` next to it overrides it)."""
        return self._path_given


class PublishConfig(_Strict):
    dir: Path = Path("public")
    base_url: str = "http://localhost:8080/"
    window: int = Field(default=50, ge=1, le=10_000)
    #: How long a retracted update stays in feeds as an RFC 6721 tombstone (and edited
    #: archived entries are repeated in the subscription document).
    tombstones: Duration = timedelta(days=7)
    websub_hub: str | None = None

    @field_validator("base_url")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not re.match(r"^https?://", value):
            raise PydanticCustomError("url", "expected an http(s) URL, got {got}", {"got": json.dumps(value)})
        return value if value.endswith("/") else value + "/"


class ServerConfig(_Strict):
    listen: str = "127.0.0.1:8080"
    token: str | None = None
    preview: bool = False

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise PydanticCustomError(
                "listen", 'expected "host:port" like "127.0.0.1:8080", got {got}', {"got": json.dumps(value)}
            )
        return value


class FetchConfig(_Strict):
    user_agent: str | None = None
    timeout: Duration = timedelta(seconds=30)
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(default=5, ge=0, le=20)
    #: Requests in flight at once per host name, shared by every source on that host.
    per_host_concurrency: int = Field(default=2, ge=1, le=64)
    #: Minimum time between two request starts on one host ("0s" turns spacing off; loopback
    #: hosts, i.e. this machine, are not spaced).
    per_host_delay: Annotated[timedelta, BeforeValidator(parse_duration)] = timedelta(seconds=1)
    #: First wait after a 429/502/503/504, a timeout or a network error; doubles with each
    #: consecutive such failure up to ``backoff_max``. A longer ``Retry-After`` (up to a day) wins.
    backoff: Duration = timedelta(seconds=30)
    backoff_max: Duration = timedelta(hours=1)
    #: Consecutive failed polls after which a source raises ``source.failing`` (once per run of
    #: failures; ``source.recovered`` follows its next successful poll).
    failing_after: int = Field(default=3, ge=1, le=1000)
    #: How long a poll's lease on its source lasts (several instances on one database take turns
    #: through it; a dead instance's sources are polled again once it expires). Default:
    #: max(2 × ``timeout``, 60 s). A poll still running when its lease ends commits nothing.
    lease: Duration | None = None

    @property
    def poll_lease(self) -> timedelta:
        return self.lease or max(2 * self.timeout, timedelta(seconds=60))


class SelectorsConfig(_Strict):
    """CSS selectors for a site no profile knows; ``time`` may end in ``@attr`` to read an attribute."""

    item: CssSelector = None
    id: CssSelector = None
    time: CssSelector = None
    title: CssSelector = None
    body: CssSelector = None
    author: CssSelector = None
    pinned: CssSelector = None

    @model_validator(mode="after")
    def _needs_item(self) -> SelectorsConfig:
        if self.item is None:
            raise PydanticCustomError("selectors", "selectors need at least `item` (the CSS of one update)")
        return self


def _check_url(value: str) -> str:
    if not re.match(r"^(https?|file)://", value):
        raise PydanticCustomError(
            "url", "expected an http(s):// or file:// URL, got {got}", {"got": json.dumps(value)}
        )
    return value


class SourceConfig(_Strict):
    name: str
    url: Annotated[str, AfterValidator(_check_url)]
    title: str | None = None
    interval: Duration = timedelta(minutes=2)
    min_interval: Duration | None = None
    max_interval: Duration | None = None
    profile: str | None = None
    selectors: SelectorsConfig | None = None
    timezone: Annotated[str | None, AfterValidator(_check_zone)] = None
    backfill_alerts: bool = False
    allow_private: bool = False
    #: "excerpt" publishes summary and link only, for publishers whose full text may not be republished.
    content: Literal["full", "excerpt"] = "full"
    #: A blog on which nothing changed for this long has ended: it is then polled once a day.
    ended_after: Duration = timedelta(hours=24)

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SOURCE_NAME.match(value) or value == "all":
            raise PydanticCustomError(
                "name",
                'expected a slug matching {pattern} other than "all", got {got}',
                {"pattern": SOURCE_NAME.pattern, "got": json.dumps(value)},
            )
        return value

    @model_validator(mode="after")
    def _bounds(self) -> SourceConfig:
        if self.min_interval and self.max_interval and self.min_interval > self.max_interval:
            raise PydanticCustomError("interval", "min_interval must not exceed max_interval")
        return self


def _event_type(value: object) -> EventType:
    try:
        return EventType.parse(str(value))
    except ValueError as e:
        names = ", ".join(t.value for t in EventType)
        raise PydanticCustomError(
            "event",
            "expected one of {names} (or created/edited/deleted), got {got}",
            {"names": names, "got": json.dumps(value)},
        ) from e


class TargetConfig(_Strict):
    """Where events go. Each ``type`` reads its own keys; the ones it does not use must stay unset."""

    name: str
    type: Literal["webhook", "email", "apprise", "console"]
    events: tuple[Annotated[EventType, BeforeValidator(_event_type)], ...] = (EventType.UPDATE_CREATED,)
    sources: tuple[str, ...] | None = None
    include: str | None = None
    exclude: str | None = None
    url: str | None = None
    secret: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    timeout: Duration = timedelta(seconds=15)
    #: Let a webhook reach a private or loopback address by name (a LAN endpoint).
    allow_private: bool = False
    key_events_only: bool = False
    max_per_hour: int | None = Field(default=None, ge=1)
    to: tuple[str, ...] | None = None
    smtp: str | None = None
    sender: str | None = None
    subject: Literal["per-update", "per-blog"] = "per-update"
    digest: str | None = None
    timezone: Annotated[str | None, AfterValidator(_check_zone)] = None
    templates: Path | None = None
    list_unsubscribe: str | None = None

    @field_validator("name")
    @classmethod
    def _target_name(cls, value: str) -> str:
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$", value):
            raise PydanticCustomError(
                "name",
                "expected letters, digits, '.', '_' or '-' (not first), got {got}",
                {"got": json.dumps(value)},
            )
        return value

    @field_validator("include", "exclude")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as e:
                raise PydanticCustomError(
                    "regex",
                    "not a valid regular expression ({err}): {got}",
                    {"err": str(e), "got": json.dumps(value)},
                ) from e
        return value

    @field_validator("digest")
    @classmethod
    def _schedule(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            digest_trigger(value, "UTC")
        except ValueError as e:
            raise PydanticCustomError(
                "digest",
                'expected a duration like "1h" or a crontab line like "0 8 * * *", got {got}',
                {"got": json.dumps(value)},
            ) from e
        return value

    @model_validator(mode="after")
    def _type_keys(self) -> TargetConfig:
        if self.type in ("webhook", "apprise") and not self.url:
            raise PydanticCustomError("target", "a {kind} target needs `url`", {"kind": self.type})
        if self.type == "email" and not self.to:
            raise PydanticCustomError("target", "an email target needs `to` (a list of addresses)")
        return self


DEFAULT_RETRY = ("5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h")


class DeliveryConfig(_Strict):
    """The outbox worker: retry schedule (full jitter under each step), batch size, drain bound."""

    retry: tuple[Duration, ...] = tuple(parse_duration(d) for d in DEFAULT_RETRY)
    concurrency: int = Field(default=8, ge=1, le=256)
    drain_timeout: Duration = timedelta(seconds=30)


class Config(_Strict):
    state: StateConfig = StateConfig()
    publish: PublishConfig = PublishConfig()
    server: ServerConfig = ServerConfig()
    fetch: FetchConfig = FetchConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    sources: tuple[SourceConfig, ...] = ()
    targets: tuple[TargetConfig, ...] = ()
    #: The file this came from (None for configs built in code, e.g. by ``livetail demo``).
    file: Path | None = None

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        raise KeyError(name)


def _loc_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith("function-") or part in ("str", "list[str]", "tuple[str, ...]"):
            continue  # pydantic's internal validator names are not keys the user wrote
        else:
            path += f".{part}" if path else part
    return path


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys valid at ``loc`` (the parent of an unknown key), for a "did you mean" hint."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next(
            (a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
        if current is None:
            for arg in args:  # tuple[SourceConfig, ...]
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    current = arg
    return sorted(k for k in current.model_fields if k != "file") if current else []


def _problems_from(error: ValidationError) -> list[ConfigProblem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        path = _loc_path(loc)
        if item["type"] == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(Config, loc[:-1])
            hint = difflib.get_close_matches(key, allowed, n=1)
            message = "unknown key" + (f' (did you mean "{hint[0]}"?)' if hint else "")
            if allowed:
                message += f"; allowed: {', '.join(allowed)}"
        elif item["type"] == "missing":
            message = "required key is missing"
        else:
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] in ("string_type", "int_parsing", "int_type", "bool_type", "bool_parsing"):
                message += f", got {json.dumps(item.get('input'), default=str)}"
        problems.append(ConfigProblem(path, message))
    return problems


def _interpolate(value: Any, path: str, env: Mapping[str, str], problems: list[ConfigProblem]) -> Any:
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
        return {k: _interpolate(v, f"{path}.{k}" if path else k, env, problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v, f"{path}[{i}]", env, problems) for i, v in enumerate(value)]
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


def _cross_checks(data: Mapping[str, Any]) -> list[ConfigProblem]:
    """Checks across entries (unique names, references), on the raw data so they are reported
    together with the per-field problems."""
    problems = []

    def entries(key: str) -> list[tuple[int, Mapping[str, Any]]]:
        items = data.get(key)
        return (
            [(i, e) for i, e in enumerate(items) if isinstance(e, Mapping)] if isinstance(items, list) else []
        )

    sources: dict[str, int] = {}
    for i, source in entries("sources"):
        name = source.get("name")
        if isinstance(name, str) and name in sources:
            problems.append(
                ConfigProblem(f"sources[{i}].name", f'"{name}" is already used by sources[{sources[name]}]')
            )
        elif isinstance(name, str):
            sources[name] = i
    targets: dict[str, int] = {}
    for i, target in entries("targets"):
        name = target.get("name")
        if isinstance(name, str) and name in targets:
            problems.append(
                ConfigProblem(f"targets[{i}].name", f'"{name}" is already used by targets[{targets[name]}]')
            )
        elif isinstance(name, str):
            targets[name] = i
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
    data = _interpolate(dict(data), "", env, problems)
    problems += _cross_checks(data)
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        problems += _problems_from(e)
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
