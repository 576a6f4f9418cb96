"""Cue phrases per language (``translations/<lang>/cues.yaml``): emergencies, handoff kinds, own-case
questions and follow-ups. Matched as case-folded substrings; every language's cues are tried, since a
resident may mix languages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from knowledge.yamlfile import load_yaml


__all__ = ["Cues", "load_cues"]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass
class Cues:
    emergency: dict[str, set[str]] = field(default_factory=dict)
    handoff: dict[str, set[str]] = field(default_factory=dict)
    own_case: set[str] = field(default_factory=set)
    follow_up: set[str] = field(default_factory=set)

    @staticmethod
    def _first(text: str, table: dict[str, set[str]]) -> str | None:
        folded = _fold(text)
        for kind, phrases in table.items():
            if any(p in folded for p in phrases):
                return kind
        return None

    def emergency_kind(self, text: str) -> str | None:
        return self._first(text, self.emergency)

    def handoff_kinds(self, text: str) -> list[str]:
        folded = _fold(text)
        return [kind for kind, phrases in self.handoff.items() if any(p in folded for p in phrases)]

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
