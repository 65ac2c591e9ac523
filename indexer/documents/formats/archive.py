"""Zip bombs: bound what a DOCX (a zip archive) may inflate to before python-docx opens it.

The central directory declares every member's sizes, so an honest bomb is refused from the
directory alone: too many members, too many declared bytes in all, or a large member that
compresses too well. A lying header is the harder case. CPython's zipfile (3.11,
ZipExtFile._read1) does cut what it returns at the declared ``file_size`` (``data[:self._left]``)
and then fails the CRC check, but it truncates only after decompressing: ``ZipFile.read()``
(python-docx's ``blob_for``) asks zlib for up to ``MAX_N`` bytes per step, and
``MAX_N = 1 << 31 - 1`` is 1 GiB (precedence). A member declaring 10 bytes that inflates to
300 MB took a process to 586 MB peak RSS before ``BadZipFile`` was raised. So every member is
also inflated here, in 64 KiB steps, and refused as soon as it yields more than it declared.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from core.errors import DocumentError
from indexer.documents.limits import MAX_ZIP_MEMBERS, Limits, setting_name

# Below this a member's ratio says little (a 200 kB styles.xml of repeated markup compresses 50:1).
RATIO_MIN_BYTES = 1_000_000
_STEP = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., file name length, extra field length
_CENTRAL_ENTRY = b"PK\x01\x02"


def _too_many(kind: str) -> DocumentError:
    return DocumentError(f"{kind} has more than {MAX_ZIP_MEMBERS} members (fixed limit)")


def check_archive(data: bytes, limits: Limits, kind: str = "DOCX") -> None:
    """Raise DocumentError unless every member of the zip in ``data`` stays within ``limits``."""
    # Counting directory-entry signatures first is cheap; zipfile takes ~5 s and ~280 MB to list
    # the 250,000 empty members a 20 MB file can hold. (A signature inside member data only
    # over-counts.)
    if data.count(_CENTRAL_ENTRY) > MAX_ZIP_MEMBERS:
        raise _too_many(kind)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, struct.error) as exc:
        raise DocumentError(f"corrupted {kind}: {exc}") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise _too_many(kind)
    declared = sum(m.file_size for m in members)
    if declared > limits.max_inflated_bytes:
        raise limits.exceeded("max_inflated_bytes", f"{kind} inflates to", "bytes")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_MIN_BYTES and ratio > limits.max_compression_ratio:
            raise DocumentError(
                f"{kind} member {member.filename} compresses {ratio:.0f}:1, more than "
                f"{limits.max_compression_ratio}:1 ({setting_name('max_compression_ratio')})"
            )
    for member in members:
        _check_member(data, member, kind)


def _check_member(data: bytes, member: zipfile.ZipInfo, kind: str) -> None:
    """Inflate one member in bounded steps; refuse it once it yields more than it declared."""
    if member.flag_bits & 0x1:
        raise DocumentError(f"{kind} member {member.filename} is encrypted")
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise DocumentError(f"{kind} member {member.filename} uses an unsupported compression method")
    start = _data_offset(data, member, kind)
    raw = memoryview(data)[start:start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        produced = len(raw)
    else:
        try:
            produced = _inflated_size(raw, member.file_size + 1)
        except zlib.error as exc:
            raise DocumentError(f"corrupted {kind}: {member.filename}: {exc}") from exc
    if produced > member.file_size:
        raise DocumentError(
            f"{kind} member {member.filename} inflates past its declared size of "
            f"{member.file_size} bytes (corrupted or hostile archive)"
        )


def _data_offset(data: bytes, member: zipfile.ZipInfo, kind: str) -> int:
    """Where the member's compressed bytes start: after its local header, name and extra field."""
    offset = member.header_offset
    header = data[offset:offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise DocumentError(f"corrupted {kind}: truncated header for {member.filename}")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise DocumentError(f"corrupted {kind}: bad header for {member.filename}")
    return offset + _LOCAL_HEADER.size + name_length + extra_length


def _inflated_size(raw: memoryview, cap: int) -> int:
    """Bytes a raw deflate stream yields, counted up to ``cap``: input is fed and output taken
    in 64 KiB steps, so neither memory nor copying grows with the member's size."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    for start in range(0, len(raw), _STEP):
        pending: bytes | memoryview = raw[start:start + _STEP]
        while True:
            out = inflater.decompress(pending, _STEP)
            produced += len(out)
            if produced >= cap or inflater.eof:
                return produced
            pending = inflater.unconsumed_tail
            if not pending and len(out) < _STEP:
                break
    return produced
