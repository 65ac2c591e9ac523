"""Answer latency: in-process floor (encode + FAISS) vs POST /api/ask on the real server.

Usage: python -m bench.latency [--index DIR] [--rounds 10] [--questions 20] [--budget 100] [--out FILE]

All measured paths are interleaved question by question, round by round, so load from other
users of the machine hits them alike. Without --index, an index of corpus/ is built in a temp
directory (with --index DIR, DIR is reused, or built there if absent). Writes bench/results/latency.json.
"""

from __future__ import annotations

import http.client
import json
import statistics
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.common import (
    CORPUS,
    arg_parser,
    clock,
    ensure_index,
    exit_on_sigterm,
    ms_stats,
    questions,
    ratio,
    rounds,
    save,
    scratch,
    stamp,
    start_server,
)
from bot.service import PolicyBot
from core.settings import Settings


def run(index: Path, rounds_: int, n_questions: int, budget: float, work: Path) -> dict[str, Any]:
    started = time.monotonic()
    head = stamp()
    built = ensure_index(index, work)
    settings = Settings(corpus=CORPUS, index=index)
    bot = PolicyBot(settings)
    loaded = bot.index()
    encoder = bot.encoder(loaded.data.model)
    k = max(settings.top_k, settings.candidates)
    qs = questions(n_questions)
    server = start_server(index, work, timeout=300.0)  # e5 start-up on a loaded 2-core machine took 217 s
    address = urllib.parse.urlsplit(server.url)
    plain = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            def http_ask(q: str) -> None:
                r = client.post("/api/ask", json={"question": q, "top_k": settings.top_k})
                r.raise_for_status()

            def http_stdlib(q: str) -> None:
                """The same request over the standard library's client: httpx itself costs ~1 ms a
                request here (a 0.5 ms /api/health round trip takes 1.5 ms through it)."""
                plain.request("POST", "/api/ask", json.dumps({"question": q, "top_k": settings.top_k}).encode(),
                              {"Content-Type": "application/json"})
                response = plain.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"/api/ask answered {response.status}")

            def floor(q: str) -> None:
                loaded.data.vector_index.search(encoder.encode_queries([q]), k)

            paths: dict[str, Callable[[str], object]] = {
                "floor": floor,
                "http_ask": http_ask,
                "http_ask_stdlib": http_stdlib,
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
            for r in rounds(rounds_, budget, time.monotonic(), at_least=1):  # budget after start-up
                for i, q in enumerate(qs):
                    shift = (r + i) % len(names)  # rotate which path goes first
                    for name in names[shift:] + names[:shift]:
                        times[name].append(clock(paths[name], q)[0] * 1000.0)
                done_rounds += 1
    finally:
        plain.close()
        server.stop()
    return {
        **head, "encoder": encoder.backend, "encoder_threads": settings.torch_threads,
        "index": {"chunks": len(loaded.data.chunks), "documents": len(loaded.data.documents),
                  "built": built},
        "questions": len(qs), "rounds": done_rounds, "k": k,
        "api_accepts_mode": mode_probe == 200,
        "dense_vs_hybrid_measured": "in-process PolicyBot.ask(mode=...)",
        "latency": {name: ms_stats(t) for name, t in times.items()},
        "ratios": {
            "http_over_floor": ratio(times["http_ask"], times["floor"]),
            "http_stdlib_over_floor": ratio(times["http_ask_stdlib"], times["floor"]),
            "hybrid_over_dense": ratio(times["inproc_hybrid"], times["inproc_dense"]),
            "http_over_inproc_hybrid": ratio(times["http_ask"], times["inproc_hybrid"]),
            "inproc_hybrid_over_floor": ratio(times["inproc_hybrid"], times["floor"]),
        },
        "floor_met": statistics.median(times["http_ask"]) <= 2 * statistics.median(times["floor"]),
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    exit_on_sigterm()
    parser = arg_parser(__doc__, out="latency.json")
    parser.add_argument("--index", type=Path, help="index directory to reuse (built there if absent)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--budget", type=float, default=100.0, help="stop starting rounds after this (s)")
    args = parser.parse_args()
    with scratch("latency") as work:
        index = args.index.resolve() if args.index else work / "index"
        result = run(index, args.rounds, args.questions, args.budget, work)
    save(args.out, result)


if __name__ == "__main__":
    main()
