"""What the benchmarks share: paths, provenance, questions, arguments and result files, timing
statistics, child processes and the real server.

Every benchmark runs from the repository root as ``python -m bench.NAME`` and imports the
project as installed (``core``, ``indexer``, ``bot``, ``app``); nothing here touches ``sys.path``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from core.offline import OFFLINE_ENVIRONMENT

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CORPUS = ROOT / "corpus"
POLICYBOT = ROOT / ".venv" / "bin" / "policybot"
# English and Chinese, as members ask: a Chinese question over the English seeds also takes the
# cross-lingual model's query vector (bot/answering/retrieve.py), so the timings include it.
QUESTION_FILES = {"dev": ROOT / "tests/data/dev_questions.jsonl",
                  "calibration": ROOT / "bench/calibration_questions.jsonl",
                  "calibration_zh": ROOT / "bench/calibration_questions_zh.jsonl"}


# -- provenance --------------------------------------------------------------------------------
def revision() -> str:
    """The code measured: ``git describe --always --dirty`` of the repository."""
    out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def stamp(note: str = "timings noisy; ratios from interleaved runs") -> dict[str, str]:
    """Date, code revision and machine: the head of every result file. Take it at the start."""
    return {"date": time.strftime("%Y-%m-%d %H:%M"), "code": revision(),
            "machine": f"{os.cpu_count()} cores, shared ({note})"}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- questions ---------------------------------------------------------------------------------
def questions(limit: int | None = None) -> list[str]:
    """The dev and calibration questions, interleaved so any prefix holds both kinds."""
    lists = [[json.loads(line)["question"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
             for f in QUESTION_FILES.values()]
    mixed = [q for group in itertools.zip_longest(*lists) for q in group if q is not None]
    return mixed[:limit]


def replicate(src: Path, dst: Path, copies: int) -> list[Path]:
    """``copies`` of every file in ``src``, each with one distinct sentence inserted (its own doc id)."""
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


# -- arguments and results ---------------------------------------------------------------------
def arg_parser(doc: str | None, out: str | None = None) -> argparse.ArgumentParser:
    """Arguments described by the first line of the module's ``doc``; with ``out``, an ``--out``
    option for the result file, bench/results/``out`` by default."""
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    p = argparse.ArgumentParser(prog=f"python -m {spec.name}" if spec else None,
                                description=(doc or "").strip().splitlines()[0])
    if out is not None:
        p.add_argument("--out", type=Path, default=RESULTS / out,
                       help=f"result file [bench/results/{out}]")
    return p


def save(path: Path, result: dict[str, Any], text: str | None = None) -> None:
    """Write ``result`` as JSON to ``path``, then print ``text`` (the JSON itself by default)."""
    dump = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump, encoding="utf-8")
    print(dump.rstrip("\n") if text is None else text)


@contextmanager
def scratch(name: str) -> Iterator[Path]:
    """A temporary working directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"policybot-{name}-") as tmp:
        yield Path(tmp)


def log(message: str) -> None:
    """Progress, time-stamped, on stderr (stdout carries the result)."""
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


# -- timing and statistics ---------------------------------------------------------------------
def clock(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    """Seconds ``fn(*args, **kwargs)`` took, and what it returned."""
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def rounds(count: int, budget: float, started: float, at_least: int = 0) -> Iterator[int]:
    """Round numbers up to ``count``; none starts once ``budget`` seconds have passed since
    ``started`` (``time.monotonic()``), except the first ``at_least``."""
    for r in range(count):
        if r >= at_least and time.monotonic() - started > budget:
            return
        yield r


def median(values: Sequence[float] | Iterator[float], digits: int = 4) -> float:
    return round(statistics.median(values), digits)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0..100): an observed value, defined for any sample size."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def ms_stats(ms: Sequence[float], tail: int = 90) -> dict[str, float]:
    """Median, p``tail`` and minimum of timings in milliseconds, and how many."""
    return {"median_ms": round(statistics.median(ms), 3), f"p{tail}_ms": round(percentile(ms, tail), 3),
            "min_ms": round(min(ms), 3), "n": len(ms)}


def paired_median(num: Sequence[float], den: Sequence[float], digits: int = 3) -> float:
    """Median of per-pair ratios: pairs measured back to back share the machine's load."""
    return round(statistics.median(a / b for a, b in zip(num, den, strict=True)), digits)


def ratio(num: Sequence[float], den: Sequence[float]) -> dict[str, float]:
    """Ratio of medians, and the median of per-pair ratios."""
    return {"of_medians": round(statistics.median(num) / statistics.median(den), 3),
            "paired_median": paired_median(num, den)}


# -- child processes ---------------------------------------------------------------------------
def run_module(module: str, *args: str, env: dict[str, str] | None = None) -> Any:
    """``python -m module args`` from the repository root; its last line of output, parsed as JSON."""
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    if proc.returncode:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so ``finally`` blocks still stop the servers."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return sorted(kids)


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


# -- the real server ---------------------------------------------------------------------------
def server_env(analytics: Path, threads: int = 0) -> dict[str, str]:
    """``policybot`` as deployed, except: no rate limit (the default 60 per minute per client would
    answer most of a benchmark with 429), the question log in ``analytics`` (not .policybot/), and
    ``threads`` encoder threads per worker (0: the setting's default)."""
    env = {**os.environ, **OFFLINE_ENVIRONMENT, "POLICYBOT_RATE_LIMIT_PER_MINUTE": "0",
           "POLICYBOT_ANALYTICS_DB": str(analytics)}
    if threads:
        env["POLICYBOT_TORCH_THREADS"] = str(threads)
    return env


def ensure_index(index: Path, work: Path) -> dict[str, Any] | None:
    """Build an index of corpus/ at ``index`` with ``policybot index`` (a separate process, so the
    benchmark's own stays light) unless one is there; the build's chunks and seconds."""
    if index.exists():
        return None
    started = time.monotonic()
    out = subprocess.run([str(POLICYBOT), "index", "--corpus", str(CORPUS), "--index", str(index)], cwd=ROOT,
                         env=server_env(work / "build.sqlite3"), capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):  # 1: some files skipped, the rest indexed
        raise RuntimeError(f"policybot index failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return {"chunks": json.loads(out.stdout).get("chunks"), "seconds": round(time.monotonic() - started, 1)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    workers: int
    threads: int
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    analytics: Path
    ok_responses: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        """The uvicorn process and, with several workers, its worker processes."""
        return [self.proc.pid, *children(self.proc.pid)]

    def worker_pids(self) -> list[int]:
        """The processes that answer (not multiprocessing's resource tracker)."""
        if self.workers == 1:
            return [self.proc.pid]
        return [p for p in children(self.proc.pid) if b"spawn_main" in cmdline(p)]

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def started_workers(self) -> int:
        return self.log.read_text(errors="replace").count("Application startup complete")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL to every process of the server if it has not exited in 15 s."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                for pid in self.pids():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                self.proc.wait(5)


def start_server(index: Path, work: Path, name: str = "server", workers: int = 1, threads: int = 0,
                 program: Sequence[str] | None = None, timeout: float = 180.0, analytics: Path | None = None,
                 env: dict[str, str] | None = None) -> Server:
    """``policybot serve --index INDEX --workers W`` on a free port of 127.0.0.1 (``program`` in
    place of ``policybot``), returned once ``/api/health`` says ok and every worker has logged
    its start-up (warm-up included). ``analytics``: a SQLite log to share with another server;
    ``env``: settings over ``server_env``'s (a database or Redis URL)."""
    import httpx

    port = free_port()
    analytics = analytics or work / f"analytics-{name}.sqlite3"
    log_file = work / f"server-{name}.log"
    cmd = [*(program or [str(POLICYBOT)]), "serve", "--index", str(index), "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers)]
    with open(log_file, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**server_env(analytics, threads), **(env or {})}, stdout=out,
                                stderr=subprocess.STDOUT)
    server = Server(name, workers, threads, port, proc, log_file, analytics)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}:\n{server.log_tail()}")
        try:
            healthy = httpx.get(f"{server.url}/api/health", timeout=2).json().get("status") == "ok"
        except (httpx.HTTPError, ValueError):
            healthy = False
        if healthy and server.started_workers() >= workers:
            return server
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"{name} not ready after {timeout:.0f}s:\n{server.log_tail()}")
