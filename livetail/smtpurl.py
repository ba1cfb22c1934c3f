"""The ``smtp`` URL of an email target: parsed when the config is loaded, used by the notifier."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote, urlsplit

__all__ = ["SCHEMES", "Security", "SmtpSettings", "parse_smtp_url"]

Security = Literal["opportunistic", "starttls", "tls", "plain"]
SCHEMES: dict[str, tuple[Security, int]] = {
    "smtp": ("opportunistic", 587),
    "smtp+starttls": ("starttls", 587),
    "smtps": ("tls", 465),
    "smtp+plain": ("plain", 25),
}


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """A parsed ``smtp`` URL; the password never appears in ``repr``."""

    host: str
    port: int
    security: Security
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpSettings:
    """Parse an ``smtp`` target URL; ``ValueError`` messages never quote the URL (it may hold a password)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # its message quotes the host part, password included
        raise ValueError("not a valid URL") from None
    scheme = parts.scheme.lower()
    if "://" not in url or scheme not in SCHEMES:
        raise ValueError("expected a URL starting smtp://, smtp+starttls://, smtps:// or smtp+plain://")
    security, default_port = SCHEMES[scheme]
    try:
        port = parts.port or default_port
    except ValueError:
        raise ValueError("the port is not a number from 1 to 65535") from None
    if not parts.hostname:
        raise ValueError("the URL has no host")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError("the URL takes no path, query or fragment")
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    if password is not None and not username:
        raise ValueError("the URL has a password but no user")
    return SmtpSettings(
        host=parts.hostname, port=port, security=security, username=username, password=password
    )
