"""The answer model on a mixed collection: the seeds with Chinese notices, real models, a real index.

Chinese off-topic questions must stay declined when Chinese notices join the English seeds (the
calibration is per language pair); slot checks decline another year or place; English questions
find Chinese notices by their names; the index records the answer model it was built with.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench import notice_set
from bot.service import PolicyBot
from core.settings import Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.picker.model import identity
from indexer.store.index_dir import MANIFEST
from tests.conftest import CORPUS

pytestmark = pytest.mark.e2e

NOTICES = ("a01_jiangsu_zhanhui_2024", "a05_zhanjiang_xinbao_2024", "b01_taiyuan_wengang_2024",
           "c04_fuzhou_jigai_shebei_2024")
# Written for this test, none used to fit anything: health, devices, food, travel, sport, school,
# pets, cars, household, weather, entertainment, personal finance.
OFF_TOPIC_ZH = (
    "布洛芬一天最多能吃几片？", "怎么重置iPhone密码？", "感冒了喝什么药好得快？", "红烧排骨怎么做才好吃？",
    "去云南旅游五天怎么安排行程？", "世界杯决赛是哪天举行的？", "小学三年级数学应用题怎么教？",
    "猫咪不吃东西是什么原因？", "汽车保养多久做一次？", "洗衣机有异味怎么清洗？", "明天北京会下雨吗？",
    "最近有什么好看的电视剧？", "信用卡逾期一天会影响征信吗？", "如何提高睡眠质量？", "高血压患者能喝咖啡吗？",
    "安卓手机怎么截屏？", "减肥期间晚饭吃什么？", "孩子发烧39度怎么办？", "王者荣耀怎么上分？", "如何学好英语口语？",
)


@pytest.fixture(scope="module")
def mixed_bot(tmp_path_factory: pytest.TempPathFactory) -> PolicyBot:
    base = tmp_path_factory.mktemp("answer-model")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    found = notice_set.notices()
    for doc in NOTICES:
        shutil.copy2(found[doc].path, corpus / found[doc].path.name)
    settings = Settings(corpus=corpus, index=base / "index", analytics_db=None, rate_limit_per_minute=0)
    report = build_index(corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.ok, report.skipped
    return PolicyBot(settings)


@pytest.mark.xfail(strict=True, reason="1 of 20 answered from the English seeds: 如何提高睡眠质量 (提高…质量 "
                   "matches the seeds' quality-improvement passage; USE 0.163 above the bar 0.155, and the zh-en "
                   "no-answer model passes it) (bench/README.md)")
def test_off_topic_chinese_questions_stay_declined_with_chinese_notices_beside_the_seeds(mixed_bot) -> None:
    answered = [q for q in OFF_TOPIC_ZH if not mixed_bot.ask(q).abstained]
    assert answered == []


def test_another_year_or_place_is_declined_the_notices_own_is_answered(mixed_bot) -> None:
    asked = mixed_bot.ask("江苏省2024年第三批境外重点展会申报什么时候截止？")
    assert not asked.abstained and "12月10日" in asked.answer
    assert asked.citations[0].doc_id == "a01_jiangsu_zhanhui_2024"
    assert mixed_bot.ask("江西省2024年第三批境外重点展会申报什么时候截止？").abstained
    assert mixed_bot.ask("江苏省2021年第三批境外重点展会申报什么时候截止？").abstained


def test_a_notices_number_and_its_contacts_are_quoted_from_the_lines_that_state_them(mixed_bot) -> None:
    number = mixed_bot.ask("湛江市2024业务年度出口信用保险申报指南的发文字号是什么？")
    assert not number.abstained and number.answer.startswith("湛商务〔2024〕132号")  # not the preamble's cited one
    contacts = mixed_bot.ask("江苏2024年境外展会补助申报，可以打哪些电话咨询？")
    assert "025-57713362" in contacts.answer and "025-57717405" in contacts.answer  # the whole contact block


def test_an_english_question_finds_the_chinese_notice_by_its_place(mixed_bot) -> None:
    answer = mixed_bot.ask("Under Taiyuan's 2024 job-retention refund, what share of last year's "
                           "unemployment insurance premiums do large enterprises get back?")
    assert not answer.abstained
    assert answer.citations[0].doc_id == "b01_taiyuan_wengang_2024"


def test_the_index_records_its_answer_model_and_a_stale_record_is_renewed(mixed_bot) -> None:
    live = Path(mixed_bot.index_path).resolve()
    manifest = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["answer_model"] == identity()
    assert mixed_bot.health()["answer_model"] == "current"
    # An index built by another policybot (another model or calibration): answered by the similarity
    # rules, reported stale, and renewed by the next build without embedding anything.
    copy = live.parent / "stale-index"
    shutil.copytree(live, copy)
    stale = json.loads((copy / MANIFEST).read_text(encoding="utf-8"))
    stale["answer_model"] = {"model": "0" * 64, "calibration": "0" * 64}
    (copy / MANIFEST).write_text(json.dumps(stale), encoding="utf-8")
    settings = mixed_bot.settings.model_copy(update={"index": copy})
    old = PolicyBot(settings)
    assert old.health()["answer_model"].startswith("stale")
    assert not old.ask("江苏省2024年第三批境外重点展会申报什么时候截止？").abstained
    report = build_index(settings.corpus, copy, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.written and report.embedded_chunks == 0
    assert PolicyBot(settings).health()["answer_model"] == "current"
