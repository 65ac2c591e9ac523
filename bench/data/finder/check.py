"""Consistency check for the finder development set (notices, profiles, labels).

Run from anywhere:  python3 bench/data/finder/check.py
Exits 1 and lists the problems when anything is off; prints the counts otherwise.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"region", "sector", "size", "employees", "revenue", "exports", "first_time", "no_violations", "other"}
OPS = {"<", "<=", ">", ">=", "between", "in", None}
UNITS = {"CNY", "USD", "people", None}
SECTORS = {"textile", "apparel", "home_textile", "dyeing", "chemical_fibre"}
SIZES = {"micro", "small", "medium", "large", "above_designated_size"}
PROFILE_FIELDS = ["region", "sector", "annual_exports_usd", "annual_exports_cny", "annual_revenue_usd",
                  "annual_revenue_cny", "employees", "enterprise_size", "above_designated_size", "first_time",
                  "has_violations"]
VERDICTS = {"applicable", "not_applicable", "needs_info"}
STATES = {"open", "closed", "unknown"}
TODAY = "2026-12-06"

problems: list[str] = []


def bad(msg: str) -> None:
    problems.append(msg)


def load(name: str) -> list[dict]:
    rows = []
    for i, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                bad(f"{name}:{i}: not JSON ({e})")
    return rows


notices, profiles, labels = load("notices.jsonl"), load("profiles.jsonl"), load("labels.jsonl")
docs = {n["doc"]: n for n in notices}
if len(docs) != len(notices):
    bad("duplicate doc ids in notices.jsonl")
if len(notices) != 16:
    bad(f"expected 16 notices, found {len(notices)}")

# --- notices -------------------------------------------------------------------------------
for n in notices:
    doc = n["doc"]
    path = HERE / n["file"]
    if n["file"] != doc + ".txt" or not path.exists():
        bad(f"{doc}: file {n['file']} missing or misnamed")
        continue
    try:
        text = path.read_bytes().decode(n.get("encoding", "utf-8"))
    except UnicodeDecodeError:
        bad(f"{doc}: does not decode as {n.get('encoding')}")
        continue
    lines = {line.strip() for line in text.splitlines()}
    number = int(doc[1:3])
    if n.get("split") != ("fit" if number <= 8 else "report"):
        bad(f"{doc}: split {n.get('split')} (f01-f08 fit, f09-f16 report)")
    if n["lang"] not in ("zh", "en"):
        bad(f"{doc}: lang {n['lang']}")
    if n["combine"] not in ("all", "any"):
        bad(f"{doc}: combine {n['combine']}")
    w = n["window"]
    if w.get("state_on_2026_12_06") not in STATES:
        bad(f"{doc}: window state {w}")
    if w.get("closes") and w["state_on_2026_12_06"] != ("closed" if w["closes"] < TODAY else "open"):
        bad(f"{doc}: window state does not follow its closing date {w['closes']}")
    if not w.get("closes") and w["state_on_2026_12_06"] != "unknown":
        bad(f"{doc}: no closing date but state {w['state_on_2026_12_06']}")
    expired = bool(n.get("expiry_date")) and n["expiry_date"] < TODAY
    superseded = bool(n.get("superseded_by"))
    if n["in_force_on_2026_12_06"] == (expired or superseded):
        bad(f"{doc}: in_force {n['in_force_on_2026_12_06']} but expired={expired} superseded={superseded}")
    if superseded and n["superseded_by"] not in docs:
        bad(f"{doc}: superseded_by {n['superseded_by']} is not a notice")
    if n.get("superseded_by") and docs.get(n["superseded_by"], {}).get("supersedes") != doc:
        bad(f"{doc}: successor does not name it in 'supersedes'")
    if not n["conditions"]:
        bad(f"{doc}: no conditions")
    for c in n["conditions"]:
        where = f"{doc}: {c.get('type')} condition"
        if c.get("type") not in TYPES:
            bad(f"{where}: unknown type")
        if c.get("op") not in OPS or c.get("unit") not in UNITS:
            bad(f"{where}: op {c.get('op')} / unit {c.get('unit')}")
        if c.get("quote", "") not in text or not c.get("quote"):
            bad(f"{where}: quote is not a verbatim substring: {c.get('quote', '')[:50]}")
        t, v = c.get("type"), c.get("value")
        if t == "sector" and not (isinstance(v, list) and set(v) <= SECTORS):
            bad(f"{where}: sector values {v}")
        if t == "size" and not (isinstance(v, list) and set(v) <= SIZES):
            bad(f"{where}: size values {v}")
        if t in ("employees", "revenue", "exports"):
            unit_ok = (t == "employees") == (c.get("unit") == "people")
            between = c.get("op") == "between" and isinstance(v, list) and len(v) == 2 and v[0] < v[1]
            if not unit_ok or not (between or (isinstance(v, int | float) and c.get("op") in ("<", "<=", ">", ">="))):
                bad(f"{where}: value {v} op {c.get('op')} unit {c.get('unit')}")
        if t in ("first_time", "no_violations") and v is not True:
            bad(f"{where}: value should be true")
        if "alt" in c and n["combine"] != "any":
            bad(f"{where}: alt flag on an 'all' notice")
    if n["combine"] == "any" and sum(1 for c in n["conditions"] if c.get("alt")) < 2:
        bad(f"{doc}: 'any' notice needs at least two alternatives (alt: true)")
    for nc in n.get("not_conditions", []):
        if nc not in lines:
            bad(f"{doc}: not_condition is not an exact line of the file: {nc[:50]}")
        if any(nc == c["quote"] for c in n["conditions"]):
            bad(f"{doc}: a line is both a condition quote and a not_condition: {nc[:50]}")

for split in ("fit", "report"):
    langs = {n["lang"] for n in notices if n.get("split") == split}
    if langs != {"zh", "en"}:
        bad(f"split {split} has languages {langs}")

# --- profiles ------------------------------------------------------------------------------
pids = {p["id"]: p for p in profiles}
if sorted(pids) != [f"p{i}" for i in range(1, 9)]:
    bad(f"profiles should be p1..p8, found {sorted(pids)}")
for p in profiles:
    if sorted(p["profile"]) != sorted(PROFILE_FIELDS):
        bad(f"{p['id']}: profile fields {sorted(p['profile'])}")
    if p["profile"].get("enterprise_size") not in (None, "micro", "small", "medium", "large"):
        bad(f"{p['id']}: enterprise_size {p['profile'].get('enterprise_size')}")
try:  # the finder's own dataclass and gazetteer, read only
    sys.path.insert(0, str(HERE.parents[2]))
    try:
        from bot.finder.match import Profile
        from indexer.notice.places import canonical, known
    except ImportError:  # the layout before the bot/indexer packages were split
        from bot.finder import Profile
        from indexer.places import canonical, known
    for p in profiles:
        Profile(**p["profile"])
        region = p["profile"]["region"]
        if region and not known(canonical(region) or ""):
            bad(f"{p['id']}: region {region!r} is not a place the gazetteer knows")
except ImportError as e:
    print(f"(finder modules not importable, skipped Profile/gazetteer check: {e})")

# --- labels --------------------------------------------------------------------------------
seen = Counter((lab["doc"], lab["profile"]) for lab in labels)
for pair, k in seen.items():
    if k > 1:
        bad(f"label pair {pair} appears {k} times")
missing = [(d, p) for d in docs for p in pids if (d, p) not in seen]
if missing or len(labels) != 128:
    bad(f"{len(labels)} labels, {len(missing)} pairs missing (first: {missing[:3]})")
for lab in labels:
    where = f"label {lab.get('doc')}/{lab.get('profile')}"
    n = docs.get(lab.get("doc"))
    if n is None or lab.get("profile") not in pids:
        bad(f"{where}: unknown doc or profile")
        continue
    if lab.get("verdict") not in VERDICTS:
        bad(f"{where}: verdict {lab.get('verdict')}")
    allowed = {c["type"] for c in n["conditions"]} | {"in_force", "window"}
    for key in ("unmet", "unknown"):
        extra = set(lab.get(key, [])) - allowed
        if extra:
            bad(f"{where}: {key} names {extra}, not conditions of the notice")
    expected = "not_applicable" if lab["unmet"] else "needs_info" if lab["unknown"] else "applicable"
    if lab["verdict"] != expected:
        bad(f"{where}: verdict {lab['verdict']} but unmet={lab['unmet']} unknown={lab['unknown']}")
    if not n["in_force_on_2026_12_06"] and "in_force" not in lab["unmet"]:
        bad(f"{where}: notice not in force but 'in_force' not in unmet")
    if n["window"]["state_on_2026_12_06"] == "closed" and "window" not in lab["unmet"]:
        bad(f"{where}: window closed but 'window' not in unmet")
    if not lab.get("note") or "\n" in lab["note"]:
        bad(f"{where}: note missing or not one line")

# --- report --------------------------------------------------------------------------------
if problems:
    print(f"FAILED: {len(problems)} problem(s)")
    for p in problems:
        print(" -", p)
    sys.exit(1)

by_split = {n["doc"]: n["split"] for n in notices}
print(f"OK: {len(notices)} notices, {len(profiles)} profiles, {len(labels)} labels")
print("languages:", dict(Counter(n["lang"] for n in notices)),
      "| by split:", {s: dict(Counter(n["lang"] for n in notices if n["split"] == s)) for s in ("fit", "report")})
print("combine:", dict(Counter(n["combine"] for n in notices)),
      "| in force on 2026-12-06:", dict(Counter(n["in_force_on_2026_12_06"] for n in notices)),
      "| window:", dict(Counter(n["window"]["state_on_2026_12_06"] for n in notices)))
print("condition types:", dict(Counter(c["type"] for n in notices for c in n["conditions"]).most_common()))
print("not_conditions:", sum(len(n["not_conditions"]) for n in notices))
print("verdicts:", dict(Counter(lab["verdict"] for lab in labels)))
for s in ("fit", "report"):
    print(f"  {s}:", dict(Counter(lab["verdict"] for lab in labels if by_split[lab["doc"]] == s)))
print("verdicts by profile:", {p: dict(Counter(lab["verdict"] for lab in labels if lab["profile"] == p)) for p in pids})
print("unmet reasons:", dict(Counter(t for lab in labels for t in lab["unmet"]).most_common()))
print("unknown reasons:", dict(Counter(t for lab in labels for t in lab["unknown"]).most_common()))
