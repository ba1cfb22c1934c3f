"""Safe by default: security headers on every response, and the ``[server] token`` gate.

With a token configured, every page and event stream needs ``Authorization: Bearer <token>`` or
the login cookie that ``POST /login`` sets. The cookie holds an HMAC of the token, never the
token itself (changing the token logs everyone out); it is ``HttpOnly`` and ``SameSite=Strict``.
Feeds, ``/healthz``, ``/metrics`` and the static files stay public.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

COOKIE = "livetail_session"
PUBLIC_PREFIXES = ("/feeds/", "/static/")
PUBLIC_PATHS = frozenset({"/healthz", "/metrics", "/feeds.opml", "/login", "/favicon.ico"})

#: No inline script or style at all; images may come from the publishers' own https hosts.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
TokenGetter = Callable[[], str | None]
#: ``(request, error, status)`` -> the login form page.
LoginPage = Callable[[web.Request, str | None, int], web.Response]


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare``: every response, errors and streams included."""
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)


def session_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"livetail web session v1", hashlib.sha256).hexdigest()


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def authorised(request: web.Request, token: str) -> bool:
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def safe_next(target: str | None) -> str:
    """Only a path on this server: never ``//host`` or a URL (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def gate(token: TokenGetter, login_page: LoginPage) -> Middleware:
    """The middleware: 401 (a login form for browsers) when a token is set and not presented."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        secret = token()
        if not secret or is_public(request.path) or authorised(request, secret):
            return await handler(request)
        if "text/html" in request.headers.get("Accept", "") and request.method == "GET":
            return login_page(request, None, 401)
        raise web.HTTPUnauthorized(
            text="401: a token is required (Authorization: Bearer …)\n",
            headers={"WWW-Authenticate": 'Bearer realm="livetail"'},
        )

    return middleware


def login_handlers(token: TokenGetter, login_page: LoginPage) -> tuple[Handler, Handler, Handler]:
    """``GET /login``, ``POST /login`` and ``POST /logout``."""

    async def show(request: web.Request) -> web.StreamResponse:
        if not token():
            raise web.HTTPSeeOther("/")
        return login_page(request, None, 200)

    async def login(request: web.Request) -> web.StreamResponse:
        secret = token()
        form = await request.post()
        given = str(form.get("token", ""))
        target = safe_next(str(form.get("next", "/")))
        if not secret:
            raise web.HTTPSeeOther(target)
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return login_page(request, "That token is not right.", 401)
        response = web.HTTPSeeOther(target)
        response.set_cookie(
            COOKIE,
            session_value(secret),
            httponly=True,
            samesite="Strict",
            secure=request.secure,
            path="/",
        )
        raise response

    async def logout(request: web.Request) -> web.StreamResponse:
        response = web.HTTPSeeOther("/login")
        response.del_cookie(COOKIE, path="/")
        raise response

    return show, login, logout
