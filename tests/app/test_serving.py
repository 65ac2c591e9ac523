"""Per-worker SO_REUSEPORT sockets: sharing a port, and only listening sockets get connections."""

from __future__ import annotations

import pickle
import socket

import pytest

from app.serving import _WorkerSocket, reuseport_socket


def test_sockets_of_one_user_share_a_port_and_use_tcp():
    first = reuseport_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = reuseport_socket("127.0.0.1", port)
    try:
        assert second.getsockname()[1] == port
        assert second.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only then
    finally:
        first.close()
        second.close()


def test_a_port_taken_without_reuseport_is_refused():
    with socket.socket() as plain:
        plain.bind(("127.0.0.1", 0))
        plain.listen()
        with pytest.raises(OSError):
            reuseport_socket("127.0.0.1", plain.getsockname()[1]).close()


def test_a_bound_socket_takes_no_connections_until_it_listens():
    """The supervisor's reservation and a loading worker's socket must not swallow visitors."""
    reservation = reuseport_socket("127.0.0.1", 0)
    port = reservation.getsockname()[1]
    worker = pickle.loads(pickle.dumps(_WorkerSocket("127.0.0.1", port)))
    try:
        assert isinstance(worker, socket.socket) and worker.getsockname()[1] == port
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        worker.listen()
        for _ in range(20):  # every connection reaches the one listening socket
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                accepted, _ = worker.accept()
                accepted.close()
    finally:
        reservation.close()
        worker.close()
