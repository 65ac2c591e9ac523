import datetime as dt

import numpy as np
import pytest

from bot.answering.filters import Filters, row_mask
from core.dates import parse_iso
from core.errors import InvalidQuestion, UnknownDocument
from core.records import Chunk
from indexer.store.index_dir import IndexData


def data() -> IndexData:
    docs = {"a": {"date": "2021-09-16"}, "b": {"date": None}, "c": {"date": "2022-06-24"}}
    chunks = [Chunk(doc_id=d, text=d, position=0, title=d, source=d) for d in "aabc"]
    return IndexData(model="m", chunks=chunks, vectors=np.zeros((4, 2), np.float32),
                     sentence_vectors=np.zeros((4, 2), np.float32),
                     sentence_offsets=np.arange(5), documents=docs)


def test_doc_ids_filter():
    assert row_mask(data(), Filters(("a",))).tolist() == [True, True, False, False]


def test_unknown_doc_id_is_an_error_not_an_empty_result():
    with pytest.raises(UnknownDocument, match="nope"):
        row_mask(data(), Filters(("a", "nope")))


def test_date_filter_excludes_undated_documents():
    mask = row_mask(data(), Filters(date_from=dt.date(2020, 1, 1)))
    assert mask.tolist() == [True, True, False, True]
    mask = row_mask(data(), Filters(date_to=dt.date(2021, 12, 31)))
    assert mask.tolist() == [True, True, False, False]


def test_no_filter_means_no_mask():
    assert row_mask(data(), Filters()) is None


def test_bad_dates_are_rejected():
    with pytest.raises(InvalidQuestion):
        parse_iso("2021-13-01", "date_from")
    with pytest.raises(InvalidQuestion):
        Filters(date_from=dt.date(2022, 1, 1), date_to=dt.date(2021, 1, 1))
