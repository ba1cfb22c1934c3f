"""Every error livetail raises on purpose.

The tree, split by what the caller does next::

    LivetailError
    ├── ConfigError            fix the config file; carries every ConfigProblem found
    ├── FetchError             this poll failed; retry at the next interval
    │   ├── FetchTimeout
    │   ├── ResponseTooLarge
    │   ├── HTTPStatusError
    │   └── BlockedAddressError
    ├── ExtractError           the page yielded no updates; check the profile/selectors
    ├── PublishError           feeds cannot be written under [publish] dir; check its path and permissions
    ├── StoreError             the state database failed; check disk, permissions, version
    │   ├── SchemaTooNewError  the database was written by a newer livetail
    │   └── LeaseLostError     a poll outlived its lease (or it was taken over); nothing was committed
    └── DeliveryError          a target did not accept a delivery
        ├── RetryableDeliveryError
        └── PermanentDeliveryError

Anything else escaping livetail is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class LivetailError(Exception):
    """Base class of every error livetail raises on purpose."""


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong in the config file, at a key path such as ``sources[2].interval``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ConfigError(LivetailError):
    """The configuration is invalid; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[ConfigProblem], *, file: str | None = None) -> None:
        self.problems = list(problems)
        self.file = file
        where = f" in {file}" if file else ""
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s){where}:\n{lines}")


class FetchError(LivetailError):
    """A page could not be fetched; ``url`` names it and the message says why."""

    def __init__(self, message: str, *, url: str) -> None:
        self.url = url
        super().__init__(f"{message} ({url})")


class FetchTimeout(FetchError):
    """The fetch did not complete within ``[fetch] timeout``."""


class ResponseTooLarge(FetchError):
    """The body exceeded ``[fetch] max_bytes`` (counted after decompression)."""


class HTTPStatusError(FetchError):
    """The server answered with a status that is not a success."""

    def __init__(self, message: str, *, url: str, status: int, retry_after: float | None = None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(message, url=url)


class BlockedAddressError(FetchError):
    """A hop resolved to a private address and the source does not allow it."""


class ServeError(LivetailError):
    """The feed and dashboard server cannot listen where ``[server] listen`` says."""


class ExtractError(LivetailError):
    """No extraction strategy accepted the document."""


class PublishError(LivetailError):
    """``[publish] dir`` cannot be created or written to; the message names the path and why."""


class StoreError(LivetailError):
    """The state database failed (I/O, locking, corruption, or a version mismatch)."""


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer livetail; upgrade livetail instead of downgrading state."""


class LeaseLostError(StoreError):
    """A poll's lease expired or another instance took it over: its commit wrote nothing."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__(f"poll lease of {source} was lost (expired or taken over); nothing committed")


class DeliveryError(LivetailError):
    """A delivery to a target failed."""


class RetryableDeliveryError(DeliveryError):
    """Try again later (network error, 5xx, 429); ``retry_after`` in seconds when the target said."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class PermanentDeliveryError(DeliveryError):
    """Retrying will not help (4xx other than 408/429, a bad address)."""
