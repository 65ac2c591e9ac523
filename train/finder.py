"""Rebuild the finder's condition-unit model: ``python -m train.finder [--work DIR] [--out DIR]``.

1. Index every notice of the finder dev set (bench/data/finder: the ``fit`` and ``report`` splits
   and every held-out round there is) with the real pipeline; each candidate unit's vector is the
   index's own sentence vectors (``indexer.picker.conditions.unit_vectors``), its labels from the
   hand labels (``bench.finder_model.rows``): states a condition, and of which types.
2. Leave one round out: for each held-out round, the model fitted without it and measured on it
   (units found, type, and the finder's verdicts read by the rules alone, the model alone and the
   two combined: ``bench.finder_model.leave_one_round_out``). These are the manifest's figures.
3. Fit on every labelled notice, export int8 ONNX (standardise in float, one MatMul with int8
   weights, sigmoid) and check it against the float model.
4. Write indexer/picker/files/conditions-int8.onnx and conditions.json (SHA-256, data, threshold,
   figures, time and load average). A few minutes on 2 cores; no torch.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from bench import finder_model, finder_set
from bench.common import ROOT
from indexer.notice.fitted import TYPES
from train import linear_onnx

OUT = ROOT / "indexer" / "picker" / "files"
THRESHOLD = 0.5
"""P(condition) at which the model's unit counts, chosen left one round out among 0.2, 0.3, 0.5 and 0.7
(bench/README.md, "Policy finder"): with C 0.1 the combined verdicts are the same at every threshold, and
0.5 keeps the model's unit recall while adding fewer conditions on units labelled as none than 0.2 or 0.3."""
C = finder_model.C
"""Inverse regularisation, chosen left one round out among 0.01, 0.1 and 1 (bench/README.md): over the
thirteen rounds C 0.01 at 0.5 read one more pair of one round, but fitted on the whole set it read lines
labelled as none as conditions and lost conditions of rounds 7 and 8, where C 0.1 lost none."""


def log(message: str) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%H:%M:%S')} [load {load}] {message}", flush=True)


def export(linear: finder_model.Linear, fp32: Path, int8: Path) -> None:
    """``vectors`` [n, d] -> ``probabilities`` [n, 1 + len(TYPES)]."""
    from onnx import helper, numpy_helper

    mean, std, w, b = linear
    head = [helper.make_node("Add", ["mm", "b"], ["logits"]),
            helper.make_node("Sigmoid", ["logits"], ["probabilities"])]
    linear_onnx.export("policybot_condition_units", "vectors", mean, std, w, head,
                       [numpy_helper.from_array(b.astype(np.float32), "b")], "probabilities", ["n", w.shape[1]],
                       fp32, int8)

def agreement(path: Path, vectors: np.ndarray, linear: finder_model.Linear) -> dict[str, Any]:
    """How the int8 file follows the float model: same decision at the threshold, largest difference."""
    import onnxruntime as ort

    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"vectors": vectors.astype(np.float32)})[0]
    want = finder_model.scorer(linear)(vectors)
    return {"same_decision": round(float(np.mean((got[:, 0] >= THRESHOLD) == (want[:, 0] >= THRESHOLD))), 4),
            "same_type": round(float(np.mean(np.argmax(got[:, 1:], 1) == np.argmax(want[:, 1:], 1))), 4),
            "max_abs_diff": round(float(np.abs(got - want).max()), 4)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", type=Path, help="working directory (the index of the finder notices); a temporary one")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args()
    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="policybot-train-finder-"))
    docs = finder_model.documents(work / "index")
    table, vectors = finder_model.rows(docs)
    y = finder_model.targets(table)
    log(f"{len(docs)} notices, {len(table)} units, {int(y[:, 0].sum())} stating conditions")
    loro = finder_model.leave_one_round_out(docs, (THRESHOLD,), C)
    log("left one round out: " + json.dumps({r: v[f"combined@{THRESHOLD}"] for r, v in loro.items()}))
    linear = finder_model.fit(vectors, y, C)
    staging = Path(tempfile.mkdtemp(prefix="conditions-", dir=work))
    int8 = staging / "conditions-int8.onnx"
    export(linear, staging / "conditions.onnx", int8)
    check = agreement(int8, vectors, linear)
    log(f"exported ({int8.stat().st_size} bytes): {check}")
    from indexer.embed.calibration import calibration_key
    from indexer.picker.model import sha256
    from indexer.store.index_dir import load_index

    data = load_index(work / "index")
    splits = Counter(n.split for n in finder_set.notices().values())
    manifest = {
        "sha256": sha256(int8), "bytes": int8.stat().st_size,
        "embedding_model": calibration_key(data.model, data.encoder_backend), "vector_dims": int(vectors.shape[1]),
        "outputs": ["condition", *TYPES], "threshold": THRESHOLD, "C": C,
        "model": "condition units: one logistic regression per output on the units' standardised sentence "
                 "vectors (bench/finder_model.py, train/finder.py)",
        "training_data": {"notices": "bench/data/finder, every labelled notice: " + ", ".join(
                              f"{s} {n}" for s, n in sorted(splits.items())),
                          "units": len(table), "condition_units": int(y[:, 0].sum()),
                          "units_by_type": {t: int(y[:, 1 + i].sum()) for i, t in enumerate(TYPES)}},
        "report": {"leave_one_round_out": loro, "onnx_int8_against_float": check},
        "total_seconds": round(time.perf_counter() - started, 1), "cpus": len(os.sched_getaffinity(0)),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    (staging / "conditions.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("conditions-int8.onnx", "conditions.json"):
        shutil.copy2(staging / name, args.out / name)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    log(f"done in {manifest['total_seconds']} s: {args.out}")


if __name__ == "__main__":
    main()
