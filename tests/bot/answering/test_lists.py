"""Lists answered whole: introduced by a colon, items across a chunk end, cut with a note."""

import numpy as np

from bot.answering.compose import Candidate, compose
from bot.answering.lists import asked_count, list_span
from core.records import Chunk


def chunk(position: int, *sentences: str) -> Chunk:
    return Chunk(doc_id="n", text=" ".join(sentences), position=position, title="N", source="n.txt",
                 sentences=sentences)


def test_a_sentence_introducing_a_list_brings_its_items() -> None:
    sentences = ("为支持外贸企业，现将有关措施通知如下：", "（一）展位费补贴50%。", "（二）运费补贴30%。",
                 "（三）保费补贴70%。", "五、其他事项")
    assert list_span(sentences, 0) == (0, 4, False)
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.9, 0.5, 0.5, 0.5, 0.1]))],
                  question="有哪些支持措施？", lang="zh")
    assert all(s in out.answer for s in sentences[:4]) and "其他事项" not in out.answer and not out.cut


def test_an_outline_heading_brings_its_sections_items_nested_ones_included() -> None:
    sentences = ("二、“六税两费”减半征收", "（一）适用主体：增值税小规模纳税人。", "（二）减征范围：减半征收以下税费：",
                 "1. 资源税；", "2. 城市维护建设税；", "（三）可叠加享受。", "三、小型微利企业所得税优惠",
                 "（一）减按25%计算。")
    assert list_span(sentences, 0) == (0, 6, False)  # up to the next heading of its own style
    assert list_span(sentences, 6) == (6, 8, False)
    assert list_span(sentences, 3)[:2] == (2, 5)  # an item still brings its own list, not the section
    assert list_span(("二、申报条件", "请按时申报。"), 0) == (0, 1, False)  # a heading without items is itself


def test_the_lead_the_picker_chose_is_quoted_first() -> None:
    sentences = ("江苏省商务厅关于境外展会申报的通知。", "货物贸易类展会每平方米最高支持4000元。", "请各地认真组织。")
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.9, 0.6, 0.5]))], max_sentences=1, lead=1)
    assert out.answer.startswith("货物贸易类展会每平方米最高支持4000元。")


def test_another_notices_passage_that_fails_keep_is_not_quoted() -> None:
    a = Candidate(Chunk(doc_id="bj", text="", position=0, title="北京", source="bj.txt",
                        sentences=("北京单次参展补贴上限5万元。",)), 0.9, np.array([0.9]))
    b = Candidate(Chunk(doc_id="js", text="", position=0, title="江苏", source="js.txt",
                        sentences=("江苏全年累计补贴上限50万元。",)), 0.8, np.array([0.88]))
    both = compose([a, b])
    assert "江苏" in both.answer
    kept = compose([a, b], keep=lambda c: c.chunk.doc_id == "bj")
    assert "江苏" not in kept.answer and len(kept.citations) == 1


def test_a_list_cut_by_the_chunk_end_goes_on_and_a_long_one_says_it_was_cut() -> None:
    first = chunk(0, "工信部采取了四项措施：", "一是减税降费。", "二是加大信贷支持。")
    second = chunk(1, "二是加大信贷支持。", "三是优化服务。", "四是培训企业管理人员。", "另外，出口增长。")
    out = compose([Candidate(first, 0.9, np.array([0.9, 0.5, 0.5]))], question="工信部采取了哪四项措施？",
                  following=lambda c: second if c.position == 0 else None, lang="zh")
    assert "四是培训企业管理人员。 [2]" in out.answer and "另外" not in out.answer
    assert out.answer.count("二是加大信贷支持。") == 1
    assert asked_count("What are the four measures MIIT took?") == 4 and asked_count("哪三个条件") == 3


def test_an_item_ending_in_a_colon_brings_the_items_nested_under_it_and_the_list_goes_on() -> None:
    sentences = ("二、稳岗返还", "（一）返还标准为上年度缴费的60%。", "（二）申请企业须同时满足以下两个条件：",
                 "1. 上年度未裁员；", "2. 按时足额缴费。", "（三）已享受其他补贴的可以叠加。", "三、办理流程")
    assert list_span(sentences, 1) == (0, 6, False)  # heading, (一), (二) with 1. 2., then (三)
    english = ("The support has three parts:", "First, a refund of 60% of last year's premiums.",
               "Second, a training subsidy for firms that meet two tests:", "- no lay-offs last year;",
               "- premiums paid in full.", "Third, a loan interest discount.", "Apply by 30 June.")
    assert list_span(english, 1) == (0, 6, False)
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.2, 0.9, 0.5, 0.4, 0.4, 0.3, 0.1]))],
                  question="申请稳岗返还需要满足哪两个条件？", lang="zh")
    assert "2. 按时足额缴费。" in out.answer and "办理流程" not in out.answer


def test_an_outline_heading_standing_alone_is_quoted_with_its_sections_body() -> None:
    sentences = ("（二）支持建设海外仓", "海外仓面积须在3000平方米以上；", "按年度租金的20%给予支持，最高80万元。",
                 "（三）支持参加境外展会", "按展位费的50%给予支持。")
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.9, 0.6, 0.6, 0.3, 0.2]))],
                  question="海外仓能获得多少支持？", lang="zh")
    assert "最高80万元" in out.answer and "展位费" not in out.answer
    english = ("(2) Overseas warehouses", "A warehouse must cover 3,000 square metres or more.",
               "(3) Trade fairs", "Half the booth fee is refunded.")
    out = compose([Candidate(chunk(0, *english), 0.9, np.array([0.9, 0.6, 0.3, 0.2]))],
                  question="What must an overseas warehouse meet?")
    assert "3,000 square metres" in out.answer and "booth" not in out.answer
    # A heading that closes with a mark is a sentence of its own, and is quoted alone.
    closed = ("（二）海外仓按租金的20%支持。", "企业须在本市注册。", "（三）展会按展位费的50%支持。")
    out = compose([Candidate(chunk(0, *closed), 0.9, np.array([0.9, 0.3, 0.2]))], question="海外仓支持多少？",
                  lang="zh")
    assert "注册" not in out.answer


def test_a_question_about_a_scope_gets_the_list_the_title_line_introduces() -> None:
    sentences = ("附件", "柯桥区跨境电商示范园区范围", "1. 柯北跨境电商园", "2. 滨海轻纺物流园", "3. 钱清原料市场")
    scores = np.array([0.2, 0.9, 0.5, 0.5, 0.5])
    out = compose([Candidate(chunk(0, *sentences), 0.9, scores)], question="滨海轻纺物流园在示范园区范围内吗？",
                  lang="zh")
    assert "2. 滨海轻纺物流园" in out.answer and "3. 钱清原料市场" in out.answer
    english = ("Annex", "Pilot zone scope", "1. North Park", "2. Harbour Logistics Park")
    out = compose([Candidate(chunk(0, *english), 0.9, np.array([0.2, 0.9, 0.5, 0.5]))],
                  question="Is Harbour Logistics Park within the scope of the pilot zone?")
    assert "2. Harbour Logistics Park" in out.answer


def test_a_question_asking_which_article_gets_the_articles_first_sentence_that_holds_its_number() -> None:
    sentences = ("第九条 本办法由区商务局负责解释。", "第十条 本办法自2026年1月1日起施行。",
                 "原《柯桥区外贸扶持办法》同时废止。", "附件：申请表")
    scores = np.array([0.3, 0.6, 0.9, 0.1])
    out = compose([Candidate(chunk(0, *sentences), 0.9, scores)], question="哪一条废止了原来的外贸扶持办法？",
                  lang="zh")
    assert out.answer.startswith("第十条") and "第九条" not in out.answer
    plain = compose([Candidate(chunk(0, *sentences), 0.9, scores)], question="原来的外贸扶持办法还有效吗？", lang="zh")
    assert plain.answer.startswith("原《柯桥区外贸扶持办法》同时废止。")
    english = ("Article 9 The bureau interprets these rules.", "第十条 These rules take effect on 1 January 2026.",
               "The 2024 rules are repealed at the same time.")
    out = compose([Candidate(chunk(0, *english), 0.9, np.array([0.3, 0.6, 0.9]))],
                  question="Which article repeals the 2024 rules?")
    assert out.answer.startswith("第十条")


def test_a_tables_rows_are_the_items_a_question_asking_which_companies_gets() -> None:
    from bot.answering.lists import is_item, marked_item

    sentences = ("附件", "2026年稳岗返还拟发放企业名单", "序号 企业名称 企业类型 返还金额（元）",
                 "1 绍兴柯桥织造有限公司 小型企业 52000.00", "2 浙江滨海印染有限公司 中型企业 81000.00",
                 "合计 133000.00")
    assert is_item(sentences[3]) and is_item(sentences[2]) and not is_item(sentences[5])
    assert not is_item("20 government officials attended the meeting in Wenzhou last week.")
    assert not is_item("3 家企业获得补贴，共计 5 万元。")
    assert not marked_item(sentences[3]) and marked_item("1. 绍兴柯桥织造有限公司")  # the picker's item feature
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.2, 0.9, 0.3, 0.5, 0.5, 0.1]))],
                  question="Which companies are on the 2026 job-retention refund list?")
    assert "绍兴柯桥织造有限公司" in out.answer and "浙江滨海印染有限公司" in out.answer


def test_a_question_naming_how_many_items_gets_the_passages_list_of_that_many() -> None:
    sentences = ("二、补贴对象", "在本区缴纳社保的企业，吸纳以下两类人员的，可申请吸纳就业补贴：",
                 "（一）毕业两年内的高校毕业生；", "（二）登记失业半年以上的人员。",
                 "高校毕业生指取得普通高等学校毕业证书的人员，吸纳就业补贴按人发放。")
    scores = np.array([0.3, 0.5, 0.4, 0.4, 0.9])  # the definition after the list repeats the words
    out = compose([Candidate(chunk(0, *sentences), 0.9, scores)], question="吸纳就业补贴的对象包括哪两类人员？",
                  lang="zh")
    assert out.answer.startswith("在本区缴纳社保的企业") and "登记失业半年以上的人员" in out.answer
    assert "高校毕业生指" not in out.answer
    english = ("Firms qualify in two cases:", "- they hired a graduate this year;", "- they kept every worker.",
               "A graduate is a person holding a university degree awarded in the last two years.")
    out = compose([Candidate(chunk(0, *english), 0.9, np.array([0.5, 0.4, 0.4, 0.9]))],
                  question="What are the two cases in which a firm qualifies?")
    assert "they kept every worker" in out.answer
    # No list of that many: the lead stays as it is.
    out = compose([Candidate(chunk(0, *sentences), 0.9, scores)], question="吸纳就业补贴的对象包括哪三类人员？",
                  lang="zh")
    assert out.answer.startswith("高校毕业生指")
