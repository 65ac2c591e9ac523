"""Which language a question (or a quoted passage) is written in: simplified Chinese or English.

The rule, the same in ``ui/static/widget.js`` (``textLanguage``): count the CJK ideographs and
the Latin words; two ideographs weigh as one word (a Chinese word is one to two characters long,
so "Ruifeng Bank 提供什么贷款？" is Chinese and "What does 纺织产业集群 mean?" English). The text
is Chinese when more than half of it is Chinese by that count, else English; ``default`` when it
holds neither ideographs nor Latin words (digits, punctuation, "？").
"""

from __future__ import annotations

import re
from typing import Literal, get_args

Lang = Literal["zh", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)

# CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extensions B-F (no punctuation:
# "？" and "，" also appear in English text typed on a Chinese keyboard).
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
CHARS_PER_WORD = 2


def chinese_share(text: str) -> float | None:
    """The Chinese share of ``text`` (0..1), or None when it holds neither ideographs nor words."""
    chinese = len(_IDEOGRAPH.findall(text)) / CHARS_PER_WORD
    latin = len(_LATIN_WORD.findall(text))
    return None if not chinese and not latin else chinese / (chinese + latin)


def text_language(text: str, default: Lang = "en") -> Lang:
    share = chinese_share(text or "")
    if share is None:
        return default
    return "zh" if share > 0.5 else "en"


def question_language(question: str, default: Lang = "en") -> Lang:
    """The language to answer ``question`` in (``default`` when the text does not tell)."""
    return text_language(question, default)


def as_language(value: object) -> Lang | None:
    """A language code from outside ("zh", "zh-CN", "zh_Hans", "EN-gb") as a Lang, else None."""
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None  # type: ignore[return-value]
