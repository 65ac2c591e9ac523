"""Lists nested in a condition list: an item that is itself a lead-in ("• have an annual turnover that is
either:", "（三）年营业收入符合下列情形之一：") over items marked another way ("– RMB 100 million or less; or",
"1．不超过1亿元；").

Such items state only a bound ("RMB 100 million or less"): the measure is in the item above them, so each is read
after that item's words up to the measure ("have an annual turnover RMB 100 million or less"); when the nested
lead-in asks any one of them ("either", "之一") they are the options of a group of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.notice.leads import one_of
from indexer.notice.measures import MEASURE
from indexer.notice.numbering import mark_of
from indexer.notice.structure import Block

__all__ = ["Nested", "nested"]

MAX_LEAD = 200
_SHAPE = re.compile(r"[0-9一二三四五六七八九十]+|(?<=[(（])[a-z]{1,4}(?=[)）])", re.I)


@dataclass(frozen=True)
class Nested:
    """What an item of a nested list is read after (``before``), and its place among alternatives."""

    before: str
    group: int | None  # the group of alternatives they make ("either:"), None when all are asked
    option: int


def _shape(line: str) -> str | None:
    """An item's kind of mark: "（三）" and "（四）" alike, "•" and "–" not."""
    marked = mark_of(line)
    if marked is None:
        return None
    return marked[1].strip() if marked[0] == "bullet" else _SHAPE.sub("n", marked[1].strip())


def nested(items: Sequence[Block], groups: int, excluding: bool = False) -> tuple[dict[int, Nested], int]:
    """The items (by line) under a nested lead-in among ``items``, each with what it is read after, and the
    number of groups of alternatives after the nested lists of alternatives, numbered on from ``groups``
    (none in a list of exclusions)."""
    out: dict[int, Nested] = {}
    lead: Block | None = None
    group, count = groups, 0
    if excluding:
        return out, groups
    for item in items:
        if item.kind == "lead_in" and _shape(item.text):
            lead, count = item, 0
            group += one_of(item.text[:MAX_LEAD])
            continue
        if lead is None or _shape(item.text) in (None, _shape(lead.text)):
            lead = None
            continue
        text = lead.text[:MAX_LEAD]
        found = list(MEASURE.finditer(text))
        start = len(marked[1]) if (marked := mark_of(text)) else 0
        before = text[start:found[-1].end()].strip() + " " if found and found[-1]["other"] is None else ""
        out[item.line] = Nested(before, group if one_of(text) else None, count)
        count += 1
    return out, group
