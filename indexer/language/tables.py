"""``python -m indexer.language.tables``: derive the dictionary's tables and write the shipped file.

Run it after changing bilingual.py or lexical.py (or the pinned packages): until then every process
derives the tables itself (indexer/language/derived.py says why) and the test of the shipped file fails.
"""

from __future__ import annotations

import time

from indexer.language import derived
from indexer.language.bilingual import DICT_SHA256, derive_tables


def main() -> None:
    started = time.perf_counter()
    tables = derive_tables()
    derived.write(derived.recipe_key(DICT_SHA256), tables)
    sizes = ", ".join(f"{name} {len(table)}" for name, table in tables.items())
    print(f"{derived.FILE.name}: {sizes} entries, derived in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
