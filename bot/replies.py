"""What the assistant says back: frozen dataclasses with the JSON shape of ``/api/chat``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Source", "OfficeCard", "Handoff", "Reply", "merge_replies"]


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    chapter: str
    score: float = 0.0
    file: str = ""      # operator-supplied file, when the passage came from one

    def to_json(self) -> dict:
        data = {"id": self.id, "title": self.title, "chapter": self.chapter}
        if self.file:
            data["file"] = self.file
        return data


@dataclass(frozen=True)
class OfficeCard:
    id: str
    name: str
    phone: str
    address: str
    hours: str


@dataclass(frozen=True)
class Handoff:
    reason: str
    office: OfficeCard
    summary_ja: str


@dataclass(frozen=True)
class Reply:
    session_id: str
    lang: str
    register: str
    text: str
    sources: tuple[Source, ...] = ()
    handoff: Handoff | None = None
    quick_replies: tuple[str, ...] = ()
    confidence: float = 0.0
    extra: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        return {
            "session_id": self.session_id,
            "lang": self.lang,
            "register": self.register,
            "text": self.text,
            "sources": [s.to_json() for s in self.sources],
            "handoff": asdict(self.handoff) if self.handoff else None,
            "quick_replies": list(self.quick_replies),
        }


def merge_replies(replies: list[Reply]) -> Reply:
    """One reply for channels that answer once (the JSON API): texts joined, the last quick replies."""
    if len(replies) == 1:
        return replies[0]
    last = replies[-1]
    handoff = next((r.handoff for r in reversed(replies) if r.handoff), None)
    sources = tuple(s for r in replies for s in r.sources)
    return Reply(last.session_id, last.lang, last.register, "\n\n".join(r.text for r in replies), sources,
                 handoff, last.quick_replies, max(r.confidence for r in replies))
