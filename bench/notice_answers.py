"""Answers on the Chinese policy-notice set: the right notice, the asked fact quoted, declines that hold.

Usage: python -m bench.notice_answers [--split report|fit|all] [--work DIR] [--squad FILE] [--cmrc DIR]
       [--seeds] [--out FILE]

The index holds every notice of bench/data/notices/ (every split: a user's collection holds them
all) and the five seed articles of corpus/, built as ``policybot index`` builds one, files as they
are (GB18030, Big5, HTML with its web chrome, DOCX). Each question of ``--split`` goes through
``PolicyBot.ask``, the path of ``/api/ask``. Per question kind (bench/notice_set.py):
- hit@1 / hit@3: citation 1 / one of citations 1-3 quotes a passage holding an expected phrase;
- gold in answer: the answer text itself holds an expected phrase (all of them: ``all in answer``);
- false abstain: an answerable question declined; declined: an unanswerable one declined;
- direct: the share of answers labelled ``direct``, and how often a direct answer holds the gold;
- gold indexed: the expected phrase is in some indexed passage of its notice at all (the ceiling
  of hit@k: cleaning may drop contact blocks, annex lists or a wrongly decoded file).
"Chinese questions" is every answerable Chinese question (``zh_direct`` and ``zh_over_en``).

``--squad FILE`` adds SQuAD 2.0 dev-a (every article indexed, the report articles 1, 3, 5, 7 asked;
0, 2, 4, 6 are the fit articles); ``--cmrc DIR`` adds CMRC 2018 (trial and dev indexed, dev asked: the
trial file is the fit part); ``--seeds`` adds the seeds' English and Chinese dev sets
(``/work/wt/shared/eval``-style files, ``--seed-questions``) over the seeds alone and over the mixed index.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import notice_set
from bench.common import CORPUS, ROOT, arg_parser, load_average, log, save, stamp
from bot.evaluation.questions import normalise
from bot.service import PolicyBot
from core.settings import Settings, get_settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder

SEED_QUESTIONS = (ROOT.parent / "shared" / "eval" / "dev_questions.jsonl",
                  ROOT.parent / "shared" / "eval" / "dev_questions_zh.jsonl")
SQUAD_REPORT = (1, 3, 5, 7)
GROUPS: dict[str, tuple[str, ...]] = {
    "Chinese questions": ("zh_direct", "zh_over_en"),
    "  Chinese over Chinese notices": ("zh_direct",),
    "  Chinese over English documents": ("zh_over_en",),
    "English questions over Chinese notices": ("en_over_zh",),
    "English questions over English documents": ("en_direct",),
    "near-domain, not answered by any notice": ("near_domain",),
    "off-topic": ("off_topic",),
}


VARIANTS = ("full", "no-slots", "no-calibration", "similarity-rules")
"""What ``--variant`` leaves out, to measure each part's gain: ``no-slots`` the slot checks (the
passage order by slots and the quote's check), ``no-calibration`` the per-pair calibration (the
language offsets in retrieval, the thresholds and the no-answer model: the picker still chooses the
quote, the earlier rules decide),
``similarity-rules`` the answer model altogether (``POLICYBOT_ANSWER_MODEL=false``)."""
_VARIANT = "full"


def settings_for(index: Path) -> Settings:
    update: dict[str, Any] = {"index": index, "analytics_db": None}
    if _VARIANT == "similarity-rules":
        update["answer_model"] = False
    return get_settings().model_copy(update=update)


def apply_variant(name: str) -> None:
    """Leave a part out of the answer path, in this process only (see ``VARIANTS``)."""
    global _VARIANT
    _VARIANT = name
    if name == "no-slots":
        from bot.answering import reader, respond, retrieve, slots

        def no_missing(found: slots.Slots, quote: str, context: str) -> slots.SlotCheck:
            return slots.SlotCheck([], slots.holds_kind(found, quote))

        reader.check = no_missing  # type: ignore[assignment]
        retrieve.passage_holds = lambda *args, **kwargs: True  # type: ignore[assignment]
        respond.passage_holds = lambda *args, **kwargs: True  # type: ignore[assignment]
    if name == "no-calibration":
        from bot import service

        service.shipped = lambda model: None  # type: ignore[assignment]


def build(sources: list[Path], index: Path) -> dict[str, Any]:
    """Copy the files into one corpus folder and index it as ``policybot index`` would; an index
    already at ``index`` (``--work``) is updated as ``policybot index`` updates one (unchanged
    files are not embedded again)."""
    with tempfile.TemporaryDirectory(prefix="policybot-notices-") as tmp:
        corpus = Path(tmp)
        for src in sources:
            shutil.copy2(src, corpus / src.name)
        settings = settings_for(index).model_copy(update={"corpus": corpus})
        report = build_index(corpus, index, settings,
                             lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
    return {"documents": report.documents, "chunks": report.chunks, "seconds": report.seconds,
            "embedded": report.embedded_chunks, "skipped": [s.file for s in report.skipped]}


def notice_files() -> list[Path]:
    return [n.path for n in notice_set.notices().values()]


def seed_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def ask(bot: PolicyBot, q: dict[str, Any]) -> dict[str, Any]:
    """One question as a user asks it, judged against its expected phrases."""
    started = time.perf_counter()
    answer = bot.ask(q["question"], 5)
    seconds = time.perf_counter() - started
    phrases = [normalise(p) for p in q.get("expect", [])]
    text = normalise(answer.answer)
    rank = next((c.n for c in answer.citations if any(p in normalise(c.text) for p in phrases)), None) \
        if phrases and not answer.abstained else None
    return {"id": q["id"], "kind": q.get("kind", ""), "answerable": bool(q["answerable"]),
            "abstained": answer.abstained, "rank": rank, "confidence": answer.confidence,
            "in_answer": bool(phrases) and not answer.abstained and any(p in text for p in phrases),
            "all_in_answer": bool(phrases) and not answer.abstained and all(p in text for p in phrases),
            "lead_doc": answer.citations[0].doc_id if answer.citations else None,
            "ms": round(seconds * 1000, 1), "question": q["question"], "answer": answer.answer[:400]}


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ans = [r for r in rows if r["answerable"]]
    un = [r for r in rows if not r["answerable"]]
    answered = [r for r in rows if not r["abstained"]]
    direct = [r for r in answered if r["confidence"] == "direct"]

    def share(items: list[Any], total: int) -> float | None:
        return round(len(items) / total, 3) if total else None

    return {
        "n": len(rows),
        "gold_indexed": share([r for r in ans if r.get("gold_indexed")], len(ans)),
        "hit_at_1": share([r for r in ans if r["rank"] == 1], len(ans)),
        "hit_at_3": share([r for r in ans if r["rank"] and r["rank"] <= 3], len(ans)),
        "gold_in_answer": share([r for r in ans if r["in_answer"]], len(ans)),
        "all_in_answer": share([r for r in ans if r["all_in_answer"]], len(ans)),
        "false_abstain": share([r for r in ans if r["abstained"]], len(ans)),
        "declined": share([r for r in un if r["abstained"]], len(un)),
        "direct": share(direct, len(answered)),
        "gold_when_direct": share([r for r in direct if r["in_answer"]], len([r for r in direct if r["answerable"]])),
        "direct_unanswerable": share([r for r in direct if not r["answerable"]], len(un)),
    }


COLUMNS = ("n", "gold_indexed", "hit_at_1", "hit_at_3", "gold_in_answer", "all_in_answer", "false_abstain", "declined",
           "direct", "gold_when_direct", "direct_unanswerable")


def table(groups: dict[str, dict[str, Any]]) -> str:
    def cell(v: Any) -> str:
        return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    lines = ["| group | " + " | ".join(c.replace("_", " ") for c in COLUMNS) + " |",
             "|---" * (len(COLUMNS) + 1) + "|"]
    lines += [f"| {name.strip()}{' (part)' if name.startswith(' ') else ''} | "
              + " | ".join(cell(g[c]) for c in COLUMNS) + " |" for name, g in groups.items()]
    return "\n".join(lines)


def notice_part(split: str, work: Path) -> dict[str, Any]:
    index = work / "notices-index"
    log(f"indexing the {len(notice_set.notices())} notices and the 5 seeds")
    built = build(notice_files() + seed_files(), index)
    bot = PolicyBot(settings_for(index))
    asked = [q for q in notice_set.questions() if split == "all" or q["split"] == split]
    log(f"asking {len(asked)} questions ({split})")
    texts: dict[str, list[str]] = {}
    for chunk in bot.index().data.chunks:
        texts.setdefault(chunk.doc_id, []).append(normalise(chunk.text))
    rows = [ask(bot, q) for q in asked]
    for q, row in zip(asked, rows, strict=True):  # the ceiling: the indexer kept the expected phrase
        row["gold_indexed"] = any(normalise(p) in t for p in q.get("expect", []) for t in texts.get(q.get("doc"), []))
    groups = {name: figures([r for r in rows if r["kind"] in kinds]) for name, kinds in GROUPS.items()}
    return {"index": str(index), "built": built, "split": split, "groups": groups,
            "median_ms": statistics.median(r["ms"] for r in rows) if rows else None, "questions": rows}


def squad_part(path: Path, work: Path, only: tuple[int, ...]) -> dict[str, Any]:
    """Every article indexed; the questions of the ``only`` articles asked."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    from bot.evaluation.squad import load_squad, measure, write_corpus

    loaded = load_squad(path)
    titles = [str(a.get("title") or "").replace("_", " ").strip() for a in data]
    keep = {titles[i] for i in only}
    corpus, index = work / f"{path.stem}-corpus", work / f"{path.stem}-index"
    if not corpus.exists():
        write_corpus([loaded], corpus)
    log(f"indexing {path.name}")
    built = build(sorted(corpus.iterdir()), index)
    bot = PolicyBot(settings_for(index))
    asked = [q for q in loaded.questions if q["key"] in keep]
    log(f"asking {len(asked)} questions of {path.name}")
    from bot.evaluation.questions import ask_all

    results = ask_all(bot, asked, 5)
    return {"file": str(path), "asked_articles": sorted(only), "built": built, **measure(results, 0)}


def cmrc_part(folder: Path, work: Path) -> dict[str, Any]:
    """Trial (fit) and dev (report) indexed together; the dev questions asked."""
    from bot.evaluation.questions import ask_all
    from bot.evaluation.squad import load_squad, measure, write_corpus

    trial, dev = load_squad(folder / "cmrc2018_trial.json"), load_squad(folder / "cmrc2018_dev.json")
    corpus, index = work / "cmrc-corpus", work / "cmrc-index"
    if not corpus.exists():
        write_corpus([trial, dev], corpus)
    log("indexing CMRC 2018 trial + dev")
    built = build(sorted(corpus.iterdir()), index)
    bot = PolicyBot(settings_for(index))
    log(f"asking {len(dev.questions)} CMRC dev questions")
    return {"asked": "cmrc2018_dev.json", "built": built, **measure(ask_all(bot, dev.questions, 5), 0)}


def seeds_part(files: tuple[Path, ...], mixed: Path | None, work: Path) -> dict[str, Any]:
    from bot.evaluation.questions import ask_all, load_questions, summarise

    seeds_index = work / "seeds-index"
    log("indexing the seeds alone")
    build(seed_files(), seeds_index)
    out: dict[str, Any] = {}
    for name, index in (("seeds", seeds_index), ("seeds + notices", mixed)):
        if index is None:
            continue
        bot = PolicyBot(settings_for(index))
        for f in files:
            r = summarise(ask_all(bot, load_questions(f), 5))
            out[f"{name}: {f.name}"] = {"hit_at_1": r.hit_at_1, "hit_at_3": r.hit_at_3,
                                        "false_abstentions": r.false_abstentions, "questions": r.questions,
                                        "unanswerable": r.unanswerable, "declined": r.abstention_recall}
    return out


def text_of(result: dict[str, Any]) -> str:
    n = result["notices"]
    lines = [f"notice set ({n['split']}, variant {result['variant']}), index {n['built']}, "
             f"median {n['median_ms']} ms/question",
             table(n["groups"])]
    if "squad" in result:
        s = result["squad"]
        lines.append(f"\nSQuAD 2.0 dev-a report articles {s['asked_articles']}: declined "
                     f"{s['unanswerable']['abstained']} at {s['answerable']['false_abstentions']} false "
                     f"abstentions; gold in answer {s['answerable']['gold_in_answer']}; hit@1 "
                     f"{s['answerable']['hit_at_1']}")
    if "cmrc" in result:
        c = result["cmrc"]["answerable"]
        lines.append(f"CMRC 2018 dev (report): hit@1 {c['hit_at_1']} hit@3 {c['hit_at_3']} gold in answer "
                     f"{c['gold_in_answer']} false abstentions {c['false_abstentions']}")
    for name, s in result.get("seeds", {}).items():
        lines.append(f"{name}: hit@1 {s['hit_at_1']} hit@3 {s['hit_at_3']} false abstentions "
                     f"{s['false_abstentions']} of {s['questions']}, unanswerable declined {s.get('declined')} "
                     f"of {s.get('unanswerable')}")
    return "\n".join(lines)


def main() -> None:
    p = arg_parser(__doc__, out="notice_answers.json")
    p.add_argument("--split", choices=("report", "fit", "all"), default="report")
    p.add_argument("--work", type=Path, help="keep the indexes here and reuse them on the next run "
                   "(rebuild after a change to indexing) [a temporary folder]")
    p.add_argument("--squad", type=Path, help="SQuAD 2.0 dev-a: ask its report articles")
    p.add_argument("--cmrc", type=Path, help="folder of cmrc2018_trial.json and cmrc2018_dev.json")
    p.add_argument("--seeds", action="store_true", help="the seeds' dev sets too")
    p.add_argument("--seed-questions", type=Path, nargs="*", default=list(SEED_QUESTIONS))
    p.add_argument("--variant", choices=VARIANTS, default="full", help="leave a part out (see VARIANTS)")
    args = p.parse_args()
    apply_variant(args.variant)
    result: dict[str, Any] = {**stamp(), "variant": args.variant, "load_average": load_average()}
    with tempfile.TemporaryDirectory(prefix="policybot-answers-") as tmp:
        work = args.work or Path(tmp)
        result["notices"] = notice_part(args.split, work)
        if args.seeds:
            result["seeds"] = seeds_part(tuple(args.seed_questions), Path(result["notices"]["index"]), work)
        if args.squad:
            result["squad"] = squad_part(args.squad, work, SQUAD_REPORT)
        if args.cmrc:
            result["cmrc"] = cmrc_part(args.cmrc, work)
    result["load_average_end"] = load_average()
    save(args.out, result, text_of(result))


if __name__ == "__main__":
    main()
