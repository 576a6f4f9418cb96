"""What the assistant remembers about one conversation (stored as JSON in the conversation store)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from bot.speech import Speech

__all__ = ["DialogueState"]


@dataclass
class DialogueState:
    lang: str = ""  # reply language ("ja" for both Japanese registers); see ``speech``
    register: str = "standard"  # "standard" or "plain"
    lang_chosen: bool = False  # the user chose explicitly: detection no longer overrides it
    prefecture: str = ""
    city: str = ""
    recent_topics: list[str] = field(default_factory=list)
    last_question: str = ""
    unanswered: int = 0  # consecutive questions without a confident answer
    handoff: str = ""  # "", "awaiting-location" or "done"
    pending_reason: str = ""  # reason of a handoff waiting for the user's location
    pending_kind: str = ""
    handoff_reason: str = ""  # the last completed handoff, redone when the user moves ("what about Kobe?")
    handoff_kind: str = ""
    problems: list[str] = field(default_factory=list)  # the user's words that led to a handoff
    office_topic: str = ""  # the last answered topic that has an office ("what about Kobe?" re-routes it)
    asked_place: bool = False  # asked once where the resident lives, for an office
    situations: list[str] = field(default_factory=list)  # the serious situations last replied to (ids)

    @classmethod
    def from_dict(cls, data: dict) -> DialogueState:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    def to_dict(self) -> dict:
        """The fields by name, each list copied (what ``dataclasses.asdict`` gives for these fields of strings,
        numbers and lists of strings, without its recursive walk on every turn)."""
        values = vars(self)
        return {name: list(values[name]) if isinstance(values[name], list) else values[name] for name in _FIELDS}

    @property
    def speech(self) -> Speech:
        """How replies speak (stored as the two JSON fields ``lang`` and ``register``)."""
        return Speech(self.lang, self.register)

    @speech.setter
    def speech(self, speech: Speech) -> None:
        self.lang, self.register = speech.lang, speech.register

    def remember_topic(self, topic_id: str, keep: int = 5) -> None:
        self.recent_topics = [topic_id] + [t for t in self.recent_topics if t != topic_id][: keep - 1]


_FIELDS = tuple(f.name for f in fields(DialogueState))
