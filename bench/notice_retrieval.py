"""Retrieval recall on the notice development set: does a passage holding the answer reach the top k?

No answer step can quote what retrieval did not bring, so this measures retrieval alone
(``PolicyBot.retrieve``, no abstention, no sentence choice): for every answerable question, the rank
of the first retrieved passage that holds an expected phrase (hit@1/@3/@5) and of the first passage
of the gold notice (doc@1/@3), by group (question language over notice language) and split. A miss
is classed as ``wrong_notice`` (the gold notice is not in the top 3) or ``wrong_passage`` (it is,
but not the passage that holds the answer).

    python -m bench.notice_retrieval [--index DIR] [--out FILE] [--misses]
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import notice_set
from bench.common import arg_parser, load_average, log, save, scratch, stamp
from bench.notice_eval import build

GROUPS = {"zh_direct": "zh_over_zh", "en_direct": "en_over_en", "en_over_zh": "en_over_zh",
          "zh_over_en": "zh_over_en"}
TOP = 5


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def ranks(bot: Any, question: dict[str, Any]) -> tuple[int | None, int | None]:
    """(rank of the first passage holding an expected phrase, rank of the first gold-notice passage)."""
    candidates, _ = bot.retrieve(question["question"], TOP)
    phrases = [_norm(p) for p in question["expect"]]
    hit = next((i for i, c in enumerate(candidates, 1) if any(p in _norm(c.chunk.text) for p in phrases)), None)
    doc = next((i for i, c in enumerate(candidates, 1) if Path(c.chunk.source).stem == question["doc"]), None)
    return hit, doc


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def share(test: Any) -> float:
        return round(sum(1 for r in rows if test(r)) / len(rows), 3) if rows else 0.0

    within = lambda k, key: lambda r: r[key] is not None and r[key] <= k  # noqa: E731
    misses = [r for r in rows if not within(3, "hit")(r)]
    return {"n": len(rows), "hit_at_1": share(within(1, "hit")), "hit_at_3": share(within(3, "hit")),
            "hit_at_5": share(within(5, "hit")), "doc_at_1": share(within(1, "doc")),
            "doc_at_3": share(within(3, "doc")),
            "miss_wrong_notice": sum(1 for r in misses if not within(3, "doc")(r)),
            "miss_wrong_passage": sum(1 for r in misses if within(3, "doc")(r))}


def evaluate(bot: Any) -> dict[str, Any]:
    """Every answerable question of the set, grouped by language pair, split and type."""
    rows = []
    for q in notice_set.questions():
        if not q["answerable"] or q["kind"] not in GROUPS:
            continue
        hit, doc = ranks(bot, q)
        rows.append({"id": q["id"], "question": q["question"], "group": GROUPS[q["kind"]], "split": q["split"],
                     "type": q.get("type") or "none", "hit": hit, "doc": doc})
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[f"{r['split']}/{r['group']}"].append(r)
        groups[f"{r['split']}/all"].append(r)
        groups[f"all/{r['group']}"].append(r)
        groups[f"fit/type:{r['type']}"].append(r) if r["split"] == "fit" else None
    return {"all": summary(rows), "groups": {k: summary(v) for k, v in sorted(groups.items())},
            "misses": [r for r in rows if r["hit"] is None or r["hit"] > 3]}


def main() -> None:
    parser = arg_parser(__doc__, "notice_retrieval.json")
    parser.add_argument("--index", type=Path, help="Index directory (built there if absent; default: temporary)")
    args = parser.parse_args()
    from bot.service import PolicyBot
    from core.settings import Settings

    head = {**stamp(), "load_average_start": load_average()}
    with scratch("notice_retrieval") as work:
        index = args.index or work / "index"
        corpus = work / "corpus"
        corpus.mkdir()
        built = build(index, corpus)
        log(f"built: {built}")
        result = evaluate(PolicyBot(Settings(corpus=corpus, index=index)))
    save(args.out, {**head, "load_average_end": load_average(), "index": built, **result})
    for name, s in result["groups"].items():
        if "type:" not in name:
            log(f"{name:18} {s}")


if __name__ == "__main__":
    main()
