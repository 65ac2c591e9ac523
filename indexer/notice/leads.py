"""What a list's lead-in asks: conditions or something else (papers, steps, tiers), every item or any one
of them, or exclusions ("企业有下列情形之一的，不予支持：", "none of the following applies to them:")."""

from __future__ import annotations

import re

__all__ = ["ANY", "ELIGIBLE_LEAD", "NEGATIVE_HEAD", "OTHER_LEAD", "SANCTION", "negative", "one_of"]

ELIGIBLE_LEAD = re.compile(r"条件|具备|符合|满足|资格|适用于|同时|eligib|conditions?|criteria|requirements?"
                            r"|\bmust\b|\bshall\b|\bshould\b|qualif|open\s+to|\bapply\b|\bmeet"
                            # "Participating companies need to:", "参加企业须：": what they need, before the list
                            r"|\bneeds?\s+to\s*[:：]\s*$|\b(?:have|has)\s+to\s*[:：]\s*$"
                            r"|(?:须|需|需要|必须|应当)[:：]\s*$", re.I)
OTHER_LEAD = re.compile(r"材料|资料|程序|流程|步骤|方式|标准|分档|计算|费用|优先|documents?|materials?|procedure|steps"
                         # "fairs on the priority list" names a list, no priority
                         r"|priority(?!\s+(?:list|catalogue))|preference|precedence"
                         r"|attach|submit|costs?|projects?\s+(?:cover|include)|support\s+(?:covers|includes)"
                         # the notice announcing its sections ("现将有关事项通知如下：" over "一、推荐范围"): no list
                         r"|(?:事项|事宜|工作)[^，。；：:]{0,6}?(?:通知|明确|公告|说明)如下[：:。]?\s*$"
                         r"|\b(?:matters|arrangements)\s+(?:are\s+)?(?:hereby\s+)?(?:notified|announced)\s+as\s+follows[:.]?\s*$",
                         re.I)
# "Every one of these must hold", "each one of the following": all of them, not any one
ANY = re.compile(r"之一|其中一|任一|任意一|任何一|一项即可|中的?一项|any\s+(?:one\s+)?of|either|at\s+least\s+one"
                  r"|(?<!every\s)(?<!each\s)one\s+of\s+(?:the|these|those)\b", re.I)
_NEGATIVE_LEAD = re.compile(
    r"(?:下列|以下|如下)(?:情形|情况|行为|企业|单位|事项|项目)?(?:之一|中的任何一[种项个])?[^。；]{0,30}?"
    r"(?:不予|不得|不能|不再|不享受|不列入|不纳入|不属于|不在|取消[^，。；：:]{0,6}资格|无[^，。；：:]{0,4}资格)"
    r"|(?:不予|不得|不能)(?:支持|申报|受理|补助|奖励|资助|享受|申请)[^。]{0,6}[:：]\s*$"
    # "申报企业不得存在以下情形：", "Applicants must not:": the verb before the list
    r"|(?:不得|不能|不应|不可)(?:存在|有|出现|具有)[^。；：:]{0,6}(?:下列|以下|如下)(?:情形|情况|行为|问题)"
    r"|\b(?:must|shall|should|may)\s+not(?:\s+(?:have|be))?\s*[:：]\s*$"
    r"|none\s+of\s+the\s+following|(?:the\s+following|applicants?|enterprises?|companies|firms)[^.:]{0,60}?"
    r"\b(?:are|is|shall\s+be|will\s+be)\s+(?:not\s+eligible|ineligible|excluded|not\s+supported|not\s+covered)"
    r"|(?:the\s+following|applicants?|enterprises?|companies|firms)[^.:]{0,60}?\b(?:will|shall|may|can)\s+not\s+be\s+"
    r"(?:supported|funded|covered|accepted|considered|eligible)"
    r"|\b(?:cannot|may\s+not|shall\s+not)\s+apply\s+if|\bexcluded\s+if|not\s+be\s+accepted\s+from"
    r"|\b(?:does|do|will|shall)\s+not\s+(?:fund|cover|support|subsidi[sz]e|pay\s+for)\b"
    r"|\b(?:support|funding|grants?|subsid\w{0,4}|aid)\s+(?:will|shall|is|are)\s+not\s+(?:be\s+)?(?:given|granted"
    r"|paid|provided|available)"
    r"|\bnot\s+(?:be\s+)?(?:funded|covered)\b[^.:]{0,20}?(?:following|below)"
    # any lead-in ending in ":" that says the applicant is shut out, in whatever order ("A firm is not eligible
    # where:", "Applications will be rejected from any of the following:", "Firms in any of the situations
    # below will not be supported:")
    r"|\b(?:not\s+(?:be\s+)?(?:eligible|supported|funded|accepted|considered|admitted|granted|qualify)"
    r"|ineligible|rejected|refused|excluded|barred|disqualified|turned\s+down"
    r"|(?:cannot|can\s+not|may\s+not|shall\s+not|must\s+not)\s+(?:apply|take\s+part|participate|claim))\b"
    r"[^.:：]{0,60}[:：]\s*$", re.I)
# "须满足以下要求，缺少任意一项不予受理", "an application missing any one of them is turned down": every item
# required, said from the side of the one missing; neither exclusions nor alternatives
_MISSING = re.compile(r"(?:缺少|缺失|欠缺|缺)(?:其中)?(?:任意|任何|任)?一(?:项|条|个)?|一项不(?:符合|满足|具备)"
                      r"|\b(?:missing|lacking|lacks?|fail(?:s|ing)?(?:\s{1,3}to\s{1,3}meet)?)"
                      r"\s{1,3}(?:any\s{1,3}(?:one\s{1,3})?of|one\s{1,3}of|any\s{1,3}(?:single\s{1,3})?(?:one|item|condition))",
                      re.I)
_NOT_NEGATIVE = re.compile(r"(?:不|未)(?:符合|满足|具备|达到)|追回|收回|追缴|弄虚作假|骗取|材料|资料"
                           r"|not\s+meet|fraud|recover|repay|documents?|papers|materials|(?:do|does)\s+not\s+"
                           r"(?:include|contain|provide|attach|submit)|\bwithout\b", re.I)
SANCTION = re.compile(r"追回|收回|追缴|取消[^，。；]{0,6}资格|弄虚作假|骗取|fraud|recover|repay|claw\s?back", re.I)


def negative(lead: str) -> bool:
    """A lead-in of exclusions: "企业有下列情形之一的，不予支持：", "provided that none of the following
    applies to them:". Its items are what an applicant must not be, all of them (之一 there makes
    any one enough to be shut out); "不符合下列条件的…不予受理" and fraud sanctions are not."""
    return bool(_NEGATIVE_LEAD.search(lead)) and not _NOT_NEGATIVE.search(lead) and not _MISSING.search(lead)


def one_of(lead: str) -> bool:
    """A lead-in asking any one of its items ("符合下列条件之一"), not one saying what missing any one costs."""
    return bool(ANY.search(_MISSING.sub("", lead)))


# "下列企业可以申报：（一）…的家纺生产企业；（二）…的家纺贸易企业", "The following enterprises may apply:
# 1. home textile manufacturers …; 2. home textile traders …": each item a kind of applicant, any one of them
_KINDS_LEAD = re.compile(r"(?:下列|以下|如下)(?:企业|单位|主体|经营主体|经营户)[^。；：:]{0,10}?(?:可|均可|可以|能)"
                         r"|\bthe\s+following\s+(?:enterprises|companies|firms|businesses|applicants|exporters"
                         r"|manufacturers)\s+(?:may|can|are\s+eligible|qualify)", re.I)
_ALL = re.compile(r"同时|全部|均须|每一?项|\ball\b|\bevery\b|\beach\b", re.I)
_KIND_ITEM = re.compile(r"(?:企业|单位|公司|经营户|主体|工厂)[。；;.]?\s*$"
                        r"|^(?:[\w-]+\s){0,4}(?:enterprises|companies|firms|manufacturers|makers|traders|exporters"
                        r"|producers|businesses|SMEs)\b", re.I)


def kinds_of_applicant(lead: str, items: list[str]) -> bool:
    """A lead-in naming applicants ("下列企业可以申报：", "The following enterprises may apply:") over two or
    more items that each name a kind of firm: alternatives, though the lead-in says no "之一" or "any"."""
    return bool(_KINDS_LEAD.search(lead)) and not _ALL.search(lead) and len(items) >= 2 \
        and all(_KIND_ITEM.search(i.strip()) for i in items)


# A heading over a list of who is shut out ("不予支持的情形", "Exclusions", "Who cannot apply")
NEGATIVE_HEAD = re.compile(r"不予(?:支持|受理|补助|申报)|不得申报|不能申报|负面清单"
                           r"|不(?:属于|在)[^，。；]{0,4}(?:支持|补助)(?:对象|范围)|取消[^，。；]{0,4}资格"
                           r"|exclusions?\b|^\W{0,3}excluded\b|ineligib|not\s+eligible|not\s+covered|不(?:能|得|可)申请"
                           r"|^\W{0,3}not\s+(?:funded|supported)\b"
                           r"|disqualif"
                           r"|\b(?:cannot|can\s+not|may\s+not)\s+apply", re.I)
