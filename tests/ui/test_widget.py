"""The widget script and CORS, over the real app with TestClient (no index, no model: fast)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.server import create_app
from core.settings import Settings
from ui.widget import WIDGET_JS

ALLOWED = "https://members.textile-federation.example"
OTHER = "https://evil.example"


def _client(tmp_path: Path, **settings) -> TestClient:
    # No `with`: the lifespan (model warm-up) is not needed to serve the script or check CORS.
    base = Settings(index=tmp_path / "missing" / "index", **settings)
    return TestClient(create_app(base))


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> TestClient:
    return _client(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def cors(tmp_path_factory) -> TestClient:
    # A trailing slash in the configured origin is tolerated.
    return _client(tmp_path_factory.mktemp("cors"), cors_origins=[ALLOWED + "/"])


def test_widget_js_is_served_as_javascript_with_a_short_cache(plain):
    r = plain.get("/widget.js")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/javascript; charset=utf-8"
    cache = r.headers["cache-control"]
    assert "public" in cache
    max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
    assert 0 < max_age <= 3600
    assert r.text == WIDGET_JS.read_text(encoding="utf-8")
    assert "Ask about policies" in r.text


def test_widget_route_is_not_shadowed_by_the_chat_and_stays_out_of_the_api_spec(plain):
    assert plain.get("/widget.js").text.lstrip().startswith("/*")
    assert "/widget.js" not in plain.get("/openapi.json").json()["paths"]


def test_script_never_parses_markup():
    source = WIDGET_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "DOMParser", "createContextualFragment", "srcdoc"):
        assert sink not in source, sink
    assert "textContent" in source and "createTextNode" in source


def test_script_names_no_other_host_and_loads_nothing():
    source = WIDGET_JS.read_text(encoding="utf-8")
    assert not re.search(r"https?://", source)
    assert "import(" not in source and "importScripts" not in source
    assert not re.search(r"""createElement\(\s*["'](script|link|iframe)""", source)


def test_script_holds_no_secret(tmp_path):
    key = "sk-admin-0123456789-secret"
    with_key = _client(tmp_path, admin_keys=[key], cors_origins=[ALLOWED]).get("/widget.js").text
    assert key not in with_key
    assert with_key == WIDGET_JS.read_text(encoding="utf-8")  # static: nothing is templated in
    for word in ("api_key", "apikey", "bearer", "authorization", "password", "token"):
        assert word not in with_key.lower(), word


def test_script_is_small_and_isolated():
    source = WIDGET_JS.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 700  # the chat and the finder views, their words in English and Chinese
    assert "attachShadow" in source and ":host { all: initial" in source
    assert "2147483647" in source and "position: fixed" in source
    assert "max-width: 480px" in source
    assert "__policybotWidget" in source  # the double-inclusion guard


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_is_valid_javascript():
    subprocess.run(["node", "--check", str(WIDGET_JS)], check=True, timeout=30)


def test_default_settings_send_no_cors_headers(plain):
    # Gradio, mounted at /, would otherwise answer this preflight itself and echo any Origin.
    pre = plain.options("/api/ask", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })
    assert pre.status_code == 400
    assert "access-control-allow-origin" not in pre.headers
    assert "access-control-allow-credentials" not in pre.headers
    r = plain.post("/api/ask", json={"question": "Which bank gives loans?"}, headers={"Origin": ALLOWED})
    assert "access-control-allow-origin" not in r.headers
    for path in ("/widget.js", "/api/health", "/", "/config"):
        got = plain.get(path, headers={"Origin": ALLOWED})
        assert "access-control-allow-origin" not in got.headers, path
        assert "access-control-allow-credentials" not in got.headers, path


def test_allowed_origin_passes_preflight_and_post(cors):
    pre = cors.options("/api/ask", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "content-type" in pre.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in pre.headers

    # No index here, so the answer is a 503 with a message; the browser may still read it.
    r = cors.post("/api/ask", json={"question": "Which bank gives loans?"}, headers={"Origin": ALLOWED})
    assert r.status_code == 503 and r.json()["detail"]
    assert r.headers["access-control-allow-origin"] == ALLOWED
    bad = cors.post("/api/ask", json={"question": " "}, headers={"Origin": ALLOWED})
    assert bad.status_code == 422
    assert bad.headers["access-control-allow-origin"] == ALLOWED


def test_authorization_header_is_allowed_but_not_other_headers(cors):
    ok = cors.options("/api/ask", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    })
    assert ok.status_code == 200
    odd = cors.options("/api/ask", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-secret-header",
    })
    assert odd.status_code == 400


def test_disallowed_origin_gets_no_cors_header(cors):
    pre = cors.options("/api/ask", headers={
        "Origin": OTHER, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })
    assert pre.status_code == 400
    assert "access-control-allow-origin" not in pre.headers
    r = cors.post("/api/ask", json={"question": "Which bank gives loans?"}, headers={"Origin": OTHER})
    assert "access-control-allow-origin" not in r.headers
    # A method outside GET/POST is refused even for the allowed origin.
    put = cors.options("/api/ask", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "DELETE"})
    assert put.status_code == 400


def test_cors_origins_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("POLICYBOT_CORS_ORIGINS", f'["{ALLOWED}", "http://127.0.0.1:8080"]')
    assert Settings(_env_file=None).cors_origins == [ALLOWED, "http://127.0.0.1:8080"]
    monkeypatch.delenv("POLICYBOT_CORS_ORIGINS")
    assert Settings(_env_file=None).cors_origins == []


def _refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "ui.widget" and "CORS" in r.getMessage()]


def test_a_refused_origin_is_logged_once_naming_the_origin_and_the_setting(tmp_path, caplog):
    client = _client(tmp_path, cors_origins=[ALLOWED])
    caplog.set_level("WARNING", logger="ui.widget")
    preflight = {"Origin": OTHER, "Access-Control-Request-Method": "POST"}
    for _ in range(3):
        assert client.options("/api/ask", headers=preflight).status_code == 400
        client.post("/api/ask", json={"question": "Which bank gives loans?"}, headers={"Origin": OTHER})
    [warning] = _refusals(caplog)
    assert OTHER in warning and "POLICYBOT_CORS_ORIGINS" in warning and "/api/ask" in warning
    # The allowed origin, the server's own pages (Origin = this host) and requests without an
    # Origin are never reported.
    client.post("/api/ask", json={"question": "x"}, headers={"Origin": ALLOWED})
    client.post("/api/ask", json={"question": "x"}, headers={"Origin": "http://testserver"})
    client.get("/api/health")
    assert len(_refusals(caplog)) == 1


def test_refused_origins_are_bounded_and_cannot_forge_log_lines(tmp_path, caplog):
    from ui.widget import RejectedOrigins

    caplog.set_level("WARNING", logger="ui.widget")
    guard = RejectedOrigins(app=None, allowed=[ALLOWED], limit=3)
    for n in range(10):
        guard.report(f"https://site{n}.example", "/api/ask")
    lines = _refusals(caplog)
    assert len(lines) == 4 and "more than 3 origins" in lines[-1]
    caplog.clear()
    RejectedOrigins(app=None, allowed=[]).report("https://a.example\nCORS: forged " + "x" * 500, "/api/ask")
    [line] = _refusals(caplog)
    assert "\n" not in line and len(line) < 700


def test_health_says_what_the_deployer_set(tmp_path):
    plain = _client(tmp_path / "a").get("/api/health").json()
    assert plain["setup"] == {"cors_origins": 0, "webhook_allowed_hosts": 0, "subscriptions": "off"}
    set_up = _client(tmp_path / "b", cors_origins=[ALLOWED, OTHER], webhook_allowed_hosts=["hooks.example.com"])
    setup = set_up.get("/api/health").json()["setup"]
    assert setup["cors_origins"] == 2 and setup["webhook_allowed_hosts"] == 1
    assert ALLOWED not in str(setup)  # counts, never the values
