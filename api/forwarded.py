"""ASGI middleware: the client address and scheme of a request, as the trusted proxies tell them
(``bot.access.proxies``); outermost, so the guard, the API and the chat all see the same client.

uvicorn's own proxy-header handling is switched off (``app.cli serve``), since it trusts
127.0.0.1 by default; this is the one place ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are read.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from bot.access.proxies import forwarded_client, networks, trusted

SCHEMES = {"http": ("http", "ws"), "https": ("https", "wss")}


class ForwardedMiddleware:
    def __init__(self, app: ASGIApp, trusted_proxies: list[str]) -> None:
        self.app = app
        self.proxies = networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not self.proxies:
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or (None, 0))[0]
        if trusted(peer, self.proxies):
            forwarded = [v.decode("latin-1") for k, v in scope["headers"] if k.lower() == b"x-forwarded-for"]
            proto = next((v.decode("latin-1").split(",")[-1].strip().lower()
                          for k, v in scope["headers"] if k.lower() == b"x-forwarded-proto"), "")
            scope = dict(scope)
            scope["client"] = (forwarded_client(peer, forwarded, self.proxies), 0)
            if proto in SCHEMES:
                scope["scheme"] = SCHEMES[proto][scope["type"] == "websocket"]
        await self.app(scope, receive, send)
