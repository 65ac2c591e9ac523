"""Contact questions (找谁咨询, 联系人和电话, 服务专线, who do I contact): the quote is the contact line.

A notice says whom to ask in a line of its own, mostly at its end or under an annex ("联系人：梁思远，
电话：020-39057214"). That line shares few words with the question and is seldom in the passage that
retrieval or the picker ranks first, so when the question asks for a contact the lead document's
contact lines (a sentence holding a telephone number, not a fax line alone) are read, and the one
that, with its heading and the three lines before it, holds most of the question's terms (the
office or programme it names; a named contact person when the question asks whom) leads the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bot.answering.terms import term_share
from core.records import Chunk

# Mainland numbers with their area code (025-57713518, 0512-52357416), Taiwan's with the code in
# brackets ((02)2701-6385, (03)485-5368轉2306), Hong Kong's eight digits (2398 6410), mobiles and
# five-digit service lines (95198, 12366). Bounded repetitions: linear time on any text.
PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}\s?[-－—]\s?\d{7,8}|[(（]0\d{1,3}[)）]\s?\d{3,4}[-－]?\d{4}|1[3-9]\d{9}|"
                   r"[2-9]\d{3}\s?\d{4}|95\d{3}|12\d{3})(?!\d)")
_FAX_ONLY = re.compile(r"传真|傳真|fax", re.I)
_VOICE = re.compile(r"电话|電話|专线|專線|热线|熱線|咨询|諮詢|查询|查詢|联系|聯絡|聯繫|"
                    r"tel|phone|hotline|contact|enquir", re.I)
_ASKS_PERSON = re.compile(r"谁|联系人|who|contact person", re.I)
_PERSON = re.compile(r"联系人|聯絡人|联络人|contact person|contact:", re.I)
_EMAIL = re.compile(r"\w@\w|邮箱|郵箱|e-?mail", re.I)
BLOCK_LINES = 6
"""Lines of one contact block quoted together at most."""
CONTEXT_LINES = 3
PERSON_BONUS = 0.1
"""A line naming a contact person is preferred, by this much of the question's terms, when the
question asks whom to ask (找谁, 联系人, who)."""
MAX_PASSAGES = 300
"""Passages of one document read for its contact lines or its own number (a long document's are all within this)."""


def is_contact_line(sentence: str) -> bool:
    return bool(PHONE.search(sentence)) and not (_FAX_ONLY.search(sentence) and not _VOICE.search(sentence))


def contact_block(sentences: tuple[str, ...], line: int) -> tuple[int, int]:
    """``[start, end)`` of the contact block ``line`` stands in: the lines around it that each give
    a telephone or fax number, a contact person or an e-mail address ("联系方式" lists the office that
    handles applications, its contact and the system's support line; which one the asker needs,
    the question seldom says). At most ``BLOCK_LINES`` lines."""
    def contact(i: int) -> bool:
        return bool(PHONE.search(sentences[i]) or _PERSON.search(sentences[i]) or _EMAIL.search(sentences[i]))

    start, end = line, line + 1
    while start > 0 and end - start < BLOCK_LINES and contact(start - 1):
        start -= 1
    while end < len(sentences) and end - start < BLOCK_LINES and contact(end):
        end += 1
    return start, end


def passages_of(doc_id: str, chunk_at: Callable[[tuple[str, int]], Chunk | None]) -> Iterator[tuple[int, Chunk]]:
    """The passages of ``doc_id`` in order with their positions, at most ``MAX_PASSAGES``."""
    for position in range(MAX_PASSAGES):
        chunk = chunk_at((doc_id, position))
        if chunk is None:
            return
        yield position, chunk


def contact_line(question: str, doc_id: str, near: int, chunk_at: Callable[[tuple[str, int]], Chunk | None],
                 idf: Callable[[str], float]) -> tuple[Chunk, int] | None:
    """The passage of ``doc_id`` holding the contact line that answers ``question``, and the line's
    index in it; ties go to the line nearest passage ``near`` (the lead). None: no contact line."""
    best: tuple[tuple[float, int], Chunk, int] | None = None
    for position, chunk in passages_of(doc_id, chunk_at):
        for i, sentence in enumerate(chunk.sentences):
            if not is_contact_line(sentence):
                continue
            # The lines just before it name the office ("七、业务主管部门", the bureau, "联系人：…").
            before = "\n".join(chunk.sentences[max(0, i - CONTEXT_LINES):i])
            person = bool(_ASKS_PERSON.search(question)) and bool(_PERSON.search(f"{before}\n{sentence}"))
            share = term_share(question, f"{chunk.section}\n{before}\n{sentence}", idf)
            key = (share + PERSON_BONUS * person, -abs(position - near))
            if best is None or key > best[0]:
                best = (key, chunk, i)
    return (best[1], best[2]) if best is not None else None
