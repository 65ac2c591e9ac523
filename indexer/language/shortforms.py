"""Names a question writes short that a notice writes in full, and dictionary "names" that are none.

Members write a body's short name (工信部, 人社部, 商务部) where the notice it asks about gives the
full one (工业和信息化部办公厅, 人力资源社会保障部); the name check (bot/answering/abstain.py) took the
short name for something the passages lack and declined the question. A Chinese short name keeps
characters of the full one in their order, so a body's short name of three or more characters is
held by a passage whose run of Chinese characters holds them in order, first and last included,
within ``SPAN`` times its length (not before 门: 部门 is a department of any level). Only bodies
(the last character names the kind: 部, 局, 委, 厅…): a place's short form is read by the gazetteer
(indexer/notice/places.py), and two-character names match too much by chance.

CC-CEDICT capitalises a currency's pinyin for the country in its English gloss (美元 "US dollar",
港元 "Hong Kong dollar"): a currency is no name a question's answer must repeat ("用美元付的展位费
怎么折算" is answered by "以外币支付展位费的，按…汇率中间价折算").
"""

from __future__ import annotations

import re

BODY_ENDS = frozenset("部局委厅署办院会行司处所")
"""Last characters of a body's name: ministry, bureau, commission, department, office, bank…"""
SPAN = 4
"""The full name is at most this many times the short one's length (工信部: 工业和信息化部, 7 of 12)."""
_CURRENCY = re.compile(r"\b(?:dollars?|yen|yuan|euros?|pounds? sterling|francs?|rupees?|won|currency)\b", re.I)


def is_currency(gloss: str) -> bool:
    """The dictionary's gloss names a currency (its first sense)."""
    return bool(_CURRENCY.search(gloss.split("/", 1)[0]))


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def short_name_held(short: str, text: str) -> bool:
    """``text`` writes the body ``short`` names in full: from its first character to its last, all
    its characters in order inside one run of Chinese characters at most ``SPAN`` × its length long.
    One scan from each occurrence of the first character (bounded by the span): linear in ``text``."""
    if len(short) < 3 or short[-1] not in BODY_ENDS or not all(_han(c) for c in short):
        return False
    limit = SPAN * len(short)
    start = text.find(short[0])
    while start != -1:
        want, i = 1, start + 1
        while i < len(text) and i - start < limit and _han(text[i]) and want < len(short):
            if text[i] == short[want]:
                want += 1
            i += 1
        if want == len(short) and text[i:i + 1] != "门":  # 部门 is any level's department, not a 部
            return True
        start = text.find(short[0], start + 1)
    return False
