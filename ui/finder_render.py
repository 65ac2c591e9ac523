"""The policy finder's result (``bot.finder.match.find_policies``) as Markdown for the chat UI.

Applicable policies first, each with its checklist (✓ met, ✗ not met, ? unknown), the sentence
that states each condition and where it is, the benefits and how to apply; then the policies that
do not apply, with the conditions they fail. Everything taken from a document (titles, numbers,
quotes, the values in requirements) is data: it goes through ``escape``, so no Markdown or HTML in
a notice can render.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.language import Lang
from ui.document_view import view_url
from ui.i18n import t
from ui.policy_card import escape, header

MAX_SHOWN = 50  # policies per list; an empty profile over a large collection lists every one
MARKS = {"met": "✓", "unmet": "✗", "unknown": "?"}


def citation(cite: Mapping[str, Any] | None, lang: Lang) -> str:
    """Where a quote is: document id and passage (1-based), linked to the document view, and page."""
    if not isinstance(cite, Mapping) or not cite.get("doc_id"):
        return ""
    position = cite.get("position")
    n = position + 1 if isinstance(position, int) and not isinstance(position, bool) else "?"
    where = t(lang, "finder_citation", doc_id=escape(str(cite["doc_id"])), n=n)
    chunk = cite.get("chunk_id")
    where = f"[{where}]({view_url(str(cite['doc_id']), chunk if isinstance(chunk, str) else None, lang)})"
    page = cite.get("page")
    comma = "，" if lang == "zh" else ", "
    return where + (f"{comma}{t(lang, 'page', n=page)}" if isinstance(page, int) and not isinstance(page, bool) else "")


def quoted(quote: object, cite: Mapping[str, Any] | None, lang: Lang) -> str:
    """The document's sentence as an indented blockquote under a list item, with its citation."""
    if not quote:
        return ""
    where = citation(cite, lang)
    return f"\n  > {escape(' '.join(str(quote).split()))}" + (f" — _{where}_" if where else "")


def verdict_line(item: Mapping[str, Any], lang: Lang) -> str:
    """Mark, what is required and the verdict: "`✓` **Registered in Shaoxing** · `met`"; an
    alternative says so ("one of these is enough"). The mark is a code span: one monospace width, so
    "?" rows line up with "✓" rows."""
    status = str(item.get("status"))
    status = status if status in MARKS else "unknown"
    verdict = f"`{t(lang, f'finder_{status}')}`"
    if "group" in item:
        verdict += " · _" + t(lang, "finder_alternatives_met" if item.get("group_status") == "met"
                              else "finder_alternative") + "_"
    if item.get("type") == "text":  # a condition only quoted: the quote is the requirement
        return f"`{MARKS[status]}` {verdict} {escape(' '.join(str(item.get('quote') or '').split()))}"
    return f"`{MARKS[status]}` **{escape(str(item.get('requirement') or item.get('type') or ''))}** · {verdict}"


def window(record: Mapping[str, Any], lang: Lang) -> list[str]:
    """The application window's line ("Applications open until 2027-01-15"), with its quote."""
    found = record.get("window") if isinstance(record.get("window"), Mapping) else None
    if not found or not found.get("line"):
        return []
    mark = {"closed": "✗", "open": "✓", "not_yet_open": "…"}.get(str(found.get("state")), "?")
    return ["", f"**{t(lang, 'finder_window')}:** {mark} {escape(str(found['line']))}"
            + quoted(found.get("quote"), found.get("citation"), lang)]


def conditions(items: list[Mapping[str, Any]], lang: Lang) -> list[str]:
    """One list item per sentence of the notice: the conditions it states, one a line, then the
    sentence once with its citation (a sentence often states several: exports, staff, region)."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        groups.setdefault(" ".join(str(item.get("quote") or "").split()), []).append(item)
    out = []
    for quote, group in groups.items():
        lines = "  \n  ".join(verdict_line(item, lang) for item in group)
        if group[0].get("type") == "text" and len(group) == 1:  # its line is the quote already
            where = citation(group[0].get("citation"), lang)
            out.append(f"- {lines}" + (f" — _{where}_" if where else ""))
        else:
            out.append(f"- {lines}" + quoted(quote, group[0].get("citation"), lang))
    return out


def _entry(line: str, item: Mapping[str, Any], lang: Lang) -> str:
    """A benefit or application step: what was read from it, then its quote (alone when nothing was)."""
    if line:
        return f"- {line}" + quoted(item.get("quote"), item.get("citation"), lang)
    return "- " + quoted(item.get("quote"), item.get("citation"), lang).removeprefix("\n  > ")


def benefit(item: Mapping[str, Any], lang: Lang) -> str:
    cap = item.get("cap") if isinstance(item.get("cap"), Mapping) else {}
    bits = [t(lang, "finder_rate", rate=escape(str(item["rate"]))) if item.get("rate") else "",
            t(lang, "finder_cap", cap=escape(str(cap["text"]))) if cap.get("text") else ""]
    return _entry(" · ".join(b for b in bits if b), item, lang)


def step(item: Mapping[str, Any], lang: Lang) -> str:
    bits = [t(lang, "finder_deadline", deadline=escape(str(item["deadline"]))) if item.get("deadline") else "",
            t(lang, "finder_channel", channel=escape(str(item["channel"]))) if item.get("channel") else ""]
    return _entry(" · ".join(b for b in bits if b), item, lang)


def _list(items: object) -> list[Mapping[str, Any]]:
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def _record_line(record: Mapping[str, Any], lang: Lang) -> str:
    """The card's header line; a notice listed although it states no validity says so."""
    line = header(record, lang)
    if record.get("status") == "unknown":
        line = " · ".join(b for b in (line, f"`{t(lang, 'status_unknown')}`") if b)
    return line


def policy(record: Mapping[str, Any], n: int, lang: Lang) -> list[str]:
    """An applicable policy: title, record line, counts, checklist, benefits, how to apply."""
    name = escape(str(record.get("title") or record.get("doc_id") or ""))
    counts = t(lang, "finder_counts", met=record.get("met", 0), unknown=record.get("unknown", 0))
    line = " · ".join(b for b in (_record_line(record, lang), counts) if b)
    lines = ["", f"#### {n}. {name}", line, "", f"**{t(lang, 'finder_conditions')}**", ""]
    checks = _list(record.get("checklist"))
    lines += conditions(checks, lang) or [f"_{t(lang, 'finder_no_conditions')}_"]
    lines += window(record, lang)
    for key, items, show in (("finder_benefits", record.get("benefits"), benefit),
                             ("finder_apply", record.get("application"), step)):
        if entries := _list(items):
            lines += ["", f"**{t(lang, key)}**", ""] + [show(e, lang) for e in entries]
    return lines


def rejected(record: Mapping[str, Any], n: int, lang: Lang) -> list[str]:
    """A policy that does not apply: title, record line, the failed conditions with their quotes."""
    name = escape(str(record.get("title") or record.get("doc_id") or ""))
    failed = [c for c in _list(record.get("checklist")) if c.get("status") == "unmet"
              and c.get("group_status", "unmet") == "unmet"]
    said = record.get("reasons") if isinstance(record.get("reasons"), list) else \
        [c.get("requirement") or c.get("type") for c in failed]
    reasons = ("；" if lang == "zh" else "; ").join(escape(str(r)) for r in said)
    lines = ["", f"#### {n}. {name}", _record_line(record, lang), "",
             f"**{t(lang, 'finder_reasons', reasons=reasons)}**",
             ""]
    closed = window(record, lang) if (record.get("window") or {}).get("state") == "closed" else []
    return lines + conditions(failed, lang) + closed


def render_matches(result: Mapping[str, Any], lang: Lang) -> str:
    """Markdown for the whole result, in ``lang`` (the requirements are already in it)."""
    applicable, others = _list(result.get("applicable")), _list(result.get("not_applicable"))
    lines = [f"_{t(lang, 'finder_day', day=escape(str(result.get('as_of') or '')))}_", "",
             f"### {t(lang, 'finder_applicable', n=len(applicable))}"]
    if not applicable:
        lines += ["", t(lang, "finder_none")]
    for n, record in enumerate(applicable[:MAX_SHOWN], 1):
        lines += policy(record, n, lang)
    if len(applicable) > MAX_SHOWN:
        lines += ["", t(lang, "finder_more", n=len(applicable) - MAX_SHOWN)]
    if others:
        lines += ["", f"### {t(lang, 'finder_not_applicable', n=len(others))}"]
        for n, record in enumerate(others[:MAX_SHOWN], 1):
            lines += rejected(record, n, lang)
        if len(others) > MAX_SHOWN:
            lines += ["", t(lang, "finder_more", n=len(others) - MAX_SHOWN)]
    return "\n".join(lines)
