"""Two servers on shared engines against two servers on one machine's SQLite: the cost of the
multi-replica layout.

Usage: python -m bench.replicas [--index DIR] [--requests 10000] [--concurrency 32] [--out FILE]
(also run by ``python -m bench.load --two-servers N``).

Four `policybot serve --workers 2` run side by side on one index: a pair sharing a private
PostgreSQL (the question log) and Redis (the rate limit), and a pair sharing one SQLite file with
per-process token buckets, today's single-machine layout. The limit is on in both (so its check is
paid) but too high to refuse anything. Each pair gets ``--requests`` questions at ``--concurrency``
over both of its servers (half the connections each), in two halves ordered A B B A so load from
other users of the machine falls on both alike. Afterwards: failed requests, and log rows against
answers given (the PostgreSQL rows are counted after the servers stopped, so rows still waiting in
a worker's backlog count only if they were written). Also recorded: CPU per answer of the
policybot processes, and of PostgreSQL and Redis (the shared layout's extra processes).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from pathlib import Path
from typing import Any

from bench.common import (
    Server,
    arg_parser,
    children,
    ensure_index,
    exit_on_sigterm,
    log,
    percentile,
    questions,
    save,
    scratch,
    stamp,
    start_server,
)
from bench.driver import Rotation, drive

CLK_TCK = os.sysconf("SC_CLK_TCK")
UNLIMITED = str(10**9)  # per minute: the limiter runs on every request and refuses none


def process_cpu(pid: int, reaped: bool = False) -> float:
    """CPU seconds of ``pid`` (with ``reaped``: and of its children that have exited)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if reaped else 0)
    return ticks / CLK_TCK


def engines_cpu(postgres: Any, redis_server: Any) -> float:
    """CPU seconds so far of the private PostgreSQL (postmaster, backends, exited ones) and Redis."""
    postmaster = int((postgres.data / "postmaster.pid").read_text().split()[0])
    return (process_cpu(postmaster, reaped=True) + sum(process_cpu(p) for p in children(postmaster))
            + process_cpu(redis_server.proc.pid))


def pg_rows(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0])


def sqlite_rows(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])


async def drive_pair(pair: list[Server], concurrency: int, rotation: Any, requests: int) -> dict[str, Any]:
    """``requests`` over both servers at once, ``concurrency`` in flight in all."""
    started = time.perf_counter()
    runs = await asyncio.gather(*(drive(s, concurrency // len(pair), rotation, requests=requests // len(pair), ramp=0)
                                  for s in pair))
    elapsed = time.perf_counter() - started
    samples = [s for run in runs for s in run.samples]
    return {"samples": samples, "elapsed": elapsed, "server_cpu": sum(run.server_cpu for run in runs)}


def summary(halves: list[dict[str, Any]]) -> dict[str, Any]:
    samples = [s for h in halves for s in h["samples"]]
    lat = sorted((s.ended - s.started) * 1000 for s in samples if s.ok)
    failures = [s.error for s in samples if not s.ok]
    return {"requests": len(samples), "failures": len(failures), "first_error": failures[0] if failures else None,
            "throughput_rps": round(sum(s.ok for s in samples) / sum(h["elapsed"] for h in halves), 1),
            "server_cpu_ms_per_request": round(1000 * sum(h["server_cpu"] for h in halves) / len(samples), 2),
            "engines_cpu_ms_per_request": round(1000 * sum(h.get("engines_cpu", 0.0) for h in halves)
                                                / len(samples), 2),
            "p50_ms": round(percentile(lat, 50), 1), "p95_ms": round(percentile(lat, 95), 1),
            "p99_ms": round(percentile(lat, 99), 1), "max_ms": round(lat[-1], 1) if lat else None,
            "p50_per_half_ms": [round(statistics.median((s.ended - s.started) * 1000 for s in h["samples"] if s.ok), 1)
                                for h in halves]}


async def two_server_run(index: Path, work: Path, requests: int, concurrency: int) -> dict[str, Any]:
    """The comparison above; the result's ``floors`` say whether the issue's floor is met."""
    from tests.dbservers import Postgres, Redis

    postgres, redis_server = Postgres(fsync=True), Redis()  # PostgreSQL as deployed: fsync on
    database = postgres.create_database()
    shared_env = {"POLICYBOT_DATABASE_URL": database, "POLICYBOT_REDIS_URL": redis_server.url,
                  "POLICYBOT_RATE_LIMIT_PER_MINUTE": UNLIMITED}
    local_env = {"POLICYBOT_RATE_LIMIT_PER_MINUTE": UNLIMITED}
    sqlite_log = work / "two-servers.sqlite3"
    pairs: dict[str, list[Server]] = {"postgres+redis": [], "sqlite+process": []}
    rotation = Rotation(questions())
    try:
        for n in range(2):
            pairs["postgres+redis"].append(start_server(index, work, f"pg{n}", workers=2, env=shared_env))
            pairs["sqlite+process"].append(start_server(index, work, f"sqlite{n}", workers=2, analytics=sqlite_log,
                                                        env=local_env))
        for pair in pairs.values():  # warm-up, not measured
            for server in pair:
                await drive(server, 4, rotation, requests=40 * server.workers, ramp=0)
        halves: dict[str, list[dict[str, Any]]] = {name: [] for name in pairs}
        for name in ["postgres+redis", "sqlite+process", "sqlite+process", "postgres+redis"]:
            engines0 = engines_cpu(postgres, redis_server)
            half = await drive_pair(pairs[name], concurrency, rotation, requests // 2)
            half["engines_cpu"] = engines_cpu(postgres, redis_server) - engines0 if name == "postgres+redis" else 0.0
            halves[name].append(half)
            log(f"two servers: {name} half done")
    finally:
        for pair in pairs.values():
            for server in pair:
                server.stop()
    try:
        answered = {name: sum(s.ok_responses for s in pair) for name, pair in pairs.items()}
        logged = {"postgres+redis": pg_rows(database), "sqlite+process": sqlite_rows(sqlite_log)}
    finally:
        postgres.close()
        redis_server.close()
    result = {name: {**summary(h), "answers": answered[name], "log_rows": logged[name],
                     "lost_rows": answered[name] - logged[name]} for name, h in halves.items()}
    shared, local = result["postgres+redis"], result["sqlite+process"]
    ratio = round(shared["p50_ms"] / local["p50_ms"], 2)
    return {"requests_per_layout": requests, "concurrency": concurrency, "servers_per_layout": 2,
            "workers_per_server": 2, **result, "p50_ratio_shared_over_sqlite": ratio,
            "floors": {"no_failed_request": shared["failures"] == 0, "no_lost_row": shared["lost_rows"] == 0,
                       "p50_within_1.3x_of_sqlite": ratio <= 1.3}}


def main() -> None:
    exit_on_sigterm()
    parser = arg_parser(__doc__, out="replicas.json")
    parser.add_argument("--index", type=Path, help="index directory to reuse (built there if absent)")
    parser.add_argument("--requests", type=int, default=10_000, help="per layout")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    head = stamp("with other jobs; the two layouts interleaved A B B A")
    with scratch("replicas") as work:
        index = args.index.resolve() if args.index else work / "index"
        built = ensure_index(index, work)
        started = time.monotonic()
        result = asyncio.run(two_server_run(index, work, args.requests, args.concurrency))
    save(args.out, {**head, "index_built": built, **result, "seconds": round(time.monotonic() - started, 1)})


if __name__ == "__main__":
    main()
