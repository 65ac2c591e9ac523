"""Which sentences state a condition: the structure rules against a classifier on e5 embeddings.

Every candidate unit of every finder notice (list items, sentences: ``indexer.notice.units``) is
labelled from notices.jsonl (a unit states a condition when a labelled condition quotes it). Two
readers decide which units state conditions:

- ``patterns``: the product's reading (``indexer.notice.eligibility``), a unit counting when one of
  its conditions quotes it;
- ``classifier``: logistic regression on the configured encoder's query vectors of the units,
  fitted on the ``fit`` notices only (class-weighted), its threshold 0.5, and again on the whole
  dev set (``fit`` and ``report``), scored on the held-out rounds only;

and two end-to-end variants for the finder's verdicts: ``classifier_typed`` puts the classifier's
units through the same typed reading (a unit it selects with nothing typed becomes a ``text``
condition); ``patterns_and_classifier`` adds to the product's conditions the typed ones of units
only the classifier selected. Reported on the ``report`` notices (and the held-out ones apart), as
precision/recall of condition units and the finder's verdict agreement and unmet conditions named.

``--leave-one-round-out``: for each held-out round (``rounds``), the classifier fitted on the units
of every notice outside it (fit, report, the other rounds) and scored on that round only, to set
beside the rules' first measurement of the round (the rules' current figure on it is not held out).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bench import finder, finder_set
from bench.common import arg_parser, load_average, log, save, scratch, stamp


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def units_of(notice: finder_set.Notice) -> list[dict[str, Any]]:
    """Every candidate unit of a notice with the label: does a labelled condition quote it?"""
    from indexer.notice.structure import parse
    from indexer.notice.units import condition_units

    structure = parse(notice.text)
    units, others = condition_units(structure.blocks, structure.lists())
    gold = {_squeeze(c["quote"]) for c in notice.meta["conditions"]}
    out, seen = [], set()
    for unit in units + others:
        quote = _squeeze(unit.quote)
        if quote in seen:
            continue
        seen.add(quote)
        out.append({"doc": notice.doc, "text": unit.text, "quote": quote, "unit": unit, "label": quote in gold})
    return out


def _prf(predicted: list[bool], truth: list[bool]) -> dict[str, float]:
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, truth, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "units": len(truth), "conditions": sum(truth)}


def _with_units(documents: dict[str, dict[str, Any]], chosen: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """The manifest with each notice's conditions read from ``chosen`` units only (typed, else text)."""
    from indexer.notice.eligibility import _read
    from indexer.notice.units import Unit

    out = {}
    for doc, entry in documents.items():
        units = [Unit(u.text, u.quote, "list", u.group, u.option) for u in chosen.get(doc, [])]
        conditions = _read(units, [], entry.get("issuer"))
        out[doc] = {**entry, "eligibility": {**(entry.get("eligibility") or {}), "conditions": conditions}}
    return out


def _union(documents: dict[str, dict[str, Any]], chosen: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """The product's conditions, plus the typed conditions of units only the classifier selected
    (never a ``text`` one: the classifier only says a sentence is about who may apply)."""
    from indexer.notice.conditions import conditions_in

    out = {}
    for doc, entry in documents.items():
        found = list((entry.get("eligibility") or {}).get("conditions") or [])
        used = {_squeeze(str(c.get("quote"))) for c in found}
        kinds = {c.get("type") for c in found}
        for unit in chosen.get(doc, []):
            if _squeeze(unit.quote) in used:
                continue
            found += [{**c, "quote": _squeeze(unit.quote)} for c in conditions_in(unit.text, entry.get("issuer"))
                      if c["type"] not in kinds]
        out[doc] = {**entry, "eligibility": {**(entry.get("eligibility") or {}), "conditions": found}}
    return out


def rounds(notices: dict[str, finder_set.Notice]) -> dict[str, tuple[str, int | None]]:
    """Each held-out round: its name -> (split, held_out) as ``finder.score`` takes them."""
    out: dict[str, tuple[str, int | None]] = {}
    for k in sorted({int(n.meta.get("held_out") or 0) for n in notices.values() if n.split == "report"} - {0}):
        out[f"report_held_out_{k}"] = ("report", k)
    for split in finder_set.HELD_OUT:
        if any(n.split == split for n in notices.values()):
            out[split] = (split, None)
    return out


def in_round(notice: finder_set.Notice, split: str, held: int | None) -> bool:
    return notice.split == split and (held is None or int(notice.meta.get("held_out") or 0) == held)


def _fitted(rows: list[dict[str, Any]], vectors: Any, fit: list[int]) -> tuple[Any, dict[str, list[Any]]]:
    """Logistic regression fitted on the ``fit`` rows: which rows it selects, and their units by notice."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit(vectors[fit], np.array([rows[i]["label"] for i in fit]))
    chosen_by_model = model.predict_proba(vectors)[:, 1] >= 0.5
    chosen: dict[str, list[Any]] = {}
    for row, keep in zip(rows, chosen_by_model, strict=True):
        if keep:
            chosen.setdefault(row["doc"], []).append(row["unit"])
    return chosen_by_model, chosen


def _scores(rows: list[dict[str, Any]], picked: Any, by_patterns: list[bool], documents: dict[str, Any],
            chosen: dict[str, list[Any]], split: str, held: int | None) -> dict[str, Any]:
    notices = finder_set.notices()
    idx = [i for i, r in enumerate(rows) if in_round(notices[r["doc"]], split, held)]
    truth = [rows[i]["label"] for i in idx]
    scored: dict[str, Any] = {"patterns": _prf([by_patterns[i] for i in idx], truth),
                              "classifier": _prf([bool(picked[i]) for i in idx], truth)}
    for name, docs_read in (("finder_with_patterns", documents),
                            ("finder_with_classifier_typed", _with_units(documents, chosen)),
                            ("finder_with_patterns_and_classifier", _union(documents, chosen))):
        s = finder.score(finder.judge(docs_read), docs_read, split, held)
        scored[name] = {k: s[k] for k in ("verdict_agreement", "unmet_named", "applicable_but_closed")}
    return scored


def leave_one_round_out(rows: list[dict[str, Any]], vectors: Any, by_patterns: list[bool],
                        documents: dict[str, Any]) -> dict[str, Any]:
    """For each held-out round: fitted on every notice outside it, scored on it alone."""
    notices, out = finder_set.notices(), {}
    for name, (split, held) in rounds(notices).items():
        fit = [i for i, r in enumerate(rows) if not in_round(notices[r["doc"]], split, held)]
        picked, chosen = _fitted(rows, vectors, fit)
        out[name] = {"fit_units": len(fit), "fit_conditions": int(sum(rows[i]["label"] for i in fit)),
                     **_scores(rows, picked, by_patterns, documents, chosen, split, held)}
    return out


def main() -> None:
    p = arg_parser(__doc__, out="finder_classifier.json")
    p.add_argument("--index", type=Path, help="index of the finder notices to reuse (built there if absent)")
    p.add_argument("--leave-one-round-out", action="store_true",
                   help="per held-out round: fitted on every other notice, scored on the round")
    args = p.parse_args()
    head = stamp("accuracy, not timing")
    from core.settings import get_settings
    from indexer.embed.factory import EncoderSpec, get_encoder

    notices = finder_set.notices()
    rows = [row for n in notices.values() for row in units_of(n)]
    settings = get_settings()
    encoder = get_encoder(EncoderSpec.of(settings))
    log(f"encoding {len(rows)} units with {settings.model}")
    vectors = encoder.encode_queries([r["text"] for r in rows])
    with scratch("finder-classifier") as tmp:
        documents = finder.build(args.index or tmp / "index")
    said = {doc: {_squeeze(str(c.get("quote"))) for c in (e.get("eligibility") or {}).get("conditions") or []}
            for doc, e in documents.items()}
    by_patterns = [r["quote"] in said.get(r["doc"], set()) for r in rows]
    result: dict[str, Any] = {**head, "load_average": load_average(), "encoder": settings.model}
    if args.leave_one_round_out:
        result["leave_one_round_out"] = leave_one_round_out(rows, vectors, by_patterns, documents)
        save(args.out, result)
        return
    parts = [("report", "report", None), *((name, *spec) for name, spec in rounds(notices).items()),
             ("fit", "fit", None)]
    # Fitted on the fit notices (reported on everything else), and on the whole dev set (fit and
    # report: reported on the held-out rounds only, which nothing was fitted or tuned on).
    for fitted_on, splits in (("fit", ("fit",)), ("dev", ("fit", "report"))):
        fit = [i for i, r in enumerate(rows) if notices[r["doc"]].split in splits]
        picked, chosen = _fitted(rows, vectors, fit)
        out: dict[str, Any] = {"fit_units": len(fit), "fit_conditions": int(sum(rows[i]["label"] for i in fit))}
        for part, split, held in parts:
            if split not in splits:
                out[part] = _scores(rows, picked, by_patterns, documents, chosen, split, held)
        result[f"fitted_on_{fitted_on}"] = out
    save(args.out, result)


if __name__ == "__main__":
    main()
