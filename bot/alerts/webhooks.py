"""Webhook addresses and signatures: which URLs a subscription may name, and how a delivery is signed.

A webhook URL is ``http(s)://host[:port]/path?query`` with a host on the admin's allow-list
(``POLICYBOT_WEBHOOK_ALLOWED_HOSTS``: exact names, or ``*.example.com`` for its subdomains); an
empty list turns subscriptions off. Refused: other schemes, a user name or password, a fragment,
whitespace, control characters or backslashes (which parsers read differently), non-ASCII host
names (give the ``xn--`` form) and URLs over 2,000 characters. The URL is parsed twice, by the
standard library and by httpx, which sends it; the two must agree on the host.

A delivery is signed with the subscription's own secret over the attempt's time and the body:
``X-Policybot-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Policybot-Timestamp>." + raw body)>``,
so a receiver can refuse a replayed request by its age (docs/alerts.md has the recipe);
``X-Policybot-Delivery`` names the delivery (the same on every retry, so a receiver can drop
duplicates) and ``X-Policybot-Timestamp`` says when this attempt was sent (Unix seconds).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from urllib.parse import urlsplit

import httpx

from core.errors import Forbidden, InvalidQuestion

MAX_URL_CHARS = 2000
_REFUSED_CHARS = re.compile(r"[\s\x00-\x1f\x7f\\]")
USER_AGENT = "policybot-webhooks/1"


def _host_key(host: str) -> str:
    return host.strip().lower().rstrip(".")


def host_allowed(host: str, allowed: list[str]) -> bool:
    """``host`` is on the allow-list: equal to an entry, or under a ``*.domain`` entry."""
    host = _host_key(host)
    for entry in map(_host_key, allowed):
        if entry.startswith("*."):
            if host.endswith(entry[1:]) and len(host) > len(entry) - 1:
                return True
        elif entry and entry.strip("[]") == host:
            return True
    return False


def check_webhook_url(url: str, allowed: list[str]) -> str:
    """``url`` when a subscription may deliver to it; else Forbidden (subscriptions are off) or
    InvalidQuestion (422) saying what is wrong with it."""
    if not allowed:
        raise Forbidden("webhook subscriptions are disabled: no webhook host is allowed "
                        "(the administrator sets POLICYBOT_WEBHOOK_ALLOWED_HOSTS)")
    if len(url) > MAX_URL_CHARS:
        raise InvalidQuestion(f"webhook_url is longer than {MAX_URL_CHARS} characters")
    if _REFUSED_CHARS.search(url):
        raise InvalidQuestion("webhook_url holds whitespace, control characters or a backslash")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number in range
        sent = httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise InvalidQuestion(f"webhook_url is not a valid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidQuestion("webhook_url must be an http:// or https:// URL")
    if "@" in parts.netloc:
        raise InvalidQuestion("webhook_url must not carry a user name or password")
    if parts.fragment or url.endswith("#"):
        raise InvalidQuestion("webhook_url must not have a #fragment")
    host = parts.hostname or ""
    if not host or not host.isascii():
        raise InvalidQuestion("webhook_url needs a host name in ASCII (the xn-- form for other scripts)")
    if _host_key(sent.host) != _host_key(host):
        raise InvalidQuestion("webhook_url is ambiguous: its host reads differently to different parsers")
    if not host_allowed(host, allowed):
        raise InvalidQuestion(f"webhook host {host!r} is not on the allow-list "
                              "(POLICYBOT_WEBHOOK_ALLOWED_HOSTS); ask the administrator")
    return url


def new_secret() -> str:
    """A subscription's signing secret: 256 random bits."""
    return "whsec_" + secrets.token_urlsafe(32)


def hmac_sha256(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``X-Policybot-Signature``: the timestamp is signed with the body, so it cannot be changed."""
    return "sha256=" + hmac_sha256(secret, timestamp.encode("ascii") + b"." + body)


def delivery_headers(delivery_id: str, secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    """The headers of one delivery attempt of ``body``."""
    timestamp = str(int(time.time() if now is None else now))
    return {"Content-Type": "application/json", "User-Agent": USER_AGENT,
            "X-Policybot-Delivery": delivery_id, "X-Policybot-Timestamp": timestamp,
            "X-Policybot-Signature": signature(secret, timestamp, body)}
