"""The installed `policybot` command, as a user runs it."""

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("policybot")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env={**os.environ, **(env or {})})


def test_ask_prints_the_api_object_as_json(real_settings):
    result = CliRunner().invoke(cli, ["ask", "--index", str(real_settings.index),
                                      "How many projects were signed through the Wenzhou docking activities?"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) >= {"answer", "abstained", "citations"}
    assert not body["abstained"]
    assert any("221 projects" in c["text"] for c in body["citations"])


def test_ask_plain_is_readable(real_settings):
    result = CliRunner().invoke(cli, ["ask", "--plain", "--index", str(real_settings.index),
                                      "Which customs office supports the China Textile City procurement pilot?"])
    assert result.exit_code == 0
    assert "[1]" in result.output and not result.output.lstrip().startswith("{")


def test_ask_rejects_empty_question(real_settings):
    result = CliRunner().invoke(cli, ["ask", "--index", str(real_settings.index), "   "])
    assert result.exit_code == 2
    assert "empty" in result.output


def test_ask_without_index_explains(tmp_path):
    result = CliRunner().invoke(cli, ["ask", "--index", str(tmp_path / "none"), "anything?"])
    assert result.exit_code == 3
    assert "policybot index" in result.output


@pytest.mark.e2e  # indexes with the real model
def test_index_command_reports_and_skips_bad_files(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (corpus / "empty.txt").write_text("   ")
    index = tmp_path / "index"
    proc = run("index", "--corpus", str(corpus), "--index", str(index))
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["documents"] == 5 and report["chunks"] > 5
    assert {s["file"] for s in report["skipped"]} == {"broken.pdf", "empty.txt"}
    assert (index / "manifest.json").exists() and (index / "index.faiss").exists()
    manifest = json.loads((index / "manifest.json").read_text())
    assert manifest["dimension"] == 384 and manifest["chunk_count"] == report["chunks"]
    assert set(manifest["documents"]) == {p.stem for p in (ROOT / "corpus").glob("*.txt")}

    again = run("index", "--corpus", str(corpus), "--index", str(index), "--plain")
    assert "unchanged: 5" in again.stdout and "embedded now: 0" in again.stdout

    asked = run("ask", "--index", str(index), "Which bank gives market-procurement loans?",
                env={"POLICYBOT_INDEX": "/nonexistent"})
    assert asked.returncode == 0 and "Ruifeng" in asked.stdout


def test_environment_overrides_default_paths(tmp_path, real_settings):
    proc = run("ask", "Who chaired the symposium?", env={"POLICYBOT_INDEX": str(real_settings.index)})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["citations"]


def test_serve_refuses_a_corrupted_index_naming_the_file(tmp_path, real_settings):
    index = tmp_path / "index"
    shutil.copytree(real_settings.index.resolve(), tmp_path / "copy")
    index.symlink_to(tmp_path / "copy")
    faiss_file = tmp_path / "copy" / "index.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    proc = run("serve", "--index", str(index), "--port", "8799")
    assert proc.returncode == 3
    assert "index.faiss" in proc.stderr and "Traceback" not in proc.stderr


def test_serve_workers_on_a_taken_port_fails_clearly(real_settings):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = run("serve", "--index", str(real_settings.index), "--workers", "2",
                   "--port", str(taken.getsockname()[1]))
    assert proc.returncode == 2
    assert "Address already in use" in proc.stderr and "Traceback" not in proc.stderr
