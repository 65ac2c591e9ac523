"""Regenerate the hostile corpus (run once; the outputs are kept): every file that once stalled,
crashed or fooled the indexer, each beside the notice text a real file would carry.

Usage: python tests/data/hostile/make_fixtures.py
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "formats"))
from make_fixtures import minimal_pdf  # noqa: E402  (the hand-written PDF of the formats fixtures)

BODY = ("各有关企业：\n为支持外贸企业参加境外展会，现将有关事项通知如下。\n一、支持标准\n"
        "按展位费的50%给予补助，每家企业最高不超过5万元。\n二、联系方式\n联系人：周立航\n联系电话：0575-84120001\n")
PDF_LINES = ["Notice on Booth Fee Support for Exporters",
             "Exporters receive half of the booth fee, at most 50,000 yuan per fair.",
             "Contact: Zhou Lihang, tel. 0575-84120001"]


def _pdf(algorithm: str, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf([PDF_LINES]))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _deep_html(levels: int) -> str:
    """``levels`` nested <div>s with a sentence at the top, in the middle and at the bottom."""
    sentence = "<p>第{}层：深层嵌套页面中的政策正文，企业可按规定申请补助。</p>"
    return ("<html><head><title>深层嵌套的通知</title></head><body>" + sentence.format("一")
            + "<div>" * (levels // 2) + sentence.format("中") + "<div>" * (levels - levels // 2)
            + sentence.format("底") + "</div>" * levels + "</body></html>")


def main() -> None:
    files: dict[str, str | bytes] = {
        # Lines that held a worker for seconds to hours (quadratic or worse patterns).
        "redos_lines.txt": "关于展会补助的通知\n" + BODY + "2025-01-01" + "\u205f" * 60 + "x\n"
        + "2025-01-01" + "\u205f" * 10_000 + "x\n" + ":" * 40_000 + "x\n" + "\u1680" * 10_000 + "x\n",
        "redos_table.md": "# Booth fee support\n\n" + " " * 40_000 + "x\n\n"
        + "Exporters receive half of the booth fee, at most 50,000 yuan per fair.\n",
        # Metadata no field may hold: refused with a reason, never a crash.
        "surrogate_front_matter.md": '---\ntitle: "\\ud800"\n---\n\n' + BODY,
        "surrogate_sidecar.txt": "关于展会补助的通知\n" + BODY,
        "surrogate_sidecar.txt.meta.json": '{"title": "\\ud800 notice"}',
        "control_sidecar.txt": "关于展会补助的通知\n" + BODY,
        "control_sidecar.txt.meta.json": json.dumps({"issuer": "Commerce Bureau\u0007"}),
        # Kept, with what they may not show removed.
        "javascript_url.md": "---\ntitle: Booth fee support\nurl: javascript:alert(document.cookie)\n---\n\n"
        "Exporters receive half of the booth fee, at most 50,000 yuan per fair.\n",
        "bidi_title.md": "---\ntitle: \"\\u202e知通\\ufeff的助补会展\"\nissuer: \"\\u202b柯桥区商务局\\u202c\"\n"
        "doc_number: \"\\u2066柯商发〔2025〕6号\\u2069\"\n---\n\n" + BODY,
        # Read as what they are.
        "big5_notice.txt": ("勞動部 公告\n主旨：公告受理展會補助申請。\n一、補助標準：按攤位費的50%補助，"
                            "每家企業最高新臺幣20萬元。\n二、聯絡窗口\n聯絡人：黃志明\n電話：(02)8995-6000\n"
                            "勞動部\n中華民國115年1月23日\n").encode("big5"),
        "locked_aes256_empty.pdf": _pdf("AES-256", ""),
        "locked_aes128_empty.pdf": _pdf("AES-128", ""),
        "locked_password.pdf": _pdf("AES-256", "secret"),
        "deep.html": _deep_html(6_000),
    }
    for name, content in files.items():
        path = HERE / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    main()
