"""One condition against what a member says of its company: ``met``, ``unmet`` or ``unknown``.

Nothing is guessed. A region is met by any place inside it (a Keqiao company is in Shaoxing and
Zhejiang), and an excepted place (``op`` ``not_in``) by any place outside it; a company that names
only a wider place ("绍兴" for a 柯桥区 condition) is ``unknown``, unless the notice names every
part of it (all of Wuxi's districts and county-level cities for a Wuxi company); a
place the gazetteer lacks is compared by name, or through the place the notice puts it in ("Songyang
County of Lishui City": a Shaoxing company is not in it). A sector is met by its sub-sectors (a
dyeing company meets a textile condition, ``indexer.notice.conditions.PARENT``), left ``unknown``
the other way (a textile company for a dyeing-only scheme); apparel is not textile. Bounds hold
as written (< or <=, both ends of a range included). An amount given only in the other currency is
converted only at the administrator's rate (``bot.finder.currency``) and says so.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.finder.currency import OTHER, Currency, convert, marker, too_close
from indexer.notice.conditions import PARENT, sectors_in
from indexer.notice.places import canonical, every_part, known, within

Verdict = Literal["met", "unmet", "unknown"]
Size = Literal["micro", "small", "medium", "large"]
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True)
class Profile:
    """What a member says of its company; None: not said (its conditions stay ``unknown``)."""

    region: str | None = None
    sector: str | None = None
    annual_exports_usd: float | None = None
    annual_exports_cny: float | None = None
    annual_revenue_usd: float | None = None
    annual_revenue_cny: float | None = None
    employees: int | None = None
    enterprise_size: Size | None = None
    above_designated_size: bool | None = None
    first_time: bool | None = None
    has_violations: bool | None = None
    specialised: bool | None = None
    """Recognised as a specialised and new (专精特新) SME or "little giant"."""


def values(cond: Mapping[str, Any]) -> list[Any]:
    """A condition's list of accepted values; anything else in a manifest counts as none."""
    value = cond.get("value")
    return value if isinstance(value, list) else []


def _range(cond: Mapping[str, Any]) -> tuple[float, float] | None:
    value = cond.get("value")
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        return float(value[0]), float(value[1])
    return None


def _number(cond: Mapping[str, Any], have: float | None) -> Verdict:
    if have is None:
        return "unknown"
    if cond.get("op") == "between":
        bounds = _range(cond)
        return "unknown" if bounds is None else ("met" if bounds[0] <= have <= bounds[1] else "unmet")
    op, value = _OPS.get(str(cond.get("op"))), cond.get("value")
    if op is None or not isinstance(value, int | float) or isinstance(value, bool):
        return "unknown"
    return "met" if op(have, value) else "unmet"


def _region(cond: Mapping[str, Any], profile: Profile) -> Verdict:
    place = canonical(profile.region) if profile.region else None
    if place is None:
        return "unknown"
    hints = cond.get("within") if isinstance(cond.get("within"), Mapping) else {}
    verdicts = []
    for wanted in map(str, values(cond)):
        inside = within(place, wanted)
        parent = hints.get(wanted)  # type: ignore[union-attr]
        if inside is None and parent and not known(wanted) and within(place, str(parent)) is False:
            inside = False  # outside the place the notice puts it in
        verdicts.append(inside)
    if cond.get("op") == "not_in":  # "except those registered in Suzhou": outside every place named
        if any(v is True for v in verdicts):
            return "unmet"
        return "met" if verdicts and all(v is False for v in verdicts) else "unknown"
    if any(v is True for v in verdicts) or every_part(place, list(map(str, values(cond)))):
        return "met"  # in one of the places named, or in a place all of whose parts are named
    return "unmet" if verdicts and all(v is False for v in verdicts) else "unknown"


def _sector(cond: Mapping[str, Any], profile: Profile) -> Verdict:
    if not profile.sector or not profile.sector.strip():
        return "unknown"
    wanted = set(map(str, values(cond)))
    said = sectors_in(profile.sector) or [profile.sector.strip().lower()]
    if cond.get("op") == "not_in":  # "cannot apply: makers of synthetic fibres": a textile firm may make them
        return "unmet" if any(s in wanted for s in said) else "unknown" if any(
            PARENT.get(w) in said for w in wanted) or not sectors_in(profile.sector) else "met"
    if any(s in wanted or PARENT.get(s) in wanted for s in said):
        return "met"
    # A textile company asked about a dyeing-only scheme: it may or may not dye.
    return "unknown" if any(PARENT.get(w) in said for w in wanted) else "unmet"


_DESIGNATED = frozenset({"above_designated_size", "below_designated_size"})
"""Size values read against the profile's ``above_designated_size`` (规上 / 规下), not its class."""


def _size(cond: Mapping[str, Any], profile: Profile) -> Verdict:
    allowed = values(cond)
    if _DESIGNATED & set(allowed):
        have = profile.above_designated_size
        wanted = "above_designated_size" in allowed
        return "unknown" if have is None else ("met" if have == wanted else "unmet")
    if profile.enterprise_size is None:
        return "unknown"
    return "met" if profile.enterprise_size in allowed else "unmet"


def _flag(have: bool | None, wanted: bool) -> Verdict:
    return "unknown" if have is None else ("met" if have == wanted else "unmet")


AMOUNTS = {f"{what}_{unit}_": what for what in ("annual_exports", "annual_revenue") for unit in ("usd", "cny")}


def _money(cond: Mapping[str, Any], profile: Profile,
           cny_per_usd: float | None) -> tuple[Verdict, dict[str, Any] | None]:
    """An amount condition (``annual_exports_cny_max``, ...): against the profile's figure in the
    condition's currency; else, with a rate, its figure in the other one converted, and ``unknown``
    when that lands within ``bot.finder.currency.MARGIN`` of a limit. The second value: the conversion."""
    kind = str(cond.get("type"))
    base = next(what for prefix, what in AMOUNTS.items() if kind.startswith(prefix))
    target: Currency = "USD" if kind.startswith(f"{base}_usd_") else "CNY"
    source = OTHER[target]
    own, have = getattr(profile, f"{base}_{target.lower()}"), getattr(profile, f"{base}_{source.lower()}")
    if own is not None or have is None or cny_per_usd is None:
        return _number(cond, own), None
    value = convert(have, source, target, cny_per_usd)
    status = _number(cond, value)
    if status == "unknown":  # a malformed condition: no rate involved
        return status, None
    limits = _range(cond) if cond.get("op") == "between" else (float(cond["value"]),)
    near = any(too_close(value, limit) for limit in limits or ())
    return ("unknown" if near else status), marker(have, source, target, cny_per_usd, near)


def check(cond: Mapping[str, Any], profile: Profile,
          cny_per_usd: float | None = None) -> tuple[Verdict, dict[str, Any] | None]:
    """One condition against the profile, and the currency conversion it rested on, if any
    (an amount in the other currency, at the administrator's ``cny_per_usd``)."""
    kind = str(cond.get("type"))
    if kind.startswith(tuple(AMOUNTS)):
        return _money(cond, profile, cny_per_usd)
    if kind.startswith("employees_"):
        return _number(cond, profile.employees), None
    checks: dict[str, Callable[[], Verdict]] = {
        "region": lambda: _region(cond, profile), "sector": lambda: _sector(cond, profile),
        "enterprise_size": lambda: _size(cond, profile),
        "first_time": lambda: _flag(profile.first_time, True),
        "no_violations": lambda: _flag(profile.has_violations, False),
        "specialised": lambda: _flag(profile.specialised, True),
    }
    return (checks[kind]() if kind in checks else "unknown"), None


def verdict(cond: Mapping[str, Any], profile: Profile, cny_per_usd: float | None = None) -> Verdict:
    """One condition against the profile: ``met``, ``unmet`` or ``unknown``."""
    return check(cond, profile, cny_per_usd)[0]


def said(cond: Mapping[str, Any], profile: Profile, converted: dict[str, Any] | None = None) -> str | None:
    """What the profile said that a condition was checked against, for an ``unmet`` reason."""
    kind = str(cond.get("type"))
    if converted:  # the figure in the other currency
        kind = kind.replace(f"_{converted['to'].lower()}_", f"_{converted['from'].lower()}_")
    size = "above_designated_size" if _DESIGNATED & set(values(cond)) else "enterprise_size"
    field = {"region": "region", "sector": "sector", "first_time": "first_time", "no_violations": "has_violations",
             "enterprise_size": size, "specialised": "specialised"}.get(kind) or next(
        (f for f in ("annual_exports_usd", "annual_exports_cny", "annual_revenue_usd", "annual_revenue_cny",
                     "employees") if kind.startswith(f)), None)
    return f"{field}={getattr(profile, field)!r}" if field else None
