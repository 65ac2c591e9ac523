"""Answer quality on SQuAD-format reading-comprehension files (SQuAD 2.0, CMRC 2018).

The articles become a temporary corpus folder, one ``.txt`` document per article title (front
matter naming the title, then its paragraphs separated by blank lines), indexed by ``build_index``
like any corpus; every question then goes through ``PolicyBot.ask``, the path of ``/api/ask``,
abstention included. Several files share the one index. Answerable questions are judged as
``bot.evaluation.questions`` judges them, with the gold answer strings as expected phrases; SQuAD 2.0's
impossible questions should be abstained on.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bot.evaluation.questions import QuestionResult, ask_all, normalise, summarise
from bot.service import PolicyBot, validate_question
from core.errors import InvalidQuestion
from core.settings import Settings
from indexer.build import build_index
from indexer.embed.base import Encoder
from indexer.embed.factory import EncoderSpec, get_encoder


@dataclass
class SquadFile:
    path: str
    documents: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    """Grouping key -> (title, paragraphs); one document each."""
    questions: list[dict[str, Any]] = field(default_factory=list)
    """In ``bot.evaluation.questions``'s form, plus the ``key`` of the article's document."""
    skipped: int = 0
    """Questions no user could send (empty once stripped, or too long)."""


def load_squad(path: Path) -> SquadFile:
    """Read a SQuAD-format file; InvalidQuestion when it is not one."""
    loaded = SquadFile(str(path))
    try:
        articles = json.loads(Path(path).read_text(encoding="utf-8"))["data"]
        for number, article in enumerate(articles):
            title = str(article.get("title") or "").replace("_", " ").strip()
            key = title or f"#{article.get('id', number)}"  # an untitled article stands alone
            paragraphs = loaded.documents.setdefault(key, (title, []))[1]
            for paragraph in article["paragraphs"]:
                paragraphs.append(str(paragraph["context"]))
                for qa in paragraph["qas"]:
                    _add_question(loaded, key, qa)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidQuestion(f"{path}: not a readable SQuAD-format file ({exc})") from exc
    if not loaded.questions:
        raise InvalidQuestion(f"{path}: no question to ask")
    return loaded


def _add_question(loaded: SquadFile, key: str, qa: dict[str, Any]) -> None:
    try:
        question = validate_question(qa["question"])
    except InvalidQuestion:
        loaded.skipped += 1
        return
    answerable = not qa.get("is_impossible", False)
    gold = list(dict.fromkeys(a["text"] for a in qa.get("answers") or [] if str(a["text"]).strip()))
    if answerable and not gold:
        raise ValueError(f"question {qa.get('id')!r} is answerable but has no answer text")
    loaded.questions.append({"id": str(qa.get("id", len(loaded.questions))), "question": question,
                             "answerable": answerable, "expect": gold, "key": key})


def spread(items: list[Any], limit: int | None) -> list[Any]:
    """At most ``limit`` items, evenly spaced over the list (every article gets its share)."""
    if not limit or limit >= len(items):
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def write_corpus(files: list[SquadFile], folder: Path) -> dict[tuple[int, str], str]:
    """One ``.txt`` per document; returns (file number, key) -> doc_id (the file stem)."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = {}
    for f, loaded in enumerate(files, 1):
        for n, (key, (title, paragraphs)) in enumerate(loaded.documents.items(), 1):
            ids[f, key] = doc_id = f"{f}_{n:05d}"
            head = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n" if title else ""
            body = "\n\n".join(p.strip() for p in paragraphs if p.strip())
            (folder / f"{doc_id}.txt").write_text(f"{head}{body}\n", encoding="utf-8")
    return ids


def evaluate_squad(paths: list[Path], settings: Settings, top_k: int = 5, limit: int | None = None,
                   encoder: Encoder | None = None) -> dict[str, Any]:
    """Index the files' articles in a temporary folder, ask their questions, measure.

    ``encoder`` replaces the settings' model for indexing and answering (tests)."""
    files = [load_squad(p) for p in paths]
    for loaded in files:
        loaded.questions = spread(loaded.questions, limit)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="policybot-squad-") as tmp:
        settings = settings.model_copy(update={"corpus": Path(tmp) / "corpus",
                                               "index": Path(tmp) / "index", "analytics_db": None})
        ids = write_corpus(files, settings.corpus)
        factory: Callable[[], Encoder] = (lambda: encoder) if encoder is not None else (
            lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
        built = build_index(settings.corpus, settings.index, settings, factory)
        bot = PolicyBot(settings)
        if encoder is not None:
            bot._encoders[settings.model] = encoder
        texts: dict[str, list[str]] = {}
        for chunk in bot.index().data.chunks:  # loads the index and the answering model
            texts.setdefault(chunk.doc_id, []).append(normalise(chunk.text))
        index_seconds = time.perf_counter() - started
        results: list[list[QuestionResult]] = []
        indexed: list[int] = []  # answerable questions whose gold a chunk of their document holds
        for f, loaded in enumerate(files, 1):
            indexed.append(sum(
                any(normalise(g) in c for g in q["expect"] for c in texts.get(ids[f, q["key"]], []))
                for q in loaded.questions if q["answerable"]))
            asked = tqdm(loaded.questions, desc=Path(loaded.path).name, unit="q", disable=None)
            results.append(ask_all(bot, asked, top_k))
    return {
        "files": [str(p) for p in paths],
        "model": settings.model,
        "top_k": top_k,
        "limit": limit,
        "documents": built.documents,
        "chunks": built.chunks,
        "skipped_documents": [s.file for s in built.skipped],
        "index_seconds": round(index_seconds, 1),
        "query_seconds": round(sum(r.seconds for rs in results for r in rs), 1),
        "overall": measure([r for rs in results for r in rs], sum(indexed)),
        "per_file": [
            {"file": loaded.path, "articles": len(loaded.documents),
             "skipped_questions": loaded.skipped, **measure(rs, n)}
            for loaded, rs, n in zip(files, results, indexed, strict=True)
        ],
    }


def measure(results: list[QuestionResult], indexed: int) -> dict[str, Any]:
    """The figures for a set of results. ``indexed``: how many answerable questions have their gold
    answer inside some indexed chunk of their article's document, the ceiling for hit@k."""
    report = summarise(results)
    n = report.answerable

    def share(count: int, total: int) -> float | None:
        return round(count / total, 4) if total else None

    return {
        "questions": len(results),
        "answerable": {
            "count": n,
            "hit_at_1": report.hit_at_1 if n else None,
            "hit_at_3": report.hit_at_3 if n else None,
            "mrr": report.mrr if n else None,
            "gold_in_answer": share(sum(r.in_answer for r in results), n),
            "false_abstentions": share(report.false_abstentions, n),
            "false_abstention_count": report.false_abstentions,
            "gold_indexed": share(indexed, n),
        },
        "unanswerable": {
            "count": report.unanswerable,
            "abstained": report.abstention_recall if report.unanswerable else None,
            "abstained_count": sum(r.abstained for r in results if not r.answerable),
        },
        "median_ms": round(report.median_seconds * 1000, 1),
    }


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _plain_figures(name: str, m: dict[str, Any]) -> list[str]:
    a, u = m["answerable"], m["unanswerable"]
    lines = [f"{name}: {m['questions']} questions ({a['count']} answerable, {u['count']} unanswerable), "
             f"median {m['median_ms']} ms per question"]
    if a["count"]:
        lines.append(f"  answerable:   hit@1 {_rate(a['hit_at_1'])}  hit@3 {_rate(a['hit_at_3'])}  "
                     f"MRR {_rate(a['mrr'])}  gold in answer {_rate(a['gold_in_answer'])}  "
                     f"false abstentions {_rate(a['false_abstentions'])} ({a['false_abstention_count']})"
                     f"  gold indexed {_rate(a['gold_indexed'])}")
    if u["count"]:
        lines.append(f"  unanswerable: abstained {_rate(u['abstained'])} "
                     f"({u['abstained_count']} of {u['count']})")
    return lines


def plain_squad(result: dict[str, Any]) -> str:
    limit = f", at most {result['limit']} questions per file" if result["limit"] else ""
    lines = [f"{result['documents']} documents ({result['chunks']} chunks) indexed in "
             f"{result['index_seconds']} s with {result['model']}; top-k {result['top_k']}{limit}"]
    if result["skipped_documents"]:
        lines.append(f"skipped documents: {', '.join(result['skipped_documents'])}")
    lines += _plain_figures("all", result["overall"])
    if len(result["per_file"]) > 1:
        for m in result["per_file"]:
            lines += _plain_figures(Path(m["file"]).name, m)
    skipped = sum(m["skipped_questions"] for m in result["per_file"])
    if skipped:
        lines.append(f"{skipped} questions skipped (empty or too long to ask)")
    return "\n".join(lines)
