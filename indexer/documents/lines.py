"""What one line of a document is, by its shape: the measures every text pass shares (words, prose,
date lines, tail markers), and the one normalisation that runs before any of them.

Every classifier here sees normalised text (``normalise_text``): each ``str.isspace()`` character is
one plain space, runs of spaces are one, invisible and direction-control characters are gone. The
patterns can then match a single space where they once matched ``\\s*`` next to ``\\s*`` (which
backtracked quadratically, and worse, on runs of U+205F), and each line is cut to
``MAX_LINE_CHARS`` before a per-line pattern sees it. Every pattern is linear-time on any input
(``tests/test_linear_time.py`` runs each on hostile strings).
"""

from __future__ import annotations

import re

from core.dates import DATE_PATTERNS

# Every character str.isspace() accepts (tests/indexer/documents/test_lines.py checks the list).
# Line breaks among them end a line; the others become one space.
LINE_BREAKS = "\n\r\u2028\u2029"
SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
         "\u2009\u200a\u202f\u205f\u3000"
# Zero-width, soft-hyphen, byte-order and direction controls: they change what a line shows
# ("\u202e" reverses it), never what it says.
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
            "\u2066\u2067\u2068\u2069\u061c"
_DROP = str.maketrans({**{ch: None for ch in INVISIBLE},
                       **{chr(c): None for c in [*range(0, 9), *range(14, 28), 127, *range(0x80, 0x85),
                                                 *range(0x86, 0xA0)]}})
# A line longer than this is judged by its first MAX_LINE_CHARS characters (it is prose by then).
MAX_LINE_CHARS = 2_000

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_CONTENT = re.compile(r"[A-Za-z0-9\u3400-\u9fff\uf900-\ufaff]")
# Sentence punctuation: Western marks only when followed by a space/quote/end, so "0.14%",
# "2021.9.16" and "e.g.x" do not count; Chinese marks count wherever they stand.
_SENT_END = re.compile(r"[.!?](?=[\s\"”’)\]]|$)|;(?=\s)|[。！？；]")
_ENUM = re.compile(r"^(?:[(（]?\d{1,3}[.)、）]|[(（]?[一二三四五六七八九十]{1,4}[、.）)]|[A-Za-z][.)]) ?")
_LEAD = re.compile(r"^[ •·▪▸►>*\-–—|#(（\[【「]+")
_TRAIL_CHARS = " :：]】)）」"

_DATE_LEAD = re.compile(r"^[\[【(（]? ?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,? )?", re.I)
# What may follow a date on a date line: a bracket, a time, a zone, a counter, the weekday, and the
# fields a news page prints beside it ("2023-02-14 09:30:12   Source: City Daily   Views: 312").
# Each part opens with at most one space and holds a non-space, so no two parts compete for a run.
PAGE_FIELDS = (r"source|views?|author|editor|reporter|hits|clicks|read|来源|文章来源|信息来源|作者|编辑|责任编辑"
               r"|记者|浏览|浏览次数|阅读|阅读次数|点击|点击数|点击量|访问量|字号|发布者|发布人")
_DATE_REST = re.compile(
    r"(?: ?[\]】)）])?(?: ?T?\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?)?(?: ?(?:[+-]\d{2}:?\d{2}|UTC|GMT|CST))?"
    r"(?: ?[\]】)）])?(?: ?\d{1,9})?(?: ?(?:星期|周).)?"
    rf"(?: (?:{PAGE_FIELDS}) ?[:：].*)?",
    re.I,
)

_TAIL_EXACT = re.compile(
    r"(?:related(?: reading| articles?| news| stories| posts| content| links| topics| coverage| files)?"
    r"|others also read|also read|read the next article|read next|read more|further reading"
    r"|you (?:may|might) also like|you may be interested in|see also|top stories|comments?"
    r"|recommended(?: for you| reading| articles| stories| news)?|more (?:news|stories|articles)"
    r"|most (?:read|popular|viewed)|popular (?:posts|articles|stories)|trending(?: now)?"
    r"|latest (?:news|articles|stories)|leave a (?:reply|comment)|相关(?:链接|文件|阅读|新闻|文章|推荐|报道|资讯))",
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
_SENTENCE_STOP = re.compile(r"[.!?。！？]$")


def normalise_line(line: str) -> str:
    """One line with every whitespace character as one space, no invisible or control characters."""
    return " ".join(line.translate(_DROP).split())


def normalise_text(text: str) -> str:
    """Line breaks unified (CR, CRLF, U+2028/2029), then each line as ``normalise_line`` makes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return "\n".join(normalise_line(ln) for ln in text.split("\n"))


def capped(line: str) -> str:
    """What a per-line pattern may read of ``line``."""
    return line[:MAX_LINE_CHARS]


def has_content(line: str) -> bool:
    """Lines without a letter, digit or CJK character ("|", "•", "---") are separators."""
    return bool(_CONTENT.search(line))


def content_chars(line: str) -> int:
    """How many letters, digits and CJK characters ``line`` holds."""
    return len(_CONTENT.findall(line))


def word_counts(line: str) -> tuple[int, int]:
    """(Latin/digit words, CJK characters): the two length units used by the rules."""
    return len(_WORD.findall(line)), len(_CJK.findall(line))


def is_prose(line: str) -> bool:
    """A sentence-bearing line: punctuation plus enough words, or simply long."""
    core = _ENUM.sub("", capped(line).strip())
    words, cjk = word_counts(core)
    if words >= 35 or cjk >= 80:
        return True
    return bool(_SENT_END.search(core)) and (words >= 6 or cjk >= 10)


def match_date_line(line: str) -> re.Match[str] | None:
    """Match of the date when a line is essentially only a date (maybe a time, a counter, or the
    source and view fields a news page prints beside it)."""
    s = _DATE_LEAD.sub("", normalise_line(capped(line)), count=1)
    for pattern in DATE_PATTERNS:
        m = pattern.match(s)
        if m and _DATE_REST.fullmatch(s, m.end()):
            return m
    return None


def is_date_line(line: str) -> bool:
    return match_date_line(line) is not None


def is_tail_marker(line: str) -> bool:
    """Headings that open a related-content or navigation list after the article."""
    s = _LEAD.sub("", normalise_line(capped(line))).rstrip(_TRAIL_CHARS)
    if not s or len(s) > 200:
        return False
    if _TAIL_EXACT.fullmatch(s):
        return True
    m = _TAIL_PREFIX.match(s)
    if not m:
        return False
    words, cjk = word_counts(s)
    labelled = s[m.end():].lstrip().startswith((":", "："))
    return words <= 15 and cjk <= 60 and (labelled or not _SENTENCE_STOP.search(s))
