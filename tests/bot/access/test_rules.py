"""``bot.access.rules``: the client identity, the admin check and the rate limiter's exception."""

from __future__ import annotations

import hashlib
import types

import pytest

import bot.access.rules as access
from bot.access.rules import TokenBuckets, check_admin, client_identity, key_in
from core.errors import Forbidden, NotAuthorised, RateLimited

KEY = "sk-live-Secret_Key-xyz"


# --- client_identity --------------------------------------------------------------------------


def test_a_key_never_appears_in_the_identity() -> None:
    identity = client_identity(KEY, "10.0.0.1")
    assert KEY not in identity and "Secret" not in identity
    assert identity == "key:" + hashlib.sha256(KEY.encode()).hexdigest()[:16]
    assert "10.0.0.1" not in identity  # a key, when given, decides


def test_same_key_same_identity_wherever_it_comes_from() -> None:
    assert client_identity(KEY, "10.0.0.1") == client_identity(KEY, "192.168.1.9") == client_identity(KEY, None)
    assert client_identity(KEY, None) != client_identity(KEY + "2", None)


def test_without_a_key_the_address_is_the_identity() -> None:
    assert client_identity(None, "10.0.0.1") == "addr:10.0.0.1"
    assert client_identity("", "10.0.0.1") == "addr:10.0.0.1"  # an empty key is no key
    assert client_identity(None, "::1") == "addr:::1"
    assert client_identity(None, None) == "addr:?"
    assert client_identity(None, "10.0.0.1") != client_identity(None, "10.0.0.2")


# --- check_admin ------------------------------------------------------------------------------


@pytest.mark.parametrize("presented", [None, "", KEY])
def test_no_admin_keys_configured_forbids_everyone(presented: str | None) -> None:
    with pytest.raises(Forbidden, match="POLICYBOT_ADMIN_KEYS"):
        check_admin([], presented)


@pytest.mark.parametrize("presented", [None, ""])
def test_no_key_presented_is_not_authorised(presented: str | None) -> None:
    with pytest.raises(NotAuthorised, match="Bearer"):
        check_admin([KEY], presented)


@pytest.mark.parametrize("presented", ["wrong", KEY[:-1], KEY + "x", KEY.upper(), " " + KEY])
def test_a_wrong_key_is_forbidden(presented: str) -> None:
    with pytest.raises(Forbidden, match="not an admin key"):
        check_admin([KEY], presented)


def test_any_configured_key_is_accepted() -> None:
    assert check_admin(["first", KEY], KEY) is None
    assert check_admin(["first", KEY], "first") is None
    assert key_in(["é-clé"], "é-clé") and not key_in(["é-clé"], "e-cle")
    assert not key_in([], KEY)


# --- TokenBuckets.check -----------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """bot.access.rules's monotonic clock, set by the test (now[0])."""
    now = [1000.0]
    monkeypatch.setattr(access, "time", types.SimpleNamespace(monotonic=lambda: now[0]))
    return now


def test_check_raises_rate_limited_with_retry_after(clock: list[float]) -> None:
    buckets = TokenBuckets(per_minute=30)  # one request every 2 s; binary-exact arithmetic
    for _ in range(30):
        buckets.check("a")
    with pytest.raises(RateLimited, match="retry in 2 s") as info:
        buckets.check("a")
    assert info.value.retry_after == 2  # a whole token at 0.5 tokens per second
    buckets.check("b")  # another client is not affected
    clock[0] += 1.0  # half a token back
    with pytest.raises(RateLimited) as info:
        buckets.check("a")
    assert info.value.retry_after == 1
    clock[0] += 1.0
    buckets.check("a")  # a whole token again
    with pytest.raises(RateLimited):
        buckets.check("a")


def test_retry_after_is_at_least_one_second(clock: list[float]) -> None:
    buckets = TokenBuckets(per_minute=60 * 8)  # a token every 1/8 s
    for _ in range(480):
        buckets.check("a")
    with pytest.raises(RateLimited) as info:
        buckets.check("a")
    assert info.value.retry_after == 1


def test_a_forgotten_client_starts_with_a_full_bucket(clock: list[float]) -> None:
    buckets = TokenBuckets(per_minute=1, max_clients=2)
    buckets.check("a")
    buckets.check("b")
    with pytest.raises(RateLimited):
        buckets.check("a")  # a is now the most recently seen client
    buckets.check("c")  # three clients: b, the least recent, is forgotten
    buckets.check("b")
    with pytest.raises(RateLimited):
        buckets.check("c")
