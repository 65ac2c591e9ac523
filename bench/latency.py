"""Answer latency: in-process floor (encode + FAISS) vs POST /api/ask on the real server.

Usage: .venv/bin/python bench/latency.py [--index DIR] [--rounds 10] [--budget 120]

All measured paths are interleaved question by question, round by round, so load from other
users of the machine hits them alike. Writes bench/results/latency.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.service import PolicyBot  # noqa: E402
from core.settings import Settings  # noqa: E402
from indexer.build import build_index  # noqa: E402

QUESTION_FILES = [ROOT / "tests/data/dev_questions.jsonl", ROOT / "bench/calibration_questions.jsonl"]
RESULTS = ROOT / "bench/results/latency.json"


def questions(n: int) -> list[str]:
    """``n`` questions, alternating the two files so both kinds are in the set."""
    lists = [[json.loads(line)["question"] for line in f.read_text().splitlines() if line.strip()]
             for f in QUESTION_FILES]
    mixed = [q for pair in zip(*lists, strict=False) for q in pair]
    return mixed[:n]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(index: Path, port: int, work: Path, timeout: float = 90.0) -> subprocess.Popen[bytes]:
    """`policybot serve` as deployed, except: no rate limit, and the question log goes to ``work``."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
           "POLICYBOT_RATE_LIMIT_PER_MINUTE": "0", "POLICYBOT_ANALYTICS_DB": str(work / "analytics.sqlite3")}
    cmd = [str(ROOT / ".venv/bin/policybot"), "serve", "--index", str(index), "--host", "127.0.0.1",
           "--port", str(port)]
    log = work / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log_tail(log)}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json().get("status") == "ok":
                return proc
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.25)
    stop_server(proc)
    raise RuntimeError(f"server not healthy after {timeout:.0f}s:\n{log_tail(log)}")


def log_tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def revision() -> str:
    out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


def stats(ms: list[float]) -> dict[str, float]:
    q = statistics.quantiles(ms, n=10) if len(ms) > 1 else [ms[0]] * 9
    return {"median_ms": round(statistics.median(ms), 3), "p90_ms": round(q[8], 3),
            "min_ms": round(min(ms), 3), "n": len(ms)}


def ratio(num: list[float], den: list[float]) -> dict[str, float]:
    """Ratio of medians, and the median of per-pair ratios (pairs were measured back to back)."""
    return {"of_medians": round(statistics.median(num) / statistics.median(den), 3),
            "paired_median": round(statistics.median(a / b for a, b in zip(num, den, strict=True)), 3)}


def run(index: Path, rounds: int, n_questions: int, budget: float, work: Path) -> dict[str, Any]:
    import torch

    started = time.monotonic()
    settings = Settings(corpus=ROOT / "corpus", index=index)
    bot = PolicyBot(settings)
    built = None
    if not index.exists():
        report = build_index(settings.corpus, index, settings, bot.encoder)
        built = {"chunks": report.chunks, "seconds": report.seconds}
    loaded = bot.index()
    encoder = bot.encoder(loaded.data.model)
    k = max(settings.top_k, settings.candidates)
    qs = questions(n_questions)
    port = free_port()
    proc = start_server(index, port, work)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            def http(q: str) -> None:
                r = client.post("/api/ask", json={"question": q, "top_k": settings.top_k})
                r.raise_for_status()

            def floor(q: str) -> None:
                loaded.data.vector_index.search(encoder.encode_queries([q]), k)

            paths: dict[str, Callable[[str], object]] = {
                "floor": floor,
                "http_ask": http,
                "inproc_dense": lambda q: bot.ask(q, mode="dense"),
                "inproc_hybrid": lambda q: bot.ask(q, mode="hybrid"),
            }
            mode_probe = client.post("/api/ask", json={"question": qs[0], "mode": "dense"}).status_code
            names = list(paths)
            for q in qs:  # warm-up: every path, every question, once
                for name in names:
                    paths[name](q)
            times: dict[str, list[float]] = {name: [] for name in names}
            done_rounds = 0
            for r in range(rounds):
                if time.monotonic() - started > budget:
                    break
                for i, q in enumerate(qs):
                    shift = (r + i) % len(names)  # rotate which path goes first
                    for name in names[shift:] + names[:shift]:
                        times[name].append(timed(lambda name=name, q=q: paths[name](q)))
                done_rounds += 1
    finally:
        stop_server(proc)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores, shared (timings noisy; ratios from interleaved runs)",
        "code": revision(), "torch_threads_inproc": torch.get_num_threads(),
        "index": {"chunks": len(loaded.data.chunks), "documents": len(loaded.data.documents),
                  "built": built},
        "questions": len(qs), "rounds": done_rounds, "k": k,
        "api_accepts_mode": mode_probe == 200,
        "dense_vs_hybrid_measured": "in-process PolicyBot.ask(mode=...)",
        "latency": {name: stats(t) for name, t in times.items()},
        "ratios": {
            "http_over_floor": ratio(times["http_ask"], times["floor"]),
            "hybrid_over_dense": ratio(times["inproc_hybrid"], times["inproc_dense"]),
            "http_over_inproc_hybrid": ratio(times["http_ask"], times["inproc_hybrid"]),
            "inproc_hybrid_over_floor": ratio(times["inproc_hybrid"], times["floor"]),
        },
        "floor_met": statistics.median(times["http_ask"]) <= 2 * statistics.median(times["floor"]),
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` still stops the server
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="index directory to reuse (built there if absent)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--budget", type=float, default=100.0, help="stop starting rounds after this (s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policybot-latency-") as tmp:
        index = args.index.resolve() if args.index else Path(tmp) / "index"
        result = run(index, args.rounds, args.questions, args.budget, Path(tmp))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
