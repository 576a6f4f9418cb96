"""Which words and kanji a reader at the chosen level knows (no ruby needed), from ``bot/data/plain/levels/``.

A word is read without ruby only when it is a word of the known level AND all its kanji are kanji of
that level (the kanji list alone is too lenient: 留守 being an N5 word puts 留 at N5, so 在留 would
lose its ruby).

The level files are derived from the JLPT lists (see their ``source:`` headers). Until they exist, or
when they hold no kanji, no kanji counts as known and every kanji word gets ruby — the guidelines'
safe default.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.plain.kana import is_kanji

__all__ = ["LEVELS_DIR", "KNOWN_LEVELS", "known_kanji", "known_words"]

LEVELS_DIR = Path(__file__).resolve().parents[1] / "data" / "plain" / "levels"
# The kanji of N5 (~450 in the derived list; N4 would add ~330 more, too many for a reader who has just
# arrived) in the words of N5 and N4 get no ruby.
KNOWN_LEVELS = ("N5",)
KNOWN_WORD_LEVELS = ("N5", "N4")


def _kanji_of(value) -> set[str]:
    if isinstance(value, str):
        return {char for char in value if is_kanji(char)}
    if isinstance(value, list):
        return {char for item in value for char in _kanji_of(item)}
    return set()


@lru_cache(maxsize=1)
def known_kanji(directory: Path = LEVELS_DIR) -> frozenset[str]:
    """The kanji of ``KNOWN_LEVELS`` found in the level files (``kanji: {N5: ..., N4: ...}``)."""
    known: set[str] = set()
    if not directory.is_dir():
        return frozenset()
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        table = data.get("kanji") if isinstance(data, dict) else None
        if isinstance(table, dict):
            for level in KNOWN_LEVELS:
                known |= _kanji_of(table.get(level) or table.get(level.lower()))
    return frozenset(known)


@lru_cache(maxsize=1)
def known_words(directory: Path = LEVELS_DIR) -> frozenset[str]:
    """The words (dictionary forms) of ``KNOWN_WORD_LEVELS`` in ``words.yaml`` (``words: {N5: [[word, reading], ...]}``)."""
    path = directory / "words.yaml"
    if not path.is_file():
        return frozenset()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table = data.get("words") if isinstance(data, dict) else None
    words: set[str] = set()
    if isinstance(table, dict):
        for level in KNOWN_WORD_LEVELS:
            for item in table.get(level) or ():
                word = item[0] if isinstance(item, list) and item else item
                if isinstance(word, str):
                    words.add(word)
    return frozenset(words)
