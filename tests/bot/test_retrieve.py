"""Reciprocal rank fusion in ``bot.retrieve.Retriever`` on four hand-made passages.

The query vector is e0 and the query text "cotton subsidy". The rankings are fixed by construction:

    row  text              cosine to e0   BM25 terms shared with the query
    A 0  weaving looms     1.0            none
    B 1  cotton yarn       0.8            cotton
    C 2  dyeing plants     0.6            none
    D 3  cotton subsidy    0.0            cotton, subsidy (the rarer term)

dense ranking A, B, C, D; lexical ranking D, B (passages sharing no term are not ranked).
Expected fused scores are written out from the formula sum(1 / (rrf_k + rank + 1)).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from bot.retrieve import RRF_K, Retriever
from core.records import Chunk
from indexer.lexical import LexicalIndex
from indexer.store.faiss_index import VectorIndex
from indexer.store.index_dir import IndexData

A, B, C, D = range(4)
TEXTS = ["weaving looms", "cotton yarn", "dyeing plants", "cotton subsidy"]
VECTORS = np.array(
    [[1.0, 0.0, 0.0, 0.0], [0.8, 0.6, 0.0, 0.0], [0.6, 0.8, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]],
    dtype=np.float32,
)
COSINE = [1.0, 0.8, 0.6, 0.0]
QUERY_VECTOR = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
QUERY = "cotton subsidy"


def rrf(*ranks: int, k: int = RRF_K) -> float:
    return sum(1.0 / (k + r + 1) for r in ranks)


def make_data(texts: list[str], vectors: np.ndarray, lexical: bool = True) -> IndexData:
    chunks = [Chunk(doc_id=f"d{i}", text=t, position=0, title="Policy", source=f"d{i}.txt")
              for i, t in enumerate(texts)]
    dim = vectors.shape[1]
    return IndexData(
        model="fake", chunks=chunks, vectors=vectors,
        sentence_vectors=np.zeros((0, dim), np.float32),
        sentence_offsets=np.zeros(len(chunks) + 1, np.int64), documents={},
        vector_index=VectorIndex.build(vectors),
        lexical=LexicalIndex.build([c.passage for c in chunks]) if lexical else None,
    )


@pytest.fixture(scope="module")
def data() -> IndexData:
    return make_data(TEXTS, VECTORS)


@pytest.fixture(scope="module")
def retriever(data: IndexData) -> Retriever:
    return Retriever(data)


def rows(hits) -> list[int]:
    return [h.row for h in hits]


def test_the_fixture_rankings_hold(data: IndexData) -> None:
    """The premises of every expectation below: BM25 ranks D over B and ignores A and C."""
    assert data.lexical is not None
    scores = data.lexical.scores(QUERY)
    assert scores[D] > scores[B] > 0
    assert scores[A] == scores[C] == 0
    assert list(np.argsort(-(VECTORS @ QUERY_VECTOR), kind="stable")) == [A, B, C, D]


def test_agreement_beats_a_first_place_in_one_ranking(retriever: Retriever) -> None:
    # Top 2 of each ranking: dense A, B; lexical D, B. B is second in both.
    hits = retriever.search(QUERY_VECTOR, QUERY, k=2)
    assert rows(hits) == [B, A]
    assert hits[0].fused == pytest.approx(rrf(1, 1))
    assert hits[0].fused > rrf(0)  # what A and D each get from their single first place


def test_fused_scores_are_reciprocal_rank_sums(retriever: Retriever, data: IndexData) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4)
    expected = {A: rrf(0), B: rrf(1, 1), C: rrf(2), D: rrf(3, 0)}
    assert {h.row: h.fused for h in hits} == pytest.approx(expected)
    assert rows(hits) == sorted(expected, key=lambda r: -expected[r])  # B, D, A, C
    assert rows(hits) == [B, D, A, C]
    bm25 = data.lexical.scores(QUERY)  # type: ignore[union-attr]
    for h in hits:
        assert h.dense == pytest.approx(COSINE[h.row], abs=1e-6)
        assert h.lexical == pytest.approx(float(bm25[h.row]))
    assert {h.row: h.lexical for h in hits}[A] == 0.0


def test_rrf_constant_and_ties_broken_by_cosine(data: IndexData) -> None:
    hits = Retriever(data, rrf_k=0).search(QUERY_VECTOR, QUERY, k=4)
    # A: 1/1 = 1; B: 1/2 + 1/2 = 1; C: 1/3; D: 1/4 + 1/1 = 1.25. A and B tie: A is closer.
    assert [h.fused for h in hits] == pytest.approx([1.25, 1.0, 1.0, 1 / 3])
    assert rows(hits) == [D, A, B, C]


def test_mask_restricts_both_rankings(retriever: Retriever) -> None:
    mask = np.array([False, True, True, True])
    hits = retriever.search(QUERY_VECTOR, QUERY, k=3, mask=mask)
    # dense over B, C, D: B 0, C 1, D 2; lexical D 0, B 1.
    expected = {B: rrf(0, 1), C: rrf(1), D: rrf(2, 0)}
    assert rows(hits) == [B, D, C]
    assert {h.row: h.fused for h in hits} == pytest.approx(expected)


def test_mask_removes_a_row_from_the_lexical_ranking_too(retriever: Retriever) -> None:
    hits = retriever.search(QUERY_VECTOR, "cotton", k=4, mask=np.array([True, False, True, True]))
    # "cotton" is in B and D; with B masked out, dense A 0, C 1, D 2 and lexical D 0.
    assert B not in rows(hits)
    assert rows(hits) == [D, A, C]
    assert {h.row: h.fused for h in hits} == pytest.approx({A: rrf(0), C: rrf(1), D: rrf(2, 0)})


def test_dense_mode_uses_only_the_vectors(retriever: Retriever) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4, mode="dense")
    assert rows(hits) == [A, B, C, D]
    assert [h.fused for h in hits] == pytest.approx([rrf(0), rrf(1), rrf(2), rrf(3)])
    assert all(h.lexical == 0.0 for h in hits)


def test_lexical_mode_uses_only_bm25(retriever: Retriever) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4, mode="lexical")
    assert rows(hits) == [D, B]  # passages without a query term are not retrieved at all
    assert [h.fused for h in hits] == pytest.approx([rrf(0), rrf(1)])
    assert [h.dense for h in hits] == pytest.approx([COSINE[D], COSINE[B]], abs=1e-6)
    assert retriever.search(QUERY_VECTOR, "spinning", k=4, mode="lexical") == []


def test_without_a_bm25_index_hybrid_is_dense() -> None:
    retriever = Retriever(make_data(TEXTS, VECTORS, lexical=False))
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4)
    assert rows(hits) == [A, B, C, D]
    assert [h.fused for h in hits] == pytest.approx([rrf(0), rrf(1), rrf(2), rrf(3)])


@pytest.mark.parametrize("mask", [None, np.array([True, True, True, True])])
def test_k_larger_than_the_collection(retriever: Retriever, mask: np.ndarray | None) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=100, mask=mask)
    assert rows(hits) == [B, D, A, C]
    assert len(set(rows(hits))) == len(hits)


def test_empty_index_and_empty_mask_give_nothing(retriever: Retriever) -> None:
    empty = Retriever(make_data([], np.zeros((0, 4), np.float32)))
    for mode in ("hybrid", "dense", "lexical"):
        assert empty.search(QUERY_VECTOR, QUERY, k=5, mode=mode) == []
        assert retriever.search(QUERY_VECTOR, QUERY, k=5, mask=np.zeros(4, bool), mode=mode) == []


# --- coverage ---------------------------------------------------------------------------------


def idf(n: int, df: int) -> float:
    """BM25's idf as LexicalIndex.idf states it: ln(1 + (n - df + 0.5) / (df + 0.5))."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def test_coverage_weights_terms_by_idf(retriever: Retriever, data: IndexData) -> None:
    cotton, subsidy = idf(4, 2), idf(4, 1)  # cotton in B and D, subsidy in D only
    assert subsidy > cotton
    assert retriever.coverage(QUERY, [data.chunks[B]]) == pytest.approx(cotton / (cotton + subsidy), rel=1e-5)
    assert retriever.coverage(QUERY, [data.chunks[D]]) == pytest.approx(1.0)
    assert retriever.coverage(QUERY, [data.chunks[A], data.chunks[C]]) == 0.0
    # A term the collection lacks weighs the most (df = 0), so missing it costs the most.
    silk = idf(4, 0)
    assert retriever.coverage("cotton silk", [data.chunks[B]]) == pytest.approx(cotton / (cotton + silk), rel=1e-5)


def test_coverage_counts_distinct_terms_once(retriever: Retriever, data: IndexData) -> None:
    once = retriever.coverage(QUERY, [data.chunks[B]])
    assert retriever.coverage("cotton cotton cotton subsidy", [data.chunks[B]]) == pytest.approx(once)
    assert retriever.coverage(QUERY, [data.chunks[B], data.chunks[B]]) == pytest.approx(once)
    assert retriever.coverage(QUERY, [data.chunks[B], data.chunks[D]]) == pytest.approx(1.0)


def test_coverage_edge_cases(retriever: Retriever, data: IndexData) -> None:
    assert retriever.coverage(QUERY, []) == 0.0
    assert retriever.coverage("which is the", [data.chunks[B]]) == 0.0  # stop words only
    assert retriever.coverage("policies", [data.chunks[A]]) == pytest.approx(1.0)  # the title counts


def test_coverage_without_bm25_is_the_plain_share() -> None:
    data = make_data(TEXTS, VECTORS, lexical=False)
    assert Retriever(data).coverage(QUERY, [data.chunks[B]]) == pytest.approx(0.5)


def test_a_chinese_question_finds_english_passages_through_the_dictionary(data: IndexData) -> None:
    question = "棉花补贴有多少？"  # "how much is the cotton subsidy?": no term in common with the passages
    translated = Retriever(data).search(QUERY_VECTOR, question, 4)
    plain = Retriever(data, translate=False).search(QUERY_VECTOR, question, 4)
    assert [h.row for h in plain] == [A, B, C, D]  # dense alone: the vector points at A
    by_row = {h.row: h.fused for h in translated}
    assert by_row[D] == pytest.approx(rrf(3, 0))  # dense rank 4, first by translated BM25
    assert by_row[B] == pytest.approx(rrf(1, 1))  # "cotton" only
    assert by_row[A] == pytest.approx(rrf(0)) and by_row[C] == pytest.approx(rrf(2))
    assert [h.row for h in translated] == [B, D, A, C]


def test_sentence_ranking_lifts_the_passage_with_the_answering_sentence() -> None:
    vectors = np.eye(3, dtype=np.float32)
    data = make_data(["alpha", "beta", "gamma"], vectors, lexical=False)
    # Row 2's one sentence points where the question does; rows 0 and 1 have none.
    data.sentence_vectors = np.array([[0.0, 1.0, 0.0]], dtype=np.float32)
    data.sentence_offsets = np.array([0, 0, 0, 1], dtype=np.int64)
    query = np.array([0.9, 0.436, 0.0], dtype=np.float32)
    assert [h.row for h in Retriever(data).search(query, "q", 3)] == [0, 1, 2]
    lifted = Retriever(data, sentence_weight=2.0).search(query, "q", 3)
    assert lifted[0].row == 2  # its sentence ranks first; rows 0 and 1 have no sentence to match
    assert lifted[0].fused == pytest.approx(rrf(2) + 2.0 * rrf(0))
