"""An httpcore network backend on asyncio's own transports and protocols.

httpcore reaches asyncio through anyio, and under asyncio that layer costs more than the
socket work it wraps: every read opens an ``anyio.fail_after`` cancel scope with its loop timer
and maps exceptions through a ``@contextmanager``, and every send adds a checkpoint. A body-hash poll is nothing but reads (a 610 KB page is about ten of httpcore's 64 KiB reads),
so that layer was a third of an unchanged cycle's CPU. httpcore's old native asyncio backend was
dropped for anyio, and putting it back upstream was declined (encode/httpcore#930); a custom
``AsyncNetworkBackend`` is the extension point httpcore offers for this, and the SSRF guard
(:mod:`livetail.netguard`) already is one, so it connects through :class:`AsyncioBackend`.

What it keeps from anyio's stream:

* at most one socket read (asyncio reads up to 256 KiB at a time) is buffered beyond what
  httpcore took: reading pauses while anything is left after the reader's turn (over TLS, as
  soon as anything arrives) and resumes once it is taken, so a capped download reads no further
  past the cap than before (over TLS the SSL layer holds up to one more read of its own, as it
  did under anyio);
* a read hands over a buffered socket read in slices of at most ``max_bytes``, copying each
  byte once;
* reading and writing wait on separate futures, so a reader and a writer in two tasks (HTTP/2)
  never take each other's wake-up;
* every error is one of httpcore's: ``ConnectError``/``ConnectTimeout``, ``ReadError``/
  ``ReadTimeout``, ``WriteError``/``WriteTimeout``;
* ``get_extra_info`` answers what httpcore asks: ``ssl_object`` (ALPN), ``client_addr``,
  ``server_addr``, ``socket`` and ``is_readable`` (an idle pooled connection that is readable was
  closed by the server: answered from the buffer and end-of-stream state, and the socket).
"""

from __future__ import annotations

import asyncio
import select
import socket
import ssl
from asyncio.trsock import TransportSocket
from collections import deque
from collections.abc import Iterable
from typing import Any

import httpcore

#: What httpcore asks of a stream -> the asyncio transport's name for it.
_EXTRA_INFO = {
    "ssl_object": "ssl_object",
    "client_addr": "sockname",
    "server_addr": "peername",
    "socket": "socket",
}


class _Inbox(asyncio.Protocol):
    """What arrived on one connection and has not been read yet; reading pauses while any has."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.chunks: deque[bytes] = deque()
        self.offset = 0  # how much of chunks[0] was read already (no copy of the rest per read)
        self.ended = False  # the peer closed its side, or the connection was lost
        self.error: BaseException | None = None
        self.paused = False
        # Over TLS, resuming hands what the SSL layer holds over in a callback of its own, and
        # the socket may be read in the same turn: deferring the pause there would let two
        # deliveries in (and pausing a TLS transport costs no system call to save).
        self.defer_pause = True
        self._pause_due = False
        self.can_write = True
        # One task may read while another writes (HTTP/2 does): each waits on its own future.
        self._reader: asyncio.Future[None] | None = None
        self._writer: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)
        _wake(self._reader)
        # ``transport`` is None during a TLS handshake: what arrives with its end is only kept
        # (pausing the TCP transport then would leave it paused under the TLS one for good).
        if self.paused or self.transport is None:
            return
        if not self.defer_pause:
            self.paused = True
            self.transport.pause_reading()
        elif not self._pause_due:
            # Plain TCP: decided after the reader's turn, which the loop runs first (it was woken
            # first) and before it reads this socket again: a reader that takes it all costs no
            # pause and resume (two epoll_ctl calls per socket read), and one that does not is
            # paused before any further read, so still only one socket read is buffered.
            self._pause_due = True
            asyncio.get_running_loop().call_soon(self._pause_if_unread)

    def _pause_if_unread(self) -> None:
        self._pause_due = False
        transport = self.transport
        if self.chunks and not self.paused and transport is not None and not transport.is_closing():
            self.paused = True
            transport.pause_reading()

    def eof_received(self) -> bool:
        self.ended = True
        _wake(self._reader)
        return False  # close our side too: HTTP/1.1 never half-closes

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended = True
        self.error = exc
        self.can_write = True
        _wake(self._reader)
        _wake(self._writer)

    def pause_writing(self) -> None:
        self.can_write = False

    def resume_writing(self) -> None:
        self.can_write = True
        _wake(self._writer)

    def resume(self) -> None:
        if self.paused and self.transport is not None and not self.transport.is_closing():
            self.paused = False
            self.transport.resume_reading()

    async def readable(self, timeout: float | None) -> None:
        """Until data, the end or an error arrives; ``TimeoutError`` after ``timeout`` seconds."""
        self._reader = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(timeout):
                await self._reader
        finally:
            self._reader = None

    async def writable(self, timeout: float | None) -> None:
        """Until the transport takes writes again or the connection is lost."""
        self._writer = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(timeout):
                await self._writer
        finally:
            self._writer = None


def _wake(waiter: asyncio.Future[None] | None) -> None:
    if waiter is not None and not waiter.done():
        waiter.set_result(None)


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One connection (plain, or TLS after :meth:`start_tls`)."""

    def __init__(self, transport: asyncio.Transport, inbox: _Inbox) -> None:
        self._transport = transport
        self._inbox = inbox

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        inbox = self._inbox
        while not inbox.chunks:
            if inbox.error is not None:
                raise httpcore.ReadError(_describe(inbox.error))
            if inbox.ended:
                return b""
            inbox.resume()
            try:
                await inbox.readable(timeout)
            except TimeoutError:
                raise httpcore.ReadTimeout(f"no data for {timeout} s") from None
        chunk, start = inbox.chunks[0], inbox.offset
        end = start + max_bytes
        if end < len(chunk):
            inbox.offset = end
            return chunk[start:end]
        inbox.chunks.popleft()
        inbox.offset = 0
        if not inbox.chunks:
            inbox.resume()
        return chunk[start:] if start else chunk

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        inbox = self._inbox
        if inbox.error is not None or self._transport.is_closing():
            raise httpcore.WriteError(_describe(inbox.error) if inbox.error else "the connection is closed")
        if not buffer:
            return
        self._transport.write(buffer)
        try:
            while not inbox.can_write:
                await inbox.writable(timeout)
        except TimeoutError:
            raise httpcore.WriteTimeout(f"could not send for {timeout} s") from None
        if inbox.error is not None:
            raise httpcore.WriteError(_describe(inbox.error))

    async def aclose(self) -> None:
        # Never suspends: httpcore closes a pool's connections in a loop, and a cancellation
        # landing in one close would leave the rest open. No TLS close_notify, as httpcore's anyio
        # streams: HTTP frames its own ends, and a graceful TLS close waits for the peer's reply,
        # which could outlive the event loop and leave the socket open.
        if self._transport.get_extra_info("ssl_object") is None:
            self._transport.close()  # the socket closes in the loop's next turn
        else:
            self._transport.abort()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        inbox = self._inbox
        inbox.resume()  # the handshake reads through this transport
        inbox.transport = None  # see _Inbox.data_received
        try:
            async with asyncio.timeout(timeout):
                tls = await loop.start_tls(
                    self._transport, inbox, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError:
            self._transport.close()
            raise httpcore.ConnectTimeout(f"TLS handshake took over {timeout} s") from None
        except (OSError, ssl.SSLError) as e:
            self._transport.close()
            raise httpcore.ConnectError(_describe(e)) from e
        except BaseException:  # cancelled (a fetch's deadline): the connection goes too
            self._transport.abort()
            raise
        assert isinstance(tls, asyncio.Transport)
        inbox.transport = tls
        inbox.defer_pause = False
        inbox.paused = bool(inbox.chunks)  # the server spoke first (HTTP/2 SETTINGS, say)
        if inbox.paused:
            tls.pause_reading()
        return AsyncioStream(tls, inbox)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            inbox = self._inbox
            sock = self._transport.get_extra_info("socket")
            return bool(inbox.chunks) or inbox.ended or (sock is not None and _socket_readable(sock))
        key = _EXTRA_INFO.get(info)
        return None if key is None else self._transport.get_extra_info(key)


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Opens :class:`AsyncioStream` connections (TCP only; no proxy logic of its own)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport, inbox = await loop.create_connection(
                    _Inbox, host, port, local_addr=(local_address, 0) if local_address else None
                )
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"connecting to {host}:{port} took over {timeout} s") from None
        except OSError as e:
            raise httpcore.ConnectError(_describe(e)) from e
        sock = transport.get_extra_info("socket")
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
        except OSError as e:
            transport.close()
            raise httpcore.ConnectError(_describe(e)) from e
        assert isinstance(transport, asyncio.Transport)
        return AsyncioStream(transport, inbox)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("Unix sockets are not supported by this backend")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


async def stream_over(sock: socket.socket) -> AsyncioStream:
    """A stream over a socket already connected (tests shape the socket before connecting)."""
    transport, inbox = await asyncio.get_running_loop().create_connection(_Inbox, sock=sock)
    assert isinstance(transport, asyncio.Transport)
    return AsyncioStream(transport, inbox)


def _socket_readable(sock: socket.socket | TransportSocket) -> bool:
    """Whether a read would return at once (data, or the end a closed connection reads as)."""
    fd = sock.fileno()
    if fd < 0:  # closed here: the next read ends at once
        return True
    if not hasattr(select, "poll"):  # Windows
        return bool(select.select([fd], [], [], 0)[0])
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _describe(error: BaseException) -> str:
    return str(error) or type(error).__name__
