"""A webhook receiver for the demo tour: prints each policy alert it gets and checks its signature.

    python3 demo/receiver.py --port 9000 [--secret whsec_...]

Standard library only. It answers 200 to every POST, prints the event's type, change and
document, and, given the subscription's secret, whether X-Policybot-Signature is right (what a
member's own receiver must check before trusting a delivery; docs/alerts.md).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

MAX_BODY = 1_000_000
TOLERANCE = 300  # seconds; a request signed longer ago (or ahead) is refused as a replay


def verified(secret: str, raw_body: bytes, headers, now: float | None = None) -> bool:
    """The recipe of docs/alerts.md: the signature over "timestamp." + body, a recent timestamp."""
    timestamp = headers.get("X-Policybot-Timestamp", "")
    if not timestamp.isdigit() or abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE:
        return False
    signed = timestamp.encode() + b"." + raw_body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("X-Policybot-Signature", ""))


def handler(secret: str | None) -> type[BaseHTTPRequestHandler]:
    class Receive(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, MAX_BODY))
            self.send_response(200)
            self.end_headers()
            try:
                event = json.loads(body)
                doc = event.get("document", {})
                line = f"{event.get('type')} {event.get('change')}: {doc.get('doc_id')} {doc.get('title')}"
            except (ValueError, AttributeError):
                line = f"not JSON: {body[:80]!r}"
            if secret is not None:
                ok = verified(secret, body, self.headers)
                line += " (signature ok)" if ok else " (SIGNATURE WRONG)"
            print(line, flush=True)

        def log_message(self, *args: object) -> None:
            pass

    return Receive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", help="the subscription's secret (whsec_...), to check signatures")
    args = parser.parse_args()
    server = HTTPServer(("127.0.0.1", args.port), handler(args.secret))
    print(f"listening on http://127.0.0.1:{args.port}/", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
