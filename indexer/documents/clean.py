"""Boilerplate removal for web pages saved as plain text.

Saved pages carry navigation, footers, share prompts and related-article lists around the
article; indexed, that noise gets quoted as if it were policy. A jusText-like pass labels
each line (prose, short, boilerplate, tail marker) and keeps short lines only where they sit
between prose lines of the body. Body lines are never reworded, only whitespace-normalised.
"""

from __future__ import annotations

import re

from core.dates import DATE_PATTERNS

_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u3000\u2002-\u200a\u202f]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_CONTENT = re.compile(r"[A-Za-z0-9\u3400-\u9fff\uf900-\ufaff]")
# Sentence punctuation: Western marks only when followed by a space/quote/end, so "0.14%",
# "2021.9.16" and "e.g.x" do not count; Chinese marks count wherever they stand.
_SENT_END = re.compile(r"[.!?](?=[\s\"”’)\]]|$)|;(?=\s)|[。！？；]")
_ENUM = re.compile(
    r"^(?:[(（]?\d{1,3}[.)、）]|[(（]?[一二三四五六七八九十]+[、.）)]|[A-Za-z][.)])\s*"
)
_LEAD = re.compile(r"^[\s•·▪▸►>*\-–—|#(（\[【「]+")
_TRAIL = re.compile(r"[\s:：\]】)）」]+$")

# Markup-only lines ("</p", "<br>", '<div class="x">'); text between tags is not markup.
_TAG = r"(?:</?[A-Za-z][\w:-]*(?:\s+[^<>]*)?/?>|<!--.*?-->|&#?\w+;)"
_MARKUP_LINE = re.compile(rf"(?:\s*{_TAG})*\s*(?:</?[A-Za-z][\w:-]*(?:\s+[^<>]*)?)?\s*")

_DATE_LEAD = re.compile(r"^[\[【(（]?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?", re.I)
_DATE_REST = re.compile(
    r"\s*[\]】)）]?\s*(?:T?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?\s*"
    r"(?:[+-]\d{2}:?\d{2}|UTC|GMT|CST)?\s*[\]】)）]?\s*(?:\d+)?\s*(?:星期.|周.)?\s*",
    re.I,
)

_TAIL_EXACT = re.compile(
    r"(?:related(?: reading| articles?| news| stories| posts| content| links| topics| coverage)?"
    r"|others also read|also read|read the next article|read next|read more|further reading"
    r"|you (?:may|might) also like|you may be interested in|see also|top stories|comments?"
    r"|recommended(?: for you| reading| articles| stories| news)?|more (?:news|stories|articles)"
    r"|most (?:read|popular|viewed)|popular (?:posts|articles|stories)|trending(?: now)?"
    r"|latest (?:news|articles|stories)|leave a (?:reply|comment))",
    re.I,
)
_TAIL_PREFIX = re.compile(
    r"(?:next in\b|more from\b|relevant keywords"
    r"|related (?:reading|articles?|news|stories|posts|content|links|topics)\b"
    r"|(?:previous|prev|next) (?:article|post|story|page|news|item)\b|read the next\b"
    r"|相关(?:阅读|新闻|文章|链接|推荐|报道|资讯)|(?:推荐|延伸|更多)阅读|(?:热门|热点|精彩)推荐"
    r"|热门文章|猜你喜欢|上一篇|下一篇|上一条|下一条|责任编辑|扫一扫)",
    re.I,
)

_HARD = re.compile(
    r"all rights reserved|版权所有|©|\(c\)\s*(?:19|20)\d\d|copyright\s*(?:\(c\)|\d{4})"
    r"|icp[备证]|公网安备|technical support\s*[:：]|技术支持\s*[:：]|网站标识码"
    r"|read a total of\s*\[?\s*\d+\s*\]?\s*times?"
    r"|(?:阅读|浏览|点击|访问)(?:次数|量|数)\s*(?:[:：]|[\[【(（]?\s*\d)"
    r"|^(?:tel|telephone|phone|mobile|cel|cell|fax|e-?mail|add|addr|address|hotline|qq|wechat"
    r"|电话|手机|传真|邮箱|电子邮箱|电子邮件|地址|联系电话|联系人|联系方式|邮编|邮政编码)\s*[:：]"
    r"|^(?:home|首页|主页|网站首页)\s*(?:[>»›＞/→]|$)"
    r"|^(?:当前位置|您的位置|你的位置|您现在的位置|you are here)"
    r"|^(?:follow us|follow @|subscribe (?:to|now|for|here|today)|sign up (?:for|to)"
    r"|share (?:this|on|to|via)|click here|分享到|关注我们|disclaimer\s*[:：]|免责声明)"
    # Inline teaser links inside an article ("Read more: <headline>") go, the body stays.
    r"|^(?:related|read more|also read|read also|see also)\s*[:：]\s*\S",
    re.I,
)
_LABELS = re.compile(
    r"^(?:post(?:ed)?(?: time| date| on)?|release(?:d)?(?: date| time)?|publish(?:ed)?"
    r"(?: date| time| on)?|pub(?:lication)? date|date|time|updated?|last (?:updated|modified)"
    r"|source|author|editor|reporter|writer|tags?|keywords?|文章来源|信息来源|发布时间|发布日期"
    r"|成文日期|更新时间|日期|时间|来源|作者|编辑|记者|供稿|字号|关键词)\s*[:：]",
    re.I,
)
# Only for lines that are not prose: these words can appear in a real policy sentence.
_NAV = re.compile(
    r"(?:发布时间|发布日期|来源|作者|source|post time|release date|published)\s*[:：]"
    r"|privacy policy|terms of (?:use|service)|cookie|sitemap|网站地图|联系我们|关于我们|返回顶部"
    r"|^powered by|^copyright\b|^【?(?:字体|打印|关闭|收藏)"
    r"|^(?:print|email this|back to top|log ?in|sign in|register|menu|search)$",
    re.I,
)


def normalise_text(text: str) -> str:
    """Unify line endings and spacing so every rule sees one canonical line shape."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text.replace("\u2029", "\n"))
    return "\n".join(_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))


def has_content(line: str) -> bool:
    """Lines without a letter, digit or CJK character ("|", "•", "---") are separators."""
    return bool(_CONTENT.search(line))


def word_counts(line: str) -> tuple[int, int]:
    """(Latin/digit words, CJK characters): the two length units used by the rules."""
    return len(_WORD.findall(line)), len(_CJK.findall(line))


def is_prose(line: str) -> bool:
    """A sentence-bearing line: punctuation plus enough words, or simply long."""
    core = _ENUM.sub("", line.strip())
    words, cjk = word_counts(core)
    if words >= 35 or cjk >= 80:
        return True
    return bool(_SENT_END.search(core)) and (words >= 6 or cjk >= 10)


def is_markup_line(line: str) -> bool:
    """True for lines that are nothing but tag fragments or entities."""
    s = line.strip()
    return bool(s) and s[0] in "<&" and bool(_MARKUP_LINE.fullmatch(s))


def match_date_line(line: str) -> re.Match[str] | None:
    """Match of the date when a line is essentially only a date (maybe time and a counter)."""
    s = _DATE_LEAD.sub("", line.strip(), count=1)
    for pattern in DATE_PATTERNS:
        m = pattern.match(s)
        if m and _DATE_REST.fullmatch(s, m.end()):
            return m
    return None


def is_date_line(line: str) -> bool:
    """Date-only lines are page metadata, never body text."""
    return match_date_line(line) is not None


def is_tail_marker(line: str) -> bool:
    """Headings that open a related-content or navigation list after the article."""
    s = _TRAIL.sub("", _LEAD.sub("", line.strip()))
    if not s or len(s) > 200:
        return False
    if _TAIL_EXACT.fullmatch(s):
        return True
    m = _TAIL_PREFIX.match(s)
    if not m:
        return False
    words, cjk = word_counts(s)
    labelled = s[m.end():].lstrip().startswith((":", "："))
    return words <= 15 and cjk <= 60 and (labelled or not re.search(r"[.!?。！？]$", s))


def is_boilerplate_line(line: str) -> bool:
    """Footer, contact, share, breadcrumb, counter, metadata and markup-only lines."""
    s = _SPACES.sub(" ", line).strip()
    if not s or not _CONTENT.search(s) or is_markup_line(s) or is_date_line(s):
        return True
    words, cjk = word_counts(s)
    if len(s) <= 400 and words <= 60 and _HARD.search(s):
        return True
    if words <= 25 and cjk <= 60 and _LABELS.search(s):
        return True
    if is_prose(s):
        return False
    if _NAV.search(s):
        return True
    separators = len(re.findall(r"\s[|｜]\s|[>»›＞→]", s))
    return separators >= 2 and "<" not in s and words <= 20


def _ends_open(line: str) -> bool:
    return not re.search(r"[.!?。！？；:：]['\"”’)）]*$", line)


# A joined line stops growing here: every join re-examines the whole line, so 100,000 wrapped
# lines made one paragraph in quadratic time (a 40 kB file took 10 s).
MAX_JOINED_CHARS = 2_000


def _join_wrapped(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped paragraphs so a wrapped sentence is classified as one line."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        joinable = (
            prev and line and len(prev) < MAX_JOINED_CHARS and _ends_open(prev) and not is_boilerplate_line(prev)
            and not is_boilerplate_line(line) and not is_tail_marker(line)
        )
        if joinable and re.search(r"[，、]$", prev):
            out[-1] = prev + line if _CJK.match(line) else f"{prev} {line}"
        elif joinable and re.search(r"[A-Za-z0-9,;-]$", prev) and re.match(r"[a-z]", line):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def _classify(lines: list[str]) -> list[tuple[str, str]]:
    """Label lines up to the first tail marker that follows body prose."""
    labelled: list[tuple[str, str]] = []
    seen_prose = False
    for line in lines:
        if not has_content(line):
            kind = "blank"
        elif is_tail_marker(line):
            if seen_prose:
                break
            kind = "boiler"
        elif is_boilerplate_line(line):
            kind = "boiler"
        elif is_prose(line):
            kind, seen_prose = "prose", True
        else:
            kind = "short"
        labelled.append((kind, line))
    return labelled


def _neighbour(labelled: list[tuple[str, str]], start: int, step: int) -> str:
    i = start
    while 0 <= i < len(labelled):
        if labelled[i][0] in ("prose", "boiler"):
            return labelled[i][0]
        i += step
    return "edge"


def _select(labelled: list[tuple[str, str]]) -> list[str]:
    """Keep prose, plus short runs that sit inside the body rather than in link lists."""
    prose = [i for i, (kind, _) in enumerate(labelled) if kind == "prose"]
    if not prose:
        return [line for kind, line in labelled if kind == "short"]
    first, last = prose[0], prose[-1]
    keep: list[str] = []
    i = first
    while i <= last:
        kind, line = labelled[i]
        if kind == "prose":
            keep.append(line)
        if kind != "short":
            i += 1
            continue
        run = [i]
        j = i + 1
        while j <= last and labelled[j][0] in ("short", "blank"):
            if labelled[j][0] == "short":
                run.append(j)
            j += 1
        sides = (_neighbour(labelled, i - 1, -1), _neighbour(labelled, j, 1))
        if sides == ("prose", "prose") or (len(run) == 1 and "prose" in sides):
            keep.extend(labelled[k][1] for k in run)
        i = j
    return keep


def clean_text(text: str) -> str:
    """Return the article body: every body sentence verbatim, boilerplate removed."""
    lines = _join_wrapped(normalise_text(text).split("\n"))
    return "\n\n".join(_select(_classify(lines)))
