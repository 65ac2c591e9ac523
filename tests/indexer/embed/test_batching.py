"""Length-sorted batches and the thread pool that runs them."""

from __future__ import annotations

import threading
import time

import pytest

from indexer.embed.batching import length_batches, run_batches


def test_batches_hold_similar_lengths_within_the_token_budget() -> None:
    lengths = [5, 120, 7, 118, 60, 61, 300, 6, 119]
    # longest first; 300 tokens is over the budget of 250: alone; at most 3 to a batch
    assert length_batches(lengths, budget=250, most=3) == [[6], [1, 8], [3, 5], [4, 2, 7], [0]]


def test_short_texts_go_many_to_a_batch() -> None:
    assert [len(b) for b in length_batches([10] * 100, budget=2048, most=32)] == [32, 32, 32, 4]
    assert length_batches([], budget=2048, most=32) == []


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_order_with_few_batches_in_flight(workers: int) -> None:
    running, most, begun = [0], [0], [0]
    lock = threading.Lock()

    def work(batch: list[int]) -> int:
        with lock:
            running[0] += 1
            begun[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.002 * (batch[0] % 3))  # finish out of order
        with lock:
            running[0] -= 1
        return sum(batch)

    batches = [[i, i] for i in range(20)]
    seen = []
    for batch, total in run_batches(batches, work, workers):
        seen.append(batch)
        assert total == 2 * batch[0]
        assert begun[0] - len(seen) <= 2 * workers  # memory: few results wait to be taken
    assert seen == batches
    assert most[0] <= workers


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def work(batch: list[int]) -> int:
        if batch[0] == 3:
            raise ValueError("bad batch")
        return batch[0]

    with pytest.raises(ValueError, match="bad batch"):
        list(run_batches([[i] for i in range(8)], work, 2))
