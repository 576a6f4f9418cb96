"""Is a place in a message where the resident lives, or named in passing?

"I live in Osaka", "大阪に住んでいます", "Tôi sống ở Nagoya" state the resident's place; "Osaka" or "愛知県です"
alone answers "where do you live?"; "what about Kobe?" moves the current question to another place; "a good
ramen shop in Shinjuku" names a place in passing and says nothing about where the resident lives. The phrases
are language data: ``translations/<lang>/residence.yaml`` (lives, update, only, plain, verbs, not_verbs), English
as fallback. A place in the same sentence as a word for "live" (verbs) counts as the resident's too, but not a
word for "live" inside a document's or a tax's name (not_verbs: thẻ cư trú "residence card"), nor a place
where someone else lives ("others" just before it: "my friend lives in Kobe"). A place with a word for
"before" just ahead of it ("before": 以前は, dulu, раніше) is where the resident lived, and in a message that names
such a place (or one of work or travel), a place with a word for "now" just ahead of it ("now": 今は, ngayon, зараз)
is the address: "Dati sa Tokyo, ngayon sa Tochigi na". A ``*`` in a phrase stands for a few words of the same
sentence ("moved from * to {place}").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from knowledge.places import Place
from knowledge.yamlfile import load_yaml

__all__ = ["PlaceStatement", "ResidencePhrases", "load_residence_phrases"]

_MARK = "\ue000"
_OTHERS_REACH = 20  # characters before a place name where "my friend" makes it someone else's place
_BEFORE_REACH = 24  # characters before a place name where "before" makes it a former address ("dulu saya tinggal di")
_NOW_REACH = 14  # characters before a place name where "now" makes it the address ("ahora vivo en", "今は")
_SENTENCE_END = re.compile(r"[.!?\n。！？]")
_FEW_WORDS = r"[^.!?\n。！？]{1,40}?"  # a ``*`` of a phrase: a few words of the same sentence
_PUNCT = re.compile(r"[\s\W_]+")


_LATIN_BASE = {"đ": "d", "ı": "i", "ł": "l", "ø": "o"}  # Latin letters with a mark that NFD does not take apart


def _unmarked(char: str) -> str:
    """A Latin letter without its accent marks ("ô", "ở", "ş" -> "o", "o", "s"); any other character as it is
    (a Devanagari vowel sign, が, й keep theirs). One character for one: the message's spans stay right."""
    if char in _LATIN_BASE:
        return _LATIN_BASE[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if "a" <= base <= "z" and base != char else char


def _norm(text: str) -> str:
    """Normalised for matching, Latin letters without accent marks: residents often type without them
    ("toi song o Kyoto", "Warabi'de yasiyorum"), and a phrase written with them still matches."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return "".join(_unmarked(c) for c in folded)


@dataclass(frozen=True)
class PlaceStatement:
    place: Place
    how: str  # "lives" (I live in X) | "answer" (just "X") | "update" (what about X?)
    span: tuple[int, int] = (0, 0)  # the phrase's characters in the normalised message


_SPACED_LETTER = re.compile(r"[a-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0900-\u0963\u0966-\u097f]")  # not the danda


def _word_end(norm: str, end: int) -> int:
    """A statement ends at the end of a word in scripts with spaces: "ma Gunma ma bas" is the start of
    "basxu", and the question after it is not "xu, visa …"."""
    while 0 < end < len(norm) and _SPACED_LETTER.match(norm[end - 1]) and _SPACED_LETTER.match(norm[end]):
        end += 1
    return end


def _pattern(phrase: str) -> re.Pattern:
    """A phrase with {place}; a leading ``^`` ties it to the start of the message (or of its sentence):
    "^{place} байгаа" is "(I'm) in Tokyo", not "the office that is in Tokyo" inside a question."""
    start = phrase.startswith("^")
    parts = [
        re.escape(p.strip()).replace(r"\ ", r"\s*").replace(r"\*", _FEW_WORDS)
        for p in _norm(phrase.removeprefix("^")).split("{place}")
    ]
    return re.compile((r"^[\W_]*" if start else "") + r"\s*".join((parts[0], _MARK, parts[1])))


def _verb(word: str) -> re.Pattern:
    """A word for "live": whole words in scripts with spaces (``live`` is not in ``delivery``)."""
    word = _norm(word)
    if re.search(r"[a-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff]", word):
        return re.compile(r"(?<!\w)" + re.escape(word).replace(r"\ ", r"\s+") + r"(?!\w)")
    return re.compile(re.escape(word).replace(r"\ ", r"\s*"))  # "まえ は": spaces between words optional


@dataclass(frozen=True)
class _Phrases:
    lives: tuple[re.Pattern, ...]
    update: tuple[re.Pattern, ...]
    only: tuple[str, ...]
    plain: tuple[str, ...]
    verbs: tuple[re.Pattern, ...] = ()
    not_verbs: tuple[str, ...] = ()  # words holding a verb for "live" that are about a document or a tax
    others: tuple[str, ...] = ()  # someone else living there ("my friend")
    elsewhere: tuple[re.Pattern, ...] = ()  # where the resident works or studies ("work in {place}")
    before: tuple[re.Pattern, ...] = ()  # "before", "used to": a place just after one is a former address
    now: tuple[re.Pattern, ...] = ()  # "now": a place just after one is the address, beside a former one


class ResidencePhrases:
    def __init__(self, by_lang: dict[str, _Phrases]) -> None:
        self._by_lang = by_lang

    def _chain(self, lang: str) -> list[_Phrases]:
        keys = [lang, "ja" if lang == "ja-plain" else "", "en"]
        return [self._by_lang[k] for k in dict.fromkeys(keys) if k in self._by_lang]

    def statement(self, text: str, lang: str, places: list[Place]) -> PlaceStatement | None:
        """How the message speaks of the place it states as the resident's (None: only in passing). A phrase
        that says so ("I live in X", "what about X?") wins, for whichever place it holds; then a place alone;
        then the place nearest a word for "live", unless the message says the resident works or studies there
        ("I work in Tokyo but live in Saitama"; "Saya tinggal di Bandung, tapi kerja di Saitama")."""
        norm = _norm(text)
        named = []  # (place, where its name starts, its name, the message with the name marked)
        for place in places:
            name = _norm(place.matched) if place.matched else ""
            at = norm.find(name) if name else -1
            if at < 0 or self._someone_else(norm[:at], lang):
                continue  # "my friend lives in Kobe": not where the resident lives
            named.append((place, at, name, norm[:at] + _MARK + norm[at + len(name) :]))
        chain = self._chain(lang)
        for place, _at, name, marked in named:
            if self._former(marked, lang):
                continue  # "dulu saya tinggal di Osaka": where the resident lived before
            away = [m.span() for phrases in chain for p in phrases.elsewhere if (m := p.search(marked))]
            for phrases in chain:
                for how, patterns in (("lives", phrases.lives), ("update", phrases.update)):
                    for pattern in patterns:
                        found = pattern.search(marked)
                        if found and not any(a <= found.start() and found.end() <= b for a, b in away):
                            # (not a phrase inside one for work: อยู่โอซาก้า in ทำงานอยู่โอซาก้า "I work in Osaka")
                            end = _word_end(norm, found.end() + len(name) - 1)
                            return PlaceStatement(place, how, (found.start(), end))
        now = self._now(named, norm, lang)
        if now is not None:
            return now
        alone = norm
        for _place, at, name, _marked in named:  # "埼玉県川口市です": the places alone, with only words around them
            alone = alone[:at] + _MARK * len(name) + alone[at + len(name) :]
        if named and self._only_the_place(alone, lang):
            return PlaceStatement(named[0][0], "answer", (0, len(norm)))
        nearest: tuple[int, PlaceStatement] | None = None
        for place, at, name, marked in named:
            if self._away(marked, lang):
                continue  # "kerja di Saitama", "work in Tokyo": where the resident works, not lives
            told = self._without_not_verbs(marked, lang)  # "thẻ cư trú" (residence card) says nothing of living
            for verb in (m for phrases in chain for pattern in phrases.verbs for m in pattern.finditer(told)):
                # the statement runs from the place to the verb ("Osaka မှာ နေတယ်"), either order; the marked
                # message is one character for the name, so a verb after it starts len(name) - 1 later
                after = verb.start() > at
                gap = verb.start() - at - 1 if after else at - verb.end()
                end = _word_end(norm, verb.end() + len(name) - 1) if after else at + len(name)
                if nearest is None or gap < nearest[0]:
                    nearest = (gap, PlaceStatement(place, "lives", (min(at, verb.start()), end)))
        return nearest[1] if nearest else None

    def home(self, said: PlaceStatement, text: str, lang: str, places: list[Place]) -> Place:
        """The place a statement makes the resident's address: "愛知県豊田市に住んでいます" states the prefecture,
        and a city named in that prefecture is the address — the one the message states as the resident's when
        it names several ("愛知県に住んでいます。豊田市から岡崎市に引っ越しました": Okazaki), else the first that is
        not where the resident works ("I live in Aichi and work for Toyota": Aichi)."""
        if said.place.kind != "prefecture":  # a designated city's ward named with it: "Nagoya, Minato-ku"
            wards = [p for p in places if p.parent and p.parent == said.place.id]
            return next((w for w in wards if not self._away(self._marked(text, w), lang)), said.place)
        cities = [p for p in places if p.kind == "city" and p.prefecture == said.place.id]
        if len(cities) > 1:
            stated = self.statement(text, lang, cities)
            if stated is not None and stated.how == "lives":
                return stated.place
        return next((city for city in cities if not self._away(self._marked(text, city), lang)), said.place)

    @staticmethod
    def _marked(text: str, place: Place) -> str:
        """The normalised message with the place's name replaced by the mark ("" when the name is not in it)."""
        norm, name = _norm(text), _norm(place.matched) if place.matched else ""
        at = norm.find(name) if name else -1
        return norm[:at] + _MARK + norm[at + len(name) :] if at >= 0 else ""

    def _away(self, marked: str, lang: str) -> bool:
        """Whether the message says the marked place is where the resident works, studies or travels, or lived
        before."""
        return self._former(marked, lang) or any(
            p.search(marked) for phrases in self._chain(lang) for p in phrases.elsewhere
        )

    def _just_before(self, marked: str, reach: int) -> str:
        """The words of the marked place's sentence within ``reach`` characters before the place."""
        at = marked.find(_MARK)
        near = marked[max(0, at - reach) : at] if at >= 0 else ""
        ends = list(_SENTENCE_END.finditer(near))
        return near[ends[-1].end() :] if ends else near

    def _former(self, marked: str, lang: str) -> bool:
        """Whether a word for "before" stands just ahead of the marked place, with no word for "now" after it
        ("Dulu saya tinggal di Osaka", "前は福岡", not "before, now in Osaka")."""
        near = self._just_before(marked, _BEFORE_REACH)
        chain = self._chain(lang)
        before = max((m.end() for phrases in chain for p in phrases.before for m in p.finditer(near)), default=-1)
        now = max((m.end() for phrases in chain for p in phrases.now for m in p.finditer(near)), default=-1)
        return before > now

    def _now(self, named: list, norm: str, lang: str) -> PlaceStatement | None:
        """In a message naming a place the resident left, works in or travels to, the place with a word for
        "now" just ahead of it ("ngayon sa Kyoto na", "いま は くまもと")."""
        if len(named) < 2 or not any(self._away(marked, lang) for _p, _a, _n, marked in named):
            return None
        for place, at, name, marked in named:
            near = self._just_before(marked, _NOW_REACH)
            said = [m for phrases in self._chain(lang) for p in phrases.now for m in p.finditer(near)]
            if said and not self._away(marked, lang):
                start = at - len(near) + min(m.start() for m in said)
                return PlaceStatement(place, "lives", (start, _word_end(norm, at + len(name))))
        return None

    def _someone_else(self, before: str, lang: str) -> bool:
        """Whether the words just before the place name someone else as the one living there (a friend)."""
        near = before[-_OTHERS_REACH:]
        return any(word in near for phrases in self._chain(lang) for word in phrases.others)

    def _without_not_verbs(self, marked: str, lang: str) -> str:
        for phrases in self._chain(lang):
            for word in phrases.not_verbs:
                marked = marked.replace(word, " " * len(word))
        return marked

    def _only_the_place(self, marked: str, lang: str) -> bool:
        rest = marked.replace(_MARK, " ")
        words = sorted({w for p in self._chain(lang) for w in p.only}, key=len, reverse=True)
        for word in words:
            rest = rest.replace(word, " ")
        return not _PUNCT.sub("", rest)

    def asks_plain(self, text: str, lang: str) -> bool:
        """The message asks for answers in plain Japanese (やさしい日本語)."""
        norm = _norm(text)
        return any(_norm(p) in norm for phrases in self._chain(lang) for p in phrases.plain)


def load_residence_phrases(translations: Path) -> ResidencePhrases:
    by_lang = {}
    for path in sorted(translations.glob("*/residence.yaml")):
        data = load_yaml(path) or {}
        for key in ("lives", "update", "only", "plain"):
            if not isinstance(data.get(key), list):
                raise ValueError(f"{path}: '{key}' must be a list")
        elsewhere = data.get("elsewhere") or []
        if not isinstance(elsewhere, list):
            raise ValueError(f"{path}: 'elsewhere' must be a list")
        for phrase in data["lives"] + data["update"] + elsewhere:
            if phrase.count("{place}") != 1:
                raise ValueError(f"{path}: {phrase!r} must hold {{place}} once")
        by_lang[path.parent.name] = _Phrases(
            tuple(_pattern(p) for p in data["lives"]),
            tuple(_pattern(p) for p in data["update"]),
            tuple(_norm(w) for w in data["only"]),
            tuple(data["plain"]),
            tuple(_verb(w) for w in data.get("verbs") or ()),
            tuple(_norm(w) for w in data.get("not_verbs") or ()),
            tuple(_norm(w) for w in data.get("others") or ()),
            tuple(_pattern(p) for p in elsewhere),
            tuple(_verb(w) for w in data.get("before") or ()),
            tuple(_verb(w) for w in data.get("now") or ()),
        )
    return ResidencePhrases(by_lang)
