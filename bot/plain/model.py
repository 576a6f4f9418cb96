"""The results of the plain-Japanese engine: frozen dataclasses with a JSON shape for the API and CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["AppliedRule", "Breach", "Furigana", "RubySegment"]


@dataclass(frozen=True)
class RubySegment:
    """A run of text; ``reading`` is its furigana in hiragana, or None when it needs no ruby."""

    text: str
    reading: str | None


@dataclass(frozen=True)
class Furigana:
    """Ruby for the kanji above the chosen level.

    ``html`` is ``<ruby>漢字<rt>かんじ</rt></ruby>`` markup with all text HTML-escaped (safe to insert as
    markup); ``bracket`` is the plain-text form ``漢字(かんじ)``.
    """

    segments: tuple[RubySegment, ...]
    html: str
    bracket: str


@dataclass(frozen=True)
class AppliedRule:
    """One rewrite; ``start``/``end`` are character offsets of ``before`` in the ORIGINAL text."""

    rule_id: str
    guideline: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class Breach:
    """One place where a text breaks a guideline; ``message`` is a short Japanese explanation."""

    rule_id: str
    guideline: str
    message: str
    start: int
    end: int
    excerpt: str

    def to_json(self) -> dict:
        return asdict(self)
