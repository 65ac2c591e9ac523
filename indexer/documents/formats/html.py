"""HTML pages: trafilatura finds the article among navigation and footers; explicit <meta> tags
are trusted over trafilatura's guesses for metadata (it splits "X and Y" authors, for one)."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from core.dates import normalise_date
from indexer.documents.formats.base import Extracted, clean_field

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
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "head", "iframe", "svg")
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


def _body_text(root: etree._Element) -> str:
    """Fallback when trafilatura finds nothing: visible <body> text, blocks as paragraphs."""
    body = root.find("body")
    if body is None:
        body = root
    for element in list(body.iter(*_DROP_TAGS)):
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


def read_html(html: str) -> Extracted:
    """Build the Extracted for a decoded HTML page."""
    root = _parse(html)
    meta = _meta_tags(root) if root is not None else {}
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True
    )
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
    )
