"""What is checked before a request body is read (ASGI middleware): rate limit, body size and,
for uploads, the admin key.

A body is never read, let alone spooled to disk, before its sender is known to be allowed to
send it: an upload without a valid admin key is refused on its headers, and every body is
counted as it arrives (``Content-Length`` first, chunked bodies byte by byte) against its limit.
The limiter is per client (``bot.access.rules.client_identity``: a configured key, else the address;
a key that is not configured counts as its address): shared through Redis when configured
(``bot.access.rate_limit.RedisLimiter``), else ``bot.access.rules.TokenBuckets`` per process.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import bearer
from api.errors import error_response
from bot.access.rate_limit import Limiter, check_async
from bot.access.rules import check_admin, client_identity, known_key
from core.errors import PolicybotError
from core.settings import Settings

EXEMPT = ("/api/health",)
UPLOADS = ("/api/documents", "/gradio_api/upload")  # app/server.py adds each further chat's upload route
MULTIPART_OVERHEAD = 16_384  # boundaries and part headers around an upload's file bytes


class GuardMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, buckets: Limiter | None,
                 uploads: tuple[str, ...] = UPLOADS) -> None:
        self.app = app
        self.settings = settings
        self.buckets = buckets
        self.uploads = uploads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        upload = scope["type"] == "http" and path in self.uploads and scope.get("method") == "POST"
        if scope["type"] != "http" or path in EXEMPT or not (path.startswith("/api/") or upload):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        presented = bearer(headers.get("authorization"))
        try:
            if self.buckets is not None and scope.get("method") != "OPTIONS":
                address = (scope.get("client") or (None,))[0]
                await check_async(self.buckets, client_identity(known_key(self.settings, presented), address))
            if upload and path.startswith("/api/"):
                check_admin(self.settings.admin_keys, presented)
        except PolicybotError as exc:
            await error_response(exc)(scope, receive, send)
            return
        limit = self.settings.max_upload_bytes + MULTIPART_OVERHEAD if upload else self.settings.max_body_bytes
        what = "upload" if upload else "request body"
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            await _too_large(what, limit)(scope, receive, send)
            return
        if scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:  # bodies without a length (chunked) are counted as they arrive
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > limit:
                await _too_large(what, limit)(scope, receive, send)
                return
        await self.app(scope, _replay(b"".join(chunks), receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _too_large(what: str, limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"{what} over {limit} bytes"}, status_code=413)
