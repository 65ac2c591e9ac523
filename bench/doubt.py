"""Fit the doubt model (bot/answering/doubt.py) on some SQuAD 2.0 articles and report it on the others.

Usage: python -m bench.doubt QUESTIONS --index DIR --squad SQUAD.json [--fit 0,2,4,6] [--target 0.08]
       [--check FILE=INDEX ...] [--out FILE]

Every question is retrieved once as ``PolicyBot.ask`` would; its eight features come from
``bot.answering.doubt.features``. A logistic regression (scikit-learn, standardised features, C = 1) is fitted
on the questions of the ``--fit`` articles. The limit is the lowest probability at which the fit
articles' answerable questions are wrongly abstained at most ``--target`` of the time, counting
the earlier rules (similarity, names, years, answer type) too. Reported: the fit and the other
(test) articles, with and without the model, and each ``--check`` file (questions over another
index: the calibration and dev sets, CMRC) so a gain on SQuAD is not paid for elsewhere. The
``doubt`` block of the result goes into indexer/embed/calibration.json under the index's model.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.answerability import articles
from bench.common import arg_parser, save, stamp
from bot.answering.abstain import should_abstain
from bot.answering.doubt import FEATURES, DoubtModel, features, same_language
from bot.evaluation.questions import load_questions
from bot.service import PolicyBot
from core.settings import get_settings


def collect(questions: Path, index: Path) -> list[dict[str, Any]]:
    """Per question: answerable, the earlier rules' decision, the features (None: no passage or
    the question and its passage differ in language, where the model is not applied)."""
    settings = get_settings().model_copy(update={"analytics_db": None, "index": index, "doubt": False})
    bot = PolicyBot(settings)
    rows = []
    for q in load_questions(questions):
        candidates, evidence = bot.retrieve(q["question"])
        earlier = not candidates or should_abstain(replace(evidence, doubt=0.0))
        found = features(q["question"], candidates, evidence.top_dense, evidence.threshold, evidence.typed) \
            if same_language(q["question"], candidates) else None
        rows.append({"id": q["id"], "answerable": bool(q["answerable"]), "earlier": earlier, "features": found})
    return rows


def fit(rows: list[dict[str, Any]], target: float) -> DoubtModel:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    used = [r for r in rows if r["features"] is not None]
    x = np.array([[r["features"][k] for k in FEATURES] for r in used])
    y = np.array([0 if r["answerable"] else 1 for r in used])
    scaler = StandardScaler().fit(x)
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y)
    weights = lr.coef_[0] / scaler.scale_  # back to raw features: one dot product at answer time
    bias = float(lr.intercept_[0] - (weights * scaler.mean_).sum())
    model = DoubtModel(dict(zip(FEATURES, (float(w) for w in weights), strict=True)), bias, 1.0)
    limit = 1.0
    for p in sorted({round(probability(model, r), 4) for r in used}, reverse=True):
        if rates(rows, replace(model, limit=p))["false_abstentions"] > target:
            break
        limit = p
    return replace(model, limit=limit)


def probability(model: DoubtModel, row: dict[str, Any]) -> float:
    """As ``bot.answering.doubt.doubt`` applies it (features are None across languages)."""
    return model.judge(row["features"]) if row["features"] is not None else 0.0


def rates(rows: list[dict[str, Any]], model: DoubtModel | None) -> dict[str, Any]:
    def abstains(r: dict[str, Any]) -> bool:
        return r["earlier"] or (model is not None and probability(model, r) > model.limit)

    ans = [r for r in rows if r["answerable"]]
    un = [r for r in rows if not r["answerable"]]
    return {"answerable": len(ans), "unanswerable": len(un),
            "false_abstentions": round(sum(map(abstains, ans)) / len(ans), 4) if ans else None,
            "unanswerable_abstained": round(sum(map(abstains, un)) / len(un), 4) if un else None}


def main() -> None:
    p = arg_parser(__doc__, out="doubt.json")
    p.add_argument("questions", type=Path)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--squad", type=Path, required=True, help="the SQuAD file the questions came from")
    p.add_argument("--fit", default="0,2,4,6", help="articles (0-based) the model is fitted on [0,2,4,6]")
    p.add_argument("--target", type=float, default=0.08, help="false abstentions allowed on the fit articles")
    p.add_argument("--check", action="append", default=[], metavar="FILE=INDEX",
                   help="another question file and its index, reported with the fitted model")
    args = p.parse_args()
    head = stamp()
    chosen = {int(x) for x in args.fit.split(",") if x.strip()}
    group = articles(args.squad)
    rows = collect(args.questions, args.index)
    fit_rows = [r for r in rows if group.get(r["id"]) in chosen]
    test_rows = [r for r in rows if group.get(r["id"]) not in chosen]
    model = fit(fit_rows, args.target)
    result: dict[str, Any] = {
        **head, "questions_file": str(args.questions), "fit_articles": sorted(chosen), "target": args.target,
        "doubt": {"weights": {k: round(v, 5) for k, v in model.weights.items()}, "bias": round(model.bias, 5),
                  "limit": model.limit},
        "groups": {name: {"without": rates(g, None), "with": rates(g, model)}
                   for name, g in (("fit", fit_rows), ("test", test_rows))},
        "checks": {}}
    for check in args.check:
        file, _, index = check.partition("=")
        got = collect(Path(file), Path(index))
        result["checks"][file] = {"without": rates(got, None), "with": rates(got, model),
                                  "same_language": sum(r["features"] is not None for r in got)}
    lines = [f"doubt model fitted on articles {sorted(chosen)} (target {args.target}): limit {model.limit}"]
    for name, g in {**result["groups"], **result["checks"]}.items():
        lines.append(f"  {name}: false abstentions {g['without']['false_abstentions']} -> "
                     f"{g['with']['false_abstentions']}; unanswerable abstained "
                     f"{g['without']['unanswerable_abstained']} -> {g['with']['unanswerable_abstained']}")
    save(args.out, result, "\n".join(lines))


if __name__ == "__main__":
    main()
