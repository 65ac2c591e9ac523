"""Decode text files from their bytes alone: the corpus mixes UTF-8, UTF-16 and GB18030/GBK files
and their extensions say nothing about which."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from core.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Chinese legacy encodings: GBK and GB2312 are subsets of GB18030; Big5 (Taiwan, Hong Kong) is
# its own family, and most Big5 bytes also decode as GB18030, into nonsense.
_GB = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_BIG5 = {"big5", "big5hkscs", "cp950"}
_CHINESE = _GB | _BIG5
# Short Chinese text is often guessed as EUC-KR, Shift-JIS or UTF-16 without a byte-order mark;
# for this corpus (Chinese government and federation files) the guess is then made again among
# the Chinese encodings alone.
_CJK = _CHINESE | {"euckr", "cp949", "johab", "shiftjis", "shiftjis2004", "cp932", "eucjp", "iso2022jp",
                   "utf16", "utf16be", "utf16le", "utf32", "utf32be", "utf32le"}
_CHINESE_CANDIDATES = ["gb18030", "big5"]
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_BINARY_RATIO = 0.05


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    """A binary renamed to .txt decodes into control characters, NULs or replacement marks."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    )
    return bad / len(sample) > _BINARY_RATIO


def _family(encoding: str) -> str:
    return codecs.lookup(encoding).name.replace("_", "").replace("-", "")


def _guess(data: bytes) -> str | None:
    """charset-normalizer's reading; when it names an East Asian (or BOM-less UTF-16) encoding, its
    choice between GB18030 and Big5 alone, decoded strictly: Big5 text stays Big5, and GB text
    misread as Korean or Japanese is read as GB."""
    result = charset_normalizer.from_bytes(data).best()
    if result is None:
        return None
    if _family(result.encoding) in _CJK and b"\x00" not in data:
        if _family(result.encoding) in _BIG5 and (text := _strict(data, result.encoding)) is not None:
            return text
        chinese = charset_normalizer.from_bytes(data, cp_isolation=_CHINESE_CANDIDATES).best()
        if chinese is not None and (text := _strict(data, chinese.encoding)) is not None:
            return text
        if (text := _strict(data, "gb18030")) is not None:
            return text
    return str(result)


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Return the text of ``data``; raise DocumentError("binary content") for non-text bytes.

    Order: strict UTF-8 (the common case, and it cannot mis-decode GB text), byte-order marks,
    a charset the HTML itself declares, then charset-normalizer's statistical guess."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            break
    if text is None and b"\x00" not in data[:4096]:
        text = _strict(data, "utf-8")
    if text is None and html and (m := _DECLARED.search(data[:4096])):
        declared = m[1].decode("ascii").lower()
        text = _strict(data, "gb18030" if declared.replace("-", "").replace("_", "") in _GB else declared)
    if text is None:
        text = _guess(data)
    if text is None or _looks_binary(text):
        raise DocumentError("binary content")
    return text.lstrip("\ufeff")
