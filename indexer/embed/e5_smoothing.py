"""SmoothQuant for e5's int8 graph: the activations' outlier channels moved into the weights.

Dynamic int8 quantises a MatMul's input with one scale per run, so a few channels with large
values (after LayerNorm, and after GELU) leave the others a handful of levels. Before the Q/K/V,
FFN-in and FFN-out MatMuls, each input channel j is divided by s_j and the weight row j multiplied
by it (the product is unchanged; fp32 gives the same numbers), with s_j = max|x_j|^a / max|W_j|^(1-a)
and a = 0.75: the input becomes flatter, the weights a little less so, and int8 loses less. The
maxima come from running the fp32 graph over e5_smoothing.jsonl (generated policy passages,
`python -m bench.smoothing_passages`; none is in any evaluation set). Measured on 120 notice
passages: error 1 - cosine to fp32 0.0026 -> 0.0006 at the same speed (bench/README.md).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

PASSAGES_FILE = Path(__file__).with_name("e5_smoothing.jsonl")
ALPHA = 0.75
SMOOTHED = (".qkv", ".fi.mm", ".fo.mm")  # the attention output's input is left as it is (no gain)


def passages() -> list[str]:
    return [json.loads(line)["text"] for line in PASSAGES_FILE.read_text(encoding="utf-8").splitlines() if line]


def smoothed(fp32: Path, embeds: Sequence[np.ndarray]) -> Any:
    """The fp32 graph at ``fp32`` with its smoothed MatMul inputs; ``embeds``: [1, s, H] inputs."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from indexer.embed.onnx_export import open_session

    model = onnx.load(str(fp32))
    weights = {i.name: i for i in model.graph.initializer}
    targets = [n for n in model.graph.node
               if n.op_type == "MatMul" and n.input[1] in weights and n.output[0].endswith(SMOOTHED)]
    probe = onnx.load(str(fp32))
    probe.graph.output.extend(helper.make_tensor_value_info(n.input[0], TensorProto.FLOAT, None) for n in targets)
    peaks = [np.zeros(numpy_helper.to_array(weights[n.input[1]]).shape[0], np.float32) for n in targets]
    with tempfile.TemporaryDirectory(prefix="e5-probe-") as tmp:
        onnx.save(probe, str(Path(tmp) / "probe.onnx"))
        session = open_session(Path(tmp) / "probe.onnx", 1)
        for x in embeds:
            for peak, out in zip(peaks, session.run([n.input[0] for n in targets], {"inputs_embeds": x}),
                                 strict=True):
                np.maximum(peak, np.abs(out).reshape(-1, len(peak)).max(axis=0), out=peak)
    nodes = []
    for node in model.graph.node:
        if node in targets:
            peak = peaks[targets.index(node)]
            w = numpy_helper.to_array(weights[node.input[1]])
            s = np.maximum(peak ** ALPHA / np.maximum(np.abs(w).max(axis=1) ** (1 - ALPHA), 1e-8), 1e-5)
            weights[node.input[1]].CopyFrom(numpy_helper.from_array((w * s[:, None]).astype(np.float32),
                                                                    node.input[1]))
            name = node.output[0]
            model.graph.initializer.append(numpy_helper.from_array((1 / s).astype(np.float32), name + ".smooth"))
            nodes.append(helper.make_node("Mul", [node.input[0], name + ".smooth"], [name + ".in"]))
            node.input[0] = name + ".in"
        nodes.append(node)
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    return model
