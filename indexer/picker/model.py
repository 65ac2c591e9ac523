"""The shipped sentence picker: an int8 ONNX file beside its manifest and calibration, in onnxruntime.

``files/picker-int8.onnx`` scores the candidate sentences of a question: a row of features per
sentence (their names, in order, are the manifest's ``features``; bot/answering/pick.py computes
them) followed by the question's e5 vector times the sentence's, out comes one score per row.
The picker was fitted for one embedding model (``embedding_model``: its cosines and vectors are
inputs) and applies only to indexes embedded by it. ``files/manifest.json`` names the file's
SHA-256, the data it was trained on and its figures on the report parts; ``files/calibration.json``
the thresholds fitted with it (bot/answering/calibrated.py). A file whose digest differs from the
manifest's is refused. ``identity()`` is what an index records of the answer model it was built
with (indexer/build.py). Nothing here imports torch; train/ builds the files (docs/answering.md).
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError

FILES = Path(__file__).with_name("files")
MODEL_FILE = "picker-int8.onnx"
MANIFEST_FILE = "manifest.json"
CALIBRATION_FILE = "calibration.json"
_RETRAIN = "reinstall policybot or run `python -m train.answer`"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_json(path: Path, what: str, retrain: str = _RETRAIN) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise PolicybotError(f"the {what} is missing or unreadable ({path.name}): {retrain}") from exc


def checked_session(path: Path, found: dict[str, Any], threads: int, retrain: str) -> Any:
    """An onnxruntime session of ``path`` once its SHA-256 is the manifest's (the one loader of
    the models shipped here)."""
    if not path.is_file():
        raise PolicybotError(f"the model {path.name} is missing: {retrain}")
    if sha256(path) != found.get("sha256"):
        raise PolicybotError(f"{path.name} does not match its manifest's SHA-256: {retrain}")
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=4)
def manifest(folder: Path = FILES) -> dict[str, Any]:
    return read_json(folder / MANIFEST_FILE, "answer model's manifest")


@lru_cache(maxsize=4)
def calibration(folder: Path = FILES) -> dict[str, Any]:
    return read_json(folder / CALIBRATION_FILE, "answer model's calibration")


@lru_cache(maxsize=4)
def identity(folder: Path = FILES) -> dict[str, str]:
    """The answer model and calibration an index is built with: their SHA-256s (manifest-declared
    for the model, computed for the calibration); "none" for a file not installed (while training)."""
    try:
        model = str(manifest(folder).get("sha256", "none"))
    except PolicybotError:
        model = "none"
    calibration_file = folder / CALIBRATION_FILE
    return {"model": model, "calibration": sha256(calibration_file) if calibration_file.is_file() else "none"}


class Picker:
    """Scores feature rows; thread-safe (onnxruntime sessions are)."""

    def __init__(self, folder: Path = FILES, threads: int = 1) -> None:
        found = manifest(folder)
        self.session = checked_session(folder / MODEL_FILE, found, threads, _RETRAIN)
        self.features: tuple[str, ...] = tuple(found.get("features", ()))
        self.embedding_model = str(found.get("embedding_model", ""))
        self.vector_dims = int(found.get("vector_dims", 0))

    def score(self, rows: np.ndarray) -> np.ndarray:
        """One score per row of features (and vector products); higher: states the answer."""
        if len(rows) == 0:
            return np.zeros(0, np.float32)
        out = self.session.run(None, {"features": np.ascontiguousarray(rows, dtype=np.float32)})[0]
        return np.asarray(out, dtype=np.float32).reshape(-1)


_LOCK = threading.Lock()
_PICKERS: dict[tuple[Path, int], Picker] = {}


def get_picker(threads: int = 1, folder: Path = FILES) -> Picker:
    """One picker per process and thread count, loaded on first use."""
    key = (folder, threads)
    with _LOCK:
        if key not in _PICKERS:
            _PICKERS[key] = Picker(folder, threads)
        return _PICKERS[key]
