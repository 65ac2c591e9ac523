"""Region conditions: where an applicant must be registered, as notices write it.

Registration, tax and administrative-area phrasings at province, city and district level
("工商注册地和税务征管关系均在柯桥区", "注册地和财政收入在绍兴市区范围内", "在浙江省行政区域内依法登记注册",
"registered within the administrative area of Jiangsu Province", "place of registration and tax
registration are both in Hangzhou", "税收缴纳地在杭州市", "生产经营地址在柯桥区", "在…集聚区内依法持有营业
执照", "whose place of tax payment is Suzhou", "registered with the market regulation authority of a city in
Zhejiang Province"); "本区企业", "在区内依法设立", "registered and pay tax in the city" are the
issuer's own place (``indexer.notice.home``). A place the gazetteer lacks keeps the place the
notice (or the issuer's name) puts it in, as ``within``. Every pattern is bounded.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.home import home, home_parent
from indexer.notice.places import ZH_NAMES as _ZH_NAMES
from indexer.notice.places import chain, chinese, known, region_places, within

_ZH_PLACE = r"[\u4e00-\u9fff、或和及（）()]{2,24}?"
_EN_PLACE = r"[A-Z][\w'-]{1,20}(?:(?:\s|,\s?)(?:[A-Z][\w'-]{1,20}|(?:or|and|of)\s[A-Z][\w'-]{1,20})){0,6}"
_REGION = re.compile(
    rf"(?:主管税务机关|税务主管机关|主管税务部门|注册地址|注册地点|注册地|住所地|登记地|税收缴纳地|纳税申报地|税务登记地|纳税所在地|纳税地|缴税地|(?:生产)?经营(?:地址|地点|场所|地)|生产地址"
    rf"|注册|登记)[^，。；在为]{{0,12}}?"
    rf"(?:均|都|须|必须|应|应当)?(?:在|于|位于|为|属于|设在)(?P<zh>{_ZH_PLACE})(?=[，。；,;的（(、\s|]|且|并|内|范围|辖区|行政|$)"
    rf"|(?:在|于)(?P<zh2>{_ZH_PLACE})(?:行政区域|辖区|区域|范围|境)?内?(?:依法)?(?:注册|登记|设立|成立|参加|参保|纳税|注册登记|(?:持有|取得|领取|办理)营业执照|办理[^，。；在]{{0,8}}?(?:登记|注册)"
    rf"|(?:持有|取得|拥有|租赁)(?:有效)?(?:经营权|摊位|商位|商铺))"
    # "在蚌埠中恒商贸城市场集聚区内经营": where the firm trades, inside a named area
    rf"|(?:在|于)(?P<zh12>{_ZH_PLACE})(?:行政区域|辖区|区域|范围|境)?内(?:依法)?(?:从事)?(?:生产)?经营"
    rf"|(?:增值税|企业所得税|所得税|税款|税收|税费)(?:均|须|应|应当|必须)?(?:在|于)(?P<zh8>{_ZH_PLACE})(?:缴纳|入库|解缴|申报)"
    rf"|(?:增值税|企业所得税|所得税|税款|税收|税费|社会保险费|社保费|失业保险费)(?:均|须|应|应当|必须)?由"
    rf"(?P<zh11>{_ZH_PLACE})(?:税务机关|税务局|税务部门|社会保险|社保)"
    rf"|(?:注册地址?|住所地|所在地|属地|登记地|纳税地|经营地)\s?[:：]\s?(?P<zh9>{_ZH_PLACE})(?=[，。；,;、\s|]|$)"
    rf"|(?:税务征管关系|税收(?:征管|解缴)关系|纳税关系|统计关系|统计隶属关系|统计口径|参保关系|社会保险关系)(?:均|都)?(?:在|隶属于?|属于?|归属)(?P<zh3>{_ZH_PLACE})(?=[，。；,;的（(、]|$)"
    rf"|(?:纳入|列入)(?P<zh10>{_ZH_PLACE})(?:规上|规下|规模以[上下]|限上|工业|服务业|[^，。；]{{0,8}}?统计)"
    # "have its premises in Cixi": where the firm works
    rf"|(?i:registered|registration|incorporated|located|domiciled|based|established|situated|headquartered|operat(?:es?|ing)"
    rf"|(?<=its\s)premises|(?<=their\s)premises"
    rf"|(?:do|does|doing)\s+business"
    rf"|head\s+office|headquarters|main\s+office)"
    rf"(?:\s+(?:address|office|seat))?(?:\s+(?:is|are|must\s+be))?"
    # "has its business registration and tax affairs in Wujiang District", "registration and tax payment are in …"
    rf"(?:,?\s+and\s+(?:(?:pay(?:s|ing)?|fil(?:es?|ing))\s+(?:its\s+|their\s+)?tax(?:es)?"
    rf"|tax[- ]registered|(?:its\s+|their\s+)?tax(?:ation)?\s+(?:affairs"
    rf"|registration|payment|filing|residence)(?:\s+(?:are|is|must\s+be)(?:\s+both)?)?"
    # "has both its registered address and its workshop in Yangxunqiao Subdistrict": where it also works
    rf"|(?:its\s+|their\s+)?(?:workshops?|factor(?:y|ies)|premises|plants?|production\s+sites?)(?:\s+(?:are|is))?))?"
    rf"(?:\s+with\s+[^,;.]{{1,60}}?)?(?:\s+anywhere)?,?\s+(?:with)?in"
    rf"\s+(?:the\s+administrative\s+(?:area|region|jurisdiction)\s+of\s+)?(?:the\s+)?(?P<en>{_EN_PLACE})"
    # "be a Cixi-registered business": the place written into the firm's kind
    rf"|\b(?P<en7>[A-Z][a-z'-]{{1,20}})-(?i:registered|based|incorporated)\s+(?i:business(?:es)?|compan(?:y|ies)|firms?"
    rf"|enterprises?|workshops?|manufacturers?|exporters?)\b"
    rf"|(?i:place\s+of\s+(?:registration|incorporation|business|operations?|production|tax\s+(?:registration|payment))"
    rf"|registered\s+(?:address|office|seat)|tax\s+registration|(?:business|operating|production)\s+address)"
    rf"(?:\s+and\s+(?:the\s+)?(?:place\s+of\s+)?tax\s+registration)?\s+(?:are|is|must\s+be|shall\s+be|should\s+be|lies|lie)"
    rf"\s+(?:both\s+)?(?:(?:held|issued|done|made|filed|kept|handled)\s+)?(?:(?:with)?in\s+)?"
    rf"(?:the\s+administrative\s+area\s+of\s+)?(?P<en2>{_EN_PLACE})"
    rf"|(?i:registered|licensed|issued)\s+(?:with|by)\s+(?:the\s+)?(?!Market|Municipal|Provincial|State|National|Administration|Bureau|Department|Local|Tax|Customs)"
    rf"(?P<en5>[A-Z][a-z'-]{{1,20}}(?:\s[A-Z][a-z'-]{{1,20}})?)"
    rf"\s+(?:Administration|Municipal|Provincial|District|County|City|Bureau|Market|Tax|Commerce|Department)\b"
    rf"|(?i:registered|registration)\s+with\s+[^,;.]{{1,80}}?\b(?i:authorit(?:y|ies)|bureaus?|administrations?"
    rf"|departments?|offices?)\s+(?:of|in)\s+(?:the\s+)?(?P<en3>{_EN_PLACE})"
    rf"|(?i:business\s+licen[cs]es?\s+(?:was\s+|were\s+|is\s+|are\s+)?issued|pa(?:y|ys|ying)\s+(?:its\s+|their\s+)?"
    rf"(?:[a-z-]{{3,12}}\s+){{0,2}}?tax(?:es)?|tax\s+residents?)\s+(?:(?:with)?in|of|to|by\s+[^,;.]{{1,60}}?\s+(?:of|in))"
    rf"\s+(?:the\s+)?(?P<en4>{_EN_PLACE})"
    # "on the statistical survey register of Zhejiang Province": where the firm's statistics lie, as 统计关系在
    rf"|(?i:statistic(?:s|al)\s[\w\s-]{{0,30}}?\b(?:register|directory|list|database))\s+(?:of|in|for)\s+(?:the\s+)?"
    rf"(?P<en6>{_EN_PLACE})"
    rf"|\b(?:enterprises|companies|firms|SMEs|exporters|manufacturers|businesses|producers|[Ss]tall\s?holders|[Tt]raders"
    rf"|[Mm]erchants|[Tt]enants)\s+(?:in|from|at)\s+(?:the\s+)?"
    rf"(?P<loose>{_EN_PLACE})"
    rf"|(?:为|是|属于?|位于)(?P<zh4>[\u4e00-\u9fff]{{1,12}}?(?:省|市|区|县|镇))(?:行政区域|辖区|区域|范围|境)内(?:的|注册|登记|依法|设立)"
    rf"|(?:为|于|是|属于?)(?P<zh5>{_ZH_NAMES.pattern})(?:省|市|区|县)?(?:行政区域内|辖区内|境内|内)?的"
    rf"[^，。；]{{0,30}}?(?:企业|单位|公司|经营主体)"
    rf"|(?P<zh6>{_ZH_NAMES.pattern})(?:省|市|区|县)?(?:的|内的|辖区内的)?(?:企业|单位|公司)?(?=除外|以外|之外)"
    rf"|除(?P<zh7>{_ZH_NAMES.pattern})(?:省|市|区|县)?(?:以外|之外|外)")
_HOME = re.compile(r"(?:(?P<zh>本|我)(?P<level>省|市|区|县)|(?<=在)(?P<level9>自治区)(?=境内|行政区域内))"
                   r"(?:行政区域|辖区|范围|境)?内?(?:依法|足额|按时|连续)?"
                   # "本市中小微企业", "本区规上纺织企业": a size or trade between the place and the firm
                   r"(?:注册|登记|设立|纳税)?的?(?:中小微|中小|小微|中型|小型|微型|规上|规模以上|外贸|工业|制造业?"
                   r"|纺织|服装|印染|家纺|化纤|针织){0,3}"
                   r"(?:企业|单位|纳税人|外贸企业|工业企业|注册|登记|设立|纳税|缴纳"
                   r"|(?:从事)?生产经营|参加(?:失业|社会)?保险|参保|落户|办理[^，。；]{0,8}?(?:登记|注册|营业执照))"
                   # "注册地和纳税地均在本区", "属地在本区", "注册地址位于本县", "落户本区",
                   # "税收在本市缴纳", "工商登记均在本市办理", "本辖区内的企业"
                   r"|(?:地|址|关系|登记|注册|税收|税款|税费|增值税|所得税)(?:均|都|须|应)?(?:在|于|位于|属于?|为|由)(?:本|我)(?P<level5>省|市|区|县|街道|乡镇|镇|乡)"
                   r"|落户(?:在|于)?(?:本|我)(?P<level6>省|市|区|县)"
                   # who collects the firm's contributions or tax ("失业保险费由区社会保险经办机构征收的…企业",
                   # "whose contributions are collected by the district social insurance agency"): the issuer's
                   # place at that level; a bare 参保 ("在本镇参保") is no such word
                   r"|(?:保险费|社保费|税款|税费)(?:均|须|应|应当)?由(?:本|我)?(?P<level8>省|市|区|县)(?:级)?(?:社会保险|社保"
                   r"|医疗保障|医保|税务)[^，。；]{0,10}?(?:征收|收缴|代征)"
                   r"|\b(?:insurance\s+)?(?:contributions|premiums)\s+(?:are|is)\s+(?:collected|levied)\s+by\s+(?:the|this|our)\s+"
                   r"(?P<level_en5>province|city|municipality|district|county)(?:'s)?\s+(?:social\s+(?:insurance|security)|tax"
                   r"|unemployment\s+insurance)\b"
                   # "本镇辖区内登记注册", "本街道企业": a town's or subdistrict's own, where firms register or pay tax
                   r"|(?:本|我)(?P<level7>街道|乡镇|镇|乡)(?:行政区域|辖区|范围)?内?(?:依法)?(?:注册|登记|设立|纳税|的?企业)"
                   r"|(?:本|我)(?:辖区|区域)(?:内|(?=的?(?:企业|单位)))(?P<any2>)"
                   r"|在(?P<level2>省|市|区|县)(?:域|行政区域|辖区|范围)?内(?:依法)?(?:注册|登记|设立)"
                   r"|(?:registered|located|based|incorporated|insured|pa(?:y|ys|id|ying)\s(?:their\s|its\s)?(?:unemployment\s"
                   r"|social\s)?insurance(?:\s+contributions?)?(?:\s+in\s+full)?)"
                   r"(?:\s+and\s+pay(?:s|ing)?\s+tax(?:es)?)?\s+(?:with)?in\s+"
                   r"(?:the|this|our)"
                   r"\s+(?P<level_en>province|city|municipality|district|county|town(?:ship)?|subdistrict)\b"
                   r"|(?:across|throughout)\s+the\s+(?:whole\s+|entire\s+)?(?P<level_en2>province|city|municipality"
                   r"|district|county)\b|\b(?P<level_en3>province|city)[-\s]wide\b"
                   r"|\b(?:enterprises|companies|firms|exporters|manufacturers|businesses|SMEs)\s+(?:in|of|from)\s+"
                   r"(?:the|this|our)\s+(?P<level_en4>province|city|municipality|district|county|town(?:ship)?|subdistrict)\b"
                   r"|全(?P<level3>省|市|区|县)(?:范围内|域内|内)?的?[^，。；]{0,20}?(?:企业|单位)"
                   # "纳入我市规上工业统计", "统计关系在本区", "辖区内注册": the issuer's own place
                   r"|(?:纳入|列入|统计关系在|统计隶属关系在)(?:本|我)(?P<level4>省|市|区|县)"
                   # "辖区内从事家纺产品生产的中小微企业", "firms within the jurisdiction that make …"
                   r"|辖区(?:范围)?内(?:依法)?(?:注册|登记|设立|纳税|的企业|从事|生产|经营)(?P<any>)"
                   r"|\b(?:enterprises|companies|firms|SMEs|manufacturers|exporters|businesses)\s+(?:with)?in\s+"
                   r"(?:the|its|our|this)\s+jurisdiction\b(?P<any3>)", re.I)
_EXCEPT_BEFORE = re.compile(r"(?:except|excluding|other\s+than|apart\s+from|but\s+not|save)\s{1,3}(?:for\s)?"
                            r"(?:those|firms|companies|enterprises|manufacturers|exporters)?[\w\s]{0,12}$|除\s?$", re.I)
_EXCEPT_AFTER = re.compile(r"cannot\s{1,3}apply|may\snot\s{1,3}apply|(?:are|is)\s{1,3}(?:not\s+eligible|excluded"
                           r"|ineligible)|除外|以外|之外|不得申报|不予(?:支持|受理)|不在[^，。；]{0,10}范围", re.I)
# Places named after the ones asked and sent elsewhere ("open to firms in Yuecheng or Keqiao; companies in Zhuji
# apply to their own county-level authorities", "apply under a separate scheme"): left out. The first place of a
# sentence is what it asks ("firms in Wuxi apply through their own district bureau": the procedure).
_SENT_ELSEWHERE = re.compile(r"^\s{0,3}(?:(?:should|must|will|may|can)\s+)?(?:apply|applies"
                             r"|are\s+(?:handled|dealt\s+with|covered|organi[sz]ed))\s+(?:(?:to|through|with|under|via|by|in)\s+(?:their|its)\s+own"
                             r"|separately|elsewhere|(?:under|through|in)\s+(?:a|another)\s+(?:separate|different|other))\b"
                             r"|^[^，。；]{0,20}?(?:另行|单独|自行)(?:申报|申请|组织|安排)", re.I)
_GROUPS = ("zh", "zh2", "zh3", "zh4", "zh5", "zh6", "zh7", "zh8", "zh9", "zh10", "zh11", "zh12", "en", "en2", "en3",
           "en4", "en5", "en6", "en7", "loose")
# more places listed after the first ("萧山区、余杭区或临平区"), each a bounded name without separators, or a
# chain of levels ("、江苏省苏州市吴江区或浙江省嘉兴市嘉善县": a district written under its province and city)
_MORE = re.compile(r"(?:(?:[、和或及]|以及|或者)"
                   r"(?:[^\s\d、和或及以者省市区县，。；,;:：（）()]{1,7}[省市区县]){1,3}){1,8}")
# a second clause of places in English: "incorporated in Binhu or Xinwu District, or in Jiangyin or Yixing"
_MORE_EN = re.compile(r",?\s(?:or|and)\s(?:also\s)?(?:in|within)\s(?:the\s)?[A-Z][^.;:，。；()]{0,80}")
_OTHERWISE = re.compile(r"否则|不然|otherwise|or\s+else", re.I)
_SENTENCE_END = re.compile(r"[。；;.]")
_ANOTHER_REASON = re.compile(r"违法|违规|处罚|失信|黑名单|已(?:经)?(?:获得|享受)|\d|violat|penal|fined|dishonest"
                             r"|blacklist|already|offen[cs]e"
                             # "a firm incorporated in Hai'an with no operations there is not eligible": the place
                             # stays the applicant's, the firm without a business there is shut out
                             r"|无实际经营|未实际经营|没有实际(?:经营|生产)|\b(?:with\s+)?no\s+(?:operations|business|plant"
                             r"|premises|production)\b|\bwithout\s+(?:any\s+)?(?:operations|business|a\s+plant|premises)\b"
                             # a legal form shut out after the place ("个体工商户不在申报范围", "sole traders
                             # cannot apply")
                             r"|个体工商户|个体户|分支机构|分公司|\bsole\s+(?:traders?|proprietor(?:s|ships?)?)\b"
                             r"|\bbranch\s+offices\b|\bself-employed\b",
                             re.I)
# the subject of a clause of its own that shuts out ("品牌代理商除外", "but brand agents cannot apply"): another
# kind of firm, no place and nothing pointing back at the firms of the place ("上述企业", "these firms", "they")
_OTHER_KIND = re.compile(r"(?:but\s+|though\s+|however\s+|但|但是)?(?!(?:上述|前述|该|此|这|其|they\b|these\b|those\b"
                         r"|such\b|them\b|it\b|the\s+firm))(?:[\u4e00-\u9fff]{2,12}|[a-z][a-z\s-]{2,40}?)", re.I)
# "Enterprises from any province of China may apply", "from anywhere in China": the country asks no place
# ("registered anywhere in Jiangsu" asks Jiangsu)
_COUNTRY = re.compile(r"(?:the\s)?(?:People's\sRepublic\sof\s)?China\b|中国|全国|(?:the\s)?(?:Chinese\s)?mainland\b",
                      re.I)
_ANYWHERE = re.compile(r"(?:\bany\s+(?:province|city|region|part|county|district|town)s?\s+(?:of|in)|\banywhere\s+in"
                       r"|\ball\s+(?:over|parts\s+of|provinces\s+of)|\bevery\s+(?:province|city|region|part)\s+of)"
                       r"\s+(?:the\s+)?$", re.I)
# "firms in Jiangyin and Yixing count", "江阴市、宜兴市企业同样适用": places within the place asked for, let in
_COUNT = re.compile(r"\b(?:count|(?:also|too)\s+(?:count|qualify)|qualify\s+(?:too|as\s+well)"
                    r"|are\s+(?:also\s+)?included)\b"
                    r"|同样适用|同样可以?申报|也可(?:以)?申报|也可(?:以)?申请|亦可申报", re.I)
_INCLUDE = "含|包括|包含|所辖|下辖"  # the words of a bracket that lists parts of the whole place named
_INCLUDING = re.compile(rf"\s?(?:{_INCLUDE}|including|incl\."
                        r"|(?:any|all|each|every)\s+(?:one\s+)?of\s+its\b)", re.I)
_INCLUDED = re.compile(rf"[（(]\s?(?:{_INCLUDE})[^（）()]{{0,40}}[)）]")
_INCLUDED_LAST = re.compile(r"\bincluded\b|在内", re.I)  # "Jinhua (Yiwu, Dongyang … included)": the whole city
# "山东省境内（青岛市除外）", "Zhejiang (excluding Ningbo)": the place, and the place it leaves out
_LEFT_OUT = re.compile(r"[（(]\s?(?:(?:不含|不包括|除)(?P<zh>[^（）()]{2,20}?)(?:以外|之外|外)?"
                       r"|(?P<zh2>[^（）()]{2,20}?)(?:除外|以外|之外))"
                       r"\s?[)）]"
                       # "浙江省（宁波市另行组织，不在本通知范围）": a place the bracket says is handled apart
                       r"|[（(]\s?(?P<zh3>[^（）()，,、]{1,12}?[省市区县州旗])(?:的?企业|辖区)?(?:另行|单独|自行|另外|另有|不在|不属于"
                       r"|不适用|不纳入|不参加|不列入)[^（）()]{0,30}[)）]"
                       # "Zhejiang (Ningbo firms apply under a separate scheme)", "(Ningbo is handled separately)"
                       r"|\s?[(]\s?(?P<en4>[A-Z][\w'-]{1,20}(?:\s[A-Z][\w'-]{1,20})?)\s(?:[a-z-]{2,12}\s){0,3}?"
                       r"(?:(?:apply|applies|handled|organi[sz]ed|run|administered|covered|dealt\s+with)\s+(?:[a-z-]{1,12}\s+){0,4}?"
                       r"(?:separately|apart|elsewhere|scheme|notice|call|own)|(?:has|have|runs?)\s+(?:its|their)\s+own)[^()]{0,80}[)]"
                       r"|\s?[(]\s?(?i:excluding|except(?:\s+for)?|other\s+than|not\s+including)\s"
                       r"(?P<en>[^()]{2,40}?)[)]"
                       r"|\s?[(]\s?(?P<en2>[A-Z][\w' -]{1,30}?)\s(?:is\s|are\s)?(?i:excluded|excepted|not\s+included)\b"
                       r"[^()]{0,80}[)]"
                       # "registered in Hangzhou, other than in Xiaoshan District": no brackets
                       r"|,?\s(?i:other\s+than|except(?:\s+for)?|excluding|but\s+not|save\s+for)\s(?:in\s)?(?:the\s)?"
                       r"(?P<en3>[A-Z][\w'-]{1,20}(?:\s[A-Z][\w'-]{1,20}){0,2})")
# what may stand between a place and the bracket leaving part of it out ("广东省行政区域内（不含深圳市）",
# "Guangdong Province (Shenzhen excepted)")
_AREA_WORDS = re.compile(r"(?:\s?(?:行政区域|行政区划|辖区|区域|范围|境)内|\s(?i:province|city|district|county)\b)?")
_LISTED = re.compile(r"\s?[（(]([^（）()]{2,40})[)）]")
# "本街道", "本镇": the town or subdistrict the issuer is (a notice of "…齐贤街道办事处"), no place for another issuer
_LEVELS = {"省": "province", "市": "city", "区": "district", "县": "district", "province": "province", "city": "city",
           "municipality": "city", "district": "district", "county": "district", "街道": "town", "镇": "town",
           "乡": "town", "乡镇": "town", "自治区": "province",
           "town": "town", "township": "town", "subdistrict": "town"}


def anywhere(before: str, place: str, after: str = "") -> bool:
    """The country named after "any province of" or "anywhere in", or before "各地" ("全国各省份的企业均可报名"):
    no place asked."""
    return bool(_ANYWHERE.search(before) or re.match(r"\s?(?:各|任何|范围内的?各)", after)) \
        and bool(_COUNTRY.match(place.strip()))


def _excepted(s: str, m: re.Match[str]) -> bool:
    """A place named as the exception: "except those registered in Suzhou", "manufacturers registered in
    Suzhou … cannot apply here", "苏州市的企业除外"; not when the sentence shuts firms out for another
    reason it states (an offence, a bound, support already had)."""
    if m["zh6"] or m["zh7"] or _EXCEPT_BEFORE.search(s[max(0, m.start() - 40):m.start()]):
        return True
    # "广东省（深圳市除外）行政区域内": Shenzhen is left out, not Guangdong shut out
    after = _LEFT_OUT.sub("", s[m.end():m.end() + 80])
    after = after[:end.start()] if (end := _SENTENCE_END.search(after)) else after
    if _OTHERWISE.search(after):  # "须为柯桥区税务局，否则不予受理": the place is required, not shut out
        return False
    shut = _EXCEPT_AFTER.search(after)
    # "…的服装企业，品牌代理商除外", "…, but brand agents cannot apply": a clause of its own shutting out another kind
    if shut and (cut := max(after.rfind(c, 0, shut.start()) for c in "，,")) >= 0 \
            and _OTHER_KIND.fullmatch(who := after[cut + 1:shut.start()].strip()) \
            and not re.search(r"[省市区县镇乡旗]|街道", who) and not any(map(known, region_places(who)[0])):
        return False
    return bool(shut) and not _ANOTHER_REASON.search(after)


def _town(issuer: str | None, county: str | None) -> str | None:
    """The town or subdistrict the gazetteer lacks that the issuer's name writes under its county ("绍兴市柯桥区马鞍街道
    办事处": 马鞍镇 in Keqiao; "…柯桥区柯岩街道办事处": 柯岩街道, in Keqiao), for "本街道", "本镇"; None when the name
    writes none."""
    named, parents = region_places(issuer[:60]) if issuer and county else ([], {})
    if found := next((p for p in named if parents.get(p) == county and p.endswith(("镇", "乡"))), None):
        return found
    # one the gazetteer's towns lack altogether ("绍兴市柯桥区柯岩街道办事处"): the name written after the county's
    written = rf"{chinese(county)}[市区县旗]?(?P<t>[\u4e00-\u9fff]{{2,6}}?(?:街道|镇|乡))"
    m = re.search(written, issuer[:60]) if issuer and county else None
    return m["t"] if m else None


def regions_in(s: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """Region conditions: the places named after registration, tax or area words."""
    out = []
    for m in _REGION.finditer(s):
        name = next(g for g in _GROUPS if m[g])
        if anywhere(s[max(0, m.start(name) - 40):m.start(name)], m[name]):
            continue
        raw = _INCLUDED.sub("", m[name])  # "无锡市（含江阴市、宜兴市）" is Wuxi, its parts within it
        left = _LEFT_OUT.search(raw) or _LEFT_OUT.match(s, _AREA_WORDS.match(s, m.end(name)).end())
        raw = _LEFT_OUT.sub("", raw)
        if name.startswith("zh") and (more := _MORE.match(s, m.end(name))):  # "萧山区、余杭区或临平区"
            raw += more[0]
        elif name.startswith("en") and (more := _MORE_EN.match(s, m.end(name))):  # "…, or in Jiangyin or Yixing"
            raw += more[0]
        listed = _LISTED.match(s, m.end(name))
        places, parents = region_places(raw, issuer, listed[1] if listed else "")  # "Taizhou (Jiangsu)"
        inner = region_places(listed[1], issuer)[0] if listed else []  # the places in the brackets
        if listed and not _INCLUDING.match(listed[1]) and not _INCLUDED_LAST.search(listed[1]) and len(inner) > 1:
            places, parents = inner, {}  # "绍兴市区（越城区、柯桥区、上虞区）": the places that make the area
        elif len(inner) == 1 and known(inner[0]):
            # "the … Transfer Park (Qingcheng District)": a place the gazetteer lacks lies in the known
            # place written beside it
            parents = {p: inner[0] for p in places if not known(p)} | parents
        if m["loose"] and not (places and all(known(p) for p in places)):
            continue
        if name not in ("zh5", "zh6", "zh7") and name.startswith("zh"):  # "在本年度内注册": no place at all
            places = [p for p in places if p]
        # "Xiaoshan, Yuhang, Linping or Qiantang District": a place the gazetteer lacks, listed with
        # known places that all lie in one city or province, lies there too
        ups = {chain(p)[1] for p in places if known(p) and len(chain(p)) > 2}
        shared = ups.pop() if len(ups) == 1 else None
        for place in places:  # "瓯海区" in a notice of "温州市瓯海区…局": the issuer's name places it
            if not known(place) and place not in parents and (parent := shared or home_parent(place, issuer)):
                parents[place] = parent
        if places:
            gone = _excepted(s, m) or (any(c.get("op") != "not_in" for c in out)
                                       and bool(_SENT_ELSEWHERE.search(s[m.end():m.end() + 80])))
            out.append({"type": "region", "value": places, "text": raw.strip(" ，,"),
                        **({"within": parents} if parents else {}), **({"op": "not_in"} if gone else {})})
            written = left and next((left[g] for g in ("zh", "zh2", "zh3", "en", "en2", "en3", "en4") if left[g]), None)
            if left and (gone := region_places(written or "", issuer)[0]):
                out.append({"type": "region", "value": gone, "text": left[0].strip(), "op": "not_in"})
    if not any(c.get("op") != "not_in" for c in out) and (m := _HOME.search(s)):
        level = next((m[g] for g in (*(f"level{i}" for i in ("", 2, 3, 4, 5, 6, 7, 8, 9)),
                                     "level_en", "level_en2", "level_en3", "level_en4", "level_en5") if m[g]), "")
        place = home(issuer, _LEVELS.get(level.lower(), "any"))
        if _LEVELS.get(level.lower()) == "town":  # the issuer's own place, when it lies below a county
            county = home(issuer, "district")
            place = place if place and county and place != county and within(place, county) else _town(issuer, county)
        parent = home_parent(place, issuer) if place else None
        if place:
            out.append({"type": "region", "value": [place], "text": m[0],
                        **({"within": {place: parent}} if parent else {})})
    if _COUNT.search(s):  # "incorporated in Wuxi; firms in Jiangyin and Yixing count": parts of Wuxi, no second ask
        out = [c for c in out if c.get("op") == "not_in" or not any(
            d is not c and d.get("op") != "not_in" and all(any(within(p, q) and p != q for q in d["value"])
                                                         for p in c["value"]) for d in out)]
    return out[:1] if len({str(c["value"]) for c in out}) == 1 else out


