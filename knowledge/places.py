"""The place gazetteer: prefectures, every municipality and the names residents type, in any script.

``knowledge/data/places.yaml`` holds the prefectures and the larger cities with names in every script of
Tsunagu's languages; ``knowledge/data/municipalities.tsv`` adds all 1,700+ municipalities and the wards of
designated cities (kanji, kana, romaji) and ``postal_codes.tsv`` the postal codes (〒460-0001).

``Gazetteer.find(text)`` returns the places named in a message in order of appearance, longest name first,
so 東京都 wins over 京都 and 大津市 over 津市. Names in scripts with spaces (Latin, Cyrillic) must stand as
whole words (looked up word by word, so thousands of names stay fast); very short kana names must not be
part of a longer kana word. A name several municipalities share (伊達市, 府中市, 中区) counts only when
another place in the message (or the resident's known prefecture) says which one is meant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

from knowledge.lru import LRU
from knowledge.municipalities import (
    SHORT,
    PostalIndex,
)
from knowledge.place_names import (
    CITY_SUFFIX,
    PARTICLES,
    PLACE_SUFFIXES,
    Place,
    inside_kanji,
    is_kana,
    is_kanji,
    norm,
    word_spaced,
)
from knowledge.spelling import Spelling, load_spelling

__all__ = ["Place", "Gazetteer"]

_MAX_WORDS = 4
FOUND_TEXTS = 512  # texts whose places are kept (Gazetteer.find)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+$")
_VOWELS = set("аеєиіїоуюяыэөү")
_WORDS = re.compile(r"[^\W_]+")


class Gazetteer:
    def __init__(
        self,
        places: list[Place],
        postal: PostalIndex | None = None,
        generated: frozenset[str] = frozenset(),
        spelling: Spelling | None = None,
    ) -> None:
        self.places = {p.id: p for p in places}
        self.postal = postal
        self.spelling = spelling or load_spelling()
        fold = functools.lru_cache(maxsize=None)(self.spelling.folded)  # names share words ("city", "shi")
        self._by_code = {p.code: p for p in places if p.code}
        self._short = {norm(n) for p in places for n in p.names.get(SHORT, ())}
        entries: dict[str, list[Place]] = {}
        for place in places:
            for names in place.names.values():
                for name in names:
                    same = entries.setdefault(norm(name), [])
                    if all(p.id != place.id for p in same):
                        same.append(place)
        for key, found in entries.items():
            # a prefecture wins over its capital; a curated place (places.yaml) over generated ones
            if any(p.kind == "prefecture" for p in found):
                entries[key] = [p for p in found if p.kind == "prefecture"][:1]
            elif len(found) > 1 and any(p.id not in generated for p in found):
                entries[key] = [p for p in found if p.id not in generated][:1]
        # names are looked up in their folded spelling (knowledge/spelling.py): Чіба and Тіба, ไอจิ and ไอชิ
        self._words: dict[tuple[str, ...], list[Place]] = {}
        self._stems: dict[str, list[Place]] = {}  # Cyrillic names without their last vowel (Окінава -> окинав)
        self._short_stems: dict[str, list[Place]] = {}  # the same for four-letter names (Тіба -> тиб)
        self._by_first: dict[str, list[tuple[str, list[Place], str]]] = {}  # folded name, places, exact name
        self._as_written: set[str] = set()  # generated one-word names: no case forms (біженка is not Бидзэн)
        for name, found in sorted(entries.items(), key=lambda item: len(item[0]), reverse=True):
            if word_spaced(name):
                words = tuple(fold(w) for w in _WORDS.findall(name))
                if 0 < len(words) <= _MAX_WORDS:
                    self._words.setdefault(words, found)
                if any(p.id in generated for p in found):
                    if len(words) == 1:
                        self._as_written.add(words[0])
                    continue  # a generated name (every municipality's Cyrillic) is matched as written, no case forms
                if len(words) == 1 and _CYRILLIC.match(name) and name[-1] in _VOWELS and len(name) >= 5:
                    self._stems.setdefault(words[0][:-1], found)
                elif len(words) == 1 and _CYRILLIC.match(name) and name[-1] in _VOWELS and len(name) == 4:
                    self._short_stems.setdefault(words[0][:-1], found)
            else:
                folded = fold(name)
                exact = name if self.spelling.short(folded) else ""
                self._by_first.setdefault(folded[0], []).append((folded, found, exact))

        self._add_city_words(places, generated, fold)
        for phrase in self.spelling.not_names:  # words that name no place claim their letters: шакай хокен
            words = tuple(fold(w) for w in _WORDS.findall(phrase))  # (shakai hoken) is not Sakai
            if len(words) > 1:
                self._words[words] = []
        self._found: LRU[tuple[tuple[Place, ...], ...]] = LRU(FOUND_TEXTS)

    def __getstate__(self) -> dict:  # a start-up table keeps the tables, not the texts last looked in
        return {name: value for name, value in self.__dict__.items() if name != "_found"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._found = LRU(FOUND_TEXTS)

    def _add_city_words(self, places: list[Place], generated: frozenset[str], fold: Callable[[str], str]) -> None:
        """ "thành phố Osaka", "Saitama şehrinde": a curated city with the word for "city" around its name
        (``city_words`` of place_spelling.yaml) is that city, even when its prefecture has the same name."""
        for place in places:
            if place.kind != "city" or place.id in generated:
                continue
            spaced = {norm(n) for names in place.names.values() for n in names if word_spaced(n)}
            # the bare name inside "Toyota City" / "Toyota-shi" too: with the word for "city" around it, a name
            # that is also a word or a company ("Toyota") is the city
            spaced |= {CITY_SUFFIX.sub("", n) for n in spaced if CITY_SUFFIX.search(n)}
            for name in spaced:
                for pattern in self.spelling.city_words:
                    words = tuple(fold(w) for w in _WORDS.findall(norm(pattern.replace("{name}", name))))
                    known = self._words.get(words)  # a curated city over a generated one of the same name:
                    if 0 < len(words) <= _MAX_WORDS and (not known or all(p.id in generated for p in known)):
                        self._words[words] = [place]  # Сакай хотод is Sakai (堺市), not 坂井市 in Fukui

    def prefectures(self) -> list[Place]:
        return [p for p in self.places.values() if p.kind == "prefecture"]

    def by_code(self, code: str) -> Place | None:
        return self._by_code.get(code)

    def find(self, text: str, prefecture: str = "") -> list[Place]:
        """Places named in ``text`` (postal codes included), in order of appearance. ``prefecture``, the
        resident's known prefecture, settles a name several municipalities share."""
        return [places[0] for places in self._named(text, prefecture) if len(places) == 1]

    def unsettled(self, text: str, prefecture: str = "") -> list[tuple[Place, ...]]:
        """Names in ``text`` several municipalities share with nothing to say which (港区 alone): for each, the
        places it may be, Tokyo's special wards before the wards of designated cities."""
        return [
            tuple(sorted(places, key=lambda p: (bool(p.parent), p.code)))
            for places in self._named(text, prefecture)
            if len(places) > 1
        ]

    def _named(self, text: str, prefecture: str) -> tuple[tuple[Place, ...], ...]:
        """Each name in ``text`` with the places it may be, kept for the last texts (a turn looks in its
        message and each part several times; a repeated message again)."""
        return self._found.get_or_make(
            (text, prefecture), lambda: tuple(tuple(places) for places in self._find(text, prefecture))
        )

    def _find(self, text: str, prefecture: str) -> list[list[Place]]:
        """Each name in ``text`` with the places it may be (``matched`` set), in order of appearance: a shared
        name narrowed by the cities (a ward's designated city) and prefectures named beside it."""
        haystack = norm(text)
        taken = [False] * len(haystack)
        found: list[tuple[int, list[Place], str]] = []
        for start, end, name, places in self._word_matches(haystack) + self._scan_matches(haystack):
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            found.append((start, places, name))
        if self.postal:
            for at, written, code in self.postal.find(text):
                place = self._by_code.get(code)
                if place:
                    found.append((at, [place], written))
        single = [places[0] for _, places, _ in found if len(places) == 1]
        named = {p.prefecture for p in single} | {prefecture}
        cities = {p.id for p in single}
        japanese = any(is_kana(c) for c in haystack)  # a name that is also a Chinese word counts in Japanese ...
        beside = {p.id for p in single if p.kind == "prefecture"} | {prefecture}  # ... or beside its prefecture
        result = []
        for _at, places, name in sorted(found, key=lambda item: item[0]):
            if len(places) > 1:  # 北区 beside 堺市: Sakai's; beside 大阪府: Osaka City's and Sakai's still
                near = [p for p in places if p.parent in cities] or [p for p in places if p.prefecture in named]
                places = near or places
            elif name in self.spelling.hanzi_words and not japanese and places[0].prefecture not in beside:
                continue  # 刚搬到新城市 (Chinese: "just moved to a new city") is not Shinshiro
            if places:
                result.append([replace(p, matched=name) for p in places])
        return result

    def _word_matches(self, haystack: str) -> list[tuple[int, int, str, list[Place]]]:
        fold = self.spelling.folded
        words = [(m.start(), m.end(), fold(m.group())) for m in _WORDS.finditer(haystack)]
        matches = []
        i = 0
        while i < len(words):
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                key = tuple(w for _, _, w in words[i : i + n])
                if key in self._words and not (n == 1 and key[0] in self.spelling.not_names):
                    start, end = words[i][0], words[i + n - 1][1]
                    matches.append((start, end, haystack[start:end], self._words[key]))
                    i += n
                    break
            else:
                start, end, word = words[i]
                inflected = self._inflected(word) or self._after_in(word, words[i - 1][2] if i else "")
                if inflected:
                    matches.append((start, end, haystack[start:end], inflected))
                i += 1
        return matches

    def _after_in(self, word: str, before: str) -> list[Place] | None:
        """A bare name that is also a company (Toyota), right after a word for "in": "Moro em Toyota" is the
        city, "I work at Toyota" names the company (``after_in`` of place_spelling.yaml)."""
        place = self.places.get(self.spelling.after_in_names.get(word, ""))
        return [place] if place is not None and before in self.spelling.after_in_words else None

    def _inflected(self, word: str) -> list[Place] | None:
        """A name with a case ending (the word is folded): Осакад (Mongolian), Окінаві, Нагої, Осаці
        (Ukrainian); in Latin letters, a suffix of ``place_spelling.yaml`` (Tokyod: Mongolian typed in Latin)."""
        if word in self.spelling.not_names:
            return None
        if not _CYRILLIC.match(word):
            keys = [(stem,) for stem in self.spelling.latin_stems(word) if (stem,) in self._words]
            return self._words[keys[0]] if keys else None
        for stem in self.spelling.stems(word) + [word[:-1], word[:-2]]:
            if len(stem) >= 4 and stem not in self._as_written and ((stem,) in self._words or stem in self._stems):
                return self._words.get((stem,)) or self._stems[stem]
        # a short prefecture name with one letter of case ending: Миэд, Чібі, Сазі (not short city names:
        # Тоді is "then", not Toda)
        for stem in [word[:-1]] + self.spelling.stems(word, replaced_only=True):
            found = self._words.get((stem,)) or self._short_stems.get(stem)
            if len(stem) == 3 and found and all(p.kind == "prefecture" for p in found):
                return found
        return None

    def _scan_matches(self, haystack: str) -> list[tuple[int, int, str, list[Place]]]:
        folded, starts, ends = self.spelling.fold(haystack)
        candidates = [entry for char in set(folded) for entry in self._by_first.get(char, ())]
        candidates.sort(key=lambda entry: len(entry[0]), reverse=True)
        matches = []
        for key, places, exact in candidates:
            start = 0
            while (found := folded.find(key, start)) >= 0:
                start = found + 1
                at, end = starts[found], self.spelling.end_of(haystack, ends[found + len(key) - 1])
                if exact:  # a short name, written exactly (its folded letters may drop a final vowel mark)
                    if haystack[at : at + len(exact)] != exact:
                        continue
                    end = at + len(exact)
                name = haystack[at:end]
                if not self.spelling.starts_word(haystack, at):
                    continue
                short = name in self._short or (len(name) == 1 and is_kanji(name))  # 柏 in 柏青哥 (pachinko)
                if self._bounded(haystack, at, end, name) and (not short or not inside_kanji(haystack, at, end)):
                    matches.append((at, end, name, places))
        # longest first claims its characters; of two as long, the first written (東京都府中市 is 東京都, then
        # 府中市, not the 京都府 across them)
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        return matches

    @staticmethod
    def _bounded(text: str, start: int, end: int, name: str) -> bool:
        """A name written in kana must not be part of a longer kana word: しまし (志摩市) is not a place in
        紛失しました, but とよたしに is とよたし followed by the particle に."""
        if not all(is_kana(c) for c in name):
            return True
        before = text[start - 1] if start > 0 else " "
        if is_kana(before) or (is_kanji(before) and before not in PLACE_SUFFIXES):
            return False  # nor the kana after a kanji (さくし in 小さくし), unless after 県, 市 …: 長野県さくし
        rest = text[end : end + 2]
        return not rest or not is_kana(rest[0]) or rest.startswith(PARTICLES)
