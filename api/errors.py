"""Errors at the HTTP edge: core exceptions become statuses by ``core.errors.OUTCOMES``, invalid
requests a 422, and unknown ``/api`` paths and methods a 404/405 from the API itself."""

from __future__ import annotations

import json
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


MAX_ERRORS = 10  # invalid fields a 422 lists (the count of the others is said)
MAX_ECHO_CHARS = 100  # of an echoed input value or a location part


def bounded(value: Any) -> Any:
    """An echoed value no longer than ``MAX_ECHO_CHARS`` as JSON: as it was, or its JSON cut short."""
    value = json_safe(value)
    if isinstance(value, str):
        return value if len(value) <= MAX_ECHO_CHARS else value[:MAX_ECHO_CHARS] + "…"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return value if len(text) <= MAX_ECHO_CHARS else text[:MAX_ECHO_CHARS] + "…"


def validation_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """A 422's body: the first ``MAX_ERRORS`` errors, each echoing a bounded part of the input (its
    value and its location, whose keys a client chose), so the reply stays small whatever was sent
    (a 50 kB body of invalid fields came back as a 1 MB error)."""
    shown = [{**e, "loc": [bounded(x) if isinstance(x, str) else x for x in e.get("loc", ())],
              **({"input": bounded(e["input"])} if "input" in e else {}),
              **({"ctx": {k: bounded(v) for k, v in e["ctx"].items()}} if isinstance(e.get("ctx"), dict) else {})}
             for e in errors[:MAX_ERRORS]]
    parts = [f"{'.'.join(str(x) for x in e['loc'][1:]) or 'body'}: {str(e.get('msg'))[:300]}" for e in shown]
    if len(errors) > MAX_ERRORS:
        parts.append(f"and {len(errors) - MAX_ERRORS} more invalid fields")
    return {"detail": "; ".join(parts) or "invalid request", "errors": shown}


def install_error_handlers(app: FastAPI) -> None:
    """Nothing the client sends becomes a 500: core errors and invalid input map to 4xx/503."""

    async def core_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, PolicybotError)
        return error_response(exc)

    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        decode = {bytes: lambda b: b.decode("utf-8", "replace")}
        errors = json_safe(jsonable_encoder(exc.errors(), custom_encoder=decode))
        return JSONResponse(validation_body(errors), status_code=422)

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
