"""e5 int8 against fp32 on the Chinese notice set, through the current answer path, in one run.

Usage: python -m bench.precision [--backends onnx,onnx-int8] [--top-k 5] [--out FILE]

The notice set (bench/data/notices, ``bench.notice_set``) is indexed once per backend by
`build_index` with the default settings otherwise; then every question goes through
``PolicyBot.retrieve`` and ``PolicyBot.ask`` as `/api/ask` runs them. Per backend, for the
answerable questions: retrieval hit@1 / hit@3 by document (the rank of the question's ``doc``
among the documents of the retrieved passages, in order), the same for the answer's citations
(an abstention is a miss), the expected phrase in the citations (``bot.evaluation.questions``) and
false abstentions; for the unanswerable ones (near-domain, off-topic), the share abstained. Each
figure is given for the whole set and per split (``fit`` / ``report``) and question kind. Nothing
is fitted here. Writes bench/results/precision.json.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import arg_parser, load_average, log, median, save, scratch, stamp
from bench.notice_set import notices, questions
from bot.evaluation.questions import normalise
from bot.service import PolicyBot
from core.settings import Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder


def doc_rank(docs: list[str], want: str) -> int | None:
    """1-based rank of ``want`` among the distinct documents of ``docs``, in order."""
    seen = list(dict.fromkeys(docs))
    return seen.index(want) + 1 if want in seen else None


def share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else float("nan")


def measure(bot: PolicyBot, qs: list[dict[str, Any]], top_k: int) -> list[dict[str, Any]]:
    rows = []
    for q in qs:
        candidates, evidence = bot.retrieve(q["question"], top_k)
        answer = bot.ask(q["question"], top_k)
        phrases = [normalise(p) for p in q.get("expect") or []]
        phrase = next((c.n for c in answer.citations if any(p in normalise(c.text) for p in phrases)), None)
        rows.append({"id": q["id"], "kind": q["kind"], "split": q["split"], "answerable": q["answerable"],
                     "retrieved": doc_rank([c.chunk.doc_id for c in candidates], q.get("doc") or ""),
                     "cited": None if answer.abstained else doc_rank([c.doc_id for c in answer.citations],
                                                                      q.get("doc") or ""),
                     "phrase": None if answer.abstained else phrase, "abstained": answer.abstained,
                     "top_cosine": round(float(evidence.top_dense), 5), "threshold": evidence.threshold})
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    yes = [r for r in rows if r["answerable"]]
    no = [r for r in rows if not r["answerable"]]
    return {"answerable": len(yes), "unanswerable": len(no),
            "retrieval_hit@1": share([r["retrieved"] == 1 for r in yes]),
            "retrieval_hit@3": share([bool(r["retrieved"]) and r["retrieved"] <= 3 for r in yes]),
            "cited_hit@1": share([r["cited"] == 1 for r in yes]),
            "cited_hit@3": share([bool(r["cited"]) and r["cited"] <= 3 for r in yes]),
            "phrase_hit@1": share([r["phrase"] == 1 for r in yes]),
            "false_abstentions": sum(r["abstained"] for r in yes),
            "unanswerable_abstained": share([r["abstained"] for r in no])}


def run(backends: list[str], top_k: int, work: Path) -> dict[str, Any]:
    corpus = work / "corpus"
    corpus.mkdir()
    for notice in notices().values():
        shutil.copy(notice.path, corpus / notice.path.name)
    qs = [dict(q) for q in questions()]
    out: dict[str, Any] = {**stamp(), "notices": len(notices()), "questions": len(qs), "load": [load_average()]}
    per_backend: dict[str, list[dict[str, Any]]] = {}
    for backend in backends:
        settings = Settings(corpus=corpus, index=work / backend / "index", analytics_db=None,
                            encoder_backend=backend)  # type: ignore[arg-type]
        started = time.perf_counter()
        report = build_index(corpus, settings.index, settings,
                             lambda s=settings: get_encoder(EncoderSpec.of(s, threads=s.index_threads)))
        assert report.ok, report.to_dict()
        bot = PolicyBot(settings)
        per_backend[backend] = measure(bot, qs, top_k)
        log(f"{backend}: {report.chunks} chunks, {time.perf_counter() - started:.0f} s")
        out["load"].append(load_average())
    groups: dict[str, Any] = {}
    for backend, rows in per_backend.items():
        by: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by["all"].append(r)
            by[f"split:{r['split']}"].append(r)
            by[f"kind:{r['kind']}"].append(r)
        groups[backend] = {name: summary(rs) for name, rs in sorted(by.items())}
    first, *rest = backends
    changed = {b: [a["id"] for a, o in zip(per_backend[first], per_backend[b], strict=True)
                   if (a["retrieved"], a["cited"], a["abstained"]) != (o["retrieved"], o["cited"], o["abstained"])]
               for b in rest}
    # How the top cosine moves from the first backend to each other one, per question group: a
    # threshold carried over from one to the other should move by as much.
    shift = {b: {name: median([o["top_cosine"] - a["top_cosine"] for a, o in pairs], 4)
                 for name, pairs in _pairs(per_backend[first], per_backend[b]).items()} for b in rest}
    return {**out, "results": groups, "questions_that_differ_from_" + first: changed,
            "top_cosine_shift_median": shift, "rows": per_backend}


def _pairs(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> dict[str, list[tuple[dict, dict]]]:
    lang = {q["id"]: q.get("lang", "zh") for q in questions()}
    out: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for x, y in zip(a, b, strict=True):
        kind = "answerable" if x["answerable"] else "unanswerable"
        out[f"{lang[x['id']]} {kind}"].append((x, y))
        out["all"].append((x, y))
    return dict(out)


def main() -> None:
    parser = arg_parser(__doc__, out="precision.json")
    parser.add_argument("--backends", default="onnx,onnx-int8", help="comma-separated [onnx,onnx-int8]")
    parser.add_argument("--top-k", type=int, default=5)
    args = parser.parse_args()
    with scratch("precision") as work:
        result = run(args.backends.split(","), args.top_k, work)
    save(args.out, result, text=str({b: g["all"] for b, g in result["results"].items()}))


if __name__ == "__main__":
    main()
