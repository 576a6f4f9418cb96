"""A message in parts: "I live in Osaka. Where is the immigration office?" states a place and asks a question;
"How do I renew my visa? Also, where do I pay resident tax?" asks two. ``split_message`` cuts sentences (and a
residence clause such as "I live in X," at the head of a question), and tells each part's role: a place
statement, a request for plain Japanese, or something to answer. The questions then go to the retriever in
one batched search (``search_many``)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.dialogue.residence import PlaceStatement, ResidencePhrases
from knowledge.places import Gazetteer

__all__ = ["Part", "MessageParts", "split_sentences", "split_message"]

# sentence ends in the project's scripts: Latin/Cyrillic . ? !, CJK 。？！, Devanagari ।, Myanmar ။, Khmer ។
_END = re.compile(r"(?<=[?!。？！।။។\n])|(?<=[^\d\s.]\.)(?=\s)")
_MIN_CHARS = 2


@dataclass(frozen=True)
class Part:
    text: str
    role: str                              # "place" | "register" | "question"
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


def split_message(text: str, lang: str, places: Gazetteer, phrases: ResidencePhrases,
                  prefecture: str = "") -> MessageParts:
    parts: list[Part] = []
    for sentence in split_sentences(text):
        found = places.find(sentence, prefecture=prefecture)
        statement = phrases.statement(sentence, lang, found) if found else None
        plain = phrases.asks_plain(sentence, lang)
        if statement is not None and statement.how in ("lives", "answer"):
            rest = _after_clause(sentence, statement)
            parts.append(Part(sentence if not rest else sentence[: len(sentence) - len(rest)].strip(" ,、，"),
                              "place", statement))
            if rest:
                parts.append(Part(rest, "register" if phrases.asks_plain(rest, lang) else "question"))
        elif plain and len(found) == 0 and _short(sentence):
            parts.append(Part(sentence, "register"))
        else:
            parts.append(Part(sentence, "question", statement))
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
