"""The place gazetteer: prefectures and cities with the names residents type, in any script.

``PlaceMatcher.find(text)`` returns the places named in a message, longest name first, so 東京都 wins
over 京都 and 大津市 over 津市. Names in scripts with spaces (Latin, Cyrillic) must stand as whole words;
very short kana names must not be part of a longer kana word.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


from knowledge.languages import fallback_chain
from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Place", "Gazetteer", "load_places"]


@dataclass(frozen=True)
class Place:
    id: str
    kind: str            # "prefecture" or "city"
    prefecture: str      # prefecture id (itself for a prefecture)
    names: dict          # lang -> list of names
    matched: str = ""

    def name(self, lang: str) -> str:
        for key in fallback_chain(lang):
            if self.names.get(key):
                return self.names[key][0]
        return self.id


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _spaced(name: str) -> bool:
    return any(unicodedata.category(c).startswith("L") and ("LATIN" in unicodedata.name(c, "")
               or "CYRILLIC" in unicodedata.name(c, "")) for c in name)


def _kana(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff"


class Gazetteer:
    def __init__(self, places: list[Place]) -> None:
        self.places = {p.id: p for p in places}
        entries: dict[str, Place] = {}
        for place in places:
            for names in place.names.values():
                for name in names:
                    key = _norm(name)
                    # a name shared by a prefecture and its capital resolves to the prefecture
                    if key not in entries or entries[key].kind == "city" and place.kind == "prefecture":
                        entries[key] = place
        self._names = sorted(entries.items(), key=lambda item: len(item[0]), reverse=True)
        self._by_first: dict[str, list[tuple[str, Place]]] = {}
        for name, place in self._names:  # longest first within each bucket too
            self._by_first.setdefault(name[0], []).append((name, place))

    def prefectures(self) -> list[Place]:
        return [p for p in self.places.values() if p.kind == "prefecture"]

    def find(self, text: str) -> list[Place]:
        """Places named in ``text``, in order of appearance."""
        haystack = _norm(text)
        taken = [False] * len(haystack)
        found: list[tuple[int, Place]] = []
        candidates = [entry for char in set(haystack) for entry in self._by_first.get(char, ())]
        candidates.sort(key=lambda entry: len(entry[0]), reverse=True)
        for name, place in candidates:
            start = 0
            while (at := haystack.find(name, start)) >= 0:
                end = at + len(name)
                start = at + 1
                if any(taken[at:end]) or not self._bounded(haystack, at, end, name):
                    continue
                for i in range(at, end):
                    taken[i] = True
                found.append((at, Place(place.id, place.kind, place.prefecture, place.names, name)))
        return [place for _, place in sorted(found, key=lambda item: item[0])]

    @staticmethod
    def _bounded(text: str, start: int, end: int, name: str) -> bool:
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if _spaced(name):
            return not (before.isalnum() or after.isalnum())
        if len(name) <= 2 and all(_kana(c) for c in name):
            return not (_kana(before) or _kana(after))
        return True


def load_places(path: Path = DATA_DIR / "places.yaml") -> Gazetteer:
    data = load_yaml(path)
    places = [Place(p["id"], "prefecture", p["id"], p["names"]) for p in data["prefectures"]]
    known = {p.id for p in places}
    for city in data.get("cities", []):
        if city["prefecture"] not in known:
            raise ValueError(f"{path}: city {city['id']} names unknown prefecture {city['prefecture']}")
        places.append(Place(city["id"], "city", city["prefecture"], city["names"]))
    return Gazetteer(places)
