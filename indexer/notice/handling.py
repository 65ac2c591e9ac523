"""Lines on how applications are handled, which ask nothing of who may apply: how often a firm may apply
("Each company may apply once per year.", "每家企业每年度限申报一次"), earlier applicants applying again
("Earlier applicants, successful or not, may apply again.", "往年已申报的企业可再次申报"), what applications
are scored on ("Projects were scored on how far they would change the business", "项目按…进行评分"), first-timers
and others all welcome (``welcome``), how several projects are counted ("企业有多个项目…的，合并计算投资额"),
what the money does not pay for ("Training not directly related to the trainee's job will not be
approved"), a step first-timers take ("首次申请的企业，须先在…系统完成注册") and the record that decides with what
follows when a check finds it wrong ("专项减免以…名录为准，核实不符的按原价补收"). A line that bars earlier
grantees ("以往年度已获得…补助的企业，本次不得申报") is another matter (a first time,
``indexer.notice.conditions``). Bounded patterns.
"""

from __future__ import annotations

import re

from indexer.notice.conditions import conditions_in
from indexer.notice.firsts import ALL_WELCOME, STEP

__all__ = ["MAX_TEXT", "handling"]

MAX_TEXT = 300

_FIRM = r"(?:compan(?:y|ies)|firms?|enterprises?|applicants?|business(?:es)?|exporters?|employers?)"
_TIMES = r"(?:once|twice|one\s+time|two\s+times|(?:one|two|three|\d)\s+(?:applications?|times))"
_HOW_OFTEN = re.compile(
    # "Each company may apply once per year", "A firm can submit one application a round"
    rf"^\W{{0,3}}(?:each|every|an?|any)\s+{_FIRM}\s+(?:may|can|is\s+allowed\s+to|is\s+able\s+to)\s+"
    rf"(?:apply|submit|put\s+in|make)\s+(?:(?:an?|one)\s+application\s+)?{_TIMES}?\s*"
    r"(?:(?:per|a|each|in\s+(?:a|each|any))\s+(?:year|round|call|calendar\s+year|funding\s+round))\b"
    # "每家企业每年度限申报一次", "每个企业每年只能申请1次"
    r"|(?:每家|每个|每一|同一|单个)(?:企业|单位|申报主体|申请人)[^，。；]{0,4}?(?:每年|每年度|每批|每轮|每期|年度内)"
    r"[^，。；]{0,4}?(?:限|只能|仅限|最多|可)(?:申报|申请|报名)?\s?[一1](?:次|项)", re.I)
_AGAIN = re.compile(
    # "Earlier applicants, successful or not, may apply again", "Firms turned down before can reapply"
    rf"^\W{{0,3}}(?:earlier|previous|past|former|unsuccessful|prior)\s+(?:{_FIRM}|entrants)\b[^.;]{{0,60}}?"
    r"\b(?:may|can|are\s+(?:welcome|free|allowed)\s+to)\s+(?:apply\s+again|re-?apply|reapply|try\s+again)\b"
    rf"|^\W{{0,3}}[^.;]{{0,40}}?\b{_FIRM}\s+(?:(?:that|who|which)\s+(?:were\s+|have\s+)?)?(?:applied|turned\s+down"
    # "Businesses that received a grant in an earlier round may apply again for a new project"
    r"|received|won|got|obtained|awarded|granted|funded|supported"
    r"|unsuccessful|refused)\b[^.;]{0,60}?\b(?:may|can)\s+(?:apply\s+again|re-?apply|reapply)\b"
    # "往年已申报的企业可再次申报", "以前申报未获支持的企业可以重新申报", "往年已获得补助的企业可就新项目再次申报"
    r"|(?:往年|以往|此前|以前|之前|上一?年度?|往届)[^，。；]{0,16}?(?:申报|申请|获得|获|享受|得到)[^，。；]{0,12}?(?:的)?"
    r"(?:企业|单位)?"
    r"[，,]?[^，。；]{0,6}?(?:可|可以|均可|仍可)(?:就[^，。；]{1,8}?)?(?:再次|重新|继续)(?:申报|申请)", re.I)


# "Projects were scored on how far …", "Applications are ranked on …", "申报项目按创新性、可行性等进行评分"
_SCORED = re.compile(r"^\W{0,3}(?:projects?|applications?|proposals?|bids?|plans?)\s+(?:are|were|will\s+be)\s+"
                     r"(?:scored|ranked|assessed|marked|rated|judged)\s+(?:on|by|against|according\s+to)\b"
                     r"|^\W{0,3}(?:申报)?(?:项目|申请|方案)[^，。；]{0,6}?(?:按|根据|依据)[^。；]{2,40}?(?:评分|打分|排序)",
                     re.I)


# How a firm's size is judged ("企业规模依照《中小企业划型标准规定》认定", "Firm size is determined under the national
# SME classification rules") and kinds of firm handled by another notice ("大型企业的稳岗返还另行通知", "large
# enterprises will be covered by a separate notice"): a line made only of such clauses asks nothing
_JUDGED = re.compile(r"^\W{0,3}(?:企业)?(?:规模|类型|划型|大中小微(?:企业)?)[^，。；]{0,6}?"
                     r"(?:依照|按照|依据|根据|参照|按)[^，。；]{1,40}?(?:认定|确定|划分|界定|执行)\W{0,2}$"
                     r"|^\W{0,3}(?:(?:the\s+)?(?:size|category)\s+of\s+(?:an?\s+|the\s+)?(?:firm|company|enterprise|business)"
                     r"|(?:firm|company|enterprise|business)\s+size)\s+is\s+(?:determined|judged|assessed|defined|classified)"
                     r"\s+(?:under|by|according\s+to|in\s+line\s+with|using)\b[^;]{0,80}$", re.I)
_ELSEWHERE = re.compile(r"^[^，。；]{0,24}?(?:另行(?:通知|发文|部署|安排|组织)|另文(?:通知|下发|部署))\W{0,2}$"
                        r"|^[^;]{0,60}?\b(?:will\s+be|are|is|shall\s+be)\s+(?:covered|handled|dealt\s+with|announced|supported)"
                        r"\s+(?:by|in|under|through)\s+(?:a\s+)?(?:separate|another|later|different)\s+(?:notice|call|circular"
                        r"|round|scheme)\b\W{0,2}$", re.I)
# A later, higher award topped up ("此后再被认定为省级、国家级绿色工厂的，按差额补足", "A firm later recognised at
# national level is paid the difference"): what is paid then, asking nothing now
_TOP_UP = re.compile(r"(?:按|以)差额(?:予以|给予)?补(?:足|齐|发)\W{0,2}$|补(?:足|齐)差额(?:部分)?\W{0,2}$"
                     r"|\b(?:is|are|will\s+be)\s+(?:paid|given|awarded)\s+the\s+difference\b[^;]{0,40}$"
                     r"|\bthe\s+difference\s+(?:is|will\s+be)\s+(?:paid|topped\s+up|made\s+up)\b[^;]{0,40}$", re.I)
_CLAUSES = re.compile(r"[，,；;。]|\.(?:\s|$)")
# How several projects are counted ("企业有多个项目纳入上述类别的，合并计算投资额、合并申报", "A firm with more than one
# project in these categories adds their investment together in one application"): how a claim is made up
_SUMMED = re.compile(r"多个(?:项目|展会|合同|订单)[^。；]{0,30}?合并(?:计算|申报|统计|核定)"
                     r"|\b(?:several|multiple|more\s+than\s+one|two\s+or\s+more)\s+(?:projects?|fairs?|contracts?)\b[^.;]{0,80}?"
                     r"\b(?:adds?|added|counts?|counted|sums?|summed|combines?|combined|pools?|pooled)\b[^.;]{0,40}?\btogether\b"
                     r"|\b(?:several|multiple|more\s+than\s+one|two\s+or\s+more)\s+(?:projects?|fairs?|contracts?)\b[^.;]{0,80}?"
                     r"\b(?:are|is|will\s+be)\s+(?:combined|summed|added\s+up|counted\s+as\s+one)\b", re.I)
# What the money does not pay for ("Training not directly related to the trainee's job will not be approved",
# "与岗位无关的培训费用不予补贴"): a cost left out, nothing asked of the firm
_NOT_PAID = re.compile(r"^\W{0,3}(?:training|courses?|costs?|expenses?|expenditure|spending|fees)\b[^.;]{0,80}?"
                       r"\b(?:will|shall|does|do|can|is|are)\s?(?:not|n't)\s+(?:be\s+)?(?:approved|funded|reimbursed|covered"
                       r"|supported|paid|subsidi[sz]ed|eligible)\b"
                       r"|^\W{0,3}[^，。；]{0,30}?(?:培训|课程|费用|支出|开支)(?:项目)?(?:一律|均)?(?:不予|不得|不能|不)(?:补贴|补助"
                       r"|报销|支持|列支|资助|核销)", re.I)

# The record that decides ("以企业提交的划型声明和历届展商名录为准", "is judged on the size declaration the firm
# submits") and what follows when a check finds it wrong ("核实不符的按原价补收", "where a check finds otherwise,
# the full price is charged"): a line made only of these asks nothing of its own
_DECIDES = re.compile(r"以[^，。；]{2,40}?为(?:准|依据)\W{0,2}$"
                      r"|^\W{0,3}[^;]{0,60}?\b(?:is|are|will\s+be)\s+(?:judged|decided|determined|checked|verified)\s+"
                      r"(?:on|by|against|from|using)\s+[^;]{0,80}?\b(?:declarations?|records?|lists?|registers?|certificates?"
                      r"|statements?)\b[^;]{0,30}$", re.I)
_IF_WRONG = re.compile(r"(?:经|如|若)?(?:核实|核查|查实|审核|抽查|复核)[^，。；]{0,6}?"
                       r"(?:不符|不实|有误|虚假|不一致)(?:的|者)[，,]?[^，。；]{0,20}?(?:补收|补缴|追回|收回|取消|退回|按原价|全额收取)[^，。；]{0,12}\W{0,2}$"
                       r"|\b(?:where|if|when|should)\s+(?:a\s+|the\s+|any\s+)?(?:check|verification|review|audit)\s+"
                       r"(?:finds?|shows?|reveals?)\s+(?:otherwise|[^,;.]{0,40}?\b(?:false|wrong|untrue|incorrect|inaccurate))\b"
                       r",?\s+[^;]{0,60}?\b(?:charged|recovered|reclaimed|repaid|withdrawn|cancell?ed|clawed\s+back|paid\s+back)\b"
                       r"[^;]{0,20}$", re.I)


def decided_by_record(text: str) -> bool:
    """A line saying only which record decides and what follows when a check finds it wrong (``_DECIDES``,
    ``_IF_WRONG``)."""
    t = text[:MAX_TEXT].strip()
    wrong = _IF_WRONG.search(t)
    if wrong is None:
        return False
    clauses = [c.strip() for c in re.split(r"[，,；;。]|\.(?:\s|$)", t[:wrong.start()]) if c.strip()]
    return all(_DECIDES.search(c) for c in clauses) and not conditions_in(t)


def judged_or_elsewhere(text: str) -> bool:
    """A line saying only how size is judged and which kinds another notice handles (``_JUDGED``, ``_ELSEWHERE``)."""
    clauses = [c.strip() for c in _CLAUSES.split(text[:MAX_TEXT]) if c.strip()]
    return bool(clauses) and all(_JUDGED.search(c) or _ELSEWHERE.search(c) for c in clauses)


# The project, not the firm: its schedule ("建设期原则上不超过两年，应于2028年年底前建成投产", "Projects must be
# started and finished within the 2026 calendar year"), which year's papers to provide; and an award tier by
# size ("Businesses with 1 to 5 employees receive RMB 20,000, those with 6 to 15 …": how much, not who).
_PROJECT = re.compile(r"建设期|建成投产|提供\d{4}年[^。；]{0,12}?的材料"
                      r"|\bprojects?\s+must\s+be\s+(?:started|begun|completed|finished)\b"
                      r"|\breceive\s+(?:RMB|CNY|US\$|\$)\s?[\d,]+,\s+those\s+with\b", re.I)


def handling(text: str) -> bool:
    """A line on how often a firm may apply, on earlier applicants applying again, or on what applications are
    scored on, or one saying only how size is judged and who is handled elsewhere, or a later award topped up, or
    how several projects are counted, what the money does not pay for, a step first-timers take before applying
    or the record that decides (``text`` cut to MAX_TEXT)."""
    t = text[:MAX_TEXT]
    return bool(_HOW_OFTEN.search(t) or _AGAIN.search(t) or _SCORED.search(t) or _PROJECT.search(t)) \
        or welcome(t) or judged_or_elsewhere(t) \
        or decided_by_record(t) \
        or bool(_TOP_UP.search(t)) or (bool(_SUMMED.search(t) or _NOT_PAID.search(t) or STEP.search(t))
                                       and not conditions_in(t))


def welcome(text: str) -> bool:
    """First-timers named among other kinds of firm, all welcome ("Businesses that have never exported, … and
    experienced exporters … are all welcome", "首次参展和多次参展的企业均可申报"), asking nothing else."""
    return bool(ALL_WELCOME.search(text[:MAX_TEXT])) and not conditions_in(text[:MAX_TEXT])
