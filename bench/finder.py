"""Policy finder on its development set: verdicts, unmet conditions named, windows and quotes.

Indexes the finder notices (bench/data/finder/) with the real pipeline (``build_index`` and the
configured encoder), runs every profile through the finder as of 2026-12-06 at 7.2 CNY per USD
(the rate the labels were converted at) and compares with the hand labels, on the ``report``
notices and, apart, the ``fit`` ones; the report notices are also scored by when they were
written: those the reading rules were developed beside (``report_written_before_the_rules``), and
each round written and labelled afterwards, first measured before any change made for it
(``report_held_out_1`` to ``_3``: ``held_out`` in notices.jsonl), and the later rounds kept in splits
of their own (``heldout4`` to ``heldout34``), outside the report part the rules were tuned on:

- ``verdict_agreement``: applicable / not applicable / needs information as labelled;
- ``unmet_named``: of the labelled unmet reasons (a condition type, "in_force", "window"), the
  share the finder names; ``unmet_conditions_named`` the same for conditions alone;
- ``applicable_but_closed``: pairs listed as "may apply" (``applicable``) whose notice is out of
  force or whose window has closed (must be 0);
- ``quote_is_the_statement``: of the finder's conditions of a type the notice states, the share
  quoting the sentence or item labelled as stating it (a condition of a kind the notice does not
  state, or one more on a sentence stating others, is counted in ``conditions_not_labelled``);
  ``conditions_found``: of the labelled conditions, the share found with their type and that quote;
  ``not_conditions_read``: lines labelled as no condition that became one;
- ``window_agreement``: the window's state as labelled (open, closed, unknown).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from bench import finder_set
from bench.common import arg_parser, load_average, log, save, scratch, stamp

DAY = dt.date(2026, 12, 6)
RATE = 7.2


def kind(cond_type: str) -> str:
    """A finder condition type as the labels name it (``annual_exports_usd_max`` -> exports)."""
    for prefix, name in (("annual_exports", "exports"), ("annual_revenue", "revenue"), ("employees", "employees"),
                         ("enterprise_size", "size")):
        if cond_type.startswith(prefix):
            return name
    return cond_type if cond_type in finder_set.TYPES else "other"


def _squeeze(text: object) -> str:
    return " ".join(str(text or "").split())


def build(index: Path) -> dict[str, dict[str, Any]]:
    """The manifest entries of the finder notices indexed at ``index`` (built there when absent).

    The notices are copied for indexing into a temporary folder, removed afterwards, not beside the
    index: the folder holding the index is left as it was (inside a checkout it may hold a corpus
    of its own). The index needs no corpus once built (its manifest names each notice by its path
    relative to the corpus, here the file's name)."""
    from core.settings import get_settings
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder
    from indexer.store.index_dir import load_index

    if not (index / "manifest.json").exists():
        with scratch("finder-corpus") as corpus:
            for n in finder_set.notices().values():
                shutil.copy(n.path, corpus / n.path.name)
            settings = get_settings().model_copy(update={"corpus": corpus, "index": index})
            report = build_index(corpus, index, settings,
                                 lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
        if not report.ok:
            raise SystemExit(f"indexing failed: {report.skipped}")
    return load_index(index).documents


def judge(documents: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """(doc, profile) -> the finder's verdict, the reasons it names unmet, listed as applicable."""
    from bot.finder import match

    out: dict[str, dict[str, Any]] = {}
    for pid, row in finder_set.profiles().items():
        profile = match.Profile(**row["profile"])
        found = match.find_policies(documents, profile, DAY, row["lang"], RATE)
        listed = {r["doc_id"]: (group, r) for group in ("applicable", "not_applicable") for r in found[group]}
        for doc in finder_set.notices():
            group, record = listed.get(doc, (None, None))
            if record is None:  # not in force: the finder lists it nowhere; its conditions still checked
                record = match.assess(doc, documents, profile, DAY, row["lang"], RATE) \
                    if hasattr(match, "assess") else {"checklist": match.checklist(
                        documents[doc].get("eligibility") or {}, profile, row["lang"], RATE)}
            named = {kind(i["type"]) for i in record["checklist"] if i["status"] == "unmet"
                     and i.get("group_status", "unmet") == "unmet"}
            if group is None:
                named.add("in_force")
            if (record.get("window") or {}).get("state") == "closed":
                named.add("window")
            verdict = record.get("verdict") or ("not_applicable" if group != "applicable" else
                                                "needs_info" if record.get("unknown") else "applicable")
            out[(doc, pid)] = {"verdict": verdict, "named": named, "listed": group,
                               "window": (record.get("window") or {}).get("state")}
    return out


def quotes(documents: dict[str, dict[str, Any]], docs: list[str]) -> dict[str, Any]:
    """How the finder's conditions of ``docs`` quote the notices (see the module docstring)."""
    checked = right = gold_total = gold_found = spurious = not_cond = 0
    wrong: list[str] = []
    extra: list[str] = []
    for doc in docs:
        meta = finder_set.notices()[doc].meta
        gold: dict[str, set[str]] = {}
        for cond in meta["conditions"]:
            gold.setdefault(cond["type"], set()).add(_squeeze(cond["quote"]))
        stating = set().union(*gold.values()) if gold else set()
        banned = {_squeeze(line) for line in meta["not_conditions"]}
        conds = (documents[doc].get("eligibility") or {}).get("conditions") or []
        have: dict[str, set[str]] = {}
        for cond in conds:
            k, q = kind(str(cond.get("type"))), _squeeze(cond.get("quote"))
            have.setdefault(k, set()).add(q)
            not_cond += q in banned
            if q in gold.get(k, set()):
                checked, right = checked + 1, right + 1
            elif k in gold and q not in stating:  # a labelled kind, quoted from a sentence stating none
                checked += 1
                wrong.append(f"{doc} {k}: {q[:60]}")
            else:  # a kind the notice does not state, or one more on a sentence that states others
                spurious += 1
                extra.append(f"{doc} {k}: {q[:60]}")
        for k, qs in gold.items():
            gold_total += len(qs)
            gold_found += len(qs & have.get(k, set()))
    return {"quote_is_the_statement": round(right / checked, 3) if checked else None,
            "quotes_checked": checked, "conditions_found": round(gold_found / gold_total, 3) if gold_total else None,
            "conditions_labelled": gold_total, "conditions_not_labelled": spurious,
            "not_conditions_read": not_cond, "wrong_quotes": wrong, "conditions_not_labelled_list": extra}


def score(judged: dict[tuple[str, str], dict[str, Any]], documents: dict[str, dict[str, Any]],
          split: str, held_out: int | None = None) -> dict[str, Any]:
    """The measures on the notices of ``split`` (with ``held_out``: only those of that held-out
    round, 0 for those written before the reading rules)."""
    docs = [d for d, n in finder_set.notices().items() if n.split == split
            and (held_out is None or int(n.meta.get("held_out") or 0) == held_out)]
    rows = [lab for lab in finder_set.labels() if lab["doc"] in docs]
    agree = sum(judged[(r["doc"], r["profile"])]["verdict"] == r["verdict"] for r in rows)
    gold = [(r, set(r["unmet"])) for r in rows]
    named = sum(len(g & judged[(r["doc"], r["profile"])]["named"]) for r, g in gold)
    conditions = [(r, g - {"in_force", "window"}) for r, g in gold]
    named_conditions = sum(len(g & judged[(r["doc"], r["profile"])]["named"]) for r, g in conditions)
    closed = [r for r in rows if not finder_set.notices()[r["doc"]].meta["in_force_on_2026_12_06"]
              or finder_set.notices()[r["doc"]].meta["window"]["state_on_2026_12_06"] == "closed"]
    windows = {d: finder_set.notices()[d].meta["window"]["state_on_2026_12_06"] for d in docs}
    seen_windows = {d: judged[(d, next(iter(finder_set.profiles())))]["window"] or "unknown" for d in docs}
    confusion = Counter(f"{r['verdict']}->{judged[(r['doc'], r['profile'])]['verdict']}" for r in rows)
    return {
        "notices": len(docs), "pairs": len(rows),
        "verdict_agreement": round(agree / len(rows), 3),
        "unmet_named": round(named / max(1, sum(len(g) for _, g in gold)), 3),
        "unmet_conditions_named": round(named_conditions / max(1, sum(len(g) for _, g in conditions)), 3),
        "applicable_but_closed": sum(judged[(r["doc"], r["profile"])]["listed"] == "applicable" for r in closed),
        "window_agreement": round(sum(windows[d] == seen_windows[d] for d in docs) / len(docs), 3),
        **quotes(documents, docs),
        "confusion": dict(sorted(confusion.items())),
        "disagreements": [_disagreement(r, judged[(r["doc"], r["profile"])]) for r in rows
                          if judged[(r["doc"], r["profile"])]["verdict"] != r["verdict"]],
    }


def _disagreement(label: dict[str, Any], seen: dict[str, Any]) -> str:
    return (f"{label['doc']}/{label['profile']}: {label['verdict']} vs {seen['verdict']} "
            f"(unmet {sorted(set(label['unmet']))} named {sorted(seen['named'])})")


def main() -> None:
    p = arg_parser(__doc__, out="finder.json")
    p.add_argument("--index", type=Path, help="index of the finder notices to reuse (built there if absent)")
    args = p.parse_args()
    head = stamp("accuracy, not timing")
    problems = finder_set.problems()
    if problems:
        raise SystemExit("the finder set is inconsistent: " + "; ".join(problems))
    with scratch("finder") as tmp:
        index = args.index or tmp / "index"
        log(f"indexing {len(finder_set.notices())} notices into {index}")
        documents = build(index)
        judged = judge(documents)
    result = {**head, "load_average": load_average(), "as_of": DAY.isoformat(), "cny_per_usd": RATE,
              "report": score(judged, documents, "report"),
              "report_written_before_the_rules": score(judged, documents, "report", held_out=0),
              **{f"report_held_out_{n}": score(judged, documents, "report", held_out=n) for n in (1, 2, 3)},
              **{split: score(judged, documents, split) for split in finder_set.HELD_OUT
                 if any(n.split == split for n in finder_set.notices().values())},
              "fit": score(judged, documents, "fit")}
    save(args.out, result)


if __name__ == "__main__":
    main()
