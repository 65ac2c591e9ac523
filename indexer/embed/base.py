"""The encoder contract every backend fulfils, and the pooling they share.

An encoder gives one vector per query, and per passage one vector plus one per sentence span,
all from the same forward pass: sentence vectors are mean-pooled token embeddings of each
sentence's span inside its passage, so answering ranks sentences without encoding anything but
the question. Backends differ only in how they run the transformer (``Forward``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

Spans = Sequence[Sequence[tuple[int, int]]]
# Another model's vectors of the same passages, computed batch by batch beside these (the
# cross-lingual vectors): a function of a batch's texts, one row per text.
Also = Callable[[list[str]], np.ndarray]
# (token embeddings, token character offsets, attention mask, pooled passage vectors) of a batch
Forward = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@dataclass
class PassageVectors:
    passages: np.ndarray
    """One normalised vector per passage, shape (n, dim)."""
    sentences: list[np.ndarray]
    """Per passage, one normalised vector per sentence span, shape (k_i, dim)."""
    also: np.ndarray | None = None
    """The ``also`` function's rows, in passage order; None when none was given."""


class Encoder(Protocol):
    """What indexing and answering need from an embedding model, whatever runs it."""

    name: str
    """The configured model."""
    backend: str
    """The runtime that computes the vectors: "torch", "onnx", "onnx-int8", "onnx-student"."""
    dimension: int
    max_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised float32 vector per text, shape (n, dimension)."""
        ...

    def encode_passages(self, texts: Sequence[str], spans: Spans,
                        progress: Callable[[int], None] | None = None, also: Also | None = None) -> PassageVectors:
        """Passage vectors and, per passage, the vectors of its sentence (start, end) spans; with
        ``also``, its vectors of each batch too, computed in the same pass."""
        ...


def vector_family(backend: str) -> str:
    """Backends whose vectors are interchangeable share a family: torch and ONNX fp32 agree to ~1e-6.
    The passage student's vectors are e5's space but not e5's numbers: a family of their own."""
    return {"onnx-int8": "int8", "onnx-student": "student"}.get(backend, "fp32")


def _longest_first(texts: Sequence[str], batch_size: int) -> Iterator[list[int]]:
    """Batches of indices, longest texts first: each batch pads to similar lengths."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    for start in range(0, len(order), batch_size):
        yield order[start : start + batch_size]


def encode_queries_in_batches(texts: Sequence[str], batch_size: int, dimension: int,
                              pooled: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """One normalised vector per text; ``pooled`` gives a batch's mean-pooled (unnormalised) vectors."""
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    for batch in _longest_first(texts, batch_size):
        out[batch] = normalize(pooled([texts[i] for i in batch]))
    return out


def encode_in_batches(
    texts: Sequence[str],
    spans: Spans,
    batch_size: int,
    dimension: int,
    forward: Callable[[list[str]], Forward],
    progress: Callable[[int], None] | None = None,
    also: Also | None = None,
) -> PassageVectors:
    """Shared by the torch and MiniLM ONNX runtimes: longest passages first (less padding), then
    span pooling."""
    passages = np.zeros((len(texts), dimension), dtype=np.float32)
    sentences: list[np.ndarray] = [np.zeros((0, dimension), np.float32)] * len(texts)
    extra: list[tuple[list[int], np.ndarray]] = []
    for batch in _longest_first(texts, batch_size):
        tokens, offsets, mask, pooled = forward([texts[i] for i in batch])
        for row, i in enumerate(batch):
            passages[i] = _normalise(pooled[row])
            sentences[i] = span_vectors(tokens[row], offsets[row], mask[row], spans[i])
        if also is not None:
            extra.append((batch, also([texts[i] for i in batch])))
        if progress:
            progress(len(batch))
    return PassageVectors(passages, sentences, gather(extra, len(texts)) if also is not None else None)


def gather(parts: Sequence[tuple[Sequence[int], np.ndarray]], n: int) -> np.ndarray:
    """Rows computed batch by batch, put back in passage order."""
    width = next((rows.shape[1] for _, rows in parts if len(rows)), 0)
    out = np.zeros((n, width), dtype=np.float32)
    for batch, rows in parts:
        out[list(batch)] = rows
    return out


def mean_pool(tokens: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling: sum of unmasked tokens / max(count, 1e-9)."""
    mask = attention_mask.astype(np.float32)[:, :, None]
    return (tokens * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)


def normalize(vectors: np.ndarray) -> np.ndarray:
    """torch.nn.functional.normalize(p=2, dim=1): divide by max(norm, 1e-12)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _normalise(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def span_vectors(tokens: np.ndarray, offsets: np.ndarray, mask: np.ndarray,
                  spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Mean-pool the tokens inside each character span; fall back to the whole passage."""
    real = mask & (offsets[:, 1] > offsets[:, 0])
    whole = _normalise(tokens[real].mean(axis=0)) if real.any() else tokens[0]
    out = np.empty((len(spans), tokens.shape[1]), dtype=np.float32)
    for j, (s, e) in enumerate(spans):
        inside = real & (offsets[:, 0] >= s) & (offsets[:, 1] <= e)
        out[j] = _normalise(tokens[inside].mean(axis=0)) if inside.any() else whole
    return out
