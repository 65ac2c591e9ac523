"""The chat page at / in the visitor's language: one chat per language, chosen per request
(app/server.py PageLanguage), and the second chat's upload route guarded like the first."""

from __future__ import annotations

import re

import pytest


def page(client, query: str = "", **headers: str) -> tuple[str, str, object]:
    """(page title, Gradio root, response) of the page at / (the config is in the HTML)."""
    r = client.get(f"/{query}", headers=headers)
    assert r.status_code == 200
    title = re.search(r'"title":\s*"([^"]*)"', r.text).group(1)
    root = re.search(r'"root":\s*"([^"]*)"', r.text).group(1)
    return title, root, r


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from app.server import create_app
    from core.settings import Settings

    base = tmp_path_factory.mktemp("page")
    # No index and no lifespan: only the pages are asked for.
    return TestClient(create_app(Settings(index=base / "index", analytics_db=None)))


@pytest.mark.parametrize(("query", "accept", "title", "root"), [
    ("", "zh-CN,zh;q=0.9,en;q=0.8", "政策问答", "http://testserver/zh"),
    ("", "zh-TW", "政策问答", "http://testserver/zh"),
    ("", "en-US,en;q=0.9", "policybot", "http://testserver"),
    ("", "", "policybot", "http://testserver"),
    ("?lang=zh", "en-US", "政策问答", "http://testserver/zh"),
    ("?lang=en", "zh-CN", "policybot", "http://testserver"),
    ("?lang=de", "zh-CN", "政策问答", "http://testserver/zh"),
])
def test_the_page_at_root_comes_in_the_negotiated_language(client, query, accept, title, root) -> None:
    got_title, got_root, r = page(client, query, **({"accept-language": accept} if accept else {}))
    assert (got_title, got_root) == (title, root)
    assert "accept-language" in r.headers["vary"].lower()  # a cache keeps one copy per language
    assert str(r.url).endswith(f"/{query}")  # served in place, not redirected


def pages(tmp_path, peer: str = "testclient", **settings: object):
    from fastapi.testclient import TestClient

    from app.server import create_app
    from core.settings import Settings

    return TestClient(create_app(Settings(index=tmp_path / "index", analytics_db=None, **settings)),
                      client=(peer, 40000))


def test_the_chinese_page_calls_its_own_chat_behind_a_proxy_too(tmp_path) -> None:
    behind = pages(tmp_path, "10.0.5.3", trusted_proxies=["10.0.5.3"])
    _, root, _ = page(behind, "?lang=zh", **{"x-forwarded-host": "policy.example.org", "x-forwarded-proto": "https"})
    assert root == "https://policy.example.org/zh"


def test_the_page_never_takes_its_address_from_an_untrusted_header(client) -> None:
    """Forwarded headers from a peer that is no trusted proxy are dropped: a client (or a cache
    between) would otherwise point the page's own calls at another host."""
    for headers in ({"x-forwarded-host": "evil.example", "x-forwarded-proto": "https"},
                    {"x-gradio-server": "http://evil.example"}):
        assert page(client, "?lang=zh", **headers)[1] == "http://testserver/zh"


def test_each_chat_answers_its_own_routes(client) -> None:
    assert client.get("/config").json()["title"] == "policybot"
    assert client.get("/zh/config").json()["title"] == "政策问答"
    assert client.head("/", headers={"accept-language": "zh"}).status_code == 200
    # Only the page is chosen per visitor: the API and the widget are the same for all.
    assert client.get("/api/health", headers={"accept-language": "zh"}).json()["status"] == "no_index"
    assert client.get("/widget.js", headers={"accept-language": "zh"}).text.lstrip().startswith("/*")


@pytest.mark.parametrize("path", ["/gradio_api/upload", "/zh/gradio_api/upload"])
def test_both_chats_uploads_are_bounded_by_the_guard(fake_app, path: str) -> None:
    client = fake_app(max_upload_bytes=1000)
    body = b"--x\r\n" + b"a" * 20_000 + b"\r\n--x--\r\n"
    r = client.post(path, content=body, headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413 and r.json()["detail"] == "upload over 17384 bytes"  # the guard's words


@pytest.mark.parametrize("path", ["/gradio_api/upload", "/zh/gradio_api/upload"])
def test_both_chats_uploads_count_against_the_rate_limit(fake_app, path: str) -> None:
    client = fake_app(rate_limit_per_minute=2)
    statuses = [client.post(path, content=b"", headers={"content-type": "multipart/form-data; boundary=x"})
                .status_code for _ in range(4)]
    assert statuses[-1] == 429 and 429 not in statuses[:2]
