"""Places a condition points to instead of naming them: "registered in one of the target cities above",
"在上述城市依法注册", "located in the areas listed below". The notice lists them elsewhere, in a section
headed by the pointer's word ("Target cities" over "Guangzhou, Shenzhen, … and Zhaoqing."; "二、支持地区"
over "越城区、柯桥区、上虞区") or in a line naming the word before its places ("实施城市为：广州、深圳…"); the
places read there (``indexer.notice.places``) are where the applicant must be. Every pattern is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from indexer.notice.places import region_places
from indexer.notice.structure import Block

__all__ = ["pointed_region"]

MAX_TEXT = 400
MAX_LIST = 600  # a section listing places is short; a longer one is prose

_EN_AREAS = r"cities|areas|regions|districts|counties|places|provinces|towns|localities|municipalities|zones"
_POINTER = re.compile(
    rf"\b(?:(?:one|any|each)\s+of\s+)?the\s+(?P<en>(?:[a-z-]{{3,20}}\s+){{0,2}}?(?:{_EN_AREAS}))\s+"
    r"(?:(?:listed|named|set\s+out|given|shown|mentioned)\s+)?(?:above|below|earlier|before)\b"
    rf"|\b(?:(?:one|any|each)\s+of\s+)?the\s+(?P<en2>(?:[a-z-]{{3,20}}\s+){{0,2}}?(?:{_EN_AREAS}))\s+"
    r"(?:listed|named|set\s+out)\s+(?:in|under)\s+(?:this|the)\s+(?:notice|call|guide|section)\b"
    r"|(?:上述|前述|上列|下列|以下|所列|本通知所列)的?(?P<zh>[\u4e00-\u9fff]{0,4}?(?:城市|地区|区域|区县|县市区|市县"
    r"|县（市、区）|县\(市、区\)|镇街|乡镇))", re.I)
_SINGULAR = re.compile(r"(?:ies|s)$", re.I)


def _word(noun: str) -> str:
    """The pointer's own word ("target cities" -> "target cit", "cities" -> "cit"; "城市" stays)."""
    return _SINGULAR.sub("", noun.strip().lower()) if noun.isascii() else noun


def _listed(blocks: Sequence[Block], noun: str) -> list[str]:
    """The text listing the places the pointer's ``noun`` names: the lines of a section whose heading has
    the word (the whole noun first, then its last word), else a line with the word before a colon."""
    words = [_word(noun)] + ([_word(noun.split()[-1])] if " " in noun.strip() else [])
    for word in words:
        body = [b.text for b in blocks if b.kind not in ("heading", "title") and b.path
                and word in b.path[-1].lower() and len(b.path[-1]) <= 40]
        if body and sum(map(len, body)) <= MAX_LIST:
            return body
    for word in words:
        lines = [b.text[b.text.find(":") + 1 if ":" in b.text else b.text.find("：") + 1:] for b in blocks
                 if (at := b.text.lower().find(word)) >= 0 and re.search(r"[:：]", b.text[at:at + 40])
                 and not _POINTER.search(b.text[:MAX_TEXT])]
        if lines:
            return lines[:1]
    return []


def pointed_region(text: str, blocks: Sequence[Block], issuer: str | None = None) -> list[dict[str, Any]]:
    """The region a unit states by pointing to places listed elsewhere in the notice (``blocks``); [] when it
    points to none, or the places cannot be read."""
    m = _POINTER.search(text[:MAX_TEXT])
    if not m:
        return []
    noun = m["en"] or m["en2"] or m["zh"]
    for line in _listed(blocks, noun):
        places, parents = region_places(line, issuer)
        if places:
            return [{"type": "region", "value": places, "text": m[0].strip(),
                     **({"within": parents} if parents else {})}]
    return []
