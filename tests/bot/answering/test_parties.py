"""Parties and programme types among closed sets of siblings: the asked one against a quote's."""

from bot.answering.parties import question_parties, sibling_only
from bot.answering.pick import _parties_first
from bot.answering.slots import check, question_slots


def test_a_question_names_one_sibling_and_an_including_word_holds_it() -> None:
    assert question_parties("政府采购对中型企业的报价给多少价格扣除？") == (("size", "中型", "M"),)
    assert question_parties("投保中长期出口信用保险有资助吗？")[0][:2] == ("insurance term", "中长期出口信用保险")
    assert question_parties("How much do medium-sized enterprises get back?")[0][2] == "M"
    assert sibling_only("size", "M", "小微企业报价的价格扣除比例上调为10%—20%。")
    assert not sibling_only("size", "M", "中小微企业按60%返还。")  # 中小微 includes the medium-sized
    assert not sibling_only("size", "SX", "中小微企业按60%返还。")
    assert not sibling_only("size", "M", "按实缴保费的50%给予支持。")  # names no size: says nothing either way


def test_a_fair_at_home_is_not_one_abroad_and_a_development_is_no_fair() -> None:
    asked = question_parties("清河羊绒企业参加国内展会，展位费补多少？")
    assert asked[0] == ("fair abroad", "国内", "D")
    assert sibling_only("fair abroad", "D", "企业参加境外羊绒专业展会的，按展位费的50%给予补助。")
    assert not sibling_only("fair abroad", "D", "企业参加境内外展会的，按展位费的50%给予补助。")
    assert not sibling_only("fair abroad", "D", "支持企业开拓国外市场、拓展营销网络。")  # no fair named
    assert question_parties("How much for domestic trade fairs?")[0][2] == "D"


def test_the_pickers_slot_feature_leaves_parties_out() -> None:
    """The picker was fitted on years, places and batches: a sibling named is for the reader."""
    slots = question_slots("企业参加国内展会补多少？")
    quote = "企业参加境外展会的，按展位费的50%给予补助。"
    assert check(slots, quote, "").missing == ["国内"]
    assert check(slots, quote, "", parties=False).missing == []


def test_two_siblings_asked_together_a_fair_a_standard_or_an_office() -> None:
    both = question_parties("大型和中小微企业分别返还多少？")  # both asked: either one holds the slot
    assert both == (("size", "大型", "LMSX"),) and not sibling_only("size", both[0][2], "中小微企业按60%返还。")
    travel = question_parties("去境外参展的人员机票和住宿能补多少？")[1]
    assert travel[:2] == ("fair cost", "机票") and sibling_only("fair cost", travel[2], "按展位费的50%给予补助。")
    assert not sibling_only("fair cost", travel[2], "住宿费按标准的70%补贴。")
    assert [g for g, _, _ in question_parties("大型展会的展位费补多少？")] == ["fair cost"]  # no size
    assert question_parties("按中小企业划型标准怎么认定？") == ()
    assert question_parties("中小企业服务中心的电话是多少？") == ()
    assert question_parties("How is size decided under the SME standards?") == ()


def test_a_quote_naming_only_another_party_misses_the_slot() -> None:
    slots = question_slots("企业到北交所上市奖励多少钱？")
    assert check(slots, "在主板、创业板成功上市的，奖励300万元。", "").missing == ["北交所"]
    assert check(slots, "在北京证券交易所上市的，奖励200万元。", "").missing == []
    green = question_slots("省级绿色园区认定以后奖励多少？")
    assert check(green, "获得省级绿色工厂称号的，奖补50万元。", "").missing == ["绿色园区"]


class _Chunk:
    def __init__(self, *sentences: str) -> None:
        self.sentences, self.section, self.title, self.doc_number, self.issuer, self.date = (
            sentences, "", "某市稳岗返还的通知", None, None, None)
        self.doc_id = "d"


class _Candidate:
    def __init__(self, *sentences: str) -> None:
        self.chunk = _Chunk(*sentences)


def test_the_asked_partys_line_leads_over_a_better_scored_line_of_another() -> None:
    slots = question_slots("大企业能返上年失业保险费的百分之几？")
    candidates = [_Candidate("本批1家中小微企业按60%返还。", "大型企业按照30%返还。")]
    by = _parties_first({(0, 0): 2.0, (0, 1): 1.0}, slots, candidates, {})  # type: ignore[arg-type]
    assert max(by, key=by.get) == (0, 1)  # type: ignore[arg-type]
    only = [_Candidate("本批1家中小微企业按60%返还。")]
    assert _parties_first({(0, 0): 2.0}, slots, only, {}) == {(0, 0): 2.0}  # type: ignore[arg-type]
