"""`policybot` command line: index, ask, eval, serve. JSON by default, --plain for people."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from app.render import plain_answer, plain_report
from bot.answering.filters import Filters
from bot.service import PolicyBot
from core.dates import parse_iso
from core.errors import EXIT_INPUT, EXIT_PARTIAL, IndexCorrupt, PolicybotError, outcome
from core.offline import stay_offline
from core.settings import Settings, get_settings


def _settings(corpus: Path | None = None, index: Path | None = None) -> Settings:
    update: dict[str, Any] = {}
    if corpus is not None:
        update["corpus"] = corpus
    if index is not None:
        update["index"] = index
    return get_settings().model_copy(update=update)


def _emit(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(exc: PolicybotError) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(outcome(exc)[1])


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def cli(verbose: bool) -> None:
    """Answer questions from the federation's policy documents, with citations."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.option("--corpus", type=click.Path(path_type=Path), help="Documents folder [corpus/].")
@click.option("--index", type=click.Path(path_type=Path), help="Index directory [.policybot/index].")
@click.option("--plain", is_flag=True, help="Readable text instead of JSON.")
def index(corpus: Path | None, index: Path | None, plain: bool) -> None:
    """Build or update the index; only new or changed documents are embedded."""
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    settings = _settings(corpus, index)
    try:
        report = build_index(settings.corpus, settings.index, settings,
                             lambda: get_encoder(EncoderSpec.of(settings, threads=settings.index_threads)))
    except PolicybotError as exc:
        _fail(exc)
    click.echo(plain_report(report) if plain else json.dumps(report.to_dict(), indent=2))
    sys.exit(0 if report.ok else EXIT_PARTIAL)


@cli.command()
@click.argument("question")
@click.option("--index", type=click.Path(path_type=Path), help="Index directory.")
@click.option("--top-k", type=click.IntRange(1, 20), default=5, show_default=True)
@click.option("--doc-id", "doc_ids", multiple=True, help="Only these documents (repeatable).")
@click.option("--date-from", help="Only documents dated on or after (YYYY-MM-DD).")
@click.option("--date-to", help="Only documents dated on or before (YYYY-MM-DD).")
@click.option("--as-of", help="The day document statuses are computed for (YYYY-MM-DD) [today].")
@click.option("--in-force-only", is_flag=True,
              help="Search only documents in force on --as-of; name the expired or replaced one otherwise.")
@click.option("--plain", is_flag=True, help="Readable text instead of JSON.")
def ask(question: str, index: Path | None, top_k: int, doc_ids: tuple[str, ...],
        date_from: str | None, date_to: str | None, as_of: str | None, in_force_only: bool,
        plain: bool) -> None:
    """Answer QUESTION from the indexed documents."""
    bot = PolicyBot(_settings(index=index))
    try:
        filters = Filters(tuple(doc_ids), parse_iso(date_from, "date_from"),
                          parse_iso(date_to, "date_to"), parse_iso(as_of, "as_of"), in_force_only)
        answer = bot.ask(question, top_k, filters)
    except PolicybotError as exc:
        _fail(exc)
    if plain:
        click.echo(plain_answer(answer))
    else:
        _emit(answer.to_dict())


@cli.command("eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--index", type=click.Path(path_type=Path), help="Index directory.")
@click.option("--top-k", type=click.IntRange(1, 20), default=5, show_default=True)
@click.option("--beir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Evaluate retrieval on a BEIR-format dataset folder instead.")
@click.option("--squad", "squad", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Evaluate answers on a SQuAD-format JSON file (SQuAD 2.0, CMRC 2018) through a "
              "temporary index of its articles instead (repeatable: one index for all).")
@click.option("--limit", type=click.IntRange(1), help="With --squad: ask at most N questions per "
              "file, spread evenly over it; the index still holds every article.")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of readable text.")
def eval_(questions: Path | None, index: Path | None, top_k: int, beir: Path | None,
          squad: tuple[Path, ...], limit: int | None, as_json: bool) -> None:
    """Measure hit@1, hit@3, MRR and abstention on QUESTIONS (JSON lines), on SQuAD-format
    files, or BEIR retrieval."""
    if squad:
        if questions is not None or beir is not None:
            raise click.UsageError("give one of QUESTIONS, --beir DIR or --squad FILE")
        from bot.evaluation.squad import evaluate_squad, plain_squad

        try:
            result = evaluate_squad(list(squad), _settings(), top_k, limit)
        except PolicybotError as exc:
            _fail(exc)
        click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else plain_squad(result))
        return
    if limit is not None:
        raise click.UsageError("--limit goes with --squad")
    if beir is not None:
        from bot.evaluation.beir import evaluate_beir, plain_beir

        result = evaluate_beir(beir, _settings())
        click.echo(json.dumps(result, indent=2) if as_json else plain_beir(result))
        return
    if questions is None:
        raise click.UsageError("give a QUESTIONS file, --beir DIR or --squad FILE")
    from bot.evaluation.questions import evaluate, load_questions, plain_eval

    bot = PolicyBot(_settings(index=index))
    try:
        report = evaluate(bot, load_questions(questions), top_k)
    except PolicybotError as exc:
        _fail(exc)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else plain_eval(report))


@cli.command()
@click.option("--index", type=click.Path(path_type=Path), help="Index directory.")
@click.option("--host", help="Address to listen on [127.0.0.1].")
@click.option("--port", type=click.IntRange(1, 65535), help="Port [8000].")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes sharing the index (memory-mapped); dead ones are replaced.")
def serve(index: Path | None, host: str | None, port: int | None, workers: int) -> None:
    """Serve the HTTP API and the chat UI."""
    import os

    import uvicorn

    from indexer.store.index_dir import current_version, load_index

    settings = _settings(index=index)
    if current_version(settings.index) is not None:
        try:  # a damaged index fails the start, naming the file; a missing one is reported live
            load_index(settings.index)
        except IndexCorrupt as exc:
            _fail(exc)
    # uvicorn would believe X-Forwarded-For from 127.0.0.1 (or FORWARDED_ALLOW_IPS): off; the app
    # reads it from POLICYBOT_TRUSTED_PROXIES only (api/forwarded.py).
    options = {"host": host or settings.host, "port": port or settings.port,
               "log_level": "info", "timeout_graceful_shutdown": 5,
               "timeout_keep_alive": settings.keep_alive_seconds, "proxy_headers": False}
    if workers == 1:
        from app.server import create_app

        uvicorn.run(create_app(settings), **options)
        return
    from app.serving import run_workers

    # Workers are separate processes: they read the same settings from the environment.
    os.environ["POLICYBOT_INDEX"] = str(settings.index)
    try:
        run_workers("app.server:create_app", workers, **options)
    except OSError as exc:  # the port is taken or the address is not ours
        click.echo(f"Error: cannot listen on {options['host']}:{options['port']}: {exc.strerror or exc}",
                   err=True)
        sys.exit(EXIT_INPUT)


def main() -> None:
    stay_offline()
    cli()


if __name__ == "__main__":
    main()
