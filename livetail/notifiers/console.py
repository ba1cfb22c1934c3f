"""Prints each event as one JSON line on stdout: for the demo, debugging and shell pipelines."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from livetail.config import Config, TargetConfig
from livetail.model import Delivery
from livetail.notifiers import register


class ConsoleNotifier:
    def __init__(self, target: TargetConfig, stream: TextIO | None = None) -> None:
        self.target = target
        self.stream = stream or sys.stdout

    async def send(self, delivery: Delivery, body: bytes) -> None:
        self.stream.write(body.decode("utf-8") + "\n")
        self.stream.flush()

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        for delivery, body in zip(deliveries, bodies, strict=True):
            await self.send(delivery, body)

    async def aclose(self) -> None:
        return None


@register("console")
def _factory(target: TargetConfig, config: Config) -> ConsoleNotifier:
    return ConsoleNotifier(target)
