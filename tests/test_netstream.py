"""livetail's asyncio network backend for httpcore, against real sockets on 127.0.0.1.

The fetcher's own tests (test_fetch.py) run every bound through it: caps, deadlines, TLS reuse,
closed idle connections. These pin the stream's contract with httpcore directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import httpcore
import pytest

from livetail.netstream import AsyncioBackend, AsyncioStream

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def _serve(handler: Handler) -> AsyncIterator[int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    async with server:
        yield server.sockets[0].getsockname()[1]


@pytest.fixture
async def silent() -> AsyncIterator[int]:
    """Accepts and says nothing until the client goes."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    async with _serve(handler) as port:
        yield port


async def test_a_body_arrives_whole_in_reads_no_larger_than_asked() -> None:
    body = bytes(range(256)) * 4096  # 1 MiB, position-dependent
    got: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(body)
        await writer.drain()
        writer.close()

    async with _serve(handler) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        while piece := await stream.read(65536, timeout=5):
            assert len(piece) <= 65536
            got.append(piece)
        assert await stream.read(65536, timeout=5) == b""  # the end stays the end
        await stream.aclose()
    assert b"".join(got) == body


async def test_a_silent_server_times_the_read_out(silent: int) -> None:
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", silent, timeout=5)
    started = asyncio.get_running_loop().time()
    with pytest.raises(httpcore.ReadTimeout):
        await stream.read(1024, timeout=0.2)
    assert 0.15 < asyncio.get_running_loop().time() - started < 2
    await stream.aclose()


async def test_a_refused_connection_is_a_connect_error() -> None:
    with socket.socket() as sock:  # a port that was just free: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(httpcore.ConnectError):
        await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)


async def test_writing_after_the_server_closed_is_a_write_error() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    async with _serve(handler) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        assert await stream.read(1024, timeout=5) == b""
        with pytest.raises(httpcore.WriteError):
            await stream.write(b"GET / HTTP/1.1\r\n\r\n", timeout=5)


async def test_an_idle_connection_the_server_closed_reads_as_readable() -> None:
    closing = asyncio.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await closing.wait()
        writer.close()

    async with _serve(handler) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        await asyncio.sleep(0.05)
        assert stream.get_extra_info("is_readable") is False
        assert stream.get_extra_info("server_addr") == ("127.0.0.1", port)
        assert stream.get_extra_info("client_addr")[0] == "127.0.0.1"
        assert stream.get_extra_info("ssl_object") is None
        closing.set()
        for _ in range(100):
            if stream.get_extra_info("is_readable"):
                break
            await asyncio.sleep(0.01)
        assert stream.get_extra_info("is_readable") is True
        await stream.aclose()


async def test_reading_ahead_stops_at_one_socket_read() -> None:
    """While nobody reads, the stream holds at most one socket read (256 KiB): the rest waits in
    the kernel, and a server pushing 32 MiB is held back by TCP, not buffered here."""
    pushed = 0
    blocked = asyncio.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal pushed
        chunk = b"x" * 65536
        for _ in range(512):
            writer.write(chunk)
            try:
                await asyncio.wait_for(writer.drain(), 0.3)
            except TimeoutError:
                blocked.set()  # the client stopped taking data: TCP pushes back
                break
            pushed += len(chunk)
        writer.close()

    async with _serve(handler) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        await asyncio.wait_for(blocked.wait(), 10)
        assert pushed < 32 * 1024 * 1024
        assert isinstance(stream, AsyncioStream)
        assert sum(map(len, stream._inbox.chunks)) <= 256 * 1024  # one socket read, no more
        total = 0
        while piece := await stream.read(65536, timeout=5):
            total += len(piece)
        assert total >= pushed  # everything the server sent arrives once reading resumes
        await stream.aclose()


def _tls_pair() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("tls.example").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    return server_context, client_context


@contextlib.asynccontextmanager
async def _tls_server(
    handler: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]], context: ssl.SSLContext
) -> AsyncIterator[int]:
    """A TLS server on 127.0.0.1 running ``handler`` per connection; yields its port."""
    server = await asyncio.start_server(handler, "127.0.0.1", 0, ssl=context)
    async with server:
        yield server.sockets[0].getsockname()[1]


@contextlib.asynccontextmanager
async def _tls_download(body: bytes) -> AsyncIterator[AsyncioStream]:
    """A TLS stream to a local server that answers a request with ``body``; the request is sent."""
    server_context, client_context = _tls_pair()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(body)
        await writer.drain()
        writer.close()

    async with _tls_server(handler, server_context) as port:
        plain = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        stream = await plain.start_tls(client_context, server_hostname="tls.example", timeout=5)
        assert isinstance(stream, AsyncioStream)
        await stream.write(b"GET / HTTP/1.1\r\nHost: tls.example\r\n\r\n", timeout=5)
        try:
            yield stream
        finally:
            await stream.aclose()


async def test_an_untrusted_certificate_is_a_connect_error() -> None:
    server_context, _trusting = _tls_pair()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    async with _tls_server(handler, server_context) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        with pytest.raises(httpcore.ConnectError, match="certificate"):
            await stream.start_tls(ssl.create_default_context(), server_hostname="tls.example", timeout=5)


async def test_tls_carries_a_request_both_ways() -> None:
    body = b"y" * 300_000
    async with _tls_download(body) as stream:
        assert stream.get_extra_info("ssl_object") is not None
        got = bytearray()
        while len(got) < len(body):
            piece = await stream.read(65536, timeout=5)
            assert piece, "the TLS stream ended early"
            got += piece
        assert bytes(got) == body


async def test_a_tls_server_that_speaks_first_is_heard_after_the_handshake() -> None:
    """An HTTP/2 server sends its SETTINGS right after its TLS 1.2 Finished, often in the same
    packet: that data reaches the stream before ``start_tls`` returns, and later data must too."""
    server_context, client_context = _tls_pair()
    server_context.maximum_version = ssl.TLSVersion.TLSv1_2
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = server_context.wrap_bio(incoming, outgoing, server_side=True)
        with conn:
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    if outgoing.pending:
                        conn.sendall(outgoing.read())
                    incoming.write(conn.recv(65536))
            tls.write(b"FIRST")
            conn.sendall(outgoing.read())  # Finished and FIRST in one send
            time.sleep(0.3)
            tls.write(b"SECOND")
            conn.sendall(outgoing.read())
            time.sleep(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    with listener:
        port = listener.getsockname()[1]
        plain = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        stream = await plain.start_tls(client_context, server_hostname="tls.example", timeout=5)
        got = b""
        while len(got) < len(b"FIRSTSECOND"):
            got += await stream.read(65536, timeout=3)
        assert got == b"FIRSTSECOND"
        await stream.aclose()
    thread.join(5)


async def test_over_tls_reading_ahead_stays_bounded_after_each_drain() -> None:
    """Over TLS, resuming hands over what the SSL layer buffered (up to its 256 KiB high-water
    mark) and reading pauses again at once: a reader that drains the stream and then stops finds
    at most that plus one socket read waiting, however often it does so, never the body."""
    body = b"z" * (12 * 1024 * 1024)
    async with _tls_download(body) as stream:
        total, most = 0, 0
        while total < len(body):
            piece = await stream.read(65536, timeout=5)
            assert piece, "the TLS stream ended early"
            total += len(piece)
            if not stream._inbox.chunks:  # drained: stop reading for a few loop turns
                for _ in range(4):
                    await asyncio.sleep(0)
                most = max(most, sum(map(len, stream._inbox.chunks)))
        assert total == len(body)
        assert most <= 2 * 256 * 1024, f"{most} bytes buffered while nobody read"


async def test_a_reader_and_a_writer_in_two_tasks_are_both_woken() -> None:
    """HTTP/2 reads in one task while another writes: data for the reader must wake it even
    while the writer waits for the transport to drain."""
    arrived, served = asyncio.Event(), asyncio.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(0.2)
        writer.write(b"for the reader")
        await writer.drain()
        await arrived.wait()
        while await reader.read(1 << 20):  # now take what the client wrote, to the end
            pass
        writer.close()
        await writer.wait_closed()
        served.set()

    async with _serve(handler) as port:
        stream = await AsyncioBackend().connect_tcp(
            "127.0.0.1", port, timeout=5, socket_options=[(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)]
        )

        async def read() -> bytes:
            data = await stream.read(65536, timeout=3)
            arrived.set()
            return data

        async def write() -> None:
            await asyncio.sleep(0.05)  # the reader waits first
            await stream.write(b"x" * 8 * 1024 * 1024, timeout=5)

        data, _ = await asyncio.gather(read(), write())
        assert data == b"for the reader"
        await stream.aclose()
        await asyncio.wait_for(served.wait(), 5)


async def test_closing_never_suspends_so_a_cancelled_close_loop_closes_every_stream(silent: int) -> None:
    """httpcore closes a pool's connections one after another; a cancellation arriving meanwhile
    (a deadline, Ctrl-C) must not leave the later ones open."""
    streams = [await AsyncioBackend().connect_tcp("127.0.0.1", silent, timeout=5) for _ in range(3)]
    sockets = [stream.get_extra_info("socket") for stream in streams]

    async def close_all() -> None:
        for stream in streams:
            await stream.aclose()

    task = asyncio.ensure_future(close_all())
    await asyncio.sleep(0)  # the task runs up to its first suspension, if it has one
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.05)
    assert [sock.fileno() for sock in sockets] == [-1, -1, -1]
