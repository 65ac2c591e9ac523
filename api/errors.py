"""Errors at the HTTP edge: core exceptions become statuses by ``core.errors.OUTCOMES``, invalid
requests a 422, and unknown ``/api`` paths and methods a 404/405 from the API itself."""

from __future__ import annotations

import logging
import math
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.schemas import ErrorResponse
from core.errors import PolicybotError, RateLimited, outcome

log = logging.getLogger(__name__)


def documented(*extra: int) -> dict[int | str, dict[str, Any]]:
    """Documented error responses: those every route may give, plus ``extra``."""
    return {code: {"model": ErrorResponse} for code in (400, 413, 422, 429, 503, *extra)}


def error_response(exc: PolicybotError) -> JSONResponse:
    """The client is told ``exc.public()``; the operator's full message goes to the log."""
    status = outcome(exc)[0]
    if status >= 500:
        log.error("%s: %s", type(exc).__name__, exc)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    return JSONResponse({"detail": exc.public()}, status_code=status, headers=headers)


def json_safe(value: Any) -> Any:
    """What a 422 echoes of the input, made printable: JSON numbers like 1e309 and NaN became
    non-finite floats, and "\\ud800" a lone surrogate, none of which a JSON reply may hold."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def install_error_handlers(app: FastAPI) -> None:
    """Nothing the client sends becomes a 500: core errors and invalid input map to 4xx/503."""

    async def core_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, PolicybotError)
        return error_response(exc)

    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        decode = {bytes: lambda b: b.decode("utf-8", "replace")}
        errors = json_safe(jsonable_encoder(exc.errors(), custom_encoder=decode))
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
                 for e in errors]
        return JSONResponse({"detail": "; ".join(parts) or "invalid request", "errors": errors},
                            status_code=422)

    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(PolicybotError, core_error)


class ApiRoutesMiddleware:
    """Unknown /api paths and methods get 404/405 from the API, not from the chat UI mounted
    at /, which would otherwise answer them (with a 404 page for a wrong method)."""

    def __init__(self, app: Any, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self._routes: list[tuple[re.Pattern[str], set[str]]] | None = None

    def routes(self) -> list[tuple[re.Pattern[str], set[str]]]:
        if self._routes is None:
            self._routes = [
                (re.compile(re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), {m.upper() for m in ops})
                for path, ops in self.api.openapi()["paths"].items() if path.startswith("/api/")
            ]
        return self._routes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.startswith("/api/"):
            allowed = set().union(*(m for rx, m in self.routes() if rx.match(path)))
            method = scope["method"]
            if not allowed or (method not in allowed | {"HEAD", "OPTIONS"}):
                status, detail = (405, f"method {method} not allowed") if allowed else \
                    (404, f"no API route {path}")
                headers = {"Allow": ", ".join(sorted(allowed))} if allowed else None
                await JSONResponse({"detail": detail}, status, headers=headers)(scope, receive, send)
                return
        await self.app(scope, receive, send)
