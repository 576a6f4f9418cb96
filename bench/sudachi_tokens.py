"""Sudachi tokens for SARI: surface forms in split mode A (the shortest units), after NFKC, spaces dropped.

Mode A is used so that a compound rewritten in part (在留期間更新 → 在留期間を 更新) still shares most
of its n-grams with the source; punctuation stays a token, as in the English SARI set-ups.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = ["SPLIT_MODE", "sudachi_tokenizer"]

SPLIT_MODE = "A"


def sudachi_tokenizer(mode: str = SPLIT_MODE) -> Callable[[str], list[str]]:
    """A tokenizer function (one Sudachi tokenizer; not for use from several threads at once)."""
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="core").tokenizer()
    split = getattr(SplitMode, mode)

    def tokenize(text: str) -> list[str]:
        morphemes = tokenizer.tokenize(unicodedata.normalize("NFKC", text), split)
        return [m.surface() for m in morphemes if m.part_of_speech()[0] != "空白" and m.surface().strip()]

    return tokenize
