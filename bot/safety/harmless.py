"""Harmless phrases (issue 13, item 4): danger words said idiomatically or about something harmless — "this
deadline is going to kill me", "I'm dying to know", "my phone died", 「死ぬほど忙しい」, 「殺虫剤」, "fire drill",
"a kitchen knife to buy". A false "call 110" or crisis line is harm too.

The phrases are data, one file per language (``translations/<lang>/harmless.yaml``: ``source`` and
``phrases``; every language's phrases are tried on every message, since residents mix languages). They are
negative evidence only, and only where they stand:

- ``mask``: the message with each harmless phrase blotted out (``MASK``), read instead of it for cue phrases —
  a cue that lies inside a harmless phrase does not count ("going to kill me" inside "deadline is going to
  kill me"), one beside it still does ("this deadline is killing me and I want to die");
- ``without``: the message without its harmless phrases, weighed instead of it against the examples (each
  piece: the whole, each clause): "I'm dying to know when the garbage day is" is weighed as "I'm when the
  garbage day is", and "ゴキブリを殺す薬を飲んだ" still as 「薬を飲んだ」. A piece that says little without them
  (``clause_content`` below ``MIN_LEFT_CONTENT``: 「死ぬほど忙しい」 → 「い」) is not weighed at all.

A phrase must hold the danger word it makes harmless ("buy a kitchen knife", not "kitchen": without it, "I
want to buy a knife" would be weighed).

Phrases are matched as the safety cues are (``bot/safety/phrases.py``): folded (case, width, Latin accents),
in a script written with spaces at a word start, in the scripts without spaces also with the learner's spaces
removed ("ところ すこし" holds no 「ころす」).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.safety.clauses import clause_content
from bot.safety.found import Recognition
from bot.safety.phrases import SPACELESS
from bot.safety.texts import fold
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Harmless", "MASK", "check_harmless_file", "load_harmless", "only_lost"]

MASK = "·"  # stands for each letter of a harmless phrase: no cue holds it, and it joins no two letters
_FILE = "harmless.yaml"
# what is left of a piece must say this much to be weighed (「薬を飲んだ」 10; 「好久不见，！」 8)
MIN_LEFT_CONTENT = 10
MIN_PHRASE_CONTENT = 4  # ``clause_content``: 「笑死」, "kill time"; a shorter phrase would hide real uses too


@dataclass(frozen=True)
class Harmless:
    phrases: tuple[str, ...] = ()  # folded
    _spaced: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)
    _spaceless: tuple[str, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        spaced = sorted((p for p in self.phrases if not SPACELESS.search(p)), key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, spaced)) + ")") if spaced else None
        object.__setattr__(self, "_spaced", pattern)
        spaceless = {p.replace(" ", "") for p in self.phrases if SPACELESS.search(p)}
        object.__setattr__(self, "_spaceless", tuple(sorted(spaceless, key=len, reverse=True)))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where harmless phrases lie in ``text`` (NFC), as (start, end) of its characters."""
        if not self.phrases or not text:
            return []
        folded, origin = _folded(text)
        found = [(m.start(), m.end()) for m in self._spaced.finditer(folded)] if self._spaced else []
        if self._spaceless:
            kept = [i for i, c in enumerate(folded) if not c.isspace()]  # folded index of each squeezed one
            squeezed = "".join(folded[i] for i in kept)
            for phrase in self._spaceless:
                at = squeezed.find(phrase)
                while at >= 0:
                    found.append((kept[at], kept[at + len(phrase) - 1] + 1))
                    at = squeezed.find(phrase, at + 1)
        return sorted({(origin[a], origin[b - 1] + 1) for a, b in found})

    def found_in(self, text: str) -> bool:
        """Does ``text`` hold a harmless phrase?"""
        return bool(self.spans(text))

    def without(self, text: str) -> str:
        """``text`` without its harmless phrases (spaces collapsed); "" when what is left says little
        (``MIN_LEFT_CONTENT``); ``text`` itself when it holds none."""
        spans = self.spans(text)
        if not spans:
            return text
        chars = unicodedata.normalize("NFC", text)
        kept, at = [], 0
        for start, end in spans:
            if start >= at:
                kept.append(chars[at:start])
            at = max(at, end)
        kept.append(chars[at:])
        left = " ".join(" ".join(kept).split())
        return left if clause_content(left) >= MIN_LEFT_CONTENT else ""

    def weighed(self, pieces: list[str]) -> list[str]:
        """A message's pieces (the whole first) as they are weighed against the examples: without their harmless
        phrases, those that say little without them left out — all of them when the whole message does
        ("死ぬほど忙しい": nothing is weighed, a cue phrase still counts)."""
        left = [self.without(p) for p in pieces]
        return list(dict.fromkeys(p for p in left if p)) if left and left[0] else []

    def mask(self, text: str) -> str:
        """``text`` (NFC) with the letters of every harmless phrase replaced by ``MASK`` (spaces kept)."""
        spans = self.spans(text)
        if not spans:
            return text
        chars = list(unicodedata.normalize("NFC", text))
        for start, end in spans:
            for i in range(start, end):
                if not chars[i].isspace():
                    chars[i] = MASK
        return "".join(chars)


def only_lost(found: Recognition, without: Recognition) -> Recognition:
    """The reading of a message weighed without its harmless phrases (``without``), kept only where the message
    itself (``found``) has it too: a harmless phrase may take a reading by example away, never add one. A cue
    phrase counts in both (both read the masked message)."""
    plain = set(found.ids)
    return Recognition(tuple(f for f in without.found if f.evidence == "cue" or f.situation in plain))


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` (NFC) folded as the cues are, and for each folded character the index of the character of the
    text it comes from (each character folded on its own: case folding may turn one into two, "ß" → "ss")."""
    out: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(unicodedata.normalize("NFC", text)):
        folded = fold(c)
        out.append(folded)
        origin += [i] * len(folded)
    return "".join(out), origin


def check_harmless_file(data: object, where: str) -> list[str]:
    """The phrases of one ``harmless.yaml``, or a ValueError naming ``where``: a ``source`` (who wrote the
    phrases, from what) and ``phrases``, a list of one-line strings that are whole phrases (no "…": a
    harmless phrase is read where it stands, in one piece)."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a mapping with 'source' and 'phrases' is required")
    if not isinstance(data.get("source"), str) or not data["source"].strip():
        raise ValueError(f"{where}: 'source' (who wrote the phrases, from what) is required")
    phrases = data.get("phrases")
    if not isinstance(phrases, list) or not phrases:
        raise ValueError(f"{where}: 'phrases' must be a non-empty list")
    for phrase in phrases:
        if not isinstance(phrase, str) or not phrase.strip() or "\n" in phrase:
            raise ValueError(f"{where}: a phrase must be a non-empty string of one line, not {phrase!r}")
        if "…" in phrase or "..." in phrase:
            raise ValueError(f"{where}: {phrase!r}: a harmless phrase is one piece, without '…'")
        if clause_content(phrase) < MIN_PHRASE_CONTENT:
            raise ValueError(f"{where}: {phrase!r} is too short to tell a harmless use from a real one")
    return phrases


def load_harmless(root: Path = TRANSLATIONS_DIR) -> Harmless:
    """Every language's harmless phrases (a language without the file has none)."""
    phrases: set[str] = set()
    for path in sorted(root.glob(f"*/{_FILE}")):
        phrases.update(fold(p).strip() for p in check_harmless_file(load_yaml(path), str(path)))
    return Harmless(tuple(sorted(phrases)))
