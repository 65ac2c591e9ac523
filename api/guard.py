"""Protecting the public API: request body limit and per-client rate limit (ASGI middleware).

The limiter is ``bot.access.TokenBuckets``, per client (``bot.access.client_identity``: the API key
when one is presented, else the client address).
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import bearer
from api.errors import error_response
from bot.access import TokenBuckets, client_identity
from core.errors import RateLimited

EXEMPT = ("/api/health",)


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
            client = client_identity(bearer(headers.get("authorization")), (scope.get("client") or (None,))[0])
            try:
                self.buckets.check(client)
            except RateLimited as exc:
                await error_response(exc)(scope, receive, send)
                return
        if path.startswith("/api/documents"):  # uploads have their own, larger limit
            await self.app(scope, receive, send)
            return
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _too_large(self.max_body)(scope, receive, send)
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
                await _too_large(self.max_body)(scope, receive, send)
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


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)
