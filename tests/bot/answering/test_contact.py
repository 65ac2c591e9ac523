"""A contact question is answered with the notice's contact line, the one for the office it names."""

from bot.answering.contact import PHONE, contact_line, is_contact_line
from core.records import Chunk


def chunk(position: int, *sentences: str, section: str = "") -> Chunk:
    return Chunk(doc_id="n", text=" ".join(sentences), position=position, title="关于举办设计大赛的通知",
                 source="n.txt", sentences=sentences, section=section)


PASSAGES = {
    ("n", 0): chunk(0, "为推动休闲装设计创新，决定举办设计大赛。", "参赛作品须于5月15日前寄送。"),
    ("n", 1): chunk(1, "《纺织服装周刊》杂志社 联系人：邵一帆 电话：010-85229783",
                    "传真：010-85229700", section="五、联系方式"),
    ("n", 2): chunk(2, "大赛组委会办公室 联系人：钱雨桐 电话：0512-52357416", section="五、联系方式"),
}


def test_phone_numbers_of_mainland_taiwan_and_hong_kong_and_service_lines_are_seen() -> None:
    for text in ("电话：025-57713518", "服務專線：（02）2701-6385", "(03)485-5368轉2306", "查詢電話：2398 6410",
                 "咨询热线95198"):
        assert PHONE.search(text), text
    assert not PHONE.search("2024年7月15日前报送，共3份")
    assert not is_contact_line("传真：010-85229700") and is_contact_line("电话：010-85229783，传真：010-85229700")


def test_the_contact_line_of_the_office_the_question_names_leads() -> None:
    found = contact_line("休闲装设计大赛组委会办公室的联系人和电话？", "n", 0, PASSAGES.get, lambda term: 1.0)
    assert found is not None and found[0].position == 2 and found[1] == 0
    found = contact_line("纺织服装周刊杂志社的联系电话是多少？", "n", 0, PASSAGES.get, lambda term: 1.0)
    assert found is not None and found[0].position == 1 and found[1] == 0
    assert contact_line("联系电话是多少？", "other", 0, PASSAGES.get, lambda term: 1.0) is None


def test_the_office_the_heading_names_and_a_named_person_decide_between_contact_lines() -> None:
    passages = {("m", 0): Chunk(doc_id="m", text="", position=0, title="配套奖申报通知", source="m.txt", sentences=(
        "六、受理部门", "政务服务大厅3-8号窗口", "地址：海滨路167号", "联系电话：020-12345",
        "七、业务主管部门", "区商务局", "联系人：梁思远", "联系电话：020-39057214"))}
    found = contact_line("配套奖业务问题找谁咨询？", "m", 0, passages.get, lambda term: 1.0)
    assert found is not None and found[0].sentences[found[1]] == "联系电话：020-39057214"
    found = contact_line("配套奖的受理窗口电话是多少？", "m", 0, passages.get, lambda term: 1.0)
    assert found is not None and found[0].sentences[found[1]] == "联系电话：020-12345"


def test_the_contact_block_is_quoted_whole_every_office_and_line_of_it() -> None:
    from bot.answering.contact import contact_block

    sentences = ("五、联系方式", "绍兴市商务局外贸处：沈明远，电话0575-88123456", "申报平台技术支持：0575-88765432",
                 "电子邮箱：sxwm@example.cn", "六、其他事项", "本通知自发布之日起施行。")
    assert contact_block(sentences, 2) == (1, 4)
    english = ("Contacts", "Trade Division: Ms Lin, tel. 0571-87654321", "Fax: 0571-87654322",
               "Technical support: 0571-87650000", "Other matters")
    assert contact_block(english, 1) == (1, 4)
    assert contact_block(("咨询电话：0575-88123456", "本通知自发布之日起施行。"), 0) == (0, 1)


def test_compose_quotes_the_span_it_is_given_around_the_lead() -> None:
    import numpy as np

    from bot.answering.compose import Candidate, compose

    sentences = ("五、联系方式", "外贸处：沈明远，电话0575-88123456", "技术支持：0575-88765432", "六、其他事项")
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.zeros(4))], lead=2, lead_span=(1, 3), lang="zh")
    assert "沈明远" in out.answer and "技术支持" in out.answer and "其他事项" not in out.answer
