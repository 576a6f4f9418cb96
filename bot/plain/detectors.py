"""Check-only detectors (``detect: NAME`` in a rule file): breaches no token pattern can see."""
from __future__ import annotations

from collections.abc import Callable

from bot.plain.endings import LONG_SENTENCE, SENTENCE_END

__all__ = ["DETECTORS", "sentences", "is_official"]


def sentences(doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` (ending at 。！？ or a line break), blanks skipped."""
    spans, start = [], 0
    text = doc.text
    for index, char in enumerate(text):
        if char in SENTENCE_END or char == "\n":
            if text[start:index + 1].strip():
                spans.append((start, index + 1))
            start = index + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def is_official(doc) -> bool:
    """Official-style text: two or more sentences, or one longer than ``LONG_SENTENCE`` characters."""
    spans = sentences(doc)
    return len(spans) >= 2 or any(end - start > LONG_SENTENCE for start, end in spans)


def long_sentences(doc) -> list[tuple[int, int]]:
    return [(s, e) for s, e in sentences(doc) if len(doc.text[s:e].strip()) > LONG_SENTENCE]


def too_many_kanji(doc) -> list[tuple[int, int]]:
    """Sentences more than 40 % kanji (the guidelines advise about 20–30 %)."""
    from bot.plain.kana import is_kanji

    found = []
    for start, end in sentences(doc):
        body = [c for c in doc.text[start:end] if not c.isspace() and c not in SENTENCE_END + ("、",)]
        if len(body) >= 10 and sum(map(is_kanji, body)) / len(body) > 0.4:
            found.append((start, end))
    return found


DETECTORS: dict[str, Callable] = {"long_sentence": long_sentences, "too_many_kanji": too_many_kanji}
