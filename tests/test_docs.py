"""The documentation stays true: a short README whose route table is the app's, docs/ pages that
all exist and are linked, paths and links that resolve. Fast (no model, no server); the runnable
commands are run by tests/test_docs_commands.py and the README's tour by tests/ui/test_tour_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs import DOCS, README, ROOT, blocks, pages

METHOD_PATH = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`")
# Paths the docs name that exist only after a run (indexes, results) or that a command creates.
GENERATED = (".policybot", "bench/results", "bench/.work", ".venv", "corpus/.staging")
PATH_IN_TICKS = re.compile(r"`((?:core|indexer|bot|api|ui|app|bench|tests|demo|deploy|docs|corpus)/[^`\s*…{}<>]*)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_readme_is_short_and_has_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    start = text.index("## The two commands")
    end = text.index("\n## ", start + 1)
    [commands] = [b for b in blocks(README) if start < b.start < end]
    assert [line.split("#")[0].strip() for line in commands.body.strip().splitlines()] == ["make run", "make test"]


def test_readme_names_the_settings_a_deployer_must_set() -> None:
    section = README.read_text(encoding="utf-8").split("## Settings a deployer must set", 1)[1].split("\n## ", 1)[0]
    for setting in ("POLICYBOT_ADMIN_KEYS", "POLICYBOT_CORS_ORIGINS", "POLICYBOT_WEBHOOK_ALLOWED_HOSTS"):
        assert f"| `{setting}` |" in section, setting


def app_routes() -> set[tuple[str, str]]:
    """Every (method, path) the app serves: the OpenAPI operations, the other routes, the mounts."""
    import tempfile

    from app.server import create_app
    from core.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(index=Path(tmp) / "none" / "index", analytics_db=None))
    found = {(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops}
    for route in app.routes:
        path = getattr(route, "path", None)
        if path is None:  # an included router: its routes are the OpenAPI operations above
            continue
        methods = getattr(route, "methods", None)
        if methods is None:  # a mount: the chat at / and /zh, the docs' static files
            found.add(("*", path or "/"))
        elif getattr(route, "include_in_schema", False) is False:
            found.update((m, path) for m in methods if m != "HEAD")
    return found


@pytest.fixture(scope="module")
def routes() -> set[tuple[str, str]]:
    return app_routes()


def readme_routes() -> tuple[set[tuple[str, str]], str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("## Routes", 1)[1].split("\n## ", 1)[0]
    return set(METHOD_PATH.findall(table)), table


def test_the_route_table_lists_every_route_the_app_serves(routes) -> None:
    listed, table = readme_routes()
    api = {(m, p) for m, p in routes if m != "*"}
    assert ("POST", "/api/match") in api and ("GET", "/api/feeds/policies.atom") in api  # the check sees them
    assert api - listed == set(), "routes missing from the README's table"
    assert listed - api == set(), "the README's table names routes the app does not serve"
    for _, mount in {r for r in routes if r[0] == "*"}:
        assert f"`{mount}`" in table or f"`{mount}/" in table, mount


def test_the_route_check_fails_on_a_missing_route(routes) -> None:
    listed, _ = readme_routes()
    assert {("GET", "/api/health")} <= listed
    assert (routes | {("GET", "/api/new")}) - listed  # a route added without a row is reported


def test_every_area_page_exists_and_the_index_links_it() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for name in ("api", "configuration", "policy-records-and-finder", "alerts", "deployment", "answering",
                 "indexing", "benchmarks", "architecture", "chat-and-widget"):
        assert (DOCS / f"{name}.md").is_file(), name
        assert f"]({name}.md)" in index, name
    linked = set(re.findall(r"\]\(([\w-]+\.md)\)", index))
    assert {p.name for p in DOCS.glob("*.md")} - {"README.md"} <= linked


def _anchors(page: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes."""
    heads = re.findall(r"^#{1,6} (.+)$", page.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in heads}


@pytest.mark.parametrize("page", [*pages(), ROOT / "bench" / "README.md", ROOT / "deploy" / "README.md",
                                  ROOT / "demo" / "SOURCES.md"], ids=lambda p: str(p.relative_to(ROOT)))
def test_links_and_paths_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        resolved = (page.parent / file).resolve() if file else page
        if not resolved.exists():
            broken.append(target)
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(target)
    for path in PATH_IN_TICKS.findall(text):
        path = path.rstrip(".,:;")
        if not path.startswith(GENERATED) and not (ROOT / path).exists():
            broken.append(path)
    assert not broken, f"{page.relative_to(ROOT)} names what does not exist: {broken}"


def test_the_path_check_sees_stale_paths(tmp_path) -> None:
    stale = "`bot/retrieve.py`, `indexer/formats/`, `bot/answering/retrieve.py`"
    found = [p for p in PATH_IN_TICKS.findall(stale) if not (ROOT / p).exists()]
    assert found == ["bot/retrieve.py", "indexer/formats/"]


def test_runnable_blocks_are_found() -> None:
    runnable = [b for page in pages() for b in blocks(page) if b.runnable]
    assert len(runnable) >= 10
    assert any(b.background for b in runnable)
    assert all("127.0.0.1:8000" in b.body or ".venv/bin/" in b.body or b.background for b in runnable)
