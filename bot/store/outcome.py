"""What became of one question, recorded per turn for the analytics pages and the metrics.

``answered``: a guidebook topic was given; ``handoff``: the resident was referred to an office;
``unanswered``: nothing was close enough and the bot said it was unsure; ``other``: greetings, language or
place settings, emergency numbers, a question for the resident's place.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.replies import Reply
from bot.speech import Speech

__all__ = ["TurnOutcome", "OUTCOMES"]

OUTCOMES = ("answered", "handoff", "unanswered", "other")


@dataclass(frozen=True)
class TurnOutcome:
    channel: str
    lang: str                 # the reply's content key (``Speech.key``), "ja-plain" for plain Japanese
    question: str             # already redacted
    outcome: str              # one of OUTCOMES
    topic: str = ""
    confidence: float = 0.0
    handoff_reason: str = ""
    handoff_office: str = ""

    @classmethod
    def of_turn(cls, *, channel: str, speech: Speech, question: str, replies: Sequence[Reply],
                said_unsure: bool) -> TurnOutcome:
        lang = speech.key
        handoff = next((r.handoff for r in replies if r.handoff), None)
        if handoff is not None:
            return cls(channel, lang, question, "handoff", handoff_reason=handoff.reason,
                       handoff_office=handoff.office.id)
        answer = next((r for r in replies if r.sources), None)
        if answer is not None:
            return cls(channel, lang, question, "answered", topic=answer.sources[0].id,
                       confidence=round(answer.confidence, 4))
        return cls(channel, lang, question, "unanswered" if said_unsure else "other")
