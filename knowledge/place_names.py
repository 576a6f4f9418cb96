"""A place of the gazetteer (``Place``) and the text tests its name matching uses: normalising a name, the
scripts that separate words by spaces, kana particles after a name, a short kanji name inside a Chinese word."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.languages import fallback_chain

__all__ = [
    "Place",
    "norm",
    "word_spaced",
    "inside_kanji",
    "is_kana",
    "is_kanji",
    "PLACE_SUFFIXES",
    "PARTICLES",
    "CITY_SUFFIX",
]


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # "prefecture" or "city" (a municipality or a ward of a designated city)
    prefecture: str  # prefecture id (itself for a prefecture)
    names: dict  # lang -> list of names
    matched: str = ""
    code: str = ""  # JIS X 0402 municipality code, when known
    parent: str = ""  # for a ward of a designated city: the city's place id

    def name(self, lang: str) -> str:
        for key in fallback_chain(lang):
            if self.names.get(key):
                return self.names[key][0]
        return self.id


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


LATIN_OR_CYRILLIC = re.compile(r"[a-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff]")


def word_spaced(name: str) -> bool:
    """Latin or Cyrillic letters: a script that separates words by spaces (name is normalised)."""
    return LATIN_OR_CYRILLIC.search(name) is not None


# particles that may follow a place name written in kana (とよたしに, おおさかで, なごやの …)
PLACE_SUFFIXES = "都道府県市区町村郡"
PARTICLES = ("に", "で", "の", "は", "が", "へ", "を", "も", "と", "から", "まで", "や", "です", "ニ", "デ", "ノ")


def inside_kanji(text: str, start: int, end: int) -> bool:
    """多久 in 要提前多久通知 (Chinese) is not 多久市: a short city name must not touch other kanji."""
    return any(is_kanji(text[i]) for i in (start - 1, end) if 0 <= i < len(text))


def is_kana(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff"


def is_kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


CITY_SUFFIX = re.compile(r"(?i)(?:[ -](?:city|shi))$")
