"""Close neighbours for one part of a message (issue 12): when a part's best topic leads the next ones by very
little ("How do I put out oversized garbage": garbage 0.897, oversized garbage 0.889), the part's own words
decide — the topic whose title, in the conversation's language, shares the most of the part's letters
("Oversized garbage and home appliances"). Titles are the content's own (any language); the comparison is
of character n-grams within words, so it needs no word lists: pairs of kana, kanji or hangul (a word in two
characters: 年金, 쓰레기), triples in other scripts ("basura grande": bas, asu, … gra, ran, …)."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from knowledge.retriever import TopicHit

__all__ = ["letter_grams", "shared_letters", "by_title"]

_WORDS = re.compile(r"[\s,.;:!?¿¡\"'()\[\]{}、。，？！（）・「」/-]+")
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, kanji, hangul: a word in 1-3 characters


def letter_grams(text: str) -> set[str]:
    """The character n-grams within the words of ``text`` (folded): pairs in kana, kanji and hangul, else triples;
    a shorter word of two letters or more as it is (कर "tax")."""
    grams: set[str] = set()
    for word in _WORDS.split(unicodedata.normalize("NFKC", text).casefold()):
        n = 2 if _DENSE.search(word) else 3
        grams |= {word[i : i + n] for i in range(len(word) - n + 1)} if len(word) >= n else {word}
    grams.discard("")
    return grams


def shared_letters(part: str, title: str) -> float:
    """How much of a title the part's words share: the title's n-grams the part has, over the square root of the
    title's (a long title shares more by its length alone: "Одноразова допомога при народженні дитини")."""
    grams = letter_grams(title)
    return len(letter_grams(part) & grams) / math.sqrt(len(grams)) if grams else 0.0


def by_title(turn: Turn, part: str, topics: list[TopicHit]) -> list[TopicHit]:
    """``topics`` with the part's best topic decided among its close neighbours (within ``neighbour_lead`` of
    the first, among the first ``neighbour_candidates``) by the titles the part's words share most of: a
    neighbour comes first only when it shares clearly more than the first (``neighbour_title_margin``)."""
    policy = turn.policy
    if len(topics) < 2:
        return topics
    close = [h for h in topics[: policy.neighbour_candidates] if topics[0].dense - h.dense <= policy.neighbour_lead]
    if len(close) < 2:
        return topics
    assistant = turn.dialogue.assistant
    written = assistant.part_texts([part], turn.speech)[0]  # kana-only Japanese with the content's kanji (子どもの)

    def shared(hit: TopicHit) -> float:
        found = assistant.topic_text(hit.topic_id, turn.speech)
        return shared_letters(written, found[0].title) if found else 0.0

    first = shared(topics[0])
    best = max(close[1:], key=shared)
    if shared(best) < first + policy.neighbour_title_margin:
        return topics
    return [best] + [h for h in topics if h is not best]
