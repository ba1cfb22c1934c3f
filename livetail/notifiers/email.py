"""Email targets: one message per update, or one digest message, sent over SMTP with aiosmtplib.

The ``smtp`` key is a URL; its scheme says how the connection is secured::

    smtp://user:pass@host:587          STARTTLS when the server offers it, plain otherwise
                                       (prefer smtp+starttls:// across networks: without it an
                                       active attacker can strip STARTTLS and read the password)
    smtp+starttls://user:pass@host     STARTTLS required: a server that does not offer it fails
    smtps://user:pass@host:465         implicit TLS from the first byte
    smtp+plain://host:25               no TLS at all, for a relay on localhost or a trusted LAN

Default ports: 587 for ``smtp``/``smtp+starttls``, 465 for ``smtps``, 25 for ``smtp+plain``.
User and password are percent-decoded, so write ``@`` as ``%40``, ``:`` as ``%3A`` and ``/`` as
``%2F``; ``${ENV}`` references in the config keep the password out of the file. Certificates are
checked against the system store (``SSL_CERT_FILE=/path/ca.pem`` points OpenSSL at a private CA).
``sender`` is the From address (default: the SMTP user when it is an address) and ``to`` lists
the recipients.

Every update is one ``multipart/alternative`` message (plain text + HTML, rendered by
:mod:`livetail.notifiers.render`) with:

* ``Message-ID: <{delivery.idempotency_key}@livetail>``: the same on every retry, so a message
  that was accepted but not recorded (a crash between send and record) can be de-duplicated;
* ``In-Reply-To`` / ``References`` to ``<source-{name}@livetail>``, one root per live blog, so
  clients that thread by references (Thunderbird, Apple Mail, mutt) group each blog together;
  Gmail also needs equal subjects, which ``subject = "per-blog"`` gives;
* ``List-Id: "{source title}" <{source}.livetail>`` for filtering, ``List-Unsubscribe`` when the
  target sets ``list_unsubscribe`` (a ``mailto:`` or https URL), ``Auto-Submitted:
  auto-generated`` so vacation responders stay quiet, and the target's ``headers``.

A digest target (``digest = "1h"`` or a crontab line) gets everything pending in one
``multipart/alternative`` message titled ``[livetail] 5 updates: Storm Ada (3), …``.

SMTP outcomes: 4xx replies, connection failures, disconnects and timeouts raise
:class:`~livetail.errors.RetryableDeliveryError`; 5xx replies, rejected credentials, a required
STARTTLS the server lacks and other protocol refusals raise
:class:`~livetail.errors.PermanentDeliveryError`. Error messages name the host and port, never
the password or the URL that carries it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import ssl
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from urllib.parse import quote

import aiosmtplib

from livetail import __version__
from livetail.config import Config, TargetConfig
from livetail.errors import (
    ConfigError,
    ConfigProblem,
    DeliveryError,
    PermanentDeliveryError,
    RetryableDeliveryError,
)
from livetail.model import Delivery
from livetail.notifiers import register
from livetail.notifiers.render import Rendered, Renderer, atom
from livetail.smtpurl import parse_smtp_url

log = logging.getLogger("livetail.notifiers.email")

MESSAGE_DOMAIN = "livetail"


def message_id(key: str) -> str:
    return f"<{atom(key)}@{MESSAGE_DOMAIN}>"


def thread_root(source: str) -> str:
    """The per-blog root every update message of ``source`` replies to."""
    return f"<source-{atom(source)}@{MESSAGE_DOMAIN}>"


def _phrase(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


class EmailNotifier:
    """Sends one target's mail. ``tls_context`` replaces the default verifying context (tests
    pass one that trusts a throwaway CA)."""

    def __init__(self, target: TargetConfig, *, tls_context: ssl.SSLContext | None = None) -> None:
        # TargetConfig checked smtp, sender and to when the config was loaded (config_schema).
        if not target.smtp or not target.to:
            raise ConfigError(
                [ConfigProblem(f"targets.{target.name}", "an email target needs `smtp` and `to`")]
            )
        settings = parse_smtp_url(target.smtp)
        sender = target.sender or settings.username or ""
        self.target = target
        self.settings = settings
        self.sender = sender
        self.envelope_from = parseaddr(sender)[1]
        self.recipients = [parseaddr(a)[1] for a in target.to]
        self.renderer = Renderer(target)
        self._tls_context = tls_context
        self._secrets = tuple(
            s
            for s in (target.smtp, settings.password, quote(settings.password or "", safe=""))
            if s and len(s) >= 3
        )

    # -- composing ---------------------------------------------------------------------------

    def _message(self, rendered: Rendered, msg_id: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.target.to or ())
        msg["Subject"] = rendered.subject
        msg["Date"] = format_datetime(datetime.now(UTC))
        msg["Message-ID"] = msg_id
        msg["Auto-Submitted"] = "auto-generated"
        msg["X-Mailer"] = f"livetail/{__version__}"
        if self.target.list_unsubscribe:
            value = self.target.list_unsubscribe.strip()
            msg["List-Unsubscribe"] = value if value.startswith("<") else f"<{value}>"
        msg.set_content(rendered.text)
        msg.add_alternative(rendered.html, subtype="html")
        return msg

    def _finish(self, msg: EmailMessage) -> EmailMessage:
        for name, value in self.target.headers.items():
            del msg[name]
            msg[name] = value
        return msg

    def compose(self, delivery: Delivery, body: bytes) -> EmailMessage:
        """The message for one event (public so ``preview`` tools and tests can look at it)."""
        rendered = self.renderer.update(body)
        msg = self._message(rendered, message_id(delivery.idempotency_key))
        root = thread_root(delivery.source)
        msg["In-Reply-To"] = root
        msg["References"] = root
        title = self.renderer.item(body).source["title"] or delivery.source
        msg["List-Id"] = f"{_phrase(title)} <{atom(delivery.source)}.{MESSAGE_DOMAIN}>"
        return self._finish(msg)

    def compose_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> EmailMessage:
        """One message for several events; its Message-ID is derived from theirs."""
        rendered = self.renderer.digest(bodies)
        keys = "\n".join(d.idempotency_key for d in deliveries)
        digest_key = f"digest-{hashlib.sha256(keys.encode()).hexdigest()[:24]}-{self.target.name}"
        msg = self._message(rendered, message_id(digest_key))
        name = atom(self.target.name)
        msg["List-Id"] = f"{_phrase(f'livetail digest {self.target.name}')} <{name}.digest.{MESSAGE_DOMAIN}>"
        return self._finish(msg)

    # -- sending -----------------------------------------------------------------------------

    async def send(self, delivery: Delivery, body: bytes) -> None:
        await self._submit(self.compose(delivery, body))

    async def send_digest(self, deliveries: Sequence[Delivery], bodies: Sequence[bytes]) -> None:
        if not deliveries:
            return
        await self._submit(self.compose_digest(deliveries, bodies))

    async def aclose(self) -> None:
        return None

    async def _submit(self, msg: EmailMessage) -> None:
        s = self.settings
        timeout = self.target.timeout.total_seconds()
        try:
            # aiosmtplib's timeout bounds each step; the whole exchange gets a few of them.
            async with asyncio.timeout(timeout * 4):
                refused, _ = await aiosmtplib.send(
                    msg,
                    sender=self.envelope_from,
                    recipients=self.recipients,
                    hostname=s.host,
                    port=s.port,
                    username=s.username,
                    password=s.password,
                    timeout=timeout,
                    use_tls=s.security == "tls",
                    start_tls={"opportunistic": None, "starttls": True}.get(s.security, False),
                    tls_context=self._tls_context,
                )
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as e:
            raise self.classify(e) from None
        if refused:
            # Some recipients took it; resending would duplicate it for them. Say who did not.
            log.warning(
                "email partly refused target=%s refused=%s",
                self.target.name,
                self._scrub("; ".join(f"{a}: {r.code} {r.message}" for a, r in refused.items())),
            )

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text[:500]

    def classify(self, e: BaseException) -> DeliveryError:
        """Map an SMTP/network failure to retry-or-not, in words that carry no secret."""
        where = self.settings.where
        retry: bool
        if isinstance(e, aiosmtplib.SMTPRecipientsRefused):
            detail = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in e.recipients)
            message = f"SMTP server {where} refused the recipients: {detail}"
            retry = any(400 <= r.code < 500 for r in e.recipients)
        elif isinstance(e, aiosmtplib.SMTPResponseException):
            step = {
                aiosmtplib.SMTPAuthenticationError: "AUTH (check the user and password)",
                aiosmtplib.SMTPSenderRefused: "MAIL FROM",
                aiosmtplib.SMTPRecipientRefused: "RCPT TO",
                aiosmtplib.SMTPDataError: "DATA",
                aiosmtplib.SMTPHeloError: "EHLO",
            }.get(type(e), "the session")
            message = f"SMTP {e.code} {e.message.strip()} from {where} at {step}"
            retry = not 500 <= e.code < 600
        elif isinstance(e, aiosmtplib.SMTPNotSupported):
            message = f"SMTP server {where}: {e.message}"
            retry = False
        elif isinstance(e, TimeoutError):
            message = f"timed out talking to SMTP server {where}"
            retry = True
        elif isinstance(e, ssl.SSLCertVerificationError):
            message = f"TLS certificate of {where} not trusted: {e.verify_message}"
            retry = True
        elif isinstance(e, aiosmtplib.SMTPConnectError | aiosmtplib.SMTPServerDisconnected):
            message = f"SMTP connection to {where} failed: {e.message}"
            retry = True
        elif isinstance(e, OSError):
            message = f"{type(e).__name__} connecting to SMTP server {where}: {e.strerror or e}"
            retry = True
        else:  # SMTPException without a reply code, e.g. "AUTH not supported by server"
            message = f"SMTP server {where}: {getattr(e, 'message', type(e).__name__)}"
            retry = False
        message = self._scrub(message)
        return RetryableDeliveryError(message) if retry else PermanentDeliveryError(message)


@register("email")
def _factory(target: TargetConfig, config: Config) -> EmailNotifier:
    return EmailNotifier(target)
