"""Request dependencies shared by the routes: the bot, the caller's key and identity, admin checks.

They are ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in the thread pool, one
hop (~0.3 ms, two GIL hand-offs) per dependency per request, for a lookup.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from bot.access import check_admin, client_identity, key_in
from bot.service import PolicyBot
from core.errors import NotAuthorised


def bearer(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def address(request: Request) -> str | None:
    return request.client.host if request.client else None


async def get_bot(request: Request) -> PolicyBot:
    return request.app.state.bot


Bot = Annotated[PolicyBot, Depends(get_bot)]


async def client_of(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """Who is asking, for the log: a valid API key, else the address; a wrong key is a 401."""
    key = bearer(authorization)
    bot: PolicyBot = request.app.state.bot
    if bot.settings.api_keys or not bot.settings.allow_anonymous:
        if key is not None and key_in(bot.settings.api_keys, key):
            return client_identity(key, None)
        if key is not None or not bot.settings.allow_anonymous:
            raise NotAuthorised("a valid API key is required: Authorization: Bearer KEY")
    return client_identity(None, address(request))


Client = Annotated[str, Depends(client_of)]


async def require_admin(bot: Bot, authorization: Annotated[str | None, Header()] = None) -> None:
    check_admin(bot.settings.admin_keys, bearer(authorization))


Admin = Annotated[None, Depends(require_admin)]
