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
# Chinese legacy encodings; GBK and GB2312 are subsets of GB18030.
_CHINESE = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "cp936"}
# Short GB text is often guessed as Big5, EUC-KR or Shift-JIS; for this corpus (Chinese
# government and federation files) GB18030 is the right reading whenever it decodes.
_CJK = _CHINESE | {"euckr", "cp949", "johab", "shiftjis", "cp932", "eucjp", "iso2022jp"}
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


def _guess(data: bytes) -> str | None:
    result = charset_normalizer.from_bytes(data).best()
    if result is None:
        return None
    encoding = codecs.lookup(result.encoding).name.replace("_", "")
    if encoding in _CJK or result.encoding.replace("_", "") in _CJK:
        text = _strict(data, "gb18030")
        # Big5 bytes often decode as GB18030 too, into private-use code points no text holds
        # (a Big5 notice from Hong Kong or Taiwan): then the guess is the reading.
        if text is not None and not (_private_use(text) and not _private_use(str(result))):
            return text
    return str(result)


def _private_use(text: str) -> bool:
    return any("\ue000" <= ch <= "\uf8ff" for ch in text[:20000])


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
        text = _strict(data, "gb18030" if declared in _CHINESE else declared)
    if text is None:
        text = _guess(data)
    if text is None or _looks_binary(text):
        raise DocumentError("binary content")
    return text.lstrip("\ufeff")
