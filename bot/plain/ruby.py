"""Furigana: ruby readings for the kanji words a reader at the chosen level may not know.

One method per text: readings the text gives in brackets (救急車（きゅうきゅうしゃ）) are taken out and
shown the same way as every other reading (``bot.plain.given``), so a learner never meets a ruby word
followed by a bracketed reading. Readings come from Sudachi (``bot/data/plain/readings.yaml`` overrides a
few), aligned per kanji group: okurigana stay outside the ruby (食べ物 → 食(た)べ物(もの)) and a long
compound is split into its words where their readings add up (資格確認書 → 資格(しかく)確認(かくにん)書(しょ)),
so a reading never sits over the wrong kanji and the base text is not stretched under a long reading.
Output is ``<ruby>`` markup with every text HTML-escaped, and a bracket form for channels without ruby.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from bot.plain.given import GivenReading, strip_given
from bot.plain.kana import has_kanji, is_kanji, to_hiragana
from bot.plain.levels import counter_kanji, known_kanji, known_words, reading_overrides
from bot.plain.model import Furigana, RubySegment
from bot.plain.settings import get_plain_settings
from bot.plain.tokens import LOCK, reading, short_units, tokenize

__all__ = ["furigana", "furigana_segments", "render"]

_SYMBOL = ("補助記号", "記号")
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")


def _align(surface: str, kana: str) -> list[RubySegment] | None:
    """Split a word into kanji runs (with their part of the reading) and kana runs, or None."""
    runs = _RUN.findall(surface)
    pattern = "".join("(.+?)" if is_kanji(run[0]) else f"({re.escape(to_hiragana(run))})" for run in runs)
    match = re.fullmatch(pattern, to_hiragana(kana))
    if match is None:
        return None
    return [RubySegment(run, group if is_kanji(run[0]) else None) for run, group in zip(runs, match.groups())]


@lru_cache(maxsize=4096)
def _split_group(text: str, kana: str) -> tuple[RubySegment, ...]:
    """A kanji group of three or more kanji, split into Sudachi's short units when their readings add up
    to the group's reading (資格確認書 しかくかくにんしょ → 資格 しかく, 確認 かくにん, 書 しょ)."""
    if len(text) < 3:
        return (RubySegment(text, kana),)
    overrides = reading_overrides()
    units = [(surface, overrides.get(surface) or to_hiragana(read)) for surface, read in short_units(text)]
    if len(units) < 2 or "".join(read for _, read in units) != kana or not all(read for _, read in units):
        return (RubySegment(text, kana),)
    return tuple(RubySegment(surface, read) for surface, read in units)


def _grouped(segments: list[RubySegment]) -> list[RubySegment]:
    out: list[RubySegment] = []
    for segment in segments:
        out.extend(_split_group(segment.text, segment.reading) if segment.reading else (segment,))
    return out


def _unaligned(surface: str, kana: str) -> list[RubySegment]:
    """A token whose reading does not align with its text: Sudachi sometimes takes a symbol in
    (証（カード） read しょう); the reading then belongs to the leading kanji run alone."""
    leading = _RUN.match(surface)
    if leading is None:  # only an empty surface has no leading run
        return [RubySegment(surface, kana)]
    run = leading.group()
    rest = surface[len(run) :]
    if is_kanji(run[0]) and rest and not has_kanji(rest) and not ("ぁ" <= rest[0] <= "ゖ"):
        return [RubySegment(run, kana), RubySegment(rest, None)]
    return [RubySegment(surface, kana)]


def _word_segments(surface: str, kana: str, known: frozenset[str], known_word: bool) -> list[RubySegment]:
    if not has_kanji(surface) or not kana or kana == surface:
        return [RubySegment(surface, None)]
    aligned = _grouped(_align(surface, kana) or _unaligned(surface, kana))
    if not known_word:
        return aligned
    return [
        seg if seg.reading is None or not set(seg.text) <= known else RubySegment(seg.text, None) for seg in aligned
    ]


def _is_counter(doc, index: int) -> bool:
    """3時, 14日, 500円: a counter right after a number, written with N5 kanji."""
    token = doc[index]
    return (
        index > 0
        and any(c.isdigit() for c in doc[index - 1].text)
        and "助数詞" in token.tag_
        and set(filter(is_kanji, token.text)) <= counter_kanji()
    )


def _auto_segments(text: str, doc, level: str) -> list[RubySegment]:
    known, words, overrides = known_kanji(level), known_words(level), reading_overrides()
    segments: list[RubySegment] = []
    position = 0
    for index, token in enumerate(doc):
        if token.idx > position:  # whitespace Sudachi folded into the previous token
            segments.append(RubySegment(text[position : token.idx], None))
        position = token.idx + len(token.text)
        if _is_counter(doc, index):
            segments.append(RubySegment(token.text, None))
            continue
        if any(char.isdigit() for char in token.text):  # 2000万, 3か月: numbers are read as numbers
            segments.append(RubySegment(token.text, None))
            continue
        kana = "" if token.tag_.startswith(_SYMBOL) else overrides.get(token.text) or to_hiragana(reading(token))
        known_word = token.lemma_ in words or token.text in words or (len(token.text) == 1 and bool(known))
        segments.extend(_word_segments(token.text, kana, known, known_word))
    if position < len(text):
        segments.append(RubySegment(text[position:], None))
    return segments


def reading_of(word: str) -> str:
    """The hiragana reading of a word as furigana would give it."""
    overrides = reading_overrides()
    with LOCK:
        return "".join(overrides.get(t.text) or to_hiragana(reading(t) or t.text) for t in tokenize(word))


def _with_given(text: str, segments: list[RubySegment], given: tuple[GivenReading, ...]) -> list[RubySegment]:
    """Replace the segments over each given reading's word by that word with the given reading (a segment
    cut by the word's edge loses its own reading rather than put it over the wrong kanji)."""
    bounds = sorted({b for g in given for b in (g.start, g.end)})
    starts = {g.start: g for g in given}
    out: list[RubySegment] = []
    offset, inside_until = 0, -1
    for segment in segments:
        end = offset + len(segment.text)
        cuts = [b for b in bounds if offset < b < end]
        pieces = (
            [segment]
            if not cuts
            else [
                RubySegment(segment.text[a - offset : b - offset], None) for a, b in zip([offset, *cuts], [*cuts, end])
            ]
        )
        at = offset
        for piece in pieces:
            if at in starts:
                word, kana = text[at : starts[at].end], starts[at].reading
                out.extend(_grouped(_align(word, kana) or [RubySegment(word, kana)]))
                inside_until = starts[at].end
            if at >= inside_until:
                out.append(piece)
            at += len(piece.text)
        offset = end
    return out


def furigana_segments(text: str, doc=None, level: str | None = None) -> tuple[RubySegment, ...]:
    """Segments of ``text`` (``doc``: its tokens, when the caller has them already) for a reader learning
    ``level`` (default: the ``TSUNAGU_FURIGANA_LEVEL`` setting). Readings the text gives in brackets are
    taken out of it and become the ruby of their word, so the segments' texts join to ``text`` without them."""
    level = level or get_plain_settings().furigana_level
    with LOCK:
        stripped, given = strip_given(text, reading_of)
        tokens = doc if doc is not None and stripped == text else tokenize(stripped)
        segments = _auto_segments(stripped, tokens, level)
    return _merge(_with_given(stripped, segments, given) if given else segments)


def _merge(segments: list[RubySegment]) -> tuple[RubySegment, ...]:
    """Join neighbouring segments without ruby, so the result reads as few plain runs."""
    merged: list[RubySegment] = []
    for segment in segments:
        if segment.reading is None and merged and merged[-1].reading is None:
            merged[-1] = RubySegment(merged[-1].text + segment.text, None)
        elif segment.text:
            merged.append(segment)
    return tuple(merged)


def render(segments: tuple[RubySegment, ...]) -> Furigana:
    markup = "".join(
        html.escape(s.text)
        if s.reading is None
        else f"<ruby>{html.escape(s.text)}<rt>{html.escape(s.reading)}</rt></ruby>"
        for s in segments
    )
    bracket = "".join(s.text if s.reading is None else f"{s.text}({s.reading})" for s in segments)
    return Furigana(segments, markup, bracket)


def furigana(text: str, level: str | None = None) -> Furigana:
    """Ruby for the kanji words above the reader's level, as HTML and bracket text."""
    return render(furigana_segments(text, level=level))
