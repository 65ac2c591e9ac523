"""What marks a sentence as one about who may apply, and what a notice's shape says of it.

``WHO``: a sentence naming who may apply or who benefits ("…的企业可以申报", "Enterprises … are
eligible", "The support … goes to …", "…税收缴纳地在慈溪市的外贸企业，可纳入统保平台", "The scheme serves
firms whose …"); ``ASKS`` and ``REQUIRE``: one that asks something of the applicant; ``POINTER``:
one that points to a list or annex instead of stating; ``BOUND``: a bound of something; ``SCOPE``: an
item of a list of exclusions that shuts out a kind of event or spending, not of applicant.
``sectioned``: a notice in numbered sections. Every pattern is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.notice.numbering import mark_of
from indexer.notice.structure import Block

WHO = re.compile(
    r"可以?(?:申报|申请|享受|申领|领取)|均可|予以(?:支持|补助|奖励)|给予[^，。；]{0,12}(?:支持|补助|奖励|资助|补贴)|申报条件|申请条件|支持对象|扶持对象"
    r"|补助对象|奖励对象|资助对象|适用于|须|应当?具备|必须|申请企业|申报企业|申报单位|申请单位|申请人|对象为|受益|惠及"
    r"|may\s+apply|can\s+apply|eligib|(?:is|are)\s+open\s+to|appl(?:y|ies)\s+to|go(?:es)?\s+to|(?:is|are)\s+available\s+to"
    r"|entitled|qualif|applicants?\s+(?:must|shall|should)|\bmust\s+be\b|\bshall\s+be\b|\breceive|recipients?\s+of"
    r"|beneficiar|covers?\s+(?:[\w-]+\s+){0,6}?(?:enterprises|companies|firms|exporters|manufacturers|producers"
    r"|businesses|SMEs)\b|面向|(?:申请|申报)[\u4e00-\u9fff]{0,6}的(?:企业|单位|主体)"
    r"|对象[^。；]{0,4}?(?:是指|系指|指)"
    # "…税收缴纳地在慈溪市的外贸企业，可纳入统保平台": whom the scheme takes in, by what it gives them
    r"|仅限|只限|限于"
    r"|可(?:纳入|参加|参与|获得|享有|列入)|的[\u4e00-\u9fff]{0,8}(?:企业|单位|主体)[，,]?\s?(?:均|方|即|才)?(?:可|能)"
    r"|(?:申报|申请|参评|参展)主体|应当?为|须为|需为|鼓励[^，。；]{0,30}?(?:企业|单位)[^，。；]{0,6}?(?:申报|申请|参加)"
    r"|\btargets?\s+(?:[\w-]+\s+){0,3}?(?:enterprises|companies|firms|exporters|manufacturers|makers|producers"
    r"|businesses|SMEs)\b"
    r"|\b(?:scheme|programme|program|grant|fund|support|subsidy|aid)\s+is\s+(?:only\s+|intended\s+)?for\b"
    r"|\b(?:are|is)\s+covered\b|\bqualify\b|\bonly\s+(?:enterprises|companies|firms|businesses|SMEs)\b"
    r"|\b(?:are|is)\s+welcome|\bserves\s+(?:[\w-]+\s+){0,3}?(?:enterprises|companies|firms|exporters|manufacturers"
    r"|businesses|SMEs)\b|\b(?:intended|meant|designed)\s+for\b|\baimed\s+at\b"
    r"|\b(?:can|may|will|could|shall)\s+benefit\b|\bbenefit\s+from\s+th(?:is|ese)\b"
    # "Firms registered in Ningbo … can claim half the booth fee", "… may be granted a subsidy"
    r"|\b(?:can|may|will|could|shall)\s+(?:claim|obtain|be\s+(?:granted|paid|given|reimbursed|subsidi[sz]ed|funded"
    r"|supported))\b"
    # "They should have exported no more than …", "They need to have had no customs penalty …"
    r"|\b(?:should|need\s+to|needs\s+to|have\s+to|has\s+to)\s+(?:not\s+)?(?:be|have|employ|export|hold|make|operate"
    r"|pay|own)\b"
    # "Support is limited to …", "The district supports textile exporters …" (not "X can only apply if Y": X or Y)
    r"|\b(?:is|are)\s+(?:limited|restricted|confined)\s+to\b"
    r"|\bsupports\s+(?:[\w-]+\s+){0,4}?(?:enterprises|companies|firms|exporters|manufacturers|makers|producers"
    r"|businesses|SMEs)\b|\b(?:participation|eligibility)\s+(?:also\s+)?requires\b", re.I)
REQUIRE = re.compile(r"须|应|需|必须|要求|具有|具备|符合|满足|取得|持有|获得|已|未|不得|可以?申|"
                      r"must|shall|should|required|need|hold|have|has|be\s+recogni[sz]ed|may\s+apply|eligib", re.I)
ASKS = re.compile(r"申请条件|申报条件|须|应当?具备|必须|eligib|may\s+apply|can\s+apply|qualif|\bmust\b"
                   r"|\bshall\b", re.I)
# The lines that point elsewhere instead of stating, in one place: ``TO_ANNEX`` sends the reader to the
# annex ("申报主体须符合的全部条件载于附件1", "详见附件2", "the conditions are set out in Annex 1": the annex
# states the conditions, read by ``indexer.notice.annex``); ``POINTS_ON`` ends by announcing the list that
# follows ("须同时满足下列各项条件。", "must meet all five tests below."; "以下" alone is a bound, "300人以下。",
# so the Chinese needs the word for the list): no condition itself; ``POINTER``
# holds both and any other mention of a list or table below ("the table below", "下列"), anywhere in the line.
TO_ANNEX = re.compile(r"(?:载于|详见|见|列于|列明于|附于)\s?附件|附件所列|(?:set\s+out|listed|given|specified|found)"
                      r"\s+in\s+(?:the\s+)?(?:annex|attachment|appendix)|\bsee\s+(?:the\s+)?(?:annex|attachment|appendix)"
                      # "申报对象及条件，按附件1《申报条件》执行", "以附件2为准", "as laid down in Annex 1"
                      r"|(?:按|按照|依照|依据|参照|以)\s?附件\s?[\d一二三四五六七八九十]{0,2}[^。；]{0,30}?(?:执行|办理|为准|确定)"
                      r"|\b(?:in\s+accordance\s+with|as\s+(?:provided|laid\s+down|stated|defined|prescribed)\s+in"
                      r"|governed\s+by)\s+(?:the\s+)?(?:annex|attachment|appendix)\b", re.I)
POINTS_ON = re.compile(r"(?:(?:以下|下列)(?:各项|几项|[\d一二三四五六七八九十]{1,2}项)?"
                       r"(?:条件|要求|标准|情形|内容)|如下)"
                       r"[。.]?\s*$"
                       r"|\b(?:tests?|conditions?|criteria|requirements?|points?|items?|rules?)\s+(?:listed\s+"
                       r"|set\s+out\s+|given\s+)?below\s*\.?\s*$|\bas\s+follows\s*\.?\s*$"
                       r"|\bthe\s+following\s*\.?\s*$", re.I)
POINTER = re.compile(r"下列|如下|下表|以下(?:条件|要求|情形|各项|标准|所列)|详见|the\s+following|as\s+follows"
                     r"|(?:table|list|conditions|requirements|criteria|box(?:es)?|points|items)\s+below|listed\s+below"
                     # "provided they meet all of the conditions in this section", "符合本节所列条件的"
                     r"|(?:conditions|requirements|criteria|tests)\s+(?:set\s+out\s+|listed\s+)?in\s+this\s+(?:section|part)"
                     r"|本(?:节|部分)所列"
                     rf"|{TO_ANNEX.pattern}", re.I)
BOUND = re.compile(r"\d\s?(?:%|％|个月|年|万|亿|人|名)?\s?(?:以上|以下|以内|or\s+more|or\s+above|and\s+above)"
                    r"|(?:不低于|不少于|不超过|不高于|超过|达到|at\s+least|more\s+than|(?:no|not)\s+(?:less|more)\s+than)"
                    r"\s?\S{0,6}\d", re.I)


# An item of a list of exclusions that shuts out a kind of event or spending, not a kind of applicant
# ("- fairs held in the Chinese mainland.", "境内举办的展会；", "已获其他财政资金支持的费用"): the scope of
# the support, which no company profile answers.
SCOPE = re.compile(r"^\W{0,3}(?:any\s+|the\s+)?(?:(?:trade\s+)?fairs?|exhibitions?|shows?|events?|costs?|expenses?"
                    r"|showrooms?|booths?|stands?|stores?|warehouses?"
                    r"|spending|expenditures?|purchases?|travel|items?|activities)\b"
                    r"|(?:展会|展览会?|博览会|交易会|活动|费用|支出|开支)[。；;.]?\s?$"
                    # an excluded project ("（二）单纯购置土地、新建厂房的项目；"): what is not funded, not who
                    r"|的(?:同一)?项目[。；;.]?\s?$", re.I)


# In a notice (``sectioned``), a noun phrase of the applicant by its registration or tax is a
# who-sentence too ("注册登记地和税收缴纳地均在秀洲区的规上工业企业，…"); in news it is a statistic
# ("柯桥区注册的纺织企业超过1万家").
WHO_IN_NOTICE = re.compile(r"(?:注册|登记|税收|纳税|统计关系)[^。；]{0,40}?的[\u4e00-\u9fff]{0,10}"
                           r"(?:企业|单位|经营主体)")

# The applicant's clean record asked in a numbered paragraph of its own, no who-words ("三、企业自2024年1月1日
# 至申报时不得有超标排放、环境违法等情况，…", "Applicants must have had no environmental violations since …")
RECORD = re.compile(r"(?:企业|单位|申请人)[^。；]{0,30}?(?:不得(?:有|存在|发生)|须无|应无|不能有|不应有)"
                    r"[^。；]{0,30}?(?:违法|违规|处罚|事故|失信|超标排放)"
                    r"|\b(?:applicants?|firms?|compan(?:y|ies)|business(?:es)?|enterprises?)\b[^.;]{0,40}?"
                    r"\b(?:must|shall|should)\s+(?:not\s+have|have\s+(?:had\s+)?no)\b[^.;]{0,60}?"
                    r"(?:violation|breach|penalt|offen[cs]e|fine)", re.I)


def sectioned(blocks: Sequence[Block]) -> bool:
    """A text in numbered sections or articles ("一、承保机构", "2. Eligibility", "第二条 …"): a notice, not
    news whose web page has headings of its own ("Next In Business News") or bullet points."""
    marks = [mark_of(b.text) for b in blocks if b.kind == "heading" or (b.kind == "item" and b.level <= 1)]
    return sum(1 for m in marks if m and m[0] in _SECTION_MARKS) >= 2


_SECTION_MARKS = ("zh_top", "article", "en_article", "digit", "roman")
