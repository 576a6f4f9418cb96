"""A message in parts: "I live in Osaka. Where is the immigration office?" states a place and asks a question;
"How do I renew my visa? Also, where do I pay resident tax?" asks two. ``split_message`` cuts sentences (and a
residence clause such as "I live in X," at the head of a question), and tells each part's role: a place
statement, a request for plain Japanese, or something to answer. The questions then go to the retriever in
one batched search (``search_many``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pathlib import Path

from bot.dialogue.residence import PlaceStatement, ResidencePhrases
from knowledge.places import Gazetteer
from knowledge.yamlfile import load_yaml

__all__ = ["Part", "MessageParts", "Joiners", "load_joiners", "split_sentences", "split_clauses", "split_message"]

# sentence ends in the project's scripts: Latin/Cyrillic . ? !, CJK 。？！, Devanagari ।, Myanmar ။, Khmer ។
_END = re.compile(r"(?<=[?!。？！।။។\n])|(?<=[^\d\s.]\.)(?=\s)")
_MIN_CHARS = 2
_CLAUSE_MIN_CHARS = 6  # each side of a joiner must be at least this long to count as a question


class Joiners:
    """Words joining two questions in one sentence, per language (``translations/<lang>/parts.yaml``)."""

    def __init__(self, by_lang: dict[str, tuple[str, ...]]) -> None:
        self._by_lang = by_lang

    def of(self, lang: str) -> tuple[str, ...]:
        keys = dict.fromkeys([lang, "ja" if lang == "ja-plain" else "", "en"])
        return tuple(j for k in keys if k in self._by_lang for j in self._by_lang[k])


def load_joiners(translations: Path) -> Joiners:
    by_lang = {}
    for path in sorted(translations.glob("*/parts.yaml")):
        data = load_yaml(path) or {}
        if not isinstance(data.get("joiners"), list):
            raise ValueError(f"{path}: 'joiners' must be a list")
        by_lang[path.parent.name] = tuple(unicodedata.normalize("NFKC", j).casefold() for j in data["joiners"])
    return Joiners(by_lang)


def split_clauses(sentence: str, joiners: tuple[str, ...]) -> list[str]:
    """'国民健康保険に入りたいのと、あと年金も知りたい' -> two questions, at the first joiner that leaves two
    long enough sides."""
    folded = sentence.casefold()
    for joiner in sorted(joiners, key=len, reverse=True):
        at = folded.find(joiner)
        if at < 0:
            continue
        left = sentence[:at].strip(" ,、，")
        right = sentence[at + len(joiner) :].strip(" ,、，")
        if len(left) >= _CLAUSE_MIN_CHARS and len(right) >= _CLAUSE_MIN_CHARS:
            return [left] + split_clauses(right, joiners)
    return [sentence]


@dataclass(frozen=True)
class Part:
    text: str
    role: str  # "place" | "register" | "question"
    place: PlaceStatement | None = None


@dataclass(frozen=True)
class MessageParts:
    parts: tuple[Part, ...]

    @property
    def questions(self) -> list[str]:
        return [p.text for p in self.parts if p.role == "question"]

    @property
    def place(self) -> PlaceStatement | None:
        return next((p.place for p in self.parts if p.place is not None), None)

    @property
    def asks_plain(self) -> bool:
        return any(p.role == "register" for p in self.parts)

    @property
    def several(self) -> bool:
        return len(self.parts) > 1


def split_sentences(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).strip()
    return [s.strip() for s in _END.split(text) if len(s.strip(" ,、，.。")) >= _MIN_CHARS]


def split_message(
    text: str,
    lang: str,
    places: Gazetteer,
    phrases: ResidencePhrases,
    prefecture: str = "",
    joiners: Joiners | None = None,
) -> MessageParts:
    parts: list[Part] = []
    for sentence in split_sentences(text):
        found = places.find(sentence, prefecture=prefecture)
        statement = phrases.statement(sentence, lang, found) if found else None
        plain = phrases.asks_plain(sentence, lang)
        if statement is not None and statement.how in ("lives", "answer"):
            rest = _after_clause(sentence, statement)
            parts.append(
                Part(
                    sentence if not rest else sentence[: len(sentence) - len(rest)].strip(" ,、，"), "place", statement
                )
            )
            if rest:
                parts.append(Part(rest, "register" if phrases.asks_plain(rest, lang) else "question"))
        elif plain and len(found) == 0 and _short(sentence):
            parts.append(Part(sentence, "register"))
        else:
            clauses = split_clauses(sentence, joiners.of(lang)) if joiners and statement is None else [sentence]
            parts += [Part(clause, "question", statement) for clause in clauses]
    return MessageParts(tuple(parts))


def _after_clause(sentence: str, statement: PlaceStatement) -> str:
    """'I live in Aichi, where do I renew?' -> 'where do I renew?' (what follows the residence clause)."""
    norm = unicodedata.normalize("NFKC", sentence)
    end = statement.span[1]
    if statement.how != "lives" or end >= len(norm):
        return ""
    rest = norm[end:].lstrip(" ,、，:;-")
    return rest if len(rest) >= 8 else ""


def _short(sentence: str) -> bool:
    return len(sentence) <= 80
