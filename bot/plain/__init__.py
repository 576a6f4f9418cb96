"""Plain Japanese (やさしい日本語): furigana, a rule-based rewriter and a guideline checker.

Rules live as YAML in ``bot/data/plain/rules/``, easy words in ``bot/data/plain/lexicon.yaml`` and kanji
levels in ``bot/data/plain/levels/`` (see docs/plain-japanese.md).
"""

from bot.plain.checker import check
from bot.plain.engine import rewrite
from bot.plain.model import AppliedRule, Breach, Furigana, RubySegment
from bot.plain.result import PlainResult
from bot.plain.ruby import furigana

__all__ = ["AppliedRule", "Breach", "Furigana", "PlainResult", "RubySegment", "check", "furigana", "rewrite"]
