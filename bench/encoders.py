"""ONNX Runtime (fp32, int8) vs PyTorch encoding: speed, vector agreement and answer quality.

Usage:
  python -m bench.encoders [--queries 300] [--min-chunks 300] [--rounds 4] [--budget 420] [--out FILE]
  python -m bench.encoders --scifact onnx-int8 [--beir ../shared/bench/beir-scifact]

The first form, in one process: exports the packaged model to ONNX in a temp cache (timed), then,
interleaved and rotating which goes first, times six configurations, {torch, onnx, onnx-int8} ×
{1, 2 threads}: single-query ``encode_queries([q])`` latency over ``--queries`` questions (the
project's 96 dev and calibration questions, cycled) and ``encode_passages`` throughput on the texts
the indexer embeds (``embed_text`` of the chunks of corpus/ replicated as in bench/indexing.py,
~320 chunks, with sentence spans). Cosine of each ONNX backend's vectors to torch's (passages,
sentence spans, queries). Then one subprocess per backend (``POLICYBOT_ENCODER_BACKEND``) builds
an index of corpus/ with ``build_index`` and runs ``bot.evaluation.questions`` on tests/data/dev_questions.jsonl
and bench/calibration_questions.jsonl. Writes bench/results/encoders.json.

The second form runs ``bot.evaluation.beir.evaluate_beir`` with that backend (17,464 chunks: tens of
minutes here; run it under nohup) and writes bench/results/scifact-<backend>.json, compared with
the torch figure in bench/results/scifact.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    CORPUS,
    QUESTION_FILES,
    RESULTS,
    ROOT,
    arg_parser,
    clock,
    load_average,
    median,
    ms_stats,
    paired_median,
    questions,
    replicate,
    rounds,
    run_module,
    save,
    scratch,
    stamp,
)
from bot.evaluation.beir import evaluate_beir
from bot.evaluation.questions import evaluate, load_questions
from bot.service import PolicyBot
from core.offline import stay_offline
from core.settings import PACKAGED_MODEL, Settings, get_settings
from indexer.build import build_index, chunk_tokens
from indexer.documents.chunking import Chunker, chunk_document, embed_text
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.embed.onnx_encoder import OnnxEncoder
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, ensure_exported
from indexer.embed.torch_encoder import TorchEncoder
from indexer.load import discover, load_document

BACKENDS = ("torch", "onnx", "onnx-int8")
THREADS = (1, 2)
SCIFACT = ROOT.parent / "shared/bench/beir-scifact"


def chunk_texts(work: Path, min_chunks: int, count_tokens: Callable[[str], int]
                ) -> tuple[list[str], list[list[tuple[int, int]]], int]:
    """The texts and spans the indexer embeds for corpus/ replicated to ``min_chunks`` chunks."""
    settings = Settings()

    class Sizes:
        max_tokens = 256

    chunker = Chunker(chunk_tokens(settings, Sizes()), settings.chunk_overlap, count_tokens)  # type: ignore[arg-type]

    def chunks_of(corpus: Path) -> list:
        return [c for p in discover(corpus)
                for c in chunk_document(load_document(p, p.stem, p.name, settings.max_file_bytes), chunker)]

    per_copy = len(chunks_of(CORPUS))
    copies = -(-min_chunks // per_copy)
    replicate(CORPUS, work / "corpus", copies)
    pairs = [embed_text(c) for c in chunks_of(work / "corpus")]
    return [t for t, _ in pairs], [s for _, s in pairs], copies


class Config:
    """One backend at one thread count; ``call`` runs with that thread count in force."""

    def __init__(self, backend: str, threads: int, encoder: Any):
        self.backend, self.threads, self.encoder = backend, threads, encoder
        self.name = f"{backend}/{threads}t"

    def call(self, fn: Callable[[Any], Any]) -> tuple[float, Any]:
        if self.backend == "torch":  # one torch model serves both counts; ONNX sessions carry their own
            import torch

            torch.set_num_threads(self.threads)
        return clock(fn, self.encoder)


def cosines(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    c = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return {"min": round(float(c.min()), 5), "mean": round(float(c.mean()), 5), "n": len(c)}


def speed(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    started = time.monotonic()
    cache = work / "onnx"
    fp32_s, directory = clock(ensure_exported, PACKAGED_MODEL, cache, int8=False)
    int8_s, _ = clock(ensure_exported, PACKAGED_MODEL, cache, int8=True)
    export = {"fp32_export_s": round(fp32_s, 1), "int8_quantise_s": round(int8_s, 1),
              "fp32_mb": round((directory / FP32_FILE).stat().st_size / 2**20, 1),
              "int8_mb": round((directory / INT8_FILE).stat().st_size / 2**20, 1)}

    load_s: dict[str, float] = {}
    seconds, torch_encoder = clock(TorchEncoder, PACKAGED_MODEL)  # threads 0: Config.call sets them
    load_s["torch"] = round(seconds, 2)
    configs: list[Config] = []
    for backend in BACKENDS:
        for threads in THREADS:
            if backend == "torch":
                encoder = torch_encoder
            else:
                seconds, encoder = clock(OnnxEncoder, PACKAGED_MODEL, backend, cache=cache, threads=threads)
                load_s.setdefault(backend, round(seconds, 2))
            configs.append(Config(backend, threads, encoder))

    texts, spans, copies = chunk_texts(work, args.min_chunks, torch_encoder.count_tokens)
    qs = questions()
    queries = [qs[i % len(qs)] for i in range(args.queries)]

    for c in configs:  # warm-up: sessions, thread pools, allocator
        c.call(lambda e: e.encode_queries(qs[:8]))
        c.call(lambda e: [e.encode_queries([q]) for q in qs[:8]])
        c.call(lambda e: e.encode_passages(texts[:32], spans[:32]))

    latency: dict[str, list[float]] = {c.name: [] for c in configs}
    for i, q in enumerate(queries):
        shift = i % len(configs)
        for c in configs[shift:] + configs[:shift]:
            seconds, _ = c.call(lambda e, q=q: e.encode_queries([q]))
            latency[c.name].append(seconds * 1000)
    latency_done = time.monotonic()

    rates: dict[str, list[float]] = {c.name: [] for c in configs}
    vectors: dict[str, Any] = {}
    done_rounds = 0
    for r in rounds(args.rounds, args.budget, started, at_least=2):
        shift = (r * 5) % len(configs)  # a different first config each round, and a reversed order
        order = configs[shift:] + configs[:shift]
        for c in order if r % 2 == 0 else order[::-1]:
            seconds, out = c.call(lambda e: e.encode_passages(texts, spans))
            rates[c.name].append(len(texts) / seconds)
            vectors.setdefault(c.backend, out)
        done_rounds += 1

    query_vecs = {b: next(c for c in configs if c.backend == b).encoder.encode_queries(qs) for b in BACKENDS}
    agreement = {}
    for backend in BACKENDS[1:]:
        ref, got = vectors["torch"], vectors[backend]
        agreement[backend] = {
            "passages": cosines(got.passages, ref.passages),
            "sentence_spans": cosines(np.concatenate(got.sentences), np.concatenate(ref.sentences)),
            "queries": cosines(query_vecs[backend], query_vecs["torch"]),
            "span_shapes_equal": all(a.shape == b.shape for a, b in zip(got.sentences, ref.sentences, strict=True)),
        }

    lat = {name: ms_stats(ms) for name, ms in latency.items()}
    thr = {name: {"median_chunks_per_s": median(v, 2), "all": [round(x, 2) for x in v]}
           for name, v in rates.items()}
    paired = paired_median

    ratios = {}
    for backend in BACKENDS[1:]:
        for threads in THREADS:
            key, ref = f"{backend}/{threads}t", f"torch/{threads}t"
            ratios[f"{key} vs {ref}"] = {
                "query_latency_speedup_of_medians": round(lat[ref]["median_ms"] / lat[key]["median_ms"], 2),
                "query_latency_speedup_paired": paired(latency[ref], latency[key]),
                "throughput_speedup_of_medians": round(thr[key]["median_chunks_per_s"]
                                                       / thr[ref]["median_chunks_per_s"], 2),
                "throughput_speedup_paired": paired(rates[key], rates[ref]),
            }
    for backend in BACKENDS:
        ratios[f"{backend}: 2t vs 1t"] = {
            "query_latency_speedup_paired": paired(latency[f"{backend}/1t"], latency[f"{backend}/2t"]),
            "throughput_speedup_paired": paired(rates[f"{backend}/2t"], rates[f"{backend}/1t"]),
        }
    return {
        "export": export, "load_seconds": load_s,
        "chunks": {"n": len(texts), "copies": copies, "mean_chars": round(sum(map(len, texts)) / len(texts))},
        "latency": lat, "latency_seconds": round(latency_done - started, 1),
        "throughput": thr, "throughput_rounds": done_rounds, "ratios": ratios, "agreement": agreement,
    }


def quality_worker(backend: str, work: Path) -> dict[str, Any]:
    """In a subprocess with POLICYBOT_ENCODER_BACKEND set: build an index of corpus/, evaluate."""
    settings = get_settings().model_copy(update={"corpus": CORPUS, "index": work / "index", "analytics_db": None})
    assert settings.encoder_backend == backend, settings.encoder_backend
    report = build_index(settings.corpus, settings.index, settings,
                         lambda: get_encoder(EncoderSpec.of(settings, threads=1)))
    assert report.ok, report.to_dict()
    bot = PolicyBot(settings)
    assert bot.encoder().backend == backend, bot.encoder().backend
    out: dict[str, Any] = {"backend": backend, "chunks": report.chunks, "build_seconds": report.seconds}
    for name, path in QUESTION_FILES.items():
        questions = load_questions(path)
        result = evaluate(bot, questions, settings.top_k).to_dict()
        per_question = {}
        for q in questions:
            answer = bot.ask(q["question"], settings.top_k)
            phrases = [" ".join(p.lower().split()) for p in q.get("expect", [])]
            rank = next((c.n for c in answer.citations  # as bot.evaluation.questions ranks
                         if any(p in " ".join(c.text.lower().split()) for p in phrases)), None)
            per_question[q["id"]] = {"abstained": answer.abstained, "rank": rank,
                                     "citations": [c.chunk_id for c in answer.citations]}
        out[name] = {**{k: result[k] for k in ("questions", "hit_at_1", "hit_at_3", "mrr",
                                                "abstention_precision", "abstention_recall",
                                                "false_abstentions")},
                     "failures": [f["id"] for f in result["failures"]], "per_question": per_question}
    return out


def quality(work: Path, cache: Path) -> dict[str, Any]:
    results = {}
    for backend in BACKENDS:
        env = {**os.environ, "POLICYBOT_ENCODER_BACKEND": backend, "POLICYBOT_ONNX_CACHE": str(cache),
               "POLICYBOT_ANALYTICS_DB": str(work / f"{backend}.sqlite3")}
        results[backend] = run_module("bench.encoders", "--quality-worker", backend,
                                      "--work", str(work / f"quality-{backend}"), env=env)
    summary = {}
    for name in QUESTION_FILES:
        ref = results["torch"][name]
        for backend in BACKENDS[1:]:
            got = results[backend][name]
            summary[f"{name}: {backend} vs torch"] = {
                "same_hit_and_abstention": all(got[k] == ref[k] for k in (
                    "hit_at_1", "hit_at_3", "abstention_precision", "abstention_recall", "false_abstentions")),
                "same_mrr": got["mrr"] == ref["mrr"],
                "questions_with_other_abstention": sorted(
                    q for q in ref["per_question"]
                    if got["per_question"][q]["abstained"] != ref["per_question"][q]["abstained"]),
                "questions_with_other_rank (torch, backend)": {
                    q: [ref["per_question"][q]["rank"], got["per_question"][q]["rank"]]
                    for q in sorted(ref["per_question"])
                    if got["per_question"][q]["rank"] != ref["per_question"][q]["rank"]},
                "questions_with_other_citations": sorted(
                    q for q in ref["per_question"]
                    if got["per_question"][q]["citations"] != ref["per_question"][q]["citations"]),
            }
    for r in results.values():
        for name in QUESTION_FILES:
            r[name].pop("per_question")
    return {"per_backend": results, "comparison": summary}


def scifact(backend: str, folder: Path) -> dict[str, Any]:
    os.environ["POLICYBOT_ENCODER_BACKEND"] = backend  # before anything reads the settings
    settings = get_settings()
    assert settings.encoder_backend == backend
    head = stamp()
    result = evaluate_beir(folder, settings)
    result.update(backend=backend, date=head["date"], code=head["code"])
    torch_file = RESULTS / "scifact.json"
    if torch_file.exists():
        ref = json.loads(torch_file.read_text())["results"]
        result["vs_torch"] = {
            mode: {"torch": ref[mode]["ndcg@10"], backend: result["results"][mode]["ndcg@10"],
                   "relative_change": round(result["results"][mode]["ndcg@10"] / ref[mode]["ndcg@10"] - 1, 4)}
            for mode in ref}
        result["within_1pct_hybrid"] = result["results"]["hybrid"]["ndcg@10"] >= 0.99 * ref["hybrid"]["ndcg@10"]
    return result


def main() -> None:
    stay_offline()
    parser = arg_parser(__doc__)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--min-chunks", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--budget", type=float, default=420.0, help="no new throughput round after this (s; min 2)")
    parser.add_argument("--skip-quality", action="store_true", help="speed and agreement only")
    parser.add_argument("--scifact", choices=BACKENDS, help="run BEIR SciFact with this backend instead")
    parser.add_argument("--beir", type=Path, default=SCIFACT)
    parser.add_argument("--out", type=Path,
                        help="result file [bench/results/encoders.json; with --scifact, scifact-BACKEND.json]")
    parser.add_argument("--quality-worker", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quality_worker:
        print(json.dumps(quality_worker(args.quality_worker, args.work)))
        return
    if args.scifact:
        save(args.out or RESULTS / f"scifact-{args.scifact}.json", scifact(args.scifact, args.beir))
        return
    started = time.monotonic()
    with scratch("encoders") as work:
        result: dict[str, Any] = {**stamp(), "load_average_start": load_average()}
        result.update(speed(args, work))
        result["load_average_after_speed"] = load_average()
        if not args.skip_quality:
            result["quality"] = quality(work, work / "onnx")
    result["seconds"] = round(time.monotonic() - started, 1)
    save(args.out or RESULTS / "encoders.json", result)


if __name__ == "__main__":
    main()
