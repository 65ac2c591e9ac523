"""Abstention thresholds belong to the model that produced the scores, per question language.

Cosine scores are not comparable across models: all-MiniLM-L6-v2 spreads them over 0-0.9 while
multilingual-e5-small packs them into 0.74-0.92. calibration.json holds, per model and language,
the threshold `python -m bench.abstention` measured (bench/README.md); an index records its model
and precision, so answering uses the threshold of what embedded the index (``calibration_key``).
A model may also carry a fitted doubt model ("doubt": weights, bias, limit; bot/answering/doubt.py),
for the same reason.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from indexer.embed.base import vector_family

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


DOUBT = "doubt"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Any]]:
    raw = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return {model: langs for model, langs in raw.items() if not model.startswith("_")}


def calibration_key(model: str, backend: str) -> str:
    """The entry for vectors from ``backend``: "<model>@int8" for int8 ones. Quantised vectors
    score a little differently (e5 int8: about +0.005 cosine, bench/README.md), so an int8 entry
    holds what was measured on int8; what it does not hold comes from the model's own entry.
    The passage student's indexes ("onnx-student") use the int8 entry: their questions are int8 e5
    and their passages are distilled to e5's vectors; the notice set's figures with the int8
    entry's thresholds and answer model were measured on a student index (bench/README.md)."""
    return f"{model}@int8" if vector_family(backend) in ("int8", "student") else model


def _entry(key: str) -> dict[str, Any] | None:
    table = _table()
    model = key.split("@", 1)[0]
    if model not in table and key not in table:
        return None
    return {**table.get(model, {}), **table.get(key, {})}


def abstain_threshold(model: str, lang: str) -> float | None:
    """The measured threshold, or None for a model nobody calibrated (only the name and year
    checks then decide; `bench.abstention` measures one). ``model``: a name or a calibration key."""
    langs = _entry(model)
    if langs is None:
        return None
    found = langs.get(lang, langs.get("en"))
    return None if found is None else float(found)


def doubt_weights(model: str) -> dict[str, Any] | None:
    """The model's fitted doubt model (bot/answering/doubt.py; `bench.answerability --fit-doubt`), if any."""
    found = (_entry(model) or {}).get(DOUBT)
    return dict(found) if isinstance(found, dict) else None


def calibrated_models() -> list[str]:
    return sorted(k for k in _table() if "@" not in k)
