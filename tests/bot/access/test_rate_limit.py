"""The rate limit shared through a real Redis, and what happens when Redis is not there."""

from __future__ import annotations

import threading
import time

import pytest

from bot.access import rate_limit
from bot.access.rate_limit import RedisLimiter, limiter_health, make_limiter
from bot.access.rules import TokenBuckets
from core.errors import RateLimited
from core.settings import Settings
from tests.dbservers import Redis
from tests.servers import free_port


@pytest.fixture
def redis_url(redis_server) -> str:
    redis_server.flush()
    return redis_server.url


def test_the_limit_is_exact_across_processes_and_threads(redis_url):
    limiters = [RedisLimiter(redis_url, 25) for _ in range(4)]  # four worker processes' limiters
    allowed, refused = [], []

    def client(limiter: RedisLimiter) -> None:
        for _ in range(20):
            (allowed if limiter.wait("addr:203.0.113.9") == 0 else refused).append(1)

    threads = [threading.Thread(target=client, args=(limiters[n % 4],)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (len(allowed), len(refused)) == (25, 135)
    assert limiters[0].wait("addr:203.0.113.10") == 0  # another client has its own window


def test_a_refused_request_is_told_when_to_retry(redis_url):
    limiter = RedisLimiter(redis_url, 3)
    for _ in range(3):
        limiter.check("key:abc")
    with pytest.raises(RateLimited) as refused:
        limiter.check("key:abc")
    assert 55 <= refused.value.retry_after <= 60


def test_the_window_slides(redis_url):
    limiter = RedisLimiter(redis_url, 2, window_s=1.0)
    assert [limiter.wait("c") for _ in range(3)][:2] == [0, 0]
    time.sleep(1.1)
    assert limiter.wait("c") == 0


def test_no_client_address_is_kept_in_redis(redis_url):
    import redis

    RedisLimiter(redis_url, 5).check("addr:198.51.100.4")
    keys = redis.Redis.from_url(redis_url).keys("*")
    assert keys and not any(b"198.51.100.4" in k for k in keys)


def test_unreachable_redis_falls_back_to_the_process_limit_without_waiting(monkeypatch):
    limiter = RedisLimiter(f"redis://:pw-secret@127.0.0.1:{free_port()}/0", 3)
    started = time.monotonic()
    results = [limiter.wait("addr:1") for _ in range(5)]
    assert results[:3] == [0, 0, 0] and results[3] > 0  # the per-process token bucket
    assert time.monotonic() - started < 1.5
    health = limiter.health()
    assert health["status"] == "degraded" and health["scope"] == "per-process" and health["failures"] == 1
    assert "pw-secret" not in repr(health) and health["url"] == f"redis://:***@127.0.0.1:{health['url'].split(':')[-1]}"


def test_redis_going_away_and_coming_back(monkeypatch):
    monkeypatch.setattr(rate_limit, "PAUSE_S", 0.2)
    server = Redis()
    try:
        limiter = RedisLimiter(server.url, 100)
        assert limiter.wait("c") == 0 and limiter.health()["status"] == "ok"
        server.stop()
        assert limiter.wait("c") == 0  # served under the process limit
        assert limiter.health()["status"] == "degraded"
        server.start()  # the same port, as a restarted Redis would be
        time.sleep(0.3)
        assert limiter.wait("c") == 0 and limiter.health()["status"] == "ok"
        assert limiter.health()["failures"] == 1
    finally:
        server.close()


def test_settings_choose_the_limiter():
    assert make_limiter(Settings(rate_limit_per_minute=0)) is None
    assert isinstance(make_limiter(Settings(rate_limit_per_minute=5)), TokenBuckets)
    shared = make_limiter(Settings(rate_limit_per_minute=5, redis_url="redis://127.0.0.1:1/0"))
    assert isinstance(shared, RedisLimiter)
    assert limiter_health(None)["backend"] == "off"
    assert limiter_health(TokenBuckets(5))["scope"] == "per-process"


def test_a_bad_redis_url_is_refused_without_echoing_it():
    with pytest.raises(ValueError) as refused:
        make_limiter(Settings(rate_limit_per_minute=5, redis_url="http://:hunter2@cache:6379"))
    assert "hunter2" not in str(refused.value)


def test_the_event_loop_path_shares_the_window_and_falls_back_too(redis_url):
    import asyncio

    from bot.access.rate_limit import check_async

    limiter = RedisLimiter(redis_url, 10)

    async def many(n: int) -> list[bool]:
        async def one() -> bool:
            try:
                await check_async(limiter, "addr:192.0.2.1")
                return True
            except RateLimited:
                return False
        return list(await asyncio.gather(*(one() for _ in range(n))))

    assert limiter.wait("addr:192.0.2.1") == 0  # the thread path counts in the same window
    assert sum(asyncio.run(many(15))) == 9
    assert sum(asyncio.run(many(3))) == 0  # a new event loop gets its own client
    down = RedisLimiter(f"redis://127.0.0.1:{free_port()}/0", 2)
    assert [asyncio.run(check_async(down, "c")) for _ in range(2)] == [None, None]
    with pytest.raises(RateLimited):
        asyncio.run(check_async(down, "c"))
    assert down.health()["status"] == "degraded"
