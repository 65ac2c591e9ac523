"""Progress of long jobs: one bar per stage with its rate and time left, and what each stage cost.

A build of tens of thousands of passages takes minutes; whoever runs it sees each stage (reading,
chunking, embedding, BM25, writing) advance with its rate and an ETA. Every stage's wall time and
CPU time is recorded whether or not bars are shown, so reports and benchmarks can say where the
time went. CPU time is the calling thread's (``time.thread_time``): work done by worker threads
is recorded by the workers themselves (``StageTimes.timed``), so nothing is counted twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


class StageTimes:
    """Seconds per named stage, wall and CPU, summed over every thread that reports (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - wall, time.thread_time() - cpu)

    def add(self, name: str, wall: float, cpu: float) -> None:
        with self._lock:
            self.wall[name] = self.wall.get(name, 0.0) + wall
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def merge(self, other: StageTimes, prefix: str = "") -> None:
        for name in list(other.wall):
            self.add(prefix + name, other.wall[name], other.cpu.get(name, 0.0))

    def as_dict(self) -> dict[str, dict[str, float]]:
        with self._lock:
            return {name: {"wall_s": round(self.wall[name], 3), "cpu_s": round(self.cpu.get(name, 0.0), 3)}
                    for name in self.wall}


class Stages:
    """Stages of one job: each gets a bar (when ``show``) and an entry in ``times``."""

    def __init__(self, show: bool = False) -> None:
        self.show = show
        self.times = StageTimes()

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "it") -> Iterator[Callable[[int], None]]:
        """``with stages.stage("embedding", n, "chunk") as advance: ... advance(k)``."""
        bar = tqdm(total=total, desc=name, unit=unit, disable=not self.show, dynamic_ncols=True)
        try:
            with self.times.timed(name):
                yield bar.update
        finally:
            bar.close()

    def each(self, name: str, items: Sequence[T], unit: str = "it") -> Iterator[T]:
        """``items`` one by one as a stage: ``for doc in stages.each("chunking", docs, "doc"):``."""
        with self.stage(name, len(items), unit) as advance:
            for item in items:
                yield item
                advance(1)
