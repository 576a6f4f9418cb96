"""Character classes and kana conversion used by furigana and the rewriter."""

from __future__ import annotations

__all__ = ["has_kanji", "is_kana", "is_kanji", "to_hiragana"]

_KATAKANA_START, _KATAKANA_END = ord("ァ"), ord("ヶ")
_HIRAGANA_OFFSET = ord("ァ") - ord("ぁ")


def is_kanji(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or char in "々〆ヶ"


def has_kanji(text: str) -> bool:
    return any(is_kanji(char) for char in text)


def is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u309f" or "\u30a0" <= char <= "\u30ff"


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (other characters, the long-vowel mark included, unchanged)."""
    return "".join(chr(ord(c) - _HIRAGANA_OFFSET) if _KATAKANA_START <= ord(c) <= _KATAKANA_END else c for c in text)
