"""Document changes: journaled, serialised, and seen by every process at its next request."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot.collection.documents import STAGING, add_document, delete_document, recover
from bot.service import PolicyBot
from core.settings import Settings
from indexer.build import build_index

TEXT = b"Silk certification\n\nThe Hangzhou Silk Inspection Bureau certifies organic silk exports.\n"


def make_bot(small_corpus: Path, tmp_path: Path, fake_encoder) -> PolicyBot:
    settings = Settings(corpus=small_corpus, index=tmp_path / "index", model="fake", analytics_db=None)
    build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    bot = PolicyBot(settings)
    bot._encoders["fake"] = fake_encoder
    return bot


def test_a_change_through_one_process_is_seen_by_another_at_its_next_request(small_corpus, tmp_path, fake_encoder):
    one, other = make_bot(small_corpus, tmp_path, fake_encoder), PolicyBot(Settings(
        corpus=small_corpus, index=tmp_path / "index", model="fake", analytics_db=None))
    other._encoders["fake"] = fake_encoder
    assert "silk" not in other.index().data.documents
    add_document(one, "silk.txt", TEXT)
    assert "silk" in other.index().data.documents  # no polling interval to wait for
    delete_document(one, "silk")
    assert "silk" not in other.index().data.documents


def test_an_upload_whose_process_died_is_rolled_back_at_the_next_start(small_corpus, tmp_path, fake_encoder):
    bot = make_bot(small_corpus, tmp_path, fake_encoder)
    before = (small_corpus / "loans.txt").read_bytes()
    # What a worker killed mid-upload leaves: the journal, the backup, the new bytes in the corpus.
    staging = small_corpus / STAGING
    staging.mkdir()
    shutil.copy2(small_corpus / "loans.txt", staging / "backup-0")
    (staging / "journal.json").write_text(json.dumps(
        {"touched": ["loans.txt", "bomb.txt"], "saved": {"loans.txt": "backup-0"}}))
    (small_corpus / "loans.txt").write_bytes(b"half-written replacement")
    (small_corpus / "bomb.txt").write_bytes(b"never indexed")
    recover(bot)
    assert (small_corpus / "loans.txt").read_bytes() == before
    assert not (small_corpus / "bomb.txt").exists()
    assert sorted(p.name for p in staging.iterdir()) == ["lock"]
    assert set(bot.index().data.documents) == {"clusters", "customs", "loans"}


def test_staged_bytes_without_a_journal_never_reach_the_corpus(small_corpus, tmp_path, fake_encoder):
    bot = make_bot(small_corpus, tmp_path, fake_encoder)
    staging = small_corpus / STAGING
    staging.mkdir()
    (staging / "new").write_bytes(b"a zip bomb being written when the worker died")
    add_document(bot, "silk.txt", TEXT)
    assert sorted(p.name for p in staging.iterdir()) == ["lock"]
    assert set(bot.index().data.documents) == {"clusters", "customs", "loans", "silk"}


def test_a_file_the_index_skipped_can_still_be_deleted(small_corpus, tmp_path, fake_encoder):
    (small_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    bot = make_bot(small_corpus, tmp_path, fake_encoder)
    assert "broken" not in bot.index().data.documents
    delete_document(bot, "broken")
    assert not (small_corpus / "broken.pdf").exists()


def test_delete_never_follows_a_source_set_by_a_sidecar(small_corpus, tmp_path, fake_encoder):
    outside = tmp_path / "outside.txt"
    outside.write_text("not part of the corpus")
    (small_corpus / "loans.meta.json").write_text(json.dumps({"source": "../outside.txt"}))
    bot = make_bot(small_corpus, tmp_path, fake_encoder)
    assert bot.index().data.documents["loans"]["source"] == "../outside.txt"  # shown, never used as a path
    delete_document(bot, "loans")
    assert outside.exists() and not (small_corpus / "loans.txt").exists()
    assert "loans" not in bot.index().data.documents


def test_reasons_shown_to_admins_name_no_server_path() -> None:
    from bot.collection.documents import without_paths

    settings = Settings(corpus=Path("/srv/data/corpus"), index=Path("/srv/data/index"))
    assert without_paths("cannot read /srv/data/corpus/sub/a.pdf: broken", settings) == "cannot read sub/a.pdf: broken"
    assert without_paths("No such file or directory: '/usr/lib/python3/x.py'", settings) == \
        "No such file or directory: 'x.py'"
    for kept in ("ratio 100:1 at a/b", "see https://example.org/a/b", "GB/T 1234/2020"):
        assert without_paths(kept, settings) == kept
