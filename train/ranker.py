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
    import logging

    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from indexer.embed.onnx_export import OPSET

    mean, std, weights, bias = linear
    d = len(weights)
    inits = [numpy_helper.from_array(mean.astype(np.float32), "mean"),
             numpy_helper.from_array((1.0 / std).astype(np.float32), "inv_std"),
             numpy_helper.from_array(weights.astype(np.float32).reshape(d, 1), "w"),
             numpy_helper.from_array(np.array([bias], np.float32), "b"),
             numpy_helper.from_array(np.array([1], np.int64), "ax1")]
    nodes = [helper.make_node("Sub", ["features", "mean"], ["centred"]),
             helper.make_node("Mul", ["centred", "inv_std"], ["standard"]),
             helper.make_node("MatMul", ["standard", "w"], ["mm"]), helper.make_node("Add", ["mm", "b"], ["sum"]),
             helper.make_node("Squeeze", ["sum", "ax1"], ["scores"])]
    graph = helper.make_graph(nodes, "policybot_sentence_picker",
                              [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["n", d])],
                              [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["n"])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(fp32))
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul"])
    finally:
        root.setLevel(level)


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
