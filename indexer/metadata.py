"""Title and date extraction from the raw page text, before cleaning removes the evidence.

Citations show a title and a date; both are read from the lines clean_text throws away
(headline, "Post time: ..." footers, date-only lines), so this works on the raw text.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer.clean import (
    DATE_PATTERNS,
    has_content,
    is_boilerplate_line,
    is_prose,
    is_tail_marker,
    match_date_line,
    normalise_text,
    word_counts,
)

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
_B = r"(?<![A-Za-z])"
# Labels whose colon may be missing ("Published June 24, 2022"), then ones that need it.
_LABEL = re.compile(
    rf"(?:{_B}(?:post(?:ed)?\s*(?:time|date|on)|release(?:d)?\s*(?:date|time|on)?"
    r"|publish(?:ed)?\s*(?:date|time|on|at)?|pub(?:lication)?\s*date)|发布时间|发布日期|成文日期"
    r"|印发日期|公布日期)\s*[:：]?\s*[\[【(（]?\s*"
    rf"|(?:{_B}date|日期|时间)\s*[:：]\s*[\[【(（]?\s*",
    re.I,
)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_BRACKETED = re.compile(r"^(?:\[(.+)\]|【(.+)】)$")
_TITLE_LABEL = re.compile(r"^(?:title|标题)\s*[:：]\s*", re.I)


def _cn_number(s: str) -> int:
    """二〇二一 -> 2021 (digit by digit); 十六 -> 16, 二十 -> 20 (tens notation)."""
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _to_iso(m: re.Match[str]) -> str | None:
    """Validate one date match: a real calendar day between 1980 and 2100."""
    parts = m.groupdict()
    try:
        if parts.get("mon"):
            month = _MONTHS.index(parts["mon"][:3].lower()) + 1
        else:
            month = int(parts["m"]) if parts["m"].isdigit() else _cn_number(parts["m"])
        year = int(parts["y"]) if parts["y"].isdigit() else _cn_number(parts["y"])
        day = int(parts["d"]) if parts["d"].isdigit() else _cn_number(parts["d"])
        if not 1980 <= year <= 2100:
            return None
        return dt.date(year, month, day).isoformat()
    except (ValueError, KeyError):
        return None


def parse_date(text: str, pos: int = 0, compact: bool = False) -> str | None:
    """Parse a date starting at text[pos]; YYYYMMDD only when a label vouches for it."""
    text = text.translate(_FULLWIDTH)
    patterns = [*DATE_PATTERNS, _COMPACT] if compact else DATE_PATTERNS
    for pattern in patterns:
        m = pattern.match(text, pos)
        if m:
            return _to_iso(m)
    return None


def _labelled_date(lines: list[str]) -> str | None:
    for line in lines:
        for m in _LABEL.finditer(line):
            # A label inside running prose is a sentence, not page metadata.
            if m.start() > 0 and is_prose(line):
                continue
            found = parse_date(line, m.end(), compact=True)
            if found:
                return found
    return None


def _split_at_tail(raw_text: str) -> tuple[list[str], list[str]]:
    """Lines before / after the first tail marker that follows body prose."""
    lines = normalise_text(raw_text).split("\n")
    seen_prose = False
    for i, line in enumerate(lines):
        if seen_prose and is_tail_marker(line):
            return lines[:i], lines[i:]
        seen_prose = seen_prose or is_prose(line)
    return lines, []


def extract_date(raw_text: str) -> str | None:
    """ISO date of the document: labelled date, else first date-only line, else None."""
    head, tail = _split_at_tail(raw_text)
    found = _labelled_date(head)
    if found:
        return found
    for line in head:
        m = match_date_line(line.translate(_FULLWIDTH))
        if m and _to_iso(m):
            return _to_iso(m)
    # Related lists carry other articles' dates; a labelled one there is a last resort.
    return _labelled_date(tail)


def _looks_like_headline(line: str) -> bool:
    words, cjk = word_counts(line)
    if words + cjk == 0 or words > 30 or cjk > 60:
        return False
    if words < 3 and cjk < 5:
        return False
    return not re.search(r"[.。,，;；:：、]$", line)


def extract_title(raw_text: str) -> str | None:
    """The headline: first headline-like line before the body starts, else None."""
    seen = 0
    for line in normalise_text(raw_text).split("\n"):
        if not has_content(line) or is_tail_marker(line) or is_boilerplate_line(line):
            continue
        if is_prose(line) or seen >= 8:
            return None
        seen += 1
        m = _BRACKETED.match(line)
        candidate = _TITLE_LABEL.sub("", (m.group(1) or m.group(2)) if m else line).strip()
        if _looks_like_headline(candidate):
            return candidate
    return None


def fallback_title(body: str, max_words: int = 14) -> str:
    """A short title from the body's first sentence, for pages without a headline."""
    text = next((p.strip() for p in body.split("\n") if has_content(p)), "")
    sentence = re.split(r"(?<=[.!?])\s+|(?<=[。！？])", text, maxsplit=1)[0]
    sentence = sentence.rstrip(" .。!！?？")
    words, cjk = word_counts(sentence)
    if cjk > words:
        if len(sentence) <= 30:
            return sentence
        return sentence[:30].rstrip("，、；：,;: ") + "…"
    tokens = sentence.split()
    if len(tokens) <= max_words:
        return sentence
    return " ".join(tokens[:max_words]).rstrip(",;:") + "…"
