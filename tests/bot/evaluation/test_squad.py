"""bot/evaluation/squad.py: SQuAD-format files asked through a temporary index and PolicyBot.ask.

The unit tests use the fake encoder (no model is loaded). It reads English by words and a run of
Chinese characters as a single word, so Chinese questions are found by BM25 and judged relevant
by the coverage signal of bot/answering/abstain.py. Each question's outcome is given beside it; the
expected figures are computed by hand from those outcomes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from bot.evaluation.questions import QuestionResult
from bot.evaluation.squad import evaluate_squad, load_squad, measure, plain_squad, spread
from bot.service import PolicyBot
from core.errors import InvalidQuestion
from core.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
SQUAD2_DEV_A = ROOT.parent / "shared" / "bench" / "squad2-dev-a" / "dev-v2.0-a.json"


def qa(qid: str, question: str, *answers: str, impossible: bool | None = None) -> dict:
    row = {"id": qid, "question": question, "answers": [{"text": a, "answer_start": 0} for a in answers]}
    if impossible is not None:  # SQuAD 2.0 has the flag; CMRC 2018 leaves it out
        row["is_impossible"] = impossible
    return row


ENGLISH = {"version": "v2.0", "data": [
    {"title": "Cotton_mills", "paragraphs": [
        {"context": "Small mills receive a cotton subsidy of 300 yuan per tonne of yarn.", "qas": [
            # rank 1, and the answer quotes the sentence with the gold (any of the gold forms counts)
            qa("en1", "How much cotton subsidy do small mills receive per tonne of yarn?",
               "300 yuan", "300  YUAN", impossible=False),
            # near-domain, impossible: the right passage is found, so it is answered (not abstained)
            qa("en2", "What cotton subsidy do large spinning mills receive per tonne of yarn?",
               impossible=True)]},
        {"context": "The provincial treasury pays the subsidy every March.", "qas": [
            # rank 1 (the article is one chunk), but the answer quotes the first paragraph's
            # sentence, which shares more words with the question: gold not in the answer text
            qa("en3", "Which body pays the cotton subsidy that small mills receive per tonne of yarn?",
               "provincial treasury", impossible=False)]}]},
    {"title": "Dyeing plants", "paragraphs": [
        {"context": "Dyeing plants must treat waste water before discharge. "
                    "Inspectors visit each plant twice a year.", "qas": [
            qa("en4", "How often do inspectors visit each dyeing plant?", "twice a year",
               impossible=False),  # rank 1, gold in the answer
            # off-topic, names the documents never mention: abstained
            qa("en5", "Who won the football match between Barcelona and Madrid?", impossible=True),
            qa("en6", "   ", "x", impossible=False)]}]},  # no one can ask it: skipped
]}

CHINESE = {"version": "v1.0", "data": [
    {"id": "Z1", "title": "纺织集群", "paragraphs": [
        {"id": "Z1-P1", "context": "全国纺织服装产业集群座谈会由消费品工业司主持。", "qas": [
            # answerable, but few of its terms are in the documents: a false abstention
            qa("zh2", "谁主持了这次会议？", "消费品工业司"),
            # impossible (the place is never given), near-domain: low coverage, abstained
            qa("zh3", "全国纺织服装产业集群座谈会在哪个城市举行？", impossible=True)]}]},
    # The same title again: one document with both articles' paragraphs.
    {"id": "Z2", "title": "纺织集群", "paragraphs": [
        {"id": "Z2-P1", "context": "集群企业的利润占规模以上纺织企业的四成。", "qas": [
            qa("zh1", "集群企业的利润占规模以上纺织企业的多少？", "四成")]}]},  # rank 1, in the answer
]}


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return [write(tmp_path / "en.json", ENGLISH), write(tmp_path / "zh.json", CHINESE)]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # The fake model has no calibrated threshold; this one makes the Chinese question it cannot read abstain.
    return Settings(model="fake", index=tmp_path / "unused-index", analytics_db=None, abstain_threshold=0.25)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every (question, answer) that went through PolicyBot.ask."""
    seen: list[tuple[str, object]] = []
    real_ask = PolicyBot.ask

    def spy(self, question, *args, **kwargs):  # type: ignore[no-untyped-def]
        answer = real_ask(self, question, *args, **kwargs)
        seen.append((question, answer))
        return answer

    monkeypatch.setattr(PolicyBot, "ask", spy)
    return seen


# --- reading ----------------------------------------------------------------------------------


def test_load_squad_groups_articles_by_title_and_reads_both_flavours(files: list[Path]) -> None:
    english, chinese = load_squad(files[0]), load_squad(files[1])
    assert english.documents == {
        "Cotton mills": ("Cotton mills", ["Small mills receive a cotton subsidy of 300 yuan per tonne of yarn.",
                                          "The provincial treasury pays the subsidy every March."]),
        "Dyeing plants": ("Dyeing plants", [ENGLISH["data"][1]["paragraphs"][0]["context"]]),
    }
    assert list(chinese.documents) == ["纺织集群"]  # two articles, one title: one document
    assert len(chinese.documents["纺织集群"][1]) == 2
    assert [q["id"] for q in english.questions] == ["en1", "en2", "en3", "en4", "en5"]
    assert english.skipped == 1  # the blank question
    en1, en2 = english.questions[:2]
    assert en1["answerable"] and en1["expect"] == ["300 yuan", "300  YUAN"]
    assert not en2["answerable"] and en2["expect"] == []
    assert all(q["answerable"] for q in chinese.questions if q["id"] != "zh3")  # no flag: answerable


def test_untitled_articles_stay_apart(tmp_path: Path) -> None:
    data = {"data": [{"id": n, "title": "", "paragraphs": [{"context": f"text {n}", "qas": [qa(n, "what?", "text")]}]}
                     for n in ("a", "b")]}
    loaded = load_squad(write(tmp_path / "u.json", data))
    assert loaded.documents == {"#a": ("", ["text a"]), "#b": ("", ["text b"])}


@pytest.mark.parametrize("content", [
    "not json",
    '{"no_data": []}',
    '{"data": [{"title": "t", "paragraphs": [{"qas": []}]}]}',  # no context
    '{"data": [{"title": "t", "paragraphs": [{"context": "c", "qas": [{"question": "q?", "answers": []}]}]}]}',
    '{"data": [{"title": "t", "paragraphs": [{"context": "c", "qas": []}]}]}',  # nothing to ask
])
def test_unreadable_files_are_invalid_questions(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidQuestion, match="bad.json"):
        load_squad(path)


def test_spread_takes_evenly_spaced_items() -> None:
    assert spread(list(range(10)), 3) == [0, 3, 6]
    assert spread(list(range(10)), 10) == list(range(10))
    assert spread([1, 2], None) == [1, 2]


# --- figures ----------------------------------------------------------------------------------


def result(answerable: bool, abstained: bool = False, rank: int | None = None, in_answer: bool = False,
           ms: float = 10) -> QuestionResult:
    return QuestionResult("q", "question?", answerable, abstained, rank, ms / 1000, in_answer)


def test_measure_by_hand() -> None:
    results = [
        result(True, rank=1, in_answer=True, ms=10),
        result(True, rank=2, in_answer=True, ms=20),
        result(True, rank=4, ms=30),  # cited, but below the top 3
        result(True, rank=None, ms=40),  # answered, gold in no citation
        result(True, abstained=True, ms=50),  # false abstention
        result(False, abstained=True, ms=60),
        result(False, ms=70),
    ]
    m = measure(results, indexed=4)
    a, u = m["answerable"], m["unanswerable"]
    assert m["questions"] == 7
    assert a["count"] == 5
    assert a["hit_at_1"] == pytest.approx(1 / 5)
    assert a["hit_at_3"] == pytest.approx(2 / 5)
    assert a["mrr"] == pytest.approx((1 + 1 / 2 + 1 / 4) / 5)
    assert a["gold_in_answer"] == pytest.approx(2 / 5)
    assert a["false_abstentions"] == pytest.approx(1 / 5) and a["false_abstention_count"] == 1
    assert a["gold_indexed"] == pytest.approx(4 / 5)
    assert u == {"count": 2, "abstained": 0.5, "abstained_count": 1}
    assert m["median_ms"] == pytest.approx(40)


def test_measure_leaves_out_what_was_not_asked() -> None:
    only_impossible = measure([result(False, abstained=True)], indexed=0)
    assert only_impossible["answerable"]["hit_at_1"] is None
    assert only_impossible["answerable"]["false_abstentions"] is None
    only_answerable = measure([result(True, rank=1)], indexed=1)
    assert only_answerable["unanswerable"]["abstained"] is None


# --- the whole evaluation, with the fake encoder ----------------------------------------------


def test_evaluate_squad_by_hand(files: list[Path], settings: Settings, fake_encoder, asked,
                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    r = evaluate_squad(files, settings, top_k=5, encoder=fake_encoder)

    # Every question but the blank one went through PolicyBot.ask, the path of /api/ask.
    assert sorted(q for q, _ in asked) == sorted(
        q["question"] for d in (ENGLISH, CHINESE) for a in d["data"] for p in a["paragraphs"]
        for q in p["qas"] if q["question"].strip())
    answers = dict(asked)
    cited = answers["How much cotton subsidy do small mills receive per tonne of yarn?"].citations
    assert cited[0].title == "Cotton mills"  # the article title, underscores read as spaces
    assert not list(scratch.glob("policybot-squad-*"))  # the temporary corpus and index are gone
    assert not settings.index.exists()  # the configured index is never touched

    assert r["model"] == "fake" and r["top_k"] == 5 and r["limit"] is None
    assert (r["documents"], r["chunks"], r["skipped_documents"]) == (3, 3, [])
    # Overall: answerable en1 en3 en4 zh1 rank 1, zh2 abstained; en1 en4 zh1 hold the gold in
    # the answer text; impossible en5 zh3 abstained, en2 answered.
    a, u = r["overall"]["answerable"], r["overall"]["unanswerable"]
    assert r["overall"]["questions"] == 8
    assert a == {"count": 5, "hit_at_1": 0.8, "hit_at_3": 0.8, "mrr": 0.8, "gold_in_answer": 0.6,
                 "false_abstentions": 0.2, "false_abstention_count": 1, "gold_indexed": 1.0}
    assert u == {"count": 3, "abstained": 0.6667, "abstained_count": 2}

    english, chinese = r["per_file"]
    assert (english["file"], english["articles"], english["skipped_questions"]) == (str(files[0]), 2, 1)
    assert english["answerable"] == {"count": 3, "hit_at_1": 1.0, "hit_at_3": 1.0, "mrr": 1.0,
                                     "gold_in_answer": 0.6667, "false_abstentions": 0.0,
                                     "false_abstention_count": 0, "gold_indexed": 1.0}
    assert english["unanswerable"] == {"count": 2, "abstained": 0.5, "abstained_count": 1}
    assert (chinese["articles"], chinese["skipped_questions"]) == (1, 0)
    assert chinese["answerable"] == {"count": 2, "hit_at_1": 0.5, "hit_at_3": 0.5, "mrr": 0.5,
                                     "gold_in_answer": 0.5, "false_abstentions": 0.5,
                                     "false_abstention_count": 1, "gold_indexed": 1.0}
    assert chinese["unanswerable"] == {"count": 1, "abstained": 1.0, "abstained_count": 1}

    text = plain_squad(r)
    assert "3 documents (3 chunks) indexed" in text
    assert "all: 8 questions (5 answerable, 3 unanswerable)" in text
    assert "hit@1 0.800  hit@3 0.800  MRR 0.800  gold in answer 0.600  false abstentions 0.200 (1)" in text
    assert "unanswerable: abstained 0.667 (2 of 3)" in text
    assert "en.json: 5 questions" in text and "zh.json: 3 questions" in text
    assert "1 questions skipped" in text


def test_limit_asks_a_spread_of_questions_over_the_whole_index(files: list[Path], settings: Settings,
                                                               fake_encoder, asked) -> None:
    r = evaluate_squad(files, settings, limit=2, encoder=fake_encoder)
    assert r["documents"] == 3  # every article is indexed all the same
    assert [m["questions"] for m in r["per_file"]] == [2, 2]
    assert [q for q, _ in asked] == [ENGLISH["data"][0]["paragraphs"][0]["qas"][0]["question"],  # en1
                                     ENGLISH["data"][0]["paragraphs"][1]["qas"][0]["question"],  # en3
                                     "谁主持了这次会议？", "全国纺织服装产业集群座谈会在哪个城市举行？"]  # zh2, zh3
    assert "at most 2 questions per file" in plain_squad(r)


def test_gold_indexed_counts_gold_the_index_does_not_hold(tmp_path: Path, settings: Settings,
                                                          fake_encoder) -> None:
    data = {"data": [{"title": "Mills", "paragraphs": [{"context": "Small mills receive a cotton subsidy.", "qas": [
        qa("a", "What do small mills receive?", "cotton subsidy"),
        qa("b", "What do large mills receive?", "a gold string that is nowhere")]}]}]}
    r = evaluate_squad([write(tmp_path / "one.json", data)], settings, encoder=fake_encoder)
    assert r["overall"]["answerable"]["gold_indexed"] == 0.5
    assert r["per_file"][0]["unanswerable"]["count"] == 0
    assert "unanswerable:" not in plain_squad(r)  # nothing to report there
    assert "en.json" not in plain_squad(r) and "one.json" not in plain_squad(r)  # one file: no breakdown


# --- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["--limit", "3", "questions.jsonl"], "--limit goes with --squad"),
    (["--squad", "en.json", "--beir", "."], "give one of QUESTIONS, --beir DIR or --squad FILE"),
    (["--squad", "en.json", "questions.jsonl"], "give one of QUESTIONS, --beir DIR or --squad FILE"),
])
def test_cli_refuses_mixed_modes(files: list[Path], args: list[str], message: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(files[0].parent)
    Path("questions.jsonl").write_text('{"question": "q?", "answerable": false}\n')
    outcome = CliRunner().invoke(cli, ["eval", *args])
    assert outcome.exit_code == 2, outcome.output
    assert message in outcome.output


def test_cli_names_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    outcome = CliRunner().invoke(cli, ["eval", "--squad", str(bad)])
    assert outcome.exit_code == 2, outcome.output
    assert "bad.json: not a readable SQuAD-format file" in outcome.output


@pytest.mark.e2e  # the real command and the real model
@pytest.mark.skipif(not SQUAD2_DEV_A.exists(), reason="the shared SQuAD 2.0 slice is not here")
def test_cli_squad_on_two_real_articles(tmp_path: Path) -> None:
    data = json.loads(SQUAD2_DEV_A.read_text(encoding="utf-8"))
    data["data"] = data["data"][:2]
    path = write(tmp_path / "two.json", data)
    exe = Path(sys.executable).with_name("policybot")
    done = subprocess.run([str(exe), "eval", "--squad", str(path), "--limit", "40", "--json"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    r = json.loads(done.stdout)
    assert set(r) == {"files", "model", "top_k", "limit", "documents", "chunks", "skipped_documents",
                      "index_seconds", "query_seconds", "overall", "per_file"}
    assert (r["files"], r["limit"], r["documents"], r["skipped_documents"]) == ([str(path)], 40, 2, [])
    assert r["chunks"] > 2 and r["index_seconds"] > 0
    overall = r["overall"]
    assert set(overall) == {"questions", "answerable", "unanswerable", "median_ms"}
    a, u = overall["answerable"], overall["unanswerable"]
    assert overall["questions"] == 40 and a["count"] + u["count"] == 40 and a["count"] and u["count"]
    assert set(a) == {"count", "hit_at_1", "hit_at_3", "mrr", "gold_in_answer", "false_abstentions",
                      "false_abstention_count", "gold_indexed"}
    assert set(u) == {"count", "abstained", "abstained_count"}
    assert 0 <= a["hit_at_1"] <= a["hit_at_3"] <= 1 and 0 <= a["mrr"] <= 1
    assert a["gold_indexed"] == 1.0  # cleaning and chunking lose no gold answer here
    assert a["hit_at_3"] > 0.3  # two articles: the right one is usually found
    assert overall["median_ms"] > 0
    assert [f["file"] for f in r["per_file"]] == [str(path)] and r["per_file"][0]["articles"] == 2
