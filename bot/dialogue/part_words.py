"""Each language's words for cutting a message into its questions (``translations/<lang>/parts.yaml``, described
in ``bot/dialogue/clauses.py``), loaded and checked once, with the fallbacks (plain Japanese -> Japanese -> English)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from knowledge.yamlfile import load_yaml

__all__ = ["PartWords", "Joiners", "load_joiners", "fold"]

_LISTS = (
    "joiners",
    "boundaries",
    "conjunctions",
    "ends",
    "question_ends",
    "asks",
    "refers_back",
    "fillers",
    "pairs",
    "about_before",
    "about_after",
    "wants",
    "names_before",
    "compares",
    "both",
)


@dataclass(frozen=True)
class PartWords:
    """How one language joins two questions in a sentence (folded: NFKC, lower case)."""

    joiners: tuple[str, ...] = ()
    boundaries: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()
    question_ends: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    refers_back: tuple[str, ...] = ()
    fillers: tuple[str, ...] = ()
    pairs: tuple[str, ...] = ()
    about_before: tuple[str, ...] = ()
    about_after: tuple[str, ...] = ()
    wants: tuple[str, ...] = ()
    names_before: tuple[str, ...] = ()  # a particle written as a word of its own after what a question names
    compares: tuple[str, ...] = ()  # a question comparing two things ("the difference between X and Y")
    both: tuple[str, ...] = ()  # a question about each of two things named before it ("X and Y, pay both?")
    spaced: bool = True

    def merged(self, other: PartWords) -> PartWords:
        lists = {name: getattr(self, name) + getattr(other, name) for name in _LISTS}
        return PartWords(**lists, spaced=self.spaced)


class Joiners:
    """Each language's part words, with the fallbacks (plain Japanese -> Japanese, then English)."""

    def __init__(self, by_lang: dict[str, PartWords]) -> None:
        self._by_lang = by_lang

    def words(self, lang: str) -> PartWords:
        keys = [k for k in dict.fromkeys([lang, "ja" if lang == "ja-plain" else "", "en"]) if k in self._by_lang]
        merged = PartWords(spaced=self._by_lang[keys[0]].spaced) if keys else PartWords()
        for key in keys:
            merged = merged.merged(self._by_lang[key])
        return merged

    def of(self, lang: str) -> tuple[str, ...]:
        return self.words(lang).joiners


def fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def load_joiners(translations: Path) -> Joiners:
    by_lang = {}
    for path in sorted(translations.glob("*/parts.yaml")):
        data = load_yaml(path) or {}
        if not isinstance(data.get("joiners"), list) or not data["joiners"]:
            raise ValueError(f"{path}: 'joiners' must be a list")
        unknown = set(data) - set(_LISTS) - {"spaced"}
        if unknown:
            raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
        lists = {}
        for name in _LISTS:
            if not isinstance(data.get(name) or [], list):
                raise ValueError(f"{path}: '{name}' must be a list")
            lists[name] = tuple(fold(str(w)) for w in data.get(name) or ())
        by_lang[path.parent.name] = PartWords(**lists, spaced=bool(data.get("spaced", True)))
    return Joiners(by_lang)
