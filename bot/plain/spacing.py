"""分かち書き: a space between phrases (文節), as many plain-Japanese texts for beginners are written.

A phrase starts at an independent word (noun, verb, adjective, adverb, …) unless it continues a compound
noun, follows a prefix, or follows punctuation; particles, auxiliaries and suffixes join the phrase before.
"""
from __future__ import annotations

from bot.plain.tokens import LOCK

__all__ = ["add_spaces"]

_STARTS = ("名詞", "代名詞", "動詞-一般", "形容詞", "形状詞", "副詞", "連体詞", "接続詞", "感動詞", "接頭辞")
_COMPOUND = ("名詞", "接頭辞")


def _starts_phrase(previous, token) -> bool:
    if not token.tag_.startswith(_STARTS) or previous is None:
        return False
    if previous.tag_.startswith(("補助記号", "空白")) or previous.is_space or token.tag_.startswith("補助記号"):
        return False
    if previous.tag_.startswith("接頭辞"):
        return False
    if token.tag_.startswith("名詞") and previous.tag_.startswith(_COMPOUND):
        return False  # 在留 カード → 在留カード, 3 月 → 3月
    if token.tag_.startswith("名詞-普通名詞-助数詞") or token.tag_.startswith("名詞-数詞"):
        return not previous.tag_.startswith("名詞")
    return True


def add_spaces(doc) -> str:
    """The text of ``doc`` with a space before each phrase."""
    out, previous = [], None
    with LOCK:
        for token in doc:
            if _starts_phrase(previous, token) and out and not out[-1].endswith((" ", "\n", "　")):
                out.append(" ")
            out.append(token.text_with_ws)
            previous = token
    return "".join(out)
