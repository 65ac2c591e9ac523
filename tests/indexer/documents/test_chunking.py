from indexer.documents.chunking import Chunker, chunk_document, split_sentences


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


def test_an_item_number_does_not_end_a_sentence() -> None:
    text = "1. 2024年日本东京国际服装服饰展（10月，东京）\n\n附件：1. 申报表\n\n12. Apply online. Then wait."
    assert split_sentences(text) == ["1. 2024年日本东京国际服装服饰展（10月，东京）", "附件：1. 申报表",
                                     "12. Apply online.", "Then wait."]


NOTICE = """关于支持纺织企业参加境外展会的通知
各有关企业：
为鼓励企业开拓国际市场，现将有关事项通知如下。
一、支持对象
在本区注册的纺织企业。
二、支持标准
（一）展位费补助。按展位费的60%给予补助，每家企业最高不超过20万元，全年累计不超过50万元，超出部分不予补助。
（二）人员费补助。每个展会补助两人的往返机票，每人最高不超过1万元，同一企业同一展会只能申报一次。
三、联系方式
联系人：王芳
联系电话：0575-84125678
附件：1. 申报表
绍兴市柯桥区商务局
2025年4月20日"""


def _notice_chunks(size: int) -> list:
    from core.records import Document
    from indexer.notice.sections import outline

    text = "\n\n".join(NOTICE.split("\n"))
    doc = Document(doc_id="n", title="t", source="n.txt", text=text, outline=outline(text))
    return chunk_document(doc, Chunker(chunk_size=size, chunk_overlap=10))


def test_chunks_follow_sections_and_carry_their_heading_path() -> None:
    chunks = _notice_chunks(60)
    by_start = {c.text.split("\n")[0]: c for c in chunks}
    assert by_start["一、支持对象"].text == "一、支持对象\n\n在本区注册的纺织企业。"
    assert by_start["一、支持对象"].section == "一、支持对象"
    # A section too long for one chunk is packed by its subsections, each with its full path.
    first = next(c for c in chunks if c.text.startswith("（一）展位费补助。"))
    assert first.section == "二、支持标准 › （一）展位费补助"
    assert by_start["三、联系方式"].text == "三、联系方式\n\n联系人：王芳\n\n联系电话：0575-84125678"
    assert by_start["三、联系方式"].section == "三、联系方式"
    # The annex list and the 落款 belong to no section: they share a chunk, never one with a section.
    assert by_start["附件：1. 申报表"].text == "附件：1. 申报表\n\n绍兴市柯桥区商务局\n\n2025年4月20日"
    assert by_start["附件：1. 申报表"].section == ""
    # Every line is in a chunk, in order.
    joined = "\n\n".join(c.text for c in chunks)
    assert [ln for ln in NOTICE.split("\n") if ln not in joined] == []


def test_a_notice_that_fits_is_one_chunk() -> None:
    chunks = _notice_chunks(1000)
    assert len(chunks) == 1 and chunks[0].section == ""


def test_the_passage_shows_the_section() -> None:
    chunk = next(c for c in _notice_chunks(60) if c.section == "一、支持对象")
    assert chunk.passage == "t\n一、支持对象\n" + chunk.text


def test_a_long_section_keeps_its_lead_in_with_its_first_items() -> None:
    from core.records import Document
    from indexer.notice.sections import outline

    lines = ["关于申报的通知", "各有关企业：", "一、申报条件", "申报企业须同时具备以下条件：",
             *[f"（{n}）第{n}项条件的内容写在这里，较长一些以便分块。" for n in "一二三四五六"]]
    text = "\n\n".join(lines)
    doc = Document(doc_id="n", title="t", source="n.txt", text=text, outline=outline(text))
    chunks = chunk_document(doc, Chunker(chunk_size=80, chunk_overlap=10))
    head = next(c for c in chunks if c.text.startswith("一、申报条件"))
    assert head.text.startswith("一、申报条件\n\n申报企业须同时具备以下条件：\n\n（一）")
    assert head.section == "一、申报条件"
    assert all(c.section.startswith("一、申报条件") for c in chunks[chunks.index(head):])


def test_the_head_of_a_notice_opens_its_first_passage_and_is_not_quoted() -> None:
    """Letterhead, number, title and addressee are indexed with the first paragraph (alone they would
    match every question about the notice); the letterhead, title, addressee and the signing body are
    never quoted (the citation shows them)."""
    from core.records import Document
    from indexer.notice.sections import outline

    lines = ["绍兴市柯桥区商务局文件", "柯商发〔2025〕6号", "关于支持纺织企业参加境外展会的通知", "各有关企业：",
             "为鼓励纺织企业开拓国际市场，稳定外贸订单，经研究，现就支持纺织企业参加境外展会的有关事项通知如下。"
             "本通知所称境外展会是指在境外举办的国际性专业展会，企业参展须以自身名义报名并实际布展。",
             "绍兴市柯桥区商务局", "2025年4月20日"]
    text = "\n\n".join(lines)
    doc = Document(doc_id="n", title="t", source="n.txt", text=text, outline=outline(text))
    chunks = chunk_document(doc, Chunker(chunk_size=100, chunk_overlap=10))
    assert len(chunks) > 1 and chunks[0].text.startswith("绍兴市柯桥区商务局文件\n\n柯商发〔2025〕6号\n\n关于支持")
    quoted = [s for c in chunks for s in c.sentences]
    for line in [lines[0], lines[2], lines[3], lines[5]]:
        assert line not in quoted
    assert {"柯商发〔2025〕6号", "2025年4月20日"} <= set(quoted)  # "文号是什么？", "什么时候发布的？"
    assert any(s.startswith("为鼓励纺织企业开拓国际市场") for s in quoted)
