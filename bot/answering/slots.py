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
- batches, editions and rounds: 第二批 against 第一批, 第三届 against 第二届, 第二期 against 首期;
- parties among closed sets of siblings (bot/answering/parties.py): 中型企业 against a quote naming
  only 小微企业, 国内展会 against 境外展会;
- the asked quantity: an amount (多少钱, how much) wants a sum of money or a share, a count
  (多少家, how many) a number with a counting word, a date (什么时候, when, deadline) a date,
  an area square metres, a contact a telephone number or a name, a notice's number (文号) a
  number in its issuer's form (苏商贸函〔2024〕187号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.answering.asked import HOLDS, asked_kind, counting_word
from bot.answering.implied import implied
from bot.answering.parties import question_parties, sibling_only
from bot.answering.years import CITED, context_years, question_years, years_in
from core.records import Chunk
from indexer.language.bilingual import chinese_place, english_place, load
from indexer.language.lexical import segment, simplified
from indexer.notice import divisions, pinyin_names
from indexer.notice.alternatives import numeral
from indexer.notice.places import canonical, chain, chinese, named_places

# A batch, an edition or a round: 第二批, 第三届 (进博会), 第二期 (资金池), 首届 = 第一届.
_BATCH = re.compile(r"(?:第([一二三四五六七八九十\d]{1,3})|(首))(批|届|期|轮)")
_LEVEL = re.compile(r"(?:国家|省|市|县|区)级")
_PLACE_END = re.compile(r"^[\u4e00-\u9fff]{2,5}(?:省|市|区|县|镇)$")
# Words ending like a place that name a kind of area, not a place: 经开区 (an economic development
# zone), 高新区, 自贸区, 市区, 辖区… The notice names the zone in full, so such a word is no slot.
_AREA_KINDS = frozenset({"经开", "高新", "开发", "保税", "自贸", "综保", "示范", "试验", "功能", "市区", "城区",
                         "辖区", "社区", "景区", "片区", "园区", "新区", "老城", "主城", "中心城", "各省", "各市",
                         "各区", "各县", "本市", "本区", "本县", "全市", "全省", "全区", "全县"})

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
    lower: bool = False
    """A lower bound is asked (最少, 至少, 门槛, at least): a figure stated only as a cap is another one."""
    parties: tuple[tuple[str, str, str], ...] = ()
    """(group, word, members) of each party or programme type the question names among closed sets
    of siblings (bot/answering/parties.py): 中型企业, 中长期出口信用保险, 北交所."""


@dataclass(frozen=True)
class SlotCheck:
    missing: list[str] = field(default_factory=list)
    """The question's years, places and batches the evidence does not hold."""
    typed: bool = True
    """The quote holds the kind of thing asked (True when the question asks for no kind)."""


def ordinals(text: str) -> set[str]:
    """The batches, editions and rounds ``text`` names, as number and word ("2批", "1届" for 首届), and
    the levels of government it ranks a title at (国家级, 省级: a 市级 green factory is not a 省级 one)."""
    return ({f"{_batch(n) if n else '1'}{word}" for n, _, word in _BATCH.findall(text)}
            | set(_LEVEL.findall(text)))


def _batch(value: str) -> str:
    """第二批 -> "2" (Chinese numerals read as an item's mark is: ``alternatives.numeral``); digits as written."""
    if value.isdigit():
        return value
    number = numeral(value)
    return value if number is None else str(number)


# A zone named after its place: the place's word with the zone's, not the county of that name
_ZONE_AFTER = re.compile(r" {1,3}(?:(?:Industrial|Development|Economic|High-?[Tt]ech|Hi-?[Tt]ech|Bonded|Free Trade)"
                         r"(?: (?:Development|Technology))? (?:Zone|Park|Area)|New Area|Industrial Cluster)\b")
_LEVEL_END = re.compile(r"(?:新区|市|区|县)$")
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


_LOCAL_GLOSS = re.compile(r"\b(?:prefecture-level|county-level|subprovincial) city\b|\b(?:county|district) (?:in|of)\b",
                          re.I)


def local_place(word: str) -> str | None:
    """The English name of a Chinese city, county or district by the dictionary's first sense (太原 ->
    Taiyuan; not 东京, 迪拜: a foreign city in a question is a fair's or a market's, not the notice's)."""
    names = load().names.get(word)
    return names.split()[0] if names and _LOCAL_GLOSS.search(load().glosses.get(word, "").split("/")[0]) else None


def question_places(question: str) -> tuple[tuple[str, ...], ...]:
    """The question's places, each as the forms any of which holds it (see ``Slots.places``)."""
    out: list[tuple[str, ...]] = []
    for place in sorted(places_of(question)):
        if place == "China":
            continue
        english = english_place(place) if re.search(r"[\u4e00-\u9fff]", place) else None
        out.append((place, english) if english else (place,))
    gazetteer = {f for forms in out for f in forms}
    # A Chinese city or county written bare (太原, 忻州, 泰安: no 市 after it) is the place asked about.
    for word in segment(question[:2000], search=False):
        english = local_place(word) if word not in gazetteer and not _PLACE_END.match(word) else None
        if english and english not in gazetteer and not named_places(word):
            out.append((word, english))
            gazetteer |= {word, english}
    for m in _EN_NAME.finditer(question[:2000]):
        name = m.group(1)
        if any(" " in g and question.startswith(g, m.start()) for g in gazetteer):
            continue  # "Hong" of "Hong Kong", a place already found whole
        words = chinese_place(name)
        if words and name not in gazetteer and m.start() > 0:
            if _ZONE_AFTER.match(question, m.end()):  # "Binhai Industrial Zone": 滨海工业区, not 滨海县
                words = (*words, *(_LEVEL_END.sub("", w) for w in words))
            out.append((name, *dict.fromkeys(words)))
            gazetteer |= {name, *words}
    out += _pinyin_divisions(question[:2000], gazetteer)
    return tuple(forms for forms in out if not any(other is not forms and _inside(other, forms) for other in out))


def _pinyin_divisions(question: str, known: set[str]) -> list[tuple[str, ...]]:
    """Counties and districts an English question names in pinyin that the dictionary lacks ("Wudi
    County, Shandong" is 无棣县, "Huadu District" 花都区), read from the divisions table as the finder
    reads them: one division only, or the one the other places named beside it leave."""
    out: list[tuple[str, ...]] = []
    for hit, code in pinyin_names.resolve(pinyin_names.scan(question)):
        name = divisions.by_code().get(code or "")
        written = question[hit.start:hit.end].split()[0]
        if not name or written in known or name in known or canonical(name) in known:
            continue
        key = divisions.key(code or "")  # 福州市鼓楼区 for a name four cities share: its place chain
        out.append(tuple(dict.fromkeys((key, name, pinyin_names.stem(name), written))))
        known |= {key, name, written}
    return out


def _inside(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    """A place the question names lies in another it names ("Taiyuan, Shanxi", "Pucheng county,
    Fujian"): the outer one only says where the inner is, and the inner one is the slot. Any reading
    of the inner name counts (浦城县 in Fujian, 蒲城县 in Shaanxi)."""
    for form in inner:
        place = canonical(form)
        if place and any(o in chain(place)[1:] for o in outer if o != "China"):
            return True
    return False


@lru_cache(maxsize=1024)
def question_slots(question: str) -> Slots:
    """The question's slots (immutable): read once per question, though retrieval, the reader and the
    answer step each ask for them."""
    plain = simplified(question)  # the asked kind in either script: 受理到什麼時候 asks a date
    asks = asked_kind(plain)
    marks = ordinals(question)
    if len(_LEVEL.findall(question)) > 1:  # 国家级和省级分别: levels compared, none is the slot
        marks = {m for m in marks if not m.endswith("级")}
    return Slots(tuple(sorted(question_years(question))), question_places(question),
                 tuple(sorted(marks)), asks,
                 counting_word(plain) if asks == "count" else None,
                 asks in ("amount", "count", "rate") and bool(_LOWER_ASKED.search(plain)), question_parties(plain))


_LOWER_ASKED = re.compile(r"最少|至少|最低|下限|起码|门槛|\bat (?:the )?least\b|\bminimum\b|\bno fewer than\b", re.I)
_LOWER_HELD = re.compile(r"不低于|不少于|以上|至少|最低|最少|下限|门槛|起步|起[，,。；]|(?<!不)超过|达到|满\d|"
                         r"\bat least\b|\bminimum\b|\bno (?:less|fewer) than\b|\bor more\b|\babove\b|"
                         r"\bover\b|\bexceed", re.I)


def holds_kind(slots: Slots, quote: str) -> bool:
    """The quote holds the kind of thing asked; a count asked with a counting word wants a number
    with that word (多少家企业: "8357家", not "20名")."""
    if slots.asks is None:
        return True
    quote = simplified(quote)  # 60個曆日內, 新臺幣500萬元, 服務專線
    if slots.lower and not _LOWER_HELD.search(quote):
        return False  # 最少推荐几个 asked, 不超过2个 stated: a cap, not the floor asked
    if slots.unit is not None:
        return bool(re.search(rf"[\d一二两三四五六七八九十百千万]\s*(?:余|多)?[{slots.unit}]", quote))
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


@lru_cache(maxsize=16384)
def _simplified(text: str) -> str:
    """A context's or a sentence's simplified form, cached: the same ones come back question after question."""
    return simplified(text)


@lru_cache(maxsize=16384)
def _read(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The years a simplified sentence states (another document's number cited aside) and its
    batches and levels, cached per sentence: the picker checks ~70 sentences a question."""
    return frozenset(years_in(CITED.sub("", text))), frozenset(ordinals(text))


def check(slots: Slots, quote: str, context: str, parties: bool = True) -> SlotCheck:
    """``quote``: the sentences quoted; ``context``: heading path, title, number, issuer, date.
    ``parties`` False: the parties named are not checked (the picker's feature, fitted without them)."""
    parties = parties and bool(slots.parties)
    if not (slots.years or slots.places or slots.batches or parties):  # nothing to look for
        return SlotCheck([], holds_kind(slots, quote))
    # 台灣 holds 台湾. The context is the same for every sentence of a passage: its simplified
    # form and its places are cached on it alone (neither a word nor a conversion spans the newline).
    quoted, around = _simplified(quote), _simplified(context)
    evidence = f"{quoted}\n{around}"
    # Another document's number cited in the text (依据《…》（深市监规〔2024〕9号）) dates that
    # document, not this one: a 2025年度 call citing 2024 rules is no 2024 call.
    quote_years, quote_marks = _read(quoted)
    held_years = quote_years | context_years(context) if slots.years else frozenset()
    missing = [y for y in slots.years if y not in held_years]
    held_places = (places_of(quoted) | places_of(around) | implied(quoted) | implied(around)
                   if slots.places else frozenset())
    missing += [forms[0] for forms in slots.places if not _place_held(forms, held_places, evidence)]
    batches = quote_marks | _read(around)[1]  # no batch or level spans the line between them
    missing += [b if b.endswith("级") else f"第{b[:-1]}{b[-1]}" for b in slots.batches if b not in batches]
    # 中型企业 asked, only 小微企业 named: another party's figure.
    missing += [word for group, word, members in slots.parties if parties and sibling_only(group, members, evidence)]
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
    """The passage, read with its context, holds every year, place, batch and party the question names."""
    if not (slots.years or slots.places or slots.batches or slots.parties):
        return True
    return not check(slots, chunk.text, context_of(chunk, head)).missing
