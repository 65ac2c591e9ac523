"""The packaged multilingual USE v3: translations land close together, and one thread keeps it fast."""

from __future__ import annotations

import time

import numpy as np

from indexer.embed.use_encoder import DIMENSION, get_use_encoder


def test_a_chinese_question_is_closest_to_its_english_passage() -> None:
    use = get_use_encoder()
    question, passages = use.encode(["哪家银行提供市场采购贷款？"]), use.encode([
        "Ruifeng Bank offers a market procurement loan to small traders.",
        "The textile cluster held a forum on regional development.",
        "Shaoxing Customs supervises the pilot's export declarations."])
    assert question.shape == (1, DIMENSION) and passages.shape == (3, DIMENSION)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert int(np.argmax(passages @ question[0])) == 0
    assert use.encode([]).shape == (0, DIMENSION)


def test_one_query_takes_milliseconds_not_hundreds() -> None:
    use = get_use_encoder()
    started = time.perf_counter()
    for _ in range(10):
        use.encode(["市场采购贸易方式试点的出口额是多少？"])
    assert (time.perf_counter() - started) / 10 < 0.1  # ~2 ms here; 290 ms with four BLAS threads on two cores
