"""The embeddable widget: `GET /widget.js`, and CORS for the sites allowed to call the API.

A site embeds the widget with one tag:

    <script src="https://HOST/widget.js" data-policybot-endpoint="https://HOST" defer></script>

The script is static (no settings and never a key are written into it). Browsers only let pages
on the origins in ``settings.cors_origins`` read the API's answers; with the list empty (the
default) no page on another origin gets an Access-Control-Allow-Origin header, so only pages
served by policybot itself can read its answers.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import Response
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from core.settings import Settings

log = logging.getLogger(__name__)

WIDGET_JS = Path(__file__).resolve().parent / "static" / "widget.js"
MEDIA_TYPE = "application/javascript; charset=utf-8"
CACHE_SECONDS = 300  # short: a new release reaches embedding sites within minutes


@lru_cache(maxsize=1)
def widget_source() -> bytes:
    return WIDGET_JS.read_bytes()


def allowed_origins(settings: Settings) -> list[str]:
    """Origins compare as exact strings in the browser's form: no trailing slash."""
    return [origin.strip().rstrip("/") for origin in settings.cors_origins if origin.strip()]


def printable(text: str, limit: int = 200) -> str:
    """A header value as it may go into the log: printable ASCII, bounded (no forged log lines)."""
    return "".join(c if " " <= c <= "~" else "?" for c in text[:limit]) + ("…" if len(text) > limit else "")


class RejectedOrigins:
    """ASGI middleware in front of the CORS policy: a cross-origin request from an origin not on
    ``POLICYBOT_CORS_ORIGINS`` is logged once per origin, naming the origin and the setting.

    Without it, a site embedding the widget without being allowed looks like an outage: the
    browser hides the refusal from the page, and the log only shows ``OPTIONS /api/ask 400``.
    Same-origin requests (the chat's own, whose Origin is this server) are never reported. At most
    ``limit`` origins are remembered per process; past them one last warning says so.
    """

    def __init__(self, app: ASGIApp, allowed: list[str], limit: int = 100) -> None:
        self.app = app
        self.allowed = set(allowed)
        self.limit = limit
        self.reported: set[str] = set()
        self.lock = threading.Lock()

    def rejected(self, headers: Headers) -> str | None:
        """The request's origin when it is cross-origin and not allowed, else None."""
        origin = headers.get("origin")
        if not origin or origin in self.allowed:
            return None
        host = headers.get("x-forwarded-host") or headers.get("host") or ""
        if urlsplit(origin).netloc.lower() == host.split(",")[0].strip().lower():
            return None  # the page came from this server
        return origin

    def report(self, origin: str, path: str) -> None:
        with self.lock:
            if origin in self.reported or len(self.reported) > self.limit:
                return
            self.reported.add(origin)
            if len(self.reported) > self.limit:
                log.warning("CORS: more than %d origins refused; no further ones are logged", self.limit)
                return
        log.warning("CORS: refused origin %s (first request: %s): it is not in POLICYBOT_CORS_ORIGINS, "
                    "so pages on it cannot read the answers and the widget there cannot work. Add it to "
                    "POLICYBOT_CORS_ORIGINS if that site should embed the widget.",
                    printable(origin), printable(path, 100))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            origin = self.rejected(Headers(scope=scope))
            if origin is not None:
                self.report(origin, scope.get("path", ""))
        await self.app(scope, receive, send)


def install_widget(app: FastAPI, settings: Settings) -> None:
    """Add `/widget.js` and the CORS policy. Call before mounting the chat at /.

    Starlette's CORSMiddleware is installed even for an empty allow-list, where it allows no
    origin: Gradio, mounted at /, answers cross-origin requests itself (preflights for any path
    it catches, `/api/ask` included, echo any Origin with credentials allowed) unless the parent
    app has a CORSMiddleware, and then it leaves CORS to it. So the list decides for everything.
    """
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed_origins(settings),
        allow_methods=["GET", "POST"],
        allow_headers=["content-type", "authorization"],
        max_age=600,
    )
    app.add_middleware(RejectedOrigins, allowed=allowed_origins(settings))  # runs before the policy

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> Response:
        return Response(
            widget_source(),
            media_type=MEDIA_TYPE,
            headers={
                "Cache-Control": f"public, max-age={CACHE_SECONDS}",
                "X-Content-Type-Options": "nosniff",
            },
        )
