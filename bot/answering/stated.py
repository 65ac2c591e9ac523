"""A question asking who issued a notice, or whether and until when it is in force: the quote is the
line of the notice that states it.

Who issued a notice stands in its 落款 (or letterhead), a line that shares no word with the question,
while the body names other bodies ("商务部会同有关部门加强跟踪评估"): the picker leads with the body.
The index knows the issuer (``Chunk.issuer``, read from the 落款 by indexer/notice/record.py); the
落款 is indexed but not quotable by default (every citation shows the issuer, indexer/notice/sections.py),
so for this question the line is taken from the passage's text and quoted as written.

A notice's own period ("本通知自2024年9月1日起施行，有效期至2026年8月31日") is read the way the
indexer reads it (indexer/notice/validity_text.py); "证书自签发之日起一年内有效" is about something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.answering.contact import passages_of
from bot.answering.numbered import squeeze
from core.records import Chunk
from indexer.notice.validity_text import read_validity, repeal

_JOINED = 6
"""A joint 落款 may print one issuer a line: at most this many lines are read together."""



def issuer_line(doc_id: str, issuer: str | None,
                chunk_at: Callable[[tuple[str, int]], Chunk | None]) -> tuple[Chunk, int] | None:
    """The passage of ``doc_id`` whose line(s) state ``issuer``, with that line among its quotable
    sentences, and the line's index: the shortest such run of lines (the 落款 rather than the title
    or a sentence), ties to the last (the 落款 comes at the end). None: no issuer, or no line states it."""
    wanted = squeeze(issuer or "")
    if not wanted:
        return None
    best: tuple[tuple[int, int], Chunk, str] | None = None
    for position, chunk in passages_of(doc_id, chunk_at):
        lines = [line.strip() for line in chunk.text.split("\n") if line.strip()]
        for i in range(len(lines)):
            joined = ""
            for j in range(i, min(len(lines), i + _JOINED)):
                joined += squeeze(lines[j])
                if len(joined) > 4 * len(wanted) + 40:
                    break
                if wanted in joined:
                    key = (len(joined), -(position * 1000 + i))
                    if best is None or key < best[0]:
                        best = (key, chunk, " ".join(lines[i:j + 1]))
                    break
    if best is None:
        return None
    _, chunk, line = best
    for i, sentence in enumerate(chunk.sentences):
        if squeeze(sentence) == squeeze(line):
            return chunk, i
    return _with_line(chunk, line)


def _with_line(chunk: Chunk, line: str) -> tuple[Chunk, int]:
    """``chunk`` with ``line`` (a line of its text) among its sentences, in text order."""
    at = chunk.text.find(line.split(" ")[0])
    index = len(chunk.sentences)
    for i, sentence in enumerate(chunk.sentences):
        found = chunk.text.find(sentence)
        if found > at:
            index = i
            break
    sentences = chunk.sentences[:index] + (line,) + chunk.sentences[index:]
    return replace(chunk, sentences=sentences), index


def validity_line(doc_id: str, issue_date: str | None,
                  chunk_at: Callable[[tuple[str, int]], Chunk | None]) -> tuple[Chunk, int] | None:
    """The passage of ``doc_id`` holding the sentence that states the notice's own period or repeal,
    and its index: the last such sentence (the indexer keeps the last statement). None: the notice
    states no period of its own."""
    best: tuple[tuple[int, int], Chunk, int] | None = None
    for position, chunk in passages_of(doc_id, chunk_at):
        for i, sentence in enumerate(chunk.sentences):
            if repeal(sentence) or read_validity([sentence], issue_date) != (None, None):
                key = (position, i)
                if best is None or key > best[0]:
                    best = (key, chunk, i)
    return (best[1], best[2]) if best is not None else None


_REPEALS = re.compile(r"废止|失效|停止执行|不再执行|同时作废|代替|取代|"
                      r"\brepeal|\bsupersed|\breplac|\bno longer\b", re.I)


def repeal_line(doc_id: str, number: str | None, title: str,
                chunk_at: Callable[[tuple[str, int]], Chunk | None]) -> tuple[Chunk, int] | None:
    """The passage of ``doc_id`` (the notice that replaced another) holding the sentence that repeals
    the other one, named by its number or its title ("原《…》（黑政办规〔2022〕6号）同时废止"), and the
    sentence's index. None: no sentence of it names the other with a word of repeal."""
    names = [n for n in (squeeze(number or ""), squeeze(title)) if len(n) >= 4]
    if not names:
        return None
    for _, chunk in passages_of(doc_id, chunk_at):
        for i, sentence in enumerate(chunk.sentences):
            flat = squeeze(sentence)
            if _REPEALS.search(sentence) and any(n in flat for n in names):
                return chunk, i
    return None
