"""Example questions for the chat, per language, about the shipped corpus unless settings give others."""

from __future__ import annotations

from core.language import Lang
from core.settings import Settings

DEFAULT_EXAMPLES = [
    "Which bank gives market-procurement loans?",
    "How many national SME policies are in force?",
    "How many projects did Wenzhou's industrial chain chiefs sign?",
    "What are the 'three products' that quality improvement actions promote?",
    "How many textile and garment industrial clusters are there in China?",
]
# The same questions in Chinese (the shipped documents are in English: a multilingual model,
# POLICYBOT_MODEL=packaged:multilingual-e5-small, answers them across the languages).
DEFAULT_EXAMPLES_ZH = [
    "哪家银行提供市场采购贷款？",
    "国家出台了多少项支持中小企业发展的政策？",
    "温州的产业链链长签约了多少个项目？",
    "质量提升行动推广的“三品”是什么？",
    "中国有多少个纺织服装产业集群？",
]
DEFAULTS: dict[Lang, list[str]] = {"en": DEFAULT_EXAMPLES, "zh": DEFAULT_EXAMPLES_ZH}


def example_questions(settings: Settings, lang: Lang = "en") -> list[str]:
    """``settings.examples`` (English page) or ``settings.examples_zh`` (Chinese page), else the defaults."""
    configured = settings.examples if lang == "en" else settings.examples_zh
    return list(configured or DEFAULTS[lang])
