"""A notice's number asked: the line stating the notice's own number, not a notice it cites."""

from bot.answering.numbered import number_line
from core.records import Chunk


def chunk(position: int, *sentences: str) -> Chunk:
    return Chunk(doc_id="n", text=" ".join(sentences), position=position, title="N", source="n.txt",
                 sentences=sentences, doc_number="绍商务〔2025〕17号")


PASSAGES = {
    ("n", 0): chunk(0, "绍兴市商务局关于组织申报2025年外贸稳增长资金的通知", "绍商务〔2025〕17号",
                    "各区、县（市）商务局："),
    ("n", 1): chunk(1, "根据《浙江省商务厅关于做好2025年外贸资金管理的通知》（浙商务函〔2025〕58号）要求，"
                       "现将有关事项通知如下。", "本通知（绍商务〔2025〕17号）自发布之日起施行。"),
}


def test_the_line_stating_the_notices_own_number_is_found_not_a_cited_notices() -> None:
    found = number_line("n", "绍商务〔2025〕17号", 1, PASSAGES.get)
    assert found is not None and found[0].position == 0 and found[1] == 1  # the short line under the title
    assert number_line("n", "绍商务 〔2025〕 17号", 1, PASSAGES.get)[0].position == 0  # spaces as extracted
    assert number_line("n", None, 1, PASSAGES.get) is None  # the index knows no number
    assert number_line("n", "浙商务函〔2024〕9号", 1, PASSAGES.get) is None  # no sentence states it
    english = {("e", 0): Chunk(doc_id="e", text="", position=0, title="E", source="e.txt", sentences=(
        "Under Circular No. 12 of the province, the city acts.", "Keqiao Commerce Bureau Notice No. 7 of 2025"))}
    assert number_line("e", "Notice No. 7 of 2025", 0, english.get) == (english[("e", 0)], 1)
