"""Request dependencies shared by the routes: the bot, the caller's key and identity, admin checks.

They are ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in the thread pool, one
hop (~0.3 ms, two GIL hand-offs) per dependency per request, for a lookup.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from bot.access.rules import asker_identity, check_admin, member_identity
from bot.service import PolicyBot


def bearer(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def address(request: Request) -> str | None:
    return request.client.host if request.client else None


async def get_bot(request: Request) -> PolicyBot:
    return request.app.state.bot


Bot = Annotated[PolicyBot, Depends(get_bot)]


async def client_of(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """Who is asking (``bot.access.rules.asker_identity``): a valid API key, else the address."""
    return asker_identity(request.app.state.bot.settings, bearer(authorization), address(request))


Client = Annotated[str, Depends(client_of)]


async def member_of(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The member whose API key came with the request (``bot.access.rules.member_identity``); else 401."""
    return member_identity(request.app.state.bot.settings, bearer(authorization))


Member = Annotated[str, Depends(member_of)]


async def require_admin(bot: Bot, authorization: Annotated[str | None, Header()] = None) -> None:
    check_admin(bot.settings.admin_keys, bearer(authorization))


Admin = Annotated[None, Depends(require_admin)]
