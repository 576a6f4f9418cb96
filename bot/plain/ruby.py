"""Furigana: ruby readings for the kanji a reader at the chosen level may not know.

Readings come from Sudachi; okurigana are aligned so that only the kanji carry ruby
(食べ物 → 食(た)べ物(もの)). Output is escaped HTML ``<ruby>`` markup and a bracket form.
"""
from __future__ import annotations

import html
import re

from bot.plain.kana import has_kanji, is_kanji, to_hiragana
from bot.plain.levels import known_kanji, known_words
from bot.plain.model import Furigana, RubySegment
from bot.plain.tokens import LOCK, reading, tokenize

__all__ = ["furigana", "furigana_segments", "render"]

_SYMBOL = ("補助記号", "記号")
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")


def _align(surface: str, kana: str) -> list[RubySegment] | None:
    """Split a word into kanji runs (with their part of the reading) and kana runs, or None."""
    runs = _RUN.findall(surface)
    pattern = "".join("(.+?)" if is_kanji(run[0]) else f"({re.escape(to_hiragana(run))})" for run in runs)
    match = re.fullmatch(pattern, kana)
    if match is None:
        return None
    return [RubySegment(run, group if is_kanji(run[0]) else None) for run, group in zip(runs, match.groups())]


def _word_segments(surface: str, kana: str, known: frozenset[str], known_word: bool) -> list[RubySegment]:
    if not has_kanji(surface) or not kana or kana == surface:
        return [RubySegment(surface, None)]
    aligned = _align(surface, kana) or [RubySegment(surface, kana)]
    if not known_word:
        return aligned
    return [seg if seg.reading is None or not set(seg.text) <= known else RubySegment(seg.text, None)
            for seg in aligned]


def _merge(segments: list[RubySegment]) -> tuple[RubySegment, ...]:
    """Join neighbouring segments without ruby, so the result reads as few plain runs."""
    merged: list[RubySegment] = []
    for segment in segments:
        if segment.reading is None and merged and merged[-1].reading is None:
            merged[-1] = RubySegment(merged[-1].text + segment.text, None)
        elif segment.text:
            merged.append(segment)
    return tuple(merged)


def furigana_segments(text: str, doc=None) -> tuple[RubySegment, ...]:
    """Segments of ``text`` (``doc``: its tokens, when the caller has them already)."""
    known, words = known_kanji(), known_words()
    segments: list[RubySegment] = []
    position = 0
    with LOCK:
        for token in doc if doc is not None else tokenize(text):
            if token.idx > position:  # whitespace Sudachi folded into the previous token
                segments.append(RubySegment(text[position:token.idx], None))
            kana = "" if token.tag_.startswith(_SYMBOL) else to_hiragana(reading(token))
            known_word = token.lemma_ in words or token.text in words or len(token.text) == 1  # 時, 円, 人
            segments.extend(_word_segments(token.text, kana, known, known_word))
            position = token.idx + len(token.text)
    if position < len(text):
        segments.append(RubySegment(text[position:], None))
    return _merge(segments)


def render(segments: tuple[RubySegment, ...]) -> Furigana:
    markup = "".join(
        html.escape(s.text) if s.reading is None
        else f"<ruby>{html.escape(s.text)}<rt>{html.escape(s.reading)}</rt></ruby>" for s in segments)
    bracket = "".join(s.text if s.reading is None else f"{s.text}({s.reading})" for s in segments)
    return Furigana(segments, markup, bracket)


def furigana(text: str) -> Furigana:
    """Ruby for the kanji above the chosen level (see ``bot.plain.levels``), as HTML and bracket text."""
    return render(furigana_segments(text))
