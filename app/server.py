"""The one ASGI app: answer API under /api, chat UI at /, widget script at /widget.js.

The chat exists once per language: English mounted at /, Chinese at /zh. ``PageLanguage`` serves
a request for the page at / from the chat in the visitor's language (``?lang=zh|en``, else
``Accept-Language``; ``ui.i18n.negotiate``) without a redirect: the address stays /, and Gradio,
seeing the Chinese chat's request, points that page's own calls at /zh/.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.admin import router as admin_router
from api.ask import router
from api.documents import router as documents_router
from api.errors import ApiRoutesMiddleware, install_error_handlers
from api.forwarded import ForwardedMiddleware
from api.guard import UPLOADS, GuardMiddleware
from api.match import router as match_router
from api.subscriptions import router as subscriptions_router
from bot.alerts.delivery import AlertWorker
from bot.collection.documents import recover
from bot.service import PolicyBot
from bot.storage import open_alerts, open_log
from core.offline import stay_offline
from core.settings import Settings, get_settings
from ui.document_view import install_document_view
from ui.examples import example_questions
from ui.i18n import negotiate
from ui.widget import install_widget

MOUNTS = {"zh": "/zh", "en": "/"}  # the more specific path first: / would catch /zh/ too


class PageLanguage:
    """ASGI middleware: the page at / comes from the chat mounted for the visitor's language."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        lang = negotiate(Headers(scope=scope).get("accept-language"),
                         QueryParams(scope["query_string"]).get("lang"))
        if MOUNTS[lang] != "/":
            path = MOUNTS[lang] + "/"
            scope = {**scope, "path": path, "raw_path": path.encode()}

        async def send_varying(message: Message) -> None:
            if message["type"] == "http.response.start":  # caches must keep a copy per language
                MutableHeaders(scope=message).append("Vary", "Accept-Language")
            await send(message)

        await self.app(scope, receive, send_varying)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The whole service for ``settings`` (read from the environment when not given)."""
    settings = settings or get_settings()
    stay_offline()
    bot = PolicyBot(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio

        bot.analytics = await anyio.to_thread.run_sync(open_log, settings)  # migrates; None: logging off
        await anyio.to_thread.run_sync(recover, bot)  # an upload a killed worker left half done
        await anyio.to_thread.run_sync(bot.warm_up)
        app.state.alerts = open_alerts(bot.analytics)  # subscriptions live in the log's database
        # Announces new index versions and delivers the webhooks' outbox while the process serves.
        async with AlertWorker(bot, app.state.alerts).running() if app.state.alerts else nullcontext():
            yield
        app.state.alerts = None
        if bot.analytics is not None:
            await anyio.to_thread.run_sync(bot.analytics.close)  # writes what waits for the database
            bot.analytics = None

    # The OpenAPI pages (/docs, /redoc) with Swagger UI and ReDoc served from the installed
    # package, not a CDN: they render on a machine without internet access.
    app = FastAPIOffline(
        title="policybot",
        summary="Answers from the federation's policy documents, always with citations.",
        version="0.1.0",
        lifespan=lifespan,
        swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from swagger.io
    )
    app.state.bot = bot
    app.state.alerts = None  # the lifespan opens them with the question log
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(documents_router)
    app.include_router(admin_router)
    app.include_router(match_router)
    app.include_router(subscriptions_router)
    app.add_middleware(ApiRoutesMiddleware, api=app)
    uploads = UPLOADS + tuple(f"{path}/gradio_api/upload" for path in MOUNTS.values() if path != "/")
    app.add_middleware(GuardMiddleware, settings=settings, buckets=bot.limiter, uploads=uploads)

    install_widget(app, settings)  # before the chat mount at /, which would shadow /widget.js
    install_document_view(app)  # the page every citation links to

    import gradio as gr  # after stay_offline(): it reads its analytics switch on import

    from ui.chat import build_chat

    app.add_middleware(PageLanguage)
    # Outermost: every layer inside sees the client the trusted proxies name (none by default).
    app.add_middleware(ForwardedMiddleware, trusted_proxies=settings.trusted_proxies)
    for lang, path in MOUNTS.items():
        demo = build_chat(bot, example_questions(settings, lang), lang)
        # Files a browser uploads to the chat (the Documents tab) are bounded like API uploads;
        # the guard counts them too, and Gradio deletes its copies after an hour.
        app = gr.mount_gradio_app(app, demo, path=path, footer_links=[], ssr_mode=False,
                                  max_file_size=settings.max_upload_bytes)
    return app
