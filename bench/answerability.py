"""Answerability: what the answer-type check and the confidence label do, measured on a question file.

Usage: python -m bench.answerability QUESTIONS --index DIR [--squad SQUAD.json] [--fit N,N] [--out FILE]

Every question is retrieved once as ``PolicyBot.ask`` would (``PolicyBot.retrieve``); from the same
candidates the script then decides with and without the answer-type check (bot/answering/abstain.py), composes
the answer (bot/answering/compose.py) and labels each quote (bot/answering/answerable.py) for a sweep of coverage
thresholds. Reported per group:
- abstention with the earlier rule (similarity, names and years) and with the type check and the
  doubt model (bot/answering/doubt.py; ``POLICYBOT_DOUBT=false`` leaves it out) added,
  on answerable questions (false abstentions) and unanswerable ones;
- the share of answerable questions whose gold phrase is in the answer text;
- per coverage threshold, how often a quote labelled direct / related holds the gold phrase, and
  the share of unanswerable questions whose lead quote is labelled direct.
With ``--squad`` (the SQuAD file the questions came from) questions are grouped by article: those of
the ``--fit`` articles (0-based, file order) choose the thresholds, the others report them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import arg_parser, save, stamp
from bot.answering.abstain import should_abstain
from bot.answering.answerable import DIRECT_COVERAGE, support
from bot.answering.compose import compose
from bot.evaluation.questions import load_questions, normalise
from bot.service import PolicyBot
from core.settings import get_settings

COVERAGES = (0.3, 0.4, 0.5, 0.6, 0.7)


def articles(squad: Path) -> dict[str, int]:
    """Question id -> article number in the SQuAD file."""
    data = json.loads(squad.read_text(encoding="utf-8"))["data"]
    return {str(qa["id"]): n for n, a in enumerate(data) for p in a["paragraphs"] for qa in p["qas"]}


def measure(questions: Path, index: Path | None, squad: Path | None, fit: set[int]) -> dict[str, Any]:
    settings = get_settings().model_copy(update={"analytics_db": None})
    if index:
        settings = settings.model_copy(update={"index": index})
    bot = PolicyBot(settings)
    idf = bot.index().retriever.idf
    group_of = articles(squad) if squad else {}
    rows = []
    for q in load_questions(questions):
        candidates, evidence = bot.retrieve(q["question"])
        before = not candidates or should_abstain(replace(evidence, typed=True, doubt=0.0))
        after = not candidates or should_abstain(evidence)
        phrases = [normalise(p) for p in q.get("expect", [])]
        row = {"id": q["id"], "answerable": q["answerable"], "before": before, "after": after,
               "gold_in_answer": False, "quotes": []}
        if candidates and not after:
            composed = compose(candidates, settings.max_answer_sentences, question=q["question"])
            row["gold_in_answer"] = any(p in normalise(composed.answer) for p in phrases)
            for n, text in composed.spans.items():
                found = support(q["question"], text, idf)
                row["quotes"].append({"n": n, "typed": found.typed, "coverage": round(found.coverage, 3),
                                      "gold": any(p in normalise(text) for p in phrases)})
        if squad:
            row["group"] = "fit" if group_of.get(q["id"]) in fit else "test"
        rows.append(row)
    groups = sorted({r.get("group", "all") for r in rows})
    return {**stamp(), "model": bot.index().data.model, "questions_file": str(questions),
            "squad": str(squad) if squad else None, "fit_articles": sorted(fit),
            "direct_coverage": DIRECT_COVERAGE,
            "groups": {g: figures([r for r in rows if r.get("group", "all") == g]) for g in groups},
            "questions": rows}


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ans = [r for r in rows if r["answerable"]]
    un = [r for r in rows if not r["answerable"]]

    def share(items: list[Any], total: int) -> float | None:
        return round(len(items) / total, 4) if total else None

    out: dict[str, Any] = {
        "answerable": len(ans), "unanswerable": len(un),
        "false_abstentions": {"before": share([r for r in ans if r["before"]], len(ans)),
                              "after": share([r for r in ans if r["after"]], len(ans))},
        "unanswerable_abstained": {"before": share([r for r in un if r["before"]], len(un)),
                                   "after": share([r for r in un if r["after"]], len(un))},
        "gold_in_answer": share([r for r in ans if r["gold_in_answer"]], len(ans)),
        "labels": [],
    }
    for c in COVERAGES:
        def direct(quote: dict[str, Any], c: float = c) -> bool:
            return quote["typed"] and quote["coverage"] >= c
        quotes = [q for r in ans for q in r["quotes"]]
        d = [q for q in quotes if direct(q)]
        rel = [q for q in quotes if not direct(q)]
        lead_un = [r["quotes"][0] for r in un if r["quotes"]]
        out["labels"].append({
            "coverage": c, "direct_quotes": len(d), "related_quotes": len(rel),
            "gold_in_direct": share([q for q in d if q["gold"]], len(d)),
            "gold_in_related": share([q for q in rel if q["gold"]], len(rel)),
            "unanswerable_lead_direct": share([q for q in lead_un if direct(q)], len(lead_un)),
        })
    return out


def summary(result: dict[str, Any]) -> str:
    lines = [f"{result['model']} on {result['questions_file']}"]
    for name, g in result["groups"].items():
        fa, ua = g["false_abstentions"], g["unanswerable_abstained"]
        lines.append(f"\n{name}: {g['answerable']} answerable, {g['unanswerable']} unanswerable; "
                     f"gold in answer {g['gold_in_answer']}")
        lines.append(f"  false abstentions {fa['before']} -> {fa['after']} with the type check; "
                     f"unanswerable abstained {ua['before']} -> {ua['after']}")
        lines.append("  | coverage | direct quotes | gold in direct | gold in related | unanswerable lead direct |")
        lines.append("  |---|---|---|---|---|")
        lines += [f"  | {x['coverage']} | {x['direct_quotes']} | {x['gold_in_direct']} | "
                  f"{x['gold_in_related']} | {x['unanswerable_lead_direct']} |" for x in g["labels"]]
    return "\n".join(lines)


def main() -> None:
    p = arg_parser(__doc__, out="answerability.json")
    p.add_argument("questions", type=Path)
    p.add_argument("--index", type=Path)
    p.add_argument("--squad", type=Path, help="the SQuAD file of the questions: group them by article")
    p.add_argument("--fit", default="0,2,4,6", help="articles (0-based) that choose thresholds [0,2,4,6]")
    args = p.parse_args()
    fit = {int(x) for x in args.fit.split(",") if x.strip()}
    result = measure(args.questions, args.index, args.squad, fit)
    save(args.out, result, summary(result))


if __name__ == "__main__":
    main()
