"""Check-only detectors (``detect: NAME`` in a rule file): breaches no token pattern can see."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.plain.endings import LONG_SENTENCE, SENTENCE_END
from bot.plain.measure import kanji_share, read_length

__all__ = ["DETECTORS", "is_official", "sentences"]


_SENTENCE = re.compile("[^" + "".join(SENTENCE_END) + "\n]*(?:[" + "".join(SENTENCE_END) + "\n]|$)")


def sentences(doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` (ending at 。！？ or a line break), blanks skipped."""
    return [m.span() for m in _SENTENCE.finditer(doc.text) if m.group().strip()]


def is_official(doc) -> bool:
    """Official-style text: two or more sentences, or one longer than ``LONG_SENTENCE`` characters."""
    spans = sentences(doc)
    return len(spans) >= 2 or any(read_length(doc.text[start:end]) > LONG_SENTENCE for start, end in spans)


def long_sentences(doc) -> list[tuple[int, int]]:
    """Sentences longer than ``LONG_SENTENCE`` characters, spaces and furigana not counted."""
    return [(s, e) for s, e in sentences(doc) if read_length(doc.text[s:e]) > LONG_SENTENCE]


def too_many_kanji(doc) -> list[tuple[int, int]]:
    """Sentences more than 40 % kanji (the guidelines advise about 20–30 %). Furigana is not counted, nor
    are names (大阪府, 名古屋出入国在留管理局): a name is written as it is, and its kanji are not a choice."""
    found = []
    for start, end in sentences(doc):
        words = "".join(t.text_with_ws for t in doc if start <= t.idx < end and not t.tag_.startswith("名詞-固有名詞"))
        length, share = kanji_share(words)
        if length >= 10 and share > 0.4:
            found.append((start, end))
    return found


DETECTORS: dict[str, Callable] = {"long_sentence": long_sentences, "too_many_kanji": too_many_kanji}
