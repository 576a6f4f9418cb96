"""A message in parts: "I live in Osaka. Where is the immigration office?" states a place and asks a question;
"How do I renew my visa? Also, where do I pay resident tax?" asks two. ``split_message`` cuts sentences (and a
residence clause such as "I live in X," at the head of a question), and tells each part's role: a place
statement, a request for plain Japanese, or something to answer. The questions then go to the retriever in
one batched search (``search_many``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


from bot.dialogue.clauses import (
    asks,
    requests,
    split_asking,
    split_clauses,
    split_marked,
    split_pair,
)
from bot.dialogue.compared_pair import split_compared
from bot.dialogue.part_words import Joiners, PartWords, fold, load_joiners
from bot.dialogue.residence import PlaceStatement, ResidencePhrases
from knowledge.places import Gazetteer

__all__ = [
    "Part",
    "MessageParts",
    "PartWords",
    "Joiners",
    "load_joiners",
    "split_sentences",
    "split_clauses",
    "split_asking",
    "split_marked",
    "split_message",
    "asks",
]

# sentence ends in the project's scripts: Latin/Cyrillic . ? !, CJK 。？！, Devanagari ।, Myanmar ။, Khmer ។
_END = re.compile(r"(?<=[?!。？！।။។\n])|(?<=[^\d\s.]\.)(?=\s)")
_MIN_CHARS = 2


@dataclass(frozen=True)
class Part:
    text: str
    role: str  # "place" | "register" | "question"
    place: PlaceStatement | None = None
    weak: bool = False  # cut from a statement beside it: maybe the same question ("I lost my card, what now?")
    pair: bool = False  # one thing of a pair asked about in one frame ("tell me about X and Y"): a topic question
    joined: bool = False  # joined by "and also" to a side that asks or wants: asked too ("I want X and also Y")


@dataclass(frozen=True)
class MessageParts:
    parts: tuple[Part, ...]

    @property
    def questions(self) -> list[str]:
        return [p.text for p in self.parts if p.role == "question"]

    @property
    def weak_questions(self) -> set[str]:
        return {p.text for p in self.parts if p.role == "question" and p.weak}

    @property
    def pair_questions(self) -> set[str]:
        return {p.text for p in self.parts if p.role == "question" and p.pair}

    @property
    def joined_questions(self) -> set[str]:
        return {p.text for p in self.parts if p.role == "question" and p.joined}

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
    sentences: bool = False,
) -> MessageParts:
    """``sentences``: each sentence one part (its residence clause apart), not cut into its questions."""
    parts: list[Part] = []
    if sentences:
        joiners = None
    for sentence in split_sentences(text):
        found = places.find(sentence, prefecture=prefecture)
        # a name several municipalities share (港区) still makes "I live in …" a statement, of no place yet
        shared = [] if found else [group[0] for group in places.unsettled(sentence, prefecture)]
        statement = phrases.statement(sentence, lang, found or shared) if found or shared else None
        said = statement if found else None
        plain = phrases.asks_plain(sentence, lang)
        if statement is not None and statement.how in ("lives", "answer"):
            before, rest = _before_clause(sentence, statement, lang, joiners), _after_clause(sentence, statement)
            clause = sentence[len(before) : len(sentence) - len(rest)].strip(" ,、，")
            if before.strip(" ,、，:;-"):  # "Where do I renew my visa if I live in Osaka?": the question first
                parts += [
                    Part(q, "question", weak=weak, pair=pair, joined=joined)
                    for q, weak, pair, joined in _clauses(before.strip(" ,、，:;-"), lang, joiners)
                ]
            parts.append(Part(clause, "place", said))
            if rest and phrases.asks_plain(rest, lang):
                parts.append(Part(rest, "register"))
            elif rest:
                parts += [
                    Part(clause, "question", weak=weak, pair=pair, joined=joined)
                    for clause, weak, pair, joined in _clauses(rest, lang, joiners)
                ]
        elif plain and len(found) == 0 and _short(sentence):
            parts.append(Part(sentence, "register"))
        else:
            clauses = _clauses(sentence, lang, joiners) if statement is None else [(sentence, False, False, False)]
            if clauses and _goes_on(sentence, parts, lang, joiners):
                clauses[0] = (*clauses[0][:3], True)
            parts += [Part(clause, "question", said, weak, pair, joined) for clause, weak, pair, joined in clauses]
    return MessageParts(tuple(parts))


def _goes_on(sentence: str, parts: list[Part], lang: str, joiners: Joiners | None) -> bool:
    """A sentence opening with a joiner ("Also, …", "với cả …") after a question (its mark, or a word that asks or
    wants): it raises one more matter of the message ("…police number? với cả em bị mất ví nữa": and I lost my
    wallet too), answered as a question of its own beside a serious situation (``questions_beside``)."""
    if joiners is None or not parts or parts[-1].role != "question":
        return False
    words = joiners.words(lang)
    folded = fold(sentence).lstrip(" ,、，:;-")
    opens = any(
        folded.startswith(j) and (not words.spaced or not j[-1:].isalnum() or not folded[len(j) : len(j) + 1].isalnum())
        for j in words.joiners
        if j.strip()
    )
    before = parts[-1].text.rstrip()
    return opens and (before.endswith(("?", "？")) or requests(before, words))


def _clauses(sentence: str, lang: str, joiners: Joiners | None) -> list[tuple[str, bool, bool, bool]]:
    """A sentence's questions (each marked weak or not, whether it is one thing of a pair, and whether it was
    joined by "and also" to a side that asks or wants): cut at joiners, then at a pair of things asked about
    in one frame, then each piece where a question ends and another begins."""
    if joiners is None:
        return [(sentence, False, False, False)]
    words = joiners.words(lang)
    clauses = split_clauses(sentence, words.joiners, words.spaced)
    # "saya mau daftar anak ke SD dan juga ikut kelas bahasa Jepang": the side after a joiner goes on with what
    # the side before it asks or wants ("…and also a Japanese class"): a question of its own too
    joined = [n > 0 and requests(clauses[n - 1], words) for n in range(len(clauses))]
    # "tell me about health insurance and the pension": one question for each thing of the pair (before the
    # cut at " and ", which would leave "the pension?" beside a question as a statement)
    # "what's the difference between kokuho and the nenkin?", "X và Y khác nhau thế nào": each thing compared
    # (or asked about "both") on its own words, when no frame made a pair of it
    things = [
        (thing, len(pair) > 1 or compared, join)
        for clause, join in zip(clauses, joined)
        for pair in [split_pair(clause, words)]
        for piece in pair
        for thing, compared in (split_compared(piece, words) if len(pair) == 1 else [(piece, False)])
    ]
    return [(piece, weak, pair, join) for thing, pair, join in things for piece, weak in split_marked(thing, words)]


def _before_clause(sentence: str, statement: PlaceStatement, lang: str, joiners: Joiners | None) -> str:
    """'¿Dónde renuevo mi visa si vivo en Osaka?' -> '¿Dónde renuevo mi visa si ' (what comes before the
    residence clause, when it asks something; "" otherwise: "Hello, I live in Osaka")."""
    norm = unicodedata.normalize("NFKC", sentence)
    start = statement.span[0]
    if statement.how != "lives" or start <= 0 or joiners is None:
        return ""
    before = norm[:start]
    return before if len(before.strip(" ,、，:;-")) >= 8 and asks(before, joiners.words(lang)) else ""


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
