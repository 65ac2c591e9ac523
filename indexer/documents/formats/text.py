"""Plain text and Markdown: YAML front matter gives metadata, Markdown syntax is stripped so the
index and quoted answers see prose, not markup. Web chrome is left to the cleaner (indexer.documents.clean)."""

from __future__ import annotations

import re

from core.dates import normalise_date
from indexer.documents.formats.base import DATE_FIELDS, Extracted, canonical_key, clean_field, tidy_text
from indexer.documents.formats.front_matter import split_front_matter
from indexer.documents.limits import DEFAULT_LIMITS, Limits

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_SETEXT_OR_RULE = re.compile(r"^\s{0,3}(?:=+|-{3,}|\*{3,}|_{3,}|(?:[-*_]\s*){3,})\s*$")
# One cell of a Markdown table's rule row ("---", ":--:"); the row is split by hand (``_table_rule``):
# one pattern for the whole row backtracked quadratically on a long run of spaces.
_TABLE_CELL = re.compile(r":?-{2,}:?")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_QUOTES = re.compile(r"^\s{0,3}>(?:\s{0,4}>)*\s?")  # each step ends at a ">": no two ways to read spaces
# Inline patterns are written so that no opener can scan past the next opener: a `.+?` span from
# each unmatched "**" to the end of the line made a 32 kB line of "**a " take 7 s (quadratic).
# Link targets: no spaces (CommonMark), one level of parentheses, or <anything>; a title.
_TARGET = r"""(?:<[^<>\n]*>|(?:[^()\[\]\s<>]|\([^()\s]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*"""
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(" + _TARGET + r"\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(" + _TARGET + r"\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_CODE = re.compile(r"`([^`]+)`")
_STRONG = (
    re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=\S)\*\*"),
    re.compile(r"__(?=[^\s_])([^_]+?)(?<=\S)__"),
)
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=[^\s~])([^~]+?)(?<=\S)~~")


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    # Code spans keep their content verbatim: protect them from emphasis stripping.
    spans: list[str] = []

    def _keep(m: re.Match[str]) -> str:
        spans.append(m[1])
        return f"\x00{len(spans) - 1}\x00"

    line = _CODE.sub(_keep, line)
    for pattern in (*_STRONG, _STRIKE, _EM_STAR):
        line = pattern.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m[1])], line)


def _table_rule(line: str) -> bool:
    """"| --- | :-: |": the line under a Markdown table's header."""
    row = line.strip()
    if "--" not in row:
        return False
    row = row.removeprefix("|").removesuffix("|")
    return all(_TABLE_CELL.fullmatch(cell.strip()) for cell in row.split("|"))


def _closing_hashes(heading: str) -> str:
    """ATX heading text without its optional closing "#"s (string methods: a regex for this was
    quadratic on long runs of spaces)."""
    text = heading.rstrip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip()
    return text


def markdown_to_text(markdown: str) -> str:
    """Minimal, line-based Markdown stripping; fenced code is kept verbatim as text."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        if m := _FENCE.match(line):
            if fence is None:
                fence = m[1]
                continue
            if m[1] == fence:
                fence = None
                continue
        if fence is not None:
            out.append(line)
            continue
        if _SETEXT_OR_RULE.match(line) or _table_rule(line) or _REF_DEF.match(line):
            out.append("")
            continue
        line = _QUOTES.sub("", line, count=1)
        if m := _HEADING.match(line):
            out.extend(["", _inline(_closing_hashes(line[m.end():])), ""])
            continue
        out.append(_inline(line))
    return "\n".join(out)


def read_text(text: str, *, markdown: bool, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Build the Extracted for a decoded .txt/.md file.

    The length is checked before Markdown is stripped (markup counts): stripping is the costly
    part, and an over-long file should not pay for it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text, limits)
    limits.check_chars(len(body.strip()))
    if markdown:
        body = markdown_to_text(body)
    url = clean_field(meta.get("url"))
    issuer = clean_field(meta.get("issuer")) or clean_field(meta.get("author"))
    source = clean_field(meta.get("source"))
    if source and source.lower().startswith(("http://", "https://")):
        url = url or source
    elif source:
        issuer = issuer or source
    return Extracted(
        text=tidy_text(body),
        title=clean_field(meta.get("title")),
        date=normalise_date(meta.get("date")),
        url=url,
        issuer=issuer,
        **_policy_fields(meta),
        needs_cleaning=True,
    )


def _policy_fields(meta: dict[str, object]) -> dict[str, str | None]:
    """Front matter may state the policy record too (``doc_number: …``, ``effective: 2024-01-01``)."""
    out: dict[str, str | None] = {}
    for key, value in meta.items():
        name = canonical_key(key)
        if name in ("doc_number", "effective_date", "expiry_date", "superseded_by") and name not in out:
            out[name] = normalise_date(value) if name in DATE_FIELDS else clean_field(value)
    return out
