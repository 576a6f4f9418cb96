"""``PlainResult``: what ``rewrite()`` returns, with furigana and readability computed on first use."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bot.plain.model import AppliedRule, Furigana
from bot.plain.readability import readability
from bot.plain.ruby import furigana
from knowledge.once import once_property

__all__ = ["PlainResult"]


@dataclass(frozen=True)
class PlainResult:
    """A rewrite. ``ruby`` and the readability scores are computed on first use (most callers want the text
    only, and furigana and jReadability cost as much as the rewrite itself)."""

    source: str
    text: str
    applied: tuple[AppliedRule, ...]
    level: str | None = None  # the furigana reader's level (None: the setting)

    @once_property
    def ruby(self) -> Furigana:
        return furigana(self.text, self.level)

    @once_property
    def readability_before(self) -> float:
        return readability(self.source)

    @once_property
    def readability_after(self) -> float:
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
