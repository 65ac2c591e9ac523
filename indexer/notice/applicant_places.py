"""Where an applicant must be, read from the places a condition names, whatever the wording.

The registration phrasings of ``indexer.notice.regions`` miss new ones ("营业执照登记住所在…",
"whose place of tax payment is …", "based and trading in …"). A unit already known to state a
condition (a list item, an eligibility sentence) that names a place speaks of the applicant's
place, unless the place is another's: the exhibition's or fair's (参加在上海举办的展会, "fairs held in
Germany"), a market sold to (出口到…, "exports to …"), or a body or an award that carries a place in
its name (浙江省名牌, 绍兴市商务局, "listed by the Jiangsu Department of Commerce"). A place is a name
the gazetteer knows, or one written with its level (X省, X市, X区, X县, X镇, X街道, "X City",
"X District", "X County", "X Town"), which keeps the known place beside it as ``within``. A step of how to
apply whose first clause is the firm's place ("（一）申请。企业登记注册地在本街道的，向街道社会事务办公室提出申请。",
"Firms registered in the district apply to the district commerce bureau") asks that place (``step_places``).
Every pattern is bounded.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice import pinyin_names
from indexer.notice.gazetteer import BY_EN
from indexer.notice.home import home_parent
from indexer.notice.places import ZH_NAMES, known, region_places
from indexer.notice.regions import anywhere, regions_in

MAX_TEXT = 400

_ZH = re.compile(rf"(?:{ZH_NAMES.pattern})(?:特别行政区|自治区|省|市(?!场)|区|县|镇|街道)?"
                 r"|(?![在于为的和及与、位])[\u4e00-\u9fff]{2,3}(?:省|市(?!场)|区|县|镇|街道)")
_EN = re.compile(r"\b[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\s(?:Province|City|District|County|Town|New\sArea)\b"
                 r"|\b[A-Z][a-z]{2,20}\b")
_OTHERS_BEFORE = re.compile(r"(?:展|会|赴|往|出口|进口|held\s+in|exhibit\w{0,6}\s+in|fairs?\s+in"
                            r"|shows?\s+in|(?:export\w{0,4}|sell\w{0,3}|sold|ship\w{0,5}|travel\w{0,5}|go(?:es|ing)?)\s+(?:to|into)"
                            r"|sold\s+in|markets?\s+in|by|of\s+the|outside|beyond|境外|国外|以外)"
                            r"\s?[^，。；,;]{0,6}$", re.I)
_OTHERS_AFTER = re.compile(r"^[^，。；,;]{0,14}?(?:举办|举行|展会|展览|博览|交易会|名牌|品牌|商标|名单|认定|评定|认证"
                           r"|局|厅|委员会|政府|管委会|\bfairs?\b|\bexhibition|\bexpo\b|\bshows?\b|\bmarkets?\b(?!\s+(?:regulat|supervis))|\bbrands?\b|\blist\b"
                           r"|\baward|\bbureau|\bdepartment|\bgovernment|\bcommission)", re.I)


def applicant_places(unit: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """A region condition of the places ``unit`` names as the applicant's; [] when it names none."""
    text = unit[:MAX_TEXT]
    first = None
    pinyin = {hit.start for hit in pinyin_names.scan(text)}  # read in context: not "Zhang Yili", not "She"
    for m in [*_ZH.finditer(text), *_EN.finditer(text)]:
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 24]
        if _OTHERS_BEFORE.search(before) or _OTHERS_AFTER.search(after) \
                or anywhere(text[max(0, m.start() - 40):m.start()], m[0], after[:6]):  # "from any province of China"
            continue
        if " " not in m[0] and m[0].isascii() and m[0].lower() not in BY_EN and m.start() not in pinyin:
            continue  # one English word: a gazetteer name, or a division's pinyin as the scan reads it
        places, parents = region_places(m[0], issuer)
        places = [p for p in places if p and (known(p) or p in parents or m[0][-1] in "省市区县镇街道"
                                              or m[0].split()[-1] in ("Province", "City", "District", "County",
                                                                      "Town", "Area"))]
        if places and (first is None or m.start() < first[0]):
            first = (m.start(), m, places, parents)
    if first is None:
        return []
    _, m, places, parents = first
    end = m.end()
    for more in sorted([*_ZH.finditer(text, end), *_EN.finditer(text, end)], key=lambda x: x.start()):
        if more.start() != end:  # "湖州市吴兴区": the places written together name the innermost
            break
        end = more.end()
    if end > m.end():
        places, parents = region_places(text[m.start():end], issuer)
    for place in places:
        if not known(place) and place not in parents and (parent := home_parent(place, issuer)):
            parents[place] = parent
    within = {"within": parents} if parents else {}
    return [{"type": "region", "value": places, "text": text[m.start():end], **within}]


# a step of how to apply opening on the firm's place: a run-in heading ("（一）申请。"), then
# "…注册地在本街道的，向…申请" or "Firms registered in X apply to …"
_STEP = re.compile(r"^\W{0,3}(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s?)?(?:[\u4e00-\u9fff]{2,4}。)?"
                   r"(?P<zh>(?:申报|申请)?(?:企业|单位)[^，。；]{2,30}?(?:在|于|属于?)[^，。；]{1,20}?的)[，,]\s?"
                   r"(?:向|到|至|通过|经)[^。；]{1,60}?(?:提出申请|申请|申报|提交|报送)"
                   r"|^\W{0,3}(?:\d{1,2}[.)]\s)?(?:[A-Z][a-z]+\.\s)?(?P<en>(?:firms|companies|enterprises|businesses|applicants)"
                   r"\s+(?:registered|located|based|incorporated)\s+in\s+[^,.;]{2,60}?)\s+(?:apply|submit|send|file)\s+"
                   r"(?:[a-z]+\s+){0,3}?(?:to|through|via|with|at)\b", re.I)


def step_places(unit: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """The place a step of how to apply asks in its first clause (``_STEP``); [] for any other line."""
    m = _STEP.match(unit[:MAX_TEXT])
    return regions_in(m["zh"] or m["en"], issuer) if m else []
