"""The picker: a linear scorer of candidate sentences, fitted listwise, exported as int8 ONNX.

Input per sentence: ``bot.answering.pick.FEATURES`` (standardised) and the question's e5 vector
times the sentence's (scaled by ``VECTOR_SCALE``). Fitted on the questions whose candidates hold
an expected phrase: cross-entropy of the positives' share of a softmax over the question's
candidates, each source (SQuAD, CMRC, notices, seeds) weighted alike, AdamW with weight decay,
seeded. Measured against alternatives (docs/answering.md): a hidden layer of 32 fitted the fit
questions better and the report ones worse; a cross-encoder fine-tuned from e5's first three
layers (train/crossencoder/) chose worse than cosine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from train import linear_onnx

VECTOR_SCALE = 20.0
EPOCHS = 30
SEED = 13


Linear = tuple[np.ndarray, np.ndarray, np.ndarray, float]
"""(mean, std, weights over standardised inputs, bias)."""


def fit(groups: Sequence[tuple[np.ndarray, list[int], str]], features: int, epochs: int = EPOCHS) -> Linear:
    """The scorer from (rows, labels, source) groups that have a positive."""
    import torch

    torch.manual_seed(SEED)
    rows = np.vstack([g[0] for g in groups]).astype(np.float64)
    mean = np.zeros(rows.shape[1])
    std = np.full(rows.shape[1], 1.0 / VECTOR_SCALE)
    mean[:features] = rows[:, :features].mean(axis=0)
    std[:features] = rows[:, :features].std(axis=0) + 1e-6
    model = torch.nn.Linear(rows.shape[1], 1)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.05)
    sources = Counter(g[2] for g in groups)
    # Groups padded into one tensor: [groups, candidates, inputs], a mask for the padding.
    most = max(len(g[1]) for g in groups)
    x = np.zeros((len(groups), most, rows.shape[1]), np.float32)
    y = np.zeros((len(groups), most), np.float32)
    real = np.zeros((len(groups), most), bool)
    for i, (r, labels, _) in enumerate(groups):
        x[i, :len(labels)] = (r - mean) / std
        y[i, :len(labels)] = labels
        real[i, :len(labels)] = True
    weight = torch.tensor([1.0 / sources[g[2]] for g in groups], dtype=torch.float32)
    xt, yt, mt = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(real)
    rng = np.random.RandomState(SEED)
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(groups)))
        for start in range(0, len(order), 32):
            b = order[start:start + 32]
            s = model(xt[b]).squeeze(-1).masked_fill(~mt[b], -1e4)
            positive = s.masked_fill(yt[b] <= 0, -1e4)
            loss = -(weight[b] * (torch.logsumexp(positive, 1) - torch.logsumexp(s, 1))).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return mean, std, model.weight.detach().numpy().astype(np.float64)[0], float(model.bias.detach().numpy()[0])


def score(rows: np.ndarray, linear: Linear) -> np.ndarray:
    mean, std, weights, bias = linear
    return ((rows.astype(np.float64) - mean) / std) @ weights + bias


def export(linear: Linear, fp32: Path, int8: Path) -> None:
    """``features`` [n, d] -> ``scores`` [n]: standardised in float (the inputs' scales differ by
    orders), then one MatMul whose weights are quantised to int8, and the bias."""
    from onnx import helper, numpy_helper

    mean, std, weights, bias = linear
    head_inits = [numpy_helper.from_array(np.array([bias], np.float32), "b"),
                  numpy_helper.from_array(np.array([1], np.int64), "ax1")]
    head = [helper.make_node("Add", ["mm", "b"], ["sum"]), helper.make_node("Squeeze", ["sum", "ax1"], ["scores"])]
    linear_onnx.export("policybot_sentence_picker", "features", mean, std, weights.reshape(len(weights), 1), head,
                       head_inits, "scores", ["n"], fp32, int8)

def agreement(path: Path, groups: Sequence[np.ndarray], linear: Linear) -> dict[str, Any]:
    """How the int8 file follows the float model: same choice, largest score difference."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    same, diff = 0, 0.0
    for rows in groups:
        got = session.run(None, {"features": rows.astype(np.float32)})[0]
        want = score(rows, linear)
        same += int(np.argmax(got) == np.argmax(want))
        diff = max(diff, float(np.abs(got - want).max()))
    return {"same_choice": round(same / max(1, len(groups)), 4), "max_abs_score_diff": round(diff, 4)}
