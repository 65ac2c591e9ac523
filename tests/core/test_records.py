"""``DocumentMeta`` is defined once; documents, chunks, citations, the index file and the API schema
all carry every one of its fields. The tests go through ``meta_fields()``, so a new field is
checked everywhere without editing them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import typing

import pytest

from api.schemas import AskResponse, CitationOut
from bot.answering.records import Answer, Citation
from core.records import Chunk, Document, DocumentMeta, content_hash, meta_fields, passage_text

BASE_FIELDS = ("title", "source", "date", "url", "issuer")


def sample_meta() -> dict[str, object]:
    """A distinct value for every metadata field, whatever the fields are."""
    return {name: "2021-09-16" if name == "date" else f"{name} of the document" for name in meta_fields()}


def test_meta_fields_are_documentmeta_fields_in_order() -> None:
    assert meta_fields() == tuple(f.name for f in dataclasses.fields(DocumentMeta))
    assert meta_fields()[:2] == ("title", "source")  # the required ones come first
    assert set(BASE_FIELDS) <= set(meta_fields())
    for cls in (Document, Chunk, Citation):
        assert issubclass(cls, DocumentMeta)
        names = [f.name for f in dataclasses.fields(cls)]
        assert set(meta_fields()) <= set(names), cls


def test_only_title_and_source_are_required() -> None:
    meta = DocumentMeta(title="t", source="s")
    assert meta.meta_dict() == {"title": "t", "source": "s", **{n: None for n in meta_fields()[2:]}}
    with pytest.raises(TypeError):
        DocumentMeta(title="t")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        DocumentMeta("t", "s")  # type: ignore[misc]  # keyword-only: a new field cannot shift values


def test_meta_dict_holds_every_field_in_order() -> None:
    meta = DocumentMeta(**sample_meta())  # type: ignore[arg-type]
    assert meta.meta_dict() == sample_meta()
    assert tuple(meta.meta_dict()) == meta_fields()


def test_document_to_chunk_to_citation_carries_every_field() -> None:
    doc = Document(doc_id="d1", text="Cotton mills get a subsidy.", **sample_meta())  # type: ignore[arg-type]
    chunk = Chunk(doc_id=doc.doc_id, text=doc.text, position=0, page=3,
                  sentences=(doc.text,), **doc.meta_dict())
    citation = Citation.from_chunk(2, chunk, 0.123456789)
    assert doc.meta_dict() == chunk.meta_dict() == citation.meta_dict() == sample_meta()
    assert (citation.n, citation.doc_id, citation.chunk_id, citation.text, citation.page) == (
        2, "d1", chunk.chunk_id, chunk.text, 3)
    assert citation.score == 0.1235  # rounded to 4 places


def test_answer_dict_lists_citation_number_first_and_every_field() -> None:
    chunk = Chunk(doc_id="d1", text="x", position=0, **sample_meta())  # type: ignore[arg-type]
    answer = Answer("x", False, [Citation.from_chunk(1, chunk, 0.5)], "id")
    (cited,) = answer.to_dict()["citations"]
    assert next(iter(cited)) == "n"
    assert {k: cited[k] for k in meta_fields()} == sample_meta()


def test_chunk_id_is_a_content_hash_of_doc_id_and_text() -> None:
    chunk = Chunk(doc_id="d1", text="Some text.", position=4, title="T", source="s")
    expected = hashlib.sha256(b"d1\x00Some text.\x00").hexdigest()[:16]
    assert chunk.chunk_id == expected == content_hash("d1", "Some text.")[:16]
    moved = dataclasses.replace(chunk, position=9, title="Other")
    assert moved.chunk_id == chunk.chunk_id  # neither position nor metadata change the id
    assert dataclasses.replace(chunk, text="Some text!").chunk_id != chunk.chunk_id


def test_passage_prefixes_the_title() -> None:
    chunk = Chunk(doc_id="d", text="Body.", position=0, title="Title", source="s")
    assert chunk.passage == passage_text("Title", "Body.") == "Title\nBody."


def test_chunk_dict_round_trip() -> None:
    chunk = Chunk(doc_id="d1", text="One. Two.", position=2, page=5, sentences=("One.", "Two."),
                  **sample_meta())  # type: ignore[arg-type]
    data = chunk.to_dict()
    assert data["chunk_id"] == chunk.chunk_id
    assert data["sentences"] == ["One.", "Two."]
    assert {k: data[k] for k in meta_fields()} == sample_meta()
    assert Chunk.from_dict(data) == chunk
    assert Chunk.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) == chunk


OLD_CHUNK_ID = hashlib.sha256(b"000_textile\x00Loans are available. Apply online.\x00").hexdigest()[:16]
OLD_LINE = (  # a chunks.jsonl line as the first index format wrote it
    '{"doc_id": "000_textile", "text": "Loans are available. Apply online.", "position": 0, '
    '"title": "Market procurement loans", "source": "000_textile.txt", "date": "2022-06-24", '
    '"url": "https://example.org/loans", "issuer": "China Textile Federation", "page": null, '
    '"sentences": ["Loans are available.", "Apply online."], "chunk_id": "OLD_CHUNK_ID"}'
).replace("OLD_CHUNK_ID", OLD_CHUNK_ID)


def test_chunk_line_in_the_old_index_format_still_loads() -> None:
    data = json.loads(OLD_LINE)
    chunk = Chunk.from_dict(data)
    assert chunk.chunk_id == data["chunk_id"]
    assert chunk.text == data["text"] and chunk.position == 0 and chunk.page is None
    assert chunk.sentences == ("Loans are available.", "Apply online.")
    for name in meta_fields():
        assert getattr(chunk, name) == data.get(name), name
    assert Chunk.from_dict(chunk.to_dict()) == chunk


def test_chunk_line_with_fewer_or_unknown_keys_loads() -> None:
    chunk = Chunk.from_dict({"doc_id": "d", "text": "t", "position": 1, "title": "T", "source": "s",
                             "added_later": 1, "chunk_id": "whatever"})
    assert chunk.sentences == () and chunk.page is None
    assert all(getattr(chunk, n) is None for n in meta_fields() if n not in ("title", "source"))
    assert chunk.chunk_id == content_hash("d", "t")[:16]  # recomputed, not trusted


def test_document_hash_and_pages() -> None:
    doc = Document(doc_id="d", text="abc", title="t", source="s", pages=((0, 1), (10, 2), (25, 4)))
    assert doc.hash == content_hash("abc")
    assert dataclasses.replace(doc, raw_hash="raw").hash == "raw"
    assert [doc.page_at(o) for o in (0, 9, 10, 24, 25, 1000)] == [1, 1, 2, 2, 4, 4]
    assert dataclasses.replace(doc, pages=()).page_at(5) is None


# --- the API schema ---------------------------------------------------------------------------


def test_citation_schema_has_every_meta_field() -> None:
    hints = typing.get_type_hints(DocumentMeta)
    schema = CitationOut.model_fields
    for name in meta_fields():
        assert name in schema, name
        assert schema[name].annotation == hints[name], name
    assert schema["title"].is_required() and schema["source"].is_required()
    for name in meta_fields()[2:]:
        assert not schema[name].is_required() and schema[name].default is None, name
    assert set(meta_fields()) <= set(CitationOut.model_json_schema()["properties"])  # in the OpenAPI doc
    citation_fields = {f.name for f in dataclasses.fields(Citation)}
    assert set(CitationOut.model_fields) == citation_fields


def test_a_citation_serialises_through_the_schema_unchanged() -> None:
    chunk = Chunk(doc_id="d1", text="x", position=0, page=2, **sample_meta())  # type: ignore[arg-type]
    answer = Answer("x", False, [Citation.from_chunk(1, chunk, 0.5)], "id")
    body = AskResponse.model_validate(answer.to_dict()).model_dump()
    assert body == answer.to_dict()
    assert {k: body["citations"][0][k] for k in meta_fields()} == sample_meta()
