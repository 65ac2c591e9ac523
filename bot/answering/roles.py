"""What an asked figure is of, where a notice states a figure of the same kind for something else.

A near-domain question often asks a figure the notice does not give while the notice gives one
of the same kind beside it: the total a programme sets aside (一共安排了多少资金) where the notice
gives a cap per firm; a rate per person, per tonne or per square metre (每人每月补多少, 每度电补几分钱)
where it gives a cap per project; the days until the money arrives (审核通过后多少个工作日到账)
where it gives only the days a list is on public display (公示5个工作日). The asked kind holds
(bot/answering/slots.py: an amount, a duration) and the picker leads with that figure, so the
answer would state another figure as the asked one. ``unstated_role`` names the role the quote
lacks; the reader declines such a notice answer as it declines one without the asked kind.
"""

from __future__ import annotations

import re

# A programme's total: 一共安排了多少资金, 每年安排多少钱, 资金规模, 总预算 (not 每年安排几个项目).
_TOTAL_ASKED = re.compile(
    r"(?:一共|总共|共|每年|年度|今年|全市|全省|全区)[^，,。？?]{0,8}?安排(?:了)?(?:的)?(?:资金|预算|专项资金)?"
    r"(?:多少|几)(?:钱|资金|预算|万元?|亿元?)?(?![个家项批次])|"
    r"资金(?:规模|总额|总量)(?:是|有)?多少|总预算|预算(?:是|有|一共|总共)?多少|(?:资金|预算)(?:一共|总共)(?:有)?多少")
_TOTAL_HELD = re.compile(r"安排|总额|规模|预算|共计|合计|筹集|下达|统筹|累计|总投入|总计|"
                         r"共\d|共[一二三四五六七八九十两]")

# A rate per unit: 每人每月补多少, 每招一个人补多少, 每个参会人, 每吨, 每度电, 每平方米.
_PER_ASKED = re.compile(r"每(?:一|个)?(?:招(?:用)?(?:一|1)?个?)?(?:参会|参展)?(人|名|吨|度电|度|千瓦时|平方米|平米)")
_UNITS = {"人": "人|名|位", "名": "人|名|位", "吨": "吨", "度电": "度|千瓦时|kWh", "度": "度|千瓦时|kWh",
          "千瓦时": "度|千瓦时|kWh", "平方米": "平方米|平米|㎡|m2|m²", "平米": "平方米|平米|㎡|m2|m²"}

# The days a list is on public display (公示5个工作日, 公示期为7天), not the days to pay or to review.
_ON_DISPLAY = re.compile(r"公示(?:期)?(?:限)?(?:为|是)?\s*$")
_DURATION_ASKED = re.compile(r"多少个?工作日|多少天|几天|多久|多长时间|几个月|多少个月")
_DURATION = re.compile(r"(?:(?<!\d)\d{1,3}|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]+)\s*个?"
                       r"(?:工作日|自然日|日|天|周|月|年)")


def unstated_role(question: str, quote: str) -> str | None:
    """The role of the asked figure the quote does not state ("total", "per unit", "period"), or None.
    ``question`` in simplified script; ``quote``: the quoted sentence with its neighbours."""
    if _TOTAL_ASKED.search(question) and not _TOTAL_HELD.search(quote):
        return "total"
    per = _PER_ASKED.search(question)
    if per:
        unit = _UNITS[per.group(1)]
        if not re.search(rf"每[^，,。；;]{{0,6}}?(?:{unit})|元\s*/\s*(?:{unit})|(?:{unit})均", quote):
            return "per unit"
    if _DURATION_ASKED.search(question) and "公示" not in question:
        spans = list(_DURATION.finditer(quote))
        if spans and all(_ON_DISPLAY.search(quote[max(0, m.start() - 8):m.start()]) for m in spans):
            return "period"
    return None
