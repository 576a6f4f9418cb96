"""A question comparing two things (issue 12): "What is the difference between resident tax and income tax?",
"Apa bedanya shakai hoken sama kokumin kenkou hoken?" ask about each of them — the resident is answered on
both, not on the nearer one only. The question's words say it compares (``compares`` in
``translations/<lang>/parts.yaml``); its two things are its first topic and its runner-up, when that comes
within ``compare_lead`` of the first and is sure enough to answer on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from knowledge.retriever import TopicHit

__all__ = ["other_compared"]


def other_compared(turn: Turn, text: str, topics: list[TopicHit], first: TopicHit, taken: set[str]) -> TopicHit | None:
    """The other thing a comparing question asks about: its runner-up beside ``first`` (the topic it is answered
    with) when the text compares, the runner-up is close to the first (``compare_lead``), above the answer
    threshold and not answered already (``taken``); None otherwise."""
    policy = turn.policy
    if not turn.dialogue.router.desk.compares(text, turn.speech.key):
        return None
    others = [h for h in topics[:2] if h.topic_id != first.topic_id]
    if not others:
        return None
    other = others[0]
    close = max(h.dense for h in topics[:2]) - other.dense <= policy.compare_lead
    if not close or other.dense < policy.answer_threshold or other.topic_id in taken:
        return None
    return other
