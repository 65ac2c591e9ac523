"""Quality floor on the development questions, measured through `policybot eval`."""

from pathlib import Path

from bot.evaluation.questions import evaluate, load_questions

DEV = Path(__file__).resolve().parents[2] / "data" / "dev_questions.jsonl"


def test_dev_questions_meet_the_floor(real_bot):
    report = evaluate(real_bot, load_questions(DEV), top_k=5)
    assert report.answerable >= 10 and report.unanswerable >= 3
    # Every answerable question: expected phrase in one of the top 3 citations.
    assert report.hit_at_3 == 1.0, report.failures
    # Every unanswerable question abstains, and no answerable one does.
    assert report.abstention_recall == 1.0, report.failures
    assert report.false_abstentions == 0, report.failures


def test_eval_command_json(real_settings):
    import json

    from click.testing import CliRunner

    from app.cli import cli

    result = CliRunner().invoke(cli, ["eval", str(DEV), "--index", str(real_settings.index), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert {"hit_at_1", "hit_at_3", "mrr", "abstention_precision", "abstention_recall"} <= set(body)
