"""Web chrome removal for pages saved as text, with the rule that removed each line.

A saved page carries the site around the document: navigation, breadcrumbs, share bars, font-size
and print buttons, view counters, copyright and ICP footers, related-article lists. Indexed, that
noise gets quoted as if it were policy. What is chrome is decided by the page's shapes and
structure only: a line's chrome shape (``chrome_rule``), its place (before the first sentence,
after a related-content marker), and runs of short lines held between chrome lines. Field labels
a notice legitimately contains (联系人：, 电话：, 地址：, Tel:) never decide: contacts, 附件
lists and the 落款 are the document. Every removed line is reported with its rule
(``Cleaned.removed``); kept lines are never reworded, only whitespace-normalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from indexer.documents.lines import (
    capped,
    content_chars,
    has_content,
    is_prose,
    is_tail_marker,
    match_date_line,
    normalise_text,
    word_counts,
)

_COPYRIGHT = re.compile(
    r"all rights reserved|版权所有|©|\(c\) ?(?:19|20)\d\d|copyright ?(?:\(c\)|\d{4}|©)"
    r"|icp[备证]|公网安备|网站标识码|^powered by\b", re.I)
_COUNTER = re.compile(
    r"(?:浏览|阅读|点击|访问)(?:次数|量|数)? ?[:：] ?[\[【(（]? ?\d"
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数) ?[\[【(（]? ?\d"
    r"|read a total of|\bviews? ?[:：] ?\d|^\d{1,9} views?$", re.I)
# "2019/11/29 18:41:00 0": a time stamp and the page's view count after it.
_STAMP_COUNT = re.compile(r"\d:\d\d(?::\d\d)? \d{1,9}$")
_BREADCRUMB = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|现在的位置|所在位置|you are here)"
    r"|^(?:home|首页|主页|网站首页) ?(?:[>»›＞/]|$)", re.I)
_SHARE = re.compile(
    r"^(?:分享到|分享至|share (?:this|on|to|via)|follow us|follow @|subscribe (?:to|now|for|here|today)"
    r"|sign up (?:for|to)|click here|关注我们|扫一扫|扫码(?:关注|分享))", re.I)
_TOOLS = re.compile(
    r"^[【\[]?(?:字号|字体|打印本页|打印|关闭窗口|关闭|收藏|加入收藏|设为首页|返回顶部|今天是|欢迎访问)"
    r"|^(?:print|email this|back to top|log ?in|sign in|register|menu|search|登录|注册|无障碍(?:版|浏览|阅读)?"
    r"|长者(?:模式|助手|版)|适老化|移动版|手机版|繁体|简体|english|privacy policy|terms of (?:use|service)"
    r"|cookie (?:policy|settings)|sitemap|网站地图|联系我们|关于我们|[【\[]?(?:打印|关闭)[】\]]?)$", re.I)
_TAGS = re.compile(r"^(?:tags?|keywords?|标签|关键词|关键字) ?[:：]", re.I)
_NAV_CELL = re.compile(r" ?[|｜] ?")
_MARKUP = re.compile(r"<[^<>]*>|&#?\w{1,12};")
_OPEN_TAG = re.compile(r"</?[A-Za-z]")
_WRAP_ZH = re.compile(r"[，、]$")
_WRAP_EN = re.compile(r"[A-Za-z0-9,;-]$")
_LOWER_START = re.compile(r"[a-z]")
# "b) be …", "(c) …": an item of a list, never the wrapped end of the line before
_ITEM_START = re.compile(r"(?:[a-z]|[ivx]{1,4})[.)]\s|\((?:[a-z]|[ivx]{1,4})\)\s")
_CJK_START = re.compile(r"[\u3400-\u9fff]")
_OPEN_END = re.compile(r"[.!?。！？；:：]['\"”’)）]{0,3}$")
# A joined line stops growing here: every join re-examines the whole line, so 100,000 wrapped
# lines made one paragraph in quadratic time (a 40 kB file took 10 s).
MAX_JOINED_CHARS = 2_000
# Short lines (link titles, tags) held between chrome lines are chrome too; longer ones are text.
SHORT_WORDS, SHORT_CJK = 15, 30
# A line this long with fewer than one letter, digit or CJK character in 20 is decoration.
DECORATION_CHARS = 200


@dataclass(frozen=True)
class Cleaned:
    """The document's text and each removed line with the rule that removed it."""

    text: str
    removed: tuple[tuple[str, str], ...] = ()


def is_markup_line(line: str) -> bool:
    """True for lines that are nothing but tags, tag fragments ("</p") or entities."""
    s = line.strip()
    if not s or s[0] not in "<&":
        return False
    rest = _MARKUP.sub("", s).strip()
    if rest.startswith("<") and _OPEN_TAG.match(rest) and ">" not in rest and "<" not in rest[1:]:
        return True
    return not rest


def chrome_rule(line: str) -> str | None:
    """The chrome shape of one line (a name for the report), or None. Sentences are never chrome."""
    if not line.strip():
        return None
    if not has_content(line):  # the whole line: content may come after any cap
        return "no_content"
    if len(line) > DECORATION_CHARS and content_chars(line) * 20 < len(line):
        return "decoration"  # a rule of 40,000 ":" with one letter: nothing to index, hundreds of chunks
    if is_markup_line(line):
        return "markup"
    s = capped(line).strip()
    words, cjk = word_counts(s)
    if len(s) > 400 or words > 60:
        return None
    # Shapes no sentence of a document takes, even a sentence-like one ("Copyright © 2022 X.").
    if _COPYRIGHT.search(s):
        return "copyright"
    if _COUNTER.search(s):
        return "view_counter"
    if _SHARE.search(s):
        return "share"
    if is_prose(s):
        return None
    if match_date_line(s) and _STAMP_COUNT.search(s):
        return "view_counter"
    if _BREADCRUMB.search(s):
        return "breadcrumb"
    if _TOOLS.search(s):
        return "page_tools"
    if words <= 25 and cjk <= 60 and _TAGS.search(s):
        return "tags"
    return None


def _nav_bar(line: str) -> bool:
    """"首页 | 机构概况 | 政务服务 | 互动交流": four or more short cells without digits."""
    cells = [c for c in _NAV_CELL.split(line) if c]
    return len(cells) >= 4 and all(len(c) <= 8 and not any(ch.isdigit() for ch in c) for c in cells)


def _short(line: str) -> bool:
    words, cjk = word_counts(line)
    return words <= SHORT_WORDS and cjk <= SHORT_CJK and not is_prose(line)


def _nav_word(line: str) -> bool:
    """A menu entry: a few characters, no digit, no punctuation."""
    return len(line) <= 8 and line.replace(" ", "").isalpha()


def _ends_open(line: str) -> bool:
    return not _OPEN_END.search(line)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped paragraphs so a wrapped sentence is classified as one line."""
    out: list[str] = []
    prev_text = False  # out[-1] is no chrome (known when it was added: a join keeps it so)
    for line in lines:
        prev = out[-1] if out else ""
        zh = bool(prev and line and _WRAP_ZH.search(prev))
        en = not zh and bool(prev and _WRAP_EN.search(prev) and _LOWER_START.match(line)
                             and not _ITEM_START.match(line))
        line_text = (zh or en) and chrome_rule(line) is None and not is_tail_marker(line)
        if line_text and prev_text and len(prev) < MAX_JOINED_CHARS and _ends_open(prev):
            out[-1] = prev + line if zh and _CJK_START.match(line) else f"{prev} {line}"
            continue
        out.append(line)
        prev_text = line_text or chrome_rule(line) is None
    return out


def _label(lines: list[str], title: str | None, keep: Callable[[str], bool]) -> list[str | None]:
    """The rule that removes each line, None for the document's own lines. A notice's record lines
    ("Document No.: Shao Shang [2022] No. 15") read like sentences but do not start the body."""
    rules: list[str | None] = [None] * len(lines)
    seen_prose, title_seen, tail = False, False, False
    for i, line in enumerate(lines):
        if not line:
            continue
        if tail:
            rules[i] = "after_related_marker"
        elif seen_prose and is_tail_marker(line):
            rules[i], tail = "related_marker", True
        elif (rule := chrome_rule(line)) is not None:
            rules[i] = rule
        elif not seen_prose and is_tail_marker(line):
            rules[i] = "related_marker"
        elif not seen_prose and not title_seen and title and title in (line, line[1:-1]):
            rules[i], title_seen = "title", True  # the document's title field shows it
        elif not seen_prose and _nav_bar(line):
            rules[i] = "navigation"
        seen_prose = seen_prose or (rules[i] is None and is_prose(line) and not keep(line))
    return rules


def _between_chrome(lines: list[str], rules: list[str | None], keep: Callable[[str], bool]) -> None:
    """Runs of short lines held between chrome lines (link lists, tags, menus) are chrome too. At
    the page's edge only menu words qualify: a letterhead or number above chrome stays."""
    content = [i for i, line in enumerate(lines) if line]
    n = 0
    while n < len(content):
        if rules[content[n]] is not None:
            n += 1
            continue
        end = n
        while end < len(content) and rules[content[end]] is None:
            end += 1
        run = [lines[i] for i in content[n:end]]
        before = rules[content[n - 1]] if n > 0 else "edge"
        after = rules[content[end]] if end < len(content) else "edge"
        held = (before != "edge" and after != "edge" and all(_short(x) for x in run)) or (
            {before, after} != {"edge"} and len(run) >= 2 and all(_nav_word(x) for x in run))
        if held and not any(keep(x) for x in run) and "title" not in (before, after):
            for i in content[n:end]:
                rules[i] = "between_chrome"
        n = end


def clean(text: str, title: str | None = None, keep: Callable[[str], bool] | None = None) -> Cleaned:
    """The document's lines without the page's chrome, and what was removed by which rule.

    ``title``: the document's title, removed where it heads the page (every passage shows it);
    ``keep``: lines the caller knows are the document's (a notice's letterhead or number), never
    taken for a menu."""
    lines = _join_wrapped(normalise_text(text).split("\n"))
    keep = keep or (lambda _: False)
    rules = _label(lines, title and " ".join(title.split()), keep)
    _between_chrome(lines, rules, keep)
    kept = [line for line, rule in zip(lines, rules, strict=True) if line and rule is None]
    removed = tuple((rule, line) for line, rule in zip(lines, rules, strict=True) if rule is not None)
    return Cleaned("\n\n".join(kept), removed)


def clean_text(text: str, title: str | None = None) -> str:
    """The document's text without the page's chrome (``clean`` with the report dropped)."""
    return clean(text, title).text
