"""Protecting the public API: request body limit and per-client rate limit (ASGI middleware).

The limiter is a token bucket per client (API key when one is presented, else the client
address), kept in the process: with several workers each enforces its own share.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.auth import bearer

EXEMPT = ("/api/health",)


class TokenBuckets:
    def __init__(self, per_minute: int, max_clients: int = 100_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._max = max_clients
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> int:
        """0 when allowed, else the seconds to wait before the next request is allowed."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self._max:
                self._buckets.popitem(last=False)
        return 0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate))


class GuardMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, per_minute: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.buckets = TokenBuckets(per_minute) if per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/api/") or path in EXEMPT:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.buckets is not None and scope.get("method") != "OPTIONS":
            key = bearer(headers.get("authorization"))
            client = f"key:{key}" if key else f"addr:{(scope.get('client') or ('?',))[0]}"
            wait = self.buckets.take(client)
            if wait:
                await _reply(send, 429, f"too many requests; retry in {wait} s",
                             [(b"retry-after", str(wait).encode())])
                return
        if path.startswith("/api/documents"):  # uploads have their own, larger limit
            await self.app(scope, receive, send)
            return
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _reply(send, 413, f"request body over {self.max_body} bytes")
            return
        body = b""
        more = scope.get("method") in ("POST", "PUT", "PATCH")
        while more:  # bodies without a length (chunked) are counted as they arrive
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _reply(send, 413, f"request body over {self.max_body} bytes")
                return
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _reply(send: Send, status: int, detail: str,
                 headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
