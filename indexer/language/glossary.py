"""Names the documents translate themselves: 中国纺织工业联合会（CNTAC）, Shaoxing Customs（绍兴海关）.

A general dictionary translates words, not an organisation's own English name: CC-CEDICT renders
联合会 as "federation" where the federation's notices say "Council". Bilingual notices state the
pair once, a name followed by its translation in brackets; those pairs, gathered from the indexed
passages when an index is loaded, translate a question's names in both directions (a Chinese
question finds the English notice by its English name, an English question the Chinese notice).

Bounded: at most ``MAX_PAIRS_PER_TEXT`` pairs per passage and ``MAX_PAIRS`` per index; a Chinese
name is 2-24 characters, an English one 2-100 characters with at most 12 words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.language.lexical import tokenize

MAX_PAIRS_PER_TEXT = 50
MAX_PAIRS = 20_000
MIN_SUFFIX = 4  # a question holds a name when it holds its last 4+ characters ("纺织工业联合会")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_LATIN = r"A-Za-z0-9&.,'’\- "
MAX_BRACKETS_PER_TEXT = 2_000
# Found from each opening bracket: the Chinese or English name just before it, and the
# translation inside it, so no pattern is tried at every character of a passage.
_OPEN = re.compile(r"[（(]")
_ZH_BEFORE = re.compile(rf"([{_HAN}]{{2,40}})》?\s*$")  # 中文名（ and 《中文名》（
_EN_INSIDE = re.compile(rf"(?<=[（(])\s*([A-Za-z][{_LATIN}，；;]{{1,99}}?)\s*[）)]")
# English Name（: a run of capitalised words (with of/and/for/the… inside)
_WORD = r"[A-Z][A-Za-z0-9&.'’\-]*"
# English Name（: read word by word back from the bracket (``_english_name``); as one pattern
# searched from every word it took quadratic time.
_NAME_WORD = re.compile(_WORD)
_NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_ZH_INSIDE = re.compile(rf"(?<=[（(])\s*([{_HAN}]{{2,24}})\s*[）)]")
# Where a Chinese name starts: after punctuation or a word that joins clauses.
_ZH_START = re.compile(r"\A.*[，。、；：！？“”‘’《「」『』\s与及的在由是了把被]")
_LETTERS = re.compile(r"[A-Za-z]")
_BILINGUAL = re.compile(rf"[{_HAN}》]\s*[（(]\s*[A-Za-z]|[A-Za-z0-9.]\s*[（(]\s*[{_HAN}]")


def _english_name(before: str) -> str | None:
    """The capitalised words (with of/and/for/the… between them) that end ``before``."""
    words: list[str] = []
    for word in reversed(before.split()):
        if _NAME_WORD.fullmatch(word) or (words and word in _NAME_JOINERS):
            words.append(word)
            continue
        if tail := _word_tail(word):  # "后，Keqiao": the name starts inside the token
            words.append(tail)
        break
    while words and words[-1] in _NAME_JOINERS:
        words.pop()
    return " ".join(reversed(words)) or None


def _word_tail(token: str) -> str | None:
    """The capitalised word that ends ``token`` ("，Keqiao" -> "Keqiao"), else None."""
    i = len(token)
    while i > 0 and (token[i - 1] in "&.'’-" or (token[i - 1].isascii() and token[i - 1].isalnum())):
        i -= 1
    tail = token[i:]
    start = next((j for j, ch in enumerate(tail) if "A" <= ch <= "Z"), None)
    return tail[start:] if start is not None else None


def _chinese_name(run: str) -> str:
    """The name at the end of a run of Chinese text: what follows the last joining character."""
    cut = _ZH_START.match(run)
    name = run[cut.end():] if cut else run
    return name[-24:]


def pairs(text: str) -> list[tuple[str, str]]:
    """(Chinese name, English name) pairs the text states, in order, at most ``MAX_PAIRS_PER_TEXT``."""
    found: list[tuple[str, str]] = []
    if not _BILINGUAL.search(text):  # most passages: one cheap scan
        return found
    for n, bracket in enumerate(_OPEN.finditer(text)):
        if n >= MAX_BRACKETS_PER_TEXT or len(found) >= MAX_PAIRS_PER_TEXT:
            break
        at = bracket.start()
        before = text[max(0, at - 160):at]
        zh, inside = _ZH_BEFORE.search(before[-42:]), _EN_INSIDE.match(text, at + 1)
        if zh and inside:
            name = _chinese_name(zh.group(1))
            for en in re.split(r"[，,;；]", inside.group(1)):  # "Council, CNTAC": the name and its acronym
                en = en.strip(" .-")
                if len(name) >= 2 and len(_LETTERS.findall(en)) >= 2 and len(en.split()) <= 12:
                    found.append((name, en))
            continue
        en_before, zh_inside = _english_name(before), _ZH_INSIDE.match(text, at + 1)
        if en_before and zh_inside:
            en = en_before
            if len(_LETTERS.findall(en)) >= 2 and len(en.split()) <= 12:
                found.append((zh_inside.group(1), en))
    return found[:MAX_PAIRS_PER_TEXT]


@dataclass(frozen=True)
class Glossary:
    """Chinese name -> English names and back, with their BM25 terms."""

    english: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Chinese name -> BM25 terms of its English names."""
    chinese: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """English name, lower case -> BM25 terms of its Chinese names."""

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Glossary:
        english: dict[str, set[str]] = defaultdict(set)
        chinese: dict[str, set[str]] = defaultdict(set)
        count = 0
        for text in texts:
            for zh, en in pairs(text):
                english[zh].update(tokenize(en))
                chinese[en.lower()].update(tokenize(zh))
                count += 1
                if count >= MAX_PAIRS:
                    break
            if count >= MAX_PAIRS:
                break
        return cls({k: tuple(sorted(v)) for k, v in english.items() if v},
                   {k: tuple(sorted(v)) for k, v in chinese.items() if v})

    def __bool__(self) -> bool:
        return bool(self.english or self.chinese)

    def english_terms(self, question: str) -> dict[str, float]:
        """BM25 terms of the English names of the Chinese names the question holds, weight 1 each."""
        out: dict[str, float] = {}
        for zh, terms in self.english.items():
            if _holds_chinese(question, zh):
                out.update(dict.fromkeys(terms, 1.0))
        return out

    def chinese_terms(self, question: str) -> dict[str, float]:
        """BM25 terms of the Chinese names of the English names the question holds, weight 1 each."""
        lowered = question.lower()
        out: dict[str, float] = {}
        for en, terms in self.chinese.items():
            if en in lowered and re.search(rf"(?<![a-z0-9]){re.escape(en)}(?![a-z0-9])", lowered):
                out.update(dict.fromkeys(terms, 1.0))
        return out


def _holds_chinese(question: str, name: str) -> bool:
    """The question names it: the whole name, or its last ``MIN_SUFFIX``+ characters (绍兴海关 for
    浙江省绍兴海关), since a name's head is often a place or a qualifier the question leaves out; at least half
    the name, so a generic ending (有限公司, 实施方案) names nothing."""
    if name in question:
        return True
    shortest = max(MIN_SUFFIX, len(name) // 2 + 1)  # "有限公司" alone names no one company
    return len(name) > shortest and name[-shortest:] in question
