"""Wording stress set for the finder's reading: how many fresh phrasings of each condition type and
each notice structure the rules type and bound as written (``bench/data/finder/wording_variants.txt``).

Every case is a sentence, item or short notice written for this set (both languages), with the
conditions a careful reader takes from it. A case passes when every expected condition is read with
its value and bound, and nothing else is: an extra typed condition or an extra ``text`` condition
changes verdicts as surely as a missed one. The rules are measured alone (no fitted model: it needs
the index's sentence vectors); ``python -m bench.finder`` measures both on whole notices.

File format: a case starts with ``=== <class> | <expectations>`` and runs to the next ``===``;
lines starting with "# " are comments; "#! part report" starts the part written after the
rules were changed on the cases above it (the fit part), and measured as it was first read
("#! part report2": a second such part, written after the changes the first one led to). A case
of one line starting with "- " is an item, put under a lead-in of conditions in a notice of its
language. Expectations, ";"-separated:
``region in Keqiao`` / ``region not_in Shenzhen`` (a place among the values), ``employees_max <= 300``,
``employees_range between 20,1000``, ``sector = apparel,textile`` (the set of values), a bare type
(``first_time``, ``no_violations``, ``text``, ``specialised``), ``@any`` (the typed conditions are
alternatives: they carry a group), ``@all`` (none does), ``issuer=…`` (the notice's issuer), and
``known-miss`` (a case the code still misreads; the test marks it xfail).

    python -m bench.finder_wording [--show] [--out FILE] [--model]

``--model`` reads every case through a real index build (e5 vectors, the rules and the fitted condition
model, as ``python -m bench.finder`` does; about a minute), cases that need an issuer left out.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.notice.eligibility import extract_eligibility

CASES = Path(__file__).parent / "data" / "finder" / "wording_variants.txt"
_CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_FRAME = ("关于开展2027年度外贸企业境外参展补助申报工作的通知\n一、申报条件\n申报企业须同时具备以下条件：\n{item}\n"
            "二、申报时间\n请于2027年3月31日前通过平台提交材料。\n")
EN_FRAME = ("Notice on the 2027 Overseas Fair Support\n\n1. Who may apply\nApplicants shall meet all of the "
            "following conditions:\n{item}\n\n2. How to apply\nSubmit the form online by 31 March 2027.\n")


@dataclass
class Case:
    cls: str
    text: str
    expect: list[str]
    issuer: str | None = None
    known_miss: bool = False
    line: int = 0
    part: str = "fit"
    flags: set[str] = field(default_factory=set)


def load(path: Path = CASES) -> list[Case]:
    """The cases of ``path``, items put in their frame."""
    cases: list[Case] = []
    part = "fit"
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.startswith("#! part "):
            part = raw.split()[-1]
        elif raw.startswith("==="):
            cls, _, spec = raw[3:].partition("|")
            specs = [p.strip() for p in spec.split(";") if p.strip()]
            case = Case(cls.strip(), "", [], line=n, part=part)
            for word in specs:
                if word.startswith("issuer="):
                    case.issuer = word[len("issuer="):]
                elif word == "known-miss":
                    case.known_miss = True
                elif word.startswith("@"):
                    case.flags.add(word[1:])
                else:
                    case.expect.append(word)
            cases.append(case)
        elif cases and not raw.startswith(("# ", "#!")):
            cases[-1].text += raw + "\n"
    for case in cases:
        text = case.text.strip("\n")
        if "\n" not in text and text.startswith("- "):
            item = "（一）" + text[2:] if _CJK.search(text) else "(1) " + text[2:]
            text = (ZH_FRAME if _CJK.search(text) else EN_FRAME).format(item=item)
        case.text = text + "\n"
    return cases


def _value(raw: str) -> Any:
    parts = [p.strip() for p in raw.split(",")]
    nums = [float(p) for p in parts if re.fullmatch(r"-?\d+(?:\.\d+)?", p)]
    if len(nums) == len(parts):
        return nums if len(nums) > 1 else nums[0]
    return set(parts)


def _matches(spec: str, cond: dict[str, Any]) -> bool:
    words = spec.split(None, 2)
    if cond["type"] != words[0]:
        return False
    if len(words) == 1:
        return True
    op, want = words[1], _value(words[2]) if len(words) > 2 else None
    got = cond.get("value")
    if cond["type"] == "region":
        return (op == "not_in") == (cond.get("op") == "not_in") and bool(set(want) & set(map(str, got or [])))
    if op == "=":
        return set(map(str, got or [])) == want
    if cond.get("op") != op:
        return False
    if isinstance(want, list):
        return [float(v) for v in got] == want
    return float(got) == want


def judge(case: Case, read: list[dict[str, Any]] | None = None) -> tuple[bool, list[str]]:
    """Whether the rules (or ``read``: the conditions an index holds for the case) read ``case`` as
    expected, and what went wrong."""
    conds = extract_eligibility([], case.text, case.issuer, "2026-12-01")["conditions"] if read is None else read
    wrong: list[str] = []
    used: set[int] = set()
    for spec in case.expect:
        hit = next((i for i, c in enumerate(conds) if i not in used and _matches(spec, c)), None)
        if hit is None:
            wrong.append(f"missed {spec}")
        else:
            used.add(hit)
    wanted = {s.split()[0] for s in case.expect}
    for i, c in enumerate(conds):
        if i not in used and not (c["type"] in wanted and c["type"] != "text"):
            wrong.append(f"extra {c['type']} {c.get('op', '')} {c.get('value')} <- {c['quote'][:60]}")
    typed = [c for c in conds if c["type"] != "text"]
    if "any" in case.flags and not any("group" in c for c in typed):
        wrong.append("not alternatives")
    if "all" in case.flags and any("group" in c for c in typed):
        wrong.append("read as alternatives")
    return not wrong, wrong


def indexed(cases: list[Case], work: Path) -> dict[int, list[dict[str, Any]]]:
    """The conditions the real index build reads for each case (rules and the fitted condition model, on
    the index's own sentence vectors), keyed by the case's line; cases that need an issuer are left out
    (a plain text file names none)."""
    from core.settings import get_settings
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder
    from indexer.store.index_dir import load_index

    corpus, index = work / "corpus", work / "index"
    corpus.mkdir(parents=True, exist_ok=True)
    for case in cases:
        if case.issuer is None:
            (corpus / f"case_{case.line}.txt").write_text(case.text, encoding="utf-8")
    settings = get_settings().model_copy(update={"corpus": corpus, "index": index})
    report = build_index(corpus, index, settings,
                         lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
    if not report.ok:
        raise SystemExit(f"indexing failed: {report.skipped}")
    documents = load_index(index).documents
    return {int(doc.removeprefix("case_")): (entry.get("eligibility") or {}).get("conditions") or []
            for doc, entry in documents.items() if doc.startswith("case_")}


def measure(cases: list[Case], read: dict[int, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    per: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    failures = []
    if read is not None:
        cases = [c for c in cases if c.line in read]
    for case in cases:
        good, wrong = judge(case, None if read is None else read[case.line])
        per[case.cls] += 1
        ok[case.cls] += good
        parts[f"{case.part}:all"] += 1
        parts[f"{case.part}:ok"] += good
        if not good:
            failures.append({"class": case.cls, "part": case.part, "line": case.line, "wrong": wrong})
    return {"cases": len(cases), "passed": sum(ok.values()),
            "parts": {p: [parts[f"{p}:ok"], parts[f"{p}:all"]] for p in dict.fromkeys(c.part for c in cases)},
            "classes": {c: [ok[c], per[c]] for c in sorted(per)}, "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each failing case and why")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--model", action="store_true",
                        help="read through a real index build (rules and the fitted model) instead of the rules alone")
    args = parser.parse_args()
    if args.model:
        with tempfile.TemporaryDirectory(prefix="policybot-wording-") as tmp:
            result = measure(load(), indexed(load(), Path(tmp)))
    else:
        result = measure(load())
    for cls, (good, total) in result["classes"].items():
        print(f"{cls:32s} {good:3d}/{total:<3d} {good / total:.2f}")
    for part, (good, total) in result["parts"].items():
        print(f"{'part ' + part:32s} {good:3d}/{total:<3d} {good / total:.2f}")
    print(f"{'all':32s} {result['passed']:3d}/{result['cases']:<3d} {result['passed'] / result['cases']:.2f}")
    if args.show:
        for f in result["failures"]:
            print(f"line {f['line']} {f['class']}: " + " | ".join(f["wrong"]))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
