"""Admin insight into usage: what members ask and what the documents could not answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api.auth import Bot, require_admin
from api.errors import documented
from bot.service import usage_stats

router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/stats", responses=documented(401, 403), dependencies=[Depends(require_admin)])
def stats(bot: Bot, days: Annotated[int, Query(ge=1, le=3650)] = 30,
          limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """Questions per day, abstention rate, most asked questions, most cited documents and the
    questions the collection could not answer."""
    return usage_stats(bot, days, limit)
