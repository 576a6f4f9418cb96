"""What the store hands out and takes in: a stored message, a resident's rating, and a conversation's turn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.store.outcome import TurnOutcome

__all__ = ["StoredMessage", "Rating", "Turn", "RATING"]


@dataclass(frozen=True)
class StoredMessage:
    direction: str
    text: str
    lang: str
    meta: dict
    created_at: dt.datetime


RATING = "fb"  # the direction of a "was this helpful?" row in the messages table (no text, meta below)


@dataclass(frozen=True)
class Rating:
    """A resident's "was this helpful?" on one answer: the answer's place in the conversation (0 = first
    answer), and the answer's language and first source topic, copied from the stored reply."""

    conversation_id: str
    answer: int
    helpful: bool
    lang: str
    topic: str
    channel: str
    created_at: dt.datetime


@dataclass
class Turn:
    """One conversation's state during a turn; ``replies`` are stored with the state at the end."""

    conversation_id: str
    state: dict
    replies: list[tuple[str, str, dict]] = field(default_factory=list)
    outcome: TurnOutcome | None = None  # what became of the question (text turns only)

    def say(self, text: str, lang: str, meta: dict | None = None) -> None:
        self.replies.append((text, lang, meta or {}))
