"""HTTP answer API. Routes are thin: each calls one core function; errors map to statuses here."""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, field_validator

from bot.auth import bearer
from bot.filters import Filters
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


class TurnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[StrictStr, Field(max_length=MAX_QUESTION_CHARS)]
    answer: Annotated[StrictStr, Field(max_length=MAX_TURN_CHARS)] = ""


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[StrictStr, Field(max_length=MAX_QUESTION_CHARS)]
    top_k: Annotated[StrictInt, Field(ge=1, le=MAX_TOP_K)] = 5
    doc_ids: Annotated[list[StrictStr] | None, Field(max_length=200)] = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    history: Annotated[list[TurnIn], Field(max_length=MAX_TURNS)] = []

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is empty")
        return value

    def filters(self) -> Filters:
        return Filters(tuple(self.doc_ids or ()), self.date_from, self.date_to)

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
    detail: str | None = None


class ErrorResponse(BaseModel):
    detail: str


def get_bot(request: Request) -> PolicyBot:
    return request.app.state.bot


Bot = Annotated[PolicyBot, Depends(get_bot)]
ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse}, 503: {"model": ErrorResponse},
}


def client_of(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """Who is asking, for the rate limit and the log: the API key, else the address."""
    key = bearer(authorization)
    bot: PolicyBot = request.app.state.bot
    if bot.settings.api_keys or not bot.settings.allow_anonymous:
        if key is not None and any(hmac.compare_digest(key.encode(), k.encode())
                                   for k in bot.settings.api_keys):
            return f"key:{key[:6]}"
        if key is not None or not bot.settings.allow_anonymous:
            raise NotAuthorised("a valid API key is required: Authorization: Bearer KEY")
    return f"addr:{request.client.host if request.client else '?'}"


Client = Annotated[str, Depends(client_of)]


@router.post("/ask", response_model=AskResponse, responses={401: ERRORS[422], **ERRORS})
def ask(body: AskRequest, bot: Bot, client: Client) -> dict[str, Any]:
    """Answer a question from the policy documents, with numbered citations, or abstain."""
    return bot.ask(body.question, body.top_k, body.filters(), history=body.turns(),
                   client=client).to_dict()


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: Annotated[StrictStr, Field(min_length=1, max_length=64)]
    helpful: StrictBool
    comment: Annotated[StrictStr | None, Field(max_length=2000)] = None


@router.post("/feedback", status_code=201, responses={404: ERRORS[422], **ERRORS})
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

    app.add_exception_handler(InvalidQuestion, handler(422))
    app.add_exception_handler(UnknownDocument, handler(422))
    app.add_exception_handler(DocumentError, handler(422))
    app.add_exception_handler(NotAuthorised, handler(401))
    app.add_exception_handler(Forbidden, handler(403))
    app.add_exception_handler(UnknownAnswer, handler(404))
    app.add_exception_handler(IndexNotFound, handler(503))
    app.add_exception_handler(IndexCorrupt, handler(503))
    app.add_exception_handler(PolicybotError, handler(503))
