"""Mentions of a first time that ask for none: a title had for the first time ("首次被认定为省级绿色工厂": a new
title the notice rewards), and first-timers put beside the others and treated alike ("首次参展企业与再次参展企业
同等对待", "不论是否首次参展", "first-time and returning exhibitors are treated alike", "whether or not it has
exhibited before"; "Businesses that have never exported, … and experienced exporters are all welcome"), and a
step first-timers take before applying ("首次申请的企业应当先…备案", "first-time
applicants must first register …"), and the first time of the people a firm hires ("招用…首次参加社会保险的人员",
"hires people insured for the first time"). ``asks_no_first`` blanks them before a first-time condition is looked
for. Bounded patterns.
"""

from __future__ import annotations

import re

__all__ = ["ALL_WELCOME", "EARLIER_AWARD", "NONE_BEFORE", "STEP", "asks_no_first"]

MAX_TEXT = 400

_TITLE_FIRST = re.compile(r"首次(?:被)?(?:认定|评为|获评|评定|入选|命名|认证)"
                          r"|\b(?:named|recogni[sz]ed|certified|designated|accredited|rated)\s(?:as\s)?[^.;]{0,60}?"
                          r"\bfor\s+the\s+first\s+time\b"
                          r"|\bnewly\s+(?:named|recogni[sz]ed|certified|designated)\b", re.I)

_ALIKE = re.compile(
    r"(?:不论|无论|不管|不限|不区分)(?:是否)?(?:为)?[^，。；]{0,8}?(?:首次|第一次|初次)"
    r"|(?:首次|第一次|初次)[^，。；]{0,12}?(?:和|与|及|或)[^，。；]{0,12}?(?:再次|多次|往届|以往|老|非首次)[^，。；]{0,12}?"
    r"(?:同等|一视同仁|同样|均可|一样|不作区分|不加区分)"
    r"|\b(?:regardless|irrespective)\s+of\s+whether\b[^.;]{0,60}?\b(?:first\s+time|first-time|before|previously)\b"
    r"|\bwhether\s+or\s+not\b[^.;]{0,60}?\b(?:first\s+time|first-time|before|previously)\b"
    r"|\bfirst[-\s]time\b[^.;]{0,40}?\b(?:and|or)\s+(?:returning|repeat|regular|previous|experienced|existing|past)\b"
    r"[^.;]{0,60}?\b(?:alike|equally|the\s+same|in\s+the\s+same\s+way|both\s+(?:qualify|eligible|apply)|no\s+difference)\b",
    re.I)
# First-timers named among other kinds, all welcome ("从未出口的企业、偶有出口的企业和开拓新市场的成熟出口企业均可
# 申报", "Businesses that have never exported, …, and experienced exporters … are all welcome"): no first time asked,
# and nothing else (``indexer.notice.handling``)
ALL_WELCOME = re.compile(
    r"(?:首次|第一次|初次|从未|未曾)[^。；]{0,40}?(?:和|与|及|以及)[^。；]{0,40}?(?:均|都)(?:可|可以|欢迎|能)"
    r"(?:申报|申请|参加|报名)?"
    r"|\b(?:first[-\s]time|never\s+(?:before\s+)?(?:exported|exhibited|applied))\b[^.;]{0,120}?\s(?:and|or)\s[^.;]{1,80}?"
    r"\b(?:are\s+all|all\s+are|are\s+(?:all\s+)?equally|may\s+all|can\s+all)\s+(?:welcome|eligible|invited|apply)\b",
    re.I)
# a step first-timers take before applying ("首次申请的企业应当先在镇经济发展局完成企业基本信息备案", "First-time
# applicants must first register their company details with the bureau"): what they do, asked of no one
STEP = re.compile(r"(?:首次|第一次|初次)(?:申请|申报|参加)的(?:企业|单位|申请人)[，,]?[^，。；]{0,6}?"
                   r"(?:应当|应|须|需|需要|要)(?:先|首先|事先|提前)"
                   # "首次申请的企业，须先在…完成注册", "First-time applicants, before anything else, must register …"
                   r"|\bfirst[-\s]time\s+(?:applicants?|claimants?),?(?:\s[^.;,]{1,30},)?\s+(?:must|should|need\s+to|shall"
                   r"|are\s+asked\s+to)"
                   r"\s+(?:first\s+)?(?:register|file|complete|submit|create|open|set\s+up|record|enrol)", re.I)


# More ways of saying a first time: a title or list not yet had ("尚未列入工业和信息化部绿色工厂名单", "not yet on the
# national green factory list"; no credit or size register: "尚未纳入规模以上工业统计" is the size), and no
# exports before a date ("have made no export sales before 2026", "has not exported before")
_NO_LIST = r"(?:(?!失信|黑名单|异常|规模以上|规上|统计)[^，。；]){0,30}?(?:名单|名录|目录)"
NONE_BEFORE = re.compile(
    rf"(?:尚未|还未|暂未)(?:被)?(?:列入|纳入|入选|认定为|评为|获评){_NO_LIST}"
    r"|\bnot\s+(?:yet|already)\s+(?:been\s+)?(?:on|in|listed\s+(?:on|in)|included\s+(?:on|in)|named\s+(?:on|in))\s+"
    r"(?![^.;]{0,80}?(?:dishonest|blacklist|abnormal|credit))[^.;]{0,60}?\b(?:list|register|catalogue|directory)\b"
    r"|\b(?:made|had|recorded)\s+no\s+(?:exports?|export\s+(?:sales|business|shipments)|sales\s+abroad|overseas\s+sales)\b"
    r"[^.;]{0,30}?\b(?:before|prior\s+to|until)\b"
    r"|\b(?:has|have)\s+(?:not|never)\s+(?:previously\s+|yet\s+)?exported\b", re.I)
# Support of this kind had in earlier years, before a line that bars it ("以往年度已获得区级数字化改造补助的企业，本次
# 不得申报", "firms that received a digital upgrade grant in earlier years cannot apply"): a first time
EARLIER_AWARD = re.compile(
    r"(?:以往|往年|往届|历年|此前|以前|之前|过去)(?:年度|年份|批次|各年)?(?:已|曾)(?:经)?(?:获得|享受|取得)过?"
    r"[^，。；]{0,16}?(?:支持|补助|奖励|资助|补贴)"
    r"|\b(?:received|obtained|been\s+(?:given|awarded|granted))\s+an?\s+(?:[a-z-]{3,16}\s+){0,3}?(?:grant|subsidy|award)"
    r"\s+in\s+(?:an?\s+)?(?:earlier|previous|past|prior)\s+(?:years?|rounds?)\b", re.I)

# The hires' first time, not the firm's ("招用…在本区首次参加社会保险的劳动年龄人员", "hires people who are insured for
# the first time", "takes on workers in their first job")
_HIRES_FIRST = re.compile(r"(?:招用|招收|招聘|吸纳|聘用|录用|新招)[^，。；]{0,30}?(?:首次|第一次|初次)[^，。；]{0,16}?"
                          r"(?:人员|劳动者|员工|职工|毕业生|青年)"
                          r"|\b(?:hires?|hiring|hired|recruits?|recruiting|recruited|employs?|employing|takes?\s+on)\b[^.;]{0,40}?"
                          r"\b(?:people|persons|workers|staff|employees|graduates|jobseekers)\b[^.;]{0,40}?"
                          r"\b(?:for\s+the\s+first\s+time|(?:their|a)\s+first\s+job)\b", re.I)


def asks_no_first(text: str) -> str:
    """``text`` (cut to MAX_TEXT) with the first times that ask for none blanked."""
    text = _HIRES_FIRST.sub(" ", text[:MAX_TEXT])
    return STEP.sub(" ", ALL_WELCOME.sub(" ", _ALIKE.sub(" ", _TITLE_FIRST.sub(" ", text))))
