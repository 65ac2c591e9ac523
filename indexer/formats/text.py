"""Plain text and Markdown: YAML front matter gives metadata, Markdown syntax is stripped so the
index and quoted answers see prose, not markup. Web boilerplate is left to the lead's cleaner."""

from __future__ import annotations

import re
from typing import Any

import yaml

from core.dates import normalise_date
from indexer.formats.base import Extracted, canonical_key, clean_field, tidy_text

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT_OR_RULE = re.compile(r"^\s{0,3}(?:=+|-{3,}|\*{3,}|_{3,}|(?:[-*_]\s*){3,})\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, body). A block that is not a YAML mapping is content, not front matter."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match[1]) if match[1].strip() else {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    meta: dict[str, Any] = {}
    for key, value in data.items():
        canonical = canonical_key(key)
        if canonical and canonical not in meta and value not in (None, ""):
            meta[canonical] = value
    return meta, text[match.end():]


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
    for pattern in (_STRONG, _STRIKE):
        line = pattern.sub(lambda m: m[m.lastindex or 0], line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m[1])], line)


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
        if _SETEXT_OR_RULE.match(line) or _TABLE_RULE.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if m := _HEADING.match(line):
            out.extend(["", _inline(m[1]), ""])
            continue
        out.append(_inline(line))
    return "\n".join(out)


def read_text(text: str, *, markdown: bool) -> Extracted:
    """Build the Extracted for a decoded .txt/.md file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text)
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
        needs_cleaning=True,
    )
