"""A question comparing two things (issue 12): "What is the difference between resident tax and income tax?",
"Apa bedanya shakai hoken sama kokumin kenkou hoken?" ask about each of them — the resident is answered on
both, not on the nearer one only. The question's words say it compares (``compares`` in
``translations/<lang>/parts.yaml``); its two things are its first topic and, of the next ones within
``compare_lead`` of it, the one whose title shares most of the question's letters that the first one's title
does not (the other thing it names: 所得税 beside 住民税, not "taxes when leaving Japan"); none when no title
shares enough of them (``compare_title_share``): "the difference between hoikuen and yochien" is one topic's,
nursery schools and kindergartens, and "can I get the difference back?" names nothing else."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from bot.dialogue.neighbours import letter_grams

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from knowledge.retriever import TopicHit

__all__ = ["other_compared"]


def other_compared(turn: Turn, text: str, topics: list[TopicHit], first: TopicHit, taken: set[str]) -> TopicHit | None:
    """The other thing a comparing question asks about, beside ``first`` (the topic it is answered with): of its
    next topics (``compare_candidates``) within ``compare_lead`` of its best, as sure as a part's topic the whole
    message is near (``part_slack`` below the answer threshold) and not answered already (``taken``), the one
    whose title shares most of the question's words that ``first``'s title does not hold; None when the text
    does not compare, no topic is that close or none names the other thing."""
    policy = turn.policy
    if not turn.dialogue.router.desk.compares(text, turn.speech.key) or not topics:
        return None
    best = max(h.dense for h in topics[: policy.compare_candidates])
    close = [
        h
        for h in topics[: policy.compare_candidates]
        if h.topic_id != first.topic_id
        and h.topic_id not in taken
        and best - h.dense <= policy.compare_lead
        and h.dense >= policy.answer_threshold - policy.part_slack  # named in the question: as sure as a part's
    ]
    if not close:
        return None
    assistant = turn.dialogue.assistant

    def title_grams(hit: TopicHit) -> set[str]:
        found = assistant.topic_text(hit.topic_id, turn.speech)
        return letter_grams(found[0].title) if found else set()

    # the question's words that do not name the first thing (its title's letters taken out): what names the other
    rest = letter_grams(assistant.part_texts([text], turn.speech)[0]) - title_grams(first)
    shares = [len(rest & grams) / math.sqrt(len(grams)) if grams else 0.0 for grams in map(title_grams, close)]
    if max(shares) < policy.compare_title_share:
        return None  # the other thing is not named apart from the first ("hoikuen or yochien": one topic for both)
    return close[shares.index(max(shares))]  # the first of equal shares: the nearest
