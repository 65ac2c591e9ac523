"""Calibrate abstention: sweep the relevance threshold over a question set and show the trade-off.

Usage: .venv/bin/python bench/abstention.py bench/calibration_questions.jsonl [--index DIR]
The whole rule (bot/abstain.py) is applied in every row, with only the relevance threshold varied.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.abstain import should_abstain
from bot.evaluate import load_questions
from bot.service import PolicyBot
from core.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    settings = get_settings().model_copy(update={"abstain_threshold": -1.0})
    if args.index:
        settings = settings.model_copy(update={"index": args.index})
    bot = PolicyBot(settings)
    rows = []
    for q in load_questions(args.questions):
        _, ev = bot.retrieve(q["question"])
        rows.append({"id": q["id"], "answerable": q["answerable"], "top_dense": ev.top_dense,
                     "missing": ev.missing, "coverage": ev.coverage, "evidence": ev})
    ans = [r for r in rows if r["answerable"]]
    un = [r for r in rows if not r["answerable"]]
    table = []
    for t in np.round(np.arange(0.15, 0.46, 0.025), 3):
        def abstains(r: dict, t: float = float(t)) -> bool:
            return should_abstain(replace(r["evidence"], threshold=t))
        table.append({
            "threshold": float(t),
            "false_abstentions": sum(abstains(r) for r in ans) / len(ans),
            "abstention_recall": sum(abstains(r) for r in un) / len(un),
        })
    if args.json:
        for r in rows:
            del r["evidence"]
        print(json.dumps({"questions": rows, "sweep": table}, indent=2))
        return
    print("| threshold | answerable wrongly abstained | unanswerable abstained |")
    print("|---|---|---|")
    for row in table:
        print(f"| {row['threshold']:.3f} | {row['false_abstentions']:.3f} | {row['abstention_recall']:.3f} |")
    dense_a = sorted(r["top_dense"] for r in ans)
    dense_u = sorted(r["top_dense"] for r in un if not r["missing"])
    print(f"\nanswerable top cosine: min {dense_a[0]:.3f}, 5th pct {np.percentile(dense_a, 5):.3f}")
    print(f"unanswerable (no missing name) top cosine: {[round(x, 3) for x in dense_u]}")


if __name__ == "__main__":
    main()
