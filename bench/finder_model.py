"""The finder's condition-unit model on the finder dev set: its units, its fit, and leave one round out.

Every candidate unit of every finder notice (``indexer.notice.units``, as ``extract_eligibility``
reads them) gets its vector the way an index build gives it (``indexer.picker.conditions.unit_vectors``:
the index's own sentence vectors) and its labels from notices.jsonl: a unit states a condition when a
labelled condition quotes it, and states each type those conditions have. ``fit`` is the model
train/finder.py ships (one logistic regression per output, class-weighted); ``leave_one_round_out``
fits it without each held-out round and reads that round's notices three ways: the rules alone (the
product without the model), the model alone (its units through the typed extractors, ``text`` when
nothing is typed) and combined (the product with the model: ``indexer.notice.fitted``), scored as
``bench.finder`` scores the product: verdict agreement and unmet reasons named. The rules' figure
is not held out (they were fixed on every round after its first measurement); the model's is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench import finder, finder_set
from indexer.notice.fitted import TYPES, kind_of

C = 0.1
"""Inverse regularisation of every output (chosen left one round out: train/finder.py)."""
THRESHOLDS = (0.2, 0.3, 0.5, 0.7)


def _squeeze(text: object) -> str:
    return " ".join(str(text or "").split())


@dataclass
class Document:
    doc: str
    notice: finder_set.Notice
    chunks: list[Any]
    blocks: list[np.ndarray]
    entry: dict[str, Any]


def documents(index: Path) -> dict[str, Document]:
    """The finder notices as indexed at ``index`` (built there when absent)."""
    from indexer.parts import split_by_document
    from indexer.store.index_dir import load_index

    finder.build(index)
    parts = split_by_document(load_index(index))
    return {doc: Document(doc, n, parts[doc].chunks, parts[doc].sentences, parts[doc].entry)
            for doc, n in finder_set.notices().items()}


def _units(d: Document) -> list[Any]:
    from indexer.notice.annex import annex_units
    from indexer.notice.structure import parse
    from indexer.notice.units import condition_units

    structure = parse(d.notice.text)
    units, others = condition_units(structure.blocks, structure.lists())
    if not units:
        units, more = annex_units(structure.blocks)
        others = others + more
    return units + others


def rows(docs: dict[str, Document]) -> tuple[list[dict[str, Any]], np.ndarray]:
    """One row per distinct unit quote with a vector: doc, quote, labels; and the vectors."""
    from indexer.picker.conditions import unit_vectors

    out, vectors = [], []
    for d in docs.values():
        gold: dict[str, set[str]] = {}
        for c in d.notice.meta["conditions"]:
            gold.setdefault(_squeeze(c["quote"]), set()).add(kind_of(str(c["type"])))
        units = [u for u in _units(d) if u.text]
        seen: set[str] = set()
        for unit, vector in zip(units, unit_vectors(units, d.chunks, d.blocks), strict=True):
            quote = _squeeze(unit.quote)
            if vector is None or quote in seen:
                continue
            seen.add(quote)
            kinds = gold.get(quote, set())
            out.append({"doc": d.doc, "quote": quote, "label": bool(kinds), "kinds": sorted(kinds)})
            vectors.append(vector)
    return out, np.vstack(vectors)


def targets(table: list[dict[str, Any]]) -> np.ndarray:
    """[n, 1 + len(TYPES)]: states a condition, states one of each type."""
    return np.array([[r["label"], *(t in r["kinds"] for t in TYPES)] for r in table], dtype=bool)


Linear = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""(mean [d], std [d], weights [d, k] over standardised vectors, bias [k])."""


def fit(vectors: np.ndarray, y: np.ndarray, c: float = C) -> Linear:
    """One class-weighted logistic regression per output on standardised vectors (an output with
    one class only in ``y`` gets zero weights and a bias saying so)."""
    from sklearn.linear_model import LogisticRegression

    mean, std = vectors.mean(axis=0), vectors.std(axis=0) + 1e-6
    x = (vectors - mean) / std
    w = np.zeros((vectors.shape[1], y.shape[1]))
    b = np.zeros(y.shape[1])
    for k in range(y.shape[1]):
        if y[:, k].all() or not y[:, k].any():
            b[k] = 8.0 if y[:, k].all() else -8.0
            continue
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y[:, k])
        w[:, k], b[k] = model.coef_[0], model.intercept_[0]
    return mean, std, w, b


def scorer(linear: Linear) -> Any:
    mean, std, w, b = linear
    return lambda v: 1.0 / (1.0 + np.exp(-(((np.asarray(v, np.float64) - mean) / std) @ w + b)))


def read(docs: dict[str, Document], judge_for: Any, alone: bool = False) -> dict[str, dict[str, Any]]:
    """The manifest entries with each notice's eligibility read again: by the rules (``judge_for``
    None), with the model (``judge_for(doc) -> Judge``), or by the model alone."""
    from indexer.notice.eligibility import _read, extract_eligibility
    from indexer.notice.units import Unit

    out = {}
    for doc, d in docs.items():
        entry = d.entry
        judge = judge_for(d) if judge_for else None
        if alone:
            units = [u for u in _units(d) if u.text]
            chosen = [Unit(u.text, u.quote, "list") for u, r in zip(units, judge(units), strict=True)
                      if r is not None and r.sure]
            conditions = _read(chosen, [], entry.get("issuer"))
            read_ = {**(entry.get("eligibility") or {}), "conditions": conditions}
        else:
            read_ = extract_eligibility(d.chunks, d.notice.text, entry.get("issuer"), entry.get("date"), judge)
        out[doc] = {**entry, "eligibility": read_}
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


def _unit_prf(picked: list[bool], truth: list[bool]) -> dict[str, float]:
    tp = sum(p and t for p, t in zip(picked, truth, strict=True))
    fp = sum(p and not t for p, t in zip(picked, truth, strict=True))
    fn = sum(t and not p for p, t in zip(picked, truth, strict=True))
    return {"precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0}


def folds(table: list[dict[str, Any]]) -> dict[str, tuple[str, int | None, np.ndarray]]:
    """Each held-out round: (split, held_out, which rows are its notices'); the rest is fitted on."""
    notices = finder_set.notices()
    return {name: (split, held, np.array([in_round(notices[r["doc"]], split, held) for r in table], dtype=bool))
            for name, (split, held) in rounds(notices).items()}


def _added(read_: dict[str, dict[str, Any]], docs: dict[str, Document]) -> dict[str, int]:
    """The conditions the model added: on a unit labelled as stating a condition, or not."""
    right = wrong = 0
    for doc in docs:
        gold = {_squeeze(c["quote"]) for c in docs[doc].notice.meta["conditions"]}
        for cond in read_[doc]["eligibility"]["conditions"]:
            if cond.get("by") == "model":
                right, wrong = (right + 1, wrong) if _squeeze(cond["quote"]) in gold else (right, wrong + 1)
    return {"added_on_conditions": right, "added_on_others": wrong}


def leave_one_round_out(docs: dict[str, Document], thresholds: tuple[float, ...] = THRESHOLDS,
                        c: float = C) -> dict[str, Any]:
    """Per held-out round and threshold: unit P/R and type accuracy of the model fitted without the
    round, and the round's verdicts read by the rules, the model alone and combined."""
    from indexer.picker.conditions import judge_of

    table, vectors = rows(docs)
    y = targets(table)
    notices = finder_set.notices()
    by_rules = read(docs, None)
    out: dict[str, Any] = {}
    for name, (split, held, inside) in folds(table).items():
        score = scorer(fit(vectors[~inside], y[~inside], c))
        probs = score(vectors[inside])
        truth = y[inside]
        result: dict[str, Any] = {"fit_units": int((~inside).sum()), "units": int(inside.sum()),
                                  "conditions": int(truth[:, 0].sum())}
        rules_said = {(d, _squeeze(c.get("quote"))) for d, e in by_rules.items()
                      for c in e["eligibility"]["conditions"]}
        picked_rules = [(r["doc"], r["quote"]) in rules_said for r in np.array(table, dtype=object)[inside]]
        result["units_rules"] = _unit_prf(picked_rules, list(truth[:, 0]))
        typed = truth[:, 0] & truth[:, 1:].any(axis=1)
        result["type_accuracy"] = round(float(np.mean(truth[typed, 1:][np.arange(typed.sum()),
                                                                        np.argmax(probs[typed, 1:], axis=1)])), 3)
        s = finder.score(finder.judge(by_rules), by_rules, split, held)
        result["rules"] = {k: s[k] for k in ("verdict_agreement", "unmet_named")}
        round_docs = {d: docs[d] for d in docs if in_round(notices[d], split, held)}
        for t in thresholds:
            result[f"units_model@{t}"] = _unit_prf(list(probs[:, 0] >= t), list(truth[:, 0]))
            judge_for = lambda d, t=t, score=score: judge_of(score, t, d.chunks, d.blocks)  # noqa: E731
            for how, alone in (("model", True), ("combined", False)):
                read_ = {**by_rules, **read(round_docs, judge_for, alone)}
                s = finder.score(finder.judge(read_), read_, split, held)
                result[f"{how}@{t}"] = {k: s[k] for k in ("verdict_agreement", "unmet_named")}
                if not alone:
                    result[f"{how}@{t}"].update(_added(read_, round_docs))
        out[name] = result
    return out
