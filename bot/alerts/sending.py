"""One delivery attempt: the host still allowed, its address checked and pinned
(``bot.alerts.addresses``), the signed POST, and at most 1 kB of the answer read.

The whole attempt, name resolution included, has ``POLICYBOT_WEBHOOK_TIMEOUT_SECONDS``. Redirects
are never followed (a 3xx is a failed attempt) and proxies from the environment are not used.
Connections are not kept alive: the URL names an address, so a pooled connection to one address
could otherwise carry a request for another name behind the same address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import anyio
import httpx

from bot.alerts.addresses import Refused, Resolver, target
from bot.alerts.webhooks import delivery_headers, host_allowed
from bot.storage.alerts import Claimed

READ_LIMIT = 1024  # bytes of a response kept (for last_error); the rest is never read
NO_LONGER_ALLOWED = "the webhook host is no longer on the allow-list"


def client(timeout: float, connections: int) -> httpx.AsyncClient:
    """The client a process delivers with."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=0)
    return httpx.AsyncClient(follow_redirects=False, trust_env=False, limits=limits, timeout=httpx.Timeout(timeout))


async def attempt(http: httpx.AsyncClient, claimed: Claimed, allowed: list[str], timeout: float,
                  resolve: Resolver, resolving: anyio.CapacityLimiter) -> str | None:
    """POST the delivery once: None when acknowledged (2xx), else what went wrong."""
    if not host_allowed(urlsplit(claimed.webhook_url).hostname or "", allowed):
        return NO_LONGER_ALLOWED
    body = claimed.event.encode("utf-8")
    try:
        with anyio.fail_after(timeout):
            pinned = await anyio.to_thread.run_sync(target, claimed.webhook_url, allowed, resolve,
                                                    limiter=resolving, abandon_on_cancel=True)
            headers = {**delivery_headers(claimed.id, claimed.secret, body), **pinned.headers}
            async with http.stream("POST", pinned.url, content=body, headers=headers,
                                   extensions=pinned.extensions) as response:
                if 200 <= response.status_code < 300:
                    return None
                head = b""
                async for chunk in response.aiter_raw():
                    head += chunk
                    if len(head) >= READ_LIMIT:
                        break
                moved = " (redirects are not followed)" if 300 <= response.status_code < 400 else ""
                text = head[:READ_LIMIT].decode("utf-8", "replace").strip()
                return f"HTTP {response.status_code}{moved}" + (f": {text[:200]}" if text else "")
    except Refused as exc:
        return str(exc)
    except TimeoutError:
        return f"no complete answer within {timeout:g} s"
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"[:300]
