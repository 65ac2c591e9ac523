"""The condition units of a notice's annexes: the 申报指南 printed after the 落款 as 附件1, read as a notice
of its own when the notice's own text states no conditions and refers to its annex ("申报条件详见附件1")."""

from __future__ import annotations

from collections.abc import Sequence

from indexer.notice.leads import negative
from indexer.notice.numbering import mark_of
from indexer.notice.structure import Block, parse
from indexer.notice.units import Unit, condition_units, eligible

__all__ = ["annex_units"]


def annex_units(blocks: Sequence[Block]) -> tuple[list[Unit], list[Unit]]:
    """The units of each annex (the 申报指南 printed after the 落款 as 附件1), the annex read as a
    notice of its own: for a notice whose own text states no conditions and refers to its annex."""
    annexes: list[list[str]] = []
    for block in blocks:
        if block.kind != "annex":
            continue
        if block.heading:  # "附件1" opens an annex
            annexes.append([])
        elif annexes:
            annexes[-1].append(block.text)
    units: list[Unit] = []
    others: list[Unit] = []
    for lines in annexes:
        inner = parse("\n".join(lines))
        found, rest = condition_units(inner.blocks, inner.lists())
        title = next((b.text for b in inner.blocks if b.kind == "title"), "")
        if not found and eligible(title) and not negative(title):  # an annex titled "申报主体条件": its lines
            found = [_listed(u) for u in rest if u.kind == "sentence"]
            rest = [u for u in rest if u.kind != "sentence"]
        units += found
        others += rest
    return units, others


def _listed(unit: Unit) -> Unit:
    """A line of an annex whose title names the conditions, read as an item of a condition list."""
    marked = mark_of(unit.quote)
    return Unit(unit.quote[len(marked[1]):].strip() if marked else unit.text, unit.quote, "list")
