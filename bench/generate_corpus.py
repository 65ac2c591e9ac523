"""Deterministic synthetic policy documents (English and Chinese) for indexing benchmarks.

Usage: python -m bench.generate_corpus OUT_DIR --docs N [--seed S] [--zh-share 0.2]

Each document is a saved web page in UTF-8 text: navigation, headline, a labelled date line
("Release date: 2021/9/16", "发布时间：2021年9月16日"), body paragraphs from the templates and
vocabularies below, then a "Related reading" list and footer lines (indexer/documents/clean.py removes the
list, what follows it and the copyright lines; a footer's "Tel:" or "Address:" line without a related list
before it stays, as a notice's contact lines do).
Body length is lognormal (median 1,800 characters) clipped to 300..8,000. Document i depends only
on (seed, i): the same seed gives byte-identical files whatever N is. Files are written one at a
time to OUT_DIR/NNN/docNNNNNN.txt (1,000 per folder); OUT_DIR/.generated.json (hidden, so not
indexed) records the parameters and sizes. No third-party package but numpy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.common import arg_parser, clock

# "=key a|b" is a vocabulary (" | " with spaces is text), "@topic" starts a topic, "H a|b" are its
# headlines and "S" lines its sentences (several per line allowed); indented lines continue a line.
EN = """
=city Shaoxing|Keqiao|Hangzhou|Ningbo|Wenzhou|Yiwu|Suzhou|Wuxi|Changzhou|Nantong|Jiaxing|Huzhou|Quanzhou|Xiamen
=agency Ministry of Commerce|General Administration of Customs|State Taxation Administration|district Finance Bureau
=agency municipal Bureau of Commerce|Textile City Construction Management Committee|provincial Department of Commerce
=agency China National Textile and Apparel Council|municipal SME Service Center|China Council for Promotion of Trade
=product polyester fabrics|cotton yarn|home textiles|knitted garments|printed and dyed fabrics|technical textiles
=product silk products|denim|functional fibres|non-woven fabrics|curtain fabrics|hosiery
=market the European Union|the United States|ASEAN|Africa|the Middle East|Latin America|Russia|Central Asia
=fta Japan|South Korea|Australia|New Zealand|Indonesia|Malaysia|Thailand|Vietnam|the Philippines|Singapore|Cambodia
=bank Ruifeng Bank|Bank of Shaoxing|Agricultural Bank of China|China Construction Bank|Bank of Ningbo|Tailong Bank
=loan market procurement loan|textile credit loan|cluster e-loan|export quick loan|tax credit loan
=period first quarter|first half of the year|first three quarters|first ten months|first eight months
=month March|June|September|October|December
=nav Home > Policies > Foreign Trade|Home > Notices|Home > Policy Interpretation > SMEs|Home > Industry News
=date Release date: {y}/{m}/{d}|Release date: {y}/{m}/{d}|Post time: {y}-{m:02d}-{d:02d}
=source Source: {agency}|Source: {city} Daily
=share Share to: WeChat | Weibo | LinkedIn|Print | Email this | Back to top
=related Related reading|Related articles:|You may also like
=footer Copyright © {year} China Textile City Network. All rights reserved.|Tel: 0575-8{tel}|Zhe ICP No. {icp}
=footer Address: No. {n3} Textile Avenue, {city}|Technical support: {city} Web Services
@general
S The notice takes effect on the date of issue and remains valid until the end of {year2}. Enterprises with questions
  may contact the {agency} or call the service hotline on working days. Departments at all levels are asked to
  publicise the policy and help enterprises apply for it in time. Where national and local policies overlap,
  enterprises may choose the more favourable one but may not claim both.
@exports
H {city} textile and apparel exports reach {amt} billion yuan in the {period}|Orders for {product} from {market} rise
  {pct}% as {city} exporters expand
S In the {period}, {city} exported {product} worth {amt} billion yuan, an increase of {pct}% over the same period last
  year. According to the {agency}, {n3} textile enterprises in {city} shipped goods to {market}, which now takes
  {pct}% of the total. Exports of {product} grew fastest, while shipments of {product2} fell by {pct2}% on weaker
  demand in {market}. Enterprises reported that freight costs dropped to about {n4} US dollars per container, easing
  pressure on small exporters. The {agency} expects foreign trade in {product} to remain stable until the end of
  {year}, helped by orders from {market}.
@sme
H {city} issues {n2} measures to support small and medium-sized textile enterprises|New support policy for SMEs in the
  {product} sector takes effect in {city}
S The {agency} will provide one-to-one services for {n3} small and medium-sized enterprises in the {product} industry.
  Eligible SMEs may receive a subsidy of up to {amt} million yuan for digital transformation and new equipment.
  Enterprises that keep their headcount stable in {year} can apply for a refund of {pct}% of their unemployment
  insurance premiums. A service hotline and an online window have been set up, and applications are answered within
  {days} working days. Specialised and innovative enterprises in {city} will receive priority for land, energy and
  talent quotas.
@tax
H Tax and fee cuts save {city} textile companies {amt} billion yuan|{agency} explains the {year} tax relief measures
  for manufacturers
S Small-scale taxpayers with monthly sales below {n2}0,000 yuan are exempt from value-added tax until the end of
  {year2}. The {agency} refunded {amt} billion yuan of export VAT to {n3} textile companies within {days} working days
  on average. Manufacturing SMEs may defer payment of {pct}% of their corporate income tax for {n1} months. The
  additional deduction for research and development expenses has been raised to 100%, benefiting {n4} enterprises in
  {city}. Fees for {product} inspection and certification were cut by {pct}%, saving exporters about {amt} million
  yuan a year.
@finance
H {bank} launches loans for textile traders in {city}|Financing channels widened for {product} exporters in {city}
S {bank} has launched a "{loan}" product that offers credit of up to {amt} million yuan without collateral. The annual
  interest rate starts at {rate}%, and the government covers half of the guarantee fee for first-time borrowers. By
  the end of {month}, {n3} enterprises had received loans totalling {amt} billion yuan through the platform. Export
  credit insurance now covers {pct}% of the orders of small and micro exporters, and premiums fell by {pct2}%. The
  {agency} and {bank} will hold matchmaking meetings so that enterprises can obtain working capital quickly.
@procurement
H Market procurement trade pilot in {city} marks a new milestone|{city} market procurement exports exceed {amt}
  billion yuan
S The market procurement trade pilot in {city} has attracted {n3} foreign trade companies and {n4} suppliers since it
  opened. Goods bought in the professional market are declared under a simplified procedure and exported to
  {countries} countries and regions. Individual businesses may export goods worth up to 150,000 US dollars per
  declaration without a VAT invoice. The {agency} has set up a joint service center for registration, declaration and
  foreign exchange settlement. Export value under the market procurement mode reached {amt} billion yuan in the
  {period}, up {pct}% year on year.
@cluster
H {city} builds a world-class {product} industrial cluster|Industrial cluster plan for {product} released by the
  {agency}
S The {city} {product} cluster brings together {n4} enterprises and employs about {n3},000 workers. The plan aims to
  raise the cluster's output to {n3} billion yuan by {year2}, with digital workshops in {pct}% of large firms.
  Printing and dyeing enterprises will move into the industrial park, and their wastewater will be treated centrally.
  A public testing platform and a design center will serve small firms, cutting development time by {pct}%. The
  {agency} will rank cluster enterprises by output per mu of land and allocate energy quotas accordingly.
@rcep
H RCEP guide: what {product} exporters to {fta} need to know|{agency} publishes free trade agreement guidance for
  textile firms
S Under RCEP, the tariff on {product} exported to {fta} will fall from {pct}% to zero over {n1} years. Exporters
  should apply to the {agency} for a certificate of origin before shipment, or issue a declaration of origin.
  Materials originating in any RCEP member, including {fta}, may be accumulated when regional value content is
  calculated. In the {period}, enterprises in {city} obtained {n4} RCEP certificates of origin for goods worth {amt}
  billion yuan. Companies should compare the RCEP tariff schedule with the bilateral agreement with {fta} and choose
  the lower rate.
"""

ZH = """
=city 绍兴|柯桥|杭州|宁波|温州|义乌|苏州|无锡|常州|南通|嘉兴|湖州|泉州|厦门
=agency 商务部|海关总署|国家税务总局|区财政局|市商务局|中国轻纺城建设管理委员会|省商务厅|中国纺织工业联合会
=agency 市中小企业服务中心|中国国际贸易促进委员会
=product 涤纶面料|棉纱|家纺产品|针织服装|印染布|产业用纺织品|丝绸制品|牛仔布|功能性纤维|无纺布|窗帘布|袜业产品
=market 欧盟|美国|东盟|非洲|中东|拉美|俄罗斯|中亚
=fta 日本|韩国|澳大利亚|新西兰|印度尼西亚|马来西亚|泰国|越南|菲律宾|新加坡|柬埔寨
=bank 瑞丰银行|绍兴银行|中国农业银行|中国建设银行|宁波银行|泰隆银行
=loan 市场采购贷|纺织信用贷|集群e贷|出口快贷|税易贷
=period 一季度|上半年|前三季度|1—10月|前8个月
=month 3月|6月|9月|10月|12月
=nav 首页 > 政策法规 > 对外贸易|当前位置：首页 > 通知公告|首页 > 政策解读 > 中小企业|您的位置：首页 > 行业资讯
=date 发布时间：{y}年{m}月{d}日|发布时间：{y}年{m}月{d}日|发布日期：{y}-{m:02d}-{d:02d}
=source 来源：{agency}|来源：{city}日报
=share 分享到：微信 | 微博 | QQ空间|【字体：大 中 小】【打印】【关闭】
=related 相关阅读|推荐阅读：|相关新闻
=footer 版权所有：中国轻纺城网 © {year}|联系电话：0575-8{tel}|地址：{city}市纺织大道{n3}号|浙ICP备{icp}号
=footer 技术支持：{city}网络公司
@general
S 本通知自印发之日起施行，有效期至{year2}年底。企业如有疑问，可在工作日咨询{agency}或拨打服务热线。
  各级各部门要加强政策宣传，帮助企业及时申报。国家和地方政策有重复的，企业可按就高原则享受，不重复享受。
@exports
H {city}纺织服装出口{period}达{amt}亿元|{market}市场{product}订单增长{pct}%
S {period}，{city}{product}出口额达{amt}亿元，同比增长{pct}%。据{agency}统计，
  {city}共有{n3}家纺织企业向{market}出口产品，占全市纺织出口的{pct}%。其中{product}出口增长最快，
  {product2}受{market}需求减弱影响下降{pct2}%。企业反映，集装箱运价已回落至每箱约{n4}美元，小微出口企业压力有所缓解。
  {agency}预计，{year}年底前{product}外贸将保持稳定。
@sme
H {city}出台{n2}条措施支持中小纺织企业发展|{city}{product}行业中小企业扶持政策正式实施
S {agency}将为{product}行业{n3}家中小企业提供“一对一”服务。符合条件的中小企业开展数字化改造、购置新设备，
  最高可获得{amt}万元补助。{year}年保持用工稳定的企业，可申请返还其上年度缴纳失业保险费的{pct}%。
  开通服务热线和网上窗口，企业申请事项在{days}个工作日内办结。
  {city}专精特新中小企业在用地、用能和人才指标方面将获得优先保障。
@tax
H 减税降费为{city}纺织企业节省{amt}亿元|{agency}解读{year}年制造业税收优惠政策
S 月销售额{n2}万元以下的小规模纳税人，{year2}年底前免征增值税。{agency}为{n3}家纺织企业办理出口退税{amt}亿元，
  平均办理时间压缩至{days}个工作日。制造业中小微企业可延缓缴纳{pct}%的企业所得税，期限为{n1}个月。
  研发费用加计扣除比例提高到100%，{city}共有{n4}家企业受益。{product}检验认证收费下调{pct}%，
  每年为出口企业减负约{amt}万元。
@finance
H {bank}为{city}纺织商户推出专属贷款|{city}{product}出口企业融资渠道进一步拓宽
S {bank}推出“{loan}”产品，最高授信{amt}万元，无需抵押。贷款年利率最低{rate}%，首次贷款企业的担保费由财政承担一半。
  截至{month}末，已有{n3}家企业通过该平台获得贷款{amt}亿元。出口信用保险对小微出口企业订单的覆盖率达到{pct}%，
  保费下降{pct2}%。{agency}将联合{bank}举办银企对接会，帮助企业及时获得流动资金。
@procurement
H {city}市场采购贸易试点迈上新台阶|{city}市场采购贸易出口突破{amt}亿元
S {city}市场采购贸易试点开通以来，已吸引{n3}家外贸公司和{n4}家供货商参与。试点商品在专业市场采购后按简化方式申报，
  出口到{countries}个国家和地区。个体工商户每票报关货值在15万美元以内的，无需提供增值税发票。
  {agency}设立联合服务中心，集中办理备案、报关和结汇等业务。{period}，市场采购贸易方式出口额达{amt}亿元，
  同比增长{pct}%。
@cluster
H {city}打造世界级{product}产业集群|{agency}发布{product}产业集群发展规划
S {city}{product}产业集群汇聚企业{n4}家，从业人员约{n3}万人。规划提出，到{year2}年集群产值达到{n3}亿元，
  规模以上企业数字化车间比例达到{pct}%。印染企业将集中搬迁入园，废水实行集中处理。集群将建设公共检测平台和设计中心，
  帮助小微企业缩短{pct}%的产品开发周期。{agency}将按亩均产出对集群企业进行排序，并据此分配用能指标。
@rcep
H RCEP实施指南：{product}出口{fta}须知|{agency}发布纺织企业自贸协定应用指引
S 根据RCEP，出口{fta}的{product}关税将在{n1}年内由{pct}%降至零。出口企业应在出运前向{agency}申领原产地证书，
  经核准出口商也可自行出具原产地声明。计算区域价值成分时，原产于包括{fta}在内任一RCEP成员的材料均可累积。{period}，
  {city}企业共申领RCEP原产地证书{n4}份，涉及货值{amt}亿元。建议企业对比RCEP与中国—{fta}自贸协定的关税减让表，
  选择较低税率。
"""

_SEP = re.compile(r"(?<! )\|(?! )")
_SENTENCE = re.compile(r"(?<=。)|(?<=\.) (?=[A-Z{])")
Topics = dict[str, tuple[list[str], list[str]]]


def _parse(spec: str, joiner: str) -> tuple[dict[str, list[str]], Topics]:
    vocab: dict[str, list[str]] = {}
    topics: Topics = {}
    topic = ""
    for line in re.sub(r"\n {2,}", joiner, spec).strip().splitlines():
        kind, _, rest = line.partition(" ")
        if kind[0] == "=":
            vocab.setdefault(kind[1:], []).extend(_SEP.split(rest))
        elif kind[0] == "@":
            topic = kind[1:]
            topics[topic] = ([], [])
        elif kind == "H":
            topics[topic][0].extend(_SEP.split(rest))
        else:
            topics[topic][1].extend(s for s in _SENTENCE.split(rest) if s)
    return vocab, topics


LANGS = {"en": _parse(EN, " "), "zh": _parse(ZH, "")}
TOPICS = sorted(t for t in LANGS["en"][1] if t != "general")
MIN_CHARS, MAX_CHARS = 300, 8000


class Draw:
    """Uniform draws from one document's numpy generator, fetched 512 at a time (numpy calls are slow)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng, self.buf, self.k = rng, rng.random(512).tolist(), 0

    def u(self) -> float:
        if self.k == len(self.buf):
            self.buf, self.k = self.rng.random(512).tolist(), 0
        self.k += 1
        return self.buf[self.k - 1]

    def pick(self, seq: list[str]) -> str:
        return seq[int(self.u() * len(seq))]

    def int(self, lo: int, hi: int) -> int:
        return lo + int(self.u() * (hi - lo + 1))

    def shuffled(self, seq: list[str]) -> list[str]:
        out = list(seq)
        for i in range(len(out) - 1, 0, -1):
            j = self.int(0, i)
            out[i], out[j] = out[j], out[i]
        return out


class Slots(dict[str, str]):
    """Template values drawn on first use, so a slot repeated in one sentence keeps its value."""

    NUMBERS = {"n1": (2, 5), "n2": (10, 40), "n3": (100, 999), "n4": (1000, 9999), "days": (3, 15),
               "countries": (20, 180), "tel": (1000000, 9999999), "icp": (10000000, 99999999)}

    def __init__(self, draw: Draw, vocab: dict[str, list[str]], year: int, lang: str) -> None:
        super().__init__(year=str(year))
        self.draw, self.vocab, self.lang, self.doc_year = draw, vocab, lang, year

    def __missing__(self, key: str) -> str:
        d = self.draw
        if key in self.vocab:
            value = d.pick(self.vocab[key])
        elif key == "product2":
            value = self["product"]
            while value == self["product"]:
                value = d.pick(self.vocab["product"])
        elif key in self.NUMBERS:
            n = d.int(*self.NUMBERS[key])
            value = f"{n:,}" if key == "n4" and self.lang == "en" else str(n)
        elif key in ("amt", "pct", "pct2"):
            value = f"{d.int(10, 999 if key == 'amt' else 450) / 10:.1f}"
        elif key == "rate":
            value = f"{d.int(315, 585) / 100:.2f}"
        else:  # year2; anything else is a typo in a template and raises
            value = {"year2": lambda: str(self.doc_year + d.int(1, 3))}[key]()
        self[key] = value
        return value


@dataclass
class GeneratedDoc:
    lang: str
    title: str
    date: str  # ISO, as the indexer should read it from the date line
    body: list[str]  # the paragraphs the cleaner should keep
    text: str  # the whole file


def make_document(seed: int, i: int, zh_share: float = 0.2) -> GeneratedDoc:
    """Document ``i`` of the corpus for ``seed``; depends on nothing else."""
    rng = np.random.default_rng([seed, i])
    target = int(np.clip(rng.lognormal(np.log(1800), 0.7), MIN_CHARS, MAX_CHARS))
    d = Draw(rng)
    lang = "zh" if d.u() < zh_share else "en"
    vocab, topics = LANGS[lang]
    y, m, day = d.int(2019, 2024), d.int(1, 12), d.int(1, 28)

    def fill(template: str) -> str:
        s = template.format_map(Slots(d, vocab, y, lang))
        return s[0].upper() + s[1:]

    main, others = d.pick(TOPICS), [d.pick(TOPICS) for _ in range(d.int(1, 2))]
    pool = topics[main][1] * 2 + [s for t in [*others, "general"] for s in topics[t][1]]
    order: list[str] = []
    body: list[str] = []
    size = 0
    while size < target:  # sentences without replacement until the pool is used up, then again
        sentences = []
        for _ in range(d.int(2, 5)):
            order = order or d.shuffled(pool)
            sentences.append(fill(order.pop()))
        body.append(("" if lang == "zh" else " ").join(sentences))
        size += len(body[-1]) + 2
    title = fill(d.pick(topics[main][0]))
    head = [d.pick(vocab["nav"])] if d.u() < 0.8 else []
    head += [title, d.pick(vocab["date"]).format(y=y, m=m, d=day)]
    head += [fill(d.pick(vocab["source"]))] if d.u() < 0.6 else []
    head += [d.pick(vocab["share"])] if d.u() < 0.4 else []
    tail = [d.pick(vocab["related"])] if d.u() < 0.7 else []
    tail += [f"· {fill(d.pick(topics[d.pick(TOPICS)][0]))} {y}-{d.int(1, 12):02d}-{d.int(1, 28):02d}"
             for _ in range(d.int(3, 5) if tail else 0)]
    tail += [fill(d.pick(vocab["footer"])) for _ in range(d.int(1, 3))]
    text = "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(tail) + "\n"
    return GeneratedDoc(lang, title, f"{y:04d}-{m:02d}-{day:02d}", body, text)


def doc_path(out: Path, i: int) -> Path:
    return out / f"{i // 1000:03d}" / f"doc{i:06d}.txt"


def generate(out: Path, docs: int, seed: int = 0, zh_share: float = 0.2) -> dict[str, object]:
    """Write ``docs`` documents under ``out`` (an empty or new directory); return size statistics."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    count = {"en": [0, 0, 0], "zh": [0, 0, 0]}  # documents, file characters, body characters
    total_bytes = 0
    for i in range(docs):
        doc, path = make_document(seed, i, zh_share), doc_path(out, i)
        if i % 1000 == 0:
            path.parent.mkdir()
        total_bytes += path.write_bytes(doc.text.encode("utf-8"))
        c = count[doc.lang]
        c[0], c[1], c[2] = c[0] + 1, c[1] + len(doc.text), c[2] + len("\n\n".join(doc.body))
    stats: dict[str, object] = {
        "docs": docs, "seed": seed, "zh_share": zh_share, "bytes": total_bytes,
        "mean_file_chars": round((count["en"][1] + count["zh"][1]) / max(docs, 1)),
        "mean_body_chars": round((count["en"][2] + count["zh"][2]) / max(docs, 1)),
        **{f"{lang}_docs": c[0] for lang, c in count.items()},
        **{f"{lang}_mean_body_chars": round(c[2] / max(c[0], 1)) for lang, c in count.items()},
    }
    (out / ".generated.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return stats


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("out", type=Path, help="output directory (created; must be empty)")
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--zh-share", type=float, default=0.2, help="share of Chinese documents [0.2]")
    args = parser.parse_args()
    seconds, stats = clock(generate, args.out, args.docs, args.seed, args.zh_share)
    print(json.dumps({**stats, "seconds": round(seconds, 2)}, indent=2))


if __name__ == "__main__":
    main()
