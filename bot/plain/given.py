"""Readings a text gives itself in brackets: 救急車（きゅうきゅうしゃ）, 在留資格（ざいりゅう しかく：ビザ）.

Hand-written plain-Japanese texts put a reading in brackets after a hard word, sometimes with a short
explanation after a colon. Shown as written next to furigana, a learner would meet two methods at once
(救急 with ruby, then 救急車（きゅうきゅうしゃ）). ``strip_given`` takes such readings out of the text and
returns where each belongs, so furigana can show it the one way the channel uses (ruby or brackets); an
explanation stays in the text as （ビザ）.

The word a reading belongs to is the longest run before the bracket (within its phrase) whose Sudachi
reading is the given one (在留期間更新（こうしん） → 更新), or nearly (連濁, long vowels); a bracket that
reads no word before it is an explanation and stays as written.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from dataclasses import dataclass

from bot.plain.kana import has_kanji, to_hiragana

__all__ = ["GivenReading", "strip_given"]

_GIVEN = re.compile(r"[（(]([ぁ-ゖァ-ヺー・ 　]+)(?:[：:]([^（）()\n]*))?[）)]")
_SIMILAR = 0.75
_PHRASE_BREAK = re.compile(r"[\s、。，．・「」『』（）()：:！？!?,.\[\]【】]")


@dataclass(frozen=True)
class GivenReading:
    """``reading`` (hiragana, no spaces) belongs to ``text[start:end]`` of the stripped text."""

    start: int
    end: int
    reading: str


def _phrase_start(text: str, end: int) -> int:
    start = end
    while start > 0 and not _PHRASE_BREAK.match(text[start - 1]):
        start -= 1
    return start


def _base_start(text: str, start: int, end: int, reading: str, reading_of) -> int | None:
    """Where the word the reading belongs to begins in ``text[start:end]``, or None when the bracket holds
    no reading of it (土砂災害（がけが くずれる こと）, 予防接種（ワクチン） explain a word, they do not read it)."""
    best, best_ratio = None, _SIMILAR
    for candidate in range(start, end):
        base = text[candidate:end]
        if not has_kanji(base):
            break
        sudachi = reading_of(base)
        if sudachi == reading:
            return candidate
        latin = len(base) - len(base.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
        if 0 < latin < len(base) and reading.endswith(reading_of(base[latin:])):  # Q助（きゅーすけ）
            return candidate
        ratio = SequenceMatcher(None, sudachi, reading).ratio()  # 連濁, long vowels: a near miss is a reading
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def strip_given(text: str, reading_of) -> tuple[str, tuple[GivenReading, ...]]:
    """``text`` without its bracketed readings, and where each reading belongs in the result.

    ``reading_of(word)`` is the hiragana reading of a word (Sudachi's)."""
    if "（" not in text and "(" not in text:
        return text, ()
    out: list[str] = []
    given: list[GivenReading] = []
    position = length = 0
    for match in _GIVEN.finditer(text):
        reading = re.sub(r"[\s・]", "", to_hiragana(match.group(1)))
        start = _base_start(text, max(_phrase_start(text, match.start()), position), match.start(), reading, reading_of)
        if start is None or not reading:
            continue
        before = text[position : match.start()]
        out.append(before)
        length += len(before)
        given.append(GivenReading(length - (match.start() - start), length, reading))
        explanation = (match.group(2) or "").strip()
        if explanation:
            kept = f"（{explanation}）"
            out.append(kept)
            length += len(kept)
        position = match.end()
    out.append(text[position:])
    return "".join(out), tuple(given)
