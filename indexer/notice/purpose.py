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
_MADE = re.compile(r"(?:制定|制订)本|\b(?:are|is)\s+(?:formulated|drawn\s+up|adopted)\b", re.I)


def without_purpose(unit: Unit) -> Unit:
    """A sentence without the purpose clause it opens with: the kinds of firm a purpose names are no condition."""
    if unit.kind not in ("sentence", "lead") or not (m := _PURPOSE.match(unit.text)) or _MADE.search(unit.text):
        return unit  # a purpose article ("第一条 为推动…，制定本办法。") frames the measures as a whole
    return Unit(unit.text[m.end():].strip(), unit.quote, unit.kind, unit.group, unit.option)

