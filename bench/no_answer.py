"""The no-answer decision's variants, refitted on one collection of the fit and report questions.

Usage: python -m bench.no_answer [--work DIR] [--variant NAME ...] [--out FILE]

Collects every question as ``python -m train.answer`` does (its corpora and indexes, kept in
``--work``; the same picker fit), then refits the calibration once per variant and counts, per
source and kind, false abstentions and unanswerable questions declined under
``Calibration.decide`` (the answer path's decision; the notice set's full path is measured by
bench/notice_answers.py). Variants (en-en: SQuAD 2.0 dev-a's fit articles 0, 2, 4, 6 dominate it;
the report articles 1, 3, 5, 7 are never fitted):
- ``shipped``: as ``train.answer`` fits it;
- ``plausible``: each unanswerable SQuAD fit question also read at the sentence that holds its
  ``plausible_answers`` (the hardest negative: same topic, one slot changed), a no-answer row the
  model learns from (the limit and the other thresholds stay fitted on the questions as asked);
- ``target=X``: en-en's false-abstention target X instead of 0.08;
- ``align=words`` / ``align=context``: the soft alignment (bench/align.py) as two more features
  of the no-answer model, from e5's input word table or from its last-layer token vectors;
  ``align=words:min``, ``align=words:mean``: one of the two only;
- ``doubt=L``: en-en's doubt rule at L instead of the doubt model's own limit (the earlier rules
  and the no-answer limit refitted with it).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from bench import align as bench_align
from bench.common import ROOT, arg_parser, load_average, save, stamp
from train import answer, calibrate, ranker
from train.collect import Asked, apply_offsets, collect, fit_switches, holds, offsets_from, readings

VARIANTS = ("shipped", "plausible", "target=0.09", "target=0.1", "doubt=0.7", "doubt=0.8", "align=words",
            "align=context")
ALIGN = ("align_min", "align_mean")


def collected(work: Path, align: tuple[str, ...] = ()) -> dict[str, Any]:
    """Fit and report questions through the answer path, the picker fitted, each part's rows."""
    from bench import notice_set
    from bot.answering.pick import FEATURES
    from bot.evaluation.questions import load_questions

    sets = answer.corpora(work)
    bots = {name: answer.bot_for(work / name) for name in
            ("fit-notices-index", "squad-cmrc-fit-index", "seeds-index", "all-notices-index", "squad-all-index")}
    notices = notice_set.questions()
    fitted = bots["fit-notices-index"]
    # In train.answer's order: the picker's fit shuffles the questions in the order they come.
    parts: dict[str, tuple[list[Asked], str]] = {
        "notices": (collect(fitted, [q for q in notices if q["split"] == "fit"], "notices"), "fit-notices-index"),
        "twins": (collect(fitted, answer.make_twins(), "twins"), "fit-notices-index")}
    for lang, path in answer.CALIBRATION_SETS.items():
        parts[f"seeds-{lang}"] = (collect(fitted, load_questions(path), f"seeds-{lang}"), "fit-notices-index")
    mixed = bots["squad-cmrc-fit-index"]
    parts["squad"] = (collect(mixed, sets["squad_fit"], "squad"), "squad-cmrc-fit-index")
    parts["cmrc"] = (collect(mixed, sets["cmrc_fit"], "cmrc"), "squad-cmrc-fit-index")
    parts["seeds-alone-zh"] = (collect(bots["seeds-index"], load_questions(answer.CALIBRATION_SETS["zh"]),
                                       "seeds-alone-zh"), "seeds-index")
    fit = [a for asked, _ in parts.values() for a in asked]
    parts["notices-report"] = (collect(bots["all-notices-index"], [q for q in notices if q["split"] == "report"],
                                       "notices"), "all-notices-index")
    parts["squad-report"] = (collect(bots["squad-all-index"], sets["squad_report"], "squad"), "squad-all-index")
    offsets = offsets_from(fit)
    for asked, _ in parts.values():
        apply_offsets(asked, offsets)
    linear = ranker.fit([(a.rows, a.labels, a.source) for a in fit if a.answerable and a.reachable], len(FEATURES))

    def scored(asked: list[Asked]) -> list[np.ndarray]:
        return [ranker.score(a.rows, linear) if len(a.rows) else np.zeros(0) for a in asked]

    switches = fit_switches(fit, scored(fit))
    rows = {name: readings(asked, scored(asked), bots[index], switches) for name, (asked, index) in parts.items()}
    for kind in align:
        vectors = bench_align.word_vectors() if kind == "words" else bench_align.context_vectors()
        for name, (asked, index) in parts.items():
            for a, s, r in zip(asked, scored(asked), rows[name], strict=True):
                if r["pair"] is not None:
                    r.setdefault("align", {})[kind] = bench_align.support(
                        a.question["question"], quote_of(a, s, switches), vectors, bots[index].index().retriever.idf)
    extra = plausible_rows(parts["squad"][0], scored(parts["squad"][0]), bots["squad-cmrc-fit-index"])
    data = bots["fit-notices-index"].index().data
    from indexer.embed.calibration import calibration_key

    return {"rows": rows, "extra": extra, "offsets": offsets, "switches": switches,
            "model": calibration_key(data.model, data.encoder_backend)}


def quote_of(a: Asked, scores: np.ndarray, switches: dict[str, float]) -> str:
    """The quote the reading measures (``bot.answering.reader.measure``): the lead sentence with its
    neighbours, and the lead passage's heading path."""
    from bot.answering.pick import Pick, lead_of
    from bot.answering.reader import reorder
    from bot.answering.slots import context_of
    from train.collect import top_pair

    by = {key: float(v) for key, v in zip(a.chosen, scores, strict=True)}
    p, i, best = lead_of(by, switches.get(top_pair(a), 0.0))
    order, lead = reorder(a.candidates, Pick(p, i, best, by))
    top = order[0].chunk
    index = lead if lead is not None else 0
    quote = " ".join(top.sentences[max(0, index - 1):index + 2]) if top.sentences else top.text
    return f"{quote}\n{context_of(top)}"


def plausible_rows(asked: list[Asked], scores: list[np.ndarray], bot: Any) -> list[dict]:
    """The unanswerable SQuAD fit questions read with the candidate sentence holding a plausible
    answer as the quote (the picker's scores otherwise as they are), rows as ``readings`` gives."""
    from bot.answering.pick import Pick
    from bot.answering.reader import measure, reorder
    from bot.evaluation.questions import normalise
    from core.language import question_language, text_language

    raw = json.loads(answer.SQUAD.read_text(encoding="utf-8"))
    plausible = {q["id"]: [normalise(p["text"]) for p in q.get("plausible_answers", [])]
                 for article in raw["data"] for para in article["paragraphs"] for q in para["qas"]}
    retriever = bot.index().retriever
    out = []
    for a, s in zip(asked, scores, strict=True):
        if a.answerable or not len(s) or a.evidence is None:
            continue
        held = [j for j, (p, i) in enumerate(a.chosen)
                if holds(a.candidates[p].chunk.sentences[i], plausible.get(a.question["id"], []))]
        if not held:
            continue
        by = {key: float(v) for key, v in zip(a.chosen, s, strict=True)}
        p, i = a.chosen[max(held, key=lambda j: s[j])]
        pick = Pick(p, i, by[(p, i)], by)
        order, lead = reorder(a.candidates, pick)
        found, missing, features = measure(a.question["question"], order, lead, a.evidence, pick,
                                           retriever.heads, retriever.idf)
        out.append({"id": a.question["id"], "source": "squad", "answerable": False, "kind": "plausible",
                    "pair": f"{question_language(a.question['question'])}-{text_language(order[0].chunk.passage)}",
                    "raw": features, "slot_missing": bool(missing), "typed": found.typed and not found.missing,
                    "gold_in_lead": False})
    return out


def refit(found: dict[str, Any], variant: str) -> tuple[dict[str, Any], dict[str, list[dict]]]:
    """The calibration and the rows it decides, for ``variant``."""
    rows = found["rows"]
    targets = dict(calibrate.TARGETS)
    if variant.startswith("doubt="):
        limit = float(variant.split("=")[1])
        rows = copy.deepcopy(rows)
        for r in (r for part in rows.values() for r in part if r["pair"] == "en-en"):
            r["raw"]["earlier_doubt"] = float(r["raw"]["doubt"] > limit)
    if variant.startswith("align="):
        kind, _, only = variant.split("=")[1].partition(":")
        rows = copy.deepcopy(rows)
        for r in (r for part in rows.values() for r in part if "raw" in r):
            for k, v in zip(ALIGN, r["align"][kind], strict=True):
                r["raw"][k] = v if not only or k == f"align_{only}" else 0.0
    if variant.startswith("target="):
        calibrate.TARGETS["en-en"] = float(variant.split("=")[1])
    fit_rows = [r for name, part in rows.items() if not name.endswith("-report") for r in part]
    try:
        raw = calibrate.fit(fit_rows, found["model"], lambda lang: answer._fallback(found["model"], lang),
                            found["offsets"], answer._cross_fallback, found["switches"])
        if variant == "plausible":
            raw = with_plausible(raw, fit_rows, found["extra"])
    finally:
        calibrate.TARGETS.update(targets)
    return raw, rows


@contextmanager
def features(variant: str) -> Iterator[None]:
    """The no-answer model's features, with the soft alignment's two for an ``align=`` variant
    (bot/answering/calibrated.py and train/calibrate.py read them as fitted and decided)."""
    from bot.answering import calibrated

    before = calibrated.FEATURES
    if variant.startswith("align="):
        calibrated.FEATURES = calibrate.FEATURES = (*before, *(k for k in ALIGN if k not in before))
    try:
        yield
    finally:
        calibrated.FEATURES = calibrate.FEATURES = before


def with_plausible(raw: dict[str, Any], fit_rows: list[dict], extra: list[dict]) -> dict[str, Any]:
    """en-en's own weights refitted with the plausible-sentence rows, its limit on the questions as asked."""
    from bot.answering.calibrated import FEATURES, Calibration

    cal = Calibration.from_dict(raw)
    learn = [r for r in fit_rows + extra if r["pair"] == "en-en" and cal.decide("en-en", r["raw"], r["slot_missing"])[0]
             in (None, "no-answer")]
    coef, biases = calibrate._logistic(learn, cal, ["en-en"])
    raw = copy.deepcopy(raw)
    raw["weights"]["en-en"] = {k: round(float(v), 5) for k, v in zip(FEATURES, coef, strict=True)}
    raw["pairs"]["en-en"]["bias"] = round(biases["en-en"], 5)
    cal = Calibration.from_dict(raw)
    members = [r for r in fit_rows if r["pair"] == "en-en"]
    raw["pairs"]["en-en"]["limit"] = calibrate._limit(members, cal, "en-en", calibrate.TARGETS["en-en"])
    return raw


def counts(raw: dict[str, Any], rows: dict[str, list[dict]]) -> dict[str, dict[str, float]]:
    """Per part and kind: answerable, false abstentions, unanswerable, declined, and the two shares."""
    from bot.answering.calibrated import Calibration

    cal = Calibration.from_dict(raw)
    out: dict[str, dict[str, float]] = {}
    for name, part in rows.items():
        for r in part:
            g = out.setdefault(f"{name}:{r['kind']}", {"answerable": 0, "false": 0, "unanswerable": 0, "declined": 0})
            declined = r["pair"] is None or cal.decide(r["pair"], r["raw"], r["slot_missing"])[0] is not None
            g["answerable" if r["answerable"] else "unanswerable"] += 1
            g["false" if r["answerable"] else "declined"] += int(declined)
    for g in out.values():
        g["false_share"] = round(g["false"] / g["answerable"], 3) if g["answerable"] else 0.0
        g["declined_share"] = round(g["declined"] / g["unanswerable"], 3) if g["unanswerable"] else 0.0
    return dict(sorted(out.items()))


def aucs(raw: dict[str, Any], rows: dict[str, list[dict]]) -> dict[str, dict[str, float]]:
    """Per part, the AUC (unanswerable above answerable) of the no-answer probability and of each
    alignment feature's shortfall, over the rows with a reading."""
    from bot.answering.calibrated import Calibration

    cal = Calibration.from_dict(raw)
    out = {}
    for name, part in rows.items():
        read = [r for r in part if r["pair"] is not None]
        labels = [not r["answerable"] for r in read]
        if not any(labels) or all(labels):
            continue
        scores = {"no_answer": [cal.no_answer(r["pair"], r["raw"]) for r in read],
                  **{k: [-r["raw"].get(k, 0.0) for r in read] for k in ALIGN}}
        out[name] = {k: round(_auc(v, labels), 3) for k, v in scores.items()}
    return out


def _auc(scores: list[float], positive: list[bool]) -> float:
    """The probability that a positive scores above a negative (ties count half)."""
    ranks = np.argsort(np.argsort(scores, kind="stable"), kind="stable").astype(float)
    values = np.asarray(scores)
    for v in np.unique(values):  # average ranks of ties
        ranks[values == v] = ranks[values == v].mean()
    pos = np.asarray(positive)
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos - 1) / 2) / (n_pos * n_neg))


def main() -> None:
    p = arg_parser(__doc__, "no_answer.json")
    p.add_argument("--work", type=Path, default=ROOT / ".policybot" / "train", help="train.answer's indexes")
    p.add_argument("--variant", nargs="*", default=list(VARIANTS))
    args = p.parse_args()
    result: dict[str, Any] = {**stamp(), "load_start": load_average()}
    kinds = tuple(dict.fromkeys(v.split("=")[1].partition(":")[0] for v in args.variant if v.startswith("align=")))
    found = collected(args.work, kinds)
    result["variants"] = {}
    lines = []
    for variant in args.variant:
        with features(variant):
            raw, rows = refit(found, variant)
            c = counts(raw, rows)
            result["variants"][variant] = {"en-en": raw["pairs"]["en-en"], "counts": c, "auc": aucs(raw, rows),
                                           "weights": raw["weights"]}
        fit, report = c["squad:squad"], c["squad-report:squad"]
        en = c["notices:en_direct"]["false"], c["notices-report:en_direct"]["false"]
        lines.append(f"{variant:12s} SQuAD fit {fit['declined_share']:.3f} at {fit['false_share']:.3f}, report "
                     f"{report['declined_share']:.3f} at {report['false_share']:.3f}; notices' English over English "
                     f"false abstentions: fit {en[0]:.0f}, report {en[1]:.0f}")
    result["load_end"] = load_average()
    save(args.out, result, "\n".join(lines))


if __name__ == "__main__":
    main()
