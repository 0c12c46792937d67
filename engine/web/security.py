"""Who may use the workspace, checked on every request before any page code runs.

A local web server is reachable by every web page the planner opens, so each request must prove
it comes from the workspace's own pages:
- Host header: a page on another site can make its name resolve to 127.0.0.1 (DNS rebinding) and
  then read our answers as same-origin; it cannot make the browser send our host name. Requests
  naming any other host get 400.
- Access token, when bound beyond loopback (`--allow-remote`): other people on the network can
  reach the port. The first visit carries `?token=` and gets an HttpOnly cookie (and a redirect
  that drops the token from the address bar); a script may send the `X-Readiness-Token` header.
- CSRF, on every POST (the only method that changes anything): a form field `_csrf` must equal
  an HMAC of the browser's session cookie under a secret made at start-up, and an Origin or
  Referer, when sent, must be this host. Both cookies are SameSite=Strict. The form body is read
  here (bounded) and replayed to the page, so that no route can forget the check; a form that
  uploads files (multipart) is read here too, its files handed on in `request.state.files`.
Responses carry a content security policy that allows nothing from elsewhere: no CDN, no
framing, forms post only here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from engine.i18n.text import _
from engine.web.multipart import TYPE as MULTIPART
from engine.web.multipart import MultipartError, Upload, parse_multipart

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "readiness_session"
TOKEN_COOKIE = "readiness_token"
TOKEN_HEADER = "x-readiness-token"
CSRF_FIELD = "_csrf"
# A profile is at most 1 MiB, and a form of it with names under twice that; so are the survey
# answers a stakeholder's page uploads at once.
MAX_BODY = 2 << 20
MAX_FIELDS = 20_000
FORM_TYPE = "application/x-www-form-urlencoded"
POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
WILDCARDS = ("0.0.0.0", "::", "")
LOOPBACK_NAMES = {"127.0.0.1": ("127.0.0.1", "localhost"), "::1": ("[::1]", "localhost")}


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host header values a browser sends for this binding; None for a wildcard binding,
    where any name of the machine may be used and the access token is the guard."""
    if host in WILDCARDS:
        return None
    names = LOOPBACK_NAMES.get(host, (f"[{host}]" if ":" in host else host,))
    return frozenset(f"{name}:{port}".lower() for name in names)


@dataclass(frozen=True)
class Guard:
    """What requests must show: a known Host, the access token (if any), a valid CSRF field."""

    hosts: frozenset[str] | None
    token: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def csrf(self, session: str) -> str:
        """The CSRF value for a session: pages put it in every form as `_csrf`."""
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    """An access token for `--allow-remote`: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


class GuardMiddleware:
    """Applies a Guard to every HTTP request (see the module docstring)."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = _cookies(headers)
        session = cookies.get(SESSION_COOKIE) or ""
        fresh = "" if session else secrets.token_urlsafe(24)
        refusal = self._refusal(scope, headers, cookies)
        if refusal is None and scope["method"] == "POST":
            refusal, receive = await self._checked_form(scope, receive, headers, session)
        if refusal is not None:
            await _secured(refusal, fresh)(scope, receive, send)
            return
        scope.setdefault("state", {})["session"] = session or fresh
        scope["state"]["csrf"] = self.guard.csrf(session or fresh)

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_headers(MutableHeaders(scope=message), fresh)
            await send(message)

        await self.app(scope, receive, send_secured)

    def _refusal(self, scope: Scope, headers: Headers, cookies: dict[str, str]) -> Response | None:
        host = headers.get("host", "").lower()
        if self.guard.hosts is not None and host not in self.guard.hosts:
            return PlainTextResponse(
                _("Unknown Host header: open the address readiness printed."), 400
            )
        if scope["method"] not in ("GET", "HEAD", "POST"):
            return PlainTextResponse(_("Method not allowed."), 405, headers={"Allow": "GET, POST"})
        token = self.guard.token
        if token is None:
            return None
        if _same(headers.get(TOKEN_HEADER), token) or _same(cookies.get(TOKEN_COOKIE), token):
            return None
        url = URL(scope=scope)
        if _same(dict(parse_qsl(url.query)).get("token"), token):
            return _token_accepted(url, token)
        message = _("This workspace needs its access token: open the address readiness printed.")
        return PlainTextResponse(message, 403)

    async def _checked_form(
        self, scope: Scope, receive: Receive, headers: Headers, session: str
    ) -> tuple[Response | None, Receive]:
        host = headers.get("host", "").lower()
        origin = headers.get("origin")
        referer = headers.get("referer")
        if origin is not None and origin.lower() != f"http://{host}":
            return PlainTextResponse(_("Cross-site request refused (Origin)."), 403), receive
        if origin is None and referer and urlsplit(referer).netloc.lower() != host:
            return PlainTextResponse(_("Cross-site request refused (Referer)."), 403), receive
        content_type = headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() not in (FORM_TYPE, MULTIPART):
            return PlainTextResponse(_("Forms only."), 415), receive
        body = await _read_body(receive)
        if body is None:
            return PlainTextResponse(_("The form is too large."), 413), receive
        try:
            pairs, files = _fields(body, content_type)
        except MultipartError:
            return PlainTextResponse(_("The form could not be read."), 400), receive
        sent = next((value for name, value in pairs if name == CSRF_FIELD), None)
        if not session or not _same(sent, self.guard.csrf(session)):
            message = _("The form's security token is missing or stale: reload the page and retry.")
            return PlainTextResponse(message, 403), receive
        scope.setdefault("state", {})["form"] = [(n, v) for n, v in pairs if n != CSRF_FIELD]
        scope["state"]["files"] = files
        return None, _replay(body)


def _fields(body: bytes, content_type: str) -> tuple[list[tuple[str, str]], list[Upload]]:
    """A form's fields in order, and its uploaded files (none for a URL-encoded form)."""
    if content_type.split(";", maxsplit=1)[0].strip().lower() == MULTIPART:
        return parse_multipart(body, content_type)
    return parse_form(body), []


def parse_form(body: bytes) -> list[tuple[str, str]]:
    """URL-encoded fields in order, blanks kept (a blank answer is an answer to clear)."""
    text = body.decode("utf-8", "replace")
    return parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def _cookies(headers: Headers) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no cookie
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _token_accepted(url: URL, token: str) -> Response:
    """Remember the token in a cookie, and go to the same page without it in the address."""
    query = urlencode([(k, v) for k, v in parse_qsl(url.query) if k != "token"])
    target = url.path + (f"?{query}" if query else "")
    response = RedirectResponse(target, 303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _secured(response: Response, fresh: str) -> Response:
    _add_headers(response.headers, fresh)
    return response


def _add_headers(headers: MutableHeaders, fresh: str) -> None:
    headers["Content-Security-Policy"] = POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Cache-Control"] = "no-store"
    if fresh:
        cookie = f"{SESSION_COOKIE}={fresh}; HttpOnly; Path=/; SameSite=Strict"
        headers.append("set-cookie", cookie)
