"""Title and date extraction from the raw page text, before cleaning removes the evidence.

Citations show a title and a date; both are read from the lines clean_text throws away
(headline, "Post time: ..." footers, date-only lines), so this works on the raw text.
"""

from __future__ import annotations

import re

from core.dates import FULLWIDTH, match_to_iso, parse_date_at
from indexer.documents.clean import chrome_rule
from indexer.documents.lines import (
    has_content,
    is_prose,
    is_tail_marker,
    match_date_line,
    normalise_text,
    word_counts,
)
from indexer.notice.record import is_issuer_line, is_record_line

_B = r"(?<![A-Za-z])"
# Labels whose colon may be missing ("Published June 24, 2022"), then ones that need it.
# Lines are normalised (one space between words), so every gap is " ?": "\s*" next to "\s*" backtracked
# quadratically on long runs of spaces.
_LABEL = re.compile(
    rf"(?:{_B}(?:post(?:ed)? ?(?:time|date|on)|release(?:d)?(?: ?(?:date|time|on))?"
    r"|publish(?:ed)?(?: ?(?:date|time|on|at))?|pub(?:lication)? ?date|date of issue|issue date"
    r"|issued on)|发布时间|发布日期|成文日期"
    r"|印发日期|公布日期)(?: ?[:：])? ?(?:[\[【(（] ?)?"
    rf"|(?:{_B}date|日期|时间) ?[:：] ?(?:[\[【(（] ?)?",
    re.I,
)
_BRACKETED = re.compile(r"^(?:\[(.+)\]|【(.+)】|《([^《》]+)》)$")
# A Chinese title broken over two lines: "关于印发《…》" + "的通知".
_ZH_TITLE_START = re.compile(r"^(?:[\u4e00-\u9fff]{2,30})?关于")
_ZH_TITLE_END = re.compile(r"(?:通知|决定|意见|办法|规定|公告|通告|批复|函|方案|细则|规划|措施|报告|条例|意见稿)$")
_TITLE_LABEL = re.compile(r"^(?:title|标题)\s*[:：]\s*", re.I)


def _labelled_date(lines: list[str]) -> str | None:
    for line in lines:
        prose: bool | None = None  # computed once per line: per label it was quadratic
        for m in _LABEL.finditer(line):
            # A label inside running prose is a sentence, not page metadata.
            if m.start() > 0:
                prose = is_prose(line) if prose is None else prose
                if prose:
                    continue
            found = parse_date_at(line, m.end(), compact=True)
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
        m = match_date_line(line.translate(FULLWIDTH))
        if m and match_to_iso(m):
            return match_to_iso(m)
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
    """The headline: first headline-like line before the body starts, else None. A notice's
    letterhead, number and labels are passed over (``is_record_line``), an issuer's name too unless
    nothing else precedes the body; a Chinese title broken after "关于…" is joined with the line
    that ends it ("…的通知")."""
    seen, issuer = 0, None
    lines = normalise_text(raw_text).split("\n")
    for i, line in enumerate(lines):
        if not has_content(line) or is_tail_marker(line) or chrome_rule(line) or match_date_line(line):
            continue
        if is_record_line(line):  # before the prose test: "Document No.: X [2022] No. 15" ends a sentence
            continue
        if is_prose(line) or seen >= 8:
            return issuer
        seen += 1
        if is_issuer_line(line):  # "Shaoxing Municipal Bureau of Commerce" above the real headline
            issuer = issuer or line
            continue
        following = next((n for n in lines[i + 1:i + 3] if n), "")
        if _ZH_TITLE_START.match(line) and not _ZH_TITLE_END.search(line) \
                and _ZH_TITLE_END.search(following) and len(line + following) <= 80:
            line += following
        m = _BRACKETED.match(line)
        candidate = _TITLE_LABEL.sub("", next((g for g in m.groups() if g), line) if m else line).strip()
        if _looks_like_headline(candidate):
            return candidate
    return issuer


# Where a long first sentence may be cut: after a clause's comma, or before a word opening a clause.
_CLAUSE_END = re.compile(r"[,;:]$")
_CLAUSE_START = frozenset("that which who whose where when while because although after before since until "
                          "including and but or".split())
_DANGLING = frozenset("a an the of to in on at by for from with and or as that which its their our nearly about "
                      "had has have was were is are be been".split())


def fallback_title(body: str, max_words: int = 14, max_chars: int = 30) -> str:
    """A readable title from the body's first sentence, for pages without a headline: the sentence,
    or when longer than ``max_words`` (``max_chars`` for Chinese) its beginning cut at a phrase
    boundary (before "that …", after a clause's comma), else at a word that leaves no dangling
    "of" or "the"; "…" marks a cut."""
    text = next((p.strip() for p in body.split("\n") if has_content(p)), "")
    sentence = re.split(r"(?<=[.!?])\s+|(?<=[。！？])", text, maxsplit=1)[0].rstrip(" .。!！?？")
    words, cjk = word_counts(sentence)
    if cjk > words:
        if len(sentence) <= max_chars:
            return sentence
        cut = max(sentence.rfind(p, 0, max_chars) for p in "，；：")
        return (sentence[:cut] if cut >= 8 else sentence[:max_chars].rstrip("，、；：,;: ")) + "…"
    tokens = sentence.split()
    if len(tokens) <= max_words:
        return sentence
    ends = [i + 1 for i, token in enumerate(tokens[:max_words]) if i >= 4 and _CLAUSE_END.search(token)]
    ends += [i for i, token in enumerate(tokens[:max_words + 1]) if i >= 5 and token.lower() in _CLAUSE_START]
    cut = tokens[: max(ends)] if ends else tokens[:max_words]
    while len(cut) > 1 and cut[-1].lower().strip(",;:") in _DANGLING:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"
