"""Which kanji a reader at the chosen level knows (no ruby needed), from ``bot/data/plain/levels/``.

The level files are derived from the JLPT lists (see their ``source:`` headers). Until they exist, or
when they hold no kanji, no kanji counts as known and every kanji word gets ruby — the guidelines'
safe default.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.plain.kana import is_kanji

__all__ = ["LEVELS_DIR", "KNOWN_LEVELS", "known_kanji"]

LEVELS_DIR = Path(__file__).resolve().parents[1] / "data" / "plain" / "levels"
# JLPT levels whose kanji get no ruby: N5 and N4 (about the first 300 kanji a learner meets).
KNOWN_LEVELS = ("N5", "N4")


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
