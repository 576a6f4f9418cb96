"""What the assistant says back: frozen dataclasses with the JSON shape of ``/api/chat``.

Adding a structured field to replies (say ``office``) is one line: an optional field on ``Reply`` declared
with ``extension()``; ``to_json`` then includes it whenever it is set (its ``to_json()`` if it has one, its
fields if it is a dataclass), and leaves it out otherwise, so existing clients see no change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.speech import Speech

if TYPE_CHECKING:
    from bot.emergency_calls import EmergencyCall
    from bot.dialogue.office_cards import OfficeInfo

__all__ = [
    "Source",
    "OfficeCard",
    "Handoff",
    "QuickReply",
    "Reply",
    "merge_replies",
    "extension",
    "LANGUAGE_PAYLOAD",
    "ANOTHER_QUESTION",
    "BUTTON_PAYLOADS",
]

LANGUAGE_PAYLOAD = "lang="  # a language button's payload: "lang=vi", "lang=ja-plain"
ANOTHER_QUESTION = "ask=more"  # the "Another question" button's payload: Tsunagu asks for the next question
BUTTON_PAYLOADS = {"qr_more": ANOTHER_QUESTION}  # catalog buttons whose payload is not their label


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    chapter: str
    score: float = 0.0
    file: str = ""  # operator-supplied file, when the passage came from one

    def to_json(self) -> dict:
        data = {"id": self.id, "title": self.title, "chapter": self.chapter}
        if self.file:
            data["file"] = self.file
        return data


@dataclass(frozen=True)
class OfficeCard:
    id: str
    name: str
    phone: str  # "0570-011000 (IP phone / from abroad: 03-5363-3013) / 03-1234-5678"
    address: str
    hours: str
    map_query: str = ""  # what a map link searches: the street address, or the town hall ("" = no map link)
    how: str = ""  # how to reach an office whose number is not in the data ("ask at the town hall's reception …")

    @property
    def phones(self) -> tuple[str, ...]:
        """Each number with its note: split at " / " outside brackets (a note's own " / " stays in it).
        The web chat's ``topLevelParts`` (connectors/static/chat.js) splits the JSON the same way."""
        parts, depth, start = [], 0, 0
        for at, char in enumerate(self.phone):
            depth += char in "(（"
            depth -= char in ")）" and depth > 0
            if depth == 0 and self.phone.startswith(" / ", at):
                parts.append(self.phone[start:at])
                start = at + 3
        parts.append(self.phone[start:])
        return tuple(part.strip() for part in parts if part.strip())


@dataclass(frozen=True)
class Handoff:
    reason: str
    office: OfficeCard
    summary_ja: str


@dataclass(frozen=True)
class QuickReply:
    """A button: ``label`` is shown; ``payload`` is what tapping sends back (as Rasa's buttons).

    An ordinary button's payload is its label (tapping says it); a language button's is ``lang=<key>``.
    """

    label: str
    payload: str = ""

    def __post_init__(self) -> None:
        if not self.payload:
            object.__setattr__(self, "payload", self.label)

    @classmethod
    def for_language(cls, label: str, speech: Speech) -> QuickReply:
        return cls(label, LANGUAGE_PAYLOAD + speech.key)

    @staticmethod
    def chosen_language(payload: str) -> Speech | None:
        """The language a payload chooses, or None when it is not a language button's."""
        if not payload.startswith(LANGUAGE_PAYLOAD):
            return None
        try:
            return Speech.parse(payload.removeprefix(LANGUAGE_PAYLOAD))
        except ValueError:
            return None

    def to_json(self) -> dict:
        return {"label": self.label, "payload": self.payload}


def extension(default: Any = None) -> Any:
    """An optional structured field of ``Reply``, serialised by ``to_json`` only when it is set."""
    return field(default=default, metadata={"json": "optional"}, compare=False)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_json"):
        return value.to_json()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class Reply:
    session_id: str
    speech: Speech
    text: str
    sources: tuple[Source, ...] = ()
    handoff: Handoff | None = None
    quick_replies: tuple[QuickReply, ...] = ()
    confidence: float = 0.0
    extra: dict = field(default_factory=dict, compare=False)
    # optional structured fields go here, each declared with ``extension()`` (see the module docstring)
    emergency: EmergencyCall | None = extension()  # the number to call and what to do (the emergency card)
    office: OfficeInfo | None = extension()  # the office this reply sends the resident to (issue 12)
    calls: tuple | None = extension()  # lines to call first (``bot.safety.compose.LineCall``): tappable tel: links

    @property
    def lang(self) -> str:
        return self.speech.lang

    @property
    def register(self) -> str:
        return self.speech.register

    @property
    def labels(self) -> tuple[str, ...]:
        """The quick replies' labels (what ``/api/chat`` has always returned as ``quick_replies``)."""
        return tuple(q.label for q in self.quick_replies)

    def _optional(self) -> dict:
        """The optional structured fields that are set, as JSON."""
        return {
            item.name: _jsonable(getattr(self, item.name))
            for item in fields(self)
            if item.metadata.get("json") == "optional" and getattr(self, item.name) is not None
        }

    def shown(self) -> dict:
        """What a page needs to show this reply again beyond its text (stored with it, so a conversation
        restored on another device keeps its sources, office card and call buttons): the sources, the
        handoff's office card (not its summary: that may quote the resident) and the optional fields set."""
        data: dict = {"sources": [s.to_json() for s in self.sources]} if self.sources else {}
        if self.handoff is not None:
            data["handoff"] = {"reason": self.handoff.reason, "office": asdict(self.handoff.office)}
        return data | self._optional()

    def to_json(self) -> dict:
        data = {
            "session_id": self.session_id,
            "lang": self.speech.lang,
            "register": self.speech.register,
            "text": self.text,
            "sources": [s.to_json() for s in self.sources],
            "handoff": asdict(self.handoff) if self.handoff else None,
            "quick_replies": list(self.labels),
            "quick_reply_payloads": [q.to_json() for q in self.quick_replies],
        }
        return data | self._optional()


def merge_replies(replies: list[Reply]) -> Reply:
    """One reply for channels that answer once (the JSON API): texts joined, the last quick replies; an
    optional structured field keeps the last value set."""
    if len(replies) == 1:
        return replies[0]
    last = replies[-1]
    handoff = next((r.handoff for r in reversed(replies) if r.handoff), None)
    sources = tuple(s for r in replies for s in r.sources)
    optional: dict[str, Any] = {
        f.name: next(
            (getattr(r, f.name, None) for r in reversed(replies) if getattr(r, f.name, None) is not None), None
        )
        for f in fields(last)
        if f.metadata.get("json") == "optional"
    }
    return replace(
        last,
        text="\n\n".join(r.text for r in replies),
        sources=sources,
        handoff=handoff,
        confidence=max(r.confidence for r in replies),
        extra={},
        **optional,
    )
