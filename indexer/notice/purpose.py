"""The purpose a sentence opens with, which asks nothing of the firm.

"为缓解纺织服装企业招工难，管委会对…的企业给予补贴", "To help the city's towel makers meet buyers, the Bureau pays
…": why the money is given, not to whom; the kinds of firm the purpose names are no condition, and the rest
of the sentence is read as usual. A purpose article ("第一条 为推动…，制定本办法。") frames the measures as a
whole and stays as it is (``indexer.notice.fitted`` leaves it to no one). Bounded patterns.
"""

from __future__ import annotations

import re

from indexer.notice.units import Unit

__all__ = ["without_purpose"]


_PURPOSE = re.compile(r"^(?:第[一二三四五六七八九十百]{1,4}条\s?)?(?:为了?|为进一步)(?!本|我|在|符合)"
                      r"[^，。；:：]{2,60}?[，,]"
                      r"|^(?:Article\s\d{1,3}\.?\s+)?(?:In\s+order\s+)?To\s+(?:help|support|encourage|assist|promote"
                      r"|boost|ease|relieve|spur|foster|strengthen|stabili[sz]e|improve|expand|guide)\b[^.;]{0,160}?,\s"
                      r"(?=(?:the|this|these|we|our|it|half|each|every|all|an?|up\s+to)\b|[A-Z])")
# A programme helping firms do something ("The programme helps small textile workshops in Xiqiao Town change the way
# they plan production", "本计划帮助镇内纺织小微企业提升数字化水平"): its aim, the whole sentence; a programme
# that supports firms of some kind ("The scheme supports garment makers registered in Keqiao") says who, and stays
_AIM = re.compile(r"^(?:The|This|Our)\s+(?:[A-Z][\w-]*\s+){0,4}?(?:programme|program|scheme|fund|initiative|accelerator"
                  r"|project)\s+(?:helps|assists|enables|aims\s+to\s+help)\s+[^.;]{2,100}?\s(?:to\s+)?(?:change|improve"
                  r"|grow|compete|modernise|modernize|upgrade|become|build|develop|expand|adopt|move)\b"
                  r"|^本(?:计划|项目|专项|资金|行动|活动)(?:旨在)?(?:帮助|助力|引导)[^，。；]{2,40}?"
                  r"(?:提升|改变|转型|升级|提高|拓展|开拓|发展)", re.I)
_MADE = re.compile(r"(?:制定|制订)本|\b(?:are|is)\s+(?:formulated|drawn\s+up|adopted)\b", re.I)


def without_purpose(unit: Unit) -> Unit:
    """A sentence without the purpose clause it opens with: the kinds of firm a purpose names are no condition."""
    if unit.kind in ("sentence", "lead", "section") and _AIM.match(unit.text):  # its aim, the whole sentence
        return Unit("", unit.quote, unit.kind, unit.group, unit.option)
    if unit.kind not in ("sentence", "lead") or not (m := _PURPOSE.match(unit.text)) or _MADE.search(unit.text):
        return unit  # a purpose article ("第一条 为推动…，制定本办法。") frames the measures as a whole
    return Unit(unit.text[m.end():].strip(), unit.quote, unit.kind, unit.group, unit.option)

