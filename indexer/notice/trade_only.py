"""Firms shut out for making nothing: those that only trade, import or sell at retail ("A business that only imports
finished goods, or only sells at retail, is not eligible.", "仅从事贸易、零售的企业不在支持范围"). What a maker
is, the sector the notice asks ("weaves, knits, dyes or sews"), says it already: no condition of its own. Firms of
a kind named by a word of its own ("流通型企业", "trading companies") are another matter (``indexer.notice.untyped``).
Bounded patterns.
"""

from __future__ import annotations

import re

__all__ = ["MAX_TEXT", "only_trades"]

MAX_TEXT = 300

_ONLY = r"(?:only|solely|merely|just)"
_TRADES = (r"(?:imports?|exports?|trades?|resells?|distributes?|sells?|retails?|buys?\s+and\s+sells?)"
           r"(?:\s+(?:at\s+retail|finished\s+goods|goods|products|garments|textiles|online))*")
_ONLY_TRADES = re.compile(
    rf"^\W{{0,3}}(?:an?|any)\s+(?:business|firm|company|enterprise|applicant)\s+(?:that|which|who)\s+{_ONLY}\s+{_TRADES}"
    rf"(?:[^.;]{{0,40}}?\bor\s+{_ONLY}\s+{_TRADES})?[^.;]{{0,20}}?\b(?:is|are)\s+(?:not\s+eligible|ineligible|excluded"
    r"|not\s+covered)\b"
    r"|^\W{0,3}(?:仅|只|单纯)(?:从事|经营|开展)?(?:进口|贸易|零售|批发|销售|代理)(?:[、和或及](?:进口|贸易|零售|批发|销售|代理))*"
    r"(?:业务)?的(?:企业|单位|商户)[^，。；]{0,6}?(?:不在[^，。；]{0,8}?范围|不予支持|不得申报|除外)", re.I)


def only_trades(text: str) -> bool:
    """A line shutting out firms that only trade, import or sell (``text`` cut to MAX_TEXT)."""
    return bool(_ONLY_TRADES.search(text[:MAX_TEXT]))
