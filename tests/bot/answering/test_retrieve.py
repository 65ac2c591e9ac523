"""Score fusion in ``bot.answering.retrieve.Retriever`` on four hand-made passages.

The query vector is e0 and the query text "cotton subsidy". The rankings are fixed by construction:

    row  text              cosine to e0   BM25 terms shared with the query
    A 0  weaving looms     1.0            none
    B 1  cotton yarn       0.8            cotton
    C 2  dyeing plants     0.6            none
    D 3  cotton subsidy    0.0            cotton, subsidy (the rarer term)

dense ranking A, B, C, D; lexical ranking D, B (passages sharing no term are not ranked).
Expected fused scores are computed here from the definition: over the candidates (the union of
both top-k lists), w x z(cosine) + (1 - w) x z(BM25), z being (x - mean) / population std.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from bot.answering import retrieve
from bot.answering.retrieve import DENSE_WEIGHT, Retriever
from core.records import Chunk
from indexer.language.bilingual import english_terms
from indexer.language.glossary import Glossary
from indexer.language.lexical import LexicalIndex
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


def z(values: list[float]) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64)
    return (v - v.mean()) / v.std() if v.std() > 0 else np.zeros_like(v)


def expected(data: IndexData, rows: list[int], w: float = DENSE_WEIGHT, query: str = QUERY) -> dict[int, float]:
    bm25 = data.lexical.scores(query) if data.lexical is not None else np.zeros(len(data.chunks))
    fused = w * z([COSINE[r] for r in rows]) + (1 - w) * z([float(bm25[r]) for r in rows])
    return dict(zip(rows, fused.tolist(), strict=True))


def by_score(scores: dict[int, float]) -> list[int]:
    return sorted(scores, key=lambda r: -scores[r])


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


def test_agreement_beats_a_first_place_in_one_ranking(retriever: Retriever, data: IndexData) -> None:
    # Top 2 of each ranking: dense A, B; lexical D, B. B is second in both and wins.
    hits = retriever.search(QUERY_VECTOR, QUERY, k=2)
    want = expected(data, [A, B, D])
    assert rows(hits) == by_score(want)[:2] and rows(hits)[0] == B
    assert hits[0].fused == pytest.approx(want[B])


def test_fused_scores_are_weighted_z_scores(retriever: Retriever, data: IndexData) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4)
    want = expected(data, [A, B, C, D])
    assert {h.row: h.fused for h in hits} == pytest.approx(want, abs=1e-6)
    assert rows(hits) == by_score(want)
    bm25 = data.lexical.scores(QUERY)  # type: ignore[union-attr]
    for h in hits:
        assert h.dense == pytest.approx(COSINE[h.row], abs=1e-6)
        assert h.lexical == pytest.approx(float(bm25[h.row]))
    assert {h.row: h.lexical for h in hits}[A] == 0.0


def test_the_weight_moves_between_dense_and_lexical(data: IndexData) -> None:
    assert rows(Retriever(data, dense_weight=1.0).search(QUERY_VECTOR, QUERY, k=4)) == [A, B, C, D]
    assert rows(Retriever(data, dense_weight=0.0).search(QUERY_VECTOR, QUERY, k=4))[:2] == [D, B]
    half = Retriever(data, dense_weight=0.5).search(QUERY_VECTOR, QUERY, k=4)
    assert {h.row: h.fused for h in half} == pytest.approx(expected(data, [A, B, C, D], 0.5), abs=1e-6)


def test_ties_are_broken_by_cosine(data: IndexData) -> None:
    # Two passages with the same text and direction tie in both scores; the closer one wins.
    vectors = np.array([[0.6, 0.8, 0, 0], [0.6, 0.8, 0, 0], [0, 1.0, 0, 0]], dtype=np.float32)
    hits = Retriever(make_data(["cotton", "cotton", "silk"], vectors)).search(QUERY_VECTOR, "cotton", k=3)
    assert rows(hits)[:2] in ([0, 1], [1, 0]) and hits[0].fused == pytest.approx(hits[1].fused)
    assert hits[0].dense >= hits[1].dense


def test_mask_restricts_both_rankings(retriever: Retriever, data: IndexData) -> None:
    mask = np.array([False, True, True, True])
    hits = retriever.search(QUERY_VECTOR, QUERY, k=3, mask=mask)
    assert A not in rows(hits)
    bm25 = data.lexical.scores(QUERY, mask)  # type: ignore[union-attr]
    allowed = (B, C, D)
    fused = DENSE_WEIGHT * z([COSINE[r] for r in allowed]) + (1 - DENSE_WEIGHT) * z([float(bm25[r]) for r in allowed])
    want = dict(zip(allowed, fused.tolist(), strict=True))
    assert {h.row: h.fused for h in hits} == pytest.approx(want, abs=1e-6)
    assert rows(hits) == by_score(want)


def test_mask_removes_a_row_from_the_lexical_ranking_too(retriever: Retriever) -> None:
    hits = retriever.search(QUERY_VECTOR, "cotton", k=4, mask=np.array([True, False, True, True]))
    assert B not in rows(hits)
    assert {h.row for h in hits} == {A, C, D}
    assert {h.row: h.lexical for h in hits}[D] > 0 and {h.row: h.lexical for h in hits}[A] == 0


def test_dense_mode_uses_only_the_vectors(retriever: Retriever) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4, mode="dense")
    assert rows(hits) == [A, B, C, D]
    assert [h.fused for h in hits] == pytest.approx(z(COSINE).tolist())
    assert [h.lexical for h in hits] == [0.0] * 4


def test_lexical_mode_uses_only_bm25(retriever: Retriever, data: IndexData) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4, mode="lexical")
    assert rows(hits) == [D, B]  # passages without a query term are not retrieved at all
    bm25 = data.lexical.scores(QUERY)  # type: ignore[union-attr]
    assert [h.fused for h in hits] == pytest.approx(z([float(bm25[D]), float(bm25[B])]).tolist())
    assert [h.dense for h in hits] == pytest.approx([COSINE[D], COSINE[B]], abs=1e-6)
    assert retriever.search(QUERY_VECTOR, "spinning", k=4, mode="lexical") == []


def test_without_a_bm25_index_hybrid_is_dense() -> None:
    retriever = Retriever(make_data(TEXTS, VECTORS, lexical=False))
    hits = retriever.search(QUERY_VECTOR, QUERY, k=4)
    assert rows(hits) == [A, B, C, D]
    assert [h.fused for h in hits] == pytest.approx((DENSE_WEIGHT * z(COSINE)).tolist())


@pytest.mark.parametrize("mask", [None, np.array([True, True, True, True])])
def test_k_larger_than_the_collection(retriever: Retriever, data: IndexData, mask: np.ndarray | None) -> None:
    hits = retriever.search(QUERY_VECTOR, QUERY, k=100, mask=mask)
    assert rows(hits) == by_score(expected(data, [A, B, C, D]))
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
    plain = Retriever(data, translate=False).search(QUERY_VECTOR, question, 4)
    assert rows(plain) == [A, B, C, D] and all(h.lexical == 0 for h in plain)  # dense alone
    translated = Retriever(data).search(QUERY_VECTOR, question, 4)
    lexical = {h.row: h.lexical for h in translated}
    assert lexical[D] > lexical[B] > 0 and lexical[A] == lexical[C] == 0  # cotton, subsidy
    bm25 = data.lexical.weighted_scores(english_terms(question))  # type: ignore[union-attr]
    fused = DENSE_WEIGHT * z(COSINE) + (1 - DENSE_WEIGHT) * z([float(x) for x in bm25])
    assert {h.row: h.fused for h in translated} == pytest.approx(dict(enumerate(fused.tolist())), abs=1e-6)
    assert rows(translated)[0] == B  # close in meaning and "cotton" in words: it overtakes A
    assert {h.row: h.fused for h in translated}[D] > {h.row: h.fused for h in plain}[D]


def test_translation_scores_english_passages_only() -> None:
    texts = ["棉花（cotton）补贴政策说明", "The cotton subsidy is paid per tonne."]
    data = make_data(texts, np.eye(2, 4, dtype=np.float32))
    question = "棉花补贴是多少？"
    plain = {h.row: h.lexical for h in Retriever(data, translate=False).search(QUERY_VECTOR, question, 2)}
    translated = {h.row: h.lexical for h in Retriever(data).search(QUERY_VECTOR, question, 2)}
    assert translated[0] == pytest.approx(plain[0]) and plain[0] > 0  # matched in Chinese only
    assert plain[1] == 0 and translated[1] > 0  # found through "cotton", "subsidy"


def test_names_the_documents_translate_are_found_in_both_directions(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["中国纺织工业联合会（China National Textile and Apparel Council）发布通知。",
             "The Council released an FTA guide for the textile industry.",
             "柯桥区商务局组织了十场培训。",
             "Keqiao District Commerce Bureau（柯桥区商务局）is the local authority."]
    data = make_data(texts, np.eye(4, 4, dtype=np.float32))
    with_names = Retriever(data)
    dictionary_only = Retriever(data)
    dictionary_only.glossary = Glossary()
    assert with_names.glossary.english and not dictionary_only.glossary

    def lexical(retriever: Retriever, question: str) -> dict[int, float]:
        return {h.row: h.lexical for h in retriever.search(QUERY_VECTOR, question, 4)}

    question = "中国纺织工业联合会发布了什么？"
    assert "council" not in english_terms(question)  # the dictionary says "federation"
    assert lexical(with_names, question)[1] > lexical(dictionary_only, question)[1]
    english = "How many training sessions did the Keqiao District Commerce Bureau organise?"
    # The gazetteer and the policy glossary know Keqiao (柯桥) and a commerce bureau (商务局) too.
    assert lexical(dictionary_only, english)[2] > 0
    monkeypatch.setattr(retrieve, "chinese_weights", lambda question, general=False: {})
    assert lexical(dictionary_only, english).get(2, 0) == 0
    assert lexical(with_names, english)[2] > 0  # the Chinese notice, by the bureau's Chinese name


def test_passages_in_the_other_language_are_also_scored_by_the_cross_lingual_model() -> None:
    texts = ["The cotton subsidy is paid per tonne.", "Weaving looms are exempt.",
             "棉花补贴按吨发放。", "织机免税。"]
    vectors = np.array([[0.9, 0.1, 0, 0], [0.8, 0.6, 0, 0], [0.7, 0.7, 0, 0], [0.6, 0.8, 0, 0]], np.float32)
    data = make_data(texts, vectors)
    data.crosslingual = np.array([[0, 1.0], [1.0, 0], [0.6, 0.8], [0.8, 0.6]], np.float32)
    data.crosslingual_model = "packaged:use-multilingual-v3"
    retriever = Retriever(data, translate=False)
    question, cross = "棉花补贴是多少？", np.array([1.0, 0.0], np.float32)
    assert retriever.wants_cross_vector(question) and retriever.wants_cross_vector("What is the subsidy?")
    plain = {h.row: h.fused for h in retriever.search(QUERY_VECTOR, question, 4, mode="dense")}
    fused = {h.row: h.fused for h in retriever.search(QUERY_VECTOR, question, 4, mode="dense", cross_vector=cross)}
    e5, use = z([0.9, 0.8, 0.7, 0.6]), z([0.0, 1.0, 0.6, 0.8])
    english = {0: 0.5 * use[0] + 0.5 * e5[0], 1: 0.5 * use[1] + 0.5 * e5[1]}
    assert fused == pytest.approx({**english, 2: e5[2], 3: e5[3]})  # Chinese rows keep e5 alone
    assert plain == pytest.approx(dict(enumerate(e5.tolist())))
    assert fused[1] > fused[0] and plain[0] > plain[1]  # the second opinion reorders English rows only
    only_english = make_data(texts[:2], vectors[:2])
    only_english.crosslingual = data.crosslingual[:2]
    assert not Retriever(only_english).wants_cross_vector("What is the subsidy?")
    assert not Retriever(make_data(texts, vectors)).wants_cross_vector(question)  # no vectors indexed


def test_an_english_top_passage_brings_the_best_chinese_notice_to_the_picker() -> None:
    chunks = [Chunk(doc_id=d, text=t, position=0, title="Policy", source=f"{d}.txt")
              for d, t in (("news", "Keqiao's market is busy."), ("guide", "Keqiao guide."),
                           ("notice", "柯桥区展位补助。"))]
    english = np.array([True, True, False])
    hits = [retrieve.Hit(row, 0.8, 1.0, 1.0) for row in (0, 1, 2)]
    assert retrieve.other_notice(hits, english, chunks) == "notice"
    assert retrieve.other_notice([hits[2], hits[0]], english, chunks) is None  # a Chinese notice leads already
    assert retrieve.other_notice(hits[:2], english, chunks) is None


def test_an_english_question_anchored_in_a_chinese_notice_reads_both_languages_by_both_models() -> None:
    """e5 prefers the English news item on Huzhou's silk, the cross-lingual model the Chinese notice
    stating the refund: a question naming Huzhou, which the notice holds, has the English passages
    by their mean cross-lingual score (e5 orders them) and the notice leads. A question naming no
    place, or a place no Chinese passage holds, reads exactly as before (``scored``): English
    questions over English documents keep their passages."""
    texts = ["Huzhou silk mills reported strong spring orders at overseas fairs.",
             "Export credit insurance covers unpaid invoices of exporters.",
             "湖州市丝绸企业参加境外展会，展位费按60%给予补助。", "出口信用保险保费按50%给予补助。"]
    vectors = np.array([[0.96, 0.28, 0, 0], [0.3, 0.95, 0, 0], [0.8, 0.6, 0, 0], [0.2, 0.98, 0, 0]], np.float32)
    data = make_data(texts, vectors)
    data.crosslingual = np.array([[0.5, 0.87], [0.1, 0.99], [0.8, 0.6], [0.2, 0.98]], np.float32)
    data.crosslingual_model = "packaged:use-multilingual-v3"
    retriever = Retriever(data, translate=False)
    cross = np.array([1.0, 0.0], np.float32)
    anchored = "What share of the booth fee does Huzhou refund to silk firms at overseas fairs?"
    hits = retriever.search(QUERY_VECTOR, anchored, 4, mode="dense", cross_vector=cross)
    e5, use = z([0.96, 0.3, 0.8, 0.2]), z([0.5, 0.1, 0.8, 0.2])
    use[:2] = use[:2].mean()
    assert {h.row: h.fused for h in hits} == pytest.approx(dict(enumerate((0.5 * use + 0.5 * e5).tolist())))
    assert rows(hits) == [2, 0, 1, 3]
    for question in ("What share of the booth fee is refunded to silk firms at overseas fairs?",
                     "What share of the booth fee does Ningbo refund to silk firms at overseas fairs?"):
        plain = retriever.scored(QUERY_VECTOR, question, 4, mode="dense", cross_vector=cross)
        got = retriever.search(QUERY_VECTOR, question, 4, mode="dense", cross_vector=cross)
        assert [(h.row, h.fused) for h in got] == [(h.row, h.fused) for h in plain]
        assert rows(got)[0] == 0  # e5 alone for the English passages: the news item leads
