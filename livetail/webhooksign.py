"""Standard Webhooks signing (standardwebhooks.com, v1): the key a secret names, and a signature.

The secret is read when the config is loaded, so a malformed one is a config problem, not a crash
on the first delivery: ``whsec_`` and base64, as the reference libraries generate and read it
(they base64-decode a secret without the prefix too, so it is read the same way here).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

__all__ = ["sign", "signing_key"]


def signing_key(secret: str) -> bytes:
    """The HMAC key of ``secret``; ValueError (never quoting it) when it is not base64 or empty."""
    encoded = secret.strip().removeprefix("whsec_")
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(
            "expected a Standard Webhooks secret: whsec_ followed by base64 "
            "(e.g. from `python -c \"import base64, os; print('whsec_' + base64.b64encode(os.urandom(32)).decode())\"`)"
        ) from None
    if not key:
        raise ValueError("the secret is empty after whsec_")
    return key


def sign(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")
