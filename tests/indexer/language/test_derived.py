"""The dictionary's derived tables shipped beside the code: current, and never read when stale."""

from __future__ import annotations

import gzip
from pathlib import Path

from indexer.language import derived
from indexer.language.bilingual import DICT_SHA256, derived_tables


def test_the_shipped_tables_were_derived_by_the_code_as_it_is() -> None:
    """Fails after a change to bilingual.py or lexical.py until `python -m indexer.language.tables` is run: the key
    holds those files' bytes, so a stale file is never read (deriving again to compare costs ~4 s; the key says it)."""
    shipped = derived.read(derived.recipe_key(DICT_SHA256))
    assert shipped is not None, "stale derived_tables.json.gz: run python -m indexer.language.tables"
    assert derived_tables() is not None and set(shipped) == {"reverse", "places"}
    assert shipped["places"]["taiyuan"][0] == "太原" and "江苏" in shipped["reverse"]["jiangsu"]
    assert len(shipped["reverse"]) > 50_000 and len(shipped["places"]) > 3_000


def test_a_file_derived_under_another_key_or_damaged_is_not_read(tmp_path: Path) -> None:
    tables = {"reverse": {"subsidi": ("补贴", "资助")}, "places": {"keqiao": ("柯桥",)}}
    path = tmp_path / "tables.json.gz"
    derived.write("key-a", tables, path)
    assert derived.read("key-a", path) == tables
    assert derived.read("key-b", path) is None  # another dictionary or code: derived again, never stale
    path.write_bytes(gzip.compress(b'{"key": "key-a", "tables"'))  # cut short
    assert derived.read("key-a", path) is None
    path.write_bytes(gzip.compress(b'{"key": "key-a", "tables": [1]}'))  # not the shape written
    assert derived.read("key-a", path) is None
    path.write_bytes(b"not gzip")
    assert derived.read("key-a", path) is None
    assert derived.read("key-a", tmp_path / "absent.json.gz") is None


def test_the_key_follows_the_dictionary_and_the_deriving_code() -> None:
    assert derived.recipe_key(DICT_SHA256) == derived.recipe_key(DICT_SHA256)
    assert derived.recipe_key(DICT_SHA256) != derived.recipe_key("0" * 64)
    assert set(derived.SOURCES) == {"bilingual.py", "lexical.py"}
