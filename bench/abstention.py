"""Calibrate abstention: sweep the relevance threshold over a question set and show the trade-off.

Usage: python -m bench.abstention bench/calibration_questions.jsonl [--index DIR] [--cross] [--json] [--out FILE]

The whole rule (bot/answering/abstain.py) is applied in every row, with only the relevance threshold varied
over the range the index's model actually scores (models differ: MiniLM spreads cosines over
0-0.9, multilingual-e5-small packs them into 0.74-0.92). Uses the index of the settings
(.policybot/index; `make index` builds it) unless --index is given. Writes the per-question
evidence, the sweep and the recommended threshold, and prints the table.

Recommended threshold: the lowest top cosine of an answerable question, minus a margin of 6% of
the range the model's top cosines span on the file (0.05 for MiniLM, about 0.01 for e5), rounded
down to 0.005. It goes into indexer/embed/calibration.json for the model and the file's language.

With ``--cross`` the threshold swept is the cross-lingual model's (bot/answering/abstain.py), over the
questions answered from passages in the other language than theirs (Chinese questions over the
English seeds); the e5 threshold stays as calibrated. The recommendation, by the same rule, goes
into calibration.json under ``packaged:use-multilingual-v3``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import arg_parser, save, stamp
from bot.answering.abstain import should_abstain
from bot.evaluation.questions import load_questions
from bot.service import PolicyBot
from core.settings import get_settings
from indexer.embed.calibration import calibration_key
from indexer.embed.use_encoder import CROSSLINGUAL_MODEL


def sweep(questions: Path, index: Path | None, cross: bool = False) -> dict[str, Any]:
    settings = get_settings().model_copy(update={"abstain_threshold": None if cross else -1.0})
    if index:
        settings = settings.model_copy(update={"index": index})
    bot = PolicyBot(settings)
    score, field = ("cross_top", "cross_threshold") if cross else ("top_dense", "threshold")
    rows = []
    for q in load_questions(questions):
        _, ev = bot.retrieve(q["question"])
        if cross and ev.cross_top is None:
            continue  # answered from its own language: the cross-lingual rule does not apply
        rows.append({"id": q["id"], "answerable": q["answerable"], "top_dense": getattr(ev, score),
                     "missing": ev.missing, "coverage": ev.coverage, "evidence": ev})
    ans = [r for r in rows if r["answerable"]]
    un = [r for r in rows if not r["answerable"]]
    table = []
    tops = [r["top_dense"] for r in rows]
    low, high = min(tops), max(tops)
    for t in np.round(np.linspace(low - 0.01, high, 16), 3):
        def abstains(r: dict, t: float = float(t)) -> bool:
            return should_abstain(replace(r["evidence"], **{field: t}))
        table.append({
            "threshold": float(t),
            "false_abstentions": sum(abstains(r) for r in ans) / len(ans),
            "abstention_recall": sum(abstains(r) for r in un) / len(un),
        })
    for r in rows:
        del r["evidence"]
    lowest = min(r["top_dense"] for r in ans)
    recommended = float(np.floor((lowest - 0.06 * (high - low)) / 0.005) * 0.005)
    data = bot.index().data
    model = CROSSLINGUAL_MODEL if cross else calibration_key(data.model, data.encoder_backend)
    return {**stamp(), "model": model, "questions_file": str(questions), "questions": rows,
            "sweep": table, "recommended_threshold": round(recommended, 3)}


def summary(result: dict[str, Any]) -> str:
    lines = ["| threshold | answerable wrongly abstained | unanswerable abstained |", "|---|---|---|"]
    lines += [f"| {row['threshold']:.3f} | {row['false_abstentions']:.3f} | {row['abstention_recall']:.3f} |"
              for row in result["sweep"]]
    rows = result["questions"]
    dense_a = sorted(r["top_dense"] for r in rows if r["answerable"])
    dense_u = sorted(r["top_dense"] for r in rows if not r["answerable"] and not r["missing"])
    lines.append(f"\nanswerable top cosine: min {dense_a[0]:.3f}, 5th pct {np.percentile(dense_a, 5):.3f}")
    lines.append(f"unanswerable (no missing name) top cosine: {[round(x, 3) for x in dense_u]}")
    lines.append(f"recommended threshold for {result['model']}: {result['recommended_threshold']:.3f}")
    return "\n".join(lines)


def main() -> None:
    p = arg_parser(__doc__, out="abstention.json")
    p.add_argument("questions", type=Path)
    p.add_argument("--index", type=Path)
    p.add_argument("--cross", action="store_true", help="sweep the cross-lingual model's threshold")
    p.add_argument("--json", action="store_true", help="print the result file instead of the table")
    args = p.parse_args()
    result = sweep(args.questions, args.index, args.cross)
    save(args.out, result, None if args.json else summary(result))


if __name__ == "__main__":
    main()
