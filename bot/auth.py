"""Admin keys for document changes; compared in constant time."""

from __future__ import annotations

import hmac

from indexer.errors import Forbidden, NotAuthorised


def check_admin(keys: list[str], presented: str | None) -> None:
    if not keys:
        raise Forbidden("admin actions (document changes, statistics) are disabled: "
                        "no admin key is configured (set POLICYBOT_ADMIN_KEYS)")
    if not presented:
        raise NotAuthorised("an admin key is required: Authorization: Bearer KEY")
    if not key_in(keys, presented):
        raise Forbidden("this key is not an admin key")


def key_in(keys: list[str], presented: str) -> bool:
    """Constant-time membership, so response timing does not reveal a key's prefix."""
    return any(hmac.compare_digest(presented.encode(), k.encode()) for k in keys)


def bearer(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
