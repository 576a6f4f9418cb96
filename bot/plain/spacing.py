"""分かち書き: a space between phrases (文節), as many plain-Japanese texts for beginners are written.

A phrase starts at an independent word (noun, verb, adjective, adverb, …) unless it continues a compound
noun, follows a prefix, or follows punctuation; particles, auxiliaries and suffixes join the phrase before.
"""

from __future__ import annotations

from bot.plain.tokens import LOCK

__all__ = ["add_spaces"]

_STARTS = ("名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "接続詞", "感動詞", "接頭辞")
_COMPOUND = ("名詞", "接頭辞", "接尾辞")


def _starts_phrase(previous, token) -> bool:
    tag, before = token.tag_, previous.tag_ if previous is not None else ""
    if previous is None or not tag.startswith(_STARTS) or previous.is_space:
        return False
    if before.startswith(("補助記号", "空白", "接頭辞")) or tag.startswith("補助記号"):
        return False
    if tag.startswith(("名詞-普通名詞-助数詞", "名詞-数詞")):
        return not before.startswith("名詞")  # 午後3時, 3か月
    if tag.startswith("動詞-非自立可能"):
        return before.startswith(("助詞-格助詞", "助詞-係助詞", "助詞-副助詞"))  # 市役所へ 行きます; 勉強します
    if tag.startswith("動詞") and before.startswith("動詞"):
        return False  # 受け取ります
    if before.endswith("副詞可能"):
        return True  # 毎日 日本語を: a time word is its own phrase
    if tag.startswith("名詞") and before.startswith(_COMPOUND):
        return False  # 在留 カード → 在留カード, 14日 以内 → 14日以内
    return True


def add_spaces(doc) -> str:
    """The text of ``doc`` with a space before each phrase."""
    out: list[str] = []
    previous = None
    with LOCK:
        for token in doc:
            if _starts_phrase(previous, token) and out and not out[-1].endswith((" ", "\n", "　")):
                out.append(" ")
            out.append(token.text_with_ws)
            previous = token
    return "".join(out)
