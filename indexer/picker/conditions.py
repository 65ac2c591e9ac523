"""The shipped condition-unit model: which candidate units of a notice state a condition, and its type.

``files/conditions-int8.onnx`` maps a unit's e5 vector (``unit_vectors``: the mean of the index's
sentence vectors of the unit's sentences, each encoded inside its passage, heading path and title
included, so nothing is encoded twice) to ``1 + len(TYPES)`` probabilities: the unit states a
condition, and it states one of each type. ``files/conditions.json`` is its manifest (SHA-256,
data, threshold, leave-one-round-out figures); a file whose digest differs is refused. The
threshold is the one fitted with the model (train/finder.py). ``identity()`` is what an index
records of the finder model it was built with. Nothing here imports torch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from core.records import Chunk
from indexer.notice.fitted import TYPES, Judge, Reading
from indexer.notice.units import Unit
from indexer.picker.model import FILES, checked_session, read_json

MODEL_FILE = "conditions-int8.onnx"
MANIFEST_FILE = "conditions.json"
_RETRAIN = "reinstall policybot or run `python -m train.finder`"
Scorer = Callable[[np.ndarray], np.ndarray]
"""[n, d] unit vectors -> [n, 1 + len(TYPES)] probabilities."""


@lru_cache(maxsize=4)
def manifest(folder: Path = FILES) -> dict[str, Any]:
    return read_json(folder / MANIFEST_FILE, "finder model's manifest", _RETRAIN)


@lru_cache(maxsize=4)
def identity(folder: Path = FILES) -> str:
    """The finder model an index is built with: its manifest's SHA-256; "none" when not installed."""
    try:
        return str(manifest(folder).get("sha256", "none"))
    except PolicybotError:
        return "none"


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def unit_vectors(units: Sequence[Unit], chunks: Sequence[Chunk],
                 blocks: Sequence[np.ndarray]) -> list[np.ndarray | None]:
    """Per unit, the normalised mean of the sentence vectors of the sentences it holds (or the one
    sentence holding it); None when no indexed sentence matches."""
    sentences: list[tuple[str, np.ndarray]] = []
    for chunk, block in zip(chunks, blocks, strict=True):
        sentences += [(_squeeze(s), v) for s, v in zip(chunk.sentences, block, strict=False) if s.strip()]
    out: list[np.ndarray | None] = []
    for unit in units:
        quote = _squeeze(unit.quote)
        hit = [v for s, v in sentences if len(s) >= 4 and s in quote] or [v for s, v in sentences if quote in s]
        if not quote or not hit:
            out.append(None)
            continue
        mean = np.mean(hit, axis=0)
        out.append((mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32))
    return out


def judge_of(scorer: Scorer, threshold: float, chunks: Sequence[Chunk], blocks: Sequence[np.ndarray]) -> Judge:
    """The model as ``indexer.notice.fitted`` asks for it, over one document's chunks and sentence vectors."""

    def judge(units: Sequence[Unit]) -> list[Reading | None]:
        vectors = unit_vectors(units, chunks, blocks)
        have = [i for i, v in enumerate(vectors) if v is not None]
        out: list[Reading | None] = [None] * len(units)
        if not have:
            return out
        probs = scorer(np.vstack([vectors[i] for i in have]))
        for i, row in zip(have, probs, strict=True):
            out[i] = Reading(float(row[0]), TYPES[int(np.argmax(row[1:]))], bool(row[0] >= threshold))
        return out

    return judge


class ConditionModel:
    """The int8 ONNX model in onnxruntime; thread-safe."""

    def __init__(self, folder: Path = FILES, threads: int = 1) -> None:
        found = manifest(folder)
        self.session = checked_session(folder / MODEL_FILE, found, threads, _RETRAIN)
        self.threshold = float(found["threshold"])
        self.embedding_model = str(found.get("embedding_model", ""))

    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        if len(vectors) == 0:
            return np.zeros((0, 1 + len(TYPES)), np.float32)
        return np.asarray(self.session.run(None, {"vectors": np.ascontiguousarray(vectors, np.float32)})[0])

    def judge(self, chunks: Sequence[Chunk], blocks: Sequence[np.ndarray]) -> Judge:
        return judge_of(self, self.threshold, chunks, blocks)


def finder_model_for(model: str, backend: str, folder: Path = FILES) -> ConditionModel | None:
    """The installed model when it was fitted on this embedding model's vectors (``backend``: the
    index's encoder backend), else None: the rules alone read the index."""
    from indexer.embed.calibration import calibration_key

    found = get_condition_model(folder=folder)
    return found if found is not None and found.embedding_model == calibration_key(model, backend) else None


_LOCK = threading.Lock()
_MODELS: dict[tuple[Path, int], ConditionModel] = {}


def get_condition_model(threads: int = 1, folder: Path = FILES) -> ConditionModel | None:
    """One model per process, loaded on first use; None when it is not installed (while training)."""
    key = (folder, threads)
    with _LOCK:
        if key not in _MODELS:
            if not (folder / MANIFEST_FILE).is_file():
                return None
            _MODELS[key] = ConditionModel(folder, threads)
        return _MODELS[key]
