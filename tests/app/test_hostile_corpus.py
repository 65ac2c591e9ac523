"""`policybot index` over a corpus holding every hostile file (tests/data/hostile) and three real
notices: it finishes in seconds, reports each file it skips with its reason, and serves the rest;
questions about contacts and annex names are answered by quoting the lines that state them (lines
the cleaner used to drop). On the whole notice set, bench/notice_eval.py measures how often."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.render import plain_report
from core.settings import Settings
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
NOTICES = [ROOT / "bench/data/notices/a/a01_jiangsu_zhanhui_2024.txt",
           ROOT / "bench/data/notices/a/a03_shenzhen_jingwai_zhanhui_2025.txt",
           ROOT / "bench/data/notices/c/c08_cntac_jiqun_shidian_mingdan_2024.txt"]
REFUSED = {
    "surrogate_front_matter.md": "lone surrogate",
    "surrogate_sidecar.txt": "lone surrogate",
    "control_sidecar.txt": "control character",
    "locked_password.pdf": "a password is needed",
    "deep.html": "256 or more levels deep",
    "caf\\xe9.txt": "not valid UTF-8",
}


def hostile_corpus(folder: Path) -> Path:
    corpus = folder / "corpus"
    shutil.copytree(DATA / "hostile", corpus, ignore=shutil.ignore_patterns("*.py"))
    for notice in NOTICES:
        shutil.copy(notice, corpus / notice.name)
    (corpus / "caf\udce9.txt").write_text("The bureau pays half of the booth fee.", encoding="utf-8")
    return corpus


def test_reading_every_hostile_file_takes_seconds(tmp_path: Path, fake_encoder) -> None:
    """Reading, cleaning and chunking the whole corpus (the fake encoder: no model time)."""
    from indexer.build import build_index

    corpus = hostile_corpus(tmp_path)
    started = time.thread_time()
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = build_index(corpus, settings.index, settings, lambda: fake_encoder)
    assert time.thread_time() - started < 10
    assert {s.file: next(r for r in REFUSED.values() if r in s.reason) for s in report.skipped} == REFUSED
    assert report.documents == 10 and report.written
    assert ("decoration", ":" * 40_000 + "x") in report.removed_lines["redos_lines.txt"]
    plain = plain_report(report)
    assert "javascript_url.md: url dropped: only http(s) links are kept ('javascript' link)" in plain
    assert "Web page chrome removed from" in plain and "decoration 1" in plain
    assert all(s.file in plain for s in report.skipped)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict]:
    """The corpus indexed by the installed command with the real model."""
    base = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus(base)
    exe = Path(sys.executable).with_name("policybot")
    proc = subprocess.run([str(exe), "index", "--corpus", str(corpus), "--index", str(base / "index")],
                          capture_output=True, text=True, timeout=900, cwd=ROOT, env=os.environ.copy())
    assert proc.returncode == 1, proc.stderr[-2000:]  # partial: some files skipped, the rest indexed
    return Settings(corpus=corpus, index=base / "index", analytics_db=None), json.loads(proc.stdout)


@pytest.mark.e2e
def test_index_reports_each_skipped_file_and_serves_the_rest(indexed) -> None:
    from bot.service import PolicyBot

    settings, report = indexed
    assert {s["file"] for s in report["skipped"]} == set(REFUSED)
    assert report["documents"] == 10 and report["written"]
    assert report["notes"] == {"javascript_url.md": ["url dropped: only http(s) links are kept ('javascript' link)"]}
    answer = PolicyBot(settings).ask("勞動部展會補助每家企業最高補助多少？")
    assert not answer.abstained and "新臺幣20萬元" in answer.answer  # the Big5 notice, read as Big5
    answer = PolicyBot(settings).ask("How much booth fee support does an exporter get per fair?")
    assert not answer.abstained and any("50,000 yuan" in c.text for c in answer.citations)


@pytest.mark.e2e
@pytest.mark.parametrize(("question", "quoted"), [
    ("深圳市商务局境外展会资助申报找谁咨询？", "深圳市商务局对外贸易处：刘嘉诚，电话0755-88107326"),
    ("中纺联产业集群工作委员会的联系人和电话？", "联系人：产业集群工作委员会 孟庆阳"),
    ("日本东京国际服装服饰展在江苏2024年第二批境外重点展会名单上吗？",
     "3. 2024年日本东京国际服装服饰展（10月，东京）——每家单位最大申报面积18平方米"),
    ("醴陵市船湾镇在2024年纺织产业集群试点名单上吗？", "湖南省醴陵市船湾镇"),
])
def test_contact_and_annex_questions_quote_the_line(indexed, question: str, quoted: str) -> None:
    from bot.service import PolicyBot

    answer = PolicyBot(indexed[0]).ask(question)
    assert not answer.abstained and quoted in answer.answer, answer.answer
