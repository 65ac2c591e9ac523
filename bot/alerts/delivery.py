"""The alert worker each serving process runs: it announces new index versions and delivers the
outbox to the webhooks.

Two loops share the process. Every ``POLICYBOT_WEBHOOK_POLL_SECONDS`` the first looks at the
published index version (one readlink) and, when it changed, enqueues the deliveries the new
documents call for (``bot.alerts.events.announce``; once per document version, however many
processes do it). The second claims due deliveries (``AlertStore.claim``: each row is taken by
one process) and POSTs them (``bot.alerts.sending.attempt``), several at once: a new one starts as
soon as one ends or the poll interval passes, and which ones start is fair
(``bot.alerts.fairness``: per receiver and per member limits, round the members), so a receiver
that hangs until the timeout delays no one else's delivery. A 2xx acknowledges a delivery;
anything else (another status, a redirect, which is never followed, a refused connection, a host
whose address is not public, no complete answer within ``POLICYBOT_WEBHOOK_TIMEOUT_SECONDS``) is
retried after ``POLICYBOT_WEBHOOK_RETRY_SECONDS`` doubled per attempt (at most an hour) times a
random 0.5-1 (so receivers coming back are not hit by every sender at once), until
``POLICYBOT_WEBHOOK_MAX_ATTEMPTS``; then the delivery is marked failed. A host taken off the
allow-list gets nothing more: its deliveries fail.

A process killed mid-delivery leaves its rows leased; they are due again when the lease (the
timeout plus half a minute) ends, and any process sends them. Delivery is at least once: a receiver
that acknowledged just before a crash may see the same ``X-Policybot-Delivery`` again.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable

import anyio
import httpx

from bot.alerts.addresses import Resolver, system_resolver
from bot.alerts.events import announce
from bot.alerts.fairness import IN_FLIGHT, Slots
from bot.alerts.sending import NO_LONGER_ALLOWED, attempt, client
from bot.service import PolicyBot
from bot.storage.alerts import AlertStore, Claimed
from core.errors import PolicybotError
from indexer.store.index_dir import current_version

log = logging.getLogger(__name__)
MAX_BACKOFF_S = 3600.0
PURGE_EVERY_S = 3600.0
LEASE_MARGIN_S = 30.0  # a claimed row is leased for the timeout plus this
RESOLVING = 8  # name resolutions at once per process (threads: the API's pool is left alone)


def backoff(attempts: int, base: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt number ``attempts`` (1, 2, ...): exponential, capped, jittered."""
    delay = min(base * 2 ** min(attempts - 1, 30), MAX_BACKOFF_S)
    return delay * (0.5 + 0.5 * (rng or random).random())


class AlertWorker:
    """One per serving process; ``running()`` wraps the time the process serves."""

    def __init__(self, bot: PolicyBot, store: AlertStore, resolve: Resolver = system_resolver) -> None:
        self.bot = bot
        self.store = store
        self.settings = bot.settings
        self.timeout = self.settings.webhook_timeout_seconds
        self.resolve = resolve
        self._seen: str | None = None  # the index version this process has announced
        self._paused: dict[str, bool] = {"announcing": False, "delivering": False}
        self._purged = 0.0
        self._slots = Slots.empty()
        self._in_flight: dict[str, Claimed] = {}
        self._freed: anyio.Event | None = None
        self._resolving: anyio.CapacityLimiter | None = None

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

    def housekeeping(self) -> None:
        """Announce, and now and then delete finished rows past the retention period."""
        self.scan()
        if time.time() - self._purged > PURGE_EVERY_S:
            self.store.purge(time.time() - self.settings.analytics_retention_days * 86400.0)
            self._purged = time.time()

    # -- delivering ----------------------------------------------------------------------------
    async def deliver_due(self, http: httpx.AsyncClient) -> int:
        """Send what is due, starting deliveries as slots free, until none is due or in flight; the
        number started. Cancelled (shutting down), the deliveries in flight are handed back."""
        started, failure = 0, None
        self._resolving = self._resolving or anyio.CapacityLimiter(RESOLVING)
        try:
            async with anyio.create_task_group() as group:
                while True:
                    self._freed = anyio.Event()
                    try:
                        batch = await anyio.to_thread.run_sync(
                            self.store.claim, IN_FLIGHT, self.timeout + LEASE_MARGIN_S, None, self._slots.choose)
                        failure = None
                    except PolicybotError as exc:  # the deliveries in flight finish first
                        batch, failure = [], exc
                    for claimed in batch:
                        self._slots.take(claimed.due)
                        self._in_flight[claimed.id] = claimed
                        group.start_soon(self._deliver, http, claimed)
                    started += len(batch)
                    # Done only when nothing is in flight and nothing ended during the claim: a claim
                    # made while every slot was taken returns nothing even if they freed meanwhile.
                    if not self._in_flight and (failure is not None or not self._freed.is_set()):
                        if failure is not None:
                            raise failure
                        return started
                    with anyio.move_on_after(self.settings.webhook_poll_seconds):
                        await self._freed.wait()  # a slot is free, or rows may have come due
        finally:
            if self._in_flight:  # cancelled: let any process send them now
                with anyio.CancelScope(shield=True), contextlib.suppress(PolicybotError):
                    await anyio.to_thread.run_sync(self.store.release, sorted(self._in_flight))
                for claimed in list(self._in_flight.values()):
                    self._done(claimed)

    def _done(self, claimed: Claimed) -> None:
        if self._in_flight.pop(claimed.id, None) is not None:
            self._slots.give_back(claimed.due)
        if self._freed is not None:
            self._freed.set()

    async def _deliver(self, http: httpx.AsyncClient, claimed: Claimed) -> None:
        final = claimed.attempts >= self.settings.webhook_max_attempts
        outcome: str | None
        if claimed.attempts > self.settings.webhook_max_attempts:  # claimed again after a crash
            outcome = "no attempt left"
        else:
            assert self._resolving is not None
            outcome = await attempt(http, claimed, self.settings.webhook_allowed_hosts, self.timeout,
                                    self.resolve, self._resolving)
            final = final or outcome == NO_LONGER_ALLOWED
        try:
            if outcome is None:
                await anyio.to_thread.run_sync(self.store.delivered, claimed.id)
            elif final:
                await anyio.to_thread.run_sync(self.store.failed, claimed.id, outcome)
                log.warning("alerts: delivery %s failed after %d attempt(s): %s", claimed.id, claimed.attempts,
                            outcome)
            else:
                wait = backoff(claimed.attempts, self.settings.webhook_retry_seconds)
                await anyio.to_thread.run_sync(self.store.retry, claimed.id, outcome, time.time() + wait)
        except PolicybotError as exc:  # the database is away: the row's lease brings it back
            log.warning("alerts: the outcome of delivery %s was not recorded (%s)", claimed.id, exc)
        self._done(claimed)

    # -- the loops -------------------------------------------------------------------------------
    async def _step(self, what: str, work: Awaitable[object]) -> None:
        """One round of ``work`` (announcing or delivering); the database or the index being away
        pauses it until the next round, logged once."""
        try:
            await work
        except PolicybotError as exc:
            if not self._paused[what]:
                log.warning("alerts: %s paused (%s); retrying every %g s", what, exc,
                            self.settings.webhook_poll_seconds)
            self._paused[what] = True
            return
        except Exception:  # never let one bad round stop the alerts of a serving process
            log.exception("alerts: unexpected failure while %s; retrying", what)
            return
        if self._paused[what]:
            log.warning("alerts: %s resumed", what)
        self._paused[what] = False

    async def _tick(self, http: httpx.AsyncClient) -> None:
        """Announce, then deliver what is due (an index that cannot be read holds up announcing,
        never delivering)."""
        await self._step("announcing", anyio.to_thread.run_sync(self.housekeeping))
        await self._step("delivering", self.deliver_due(http))

    async def _announcing(self) -> None:
        while True:
            await self._step("announcing", anyio.to_thread.run_sync(self.housekeeping))
            await anyio.sleep(self.settings.webhook_poll_seconds)

    async def _delivering(self) -> None:
        async with client(self.timeout, IN_FLIGHT) as http:
            while True:
                await self._step("delivering", self.deliver_due(http))
                await anyio.sleep(self.settings.webhook_poll_seconds)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Announce the live index first (so what a request changes next is news), then announce
        and deliver in the background until the block ends; in-flight deliveries are released."""
        try:
            await anyio.to_thread.run_sync(self.scan)
        except PolicybotError as exc:
            log.warning("alerts: the first announcement waits (%s)", exc)
        async with anyio.create_task_group() as group:
            group.start_soon(self._announcing)
            group.start_soon(self._delivering)
            try:
                yield
            finally:
                group.cancel_scope.cancel()
