"""Example questions for the chat, about the shipped corpus unless settings give others."""

from __future__ import annotations

from core.settings import Settings

DEFAULT_EXAMPLES = [
    "Which bank gives market-procurement loans?",
    "How many national SME policies are in force?",
    "How many projects did Wenzhou's industrial chain chiefs sign?",
    "What are the 'three products' that quality improvement actions promote?",
    "How many textile and garment industrial clusters are there in China?",
]


def example_questions(settings: Settings) -> list[str]:
    return list(settings.examples or DEFAULT_EXAMPLES)
