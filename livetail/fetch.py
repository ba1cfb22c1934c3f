"""Fetch a live blog page: bounded in time, size and redirects, with one shared httpx client.

Bounds, with httpx's own semantics in mind: ``httpx.Timeout`` limits each network operation,
not the request, so the whole fetch (every redirect hop included) runs under one
``asyncio.timeout``; the byte cap counts *decoded* bytes from ``aiter_bytes()`` so a gzip bomb
is stopped; redirects are followed by hand so each hop is checked and counted.
"""

from __future__ import annotations

import asyncio
import mimetypes
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from livetail import __version__
from livetail.config import FetchConfig
from livetail.errors import FetchError, FetchTimeout, HTTPStatusError, ResponseTooLarge
from livetail.model import Document

_REDIRECTS = {301, 302, 303, 307, 308}


def default_user_agent() -> str:
    return f"livetail/{__version__} (+https://github.com/livetail/livetail; live-blog follower)"


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else None


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a `Retry-After` header asks to wait (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = _http_date(value)
    if when is None:
        return None
    return max(0.0, (when - datetime.now(when.tzinfo)).total_seconds())


def content_type_for_path(path: Path) -> str:
    if path.suffix.lower() == ".json":
        return "application/json"
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "text/html"


class Fetcher:
    """Fetches pages for every source through one ``httpx.AsyncClient``.

    ``transport`` is the test seam (``httpx.MockTransport``); production passes nothing.
    """

    def __init__(self, config: FetchConfig, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        seconds = config.timeout.total_seconds()
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(seconds),
            headers={
                "User-Agent": config.user_agent or default_user_agent(),
                "Accept": "text/html,*/*;q=0.8",
            },
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str) -> Document:
        """Fetch ``url`` (``http(s)://`` or ``file://``); raise a FetchError subclass saying why not."""
        if url.startswith("file://"):
            return await asyncio.to_thread(self._read_file, url)
        try:
            async with asyncio.timeout(self.config.timeout.total_seconds()):
                return await self._fetch_http(url)
        except TimeoutError:
            raise FetchTimeout(
                f"no complete response within {self.config.timeout.total_seconds():g}s ([fetch] timeout)",
                url=url,
            ) from None
        except httpx.TimeoutException:
            raise FetchTimeout("the server stopped responding", url=url) from None
        except httpx.HTTPError as e:
            raise FetchError(f"network error: {type(e).__name__}: {e}", url=url) from e

    def _read_file(self, url: str) -> Document:
        path = Path(unquote(urlsplit(url).path))
        try:
            size = path.stat().st_size
            if size > self.config.max_bytes:
                raise ResponseTooLarge(
                    f"file is {size} bytes, over [fetch] max_bytes={self.config.max_bytes}", url=url
                )
            content = path.read_bytes()
        except OSError as e:
            raise FetchError(f"cannot read file: {e.strerror}", url=url) from e
        return Document(content=content, content_type=content_type_for_path(path), url=url)

    async def _fetch_http(self, url: str) -> Document:
        current = url
        for _hop in range(self.config.max_redirects + 1):
            request = self._client.build_request("GET", current)
            response = await self._client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code >= 400 or response.status_code < 200:
                    raise HTTPStatusError(
                        f"HTTP {response.status_code} {response.reason_phrase}",
                        url=current,
                        status=response.status_code,
                        retry_after=retry_after_seconds(response.headers.get("retry-after")),
                    )
                body = await self._read_capped(response, current)
                return Document(
                    content=body,
                    content_type=response.headers.get("content-type", "text/html"),
                    url=str(response.url),
                    date=_http_date(response.headers.get("date")),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
            finally:
                await response.aclose()
        raise FetchError(f"more than {self.config.max_redirects} redirects ([fetch] max_redirects)", url=url)

    async def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        limit = self.config.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
            raise ResponseTooLarge(
                f"response declares {declared} bytes, over [fetch] max_bytes={limit}", url=url
            )
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > limit:
                raise ResponseTooLarge(f"response exceeds [fetch] max_bytes={limit} (decoded)", url=url)
            chunks.append(chunk)
        return b"".join(chunks)
