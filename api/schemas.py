"""The API's request and response bodies; response records are generated from the core's dataclasses."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Annotated, Any, get_type_hints

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    create_model,
    field_validator,
)

from bot.filters import Filters
from bot.followup import MAX_TURN_CHARS, MAX_TURNS, Turn
from bot.language import Lang
from bot.records import Citation
from bot.service import MAX_QUESTION_CHARS, MAX_TOP_K
from core.dates import parse_iso

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _encodable(value: str) -> str:
    """JSON may spell a lone UTF-16 surrogate ("\\ud800"); no reply, log or index can hold one."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text holds an unpaired surrogate (\\ud800-\\udfff), which is not a character") from exc
    return value


Text = Annotated[StrictStr, AfterValidator(_encodable)]


class TurnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[Text, Field(max_length=MAX_QUESTION_CHARS)]
    answer: Annotated[Text, Field(max_length=MAX_TURN_CHARS)] = ""


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[Text, Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                                         json_schema_extra={"pattern": r"\S"})]
    top_k: Annotated[StrictInt, Field(ge=1, le=MAX_TOP_K)] = 5
    doc_ids: Annotated[list[Text] | None, Field(max_length=200)] = None
    date_from: Annotated[Text | None, Field(pattern=ISO_DATE, examples=["2021-01-01"])] = None
    date_to: Annotated[Text | None, Field(pattern=ISO_DATE, examples=["2022-12-31"])] = None
    history: Annotated[list[TurnIn], Field(max_length=MAX_TURNS)] = []

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is empty")
        return value

    def filters(self) -> Filters:
        return Filters(tuple(self.doc_ids or ()), parse_iso(self.date_from, "date_from"),
                       parse_iso(self.date_to, "date_to"))

    def turns(self) -> list[Turn]:
        return [Turn(t.question, t.answer) for t in self.history]


def response_model(record: type, name: str) -> type[BaseModel]:
    """A dataclass record's fields as a pydantic response model: the record is the one definition
    (``core.records.DocumentMeta``'s fields included), the schema follows it."""
    hints = get_type_hints(record)
    return create_model(name, **{  # type: ignore[call-overload]
        f.name: (hints[f.name], ... if f.default is MISSING else f.default) for f in fields(record)})


CitationOut = response_model(Citation, "CitationOut")


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[CitationOut]  # type: ignore[valid-type]
    answer_id: str
    lang: Lang = Field(description="The answer's language: the question's (zh: simplified Chinese, "
                       "en: English). Quotes keep their passage's language, citations[].lang.")


class HealthResponse(BaseModel):
    status: str
    documents: int
    chunks: int
    model: str
    encoder: str | None = None
    detail: str | None = None
    storage: dict[str, Any] | None = None  # question log: backend, status ok|degraded, pending rows, failures
    limiter: dict[str, Any] | None = None  # rate limit: backend, status, scope shared|per-process


class ErrorResponse(BaseModel):
    detail: str
    errors: list[dict[str, Any]] | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: Annotated[Text, Field(min_length=1, max_length=64)]
    helpful: StrictBool
    comment: Annotated[Text | None, Field(max_length=2000)] = None
