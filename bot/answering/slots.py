"""Slot checks: the question's year, place, batch and asked quantity against what the quote stands on.

A question the documents nearly answer changes one slot: another year (2023 when the notices are
2024 and 2025), another city (Jiangxi for Jiangsu), another batch, or an amount the notice does not
give. Similarity cannot see the difference. Here each slot of the question must be held by the
evidence of the quoted sentence: the sentence itself, its heading path (``Chunk.section``) and its
notice's title, number, issuer and date, in either language:
- years: 2024 / 2024年, Taiwan's 114年 (= 2025), ranges (2024—2026年 holds 2025);
- places: gazetteer names in Chinese and English (Jiangsu / 江苏) and the dictionary's proper
  nouns; a place inside the notice's place is held (a Keqiao question, a Shaoxing notice), a
  place containing it or beside it is not;
- batches: 第二批 against 第一批;
- the asked quantity: an amount (多少钱, how much) wants a sum of money or a share, a count
  (多少家, how many) a number with a counting word, a date (什么时候, when, deadline) a date,
  an area square metres, a contact a telephone number or a name, a notice's number (文号) a
  number in its issuer's form (苏商贸函〔2024〕187号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from core.records import Chunk
from indexer.language.bilingual import chinese_place, english_place
from indexer.language.lexical import segment, simplified
from indexer.notice.places import canonical, chain, chinese, named_places

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")
_ROC_YEAR = re.compile(r"(?<![0-9])(1[01]\d)\s*年")  # 民國 114年 = 2025
_RANGE = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年?\s*(?:[-—–~～至到]|to)\s*((?:19|20)\d{2})(?![0-9])")
_BATCH = re.compile(r"第([一二三四五六七八九十\d]{1,3})批")
_PLACE_END = re.compile(r"^[\u4e00-\u9fff]{2,5}(?:省|市|区|县|镇)$")
# Words ending like a place that name a kind of area, not a place: 经开区 (an economic development
# zone), 高新区, 自贸区, 市区, 辖区… The notice names the zone in full, so such a word is no slot.
_AREA_KINDS = frozenset({"经开", "高新", "开发", "保税", "自贸", "综保", "示范", "试验", "功能", "市区", "城区",
                         "辖区", "社区", "景区", "片区", "园区", "新区", "老城", "主城", "中心城", "各省", "各市",
                         "各区", "各县", "本市", "本区", "本县", "全市", "全省", "全区", "全县"})
_ZH_NUMERALS = "零一二三四五六七八九十"

_CLASSIFIERS = "家|个|名|项|人|户|批|次|条|种|所|位|款|台|件|类"
_EN_SPANS = r"\s+(?:(?:working|business|calendar|full)\s+)?(?:days|months|years|weeks)\b"
ASKS: list[tuple[str, re.Pattern[str]]] = [
    ("docno", re.compile(r"文号|发文字号|发文号|文件编号|document number|reference number|"
                         r"what is the number of (?:the|this) (?:notice|circular|document)", re.I)),
    ("contact", re.compile(r"找谁|联系谁|联系人|联系方式|电话|電話|专线|專線|热线|熱線|"
                           r"whom? (?:should|can|could|do|shall) (?:i|we) (?:contact|call|ask|phone)|"
                           r"contact|phone|telephone|hotline", re.I)),
    ("day", re.compile(r"哪天|哪一天|几月几[日号]|几号|截止日期|截止时间|截止到|日期是|哪几天|"
                       r"\bwhat date|\bwhich date|\bwhich day|\bdeadline|\bby what date", re.I)),
    ("date", re.compile(r"什么时候|何时|截止|截至日期|日期|期限|时间是|哪段时间|什么期间|起止时间|"
                        r"\bwhen\b|\bwhat (?:time )?period\b|\bwhich period\b|\bwhich dates\b|"
                        r"\b(?:start|end|expiry|expiration|closing|effective) dates?\b|"
                        r"\bdeadline|\bwhat date|\bwhich date|\bby what date|\bdue\b|"
                        r"\bclos(?:e|es|ing)\b", re.I)),
    ("area", re.compile(r"多少平方米|几平方米|面积(?:多大|上限|是多少)|最大申报面积|how many square met", re.I)),
    ("rate", re.compile(r"比例|费率|利率|百分之|多少%|几成|percentage|\brate\b|\bshare\b|how many percent", re.I)),
    # "how many months" asks a duration ("满12个月"), not any number ("附件：1."): read as one below.
    ("count", re.compile(rf"多少(?:{_CLASSIFIERS})|几(?:{_CLASSIFIERS})|\bhow many\b(?!{_EN_SPANS})|\bnumber of\b",
                         re.I)),
    ("amount", re.compile(r"多少钱|多少元|多少万|多少亿|多少美元|多少港元|金额|上限|最高|最多|额度|"
                          r"标准是多少|补贴多少|补助多少|奖励多少|资助多少|支持多少|多少补贴|"
                          r"\bhow much\b|\bwhat is the total\b|"
                          r"\bwhat (?:[\w-]+ ){0,2}(?:subsid(?:y|ies)|awards?|rewards?|refunds?|grants?|bonus)\b|"
                          r"\bcap\b|\bceiling\b|\bmaximum\b|\bamount\b|"
                          r"\bup to what\b|\blimit\b", re.I)),
    ("duration", re.compile(r"多少天|多久|几天|多长时间|多少个?工作日|how long|"
                            rf"how many{_EN_SPANS}", re.I)),
]
_MONEY = re.compile(r"(?<![\d,.])\d[\d,.]*\s*(?:(?:万|亿|千)\s*)?(?:元|美元|港元|块|人民币)|"
                    r"(?:HK\$|US\$|\$|RMB|¥|￥)\s*\d|"
                    r"(?<![\d,.])\d[\d,.]*\s*(?:(?:million|billion|thousand)\s*)?(?:yuan|dollars|usd|hkd|rmb)\b|"
                    r"(?<![\d.])[\d.]+\s*[%％]|"
                    r"百分之|(?<![一二三四五六七八九十百千两])[一二三四五六七八九十百千两]+(?:万|亿)?元", re.I)
_RATE = re.compile(r"(?<![\d.])[\d.]+\s*[%％]|百分之|(?<![\d.])[\d.]+\s*(?:倍|成)|"
                   r"\bpercent|\bbasis points?|\bBP\b|个基点", re.I)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DATE = re.compile(r"(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|"
                   r"\d{1,2}\s*月(?:底|初|中旬|下旬|上旬)|(?:19|20)\d{2}年|"
                   rf"\b{_MONTHS}\.?\s+\d{{1,2}}|\b\d{{1,2}}\s+{_MONTHS}|\b(?:19|20)\d{{2}}\b|"
                   r"工作日|个月内|日内|天内|之日起|当月|次月|每年|每月|年底|年初|长期有效", re.I)
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?:19|20|1[01])\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|"
                  rf"\b{_MONTHS}\.?\s+\d{{1,2}}|\b\d{{1,2}}\s+{_MONTHS}|"
                  r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+月[一二三四五六七八九十]+日|"
                  r"(?<!\d)\d+\s*个?(?:工作日|日|天)(?:内|前|以内)|within \d+ (?:working )?days", re.I)
_AREA = re.compile(r"平方米|㎡|m²|m2\b|square met", re.I)
_PHONE = re.compile(r"\d{3,4}[-－ ]?\d{7,8}|\b\d{5}\b|\d{3}-\d{4}-\d{4}|电话|联系人|contact|tel\b", re.I)
_COUNT = re.compile(rf"(?<![\d,])\d[\d,]*\s*(?:{_CLASSIFIERS}|余|多)|"
                    rf"(?<![一二两三四五六七八九十百千万])[一二两三四五六七八九十百千万]+(?:{_CLASSIFIERS})|"
                    r"(?<![\d,])\b\d[\d,]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                    r"dozens?|hundreds?)\b", re.I)
_UNITS = "(?:个)?(?:工作日|日|天|个月|月|年|周)"
_DURATION = re.compile(rf"(?<!\d)\d+\s*{_UNITS}|(?<![一二三四五六七八九十])[一二三四五六七八九十]+{_UNITS}|"
                       r"(?<!\d)\b\d+\s*(?:working )?(?:days?|months?|years?|weeks?)\b", re.I)
_DOCNO = re.compile(r"[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*(?:第\s*)?\d+\s*号|"
                    r"(?<![\d.])(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号|\bNo\.\s*\d+", re.I)
HOLDS = {"docno": _DOCNO,
         "contact": _PHONE, "day": _DAY, "date": _DATE, "area": _AREA, "rate": _RATE, "count": _COUNT, "amount": _MONEY,
         "duration": _DURATION}


@dataclass(frozen=True)
class Slots:
    years: tuple[str, ...] = ()
    places: tuple[tuple[str, ...], ...] = ()
    """Each place the question names, as the forms that hold it: a gazetteer place's canonical name
    (indexer.notice.places), else its Chinese words and English name from the dictionary."""
    batches: tuple[str, ...] = ()
    asks: str | None = None
    unit: str | None = None
    """The counting word a count question names (多少家企业 -> 家): the quote's number must carry it."""


@dataclass(frozen=True)
class SlotCheck:
    missing: list[str] = field(default_factory=list)
    """The question's years, places and batches the evidence does not hold."""
    typed: bool = True
    """The quote holds the kind of thing asked (True when the question asks for no kind)."""


def _batch(value: str) -> str:
    if value.isdigit():
        return value
    if value == "十":
        return "10"
    if value.startswith("十"):
        return str(10 + _ZH_NUMERALS.index(value[1]))
    if len(value) == 1:
        return str(_ZH_NUMERALS.index(value))
    tens = _ZH_NUMERALS.index(value[0]) * 10
    return str(tens + (_ZH_NUMERALS.index(value[2]) if len(value) > 2 else 0))


def years_in(text: str) -> set[str]:
    found = set(_YEAR.findall(text)) | {str(int(y) + 1911) for y in _ROC_YEAR.findall(text)}
    for a, b in _RANGE.findall(text):
        if 0 < int(b) - int(a) <= 10:
            found |= {str(y) for y in range(int(a), int(b) + 1)}
    return found


_EN_NAME = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?)(?:['’]s)?(?![A-Za-z])")


def places_of(text: str) -> frozenset[str]:
    """The places ``text`` names: gazetteer places by their canonical name (Jiangsu for 江苏 and
    Jiangsu), other places by their word without 省/市/区/县/镇 (黄埔区 -> 黄埔), as the segmenter
    keeps words whole. Cached: the same passages come back question after question."""
    return _places_of(text[:4000])


@lru_cache(maxsize=8192)
def _places_of(text: str) -> frozenset[str]:
    found = set(named_places(text))
    for word in segment(text, search=False):
        if _PLACE_END.match(word) and word[:-1] not in _AREA_KINDS and word not in _AREA_KINDS:
            stem = word[:-1]
            known = named_places(stem)
            found |= set(known) if known else {stem}
    return frozenset(found)


def question_places(question: str) -> tuple[tuple[str, ...], ...]:
    """The question's places, each as the forms any of which holds it (see ``Slots.places``)."""
    out: list[tuple[str, ...]] = []
    for place in sorted(places_of(question)):
        if place == "China":
            continue
        english = english_place(place) if re.search(r"[\u4e00-\u9fff]", place) else None
        out.append((place, english) if english else (place,))
    gazetteer = {f for forms in out for f in forms}
    for m in _EN_NAME.finditer(question[:2000]):
        name = m.group(1)
        words = chinese_place(name)
        if words and name not in gazetteer and m.start() > 0:
            out.append((name, *words))
    return tuple(forms for forms in out if not any(other is not forms and _inside(other, forms) for other in out))


def _inside(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    """A place the question names lies in another it names ("Taiyuan, Shanxi", "Pucheng county,
    Fujian"): the outer one only says where the inner is, and the inner one is the slot. Any reading
    of the inner name counts (浦城县 in Fujian, 蒲城县 in Shaanxi)."""
    for form in inner:
        place = canonical(form)
        if place and any(o in chain(place)[1:] for o in outer if o != "China"):
            return True
    return False


_UNIT = re.compile(rf"(?:多少|几)({_CLASSIFIERS})")


def asked_kind(question: str) -> str | None:
    """The kind of answer asked. An English question puts its question words first, so the kind
    matched earliest wins ("how much is awarded when … is listed" asks an amount, not a date);
    a Chinese one is read in ``ASKS`` order (每个省最多推荐几个 asks a count, not an amount)."""
    if re.search(r"[\u4e00-\u9fff]", question):
        return next((kind for kind, pattern in ASKS if pattern.search(question)), None)
    found = [(m.start(), i, kind) for i, (kind, pattern) in enumerate(ASKS) if (m := pattern.search(question))]
    return min(found)[2] if found else None


def question_slots(question: str) -> Slots:
    asks = asked_kind(question)
    unit = _UNIT.search(question) if asks == "count" else None
    return Slots(tuple(sorted(years_in(question))), question_places(question),
                 tuple(sorted(_batch(b) for b in _BATCH.findall(question))), asks, unit.group(1) if unit else None)


def holds_kind(slots: Slots, quote: str) -> bool:
    """The quote holds the kind of thing asked; a count asked with a counting word wants a number
    with that word (多少家企业: "8357家", not "20名")."""
    if slots.asks is None:
        return True
    if slots.unit is not None:
        return bool(re.search(rf"[\d一二两三四五六七八九十百千万]\s*(?:余|多)?{slots.unit}", quote))
    if slots.asks in ("date", "day") and slots.years:
        # The question's own year alone ("2025年度…名单") does not say when; "2025年12月31日" does.
        quote = _own_years(slots.years).sub("", quote)
    return bool(HOLDS[slots.asks].search(quote))


@lru_cache(maxsize=256)
def _own_years(years: tuple[str, ...]) -> re.Pattern[str]:
    """The question's years where no month or day follows them."""
    return re.compile(rf"(?<!\d)(?:{'|'.join(years)})(?:\s*年(?:度)?)?(?!\s*(?:\d|[./-]\s*\d))")


def _place_held(forms: tuple[str, ...], held: frozenset[str], text: str) -> bool:
    if any(f in held or f in text or chinese(f) in text for f in forms):
        return True
    # A question place inside a place the evidence names (Keqiao in Shaoxing) is held; "China" is
    # too wide to confirm any province.
    return any(outer in held for outer in chain(forms[0])[1:] if outer != "China")


@lru_cache(maxsize=4096)
def _simplified_context(context: str) -> str:
    return simplified(context)


def check(slots: Slots, quote: str, context: str) -> SlotCheck:
    """``quote``: the sentences quoted; ``context``: heading path, title, number, issuer, date."""
    if not (slots.years or slots.places or slots.batches):  # nothing to look for (the picker asks per sentence)
        return SlotCheck([], holds_kind(slots, quote))
    # 台灣 holds 台湾. The context is the same for every sentence of a passage: its simplified
    # form and its places are cached on it alone (neither a word nor a conversion spans the newline).
    quoted, around = simplified(quote), _simplified_context(context)
    evidence = f"{quoted}\n{around}"
    missing = [y for y in slots.years if y not in years_in(evidence)]
    held_places = places_of(quoted) | places_of(around) if slots.places else frozenset()
    missing += [forms[0] for forms in slots.places if not _place_held(forms, held_places, evidence)]
    batches = {_batch(b) for b in _BATCH.findall(evidence)}
    missing += [f"第{b}批" for b in slots.batches if b not in batches]
    return SlotCheck(missing, holds_kind(slots, quote))


HEAD_CHARS = 300
"""Characters of a document's opening (dateline, addressees, the year a notice is for) that count
as its context: metadata extraction does not catch every dateline ("Beijing, November 22, 2024")."""


def context_of(chunk: Chunk, head: str = "") -> str:
    """What a quote stands on besides its words: heading path, title, number, issuer, date, and the
    opening of its document (``head``)."""
    return "\n".join(x for x in (chunk.section, chunk.title, chunk.doc_number, chunk.issuer, chunk.date,
                                 head[:HEAD_CHARS]) if x)


def passage_holds(slots: Slots, chunk: Chunk, head: str = "") -> bool:
    """The passage, read with its context, holds every year, place and batch the question names."""
    if not (slots.years or slots.places or slots.batches):
        return True
    return not check(slots, chunk.text, context_of(chunk, head)).missing
