"""Several uvicorn workers, each listening on its own SO_REUSEPORT socket on one port.

uvicorn's ``--workers`` hands every worker the same listening socket. A burst of new keep-alive
connections is then drained by whichever worker wakes first (asyncio accepts in a loop), so at
concurrency 8 most connections stayed on one worker and the second core idled (bench/load.py:
1.16x one worker's throughput). With one socket per worker the kernel spreads connections across
the workers by hashing them.

Each worker binds its socket itself (``_WorkerSocket`` is unpickled into a bound, not yet listening
socket in the child) and uvicorn only calls ``listen`` after the app's startup, so no connection is
routed to a worker that is still loading the model, and a killed worker's socket leaves the group
with the process instead of queueing connections for its replacement.

The socket is created with protocol IPPROTO_TCP: uvicorn's own ``bind_socket`` uses protocol 0,
and asyncio then skips TCP_NODELAY on accepted sockets (uvicorn issue #3149), which made every
keep-alive answer wait ~40 ms for the client's delayed ACK.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess


def reuseport_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` that other sockets of this user may share."""
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    family = info[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(info[0][4])
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


@dataclass(frozen=True)
class _WorkerSocket:
    """Pickles as an address; unpickles, in the worker, as that worker's own bound socket."""

    host: str
    port: int

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return reuseport_socket, (self.host, self.port)


def run_workers(app: str, workers: int, *, host: str, port: int, **options: Any) -> None:
    """Serve the import string ``app`` (a factory) from ``workers`` supervised processes.

    The supervisor keeps a bound, never listening socket on the port: it reserves the port (a
    port in use fails here, before any worker starts) and turns port 0 into a real one.
    """
    if not hasattr(socket, "SO_REUSEPORT"):  # pragma: no cover - Linux and macOS have it
        raise OSError("--workers needs SO_REUSEPORT, which this platform lacks")
    reservation = reuseport_socket(host, port)
    try:
        port = reservation.getsockname()[1]
        config = uvicorn.Config(app, factory=True, workers=workers, host=host, port=port, **options)
        Multiprocess(config, sockets=[_WorkerSocket(host, port)]).run()  # type: ignore[list-item]
    finally:
        reservation.close()
