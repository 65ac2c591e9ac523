"""Offline ONNX export of a sentence-transformers model's transformer, and its int8 variant.

The transformer of the configured model (``model[0].auto_model``) is exported with
``torch.onnx.export`` (output ``last_hidden_state``, dynamic batch and sequence axes) into
``<onnx_cache>/<model hash>/model.onnx``, checked against torch on a padded batch;
``model-int8.onnx`` is derived from it by dynamic per-channel int8 quantisation. Nothing is
downloaded. Files are written to a temp name and renamed, under a lock, so a crash or a
concurrent process never leaves a half file. Only this module needs torch; the runtime
(``indexer.embed.onnx_encoder``) does not.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from core.offline import stay_offline
from indexer.embed.models import model_dir

EXPORT_VERSION = 1  # bump when the export or quantisation recipe changes: a new cache directory
OPSET = 17
FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
META_FILE = "meta.json"
TOKENIZER_DIR = "tokenizer"


def model_hash(directory: Path) -> str:
    """Content hash of the model's files plus the export recipe: one cache directory per model."""
    digest = hashlib.sha256(f"policybot-onnx-export-{EXPORT_VERSION}-opset{OPSET}\n".encode())
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and ".git" not in p.parts):
        digest.update(f"{path.relative_to(directory).as_posix()}\n".encode())
        with open(path, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:16]


def export_dir(model: str, cache: Path) -> Path:
    return Path(cache).expanduser() / model_hash(model_dir(model))


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(directory: Path, name: str, write: Callable[[Path], None]) -> Path:
    """``write`` a temp path inside ``directory``, then rename it to ``name`` (atomic)."""
    final = directory / name
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=directory))
    try:
        target = tmp / name
        write(target)
        if target.is_file():
            with open(target, "rb") as handle:
                os.fsync(handle.fileno())
        if final.is_dir():
            shutil.rmtree(final)
        os.replace(target, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def ensure_exported(model: str, cache: Path, int8: bool = False) -> Path:
    """The export directory for ``model``, exporting (and quantising) whatever is missing."""
    directory = export_dir(model, cache)
    needed = [META_FILE, FP32_FILE] + ([INT8_FILE] if int8 else [])
    if all((directory / name).exists() for name in needed):
        return directory
    with locked(directory):
        if not (directory / FP32_FILE).exists() or not (directory / META_FILE).exists():
            _export(model, directory)
        if int8 and not (directory / INT8_FILE).exists():
            publish(directory, INT8_FILE, lambda out: quantize(directory / FP32_FILE, out))
    return directory


def _export(model: str, directory: Path) -> None:
    stay_offline()
    import torch
    from sentence_transformers import SentenceTransformer

    try:
        st = SentenceTransformer(str(model_dir(model)), device="cpu", local_files_only=True)
    except Exception as exc:
        raise PolicybotError(f"cannot load embedding model {model!r}: {exc}") from exc
    _check_pipeline(st, model)
    tokenizer = st.tokenizer
    auto = st[0].auto_model.eval()
    with contextlib.suppress(Exception):  # plain matmul attention: no data-dependent mask shortcuts
        auto.set_attn_implementation("eager")
    probe = ["policybot", "A longer probe passage, so that the batch is padded; 中文 too."]
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer(probe[:1])]

    class Wrapper(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = auto

        def forward(self, *args: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(names, args, strict=True))).last_hidden_state

    dummy = tokenizer(probe, padding=True, return_tensors="pt")
    axes = {0: "batch", 1: "sequence"}

    def write_model(out: Path) -> None:
        import warnings

        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about python control flow
            torch.onnx.export(
                Wrapper().eval(), tuple(dummy[n] for n in names), str(out),
                input_names=names, output_names=["last_hidden_state"],
                dynamic_axes={**{n: axes for n in names}, "last_hidden_state": axes},
                opset_version=OPSET, do_constant_folding=True, dynamo=False,
            )
        _verify(out, st, names)

    meta = {"model": model, "max_tokens": int(st.max_seq_length),
            "dimension": int(st.get_embedding_dimension()), "inputs": names,
            "export_version": EXPORT_VERSION, "torch": torch.__version__}
    publish(directory, TOKENIZER_DIR, lambda out: tokenizer.save_pretrained(str(out)))
    publish(directory, FP32_FILE, write_model)
    publish(directory, META_FILE, lambda out: out.write_text(json.dumps(meta, indent=2) + "\n"))


def _check_pipeline(st: Any, model: str) -> None:
    """Only transformer → mean pooling (→ normalise) is reproduced; refuse anything else."""
    kinds = [type(m).__name__ for m in st]
    pooling = st[1] if len(st) > 1 else None
    mode = getattr(pooling, "pooling_mode", None) or (
        "mean" if getattr(pooling, "pooling_mode_mean_tokens", False) else None)
    if kinds[:2] != ["Transformer", "Pooling"] or mode != "mean" or any(k != "Normalize" for k in kinds[2:]):
        raise PolicybotError(f"ONNX backend supports transformer + mean pooling models only; {model!r} is {kinds}")


def _verify(path: Path, st: Any, names: list[str]) -> None:
    """The export must give torch's token embeddings on a padded batch (catches traced shortcuts)."""
    import torch

    texts = ["short", "Exporters apply for the subsidy before 30 June; the bureau replies in 15 days.",
             "纺织品出口 quota"]
    enc = st.tokenizer(texts, padding=True, truncation=True, max_length=st.max_seq_length, return_tensors="pt")
    with torch.no_grad():
        want = st[0].auto_model(**{n: enc[n] for n in names}).last_hidden_state.numpy()
    session = open_session(path, 1)
    got = session.run(None, {n: enc[n].numpy().astype(np.int64) for n in names})[0]
    mask = enc["attention_mask"].numpy().astype(bool)
    err = float(np.abs(got[mask] - want[mask]).max())
    if err > 1e-3:
        raise PolicybotError(f"ONNX export of the embedding model differs from torch (max error {err:.2g})")


def open_session(path: Path, threads: int, without: tuple[str, ...] = ()) -> Any:
    """An onnxruntime session on ``threads`` intra-op threads (0: one per physical core), without
    the named graph optimisers (those measured slower here)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if without:
        options.add_session_config_entry("optimization.disable_specified_optimizers", ",".join(without))
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def quantize(fp32: Path, out: Path, contrib: bool = False, nodes: list[str] | None = None) -> None:
    """Dynamic int8, per output channel (per-tensor lost too much: cosine ~0.96), MatMul weights only.
    ``contrib``: the graph has onnxruntime operators that shape inference cannot type (float);
    ``nodes``: quantise only these (default: every MatMul)."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process: tried, same vectors (bench/README.md)
    try:
        quantize_dynamic(str(fp32), str(out), per_channel=True, weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul"], nodes_to_quantize=nodes,
                         extra_options={"DefaultTensorType": 1} if contrib else None)  # 1: FLOAT
    finally:
        root.setLevel(level)
