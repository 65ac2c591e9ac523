"""Every command block of docs/ marked runnable runs, in page order, against the served demo index
(``demo_site``: ``make demo`` on a free port). The README's tour is run by tests/ui/test_tour_browser.py,
which shares the server; the checks of what the commands show are there and in the area tests."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.docs import DOCS, Block, Substitutions, blocks, run, run_page
from tests.servers import free_port

pytestmark = pytest.mark.e2e

PAGES = sorted(p for p in DOCS.glob("*.md") if any(b.runnable for b in blocks(p)))


def substitutions(demo_site) -> Substitutions:
    return Substitutions(demo_site.server, free_port(), demo_site.base)


def test_the_pages_with_commands_are_found() -> None:
    names = {p.name for p in PAGES}
    assert {"api.md", "policy-records-and-finder.md", "alerts.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_runnable_commands_of_the_page_run(page: Path, demo_site) -> None:
    with contextlib.ExitStack() as stack:
        run_page(page, substitutions(demo_site), stack)


def test_a_failing_command_fails_its_page(demo_site, tmp_path) -> None:
    """The runner can fail: an HTTP error under curl -sf, a wrong key, a missing file."""
    page = tmp_path / "broken.md"
    subs = substitutions(demo_site)
    for body in ("curl -sf http://127.0.0.1:8000/api/no-such-route\n",
                 "curl -sf http://127.0.0.1:8000/api/admin/stats -H 'Authorization: Bearer wrong'\n",
                 ".venv/bin/policybot ask --index .policybot/demo/missing --plain 'x'\n"):
        page.write_text(f"```sh runnable\n{body}```\n", encoding="utf-8")
        [block] = blocks(page)
        assert run(block, subs).returncode != 0, body
    assert isinstance(block, Block)


def test_the_finder_example_returns_the_demo_notices_with_checklists(demo_site) -> None:
    """What the README's and the finder page's example shows on the demo: its notices, each with
    the conditions it states checked (verdicts may change as the finder reads better)."""
    body = {"profile": {"region": "柯桥", "sector": "纺织", "employees": 120, "enterprise_size": "small"},
            "as_of": "2026-12-06"}
    result = httpx.post(f"{demo_site.server}/api/match", json=body, timeout=60).json()
    listed = result["applicable"] + result["not_applicable"]
    notices = {r["doc_id"] for r in listed if r["doc_id"].startswith("f")}
    assert len(notices) >= 5, notices
    assert "f01_keqiao_jingwai_canzhan_2026" in notices  # the Keqiao booth subsidy for textile SMEs
    checked = [r for r in listed if r["doc_id"].startswith("f") and r["checklist"]]
    assert len(checked) >= 5
    for record in checked:
        for item in record["checklist"]:
            assert item["status"] in ("met", "unmet", "unknown") and item["quote"]
            assert item["citation"]["doc_id"] == record["doc_id"]
    # Expired (f02) and replaced (f05) notices are not offered.
    assert not {"f02_shaoxing_wengang_fanhuan_2025", "f05_keqiao_shebei_touru_2024"} & {
        r["doc_id"] for r in result["applicable"]}


def test_the_demo_receiver_checks_signatures(tmp_path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
    try:
        from receiver import verified
    finally:
        sys.path.pop(0)
    import hashlib
    import hmac
    import time

    body = json.dumps({"type": "policy.matched"}).encode()
    stamp = str(int(time.time()))
    good = {"X-Policybot-Timestamp": stamp,
            "X-Policybot-Signature": "sha256=" + hmac.new(b"whsec_x", stamp.encode() + b"." + body,
                                                         hashlib.sha256).hexdigest()}
    assert verified("whsec_x", body, good) and not verified("whsec_y", body, good)
    assert not verified("whsec_x", body, good, now=time.time() + 3600)  # a replay an hour later
    assert not verified("whsec_x", body + b" ", good)
    assert subprocess.run([sys.executable, "demo/receiver.py", "--help"], capture_output=True,
                          cwd=Path(__file__).resolve().parents[1]).returncode == 0
