"""One factory for every encoder backend, keyed on every setting that changes the encoder.

A backend is a module with a class taking ``EncoderSpec``'s fields; adding one is that module and
one line in ``_BACKENDS`` (or in ``_MODELS`` for a model that brings its own runtime, like
multilingual-e5-small). Modules are imported only when chosen, so a process that serves with
ONNX never imports torch.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.errors import PolicybotError
from core.settings import Settings
from indexer.embed.base import Encoder, vector_family
from indexer.embed.e5_weights import E5_MODEL

log = logging.getLogger(__name__)


# What "auto" runs per model. multilingual-e5-small: int8, measured within 0.5 points of fp32 on
# CMRC 2018, SciFact and the Chinese notice set at ~3x the speed (bench/README.md, "Indexing
# throughput"); other models: ONNX fp32 (same vectors as torch), or torch when ONNX cannot run them.
AUTO = {E5_MODEL: "onnx-int8"}


def resolved_backend(model: str, backend: str) -> str:
    """The backend "auto" stands for with ``model`` ("onnx" stands for its torch fallback too: same
    vectors); any other backend is itself."""
    return AUTO.get(model, "onnx") if backend == "auto" else backend


@dataclass(frozen=True)
class EncoderSpec:
    """Everything that decides which encoder a process gets; equal specs share one encoder."""

    model: str
    backend: str = "auto"
    device: str = "cpu"
    batch_size: int = 32
    onnx_cache: Path = Path(".policybot/onnx")
    threads: int = 0
    """Intra-op threads of the runtime; 0 is the runtime's default (all cores)."""

    @classmethod
    def of(cls, settings: Settings, *, model: str | None = None, threads: int | None = None,
           backend: str | None = None) -> EncoderSpec:
        """The spec ``settings`` describe; ``threads`` defaults to the answering threads."""
        return cls(model or settings.model, backend or settings.encoder_backend, settings.device,
                   settings.batch_size, Path(settings.onnx_cache).expanduser(),
                   settings.torch_threads if threads is None else threads)

    @classmethod
    def for_index(cls, settings: Settings, model: str, index_backend: str) -> EncoderSpec:
        """The answering spec for an index embedded by ``model`` on ``index_backend``: the settings'
        backend when its vectors are of the index's precision, else the index's own backend, so
        questions are never encoded at another precision than the passages they are compared with."""
        mine = resolved_backend(model, settings.encoder_backend)
        same = vector_family(mine) == vector_family(index_backend)
        return cls.of(settings, model=model, backend=settings.encoder_backend if same else index_backend)


def _torch(spec: EncoderSpec) -> Encoder:
    module = importlib.import_module("indexer.embed.torch_encoder")
    return module.TorchEncoder(spec.model, spec.device, spec.batch_size, spec.threads)


def _e5(spec: EncoderSpec) -> Encoder:
    module = importlib.import_module("indexer.embed.e5_encoder")
    return module.E5Encoder(resolved_backend(spec.model, spec.backend), spec.batch_size, spec.onnx_cache,
                            spec.threads)


def _onnx(spec: EncoderSpec) -> Encoder:
    module = importlib.import_module("indexer.embed.onnx_encoder")
    return module.OnnxEncoder(spec.model, spec.backend, spec.batch_size, spec.onnx_cache, spec.threads)


_BACKENDS: dict[str, Callable[[EncoderSpec], Encoder]] = {
    "torch": _torch,
    "onnx": _onnx,
    "onnx-int8": _onnx,
}


_MODELS: dict[str, Callable[[EncoderSpec], Encoder]] = {
    E5_MODEL: _e5,
}


def create_encoder(spec: EncoderSpec) -> Encoder:
    """A new encoder. "auto" tries onnxruntime fp32 on the CPU and falls back to torch, saying why;
    any named backend fails with a clear error instead."""
    if spec.model in _MODELS:  # models with a runtime of their own
        return _MODELS[spec.model](spec)
    if spec.backend == "auto":
        if spec.device != "cpu":
            return _torch(spec)
        try:
            return _onnx(EncoderSpec(**{**spec.__dict__, "backend": "onnx"}))
        except (PolicybotError, OSError, ImportError) as exc:
            log.warning("ONNX encoder unavailable (%s); using torch", exc)
            return _torch(spec)
    make = _BACKENDS.get(spec.backend)
    if make is None:
        raise PolicybotError(f"unknown encoder backend {spec.backend!r}; expected auto or one of "
                             f"{', '.join(_BACKENDS)}")
    return make(spec)


@lru_cache(maxsize=4)
def get_encoder(spec: EncoderSpec) -> Encoder:
    """One loaded model per spec and process, however many services and commands ask for it."""
    return create_encoder(spec)
