"""Abstention thresholds belong to the model that produced the scores, per question language.

Cosine scores are not comparable across models: all-MiniLM-L6-v2 spreads them over 0-0.9 while
multilingual-e5-small packs them into 0.74-0.92. calibration.json holds, per model and language,
the threshold `python -m bench.abstention` measured (bench/README.md); an index records its model,
so answering uses the threshold of the model that embedded the index. A model may also carry a
fitted doubt model ("doubt": weights, bias, limit; bot/answering/doubt.py), for the same reason.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


DOUBT = "doubt"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Any]]:
    raw = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return {model: langs for model, langs in raw.items() if not model.startswith("_")}


def abstain_threshold(model: str, lang: str) -> float | None:
    """The measured threshold, or None for a model nobody calibrated (only the name and year
    checks then decide; `bench.abstention` measures one)."""
    langs = _table().get(model)
    if langs is None:
        return None
    found = langs.get(lang, langs.get("en"))
    return None if found is None else float(found)


def doubt_weights(model: str) -> dict[str, Any] | None:
    """The model's fitted doubt model (bot/answering/doubt.py; `bench.answerability --fit-doubt`), if any."""
    found = _table().get(model, {}).get(DOUBT)
    return dict(found) if isinstance(found, dict) else None


def calibrated_models() -> list[str]:
    return sorted(_table())
