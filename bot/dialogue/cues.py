"""Cue phrases per language (``translations/<lang>/cues.yaml``): emergencies, handoff kinds, own-case
questions and follow-ups. Matched as case-folded substrings; every language's cues are tried, since a
resident may mix languages.

The emergency and handoff kinds of a text are kept for its last ``KINDS_TEXTS`` texts: both are read on
every turn (~600 substring tests), and a repeated message (the answer cache) should not test them again."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.lru import LRU
from knowledge.yamlfile import load_yaml


__all__ = ["Cues", "load_cues", "KINDS_TEXTS"]

KINDS_TEXTS = 1024  # texts whose emergency and handoff kinds are kept (the phrases never change once loaded)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass
class Cues:
    emergency: dict[str, set[str]] = field(default_factory=dict)
    handoff: dict[str, set[str]] = field(default_factory=dict)
    own_case: set[str] = field(default_factory=set)
    follow_up: set[str] = field(default_factory=set)
    _kinds: LRU[tuple[str | None, tuple[str, ...]]] = field(
        default_factory=lambda: LRU(KINDS_TEXTS), init=False, repr=False, compare=False
    )

    def _kinds_of(self, text: str) -> tuple[str | None, tuple[str, ...]]:
        """The text's emergency kind (the first whose phrase it contains) and handoff kinds."""

        def make() -> tuple[str | None, tuple[str, ...]]:
            folded = _fold(text)
            kinds = (kind for kind, phrases in self.emergency.items() if any(p in folded for p in phrases))
            handoff = tuple(kind for kind, phrases in self.handoff.items() if any(p in folded for p in phrases))
            return next(kinds, None), handoff

        return self._kinds.get_or_make(text, make)

    def emergency_kind(self, text: str) -> str | None:
        return self._kinds_of(text)[0]

    def handoff_kinds(self, text: str) -> list[str]:
        return list(self._kinds_of(text)[1])

    def is_own_case(self, text: str) -> bool:
        folded = _fold(text)
        return any(p in folded for p in self.own_case)

    def is_follow_up(self, text: str) -> bool:
        folded = _fold(text)
        return any(p in folded for p in self.follow_up)


def load_cues(translations: Path) -> Cues:
    cues = Cues()
    for path in sorted(translations.glob("*/cues.yaml")):
        data = load_yaml(path) or {}
        for section in ("emergency", "handoff"):
            for kind, phrases in (data.get(section) or {}).items():
                getattr(cues, section).setdefault(kind, set()).update(_fold(p) for p in phrases)
        cues.own_case.update(_fold(p) for p in data.get("own_case") or [])
        cues.follow_up.update(_fold(p) for p in data.get("follow_up") or [])
    return cues
