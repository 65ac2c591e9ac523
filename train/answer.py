"""Rebuild the answer model: ``python -m train.answer [--work DIR] [--out DIR]``.

1. Index the policy-notice set's fit notices with the five seeds, the seeds alone, and SQuAD 2.0 dev-a's fit
   articles (0, 2, 4, 6) with the first CMRC 2018 trial articles: the fit corpora, mixed.
2. Ask the fit questions through the answer path (train/collect.py): the fit notices' questions,
   their twins (train/twins.py), the seeds' calibration sets (the Chinese one over both), SQuAD's and CMRC's questions.
3. Fit the picker on the questions whose candidates hold an expected phrase (train/ranker.py),
   export it as int8 ONNX and check it against the float model.
4. Fit the calibration per language pair with the picker's choices (train/calibrate.py).
5. Report figures on parts never fitted: the notice set's report split (all notices indexed with
   the seeds) and SQuAD 2.0 dev-a's report articles 1, 3, 5, 7 (the whole file indexed): how often
   the chosen sentence holds the expected phrase, the picker against cosine.
6. Write indexer/picker/files/: the model, its calibration, the manifest (SHA-256, data, figures,
   time and the load average it ran under).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import notice_set
from bench.common import CORPUS, ROOT
from train import calibrate, ranker, twins
from train.collect import Asked, apply_offsets, collect, fit_switches, offsets_from, readings

SQUAD = ROOT.parent / "shared" / "bench" / "squad2-dev-a" / "dev-v2.0-a.json"
CMRC = ROOT.parent / "shared" / "bench" / "cmrc2018"
OUT = ROOT / "indexer" / "picker" / "files"
CALIBRATION_SETS = {"en": ROOT / "bench" / "calibration_questions.jsonl",
                    "zh": ROOT / "bench" / "calibration_questions_zh.jsonl"}
SQUAD_FIT, SQUAD_REPORT = (0, 2, 4, 6), (1, 3, 5, 7)
CMRC_ARTICLES = 100
"""CMRC 2018 trial articles in the fit corpus (of 256): enough Chinese questions, minutes less."""


def log(message: str) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%H:%M:%S')} [load {load}] {message}", flush=True)


def build(files: list[Path], index: Path) -> None:
    """Index ``files`` as ``policybot index`` would (an index already there is updated)."""
    from core.settings import get_settings
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    with tempfile.TemporaryDirectory(prefix="policybot-train-") as tmp:
        for f in files:
            shutil.copy2(f, Path(tmp) / f.name)
        settings = get_settings().model_copy(update={"corpus": Path(tmp), "index": index, "analytics_db": None})
        build_index(Path(tmp), index, settings,
                    lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))


def squad_part(src: Path, articles: list[int] | None, name: str, work: Path) -> Any:
    from bot.evaluation.squad import load_squad

    raw = json.loads(src.read_text(encoding="utf-8"))
    raw["data"] = [a for n, a in enumerate(raw["data"]) if articles is None or n in articles]
    path = work / name
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return load_squad(path)


def make_twins() -> list[dict[str, Any]]:
    docs = [{"doc": n.doc, "title": n.meta["title"], "text": notice_set.raw_text(n), "series": n.meta.get("series")}
            for n in notice_set.notices().values()]
    docs += [{"doc": p.stem, "title": "", "text": p.read_text(encoding="utf-8"), "series": None}
             for p in sorted(CORPUS.iterdir()) if p.is_file()]
    corpus = twins.Corpus(docs)
    fit = [q for q in notice_set.questions() if q["split"] == "fit" and q["answerable"]]
    return [t for q in fit for t in twins.twins(q, corpus)]


def bot_for(index: Path) -> Any:
    """Retrieval as ``PolicyBot.ask`` does it before any calibration is installed (none is, the
    first time; the collected candidates do not depend on the one being fitted)."""
    from bot.service import PolicyBot
    from core.settings import get_settings

    return PolicyBot(get_settings().model_copy(update={"index": index, "analytics_db": None, "answer_model": False}))


def corpora(work: Path) -> dict[str, Any]:
    """The fit and report corpora, indexed; the SQuAD and CMRC question sets."""
    from bot.evaluation.squad import write_corpus

    seeds = sorted(p for p in CORPUS.iterdir() if p.is_file())
    notices = list(notice_set.notices().values())
    build([n.path for n in notices if n.split == "fit"] + seeds, work / "fit-notices-index")
    build([n.path for n in notices] + seeds, work / "all-notices-index")
    build(seeds, work / "seeds-index")
    squad_fit = squad_part(SQUAD, list(SQUAD_FIT), "squad-fit.json", work)
    cmrc_fit = squad_part(CMRC / "cmrc2018_trial.json", list(range(CMRC_ARTICLES)), "cmrc-trial-part.json", work)
    corpus = work / "squad-cmrc-fit-corpus"
    if not corpus.exists():
        write_corpus([squad_fit, cmrc_fit], corpus)
    build(sorted(corpus.iterdir()), work / "squad-cmrc-fit-index")
    squad_all = squad_part(SQUAD, None, "squad-all.json", work)
    corpus = work / "squad-all-corpus"
    if not corpus.exists():
        write_corpus([squad_all], corpus)
    build(sorted(corpus.iterdir()), work / "squad-all-index")
    titles = [t for t, _ in squad_all.documents.values()]
    report_keys = {titles[i] for i in SQUAD_REPORT}
    return {"squad_fit": squad_fit.questions, "cmrc_fit": cmrc_fit.questions,
            "squad_report": [q for q in squad_all.questions if q["key"] in report_keys]}


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m train.answer", description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, default=ROOT / ".policybot" / "train", help="indexes kept between runs")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args()
    from bot.evaluation.questions import load_questions

    started = time.perf_counter()
    timings: dict[str, float] = {}

    def step(name: str, t0: float) -> None:
        timings[name] = round(time.perf_counter() - t0, 1)
        log(f"{name}: {timings[name]} s")

    args.work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    sets = corpora(args.work)
    twin_questions = make_twins()
    step("corpora indexed", t0)

    t0 = time.perf_counter()
    bot = bot_for(args.work / "fit-notices-index")
    fit: list[Asked] = collect(bot, [q for q in notice_set.questions() if q["split"] == "fit"], "notices")
    fit += collect(bot, twin_questions, "twins")
    for lang, path in CALIBRATION_SETS.items():
        fit += collect(bot, load_questions(path), f"seeds-{lang}")
    mixed = bot_for(args.work / "squad-cmrc-fit-index")
    fit_mixed = collect(mixed, sets["squad_fit"], "squad") + collect(mixed, sets["cmrc_fit"], "cmrc")
    # The seeds' Chinese calibration set over the seeds alone too: a collection of English documents
    # asked in Chinese (the zh-en pair) is a case of its own, not only a corner of the mixed one. (The
    # English set there too made en-en's limit stricter, 0.94 -> 0.84, and declined "Who chaired the
    # symposium?" over the seeds: not done.)
    alone = bot_for(args.work / "seeds-index")
    fit_alone: list[Asked] = collect(alone, load_questions(CALIBRATION_SETS["zh"]), "seeds-alone-zh")
    step(f"fit questions asked: {len(fit) + len(fit_mixed) + len(fit_alone)}", t0)

    t0 = time.perf_counter()
    from bot.answering.pick import FEATURES

    offsets = offsets_from(fit + fit_mixed + fit_alone)
    apply_offsets(fit + fit_mixed + fit_alone, offsets)
    groups = [(a.rows, a.labels, a.source) for a in fit + fit_mixed + fit_alone if a.answerable and a.reachable]
    linear = ranker.fit(groups, len(FEATURES))
    staging = Path(tempfile.mkdtemp(prefix="picker-", dir=args.work))
    int8 = staging / "picker-int8.onnx"
    ranker.export(linear, staging / "picker.onnx", int8)
    check = ranker.agreement(int8, [g[0] for g in groups[::5]], linear)
    step(f"picker fitted on {len(groups)} questions, exported ({int8.stat().st_size} bytes), {check}", t0)

    t0 = time.perf_counter()

    def scored(asked: list[Asked]) -> list[np.ndarray]:
        return [ranker.score(a.rows, linear) if len(a.rows) else np.zeros(0) for a in asked]

    switches = fit_switches(fit + fit_mixed + fit_alone, scored(fit + fit_mixed + fit_alone))
    rows = (readings(fit, scored(fit), bot, switches) + readings(fit_mixed, scored(fit_mixed), mixed, switches)
            + readings(fit_alone, scored(fit_alone), alone, switches))
    from indexer.embed.calibration import calibration_key

    data = bot.index().data
    model = calibration_key(data.model, data.encoder_backend)  # "<model>@int8": fitted on int8 vectors
    raw_cal = calibrate.fit(rows, model, lambda lang: _fallback(model, lang), offsets, _cross_fallback, switches)
    step("calibration", t0)

    t0 = time.perf_counter()
    report_bot = bot_for(args.work / "all-notices-index")
    report = {"notices report": collect(report_bot, [q for q in notice_set.questions() if q["split"] == "report"],
                                        "notices"),
              "squad report articles": collect(bot_for(args.work / "squad-all-index"), sets["squad_report"], "squad")}
    for asked in report.values():
        apply_offsets(asked, offsets)
    figures = {name: choice_figures(asked, scored(asked), switches) for name, asked in report.items()}
    step("report figures", t0)

    manifest = {
        "sha256": _sha(int8), "bytes": int8.stat().st_size, "embedding_model": model,
        "features": list(FEATURES), "vector_dims": int(groups[0][0].shape[1] - len(FEATURES)),
        "model": "sentence picker: a linear scorer of the candidate sentences (train/ranker.py)",
        "training_data": {"squad2-dev-a": f"articles {list(SQUAD_FIT)}", "cmrc2018": f"trial, first {CMRC_ARTICLES} "
                          "articles", "notices": "bench/data/notices split fit, with the five seeds",
                          "seeds": "bench/calibration_questions.jsonl, bench/calibration_questions_zh.jsonl "
                          "over the fit notices with the seeds, the Chinese one over the seeds alone too",
                          "twins": len(twin_questions),
                          "questions_fitted_by_source": dict(sorted(_count(g[2] for g in groups).items()))},
        "report": {"parts": {"squad2-dev-a": list(SQUAD_REPORT), "notices": "split report"},
                   "chosen_sentence_holds_the_answer": figures, "onnx_int8_against_float": check},
        "calibration_fit": calibrate.report(rows, raw_cal), "seconds": timings,
        "total_seconds": round(time.perf_counter() - started, 1), "cpus": len(os.sched_getaffinity(0)),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    (staging / "calibration.json").write_text(json.dumps(raw_cal, indent=1, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("picker-int8.onnx", "calibration.json", "manifest.json"):
        shutil.copy2(staging / name, args.out / name)
    log(f"done in {manifest['total_seconds']} s: {args.out}")


def choice_figures(asked: list[Asked], scores: list[np.ndarray], switches: dict[str, float]) -> dict[str, Any]:
    """Among answerable questions: how often the sentence the picker chooses (with the pair's
    ``switches``; and the one cosine chooses) holds an expected phrase, over all and over those
    whose candidates hold one."""
    from bot.answering.pick import lead_of
    from train.collect import top_pair

    def chosen(a: Asked, s: np.ndarray) -> int:
        p, i, _ = lead_of({k: float(v) for k, v in zip(a.chosen, s, strict=True)}, switches.get(top_pair(a), 0.0))
        return a.chosen.index((p, i))

    ans = [(a, s) for a, s in zip(asked, scores, strict=True) if a.answerable]
    reach = [(a, s) for a, s in ans if a.reachable]
    picker = sum(a.labels[chosen(a, s)] for a, s in reach)
    cosine = sum(a.labels[int(np.argmax(a.rows[:, 0]))] for a, _ in reach)
    return {"answerable": len(ans), "reachable": len(reach),
            "picker": round(picker / max(1, len(ans)), 4), "cosine": round(cosine / max(1, len(ans)), 4),
            "picker_when_reachable": round(picker / max(1, len(reach)), 4),
            "cosine_when_reachable": round(cosine / max(1, len(reach)), 4)}


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return out


def _fallback(model: str, lang: str) -> float:
    from indexer.embed.calibration import abstain_threshold

    return abstain_threshold(model, lang) or 0.0


def _cross_fallback(pair: str) -> float | None:
    """The cross-lingual model's own threshold for a pair across languages (Chinese questions)."""
    from indexer.embed.calibration import abstain_threshold
    from indexer.embed.use_encoder import CROSSLINGUAL_MODEL

    lang, passages = pair.split("-")
    return abstain_threshold(CROSSLINGUAL_MODEL, lang) if lang != passages and lang == "zh" else None


def _sha(path: Path) -> str:
    from indexer.picker.model import sha256

    return sha256(path)


if __name__ == "__main__":
    main()
