"""The trained picker as one int8 ONNX file: XLM-R ids in, one logit per pair out.

Written node by node, as ``indexer.embed.e5_export`` writes the encoder (``torch.onnx.export`` of
BERT-like models failed in onnxruntime there). The graph maps XLM-R ids to the kept rows through a
lookup table, reads each row as int8 times its own scale (per-row: the rows' ranges differ), adds
positions and token types, runs the layers and the head. The layers' MatMul weights are then
quantised to int8 per output channel (``indexer.embed.onnx_export.quantize``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from indexer.embed.onnx_export import OPSET


def int8_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per row: (int8 rows, float32 scale per row as a column)."""
    scale = np.abs(table).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.round(table / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def graph(state: dict[str, np.ndarray], lut: np.ndarray, layers: int, heads: int, eps: float) -> Any:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    h = state["word.weight"].shape[1]
    hd = h // heads
    inits, nodes = [], []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.array(arr, order="C"), name))  # 0-d stays 0-d
        return name

    def op(kind: str, ins: list[str], out: str, **kw: Any) -> str:
        nodes.append(helper.make_node(kind, ins, [out], **kw))
        return out

    def linear(x: str, name: str) -> str:
        w = const(name + ".w", state[name + ".weight"].T.astype(np.float32))
        return op("Add", [op("MatMul", [x, w], name + ".mm"), const(name + ".b", state[name + ".bias"])], name)

    def norm(x: str, name: str, out: str) -> str:
        return op("LayerNormalization", [x, const(name + ".w", state[name + ".weight"]),
                                         const(name + ".b", state[name + ".bias"])], out, axis=-1, epsilon=eps)

    rows8, scale = int8_rows(state["word.weight"])
    for name, value in (("lut", lut.astype(np.int32)), ("rows8", rows8), ("row_scale", scale),
                        ("pos_table", state["pos.weight"]), ("type_table", state["types.weight"]),
                        ("zero1", np.array([0], np.int64)), ("one", np.array(1.0, np.float32)),
                        ("neg", np.array(-1e4, np.float32)), ("scale", np.array(hd ** -0.5, np.float32)),
                        ("half", np.array(0.5, np.float32)), ("rsqrt2", np.array(0.5 ** 0.5, np.float32)),
                        ("heads", np.array([0, 0, heads, hd], np.int64)), ("merge", np.array([0, 0, h], np.int64)),
                        ("ax1", np.array([1], np.int64)), ("ax12", np.array([1, 2], np.int64)),
                        ("ax2", np.array([2], np.int64)), ("first", np.array(0, np.int64))):
        const(name, value)
    rows = op("Gather", ["lut", "input_ids"], "rows")
    words = op("Mul", [op("Cast", [op("Gather", ["rows8", rows], "w8")], "w32", to=TensorProto.FLOAT),
                       op("Gather", ["row_scale", rows], "ws")], "words")
    seq = op("Shape", ["input_ids"], "seq", start=1, end=2)
    pos = op("Slice", ["pos_table", "zero1", seq, "zero1"], "pos")
    typ = op("Gather", ["type_table", "token_type_ids"], "typ")
    x = norm(op("Add", [op("Add", [words, pos], "e1"), typ], "e2"), "ln", "x.emb")
    mask = op("Cast", ["attention_mask"], "mask.f", to=TensorProto.FLOAT)
    op("Unsqueeze", [op("Mul", [op("Sub", ["one", mask], "mask.inv"), "neg"], "mask.neg"), "ax12"], "bias")
    for n in range(layers):
        p = f"layers.{n}."
        q, k, v = (op("Reshape", [linear(x, p + name), "heads"], p + name + ".r") for name in "qkv")
        q = op("Transpose", [q], p + "qh", perm=[0, 2, 1, 3])
        k = op("Transpose", [k], p + "kh", perm=[0, 2, 3, 1])
        v = op("Transpose", [v], p + "vh", perm=[0, 2, 1, 3])
        s = op("Add", [op("Mul", [op("MatMul", [q, k], p + "qk"), "scale"], p + "qks"), "bias"], p + "s")
        ctx = op("MatMul", [op("Softmax", [s], p + "p", axis=-1), v], p + "ctx")
        ctx = op("Reshape", [op("Transpose", [ctx], p + "ctx.t", perm=[0, 2, 1, 3]), "merge"], p + "ctx.m")
        x = norm(op("Add", [x, linear(ctx, p + "ao")], p + "r1"), p + "aln", p + "x1")
        hid = linear(x, p + "fi")
        erf = op("Erf", [op("Mul", [hid, "rsqrt2"], p + "h.s")], p + "erf")
        gelu = op("Mul", [op("Mul", [hid, "half"], p + "h.h"), op("Add", [erf, "one"], p + "erf1")], p + "gelu")
        x = norm(op("Add", [x, linear(gelu, p + "fo")], p + "r2"), p + "oln", p + "x2")
    cls = op("Gather", [x, "first"], "cls", axis=1)
    masked = op("Mul", [x, op("Unsqueeze", [mask, "ax2"], "mask3")], "masked")
    mean = op("Div", [op("ReduceSum", [masked, "ax1"], "sum", keepdims=0),
                      op("ReduceSum", [mask, "ax1"], "count", keepdims=1)], "mean")
    pooled = op("Concat", [cls, mean], "pooled", axis=-1)
    head = linear(pooled, "head")
    op("Squeeze", [head, "ax1"], "logits")
    g = helper.make_graph(
        nodes, "policybot_sentence_picker", [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "s"]),
            helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["b", "s"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["b"])], inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def export(state: dict[str, np.ndarray], lut: np.ndarray, layers: int, heads: int, eps: float,
           fp32: Path, int8: Path) -> None:
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    onnx.save(graph(state, lut, layers, heads, eps), str(fp32))
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:  # as indexer.embed.onnx_export.quantize, the head (one output) left in float
        quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul"], nodes_to_exclude=["head.mm"],
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        root.setLevel(level)
