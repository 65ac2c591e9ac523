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

``--leave-one-round-out``: the product's condition-unit model (``bench.finder_model``: the index's
sentence vectors, one logistic regression per output) fitted without each held-out round and scored
on it: its units, and the round's verdicts and unmet reasons read by the rules alone, the model alone
and the two combined, at each threshold of ``finder_model.THRESHOLDS`` and each ``--c``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bench import finder, finder_model, finder_set
from bench.common import arg_parser, load_average, log, save, scratch, stamp
from bench.finder_model import in_round, rounds


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


def main() -> None:
    p = arg_parser(__doc__, out="finder_classifier.json")
    p.add_argument("--index", type=Path, help="index of the finder notices to reuse (built there if absent)")
    p.add_argument("--leave-one-round-out", action="store_true",
                   help="per held-out round: the product's model fitted on every other notice, scored on the "
                        "round (rules alone, model alone, combined: bench/finder_model.py)")
    p.add_argument("--c", type=float, nargs="+", default=[finder_model.C],
                   help="with --leave-one-round-out: the inverse regularisations to measure")
    args = p.parse_args()
    head = stamp("accuracy, not timing")
    if args.leave_one_round_out:
        with scratch("finder-model") as tmp:
            docs = finder_model.documents(args.index or tmp / "index")
            result = {**head, "load_average": load_average(), "thresholds": list(finder_model.THRESHOLDS),
                      "leave_one_round_out": {f"C={c}": finder_model.leave_one_round_out(docs, c=c) for c in args.c}}
        save(args.out, result)
        return
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
