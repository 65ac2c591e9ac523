"""The words that make a sentence about applying (``WORD``) and the windows that are no dates: open all
year (``ROLLING``), to be announced (``LATER``), the same days each year (``RECURRING``). Used by
``indexer.notice.windows``; every pattern is bounded by the sentence it runs on.

A round's own state is such a word ("The 2026 round closed on 30 November 2026", "Round 3 of the grants opens
on 11 January 2027", "本轮申报已于11月30日结束"), as are the headings "Closing date" and "How to take part" and a
place that "can be requested until" a day.
"""

from __future__ import annotations

import re

__all__ = ["FIRST_OF", "HELD", "HELD_BEFORE", "LATER", "RECURRING", "ROLLING", "WORD"]

WORD = re.compile(r"申报|申请|申领|受理|提交|报送|填报|登录|截止|截至|逾期|报名|application|apply|applies|submi"
                   # "企业应于12月11日前将《项目预报表》报所在区工信部门": the applicant sends its papers by a date
                   r"|前将[^，。；]{1,40}?(?:报|交|送)(?:至|到|给|往|所在|[区市县省])"
                   r"|enrol|\bsend|on\s+a\s+rolling\s+basis|lodge|deadline|register|\baccepted\b|\bclaims?\b|\bthe\s+call\b"
                   r"|\bdue\s+(?:on|by)\b|投保登记|办理(?:投保|登记|申报|报名)|\b(?:online\s+)?forms?\b"
                   r"|\bportal\b|\b(?:calls?|window)\s+(?:for\s[^.;]{0,20}?)?(?:clos|open|end|run|shut)"
                   # a round's own state: "The 2026 round closed on …", "Round 3 of the … Grants opens on …"
                   r"|\b(?:rounds?|intakes?|cohorts?)\b(?:\s+\d{1,2})?(?:\s+of\s+[^.;]{0,80}?)?\s+(?:will\s+|has\s+)?"
                   r"(?:clos|open|end|shut)"
                   r"|\bclosing\s+dates?\b|\btake\s+part\b|\b(?:can|may)\s+be\s+(?:requested|booked|reserved)\s+(?:until|by|before)\b"
                   # "can be requested through the exporter's bank from 1 December 2026 to 30 June 2027"
                   r"|\b(?:can|may)\s+be\s+(?:requested|booked|reserved|claimed)\s+(?:through|via|with|at|from)\s+[^.;]{0,60}?"
                   r"\b(?:from|between)\s+\d"
                   r"|\b(?:accept|receiv)(?:e[sd]?|ing|s)?\s+(?:(?:the|their|all)\s+)?(?:files|plans|proposals"
                   r"|submissions|forms|applications|claims)\b"
                   r"|\b(?:files|plans|proposals|submissions)\s+(?:are|will\s+be)\s+(?:accepted|received)\b"
                   # "Requests can be sent from 4 January 2027 to …": the firm's requests for the money are its
                   # applications
                   r"|\brequests?\s+(?:for\s+[^.;]{0,40}?)?(?:can|may|must|should|will|are\s+to)\s+be\s+(?:sent|made|lodged"
                   r"|filed|submitted|put\s+in)\b",
                   re.I)
ROLLING = re.compile(r"常年受理|全年受理|随时受理|长期受理|常年(?:开放|申报)|滚动(?:受理|申报)|即报即审|随报随审"
                      r"|throughout\s+the\s+year|all\s+year(?:\s+round)?|year[-\s]round|on\s+a\s+rolling\s+basis"
                      r"|at\s+any\s+time", re.I)
LATER = re.compile(r"另行(?:通知|公布|发布|明确)|to\s+be\s+announced"
                    r"|(?:will\s+be|are\s+to\s+be)\s+(?:announced|notified)|announced\s+separately"
                    r"|notified\s+separately", re.I)
RECURRING = re.compile(r"每年|每季度|每月|each\s+year|every\s+year|annually|each\s+quarter|every\s+month", re.I)
# The days an event is held, after a range ("所申报展会于2026年7月1日至12月31日在境外举办", "the fair applied for
# must be held from 1 July to 31 December 2026"), or the days the people claimed for were hired ("for people hired
# between 1 July and 31 December 2026", "对2026年7月1日至12月31日期间招用的人员"): their dates, no window
HELD = re.compile(r"[^，。；,;.]{0,16}?(?:举办|举行|召开|开幕|展出|招用|招聘|录用|吸纳)"
                  r"|[^.;,]{0,30}?\b(?:is|are|be|was|were)\s+held\b"
                  r"|\s?(?:\d{4}\s)?(?:in|at|abroad|overseas)?[^.;,]{0,20}?\btakes?\s+place\b", re.I)
HELD_BEFORE = re.compile(r"\b(?:(?:be|is|are|was|were)\s+held|hired|recruited|employed|taken\s+on)"
                         r"\s+(?:(?:from|between|on)\s*)?$"
                         r"|(?:举办|举行|展出)(?:时间|日期)[为是]?\s?$", re.I)
# A date given as one of two ends, whichever comes first ("until the money was fully committed or 20 November
# 2026, whichever came first", "至资金用完或2026年11月20日，以先到者为准"): the date closes the window at the latest
FIRST_OF = re.compile(r"^\s?[,，]?\s?[（(]?\s?(?:whichever\s+(?:comes?|came|is|was|falls?|fell|occurs?|occurred"
                      r"|happens?|happened)\s+(?:first|earlier|sooner)"
                      r"|以(?:先|较早)(?:到|至|发生)?(?:者|的)?为准|孰(?:早|先))", re.I)
