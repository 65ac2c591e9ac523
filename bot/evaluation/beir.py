"""Retrieval quality on a BEIR-format dataset, through the same chunking, embedding and search.

Documents are chunked and embedded as the indexer does; a document's rank is that of its best
chunk. Reports nDCG@10 and Recall@100 for BM25 alone, dense alone and the hybrid.
"""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from bot.answering.retrieve import Retriever
from core.errors import InvalidQuestion
from core.records import Document
from core.settings import Settings
from indexer.documents.chunking import Chunker
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.language.lexical import LexicalIndex
from indexer.parts import assemble, chunk_tokens, embed_documents
from indexer.store.faiss_index import VectorIndex

MODES = ("lexical", "dense", "hybrid")


def load_beir(folder: Path, split: str = "test") -> tuple[list[Document], dict[str, str], dict]:
    try:
        docs = []
        with open(folder / "corpus.jsonl", encoding="utf-8") as handle:
            for line in filter(str.strip, handle):
                row = json.loads(line)
                docs.append(Document(doc_id=str(row["_id"]), title=row.get("title") or "",
                                     text=row.get("text") or "", source="corpus.jsonl"))
        queries = {}
        with open(folder / "queries.jsonl", encoding="utf-8") as handle:
            for line in filter(str.strip, handle):
                row = json.loads(line)
                queries[str(row["_id"])] = row["text"]
        qrels: dict[str, dict[str, int]] = {}
        with open(folder / "qrels" / f"{split}.tsv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                qrels.setdefault(row["query-id"], {})[row["corpus-id"]] = int(row["score"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidQuestion(f"{folder}: not a readable BEIR dataset ({exc})") from exc
    if not any(q in queries for q in qrels):
        raise InvalidQuestion(f"{folder}: no judged query in qrels/{split}.tsv has a text in queries.jsonl")
    return [d for d in docs if d.text.strip() or d.title.strip()], queries, qrels


def ndcg_at(ranked: list[str], rels: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** rels.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum((2 ** r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], rels: dict[str, int], k: int = 100) -> float:
    relevant = {d for d, r in rels.items() if r > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def evaluate_beir(folder: Path, settings: Settings, k_docs: int = 100) -> dict[str, Any]:
    started = time.perf_counter()
    docs, queries, qrels = load_beir(folder)
    encoder = get_encoder(EncoderSpec.of(settings, threads=settings.index_threads))
    chunker = Chunker(chunk_tokens(settings, encoder), settings.chunk_overlap, encoder.count_tokens)
    docs = [Document(doc_id=d.doc_id, title=d.title or d.doc_id, text=d.text or d.title, source=d.source) for d in docs]
    parts = embed_documents(docs, chunker, encoder, progress=True)
    data = assemble(parts, settings.model, None)
    data.vector_index = VectorIndex.build(data.vectors)
    data.lexical = LexicalIndex.build([c.passage for c in data.chunks])
    retriever = Retriever(data, settings.dense_weight)
    indexed = time.perf_counter()
    ids = [q for q in qrels if q in queries]
    qvecs = encoder.encode_queries([queries[q] for q in ids])
    scores: dict[str, dict[str, list[float]]] = {m: {"ndcg@10": [], "recall@100": []} for m in MODES}
    for qid, qvec in tqdm(list(zip(ids, qvecs, strict=True)), desc="queries", unit="q"):
        for mode in MODES:
            hits = retriever.search(qvec, queries[qid], k_docs * 3, None, mode)
            ranked = list(dict.fromkeys(data.chunks[h.row].doc_id for h in hits))[:k_docs]
            scores[mode]["ndcg@10"].append(ndcg_at(ranked, qrels[qid]))
            scores[mode]["recall@100"].append(recall_at(ranked, qrels[qid]))
    return {
        "dataset": str(folder),
        "documents": len(docs),
        "chunks": len(data.chunks),
        "queries": len(ids),
        "model": settings.model,
        "results": {m: {k: round(float(np.mean(v)), 4) for k, v in s.items()}
                    for m, s in scores.items()},
        "index_seconds": round(indexed - started, 1),
        "query_seconds": round(time.perf_counter() - indexed, 1),
    }


def plain_beir(result: dict[str, Any]) -> str:
    lines = [f"{result['dataset']}: {result['documents']} documents, {result['chunks']} chunks, "
             f"{result['queries']} queries",
             f"{'retrieval':<10} {'nDCG@10':>8} {'Recall@100':>11}"]
    for mode, label in zip(MODES, ("BM25", "dense", "hybrid"), strict=True):
        r = result["results"][mode]
        lines.append(f"{label:<10} {r['ndcg@10']:>8.4f} {r['recall@100']:>11.4f}")
    lines.append(f"indexing {result['index_seconds']}s, queries {result['query_seconds']}s")
    return "\n".join(lines)
