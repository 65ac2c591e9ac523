"""Enumerations answered whole: the sentence that introduces a list, its items, across chunk ends.

"What are the four measures…" wants the four items, not the first three and an unrelated sentence;
"有哪些措施" wants the items, not only "措施如下：". A list is the sentence introducing it (ending in a
colon) and the items after it ("（一）", "1.", "一是", "First,", "- "); a chunk may end mid-list, so
the items go on in the next passage of the same document. A list longer than ``MAX_LIST_ITEMS``
sentences or ``MAX_LIST_CHARS`` characters is cut, and the answer says so (``Composed.cut``).
"""

from __future__ import annotations

import re

# Item markers by style: a list goes on while its items keep the style they started with, so the
# next section ("五、其他事项") does not join the items "（一）…（三）" before it.
STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("en-word", re.compile(r"^\s*(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|"
                           r"secondly|thirdly|finally|lastly|next|then|also|in addition|additionally|moreover|"
                           r"furthermore)\b|(?:the )?(?:one|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                           r"ninth|tenth|last|final) (?:is|was|are|were)\b)", re.I)),
    ("zh-paren", re.compile(r"^\s*[(（][一二三四五六七八九十]+[)）]")),
    ("digit-paren", re.compile(r"^\s*[(（]\d{1,2}[)）]|^\s*\d{1,2}[)）]")),
    ("digit-dot", re.compile(r"^\s*\d{1,2}[.、．](?!\d)")),
    ("zh-shi", re.compile(r"^\s*[一二三四五六七八九十]+是|^\s*其[一二三四五六七八九十][，,、是]")),
    ("zh-comma", re.compile(r"^\s*[一二三四五六七八九十]+、")),
    ("zh-di", re.compile(r"^\s*第[一二三四五六七八九十]+[，,、是条项]")),
    ("bullet", re.compile(r"^\s*[•·▪\-–*]\s")),
]
ITEM = re.compile("|".join(f"(?:{p.pattern})" for _, p in STYLES), re.I)
# A table's rows as the segmenter gives them: a number or 序号, then cells apart by spaces, the first
# in Chinese, none with a sentence's marks ("2 山西某服饰有限公司 微型企业 60% 61204.18"); prose has
# no such spaces ("3 家企业获得补贴，共计 5 万元。" is no row). A list of rows is quoted whole like
# any list; the picker's ``item`` feature reads marked items only (``marked_item``), as it was
# fitted (a retrain with rows as items, measured with two other feature changes, lost an answer of
# the notice set's fit part).
ROW = re.compile(r"^\s*(?:\d{1,3}|序号)[ \t\u3000]+[\u4e00-\u9fff][^\s，。；：！？]*"
                 r"(?:[ \t\u3000]+[^\s，。；：！？]+){2}")
INTRODUCES = re.compile(r"[:：]\s*$")
ASKS_LIST = re.compile(r"\b(?:what (?:are|were)|which|list|steps?|measures|ways|conditions|requirements|"
                       r"materials|documents|scope|how (?:can|do|does|to|should))\b|"
                       r"哪些|哪几|哪[二两三四五六七八九十]|有什么|措施|步骤|如何|怎样|怎么|条件|材料|名单|范围", re.I)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ASKED_COUNT = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b|"
                          r"([二两三四五六七八九十])(?:项|个|条|类|种|方面|点)", re.I)
# An outline heading on a line of its own: an item with no closing mark ("（二）支持建设跨境电商产业园区",
# "三、申报条件"); its section's body follows it.
_CLOSED = re.compile(r"[。；;.!?！？:：]\s*$")
HEADING_CHARS = 40
# An article of a regulation ("第五条 科技奖项奖励。"): its number stands in its first sentence only.
ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,6}条")
# "哪条规定了…", "第几条", "which article"; not "哪条线路" (which line) nor "哪一条例" (which ordinance).
ASKS_ARTICLE = re.compile(r"第几条|哪一?条(?:规定|条款|款|明确|提到|写明|说明|废止|中|里)|"
                          r"\b(?:which|what) (?:article|clause)s?\b", re.I)
MAX_LIST_ITEMS = 12
MAX_LIST_CHARS = 1500


def asks_list(question: str) -> bool:
    return bool(ASKS_LIST.search(question))


def asks_article(question: str) -> bool:
    """The question asks which article of a regulation says something ("哪一条规定了…", "which article")."""
    return bool(ASKS_ARTICLE.search(question))


def is_heading(sentence: str) -> bool:
    """An outline heading standing alone: a short item without a closing mark."""
    return marked_item(sentence) and len(sentence.strip()) <= HEADING_CHARS and not _CLOSED.search(sentence)


def asked_count(question: str) -> int | None:
    """The number of items the question names ("the four measures", "哪三个条件"), if any."""
    m = _ASKED_COUNT.search(question)
    if m is None:
        return None
    return _COUNT_WORDS.get((m.group(1) or m.group(2) or "").lower())


def is_item(sentence: str) -> bool:
    """An item of a list: a marked one or a table's row."""
    return bool(ITEM.match(sentence) or ROW.match(sentence))


def marked_item(sentence: str) -> bool:
    """An item with a list marker ("（一）", "1.", "一是", "First,"…), not a table's row."""
    return bool(ITEM.match(sentence))


def style(sentence: str) -> str | None:
    """The item marker's style ("table-row" for a table's row), None when the sentence is no item."""
    found = next((name for name, pattern in STYLES if pattern.match(sentence)), None)
    return found if found is not None or not ROW.match(sentence) else "table-row"


def fits(sentences: list[str]) -> bool:
    return len(sentences) <= MAX_LIST_ITEMS and sum(len(x) for x in sentences) <= MAX_LIST_CHARS


def list_span(sentences: tuple[str, ...], best: int) -> tuple[int, int, bool] | None:
    """``[start, end)`` of the list ``best`` belongs to or introduces, and whether it was cut at the
    bounds (then the part around ``best``, from its start); None when ``best`` is neither an item
    nor a list's introduction."""
    following = best + 1 < len(sentences) and is_item(sentences[best + 1])
    # A sentence introduces the items after it when it ends in a colon, or when it is an outline
    # heading whose items are of another style ("二、“六税两费”减半征收" before "（一）…（二）…").
    heading = following and is_item(sentences[best]) and style(sentences[best]) != style(sentences[best + 1])
    introduces = following and (bool(INTRODUCES.search(sentences[best])) or heading)
    if not introduces and not is_item(sentences[best]):
        return None
    start, end = best, best + 1
    kind = style(sentences[best + 1] if introduces else sentences[best])
    while not introduces and start > 0 and style(sentences[start - 1]) == kind:
        start -= 1  # back to the first item,
    if not introduces and start > 0:
        start -= 1  # then the sentence that introduces the list
    # Under a heading its section's items go on, nested ones included ("1. 资源税；" under "（二）"),
    # up to the next heading of its own style; elsewhere an item ending in a colon brings the items
    # nested under it ("（二）…同时符合以下三个条件的企业：" then "1. …；2. …；3. …") and the list goes on.
    nested: str | None = None
    while end < len(sentences):
        here = style(sentences[end])
        if here == kind or heading and here is not None and here != style(sentences[best]):
            nested = None
        elif here is not None and (here == nested or nested is None and INTRODUCES.search(sentences[end - 1])):
            nested = here
        else:
            break
        end += 1
    if fits(list(sentences[start:end])):
        return start, end, False
    low = start
    while not fits(list(sentences[low:best + 1])):  # keep ``best`` and as much before it as fits
        low += 1
    high = best + 1
    while high < end and fits(list(sentences[low:high + 1])):
        high += 1
    return low, high, True


def counted_list(sentences: tuple[str, ...], count: int) -> tuple[int, int] | None:
    """``[start, end)`` of the first list in ``sentences`` introduced by a sentence and holding
    exactly ``count`` items of its own style (nested ones aside): the list a question naming the
    count ("哪三类人员", "the four measures") asks for. None: no such list."""
    for i, sentence in enumerate(sentences[:-1]):
        if not INTRODUCES.search(sentence) or not is_item(sentences[i + 1]):
            continue
        found = list_span(sentences, i)
        if found is None or found[2]:
            continue
        kind = style(sentences[i + 1])
        if sum(style(x) == kind for x in sentences[found[0] + 1:found[1]]) == count:
            return found[0], found[1]
    return None


def continuation(quoted: list[str], following: tuple[str, ...], seen: set[str]) -> tuple[list[int], bool]:
    """The items of ``following`` (the next passage's sentences) that carry on a list ``quoted``
    ends with, skipping the sentences the two passages share; and whether the list was cut."""
    if not quoted or not is_item(quoted[-1]) and not INTRODUCES.search(quoted[-1]):
        return [], False
    kind = style(quoted[-1])
    out: list[int] = []
    for i, sentence in enumerate(following):
        if " ".join(sentence.lower().split()) in seen:
            continue
        if kind is None:
            kind = style(sentence)
        if kind is None or style(sentence) != kind:
            break
        if not fits(quoted + [following[j] for j in out] + [sentence]):
            return out, True
        out.append(i)
    return out, False
