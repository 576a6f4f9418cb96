"""Which words and kanji a reader at the chosen level reads without ruby, from ``bot/data/plain/levels/``.

The reader's level (``N5``, ``N4`` or ``N3``; see ``bot.plain.settings``) is the JLPT level the reader is
learning: the words of that level and above still get ruby. An ``N5`` reader (the default, and the
guidelines' advice for residents: ruby on every kanji) reads no kanji word unaided — 病院, 電話 and 住所
get readings; an ``N4`` reader knows the N5 words written with N5 kanji; an ``N3`` reader the N5 and N4
words written with N5/N4 kanji.

A word is read without ruby only when it is a word of a known level AND all its kanji are kanji of a
known level (the kanji list alone is too lenient: 留守 being an N5 word puts 留 at N5, so 在留 would
lose its ruby). ``counter_kanji`` are the N5 kanji used as counters after a number (3時, 14日, 500円):
their reading changes with the number (14日 is じゅうよっか), so ruby would mislead, and they never get it.

The level files are derived from the JLPT lists (see their ``source:`` headers). Until they exist, no
kanji counts as known and every kanji word gets ruby — the guidelines' safe default.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from bot.plain.kana import is_kanji
from knowledge.yamlfile import load_yaml

__all__ = [
    "LEVELS_DIR",
    "READER_LEVELS",
    "READINGS_PATH",
    "ReaderLevel",
    "counter_kanji",
    "known_kanji",
    "known_words",
    "reading_overrides",
]

LEVELS_DIR = Path(__file__).resolve().parents[1] / "data" / "plain" / "levels"
READINGS_PATH = LEVELS_DIR.parent / "readings.yaml"
ReaderLevel = Literal["N5", "N4", "N3"]
READER_LEVELS: tuple[ReaderLevel, ...] = ("N5", "N4", "N3")
# the JLPT levels whose words (and kanji) a reader learning ``level`` already knows
_KNOWN_LEVELS: dict[str, tuple[str, ...]] = {"N5": (), "N4": ("N5",), "N3": ("N5", "N4")}


def _levels_known(level: str) -> tuple[str, ...]:
    if level not in _KNOWN_LEVELS:
        raise ValueError(f"furigana level must be one of {', '.join(READER_LEVELS)}, not {level!r}")
    return _KNOWN_LEVELS[level]


def _kanji_of(value) -> set[str]:
    if isinstance(value, str):
        return {char for char in value if is_kanji(char)}
    if isinstance(value, list):
        return {char for item in value for char in _kanji_of(item)}
    return set()


@lru_cache(maxsize=8)
def _kanji_table(directory: Path) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    if directory.is_dir():
        for path in sorted(directory.glob("*.yaml")):
            data = load_yaml(path) or {}
            levels = data.get("kanji") if isinstance(data, dict) else None
            if isinstance(levels, dict):
                for name, value in levels.items():
                    table.setdefault(str(name).upper(), set()).update(_kanji_of(value))
    return {name: frozenset(chars) for name, chars in table.items()}


@lru_cache(maxsize=8)
def known_kanji(level: str = "N5", directory: Path = LEVELS_DIR) -> frozenset[str]:
    """The kanji a reader learning ``level`` knows (none for N5)."""
    table = _kanji_table(directory)
    return frozenset().union(*(table.get(name, frozenset()) for name in _levels_known(level)))


def counter_kanji(directory: Path = LEVELS_DIR) -> frozenset[str]:
    """N5 kanji: a counter after a number written only with them gets no ruby (3時, 14日, 500円)."""
    return _kanji_table(directory).get("N5", frozenset())


@lru_cache(maxsize=8)
def _word_table(directory: Path) -> dict[str, frozenset[str]]:
    path = directory / "words.yaml"
    data = (load_yaml(path) or {}) if path.is_file() else {}
    table = data.get("words") if isinstance(data, dict) else None
    words: dict[str, frozenset[str]] = {}
    for name, items in (table or {}).items():
        words[str(name).upper()] = frozenset(
            item[0] if isinstance(item, list) and item else item
            for item in items or ()
            if isinstance(item[0] if isinstance(item, list) and item else item, str)
        )
    return words


@lru_cache(maxsize=8)
def known_words(level: str = "N5", directory: Path = LEVELS_DIR) -> frozenset[str]:
    """The words (dictionary forms) a reader learning ``level`` knows (none for N5)."""
    table = _word_table(directory)
    return frozenset().union(*(table.get(name, frozenset()) for name in _levels_known(level)))


@lru_cache(maxsize=1)
def reading_overrides(path: Path = READINGS_PATH) -> dict[str, str]:
    """Furigana readings that replace Sudachi's (``readings: {日本: にほん}``)."""
    if not path.is_file():
        return {}
    data = load_yaml(path) or {}
    table = data.get("readings") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in (table or {}).items()}
