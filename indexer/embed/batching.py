"""Batches of similar length, run by a pool of threads: how passages are encoded at full speed.

A transformer's cost grows with the padded batch, so passages are sorted by their token count
and cut into batches of at most ``budget`` padded tokens: a batch pads only to its own longest
member, and short passages go many to a batch. onnxruntime and numpy release the GIL while they
compute, so one thread per core, each running whole batches on one intra-op thread, keeps every
core busy, including for the Python between the runs (tokens, pooling), which a single caller with
two intra-op threads leaves on one core. At most ``2 x workers`` batches are in flight, so memory
stays bounded whatever the number of passages. Results come back in the order the batches were
given.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """Cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def length_batches(lengths: Sequence[int], budget: int, most: int) -> list[list[int]]:
    """Indices grouped longest first, each group of at most ``most`` items and ``budget`` padded
    tokens (a longer item than the budget goes alone)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]  # the first is the longest
        if current and (len(current) >= most or width * (len(current) + 1) > budget):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def run_batches(batches: Sequence[T], work: Callable[[T], R], workers: int) -> Iterator[tuple[T, R]]:
    """``work(batch)`` for every batch on ``workers`` threads, yielded in order as they finish;
    at most ``2 x workers`` batches are started ahead of the one being yielded."""
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield batch, work(batch)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="encode") as pool:
        pending: deque[tuple[T, Future[R]]] = deque()
        todo = iter(batches)
        try:
            for batch in todo:
                pending.append((batch, pool.submit(work, batch)))
                if len(pending) >= 2 * workers:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:  # an error or an abandoned iteration: start nothing more
                future.cancel()
