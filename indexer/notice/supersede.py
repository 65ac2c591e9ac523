"""Which indexed document replaces which: ``superseded_by`` across the whole collection.

A document says what it replaces by number or title ("This notice replaces Shao Shang [2022]
No. 15", "原《…》（浙商务发〔2023〕12号）同时废止"; ``indexer.notice.record``); the build keeps those
references in each manifest entry (``links``) and links them here, after every build, so adding
the new notice marks the old one without re-reading it. A sidecar's ``superseded_by`` (a doc_id
or a document number; null: not replaced) wins over what the texts say.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Protocol, TypeVar

from core.records import Chunk, Document
from core.validity import day
from indexer.notice.record import EN_NUMBER, ZH_NUMBER

_BRACKETS = str.maketrans("〔［【(（〕］】)）", "[[[[[]]]]]")
_NOT_WORD = re.compile(r"[^\w]+")
_MIN_PARTIAL = 8
_MIN_NUMBER = 9
"""A number matched by its ending must still hold an issuer character, the year and the serial."""
"""A referenced title shorter than this must equal a title, not sit inside one."""


def number_key(number: str) -> str:
    """One spelling per document number: brackets, spaces, "第" and leading zeros aside."""
    key = "".join(number.translate(_BRACKETS).split()).lower().replace("第", "")
    return re.sub(r"(?<=\D)0+(?=\d)", "", key)


def title_key(title: str) -> str:
    return _NOT_WORD.sub("", title).lower()


def _is_number(ref: str) -> bool:
    return bool(ZH_NUMBER.fullmatch(ref) or EN_NUMBER.fullmatch(ref))


def _targets(ref: str, numbers: dict[str, list[str]], titles: dict[str, str]) -> list[str]:
    """The doc_ids a reference names: by number when it is one, else by title (equal, or one
    inside the other when the shorter is specific enough: "《X》" names "关于印发《X》的通知")."""
    if _is_number(ref):
        # Text before a number may cling to it ("原浙商务发…"): one key ending with the other counts.
        ref_key = number_key(ref)
        return [doc_id for key, ids in numbers.items() for doc_id in ids
                if key == ref_key or (min(len(key), len(ref_key)) >= _MIN_NUMBER
                                      and (ref_key.endswith(key) or key.endswith(ref_key)))]
    key = title_key(ref)
    if len(key) < 4:
        return []
    return [doc_id for doc_id, title in titles.items()
            if title == key or (min(len(key), len(title)) >= _MIN_PARTIAL and (key in title or title in key))]


def _when(entry: dict[str, Any]) -> Any:
    return day(entry.get("effective_date")) or day(entry.get("date"))


def link_documents(documents: dict[str, dict[str, Any]]) -> None:
    """Set every manifest entry's ``superseded_by`` (in place) from the collection's references.

    A document replaces only ones not newer than itself (when both are dated), never itself; of
    several successors the earliest counts."""
    numbers: dict[str, list[str]] = {}
    for doc_id, entry in documents.items():
        if entry.get("doc_number"):
            numbers.setdefault(number_key(entry["doc_number"]), []).append(doc_id)
    titles = {doc_id: title_key(entry.get("title") or "") for doc_id, entry in documents.items()}
    successors: dict[str, list[str]] = {}
    for doc_id, entry in documents.items():
        for ref in (entry.get("links") or {}).get("replaces") or []:
            for target in _targets(str(ref), numbers, titles):
                newer, older = _when(entry), _when(documents[target])
                if target != doc_id and (newer is None or older is None or older <= newer):
                    successors.setdefault(target, []).append(doc_id)
    claims = {(source, target) for target, sources in successors.items() for source in sources}
    for target, sources in successors.items():  # two documents each replacing the other: neither
        successors[target] = [s for s in sources if (target, s) not in claims]
    for doc_id, entry in documents.items():
        declared = (entry.get("links") or {}).get("superseded_by")
        if declared == "":  # a sidecar's explicit null: not replaced, whatever other texts say
            entry["superseded_by"] = None
            continue
        if declared:
            entry["superseded_by"] = declared if declared in documents else \
                next(iter(numbers.get(number_key(declared), [])), declared)
            continue
        found = sorted(set(successors.get(doc_id, [])),
                       key=lambda s: (str(_when(documents[s]) or "9999"), s))
        entry["superseded_by"] = found[0] if found else None


class _Part(Protocol):
    entry: dict[str, Any]
    chunks: list[Chunk]


P = TypeVar("P", bound=_Part)


def refreshed(part: P, doc: Document) -> P | None:
    """An indexed document's part with ``doc``'s newly read metadata and its vectors kept, or None
    when the passages changed (a new title is in every passage the model saw): re-embed it."""
    if not part.chunks or any(c.title != doc.title for c in part.chunks):
        return None
    meta = doc.meta_dict()
    return dataclasses.replace(  # type: ignore[type-var]
        part, entry={**part.entry, **meta, "links": doc.links},
        chunks=[dataclasses.replace(c, **meta) for c in part.chunks])
