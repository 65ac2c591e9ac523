"""The Chinese policy-notice development set (bench/data/notices/): notices, questions and their checks.

One hundred and seventy-nine notices in seventeen parts (a: trade fairs, export insurance, RCEP, market procurement;
b: job retention, tax and fee cuts, financing; c: specialised SMEs, upgrading, clusters, brands; d:
overseas warehouses, loan interest subsidies for upgrading, approved exporters, cleaner
production, social-insurance deferral, first loans, service trade; e, all in ``report``: exchange-rate
hedging support, the disability employment fund relief, import-expo delegations, cross-border e-commerce
income tax, foreign-trade service firms, trade loans; f, all in ``report`` too: overseas IP
enforcement grants, small firms in government procurement, first-export rewards, reclaimed water and upgrading
in dyeing, cross-border e-commerce B2B customs codes, textile and apparel upgrading plans; g, all in
``report`` as well: export credit insurance premiums, overseas-fair and foreign-trade support measures,
market procurement, job-retention refunds, a textile cluster plan, apparel investment support, private
firms' financing; h, all in ``report`` too: export credit insurance support, job-retention refunds, textile
relocation and cluster support, SME loan interest subsidies, domestic and overseas fair support; i, all in
``report`` too: job-retention refunds, textile relocation support, SME loan interest subsidies, export credit
insurance support, RCEP certificates of origin, green factories, overseas-fair support; j, all in ``report``
too: job-retention refunds in two cities and the State Council's higher refund ratios, provincial and central
financing-guarantee fee rewards, Xinjiang's cotton and textile measures, school-uniform apparel, dyeing
relocation, an overseas-fair survey, RCEP implementation; k, all in ``report`` too: SME loan interest subsidies
in two Xiamen rounds, a job-retention refund confirmation, exhibition support in two Beijing years and in
Shanxi, export credit insurance and trade rewards, trade-fair block funds, a manufacturing cluster plan, and
private-economy measures with procurement set-asides; l, all in ``report`` too: job-retention refunds in
Zhangjiakou and Suichang, Hebei's apparel upgrading plan, Anhui's green factory awards in two years, Shandong's
2009 export credit insurance premium subsidy as filed in Yantai, Sanmen's small-firm financing costs, energy-saving
and circular-economy awards in Longyan and Fuzhou, and Hunan's key overseas-fair booth support; m, all in
``report`` too: job-retention refunds in Jiangxi and Chengdu, Yinchuan's industrial measures and its guarantee-fee
subsidy, Nantong's textile plan, Shantou's textile and apparel regulation, Linyi's innovation rewards, Guangzhou's
2023 export credit insurance guide, and green-manufacturing lists and awards in Zhenjiang and Wuhan; n, all in
``report`` too: Inner Mongolia's cashmere policy in two years (2013 and 2025), green factory rewards in Tianjin and
its Jinnan district, Gansu's job-retention refunds, Sichuan's SME financing information call, Shandong's provincial
green factories, Xiangcheng's medical apparel cluster, Qinghe's cashmere export base, and Tianjin's
economy-stabilising tax and fee measures; o, all in
``report`` too: Putian's footwear upgrading measures of 2015 and 2025 and its 2020 footwear fund call, Jinhua's
and Tongxiang's 2008 foreign-trade support, Yuhuan's 2025 job-retention refund, Quanzhou's 2024 commerce
measures, Wuxi's SME digital upgrade call, Suzhou Industrial Park's upgrade loan interest subsidy list, and
Luqiao's market procurement rules; p, all in ``report`` too: Gongqingcheng's apparel (leading-industry) policy,
Harbin's 2023 foreign trade fund call, job-retention refunds in Fangchenggang (2023) and Nanning's 2020 emergency
refund, Changchun's relief measures of April and June 2022, green factory nominations in Wuhu (2023) and Tongling
(2019), Yuzhong district's commerce fund call, and Hefei's 2020 SME implementing rules; q, all in ``report`` too:
job-retention refunds in Huizhou (2021) and its Huicheng district (2023), Foshan's Tanzhou exhibition-centre support
call, Jinjiang's 2025 industrial-chain measures, Jing'an's guaranteed-loan interest subsidy, Chaoyang's first-loan
subsidy call, Jiaoling's service-trade fund reply for ceramics exporters, Jiangyin's fabric export base, and
Shengzhou's manufacturing policies of 2022 and 2024), each written
in our own words from a real published notice (``SOURCES.md`` in each part), with questions of six
kinds: ``zh_direct``, ``en_direct``, ``en_over_zh``, ``zh_over_en``, ``near_domain`` (one slot changed
so that no notice answers) and ``off_topic``. Every notice, and so every question, is in the ``fit``
or the ``report`` split; anything fitted on the set is reported on ``report`` only.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "data" / "notices"
PARTS = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q")
KINDS = ("zh_direct", "en_direct", "en_over_zh", "zh_over_en", "near_domain", "off_topic")
_TAG = re.compile(r"<[^<>]{0,2000}>")


@dataclass(frozen=True)
class Notice:
    doc: str
    path: Path
    meta: dict[str, Any]

    @property
    def split(self) -> str:
        return str(self.meta["split"])


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def notices() -> dict[str, Notice]:
    found: dict[str, Notice] = {}
    for part in PARTS:
        for meta in _jsonl(ROOT / part / "notices.jsonl"):
            found[meta["doc"]] = Notice(meta["doc"], ROOT / part / meta["file"], meta)
    return found


@lru_cache(maxsize=1)
def questions() -> tuple[dict[str, Any], ...]:
    return tuple(q for part in PARTS for q in _jsonl(ROOT / part / "questions.jsonl"))


def raw_text(notice: Notice) -> str:
    """The notice's words as written: decoded with its declared encoding; a DOCX's paragraphs and
    table cells; an HTML page's text with tags removed (chrome included)."""
    encoding = notice.meta["encoding"]
    if encoding == "docx":
        import docx  # python-docx, a product dependency

        document = docx.Document(str(notice.path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    text = notice.path.read_bytes().decode(encoding)
    return html.unescape(_TAG.sub("\n", text)) if notice.meta["format"] == "html" else text


def problems() -> list[str]:
    """Every label that does not hold against the text; empty when the set is consistent."""
    found: list[str] = []
    docs = notices()
    texts = {doc: raw_text(n) for doc, n in docs.items()}
    ids = Counter(q["id"] for q in questions())
    found += [f"duplicate question id {i}" for i, c in ids.items() if c > 1]
    for doc, n in docs.items():
        for line in n.meta.get("content_lines_must_keep", []):
            if line not in texts[doc]:
                found.append(f"{doc}: must-keep line not in the text: {line!r}")
    for q in questions():
        if q["kind"] not in KINDS:
            found.append(f"{q['id']}: unknown kind {q['kind']}")
        if q["kind"] == "off_topic":
            continue
        doc = docs.get(q["doc"])
        if doc is None:
            found.append(f"{q['id']}: unknown doc {q['doc']}")
            continue
        if q["split"] != doc.split:
            found.append(f"{q['id']}: split {q['split']} but its notice is {doc.split}")
        if q["answerable"] != bool(q["expect"]):
            found.append(f"{q['id']}: answerable={q['answerable']} with expect={q['expect']}")
        for phrase in q["expect"]:
            if phrase not in texts[q["doc"]]:
                found.append(f"{q['id']}: {phrase!r} is not in {q['doc']}")
    return found


def summary() -> dict[str, Any]:
    qs = questions()
    return {"notices": len(notices()), "questions": len(qs),
            "by_kind_and_split": dict(sorted(Counter(f"{q['kind']}/{q['split']}" for q in qs).items())),
            "by_encoding": dict(Counter(n.meta["encoding"] for n in notices().values()))}


if __name__ == "__main__":
    print(json.dumps({**summary(), "problems": problems()}, ensure_ascii=False, indent=1))
