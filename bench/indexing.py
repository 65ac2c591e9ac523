"""Indexing throughput: a full `build_index` against the raw fp32 encode of the same passages.

Usage: python -m bench.indexing [--min-chunks 2000] [--rounds 3] [--budget 900] [--backend B]
                                [--threads N] [--out FILE]

The corpus is the Chinese notice set (bench/data/notices: .txt in UTF-8/GBK/GB18030, .html,
.docx), corpus/'s English news, and enough generated policy pages (``bench.generate_corpus``,
70% Chinese) for ``--min-chunks`` chunks. Each round, in rotating order, times on exactly the
texts the build embeds (``embed_text`` of its chunks):

- ``landed fp32``: the fp32 encode as it landed before this work (``bench/e5_landed.py``: graph 1,
  one session on every core, batches of 16 by characters): the floor's reference;
- ``fp32 now``: the product's fp32 encoder (``POLICYBOT_ENCODER_BACKEND=onnx``) on the same
  texts with their sentence spans (graph 2, length batches, one thread per core);
- ``build``: `build_index` into a fresh directory with the settings `policybot index` uses
  (reading, cleaning, chunking, e5 int8 with sentence vectors and the cross-lingual vectors in the
  same pass, FAISS, BM25, writing with fsync); then one file changes and the index is rebuilt.

Ratios are throughputs: build ÷ landed fp32 is the figure the floor (≥ 3) is about. The stage
profile (seconds and CPU seconds per stage, from ``BuildReport.stages`` and the encoder's own
stage clock, CPU summed over its worker threads) is taken from the last build. Load averages are
recorded per round: the machine is shared. Writes bench/results/indexing.json.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import CORPUS, ROOT, arg_parser, clock, load_average, log, median, ratio, rounds, save, scratch, stamp
from bench.e5_landed import LandedFp32
from bench.generate_corpus import generate
from core.progress import StageTimes
from core.settings import Settings
from indexer.build import build_index
from indexer.documents.chunking import embed_text
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.store.index_dir import load_index

NOTICES = ROOT / "bench" / "data" / "notices"
DOCUMENT_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".md", ".pdf"}


def seed_corpus(out: Path) -> int:
    """The notice set and corpus/ (document files only) into ``out``; returns the file count."""
    out.mkdir(parents=True)
    files = [p for p in sorted(NOTICES.rglob("*")) if p.suffix in DOCUMENT_SUFFIXES and p.stem != "SOURCES"]
    files += [p for p in sorted(CORPUS.iterdir()) if p.is_file()]
    for path in files:
        shutil.copy(path, out / path.name)
    return len(files)


def snapshot(times: StageTimes) -> dict[str, tuple[float, float]]:
    return {k: (times.wall[k], times.cpu.get(k, 0.0)) for k in list(times.wall)}


def profile(report: Any, before: dict[str, tuple[float, float]], times: StageTimes, chunks: int) -> dict[str, Any]:
    """Per stage of one build: wall s, CPU s and CPU ms per chunk; encoder stages are CPU summed
    over its worker threads (they run side by side, so they add up to more than the wall time)."""
    rows: dict[str, Any] = {}
    for name, spent in report.stages.items():
        rows[name] = {**spent, "cpu_ms_per_chunk": round(1000 * spent["cpu_s"] / max(chunks, 1), 2)}
    for name, (wall, cpu) in snapshot(times).items():
        w0, c0 = before.get(name, (0.0, 0.0))
        rows[f"  {name}"] = {"wall_s": round(wall - w0, 3), "cpu_s": round(cpu - c0, 3),
                             "cpu_ms_per_chunk": round(1000 * (cpu - c0) / max(chunks, 1), 2)}
    return rows


def run(args: Any, work: Path) -> dict[str, Any]:
    started = time.monotonic()
    head = stamp()
    settings = Settings(corpus=work / "corpus", index=work / "warm" / "index", analytics_db=None)
    if args.backend:
        settings = settings.model_copy(update={"encoder_backend": args.backend})
    threads = settings.index_threads if args.threads is None else args.threads
    encoder = get_encoder(EncoderSpec.of(settings, threads=threads))  # as `policybot index` gets it
    fp32 = get_encoder(EncoderSpec.of(settings, threads=threads, backend="onnx"))
    landed = LandedFp32(fp32, work, threads)  # type: ignore[arg-type]

    def build(index: Path) -> tuple[float, Any]:
        return clock(build_index, settings.corpus, index, settings, lambda: encoder, False)

    # Size the corpus: the seeds, then generated pages at the chunks per page a sample gives.
    seed_files = seed_corpus(settings.corpus / "seed")
    generate(settings.corpus / "sample", 40, seed=1, zh_share=0.7)
    _, warm = build(settings.index)  # also loads the models, jieba and the caches
    sample = sum(1 for c in load_index(settings.index).chunks if c.source.startswith("sample/"))
    shutil.rmtree(settings.corpus / "sample")
    pages = max(0, -(-(args.min_chunks - (warm.chunks - sample)) * 40 // max(sample, 1)))
    generated = generate(settings.corpus / "generated", pages, seed=0, zh_share=0.7) if pages else {}
    texts: list[str] = []
    spans: list[Any] = []
    times: dict[str, list[float]] = {"landed": [], "fp32": [], "build": [], "incremental": []}
    loads: list[list[float]] = []
    steps = ("build", "landed", "fp32")
    last: dict[str, Any] = {}
    incremental_embedded: int | None = None
    changed = next(iter(sorted((settings.corpus / "generated").rglob("*.txt"))), None) if pages else None
    for r in rounds(args.rounds, args.budget, started, at_least=1):
        loads.append(load_average())
        for step in steps[r % 3:] + steps[:r % 3]:
            if step == "build" or not texts:
                index = work / f"round{r}" / "index"
                before = snapshot(getattr(encoder, "times", StageTimes()))
                seconds, report = build(index)
                assert report.ok, report.to_dict()
                chunks = load_index(index).chunks
                texts, spans = [list(x) for x in zip(*(embed_text(c) for c in chunks), strict=True)]
                assert report.chunks == len(texts) == report.embedded_chunks, report.to_dict()
                times["build"].append(seconds)
                last = {"report": report, "before": before, "index": index}
                log(f"round {r}: build {len(texts) / seconds:.1f} chunks/s, load {load_average()}")
            if step == "landed":
                times["landed"].append(clock(landed.encode, texts)[0])
                log(f"round {r}: landed fp32 {len(texts) / times['landed'][-1]:.1f} chunks/s")
            if step == "fp32":
                times["fp32"].append(clock(fp32.encode_passages, texts, spans)[0])
                log(f"round {r}: fp32 now {len(texts) / times['fp32'][-1]:.1f} chunks/s")
        if changed is not None and r == 0:
            original = changed.read_text(encoding="utf-8")
            changed.write_text(original + "\n\n这一段是后来补充的说明。\n", encoding="utf-8")
            seconds, report = clock(build_index, settings.corpus, last["index"], settings, lambda: encoder, False)
            changed.write_text(original, encoding="utf-8")
            times["incremental"].append(seconds)
            incremental_embedded = report.embedded_chunks
    loads.append(load_average())
    n = len(texts)
    rate = {k: [n / s for s in v] for k, v in times.items() if k != "incremental"}
    zh = sum(1 for t in texts if sum("\u4e00" <= ch <= "\u9fff" for ch in t) > len(t) / 4)
    return {
        **head, "encoder": encoder.backend, "threads": threads, "workers": getattr(encoder, "workers", None),
        "corpus": {"seed_files": seed_files, "generated": generated, "chunks": n, "chinese_chunks": zh,
                   "mean_chars_per_chunk": round(sum(map(len, texts)) / n),
                   "mean_tokens_per_chunk": round(sum(len(fp32._tokens(t, "passage: ", 512)[0])  # type: ignore
                                                      for t in texts) / n, 1)},
        "rounds": len(times["build"]), "load_average_per_round": loads,
        "chunks_per_s": {k: {"median": median(v, 1), "all": [round(x, 1) for x in v]} for k, v in rate.items()},
        "seconds": {k: [round(s, 2) for s in v] for k, v in times.items()},
        "ratios": {"build_over_landed_fp32": ratio(times["landed"], times["build"]),
                   "build_over_fp32_now": ratio(times["fp32"], times["build"]),
                   "fp32_now_over_landed_fp32": ratio(times["landed"], times["fp32"])},
        "incremental": {"seconds": times["incremental"], "embedded_chunks": incremental_embedded},
        "profile_last_build": profile(last["report"], last["before"], getattr(encoder, "times", StageTimes()), n),
        "floors": {"build_over_landed_fp32": 3.0, "build_chunks_per_s": 100.0},
    }


def main() -> None:
    parser = arg_parser(__doc__, out="indexing.json")
    parser.add_argument("--min-chunks", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--budget", type=float, default=900.0, help="no new round after this (s; min 1 round)")
    parser.add_argument("--threads", type=int, help="encoder threads [settings.index_threads; 0: every core]")
    parser.add_argument("--backend", choices=["auto", "onnx", "onnx-int8", "onnx-student"],
                        help="build's encoder [auto: int8]")
    args = parser.parse_args()
    started = time.monotonic()
    with scratch("indexing") as work:
        result = run(args, work)
    result["seconds_total"] = round(time.monotonic() - started, 1)
    save(args.out, result)


if __name__ == "__main__":
    main()
