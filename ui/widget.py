"""The embeddable widget: `GET /widget.js`, and CORS for the sites allowed to call the API.

A site embeds the widget with one tag:

    <script src="https://HOST/widget.js" data-policybot-endpoint="https://HOST" defer></script>

The script is static (no settings and never a key are written into it). Browsers only let pages
on the origins in ``settings.cors_origins`` read the API's answers; with the list empty (the
default) no page on another origin gets an Access-Control-Allow-Origin header, so only pages
served by policybot itself can read its answers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response
from starlette.middleware.cors import CORSMiddleware

from core.settings import Settings

WIDGET_JS = Path(__file__).resolve().parent / "static" / "widget.js"
MEDIA_TYPE = "application/javascript; charset=utf-8"
CACHE_SECONDS = 300  # short: a new release reaches embedding sites within minutes


@lru_cache(maxsize=1)
def widget_source() -> bytes:
    return WIDGET_JS.read_bytes()


def allowed_origins(settings: Settings) -> list[str]:
    """Origins compare as exact strings in the browser's form: no trailing slash."""
    return [origin.strip().rstrip("/") for origin in settings.cors_origins if origin.strip()]


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
