"""The results of the plain-Japanese engine: frozen dataclasses with a JSON shape for the API and CLI."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property

__all__ = ["AppliedRule", "Breach", "Furigana", "PlainResult", "RubySegment"]


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


@dataclass(frozen=True)
class PlainResult:
    """A rewrite. ``ruby`` and the readability scores are computed on first use (most callers want the text
    only, and furigana and jReadability cost as much as the rewrite itself)."""

    source: str
    text: str
    applied: tuple[AppliedRule, ...]
    level: str | None = None  # the furigana reader's level (None: the setting)

    @cached_property
    def ruby(self) -> Furigana:
        from bot.plain.ruby import furigana

        return furigana(self.text, self.level)

    @cached_property
    def readability_before(self) -> float:
        from bot.plain.readability import readability

        return readability(self.source)

    @cached_property
    def readability_after(self) -> float:
        from bot.plain.readability import readability

        return readability(self.text)

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "text": self.text,
            "ruby_html": self.ruby.html,
            "ruby_text": self.ruby.bracket,
            "ruby": [[segment.text, segment.reading] for segment in self.ruby.segments],
            "applied": [asdict(rule) for rule in self.applied],
            "readability": {"before": self.readability_before, "after": self.readability_after},
        }
