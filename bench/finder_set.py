"""The policy-finder development set (bench/data/finder/): notices, company profiles and verdicts.

Notices in both languages, each written in our own words from a real published notice
(``SOURCES.md``), with what a careful reader finds in them (``notices.jsonl``: every condition with
its type, value, bound and the verbatim sentence or item that states it; the lines that look like
conditions and are not; all/any; in force or not; the application window), company profiles in
the finder's ``Profile`` fields (``profiles.jsonl``) and one hand-labelled verdict per notice and
profile (``labels.jsonl``). Every notice is in the ``fit`` or the ``report`` split, or in a held-out
round (``heldout4`` to ``heldout34``) written after the others: anything fitted or tuned on the set is
reported on ``report`` only, and a round's first measurement is its honest estimate.
``python -m bench.finder_set`` checks the set.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "data" / "finder"
SPLITS = ("fit", "report", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
          "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17",
          "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24",
          "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32",
          "heldout33", "heldout34")
HELD_OUT = ("heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
            "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18",
            "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25",
            "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33",
            "heldout34")
"""Rounds written after the dev set was finished, each first measured before any change made for it."""
VERDICTS = ("applicable", "not_applicable", "needs_info")
TYPES = ("region", "sector", "size", "employees", "revenue", "exports", "first_time", "no_violations", "other")
REASONS = TYPES + ("in_force", "window")
WINDOW_STATES = ("open", "closed", "not_yet_open", "unknown")


@dataclass(frozen=True)
class Notice:
    doc: str
    path: Path
    meta: dict[str, Any]

    @property
    def split(self) -> str:
        return str(self.meta["split"])

    @property
    def text(self) -> str:
        return self.path.read_text(encoding=self.meta.get("encoding") or "utf-8")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def notices() -> dict[str, Notice]:
    return {m["doc"]: Notice(m["doc"], ROOT / m["file"], m) for m in _jsonl(ROOT / "notices.jsonl")}


@lru_cache(maxsize=1)
def profiles() -> dict[str, dict[str, Any]]:
    """Profile id -> its row (``profile`` holds the finder's ``Profile`` fields, None when not said)."""
    return {row["id"]: row for row in _jsonl(ROOT / "profiles.jsonl")}


@lru_cache(maxsize=1)
def labels() -> tuple[dict[str, Any], ...]:
    return tuple(_jsonl(ROOT / "labels.jsonl"))


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def problems() -> list[str]:
    """Every label that does not hold against the texts; empty when the set is consistent."""
    from bot.finder.match import Profile  # the profiles must build the finder's own record

    found: list[str] = []
    docs, people = notices(), profiles()
    for doc, n in docs.items():
        if n.split not in SPLITS:
            found.append(f"{doc}: split {n.split!r}")
        if not n.path.is_file():
            found.append(f"{doc}: no file {n.path.name}")
            continue
        text = n.text
        lines = {_squeeze(line) for line in text.splitlines()}
        for cond in n.meta["conditions"]:
            if cond["type"] not in TYPES:
                found.append(f"{doc}: unknown condition type {cond['type']!r}")
            if cond["quote"] not in text:
                found.append(f"{doc}: quote not verbatim in the file: {cond['quote']!r}")
            if n.meta["combine"] == "any" and "alt" not in cond:
                found.append(f"{doc}: an any-notice's condition without its alt flag: {cond['quote']!r}")
        for line in n.meta["not_conditions"]:
            if _squeeze(line) not in lines:
                found.append(f"{doc}: not_conditions line is not a whole line of the file: {line!r}")
        if n.meta["combine"] not in ("all", "any"):
            found.append(f"{doc}: combine {n.meta['combine']!r}")
        if n.meta["window"]["state_on_2026_12_06"] not in WINDOW_STATES:
            found.append(f"{doc}: window state {n.meta['window']['state_on_2026_12_06']!r}")
    for pid, row in people.items():
        try:
            Profile(**row["profile"])
        except TypeError as exc:
            found.append(f"{pid}: not a finder Profile: {exc}")
    pairs = Counter((lab["doc"], lab["profile"]) for lab in labels())
    found += [f"pair {pair} labelled {count} times" for pair, count in pairs.items() if count > 1]
    found += [f"pair {(d, p)} has no label" for d in docs for p in people if (d, p) not in pairs]
    for lab in labels():
        where = f"{lab['doc']}/{lab['profile']}"
        if lab["doc"] not in docs or lab["profile"] not in people:
            found.append(f"{where}: unknown notice or profile")
            continue
        if lab["verdict"] not in VERDICTS:
            found.append(f"{where}: verdict {lab['verdict']!r}")
        if bad := [r for r in lab["unmet"] + lab["unknown"] if r not in REASONS]:
            found.append(f"{where}: unknown reasons {bad}")
        expected = "not_applicable" if lab["unmet"] else "needs_info" if lab["unknown"] else "applicable"
        if lab["verdict"] != expected:
            found.append(f"{where}: verdict {lab['verdict']} but unmet={lab['unmet']} unknown={lab['unknown']}")
        meta = docs[lab["doc"]].meta
        if not meta["in_force_on_2026_12_06"] and "in_force" not in lab["unmet"]:
            found.append(f"{where}: the notice is not in force but the label does not say so")
        if meta["window"]["state_on_2026_12_06"] == "closed" and "window" not in lab["unmet"]:
            found.append(f"{where}: the window is closed but the label does not say so")
    return found


def summary() -> dict[str, Any]:
    docs = notices()
    return {"notices": len(docs), "profiles": len(profiles()), "labels": len(labels()),
            "by_split_and_lang": dict(sorted(Counter(f"{n.split}/{n.meta['lang']}" for n in docs.values()).items())),
            "verdicts_by_split": dict(sorted(Counter(f"{docs[lab['doc']].split}/{lab['verdict']}"
                                                     for lab in labels()).items()))}


if __name__ == "__main__":
    print(json.dumps({**summary(), "problems": problems()}, ensure_ascii=False, indent=1))
