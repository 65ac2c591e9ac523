"""Browser tests' servers and fixtures (the widget's and the chat's): Debian's Chromium driven by
Playwright, the real app under uvicorn, and host pages served from another origin (another port).
The modules using them skip themselves when Chromium or Playwright is missing."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.settings import Settings

CHROMIUM = "/usr/bin/chromium"
PAGES = Path(__file__).resolve().parents[1] / "data" / "widget"
TIMEOUT_MS = 30_000
SHADOW = "document.querySelector('policybot-widget').shadowRoot"


# --- servers --------------------------------------------------------------------------------


@contextmanager
def serve_app(settings: Settings, app: object | None = None) -> Iterator[str]:
    """The real app (or ``app``, made from ``settings``) under uvicorn in a thread, on a free
    127.0.0.1 port; yields its origin."""
    import uvicorn

    from app.server import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app or create_app(settings), log_level="warning",
                                           timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # startup loads the model
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the policybot server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        assert not thread.is_alive(), "the policybot server did not stop"


class HostPages(BaseHTTPRequestHandler):
    """Serves tests/data/widget/*.html with __WIDGET_SRC__ and __ENDPOINT__ filled in.

    Query: `api` (the origin serving widget.js; default the main server), `endpoint` (default
    `api`), `nowidget=1` (the same page without the widget's script tags), `lang` (set as the
    script tags' data-policybot-lang)."""

    default_api = ""
    origin = ""

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        page = PAGES / Path(url.path).name
        if page.suffix != ".html" or not page.is_file():
            self.send_error(404)
            return
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        api = query.get("api", self.default_api)
        html = page.read_text(encoding="utf-8")
        if query.get("nowidget"):
            html = re.sub(r"<script\b[^>]*></script>", "", html)
        if "lang" in query:
            html = html.replace('<script src="__WIDGET_SRC__"',
                                f'<script data-policybot-lang="{query["lang"]}" src="__WIDGET_SRC__"')
        html = html.replace("__WIDGET_SRC__", f"{api}/widget.js")
        html = html.replace("__ENDPOINT__", query.get("endpoint", api))
        body = html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class StaticPages(BaseHTTPRequestHandler):
    """Serves the .html files of ``folder`` with each ``replace`` key swapped for its value."""

    folder = Path()
    replace: dict[str, str] = {}
    origin = ""

    def do_GET(self) -> None:  # noqa: N802
        page = self.folder / Path(urlsplit(self.path).path).name
        if page.suffix != ".html" or not page.is_file():
            self.send_error(404)
            return
        html = page.read_text(encoding="utf-8")
        for old, new in self.replace.items():
            html = html.replace(old, new)
        body = html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_pages(folder: Path) -> Iterator[type[StaticPages]]:
    """The .html pages of ``folder`` on a free 127.0.0.1 port (another origin than the API's)."""
    with _serving(type("Pages", (StaticPages,), {"folder": folder, "replace": {}})) as handler:
        yield handler


@contextmanager
def _serving(handler: type) -> Iterator[type]:
    """``handler`` on a free 127.0.0.1 port, its ``origin`` set, until the block exits."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def host() -> Iterator[type[HostPages]]:
    with _serving(type("Pages", (HostPages,), {})) as handler:
        yield handler


@pytest.fixture(scope="module")
def api(host, real_settings: Settings) -> Iterator[str]:
    """The real index of the real corpus; the host pages' origin is the one allowed origin."""
    with serve_app(real_settings.model_copy(update={"cors_origins": [host.origin]})) as origin:
        host.default_api = origin
        yield origin


# --- browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: run `make browser`")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, timeout=TIMEOUT_MS, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def open_page(browser, host, api):
    """Opens a host page (or, given a full URL, that page) in a fresh context; ``locale`` sets the
    browser's language (navigator.language and Accept-Language). Checks afterwards that nothing
    left 127.0.0.1."""
    contexts, requested = [], []

    def _open(name: str, viewport: dict | None = None, locale: str | None = None, **query: str):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800},
                                      **({"locale": locale} if locale else {}))
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        qs = "&".join(f"{k}={v}" for k, v in query.items())
        base = name if name.startswith("http") else f"{host.origin}/{name}"
        page.goto(f"{base}{'?' + qs if qs else ''}")
        return page

    yield _open
    for context in contexts:
        context.close()
    assert all(re.match(r"(http://(127\.0\.0\.1|localhost):\d+/|data:)", u) for u in requested), requested


def submit_event(base: str, session: str, inputs: int, data: list) -> list:
    """Submit the event taking ``inputs`` inputs as the browser does (one request to Gradio's
    ``run/predict``: the chat's events are not queued, ``ui.chat.unqueued``); its output data."""
    import httpx

    config = httpx.get(f"{base}/config", timeout=10).json()
    event = next(i for i, dep in enumerate(config["dependencies"]) if len(dep.get("inputs", [])) == inputs)
    assert config["dependencies"][event]["queue"] is False
    answered = httpx.post(f"{base}/gradio_api/run/predict", timeout=30, json={
        "data": data, "fn_index": event, "session_hash": session,
        "trigger_id": config["dependencies"][event]["targets"][0][0], "event_data": None})
    assert answered.status_code == 200, answered.text
    return answered.json()["data"]
