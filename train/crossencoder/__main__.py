"""The measured alternative picker: a cross-encoder fine-tuned from e5's first layers (not shipped).

``python -m train.crossencoder [--work DIR] [--layers 3] [--epochs 1] [--out FILE]`` reproduces the
measurement docs/answering.md reports:
1. Index the notice set's fit notices (and, for report groups, all notices) with the seeds.
2. Training groups (train/crossencoder/data.py): SQuAD 2.0 dev-a fit articles, CMRC 2018 trial, the
   fit notices' answerable questions, and their twins (train/twins.py) as groups without an answer.
3. Vocabulary (vocab.py: the word rows kept to fit 30 MB), fine-tuning (fit.py), int8 ONNX export
   (export.py), checked against torch.
4. Figures on report groups: top-1 sentence with the kept rows and with all of e5's rows.
The result (figures, size, time, load) goes to ``--out`` (bench/results/crossencoder.json).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import notice_set
from bench.common import CORPUS, ROOT
from train import twins
from train.crossencoder import data, export, fit, vocab

SQUAD = ROOT.parent / "shared" / "bench" / "squad2-dev-a" / "dev-v2.0-a.json"
CMRC = ROOT.parent / "shared" / "bench" / "cmrc2018"
SEED = 13


def log(message: str) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%H:%M:%S')} [load {load}] {message}", flush=True)


def build(files: list[Path], index: Path) -> dict[str, Any]:
    from core.settings import get_settings
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder
    from indexer.store.index_dir import current_version

    if current_version(index) is not None:
        return {"reused": True}
    with tempfile.TemporaryDirectory(prefix="policybot-train-") as tmp:
        for f in files:
            shutil.copy2(f, Path(tmp) / f.name)
        settings = get_settings().model_copy(update={"corpus": Path(tmp), "index": index, "analytics_db": None})
        report = build_index(Path(tmp), index, settings,
                             lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
    return {"documents": report.documents, "chunks": report.chunks, "seconds": report.seconds}


def chunks_by_doc(index: Path) -> dict[str, list[Any]]:
    from indexer.store.index_dir import load_index

    out: dict[str, list[Any]] = {}
    for c in load_index(index).chunks:
        out.setdefault(c.doc_id, []).append(c)
    return out


def squad_subset(src: Path, articles: list[int] | None, dst: Path) -> Path:
    raw = json.loads(src.read_text(encoding="utf-8"))
    raw["data"] = [a for n, a in enumerate(raw["data"]) if articles is None or n in articles]
    dst.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return dst


def notice_groups(split: str, index: Path, rng: random.Random) -> list[data.Group]:
    qs = [q for q in notice_set.questions() if q["split"] == split]
    return data.notice_groups(qs, chunks_by_doc(index), rng)


def make_twins() -> list[dict[str, Any]]:
    docs = [{"doc": n.doc, "title": n.meta["title"], "text": notice_set.raw_text(n), "series": n.meta.get("series")}
            for n in notice_set.notices().values()]
    docs += [{"doc": p.stem, "title": "", "text": p.read_text(encoding="utf-8"), "series": None}
             for p in sorted(CORPUS.iterdir()) if p.is_file()]
    corpus = twins.Corpus(docs)
    out = []
    for q in notice_set.questions():
        if q["split"] == "fit" and q["answerable"]:
            out += twins.twins(q, corpus)
    return out


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m train.crossencoder", description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, default=ROOT / ".policybot" / "train", help="indexes and checkpoints")
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "crossencoder.json")
    p.add_argument("--limit", type=int, default=0, help="train on this many groups only (a smoke test)")
    args = p.parse_args()
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    started = time.perf_counter()
    timings: dict[str, float] = {}
    args.work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)

    def step(name: str, t0: float) -> None:
        timings[name] = round(time.perf_counter() - t0, 1)
        log(f"{name}: {timings[name]} s")

    t0 = time.perf_counter()
    fit_files = [n.path for n in notice_set.notices().values() if n.split == "fit"]
    seeds = sorted(p for p in CORPUS.iterdir() if p.is_file())
    fit_index = args.work / "fit-notices-index"
    build(fit_files + seeds, fit_index)
    all_index = args.work / "all-notices-index"  # report groups read the report notices' sentences
    build([n.path for n in notice_set.notices().values()] + seeds, all_index)
    step("index the notices", t0)

    t0 = time.perf_counter()
    twin_questions = make_twins()
    (args.work / "twins.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in twin_questions),
                                           encoding="utf-8")
    squad_fit = data.squad_groups(SQUAD, data.SQUAD_FIT, "squad", rng)
    squad_fit = [g for g in squad_fit if g.answerable] + [g for g in squad_fit if not g.answerable][::3]
    groups = (squad_fit + data.squad_groups(CMRC / "cmrc2018_trial.json", None, "cmrc", rng)
              + notice_groups("fit", fit_index, rng) + twin_groups(twin_questions, fit_index, rng))
    report_groups = {  # a sample of each report part: scoring whole paragraphs twice costs minutes
        "squad report articles (every 3rd question)": data.squad_groups(
            SQUAD, data.SQUAD_REPORT, "squad", rng, impossible=False, negatives=100)[::3],
        "cmrc dev (every 20th question)": data.squad_groups(
            CMRC / "cmrc2018_dev.json", None, "cmrc", rng, negatives=100)[::20],
        "notices report": notice_groups("report", all_index, rng),
    }
    step("training data", t0)

    from indexer.embed.e5_weights import E5File, weights_path
    from train.crossencoder.pairs import describe, tokenizer

    t0 = time.perf_counter()
    tok = tokenizer()
    pieces = E5File(weights_path()).pieces
    texts = [g.question for g in groups] + [x for g in groups for item in g.items for x in item]
    kept = vocab.kept_ids(tok, texts, pieces)
    unk_row, pad_row = int(np.searchsorted(kept, tok.unk)), int(np.searchsorted(kept, tok.pad))
    lut = vocab.lookup(kept, tok.vocabulary, unk_row)
    report_texts = [x for gs in report_groups.values() for g in gs for item in g.items for x in item]
    coverage = vocab.coverage(tok, kept, report_texts)
    step(f"vocabulary: {len(kept)} rows kept, report coverage {coverage}", t0)

    from train.crossencoder.model import from_e5

    t0 = time.perf_counter()
    model = from_e5(kept, args.layers)
    encoded = fit.encode(tok, groups, lut)
    if args.limit:
        encoded = encoded[:: max(1, len(encoded) // args.limit)][: args.limit]
    checkpoint = args.work / f"picker-{args.layers}x{args.epochs}-{len(encoded)}-{len(kept)}.pt"
    if checkpoint.exists():  # the same data and recipe trained before (seeded): reused
        model.load_state_dict(torch.load(checkpoint))
        trained = json.loads(checkpoint.with_suffix(".json").read_text(encoding="utf-8"))
        log(f"reused {checkpoint.name}")
    else:
        trained = fit.train(model, encoded, pad_row, epochs=args.epochs, log=log)
        torch.save(model.state_dict(), checkpoint)
        checkpoint.with_suffix(".json").write_text(json.dumps(trained), encoding="utf-8")
    model.eval()
    step("fine-tuning", t0)

    t0 = time.perf_counter()
    cached = checkpoint.with_suffix(".figures.json")  # the same model: the same figures
    if cached.exists():
        metrics = json.loads(cached.read_text(encoding="utf-8"))
    else:
        metrics = figures(model, tok, lut, report_groups, pad_row)
        cached.write_text(json.dumps(metrics), encoding="utf-8")
    step("report figures", t0)

    t0 = time.perf_counter()
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    staging = Path(tempfile.mkdtemp(prefix="picker-", dir=args.work))
    int8 = staging / "picker-int8.onnx"
    export.export(state, lut, args.layers, 12, 1e-12, staging / "picker.onnx", int8)
    agreement = export_agreement(model, int8, tok, lut, report_groups["notices report"][:40], pad_row)
    manifest: dict[str, Any] = {"sha256": _sha(int8), "bytes": int8.stat().st_size}
    (staging / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    step(f"export: {int8.stat().st_size / 1e6:.1f} MB, agreement {agreement}", t0)

    manifest.update({
        "model": "cross-encoder: multilingual-e5-small's first layers, fine-tuned here (the measured alternative)",
        "layers": args.layers, "epochs": args.epochs, "vocabulary_rows": len(kept), "pairs": describe(),
        "training_data": {"squad2-dev-a": f"articles {list(data.SQUAD_FIT)} (fit; impossible questions: every 3rd)",
                          "cmrc2018": "cmrc2018_trial.json (fit)", "notices": "bench/data/notices split fit",
                          "twins": f"{len(twin_questions)} (train/twins.py, from the fit notices' questions)",
                          "groups": data.describe(groups)},
        "report": {"picker_top1": metrics, "vocabulary_coverage_of_report_texts": coverage,
                   "onnx_int8_agreement": agreement,
                   "report_parts": {"squad2-dev-a": list(data.SQUAD_REPORT), "cmrc2018": "cmrc2018_dev.json",
                                    "notices": "split report"}},
        "training": trained, "seconds": timings,
        "total_seconds": round(time.perf_counter() - started, 1), "load_average_at_end": os.getloadavg(),
        "cpus": len(os.sched_getaffinity(0)),
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"done in {manifest['total_seconds']} s: {args.out}")


def twin_groups(questions: list[dict[str, Any]], index: Path, rng: random.Random) -> list[data.Group]:
    """Twins as groups without an answer: the original's notice sentences, every one negative."""
    by_id = {q["id"]: q for q in notice_set.questions()}
    originals = data.notice_groups([by_id[t["of"]] for t in questions], chunks_by_doc(index), rng, "twins")
    twin_of = {t["of"]: t for t in questions}
    out = []
    for g in originals:
        twin = twin_of.get(g.meta["id"])
        if twin is not None:
            out.append(data.Group(twin["question"], g.items, [0] * len(g.items), "twins", False, g.lang,
                                  {"id": twin["id"]}))
    return out


def figures(model: Any, tok: Any, lut: np.ndarray, groups: dict[str, list[data.Group]], pad_row: int) -> dict[str, Any]:
    """Top-1 per report set with the kept rows, and with all of e5's rows (what pruning costs)."""
    from train.crossencoder.model import with_all_rows

    full = with_all_rows(model)
    identity = np.arange(tok.vocabulary)
    out = {}
    for name, gs in groups.items():
        kept = fit.encode(tok, gs, lut)
        every = fit.encode(tok, gs, identity)
        out[name] = {"groups": len([g for g in gs if any(g.labels)]),
                     "kept_vocabulary": fit.top1(fit.scores(model, kept, pad_row), kept),
                     "all_of_e5": fit.top1(fit.scores(full, every, int(tok.pad)), every)}
    return out


def export_agreement(model: Any, path: Path, tok: Any, lut: np.ndarray, groups: list[data.Group],
                     pad_row: int) -> dict[str, float]:
    """How the int8 ONNX file's scores follow torch's on report groups (its own tokenisation)."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    encoded = fit.encode(tok, groups, lut)
    torch_scores = fit.scores(model, encoded, pad_row)
    same, diffs = 0, []
    for g, ts in zip(groups, torch_scores, strict=True):
        inputs = tok.batch(g.question, g.items)
        os_ = session.run(None, inputs)[0]
        same += int(np.argmax(os_) == np.argmax(ts))
        diffs.append(float(np.abs(os_ - ts).max()))
    return {"same_top1": round(same / max(1, len(groups)), 4), "max_abs_logit_diff": round(max(diffs, default=0), 4)}


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    main()
