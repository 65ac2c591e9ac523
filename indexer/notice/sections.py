"""What chunking needs from a notice's structure (``core.records.Document.outline``): where each
line starts, the heading path it sits in, and whether an answer may quote it."""

from __future__ import annotations

from indexer.notice.record import names_issuer
from indexer.notice.structure import Block, NoticeStructure, parse

Outline = tuple[tuple[int, tuple[str, ...], bool], ...]
# Lines that say what every citation already shows (the title) or say nothing a member asks about.
_NOT_QUOTED = ("title", "addressee", "note")


def quoted(block: Block) -> bool:
    """Whether an answer may quote ``block``: not the title (every citation shows it), the
    addressee or a note, nor the issuing body's name in the letterhead or the 落款 (the citation's
    record shows it). Its text is indexed all the same; the number and the date stay quotable
    ("文号是什么？", "什么时候发布的？")."""
    if block.kind in _NOT_QUOTED:
        return False
    if block.kind in ("record", "signature"):
        return not names_issuer(block.text)
    return True


def outline(text: str, structure: NoticeStructure | None = None) -> Outline:
    """(offset of each line's first character in ``text``, its heading path with its own heading,
    whether an answer may quote it)."""
    structure = structure or parse(text)
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset + len(line) - len(line.lstrip()))
        offset += len(line) + 1
    return tuple((starts[b.line], b.context, quoted(b)) for b in structure.blocks)
