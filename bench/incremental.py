"""Incremental re-indexing: one changed document in a generated corpus vs a full build.

Usage: python -m bench.incremental [--docs 1000] [--seed 0] [--zh-share 0.2] [--repeats 3] [--out FILE]

One process, as `policybot index` builds (build_index with
``get_encoder(EncoderSpec.of(settings, threads=settings.index_threads))``, the packaged model):
1. generate the corpus with bench.generate_corpus into a temp dir;
2. full build (loading the model included, as a first `policybot index` pays it); check that no
   boilerplate reached the chunks and that every title and date is the generated one;
3. append a sentence to the last paragraph of the document with the median chunk count and
   rebuild (--repeats times, one more sentence each): exactly that document's chunks must be embedded;
4. rebuild with nothing changed;
5. append another sentence and rebuild with the model cache cleared (model load counted, as a
   fresh `policybot index` process pays it);
6. append another sentence and rebuild under cProfile: where an incremental build spends its time;
7. append another and run `policybot index` in a fresh process (interpreter, imports, model load).
Writes bench/results/incremental.json. Floor: incremental (step 3, median) / full build < 0.05.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import POLICYBOT, ROOT, arg_parser, clock, save, scratch, stamp
from bench.generate_corpus import doc_path, generate, make_document
from core.settings import Settings
from indexer.build import BuildReport, build_index
from indexer.documents.chunking import embed_text
from indexer.embed.base import Encoder
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.language.lexical import LexicalIndex, tokenize
from indexer.store.index_dir import load_index

FLOOR = 0.05
BOILERPLATE = ["All rights reserved", "Related reading", "Related articles", "You may also like", "Share to",
               "Release date", "Post time", "ICP", "Tel:", "Home >", "Technical support", "Back to top",
               "版权所有", "相关阅读", "推荐阅读", "相关新闻", "发布时间", "发布日期", "分享到", "字体", "联系电话",
               "技术支持", "首页"]
AMENDMENT = {"en": " Amendment {n}: the application deadline in this notice is extended by 30 days.",
             "zh": "修订{n}：本通知规定的申报截止时间延长30天。"}
# (label, file suffix, function, only the time spent when called from this function or None);
# save_index digests its files inside a dict comprehension, load_index in a plain loop.
# build_index builds BM25 and FAISS over all chunks, then save_index writes them.
STAGES = [
    ("discover files", "indexer/load.py", "discover", None),
    ("hash corpus files", "indexer/load.py", "file_hash", None),
    ("load previous index", "indexer/build.py", "_previous", None),
    ("  of which: verify checksums", "indexer/store/index_dir.py", "_file_digest", "load_index"),
    ("split previous index by document", "indexer/build.py", "_split_by_document", None),
    ("load + clean changed document", "indexer/load.py", "load_document", None),
    ("chunk + embed changed document", "indexer/build.py", "embed_documents", None),
    ("assemble arrays", "indexer/build.py", "assemble", None),
    ("BM25 build over all chunks", "indexer/language/lexical.py", "build", None),
    ("  of which: BM25 tokenize (jieba, stemmer)", "indexer/language/lexical.py", "tokenize", None),
    ("FAISS build", "indexer/store/faiss_index.py", "build", None),
    ("write new index version (all)", "indexer/store/index_dir.py", "save_index", None),
    ("  of which: BM25 save", "indexer/language/lexical.py", "save", None),
    ("  of which: manifest checksums", "indexer/store/index_dir.py", "_file_digest", "<dictcomp>"),
    ("  of which: fsync", "indexer/store/index_dir.py", "_fsync_tree", None),
    ("build_index total", "indexer/build.py", "build_index", None),
]


def timed(corpus: Path, index: Path, settings: Settings, factory: Callable[[], Encoder]) -> tuple[float, BuildReport]:
    seconds, report = clock(build_index, corpus, index, settings, factory)
    return round(seconds, 3), report


def timed_cli(corpus: Path, index: Path) -> tuple[float, BuildReport]:
    cmd = [str(POLICYBOT), "index", "--corpus", str(corpus), "--index", str(index)]
    seconds, proc = clock(subprocess.run, cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    seconds = round(seconds, 3)
    report = json.loads(proc.stdout)
    report.pop("ok")
    return seconds, BuildReport(**report)


def check_full(index: Path, seed: int, zh_share: float, report: BuildReport) -> dict[str, Any]:
    """Every chunk embedded once; no boilerplate indexed; titles and dates as generated."""
    assert report.ok and report.written and report.embedded_chunks == report.chunks, report.to_dict()
    data = load_index(index)
    leaked = [(c.doc_id, m) for c in data.chunks for m in BOILERPLATE if m in c.text]
    assert not leaked, f"boilerplate indexed: {leaked[:5]}"
    for doc_id, entry in data.documents.items():
        doc = make_document(seed, int(doc_id[3:]), zh_share)
        assert (entry["title"], entry["date"]) == (doc.title, doc.date), (doc_id, entry, doc.title, doc.date)
    return {d: e["chunks"] for d, e in data.documents.items()}


def amend(corpus: Path, doc_id: str, lang: str, n: int) -> str:
    """Append a sentence to the document's last body paragraph (the cleaner keeps it)."""
    path = doc_path(corpus, int(doc_id[3:]))
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.rpartition("\n\n")  # the tail is the related list and footer
    sentence = AMENDMENT[lang].format(n=n)
    path.write_text(head + sentence + sep + tail, encoding="utf-8")
    return sentence.strip()


def check_incremental(index: Path, doc_id: str, sentence: str, report: BuildReport, docs: int) -> int:
    assert report.ok and report.written and report.updated == [doc_id], report.to_dict()
    assert not report.added and not report.removed and report.unchanged == docs - 1, report.to_dict()
    data = load_index(index)
    own = [c for c in data.chunks if c.doc_id == doc_id]
    assert report.embedded_chunks == len(own) == data.documents[doc_id]["chunks"], (report.to_dict(), len(own))
    assert any(sentence in c.text for c in own), "the appended sentence is not in the index"
    return len(own)


def profile_stages(profile: cProfile.Profile) -> dict[str, Any]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    stages = {}
    for label, suffix, func, caller in STAGES:
        total = 0.0
        for (file, _, name), (_, _, _, cum, callers) in stats.items():
            if name == func and file.endswith(suffix):
                total += cum if caller is None else sum(v[3] for k, v in callers.items() if k[2] == caller)
        stages[label] = round(total, 3)
    top = sorted(stats.items(), key=lambda kv: -kv[1][2])[:12]
    return {"stages_s": stages, "top_self_time": [
        f"{Path(f).name}:{line}({name}) self {v[2]:.3f}s cum {v[3]:.3f}s calls {v[1]}" for (f, line, name), v in top]}


def run(docs: int, seed: int, zh_share: float, repeats: int, work: Path) -> dict[str, Any]:
    head = stamp("timings noisy; ratios are from this one run")  # at the start: the code this process imports
    corpus, index = work / "corpus", work / "index"
    generate_s, generated = clock(generate, corpus, docs, seed, zh_share)
    settings = Settings(corpus=corpus, index=index)
    spec = EncoderSpec.of(settings, threads=settings.index_threads)  # as `policybot index` gets it
    load_s: list[float] = []

    def factory() -> Encoder:
        seconds, encoder = clock(get_encoder, spec)
        load_s.append(seconds)
        return encoder

    full_s, full = timed(corpus, index, settings, factory)
    chunks_per_doc = check_full(index, seed, zh_share, full)
    ranked = sorted(chunks_per_doc, key=lambda d: (chunks_per_doc[d], d))
    doc_id = ranked[len(ranked) // 2]  # median chunk count
    lang = make_document(seed, int(doc_id[3:]), zh_share).lang
    out: dict[str, Any] = {"full_build": {"seconds": full_s, "model_load_s": round(load_s[0], 2),
                                          "documents": full.documents, "chunks": full.chunks,
                                          "embedded_chunks": full.embedded_chunks,
                                          "chunks_per_s": round(full.chunks / full_s, 1)}}
    amendments = iter(range(1, 100))

    def rebuild(runner: Callable[[], tuple[float, BuildReport]]) -> dict[str, Any]:
        sentence = amend(corpus, doc_id, lang, next(amendments))
        seconds, report = runner()
        own = check_incremental(index, doc_id, sentence, report, docs)
        return {"seconds": seconds, "embedded_chunks": own, "over_full": round(seconds / full_s, 4)}

    runs = [rebuild(lambda: timed(corpus, index, settings, factory)) for _ in range(repeats)]
    median = statistics.median(r["seconds"] for r in runs)
    out["incremental"] = {"seconds": round(median, 3), "all_s": [r["seconds"] for r in runs],
                          "embedded_chunks": runs[0]["embedded_chunks"], "over_full": round(median / full_s, 4)}
    texts = [embed_text(c)[0] for c in load_index(index).chunks]  # what every rebuild gives BM25
    out["incremental"]["bm25_tokenize_all_s"] = round(clock(lambda: [tokenize(t) for t in texts])[0], 3)
    out["incremental"]["bm25_build_all_s"] = round(clock(LexicalIndex.build, texts)[0], 3)

    same_s, same = timed(corpus, index, settings, factory)
    assert same.ok and not same.written and same.embedded_chunks == 0 and same.unchanged == docs, same.to_dict()
    out["no_change"] = {"seconds": same_s, "embedded_chunks": 0, "over_full": round(same_s / full_s, 4)}

    get_encoder.cache_clear()
    out["incremental_model_reload"] = rebuild(lambda: timed(corpus, index, settings, factory))
    out["incremental_model_reload"]["model_load_s"] = round(load_s[-1], 2)

    profile = cProfile.Profile()
    out["incremental_profiled"] = rebuild(lambda: profile.runcall(timed, corpus, index, settings, factory))
    out["incremental_profiled"].update(profile_stages(profile))
    out["incremental_cli_process"] = rebuild(lambda: timed_cli(corpus, index))

    ratio = out["incremental"]["over_full"]
    return {
        **head, "encoder": {"backend": get_encoder(spec).backend, "threads": spec.threads}, "model": settings.model,
        "chunking": {"size": settings.chunk_size, "overlap": settings.chunk_overlap},
        "corpus": {**generated, "generate_s": round(generate_s, 2)},
        "changed_document": {"doc_id": doc_id, "lang": lang, "chunks_before": chunks_per_doc[doc_id]},
        **out, "floor": FLOOR, "floor_met": ratio < FLOOR,
    }


def summary(r: dict[str, Any]) -> str:
    full, c = r["full_build"], r["corpus"]
    rows = [f"corpus: {c['docs']} docs ({c['zh_docs']} Chinese), mean {c['mean_file_chars']} chars/file, "
            f"generated in {c['generate_s']} s",
            f"full build:        {full['seconds']:8.1f} s  {full['chunks']} chunks ({full['chunks_per_s']} chunks/s, "
            f"model load {full['model_load_s']} s)"]
    for key, label in [("incremental", "incremental (1 doc, median)"), ("no_change", "no-change rebuild"),
                       ("incremental_model_reload", "incremental + model load"),
                       ("incremental_cli_process", "`policybot index` process")]:
        x = r[key]
        rows.append(f"{label + ':':30s}{x['seconds']:7.2f} s  embedded {x['embedded_chunks']:3d}  "
                    f"ratio to full {x['over_full']:.4f}")
    inc = r["incremental"]
    rows.append(f"BM25 over all chunks, unprofiled: build {inc['bm25_build_all_s']} s "
                f"(tokenize alone {inc['bm25_tokenize_all_s']} s)")
    rows.append(f"floor < {r['floor']}: {'met' if r['floor_met'] else 'NOT met'}")
    rows.append(f"profiled incremental ({r['incremental_profiled']['seconds']} s under cProfile):")
    rows += [f"  {k:44s}{v:8.3f} s" for k, v in r["incremental_profiled"]["stages_s"].items()]
    return "\n".join(rows)


def main() -> None:
    parser = arg_parser(__doc__, out="incremental.json")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--zh-share", type=float, default=0.2)
    parser.add_argument("--repeats", type=int, default=3, help="incremental rebuilds timed (median reported)")
    args = parser.parse_args()
    started = time.monotonic()
    with scratch("incremental") as work:
        result = run(args.docs, args.seed, args.zh_share, args.repeats, work)
    result["seconds"] = round(time.monotonic() - started, 1)
    save(args.out, result, summary(result))


if __name__ == "__main__":
    main()
