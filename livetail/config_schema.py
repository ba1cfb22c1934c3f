"""The shape of ``config.toml``: one frozen pydantic model per section, with its defaults and checks.

Unknown keys are errors (``extra="forbid"``): a typo must never be silently ignored. Reading the
file and reporting problems is :mod:`livetail.config`'s job; value types are in
:mod:`livetail.config_fields`.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from livetail.config_fields import (
    SOURCE_NAME,
    CssSelector,
    Duration,
    DurationOrZero,
    EventName,
    MailAddress,
    SourceUrl,
    Zone,
    parse_duration,
    shown_url,
    url_problem,
)
from livetail.mailaddr import address_problem
from livetail.model import EventType
from livetail.schedules import digest_trigger
from livetail.smtpurl import parse_smtp_url
from livetail.webhooksign import signing_key


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
        if (problem := url_problem(value)) is not None:
            raise PydanticCustomError(
                "url", "{problem}: {got}", {"problem": problem, "got": shown_url(value)}
            )
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
    per_host_delay: DurationOrZero = timedelta(seconds=1)
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


class SourceConfig(_Strict):
    name: str
    url: SourceUrl
    title: str | None = None
    interval: Duration = timedelta(minutes=2)
    min_interval: Duration | None = None
    max_interval: Duration | None = None
    profile: str | None = None
    selectors: SelectorsConfig | None = None
    timezone: Zone = None
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

    # min_interval <= max_interval is checked across keys in config._cross_checks, so it is
    # reported with a source's other problems, not only once they are fixed.


class TargetConfig(_Strict):
    """Where events go. Each ``type`` reads its own keys; the ones it does not use must stay unset."""

    name: str
    type: Literal["webhook", "email", "apprise", "console"]
    events: tuple[EventName, ...] = (EventType.UPDATE_CREATED,)
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
    to: tuple[MailAddress, ...] | None = None
    smtp: str | None = None
    sender: MailAddress | None = None
    subject: Literal["per-update", "per-blog"] = "per-update"
    digest: str | None = None
    timezone: Zone = None
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

    # Email keys are checked here, not when the notifier is built, so `check-config` and every
    # command's start-up report them before a poll stores anything. Messages never quote the
    # smtp or webhook URL: either may hold a password or a token.
    @field_validator("smtp")
    @classmethod
    def _smtp_url(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_smtp_url(value)
            except ValueError as e:
                raise PydanticCustomError("smtp", "{err}", {"err": str(e)}) from None
        return value

    @field_validator("secret")
    @classmethod
    def _webhook_secret(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                signing_key(value)
            except ValueError as e:
                raise PydanticCustomError("secret", "{err}", {"err": str(e)}) from None
        return value

    @field_validator("to")
    @classmethod
    def _recipients(cls, value: tuple[str, ...] | None, info: ValidationInfo) -> tuple[str, ...] | None:
        if value is not None and not value:
            name = info.data.get("name")
            raise PydanticCustomError(
                "to",
                '{whose}lists no recipients; write to = ["desk@example.org"]',
                {"whose": f"target {json.dumps(name)} " if isinstance(name, str) else ""},
            )
        return value

    @model_validator(mode="after")
    def _type_keys(self) -> TargetConfig:
        if self.type in ("webhook", "apprise") and not self.url:
            raise PydanticCustomError("target", "a {kind} target needs `url`", {"kind": self.type})
        if self.type == "webhook" and self.url:
            try:
                parts = urlsplit(self.url.strip())
                valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
                parts.port  # noqa: B018  (raises on a port that is not a number from 0 to 65535)
            except ValueError:  # its message quotes the host part, token included
                valid = False
            if not valid:
                raise PydanticCustomError(
                    "target",
                    "a webhook `url` must be an http:// or https:// URL with a host (and a numeric port)",
                )
            if (problem := url_problem(self.url.strip())) is not None:  # (not quoted: it may hold a token)
                raise PydanticCustomError("target", "the webhook `url`: {problem}", {"problem": problem})
        if self.type == "email":
            user = parse_smtp_url(self.smtp).username if self.smtp else None
            if not self.sender and user and "@" in user and (why := address_problem(user)):
                # (the user is not quoted: it is part of the smtp URL, which may hold a password)
                raise PydanticCustomError(
                    "target",
                    "the smtp URL's user stands in for `sender` but is not an email address ({why}); "
                    'set sender = "alerts@example.org"',
                    {"why": why},
                )
            needs = [
                *([] if self.to else ["`to` (a list of addresses)"]),
                *([] if self.smtp else ['`smtp = "smtp://user@host"`']),
                *([] if self.sender or (user and "@" in user) else ["`sender` (the From address)"]),
            ]
            if needs:
                raise PydanticCustomError(
                    "target", "an email target needs {needs}", {"needs": " and ".join(needs)}
                )
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
