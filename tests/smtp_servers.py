"""Real SMTP servers on 127.0.0.1 for delivery tests (no mocks).

* :class:`SMTPServer` runs aiosmtpd in a thread with a :class:`Recorder` handler that keeps every
  DATA it was given (and whether the session was TLS and authenticated) and answers RCPT and
  DATA from per-address scripts, so 4xx/5xx replies are testable without any MTA.
* :func:`smtp_sink` finds Postfix's ``smtp-sink`` (PATH, ``$LIVETAIL_SMTP_SINK``, or the Debian
  package fetched with ``apt-get download postfix`` and unpacked with ``dpkg -x`` into a cache;
  conformance.md §6) for fault injection from a server that is not ours.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """A port nothing listens on (aiosmtpd's Controller cannot take port=0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Received:
    """One DATA the server was given, with the reply it sent."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    reply: str
    tls: bool
    login: str | None

    @property
    def accepted(self) -> bool:
        return self.reply.startswith("250")

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Recorder:
    """An aiosmtpd handler; ``rcpt``/``data`` map a recipient to the replies it gets in turn (the
    last one repeats). Recipients without a script are accepted."""

    rcpt: dict[str, list[str]] = field(default_factory=dict)
    data: dict[str, list[str]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    rcpt_seen: list[tuple[str, str]] = field(default_factory=list)

    @staticmethod
    def _next(script: list[str] | None) -> str:
        if not script:
            return "250 OK"
        return script.pop(0) if len(script) > 1 else script[0]

    @property
    def accepted(self) -> list[Received]:
        return [r for r in self.received if r.accepted]

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        reply = self._next(self.rcpt.get(address))
        self.rcpt_seen.append((address, reply))
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        first = envelope.rcpt_tos[0] if envelope.rcpt_tos else ""
        reply = self._next(self.data.get(first))
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        self.received.append(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                content=bytes(envelope.original_content or envelope.content),
                reply=reply,
                tls=server.transport.get_extra_info("ssl_object") is not None,
                login=login,
            )
        )
        return reply if not reply.startswith("250") else "250 Message accepted for delivery"


def password_authenticator(users: dict[str, str]) -> Callable[..., AuthResult]:
    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = users.get(auth_data.login.decode()) == auth_data.password.decode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticate


class SMTPServer:
    """aiosmtpd on 127.0.0.1 in a thread; extra keyword arguments go to the Controller
    (``tls_context=`` for STARTTLS, ``ssl_context=`` for implicit TLS, ``authenticator=``…)."""

    def __init__(self, recorder: Recorder | None = None, **kwargs: Any) -> None:
        self.recorder = recorder or Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port, **kwargs)

    def __enter__(self) -> SMTPServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def tls_contexts(tmp: Path) -> tuple[ssl.SSLContext, ssl.SSLContext, Path]:
    """(server context, client context trusting it, CA bundle path) from a throwaway trustme CA."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    bundle = tmp / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    return server, client, bundle


# -- Postfix smtp-sink --------------------------------------------------------------------------


@dataclass(frozen=True)
class SinkBinary:
    path: Path
    env: dict[str, str]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "livetail-tests" / "postfix"


def find_smtp_sink() -> SinkBinary | str:
    """The smtp-sink binary, or why it cannot be had (a skip reason)."""
    explicit = os.environ.get("LIVETAIL_SMTP_SINK")
    candidates: list[str | None] = [explicit, shutil.which("smtp-sink"), "/usr/sbin/smtp-sink"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return SinkBinary(Path(candidate), dict(os.environ))
    root = _cache_dir() / "x"
    binary = root / "usr/sbin/smtp-sink"
    if not binary.is_file():
        if not (shutil.which("apt-get") and shutil.which("dpkg")):
            return "smtp-sink not installed and no apt-get/dpkg to fetch Debian's postfix package"
        work = _cache_dir()
        work.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(
                ["apt-get", "download", "postfix"], cwd=work, capture_output=True, timeout=90, check=True
            )
            debs = sorted(work.glob("postfix_*.deb"))
            if not debs:
                return "apt-get download postfix produced no .deb"
            subprocess.run(
                ["dpkg", "-x", str(debs[-1]), str(root)], capture_output=True, timeout=60, check=True
            )
        except (subprocess.SubprocessError, OSError) as e:
            return f"could not fetch postfix for smtp-sink ({type(e).__name__}: {e})"
        if not binary.is_file():
            return "the postfix package has no usr/sbin/smtp-sink"
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = ":".join(
        p for p in (str(root / "usr/lib/postfix"), env.get("LD_LIBRARY_PATH")) if p
    )
    return SinkBinary(binary, env)


@contextmanager
def smtp_sink(binary: SinkBinary, *flags: str) -> Iterator[int]:
    """Run ``smtp-sink FLAGS 127.0.0.1:PORT 10``; yield the port once it accepts connections."""
    port = free_port()
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    proc = subprocess.Popen(
        [str(binary.path), *user, *flags, f"127.0.0.1:{port}", "10"],
        env=binary.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"smtp-sink exited with {proc.returncode}: {err.strip()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("smtp-sink did not start listening") from None
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
