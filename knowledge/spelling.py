"""Folded spellings of place names: a name and a message are compared with the variants residents write
folded together (``knowledge/data/place_spelling.yaml``: Thai tone marks and vowel length, Devanagari long
and short vowels, Ukrainian and Mongolian transliterations of Japanese sounds).

``Spelling.fold(text)`` returns the folded text with, for every folded character, the span of the original
characters it came from, so a match found in the folded text is cut from the message as it was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Spelling", "load_spelling", "SPELLING_FILE"]

SPELLING_FILE = DATA_DIR / "place_spelling.yaml"


@dataclass(frozen=True)
class _Script:
    chars: re.Pattern
    delete: frozenset[str]
    replace: dict[str, str]
    longest: int
    min_length: int
    word_start: bool = False


class Spelling:
    def __init__(
        self,
        scripts: list[_Script],
        endings: list[tuple[str, str]] = (),  # type: ignore[assignment]
        latin_suffixes: tuple[str, ...] = (),
        latin_min: int = 5,
        city_words: tuple[str, ...] = (),
        not_names: tuple[str, ...] = (),
        after_in: tuple[dict[str, str], tuple[str, ...]] = ({}, ()),
        hanzi_words: tuple[str, ...] = (),
    ) -> None:
        self.scripts = scripts
        self.city_words = city_words
        self._any = re.compile("|".join(s.chars.pattern for s in scripts)) if scripts else None
        self.endings = list(endings)
        self.latin_suffixes = latin_suffixes
        self.latin_min = latin_min
        self._script_of: dict[str, _Script | None] = {}  # each character's script, found once
        self.not_names = frozenset(self.folded(unicodedata.normalize("NFKC", w).casefold()) for w in not_names)
        # a bare name that is also a company or a word (Toyota): a place only right after a word for "in"
        self.after_in_names = {self.folded(_fold_case(w)): place for w, place in after_in[0].items()}
        self.after_in_words = frozenset(self.folded(_fold_case(w)) for w in after_in[1])
        # a municipality's kanji name that is also a Chinese word (新城市 "a new city"): a place only in a
        # message with kana (Japanese) or beside its prefecture
        self.hanzi_words = frozenset(unicodedata.normalize("NFKC", w) for w in hanzi_words)

    def _script(self, char: str) -> _Script | None:
        try:
            return self._script_of[char]
        except KeyError:
            found = self._script_of[char] = next((s for s in self.scripts if s.chars.match(char)), None)
            return found

    def fold(self, text: str) -> tuple[str, list[int], list[int]]:
        """The folded text, and for each of its characters the start and end of the original characters."""
        if self._any is None or not self._any.search(text):
            return text, list(range(len(text))), list(range(1, len(text) + 1))
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        while i < len(text):
            script = self._script(text[i])
            if script is None:
                out.append(text[i])
                starts.append(i)
                ends.append(i + 1)
                i += 1
                continue
            if text[i] in script.delete:
                i += 1
                continue
            for n in range(min(script.longest, len(text) - i), 0, -1):
                piece = text[i : i + n]
                if piece in script.replace:
                    for char in script.replace[piece]:
                        out.append(char)
                        starts.append(i)
                        ends.append(i + n)
                    i += n
                    break
            else:
                out.append(text[i])
                starts.append(i)
                ends.append(i + 1)
                i += 1
        return "".join(out), starts, ends

    def folded(self, text: str) -> str:
        if self._any is None or not self._any.search(text):
            return text
        return self.fold(text)[0]

    def short(self, folded_name: str) -> bool:
        """A folded name too short to stand for its variants (it must be written exactly)."""
        script = self._script(folded_name[0]) if folded_name else None
        return script is not None and len(folded_name) < script.min_length

    def end_of(self, text: str, end: int) -> int:
        """A match's end moved over the marks folding dropped right after it (คุมาโมโต้: the tone mark)."""
        while end < len(text) and unicodedata.category(text[end]).startswith("M"):
            script = self._script(text[end])
            if script is None or text[end] not in script.delete:
                break
            end += 1
        return end

    def starts_word(self, text: str, at: int) -> bool:
        """Whether a name found at ``at`` may begin there: in scripts marked ``word_start``, only after a space,
        a punctuation mark or the start of the text."""
        script = self._script(text[at]) if at < len(text) else None
        if script is None or not script.word_start or at == 0:
            return True
        before = text[at - 1]
        return not (before.isalnum() or script.chars.match(before))

    def stems(self, folded_word: str, replaced_only: bool = False) -> list[str]:
        """A folded word with a case ending replaced (Ukrainian locative осаци -> осак) or taken off (Mongolian
        токиогиин -> токио); ``replaced_only``: only the endings replaced by letters of the stem."""
        return [
            folded_word[: -len(end)] + stem
            for end, stem in self.endings
            if folded_word.endswith(end) and (stem or not replaced_only)
        ]

    def latin_stems(self, word: str) -> list[str]:
        """A Latin-script word with a suffix taken off (Tokyod -> tokyo), long enough to be a place name."""
        return [
            word[: -len(suffix)]
            for suffix in self.latin_suffixes
            if word.endswith(suffix) and len(word) - len(suffix) >= self.latin_min
        ]


def _fold_case(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def _after_in(path: Path, raw: object) -> tuple[dict[str, str], tuple[str, ...]]:
    if raw is None:
        return {}, ()
    if not isinstance(raw, dict) or not isinstance(raw.get("names"), dict) or not isinstance(raw.get("words"), list):
        raise ValueError(f"{path}: after_in needs names (name: place id) and words (a list)")
    return {str(k): str(v) for k, v in raw["names"].items()}, tuple(str(w) for w in raw["words"])


def load_spelling(path: Path = SPELLING_FILE) -> Spelling:
    data = load_yaml(path)
    scripts = []
    for raw in data["scripts"]:
        pairs = {str(a): str(b) for a, b in raw.get("replace") or []}
        scripts.append(
            _Script(
                re.compile(f"[{raw['chars']}]"),
                frozenset(raw.get("delete") or ""),
                pairs,
                max((len(k) for k in pairs), default=1),
                int(raw.get("min_length", 1)),
                bool(raw.get("word_start", False)),
            )
        )
    endings = [(str(a), str(b)) for a, b in data.get("endings") or []]
    city_words = tuple(str(w) for w in data.get("city_words") or ())
    if any(w.count("{name}") != 1 for w in city_words):
        raise ValueError(f"{path}: each of city_words must hold {{name}} once")
    return Spelling(
        scripts,
        endings,
        tuple(data.get("latin_suffixes") or ()),
        int(data.get("latin_min", 5)),
        city_words,
        tuple(str(w) for w in data.get("not_names") or ()),
        _after_in(path, data.get("after_in")),
        tuple(str(w) for w in data.get("hanzi_words") or ()),
    )
