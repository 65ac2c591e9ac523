"""HTTP answer API. Routes are thin: each calls one core function; errors map to statuses here."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, field_validator

from bot.auth import bearer, key_in
from bot.filters import Filters, parse_date
from bot.followup import MAX_TURN_CHARS, MAX_TURNS, Turn
from bot.service import MAX_QUESTION_CHARS, MAX_TOP_K, PolicyBot, record_feedback
from indexer.errors import (
    DocumentError,
    Forbidden,
    IndexCorrupt,
    IndexNotFound,
    InvalidQuestion,
    NotAuthorised,
    PolicybotError,
    UnknownAnswer,
    UnknownDocument,
)

router = APIRouter(prefix="/api")
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class TurnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[StrictStr, Field(max_length=MAX_QUESTION_CHARS)]
    answer: Annotated[StrictStr, Field(max_length=MAX_TURN_CHARS)] = ""


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[StrictStr, Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                                         json_schema_extra={"pattern": r"\S"})]
    top_k: Annotated[StrictInt, Field(ge=1, le=MAX_TOP_K)] = 5
    doc_ids: Annotated[list[StrictStr] | None, Field(max_length=200)] = None
    date_from: Annotated[StrictStr | None, Field(pattern=ISO_DATE, examples=["2021-01-01"])] = None
    date_to: Annotated[StrictStr | None, Field(pattern=ISO_DATE, examples=["2022-12-31"])] = None
    history: Annotated[list[TurnIn], Field(max_length=MAX_TURNS)] = []

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is empty")
        return value

    def filters(self) -> Filters:
        return Filters(tuple(self.doc_ids or ()), parse_date(self.date_from, "date_from"),
                       parse_date(self.date_to, "date_to"))

    def turns(self) -> list[Turn]:
        return [Turn(t.question, t.answer) for t in self.history]


class CitationOut(BaseModel):
    n: int
    doc_id: str
    title: str
    date: str | None
    source: str
    chunk_id: str
    text: str
    score: float
    url: str | None = None
    issuer: str | None = None
    page: int | None = None


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[CitationOut]
    answer_id: str


class HealthResponse(BaseModel):
    status: str
    documents: int
    chunks: int
    model: str
    encoder: str | None = None
    detail: str | None = None


class ErrorResponse(BaseModel):
    detail: str
    errors: list[dict[str, Any]] | None = None


# Dependencies are `async def` on purpose: FastAPI runs a plain `def` dependency in the thread
# pool, one hop (~0.3 ms, two GIL hand-offs) per dependency per request, for a lookup.
async def get_bot(request: Request) -> PolicyBot:
    return request.app.state.bot


Bot = Annotated[PolicyBot, Depends(get_bot)]
def errors(*extra: int) -> dict[int | str, dict[str, Any]]:
    """Documented error responses: those every route may give, plus ``extra``."""
    return {code: {"model": ErrorResponse} for code in (400, 413, 422, 429, 503, *extra)}


ERRORS = errors()


async def client_of(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """Who is asking, for the rate limit and the log: the API key, else the address."""
    key = bearer(authorization)
    bot: PolicyBot = request.app.state.bot
    if bot.settings.api_keys or not bot.settings.allow_anonymous:
        if key is not None and key_in(bot.settings.api_keys, key):
            return f"key:{key[:6]}"
        if key is not None or not bot.settings.allow_anonymous:
            raise NotAuthorised("a valid API key is required: Authorization: Bearer KEY")
    return f"addr:{request.client.host if request.client else '?'}"


Client = Annotated[str, Depends(client_of)]


@router.post("/ask", response_model=AskResponse, responses=errors(401))
def ask(body: AskRequest, bot: Bot, client: Client) -> dict[str, Any]:
    """Answer a question from the policy documents, with numbered citations, or abstain."""
    return bot.ask(body.question, body.top_k, body.filters(), history=body.turns(),
                   client=client).to_dict()


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: Annotated[StrictStr, Field(min_length=1, max_length=64)]
    helpful: StrictBool
    comment: Annotated[StrictStr | None, Field(max_length=2000)] = None


@router.post("/feedback", status_code=201, responses=errors(403, 404))
def feedback(body: FeedbackIn, bot: Bot) -> dict[str, str]:
    """Thumbs up or down on an answer, by its ``answer_id``."""
    record_feedback(bot, body.answer_id, body.helpful, body.comment)
    return {"status": "recorded"}


@router.get("/health", response_model=HealthResponse)
def health(bot: Bot) -> dict[str, Any]:
    """Cheap: reports the loaded index; `status` is `no_index` until one is built."""
    return bot.health()


def install_error_handlers(app: FastAPI) -> None:
    """Core exceptions become 4xx/503 with a message; nothing the client sends becomes a 500."""

    def handler(status: int):  # type: ignore[no-untyped-def]
        async def _handle(request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": str(exc)}, status_code=status)

        return _handle

    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
                 for e in errors]
        return JSONResponse({"detail": "; ".join(parts) or "invalid request", "errors": errors},
                            status_code=422)

    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(InvalidQuestion, handler(422))
    app.add_exception_handler(UnknownDocument, handler(422))
    app.add_exception_handler(DocumentError, handler(422))
    app.add_exception_handler(NotAuthorised, handler(401))
    app.add_exception_handler(Forbidden, handler(403))
    app.add_exception_handler(UnknownAnswer, handler(404))
    app.add_exception_handler(IndexNotFound, handler(503))
    app.add_exception_handler(IndexCorrupt, handler(503))
    app.add_exception_handler(PolicybotError, handler(503))


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
