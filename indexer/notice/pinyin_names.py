"""English (pinyin) names of China's divisions, derived from the Chinese table of
``indexer.notice.divisions`` with ``pypinyin`` (MIT): 泰兴市 is "Taixing", read in "Taixing City",
"Taixing County" and "the Huangqiao Economic Development Zone of Taixing".

Pinyin collides: a name several divisions share (苏州市, 宿州市 and 肃州区 are all "Suzhou"; 鼓楼区 is in
four cities) resolves only through a place named beside it (its city or province) or the issuer's
place, else it names none. A one-syllable name (歙县 "She", 和县 "He") or one that is also a common
English word or another well-known name (贵德县 "Guide", 裕安区 "Yuan") counts only with its level word
("She County"). Matching looks each capitalised word up in a dict built once: linear in the text, no
alternation of thousands of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from indexer.notice import divisions

MAX_TEXT = 4000
STOP = frozenset({
    "guide", "lean", "boxing", "mile", "dean", "saga", "jingle", "yuan", "longan", "qilin", "pingan", "anshun",
    "you", "long", "song", "fan", "pan", "gong", "dong", "rong", "ye", "yang", "lin", "li", "he", "she", "bin",
    "changan", "xinhua", "renmin", "heping", "minzhu", "hukou", "jingdong", "weixin", "hongqi", "dongfang",
    "shenzhou", "jiangnan", "huaxi", "taihu", "fenghuang", "duan"})
"""Names that are also common English words, or words, regions and brands an English notice writes
capitalised (Chang'an, Xinhua, Ping An, Jingdong, Weixin, Hongqi, hukou, Dongfang, Shenzhou International,
Jiangnan, Taihu Lake, the surname Duan): they name a place only with their level word ("Boxing County")."""

# 自治县/自治旗/自治州/自治区 names carry their peoples: 景宁畲族自治县 is Jingning, 广西壮族自治区 Guangxi
_PEOPLES = ("蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
            "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔",
            "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯",
            "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺")
_AUTONOMOUS = re.compile(r"自治(?:区|县|旗|州)$")
_PEOPLE_END = re.compile("(?:" + "|".join(sorted(_PEOPLES, key=len, reverse=True)) + ")族?$")
_SUFFIX = re.compile(r"(?:特别行政区|地区|林区|新区|矿区|省|市|区|县|旗|盟)$")
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|['’-](?=[A-Za-z])){0,30}")
_BELOW = {"town", "township", "village", "street", "subdistrict", "road", "avenue", "lane", "community"}
"""Words after a name that make it a place below the table ("Longhu Town" of Jinjiang is no 龙湖区)."""
_DOC_NUMBER = re.compile(r"\s?[\[〔［【(（]\s?\d{4}")  # "Cai Jian [2023] No. 117": a document number
_TITLES = {"mr", "ms", "mrs", "miss", "dr", "prof", "professor", "madam", "director", "secretary", "minister"}
# the commonest surnames, one syllable: "Zhang Yili" is a person, not 伊犁
_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han "
    "feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding ren shen yao cui zhong "
    "tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu hou yin xue yan duan lei long tao mao hao gu gong "
    "shao wan qian dai ou mo kong xiang chang".split())
# the English level word after a name, and the divisions' levels it may mean
_LEVELS = {"province": {"province"}, "municipality": {"province", "city"}, "city": {"city"},
           "district": {"district"}, "county": {"county"}, "banner": {"county"}, "prefecture": {"other", "city"}}


class Hit(NamedTuple):
    """A name found in a text: where it is, its dictionary key, the divisions it may mean."""
    start: int
    end: int
    key: str
    codes: tuple[str, ...]


def stem(name: str) -> str:
    """A division's name without its level and peoples: 泰兴市 -> 泰兴, 景宁畲族自治县 -> 景宁."""
    if _AUTONOMOUS.search(name):
        cut = _AUTONOMOUS.sub("", name)
        for _ in range(4):  # 双江拉祜族佤族布朗族傣族自治县: several peoples
            shorter = _PEOPLE_END.sub("", cut)
            if len(shorter) < 2 or shorter == cut:
                break
            cut = shorter
        return cut
    return _SUFFIX.sub("", name) or name


# names pypinyin reads with a polyphone's everyday sound (朝阳 as "zhaoyang"): their place-name reading
_READINGS = {"朝阳": ["chao", "yang"], "涡阳": ["guo", "yang"], "洪洞": ["hong", "tong"], "都匀": ["du", "yun"],
             "六合": ["lu", "he"], "单": ["shan"], "蚌山": ["beng", "shan"], "东阿": ["dong", "e"]}


def _read(name: str) -> list[str]:
    from pypinyin import lazy_pinyin

    own = stem(name)
    read = _READINGS.get(own) or lazy_pinyin(own)
    # 都 in a place's name is dū, the capital (于都 Yudu, 莲都 Liandu, 花都 Huadu), never the adverb dōu
    return ["du" if ch == "都" and r == "dou" else r for ch, r in zip(own, read, strict=False)] \
        if len(read) == len(own) else read


def _level(code: str) -> str:
    own = divisions.name(code)
    if code.endswith("0000"):
        return "province"
    return {"市": "city", "区": "district", "县": "county", "旗": "county"}.get(own[-1:], "other")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Pinyin key ("taixing") -> division codes, and the keys of one syllable; built once, lazily."""
    names: dict[str, list[str]] = {}
    syllables: dict[str, int] = {}
    for code, own in sorted(divisions.by_code().items()):
        read = _read(own)
        key = "".join(read).lower()
        if key.isascii() and key.isalpha():
            names.setdefault(key, []).append(code)
            syllables[key] = max(syllables.get(key, 0), len(read))
    return {k: tuple(v) for k, v in names.items()}, frozenset(k for k, n in syllables.items() if n == 1)


def english(code: str) -> str:
    """The English name of a division: "Taixing", "Xi'an" (an apostrophe before a, e, o)."""
    return spell(_read(divisions.name(code)))


def spell(read: list[str] | str) -> str:
    """Syllables (or a Chinese name, read with pypinyin) as one capitalised word: "Huangqiao"."""
    if isinstance(read, str):
        from pypinyin import lazy_pinyin

        read = lazy_pinyin(read)
    return "".join(s if i == 0 or s[:1] not in "aeo" else "'" + s for i, s in enumerate(read)).capitalize()


def collisions() -> dict[str, tuple[str, ...]]:
    """The pinyin names more than one division shares."""
    return {k: v for k, v in _table()[0].items() if len(v) > 1}


def _key(word: str) -> str:
    """"Xi'an", "Taixing's" -> "xian", "taixing"."""
    return word.lower().removesuffix("'s").removesuffix("’s").replace("'", "").replace("’", "").replace("-", "")


def scan(text: str) -> list[Hit]:
    """Every division name written as one capitalised word in ``text`` (with its level word when one
    follows: "Taixing City" keeps the cities named Taixing, when there are any), left to right. Not a
    person's name ("Zhang Yili", "Ms Ding") nor a document number's syllables ("Cai Jian [2023]")."""
    text = text[:MAX_TEXT]
    names, one_syllable = _table()
    words = list(_WORD.finditer(text))
    out: list[Hit] = []
    for i, word in enumerate(words):
        key = _key(word[0])
        if not word[0][0].isupper() or key not in names or _DOC_NUMBER.match(text, word.end()):
            continue
        if i and text[words[i - 1].end():word.start()] == " " and (
                _key(words[i - 1][0]) in _SURNAMES and words[i - 1][0][0].isupper()
                or words[i - 1][0].lower().rstrip(".") in _TITLES):
            continue
        codes, end, level = names[key], word.end(), None
        if i + 1 < len(words) and text[end:words[i + 1].start()] == " " and words[i + 1][0].lower() in _LEVELS:
            level = words[i + 1][0].lower()
            codes = tuple(c for c in codes if _level(c) in _LEVELS[level]) or codes
            end = words[i + 1].end()
        if level is None and i + 1 < len(words) and words[i + 1][0].lower() in _BELOW:
            continue
        if level is None and (key in STOP or key in one_syllable):
            continue
        out.append(Hit(word.start(), end, key, codes))
    return out


def codes_in(text: str) -> list[str]:
    """Every division code the names in ``text`` may mean (a context for other names)."""
    return [code for hit in scan(text) for code in hit.codes]


_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


def resolve(hits: list[Hit], context: Iterable[str] = ()) -> list[tuple[Hit, str | None]]:
    """Each hit with the one division it names: its only one, or the one whose city or province
    another hit or ``context`` (codes, e.g. the issuer's) names, or that holds a division they name,
    else the only prefecture-level city of the name (a bare "Zhongshan" is 中山市, as English writes
    it, not 中山区 of Dalian; not when a municipality's district shares it); None when none or several
    remain."""
    context = set(context)
    out: list[tuple[Hit, str | None]] = []
    for hit in hits:
        if len(hit.codes) == 1:
            out.append((hit, hit.codes[0]))
            continue
        around = context | {c for other in hits if other is not hit for c in other.codes}
        above = {up for c in around for up in divisions.ancestors(c)}  # "Jiangyan District of Taizhou": 泰州
        kept = [c for c in hit.codes if set(divisions.ancestors(c)) & around or c in above]
        if len(kept) != 1:  # "Zhongshan", "Qingyuan" alone: the one prefecture-level city of the name,
            # unless a district of Beijing, Tianjin, Shanghai or Chongqing shares it ("Chaoyang")
            cities = [c for c in (kept or hit.codes) if c.endswith("00") and not c.endswith("0000")]
            kept = cities if len(cities) == 1 and not any(c[:2] in _MUNICIPALITIES for c in hit.codes) else kept
        out.append((hit, kept[0] if len(kept) == 1 else None))
    return out


@lru_cache(maxsize=1024)
def place_codes(text: str) -> tuple[str, ...]:
    """Every division code the names in ``text`` may mean, Chinese (full names) and English: the
    context an issuer's name gives (福州市商务局, "Fuzhou Municipal Bureau of Commerce": 福州市)."""
    return tuple(divisions.context_codes(divisions.names(text)) + codes_in(text))
