"""Answer routes: ask, feedback, health. Thin: each calls one core function."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import TypeAdapter

from api.auth import Bot, Client
from api.errors import documented
from api.schemas import AskRequest, AskResponse, FeedbackIn, HealthResponse
from bot.service import record_feedback

router = APIRouter(prefix="/api")
_ASK = TypeAdapter(AskResponse)


@router.post("/ask", response_model=AskResponse, responses=documented(401))
def ask(body: AskRequest, bot: Bot, client: Client) -> Response:
    """Answer a question from the policy documents, with numbered citations, or abstain."""
    answer = bot.ask(body.question, body.top_k, body.filters(), history=body.turns(), client=client)
    # Checked and written out in this worker thread: returned as a dict, FastAPI would check it in a
    # second trip through the thread pool (~1 ms of a loaded machine's request; bench/latency.py).
    return Response(_ASK.dump_json(_ASK.validate_python(answer.to_dict())), media_type="application/json")


@router.post("/feedback", status_code=201, responses=documented(401, 403, 404))
def feedback(body: FeedbackIn, bot: Bot, client: Client) -> dict[str, str]:
    """Thumbs up or down on an answer, by its ``answer_id``; one vote per answer and client."""
    record_feedback(bot, body.answer_id, body.helpful, body.comment, client)
    return {"status": "recorded"}


@router.get("/health", response_model=HealthResponse)
def health(bot: Bot) -> dict[str, Any]:
    """Cheap: reports the loaded index; `status` is `no_index` until one is built."""
    return bot.health()
