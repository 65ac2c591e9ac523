"""Indexing throughput: full `build_index` vs the encoder's raw batch encode on the same texts.

Usage: python -m bench.indexing [--min-chunks 300] [--rounds 4] [--threads N] [--backend B] [--out FILE]

corpus/ is replicated into a temp corpus (enough copies for ``--min-chunks``, or ``--copies``;
distinct file names, one sentence added per copy). Each round, in alternating order:
(a) the raw encode of exactly the texts the indexer embeds: ``SentenceTransformer.encode(texts,
batch_size=32)`` for torch, ``OnnxEncoder.encode_queries(texts)`` (tokenise, run, pool, batches of
32 sorted by length, as sentence-transformers does) for ONNX,
(b) a full build into a fresh index directory; then (c) an incremental rebuild of that index
after one file changed. The encoder is the one `policybot index` gets
(``EncoderSpec.of(settings, threads=settings.index_threads)``) unless --threads or --backend
says otherwise; (a) and (b) share it, so the ratio compares like with like.
Writes bench/results/indexing.json.
"""

from __future__ import annotations

import math
import statistics
import time
from pathlib import Path
from typing import Any

from bench.common import CORPUS, arg_parser, clock, median, replicate, rounds, save, scratch, stamp
from core.settings import Settings
from indexer.build import build_index, embed_text
from indexer.embed.base import Encoder
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.store.index_dir import load_index


def raw_encode(encoder: Encoder, texts: list[str]) -> None:
    if encoder.backend == "torch":
        encoder.model.encode(texts, batch_size=32)  # type: ignore[attr-defined]  # TorchEncoder
    else:
        encoder.encode_queries(texts)


def run(copies: int | None, min_chunks: int, rounds_: int, threads: int | None, budget: float, work: Path,
        backend: str | None) -> dict[str, Any]:
    started = time.monotonic()
    head = stamp()
    settings = Settings(corpus=CORPUS, index=work / "warm" / "index")
    if backend:
        settings = settings.model_copy(update={"encoder_backend": backend})
    threads = settings.index_threads if threads is None else threads
    encoder = get_encoder(EncoderSpec.of(settings, threads=threads))  # as `policybot index` gets it

    def build(corpus: Path, index: Path) -> tuple[float, Any]:
        return clock(build_index, corpus, index, settings, lambda: encoder)

    # Warm-up: index corpus/ once (loads the model, jieba, caches) and size the replicas from it.
    _, warm = build(settings.corpus, settings.index)
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
    for r in rounds(rounds_, budget, started, at_least=2):
        index = work / f"round{r}" / "index"
        for step in ("raw", "full") if r % 2 else ("full", "raw"):  # round 0 builds first: texts
            if step == "raw":
                raw_s.append(clock(raw_encode, encoder, texts)[0])
            else:
                seconds, report = build(corpus, index)
                # The chunks a build stores are exactly the texts it embedded.
                texts = texts or [embed_text(c)[0] for c in load_index(index).chunks]
                assert report.ok and report.chunks == len(texts) == report.embedded_chunks, report.to_dict()
                full_s.append(seconds)
        changed.write_text(original + f"\n\nAmendment {r}: this paragraph was added later.\n", encoding="utf-8")
        seconds, report = build(corpus, index)
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
        **head, "encoder": encoder.backend, "threads": threads,
        "corpus": {"files": len(files), "copies": copies, "chunks": n,
                   "mean_chars_per_text": round(sum(map(len, texts)) / n)},
        "rounds": len(full_s),
        "raw_encode": {"median_s": median(raw_s), "median_chunks_per_s": median(raw_rate, 1),
                       "all_s": [round(s, 3) for s in raw_s]},
        "full_build": {"median_s": median(full_s), "median_chunks_per_s": median(full_rate, 1),
                       "all_s": [round(s, 3) for s in full_s]},
        "incremental": {"median_s": median(inc_s), "all_s": [round(s, 3) for s in inc_s],
                        "embedded_chunks": inc_embedded, "total_chunks": n,
                        "over_full_build": round(statistics.median(inc_s) / statistics.median(full_s), 3)},
        "ratios": {"build_over_raw_throughput": ratio,
                   "build_over_raw_paired_median": median(paired, 3)},
        "floor": 0.8,
        "floor_met": ratio >= 0.8,
    }


def main() -> None:
    parser = arg_parser(__doc__, out="indexing.json")
    parser.add_argument("--copies", type=int, help="replicas of corpus/ [enough for --min-chunks]")
    parser.add_argument("--min-chunks", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, help="encoder threads [settings.index_threads; 0: runtime default]")
    parser.add_argument("--backend", choices=["auto", "torch", "onnx", "onnx-int8"],
                        help="encoder runtime [settings.encoder_backend]")
    parser.add_argument("--budget", type=float, default=120.0, help="no new round after this (s; min 2 rounds)")
    args = parser.parse_args()
    started = time.monotonic()
    with scratch("indexing") as work:
        result = run(args.copies, args.min_chunks, args.rounds, args.threads, args.budget, work, args.backend)
    result["seconds"] = round(time.monotonic() - started, 1)
    save(args.out, result)


if __name__ == "__main__":
    main()
