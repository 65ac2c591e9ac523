"""Helpers for tests that start the real `policybot serve` in a subprocess."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

EXE = str(Path(sys.executable).with_name("policybot"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "server exited"
        try:
            if httpx.get(f"{base}/api/health", timeout=2).json()["status"] == "ok":
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become healthy")


def workers_of(pid: int) -> set[int]:
    """The worker processes of a `policybot serve --workers N` supervisor."""
    out = subprocess.run(["pgrep", "-P", str(pid), "-f", "spawn_main"], capture_output=True, text=True)
    return {int(p) for p in out.stdout.split()}


def listening_workers(port: int, pids: set[int]) -> set[int]:
    """The processes among ``pids`` with a socket listening on ``port`` (from /proc): a worker
    listens only once it has loaded the model, and gets no connection before."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return {pid for pid in pids if inodes.intersection(socket_inodes(pid))}


def socket_inodes(pid: int) -> list[str]:
    """The inodes of the sockets ``pid`` holds open (from /proc), one per descriptor.

    A descriptor closed, or the process gone, while being read is skipped: the server keeps
    accepting and closing connections while a test looks."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return []
    found = []
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.append(target[8:-1])
    return found


@contextlib.contextmanager
def serving(args: list[str], env: dict[str, str], workers: int = 2) -> Iterator[tuple[subprocess.Popen, str, int]]:
    """`policybot serve ARGS --workers N` on a free port until every worker is up; stopped after."""
    port = free_port()
    proc = subprocess.Popen([EXE, "serve", *args, "--port", str(port), "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, proc, timeout=240)
        deadline = time.monotonic() + 240
        while len(listening_workers(port, workers_of(proc.pid))) < workers:  # each worker loads the model
            assert time.monotonic() < deadline, "not every worker listens"
            time.sleep(0.5)
        yield proc, base, port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
