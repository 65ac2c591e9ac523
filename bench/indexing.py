"""Indexing throughput: full `build_index` vs the encoder's raw batch encode on the same texts.

Usage: .venv/bin/python bench/indexing.py [--min-chunks 300] [--rounds 4] [--threads N] [--backend B]

corpus/ is replicated into a temp corpus (enough copies for ``--min-chunks``, or ``--copies``;
distinct file names, one sentence added per copy). Each round, in alternating order:
(a) the raw encode of exactly the texts the indexer embeds: ``SentenceTransformer.encode(texts,
batch_size=32)`` for torch, ``OnnxEncoder.encode_queries(texts)`` (tokenise, run, pool, batches of
32 sorted by length, as sentence-transformers does) for ONNX,
(b) a full build into a fresh index directory; then (c) an incremental rebuild of that index
after one file changed. Torch threads are set as `policybot index` sets them
(settings.index_threads) unless --threads is given; (a) and (b) share the encoder, so the
ratio compares like with like. Writes bench/results/indexing.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.settings import Settings  # noqa: E402
from indexer.build import BuildReport, build_index, embed_text  # noqa: E402
from indexer.embed.torch_encoder import SbertEncoder, get_encoder, set_threads  # noqa: E402
from indexer.store.index_dir import load_index  # noqa: E402

RESULTS = ROOT / "bench/results/indexing.json"


def replicate(src: Path, dst: Path, copies: int) -> list[Path]:
    """``copies`` of every file in ``src``, each with one distinct sentence inserted."""
    dst.mkdir(parents=True)
    out = []
    for path in sorted(p for p in src.iterdir() if p.is_file()):
        text = path.read_text(encoding="utf-8")
        for i in range(copies):
            variant = text.replace(". ", f". This is replica {i} of the notice, filed separately. ", 1)
            target = dst / f"{path.stem}_r{i:02d}{path.suffix}"
            target.write_text(variant, encoding="utf-8")
            out.append(target)
    return out


def timed_build(corpus: Path, index: Path, settings: Settings, encoder: SbertEncoder) -> tuple[float, BuildReport]:
    start = time.perf_counter()
    report = build_index(corpus, index, settings, lambda: encoder)
    return time.perf_counter() - start, report


def revision() -> str:
    out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def med(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def raw_encode(encoder: Any, texts: list[str]) -> None:
    if isinstance(encoder, SbertEncoder):
        encoder.model.encode(texts, batch_size=32)
    else:
        encoder.encode_queries(texts)


def run(copies: int | None, min_chunks: int, rounds: int, threads: int | None, budget: float, work: Path,
        backend: str | None) -> dict[str, Any]:
    started = time.monotonic()
    settings = Settings(corpus=ROOT / "corpus", index=work / "warm" / "index")
    if backend:
        settings = settings.model_copy(update={"encoder_backend": backend})
    set_threads(settings.index_threads if threads is None else threads)  # as `policybot index` does
    encoder = get_encoder(settings.model, settings.device, settings.batch_size, settings.encoder_backend)
    # Warm-up: index corpus/ once (loads the model, jieba, caches) and size the replicas from it.
    _, warm = timed_build(settings.corpus, settings.index, settings, encoder)
    assert warm.ok, warm.to_dict()
    raw_encode(encoder, [embed_text(c)[0] for c in load_index(settings.index).chunks])
    copies = copies or math.ceil(min_chunks / warm.chunks)
    corpus = work / "corpus"
    files = replicate(settings.corpus, corpus, copies)
    texts: list[str] = []

    raw_s: list[float] = []
    full_s: list[float] = []
    inc_s: list[float] = []
    inc_embedded: list[int] = []
    changed = files[0]
    original = changed.read_text(encoding="utf-8")
    for r in range(rounds):
        if r >= 2 and time.monotonic() - started > budget:
            break
        index = work / f"round{r}" / "index"
        for step in ("raw", "full") if r % 2 else ("full", "raw"):  # round 0 builds first: texts
            if step == "raw":
                start = time.perf_counter()
                raw_encode(encoder, texts)
                raw_s.append(time.perf_counter() - start)
            else:
                seconds, report = timed_build(corpus, index, settings, encoder)
                # The chunks a build stores are exactly the texts it embedded.
                texts = texts or [embed_text(c)[0] for c in load_index(index).chunks]
                assert report.ok and report.chunks == len(texts) == report.embedded_chunks, report.to_dict()
                full_s.append(seconds)
        changed.write_text(original + f"\n\nAmendment {r}: this paragraph was added later.\n", encoding="utf-8")
        seconds, report = timed_build(corpus, index, settings, encoder)
        assert report.ok and report.updated == [changed.stem], report.to_dict()
        inc_s.append(seconds)
        inc_embedded.append(report.embedded_chunks)
        changed.write_text(original, encoding="utf-8")

    n = len(texts)
    raw_rate = [n / s for s in raw_s]
    full_rate = [n / s for s in full_s]
    paired = [a / b for a, b in zip(raw_s, full_s, strict=True)]  # = full rate / raw rate
    ratio = round(statistics.median(full_rate) / statistics.median(raw_rate), 3)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores, shared (timings noisy; ratios from interleaved runs)",
        "code": revision(), "encoder": encoder.backend,
        "threads": settings.index_threads if threads is None else threads,
        "corpus": {"files": len(files), "copies": copies, "chunks": n,
                   "mean_chars_per_text": round(sum(map(len, texts)) / n)},
        "rounds": len(full_s),
        "raw_encode": {"median_s": med(raw_s), "median_chunks_per_s": round(statistics.median(raw_rate), 1),
                       "all_s": [round(s, 3) for s in raw_s]},
        "full_build": {"median_s": med(full_s), "median_chunks_per_s": round(statistics.median(full_rate), 1),
                       "all_s": [round(s, 3) for s in full_s]},
        "incremental": {"median_s": med(inc_s), "all_s": [round(s, 3) for s in inc_s],
                        "embedded_chunks": inc_embedded, "total_chunks": n,
                        "over_full_build": round(statistics.median(inc_s) / statistics.median(full_s), 3)},
        "ratios": {"build_over_raw_throughput": ratio,
                   "build_over_raw_paired_median": round(statistics.median(paired), 3)},
        "floor": 0.8,
        "floor_met": ratio >= 0.8,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, help="replicas of corpus/ [enough for --min-chunks]")
    parser.add_argument("--min-chunks", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, help="encoder threads [settings.index_threads; 0: runtime default]")
    parser.add_argument("--backend", choices=["auto", "torch", "onnx", "onnx-int8"],
                        help="encoder runtime [settings.encoder_backend]")
    parser.add_argument("--budget", type=float, default=120.0, help="no new round after this (s; min 2 rounds)")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="policybot-indexing-") as tmp:
        result = run(args.copies, args.min_chunks, args.rounds, args.threads, args.budget, Path(tmp), args.backend)
    result["seconds"] = round(time.monotonic() - started, 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
