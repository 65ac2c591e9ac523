"""Which due deliveries a process starts next, so that a slow receiver delays no one else's.

A process sends up to ``IN_FLIGHT`` deliveries at once, and starts a new one as soon as one ends
(no batch waits for its slowest member). Within that, at most ``PER_HOST`` go to one receiver
(host and port) and at most ``PER_MEMBER`` belong to one member's subscriptions at a time, and
the free slots go round the members, then round each member's receivers, oldest due first. A
member whose receivers hang (each holds its slot for the whole timeout) thus holds at most
``PER_MEMBER`` slots, and another member's delivery starts at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.storage.alerts import Due

IN_FLIGHT = 32  # deliveries in flight per process
PER_HOST = 2  # per receiver (host:port) per process
PER_MEMBER = 8  # per member (API key) per process


def receiver(url: str) -> str:
    """The receiver a URL names, for the per-host limit: its host and port."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    return f"{(parts.hostname or '').rstrip('.')}:{port}"


@dataclass
class Slots:
    """The deliveries this process has in flight, counted per member and per receiver."""

    owners: Counter[str]
    hosts: Counter[str]
    total: int = 0

    @classmethod
    def empty(cls) -> Slots:
        return cls(Counter(), Counter())

    def take(self, due: Due) -> None:
        self.owners[due.owner] += 1
        self.hosts[receiver(due.webhook_url)] += 1
        self.total += 1

    def give_back(self, due: Due) -> None:
        self.owners[due.owner] -= 1
        self.hosts[receiver(due.webhook_url)] -= 1
        self.total -= 1
        for counter, key in ((self.owners, due.owner), (self.hosts, receiver(due.webhook_url))):
            if counter[key] <= 0:
                del counter[key]

    def choose(self, offered: Sequence[Due]) -> list[str]:
        """The ids to start now among ``offered`` (oldest due first), fairly and within the limits."""
        queues: dict[str, list[Due]] = {}
        for due in offered:
            queues.setdefault(due.owner, []).append(due)
        owners, hosts = Counter(self.owners), Counter(self.hosts)
        room = IN_FLIGHT - self.total
        chosen: list[str] = []
        # Members with the fewest deliveries in flight first; then one delivery per member per round.
        order = sorted(queues, key=lambda owner: owners[owner])
        while room > 0 and order:
            still = []
            for owner in order:
                due = _next_fitting(queues[owner], hosts)
                if due is None or owners[owner] >= PER_MEMBER or room <= 0:
                    continue
                chosen.append(due.id)
                owners[owner] += 1
                hosts[receiver(due.webhook_url)] += 1
                room -= 1
                still.append(owner)
            order = still
        return chosen


def _next_fitting(queue: list[Due], hosts: Counter[str]) -> Due | None:
    """Take the member's oldest delivery whose receiver has a free slot (round the receivers:
    a busy receiver's deliveries are passed over, not waited for)."""
    for i, due in enumerate(queue):
        if hosts[receiver(due.webhook_url)] < PER_HOST:
            return queue.pop(i)
    return None
