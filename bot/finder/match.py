"""The policy finder: which documents in force may apply to a company, condition by condition.

Each document's conditions were read at index time (``indexer.notice.eligibility``, manifest field
``eligibility``); here every one is checked against what the member says of its company: ``met``,
``unmet``, or ``unknown`` when the profile does not say (or the condition is only text). A document
with any ``unmet`` condition is listed apart, with the failed conditions as the reason; the others
are ranked by conditions met, then by conditions left open. Nothing is guessed: a region the
gazetteer cannot place, a sector the notice does not name, stay ``unknown`` or ``unmet`` as stated.
An amount given only in the other currency (USD against a limit in 元, or back) is converted only at
the administrator's rate (``cny_per_usd``, ``POLICYBOT_CNY_PER_USD``) and says so (``bot.finder.currency``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.finder.currency import OTHER, Currency, convert, marker, note, too_close
from core.language import Lang
from core.validity import status_of
from indexer.notice.eligibility import sectors_in
from indexer.notice.places import canonical, chinese, within

Verdict = Literal["met", "unmet", "unknown"]
Size = Literal["micro", "small", "medium", "large"]
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_SUBSECTORS = {"dyeing": "textile", "weaving": "textile", "home_textile": "textile", "chemical_fibre": "textile"}


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


def _values(cond: Mapping[str, Any]) -> list[Any]:
    """A condition's list of accepted values; anything else in a manifest counts as none."""
    value = cond.get("value")
    return value if isinstance(value, list) else []


def _number(cond: dict[str, Any], have: float | None) -> Verdict:
    op, value = _OPS.get(str(cond.get("op"))), cond.get("value")
    if have is None or op is None or not isinstance(value, int | float):
        return "unknown"
    return "met" if op(have, value) else "unmet"


def _region(cond: dict[str, Any], profile: Profile) -> Verdict:
    place = canonical(profile.region) if profile.region else None
    if place is None:
        return "unknown"
    verdicts = [within(place, str(p)) for p in _values(cond)]
    if any(v is True for v in verdicts):
        return "met"
    return "unmet" if verdicts and all(v is False for v in verdicts) else "unknown"


def _sector(cond: dict[str, Any], profile: Profile) -> Verdict:
    if not profile.sector or not profile.sector.strip():
        return "unknown"
    wanted = set(map(str, _values(cond)))
    said = sectors_in(profile.sector) or [profile.sector.strip().lower()]
    if any(s in wanted or _SUBSECTORS.get(s) in wanted for s in said):
        return "met"
    # A textile company asked about a dyeing-only scheme: it may or may not dye.
    return "unknown" if any(_SUBSECTORS.get(w) in said for w in wanted) else "unmet"


def _size(cond: dict[str, Any], profile: Profile) -> Verdict:
    allowed = _values(cond)
    if "above_designated_size" in allowed:
        have = profile.above_designated_size
        return "unknown" if have is None else ("met" if have else "unmet")
    if profile.enterprise_size is None:
        return "unknown"
    return "met" if profile.enterprise_size in allowed else "unmet"


def _flag(have: bool | None, wanted: bool) -> Verdict:
    return "unknown" if have is None else ("met" if have == wanted else "unmet")


_AMOUNTS = {f"{what}_{unit}_": what for what in ("annual_exports", "annual_revenue") for unit in ("usd", "cny")}


def _money(cond: dict[str, Any], profile: Profile, cny_per_usd: float | None) -> tuple[Verdict, dict[str, Any] | None]:
    """An amount condition (``annual_exports_cny_max``, ...): against the profile's figure in the
    condition's currency; else, with a rate, its figure in the other one converted, and ``unknown``
    when that lands within ``bot.finder.currency.MARGIN`` of the limit. The second value: the conversion."""
    kind = str(cond.get("type"))
    base = next(what for prefix, what in _AMOUNTS.items() if kind.startswith(prefix))
    target: Currency = "USD" if kind.startswith(f"{base}_usd_") else "CNY"
    source = OTHER[target]
    own, have = getattr(profile, f"{base}_{target.lower()}"), getattr(profile, f"{base}_{source.lower()}")
    if own is not None or have is None or cny_per_usd is None:
        return _number(cond, own), None
    value = convert(have, source, target, cny_per_usd)
    status = _number(cond, value)
    if status == "unknown":  # a malformed condition: no rate involved
        return status, None
    near = too_close(value, float(cond["value"]))
    return ("unknown" if near else status), marker(have, source, target, cny_per_usd, near)


def check(cond: dict[str, Any], profile: Profile,
          cny_per_usd: float | None = None) -> tuple[Verdict, dict[str, Any] | None]:
    """One condition against the profile, and the currency conversion it rested on, if any
    (an amount in the other currency, at the administrator's ``cny_per_usd``)."""
    kind = str(cond.get("type"))
    if kind.startswith(tuple(_AMOUNTS)):
        return _money(cond, profile, cny_per_usd)
    if kind.startswith("employees_"):
        return _number(cond, profile.employees), None
    checks: dict[str, Callable[[], Verdict]] = {
        "region": lambda: _region(cond, profile), "sector": lambda: _sector(cond, profile),
        "enterprise_size": lambda: _size(cond, profile),
        "first_time": lambda: _flag(profile.first_time, True),
        "no_violations": lambda: _flag(profile.has_violations, False),
    }
    return (checks[kind]() if kind in checks else "unknown"), None


def verdict(cond: dict[str, Any], profile: Profile, cny_per_usd: float | None = None) -> Verdict:
    """One condition against the profile: ``met``, ``unmet`` or ``unknown``."""
    return check(cond, profile, cny_per_usd)[0]


_OP_WORDS = {"en": {"<": "below", "<=": "at most", ">": "above", ">=": "at least"},
             "zh": {"<": "低于", "<=": "不超过", ">": "超过", ">=": "不低于"}}
_LABELS: dict[str, dict[Lang, str]] = {
    "region": {"en": "Registered in {v}", "zh": "注册地在{v}"},
    "annual_exports_usd": {"en": "Annual exports {op} USD {v}", "zh": "年出口额{op}{v}美元"},
    "annual_exports_cny": {"en": "Annual exports {op} CNY {v}", "zh": "年出口额{op}{v}元"},
    "annual_revenue_usd": {"en": "Annual revenue {op} USD {v}", "zh": "年营业收入{op}{v}美元"},
    "annual_revenue_cny": {"en": "Annual revenue {op} CNY {v}", "zh": "年营业收入{op}{v}元"},
    "employees": {"en": "Employees {op} {v}", "zh": "从业人员{op}{v}人"},
    "sector": {"en": "Sector: {v}", "zh": "行业：{v}"},
    "enterprise_size": {"en": "Enterprise size: {v}", "zh": "企业规模：{v}"},
    "first_time": {"en": "First-time applicant", "zh": "首次申请"},
    "no_violations": {"en": "No record of violations", "zh": "无违法违规记录"},
}
_WORDS_ZH = {"textile": "纺织", "apparel": "服装", "dyeing": "印染", "chemical_fibre": "化纤", "home_textile": "家纺",
             "weaving": "织造", "micro": "微型", "small": "小型", "medium": "中型", "above_designated_size": "规模以上"}


def requirement(cond: dict[str, Any], lang: Lang) -> str:
    """The condition in a line of the member's language; a text condition is its own quote."""
    kind = str(cond.get("type"))
    base = kind.rsplit("_", 1)[0] if kind.endswith(("_max", "_min")) else kind
    if base not in _LABELS:
        return str(cond.get("quote") or "")
    value = cond.get("value")
    if isinstance(value, list):
        words = [chinese(str(v)) if base == "region" else _WORDS_ZH.get(str(v), str(v)) for v in value] \
            if lang == "zh" else [str(v).replace("_", " ") for v in value]
        shown = ("、" if lang == "zh" else " or ").join(words)
    else:
        shown = f"{value:,.0f}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    return _LABELS[base][lang].format(v=shown, op=_OP_WORDS[lang].get(str(cond.get("op")), ""))


def _said(cond: dict[str, Any], profile: Profile, converted: dict[str, Any] | None = None) -> str | None:
    """What the profile said that a condition was checked against, for an ``unmet`` reason."""
    kind = str(cond.get("type"))
    if converted:  # the figure in the other currency
        kind = kind.replace(f"_{converted['to'].lower()}_", f"_{converted['from'].lower()}_")
    size = "above_designated_size" if "above_designated_size" in _values(cond) else "enterprise_size"
    field = {"region": "region", "sector": "sector", "first_time": "first_time", "no_violations": "has_violations",
             "enterprise_size": size}.get(kind) or next(
        (f for f in ("annual_exports_usd", "annual_exports_cny", "annual_revenue_usd", "annual_revenue_cny",
                     "employees") if kind.startswith(f)), None)
    return f"{field}={getattr(profile, field)!r}" if field else None


def checklist(eligibility: Mapping[str, Any], profile: Profile, lang: Lang,
              cny_per_usd: float | None = None) -> list[dict[str, Any]]:
    """Every condition checked; one decided (or left open) on a converted amount carries
    ``converted`` (rate, from, to, ...) and says so in its requirement line."""
    out = []
    for cond in eligibility.get("conditions") or []:
        if not isinstance(cond, dict):
            continue
        quote, cite = cond.get("quote"), cond.get("citation")
        status, converted = check(cond, profile, cny_per_usd)
        item = {"type": str(cond.get("type")), "requirement": requirement(cond, lang), "status": status,
                "value": cond.get("value"), "quote": None if quote is None else str(quote),
                "citation": cite if isinstance(cite, dict) else None}
        if converted:
            item["requirement"] += note(converted, lang)
            item["converted"] = converted
        if status == "unmet":
            item["profile"] = _said(cond, profile, converted)
        out.append(item)
    return out


def find_policies(documents: Mapping[str, Mapping[str, Any]], profile: Profile, day: dt.date,
                  lang: Lang = "en", cny_per_usd: float | None = None) -> dict[str, Any]:
    """Every document in force on ``day``, each with its checklist, benefits and how to apply:
    ``applicable`` (no condition unmet; best fit first) and ``not_applicable`` (with the reasons).
    ``cny_per_usd``: the administrator's rate for amounts given in the other currency (None: none)."""
    applicable, rejected = [], []
    for doc_id, entry in documents.items():
        if status_of(entry, day, documents) != "in_force":
            continue
        found = entry.get("eligibility") if isinstance(entry.get("eligibility"), Mapping) else {}
        items = checklist(found, profile, lang, cny_per_usd)
        counts = {v: sum(1 for i in items if i["status"] == v) for v in ("met", "unmet", "unknown")}
        record = {"doc_id": doc_id, **{k: entry.get(k) for k in (
            "title", "doc_number", "issuer", "date", "effective_date", "expiry_date", "url", "source")},
            "status": "in_force", **counts, "checklist": items,
            "benefits": _dicts(found.get("benefits")), "application": _dicts(found.get("application"))}
        if counts["unmet"]:
            record["reasons"] = [i["requirement"] for i in items if i["status"] == "unmet"]
            rejected.append(record)
        else:
            applicable.append(record)
    applicable.sort(key=lambda r: (-r["met"], not r["benefits"], r["unknown"], _newest(r), r["doc_id"]))
    rejected.sort(key=lambda r: (r["unmet"], -r["met"], _newest(r), r["doc_id"]))
    return {"as_of": day.isoformat(), "lang": lang, "profile": _shown(profile),
            "applicable": applicable, "not_applicable": rejected}


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _newest(record: Mapping[str, Any]) -> str:
    """A sort key putting the most recently effective first (ISO strings, inverted)."""
    when = str(record.get("effective_date") or record.get("date") or "")
    return "".join(chr(0x7F - ord(c)) if c.isascii() else c for c in when) or "\x7f"


def _shown(profile: Profile) -> dict[str, Any]:
    shown = {k: v for k, v in dataclasses.asdict(profile).items() if v is not None}
    if profile.region and (place := canonical(profile.region)):
        shown["region_resolved"] = place
    return shown
