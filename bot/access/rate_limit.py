"""The rate limit shared by every worker and replica, kept in Redis.

A sliding window per client: a sorted set of the times of its allowed requests over the last
minute, checked and updated by one Lua script, so the check is atomic across any number of
processes and uses Redis's clock, not each replica's. At most N requests per client are allowed
in any 60 seconds; a refused request is not counted, and learns how long until the oldest one
leaves the window (``Retry-After``).

The API's guard checks with ``check_async`` (redis.asyncio): a blocking call in the event loop
stalled every request of the worker for as long as Redis took to be scheduled, which on a busy
machine was milliseconds per request (bench/replicas.py). The chat UI, in threads, uses ``check``.

Redis being unreachable must not refuse or fail requests: the check then falls back to the
per-process token bucket (``bot.access.rules.TokenBuckets``, the limit without Redis), retries Redis
after a pause (so a dead Redis does not cost every request a timeout), and ``health()`` says
the limit is degraded.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import secrets
import threading
import time
from typing import Any, Protocol

from bot.access.rules import TokenBuckets
from core.errors import RateLimited
from core.settings import Settings

log = logging.getLogger(__name__)

SLIDING_WINDOW = """
local now_t = redis.call('TIME')
local now = tonumber(now_t[1]) * 1000000 + tonumber(now_t[2])
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
"""
TIMEOUT_S = 0.25  # a Redis that does not answer by then is treated as down
PAUSE_S = 5.0  # how long the process limit stands in before Redis is tried again


class Limiter(Protocol):
    def check(self, client: str) -> None: ...


class RedisLimiter:
    """``check(client)``: allowed, or RateLimited; exact across processes while Redis answers."""

    def __init__(self, url: str, per_minute: int, window_s: float = 60.0, prefix: str = "policybot:rl:") -> None:
        import redis

        self.per_minute = per_minute
        self.window_us = int(window_s * 1_000_000)
        self.prefix = prefix
        self.fallback = TokenBuckets(per_minute)
        self._options = {"socket_timeout": TIMEOUT_S, "socket_connect_timeout": TIMEOUT_S, "retry": None,
                         "health_check_interval": 30}
        self._url = url
        self._script = redis.Redis.from_url(url, **self._options).register_script(SLIDING_WINDOW)
        self._async_script: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.url = _masked(url)
        self._down_until = 0.0
        self._lock = threading.Lock()
        self.failures = 0
        self.fallback_checks = 0

    def _call(self, client: str) -> dict[str, Any]:
        key = self.prefix + hashlib.sha256(client.encode()).hexdigest()[:32]  # no address in Redis
        return {"keys": [key], "args": [self.per_minute, self.window_us, secrets.token_hex(8)]}

    def wait(self, client: str) -> int:
        """0 when allowed, else whole seconds until ``client`` may ask again."""
        if time.monotonic() >= self._down_until:
            try:
                return self._answered(int(self._script(**self._call(client))))
            except Exception as exc:  # Redis down, slow or answering oddly: never a failed request
                self._down(exc)
        return self._fallback(client)

    async def wait_async(self, client: str) -> int:
        """``wait`` without blocking the event loop."""
        if time.monotonic() >= self._down_until:
            try:
                return self._answered(int(await self._script_for_loop()(**self._call(client))))
            except Exception as exc:  # Redis down, slow or answering oddly: never a failed request
                self._down(exc)
        return self._fallback(client)

    def _script_for_loop(self) -> Any:
        """The script on an asyncio client of the running loop (a client is bound to its loop)."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            import redis.asyncio

            self._async_script = redis.asyncio.Redis.from_url(self._url, **self._options) \
                .register_script(SLIDING_WINDOW)
            self._loop = loop
        return self._async_script

    def _answered(self, micros: int) -> int:
        if self._down_until:
            with self._lock:
                self._down_until = 0.0
            log.warning("rate limit: Redis at %s answers again; the limit is shared again", self.url)
        return math.ceil(micros / 1_000_000)

    def _fallback(self, client: str) -> int:
        with self._lock:
            self.fallback_checks += 1
        return self.fallback.take(client)

    def _down(self, exc: Exception) -> None:
        with self._lock:
            first = self._down_until == 0.0
            self.failures += 1
            self._down_until = time.monotonic() + PAUSE_S
        if first:
            log.warning("rate limit: Redis at %s unreachable (%s); limiting per process until it is back",
                        self.url, type(exc).__name__)

    def check(self, client: str) -> None:
        wait = self.wait(client)
        if wait:
            raise RateLimited(f"too many requests; retry in {wait} s", wait)

    def health(self) -> dict[str, Any]:
        degraded = self._down_until > 0.0
        return {"backend": "redis", "url": self.url, "status": "degraded" if degraded else "ok",
                "scope": "per-process" if degraded else "shared", "failures": self.failures,
                "fallback_checks": self.fallback_checks}


async def check_async(limiter: Limiter, client: str) -> None:
    """``limiter.check(client)``, awaiting Redis instead of blocking the event loop on it."""
    if isinstance(limiter, RedisLimiter):
        wait = await limiter.wait_async(client)
        if wait:
            raise RateLimited(f"too many requests; retry in {wait} s", wait)
    else:
        limiter.check(client)


def _masked(url: str) -> str:
    """``url`` without its password (health, logs)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))
    except ValueError:
        return "(unparsable Redis URL)"


def make_limiter(settings: Settings) -> Limiter | None:
    """Redis when ``redis_url`` is set, else a token bucket per process; None when limits are off."""
    if not settings.rate_limit_per_minute:
        return None
    if settings.redis_url is not None:
        try:
            return RedisLimiter(settings.redis_url.get_secret_value(), settings.rate_limit_per_minute)
        except ValueError:  # redis-py's message may quote the URL, password and all
            raise ValueError("POLICYBOT_REDIS_URL is not a redis:// (or rediss://, unix://) URL") from None
    return TokenBuckets(settings.rate_limit_per_minute)


def limiter_health(limiter: Limiter | None) -> dict[str, Any]:
    if isinstance(limiter, RedisLimiter):
        return limiter.health()
    return {"backend": "process" if limiter is not None else "off", "status": "ok",
            "scope": "per-process" if limiter is not None else "none"}
