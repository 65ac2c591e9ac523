"""A sector shut out by an item of an exclusions list ("The following cannot apply: • makers of synthetic fibres;",
"下列企业不予支持：（一）化纤生产企业；"): the applicant must not be of that sector (``op`` not_in). Only an item
that names nothing but a kind of maker of a sector is read so; an item with a place, a bound or an offence is
read by the other rules (``indexer.notice.conditions.excluded_conditions``). Bounded patterns."""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.vocabulary import sectors_in

__all__ = ["excluded_sectors"]

MAX_TEXT = 120

_MAKERS = re.compile(
    r"^\W{0,3}(?:(?:makers?|manufacturers?|producers?|mills?|spinners?)\s+of\s+[a-z\s,/-]{3,60}?"
    r"|(?:[a-z-]{3,20}\s+){1,4}?(?:makers|manufacturers|producers|mills)"
    r"|(?:businesses|firms|companies|enterprises)\s+(?:that|which)\s+(?:make|produce|manufacture)\s+[a-z\s,/-]{3,60}?)"
    r"\W{0,2}$"
    r"|^\W{0,3}(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s?)?(?:从事)?(?:(?![的在地以外内受罚年])[\u4e00-\u9fff、]){2,16}?"
    r"(?:生产|制造|加工)(?:型|类)?(?:企业|单位)\W{0,2}$", re.I)  # sector words alone: no place, year or penalty


def excluded_sectors(item: str, typed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sectors an exclusions list's ``item`` shuts out, when it names only makers of them and nothing else
    was typed in it (``typed``)."""
    t = item[:MAX_TEXT].strip()
    if typed or not _MAKERS.search(t) or not (found := sectors_in(t)):
        return []
    return [{"type": "sector", "value": found, "op": "not_in"}]
