"""The wording stress set (bench/data/finder/wording_variants.txt): fresh phrasings of every condition
type and notice structure, in both languages, each read by the rules with its type, value and bound and
nothing more. A case the code still misreads is marked ``known-miss`` there and fails strictly here
(xfail), so a fix shows and the mark comes off."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.finder_wording import Case, judge, load

CASES = load()


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.cls}-{c.line}", marks=[pytest.mark.xfail(
    strict=True, reason="known miss")] if c.known_miss else []) for c in CASES])
def test_each_phrasing_is_read_as_written(case: Case) -> None:
    good, wrong = judge(case)
    assert good, wrong


def test_the_set_covers_every_condition_type_and_structure_in_both_languages() -> None:
    classes = {c.cls for c in CASES}
    for kind in ("region", "sector", "size", "employees", "revenue", "exports", "first", "violations", "untyped",
                 "lead-all", "lead-any", "exclusion", "numbering", "paragraphs", "sentence", "table"):
        assert {f"{kind}-zh", f"{kind}-en"} <= classes, kind
    assert {"annex-zh", "annex-en"} <= classes
    assert {c.part for c in CASES} >= {"fit", "report"}


def test_the_command_reports_each_part_and_class(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m bench.finder_wording --out FILE`` (bench/README.md): a line per class and part, and the JSON."""
    from bench import finder_wording

    monkeypatch.setattr(sys, "argv", ["finder_wording", "--out", str(tmp_path / "w.json")])
    finder_wording.main()
    result = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert result["cases"] == len(CASES) and set(result["parts"]) >= {"fit", "report"}
    assert result["passed"] == result["cases"] - sum(c.known_miss for c in CASES)
    assert "part report" in capsys.readouterr().out
