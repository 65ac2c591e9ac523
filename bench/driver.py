"""The load driver shared by bench.load and bench.replicas: keep N requests in flight against a
server and record each one's latency, with the server's and the machine's CPU over the run."""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.common import Server

RAMP = 1.0  # seconds of each slice before measuring starts
TIMEOUT = 60.0  # per request; a timeout counts as a failure
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of all cores, from /proc/stat."""
    values = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user
    return total - idle, total


def memory(pid: int) -> dict[str, float]:
    """RSS, PSS (shared pages split among the processes mapping them) and private memory, MiB."""
    values: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, _, rest = line.partition(":")
            values[key] = int(rest.split()[0])
    except OSError:
        return {}
    private = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return {"rss_mib": round(values.get("Rss", 0) / 1024, 1), "pss_mib": round(values.get("Pss", 0) / 1024, 1),
            "private_mib": round(private / 1024, 1)}


@dataclass
class Sample:
    started: float
    ended: float
    ok: bool
    error: str | None = None


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    window: tuple[float, float] = (0.0, 0.0)
    server_cpu: float = 0.0
    worker_cpu: list[float] = field(default_factory=list)
    client_cpu: float = 0.0
    machine_busy: float = 0.0  # cores busy on the whole machine (all users) during the run
    elapsed: float = 0.0
    loadavg: float = 0.0


class Rotation:
    def __init__(self, items: list[str]) -> None:
        self._cycle = itertools.cycle(items)

    def next(self) -> str:
        return next(self._cycle)


async def drive(server: Server, concurrency: int, rotation: Rotation, *, seconds: float | None = None,
                requests: int | None = None, ramp: float = RAMP) -> Run:
    """Keep ``concurrency`` requests in flight for ``ramp + seconds`` or until ``requests`` were sent.

    A new client (so new connections, spread over the workers afresh) per run; the server closes
    idle keep-alive connections after 5 s, which would otherwise race with reuse between runs.
    """
    run = Run(loadavg=os.getloadavg()[0])
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    pids = server.pids()
    workers = server.worker_pids()
    sent = 0
    start = time.perf_counter()
    stop_at = start + ramp + seconds if seconds is not None else None

    async def one(client: httpx.AsyncClient) -> None:
        nonlocal sent
        while True:
            now = time.perf_counter()
            if (stop_at is not None and now >= stop_at) or (requests is not None and sent >= requests):
                return
            sent += 1
            body = {"question": rotation.next(), "top_k": 5}
            t0 = time.perf_counter()
            try:
                r = await client.post("/api/ask", json=body)
                ok = r.status_code == 200 and "answer" in r.json()
                err = None if ok else f"HTTP {r.status_code}: {r.text[:200]}"
            except (httpx.HTTPError, ValueError) as exc:
                ok, err = False, f"{type(exc).__name__}: {exc}"[:300]
            run.samples.append(Sample(t0, time.perf_counter(), ok, err))

    async with httpx.AsyncClient(base_url=server.url, timeout=TIMEOUT, limits=limits) as client:
        cpu0 = [cpu_seconds(p) for p in pids]
        wcpu0 = [cpu_seconds(p) for p in workers]
        client0 = time.process_time()
        busy0, total0 = machine_cpu()
        measure_from = start + ramp
        await asyncio.gather(*(one(client) for _ in range(concurrency)))
        end = time.perf_counter()
        run.elapsed = end - start
        run.server_cpu = sum(cpu_seconds(p) for p in pids) - sum(cpu0)
        run.worker_cpu = [cpu_seconds(p) - c for p, c in zip(workers, wcpu0, strict=True)]
        run.client_cpu = time.process_time() - client0
        busy1, total1 = machine_cpu()
        run.machine_busy = (busy1 - busy0) / max(1, total1 - total0) * (os.cpu_count() or 1)
    run.window = (measure_from, stop_at if stop_at is not None else end)
    server.ok_responses += sum(s.ok for s in run.samples)
    return run
