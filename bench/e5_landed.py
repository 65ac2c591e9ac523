"""The fp32 e5 encode as it landed before the indexing-throughput work: the reference of
``bench/indexing.py``'s "build ÷ raw fp32 encode" ratio, kept here so the ratio keeps its meaning.

As of commit a602196: the graph of plain ONNX operators (graph 1 of ``indexer/embed/e5_export.py``,
same vectors as graph 2 to 1e-6), one session whose intra-op threads are the cores, the default
graph optimisations, batches of 16 texts sorted by characters, longest first. Tokens come from the
product's own tokenizer, so both encodes see exactly the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.embed.base import mean_pool, normalize
from indexer.embed.e5_encoder import PASSAGE, E5Encoder
from indexer.embed.e5_weights import E5File, q4_rows
from indexer.embed.onnx_export import OPSET, open_session

BATCH = 16


def graph1(f: E5File) -> Any:
    """Graph 1, written with plain ONNX operators (the code as landed)."""
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
    return model


class LandedFp32:
    """``encode(texts)``: the landed fp32 passage encode (tokenise, run, mean-pool, normalise)."""

    def __init__(self, tokens_from: E5Encoder, work: Path, threads: int = 0) -> None:
        import onnx

        self._e5 = tokens_from
        path = work / "e5-graph1.onnx"
        if not path.exists():
            onnx.save(graph1(tokens_from.file), str(path))
        self.session = open_session(path, threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        e5 = self._e5
        out = np.zeros((len(texts), e5.dimension), np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            tokens = [e5._tokens(texts[i], PASSAGE, e5.max_tokens) for i in batch]
            length = max(len(ids) for ids, _ in tokens)
            embeds = np.zeros((len(batch), length, e5.dimension), np.float32)
            mask = np.zeros((len(batch), length), np.int64)
            for row, (ids, _) in enumerate(tokens):
                embeds[row, :len(ids)] = q4_rows(e5._words[np.asarray(ids)]).reshape(len(ids), e5.dimension)
                mask[row, :len(ids)] = 1
            hidden = self.session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
            out[batch] = normalize(mean_pool(hidden, mask))
        return out
