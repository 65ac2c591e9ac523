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
    StrictFloat,
    StrictInt,
    StrictStr,
    create_model,
    field_validator,
)

from bot.alerts.webhooks import MAX_URL_CHARS
from bot.answering.filters import Filters
from bot.answering.followup import MAX_TURN_CHARS, MAX_TURNS, Turn
from bot.answering.records import Citation, Confidence
from bot.finder.checks import Profile, Size, Verdict
from bot.finder.match import Decision
from bot.service import MAX_QUESTION_CHARS, MAX_TOP_K
from core.dates import parse_iso
from core.language import Lang
from core.records import DocumentMeta
from core.validity import Status, WindowState

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
    as_of: Annotated[Text | None, Field(pattern=ISO_DATE, examples=["2024-06-01"], description=(
        "The day citations' `status` is computed for, and with `in_force_only` the day the documents "
        "must be in force; default today."))] = None
    in_force_only: Annotated[StrictBool, Field(description=(
        "Search only documents in force on `as_of`. When none answers, the bot abstains and names an "
        "expired, replaced or not yet effective document that would have answered."))] = False

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is empty")
        return value

    def filters(self) -> Filters:
        return Filters(tuple(self.doc_ids or ()), parse_iso(self.date_from, "date_from"),
                       parse_iso(self.date_to, "date_to"), parse_iso(self.as_of, "as_of"), self.in_force_only)

    def turns(self) -> list[Turn]:
        return [Turn(t.question, t.answer) for t in self.history]


# What the policy record fields mean, for the OpenAPI schema (``core.validity`` has the rules).
FIELD_DOCS = {
    "issuer": "The issuing body (\"Issuer:\", \"发文机关：\", the letterhead or the signature).",
    "date": "Issue date, ISO; null when the document states none that can be read.",
    "doc_number": "The issuer's document number: \"Shao Shang [2022] No. 15\", \"柯政发〔2025〕8号\".",
    "effective_date": "First day in force, ISO (\"Effective:\", \"自2025年1月1日起施行\").",
    "expiry_date": "Last day in force, ISO (\"Valid until\", \"有效期至\", or a validity period "
                   "counted from an exact effective date).",
    "superseded_by": "doc_id of the indexed document that says it replaces this one.",
    "status": "On `as_of`: in_force, expired, superseded, not_yet_effective or unknown (README, "
              "\"Policy records\").",
    "confidence": "direct: the text quoted from this passage holds what the question asks for (a "
                  "number, date or name when it asks for one) and most of its content words; related: "
                  "a passage on the topic that may not answer it (README, \"Abstention\").",
}


def _fields(record: type) -> dict[str, Any]:
    hints = get_type_hints(record)
    return {f.name: (hints[f.name], Field(... if f.default is MISSING else f.default,
                                          description=FIELD_DOCS.get(f.name)))
            for f in fields(record)}


def response_model(record: type, name: str) -> type[BaseModel]:
    """A dataclass record's fields as a pydantic response model: the record is the one definition
    (``core.records.DocumentMeta``'s fields included), the schema follows it."""
    return create_model(name, **_fields(record))  # type: ignore[call-overload]


CitationOut = response_model(Citation, "CitationOut")
DocumentOut = create_model(  # type: ignore[call-overload]
    "DocumentOut", doc_id=(str, ...), **_fields(DocumentMeta),
    status=(Status, Field(..., description=FIELD_DOCS["status"])), chunks=(int, 0), indexed_at=(str | None, None))


class PassageOut(BaseModel):
    chunk_id: str
    position: int
    page: int | None = None
    text: str


class DocumentCard(DocumentOut):  # type: ignore[valid-type, misc]
    """A policy card: the document's record, its status on `as_of`, what it replaced, its passages."""

    as_of: str = Field(description="The day `status` is computed for.")
    replaces: list[str] = Field(description="doc_ids of the documents this one replaced.")
    passages: list[PassageOut]


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[CitationOut]  # type: ignore[valid-type]
    answer_id: str
    lang: Lang = Field(description="The answer's language: the question's (zh: simplified Chinese, "
                       "en: English). Quotes keep their passage's language, citations[].lang.")
    confidence: Confidence | None = Field(None, description=(
        "The lead citation's confidence (citations[0].confidence); null when the bot abstained."))


class HealthResponse(BaseModel):
    status: str
    documents: int
    chunks: int
    model: str
    encoder: str | None = None
    answer_model: str | None = None  # current, or stale: the index records another answer model (docs/answering.md)
    detail: str | None = None
    storage: dict[str, Any] | None = None  # question log: backend, status ok|degraded, pending rows, failures
    limiter: dict[str, Any] | None = None  # rate limit: backend, status, scope shared|per-process
    setup: dict[str, Any] | None = None  # counts of cors_origins and webhook_allowed_hosts; subscriptions on|off


class ErrorResponse(BaseModel):
    detail: str
    errors: list[dict[str, Any]] | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: Annotated[Text, Field(min_length=1, max_length=64)]
    helpful: StrictBool
    comment: Annotated[Text | None, Field(max_length=2000)] = None


class ProfileIn(BaseModel):
    """What a member says of its company for the policy finder; a field left out is "not said"."""

    model_config = ConfigDict(extra="forbid")

    region: Annotated[Text | None, Field(max_length=100, examples=["Shaoxing", "绍兴市柯桥区"])] = None
    sector: Annotated[Text | None, Field(max_length=100, examples=["textile", "印染"])] = None
    annual_exports_usd: Annotated[StrictFloat | None, Field(ge=0, le=1e13, allow_inf_nan=False)] = None
    annual_exports_cny: Annotated[StrictFloat | None, Field(ge=0, le=1e14, allow_inf_nan=False)] = None
    annual_revenue_usd: Annotated[StrictFloat | None, Field(ge=0, le=1e13, allow_inf_nan=False)] = None
    annual_revenue_cny: Annotated[StrictFloat | None, Field(ge=0, le=1e14, allow_inf_nan=False)] = None
    employees: Annotated[StrictInt | None, Field(ge=0, le=10_000_000)] = None
    enterprise_size: Size | None = Field(None, description="micro, small, medium or large (中小微企业: micro-medium).")
    above_designated_size: StrictBool | None = Field(None, description="规模以上 (above designated size).")
    first_time: StrictBool | None = Field(None, description="Has not had this support before.")
    has_violations: StrictBool | None = Field(None, description="Has a record of violations.")
    specialised: StrictBool | None = Field(None, description="Recognised as a specialised and new (专精特新) SME.")

    def to_profile(self) -> Profile:
        return Profile(**self.model_dump())


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: ProfileIn = ProfileIn()
    as_of: Annotated[Text | None, Field(pattern=ISO_DATE, examples=["2026-06-01"], description=(
        "The day the documents must be in force; default today."))] = None
    lang: Lang | None = Field(None, description="Language of each condition's `requirement`; default: "
                              "zh when the profile's region or sector is Chinese, else en.")


class ChecklistItem(BaseModel):
    type: str = Field(description="region, annual_exports_usd_max, annual_revenue_cny_range, employees_max, sector, "
                      "enterprise_size, specialised, first_time, no_violations, … or text (a condition only quoted).")
    requirement: str
    status: Verdict
    value: Any = None
    quote: str | None = Field(None, description="The notice's sentence that states the condition.")
    citation: dict[str, Any] | None = Field(None, description="doc_id, chunk_id, position and page of the quote.")
    profile: str | None = Field(None, description="For `unmet`: what the profile said.")
    converted: dict[str, Any] | None = Field(None, description=(
        "Set when the verdict rests on an exchange rate (the profile gave the amount in the other currency; "
        "POLICYBOT_CNY_PER_USD): rate (CNY per USD), from, to, amount, value (converted), near_limit (within "
        "margin of the limit: left `unknown`), margin. The requirement line says so too."))
    group: int | None = Field(None, description="Set for alternatives (\"any of the following\"): the group, met "
                              "when one option (`option`) has all its conditions met.")
    option: int | None = None
    group_status: Verdict | None = None


class WindowOut(BaseModel):
    state: WindowState = Field(description="open, closed, not_yet_open or unknown on `as_of`.")
    line: str = Field(description="The state in a line of the requested language.")
    opens: str | None = None
    closes: str | None = None
    rolling: bool | None = Field(None, description="Applications taken all year.")
    later: bool | None = Field(None, description="The notice says the dates will be announced.")
    quote: str | None = Field(None, description="The notice's sentence that states the window.")
    citation: dict[str, Any] | None = None


class PolicyMatch(BaseModel):
    doc_id: str
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    url: str | None = None
    source: str | None = None
    status: Status
    verdict: Decision = Field(description="applicable (every condition met), needs_info (nothing unmet, something "
                              "not said) or not_applicable (a condition unmet, or the window closed).")
    met: int
    unmet: int
    unknown: int
    checklist: list[ChecklistItem]
    benefits: list[dict[str, Any]] = Field(description="rate, cap {amount, currency, text}, quote, citation.")
    application: list[dict[str, Any]] = Field(description="deadline, channel, quote, citation.")
    window: WindowOut
    reasons: list[str] | None = Field(None, description="For not applicable documents: the unmet conditions and a "
                                      "closed application window.")


class MatchResponse(BaseModel):
    as_of: str
    lang: Lang
    profile: dict[str, Any]
    applicable: list[PolicyMatch]
    not_applicable: list[PolicyMatch]


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: ProfileIn = ProfileIn()
    webhook_url: Annotated[Text, Field(min_length=1, max_length=MAX_URL_CHARS, examples=[
        "https://hooks.example.com/policybot"], description="http(s) URL on a host the administrator allows "
        "(POLICYBOT_WEBHOOK_ALLOWED_HOSTS); no user name or password; redirects are not followed.")]
    lang: Lang | None = Field(None, description="Language of the checklists delivered; default as for /api/match.")


class Deliveries(BaseModel):
    delivered: int
    failed: int = Field(description="Given up after POLICYBOT_WEBHOOK_MAX_ATTEMPTS attempts.")
    pending: int


class SubscriptionOut(BaseModel):
    id: str
    webhook_url: str
    profile: dict[str, Any]
    lang: Lang
    created_at: str
    deliveries: Deliveries | None = None


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(description="Signs every delivery: X-Policybot-Signature is sha256=<hex HMAC-SHA256(secret, "
                        "raw body)>. Shown only in this answer.")
