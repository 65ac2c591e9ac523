"""What a notice gives and how to apply for it, read per sentence: the rate and cap of a benefit
("按展位费的60%给予补助，每家企业最高不超过20万元", "a subsidy of 40% … up to RMB 500,000") and an
application step's deadline and channel ("通过柯桥区商务服务平台提交申请", "through the Shaoxing Commerce
Service Platform before 30 June 2026"). Every pattern is bounded; sentences are cut to MAX_SENTENCE.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.amounts import AMOUNT, amount

MAX_SENTENCE = 400

BENEFIT = re.compile(r"subsid|grant|reward|rebate|refund|bonus|receive|award"
                     r"|补助|补贴|奖励|资助|给予|贴息|减免|返还|扶持资金", re.I)
_RATE = re.compile(r"(?P<rate>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|％|per\s?cent)", re.I)
_CAP = re.compile(r"(?:up\s+to|capped\s+at|(?:a\s+)?maximum\s+of|最高(?:不超过|为)?|最多|上限为?)"
                  r"\s?(?P<amount>(?:[^,.;，。；()（）]|[,.](?=\d)){1,30})", re.I)
_APPLY = re.compile(r"appl(?:y|ies|ication|icants?)|submit|申请|申报|提出|受理|提交", re.I)
_DEADLINE = re.compile(
    r"within\s+(?:\d{1,3}|one|two|three|four|five|six|ten|fifteen|thirty|sixty|ninety)\s+(?:working\s+)?"
    r"(?:days?|weeks?|months?)(?:\s+(?:after|of|from)\s+[^,.;]{1,50})?|(?:before|by|no\s+later\s+than)\s+"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?|[A-Z][a-z]{2,8}\s+\d{1,2}(?:,\s+\d{4})?)"
    r"|[^，。；、]{0,12}?(?:\d{1,3}|[一二三四五六七八九十两]{1,3})个?(?:月|日|天|工作日)内"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:之?前)|每年\d{1,2}月\d{1,2}日(?:之?前)", re.I)
# Up to nine words before the channel's kind ("the Jiangsu Commerce Online Business System").
_CHANNEL = re.compile(r"\b(?:through|via|on|to|at)\s+(?:the\s+)?(?P<en>[\w'-]+(?: [\w'-]+){0,8}? ?"
                      r"(?:platform|system|portal|bureau|office|website|department|centre|center|commission|window))"
                      r"|(?:向|通过|登录)(?P<zh>[\u4e00-\u9fff]{2,24}?"
                      r"(?:平台|系统|网站|局|厅|委员会|中心|窗口|部门|办公室))", re.I)
_LEAD = re.compile(r"^[^在于]{0,12}(?:在|于)(?=.)")


def benefit(sentence: str) -> dict[str, Any] | None:
    """The rate and cap a benefit sentence states, else None."""
    s = sentence[:MAX_SENTENCE]
    rate, cap = _RATE.search(s), _CAP.search(s)
    cap_amount = amount(cap["amount"]) if cap else None
    if not BENEFIT.search(s) or not (rate or cap_amount):
        return None
    said = AMOUNT.search(cap["amount"]) if cap else None  # "RMB 500,000", not "… per enterprise per"
    capped = {"amount": cap_amount[0], "currency": cap_amount[1], "text": said[0].strip()} \
        if said and cap_amount else None
    return {"rate": rate["rate"] + "%" if rate else None, "cap": capped}


def application(sentence: str) -> dict[str, Any] | None:
    """The deadline and channel an application sentence states, else None."""
    s = sentence[:MAX_SENTENCE]
    deadline, channel = _DEADLINE.search(s), _CHANNEL.search(s)
    if not _APPLY.search(s) or not (deadline or channel):
        return None
    when = _LEAD.sub("", deadline[0]).strip() if deadline else None  # "企业应在项目验收后三个月内" -> "项目验收后…"
    return {"deadline": when, "channel": (channel["en"] or channel["zh"]).strip() if channel else None}


# Paid without an application ("免申即享", "由经办机构比对数据后直接拨付，企业无需提出申请", "No application is needed:
# the refund is paid automatically"): with no window stated, the notice's own period is the window
NO_APPLICATION = re.compile(r"免申即享|无需(?:企业)?(?:提出|另行)?(?:申请|申报)"
                            r"|不需(?:要)?(?:企业)?(?:提出)?(?:申请|申报)"
                            r"|\bno\s+application\s+(?:is\s+)?(?:needed|required|necessary)\b"
                            r"|\bno\s+need\s+(?:to\s+apply|for\s+an?\s+application)\b"
                            r"|\b(?:need\s+not|(?:do|does)\s+not\s+(?:need|have)\s+to)\s+apply\b"
                            r"|\b(?:paid|refunded|granted)\s+automatically\b", re.I)
