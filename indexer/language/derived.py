"""Tables derived from the pinned dictionary, shipped beside the code so no process rebuilds them.

Reading CC-CEDICT backwards (``bilingual.reverse_table``) and picking its place names
(``bilingual.place_table``) cost about 3.5 s of CPU in every process that answers an English
question: every server worker at start-up, every CLI run. Both depend only on the pinned
dictionary file, the code that derives them and the stemmer, so they are computed once and shipped
as ``derived_tables.json.gz`` under a key over all three. A key that does not match (the
dictionary, ``bilingual.py``, ``lexical.py`` or a package version changed) makes the process derive
the tables itself, as before: a stale file is never read. ``python -m indexer.language.tables``
writes the file again; tests/indexer/language/test_derived.py fails until it is.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

Table = dict[str, tuple[str, ...]]

FILE = Path(__file__).with_name("derived_tables.json.gz")
SOURCES = ("bilingual.py", "lexical.py")
"""The modules whose code derives the tables (read as bytes into the key)."""
PACKAGES = ("PyStemmer", "bm25s")
"""Stemming and the stop-word list change the tables' keys."""


def recipe_key(dictionary_sha256: str) -> str:
    """What the tables are derived from: the dictionary, the deriving code, the packages it uses."""
    h = hashlib.sha256(dictionary_sha256.encode())
    for name in SOURCES:
        h.update(Path(__file__).with_name(name).read_bytes())
    for package in PACKAGES:
        try:
            h.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"{package} missing".encode())
    return h.hexdigest()


def read(key: str, path: Path = FILE) -> dict[str, Table] | None:
    """The shipped tables when they were derived under ``key``; None when absent, unreadable or stale."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    try:
        return {name: {k: tuple(v) for k, v in table.items()} for name, table in data["tables"].items()}
    except (KeyError, TypeError, AttributeError):  # not the shape write() gives
        return None


def write(key: str, tables: dict[str, Table], path: Path = FILE) -> None:
    """Write the tables under ``key``, whole or not at all (a temporary file renamed over the old)."""
    tmp = path.with_name(path.name + ".tmp")
    body = json.dumps({"key": key, "tables": tables}, ensure_ascii=False, separators=(",", ":"))
    with gzip.GzipFile(tmp, "wb", mtime=0) as f:  # mtime 0: the same tables give the same bytes
        f.write(body.encode("utf-8"))
    tmp.replace(path)
