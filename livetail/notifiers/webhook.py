"""Webhooks signed per the Standard Webhooks spec (standardwebhooks.com, v1).

``webhook-id`` is the delivery's idempotency key (one per event and target, the same on every
retry); ``webhook-timestamp`` and ``webhook-signature`` are computed on *every* attempt, since
verifiers reject timestamps older than five minutes. The signature is ``v1,`` + base64 of
HMAC-SHA256 over ``{id}.{timestamp}.{body}`` with the key base64-decoded from after ``whsec_``
(see :mod:`livetail.webhooksign`). 2xx is done; redirects are not
followed (3xx fails); 410 disables the target; 408, 429, 5xx and network errors are retried,
honouring ``Retry-After``; any other 4xx is permanent.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence

import httpx

from livetail import __version__
from livetail.config import Config, TargetConfig
from livetail.errors import PermanentDeliveryError, RetryableDeliveryError
from livetail.fetch import retry_after_seconds
from livetail.model import Delivery
from livetail.netguard import AddressBlocked, routed_transport, url_is_private
from livetail.notifiers import register
from livetail.webhooksign import sign, signing_key

RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


class DisableTarget(PermanentDeliveryError):
    """The endpoint asked never to be called again (HTTP 410 Gone)."""


class WebhookNotifier:
    def __init__(
        self,
        target: TargetConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not target.url:
            raise ValueError("a webhook target needs a url")
        self.target = target
        self.url = target.url
        self._key = signing_key(target.secret) if target.secret else None
        self._clock = clock
        # The SSRF guard applies to targets too: a public-looking name must not reach the LAN.
        private_ok = target.allow_private or url_is_private(target.url)
        self._client = httpx.AsyncClient(
            transport=transport or routed_transport(allow_private=private_ok),
            follow_redirects=False,
            timeout=httpx.Timeout(target.timeout.total_seconds()),
            headers={"User-Agent": f"livetail/{__version__}", **target.headers},
        )

    async def send(self, delivery: Delivery, body: bytes) -> None:
        await self._post(delivery.idempotency_key, body)

    async def _post(self, msg_id: str, body: bytes) -> None:
        timestamp = int(self._clock())
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
        }
        if self._key is not None:
            headers["webhook-signature"] = sign(self._key, msg_id, timestamp, body)
        try:
            response = await self._client.post(self.url, content=body, headers=headers)
        except AddressBlocked as e:
            raise PermanentDeliveryError(f"{e}: the webhook URL resolves to a private address") from None
        except httpx.HTTPError as e:
            raise RetryableDeliveryError(f"{type(e).__name__} posting to the webhook") from None
        status = response.status_code
        if 200 <= status < 300:
            return
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        if status == 410:
            raise DisableTarget(f"{reason}: the endpoint is gone; target disabled")
        if status in RETRYABLE:
            raise RetryableDeliveryError(
                reason, retry_after=retry_after_seconds(response.headers.get("retry-after"))
            )
        if 300 <= status < 400:
            raise PermanentDeliveryError(f"{reason}: redirects are not followed; update the target url")
        raise PermanentDeliveryError(reason)

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        """One POST for a batch: ``{"type": "digest", "id", "timestamp", "data": {"events": […]}}``.

        Its ``webhook-id`` hashes the batch's idempotency keys, so a retried batch keeps its id.
        """
        keys = "\n".join(d.idempotency_key for d in deliveries)
        msg_id = "msg_digest_" + hashlib.sha256(keys.encode()).hexdigest()[:32]
        events = b",".join(bodies)
        stamp = max(d.event.occurred_at for d in deliveries).isoformat().replace("+00:00", "Z")
        head = json.dumps({"type": "digest", "id": msg_id, "timestamp": stamp}, separators=(",", ":"))
        await self._post(msg_id, head[:-1].encode() + b',"data":{"events":[' + events + b"]}}")

    async def aclose(self) -> None:
        await self._client.aclose()


@register("webhook")
def _factory(target: TargetConfig, config: Config) -> WebhookNotifier:
    return WebhookNotifier(target)
