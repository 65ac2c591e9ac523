"""Place names for eligibility regions, in Chinese and English, with what contains what.

A notice says "registered in Keqiao District" or "在绍兴市柯桥区注册"; a member says "Shaoxing" or
"柯桥". Both are read to one canonical English name, and the small gazetteer below knows which
place lies inside which (Keqiao in Shaoxing in Zhejiang in China), so a Keqiao company meets a
Zhejiang condition and a Hangzhou company does not meet a Shaoxing one. A place the gazetteer
does not know is translated with CC-CEDICT's proper nouns (``indexer.language.bilingual``) and compared by
name only: containment is then unknown, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.notice import divisions

# canonical English name: (Chinese name, parent). Zhejiang's cities and the textile districts
# around them in detail, other provinces and the big textile cities elsewhere.
_GAZETTEER: dict[str, tuple[str, str | None]] = {
    "China": ("中国", None),
    **{p: (zh, "China") for p, zh in {
        "Zhejiang": "浙江", "Jiangsu": "江苏", "Shanghai": "上海", "Beijing": "北京", "Tianjin": "天津",
        "Chongqing": "重庆", "Guangdong": "广东", "Fujian": "福建", "Shandong": "山东", "Anhui": "安徽",
        "Jiangxi": "江西", "Henan": "河南", "Hubei": "湖北", "Hunan": "湖南", "Hebei": "河北", "Shanxi": "山西",
        "Shaanxi": "陕西", "Sichuan": "四川", "Guizhou": "贵州", "Yunnan": "云南", "Guangxi": "广西",
        "Hainan": "海南", "Liaoning": "辽宁", "Jilin": "吉林", "Heilongjiang": "黑龙江", "Gansu": "甘肃",
        "Qinghai": "青海", "Ningxia": "宁夏", "Xinjiang": "新疆", "Tibet": "西藏", "Inner Mongolia": "内蒙古",
        "Hong Kong": "香港", "Macau": "澳门", "Taiwan": "台湾"}.items()},
    **{c: (zh, "Zhejiang") for c, zh in {
        "Hangzhou": "杭州", "Ningbo": "宁波", "Wenzhou": "温州", "Jiaxing": "嘉兴", "Huzhou": "湖州",
        "Shaoxing": "绍兴", "Jinhua": "金华", "Quzhou": "衢州", "Zhoushan": "舟山", "Taizhou": "台州",
        "Lishui": "丽水"}.items()},
    **{d: (zh, "Shaoxing") for d, zh in {
        "Keqiao": "柯桥", "Yuecheng": "越城", "Shangyu": "上虞", "Zhuji": "诸暨", "Shengzhou": "嵊州",
        "Xinchang": "新昌"}.items()},
    "Xiaoshan": ("萧山", "Hangzhou"), "Yuhang": ("余杭", "Hangzhou"), "Tongxiang": ("桐乡", "Jiaxing"),
    "Haining": ("海宁", "Jiaxing"), "Yiwu": ("义乌", "Jinhua"), "Changxing": ("长兴", "Huzhou"),
    **{c: (zh, "Jiangsu") for c, zh in {
        "Suzhou": "苏州", "Wuxi": "无锡", "Nantong": "南通", "Changzhou": "常州", "Nanjing": "南京"}.items()},
    "Wujiang": ("吴江", "Suzhou"), "Shengze": ("盛泽", "Wujiang"), "Changshu": ("常熟", "Suzhou"),
    "Kunshan": ("昆山", "Suzhou"), "Zhangjiagang": ("张家港", "Suzhou"), "Taicang": ("太仓", "Suzhou"),
    "Jiangyin": ("江阴", "Wuxi"), "Yixing": ("宜兴", "Wuxi"), "Humen": ("虎门", "Dongguan"),
    **{c: (zh, "Guangdong") for c, zh in {
        "Guangzhou": "广州", "Shenzhen": "深圳", "Dongguan": "东莞", "Foshan": "佛山"}.items()},
    "Jinjiang": ("晋江", "Fujian"), "Qingdao": ("青岛", "Shandong"),
    # The county-level places of Zhejiang's and Jiangsu's textile cities, and more cities where the
    # trade is (names that are also common words, such as 路桥 or 临海, or shared by two places, are left out).
    **{d: (zh, "Ningbo") for d, zh in {
        "Cixi": "慈溪", "Yuyao": "余姚", "Yinzhou": "鄞州", "Beilun": "北仑", "Zhenhai": "镇海", "Haishu": "海曙",
        "Fenghua": "奉化", "Ninghai": "宁海", "Xiangshan": "象山"}.items()},
    **{d: (zh, "Hangzhou") for d, zh in {
        "Shangcheng": "上城", "Gongshu": "拱墅", "Fuyang": "富阳", "Lin'an": "临安", "Linping": "临平",
        "Tonglu": "桐庐", "Chun'an": "淳安", "Jiande": "建德"}.items()},
    **{d: (zh, "Jiaxing") for d, zh in {
        "Nanhu": "南湖", "Xiuzhou": "秀洲", "Jiashan": "嘉善", "Haiyan": "海盐", "Pinghu": "平湖"}.items()},
    **{d: (zh, "Huzhou") for d, zh in {
        "Wuxing": "吴兴", "Nanxun": "南浔", "Deqing": "德清", "Anji": "安吉"}.items()},
    **{d: (zh, "Wenzhou") for d, zh in {
        "Lucheng": "鹿城", "Longwan": "龙湾", "Ouhai": "瓯海", "Dongtou": "洞头", "Rui'an": "瑞安", "Yueqing": "乐清",
        "Cangnan": "苍南", "Pingyang": "平阳", "Yongjia": "永嘉"}.items()},
    **{d: (zh, "Jinhua") for d, zh in {
        "Wucheng": "婺城", "Jindong": "金东", "Lanxi": "兰溪", "Dongyang": "东阳", "Yongkang": "永康",
        "Pujiang": "浦江", "Wuyi": "武义", "Pan'an": "磐安"}.items()},
    **{d: (zh, "Taizhou") for d, zh in {
        "Jiaojiang": "椒江", "Huangyan": "黄岩", "Wenling": "温岭", "Yuhuan": "玉环", "Sanmen": "三门",
        "Tiantai": "天台", "Xianju": "仙居"}.items()},
    **{d: (zh, "Lishui") for d, zh in {"Songyang": "松阳", "Qingtian": "青田", "Jinyun": "缙云"}.items()},
    **{d: (zh, "Suzhou") for d, zh in {
        "Wuzhong": "吴中", "Xiangcheng": "相城", "Gusu": "姑苏", "Huqiu": "虎丘"}.items()},
    **{d: (zh, "Wuxi") for d, zh in {
        "Huishan": "惠山", "Xishan": "锡山", "Binhu": "滨湖", "Liangxi": "梁溪", "Xinwu": "新吴"}.items()},
    **{d: (zh, "Changzhou") for d, zh in {"Wujin": "武进", "Jintan": "金坛", "Liyang": "溧阳"}.items()},
    **{d: (zh, "Nantong") for d, zh in {
        "Haimen": "海门", "Qidong": "启东", "Rugao": "如皋", "Hai'an": "海安", "Rudong": "如东"}.items()},
    **{c: (zh, "Jiangsu") for c, zh in {
        "Yangzhou": "扬州", "Yancheng": "盐城", "Xuzhou": "徐州", "Huai'an": "淮安", "Lianyungang": "连云港",
        "Suqian": "宿迁", "Zhenjiang": "镇江"}.items()},
    **{c: (zh, "Guangdong") for c, zh in {
        "Shantou": "汕头", "Jiangmen": "江门", "Huizhou": "惠州", "Zhuhai": "珠海", "Jieyang": "揭阳",
        "Chaozhou": "潮州"}.items()},
    "Puning": ("普宁", "Jieyang"),
    **{c: (zh, "Fujian") for c, zh in {"Xiamen": "厦门", "Fuzhou": "福州", "Quanzhou": "泉州"}.items()},
    "Shishi": ("石狮", "Quanzhou"), "Changle": ("长乐", "Fuzhou"),
    **{c: (zh, "Shandong") for c, zh in {"Jinan": "济南", "Yantai": "烟台", "Weifang": "潍坊", "Zibo": "淄博"}.items()},
}
# Market clusters and towns whose name is where they are: a stall holder of 中国轻纺城 is in Keqiao.
_ALIASES_ZH = {"中国轻纺城": "Keqiao", "中国小商品城": "Yiwu", "中国东方丝绸市场": "Shengze", "东方丝绸市场": "Shengze",
               "织里": "Wuxing", "濮院": "Tongxiang", "许村": "Haining", "中大布匹市场": "Guangzhou"}
_ALIASES_EN = {"china textile city": "Keqiao", "china commodity city": "Yiwu"}
_BY_ZH = {zh: en for en, (zh, _) in _GAZETTEER.items()} | {"中华人民共和国": "China", "我国": "China",
                                                          "全国": "China"} | _ALIASES_ZH
_BY_EN = {en.lower(): en for en in _GAZETTEER} | _ALIASES_EN
_EN_SUFFIX = re.compile(r"(?<!\s)\s+(?:district|city|county|province|municipality|prefecture|town|new\s+area)$", re.I)
_ZH_SUFFIX = re.compile(r"(?:特别行政区|自治区|新区|省|市|区|县|镇|街道)$")
_EN_NAMES = re.compile("|".join(sorted((re.escape(n) for n in _BY_EN), key=len, reverse=True)), re.I)
_ZH_NAMES = re.compile("|".join(sorted(_BY_ZH, key=len, reverse=True)))
ZH_NAMES = _ZH_NAMES
"""The Chinese names the gazetteer knows, longest first."""
MAX_PLACE_CHARS = 100


def canonical(place: str) -> str | None:
    """The most specific place ``place`` names, as one English name ("绍兴市柯桥区" -> "Keqiao",
    "Keqiao District, Shaoxing" -> "Keqiao"); a name the gazetteer lacks is translated (CEDICT) or
    kept tidied; None for nothing."""
    text = " ".join(place[:MAX_PLACE_CHARS].split()).strip(" ,，、.;；")
    if not text:
        return None
    found = [_BY_ZH[m[0]] for m in _ZH_NAMES.finditer(text)] + [_BY_EN[m[0].lower()] for m in _EN_NAMES.finditer(text)
                                                                 if _word_bounded(text, m)]
    found += _table_places(text)
    if found:
        return max(found, key=lambda p: len(chain(p)))
    if re.search(r"[\u4e00-\u9fff]", text) and (code := divisions.resolve(text, [])):
        return _as_place(code)  # a short form the table gives: 泰兴
    if re.search(r"[\u4e00-\u9fff]", text):
        return _cedict(_ZH_SUFFIX.sub("", text) or text) or _cedict(text)  # not a known name: no place
    return _EN_SUFFIX.sub("", text).title() or None


def places_in(text: str) -> list[str]:
    """Every place a phrase names, most specific kept ("绍兴市柯桥区" -> Keqiao; "杭州或宁波" -> Hangzhou,
    Ningbo; "Keqiao District, Shaoxing" -> Keqiao). Chinese is not split on 和 (中华人民共和国)."""
    text = text[:MAX_PLACE_CHARS]
    if re.search(r"[\u4e00-\u9fff]", text):
        named = [_BY_ZH[m[0]] for m in _ZH_NAMES.finditer(text)] + _table_places(text) or \
            [p for p in (canonical(part) for part in re.split(r"、|或者|或|及", text)) if p]
    else:
        named = [p for p in (canonical(part) for part in re.split(r"\s*(?:,|\bor\b|\band\b)\s*", text)) if p]
    return [p for p in dict.fromkeys(named) if not any(q != p and p in chain(q) for q in named)]


_ZH_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?:自治县|县|区|市|镇|旗)")
_ZH_KNOWN_UNIT = re.compile("(?:" + _ZH_NAMES.pattern + ")(?:特别行政区|自治区|省|市|区|县)?")
_EN_OF = re.compile(r"(?<!\s)\s+of\s+", re.I)  # one start per run of spaces: linear


def region_places(text: str) -> tuple[list[str], dict[str, str]]:
    """``places_in``, and for a place the gazetteer lacks, the known place the phrase puts it in:
    "丽水市松阳县" and "Songyang County of Lishui City" -> ["Songyang"], {"Songyang": "Lishui"}; so a
    company in Shaoxing is known not to be in Songyang, and one in Lishui may or may not be."""
    text = text[:MAX_PLACE_CHARS]
    parents: dict[str, str] = {}
    if re.search(r"[\u4e00-\u9fff]", text):
        named: list[str] = []
        cursor, previous = 0, None
        context = divisions.context_codes(divisions.names(text))
        for m in _ZH_KNOWN_UNIT.finditer(text):
            named += _zh_unknown(text[cursor:m.start()], previous, parents, context)
            previous = _BY_ZH[_ZH_NAMES.match(m[0])[0]]  # type: ignore[index]
            named.append(previous)
            cursor = m.end()
        named += _zh_unknown(text[cursor:], previous, parents, context)
    else:
        named = []
        for alternative in re.split(r"\s*(?:\bor\b|\band\b|;)\s*", text):
            parts = [part for piece in alternative.split(",") for part in _EN_OF.split(piece) if part.strip()]
            places = [canonical(part) for part in parts]
            for i, place in enumerate(places):
                outer = next((q for q in places[i + 1:] if q and known(q)), None)
                if place and not known(place) and outer:
                    parents[place] = outer
                    named.append(place)
                    break
                if place:
                    named.append(place)
    named = list(dict.fromkeys(named))
    kept = [p for p in named if not any(q != p and p in chain(q) for q in named) and p not in parents.values()]
    return kept, {p: parents[p] for p in kept if p in parents}


def _zh_unknown(gap: str, previous: str | None, parents: dict[str, str], context: list[str]) -> list[str]:
    """Places in ``gap`` (between known names) that the divisions table names ("泰兴市"), else that
    CC-CEDICT names: "松阳县" after "丽水市"."""
    found = _resolved(divisions.names(gap), context)
    if found:
        return found
    for m in _ZH_UNIT.finditer(gap):
        name = _cedict(m["name"]) or _cedict(m[0])  # CC-CEDICT lists some districts with their suffix
        if name and not known(name):
            found.append(name)
            if previous and m.start() == 0:
                parents[name] = previous
    return found


def home(issuer: str | None, level: str) -> str | None:
    """The issuer's own place at ``level`` ("province", "city", "district", "any": the most
    specific), for "本市", "我区", "in the province"; None when the gazetteer cannot tell."""
    place = canonical(issuer) if issuer else None
    if not place or not known(place):
        return None
    below_country = list(reversed(chain(place)))[1:]  # province, city, district
    depth = {"province": 0, "city": 1, "district": 2}.get(level)
    own_city = issuer and (f"{chinese(place)}市" in issuer or place.endswith("市") and place in issuer)
    if depth is None or (level == "city" and own_city):
        return place  # "我市" of "石狮市…局" is Shishi, a county-level city, not Quanzhou around it
    if depth >= len(below_country) and issuer:  # "无锡市惠山区…局": a district the gazetteer lacks
        named, parents = region_places(issuer[:MAX_PLACE_CHARS])
        inner = next((p for p in named if parents.get(p) == place), None)
        return inner if inner and depth == len(below_country) else None
    return below_country[depth] if depth < len(below_country) else None


def home_parent(place: str, issuer: str | None) -> str | None:
    """The known place an issuer's own place outside the gazetteer lies in ("惠山" -> Wuxi)."""
    if not issuer or known(place):
        return None
    return region_places(issuer[:MAX_PLACE_CHARS])[1].get(place)


def _resolved(names: list[str], context: list[str]) -> list[str]:
    """``names`` that resolve to one division given ``context``, as places."""
    return [_as_place(code) for word in names if (code := divisions.resolve(word, context, False))]


def _table_places(text: str) -> list[str]:
    """Divisions ``text`` names in full that resolve to one place (a shared name only beside its city)."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    names = divisions.names(text)
    return _resolved(names, divisions.context_codes(names))


@lru_cache(maxsize=8192)
def _as_place(code: str) -> str:
    """A division as a place: the hand gazetteer's name when it lists it (江苏省 -> Jiangsu, 柯桥区 ->
    Keqiao), else its table key (泰兴市)."""
    own = divisions.name(code)
    tries = [_ZH_SUFFIX.sub("", own)] + ([own[:2], own[:3]] if code.endswith("0000") else [])
    return next((_BY_ZH[t] for t in tries if t in _BY_ZH and _GAZETTEER.get(_BY_ZH[t])), divisions.key(code))


def _up(place: str) -> str | None:
    """The parent of a place: the hand gazetteer's, else the divisions table's."""
    if place in _GAZETTEER:
        return _GAZETTEER[place][1]
    code = divisions.by_key().get(place)
    parent = divisions.parent_code(code) if code else None
    return _as_place(parent) if parent else ("China" if code else None)


def _word_bounded(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not before.isalpha() and not after.isalpha()


def _cedict(word: str) -> str | None:
    try:
        from indexer.language.bilingual import load
        names = load().names.get(word)
    except (OSError, ValueError):  # the dictionary file is missing or unreadable: keep the name
        return None
    return names.split()[0] if names else None


@lru_cache(maxsize=4096)
def chain(place: str) -> tuple[str, ...]:
    """The place and every place containing it, innermost first; just the place when unknown."""
    out = [place]
    while (parent := _up(out[-1])) and len(out) < 10:
        out.append(parent)
    return tuple(out)


def known(place: str) -> bool:
    return place in _GAZETTEER or place in divisions.by_key()


def chinese(place: str) -> str:
    """The Chinese name of a gazetteer place (for Chinese checklists), else the name itself."""
    return _GAZETTEER.get(place, (place, None))[0]


def within(inner: str, outer: str) -> bool | None:
    """Whether a company in ``inner`` is in ``outer``: True, False, or None when it cannot be told
    (``inner`` is wider than ``outer``, or a place the gazetteer lacks). A table division matches the
    English name CC-CEDICT gives it (庆元县 is "Qingyuan" in an English notice)."""
    if inner.lower() == outer.lower() or outer in chain(inner) or not known(outer) and any(
            p not in _GAZETTEER and _cedict(_ZH_SUFFIX.sub("", p[-4:]) or p) == outer for p in chain(inner)):
        return True
    if known(inner) and known(outer):
        return None if inner in chain(outer) else False
    return None


def gazetteer() -> dict[str, tuple[str, str | None]]:
    """The gazetteer (a copy): canonical English name -> (Chinese name, parent)."""
    return dict(_GAZETTEER)


def named_places(text: str, limit: int = 4000) -> list[str]:
    """The gazetteer places ``text`` names anywhere, in Chinese or English (English names whole
    words only: "Jiangsu", not "Jiangsuese"), canonical, in order of first mention."""
    text = text[:limit]
    found = [(m.start(), _BY_ZH[m[0]]) for m in _ZH_NAMES.finditer(text)]
    found += [(m.start(), _BY_EN[m[0].lower()]) for m in _EN_NAMES.finditer(text) if _word_bounded(text, m)]
    return list(dict.fromkeys(p for _, p in sorted(found)))
