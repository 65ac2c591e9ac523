"""A real webhook receiver on loopback for the alert tests: an HTTP server in a thread that checks
each delivery's signature the way a member's receiver would, and answers with planned statuses."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOLERANCE_S = 300


def verify(secret: str, body: bytes, headers: dict[str, str], now: float | None = None) -> bool:
    """What docs/alerts.md tells receivers to do: the signature over "timestamp." + body, and a
    timestamp no more than five minutes from now."""
    timestamp = headers.get("x-policybot-timestamp", "")
    if not timestamp.isdigit() or abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE_S:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("x-policybot-signature", ""))


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Receiver:
    """``statuses``: the answers to the first requests, in order; 200 after them."""

    statuses: list[int] = field(default_factory=list)
    secrets: dict[str, str] = field(default_factory=dict)  # subscription id -> secret
    received: list[Received] = field(default_factory=list)
    url: str = ""
    delay: float = 0.0  # seconds each answer waits (a slow receiver)
    arrived: int = 0  # requests whose body was read, answered or not yet
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            status = self.statuses.pop(0) if self.statuses else 200
            self.received.append(Received(path, headers, body, status))
            return status

    @property
    def acknowledged(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if 200 <= r.status < 300]

    def signed(self, item: Received) -> bool:
        secret = self.secrets.get(item.event["subscription_id"], "")
        return verify(secret, item.body, item.headers)

    def wait(self, acknowledged: int, timeout: float = 30) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < acknowledged:
            assert time.monotonic() < deadline, f"{len(self.acknowledged)} of {acknowledged} deliveries acknowledged"
            time.sleep(0.02)
        return self.acknowledged


@contextlib.contextmanager
def receiving(statuses: list[int] | None = None, port: int = 0) -> Iterator[Receiver]:
    """A receiver listening on 127.0.0.1 (``port``: 0 for a free one) until the block ends."""
    receiver = Receiver(list(statuses or []))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            with receiver.lock:
                receiver.arrived += 1
            time.sleep(receiver.delay)
            status = receiver.answer(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            reply = b'{"ok": true}' if status < 300 else b"busy, try later " * 500  # more than is read
            self.send_response(status)
            self.send_header("Content-Length", str(len(reply)))
            if 300 <= status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128  # the listen backlog: several senders' connections at once

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a sender that hung up (stopped mid-delivery) is what some tests do

    server = Server(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/policybot"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
