"""How the fitted condition-unit model joins the reading rules (``indexer.notice.eligibility``).

The model (indexer/picker/conditions.py) reads each candidate unit from its e5 vector and says
how likely it states a condition and of which type. The rules stay what they are where they
found something; the model adds what they missed: a unit the model calls a condition (at the
threshold fitted with it) on which the rules read no condition gets the typed conditions the
extractors find in it (places, bounds, years: ``indexer.notice.conditions``; where the model says
region, also the places the unit names as the applicant's: ``indexer.notice.applicant_places``)
and, when they find none of the type the model names, a ``text`` condition (unknown to the finder:
"needs information" rather than a silently missed requirement), marked ``"by": "model"``. Only in a text
where the rules found a condition list or section, or a condition: news that mentions SMEs in
passing is no notice (``indexer.notice.eligibility`` decides which units it may read).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from indexer.notice.applicant_places import applicant_places
from indexer.notice.benefits import BENEFIT, application, benefit
from indexer.notice.conditions import conditions_in
from indexer.notice.not_conditions import PER_FIRM, never
from indexer.notice.trade_only import only_trades
from indexer.notice.units import Unit
from indexer.notice.untyped import exemption
from indexer.notice.who import POINTER, SCOPE

TYPES = ("region", "sector", "size", "employees", "revenue", "exports", "first_time", "no_violations", "other")
"""The condition types the model names (a unit may state several); ``other``: none of these."""


@dataclass(frozen=True)
class Reading:
    """The model's reading of one unit: P(states a condition) and its most likely type."""

    condition: float
    kind: str
    sure: bool  # at or above the model's threshold


Judge = Callable[[Sequence[Unit]], Sequence[Reading | None]]
"""The model over units; None for a unit it has no vector for (not read by it)."""


def kind_of(cond_type: str) -> str:
    """A condition's type as the model names it (``annual_exports_usd_max`` -> exports)."""
    for prefix, name in (("annual_exports", "exports"), ("annual_revenue", "revenue"), ("employees", "employees"),
                         ("enterprise_size", "size")):
        if cond_type.startswith(prefix):
            return name
    return cond_type if cond_type in TYPES else "other"


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def model_conditions(found: list[dict[str, Any]], units: Sequence[Unit], judge: Judge,
                     issuer: str | None) -> list[tuple[dict[str, Any], Unit]]:
    """(condition, unit) pairs for the units the model calls conditions and the rules read nothing
    from: the extractors' typed conditions of types not stated yet, else one ``text`` condition."""
    quoted = {_squeeze(str(c.get("quote", ""))) for c in found}
    stated = {kind_of(str(c["type"])) for c in found  # a sector shut out says nothing of the sectors allowed
              if c["type"] != "text" and (c["type"], c.get("op")) != ("sector", "not_in")}
    fresh = [u for u in units if u.text and _squeeze(u.quote)[:400] not in quoted]
    out: list[tuple[dict[str, Any], Unit]] = []
    seen: set[str] = set()
    for unit, reading in zip(fresh, judge(fresh), strict=True):
        if reading is None or not reading.sure or _squeeze(unit.quote) in seen:
            continue
        seen.add(_squeeze(unit.quote))
        typed = [c for c in conditions_in(unit.text, issuer) if kind_of(str(c["type"])) not in stated]
        if reading.kind == "region" and "region" not in stated and not any(c["type"] == "region" for c in typed):
            typed += applicant_places(unit.text, issuer)  # the type the model names, read from the places named
        out += [({**c, "by": "model"}, unit) for c in typed]
        if not typed and reading.kind not in stated and unit.kind != "lead":  # a lead-in's words alone ask nothing
            out.append(({"type": "text", "value": None, "by": "model", "model_type": reading.kind}, unit))
    return out


def may_state(unit: Unit) -> bool:
    """Whether the fitted model may read ``unit``: never a pointer to a list ("the table below"), a
    benefit or application sentence, an exemption, a definition or a fraud sanction (the rules'
    "never a condition"), nor an exclusions list's item shutting out a kind of fair or cost; among
    the rest the model decides; nor a lead-in or a heading leading its items ("An enterprise can be
    funded if it:", "二、不予支持的情形": its items state the conditions, its own words the rules read);
    nor a paper to hand in ("营业执照复印件；", "2025年度财务审计报告。", "a copy of the business licence"),
    nor a line of a section on how, when and where to apply, the papers or the contacts
    ("三、申报时间 … 企业向注册登记地所在区商务局报送申报材料。"), nor a sum per firm ("The grant is
    RMB 30,000 per firm.", "每家企业最高20万元。"), nor a sentence outside the conditions naming the
    projects supported and no firm, nor one saying what a project or the support may cover, nor a question, nor
    one shutting out firms that only trade (``trade_only``: the sector says it), nor one saying what an amount
    counts (``counts_in``: "上年度实际缴费不含补缴的历年欠费和滞纳金。")."""
    t = unit.text
    return not (never(t) or only_trades(t) or POINTER.search(t) or exemption(t) or benefit(t) or application(t)
                or unit.kind in ("procedure", "lead")
                or (unit.kind == "excluded" and SCOPE.search(t))
                or (PER_FIRM.search(t) and (BENEFIT.search(t) or len(t) <= 30))
                or bool(_PAPER.search(t[-60:]))
                or (unit.kind == "sentence" and project_scope(t)) or bool(_FRAME.search(t[:400]))
                or may_cover(t) or bool(_ASKED.match(t[:400])) or counts_in(t))


# What a figure counts, naming no firm ("上年度实际缴费不含补缴的历年欠费和滞纳金。", "Contributions paid do not
# include arrears or late-payment fees."): how an amount is reckoned, no condition
_COUNTS_IN = re.compile(
    r"^[^，。；]{0,16}?(?:缴费|缴纳|费用|金额|出口额|营业收入|销售额|投资额|支出|工资总额|用工人数)(?:额|数)?"
    r"(?:均|仅)?(?:不含|不包括|不包含|包括|包含|含)[^。；]{1,60}[。；]?\s*$"
    r"|^(?:the\s)?(?:[a-z-]{2,16}\s){0,3}?(?:contributions?|costs?|amounts?|exports?|turnover|sales|spending|fees|payroll)"
    r"(?:\s(?:paid|counted|claimed))?\s(?:do(?:es)?\s+not\s+include|exclude|excludes|include|includes|cover|covers)\b"
    r"[^.;]{1,100}[.;]?\s*$", re.I)


def counts_in(text: str) -> bool:
    """A line saying what an amount counts or leaves out, naming no firm: no condition."""
    return bool(_COUNTS_IN.search(text.strip()[:200])) and not _FIRM.search(text)


# A question put to the issuer ("Is there anything that keeps a small firm out of the Academy?", "小微企业能否
# 申请？"): the heading of its answer, which the rules read with it; no condition the model may find on its own
_ASKED = re.compile(r"^[^。；;.!！]{4,200}[?？]\s*$")


# Lines that frame the measures and ask nothing of a firm: their own title standing as a line ("仙桃市非织造布…
# 资金竞争性分配办法", "Measures of Wujiang District for …"), a purpose article ("第一条 为推动…，制定本办法。",
# "Article 1 These Measures are formulated to …"), how the money is shared out ("资金实行竞争性分配，…择优支持",
# "Grants are awarded competitively …") and a sentence giving the application period ("2025年度项目申报时间为…",
# "The application period runs from …"), which the window reader reads
_FRAME = re.compile(
    r"^[^。，；：:,;.!?？！]{4,80}(?:办法|细则|规定|措施|方案|意见|指南|规则)(?:[（(](?:试行|暂行)[)）])?\s*$"
    r"|^(?:(?:Implementation|Interim|Administrative|Detailed)\s)?(?:Measures|Rules|Guidelines|Regulations|Provisions)"
    r"\s(?:of|for|on)\s[^.;:!?。；]{3,150}$"
    r"|^(?:第[一二三四五六七八九十百]{1,4}条|Article\s\d{1,3}\.?)?\s*(?:为了?|根据|依据|按照)[^。]{0,160}?(?:制定|制订)"
    r"本(?:办法|细则|规定|措施|方案|意见|规则|指南)"
    r"|^(?:Article\s\d{1,3}\.?\s+)?(?:These|This)\s(?:Measures|Rules|Regulations|Guidelines|Provisions)\s(?:are|is)"
    r"\s(?:formulated|made|drawn\sup|adopted|issued)\b"
    r"|竞争性分配|择优(?:支持|扶持|资助|补助|立项|安排)|\b(?:allocated|awarded|granted|distributed)\s+(?:competitively"
    r"|on\s+a\s+competitive\s+basis|on\s+merit)\b"
    r"|^[^，。；,;]{0,16}?(?:申报|申请|受理|报名)(?:时间|期限|日期|截止时间|截止日期)(?:为|是|[:：])"
    r"|^(?:the\s+)?(?:application|submission)s?\s+(?:period|window)\s+(?:is|runs|opens)\b", re.I)


# What the support pays for, named as a project and not as a firm: "2025年1月1日以后开工、…实际投资额在
# 1000万元（含）以上的纺织服装技术改造项目。", "Projects started after 1 January 2025 with an investment of
# RMB 10 million or more."
_PROJECT = re.compile(r"项目[。；;.]?\s*$|^(?:eligible\s+|supported\s+)?projects?\b", re.I)
_FIRM = re.compile(r"企业|单位|公司|主体|申报人|申请人|\b(?:enterprises?|firms?|compan(?:y|ies)|applicants?"
                   r"|manufacturers?|exporters?|businesses|makers?)\b", re.I)


def project_scope(text: str) -> bool:
    """A line naming the projects supported (no firm in it): the support's scope, no condition on the applicant."""
    return bool(_PROJECT.search(text[-300:].strip())) and not _FIRM.search(text)


# What a project or the support may cover ("项目可包括新建或改造生产用房、购置先进设备…等。", "支持内容包括…",
# "Projects may cover new workshops, …", "Eligible activities include …"): the support's scope, no requirement of the
# applicant and no refusal; a firm it names makes it the model's to read again ("Projects may be run by firms …")
_MAY_COVER = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、]\s?)?(?:申报|支持|扶持|资助|补助|奖补|本)?"
                        r"(?:项目|内容|范围|方向|资金)(?:主要)?(?:可|可以)?(?:包括|包含|涵盖|覆盖)"
                        # "支持生产工艺改造、余热回收等综合改造，项目节能率不低于10%": the works supported, and what
                        # the project must reach; "The scheme supports process upgrades …"
                        r"|^(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、]\s?)?(?:重点|主要)?(?:支持|扶持|资助|奖补)(?!对象|条件|范围|企业)"
                        r"[^，。；]{2,60}?(?:改造|升级|建设|项目|应用|回收|平台|光伏)[，。；]"
                        r"|^(?:the\s)?(?:scheme|fund|programme|program|call|grant)\s(?:supports|funds|pays\sfor)\s"
                        r"|^(?:\(?[a-z\d]{1,2}[.)]\s)?(?:the\s)?(?:eligible\s|supported\s)?(?:projects?|activities|support"
                        r"|scheme|grant|fund(?:ing)?)\s(?:may|can|will|could)?\s?(?:cover|include|span|be\sused\sfor)"
                        r"|^(?:\(?[a-z\d]{1,2}[.)]\s)?(?:the\s)?(?:eligible|supported)\s(?:projects?|activities)\s(?:are|include)\b",
                        re.I)


def may_cover(text: str) -> bool:
    """A line saying what a project or the support may cover, naming no firm: scope, never a condition."""
    return bool(_MAY_COVER.search(text.strip()[:80])) and not _FIRM.search(text)


# A document to submit, as a materials list names it: the line ends with the paper itself
_PAPER = re.compile(r"(?:复印件|扫描件|原件|截图|申请表|申报表|审计报告|证明材料|证明|清单|发票|凭证|承诺书|申请书)"
                    r"[。；;.]?\s?$"
                    r"|\b(?:cop(?:y|ies)|scans?|application\s+forms?|invoices?|receipts?|screenshots?)\b"
                    r"(?:\s(?:of|for)\s[^.;]{1,50})?[.;]?\s?$", re.I)
