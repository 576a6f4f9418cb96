"""One resident's visit to the counter, kept as one conversation (channel ``staff``).

Each lookup a clerk makes for the resident is stored like a chat turn: what the resident said (redacted,
as every stored message is), the answer shown in the resident's language, and an outcome row — so the
lookups are counted in analytics by language and topic as counter traffic. The conversation's state
carries the resident's language and place, so the web chat opened from the handout's QR code
(``/?session=<visit id>``) goes on in the same language for the same place. Visits expire with every
other conversation (``TSUNAGU_RETENTION_DAYS``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.dialogue.state import DialogueState
from bot.redact import redact
from bot.staff_view import StaffView
from bot.store.outcome import TurnOutcome
from bot.store.store import ConversationStore

__all__ = ["StaffVisits", "VisitEntry", "CHANNEL", "new_visit_id", "is_visit_id"]

CHANNEL = "staff"
_PREFIX = "visit-"


def new_visit_id() -> str:
    return _PREFIX + secrets.token_urlsafe(12)


def is_visit_id(value: str) -> bool:
    return (
        value.startswith(_PREFIX)
        and 8 < len(value) <= 64
        and value[len(_PREFIX) :].replace("-", "").replace("_", "").isalnum()
    )


@dataclass(frozen=True)
class VisitEntry:
    said: str  # redacted
    topic: str  # the best topic id shown ("" when none)
    lang: str


class StaffVisits:
    def __init__(self, store: ConversationStore) -> None:
        self.store = store

    def record(self, visit_id: str, said: str, view: StaffView, prefecture: str, city: str) -> None:
        question = redact(said)
        best = view.best
        self.store.record_incoming(visit_id, CHANNEL, question, view.lang)
        with self.store.turn(visit_id, CHANNEL) as turn:
            state = DialogueState.from_dict(turn.state)
            state.lang, state.register = view.speech.lang, view.speech.register
            state.prefecture, state.city = prefecture or state.prefecture, city or state.city
            if best:
                state.recent_topics = [best.topic_id] + [t for t in state.recent_topics if t != best.topic_id][:4]
            turn.state = state.to_dict()
            if view.answer:
                turn.say(view.answer, view.lang, {"sources": [best.topic_id] if best else [], "staff": True})
            answered = bool(best and view.confident)
            turn.outcome = TurnOutcome(
                CHANNEL,
                view.lang,
                question,
                "answered" if answered else "unanswered",
                topic=best.topic_id if answered and best else "",
                confidence=best.similarity if best else 0.0,
            )

    def history(self, visit_id: str) -> list[VisitEntry]:
        """The visit's lookups, oldest first."""
        entries, said, lang = [], None, ""
        for message in self.store.messages(visit_id):
            if message.direction == "in":
                if said is not None:
                    entries.append(VisitEntry(said, "", lang))
                said, lang = message.text, message.lang
            elif said is not None:
                sources = (message.meta or {}).get("sources") or []
                entries.append(VisitEntry(said, sources[0] if sources else "", lang))
                said = None
        if said is not None:
            entries.append(VisitEntry(said, "", lang))
        return entries
