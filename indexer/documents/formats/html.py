"""HTML pages: trafilatura finds the article among navigation and footers; explicit <meta> tags
are trusted over trafilatura's guesses for metadata (it splits "X and Y" authors, for one)."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from core.dates import normalise_date
from core.errors import DocumentError
from indexer.documents.formats.base import Extracted, clean_field
from indexer.documents.lines import normalise_line

_TITLE_KEYS = ("og:title", "dc.title", "dcterms.title", "twitter:title", "citation_title")
_DATE_KEYS = (
    "article:published_time", "dc.date", "dcterms.date", "dc.date.issued", "dcterms.issued",
    "citation_publication_date", "pubdate", "publishdate", "date", "og:published_time",
)
_ISSUER_KEYS = (
    "publisher", "dc.publisher", "dcterms.publisher", "article:publisher", "author",
    "dc.creator", "og:site_name", "application-name",
)
_URL_KEYS = ("og:url",)
# libxml2 (lxml, and trafilatura through it) builds the tree this deep at most and silently drops
# whatever lies deeper: a page of 6,000 nested <div>s kept its first sentence only.
TREE_DEPTH_LIMIT = 256
_HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "svg")
_DROP_TAGS = (*_HIDDEN_TAGS, "nav", "footer")
# Comparing each visible line with the extracted text costs lines x text; past this the lines left
# out are counted, not listed.
MAX_COMPARED_CHARS = 50_000_000
OUTSIDE = "outside_main_content"
_BLOCKS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
    "blockquote", "pre", "br", "ul", "ol", "dd", "dt", "main", "header", "aside",
}
_CELLS = {"td", "th"}
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _parse(html: str) -> etree._Element | None:
    """lxml refuses str input carrying an encoding declaration, so feed it UTF-8 bytes."""
    data = _XML_DECL.sub("", html).encode("utf-8")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _meta_tags(root: etree._Element) -> dict[str, str]:
    """Collect <meta name|property|itemprop=... content=...> keyed by the lower-cased name."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = clean_field(meta.get("content"))
        if key and value:
            found.setdefault(key.strip().lower(), value)
    link = root.find(".//link[@rel='canonical']")
    if link is not None and link.get("href"):
        found.setdefault("canonical", link.get("href", "").strip())
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)


def _body_text(root: etree._Element, drop: tuple[str, ...] = _DROP_TAGS) -> str:
    """Visible <body> text, blocks as paragraphs (the ``drop`` elements removed from the tree): the
    fallback when trafilatura finds nothing, and the page that its choice is reported against."""
    body = root.find("body")
    if body is None:
        body = root
    for element in list(body.iter(*drop)):
        element.drop_tree()
    parts: list[str] = []
    for event, element in etree.iterwalk(body, events=("start", "end")):
        is_tag = isinstance(element.tag, str)
        if is_tag and element.tag.lower() in _BLOCKS:
            parts.append("\n\n")
        elif is_tag and event == "start" and element.tag.lower() in _CELLS:
            parts.append("\t")
        if event == "start" and is_tag and element.text:
            parts.append(element.text)
        if event == "end" and element is not body and element.tail:
            parts.append(element.tail)
    text = "".join(parts)
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\r\f\v]*\n", text):
        cells = (" ".join(cell.split()) for cell in block.split("\t"))
        paragraphs.append(" | ".join(cell for cell in cells if cell))
    return "\n\n".join(p for p in paragraphs if p)


def _paragraphs(text: str) -> str:
    """trafilatura puts one block per line; keep table rows together, everything else apart."""
    blocks: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line or re.fullmatch(r"\|(?:\s*:?-+:?\s*\|)+", line):
            continue
        if line.startswith("|") and blocks and blocks[-1].startswith("|"):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return "\n\n".join(blocks)


def _depth(root: etree._Element) -> int:
    """How deep the parsed tree goes (libxml2 stops at TREE_DEPTH_LIMIT)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def left_out(page: str, text: str) -> tuple[tuple[str, str], ...]:
    """The page's visible lines that the extracted ``text`` does not hold, each as
    (OUTSIDE, line): what trafilatura judged to be layout (menus, footers, share bars)."""
    kept = " ".join(normalise_line(ln) for ln in text.split("\n") if ln.strip())
    lines = [ln for ln in (normalise_line(x) for x in page.split("\n")) if ln]
    if len(lines) * len(kept) > MAX_COMPARED_CHARS:
        missing = sum(ln not in kept for ln in lines[:200])
        return ((OUTSIDE, f"[{len(lines)} lines of page layout compared only in part: {missing} of the "
                          f"first 200 are outside the main content]"),)
    found, cursor = [], 0
    for line in lines:
        at = kept.find(line, cursor)
        if at >= 0:
            cursor = at + len(line)
        elif line not in kept:
            found.append((OUTSIDE, line))
    return tuple(found)


def read_html(html: str) -> Extracted:
    """Build the Extracted for a decoded HTML page; ``removed`` lists the visible lines left out."""
    root = _parse(html)
    meta = _meta_tags(root) if root is not None else {}
    if root is not None and _depth(root) >= TREE_DEPTH_LIMIT:
        raise DocumentError(
            f"HTML nests elements {TREE_DEPTH_LIMIT} or more levels deep: the HTML parser drops the text "
            "below that depth, so the page is not indexed (save it as text, or flatten the page)")
    page = _body_text(root, _HIDDEN_TAGS) if root is not None else ""
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    text = _paragraphs(text) if text else ""
    if not text.strip() and root is not None:
        text = _body_text(root)
    # extensive=False: htmldate would otherwise take any date mentioned in the body ("effective
    # from 1 October") as the publication date; markup-stated dates are still found.
    info = trafilatura.extract_metadata(html, extensive=False)
    title_tag = None
    if root is not None and (node := root.find(".//title")) is not None:
        title_tag = clean_field(node.text_content())
    date = normalise_date(_first(meta, _DATE_KEYS))
    if date is None and info is not None:
        date = normalise_date(info.date)
    return Extracted(
        text=text,
        title=_first(meta, _TITLE_KEYS) or clean_field(info and info.title) or title_tag,
        date=date,
        url=_first(meta, _URL_KEYS) or meta.get("canonical") or clean_field(info and info.url),
        issuer=_first(meta, _ISSUER_KEYS)
        or clean_field(info and info.sitename)
        or clean_field(info and info.author),
        needs_cleaning=True,
        removed=left_out(page, text),
    )
