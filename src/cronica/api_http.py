"""HTTP plumbing of the API: body size limit, security headers, the aggregate cache.

Kept apart from :mod:`cronica.api` (routes) and :mod:`cronica.api_params` (parameters)
so that each stays readable; none of it knows about events.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from fastapi.responses import JSONResponse

from cronica.store.base import EventFilter


class BodyTooLarge(Exception):
    """Raised while reading a request body that grows past the limit."""


class BodyLimitMiddleware:
    """Answer 413 to a request body over ``max_bytes``.

    A declared Content-Length is checked before anything is read; a chunked body is
    counted while the endpoint reads it (``BodyTooLarge``, turned into 413 by a handler).
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    status = 400 if declared < 0 else 413
                    detail = "bad Content-Length" if declared < 0 else self._too_large()
                    await JSONResponse({"detail": detail}, status_code=status,
                                       headers=SECURITY_HEADERS)(scope, receive, send)
                    return
        seen = 0

        async def counted_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted_receive, send)

    def _too_large(self) -> str:
        return f"request body over {self.max_bytes:,} bytes"


CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
#: on every response, including the 500s that the outermost error handler sends itself
SECURITY_HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "content-security-policy": CSP,
}


class SecurityHeadersMiddleware:
    """Headers that keep the dashboard to its own origin (no CDN, no framing)."""

    CSP = CSP

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                            if k.encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


LOOPBACK_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")


def host_name(value: str) -> str:
    """The host of a Host header, lower-case, without the port: '[::1]:8000' -> '::1'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


class HostAllowMiddleware:
    """Answer 400 to a request whose Host header names none of ``allowed``.

    A web page on another site can reach a server on 127.0.0.1 through DNS rebinding
    (its own name made to resolve to 127.0.0.1); its requests then carry that name in
    Host, which no allow-list of the names the server is really known by accepts.
    """

    def __init__(self, app: Any, allowed: Any) -> None:
        self.app = app
        self.allowed = frozenset(host_name(h) for h in allowed)

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        host = ""
        for name, value in scope.get("headers", []):
            if name == b"host":
                host = host_name(value.decode("latin-1"))
                break
        if host not in self.allowed:
            body = {"detail": f"unknown host {host!r}: this server answers to "
                              f"{', '.join(sorted(self.allowed))} (see cronica serve --allow-host)"}
            await JSONResponse(body, status_code=400, headers=SECURITY_HEADERS)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class AggregateCache:
    """Answers of the costly aggregate queries, kept ``ttl`` seconds (0 disables).

    On a million events an unfiltered grouping scans the whole table (seconds in SQLite);
    the dashboard asks the same ones on every reload, page turn and language switch.
    Ingest through this API clears the cache; data that another process ingests shows
    up within ``ttl`` seconds.
    """

    def __init__(self, ttl: float, max_entries: int = 256) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._data: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get_or_compute(self, key: Any, compute: Callable[[], Any]) -> Any:
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit and hit[0] > now:
                return hit[1]
        value = compute()  # outside the lock: a slow query must not hold up cache hits
        with self._lock:
            if len(self._data) >= self.max_entries:
                for k in [k for k, (exp, _) in self._data.items() if exp <= now] or list(
                    self._data
                )[:1]:
                    del self._data[k]
            self._data[key] = (now + self.ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def filter_key(flt: EventFilter) -> str:
    return json.dumps(asdict(flt), sort_keys=True)
