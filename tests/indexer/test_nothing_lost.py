"""Nothing a notice says is lost: every line of every development notice (Chinese and English; text,
GB18030, Big5, HTML, DOCX) is inside the chunks, except the lines the cleaner names as web page
chrome, each with its rule. On the HTML pages the listed chrome goes and the listed content stays."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest

from bench import notice_set
from core.records import Chunk, Document
from indexer.documents.chunking import Chunker, chunk_document
from indexer.documents.limits import Limits
from indexer.documents.lines import normalise_line, normalise_text
from indexer.load import load_document
from indexer.notice.structure import parse

ROOT = Path(__file__).resolve().parents[2]
FINDER = ROOT / "bench" / "data" / "finder"
RULES = {"title", "no_content", "decoration", "markup", "copyright", "view_counter", "share", "breadcrumb",
         "page_tools", "tags", "navigation", "related_marker", "after_related_marker", "between_chrome",
         "outside_main_content"}
_TAG = re.compile(r"<[^<>]{0,2000}>")
_SCRIPT = re.compile(r"<(script|style)\b[^<>]{0,2000}>[^<]{0,100000}</\1>", re.I)  # the fixtures' scripts
# Small chunks (characters, not tokens) so that sections are packed, split and cut.
CHUNKER_OVERLAP = 20
CHUNKER = Chunker(chunk_size=120, chunk_overlap=CHUNKER_OVERLAP)


def _files() -> list[tuple[str, Path, str]]:
    found = [(n.doc, n.path, n.meta["encoding"]) for n in notice_set.notices().values()]
    for row in map(json.loads, (FINDER / "notices.jsonl").read_text(encoding="utf-8").splitlines()):
        found.append((row["file"], FINDER / row["file"], "utf-8"))
    found += [(p.name, p, "utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    return found


FILES = _files()


@cache
def read(name: str) -> tuple[Document, tuple[Chunk, ...]]:
    path = next(p for n, p, _ in FILES if n == name)
    doc = load_document(path, path.stem, path.name, Limits())
    return doc, tuple(chunk_document(doc, CHUNKER))


def written_lines(path: Path, encoding: str) -> list[str]:
    """The file's own lines, read without the indexer: decoded as declared, an HTML page's body
    with every tag a line break, a DOCX's paragraphs and table cells."""
    if encoding == "docx":
        import docx

        document = docx.Document(str(path))
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for row in t.rows for c in row.cells])
    else:
        text = path.read_bytes().decode(encoding)
    if path.suffix == ".html":
        text = _SCRIPT.sub("\n", text[text.index("<body"):])
        text = html.unescape(_TAG.sub("\n", text))
    lines = (normalise_line(ln) for ln in text.split("\n"))
    return [ln for ln in lines if ln]


def covered(text: str, chunks: tuple[Chunk, ...]) -> list[bool]:
    """Which characters of ``text`` some chunk holds. Chunks are found in order: each starts after
    the previous one's start, at most the overlap before its end, and ends after it (the same words
    may occur earlier, "《…若干措施》" in a sentence above the title "…若干措施")."""
    mask = [False] * len(text)
    cursor = end = 0
    for chunk in chunks:
        at = text.find(chunk.text, cursor)
        # Each chunk reaches past the previous one's end: a short chunk ("and", after "…included and
        # the upper excluded;") is not the same words inside the overlap.
        while 0 <= at and at + len(chunk.text) <= end:
            at = text.find(chunk.text, at + 1)
        assert at >= 0, f"chunk {chunk.position} is not a span of the text: {chunk.text[:60]!r}"
        mask[at:at + len(chunk.text)] = [True] * len(chunk.text)
        cursor = max(at + 1, at + len(chunk.text) - CHUNKER_OVERLAP - 5)
        end = at + len(chunk.text)
    return mask


@pytest.mark.parametrize(("name", "path", "encoding"), FILES, ids=[n for n, _, _ in FILES])
def test_every_line_is_in_a_chunk_or_named_as_chrome(name: str, path: Path, encoding: str) -> None:
    doc, chunks = read(name)
    assert {rule for rule, _ in doc.removed} <= RULES
    mask = covered(doc.text, chunks)
    offset = 0
    for line in doc.text.split("\n"):
        held = zip(mask[offset:offset + len(line)], line, strict=True)
        # Every character but the spaces the splitter cuts at.
        assert all(m for m, ch in held if not ch.isspace()), f"not in any chunk: {line!r}"
        offset += len(line) + 1
    flat = normalise_line(doc.text.replace("\n", " "))
    removed = [normalise_line(line) for _, line in doc.removed]
    lost = [line for line in written_lines(path, encoding)
            if line not in flat and not any(line in r for r in removed)]
    assert not lost, f"{len(lost)} lines neither indexed nor named as chrome, first: {lost[0]!r}"


HTML = [n for n in notice_set.notices().values() if n.meta["format"] == "html"]


@pytest.mark.parametrize("notice", HTML, ids=[n.doc for n in HTML])
def test_html_chrome_goes_and_content_stays(notice: notice_set.Notice) -> None:
    doc, _ = read(notice.doc)  # the text's lines are all in chunks: the first test
    lines = {normalise_line(ln) for ln in doc.text.split("\n")}
    flat = normalise_line(doc.text.replace("\n", " "))
    assert notice.meta["chrome"] and notice.meta["content_lines_must_keep"]
    for chrome in notice.meta["chrome"]:
        chrome = normalise_line(chrome)
        # Short menu words ("微信", "企业服务") also occur inside sentences; a whole line must not be one.
        assert chrome not in lines and (len(chrome) < 8 or chrome not in flat), chrome
    for line in notice.meta["content_lines_must_keep"]:
        assert normalise_line(line) in flat, line


def test_the_set_covers_what_it_must() -> None:
    """Chinese and English, every format and encoding, contacts, annex lists and signatures."""
    notices = notice_set.notices().values()
    assert len([n for n in notices if n.meta["lang"] == "zh"]) >= 30
    assert {n.meta["encoding"] for n in notices} >= {"utf-8", "gb18030", "big5", "docx"}
    assert {n.meta["format"] for n in notices} >= {"txt", "html", "docx"}
    assert all(sum(f in n.meta["has"] for n in notices) >= 20 for f in ("contacts", "annex_list", "signature"))


NOTICES = [n for n in notice_set.notices().values() if n.meta["format"] != "html"]


@pytest.mark.parametrize("notice", NOTICES, ids=[n.doc for n in NOTICES])
def test_contacts_annex_lists_and_signatures_are_never_chrome(notice: notice_set.Notice) -> None:
    """What the notice structure reads as a contact, an 附件 list or the 落款 in the file as written
    is never removed, and the lines the set lists as content are kept (in the chunks: the first
    test). HTML pages: the test above."""
    doc, _ = read(notice.doc)
    structure = parse(normalise_text("\n".join(written_lines(notice.path, notice.meta["encoding"]))))
    parts = {b.text for b in structure.blocks if b.kind in ("contact", "annex_list", "signature")}
    assert parts or notice.meta["lang"] == "en"
    removed = {normalise_line(line) for _, line in doc.removed}
    assert not parts & removed, sorted(parts & removed)
    for line in notice.meta["content_lines_must_keep"]:
        assert normalise_line(line) in normalise_line(doc.text.replace("\n", " ")), line
