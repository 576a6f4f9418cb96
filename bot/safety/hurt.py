"""Who is hurt (issue 13): violence at home or a child in danger, decided by the one the hitting verb is done to.

"My husband hits me in front of the kids" and "my husband hits the kids" share their words; the model and the
cue phrases hardly tell them apart, and examples of one moved the other (safety8). Here the sentence decides:
each hitting verb's object — after the verb in English ("hits ME"), before it in Nepali ("मलाई कुट्छ") — is
the writer or another adult at home (``adult``: violence at home, the DV lines first) or a child (``child``:
the child abuse line, 189, first). A verb denied ("he doesn't hit the kids") names no one; a child after "in
front of" or "while" (a ``stop`` word) is there, not hit; "only me" (``alone``) names the writer without a
verb; a writer who is a child ("my stepdad hits me, I am 14": ``writer_child``) is a child hurt.

The words are data, per language: ``translations/<lang>/who_is_hurt.yaml`` (a language without the file
decides nothing); which situations the two readings are: ``knowledge/data/who_is_hurt.yaml``. Phrases are
matched as whole words of the folded text (``texts.fold``); a word ending in ``*`` matches every word it
begins; where phrases of two lists start at the same word, the longer one stands ("my mother in law" is an
adult hurt, not "my mother" of a child writer).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import DATA_DIR, TRANSLATIONS_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["ADULT", "BOTH", "CHILD", "Hurt", "WhoIsHurt", "load_who_is_hurt"]

ADULT, CHILD, BOTH = "adult", "child", "both"
_LISTS = ("hurt", "adult", "child", "not", "stop", "alone", "writer_child")
_OPTIONAL = (
    "not_endings",
    "not_after",
    "passive",
    "passive_side",
    "passive_writer",
    "before_window",
    "not_window",
    "spaceless",
    "space_breaks",
    "children",
)
_BREAK = re.compile(r"[.!?。！？,;，、؛\n।|၊။។៕]+")  # Burmese ၊ ။ and Khmer ។ ៕ end a clause too

_PHRASE_ENDS = "\"'()[]{}«»“”‘…:~"  # a phrase's word keeps its * (a word it begins)

Words = tuple[tuple[str, ...], ...]  # phrases, each as its words


def _words(text: str, ends: str = "\"'()[]{}«»“”‘…:*~") -> list[str]:
    """The words of a folded clause, without the punctuation at their ends (an inner apostrophe stays)."""
    kept = []
    for raw in text.replace("’", "'").replace("-", " ").split():
        word = raw.strip(ends)
        if word and not all(unicodedata.category(c)[0] in "PS" for c in word):
            kept.append(word)
    return kept


def _same(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") and len(pattern) > 1 else word == pattern


@dataclass(frozen=True)
class Hurt:
    """One language's words (folded): where the object stands, how far to look, and the lists."""

    lang: str
    before: bool  # the object stands before the verb (Nepali), else after it (English)
    window: int
    lists: dict[str, Words]
    either: bool = False  # the object stands on either side (Tagalog: "pati yung mga anak sinasaktan nya")
    not_endings: tuple[str, ...] = ()
    before_window: int = 0  # with ``either``: the words looked at before the verb (Spanish "me pega": 2)
    not_window: int = 3  # a ``not`` word this near before the verb denies it ("he does not ever hit the kids")
    spaceless: bool = False  # written without spaces: the "words" are characters, windows count characters
    passive_before: bool = False  # a ``passive`` verb's one hurt stands before it (Indonesian "saya dipukul")
    passive_writer: bool = False  # … and is the writer when none is named there (Japanese 「夫に殴られた」)
    space_breaks: bool = False  # a space ends a phrase (Chinese 「打我 孩子都看见了」: me, then the children saw)

    def words(self, text: str) -> list[str]:
        """The words of a folded text: its characters, for a script written without spaces (Chinese, Thai)."""
        return [c for c in text if not c.isspace()] if self.spaceless else _words(text)

    def clauses(self, clause: str) -> list[str]:
        """A clause, or its parts between spaces where a space ends a phrase (Chinese, Thai: ``space_breaks``;
        not Japanese, whose learners type a space between words)."""
        return clause.split() if self.space_breaks else [clause]

    def at(self, words: list[str], i: int, name: str) -> int:
        """The length (in words) of the longest phrase of list ``name`` starting at word ``i``, 0 for none."""
        best = 0
        for phrase in self.lists[name]:
            n = len(phrase)
            if n > best and i + n <= len(words) and all(_same(p, w) for p, w in zip(phrase, words[i : i + n])):
                best = n
        return best

    def named(self, words: list[str], i: int, name: str) -> int:
        """``at``, unless a longer phrase of another list starts there too ("my mother in law")."""
        n = self.at(words, i, name)
        return n if n and all(self.at(words, i, other) <= n for other in _LISTS if other != name) else 0

    def victims(self, clause: str, child_named: bool = False) -> set[str]:
        """``ADULT`` and/or ``CHILD``: who the clause's hitting verbs are done to (or ``alone`` names).
        ``child_named``: the message names a child somewhere (then a passive verb names no writer)."""
        words = self.words(clause)
        found: set[str] = set()
        for i in range(len(words)):
            if self.named(words, i, "alone"):
                found.add(ADULT)
            passive = self.at(words, i, "passive")
            n = passive or self.at(words, i, "hurt")
            if not n or self._denied(words, i, n):
                continue
            named = self._objects(words, i, n, self.passive_before if passive else self.before)
            # 「夫に殴られた」: a passive verb naming no one hurt is said by the one hurt, the writer — unless the
            # message names a child anywhere (「こどもが ないて います。おやに たたかれて いる みたい」)
            found |= named or ({ADULT} if passive and self.passive_writer and not child_named else set())
        return found

    def _denied(self, words: list[str], i: int, n: int) -> bool:
        if any(words[i + n - 1].endswith(e) for e in self.not_endings):
            return True
        start = max(0, i - self.not_window)
        # Japanese 「叩かない」: the denial follows the verb at once (「たたかれて ないて」 is crying, not a denial)
        return any(self.at(words, j, "not") for j in range(start, i)) or bool(self.at(words, i + n, "not_after"))

    def _objects(self, words: list[str], i: int, n: int, before: bool) -> set[str]:
        """The adults and children named on the object's side of the verb at ``i`` (``before`` it, or after;
        both sides when the language's object stands either way), up to a stop word or ``window`` words."""
        found: set[str] = set()
        sides = (True, False) if self.either else (before,)
        for side in sides:
            back = self.before_window if self.either else self.window  # a clitic's short reach ("me pega")
            steps = range(i - 1, max(-1, i - 1 - back), -1) if side else range(i + n, i + n + self.window)
            span = []
            for j in steps:
                if j >= len(words) or self.at(words, j, "not") or (not side and self.at(words, j, "stop")):
                    break  # "in front of the kids", "me, not the kids" (before the verb, "çocukların önünde" is
                span.append(j)  # passed over: the child in front of whom is no object form)
            j, end = min(span, default=0), max(span, default=-1) + 1
            while j < end:  # read left to right, each phrase once: "anak saya" is a child, not also "saya"
                step = 1
                for kind, name in ((ADULT, "adult"), (CHILD, "child")):
                    m = self.named(words, j, name)
                    if m:
                        found.add(kind)
                        step = max(step, m)
                j += step
        return found

    def names_a_child(self, words: list[str]) -> bool:
        """Does the text name a child anywhere, as the one hurt or not (``child``, ``children``: 「子どもの泣き声」)?"""
        return any(self.at(words, i, "child") or self.at(words, i, "children") for i in range(len(words)))

    def writer_is_a_child(self, words: list[str]) -> bool:
        return any(self.named(words, i, "writer_child") for i in range(len(words)))


@dataclass(frozen=True)
class WhoIsHurt:
    """The two readings (situation ids) and every language's words."""

    adult: str  # violence at home
    child: str  # a child in danger
    languages: tuple[Hurt, ...]

    def victim(self, text: str, fold: Callable[[str], str]) -> str:
        """``ADULT`` when only the writer or another adult is hurt, ``CHILD`` when only a child is (or the writer
        is a child), ``BOTH`` when the message names both ("he beats me and the kids"), "" when it names
        neither. Every language's words are tried: residents mix languages."""
        folded = fold(text)
        clauses = [c for c in _BREAK.split(folded) if c.strip()]
        found: set[str] = set()
        child_writer = False
        for hurt in self.languages:
            child_named = hurt.passive_writer and any(hurt.names_a_child(hurt.words(c)) for c in clauses)
            for clause in clauses:
                for part in hurt.clauses(clause):
                    found |= hurt.victims(part, child_named)
            child_writer = child_writer or hurt.writer_is_a_child(hurt.words(folded))
        if child_writer and found:
            return CHILD
        return next(iter(found)) if len(found) == 1 else (BOTH if found else "")


def _phrases(path: Path, name: str, raw: object, fold: Callable[[str], str], spaceless: bool = False) -> Words:
    if not isinstance(raw, list) or not all(isinstance(p, (str, int)) and str(p).strip() for p in raw):
        raise ValueError(f"{path}: {name} must be a list of phrases")
    if spaceless:
        return tuple(tuple(c for c in fold(str(p)) if not c.isspace()) for p in raw)
    return tuple(tuple(_words(fold(str(p)), ends=_PHRASE_ENDS)) for p in raw)


def _language(path: Path, fold: Callable[[str], str]) -> Hurt:
    data = load_yaml(path) or {}
    if data.get("object") not in ("before", "after", "either"):
        raise ValueError(
            f"{path}: object must be 'before', 'after' or 'either' (where the hitting verb's object stands)"
        )
    window = data.get("window")
    if not isinstance(window, int) or not 1 <= window <= 8:
        raise ValueError(f"{path}: window must be a whole number of words, 1 to 8")
    unknown = set(data) - set(_LISTS) - set(_OPTIONAL) - {"object", "window"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    spaceless = data.get("spaceless", False)
    if not isinstance(spaceless, bool):
        raise ValueError(f"{path}: spaceless must be true or false")
    lists = {name: _phrases(path, name, data.get(name), fold, spaceless) for name in _LISTS}
    for name in ("passive", "not_after", "children"):
        lists[name] = _phrases(path, name, data.get(name) or [], fold, spaceless)
    if not lists["hurt"] or not lists["adult"] or not lists["child"]:
        raise ValueError(f"{path}: hurt, adult and child need at least one phrase each")
    endings = _phrases(path, "not_endings", data.get("not_endings") or [], fold, spaceless)
    side = data["object"]
    back = data.get("before_window", window)
    if not isinstance(back, int) or not 1 <= back <= 8:
        raise ValueError(f"{path}: before_window must be a whole number of words, 1 to 8")
    denial = data.get("not_window", 3)
    if not isinstance(denial, int) or not 1 <= denial <= 8:
        raise ValueError(f"{path}: not_window must be a whole number of words, 1 to 8")
    words = tuple("".join(e) if spaceless else " ".join(e) for e in endings)
    passive_side = data.get("passive_side", "after" if side == "before" else "before")
    if passive_side not in ("before", "after") or not isinstance(data.get("passive_writer", False), bool):
        raise ValueError(f"{path}: passive_side must be 'before' or 'after', passive_writer true or false")
    return Hurt(
        path.parent.name,
        side == "before",
        window,
        lists,
        side == "either",
        words,
        back,
        denial,
        spaceless,
        passive_side == "before",
        bool(data.get("passive_writer", False)),
        bool(data.get("space_breaks", False)),
    )


def load_who_is_hurt(
    fold: Callable[[str], str], root: Path = TRANSLATIONS_DIR, readings: Path = DATA_DIR / "who_is_hurt.yaml"
) -> WhoIsHurt:
    """``fold``: how messages are folded before their words are read (``texts.fold``)."""
    data = load_yaml(readings) or {}
    if not data.get("adult") or not data.get("child"):
        raise ValueError(f"{readings}: adult and child (the two situation ids) are required")
    paths: Iterable[Path] = sorted(root.glob("*/who_is_hurt.yaml"))
    return WhoIsHurt(str(data["adult"]), str(data["child"]), tuple(_language(p, fold) for p in paths))
