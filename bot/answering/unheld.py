"""What a Chinese question names that its lead notice never says: another programme, party or item.

A member's near-domain question often names a thing the nearest notice does not hold at all — a
prize grade (特等奖 where the rules reward 一、二、三等奖), a skill level (初级工 where the scale starts
at 中级工), a kind of hire (退役军人), a programme (绿色供应链 where green factories are recommended) —
and is answered from the nearest figure of the same kind. Years, places and batches are slots of their own
(bot/answering/slots.py); here the question's noun-like words (jieba's parts of speech: nouns,
proper and organisation nouns, set phrases, place and distinguishing words) are read against the
whole lead notice. A word the notice lacks weighs by how rare it is in the collection (its BM25
inverse document frequency over the index's passages): a word no passage holds names something
the documents do not cover, while a common one the notice happens not to use (补贴 where it says
补助) is a paraphrase. Question words and the asked kind's words (多少, 比例, 电话, 文号) are no item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from bot.answering.asked import ASKS
from indexer.language.lexical import simplified
from indexer.language.shortforms import short_name_held

RARITY = 0.8
"""An unheld word this rare (its IDF over the index's passages, as a share of the IDF of a word no
passage holds) declines the question: on an index of ~500 passages a word at most one passage
holds (0.84; two passages: 0.77). Chosen on the notice set's fit part (bench/README.md)."""
MIN_CHARS = 3
"""The shortest word read as an item: a two-character word is too often a member's own paraphrase
(展品 for the notice's 运输费, 报税) or a cut of a longer one (三板 of 新三板) to decline on: read, they
cost three of the notice set's fit answers and CMRC 2018 dev hit@1 fell (docs/answering.md §4)."""
GAP = 2
"""Characters allowed between two of a word's characters for a notice to hold it written out."""
_ABSENT = "\u0000"
"""A term no index holds: its IDF is the collection's highest."""
_HAN = re.compile(r"[\u4e00-\u9fff]")
# jieba's tags: n noun, nz proper noun, nt organisation, l set phrase, s place word (国内, 境外),
# b distinguishing word (国家级, 单项), vn verbal noun (直播).
_NOUNISH = frozenset({"n", "nz", "nt", "l", "s", "b", "vn"})
# Words a member asks with that name no item: question words, quantities, the speaker's own level
# of government (区里, 市里: "the district", whichever it is).
_NOT_ITEMS = frozenset(
    "时候 什么 哪些 哪个 哪里 可以 多少 多长 几个 一家 一个 一共 最多 最少 最高 最低 一年 今年 现在 每个 每人 "
    "每年 单独 区里 县里 市里 省里 县区 怎么办 算数 问题 情况 方面 具体 相关 有关 规定 要求 政策 "
    # the words of asking for a notice's own period (bot/answering/stated.py)
    "执行期 实施期 施行期 有效期 有效期限".split())


# Grammar, not items: a quantity phrase (同一个, 每一个) and a verb with its direction (退回来, 拿出去).
_GRAMMAR = re.compile(r"[一每这那]个$|[回出进上下过起][来去]$")


@lru_cache(maxsize=1)
def _tagger():  # noqa: ANN202 - jieba's own type
    import jieba.posseg  # jieba: the segmenter indexing already uses (indexer/language/lexical.py)

    return jieba.posseg


def _known(word: str) -> bool:
    """jieba's dictionary has the word: one its hidden Markov model made up from unknown characters
    ("园区要" cut as 园/区要) is a cut, not a word the member wrote."""
    return bool(_tagger().dt.tokenizer.FREQ.get(word))


def abbreviated(word: str, text: str, gap: int) -> bool:
    """``text`` writes ``word`` spread out: its characters in order, at most ``gap`` Chinese
    characters between each two (报税 in 申报纳税). From each occurrence of the first character, each
    next one is looked for in the ``gap`` + 1 characters after the last: linear in ``text``."""
    start = text.find(word[:1]) if word else -1
    while start != -1:
        pos = start
        for char in word[1:]:
            window = text[pos + 1:pos + 2 + gap]
            k = window.find(char)
            if k < 0 or not all(_HAN.match(c) for c in window[:k]):
                break
            pos += 1 + k
        else:
            return True
        start = text.find(word[0], start + 1)
    return False


@lru_cache(maxsize=2048)
def item_words(question: str) -> tuple[tuple[str, str, str], ...]:
    """The question's noun-like words that could name an item (two characters or more, not a
    question word, not a word of the asked kind: 多少钱, 比例, 电话; no digits), each with the
    characters just before and after it (jieba cuts a member's short name: 中信/保)."""
    if not _HAN.search(question):
        return ()
    out: dict[str, tuple[str, str, str]] = {}
    cut = [(p.word, p.flag) for p in _tagger().cut(simplified(question[:300]), HMM=False)]
    for i, (word, flag) in enumerate(cut):
        before = cut[i - 1][0] if i else ""
        after = cut[i + 1][0] if i + 1 < len(cut) else ""
        # A word after 多 or 几 belongs to the question's words (多大面积: how large an area).
        if (len(word) >= MIN_CHARS and flag in _NOUNISH and word not in _NOT_ITEMS and _HAN.search(word)
                and not re.search(r"\d|[哪几谁啥]|什么|多少", word) and not _GRAMMAR.search(word)
                and not any(p.search(word) for _, p in ASKS)
                and not before.endswith(("多", "几")) and _known(word)):
            out.setdefault(word, (word, before[-1:], after[:1]))
    return tuple(out.values())


def _held(word: str, before: str, after: str, text: str) -> bool:
    """The notice holds the word as written, as a body's short name, spread out, or with the
    character jieba cut off it spread out (中信保 in 中国出口信用保险)."""
    if word in text or short_name_held(word, text) or abbreviated(word, text, GAP):
        return True
    joined = ((before, before + word), (after, word + after))
    return any(_HAN.match(c) and abbreviated(w, text, GAP + 1) for c, w in joined)


def _composed(word: str, text: str) -> bool:
    """The notice holds every part of the word (jieba's words of two characters or more inside it):
    a member's compound of the notice's own words (服装厂 over 服装 projects, 本地人 over 本地劳动力,
    时间段 over 时间) paraphrases; an item the notice never names has a part it never says (初级工:
    初级, 退役军人: 退役, 特等奖: 特等)."""
    parts = [p for p in _tagger().dt.tokenizer.cut_for_search(word, HMM=False) if p != word and len(p) >= 2]
    return bool(parts) and all(p in _NOT_ITEMS or _held(p, "", "", text) for p in parts)


def unheld(question: str, notice: Iterable[str], idf: Callable[[str], float]) -> list[tuple[str, float]]:
    """The question's item words that no passage of its lead notice (``notice``: its passages, title
    included) holds, each with its rarity in the collection: its IDF over the index's passages as a
    share of the IDF of a word no passage holds (1.0)."""
    words = item_words(question)
    if not words:
        return []
    text = simplified("\n".join(notice))
    if not _HAN.search(text[:3000]):
        return []  # an English document: its words are not Chinese ones (retrieval reads across)
    top = idf(_ABSENT) or 1.0
    return [(w, round(min(1.0, idf(w) / top), 4)) for w, before, after in words
            if not _held(w, before, after, text) and not _composed(w, text)]


def rarest(found: list[tuple[str, float]]) -> float:
    """The rarity of the rarest unheld word; 0 when the notice holds every item word."""
    return max((r for _, r in found), default=0.0)
