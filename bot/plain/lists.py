"""Lists in long sentences become numbered steps (issue 17 item 1).

「申しこみの紙、写真、パスポート、在留カードを持って行きます。」 puts four things and an action in one sentence;
the guidelines ask for one idea per sentence and lists written as lists:

    次のものを持って行きます。
    1. 申しこみの紙
    2. 写真
    3. パスポート
    4. 在留カード

Only a plain enumeration is rewritten: three or more noun phrases joined by 、 (each made of nouns, numbers,
の and suffixes), right before を, in a sentence that after the を says one thing — a verb and its endings, no noun, no further 、 —
and ends in 。. Everything before the list stays in front of 次のもの; the items keep their words and numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.plain.endings import sentence_bounds
from bot.plain.measure import read_length

if TYPE_CHECKING:
    from bot.plain.doc import Token

__all__ = ["numbered_list"]

_MIN_ITEMS = 3
_LONG = 30
_ITEM_TAGS = ("名詞", "接尾辞", "接頭辞")


def _item_token(token) -> bool:
    return token.tag_.startswith(_ITEM_TAGS) or token.text in ("の", "・") or token.like_num


def numbered_list(span):
    """The match is [noun, を]: walk back over the enumeration that ends with that noun."""
    doc = span.doc
    wo = span.end - 1
    start, end = sentence_bounds(doc, wo)
    if doc.text.count("、", doc[start].idx, doc[wo].idx) < _MIN_ITEMS - 1:
        return None  # no room for three items joined by 、
    if doc[end - 1].text != "。" or read_length(doc.span(start, end).text) <= _LONG:
        return None
    tail = doc.span(wo + 1, end - 1)
    verbs = [i for i, t in enumerate(tail) if t.tag_.startswith("動詞")]
    if (
        not verbs
        or any(t.text in ("、", "（", "(", "「") for t in tail)
        or any(t.tag_.startswith("名詞") for t in tail[verbs[0] :])
    ):
        return None  # after を comes one predicate (市役所に持って行きます), not a clause that goes on (書く手帳です)
    items: list[list[Token]] = []
    current: list[Token] = []
    index = wo - 1
    while index >= start:
        token = doc[index]
        if token.text == "、":
            if not current:
                return None
            items.append(current)
            current = []
        elif token.text in ("）", ")"):  # an item's explanation in brackets (在留カード（…）) goes with it
            opening = index
            while opening > start and doc[opening].text not in ("（", "("):
                opening -= 1
            if doc[opening].text not in ("（", "("):
                return None
            current[:0] = list(doc[opening : index + 1])
            index = opening
        elif _item_token(token) and not token.is_space:
            current.insert(0, token)
        else:
            break
        index -= 1
    if current:
        items.append(current)
    items.reverse()
    if len(items) < _MIN_ITEMS or any(not item for item in items):
        return None
    first = items[0][0].i
    lead = doc.span(start, first).text
    if lead and not lead.rstrip().endswith(("、", "は", "には", "では", "で", "に")):
        return None  # the list is part of a longer phrase (…の、…): not a plain enumeration
    lines = [f"{number}. " + "".join(t.text_with_ws for t in item).strip() for number, item in enumerate(items, 1)]
    text = "次のものを" + tail.text + "。\n" + "\n".join(lines)
    return (first, end, text)
