"""Readable text for the CLI's --plain output."""

from __future__ import annotations

import textwrap

from bot.answering.records import Answer
from indexer.build import BuildReport


def plain_answer(answer: Answer) -> str:
    lines = [textwrap.fill(answer.answer, 100), ""]
    for c in answer.citations:
        when = f", {c.date}" if c.date else ""
        number = f", {c.doc_number}" if c.doc_number else ""
        status = f" [{c.status.replace('_', ' ')}]" if c.status != "unknown" else ""
        lines.append(f"[{c.n}] {c.title}{number}{when} ({c.source}){status} ({c.confidence})")
        lines.append(textwrap.indent(textwrap.fill(c.text, 96), "    "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def plain_report(report: BuildReport) -> str:
    lines = [
        f"Index: {report.index}",
        f"Documents: {report.documents}  chunks: {report.chunks}  "
        f"embedded now: {report.embedded_chunks}  ({report.seconds:.1f}s)",
        f"Added: {len(report.added)}  updated: {len(report.updated)}  "
        f"removed: {len(report.removed)}  unchanged: {report.unchanged}",
    ]
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} file(s):")
        for s in report.skipped:
            kept = " (previous version kept)" if s.kept_previous else ""
            lines.append(f"  {s.file}: {s.reason}{kept}")
    return "\n".join(lines)
