"""The years a question asks about and the years a text holds (2024, 2024年, 24年, 114年, ranges).

A question's year is a slot (bot/answering/slots.py): the quote, its heading path or its notice's
title, number and date must hold it. The numbers of other documents a notice cites
(依据《…》（深市监规〔2024〕9号）) date those documents, not the notice.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.language.lexical import simplified

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")
_ROC_YEAR = re.compile(r"(?<![0-9])(1[01]\d)\s*年")  # 民國 114年 = 2025
_RANGE = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年?\s*(?:[-—–~～至到]|to)\s*((?:19|20)\d{2})(?![0-9])")


def years_in(text: str) -> set[str]:
    found = set(_YEAR.findall(text)) | {str(int(y) + 1911) for y in _ROC_YEAR.findall(text)}
    for a, b in _RANGE.findall(text):
        if 0 < int(b) - int(a) <= 10:
            found |= {str(y) for y in range(int(a), int(b) + 1)}
    return found


# A member writes the year short: 24年, 25年度, 24年版 (2015-2035). Not a span of years: 满15年,
# 近20年, 第24年, 20年以上, 15年内.
_SHORT_YEAR = re.compile(r"(?<![\d满近超过连续第每共逾达已约])(1[5-9]|2\d|3[0-5])\s*年"
                         r"(?!\s*(?:以上|以下|以内|内|后|前|左右|来|多|间|半|期|代|龄|限))")


def question_years(question: str) -> set[str]:
    """The question's years, written whole or short (24年 -> 2024)."""
    return years_in(question) | {f"20{y}" for y in _SHORT_YEAR.findall(question)}


CITED = re.compile(r"[^\s《》（）()，,。；;]{1,12}[〔［\[]\s*(?:19|20)\d{2}\s*[〕］\]]\s*(?:第\s*)?\d+\s*号")


@lru_cache(maxsize=4096)
def context_years(context: str) -> frozenset[str]:
    """The years a quote's context holds: its own number's year counts (the first line of the
    context that is a document number), the numbers it cites in the document's opening do not."""
    lines = context.split("\n")
    own = next((line for line in lines if CITED.fullmatch(line.strip())), "")
    rest = "\n".join(line for line in lines if line is not own)
    return frozenset(years_in(own) | years_in(CITED.sub("", simplified(rest))))
