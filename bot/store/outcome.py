"""What became of one question, recorded per turn for the analytics pages and the metrics.

``answered``: a guidebook topic was given; ``handoff``: the resident was referred to an office;
``unanswered``: nothing was close enough and the bot said it was unsure; ``emergency``: a line to call now
(the turn ended in an emergency step); ``serious``: a serious situation sent to a person or office (the turn
ended in a serious-situation step); ``other``: greetings, language or place settings, a question for the
resident's place. Emergencies and serious situations are counted only: their question text is not kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from bot.replies import Reply
from bot.speech import Speech

__all__ = ["TurnOutcome", "OUTCOMES", "STEP_OUTCOMES"]

OUTCOMES = ("answered", "handoff", "unanswered", "emergency", "serious", "other")
# the step that ended a turn (bot/dialogue/steps.py, including the safety steps) -> its own outcome
STEP_OUTCOMES = {
    "emergency": "emergency",
    "danger": "emergency",
    "serious_situation": "serious",
    "situations": "serious",
}


@dataclass(frozen=True)
class TurnOutcome:
    channel: str
    lang: str  # the reply's content key (``Speech.key``), "ja-plain" for plain Japanese
    question: str  # already redacted
    outcome: str  # one of OUTCOMES
    topic: str = ""
    confidence: float = 0.0
    handoff_reason: str = ""
    handoff_office: str = ""

    def row(self) -> dict:
        """The fields by name, for the outcomes table (what ``dataclasses.asdict`` gives for these flat fields,
        without its recursive copy on every turn)."""
        values = vars(self)
        return {name: values[name] for name in _FIELDS}

    @classmethod
    def of_turn(
        cls, *, channel: str, speech: Speech, question: str, replies: Sequence[Reply], said_unsure: bool, step: str = ""
    ) -> TurnOutcome:
        lang = speech.key
        handoff = next((r.handoff for r in replies if r.handoff), None)
        if step in STEP_OUTCOMES:  # counts only: what a person in danger wrote is not kept for analytics
            return cls(
                channel,
                lang,
                "",
                STEP_OUTCOMES[step],
                handoff_reason=handoff.reason if handoff else "",
                handoff_office=handoff.office.id if handoff else "",
            )
        if handoff is not None:
            return cls(
                channel, lang, question, "handoff", handoff_reason=handoff.reason, handoff_office=handoff.office.id
            )
        answer = next((r for r in replies if r.sources), None)
        if answer is not None:
            return cls(
                channel, lang, question, "answered", topic=answer.sources[0].id, confidence=round(answer.confidence, 4)
            )
        return cls(channel, lang, question, "unanswered" if said_unsure else "other")


_FIELDS = tuple(f.name for f in fields(TurnOutcome))
