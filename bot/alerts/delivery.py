"""The alert worker each serving process runs: it announces new index versions and delivers the
outbox to the webhooks.

Every ``POLICYBOT_WEBHOOK_POLL_SECONDS`` it (1) looks at the published index version (one
readlink) and, when it changed, enqueues the deliveries the new documents call for
(``bot.alerts.events.announce``; once per document version, however many processes do it), and (2) claims
due deliveries (``AlertStore.claim``: each row is taken by one process) and POSTs them, a few at
a time. A 2xx acknowledges a delivery; anything else (another status, a redirect, which is never
followed, a refused connection, no complete answer within ``POLICYBOT_WEBHOOK_TIMEOUT_SECONDS``)
is retried after ``POLICYBOT_WEBHOOK_RETRY_SECONDS`` doubled per attempt (at most an hour) times
a random 0.5-1 (so receivers coming back are not hit by every sender at once), until
``POLICYBOT_WEBHOOK_MAX_ATTEMPTS``; then the delivery is marked failed. At most 1 kB of a
response is read. A host taken off the allow-list gets nothing more: its deliveries fail.

A process killed mid-delivery leaves its rows leased; they are due again when the lease (the
timeout plus half a minute) ends, and any process sends them. Delivery is at least once: a receiver
that acknowledged just before a crash may see the same ``X-Policybot-Delivery`` again.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import anyio
import httpx

from bot.alerts.events import announce
from bot.alerts.webhooks import delivery_headers, host_allowed
from bot.service import PolicyBot
from bot.storage.alerts import AlertStore, Claimed
from core.errors import PolicybotError
from indexer.store.index_dir import current_version

log = logging.getLogger(__name__)
BATCH = 8  # deliveries claimed and sent at once per process
MAX_BACKOFF_S = 3600.0
READ_LIMIT = 1024  # bytes of a response kept (for last_error); the rest is never read
PURGE_EVERY_S = 3600.0
LEASE_MARGIN_S = 30.0  # a claimed row is leased for the timeout plus this


def backoff(attempts: int, base: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt number ``attempts`` (1, 2, ...): exponential, capped, jittered."""
    delay = min(base * 2 ** min(attempts - 1, 30), MAX_BACKOFF_S)
    return delay * (0.5 + 0.5 * (rng or random).random())


class AlertWorker:
    """One per serving process; ``running()`` wraps the time the process serves."""

    def __init__(self, bot: PolicyBot, store: AlertStore) -> None:
        self.bot = bot
        self.store = store
        self.settings = bot.settings
        self.timeout = self.settings.webhook_timeout_seconds
        self._seen: str | None = None  # the index version this process has announced
        self._down = False
        self._purged = 0.0

    # -- announcing --------------------------------------------------------------------------
    def scan(self) -> int:
        """Announce the published index version if this process has not yet; matches enqueued."""
        version = current_version(self.bot.index_path)
        if version is None or version == self._seen:
            return 0
        loaded = self.bot.index()
        found = announce(self.store, loaded.data.documents, loaded.version, cny_per_usd=self.settings.cny_per_usd)
        self._seen = version
        if found:
            log.info("alerts: index %s matched %d subscription(s) to new documents", loaded.version, found)
        return found

    # -- delivering ----------------------------------------------------------------------------
    async def deliver_due(self, client: httpx.AsyncClient) -> int:
        """Claim and send one batch of due deliveries; the number claimed."""
        batch = await anyio.to_thread.run_sync(self.store.claim, BATCH, self.timeout + LEASE_MARGIN_S)
        pending = {c.id for c in batch}
        try:
            async with anyio.create_task_group() as group:
                for claimed in batch:
                    group.start_soon(self._deliver, client, claimed, pending)
        finally:
            if pending:  # cancelled (shutting down): let any process send them now
                with anyio.CancelScope(shield=True):
                    await anyio.to_thread.run_sync(self.store.release, sorted(pending))
        return len(batch)

    async def _deliver(self, client: httpx.AsyncClient, claimed: Claimed, pending: set[str]) -> None:
        final = claimed.attempts >= self.settings.webhook_max_attempts
        outcome: str | None
        if claimed.attempts > self.settings.webhook_max_attempts:  # claimed again after a crash
            outcome = "no attempt left"
        elif not host_allowed(urlsplit(claimed.webhook_url).hostname or "", self.settings.webhook_allowed_hosts):
            outcome, final = "the webhook host is no longer on the allow-list", True
        else:
            outcome = await self.send(client, claimed)
        if outcome is None:
            await anyio.to_thread.run_sync(self.store.delivered, claimed.id)
        elif final:
            await anyio.to_thread.run_sync(self.store.failed, claimed.id, outcome)
            log.warning("alerts: delivery %s failed after %d attempt(s): %s", claimed.id, claimed.attempts, outcome)
        else:
            wait = backoff(claimed.attempts, self.settings.webhook_retry_seconds)
            await anyio.to_thread.run_sync(self.store.retry, claimed.id, outcome, time.time() + wait)
        pending.discard(claimed.id)

    async def send(self, client: httpx.AsyncClient, claimed: Claimed) -> str | None:
        """POST the delivery once: None when acknowledged (2xx), else what went wrong."""
        body = claimed.event.encode("utf-8")
        headers = delivery_headers(claimed.id, claimed.secret, body)
        try:
            with anyio.fail_after(self.timeout):
                async with client.stream("POST", claimed.webhook_url, content=body, headers=headers) as response:
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
        except TimeoutError:
            return f"no complete answer within {self.timeout:g} s"
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"[:300]

    # -- the loop --------------------------------------------------------------------------------
    async def _tick(self, client: httpx.AsyncClient) -> None:
        try:
            try:
                await anyio.to_thread.run_sync(self.scan)
            finally:  # an index that cannot be read holds up announcing, never delivering
                while await self.deliver_due(client) == BATCH:
                    pass
            if time.time() - self._purged > PURGE_EVERY_S:
                cutoff = time.time() - self.settings.analytics_retention_days * 86400.0
                await anyio.to_thread.run_sync(self.store.purge, cutoff)
                self._purged = time.time()
        except PolicybotError as exc:  # the database or the index is away: try again next tick
            if not self._down:
                log.warning("alerts: paused (%s); retrying every %g s", exc, self.settings.webhook_poll_seconds)
            self._down = True
            return
        if self._down:
            log.warning("alerts: resumed")
        self._down = False

    async def _run(self) -> None:
        limits = httpx.Limits(max_connections=BATCH, max_keepalive_connections=BATCH)
        async with httpx.AsyncClient(follow_redirects=False, trust_env=False, limits=limits,
                                     timeout=httpx.Timeout(self.timeout)) as client:
            while True:
                try:
                    await self._tick(client)
                except Exception:  # never let one bad tick stop the alerts of a serving process
                    log.exception("alerts: unexpected failure; retrying")
                await anyio.sleep(self.settings.webhook_poll_seconds)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Announce the live index first (so what a request changes next is news), then deliver in
        the background until the block ends; in-flight deliveries are released, not lost."""
        try:
            await anyio.to_thread.run_sync(self.scan)
        except PolicybotError as exc:
            log.warning("alerts: the first announcement waits (%s)", exc)
        async with anyio.create_task_group() as group:
            group.start_soon(self._run)
            try:
                yield
            finally:
                group.cancel_scope.cancel()

