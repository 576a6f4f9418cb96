"""Per-language tokenisation for the lexical indexes.

How a language is written comes from its data (``translations/<code>/language.yaml``, read by
``knowledge.languages``): Japanese goes through Sudachi (normalised forms, so 引越し and 引っ越し meet);
languages written without spaces (Chinese, Thai, Khmer, Burmese) become overlapping character bigrams;
``word_ngrams: n`` adds character n-grams of each word (Korean particles: 2; the case endings of
Mongolian, Turkish, Ukrainian: 4); every other language is lower-cased words; ``fold_marks: true`` (Portuguese, Spanish, Turkish,
Vietnamese...) tokenizes the accent-free text, so a question typed without diacritics meets the content. ``reading_ngrams`` turns
any Japanese text into hiragana trigrams of its reading, so all-hiragana questions meet kanji passages.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Callable

from knowledge.languages import Writings, packaged_writings
from knowledge.marks import fold

__all__ = [
    "Tokenizer",
    "tokenizer_for",
    "sudachi_dictionary",
    "to_hiragana",
    "reading_of",
    "reading_ngrams",
    "char_ngrams",
    "parts_of_speech",
]

Tokenizer = Callable[[str], list[str]]

_KANA_OFFSET = ord("ァ") - ord("ぁ")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _runs(text: str) -> list[str]:
    """Runs of letters, combining marks and digits (Thai, Khmer and Burmese vowels are marks, not \\w)."""
    runs, current = [], []
    for char in text:
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def char_ngrams(text: str, n: int = 2) -> list[str]:
    """Overlapping character n-grams of each run of letters (punctuation and spaces break runs)."""
    grams: list[str] = []
    for run in _runs(_clean(text)):
        if len(run) <= n:
            grams.append(run)
        else:
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return grams


def _words(text: str) -> list[str]:
    return _runs(_clean(text))


def _words_and_ngrams(n: int) -> Tokenizer:
    """Words plus character n-grams of each word: stems people type meet inflected or particle-joined forms."""
    return functools.partial(_with_ngrams, n=n)


def _with_ngrams(text: str, n: int) -> list[str]:
    return _words(text) + char_ngrams(text, n)


@functools.lru_cache(maxsize=1)
def sudachi_dictionary():
    """The process's one Sudachi dictionary (~80 MB resident): every tokenizer is created from it."""
    from sudachipy import Dictionary

    return Dictionary(dict="core")


_local = threading.local()


def _sudachi():
    """A Sudachi tokenizer for this thread: one tokenizer must never be used by two threads at once
    (the service answers on several threads); the dictionary itself is shared."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import SplitMode

        tokenizer = _local.tokenizer = (sudachi_dictionary().tokenizer(), SplitMode.A)
    return tokenizer


def _japanese(text: str) -> list[str]:
    tokenizer, mode = _sudachi()
    tokens = []
    for morpheme in tokenizer.tokenize(unicodedata.normalize("NFKC", text), mode):
        if morpheme.part_of_speech()[0] in {"補助記号", "空白"}:
            continue
        tokens.append(morpheme.normalized_form().lower())
    return tokens


def tokenizer_for(lang: str, writings: Writings | None = None) -> Tokenizer:
    """The tokenizer for a content key, from how its language is written (unknown keys: words)."""
    writing = (writings or packaged_writings()).of(lang)
    if writing.tokens == "japanese":
        return _japanese
    if not writing.spaces:
        return char_ngrams
    tokenizer = _words_and_ngrams(writing.word_ngrams) if writing.word_ngrams else _words
    return _folded(tokenizer) if writing.fold_marks else tokenizer


def _folded(tokenizer: Tokenizer) -> Tokenizer:
    """Tokens of the accent-free text: "isencao" typed on a phone meets "isenção" written (knowledge.marks)."""
    return lambda text: tokenizer(fold(text))


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - _KANA_OFFSET) if "ァ" <= c <= "ヶ" else c for c in text)


def reading_of(text: str) -> str:
    """Hiragana reading of Japanese text (kanji read by Sudachi; symbols and spaces dropped)."""
    tokenizer, mode = _sudachi()
    parts = []
    for morpheme in tokenizer.tokenize(unicodedata.normalize("NFKC", text), mode):
        if morpheme.part_of_speech()[0] in {"補助記号", "空白"}:
            continue
        reading = morpheme.reading_form() or morpheme.surface()
        parts.append(to_hiragana(reading))
    return "".join(parts)


def reading_ngrams(text: str) -> list[str]:
    """Trigrams of the hiragana reading: the tokens of the kana-reading index."""
    reading = reading_of(text)
    return [reading[i : i + 3] for i in range(max(len(reading) - 2, 1))] if reading else []


def parts_of_speech(text: str) -> list[tuple[str, str]]:
    """Each Sudachi morpheme of a Japanese text as (surface, coarse part of speech), e.g. ("行っ", "動詞")."""
    tokenizer, mode = _sudachi()
    return [(m.surface(), m.part_of_speech()[0]) for m in tokenizer.tokenize(unicodedata.normalize("NFKC", text), mode)]
