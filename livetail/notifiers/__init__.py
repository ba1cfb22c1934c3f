"""Delivery channels: one module per target ``type``, registered by name.

A notifier turns one :class:`~livetail.model.Delivery` into one send and says how it went by
raising: :class:`~livetail.errors.RetryableDeliveryError` (try again later, maybe after
``retry_after``) or :class:`~livetail.errors.PermanentDeliveryError` (dead-letter it; with
``disable_target`` the target itself is switched off, as a webhook's 410 asks). Returning means
delivered. Notifiers never log or raise their secrets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from livetail.config import Config, TargetConfig
from livetail.model import Delivery


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceInfo:
    """What payloads say about a source."""

    name: str
    title: str
    url: str
    feed_url: str


class Notifier(Protocol):
    """Sends deliveries for one target."""

    async def send(self, delivery: Delivery, body: bytes) -> None:
        """Deliver one event; ``body`` is the payload JSON (stored, identical on every retry)."""
        ...

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        """Deliver several events as one message (targets with ``digest``)."""
        ...

    async def aclose(self) -> None: ...


Factory = Callable[[TargetConfig, Config], Notifier]
NOTIFIERS: dict[str, Factory] = {}


def register(kind: str) -> Callable[[Factory], Factory]:
    def decorate(factory: Factory) -> Factory:
        NOTIFIERS[kind] = factory
        return factory

    return decorate


def build_notifiers(config: Config) -> dict[str, Notifier]:
    """One notifier per configured target, by target name."""
    from livetail.notifiers import apprise, console, email, webhook  # noqa: F401  (register themselves)

    result = {}
    for target in config.targets:
        factory = NOTIFIERS.get(target.type)
        if factory is None:
            from livetail.errors import ConfigError, ConfigProblem

            raise ConfigError(
                [
                    ConfigProblem(
                        f"targets.{target.name}.type",
                        f"\"{target.type}\" targets need an extra: pip install 'livetail[apprise]'",
                    )
                ]
            )
        result[target.name] = factory(target, config)
    if config.publish.websub_hub:
        from livetail.notifiers.websub import WEBSUB_TARGET, WebSubNotifier

        result[WEBSUB_TARGET] = WebSubNotifier(config.publish.websub_hub)
    return result
