"""WebSub publisher pings: tell the hub a topic (feed URL) changed, through the outbox.

The hub is pinged with ``hub.mode=publish`` and the topic as both ``hub.url`` (PubSubHubbub 0.3
style) and ``hub.topic`` (what some hubs, e.g. Flask-WebSub, read). The hub then fetches the
topic, which the server serves with ``Link: rel=hub`` and ``rel=self``; hubs refuse to
distribute topics served without them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import httpx

from livetail import __version__
from livetail.errors import PermanentDeliveryError, RetryableDeliveryError
from livetail.model import Delivery
from livetail.netguard import AddressBlocked, routed_transport, url_is_private

#: The outbox target name WebSub pings use; user targets may not take it.
WEBSUB_TARGET = "_websub"


class WebSubNotifier:
    def __init__(self, hub: str, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.hub = hub
        self._client = httpx.AsyncClient(
            transport=transport or routed_transport(allow_private=url_is_private(hub)),
            timeout=15,
            follow_redirects=False,
            headers={"User-Agent": f"livetail/{__version__}"},
        )

    async def send(self, delivery: Delivery, body: bytes) -> None:
        topic = str(delivery.event.data.get("topic") or json.loads(body).get("data", {}).get("topic", ""))
        try:
            response = await self._client.post(
                self.hub, data={"hub.mode": "publish", "hub.url": topic, "hub.topic": topic}
            )
        except AddressBlocked as e:
            raise PermanentDeliveryError(f"{e}: the WebSub hub resolves to a private address") from None
        except httpx.HTTPError as e:
            raise RetryableDeliveryError(f"{type(e).__name__} pinging the WebSub hub") from None
        if 200 <= response.status_code < 300:
            return
        message = f"WebSub hub answered HTTP {response.status_code}"
        if response.status_code >= 500 or response.status_code in (408, 429):
            raise RetryableDeliveryError(message)
        raise PermanentDeliveryError(message)

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        for delivery, body in zip(deliveries, bodies, strict=True):
            await self.send(delivery, body)

    async def aclose(self) -> None:
        await self._client.aclose()
