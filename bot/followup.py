"""Follow-up questions: an elliptical question borrows the topic of the conversation.

"And how many suppliers joined?" alone retrieves nothing useful; with the previous question
in front of it, retrieval finds the same policy. Self-contained questions pass unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import InvalidQuestion
from indexer.lexical import tokenize

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
