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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from indexer.notice.applicant_places import applicant_places
from indexer.notice.conditions import conditions_in
from indexer.notice.units import Unit

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
    stated = {kind_of(str(c["type"])) for c in found if c["type"] != "text"}
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
        if not typed and reading.kind not in stated:
            out.append(({"type": "text", "value": None, "by": "model", "model_type": reading.kind}, unit))
    return out
