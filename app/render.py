"""Readable text for the CLI's --plain output."""

from __future__ import annotations

import textwrap
from collections import Counter

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
    if report.notes:
        lines.append("Metadata not kept:")
        lines += [f"  {source}: {note}" for source, notes in report.notes.items() for note in notes]
    if report.removed_lines:
        rules = Counter(rule for removed in report.removed_lines.values() for rule, _ in removed)
        lines.append(f"Web page chrome removed from {len(report.removed_lines)} file(s): "
                     + ", ".join(f"{rule} {count}" for rule, count in rules.most_common())
                     + " (every line and its rule: the JSON report's removed_lines)")
    return "\n".join(lines)
