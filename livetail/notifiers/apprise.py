"""Apprise targets: any service Apprise knows (ntfy, Gotify, Matrix, Telegram, Slack, …) by URL.

Optional: ``pip install 'livetail[apprise]'``. The ``apprise`` package is imported when a target
of this type is built, never at livetail import, and a missing package is a config error that
says which extra to install. ``url`` is any Apprise URL; it usually carries a token, so it never
appears in an error message. The notification's title is the subject and its body the plain
text that the email target renders (:mod:`livetail.notifiers.render`, the same templates and
``templates`` override); digests send one notification. Apprise answers with a boolean and
keeps the service's reason in its own log: False (or an exception, or no answer within four
times ``timeout``) is a :class:`~livetail.errors.RetryableDeliveryError`, never ignored.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from livetail.config import Config, TargetConfig
from livetail.errors import ConfigError, ConfigProblem, RetryableDeliveryError
from livetail.model import Delivery
from livetail.notifiers import register
from livetail.notifiers.render import Rendered, Renderer

NOTIFY_TYPES = {
    "update.deleted": "warning",
    "source.failing": "failure",
    "source.degraded": "warning",
    "source.recovered": "success",
}


def load_apprise(target: TargetConfig) -> ModuleType:
    try:
        return importlib.import_module("apprise")
    except ImportError:
        raise ConfigError(
            [
                ConfigProblem(
                    f"targets.{target.name}.type",
                    "apprise targets need the optional apprise package: pip install 'livetail[apprise]'",
                )
            ]
        ) from None


class AppriseNotifier:
    def __init__(self, target: TargetConfig, *, module: ModuleType | None = None) -> None:
        path = f"targets.{target.name}.url"
        if not target.url:
            raise ConfigError([ConfigProblem(path, "an apprise target needs `url`")])
        apprise = module or load_apprise(target)
        self.target = target
        self.renderer = Renderer(target)
        self._apprise: Any = apprise.Apprise()
        if not self._apprise.add(target.url):
            raise ConfigError([ConfigProblem(path, "Apprise does not recognise this URL (see its wiki)")])

    async def _notify(self, rendered: Rendered, notify_type: str) -> None:
        timeout = self.target.timeout.total_seconds() * 4
        try:
            async with asyncio.timeout(timeout):
                result = await self._apprise.async_notify(
                    body=rendered.text, title=rendered.subject, notify_type=notify_type, body_format="text"
                )
        except TimeoutError:
            raise RetryableDeliveryError(f"Apprise did not finish within {timeout:.0f}s") from None
        except Exception as e:  # a plugin bug must not kill the worker; its text may hold the URL
            raise RetryableDeliveryError(f"Apprise raised {type(e).__name__}") from None
        if not bool(result):
            raise RetryableDeliveryError(
                "Apprise reported the notification as not delivered (its log has the service's answer)"
            )

    async def send(self, delivery: Delivery, body: bytes) -> None:
        await self._notify(self.renderer.update(body), NOTIFY_TYPES.get(delivery.event.type.value, "info"))

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        if deliveries:
            await self._notify(self.renderer.digest(bodies), "info")

    async def aclose(self) -> None:
        return None


@register("apprise")
def _factory(target: TargetConfig, config: Config) -> AppriseNotifier:
    return AppriseNotifier(target)
