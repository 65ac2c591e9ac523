"""Serving under load: throughput and tail latency of POST /api/ask with 1 and 2 workers.

Usage: python -m bench.load [--index DIR] [--rounds 4] [--slice 5] [--long 10000] [--out FILE]

A second process (this one, asyncio + httpx, a bounded number of requests in flight) drives the
real server (`policybot serve --workers W` on 127.0.0.1) with questions from
tests/data/dev_questions.jsonl and bench/calibration_questions.jsonl in rotation.

Four servers run side by side (1 worker; 2 workers; 2 workers sharing one socket as uvicorn does,
the baseline of SHARED_SOCKET; 1 worker with 2 encoder threads); idle ones cost no CPU. Each round
times every (server, concurrency) cell for ``--slice`` seconds after a 1 s ramp, in a shuffled
order, so load from other users of the machine hits all cells alike.
Then one run of ``--long`` requests at concurrency 32 against the 2-worker server, and the
two-server run of bench/replicas.py (``--two-servers`` requests per layout: PostgreSQL + Redis
against SQLite + per-process limits; ``--only-two-servers`` runs just that).
Writes bench/results/load.json.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench.common import (
    Server,
    arg_parser,
    ensure_index,
    exit_on_sigterm,
    load_average,
    log,
    percentile,
    questions,
    save,
    scratch,
    stamp,
    start_server,
)
from bench.driver import RAMP, TIMEOUT, Rotation, Run, drive, memory

SERVERS = {  # name: (workers, encoder threads per worker, with uvicorn's one shared socket)
    "1w1t": (1, 1, False),
    "2w1t": (2, 1, False),
    "2w1t-shared": (2, 1, True),
    "1w2t": (1, 2, False),
}
# Baseline for the per-worker SO_REUSEPORT sockets of app/serving.py: `policybot serve` with
# run_workers replaced by uvicorn's own scheme (one listening socket handed to every worker; with
# the IPPROTO_TCP fix, so only the socket layout differs).
SHARED_SOCKET = """
import socket
import uvicorn
from uvicorn.supervisors import Multiprocess
import app.serving

def run_workers(app, workers, *, host, port, **options):
    config = uvicorn.Config(app, factory=True, workers=workers, host=host, port=port, **options)
    sock = config.bind_socket()
    sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    Multiprocess(config, sockets=[sock]).run()

app.serving.run_workers = run_workers
from app.cli import main
main()
"""
CONCURRENCY = (1, 8, 32)


# -- servers -----------------------------------------------------------------------------------
def start(name: str, index: Path, work: Path) -> Server:
    workers, threads, shared = SERVERS[name]
    program = [sys.executable, "-c", SHARED_SOCKET] if shared else None
    return start_server(index, work, name, workers, threads, program)




def server_memory(server: Server) -> dict[str, Any]:
    workers = server.worker_pids()
    out: dict[str, Any] = {"workers": [memory(p) for p in workers]}
    if server.workers > 1:
        out["supervisor"] = memory(server.proc.pid)
    out["total_rss_mib"] = round(sum(memory(p).get("rss_mib", 0) for p in server.pids()), 1)
    out["total_pss_mib"] = round(sum(memory(p).get("pss_mib", 0) for p in server.pids()), 1)
    return out


# -- load --------------------------------------------------------------------------------------

def summarise(runs: list[Run], windowed: bool = True) -> dict[str, Any]:
    """Latency over requests started inside the measured windows; throughput per run (its median)."""
    lat: list[float] = []
    rates: list[float] = []
    failures = 0
    errors: dict[str, int] = {}
    server_cpu = client_cpu = span = machine = 0.0
    balance: list[float] = []
    counted = 0
    for run in runs:
        w0, w1 = run.window
        inside = [s for s in run.samples if (s.started >= w0 if windowed else True)]
        done = [s for s in run.samples if s.ok and (w0 <= s.ended <= w1 if windowed else True)]
        rates.append(len(done) / (w1 - w0))
        lat.extend((s.ended - s.started) * 1000 for s in inside if s.ok)
        for s in run.samples:  # failures anywhere, ramp included
            if not s.ok:
                failures += 1
                key = (s.error or "?").split(":")[0]
                errors[key] = errors.get(key, 0) + 1
        counted += len(run.samples)
        server_cpu += run.server_cpu
        client_cpu += run.client_cpu
        machine += run.machine_busy * run.elapsed
        span += run.elapsed
        if len(run.worker_cpu) > 1 and sum(run.worker_cpu) > 0:
            balance.append(max(run.worker_cpu) / sum(run.worker_cpu))
    lat.sort()
    out: dict[str, Any] = {
        "throughput_rps": round(statistics.median(rates), 2),
        "throughput_per_round": [round(r, 2) for r in rates],
        "p50_ms": round(percentile(lat, 50), 1), "p95_ms": round(percentile(lat, 95), 1),
        "p99_ms": round(percentile(lat, 99), 1), "max_ms": round(lat[-1], 1) if lat else None,
        "p95_over_p50": round(percentile(lat, 95) / percentile(lat, 50), 2) if lat else None,
        "latency_samples": len(lat), "requests": counted, "failures": failures,
        "server_cores_busy": round(server_cpu / span, 2) if span else None,
        "client_cores_busy": round(client_cpu / span, 2) if span else None,
        "machine_cores_busy": round(machine / span, 2) if span else None,
        "server_cpu_ms_per_request": round(1000 * server_cpu / counted, 1) if counted else None,
        "client_cpu_ms_per_request": round(1000 * client_cpu / counted, 2) if counted else None,
        "load_average_1m": round(statistics.median(r.loadavg for r in runs), 2),
    }
    if errors:
        out["errors"] = errors
        out["first_error"] = next(s.error for r in runs for s in r.samples if not s.ok)
    if balance:
        out["busiest_worker_cpu_share"] = round(statistics.median(balance), 2)
    return out


# -- the benchmark -----------------------------------------------------------------------------
def analytics_rows(path: Path) -> int | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])
    except sqlite3.Error:
        return None


def log_problems(server: Server) -> dict[str, int]:
    text = server.log.read_text(errors="replace")
    return {k: text.count(k) for k in ("Traceback", "Child process", "died", " 500 ", "ERROR")
            if text.count(k)}


async def bench(index: Path, work: Path, rounds: int, slice_s: float, long_n: int,
                names: list[str]) -> dict[str, Any]:
    started = time.monotonic()
    head = {**stamp("with other jobs; timings noisy, ratios from interleaved runs"),
            "load_average_start": load_average()}
    built = ensure_index(index, work)
    qs = questions()
    rotation = Rotation(qs)
    servers: dict[str, Server] = {}
    try:
        for name in names:
            servers[name] = start(name, index, work)
        for server in servers.values():  # warm-up: every question once per worker, not measured
            await drive(server, 4, rotation, requests=len(qs) * server.workers, ramp=0)
        memory_idle = {name: server_memory(s) for name, s in servers.items()}

        cells = [(name, c) for name in names for c in CONCURRENCY]
        runs: dict[tuple[str, int], list[Run]] = {cell: [] for cell in cells}
        order_log = []
        for r in range(rounds):
            order = cells[:]
            random.Random(r).shuffle(order)
            order_log.append([f"{n}/c{c}" for n, c in order])
            for name, c in order:
                runs[(name, c)].append(await drive(servers[name], c, rotation, seconds=slice_s))
            log(f"round {r + 1}/{rounds} done, {time.monotonic() - started:.0f}s")
        grid = {f"{name}/c{c}": summarise(runs[(name, c)]) for name, c in cells}
        memory_loaded = {name: server_memory(s) for name, s in servers.items()}

        def per_round(num: tuple[str, int], den: tuple[str, int]) -> dict[str, Any]:
            ratios = [summarise([a])["throughput_rps"] / summarise([b])["throughput_rps"]
                      for a, b in zip(runs[num], runs[den], strict=True)]
            return {"paired_median": round(statistics.median(ratios), 2),
                    "of_medians": round(grid[f"{num[0]}/c{num[1]}"]["throughput_rps"]
                                        / grid[f"{den[0]}/c{den[1]}"]["throughput_rps"], 2),
                    "per_round": [round(x, 2) for x in ratios]}

        wanted = [("2w1t", 8, "1w1t", 1), ("2w1t", 1, "1w1t", 1), ("2w1t", 8, "1w1t", 8),
                  ("2w1t", 32, "1w1t", 32),
                  ("2w1t-shared", 8, "1w1t", 1), ("2w1t", 8, "2w1t-shared", 8),
                  ("2w1t", 32, "2w1t-shared", 32),
                  ("2w1t", 8, "1w2t", 8), ("1w2t", 1, "1w1t", 1), ("1w2t", 8, "1w1t", 8)]
        ratios = {f"{a}_c{ca}_over_{b}_c{cb}": per_round((a, ca), (b, cb))
                  for a, ca, b, cb in wanted if a in servers and b in servers}
        for name in [n for n in servers if n != "2w1t"]:  # the long run has the machine's share alone
            servers[name].stop()

        long = None
        if long_n:
            server = servers["2w1t"]
            long_started = time.monotonic()
            probes: list[float] = []
            probe_failures = 0
            done = asyncio.Event()

            async def probe() -> None:  # like a kubelet probe: a new connection each time
                nonlocal probe_failures
                while not done.is_set():
                    t0 = time.perf_counter()
                    try:
                        async with httpx.AsyncClient(timeout=TIMEOUT) as c:
                            ok = (await c.get(f"{server.url}/api/health")).json().get("status") == "ok"
                    except (httpx.HTTPError, ValueError):
                        ok = False
                    probes.append((time.perf_counter() - t0) * 1000)
                    probe_failures += not ok
                    try:
                        await asyncio.wait_for(done.wait(), 1.0)
                    except TimeoutError:
                        pass

            prober = asyncio.create_task(probe())
            run = await drive(server, 32, rotation, requests=long_n, ramp=0)
            done.set()
            await prober
            long = summarise([run], windowed=False)
            long["requests_sent"] = len(run.samples)
            long["seconds"] = round(time.monotonic() - long_started, 1)
            long["throughput_rps"] = round(len([s for s in run.samples if s.ok]) / (run.window[1] - run.window[0]), 2)
            long.pop("throughput_per_round")
            long["memory_after"] = server_memory(server)
            probes.sort()
            long["health_probe_ms"] = {"n": len(probes), "p50": round(percentile(probes, 50), 1),
                                       "p95": round(percentile(probes, 95), 1),
                                       "max": round(probes[-1], 1) if probes else None,
                                       "failures": probe_failures}
            long["no_failure_floor_met"] = long["failures"] == 0 and len(run.samples) == long_n
        problems = {name: log_problems(s) for name, s in servers.items()}
        worker_restarts = {name: s.started_workers() - s.workers for name, s in servers.items()}
    finally:
        for server in servers.values():
            server.stop()
    rows = {name: {"logged": analytics_rows(s.analytics), "ok_responses": s.ok_responses}
            for name, s in servers.items()}

    c8 = grid["2w1t/c8"]
    shared = ratios.get("2w1t-shared_c8_over_1w1t_c1")
    floors = {
        "throughput_2w_c8_over_1w_c1": {"measured": ratios["2w1t_c8_over_1w1t_c1"]["paired_median"],
                                        "floor": 1.6,
                                        "met": ratios["2w1t_c8_over_1w1t_c1"]["paired_median"] >= 1.6},
        "p95_over_p50_2w_c8": {"measured": c8["p95_over_p50"], "floor": "< 5", "met": c8["p95_over_p50"] < 5},
    }
    if shared is not None:  # the baseline, not the project: uvicorn's one shared socket
        floors["throughput_2w_c8_over_1w_c1_shared_socket_baseline"] = {
            "measured": shared["paired_median"], "floor": 1.6, "met": shared["paired_median"] >= 1.6,
            "p95_over_p50": grid["2w1t-shared/c8"]["p95_over_p50"]}
    if long is not None:
        floors["long_run_no_failures"] = {"measured": long["failures"], "floor": 0,
                                          "met": long["no_failure_floor_met"]}
    return {
        **head, "load_average_end": load_average(),
        "client": "asyncio + httpx.AsyncClient, one client per run, connections = concurrency, keep-alive",
        "servers": {n: {"workers": SERVERS[n][0], "torch_threads": SERVERS[n][1],
                        "one_shared_socket": SERVERS[n][2]} for n in names},
        "index_built": built, "questions": len(qs), "rounds": rounds, "slice_s": slice_s, "ramp_s": RAMP,
        "order": order_log,
        "grid": grid, "ratios": ratios, "long_run": long, "floors": floors,
        "memory_after_warm_up": memory_idle, "memory_after_grid": memory_loaded,
        "analytics_rows": rows, "server_log_problems": problems, "worker_restarts": worker_restarts,
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    exit_on_sigterm()
    parser = arg_parser(__doc__, out="load.json")
    parser.add_argument("--index", type=Path, help="index directory to reuse (built there if absent)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--slice", type=float, default=5.0, help="measured seconds per cell and round")
    parser.add_argument("--long", type=int, default=10_000, help="requests in the final run (0: skip)")
    parser.add_argument("--no-threads-compare", action="store_true", help="skip the 1 worker x 2 threads server")
    parser.add_argument("--no-shared-baseline", action="store_true",
                        help="skip the 2-worker server with uvicorn's one shared socket")
    parser.add_argument("--two-servers", type=int, default=10_000,
                        help="requests per layout in the two-server run, concurrency 32 (0: skip)")
    parser.add_argument("--only-two-servers", action="store_true", help="run only the two-server comparison")
    args = parser.parse_args()
    names = ["1w1t", "2w1t"] + ([] if args.no_shared_baseline else ["2w1t-shared"]) \
        + ([] if args.no_threads_compare else ["1w2t"])
    with scratch("load") as work:
        index = args.index.resolve() if args.index else work / "index"
        if args.only_two_servers:
            result = {**stamp("with other jobs; the two layouts interleaved A B B A"),
                      "index_built": ensure_index(index, work)}
        else:
            result = asyncio.run(bench(index, work, args.rounds, args.slice, args.long, names))
        if args.two_servers:
            from bench.replicas import two_server_run

            result["two_servers"] = asyncio.run(two_server_run(index, work, args.two_servers, 32))
    save(args.out, result)


if __name__ == "__main__":
    main()
