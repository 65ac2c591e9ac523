"""A question asking a notice's number (文号, document number): the quote is the line that states it.

A notice's own number stands in a line of its own under the title ("湛商务〔2024〕132号") that shares
no word with the question, while its preamble cites other notices by title and number ("按照《…的
通知》（粤商务贸函〔2024〕131号）的要求") and repeats the question's words: the picker leads with the
preamble. The index knows each notice's number (``Chunk.doc_number``, indexer/notice/), so when the
question asks for one, the lead notice's sentence holding its own number leads the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answering.contact import passages_of
from core.records import Chunk


def squeeze(text: str) -> str:
    """``text`` without whitespace: a number or a name as extracted may carry spaces the line lacks."""
    return re.sub(r"\s+", "", text)


def number_line(doc_id: str, number: str | None, near: int,
                chunk_at: Callable[[tuple[str, int]], Chunk | None]) -> tuple[Chunk, int] | None:
    """The passage of ``doc_id`` holding the sentence that states ``number`` (the notice's own),
    and the sentence's index: the shortest such sentence (the line under the title rather than a
    later mention), ties to the passage nearest ``near``. None: no number, or no sentence states it."""
    if not number:
        return None
    wanted = squeeze(number)
    best: tuple[tuple[int, int], Chunk, int] | None = None
    for position, chunk in passages_of(doc_id, chunk_at):
        for i, sentence in enumerate(chunk.sentences):
            if wanted in squeeze(sentence):
                key = (len(sentence), abs(position - near))
                if best is None or key < best[0]:
                    best = (key, chunk, i)
    return (best[1], best[2]) if best is not None else None
