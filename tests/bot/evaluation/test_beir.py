"""bot/evaluation/beir.py: reading a BEIR folder, the two metrics by hand, and the whole evaluation with a fake
encoder (no model is loaded)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import bot.evaluation.beir as beir
from bot.evaluation.beir import MODES, evaluate_beir, load_beir, ndcg_at, plain_beir, recall_at
from core.errors import InvalidQuestion
from core.settings import Settings

CORPUS = [
    {"_id": "cotton", "title": "Cotton subsidy", "text": "Small mills receive a cotton subsidy per tonne of yarn."},
    {"_id": "export", "title": "Export credit", "text": "Exporters of garments may borrow against letters of credit."},
    {"_id": "dyeing", "title": "Dyeing waste", "text": "Dyeing plants must treat waste water before discharge."},
    {"_id": "untitled", "text": "Wool carpets pay a reduced customs duty."},
    {"_id": "blank", "title": "", "text": "   "},  # nothing to index: dropped
]
QUERIES = [
    {"_id": "q1", "text": "cotton subsidy for small mills"},
    {"_id": "q2", "text": "treat dyeing waste water"},
    {"_id": "q3", "text": "a query without judgements"},
]
QRELS = "query-id\tcorpus-id\tscore\nq1\tcotton\t2\nq1\texport\t0\nq2\tdyeing\t1\nq9\tcotton\t1\n"


def write_beir(folder: Path, corpus: list[dict] = CORPUS, queries: list[dict] = QUERIES,
               qrels: str = QRELS, split: str = "test") -> Path:
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    (folder / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
    (folder / "queries.jsonl").write_text("".join(json.dumps(r) + "\n" for r in queries), encoding="utf-8")
    (folder / "qrels" / f"{split}.tsv").write_text(qrels, encoding="utf-8")
    return folder


# --- load_beir --------------------------------------------------------------------------------


def test_load_beir_reads_the_three_files(tmp_path: Path) -> None:
    docs, queries, qrels = load_beir(write_beir(tmp_path))
    assert [d.doc_id for d in docs] == ["cotton", "export", "dyeing", "untitled"]
    assert docs[0].title == "Cotton subsidy" and docs[0].text.startswith("Small mills")
    assert docs[3].title == ""  # a missing title is empty, not None
    assert {d.source for d in docs} == {"corpus.jsonl"}
    assert queries == {q["_id"]: q["text"] for q in QUERIES}
    assert qrels == {"q1": {"cotton": 2, "export": 0}, "q2": {"dyeing": 1}, "q9": {"cotton": 1}}


def test_load_beir_ids_are_strings_and_split_is_chosen(tmp_path: Path) -> None:
    write_beir(tmp_path, corpus=[{"_id": 7, "text": "seven"}], queries=[{"_id": 1, "text": "one"}],
               qrels="query-id\tcorpus-id\tscore\n1\t7\t1\n", split="dev")
    docs, queries, qrels = load_beir(tmp_path, split="dev")
    assert docs[0].doc_id == "7" and queries == {"1": "one"} and qrels == {"1": {"7": 1}}
    with pytest.raises(InvalidQuestion, match="not a readable BEIR dataset"):
        load_beir(tmp_path)  # no qrels/test.tsv


def _corrupt(folder: Path, name: str, content: str | bytes) -> None:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("corpus.jsonl", '{"_id": "a", "text": "unterminated\n'),  # not JSON
        ("corpus.jsonl", '{"title": "no id", "text": "x"}\n'),  # no _id
        ("corpus.jsonl", b'{"_id": "a", "text": "\xff\xfe latin-1"}\n'),  # not UTF-8
        ("queries.jsonl", '{"_id": "q1"}\n'),  # no text
        ("qrels/test.tsv", "q1\tcotton\t1\nq2\tdyeing\t1\n"),  # no header row
        ("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\tcotton\thigh\n"),  # score not a number
    ],
)
def test_malformed_dataset_is_an_invalid_question(tmp_path: Path, name: str, content: str | bytes) -> None:
    write_beir(tmp_path)
    _corrupt(tmp_path, name, content)
    with pytest.raises(InvalidQuestion, match=str(tmp_path)):
        load_beir(tmp_path)


@pytest.mark.parametrize("missing", ["corpus.jsonl", "queries.jsonl", "qrels/test.tsv"])
def test_missing_file_is_an_invalid_question(tmp_path: Path, missing: str) -> None:
    write_beir(tmp_path)
    (tmp_path / missing).unlink()
    with pytest.raises(InvalidQuestion, match="not a readable BEIR dataset"):
        load_beir(tmp_path)


def test_not_a_folder_is_an_invalid_question(tmp_path: Path) -> None:
    with pytest.raises(InvalidQuestion):
        load_beir(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\tcotton\n"),  # a short row: score is None
        ("corpus.jsonl", '["a", "list"]\n'),  # JSON, but not an object
    ],
)
def test_malformed_rows_other_than_bad_values(tmp_path: Path, name: str, content: str) -> None:
    write_beir(tmp_path)
    _corrupt(tmp_path, name, content)
    with pytest.raises(InvalidQuestion):
        load_beir(tmp_path)


# --- metrics ----------------------------------------------------------------------------------

LOG2_3 = math.log2(3)


def test_ndcg_graded_relevance() -> None:
    # gains 2^rel - 1, discount log2(position + 1) with positions from 1.
    rels = {"a": 1, "b": 2}
    dcg = (2**1 - 1) / 1 + (2**2 - 1) / LOG2_3  # a first, b second
    ideal = (2**2 - 1) / 1 + (2**1 - 1) / LOG2_3  # b first, a second
    assert ndcg_at(["a", "b", "x"], rels) == pytest.approx(dcg / ideal)
    assert ndcg_at(["b", "a", "x"], rels) == pytest.approx(1.0)
    assert ndcg_at(["x", "b"], {"b": 1}) == pytest.approx(1 / LOG2_3)


def test_ndcg_relevant_documents_never_retrieved_still_count_in_the_ideal() -> None:
    assert ndcg_at(["a", "x"], {"a": 1, "missing": 1}) == pytest.approx(1 / (1 + 1 / LOG2_3))
    assert ndcg_at(["x", "y"], {"missing": 3}) == 0.0


def test_ndcg_cut_off_at_k() -> None:
    assert ndcg_at(["x", "y", "a"], {"a": 1}, k=2) == 0.0
    assert ndcg_at(["x", "y", "a"], {"a": 1}, k=3) == pytest.approx(1 / math.log2(4))
    # The ideal is cut at k too: twelve relevant documents, the first ten retrieved, is perfect.
    rels = {f"d{i}": 1 for i in range(12)}
    assert ndcg_at([f"d{i}" for i in range(10)], rels, k=10) == pytest.approx(1.0)
    assert ndcg_at(["x"] + [f"d{i}" for i in range(9)], rels, k=10) < 1.0


def test_ndcg_without_relevant_documents_is_zero() -> None:
    assert ndcg_at(["a"], {}) == 0.0
    assert ndcg_at(["a"], {"a": 0}) == 0.0


def test_recall() -> None:
    rels = {"a": 1, "b": 2, "c": 0}  # c is judged not relevant
    assert recall_at(["c", "a", "x"], rels) == pytest.approx(0.5)
    assert recall_at(["c", "a", "x"], rels, k=1) == 0.0
    assert recall_at(["c", "a", "b"], rels, k=3) == 1.0
    assert recall_at(["a"], {"c": 0}) == 0.0
    assert recall_at([], {"a": 1}) == 0.0


# --- the whole evaluation, with the fake encoder ----------------------------------------------


def test_evaluate_beir_with_the_fake_encoder(tmp_path: Path, fake_encoder, monkeypatch) -> None:
    seen = []

    def fake_get_encoder(spec):
        seen.append(spec)
        return fake_encoder

    monkeypatch.setattr(beir, "get_encoder", fake_get_encoder)
    folder = write_beir(tmp_path / "beir")
    settings = Settings(index=tmp_path / "index", analytics_db=None, index_threads=3)
    result = evaluate_beir(folder, settings, k_docs=10)

    assert len(seen) == 1 and seen[0].threads == 3  # indexing uses the indexing threads
    assert result["dataset"] == str(folder)
    assert result["documents"] == 4  # the blank one is dropped
    assert result["chunks"] == 4  # one short chunk per document
    assert result["queries"] == 2  # q3 has no judgements, q9 no text
    assert result["model"] == settings.model
    # Each judged query shares its words with its one relevant document only, so every retrieval
    # puts that document first: nDCG@10 and Recall@100 are perfect.
    assert set(result["results"]) == set(MODES)
    for mode in MODES:
        assert result["results"][mode] == {"ndcg@10": 1.0, "recall@100": 1.0}, mode
    assert any("Cotton subsidy\nSmall mills" in t for t in fake_encoder.encoded)
    assert any(t.startswith("untitled\n") for t in fake_encoder.encoded)  # the id stands in for a title
    text = plain_beir(result)
    assert "4 documents, 4 chunks, 2 queries" in text
    assert "hybrid" in text and "1.0000" in text


def test_evaluate_beir_ranks_a_partly_matching_document_lower(tmp_path: Path, fake_encoder, monkeypatch) -> None:
    monkeypatch.setattr(beir, "get_encoder", lambda spec: fake_encoder)
    # q1's words all belong to "cotton", which is judged not relevant; "export" is relevant and
    # shares no word with q1, so lexical retrieval never finds it.
    qrels = "query-id\tcorpus-id\tscore\nq1\texport\t1\n"
    folder = write_beir(tmp_path / "beir", qrels=qrels)
    result = evaluate_beir(folder, Settings(index=tmp_path / "index", analytics_db=None), k_docs=10)
    assert result["queries"] == 1
    assert result["results"]["lexical"] == {"ndcg@10": 0.0, "recall@100": 0.0}
    for mode in ("dense", "hybrid"):
        assert result["results"][mode]["ndcg@10"] < 1.0


def test_qrels_without_a_judged_known_query_is_an_invalid_question(tmp_path: Path) -> None:
    write_beir(tmp_path)
    _corrupt(tmp_path, "qrels/test.tsv", "q1\tcotton\t1\n")  # no header: the one row is taken as one
    with pytest.raises(InvalidQuestion, match="no judged query"):
        load_beir(tmp_path)
