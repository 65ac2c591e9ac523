"""Lines that look like conditions and are not: what a notice says of the benefit, not of the applicant.

Fraud sanctions ("弄虚作假骗取资金的，追回"), a limit per applicant ("每家企业限支持1个展位"), no double
funding ("同一笔展位费已获得其他财政资金支持的，不再重复补贴", "No double funding"), definitions
("本办法所称中小企业，是指…"; but a definition of whom the notice benefits is a condition: "本办法所称
奖励对象，是指…的企业"), priority and ranking lines ("同等条件下优先支持", "are ranked first when funds
are short") and benefit tiers ("减半", "raised to 70%"). Every pattern is bounded.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.conditions import AWARD_ELSEWHERE, conditions_in
from indexer.notice.handling import handling
from indexer.notice.units import Unit
from indexer.notice.who import POINTS_ON

_NEVER = re.compile(r"弄虚作假|骗取|虚报|冒领|追回|fraud|obtains?\s+funds\s+by|false\s+(?:information|materials)|barred"
                    r"|所称|是指|系指|means\b|refers\s+to"
                    # who counts as what: "…is still treated as a first-time exhibitor", "视同首次参展"; not a
                    # requirement among others ("…, make garments, count as micro or small enterprises, …")
                    r"|视同|视为|(?:is|are)\s+(?:still\s+|also\s+)?(?:treated|regarded|considered|counted|deemed)\s+as"
                    r"|(?<![,;]\s)(?<!must\s)(?<!shall\s)(?<!they\s)(?<!\band\s)\bcounts?\s+as\b|\bstill\s+counts?\b"
                    # bodies that are no company: "机关事业单位、社会团体不在补助范围内", "…参照企业执行"
                    r"|(?:机关|事业单位|社会团体|基金会|社会组织|民办非企业)[^。；]{0,60}?(?:不在|不属于|不纳入|参照|除外)"
                    r"|\b(?:government\s+(?:bodies|agencies)|public\s+institutions|non-?profits?)\b[^.;]{0,40}?"
                    r"\b(?:are|is)\s+(?:not|excluded|treated)"
                    # first come, first served: how the budget is shared, not who may apply
                    r"|先后顺序|额满为止|先到先得|first[-\s]come|while\s+(?:funds|the\s+budget)\s+lasts?"
                    # what the project must reach once done ("改造完成后，企业数字化水平应达到二级及以上",
                    # "Once the upgrade is complete, the plant must reach …"): the project's goal, not who may apply
                    r"|^(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、]\s?)?(?:项目|改造|技改|建设|工程)(?:完成|完工|建成|竣工|验收)"
                    r"(?:后|以后)|^(?:\(?[a-z\d]{1,2}[.)]\s)?(?:once|after|upon|on)\s(?:the\s)?(?:project|upgrade|retrofit"
                    r"|works?|installation)\s(?:is\s|has\sbeen\s)?(?:complete|completed|finished|completion)\b"
                    # costs approved before they are spent ("Costs must be approved before they are incurred",
                    # "费用须事先报经批准"): how the money is paid out, nothing asked of who applies
                    r"|\b(?:costs?|expenses?|expenditures?|spending|purchases?)\s+(?:must|shall|should|need\s+to|are\s+to|have\s+to)"
                    r"\s+(?:first\s+)?be\s+(?:[a-z-]+\s+){0,6}?(?:and\s+)?(?:pre-?)?(?:approved|agreed|cleared)\s+(?:in\s+advance|beforehand|before|first)"
                    r"|(?:费用|支出|开支)[^，。；]{0,6}?(?:须|应|需|应当|必须)[^，。；]{0,16}?(?:事先|事前|提前)[^，。；]{0,8}?(?:批准|同意|报批|审批)"
                    r"|不再重复|不(?:得|予|可|能)?重复(?:补贴|补助|支持|奖励|享受|资助|计算|申报|申请)"
                    r"|no\s+double\s+(?:funding|support|subsid)"
                    # support from two sources capped at the cost ("the two amounts together may not exceed the fee")
                    r"|(?:together|combined)\s+(?:may|must|shall|cannot|can)\s*(?:not\s+)?exceed\s+the\s+(?:\w+\s+){0,2}"
                    r"(?:fee|fees|cost|costs|expenses?|amount\s+paid)\b"
                    r"|(?:合计|累计|叠加)[^，。；]{0,8}?不(?:得|能|应)?超过[^，。；]{0,8}?(?:实际)?(?:发生)?(?:费用|支出|成本|展位费|投入)"
                    r"|(?:paid|funded|subsidi[sz]ed|supported)\s+(?:only\s+once|twice)"
                    # what was already funded is not funded again: "Projects already funded under … are not eligible
                    # for a second grant", "Premiums already paid from city funds may not be claimed a second time"
                    r"|\b(?:projects?|premiums?|costs?|fees?|expenses?|expenditures?|booths?|stands?|fairs?|exhibitions?"
                    r"|invoices?|equipment"
                    r"|spending|items?)\s+(?:already|previously)\s+(?:funded|paid(?:\s+for)?|covered|supported|subsidi[sz]ed"
                    r"|reimbursed|claimed|refunded)\b"
                    r"|(?:项目|保费|费用|展位费|设备|支出)(?:此前|之前|以前)?已(?:经)?(?:获得|拿到|享受|获|得到)[^，。；]{0,16}?"
                    r"(?:补助|补贴|资助|支持|奖励)的?[，,]\s?(?:本次)?不(?:再|予|得)"
                    # costs the support leaves out: "Registration fees and booth construction are not shared.",
                    # "展位搭建费、差旅费不在补助范围内"
                    r"|(?:^|[.;]\s)\W{0,3}(?:(?!firm|compan|enterpris|applicant|exporter|whose)[A-Za-z'-]+\s){0,5}?(?:fees?|costs?"
                    r"|expenses?|construction|travel|freight|accommodation)\b[^.;]{0,40}?\b(?:are|is)"
                    r"\s+not\s+(?:shared|covered|paid|refunded|reimbursed|subsidi[sz]ed|included)\b"
                    # a way of taking part the support leaves out ("Walking a show without a booth does not qualify",
                    # "仅参观、不设展位的不予支持"): the scope of what is paid for, nothing asked of the firm
                    r"|^\W{0,3}(?:(?:walking|visiting|attending|touring)\s(?:a\s|the\s)?(?:trade\s)?(?:shows?|fairs?"
                    r"|exhibitions?)|(?:conferences?|seminars?|forums?|study\s+tours?)\s(?:without|with\s+no)\b)[^.;]{0,60}?"
                    r"\b(?:does|do|is|are)\s+not\s+(?:qualify|eligible|covered|count)"
                    r"|^\W{0,3}(?:仅|只)(?:参观|观展|考察|参会)[^，。；]{0,16}?(?:不予(?:支持|补助|资助)|不在[^，。；]{0,8}?范围)"
                    r"|(?:费|费用|支出)[^，。；]{0,4}?不(?:在|属于)[^，。；]{0,4}?(?:补助|补贴|支持|资助)范围"
                    # a limit on the benefit per applicant: "同一展会每家企业限支持1个展位"
                    r"|(?:每家|每个|单个|每一)(?:企业|单位|申报主体)[^，。；]{0,8}?限(?:支持|补贴|补助|资助|申报|申请)?\s?[\d一两二三]"
                    r"|\b(?:limited\s+to|at\s+most|no\s+more\s+than)\s+(?:one|two|three|\d)\s+(?:booths?|stands?|fairs?"
                    r"|projects?|applications?)\s+(?:per|for\s+each|a)\s+(?:firm|company|enterprise|applicant|fair|year)",
                    re.I)
# The same matter, project, upgrade, equipment, fair, booth or exhibition already funded from elsewhere
# (同一事项, 同一项目, 同一改造内容, 同一设备, 同一展位, 同一展会, "the same project", "the same fair") or, in the
# positive phrasing, not funded from another source ("同一项目未获得其他市级财政资金支持", "has not received public
# money from any other source for the same project"): the rule against paying one thing twice, which any firm
# that does not claim twice meets, so nothing asked of the firm. A first time or a cap on how often the firm
# had the support ("同一展会此前未获得过区级补助", "exhibited at the same fair three times", ``_HISTORY``) stays
# one, and so does a line that states some other condition beside the rule (a typed one, ``conditions_in``).
_SAME_FUNDED = re.compile(
    r"同一(?:事项|事由|项目|技改项目|改造项目|改造内容|建设内容|实施内容|设备|投资|展位|展会|展览会?|展览项目|参展项目)"
    r"[^，。；]{0,24}?(?:获得|享受|得到|获|符合)[^，。；]{0,24}?(?:资金|补助|补贴|支持|资助|奖励|政策)"
    r"|\bsame\s+(?:matter|project|upgrade|equipment|machinery|investment|fair|trade\s+fair|booth|stand|exhibition"
    r"|show)\b[^.;]{0,60}?\b(?:fund(?:s|ing|ed)?|grants?|subsid(?:y|ies|i[sz]ed)|support(?:ed)?|money|aid|paid\s+for)\b"
    r"|\b(?:fund(?:s|ing|ed)?|grants?|subsid(?:y|ies|i[sz]ed)|support(?:ed)?|money|aid)\b[^.;]{0,60}?"
    r"\bfor\s+the\s+same\s+(?:matter|project|upgrade|equipment|machinery|investment|fair|trade\s+fair|booth|stand"
    r"|exhibition|show)\b"
    # costs another scheme has paid ("Costs that another public scheme has already paid for cannot be claimed
    # again", "已由其他财政资金支付的费用不得重复申报"): what may be claimed, not who may apply
    r"|\b(?:costs?|expenses?|expenditures?|spending)\s+(?:that|which)\s+(?:an|any|another|other)\b[^.;]{0,40}?"
    r"\b(?:paid\s+for|funded|covered|reimbursed|subsidi[sz]ed)\b"
    r"|(?:其他|其它)[^，。；]{0,16}?(?:资金|补助|补贴|资助|政策)[^，。；]{0,10}?(?:支付|承担|补助|列支|报销)过?的(?:费用|支出|开支)",
    re.I)
# The project applied for (申报项目, 本项目, 该项目, "the project applied for") funded from another source
# ("申报项目已获得市级其他财政资金支持的", "the project applied for has received other public funding"): the same
# rule, when the line names the other source (``_ELSEWHERE``); the project's own funding is no such rule
_APPLIED_FUNDED = re.compile(
    r"(?:申报|申请|本|该|所报)项目[^，。；]{0,24}?(?:获得|享受|得到|获|列入)[^，。；]{0,24}?(?:资金|补助|补贴|支持|资助|奖励)"
    r"|\b(?:the|this|its|a)\s+(?:proposed\s+)?project(?:\s+(?:applied\s+for|it\s+applies\s+for|submitted|put\s+forward))?"
    r"\s+(?:has|have|had|is|was|already)\b[^.;]{0,60}?\b(?:fund(?:s|ing|ed)?|grants?|subsid(?:y|ies|i[sz]ed)|support(?:ed)?"
    r"|money|aid)\b", re.I)
_NOT_HAD = re.compile(r"未(?:曾|经|再)?(?:获得|享受|得到|获)|没有|从未|尚未|不曾"
                      r"|\b(?:not|never)\s+(?:yet\s+|already\s+|previously\s+)?(?:been\s+|have\s+|has\s+|had\s+)?"
                      r"(?:received|obtained|had|got|been\s+(?:funded|supported|subsidi[sz]ed))\b", re.I)
# support from another source (the positive phrasing names it: "其他市级财政资金", "any other source")
_ELSEWHERE = re.compile(r"其他|其它|另外|别的|\b(?:other|another|elsewhere)\b", re.I)
# the firm's own history with the support: a first time or a cap on times, not a second payment for one thing
_HISTORY = re.compile(r"此前|以前|以往|之前|历年|曾经?|首次|第一次|[\d一二两三四五六七八九十]\s?次(?!性)"
                      r"|\b(?:before|previously|ever|once|twice|times|first)\b", re.I)
# this same support ("本区补助", "this grant"), not support from elsewhere
_THIS = re.compile(r"本(?:区|市|县|省|镇|级|项|专项|政策|资金|办法|通知)|\bthis\s+(?:grant|support|aid|subsidy|scheme"
                   r"|programme|program|fund)\b", re.I)
_PARTS = re.compile(r"[；;。]|\.(?=\s|$)")


def paid_twice(text: str) -> bool:
    """Only the rule against paying one thing twice ("同一展位已享受省级境外参展补贴的", "has not received public
    money from any other source for the same project"): not a first time or a cap ("同一展会已获得过本区补助的":
    this support again), nor a line with another condition beside the rule, in a clause or a part of its own."""
    parts = [p for p in _PARTS.split(text) if len(p.strip(" -–•|（）()0123456789一二三四五六七八九十、.")) > 2]
    if not parts or not all(_SAME_FUNDED.search(p) or (_APPLIED_FUNDED.search(p) and _ELSEWHERE.search(p))
                            for p in parts) or _HISTORY.search(text) \
            or (_THIS.search(text) and not _ELSEWHERE.search(text)):
        return False
    return (not _NOT_HAD.search(text) or bool(_ELSEWHERE.search(text))) and not conditions_in(text)


_DEFINES_WHO = re.compile(r"(?:对象|主体|申报企业|申请企业|申请人|申请单位|申报单位)[”\"]?[^。；]{0,4}?(?:是指|系指|指)"
                          r"|(?:eligible|qualifying|qualified)\s+(?:[a-z-]{3,20}\s){0,2}?(?:enterprises?|compan(?:y|ies)"
                          r"|applicants?|exporters?|firms?|manufacturers?|businesses|SMEs?|participants?|recipients?)"
                          r"[”’\"']?\s+(?:means|refers\s+to)"
                          r"|(?:beneficiar(?:y|ies)|recipients?)\s+(?:means|refers)"
                          # the plain firm or applicant defined ("本措施所称企业，指在…", "本通知所称申请企业，是在…")
                          r"|所(?:称|指)[“\"]?(?:企业|单位|公司|(?:申请|申报)(?:企业|单位|人))[”\"]?[，,]?\s?(?:是指|系指|指|是(?!否))"
                          r"|^\W{0,3}(?:the\s+term\s+)?[“\"'‘]?(?:an?\s+)?(?:enterprises?|firms?|compan(?:y|ies)|applicants?)[”\"'’]?\s+"
                          r"(?:as\s+used\s+)?(?:in|under)\s+(?:these|this)\s+[a-z]{4,12}\s+(?:means|refers\s+to|is|are)\s",
                          re.I)
# A bonus on top of the benefit: who gets the extra is no condition of the benefit itself
# ("企业首次办理…的，另给予一次性1000元奖励", "Firms exhibiting for the first time receive an extra RMB 5,000").
_BONUS = re.compile(r"另(?:行)?(?:给予|奖励|补助|补贴|资助|奖补)|额外(?:给予|奖励|补助|补贴)|再(?:给予|奖励|补助)"
                    r"|追加(?:奖励|补助|补贴)"
                    r"|加(?:奖|发)\s?\d|\b(?:an?\s+)?(?:extra|additional|further)\s+(?:one-off\s+|one-time\s+)?"
                    r"(?:bonus|reward|award|grant|payment|subsidy|(?:RMB|CNY|USD|US\$|\$|¥)\s?\d)"
                    r"|\bbonus\s+(?:of|worth)\b|\bon\s+top\s+of\s+(?:the|this|that|its)\b"
                    r"|\badditionally\s+(?:receive|get|be\s+(?:given|granted|paid|awarded))", re.I)
# A definition of a term: whom the notice benefits when the notice's own title names the term
# ("关于小微外贸企业…奖励的实施细则" then "本细则所称小微外贸企业，是指…").
_DEFINED = re.compile(r"(?:所称|所指|中的?)\s?[“\"]?(?P<zh>[^，,。；“”\"]{2,16}?)[”\"]?\s?[，,]?\s?(?:是指|系指)"
                      r"|[“\"'‘](?P<en>[^“”\"'’]{3,48})[”\"'’]\s+(?:(?:as\s+used\s+)?(?:in|under)\s+(?:these|this)\s+"
                      r"[a-z]{4,12}\s+|as\s+used\s+here(?:in)?\s+)?(?:means|refers\s+to)"
                      r"|(?:^|[,:]\s)(?P<en2>(?:[a-z-]+\s){0,4}(?:enterprises|companies|exporters|firms|manufacturers"
                      r"|SMEs|businesses))\s+(?:means|refers\s+to)", re.I)
# A clean record that names fraud among the offences ("近两年无偷逃税款、骗取财政资金等违法行为", "no record
# of tax evasion or subsidy fraud"): a condition, unless the line claws money back (a sanction)
_CLEAN_OF = re.compile(r"(?:无|没有|不存在|未(?:发生|有))[^，。；]{0,20}?(?:骗取|套取|虚报|冒领)"
                       r"|\bno\s+(?:record\s+of\s+)?(?:[a-z-]+,?\s+){0,4}?(?:fraud|false\s+claims)", re.I)
_CLAWED = re.compile(r"追回|收回|追缴|取消|claw|recover|repay|barred", re.I)
# ("重点支持名单内的展会", "fairs on the priority list": a list's name, no one favoured)
_PRIORITY = re.compile(
r"优先|同等条件下|重点支持(?!的?(?:名单|目录|清单))|priority(?!\s+(?:list|catalogue))|preference|precedence|preferential"
                       r"|ranked\s+(?:first|higher|ahead)|(?:come|go)\s+first", re.I)
_CLAUSES = re.compile(r"(?<=[，；,;])")
_SUBJECT = re.compile(r"企业|单位|项目|enterprises?|compan(?:y|ies)|firms?|applicants?|exporters?", re.I)
# A flat sum the benefit pays each firm ("The grant is RMB 30,000 per firm.", "每家企业奖励3万元"): what
# is given, not to whom (read by the rules when it names a kind of firm; never made an unknown by the model)
PER_FIRM = re.compile(r"(?:RMB|CNY|USD|US\$|\$|¥|yuan|dollars|元)\s?[\d,.]{0,12}\s?(?:million|thousand|k|m)?\s?"
                      r"(?:per|for\s+each|each|a)\s+(?:firm|enterprise|company|applicant|business|exporter|project"
                      r"|fair|booth|stand|participant)\b"
                      r"|(?:每家|每个|每户|单个|单家)(?:企业|单位|经营主体|项目)?[^，。；]{0,6}?(?:奖励|补助|补贴|资助|给予|奖补"
                      r"|最高|最多|不超过)"
                      r"\s?[\d一二三四五六七八九十两]", re.I)
TIER = re.compile(
r"instead\s+of|rather\s+than|reduced\s+to|(?:raised|increased)\s+to\s+\d|减半|上浮|下浮"
                  r"|按(?:上述|前述|本条|以上|该)?(?:标准|比例)的\s?\d{1,3}\s?[%％]|(?:提高|降低|增加|减少)\s?\d{1,2}\s?个百分点"
                  # "…cluster towns receive 10 percentage points more", "集群镇企业多补助10个百分点": a higher rate
                  r"|\b\d{1,2}\s?(?:more\s+)?percentage\s+points?\s+(?:more|higher|extra|less|lower|above|below)\b"
                  r"|(?:多|高|上浮)(?:补助|补贴|给予|支持)?\s?\d{1,2}\s?个百分点"
                  # a higher rate for some ("firms whose online sales reach USD 750,000 may receive 50%",
                  # "跨境销售额达到500万元的，可按40%给予补助"): a tier of the benefit, not who may apply
                  r"|\b(?:may|will|can|shall)\s+(?:then\s+)?(?:receive|get|be\s+(?:paid|granted|given))\s+(?:up\s+to\s+)?"
                  r"\d{1,3}\s?(?:%|per\s?cent)"
                  r"|的[，,]\s?(?:可)?(?:按|获得|享受)\s?\d{1,3}\s?[%％]\s?(?:的?比例)?(?:给予)?(?:补助|补贴|奖励|资助)"
                  # a sum for (first) reaching a mark ("…第一次达到2000万元…的，给予20万元奖励", "达到800万元（含）的，
                  # 奖励20万元", "Firms whose sales first pass RMB 1 billion receive …"): the award, no condition
                  r"|(?:(?:首次|第一次)(?:达到|突破|超过|迈上|跨越|进入)[^。；]{0,40}?的(?:企业)?[，,]?|(?:达到|突破|超过)[^，。；]{0,12}?[万亿]?元(?:[（(]含[)）])?(?:及?以上)?的[，,])\s?(?:分别)?(?:给予)?"
                  r"(?:一次性)?(?:奖励|补助|奖补)?\s?[\d一二三四五六七八九十两]{1,5}(?:\.\d{1,2})?\s?[万亿]?元"
                  r"|\b(?:first\s+(?:reach|pass|exceed|top|cross)(?:es|ed)?\b|(?:reach|pass|exceed|top)(?:es|ed)?\s+(?:RMB|CNY|USD|US\$|\$|¥)\s?"
                  r"[\d,.]{1,12}\s?(?:million|billion|thousand|m|k)?\b)[^.;]{0,80}?\b(?:receives?|gets?|(?:are|is|will\s+be)"
                  r"\s+(?:paid|awarded|given|granted))\s+(?:a\s+|an\s+)?(?:one-off\s+|one-time\s+)?(?:award|reward|bonus"
                  r"|(?:RMB|CNY|USD|US\$|\$|¥)\s?\d)"
                  # an award for being rated or named ("对评定为省级节水标杆企业的，一次性奖励50万元", "Firms named
                  # provincial water-saving benchmarks receive a one-off award of RMB 500,000"): the award, no condition
                  # or for a title or honour won ("新获国家级品牌荣誉的，一次性奖励30万元", "Firms newly winning a
                  # national brand title receive a one-off award of RMB 300,000")
                  r"|(?:评定|认定|评为|获评|命名|授予|入选|新获|荣获|获得?)[^。；]{0,30}?的(?:企业)?[，,]\s?(?:分别)?(?:给予)?"
                  r"(?:一次性)?(?:奖励|补助|奖补)\s?[\d一二三四五六七八九十两]"
                  r"|\b(?:rated|named|recogni[sz]ed|certified|designated|accredited|won|wins?|winning|earn(?:s|ed|ing)?"
                  r"|obtain(?:s|ed|ing)?|gain(?:s|ed|ing)?)\s(?:as\s)?[^.;]{0,80}?\b(?:receives?|gets?"
                  r"|(?:are|is|will\s+be)\s+(?:paid|awarded|given|granted))\s+(?:a\s+|an\s+)?(?:one-off\s+|one-time\s+)?"
                  r"(?:award|reward|bonus|(?:RMB|CNY|USD|US\$|\$|¥)\s?\d)",
                  re.I)


# A rate on what the firm spends ("设备投入200万元以上的，按设备投入的4%给予补助", "Firms whose equipment spending
# reaches RMB 2 million receive 4% of it"): what the money pays for and the tier's rate, no condition; unlike a
# tier it does not silence the whole sentence: the place it names is where applicants must be (see ``tier_place``)
SPEND_RATE = re.compile(r"(?:投入|投资|购置|采购)(?:额|总额|金额)?[^，。；]{0,8}?[万亿]元(?:及?以上)?的[，,]"
                        r"\s?(?:可)?按[^，。；]{0,12}?\d{1,3}(?:\.\d)?\s?[%％]"
                        r"|\b(?:investment|spending|outlay|purchases)\b[^.;]{0,60}?\b(?:receives?|gets?|(?:are|is)\s+"
                        r"(?:paid|granted|given|refunded))\s+(?:up\s+to\s+)?\d{1,3}(?:\.\d)?\s?(?:%|per\s?cent)", re.I)


def tier_place(text: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """What a sentence setting a rate on what the firm spends still asks: the place it names ("在柯桥区注册的企业
    设备投入200万元以上的，按4%给予补助" -> Keqiao). Its spending bound, its rate and the kinds of firm the rate is
    for ("规模以上…企业…的，按4%") are the benefit's tier, no condition; a sentence without such a rate asks nothing
    here (read as usual)."""
    if not SPEND_RATE.search(text) or TIER.search(text):
        return []
    return [c for c in conditions_in(text, issuer) if c["type"] == "region"]


# A sign-off: the issuer's name and the date, nothing else ("Shishi Knitwear Association, 3 March 2027",
# "某某纺织行业协会 2027年3月3日")
_EN_NAME = r"[A-Z][\w&'-]*(?:\s(?:[A-Z][\w&'-]*|of|and|the|for|on|&)){0,12}"
_SIGNED = re.compile(rf"^{_EN_NAME},\s?(?:\d{{1,2}}\s[A-Z][a-z]{{2,8}}\.?\s\d{{4}}"
                     r"|[A-Z][a-z]{2,8}\.?\s\d{1,2},?\s\d{4}|\d{4}-\d{2}-\d{2})\.?\s?$"
                     r"|^[\u4e00-\u9fff（）()、\s]{2,40}(?:局|厅|委员会|委|协会|商会|联合会|政府|中心|办公室|管委会|部|院)"
                     r"\s{0,3}\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日\s?$")


# A scoring line: a table row marked as earning points ("| 6 | 已获评省级智能制造示范车间 | 加分 |", "| Holds a
# provincial smart-factory title | Bonus points |") or a line that adds points ("获评省级绿色工厂的加5分",
# "earns 5 extra points"): it ranks applicants, it shuts none out
_SCORING = re.compile(r"(?:加分项?|计分项|评分项|bonus(?:\s+points?)?|extra\s+points?|plus\s+points?)[\s|。.]{0,4}$"
                      r"|加\s?\d{1,2}(?:\.\d)?\s?分|\b\d{1,2}\s(?:bonus|extra|additional)\s+points?\b", re.I)


# A step of sending the papers in by a date ("企业须于2026年11月28日前将申请表…报送…，过期不再受理", "Firms must
# send the form and payroll to the Bureau by 28 November; late papers are not accepted"): how to apply, nothing
# asked of the firm
_SUBMIT = re.compile(r"(?:将|把)[^。；]{0,40}?(?:申请表|申报表|申报书|申请书|材料|资料|花名册|证明|清单)[^。；]{0,40}?"
                     r"(?:报送|提交|递交|上报|报至|送至|交至|寄至|送达)|(?:过期|逾期)(?:后)?(?:不再|不予|概不|将不)(?:受理|接收|办理)"
                     r"|\b(?:send|submit|lodge|file|upload|deliver|hand\s+in)\s+(?:in\s+)?(?:the|its|their|an?|all)?\s?"
                     r"(?:[a-z-]+\s+){0,3}?(?:forms?|papers|documents|materials|application)\b[^.;]{0,80}?\b(?:by|before|no\s+later"
                     r"\s+than)\s|\blate\s+(?:applications|submissions|papers|forms)\s+(?:are|will)\s+not\s+be\s+(?:accepted"
                     r"|considered|processed)", re.I)


def never(text: str, head: str = "") -> bool:
    """Never a condition: fraud sanctions, no double funding, bonus and scoring lines, how applications are
    handled (``handling``), definitions, but for the one of whom the notice benefits ("本办法所称奖励对象，
    是指…的企业", or a term its title ``head`` names)."""
    if _BONUS.search(text) or _SIGNED.match(text) or POINTS_ON.search(text[-80:]) or _SCORING.search(text[-80:]) \
            or AWARD_ELSEWHERE.search(text) or paid_twice(text) or (_SUBMIT.search(text) and not conditions_in(text)) \
            or (_COST_SHARE.search(text) and PER_FIRM.search(text)) or handling(text):
        return True
    return bool(_NEVER.search(text)) and not (_DEFINES_WHO.search(text) or defines_beneficiary(text, head)
                                              or (_CLEAN_OF.search(text) and not _CLAWED.search(text)))


# A share of the costs capped per firm, opening its sentence ("Half of the eligible costs, net of VAT, up to RMB
# 20,000 per firm", "按实际费用的50%给予补助，每家企业最高2万元"): what is paid, not to whom
_COST_SHARE = re.compile(r"^\W{0,3}(?:half|a\s+third|a\s+quarter|two[-\s]thirds|three[-\s]quarters"
                         r"|\d{1,3}\s?(?:%|per\s?cent))"
                         r"\s+of\s+(?:the\s+)?(?:[a-z-]{3,12}\s+){0,2}?(?:costs?|expenses?|expenditures?|fees?|spending)\b"
                         r"|^\W{0,3}(?:按|给予)[^，。；]{0,16}?(?:费用|支出|费)的?\s?\d{1,3}\s?[%％]", re.I)


def defines_beneficiary(text: str, head: str) -> bool:
    """A definition of the term the notice's title (``head``) names: "本细则所称小微外贸企业，是指纳税申报地在
    绍兴市…的出口企业" under "关于小微外贸企业出口信用保险保费全额奖励的实施细则"."""
    m = _DEFINED.search(text[:400])
    term = (m["zh"] or m["en"] or m["en2"] or "").strip() if m else ""
    if len(term) < 2:
        return False
    folded = " ".join(head.lower().split())
    return term.lower() in folded


def without_priority(unit: Unit) -> Unit:
    """The unit without its priority clauses ("…的企业，重点支持首次开展改造的企业"): whom a notice favours
    is no condition; a unit that is only a priority line reads as nothing."""
    if not _PRIORITY.search(unit.text):
        return unit
    clauses = _CLAUSES.split(unit.text)
    favoured = [c for c in clauses if _PRIORITY.search(c)]
    if any(not _SUBJECT.search(c) for c in favoured):  # "首次申报的企业，在同等条件下优先支持": all of it
        return Unit("", unit.quote, unit.kind, unit.group, unit.option)
    kept = "".join(c for c in clauses if not _PRIORITY.search(c))
    if _TIE.search(kept):  # "…综合评分，评分相同的，" before whom it favours: how firms are ranked, nothing asked
        return Unit("", unit.quote, unit.kind, unit.group, unit.option)
    return Unit(kept.strip(), unit.quote, unit.kind, unit.group, unit.option)


# A tie-break ahead of a priority: "按…综合评分，评分相同的，…的企业优先", "where scores are equal, firms … come first"
_TIE = re.compile(r"(?:评分|得分|分数|排序|排名)(?:相同|相等|一致|持平)|同分"
                  r"|\b(?:scores?|rankings?|marks)\s+(?:are\s+|is\s+)?(?:equal|level|tied|the\s+same)\b"
                  r"|\btie[- ]?break|\bin\s+a\s+tie\b", re.I)
