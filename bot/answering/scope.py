"""The scope a Chinese question asks its figure over: a year's total, a grand total, per ticket.

"一家单位全年最多能拿多少补贴" asks a yearly total; a notice that caps the booth fee per square metre
states a figure of the asked kind, but not over that scope, and the picker quotes it. "一共有多少家"
asks a total that a notice listing conditions never states. So a question naming a scope wants a
sentence of its lead notice that states the asked kind together with a word of that scope; where
none does, the notice does not give that figure (bot/answering/reader.py declines). Scopes:
- a year (全年, 一年, 每年, 年度): the sentence says 全年, 年度, 每年, 一年, 当年 or 累计;
- a total (一共, 总共, 总额, 总盘子, 合计, 全市, 全省, 全国): 合计, 总, 共, 累计, 全市, 全省, 全国;
- per ticket, per booth (每票, 每个展位): the same word (or 单票, 单个展位);
- a lower bound (最少, 至少, 最低): 不少于, 不低于, 至少, 以上, 最低, 达到.
Not kept: declining a question whose asked kind no sentence of the lead notice states at all (几成
of a notice giving sums per square metre): the asked kind is read from members' wording too loosely
(几个平方 was read as a count), and it cost answers (bench/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answering.slots import Slots, holds_kind

# (what the question says, what a sentence stating that scope says)
SCOPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"全年|一年(?!以上|以内|内|期|后|前)|每年|年度(?:总|合计|累计|最多|最高|上限)"),
     re.compile(r"全年|年度|每年|一年|当年|累计|年均")),
    (re.compile(r"一共|总共|总额|总盘子|总计|合计|全市|全省|全国(?:一共|共|总)"),
     re.compile(r"合计|总|共|累计|全市|全省|全国")),
    (re.compile(r"每票"), re.compile(r"每票|单票")),
    (re.compile(r"每个展位|一个展位"), re.compile(r"每个展位|单个展位|每个标准展位")),
    # A lower bound where a notice may give only an upper one (最少要推荐几个 against 不超过2个).
    (re.compile(r"最少|至少|最低|下限|起码"), re.compile(r"不少于|不低于|至少|以上|最低|起步|下限|达到")),
)


def chinese_only(question: str) -> bool:
    """A Chinese question (an English one's scopes and kinds are read by the picker)."""
    return bool(re.search(r"[\u4e00-\u9fff]", question)) and not re.search(r"[A-Za-z]{3}", question)


def asked_scopes(question: str) -> list[re.Pattern[str]]:
    """What a sentence must say for each scope the question names (none for an English question)."""
    if not chinese_only(question):
        return []
    return [held for asks, held in SCOPES if asks.search(question)]


def scope_missing(question: str, slots: Slots, sentences: Iterable[str]) -> bool:
    """The question asks a figure (an amount, a count, a rate) over a scope that no sentence of the
    lead notice states together with a figure of that kind."""
    if slots.asks not in ("amount", "count", "rate") or not chinese_only(question):
        return False
    wanted = asked_scopes(question)
    if not wanted:
        return False
    texts = list(sentences)
    return any(not any(held.search(s) and holds_kind(slots, s) for s in texts) for held in wanted)
