"""Answer quality on the Chinese notice development set (bench/data/notices), by question type.

Indexes the notices of bench/data/notices/ (every format and encoding, as files in a corpus folder) with the real model,
asks every question of the set as a user would (``PolicyBot.ask``, top 5 citations) and reports, over
all questions and per question type (contact, annex, amount, date, …) and kind: hit@1 and hit@3 (a
citation holds an expected phrase), the share whose answer text itself holds one, and abstentions.
Run it on two revisions of the code to compare cleaning and chunking: the set and the questions are
the same, only the index differs.

    python -m bench.notice_eval [--index DIR] [--out FILE]
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import notice_set
from bench.common import arg_parser, load_average, log, save, scratch, stamp


def build(index: Path, corpus: Path) -> dict[str, Any]:
    """Index the notices at ``index`` (reused when it exists) and return the build report."""
    from core.settings import Settings
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    for notice in notice_set.notices().values():
        shutil.copy(notice.path, corpus / notice.path.name)
    settings = Settings(corpus=corpus, index=index)
    report = build_index(corpus, index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    return {"documents": report.documents, "chunks": report.chunks, "skipped": [s.file for s in report.skipped],
            "seconds": report.seconds}


def _share(results: list[Any], test: Any) -> float:
    return round(sum(1 for r in results if test(r)) / len(results), 3) if results else 0.0


def summary(results: list[Any]) -> dict[str, Any]:
    answerable = [r for r in results if r.answerable]
    other = [r for r in results if not r.answerable]
    return {"questions": len(results), "answerable": len(answerable),
            "hit_at_1": _share(answerable, lambda r: r.rank == 1),
            "hit_at_3": _share(answerable, lambda r: r.rank is not None and r.rank <= 3),
            "hit_at_5": _share(answerable, lambda r: r.rank is not None),
            "in_answer": _share(answerable, lambda r: r.in_answer),
            "false_abstentions": _share(answerable, lambda r: r.abstained),
            "unanswerable_abstained": _share(other, lambda r: r.abstained)}


def main() -> None:
    parser = arg_parser(__doc__, "notice_eval.json")
    parser.add_argument("--index", type=Path, help="Index directory (built there if absent; default: temporary)")
    args = parser.parse_args()
    from bot.evaluation.questions import ask_all
    from bot.service import PolicyBot
    from core.settings import Settings

    head = {**stamp(), "load_average_start": load_average()}
    with scratch("notice_eval") as work:
        index = args.index or work / "index"
        corpus = work / "corpus"
        corpus.mkdir()
        log("indexing the notice set")
        built = build(index, corpus)
        log(f"built: {built}")
        questions = [dict(q) for q in notice_set.questions()]
        results = ask_all(PolicyBot(Settings(corpus=corpus, index=index)), questions)
    by_id = {q["id"]: q for q in questions}
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in results:
        q = by_id[r.id]
        groups[f"type:{q.get('type') or 'none'}"].append(r)
        groups[f"kind:{q['kind']}"].append(r)
        groups[f"split:{q['split']}"].append(r)
    result = {**head, "load_average_end": load_average(), "index": built, "all": summary(results),
              "groups": {k: summary(v) for k, v in sorted(groups.items())},
              "misses": [{"id": r.id, "question": r.question, "rank": r.rank, "abstained": r.abstained}
                         for r in results if r.answerable and (r.rank is None or r.rank > 3)]}
    save(args.out, result)


if __name__ == "__main__":
    main()
