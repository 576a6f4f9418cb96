"""How each language is written, and where its content falls back — read from data, never coded.

A language's writing is described by ``translations/<code>/language.yaml`` (optional: a language
without the file is written with spaces between words, like English). For example Thai says
``spaces: false``, Turkish ``word_ngrams: 4``, Japanese ``tokens: japanese``. Search tokenisation
(``knowledge.tokenizers``), word counts (content checks, the dialogue's "short message" rule) and the
Japanese search group all read this, so a 17th language written without spaces is data only.

Content keys: a language code ("vi"), or a code and a register ("ja-plain"). ``fallback_chain`` — the one
place the chain is written — says which content to try when a key has none: the key, its language, English.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from knowledge.paths import TRANSLATIONS_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["FALLBACK", "Writing", "Writings", "fallback_chain", "base_language", "load_writings", "packaged_writings"]

FALLBACK = "en"  # the language every text falls back to
_REGISTER_MARK = "-"  # "ja-plain": language "ja", register "plain"
_TOKENS = ("words", "japanese")
WRITING_FILE = "language.yaml"


def base_language(key: str) -> str:
    """The language of a content key: "ja-plain" → "ja", "vi" → "vi"."""
    return key.split(_REGISTER_MARK, 1)[0]


def fallback_chain(key: str) -> tuple[str, ...]:
    """Content keys to try, best first: the key itself, its language, then English."""
    return tuple(dict.fromkeys((key, base_language(key), FALLBACK)))


@dataclass(frozen=True)
class Writing:
    """How one language is written (the defaults are a language with spaces between words)."""

    spaces: bool = True  # words separated by spaces; False: searched by character pairs, counted in characters
    tokens: str = "words"  # "words", or "japanese" (morphological analysis and a kana-reading index)
    word_ngrams: int = 0  # also index character n-grams of each word (particles, case endings)
    name_ja: str = ""  # the name staff see in Japanese, when the locale database has none
    fold_marks: bool = False  # often typed without diacritics: searched accent-free, marks restored (knowledge.marks)

    @property
    def counted_in_characters(self) -> bool:
        return not self.spaces or self.tokens == "japanese"


class Writings:
    """Every language's ``Writing``; a key without its own entry uses its language's, else the default."""

    def __init__(self, by_key: Mapping[str, Writing]) -> None:
        self._by_key = dict(by_key)

    def of(self, key: str) -> Writing:
        return self._by_key.get(key) or self._by_key.get(base_language(key)) or Writing()

    def folded_keys(self) -> tuple[str, ...]:
        """Content keys whose questions are often typed without diacritics (``fold_marks``)."""
        return tuple(sorted(k for k, w in self._by_key.items() if w.fold_marks))

    def japanese_keys(self) -> tuple[str, ...]:
        """Content keys searched together with the Japanese analyser (standard and plain Japanese)."""
        return tuple(sorted(k for k, w in self._by_key.items() if w.tokens == "japanese"))

    def word_count(self, key: str, text: str) -> int:
        """Words; for languages written without spaces, letters ÷ 2 (a rough word equivalent)."""
        if self.of(key).counted_in_characters:
            return sum(1 for c in text if unicodedata.category(c)[0] in "LN") // 2
        return len(text.split())

    def __repr__(self) -> str:
        return f"Writings({sorted(self._by_key.items())!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Writings) and self._by_key == other._by_key

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._by_key.items())))


def _writing(path: Path) -> Writing:
    data = load_yaml(path) or {}
    known = {f.name for f in fields(Writing)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)} (known: {sorted(known)})")
    writing = Writing(**data)
    if writing.tokens not in _TOKENS:
        raise ValueError(f"{path}: tokens must be one of {_TOKENS}, not {writing.tokens!r}")
    if (
        not isinstance(writing.spaces, bool)
        or not isinstance(writing.fold_marks, bool)
        or writing.word_ngrams not in (0, 2, 3, 4, 5)
    ):
        raise ValueError(f"{path}: spaces and fold_marks must be true/false, word_ngrams 0 or 2-5")
    return writing


def load_writings(root: Path = TRANSLATIONS_DIR) -> Writings:
    return Writings({p.parent.name: _writing(p) for p in sorted(root.glob(f"*/{WRITING_FILE}"))})


@functools.lru_cache(maxsize=1)
def packaged_writings() -> Writings:
    return load_writings(TRANSLATIONS_DIR)
