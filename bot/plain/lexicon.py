"""The easy-word lexicon (``bot/data/plain/lexicon.yaml``): difficult word → easy word, or keep + explain.

Entries are in dictionary form; they are matched on the Sudachi dictionary forms of the tokens, so
提出する also matches 提出して and 提出しました. A missing or empty lexicon is an empty ``Lexicon``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.yamlfile import load_yaml

__all__ = ["LEXICON_PATH", "Entry", "Lexicon", "LexiconError", "load_lexicon"]

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "plain" / "lexicon.yaml"
_KEYS = {"word", "easy", "pos", "origin", "keep", "explain", "note"}


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    word: str
    easy: str | None = None  # the easy replacement
    explain: str | None = None  # kept word: explanation put in brackets after its first use
    pos: str | None = None

    @property
    def keep(self) -> bool:
        return self.easy is None


@dataclass(frozen=True)
class Lexicon:
    source: str
    entries: tuple[Entry, ...]

    def by_lemmas(self, lemmas_of) -> dict[str, list[tuple[tuple[str, ...], Entry]]]:
        """Index: first dictionary form → [(dictionary forms of the word, entry)], longest first."""
        index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for entry in self.entries:
            lemmas = lemmas_of(entry.word)
            if lemmas:
                index.setdefault(lemmas[0], []).append((lemmas, entry))
                if entry.easy and entry.word.endswith("する") and entry.easy.endswith("する") and len(lemmas) > 1:
                    index[lemmas[0]].append((lemmas[:-1], Entry(entry.word[:-2], entry.easy[:-2], None, "noun")))
        for candidates in index.values():
            candidates.sort(key=lambda item: -len(item[0]))
        return index


def _entry(raw: object, number: int) -> Entry:
    if not isinstance(raw, dict) or set(raw) - _KEYS or not isinstance(raw.get("word"), str) or not raw["word"]:
        raise LexiconError(f"lexicon entry {number}: needs word: and only {sorted(_KEYS)} ({raw!r})")
    easy, keep, explain = raw.get("easy"), raw.get("keep", False), raw.get("explain")
    if keep:
        if not isinstance(explain, str) or not explain.strip():
            raise LexiconError(f"lexicon entry {number} ({raw['word']}): keep: true needs explain:")
        return Entry(raw["word"], None, explain.strip(), raw.get("pos"))
    if not isinstance(easy, str) or not easy.strip() or easy == raw["word"]:
        raise LexiconError(f"lexicon entry {number} ({raw['word']}): needs easy: (a different word) or keep: true")
    return Entry(raw["word"], easy.strip(), None, raw.get("pos"))


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    if not path.is_file():
        return Lexicon("", ())
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: must be a mapping with source: and entries:")
    entries = data.get("entries") or []
    if entries and not (isinstance(data.get("source"), str) and data["source"].strip()):
        raise LexiconError(f"{path.name}: needs a source: header crediting where the words come from")
    if not isinstance(entries, list):
        raise LexiconError(f"{path.name}: entries must be a list")
    return Lexicon(str(data.get("source", "")).strip(), tuple(_entry(raw, n) for n, raw in enumerate(entries, 1)))
