from indexer.documents.chunking import Chunker, split_sentences


def test_split_sentences_english_and_chinese():
    text = "First sentence. Second one! Third? 第一句。第二句！第三句；"
    assert split_sentences(text) == [
        "First sentence.", "Second one!", "Third?", "第一句。", "第二句！", "第三句；"
    ]


def test_split_keeps_abbreviations_and_decimals_together():
    text = "Output rose 12.1 billion yuan in Keqiao. It was led by Textile City Co., Ltd. staff."
    parts = split_sentences(text)
    assert parts[0] == "Output rose 12.1 billion yuan in Keqiao."


def test_chunks_respect_size_and_keep_every_sentence():
    sentences = [f"Sentence number {i} talks about textile exports." for i in range(60)]
    text = " ".join(sentences)
    chunks = list(Chunker(chunk_size=300, chunk_overlap=60).split(text))
    assert len(chunks) > 5
    assert all(len(t) <= 300 for _, t in chunks)
    joined = " ".join(t for _, t in chunks)
    assert all(s in joined for s in sentences)
    # Chunks end at sentence boundaries, not inside words.
    assert all(t.endswith(".") for _, t in chunks)
    # Overlap: consecutive chunks share at least one sentence.
    assert any(chunks[i][1].split(". ")[-1] in chunks[i + 1][1] for i in range(len(chunks) - 1))


def test_chinese_chunks_split_on_chinese_punctuation():
    text = "".join(f"第{i}条政策支持中小企业稳定外贸发展。" for i in range(80))
    chunks = [t for _, t in Chunker(chunk_size=120, chunk_overlap=20).split(text)]
    assert len(chunks) > 3
    assert all(t.endswith("。") for t in chunks)


def test_start_offsets_locate_the_chunk():
    text = "Alpha paragraph sentence one.\n\nBeta paragraph sentence two."
    for offset, chunk in Chunker(chunk_size=40, chunk_overlap=0).split(text):
        assert text[offset: offset + len(chunk)] == chunk


def test_a_chinese_sentence_keeps_its_closing_quote() -> None:
    from indexer.documents.chunking import split_sentences

    text = "他说：“要稳外贸。”随后宣布了新政策！答：「加大支持。」第三项呢？"
    assert split_sentences(text) == ["他说：“要稳外贸。”", "随后宣布了新政策！", "答：「加大支持。」", "第三项呢？"]


def test_a_document_number_does_not_end_a_sentence() -> None:
    """"Shao Shang [2022] No. 15" is one reference: an answer must not quote "15), which…" alone."""
    text = "This notice replaces Shao Shang [2022] No. 15, which is repealed. Art. 5 applies. It ends."
    assert split_sentences(text) == ["This notice replaces Shao Shang [2022] No. 15, which is repealed.",
                                     "Art. 5 applies.", "It ends."]
