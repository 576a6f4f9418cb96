"""The writing system of a text, so evidence is weighed within one script.

The embedding model is weak on Japanese written only in kana (a learner's spaced hiragana) and on romaji:
the nearest example of such a query is often just the nearest text in the same script, whatever it means.
Comparing a situation example with the best ordinary example *in the same script* removes that bias.
"""

from __future__ import annotations

import unicodedata

__all__ = ["script_of", "SCRIPTS"]

SCRIPTS = ("han", "kana", "hangul", "latin", "cyrillic", "thai", "devanagari", "myanmar", "khmer", "other")

_RANGES = (
    ("kana", 0x3040, 0x30FF),
    ("han", 0x4E00, 0x9FFF),
    ("han", 0x3400, 0x4DBF),
    ("hangul", 0xAC00, 0xD7AF),
    ("hangul", 0x1100, 0x11FF),
    ("hangul", 0x3130, 0x318F),
    ("cyrillic", 0x0400, 0x04FF),
    ("thai", 0x0E00, 0x0E7F),
    ("devanagari", 0x0900, 0x097F),
    ("myanmar", 0x1000, 0x109F),
    ("khmer", 0x1780, 0x17FF),
    ("kana", 0xFF66, 0xFF9D),
)


def _script(char: str) -> str | None:
    code = ord(char)
    for name, low, high in _RANGES:
        if low <= code <= high:
            return name
    if char.isalpha() and code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"  # Latin letters with diacritics (Vietnamese, Turkish, Spanish …)
    return None


def script_of(text: str) -> str:
    """The text's script: Japanese with any kanji (or Chinese) is "han", Japanese in kana only "kana"."""
    counts: dict[str, int] = {}
    for char in unicodedata.normalize("NFKC", text):
        name = _script(char)
        if name:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return "other"
    if counts.get("han"):
        return "han"  # kanji + kana (standard Japanese) or Chinese
    return max(counts, key=lambda name: counts[name])
