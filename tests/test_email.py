"""Email (and Apprise) delivery against real servers on 127.0.0.1, driven through DeliveryWorker.

aiosmtpd records what arrives (parsed back with the ``email`` package), answers RCPT/DATA with
scripted 4xx/5xx replies, and speaks STARTTLS, implicit TLS (a trustme CA) and AUTH; Postfix's
``smtp-sink`` injects failures from a server that is not ours when it can be had (else skipped).
Outcomes are read from the outbox (``store.target_stats()``), as ``livetail status`` shows them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
import re
import socket
import ssl
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from builders import T0, make_update
from needs import missing
from smtp_servers import (
    Recorder,
    SinkBinary,
    SMTPServer,
    find_smtp_sink,
    free_port,
    password_authenticator,
    smtp_sink,
    tls_contexts,
)

from livetail.config import Config, parse_config
from livetail.delivery import DeliveryWorker
from livetail.errors import ConfigError, PermanentDeliveryError
from livetail.model import TargetStats, Update
from livetail.notifiers import Notifier, build_notifiers
from livetail.notifiers.email import EmailNotifier, parse_smtp_url
from livetail.notifiers.routing import targets_for
from livetail.reconcile import ReconcileResult, SourceState, reconcile
from livetail.store.sqlite import SQLiteStore

# aiosmtpd sets its own deprecated Session.login_data after a successful AUTH (in its thread).
pytestmark = pytest.mark.filterwarnings("ignore:Session.login_data is deprecated:DeprecationWarning")

SOURCES = {"storm": ("https://e.org/live", "Storm Ada"), "flood": ("https://f.org/live", "River Flood")}
PASSWORD = "pa:ss/wörd@1"  # percent-encoded in the URL below
USER = "alice@example.test"
SMTP_USERINFO = "alice%40example.test:pa%3Ass%2Fw%C3%B6rd%401"


def now() -> datetime:
    return datetime.now(UTC)


def make_config(tmp: Path, targets: list[dict[str, Any]], *, retry: Sequence[str] = ("1s", "1s")) -> Config:
    return parse_config(
        {
            "state": {"path": "state.db"},
            "publish": {"base_url": "http://feeds.example.test/"},
            "delivery": {"retry": list(retry)},
            "sources": [{"name": n, "url": url, "title": title} for n, (url, title) in SOURCES.items()],
            "targets": [
                {
                    "type": "email",
                    "sender": "livetail <alerts@example.test>",
                    "events": ["created", "edited", "deleted"],
                }
                | t
                for t in targets
            ],
        },
        base_dir=tmp,
        env={},
    )


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    opened = await SQLiteStore.open(tmp_path / "state.db")
    yield opened
    await opened.close()


async def poll(
    store: SQLiteStore, config: Config, updates: Sequence[Update], at: datetime, *, source: str = "storm"
) -> None:
    def decide(state: SourceState) -> ReconcileResult:
        return reconcile(state, list(updates), strategy="jsonld", now=at)

    url, title = SOURCES[source]
    await store.commit_poll(
        source=source,
        url=url,
        title=title,
        now=at,
        decide=decide,
        route=lambda e: targets_for(config.targets, source, e),
    )


def pages(*ks: int) -> list[Update]:
    return [make_update(k) for k in sorted(ks, reverse=True)]


async def run_until(worker: DeliveryWorker, done: Callable[[], Awaitable[bool]], timeout: float = 10) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await done():
        await worker.run_once()
        assert asyncio.get_running_loop().time() < deadline, "delivery did not finish in time"
        await asyncio.sleep(0.05)


async def stats(store: SQLiteStore) -> dict[str, TargetStats]:
    return {s.target: s for s in await store.target_stats()}


def worker_for(
    config: Config, store: SQLiteStore, notifiers: dict[str, Notifier] | None = None
) -> DeliveryWorker:
    return DeliveryWorker(
        config,
        store,
        notifiers if notifiers is not None else build_notifiers(config),
        clock=now,
        rng=random.Random(5),
    )


def parts(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert isinstance(text, EmailMessage) and isinstance(html, EmailMessage)
    return text.get_content(), html.get_content()


# -- per-update messages ------------------------------------------------------------------------


async def test_updates_thread_under_one_root_per_blog(tmp_path: Path, store: SQLiteStore) -> None:
    with SMTPServer() as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "mail",
                    "to": ["reader@example.test", "Other Reader <other@example.test>"],
                    "smtp": f"smtp+plain://127.0.0.1:{server.port}",
                    "list_unsubscribe": "mailto:unsubscribe@example.test",
                    "headers": {"X-Campaign": "storms"},
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1, 2, 3, 4), T0)  # baseline: no alerts
        await poll(store, config, pages(1, 2, 3, 4, 5, 6), T0 + timedelta(minutes=1))
        edited = make_update(5, body="Body of update 5, now with a correction.")
        await poll(store, config, [make_update(6), edited, *pages(1, 2, 3, 4)], T0 + timedelta(minutes=2))
        await poll(store, config, pages(1, 2, 3, 4, 6), T0 + timedelta(minutes=3))  # 5 retracted

        async def four() -> bool:
            return len(server.recorder.accepted) == 4

        await run_until(worker, four)
    received = server.recorder.accepted
    messages = [r.message for r in received]
    subjects = [m["Subject"] for m in messages]
    assert sorted(subjects[:2]) == ["[Storm Ada] Update 5", "[Storm Ada] Update 6"]  # one poll, page order
    assert subjects[2:] == ["[Storm Ada] Edited: Update 5", "[Storm Ada] Retracted: Update 5"]
    messages[:2] = sorted(messages[:2], key=lambda m: str(m["Subject"]))
    ids = [m["Message-ID"] for m in messages]
    assert len(set(ids)) == 4 and all(i.startswith("<msg_") and i.endswith("_mail@livetail>") for i in ids)
    for m in messages:
        assert m["In-Reply-To"] == "<source-storm@livetail>"
        assert m["References"] == "<source-storm@livetail>"
        assert m["List-Id"] == '"Storm Ada" <storm.livetail>'
        assert m["List-Unsubscribe"] == "<mailto:unsubscribe@example.test>"
        assert m["Auto-Submitted"] == "auto-generated"
        assert m["X-Campaign"] == "storms"
        assert m["From"] == "livetail <alerts@example.test>"
        assert m.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in m.iter_parts()] == ["text/plain", "text/html"]
    assert all(r.mail_from == "alerts@example.test" for r in received)
    assert all(r.rcpt_tos == ["reader@example.test", "other@example.test"] for r in received)
    text, html = parts(messages[0])
    assert "Body of update 5." in text and "https://e.org/live#post-5" in text
    assert "<p>Body of update 5.</p>" in html and 'href="https://e.org/live#post-5"' in html
    text, html = parts(messages[2])
    assert "now with a correction" in text and "Before the edit" in text and "Body of update 5." in text
    text, html = parts(messages[3])
    assert text.startswith("Retracted: Update 5") and "removed this update" in text
    assert (await stats(store))["mail"].sent == 4


async def test_per_blog_subject_is_constant(tmp_path: Path, store: SQLiteStore) -> None:
    with SMTPServer() as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "blog",
                    "to": ["r@example.test"],
                    "smtp": f"smtp://127.0.0.1:{server.port}",
                    "subject": "per-blog",
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1, 2, 3, 4), T0)
        await poll(store, config, pages(1, 2, 3, 4, 5, 6, 7), T0 + timedelta(minutes=1))

        async def three() -> bool:
            return len(server.recorder.accepted) == 3

        await run_until(worker, three)
    messages = [r.message for r in server.recorder.accepted]
    assert {m["Subject"] for m in messages} == {"[Storm Ada] Live updates"}
    assert {m["References"] for m in messages} == {"<source-storm@livetail>"}
    assert [parts(m)[0].splitlines()[0] for m in messages] == [
        "Update 5",
        "Update 6",
        "Update 7",
    ]  # as posted


async def test_retry_resends_the_same_message_id(tmp_path: Path, store: SQLiteStore) -> None:
    recorder = Recorder(data={"r@example.test": ["451 4.3.0 Queue full, try later", "250 OK"]})
    with SMTPServer(recorder) as server:
        config = make_config(
            tmp_path,
            [{"name": "mail", "to": ["r@example.test"], "smtp": f"smtp+plain://127.0.0.1:{server.port}"}],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))

        async def sent() -> bool:
            return bool(server.recorder.accepted)

        await run_until(worker, sent)
    attempts = server.recorder.received
    assert [a.reply[:3] for a in attempts] == ["451", "250"]
    assert attempts[0].message["Message-ID"] == attempts[1].message["Message-ID"]
    row = (await stats(store))["mail"]
    assert row.sent == 1 and row.dead == 0 and row.last_error is None  # recovered: the 451 is history


# -- digests ------------------------------------------------------------------------------------


def hostile_update(k: int) -> Update:
    """An update whose HTML has relative links and an image: the digest must make them absolute."""
    base = make_update(k)
    html = (
        f'<p>Body of update {k}. <a href="/weather/map">Map</a> '
        f'<img src="img/radar.png" alt="radar"> <a href="#post-1">earlier</a></p>'
    )
    return dataclasses.replace(base, content_html=html)


async def test_digest_batches_every_event_into_one_message(tmp_path: Path, store: SQLiteStore) -> None:
    with SMTPServer() as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "daily",
                    "to": ["r@example.test"],
                    "smtp": f"smtp+plain://127.0.0.1:{server.port}",
                    "digest": "1h",
                    "timezone": "Europe/London",
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1, 2, 3, 4), T0)
        new = [make_update(7), hostile_update(6), make_update(5)]
        await poll(store, config, [*new, *pages(1, 2, 3, 4)], T0 + timedelta(minutes=1))
        await poll(store, config, pages(11, 12, 13), T0, source="flood")
        await poll(store, config, pages(11, 12, 13, 14, 15), T0 + timedelta(minutes=2), source="flood")
        assert await worker.run_once() == 0, "digest targets are not sent one by one"
        assert server.recorder.received == []
        assert await worker.send_digest("daily") == 5
        assert await worker.send_digest("daily") == 0, "nothing pending: nothing sent"
        await asyncio.sleep(0.05)
    assert len(server.recorder.received) == 1
    msg = server.recorder.received[0].message
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"] == "[livetail] 5 updates: Storm Ada (3), River Flood (2)"
    assert msg["Message-ID"].startswith("<digest-") and msg["In-Reply-To"] is None
    text, html = parts(msg)
    titles = ["Update 5", "Update 6", "Update 7", "Update 14", "Update 15"]
    for title in titles:
        assert title in text and title in html
    assert "<style" not in html.lower() and "<script" not in html.lower()
    doc = lxml.html.document_fromstring(html)
    urls = [e.get(a) for a in ("href", "src") for e in doc.iter() if isinstance(e.tag, str) and e.get(a)]
    assert "https://e.org/weather/map" in urls and "https://e.org/img/radar.png" in urls
    for url in urls:
        parsed = urlsplit(url)
        assert parsed.scheme in ("http", "https") and parsed.netloc, f"not an absolute http(s) URL: {url}"
    assert "GMT" in text  # T0 is in March: Europe/London shows GMT
    assert (await stats(store))["daily"].sent == 5


async def test_empty_digest_sends_nothing(tmp_path: Path, store: SQLiteStore) -> None:
    with SMTPServer() as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "daily",
                    "to": ["r@example.test"],
                    "smtp": f"smtp+plain://127.0.0.1:{server.port}",
                    "digest": "0 8 * * *",
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1, 2), T0)  # a baseline: no events
        assert await worker.send_digest("daily") == 0
        await asyncio.sleep(0.05)
    assert server.recorder.received == [] and server.recorder.rcpt_seen == []


# -- TLS and AUTH -------------------------------------------------------------------------------


@pytest.fixture
def tls(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext, Path]:
    pytest.importorskip("trustme", reason="trustme (test extra) makes the throwaway CA")
    return tls_contexts(tmp_path)


async def test_starttls_and_auth(
    tmp_path: Path, store: SQLiteStore, tls: tuple[ssl.SSLContext, ssl.SSLContext, Path]
) -> None:
    server_ctx, client_ctx, _ = tls
    server = SMTPServer(
        tls_context=server_ctx,
        require_starttls=True,
        authenticator=password_authenticator({USER: PASSWORD}),
        auth_require_tls=True,
    )
    with server:
        url = f"127.0.0.1:{server.port}"
        config = make_config(
            tmp_path,
            [
                {
                    "name": "required",
                    "to": ["a@example.test"],
                    "smtp": f"smtp+starttls://{SMTP_USERINFO}@{url}",
                },
                {"name": "offered", "to": ["b@example.test"], "smtp": f"smtp://{SMTP_USERINFO}@{url}"},
            ],
        )
        notifiers: dict[str, Notifier] = {
            t.name: EmailNotifier(t, tls_context=client_ctx) for t in config.targets
        }
        worker = worker_for(config, store, notifiers)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))

        async def both() -> bool:
            return len(server.recorder.accepted) == 2

        await run_until(worker, both)
    assert all(r.tls and r.login == USER for r in server.recorder.accepted)
    assert {r.rcpt_tos[0] for r in server.recorder.accepted} == {"a@example.test", "b@example.test"}


async def test_implicit_tls_trusts_ssl_cert_file(
    tmp_path: Path,
    store: SQLiteStore,
    tls: tuple[ssl.SSLContext, ssl.SSLContext, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server_ctx, _, bundle = tls
    # aiosmtpd only counts STARTTLS as TLS for AUTH: implicit TLS needs auth_require_tls=False.
    server = SMTPServer(
        ssl_context=server_ctx, authenticator=password_authenticator({USER: PASSWORD}), auth_require_tls=False
    )
    with server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "tls",
                    "to": ["a@example.test"],
                    "smtp": f"smtps://{SMTP_USERINFO}@127.0.0.1:{server.port}",
                },
                {"name": "untrusted", "to": ["b@example.test"], "smtp": f"smtps://127.0.0.1:{server.port}"},
            ],
        )
        monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
        notifiers = build_notifiers(config)
        # The factory path trusts the CA through SSL_CERT_FILE; this one trusts no CA at all.
        notifiers["untrusted"] = EmailNotifier(
            config.targets[1], tls_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        )
        worker = worker_for(config, store, notifiers)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))

        async def done() -> bool:
            s = await stats(store)
            return s["tls"].sent == 1 and s["untrusted"].failed == 1

        await run_until(worker, done)
    assert [(r.tls, r.login) for r in server.recorder.accepted] == [(True, USER)]
    untrusted = (await stats(store))["untrusted"]
    assert untrusted.pending == 1 and untrusted.dead == 0, "an untrusted certificate is retried"
    assert "certificate" in (untrusted.last_error or "").lower()


async def test_rejected_password_dead_letters_and_never_leaks(
    tmp_path: Path, store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="livetail")
    caplog.set_level(logging.DEBUG, logger="aiosmtplib")
    wrong = "hunter2-Sekrit"
    server = SMTPServer(authenticator=password_authenticator({USER: PASSWORD}), auth_require_tls=False)
    with server:
        smtp = f"smtp://alice%40example.test:{wrong}@127.0.0.1:{server.port}"
        config = make_config(tmp_path, [{"name": "mail", "to": ["a@example.test"], "smtp": smtp}])
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
        await worker.run_once()
        notifier = worker.notifiers["mail"]
        assert isinstance(notifier, EmailNotifier)
        with pytest.raises(PermanentDeliveryError) as info:
            await notifier._submit(EmailMessage())
    row = (await stats(store))["mail"]
    assert row.dead == 1 and row.pending == 0
    assert "535" in (row.last_error or "") and "AUTH" in (row.last_error or "")
    assert server.recorder.received == []
    leaks = [caplog.text, row.last_error or "", str(info.value), repr(info.value), repr(notifier.settings)]
    for text in leaks:
        assert wrong not in text and smtp not in text


# -- 4xx / 5xx / network ------------------------------------------------------------------------


async def test_4xx_is_retried_and_5xx_dead_letters(tmp_path: Path, store: SQLiteStore) -> None:
    recorder = Recorder(
        rcpt={
            "soft@example.test": ["451 4.7.1 Greylisted, come back later", "250 OK"],
            "hard@example.test": ["550 5.1.1 No such user"],
        }
    )
    with SMTPServer(recorder) as server:
        smtp = f"smtp+plain://127.0.0.1:{server.port}"
        config = make_config(
            tmp_path,
            [
                {"name": "soft", "to": ["soft@example.test"], "smtp": smtp},
                {"name": "hard", "to": ["hard@example.test"], "smtp": smtp},
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))

        async def settled() -> bool:
            s = await stats(store)
            return s["soft"].sent == 1 and s["hard"].dead == 1

        await run_until(worker, settled)
    soft, hard = (await stats(store))["soft"], (await stats(store))["hard"]
    assert soft.last_error is None  # the 451 was retried and the message went through
    assert "550" in (hard.last_error or "") and "No such user" in (hard.last_error or "")
    seen = [address for address, _ in recorder.rcpt_seen]
    assert seen.count("soft@example.test") == 2 and seen.count("hard@example.test") == 1
    assert [r.rcpt_tos for r in recorder.accepted] == [["soft@example.test"]]


async def test_partial_refusal_is_delivered_and_logged(
    tmp_path: Path, store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(rcpt={"gone@example.test": ["550 5.1.1 No such user"]})
    with SMTPServer(recorder) as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "mail",
                    "to": ["gone@example.test", "here@example.test"],
                    "smtp": f"smtp+plain://127.0.0.1:{server.port}",
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
        assert await worker.run_once() == 1
    assert [r.rcpt_tos for r in recorder.accepted] == [["here@example.test"]]
    assert (await stats(store))["mail"].sent == 1, "resending would duplicate it for the others"
    assert "gone@example.test: 550" in caplog.text


async def test_required_starttls_that_is_not_offered_is_permanent(tmp_path: Path, store: SQLiteStore) -> None:
    with SMTPServer() as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "mail",
                    "to": ["a@example.test"],
                    "smtp": f"smtp+starttls://u:pw@127.0.0.1:{server.port}",
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
        assert await worker.run_once() == 1
    row = (await stats(store))["mail"]
    assert row.dead == 1 and "STARTTLS" in (row.last_error or "")
    assert server.recorder.rcpt_seen == [], "nothing was sent in the clear"


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """A socket that accepts connections (backlog) but never says a word: the greeting times out."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


async def test_refused_and_silent_servers_are_retried(
    tmp_path: Path, store: SQLiteStore, silent_listener: int
) -> None:
    config = make_config(
        tmp_path,
        [
            {"name": "refused", "to": ["a@example.test"], "smtp": f"smtp+plain://127.0.0.1:{free_port()}"},
            {
                "name": "silent",
                "to": ["a@example.test"],
                "smtp": f"smtp+plain://127.0.0.1:{silent_listener}",
                "timeout": "1s",
            },
        ],
        retry=["1h"],
    )
    worker = worker_for(config, store)
    await poll(store, config, pages(1), T0)
    await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
    assert await worker.run_once() == 2
    s = await stats(store)
    assert s["refused"].pending == 1 and s["refused"].failed == 1 and s["refused"].dead == 0
    assert "127.0.0.1" in (s["refused"].last_error or "")
    assert s["silent"].pending == 1 and s["silent"].failed == 1
    assert "timed out" in (s["silent"].last_error or "")


@pytest.fixture(scope="session")
def sink_binary() -> SinkBinary:
    found = find_smtp_sink()
    if isinstance(found, str):
        missing(f"Postfix smtp-sink unavailable: {found}")
    return found


async def test_smtp_sink_4xx_retries_5xx_dead_letters(
    tmp_path: Path, store: SQLiteStore, sink_binary: SinkBinary
) -> None:
    with ExitStack() as sinks:
        try:  # only starting the sinks may skip; whatever livetail raises after that fails the test
            ok, soft, hard = [
                sinks.enter_context(smtp_sink(sink_binary, *flags))
                for flags in ((), ("-r", "rcpt"), ("-f", "data"))
            ]
        except RuntimeError as e:
            missing(f"smtp-sink would not run here: {e}")
        config = make_config(
            tmp_path,
            [
                {"name": "ok", "to": ["a@example.test"], "smtp": f"smtp+plain://127.0.0.1:{ok}"},
                {"name": "soft", "to": ["a@example.test"], "smtp": f"smtp+plain://127.0.0.1:{soft}"},
                {"name": "hard", "to": ["a@example.test"], "smtp": f"smtp+plain://127.0.0.1:{hard}"},
            ],
            retry=["1h"],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
        assert await worker.run_once() == 3
    s = await stats(store)
    assert s["ok"].sent == 1
    assert s["soft"].pending == 1 and s["soft"].failed == 1 and " 450 " in (s["soft"].last_error or "")
    assert s["hard"].dead == 1 and re.match(r"SMTP 5\d\d ", s["hard"].last_error or "")


# -- configuration and templates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://u:p@mail.example.org", ("mail.example.org", 587, "opportunistic", "u", "p")),
        ("smtp+starttls://mail.example.org:2587", ("mail.example.org", 2587, "starttls", None, None)),
        ("smtps://a%40b.c:p%3Aw%2Fd%25@[::1]", ("::1", 465, "tls", "a@b.c", "p:w/d%")),
        ("SMTP+PLAIN://localhost", ("localhost", 25, "plain", None, None)),
    ],
)
def test_smtp_urls(url: str, expected: tuple[object, ...]) -> None:
    s = parse_smtp_url(url)
    assert (s.host, s.port, s.security, s.username, s.password) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://user:s3cr3tpw@mail.example.org",
        "user:s3cr3tpw@mail.example.org",
        "smtp://user:s3cr3tpw@",
        "smtp://user:s3cr3tpw@host:notaport",
        "smtp://user:s3cr3tpw@host/path",
        "smtp://:s3cr3tpw@host",
    ],
)
def test_bad_smtp_urls_are_config_errors_without_the_password(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError) as info:  # when the config is loaded, before anything is polled
        make_config(tmp_path, [{"name": "mail", "to": ["a@example.test"], "smtp": url}])
    assert [p.path for p in info.value.problems] == ["targets[0].smtp"]
    assert "s3cr3tpw" not in str(info.value)


@pytest.mark.parametrize(
    ("target", "path", "message"),
    [
        ({"sender": None}, "targets[0]", 'needs `smtp = "smtp://user@host"` and `sender`'),
        ({"smtp": "smtp://mail.example.test", "sender": None}, "targets[0]", "needs `sender`"),
        ({"smtp": "smtp://mail.example.test", "sender": "no address"}, "targets[0].sender", "not an email"),
        (
            {"smtp": "smtp://mail.example.test", "to": ["a@example.test", "desk@x.example, night@x.example"]},
            "targets[0].to[1]",
            "night@x.example",
        ),
    ],
)
def test_email_target_mistakes_are_config_errors(
    tmp_path: Path, target: dict[str, Any], path: str, message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        make_config(tmp_path, [{"name": "mail", "to": ["a@example.test"]} | target])
    [problem] = info.value.problems
    assert problem.path == path and message in problem.message, problem


def test_an_smtp_user_with_an_address_is_the_sender(tmp_path: Path) -> None:
    config = make_config(
        tmp_path,
        [{"name": "mail", "to": ["a@example.test"], "smtp": "smtp://me@example.test@host", "sender": None}],
    )
    notifier = build_notifiers(config)["mail"]
    assert isinstance(notifier, EmailNotifier) and notifier.envelope_from == "me@example.test"


def test_a_broken_template_fails_when_the_target_is_built(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "update.html.j2").write_text("{% if %}", encoding="utf-8")
    config = make_config(
        tmp_path,
        [{"name": "mail", "to": ["a@example.test"], "smtp": "smtp://h", "templates": str(tmp_path / "tpl")}],
    )
    with pytest.raises(ConfigError, match=r"update\.html\.j2"):
        build_notifiers(config)


async def test_templates_override_by_name_and_html_is_escaped(tmp_path: Path, store: SQLiteStore) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "subject.txt.j2").write_text("NEWS {{ source.name }}: {{ title }}\n", encoding="utf-8")
    title = 'Fire <script>alert("x")</script> & "smoke"'
    with SMTPServer() as server:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "mail",
                    "to": ["a@example.test"],
                    "smtp": f"smtp+plain://127.0.0.1:{server.port}",
                    "templates": str(tpl),
                }
            ],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, [make_update(2, title=title), make_update(1)], T0 + timedelta(minutes=1))

        async def one() -> bool:
            return len(server.recorder.accepted) == 1

        await run_until(worker, one)
    msg = server.recorder.accepted[0].message
    assert msg["Subject"] == f"NEWS storm: {title}"
    text, html = parts(msg)
    assert title in text, "the text part is not escaped"
    assert (
        "<script" not in html
        and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;smoke&#34;" in html
    )


# -- Apprise ------------------------------------------------------------------------------------


class PostReceiver:
    """Records JSON POSTs; ``/fail`` answers 500, anything else 200."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, dict[str, Any]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                outer.posts.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
                status = 500 if self.path == "/fail" else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")  # apprise's PGP plugin
async def test_apprise_delivers_and_false_is_retried(tmp_path: Path, store: SQLiteStore) -> None:
    pytest.importorskip("apprise", reason="apprise is the optional extra livetail[apprise]")
    receiver = PostReceiver()
    try:
        config = make_config(
            tmp_path,
            [
                {
                    "name": "push",
                    "type": "apprise",
                    "url": f"json://127.0.0.1:{receiver.port}/ok",
                    "sender": None,
                },
                {
                    "name": "broken",
                    "type": "apprise",
                    "url": f"json://127.0.0.1:{receiver.port}/fail",
                    "sender": None,
                },
            ],
            retry=["1h"],
        )
        worker = worker_for(config, store)
        await poll(store, config, pages(1), T0)
        await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
        assert await worker.run_once() == 2
    finally:
        receiver.close()
    s = await stats(store)
    assert s["push"].sent == 1
    assert s["broken"].pending == 1 and s["broken"].failed == 1
    assert "not delivered" in (s["broken"].last_error or "")
    ok = [body for path, body in receiver.posts if path == "/ok"]
    assert len(ok) == 1 and ok[0]["title"] == "[Storm Ada] Update 2"
    assert "Body of update 2." in ok[0]["message"]


def test_apprise_missing_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "apprise", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"livetail\[apprise\]") as info:  # when the config is loaded
        make_config(tmp_path, [{"name": "push", "type": "apprise", "url": "ntfy://topic", "sender": None}])
    assert [p.path for p in info.value.problems] == ["targets[0].type"]


async def test_a_failed_digest_is_retried_when_due_not_at_the_next_tick(
    tmp_path: Path, store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    server = SMTPServer()  # its port is free until it starts: the first send finds nothing there
    config = make_config(
        tmp_path,
        [
            {
                "name": "daily",
                "to": ["r@example.test"],
                "smtp": f"smtp+plain://127.0.0.1:{server.port}",
                "digest": "0 8 * * *",
            }
        ],
        retry=["1s", "1s"],
    )
    worker = worker_for(config, store)
    await poll(store, config, pages(1), T0)
    await poll(store, config, pages(1, 2), T0 + timedelta(minutes=1))
    with caplog.at_level(logging.INFO, logger="livetail.delivery"):
        assert await worker.send_digest("daily") == 0
    assert any("digest failed target=daily" in r.getMessage() for r in caplog.records), caplog.text
    with server:
        await asyncio.sleep(1.1)  # the retry step is at most 1 s
        assert await worker.run_once() == 1  # the digest's retry, without the 08:00 tick
        await asyncio.sleep(0.05)
    assert len(server.recorder.received) == 1
    assert (await stats(store))["daily"].sent == 1
