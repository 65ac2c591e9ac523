"""The condition-unit model joined to the rules (indexer.notice.fitted), with a fake model: what it
adds where the rules read nothing, and what it never touches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.records import Chunk
from indexer.documents.chunking import split_sentences
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.fitted import Reading
from indexer.notice.units import Unit

NOTICE = """关于组织申报外贸企业补助的通知
一、申报条件
申报企业须同时具备以下条件：
（一）注册地在柯桥区；
（二）近三年无重大违法违规记录。
二、其他事项
参与企业应设有独立的质量检测部门。
补助标准为展位费的50%，每家企业最高不超过10万元。
企业应于2027年1月31日前通过柯桥区商务服务平台提交申请。
"""
ODD = "参与企业应设有独立的质量检测部门。"


def _chunk(text: str) -> Chunk:
    return Chunk(doc_id="d", text=text, position=0, sentences=tuple(split_sentences(text)), title="t", source="s")


def _judge(sure: set[str], kind: str = "other") -> Any:
    """A fake model sure of the units whose quote holds one of ``sure``; it records what it saw."""
    seen: list[str] = []

    def judge(units: Sequence[Unit]) -> list[Reading | None]:
        seen.extend(u.quote for u in units)
        return [Reading(0.9, kind, True) if any(s in u.quote for s in sure) else Reading(0.1, "other", False)
                for u in units]

    judge.seen = seen  # type: ignore[attr-defined]
    return judge


def _conditions(judge: Any = None) -> list[dict[str, Any]]:
    return extract_eligibility([_chunk(NOTICE)], NOTICE, judge=judge)["conditions"]


def test_the_rules_alone_do_not_read_the_odd_requirement() -> None:
    assert ODD not in {c["quote"] for c in _conditions()}


def test_a_unit_the_model_is_sure_of_and_no_extractor_types_becomes_an_unknown_text_condition() -> None:
    added = [c for c in _conditions(_judge({"质量检测"})) if c.get("by") == "model"]
    assert [(c["type"], c["quote"], c["model_type"]) for c in added] == [("text", ODD, "other")]


def test_units_the_model_is_not_sure_of_add_nothing() -> None:
    assert _conditions(_judge(set())) == _conditions()


def test_units_the_rules_read_are_left_to_the_rules() -> None:
    judge = _judge({"柯桥区", "违法违规"}, "region")
    assert _conditions(judge) == _conditions()
    assert not any("柯桥区；" in q for q in judge.seen)  # already quoted by a rule's condition


def test_benefit_and_application_sentences_are_never_given_to_the_model() -> None:
    judge = _judge({"补助标准", "提交申请"})
    assert _conditions(judge) == _conditions()
    assert not any("补助标准" in q or "提交申请" in q for q in judge.seen)


def test_a_typed_unit_the_rules_missed_gets_the_extractors_value() -> None:
    text = NOTICE.replace(ODD, "参与企业的从业人员在300人以下并且设有独立的质量检测部门。")
    plain = extract_eligibility([_chunk(text)], text)["conditions"]
    assert not any("从业人员" in c["quote"] for c in plain)  # no who-may-apply words: the rules skip it
    added = [c for c in extract_eligibility([_chunk(text)], text, judge=_judge({"从业人员"}, "employees"))["conditions"]
             if c.get("by")]
    assert [(c["type"], c["value"]) for c in added] == [("employees_max", 300)]


def test_a_text_the_rules_find_no_conditions_in_is_not_given_to_the_model() -> None:
    news = ("Textile exports rose in November.\n"
            "Small and medium-sized enterprises account for more than 90% of the textile industry in Keqiao.\n")
    judge = _judge({"Small and medium-sized", "Textile exports"}, "size")
    assert extract_eligibility([_chunk(news)], news)["conditions"] == []
    assert extract_eligibility([_chunk(news)], news, judge=judge)["conditions"] == []


def test_a_unit_the_model_calls_region_gets_the_places_it_names() -> None:
    text = NOTICE.replace(ODD, "参与企业的主要生产车间位于诸暨市。")
    text = text.replace("（一）注册地在柯桥区；\n", "")
    found = extract_eligibility([_chunk(text)], text, judge=_judge({"生产车间"}, "region"))["conditions"]
    added = [c for c in found if c.get("by") == "model"]
    assert [(c["type"], c["value"]) for c in added] == [("region", ["Zhuji"])]


def test_a_notice_in_sections_the_rules_read_nothing_from_is_given_to_the_model() -> None:
    """A notice whose wording the rules miss altogether would be offered to every company as
    applicable; where the model sees a condition unit it needs information at least."""
    text = ("关于做好外贸企业统保工作的通知\n一、承保机构\n由某保险公司承担本年度统保业务。\n二、参保企业\n"
            "参保企业的主要生产车间位于诸暨市。\n三、参保企业的经营年限\n参保企业开展进出口业务已连续满三年。\n")
    assert extract_eligibility([_chunk(text)], text)["conditions"] == []
    found = extract_eligibility([_chunk(text)], text, judge=_judge({"生产车间", "连续满三年"}, "region"))["conditions"]
    assert [(c["type"], c["value"], c["by"]) for c in found] == [("region", ["Zhuji"], "model"),
                                                                ("text", None, "model")]


def test_an_exclusions_item_shutting_out_a_kind_of_fair_is_never_given_to_the_model() -> None:
    text = ("Fair grant\n\nExclusions\nThe round does not fund any of the following:\n"
            "- enterprises named as dishonest entities;\n"
            "- fairs held in the Chinese mainland.\n")
    judge = _judge({"fairs held", "dishonest"})
    found = extract_eligibility([_chunk(text)], text, judge=judge)["conditions"]
    assert [(c["type"], c["quote"]) for c in found] == [("no_violations", "- enterprises named as dishonest entities;")]
    assert "- fairs held in the Chinese mainland." not in judge.seen


def test_a_notice_in_articles_is_in_sections_and_a_bulleted_page_is_not() -> None:
    from indexer.notice.structure import parse
    from indexer.notice.who import sectioned

    articles = ("某区经信局\n实施细则\n\n第一条 为加快转型，制定本细则。\n第二条 本细则适用于本区企业。\n"
                "第三条 本细则自发布之日起施行。\n")
    assert sectioned(parse(articles).blocks)
    assert not sectioned(parse("Market news\n\n- Exports rose.\n- SMEs gained.\n- Prices fell.\n").blocks)


def test_a_question_put_to_the_issuer_is_never_given_to_the_model() -> None:
    from indexer.notice.fitted import may_state

    for line in ("Is there anything that keeps a small textile company out of the 2027 Export Academy?",
                 "问：年出口额超过5000万美元的企业能否申请？", "Can a firm registered in Keqiao take part?"):
        assert not may_state(Unit(line, line, "section"))
    assert may_state(Unit(ODD, ODD, "section"))


def test_a_line_saying_what_an_amount_counts_is_never_given_to_the_model() -> None:
    from indexer.notice.fitted import may_state

    for line in ("出口额包括一般贸易和加工贸易出口，不含转口贸易。", "Contributions paid do not include arrears or "
                 "late-payment fees.", "Turnover counted includes sales of subsidiaries.",
                 # a real round's form
                 "上年度实际缴费不含补缴的历年欠费和滞纳金。"):
        assert not may_state(Unit(line, line, "sentence")), line
    for line in ("企业缴费不含滞纳金。", "Applicants whose sales include online sales must hold a trademark."):
        assert may_state(Unit(line, line, "sentence")), line
