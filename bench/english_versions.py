"""English questions over Chinese notices: English versions of the notice set's fit questions.

Usage: python -m bench.english_versions [--work DIR] [--out FILE]

The notice set has 16 English questions over Chinese notices in its fit part, too few to see how
retrieval across languages fails. ``bench/data/notices/english_versions.jsonl`` holds English
versions, written for this purpose, of 64 of the fit part's Chinese questions (``of``: the id of the
Chinese question; its notice and expected phrases are used). They are fit data: a retrieval change is
chosen on them, never on the report part. The index is the one ``bench.notice_answers`` builds (every
notice with the five seeds; ``--work`` shares it). Per question: where retrieval
(``PolicyBot.retrieve``, 20 passages) first ranks a passage holding an expected phrase, whether its
first passage is from the question's notice, and the answer (``PolicyBot.ask``, top 5) as
bench.notice_answers judges it: hit@1 / hit@3, gold in answer, false abstentions, ``direct``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from bench import notice_set
from bench.common import ROOT, arg_parser, load_average, log, save, stamp
from bench.notice_answers import build, notice_files, seed_files, settings_for
from bot.evaluation.questions import normalise
from bot.service import PolicyBot

VERSIONS = ROOT / "bench" / "data" / "notices" / "english_versions.jsonl"
RANKS = (1, 3, 5, 10)


def versions() -> list[dict[str, Any]]:
    """The English versions with their Chinese question's notice and expected phrases."""
    fit = {q["id"]: q for q in notice_set.questions() if q["split"] == "fit"}
    rows = [json.loads(line) for line in VERSIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**fit[r["of"]], "question": r["question"], "of": r["of"]} for r in rows]


def measure(bot: PolicyBot, q: dict[str, Any]) -> dict[str, Any]:
    phrases = [normalise(p) for p in q["expect"]]

    def holds(text: str) -> bool:
        return any(p in normalise(text) for p in phrases)

    candidates, _ = bot.retrieve(q["question"], 20)
    found = next((i + 1 for i, c in enumerate(candidates) if holds(c.chunk.text)), None)
    answer = bot.ask(q["question"], 5)
    rank = None if answer.abstained else next((c.n for c in answer.citations if holds(c.text)), None)
    first = bool(candidates) and candidates[0].chunk.doc_id == q["doc"]
    return {"of": q["of"], "retrieved_at": found, "notice_first": first, "rank": rank, "abstained": answer.abstained,
            "gold": not answer.abstained and holds(answer.answer),
            "direct": answer.confidence == "direct"}


def figures(rows: list[dict[str, Any]]) -> dict[str, float]:
    n = len(rows)
    out = {f"retrieved_at_{k}": sum(bool(r["retrieved_at"]) and r["retrieved_at"] <= k for r in rows) / n
           for k in RANKS}
    out["notice_first"] = sum(r["notice_first"] for r in rows) / n
    out["hit_at_1"] = sum(r["rank"] == 1 for r in rows) / n
    out["hit_at_3"] = sum(bool(r["rank"]) and r["rank"] <= 3 for r in rows) / n
    out["gold_in_answer"] = sum(r["gold"] for r in rows) / n
    out["false_abstain"] = sum(r["abstained"] for r in rows) / n
    out["direct"] = sum(r["direct"] for r in rows) / n
    return {k: round(v, 3) for k, v in out.items()}


def main() -> None:
    p = arg_parser(__doc__, out="english_versions.json")
    p.add_argument("--work", type=Path, help="keep the index here and reuse it (bench.notice_answers' --work)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="policybot-english-") as tmp:
        work = args.work or Path(tmp)
        index = work / "notices-index"
        log(f"indexing the {len(notice_set.notices())} notices and the 5 seeds")
        build(notice_files() + seed_files(), index)
        asked = versions()
        log(f"asking {len(asked)} English versions of fit questions")
        bot = PolicyBot(settings_for(index))
        rows = [measure(bot, q) for q in asked]
    result = {**stamp(), "load_average": load_average(), "n": len(rows), "figures": figures(rows), "questions": rows}
    text = f"English versions of fit questions ({len(rows)}): " + ", ".join(
        f"{k} {v:.3f}" for k, v in result["figures"].items())
    save(args.out, result, text)


if __name__ == "__main__":
    main()
