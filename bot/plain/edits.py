"""Edits on a text whose characters remember where they came from in the original text.

Every stage rewrites the text the previous stage produced; ``Tracked`` keeps, for each character, the
span of the original it stands for, so an applied rule is reported at its place in the ORIGINAL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from bot.plain.model import AppliedRule

if TYPE_CHECKING:
    from bot.plain.lexicon import Entry
    from bot.plain.rules import Rule

__all__ = ["Candidate", "Edit", "Tracked", "choose"]


class Candidate(NamedTuple):
    """A place where a rule would rewrite (or report): tokens ``first:end`` of the doc → ``after``."""

    rule: Rule
    first: int
    end: int
    after: str
    entry: Entry | None = None  # the lexicon entry, for a lexicon rule


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (offsets in the current text) by ``after``."""

    start: int
    end: int
    after: str
    rule_id: str
    guideline: str
    priority: int = 0  # lower wins among overlapping edits of equal length


def choose(edits: list[Edit]) -> list[Edit]:
    """Non-overlapping edits, longest first (then by priority), in text order."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (-(e.end - e.start), e.priority, e.start)):
        if all(edit.end <= other.start or edit.start >= other.end for other in chosen):
            chosen.append(edit)
    return sorted(chosen, key=lambda e: e.start)


_WORD = 12  # characters


@lru_cache(maxsize=4096)
def _opcodes(before: str, after: str) -> tuple[tuple[str, int, int, int, int], ...]:
    """How ``after`` aligns with ``before`` (difflib's opcodes); the lexicon and the word rules make the same
    edits again and again (提出して → 出して, 在留カード → 在留カード（…）), sentence edits are not kept."""
    return tuple(SequenceMatcher(None, before, after, autojunk=False).get_opcodes())


@dataclass(frozen=True)
class Tracked:
    source: str
    text: str
    origin: tuple[tuple[int, int], ...]  # per character of ``text``: its span in ``source``

    @classmethod
    def start(cls, source: str) -> Tracked:
        return cls(source, source, tuple(zip(range(len(source)), range(1, len(source) + 1))))

    def _span(self, start: int, end: int) -> tuple[int, int]:
        if start < end:
            return self.origin[start][0], self.origin[end - 1][1]
        point = self.origin[start][0] if start < len(self.origin) else len(self.source)
        return point, point

    def _aligned(self, edit: Edit) -> list[tuple[int, int]]:
        """Origins for ``edit.after``: characters it keeps point where they were; new ones to what they replace."""
        before = self.text[edit.start : edit.end]
        out: list[tuple[int, int]] = []
        word = len(before) <= _WORD and len(edit.after) <= 2 * _WORD  # a word edit, which recurs: cached
        opcodes = _opcodes(before, edit.after) if word else _opcodes.__wrapped__(before, edit.after)
        for op, i1, i2, j1, j2 in opcodes:
            if op == "equal":
                out.extend(self.origin[edit.start + i1 : edit.start + i2])
            else:
                out.extend([self._span(edit.start + i1, edit.start + i2)] * (j2 - j1))
        return out

    def apply(self, edits: list[Edit]) -> tuple[Tracked, list[AppliedRule]]:
        """Apply non-overlapping edits (in text order); report each at its span in the source."""
        parts: list[str] = []
        origin: list[tuple[int, int]] = []
        applied: list[AppliedRule] = []
        position = 0
        for edit in edits:
            parts.append(self.text[position : edit.start])
            origin.extend(self.origin[position : edit.start])
            span = self._span(edit.start, edit.end)
            parts.append(edit.after)
            origin.extend(self._aligned(edit))
            applied.append(
                AppliedRule(edit.rule_id, edit.guideline, span[0], span[1], self.source[span[0] : span[1]], edit.after)
            )
            position = edit.end
        parts.append(self.text[position:])
        origin.extend(self.origin[position:])
        return Tracked(self.source, "".join(parts), tuple(origin)), applied
