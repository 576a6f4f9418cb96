"""How long a sentence is and how much of it is kanji, counted the way the guidelines count.

The guidelines' length is that of the text a reader reads: the spaces of 分かち書き and the furigana are
not characters of the sentence (「16歳 以上の 人は」 is 8 characters, and 救急車（きゅうきゅうしゃ） is 3 — the
bracketed reading is ruby written inline). A list marker (「- 」, 「1. 」) at a line's start is layout.
Explanations in brackets (在留資格（ビザ）) are text and count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.plain.kana import is_kanji

__all__ = ["kanji_share", "read_length", "visible"]

_LIST_MARK = re.compile(r"^\s*(?:[-*・]|\d+[.)．])\s+", re.M)
_SPACES = re.compile(r"[\s\u3000]+")
_PUNCTUATION = set("。、！？!?,.，．「」『』（）()：:・")


@lru_cache(maxsize=8192)
def visible(text: str) -> str:
    """``text`` as a reader counts it: without bracketed readings, spaces and list markers."""
    from bot.plain.given import strip_given
    from bot.plain.ruby import reading_of

    stripped, _ = strip_given(_LIST_MARK.sub("", text), reading_of)
    return _SPACES.sub("", stripped)


def read_length(text: str) -> int:
    return len(visible(text))


def kanji_share(text: str) -> tuple[int, float]:
    """(characters, share of them that are kanji) of ``visible(text)``, punctuation left out."""
    body = [c for c in visible(text) if c not in _PUNCTUATION]
    return len(body), (sum(map(is_kanji, body)) / len(body) if body else 0.0)
