"""ASGI middleware: the client address and scheme of a request, as the trusted proxies tell them
(``bot.access.proxies``); outermost, so the guard, the API and the chat all see the same client.

uvicorn's own proxy-header handling is switched off (``app.cli serve``), since it trusts
127.0.0.1 by default; this is the one place ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are read.
From any other peer the proxy headers are removed before anything inside sees them: Gradio builds
the page's own address from ``X-Forwarded-Host`` and ``X-Forwarded-Proto`` (and from
``X-Gradio-Server``, which only its own page server, not used here, may send).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from bot.access.proxies import forwarded_client, networks, trusted

SCHEMES = {"http": ("http", "ws"), "https": ("https", "wss")}
PROXY_HEADERS = {b"x-forwarded-for", b"x-forwarded-host", b"x-forwarded-proto", b"x-forwarded-port",
                 b"x-forwarded-prefix", b"x-forwarded-server", b"forwarded", b"x-real-ip"}
NEVER = {b"x-gradio-server"}


class ForwardedMiddleware:
    def __init__(self, app: ASGIApp, trusted_proxies: list[str]) -> None:
        self.app = app
        self.proxies = networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or (None, 0))[0]
        believed = trusted(peer, self.proxies)
        dropped = NEVER if believed else NEVER | PROXY_HEADERS
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() not in dropped]
        if believed:
            forwarded = [v.decode("latin-1") for k, v in scope["headers"] if k.lower() == b"x-forwarded-for"]
            proto = next((v.decode("latin-1").split(",")[-1].strip().lower()
                          for k, v in scope["headers"] if k.lower() == b"x-forwarded-proto"), "")
            scope["client"] = (forwarded_client(peer, forwarded, self.proxies), 0)
            if proto in SCHEMES:
                scope["scheme"] = SCHEMES[proto][scope["type"] == "websocket"]
        await self.app(scope, receive, send)
