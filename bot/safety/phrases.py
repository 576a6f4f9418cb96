"""Which situations' phrases occur in a message (the cue, not-cue, now-cue and avoid phrases of
``translations/<lang>/situations.yaml``, folded by ``bot/safety/texts.py``).

A phrase is read one of three ways (``Phrase.matches``, the definition):

- in a script written with spaces, at a word start: "rape" is not in "grape";
- in a script written without spaces (kana, kanji, Thai, Burmese, Khmer), anywhere, also in the message
  with its spaces removed (a learner's "おっとが なぐる");
- "夫...殴": its parts in this order, anything between.

``Phrases.found`` gives the same answer without trying each of the ~2,500 phrases on each message: the
phrases are kept by their first one or two characters, and only those a message's word starts (or, for the
other two ways, its characters) hold are tried — a phrase in the text begins with them. Tested against
``Phrase.matches`` on the project's own examples and on every phrase (tests/unit/test_safety_cue_index.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Phrase", "Phrases", "SPACELESS", "compile_phrases", "squeeze"]

# scripts written without spaces between words
SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff]")
_WORD_START = re.compile(r"(?<!\w)")  # where a phrase of a spaced script may begin


def squeeze(folded: str) -> str:
    """The text without its spaces (where a spaceless phrase is also looked for)."""
    return re.sub(r"\s+", "", folded)


@dataclass(frozen=True)
class Phrase:
    """One situation's phrases, sorted by how they are matched (read once, when the texts load: telling them
    apart on every message ran a regular expression over each of ~2,500 phrases per turn)."""

    words: re.Pattern[str] | None  # the phrases of spaced scripts, at a word start
    spaceless: tuple[tuple[str, str], ...]  # (phrase, phrase without spaces) in scripts written without spaces
    ordered: tuple[tuple[tuple[str, ...], bool], ...]  # "夫...殴": (parts, spaceless), the parts in order

    def matches(self, folded: str, squeezed: str) -> bool:
        """Does one of these phrases occur in ``folded`` (``squeezed``: the same without its spaces)?"""
        return bool(
            (self.words is not None and self.words.search(folded))
            or any(phrase in folded or joined in squeezed for phrase, joined in self.spaceless)
            or any(_in_order(list(parts), squeezed if spaceless else folded) for parts, spaceless in self.ordered)
        )

    def matches_in_order(self, folded: str, squeezed: str) -> bool:
        """Does one of the "夫...殴" phrases occur (its parts in order)?"""
        return any(_in_order(list(parts), squeezed if spaceless else folded) for parts, spaceless in self.ordered)

    def spans(self, folded: str, squeezed: str) -> list[tuple[int, int]]:
        """Where the contiguous phrases occur, as (start, end) in the text without its spaces."""
        before = [0]  # characters other than spaces before each position of ``folded``
        for c in folded:
            before.append(before[-1] + (not c.isspace()))
        found = [(before[m.start()], before[m.end()]) for m in self.words.finditer(folded)] if self.words else []
        for _, joined in self.spaceless:
            at = squeezed.find(joined)
            while at >= 0 and joined:
                found.append((at, at + len(joined)))
                at = squeezed.find(joined, at + 1)
        return found


@dataclass(frozen=True)
class Phrases:
    """Every situation's ``Phrase``, and the phrases by what they begin with: a spaced script's phrase by its
    first two characters (one for a phrase of one), the others by their first character."""

    by_situation: dict[str, Phrase]
    words: dict[str, tuple[tuple[str, str], ...]]  # first two characters -> (situation, phrase)
    spaceless: dict[str, tuple[tuple[str, str, str], ...]]  # character -> (situation, phrase, without spaces)
    ordered: dict[str, tuple[tuple[str, tuple[str, ...], bool], ...]]  # character -> (situation, parts, spaceless)

    def found(self, folded: str, squeezed: str) -> set[str]:
        """The situations ``Phrase.matches`` names for this text, trying only the phrases it may hold."""
        found: set[str] = set()
        for start in _WORD_START.finditer(folded):
            at = start.start()
            for key in (folded[at : at + 2], folded[at : at + 1]):
                for situation, phrase in self.words.get(key, ()):
                    if situation not in found and folded.startswith(phrase, at):
                        found.add(situation)
        for char in set(folded) | {""}:
            for situation, phrase, joined in self.spaceless.get(char, ()):
                if situation not in found and (phrase in folded or joined in squeezed):
                    found.add(situation)
            for situation, parts, spaceless in self.ordered.get(char, ()):
                if situation not in found and _in_order(list(parts), squeezed if spaceless else folded):
                    found.add(situation)
        return found


def compile_phrases(table: dict[str, tuple[str, ...]]) -> Phrases:
    """The (folded) phrases of each situation; those of spaced scripts also as one compiled pattern per
    situation (``Phrase.matches``)."""
    by_situation = {}
    words: dict[str, list[tuple[str, str]]] = {}
    spaceless_by: dict[str, list[tuple[str, str, str]]] = {}
    ordered_by: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for situation, phrases in table.items():
        spaced = [p for p in phrases if "..." not in p and not SPACELESS.search(p)]
        pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(spaced, key=len, reverse=True))) + ")")
            if spaced
            else None
        )
        spaceless = tuple((p, p.replace(" ", "")) for p in phrases if "..." not in p and SPACELESS.search(p))
        ordered = tuple((tuple(p.split("...")), bool(SPACELESS.search(p))) for p in phrases if "..." in p)
        by_situation[situation] = Phrase(pattern, spaceless, ordered)
        for phrase in spaced:
            words.setdefault(phrase[:2], []).append((situation, phrase))
        # the first character a phrase needs in the text: its own, or that of its form without spaces (found
        # in the text without its spaces, whose characters are the text's); an ordered phrase's first part,
        # stripped, which ``_in_order`` finds first with or without its spaces ("" when empty: always tried)
        for phrase, joined in spaceless:
            for first in dict.fromkeys((phrase[:1], joined[:1])):
                spaceless_by.setdefault(first, []).append((situation, phrase, joined))
        for parts, in_spaceless in ordered:
            ordered_by.setdefault(parts[0].strip()[:1], []).append((situation, parts, in_spaceless))
    return Phrases(
        by_situation,
        {key: tuple(entries) for key, entries in words.items()},
        {key: tuple(entries) for key, entries in spaceless_by.items()},
        {key: tuple(entries) for key, entries in ordered_by.items()},
    )


def _in_order(parts: list[str], text: str) -> bool:
    at = 0
    for part in (p.strip() for p in parts):
        at = text.find(part.replace(" ", "") if " " not in text else part, at)
        if at < 0:
            return False
        at += len(part)
    return True
