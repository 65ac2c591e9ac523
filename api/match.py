"""Policy finder routes: the checklist for a company profile, and the Atom feed of policies in force.

Thin: each calls one core function (``bot.finder.match.find_policies``, ``bot.alerts.feed.policies_feed``). The
same door as /api/ask: the caller's key or address (``Client``), and the guard's rate limit.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import Field

from api.auth import Bot, Client
from api.errors import documented
from api.schemas import ISO_DATE, MatchRequest, MatchResponse, ProfileIn
from bot.alerts.feed import policies_feed
from bot.finder.match import find_policies
from core.dates import parse_iso
from core.language import Lang, text_language
from core.validity import today

router = APIRouter(prefix="/api", tags=["finder"])


def profile_lang(profile: ProfileIn, lang: Lang | None) -> Lang:
    """The member's language: asked for, else the one its region or sector is written in."""
    return lang or text_language(f"{profile.region or ''} {profile.sector or ''}".strip(), "en")


@router.post("/match", response_model=MatchResponse, responses=documented(401))
def match(body: MatchRequest, bot: Bot, client: Client) -> dict[str, Any]:
    """The documents in force on `as_of` that may apply to the company, each with a checklist:
    every condition `met`, `unmet` or `unknown`, its quote and citation, the application window
    (open, closed, not yet open or unknown on `as_of`), the benefit and how to apply. Documents with
    an unmet condition or a closed window come in `not_applicable`, with the reasons."""
    day = parse_iso(body.as_of, "as_of") or today()
    lang = profile_lang(body.profile, body.lang)
    return find_policies(bot.index().data.documents, body.profile.to_profile(), day, lang, bot.settings.cny_per_usd)


class FeedQuery(ProfileIn):
    """The profile as query parameters, which arrive as text: numbers and flags are parsed from it."""

    annual_exports_usd: Annotated[float | None, Field(ge=0, le=1e13, allow_inf_nan=False)] = None
    annual_exports_cny: Annotated[float | None, Field(ge=0, le=1e14, allow_inf_nan=False)] = None
    annual_revenue_usd: Annotated[float | None, Field(ge=0, le=1e13, allow_inf_nan=False)] = None
    annual_revenue_cny: Annotated[float | None, Field(ge=0, le=1e14, allow_inf_nan=False)] = None
    employees: Annotated[int | None, Field(ge=0, le=10_000_000)] = None
    above_designated_size: bool | None = None
    first_time: bool | None = None
    has_violations: bool | None = None
    specialised: bool | None = None
    as_of: Annotated[str | None, Field(pattern=ISO_DATE, max_length=10)] = None
    lang: Lang | None = None


@router.get("/feeds/policies.atom", response_class=Response, responses={
    **documented(401), 200: {"content": {"application/atom+xml": {}}, "description": "An Atom 1.0 feed."}})
def feed(query: Annotated[FeedQuery, Query()], bot: Bot, client: Client) -> Response:
    """The policies in force (on `as_of`, default today), newest first; with profile parameters
    (`?region=Shaoxing&employees=120`) only those the company may apply for. Links start with
    `POLICYBOT_PUBLIC_URL`, or are relative to the feed's own address without it (never the
    request's `Host`, which a client or a cache in between may have set)."""
    profile = ProfileIn(**query.model_dump(exclude={"as_of", "lang"}))
    day = parse_iso(query.as_of, "as_of") or today()
    said = {k: str(v) for k, v in query.model_dump(exclude_none=True).items()}
    body = policies_feed(bot.index().data.documents, profile.to_profile(), day, profile_lang(profile, query.lang),
                         bot.settings.public_url or "", said, bot.settings.cny_per_usd)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
