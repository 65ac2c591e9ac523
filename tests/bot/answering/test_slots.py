"""Slot checks: a question's year, place, batch and asked quantity against what a quote stands on."""

import pytest

from bot.answering.slots import check, context_of, holds_kind, passage_holds, question_slots, years_in
from core.records import Chunk

TITLE = "江苏省商务厅关于2024年贸易促进计划第二批、第三批境外重点展会项目申报的通知"
DEADLINE = "第三批申报截止时间为2024年12月10日17:00。"


def test_years_read_in_every_form() -> None:
    assert years_in("申报截止日期为2023年6月30日") == {"2023"}
    assert years_in("114年度低碳補助") == {"2025"}  # Taiwan's calendar
    assert years_in("2024—2026年") == {"2024", "2025", "2026"}
    assert years_in("covers 2024 to 2026") >= {"2025"}
    assert years_in("电话025-57713362") == set()


@pytest.mark.parametrize(("question", "missing"), [
    ("江苏省2024年第三批境外重点展会申报什么时候截止？", []),
    ("江西省商务厅2024年第三批境外重点展会申报截止时间是哪天？", ["Jiangxi"]),
    ("江苏省商务厅2023年第三批境外重点展会申报截止时间是哪天？", ["2023"]),
    ("江苏省2024年第四批境外重点展会申报截止时间是哪天？", ["第4批"]),
    ("When does Jiangsu's 2024 third-batch application close?", []),
    ("When does Jiangxi's 2024 third-batch application close?", ["Jiangxi"]),
])
def test_a_changed_slot_is_missing_from_the_evidence(question: str, missing: list[str]) -> None:
    assert check(question_slots(question), DEADLINE, TITLE).missing == missing


def test_a_place_inside_the_notices_place_is_held_china_confirms_no_province() -> None:
    keqiao_notice = "绍兴市柯桥区商务局关于印发进一步支持市场采购贸易若干措施的通知"
    assert not check(question_slots("柯桥区市场采购贸易奖励标准是多少？"), "每美元奖励0.01元。", keqiao_notice).missing
    shaoxing = "绍兴市商务局关于市场采购贸易的通知"
    assert check(question_slots("柯桥区市场采购贸易奖励标准是多少？"), "每美元奖励0.01元。", shaoxing).missing == []
    national = "工业和信息化部关于开展绿色工厂推荐工作的通知"
    asked = question_slots("江苏省绿色工厂推荐截止时间是哪天？")
    assert check(asked, "截止时间为6月30日。", national).missing == ["Jiangsu"]


def test_places_the_gazetteer_lacks_come_from_the_dictionary_both_ways() -> None:
    slots = question_slots("Under Taiyuan's 2024 job-retention refund, what share do large firms get back?")
    assert slots.places and slots.places[0][0] == "Taiyuan" and "太原" in slots.places[0]
    taiyuan = "太原市社会保险管理服务中心关于开展2024年度失业保险稳岗返还申领工作的通知"
    assert not check(slots, "大型企业按30%返还。", taiyuan).missing
    assert check(question_slots("大同市2024年稳岗返还比例是多少？"), "大型企业按30%返还。", taiyuan).missing == ["大同"]


@pytest.mark.parametrize(("question", "asks", "held", "not_held"), [
    ("产业链链长制度服务了多少家企业？", "count", "共服务企业8357家。", "20名政府官员担任链长。"),
    ("申报截止日期是什么时候？", "day", "申报截止日期为2023年6月30日。", "近三年（2023年—2025年）无违法行为。"),
    ("这项政策什么时候出台的？", "date", "该政策于2023年出台。", "请按要求提交材料。"),
    ("每平方米最多支持多少钱？", "amount", "每平方米最高支持4000元。", "展位费按实际面积计算。"),
    ("What interest rate does Ruifeng Bank charge?", "rate", "The loan carries a rate of 3.45%.",
     "Ruifeng Bank launched the loan for market traders."),
    ("有问题找谁咨询？", "contact", "联系人：周立航，电话025-57713362", "请各地认真组织申报。"),
    ("展会备案找市商务局哪位？", "contact", "联系人：周立航，电话025-57713362", "请各地认真组织申报。"),
    ("组织推荐特色产业集群的通知文号是什么？", "docno", "工信厅企业函〔2024〕122号",
     "2.2024年度中小企业特色产业集群推荐汇总表"),
    ("What is the document number of the Fuzhou guide?", "docno", "榕工信规〔2024〕3号", "申报截止2024年5月31日。"),
])
def test_the_quote_must_hold_the_asked_kind(question: str, asks: str, held: str, not_held: str) -> None:
    slots = question_slots(question)
    assert slots.asks == asks
    assert check(slots, held, "").typed and not check(slots, not_held, "").typed


def test_a_passage_is_read_with_its_title_and_its_documents_opening() -> None:
    chunk = Chunk(doc_id="a11", text="Insurers are asked to expand underwriting support.", position=3,
                  title="China unveils nine measures to keep foreign trade growing", source="a11.txt",
                  sentences=("Insurers are asked to expand underwriting support.",))
    slots = question_slots("Which firms should insurers support under the November 2024 measures?")
    assert not passage_holds(slots, chunk)
    assert passage_holds(slots, chunk, head="Beijing, November 22, 2024 -- The Ministry of Commerce")
    assert "November 22, 2024" in context_of(chunk, "Beijing, November 22, 2024")


@pytest.mark.parametrize(("question", "asks"), [
    ("Under Huadu's 2024 rules, how much is awarded when a firm is listed on the New Third Board?", "amount"),
    ("When is the deadline, and how much can a firm get?", "date"),
    ("In what period must the exhibition have been held?", "date"),
    ("What is the total subsidy Qidong proposes to pay?", "amount"),
    ("每个省最多推荐几个集群？", "count"),
])
def test_an_english_question_asks_for_what_its_question_words_come_first(question: str, asks: str) -> None:
    assert question_slots(question).asks == asks


def test_the_questions_own_year_alone_does_not_say_when() -> None:
    slots = question_slots("忻州市2025年稳岗返还到什么时候截止？")
    assert not holds_kind(slots, "附件：忻州市2025年度失业保险稳岗返还拟享受企业名单")
    assert holds_kind(slots, "申请截止至2025年12月31日。")
    assert holds_kind(slots, "该政策于2024年出台。")  # another year is an answer to "when"
    assert holds_kind(question_slots("稳岗返还到什么时候截止？"), "2025年度名单")
    # The policy's own term asked: the sentence stating it is looked up (bot/answering/stated.py).
    assert question_slots("忻州市2025年稳岗返还政策的执行期限到什么时候？").asks == "validity"


@pytest.mark.parametrize(("question", "asks", "held", "not_held"), [
    # Colloquial amounts: a verb of paying or reaching, then 多少 with no counting word after it.
    ("大企业的失业保险费按多少退？", "amount", "大型企业按缴费的30%退还。", "请于年底前登录系统办理。"),
    ("技改投资要到多少才能申请？", "amount", "设备投资额达到300万元（含）以上。", "项目须已开工建设。"),
    ("一家企业能领多少？", "amount", "每家企业补助不超过8万元。", "企业须在本区注册。"),
    # A count whose counting word is 份 (also written as a Chinese numeral: 一式三份).
    ("纸质材料要交几份？", "count", "纸质申报材料一式三份报区商务局。", "纸质申报材料报区商务局。"),
    ("评审结果的传真号码是多少？", "contact", "传真：020-83312345", "评审结果另行通知。"),
    # People are counted by 人, 名 or 位, whichever the question says (几个人 answered by "2名").
    ("每个展会最多补几个人的机票？", "count", "每个展会最多补贴2名参展人员的往返机票。", "每个展会补贴2个标准展位。"),
    ("评审专家有多少位？", "count", "评审组由7名专家组成。", "评审分两轮进行。"),
    # The notice's own period, and who issued it: lines looked up apart (bot/answering/stated.py).
    ("这项政策管到哪年？", "validity", "本政策有效期至2020年12月31日。", "本政策由市商务局负责解释。"),
    ("那份外贸措施现在还作数吗？", "validity", "本措施自印发之日起施行。", "对参展企业给予补贴。"),
    ("Is the Qingdao notice still in force?", "validity", "This notice takes effect on 1 March 2022.",
     "Applications close on 30 June."),
    ("RCEP原产地证书有效期多久？", "duration", "证书自签发之日起一年内有效。", "证书由海关签发。"),
    ("这份通知是哪几个部门联合发的？", "issuer", "某省商务厅　某省财政厅", "请各企业按时申报。"),
    # Whether a firm must apply (免申即享): read after any figure the question asks.
    ("稳岗返还需要企业自己去申请吗？", "self_apply", "一般参保单位无需提出申请，资金直接拨付。", "返还比例为60%。"),
    ("Does a firm have to apply for the refund?", "self_apply", "本项资金实行免申即享。", "返还比例为60%。"),
    ("Which department issued the notice?", "issuer", "Shaoxing Municipal Bureau of Commerce",
     "Applications close on 30 June."),
    ("稳岗返还什么时间申请？", "date", "申请时间为2022年7月15日至9月15日。", "附件：稳岗返还申请表"),
    ("这个活动从几月搞到几月？", "date", "活动时间为2023年4月至12月。", "附件：活动计划表"),
    ("補助受理到什麼時候？", "date", "受理至114年3月20日（星期四）。", "服務時間：週一至週五"),
    # How long and how often: 期限 or 月 in the question do not make it a date.
    ("担保贷款期限最长几年？", "duration", "贷款期限最长不超过3年。", "贷款由市担保中心担保。"),
    ("降费情况多久上报一次？", "duration", "各地每季度上报一次降费情况。", "各地应按要求上报降费情况。"),
    ("是海关总署第几号令？", "docno", "海关总署令第254号公布。", "海关总署公布了管理办法。"),
    # The document a notice rests on: a title in 《》 or a number, in either language.
    ("这个扶持办法是根据哪个文件制定的？", "basis",
     "根据《某省推进外贸稳规模优结构的若干措施》（某政办〔2024〕3号）制定本办法。", "本办法由市商务局负责解释。"),
    ("Which provincial plan is the city's trade fair fund based on?", "basis",
     "依据《某省开拓国际市场行动计划》，制定本指南。", "申报截止时间为2025年6月30日。"),
    ("小厂的裁员率不能超过多少？", "rate", "裁员率不高于参保职工总数的20%。", "裁员人数由经办机构核定。"),
    ("工程项目要给中小企业预留多少份额？", "rate", "预留份额提高至40%以上。", "预留部分由采购人确定。"),
    # A traditional-script quote holds the kind as its simplified form does; 2701-6385 is a number.
    ("推广活动完成后多少天内申请？", "duration", "須於活動完成後60個曆日內提交申請。", "須於活動完成後提交申請。"),
    ("服务专线是多少？", "contact", "服務專線：（02）2701-6385", "請洽服務專線辦公室。"),
])
def test_colloquial_questions_ask_for_a_kind(question: str, asks: str, held: str, not_held: str) -> None:
    slots = question_slots(question)
    assert slots.asks == asks
    assert check(slots, held, "").typed and not check(slots, not_held, "").typed


def test_a_duration_is_not_an_amount() -> None:
    assert question_slots("审核要拿多少天？").asks == "duration"
    assert question_slots("延期申报能补多少天？").asks == "duration"


def test_a_chinese_city_or_county_written_bare_is_a_place() -> None:
    """太原 with no 市 after it names the notice's city as 太原市 does: another city is missing."""
    slots = question_slots("太原稳岗返还大企业返多少？")
    assert slots.places == (("太原", "Taiyuan"),)
    taiyuan = "太原市社会保险管理服务中心关于稳岗返还的通知"
    assert not check(slots, "大型企业按30%返还。", taiyuan).missing
    assert check(question_slots("晋城稳岗返还大企业返多少？"), "大型企业按30%返还。", taiyuan).missing == ["晋城"]
    assert question_slots("浦城的小规模纳税人怎么免税？").places == (("浦城", "Pucheng"),)
    # A foreign city in a question is a fair's or a market's, not the issuing place.
    assert question_slots("参加迪拜纺织展最多能报几个平方？").places == ()
    assert question_slots("太原市稳岗返还比例？").places == (("太原", "Taiyuan"),)  # once, by its 市 form


def test_a_year_written_short_is_the_year_a_span_of_years_is_not() -> None:
    assert question_slots("江苏25年展会补贴，一平米最多补多少？").years == ("2025",)
    assert question_slots("黄埔23年版细则对小巨人奖多少？").years == ("2023",)
    assert question_slots("2024年第二批展会哪天截止？").years == ("2024",)
    for spans in ("养老保险缴费满15年能领多少？", "近20年出口额最高是多少？", "成立20年以上的企业奖多少？",
                  "第24年还能申请吗？", "15年内不得再申报吗？"):
        assert question_slots(spans).years == (), spans


def test_a_province_that_only_says_where_the_questions_city_lies_is_no_slot_of_its_own() -> None:
    datong = "大同市人力资源和社会保障局关于发放2025年度技能提升补贴的通知"
    slots = question_slots("What skills subsidy does Datong, Shanxi pay in 2025?")
    assert [forms[0] for forms in slots.places] == ["Datong"]
    assert not check(slots, "每人补贴1500元。", datong).missing
    county = "建瓯市财政局关于农机购置补贴的公告"  # a county-level city of Nanping, Fujian
    assert not check(question_slots("How much is the farm machinery subsidy in Jian'ou, Fujian?"),
                     "每台补贴3000元。", county).missing
    # Beside each other, neither locates the other: both stay, and the one the notice lacks is missing.
    beside = question_slots("Does the Datong, Shaanxi notice cover 2025?")
    assert {forms[0] for forms in beside.places} == {"Datong", "Shaanxi"}
    assert check(beside, "每人补贴1500元。", datong).missing == ["Shaanxi"]
    # Named alone, a province is still not held by one of its cities' notices.
    assert check(question_slots("What skills subsidy does Shanxi pay in 2025?"), "每人补贴1500元。",
                 datong).missing == ["Shanxi"]


@pytest.mark.parametrize("question", ["Whom can we call about the refund list?", "Who could I phone about it?",
                                      "Whom should I ask about the training subsidy?",
                                      "Who at the city finance bureau handles the loan interest subsidy?",
                                      "Who handles enquiries about the refund list?",
                                      "Who can answer questions about the fair subsidy?",
                                      "Who handles the fair rewards, and what is the number?",
                                      "What is their number?"])
def test_whom_to_call_asks_for_a_contact(question: str) -> None:
    assert question_slots(question).asks == "contact"


@pytest.mark.parametrize("question", ["Who handles the review of applications?", "What is the number of the notice?",
                                      "Who at the bureau approves the applications?"])
def test_who_does_a_step_is_no_contact(question: str) -> None:
    """A step's doer is a body the notice names, not the person to call."""
    assert question_slots(question).asks != "contact"


@pytest.mark.parametrize("question", ["How many months must a firm have paid premiums?",
                                      "How many working days does the review take?"])
def test_how_many_months_or_days_asks_a_duration_not_any_number(question: str) -> None:
    slots = question_slots(question)
    assert slots.asks == "duration"
    assert holds_kind(slots, "连续缴费满6个月的企业可以申请。") or holds_kind(slots, "审核在15个工作日内完成。")
    assert not holds_kind(slots, "附件：1. 企业申请表")
    assert question_slots("How many firms are on the list?").asks == "count"


def test_an_edition_or_a_round_is_a_slot_as_a_batch_is() -> None:
    """第三届 asked of a passage about 第二届 (a fair's edition), 第二期 of one giving only 首期 (a fund's round):
    another edition or round is another thing; 首届 is 第一届."""
    edition = question_slots("第四届服博会绍兴馆有多少家企业参展？")
    assert edition.batches == ("4届",)
    assert check(edition, "第三届服博会绍兴馆共组织62家企业参展。", "").missing == ["第4届"]
    assert check(edition, "第四届服博会绍兴馆共组织70家企业参展。", "").missing == []
    first = question_slots("首届纺织品交易会的展位费是多少？")
    assert check(first, "第一届纺织品交易会展位费每个9000元。", "").missing == []
    fund = question_slots("柯桥区纺织贷款贴息资金第二期规模是多少？")
    assert check(fund, "柯桥区首期贴息资金规模5000万元。", "").missing == ["第2期"]
    assert check(question_slots("第二批名单什么时候公布？"), "第二批名单将于3月公布。", "").missing == []


@pytest.mark.parametrize(("question", "held_by", "not_by"), [
    # counties and districts the dictionary lacks, named in pinyin: the divisions table reads them
    ("Wudi County, Shandong: what does a first-time exporter get?",
     "无棣县商务局关于外贸奖励的通知", "阳信县商务局关于外贸奖励的通知"),
    ("What does Huadu District pay a newly recognised firm?",
     "花都区工业和信息化局关于奖励的通知", "番禺区工业和信息化局关于奖励的通知"),
    ("Zhanhua: who takes the applications?", "沾化区商务局", "阳信县商务局"),
])
def test_a_county_named_in_pinyin_is_a_place_slot(question: str, held_by: str, not_by: str) -> None:
    slots = question_slots(question)
    assert check(slots, "奖励1万元。", held_by).missing == []
    assert check(slots, "奖励1万元。", not_by).missing != []


def test_a_pinyin_name_shared_by_several_counties_is_no_slot_alone() -> None:
    # 鼓楼区 is a district of four cities: "Gulou District" alone names none of them
    assert question_slots("What does Gulou District give exporters?").places == ()
    named = question_slots("What does Gulou District of Fuzhou give exporters?").places
    assert named[0][:2] == ("福州市鼓楼区", "鼓楼区")


def test_a_members_square_metres_ask_an_area_not_a_count() -> None:
    from bot.answering.asked import asked_kind

    assert asked_kind("这个展每家最多能报几个平方？") == "area"
    assert asked_kind("一个摊位能报多少平米？") == "area"
    assert asked_kind("每个省最多推荐几个？") == "count"


def test_who_pays_or_handles_is_not_who_issued_and_a_certificates_term_is_not_the_notices() -> None:
    from bot.answering.asked import asked_kind

    assert asked_kind("这个补贴由哪个部门发放？") is None
    assert asked_kind("申报材料交给哪个部门？") is None
    assert asked_kind("专精特新企业认定有效期几年？") == "duration"
    assert asked_kind("这个项目什么时候开始实施？") == "date"
    assert asked_kind("Is the subsidy still available?") is None


def test_a_zone_named_after_a_place_is_held_by_the_zone_not_only_by_the_county() -> None:
    # 滨海 is a county of Jiangsu and a new area of Tianjin; "Binhai Industrial Zone" is a zone of that name
    zone = question_slots("Who checks the projects in Binhai Industrial Zone, Shaoxing?")
    assert check(zone, "由管委会验收。", "绍兴县滨海工业区管理委员会关于中水回用的实施意见").missing == []
    county = question_slots("Who checks the projects in Binhai county?")
    assert check(county, "由管委会验收。", "绍兴县滨海工业区管理委员会关于中水回用的实施意见").missing == ["Binhai"]


@pytest.mark.parametrize(("question", "evidence"), [
    ("Where does a Zhongshan firm file for the Guangdong-Hong Kong cleaner production award?",
     "中山市工业和信息化局关于申报粤港清洁生产伙伴标志企业奖励的通知"),
    ("香港企业能参加京港澳合作展会吗？", "关于组织企业参加京港澳经贸合作洽谈会的通知"),
    ("Can a branch office in Taiwan apply for the 2025 upgrading grant?",
     "經濟部公告 中華民國114年1月20日 補助上限新臺幣500萬元"),
])
def test_a_place_the_notice_states_by_its_short_name_or_its_calendar_is_held(question: str, evidence: str) -> None:
    assert check(question_slots(question), "每案补助上限500万元。", evidence).missing == []


@pytest.mark.parametrize("evidence", ["苏州市商务局关于展会补助的通知", "港口企业装卸补贴",
                                      "湖南省商务厅关于展会补助的通知"])
def test_words_that_merely_contain_a_short_name_hold_no_place(evidence: str) -> None:
    assert check(question_slots("香港企业能拿多少展会补助？"), "补助5万元。", evidence).missing == ["Hong Kong"]


def test_hong_of_hong_kong_is_no_place_of_its_own() -> None:
    places = question_slots("What does the Guangdong-Hong Kong partner award pay in Zhongshan?").places
    assert [forms[0] for forms in places] == ["Hong Kong", "Zhongshan"]


def test_a_level_of_government_is_a_slot_unless_levels_are_compared() -> None:
    """市级 asked of a passage rewarding 省级 and 国家级 titles is another title; a question naming two
    levels (分别) compares them, and neither is asked of every passage."""
    city = question_slots("新评上市级绿色工厂的企业奖励多少？")
    assert city.batches == ("市级",)
    found = check(city, "对新认定的国家级绿色工厂奖励50万元，省级绿色工厂奖励20万元。", "")
    assert found.missing == ["市级"]
    assert check(city, "对新认定的市级绿色工厂奖励5万元。", "").missing == []
    assert question_slots("新评上国家级和省级绿色工厂分别奖多少？").batches == ()


def test_a_year_only_in_a_cited_documents_number_is_not_the_notices_year() -> None:
    """A 2025年度 call citing 2024 rules (深市监规〔2024〕9号) holds no 2024 call; its own number's year
    (深市监函〔2025〕298号 in the context) is its year."""
    slots = question_slots("2024年度海外维权资助单个项目上限是多少？")
    context = "某市关于开展2025年度海外维权资助申报的通知\n某市监函〔2025〕298号\n2025-06-05"
    quote = "根据《专项资金管理办法》（某市监规〔2024〕9号），每个项目最高200万元。"
    assert check(slots, quote, context).missing == ["2024"]
    assert check(question_slots("2025年度海外维权资助上限是多少？"), quote, context).missing == []
    own = "某省人民政府办公厅关于印发若干措施的通知\n某政办规〔2024〕6号"
    assert check(slots, "每个项目最高200万元。", own).missing == []


def test_which_ones_is_no_count() -> None:
    """哪几个部门 asks which departments (names: the issuers), not how many."""
    assert question_slots("这份文件是哪几个部门联合印发的？").asks == "issuer"
    assert question_slots("一共有几个部门联合印发？").asks == "issuer"  # the 落款 names and so counts them


def test_a_floor_asked_is_not_held_by_a_cap() -> None:
    """最少推荐几个 asked of "不超过2个" (a cap): another figure; "不低于5万元" or "50个以上" hold a floor."""
    fewest = question_slots("每个市最少要推荐几个集群？")
    assert fewest.lower and not holds_kind(fewest, "每个市推荐数量不超过2个。")
    assert holds_kind(fewest, "每个市推荐数量不少于2个。")
    least = question_slots("核定的资助一般最少能给多少？")
    assert holds_kind(least, "核定的资助额一般不低于5万元。") and not holds_kind(least, "单家企业最高资助50万元。")
    assert not question_slots("最多能补多少？").lower
    english = question_slots("How many clusters must each province put forward at minimum?")
    assert english.lower and not holds_kind(english, "Each province may recommend no more than 8 clusters.")
