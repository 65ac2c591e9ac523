"""Follow-up questions: an elliptical question borrows the topic of the conversation.

"And how many suppliers joined?" alone retrieves nothing useful; with the previous question
in front of it, retrieval finds the same policy. Self-contained questions pass unchanged. The same
policy is also where the previous answer came from, so ``prefer_new`` lets the new question's own
words and answer type choose among the passages retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answering.answerable import support
from bot.answering.compose import Candidate
from core.errors import InvalidQuestion
from indexer.language.lexical import tokenize

MAX_TURNS = 10
MAX_TURN_CHARS = 4000

_OPENERS = re.compile(
    r"^\s*(?:(?:and|also|so|then|but|what about|how about|same for|what else|anything else)\b"
    r"|那|还有|另外|此外|它|他们)",
    re.IGNORECASE,
)
_REFERENCES = re.compile(
    r"\b(it|its|they|them|their|theirs|this|that|these|those|there|he|she|his|her|the same|"
    r"the former|the latter|the above)\b|它|他们|她|该|这个|那个|这些|那些|上述|其",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str = ""


def is_elliptical(question: str) -> bool:
    """Short, opening with a connective, or pointing back with a pronoun."""
    if _OPENERS.search(question) or _REFERENCES.search(question):
        return True
    return len(tokenize(question)) <= 2


def resolve(question: str, history: list[Turn]) -> str:
    """The retrieval query for ``question`` given earlier turns (oldest first)."""
    if len(history) > MAX_TURNS:
        raise InvalidQuestion(f"history holds at most {MAX_TURNS} turns")
    if any(len(t.question) + len(t.answer) > MAX_TURN_CHARS for t in history):
        raise InvalidQuestion(f"a history turn is longer than {MAX_TURN_CHARS} characters")
    topic = ""
    for turn in history:
        text = turn.question.strip()
        if text:
            topic = f"{topic} {text}".strip() if topic and is_elliptical(text) else text
    if topic and is_elliptical(question):
        return f"{topic} {question.strip()}"
    return question


def prefer_new(candidates: list[Candidate], question: str, history: list[Turn],
               idf: Callable[[str], float] = lambda _: 1.0) -> list[Candidate]:
    """For a follow-up, retrieved with the conversation's topic, the passage whose best sentences
    hold what the new question asks for and the most of its own words goes first ("and how many
    suppliers?" after the count of trading companies: the topic finds the last answer's passage,
    the new words the one with the new figure). Ties keep the retrieval order."""
    if not history or not candidates or not is_elliptical(question):
        return candidates

    def window(cand: Candidate) -> str:
        if not len(cand.sentence_scores):
            return cand.chunk.text
        top = int(cand.sentence_scores.argmax())
        return " ".join(cand.chunk.sentences[max(0, top - 1):top + 2])

    found = [support(question, window(c), idf) for c in candidates]
    best = max(range(len(found)), key=lambda i: (found[i].typed, found[i].coverage, -i))
    first = found[0]
    if best and found[best].typed and (not first.typed or found[best].coverage > first.coverage):
        return [candidates[best]] + candidates[:best] + candidates[best + 1:]
    return candidates
