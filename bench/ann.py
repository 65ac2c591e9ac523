"""Exact vs approximate vector search at up to 1,000,000 vectors: where flat search starts to hurt.

Usage: python -m bench.ann [--n 1000000] [--sweep 10000,20000,...] [--hnsw-n 100000]
                          [--queries 500] [--budget 480] [--ivf4]
                          [--clusters 1000] [--query-noise 1.5] [--out FILE]

Data: a deterministic synthetic collection standing in for sentence embeddings (``Mixture``):
float32, dimension 384, L2-normalised, drawn from a mixture of ``--clusters`` clusters (log-normal
sizes) whose centres share a common direction and one of 100 topics, each cluster spread along its
own 16-dimensional subspace plus isotropic noise. Queries come from the same mixture with
``--query-noise`` times the noise (near the data, not copies of it). Generated in chunks of 50,000
rows into bench/.work/ann/ (1.5 GB at 1M; reused by later runs). Rows are i.i.d., so the first m
rows are a collection of size m.

What it measures, every index as deployed (written with ``VectorIndex.save``, read back with
``VectorIndex.load(mmap=True)``):

1. build time (2 threads) and file size of ``flat-ip`` and ``ivf-sq8`` at every ``--sweep`` size,
   of an ``ivf-sq8`` variant with nlist = 4*sqrt(n) at ``--n`` (``--ivf4``: minutes more), and
   of ``hnsw`` at ``--hnsw-n`` (HNSW builds ~2,000 vectors/s here: 1M would not fit the budget);
2. recall@10 against exact search of every approximate index at its default parameters, and
   over a sweep of nprobe / efSearch (the queries as one batch, 1 thread);
3. single-query latency (k=10), in blocks of 50 queries, each block a fresh process running
   with 1 or 2 FAISS threads; blocks alternate 1, 2, 2, 1, ... over the same queries. Within a
   block every index is timed on the same query back to back, in an order that rotates every
   query. (One process switching between 1 and 2 OpenMP threads made its 1-thread searches ~2x
   slower: the idle OpenMP worker spins on the shared cores.) 1 thread: every index, and a
   read-into-memory copy of the largest flat index (what mmap costs); 2 threads: the indexes at
   ``--n`` and ``--hnsw-n``. Medians and p95 over ``--queries`` queries (fewer if ``--budget``
   seconds run out, at least 100);
4. memory: a fresh process per (index, mmap) loads the file and runs 200 queries; VmRSS,
   RssAnon (private to the process) and RssFile (page cache, shared by all processes mapping
   the file) from /proc/self/status, before and after.

Writes bench/results/ann.json (or ``--out``) and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from bench.common import ROOT, arg_parser, clock, log, ms_stats, paired_median, run_module, save, stamp
from indexer.store.faiss_index import EXACT, HNSW, IVF_SQ8, VectorIndex, ivf_lists

WORK = ROOT / "bench/.work/ann"
DIM, TOPICS, RANK, SEED = 384, 100, 16, 20261121
CHUNK = 50_000
BLOCK = 50
K = 10
PROBE_GRID = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)
EF_GRID = (16, 32, 48, 64, 96, 128, 192, 256, 384, 512)


# --------------------------------------------------------------------------------------- data
@dataclass
class Mixture:
    centres: np.ndarray  # (clusters, dim)
    bases: np.ndarray  # (clusters, dim, RANK), orthonormal columns
    spread: np.ndarray  # norm of the in-subspace part, per cluster
    noise: np.ndarray  # norm of the isotropic part, per cluster
    weights: np.ndarray

    @classmethod
    def make(cls, dim: int, clusters: int, seed: int) -> Mixture:
        rng = np.random.default_rng([seed, 0])
        mean = _unit(rng.standard_normal(dim))
        topics = _unit(rng.standard_normal((TOPICS, dim)))
        own = _unit(rng.standard_normal((clusters, dim)))
        centres = _unit(0.35 * mean + 0.6 * topics[np.arange(clusters) % TOPICS] + 0.7 * own)
        bases = np.concatenate([np.linalg.qr(rng.standard_normal((min(1000, clusters - i), dim, RANK)))[0]
                                for i in range(0, clusters, 1000)])
        weights = rng.lognormal(0.0, 0.7, clusters)
        return cls(centres.astype(np.float32), bases.astype(np.float32),
                   rng.uniform(0.6, 1.0, clusters), rng.uniform(0.35, 0.55, clusters),
                   weights / weights.sum())

    def sample(self, count: int, rng: np.random.Generator, noise_scale: float = 1.0) -> np.ndarray:
        clusters, dim = self.centres.shape
        labels = rng.choice(clusters, size=count, p=self.weights)
        z = rng.standard_normal((count, RANK), dtype=np.float32)
        e = rng.standard_normal((count, dim), dtype=np.float32)
        out = np.empty((count, dim), dtype=np.float32)
        order = np.argsort(labels, kind="stable")
        bounds = np.searchsorted(labels[order], np.arange(clusters + 1))
        for c in range(clusters):
            rows = order[bounds[c]:bounds[c + 1]]
            if len(rows):
                out[rows] = (self.centres[c]
                             + (z[rows] @ self.bases[c].T) * (self.spread[c] / math.sqrt(RANK))
                             + e[rows] * (noise_scale * self.noise[c] / math.sqrt(dim)))
        return _unit(out)


def _unit(a: np.ndarray) -> np.ndarray:
    return a / np.linalg.norm(a, axis=-1, keepdims=True)


def data_tag(dim: int, clusters: int, seed: int) -> str:
    return f"{dim}-{clusters}-{seed}"


def dataset(n: int, dim: int, clusters: int, seed: int) -> tuple[np.ndarray, str]:
    """The first ``n`` rows of the deterministic collection (memory-mapped, generated once)."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"vectors-{n}-{data_tag(dim, clusters, seed)}.npy"
    done = path.with_suffix(".done")
    if not done.exists():
        mixture = Mixture.make(dim, clusters, seed)
        out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, dim))
        started = time.perf_counter()
        for i, start in enumerate(range(0, n, CHUNK)):
            stop = min(n, start + CHUNK)
            out[start:stop] = mixture.sample(stop - start, np.random.default_rng([seed, 1, i]))
        out.flush()
        del out
        done.write_text(f"{time.perf_counter() - started:.1f} s\n")
    return np.load(path, mmap_mode="r"), done.read_text().strip()


def make_queries(count: int, dim: int, clusters: int, seed: int, noise: float) -> np.ndarray:
    return Mixture.make(dim, clusters, seed).sample(count, np.random.default_rng([seed, 2]), noise)


# ----------------------------------------------------------------------------------- measure
def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / truth.shape[1] for f, t in zip(found, truth, strict=True)]))


def rss() -> dict[str, int]:
    out = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) * 1024
    return out


def build_and_save(vectors: np.ndarray, kind: str, path: Path, **params: Any) -> dict[str, Any]:
    faiss.omp_set_num_threads(2)
    seconds, index = clock(VectorIndex.build, vectors, kind, **params)
    index.save(path)
    del index
    size = path.stat().st_size
    return {"kind": kind, "n": len(vectors), "build_s": round(seconds, 2), "file": str(path),
            "file_bytes": size, "file_bytes_per_vector": round(size / len(vectors), 1)}


def sweep_recall(index: VectorIndex, queries: np.ndarray, truth: np.ndarray) -> list[dict[str, float]]:
    """Recall@10 and batch time per query over the index's effort parameter, 1 thread."""
    faiss.omp_set_num_threads(1)
    default = index.params
    if index.kind == IVF_SQ8:
        settings = [{"nprobe": p} for p in PROBE_GRID if p <= default["nlist"]]
    else:
        settings = [{"ef_search": ef} for ef in EF_GRID]
    rows = []
    for setting in settings:
        index.tune(**setting)
        seconds, (_, found) = clock(index.search, queries, K)
        rows.append({**setting, "recall_at_10": round(recall(found, truth), 4),
                     "batch_ms_per_query": round(seconds / len(queries) * 1e3, 3)})
    index.tune(nprobe=default.get("nprobe"), ef_search=default.get("efSearch"))
    return rows


def memory_probe(kind: str, path: str, mmap: bool, queries_path: str) -> dict[str, Any]:
    """Run in a fresh process: RSS before and after loading one index and searching with it."""
    faiss.omp_set_num_threads(1)
    queries = np.load(queries_path)
    before = rss()
    index = VectorIndex.load(Path(path), kind, mmap=mmap)
    loaded = rss()
    for q in queries:
        index.search(q, K)
    searched = rss()
    n = len(index)
    out: dict[str, Any] = {"kind": kind, "file": path, "mmap": mmap, "n": n}
    for label, state in (("after_load", loaded), ("after_search", searched)):
        out[label] = {f"{key}_bytes_per_vector": round((state[key] - before[key]) / n, 1) for key in before}
    return out


def latency_block(spec_path: str, threads: int, start: int, count: int) -> dict[str, list[float]]:
    """Run in a fresh process with ``threads`` FAISS threads: time queries[start:start+count]."""
    faiss.omp_set_num_threads(threads)
    spec = json.loads(Path(spec_path).read_text())
    queries = np.load(spec["queries"])
    labels = spec["threads"][str(threads)]
    indexes = {label: VectorIndex.load(Path(spec["indexes"][label]["file"]), spec["indexes"][label]["kind"],
                                       mmap=spec["indexes"][label]["mmap"]) for label in labels}
    for q in queries[:spec["warmup"]]:  # untimed: page the mapped files in, warm the caches
        for index in indexes.values():
            index.search(q, K)
    times: dict[str, list[float]] = {label: [] for label in labels}
    for i in range(start, start + count):
        q = queries[spec["warmup"] + i]
        shift = i % len(labels)
        for label in labels[shift:] + labels[:shift]:
            t = time.perf_counter()
            indexes[label].search(q, K)
            times[label].append(time.perf_counter() - t)
    return times


def child(args: list[str], threads: int = 1) -> Any:
    """A fresh process of this benchmark (its hidden options), with ``threads`` OpenMP threads."""
    return run_module("bench.ann", *args, env={**os.environ, "OMP_NUM_THREADS": str(threads)})


# ---------------------------------------------------------------------------------------- run
def run(args: argparse.Namespace) -> dict[str, Any]:
    t0 = time.perf_counter()
    head = stamp()
    sizes = sorted({*args.sweep, args.n, args.hnsw_n})
    tag = data_tag(args.dim, args.clusters, args.seed)
    data, generated = dataset(args.n, args.dim, args.clusters, args.seed)
    queries = make_queries(args.queries + args.warmup, args.dim, args.clusters, args.seed, args.query_noise)
    timed = queries[args.warmup:]
    log(f"data ready ({generated} to generate), {time.perf_counter() - t0:.0f} s")

    builds: dict[str, dict[str, Any]] = {}
    truth: dict[int, np.ndarray] = {}
    top_scores: dict[int, dict[str, float]] = {}
    for m in sizes:
        prefix = np.ascontiguousarray(data[:m])
        builds[f"flat-ip@{m}"] = build_and_save(prefix, EXACT, WORK / f"flat-{m}-{tag}.faiss")
        exact = VectorIndex.load(WORK / f"flat-{m}-{tag}.faiss", EXACT)
        faiss.omp_set_num_threads(2)
        scores, truth[m] = exact.search(timed, K)
        top_scores[m] = {"top1_median": round(float(np.median(scores[:, 0])), 3),
                         "top10_median": round(float(np.median(scores[:, -1])), 3)}
        del exact
        builds[f"ivf-sq8@{m}"] = build_and_save(prefix, IVF_SQ8, WORK / f"ivf-{m}-{tag}.faiss")
        if m == args.n and args.ivf4:
            builds[f"ivf-sq8-4sqrt@{m}"] = build_and_save(
                prefix, IVF_SQ8, WORK / f"ivf4-{m}-{tag}.faiss", nlist=min(round(4 * math.sqrt(m)), m // 39))
        if m == args.hnsw_n:
            builds[f"hnsw@{m}"] = build_and_save(prefix, HNSW, WORK / f"hnsw-{m}-{tag}.faiss")
        del prefix
        log(f"built n={m}: " + ", ".join(f"{k} {v['build_s']} s" for k, v in builds.items() if k.endswith(f"@{m}")))
    del data

    quality: dict[str, Any] = {}
    for label, b in builds.items():
        if b["kind"] == EXACT:
            continue
        index = VectorIndex.load(Path(b["file"]), b["kind"])
        faiss.omp_set_num_threads(1)
        _, found = index.search(timed, K)
        quality[label] = {"params": index.params, "recall_at_10": round(recall(found, truth[b["n"]]), 4),
                          "sweep": sweep_recall(index, timed, truth[b["n"]])}
        log(f"recall {label} {quality[label]['params']}: {quality[label]['recall_at_10']}")

    in_memory = f"flat-ip@{args.n} (read into memory)"
    indexes = {label: {"kind": b["kind"], "file": b["file"], "mmap": True} for label, b in builds.items()}
    indexes[in_memory] = {**indexes[f"flat-ip@{args.n}"], "mmap": False}
    two = [label for label, b in builds.items() if b["n"] in (args.n, args.hnsw_n)]
    spec = {"queries": str(WORK / "latency-queries.npy"), "warmup": args.warmup, "indexes": indexes,
            "threads": {"1": list(indexes), "2": two}}
    np.save(spec["queries"], queries)
    spec_path = WORK / "latency-spec.json"
    spec_path.write_text(json.dumps(spec))
    times: dict[tuple[str, int], list[float]] = {(label, t): [] for t in (1, 2) for label in spec["threads"][str(t)]}
    done, started, pair = 0, time.perf_counter(), 0
    while done < len(timed) and not (done >= 100 and time.perf_counter() - started > args.budget):
        count = min(BLOCK, len(timed) - done)
        for threads in ((1, 2) if pair % 2 == 0 else (2, 1)):
            block = child(["--latency-block", str(spec_path), str(threads), str(done), str(count)], threads)
            for label, values in block.items():
                times[(label, threads)].extend(values)
        done, pair = done + count, pair + 1
        log(f"latency: {done} queries")
    latency: dict[str, dict[str, Any]] = {}
    for (label, threads), values in times.items():
        latency.setdefault(label, {})[f"{threads}_thread{'s' if threads > 1 else ''}"] = ms_stats(
            [v * 1e3 for v in values], tail=95)

    def paired(a: str, b: str, threads: int = 1) -> float:
        """Median over queries of time(a) / time(b), both timed back to back on the same query."""
        return paired_median(times[(a, threads)], times[(b, threads)])

    speedups = {label: {"1_thread": paired(f"flat-ip@{b['n']}", label),
                        **({"2_threads": paired(f"flat-ip@{b['n']}", label, 2)} if label in two else {})}
                for label, b in builds.items() if b["kind"] != EXACT}
    two_vs_one = {label: round(latency[label]["2_threads"]["median_ms"] / latency[label]["1_thread"]["median_ms"], 2)
                  for label in two}

    probe_queries = WORK / "probe-queries.npy"
    np.save(probe_queries, timed[:200])
    memory = []
    for label, b in builds.items():
        if b["n"] in (args.n, args.hnsw_n):
            for mmap in (True, False):
                memory.append({"index": label, **child(["--memory-probe", b["kind"], b["file"], "1" if mmap else "0",
                                                        str(probe_queries)])})
    log("memory probes done")

    flat_1t = {m: latency[f"flat-ip@{m}"]["1_thread"]["median_ms"] for m in sizes}
    slope = np.polyfit(np.array(sizes, dtype=float), np.array([flat_1t[m] for m in sizes]), 1)
    return {
        **head, "faiss": faiss.__version__, "load_average_end": round(os.getloadavg()[0], 1),
        "data": {"n": args.n, "dim": args.dim, "clusters": args.clusters, "topics": TOPICS, "subspace_rank": RANK,
                 "seed": args.seed, "queries": len(timed), "query_noise_scale": args.query_noise,
                 "exact_scores": top_scores, "generated": generated},
        "k": K, "latency_queries": done, "latency_block": BLOCK,
        "builds": builds, "quality": quality, "latency": latency,
        "paired_median_speedup_vs_flat": speedups,
        "flat_in_memory_over_mmap_time_1_thread": paired(in_memory, f"flat-ip@{args.n}"),
        "two_threads_over_one_median": two_vs_one,
        "flat_1_thread_ms_per_100k_vectors": round(float(slope[0]) * 1e5, 3),
        "flat_1_thread_median_ms": flat_1t,
        "ivf_lists_default": {m: ivf_lists(m) for m in sizes},
        "memory": memory,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main() -> None:
    parser = arg_parser(__doc__, out="ann.json")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dim", type=int, default=DIM)
    parser.add_argument("--sweep", type=lambda s: [int(x) for x in s.split(",")],
                        default=[10_000, 20_000, 50_000, 100_000, 200_000, 500_000])
    parser.add_argument("--hnsw-n", type=int, default=100_000, help="HNSW builds slowly: its size")
    parser.add_argument("--ivf4", action="store_true", help="also build nlist=4*sqrt(n) at --n (slow)")
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--query-noise", type=float, default=1.5)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--budget", type=float, default=480, help="seconds for the latency blocks")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--memory-probe", nargs=4, metavar=("KIND", "FILE", "MMAP", "QUERIES"))
    parser.add_argument("--latency-block", nargs=4, metavar=("SPEC", "THREADS", "START", "COUNT"))
    args = parser.parse_args()
    if args.memory_probe:
        kind, path, mmap, queries = args.memory_probe
        print(json.dumps(memory_probe(kind, path, mmap == "1", queries)))
        return
    if args.latency_block:
        spec, threads, start, count = args.latency_block
        print(json.dumps(latency_block(spec, int(threads), int(start), int(count))))
        return
    result = run(args)
    save(args.out, result, summary(result, args.out))


def summary(r: dict[str, Any], out: Path) -> str:
    lines = [f"\n{r['date']}  code {r['code']}  faiss {r['faiss']}  {r['machine']}",
             f"exact top-1 / 10th cosine (median): {r['data']['exact_scores']}",
             "\nindex | build s | file B/vec | recall@10 | 1 thread median/p95 ms | 2 threads median/p95 ms"]
    for label, lat in r["latency"].items():
        b = r["builds"].get(label, {})
        q = r["quality"].get(label, {})
        one, two = lat["1_thread"], lat.get("2_threads", {"median_ms": "-", "p95_ms": "-"})
        lines.append(f"{label} | {b.get('build_s', '')} | {b.get('file_bytes_per_vector', '')} | "
                     f"{q.get('recall_at_10', 'exact')} {q.get('params', '')} | {one['median_ms']} / {one['p95_ms']} | "
                     f"{two['median_ms']} / {two['p95_ms']}")
    lines += [f"\npaired speed-up vs flat: {r['paired_median_speedup_vs_flat']}",
              f"flat in memory / mmap time: {r['flat_in_memory_over_mmap_time_1_thread']}",
              f"2 threads / 1 thread (medians): {r['two_threads_over_one_median']}",
              f"flat ms per 100k vectors (1 thread): {r['flat_1_thread_ms_per_100k_vectors']}",
              "\nmemory (bytes/vector, after load -> after 200 searches): RssAnon private, RssFile shared"]
    for m in r["memory"]:
        a, s = m["after_load"], m["after_search"]
        lines.append(f"{m['index']} mmap={m['mmap']}: anon {a['RssAnon_bytes_per_vector']} -> "
                     f"{s['RssAnon_bytes_per_vector']}, file {a['RssFile_bytes_per_vector']} -> "
                     f"{s['RssFile_bytes_per_vector']}")
    lines.append(f"\n{r['seconds']} s in all ({r['latency_queries']} latency queries); wrote {out}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
