"""One export for the small linear models trained here (the answer picker, the condition units):
inputs standardised in float, one MatMul whose weights are quantised to int8 per output channel,
then each model's own head (bias and squeeze, or bias and sigmoid)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def export(name: str, inputs: str, mean: np.ndarray, std: np.ndarray, w: np.ndarray, head: list[Any],
           head_inits: list[Any], output: str, output_shape: list[Any], fp32: Path, int8: Path) -> None:
    """Write ``(inputs - mean) / std @ w`` (output "mm") followed by ``head`` nodes ending in
    ``output`` to ``fp32``, checked, and its int8 form to ``int8`` (quantiser's chatter silenced)."""
    import logging

    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from indexer.embed.onnx_export import OPSET

    d = w.shape[0]
    inits = [numpy_helper.from_array(mean.astype(np.float32), "mean"),
             numpy_helper.from_array((1.0 / std).astype(np.float32), "inv_std"),
             numpy_helper.from_array(w.astype(np.float32), "w"), *head_inits]
    nodes = [helper.make_node("Sub", [inputs, "mean"], ["centred"]),
             helper.make_node("Mul", ["centred", "inv_std"], ["standard"]),
             helper.make_node("MatMul", ["standard", "w"], ["mm"]), *head]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(inputs, TensorProto.FLOAT, ["n", d])],
                              [helper.make_tensor_value_info(output, TensorProto.FLOAT, output_shape)], inits)
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
