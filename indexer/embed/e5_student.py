"""The passage student: e5's passage encoder distilled into fewer layers (``python -m train.student``).

An index embedded with backend "onnx-student" has its passages encoded by this graph and its
questions by e5's int8 graph: the student was trained to give e5's own token states, so its passage
vectors (and the sentence vectors pooled from them) live in e5's space at about half the CPU per
passage (bench/README.md, "Indexing throughput"). The graph takes e5's ``inputs_embeds`` like e5's
own: the word table is read from the packaged e5 weights, so the shipped file holds only the
student's layers. The file is refused unless its SHA-256 is the one its manifest records.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.errors import PolicybotError

STUDENT_DIR = Path(__file__).with_name("e5_student_files")
MODEL_FILE = "student-int8.onnx"
MANIFEST_FILE = "manifest.json"


def manifest() -> dict[str, Any]:
    path = STUDENT_DIR / MANIFEST_FILE
    if not path.is_file():
        raise PolicybotError("the passage student is not installed (python -m train.student writes it)")
    return dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def student_path() -> Path:
    """The shipped graph, once its SHA-256 matches the manifest's."""
    path = STUDENT_DIR / MODEL_FILE
    want = manifest().get("sha256")
    if not path.is_file():
        raise PolicybotError(f"the passage student's {MODEL_FILE} is missing")
    with open(path, "rb") as handle:
        got = hashlib.file_digest(handle, "sha256").hexdigest()
    if got != want:
        raise PolicybotError(f"the passage student's {MODEL_FILE} does not match its manifest (sha256)")
    return path


def passage_record(backend: str) -> dict[str, str]:
    """What an index manifest records of the passage encoder besides its backend: the student's
    SHA-256 for "onnx-student" (another student's vectors are other vectors), nothing otherwise."""
    if backend != "onnx-student":
        return {}
    return {"passage_model": f"e5-student sha256:{manifest()['sha256']}"}
