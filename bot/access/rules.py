"""Who may do what, and how often: key checks, the client identity and the rate limit.

Every way in (the API, the chat UI, the widget through the API) calls these, so the rules are the
same whichever door a request comes through. Keys are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import OrderedDict

from core.errors import Forbidden, NotAuthorised, RateLimited
from core.settings import Settings


def key_in(keys: list[str], presented: str) -> bool:
    """Constant-time membership, so response timing does not reveal a key's prefix."""
    return any(hmac.compare_digest(presented.encode(), k.encode()) for k in keys)


def check_admin(keys: list[str], presented: str | None) -> None:
    if not keys:
        raise Forbidden("admin actions (document changes, statistics) are disabled: "
                        "no admin key is configured (set POLICYBOT_ADMIN_KEYS)")
    if not presented:
        raise NotAuthorised("an admin key is required: Authorization: Bearer KEY")
    if not key_in(keys, presented):
        raise Forbidden("this key is not an admin key")


def client_identity(key: str | None, address: str | None) -> str:
    """The client a request counts against and is logged as: its key, else its address.

    A key is represented by a digest, so neither the limiter nor the log holds a key. Only call
    it with a key already known to be configured (``known_key``): any other value would give
    each made-up key a fresh rate-limit bucket.
    """
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"addr:{address or '?'}"


def known_key(settings: Settings, presented: str | None) -> str | None:
    """``presented`` when it is a configured API or admin key, else None."""
    if presented and key_in([*settings.api_keys, *settings.admin_keys], presented):
        return presented
    return None


def asker_identity(settings: Settings, presented: str | None, address: str | None) -> str:
    """Who may ask a question, the same for the API, the chat UI and the widget.

    A valid API key identifies the client. A key that is not one is refused when API keys are
    configured or anonymous use is off (NotAuthorised), and otherwise counts as the address.
    """
    if presented and key_in(settings.api_keys, presented):
        return client_identity(presented, None)
    if (presented and settings.api_keys) or not settings.allow_anonymous:
        raise NotAuthorised("a valid API key is required: Authorization: Bearer KEY")
    return client_identity(None, address)


def member_identity(settings: Settings, presented: str | None) -> str:
    """A member's identity for what only a member may do (webhook subscriptions): a configured API
    key, never an address; anything else is NotAuthorised."""
    if presented and key_in(settings.api_keys, presented):
        return client_identity(presented, None)
    raise NotAuthorised("a member's API key is required: Authorization: Bearer KEY")


class TokenBuckets:
    """A token bucket per client, kept in the process: with several workers each enforces its share."""

    def __init__(self, per_minute: int, max_clients: int = 100_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._max = max_clients
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> int:
        """0 when allowed, else the seconds to wait before the next request is allowed."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self._max:
                self._buckets.popitem(last=False)
        return 0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate))

    def check(self, client: str) -> None:
        """Raise RateLimited when ``client`` has no request left this minute."""
        wait = self.take(client)
        if wait:
            raise RateLimited(f"too many requests; retry in {wait} s", wait)
