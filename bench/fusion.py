"""How to merge dense and BM25 rankings: reciprocal-rank fusion against z-score fusion.

Usage: python -m bench.fusion --index DIR QUESTIONS [QUESTIONS ...] [--weights 0.5 0.6 0.7] [--out FILE]
       python -m bench.fusion --squad FILE --work DIR [...]   (CMRC 2018, SQuAD 2.0)

For every answerable question, both rankings are computed once with the product's retriever
parts (dense cosine over the index's vectors, BM25 with the Chinese words' dictionary translation
added, exactly as ``bot.answering.retrieve`` does), then merged by each method. A question is found at rank
r when the r-th passage holds one of its expected phrases (normalised as ``bot.evaluation.questions`` does).
Reports hit@1/3/5 per method; "dense" and "bm25" alone are the references. With ``--squad``, the
file's articles become a corpus as ``policybot eval --squad`` makes it (one document per article)
and are indexed once into ``--work`` (kept, so a second run skips the embedding).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import arg_parser, save, stamp
from bot.answering.retrieve import Retriever, _top, _z
from bot.evaluation.questions import load_questions, normalise
from bot.service import PolicyBot
from core.settings import get_settings

CANDIDATES = 30
RRF_K = 60


def rrf(rankings: list[list[int]], k: int = RRF_K) -> list[int]:
    """The previous method: sum of 1 / (k + rank + 1) over the rankings."""
    fused: dict[int, float] = defaultdict(float)
    for ranking in rankings:
        for rank, row in enumerate(ranking):
            fused[row] += 1.0 / (k + rank + 1)
    return sorted(fused, key=lambda r: -fused[r])


def zfuse(dense: np.ndarray, lexical: np.ndarray, rows: list[int], weight: float) -> list[int]:
    idx = np.asarray(rows)
    fused = weight * _z(dense[idx]) + (1 - weight) * _z(lexical[idx])
    return [rows[i] for i in np.argsort(-fused, kind="stable")]


def first_hit(order: list[int], texts: list[str], expect: list[str]) -> int | None:
    for rank, row in enumerate(order[:10], 1):
        if any(e in texts[row] for e in expect):
            return rank
    return None


def measure(index: Path, files: list[Path], weights: list[float]) -> dict[str, Any]:
    settings = get_settings().model_copy(update={"index": index, "analytics_db": None})
    bot = PolicyBot(settings)
    data = bot.index().data
    retriever = Retriever(data)
    texts = [normalise(c.passage) for c in data.chunks]
    vectors = np.asarray(data.vectors, dtype=np.float32)
    out: dict[str, Any] = {**stamp("quality only; no timing"), "index": str(index), "model": data.model,
                           "chunks": len(data.chunks), "files": {}}
    for path in files:
        questions = [q for q in load_questions(path) if q["answerable"]]
        qvecs = bot.encoder(data.model).encode_queries([q["question"] for q in questions])
        ranks: dict[str, list[int | None]] = defaultdict(list)
        for q, qvec in zip(questions, qvecs, strict=True):
            dense = vectors @ qvec
            lexical = retriever._lexical(q["question"], None)
            if lexical is None:
                lexical = np.zeros(len(texts), np.float32)
            d_rank, l_rank = _top(dense, CANDIDATES), _top(lexical, CANDIDATES, positive=True)
            rows = list(dict.fromkeys(d_rank + l_rank))
            orders = {"dense": d_rank, "bm25": l_rank, f"rrf k={RRF_K}": rrf([d_rank, l_rank])}
            for w in weights:
                orders[f"z-score w={w}"] = zfuse(dense, lexical, rows, w)
            expect = [normalise(e) for e in q["expect"]]
            for name, order in orders.items():
                ranks[name].append(first_hit(order, texts, expect))
        out["files"][str(path)] = {"questions": len(questions), "methods": {
            name: {f"hit@{k}": round(sum(r is not None and r <= k for r in rs) / len(rs), 3) for k in (1, 3, 5)}
            for name, rs in ranks.items()}}
    return out


def summary(result: dict[str, Any]) -> str:
    lines = [f"index {result['index']} ({result['model']}, {result['chunks']} chunks)"]
    for path, r in result["files"].items():
        lines += [f"\n{path}: {r['questions']} answerable questions",
                  "| method | hit@1 | hit@3 | hit@5 |", "|---|---|---|---|"]
        lines += [f"| {name} | {m['hit@1']:.3f} | {m['hit@3']:.3f} | {m['hit@5']:.3f} |"
                  for name, m in r["methods"].items()]
    return "\n".join(lines)


def squad_index(squad: Path, work: Path) -> tuple[Path, Path]:
    """(index, questions file) of a SQuAD-format file, built into ``work`` unless already there."""
    import json

    from bot.evaluation.squad import load_squad, write_corpus
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    loaded = load_squad(squad)
    questions = work / "questions.jsonl"
    index = work / "index"
    if not index.exists():
        write_corpus([loaded], work / "corpus")
        settings = get_settings().model_copy(update={"corpus": work / "corpus", "index": index})
        build_index(settings.corpus, index, settings,
                    lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
    questions.write_text("".join(json.dumps({k: q[k] for k in ("id", "question", "answerable", "expect")},
                                            ensure_ascii=False) + "\n" for q in loaded.questions), encoding="utf-8")
    return index, questions


def main() -> None:
    p = arg_parser(__doc__, out="fusion.json")
    p.add_argument("questions", type=Path, nargs="*")
    p.add_argument("--index", type=Path)
    p.add_argument("--squad", type=Path, help="a SQuAD-format file to index into --work and ask")
    p.add_argument("--work", type=Path, default=Path("bench/.work/fusion"))
    p.add_argument("--weights", type=float, nargs="+", default=[0.5, 0.6, 0.7])
    args = p.parse_args()
    index, files = args.index, list(args.questions)
    if args.squad is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        index, questions = squad_index(args.squad, args.work)
        files.append(questions)
    if index is None or not files:
        p.error("give --index and question files, or --squad FILE")
    result = measure(index, files, args.weights)
    save(args.out, result, summary(result))


if __name__ == "__main__":
    main()
