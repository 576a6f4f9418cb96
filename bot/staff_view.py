"""What the counter-staff console shows for one thing a resident said.

Stateless: it reads the index and the office data and writes nothing, so looking something up for a
resident at the counter creates no conversation in the store (staff may type names or card numbers
while the resident is in front of them; nothing of it is kept).
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.assistant import Assistant
from bot.dialogue.handoff import HandoffRouter, language_name
from bot.plain import furigana
from bot.redact import redact
from bot.replies import OfficeCard
from bot.speech import PLAIN, Speech
from knowledge.places import Gazetteer, Place
from knowledge.topics import TopicInfo

__all__ = ["StaffDesk", "StaffView", "TopicMatch"]


@dataclass(frozen=True)
class TopicMatch:
    topic_id: str
    title_ja: str
    title: str             # in the resident's language
    chapter_ja: str
    score: float           # fused ranking score
    similarity: float      # dense similarity, compared with the answer threshold
    source_title: str      # the official publication the text comes from
    source_url: str


@dataclass(frozen=True)
class StaffView:
    speech: Speech                 # the resident's detected (or chosen) language and register
    lang_name_ja: str
    detection_confidence: float
    confident: bool                # the best topic clears the answer threshold
    topics: tuple[TopicMatch, ...]
    answer: str                    # the best topic in the resident's language
    answer_ja: str
    plain_ja: str                  # the same topic in plain Japanese (やさしい日本語)
    plain_ruby: tuple[tuple[str, str | None], ...]   # plain_ja as (text, reading) segments for <ruby>
    place_ja: str                  # the resident's place, in Japanese ("" when unknown)
    office: OfficeCard | None      # where to refer the resident; None until the place is known
    summary_ja: str                # handoff note for the receiving office

    @property
    def lang(self) -> str:
        """The resident's content key ("vi", "ja-plain")."""
        return self.speech.key

    @property
    def best(self) -> TopicMatch | None:
        return self.topics[0] if self.topics else None


class StaffDesk:
    def __init__(self, assistant: Assistant, router: HandoffRouter, places: Gazetteer,
                 topics: dict[str, TopicInfo], shown: int = 5) -> None:
        self.assistant = assistant
        self.router = router
        self.places = places
        self.topics = topics
        self.shown = shown

    def _text(self, topic_id: str, lang: Speech | str) -> str:
        found = self.assistant.topic_text(topic_id, lang)
        return found[1] if found else ""

    def _match(self, hit, lang: Speech) -> TopicMatch:
        ja = self.assistant.topic_text(hit.topic_id, "ja")
        local = self.assistant.topic_text(hit.topic_id, lang)
        info = self.topics.get(hit.topic_id)
        return TopicMatch(
            topic_id=hit.topic_id,
            title_ja=ja[0].title if ja else hit.topic_id,
            title=local[0].title if local else hit.topic_id,
            chapter_ja=ja[0].chapter_title if ja else "",
            score=round(hit.score, 3),
            similarity=round(hit.dense, 3),
            source_title=info.source_title if info else (hit.chunk.source_file or ""),
            source_url=info.source_url if info else "",
        )

    def place_of(self, text: str, prefecture: str = "") -> Place | None:
        """The place chosen on the form wins over a place named in what the resident said."""
        if prefecture and prefecture in self.places.places:
            return self.places.places[prefecture]
        named = self.places.find(text)
        return named[-1] if named else None

    def look_up(self, text: str, lang: str | None = None, prefecture: str = "",
                reason: str = "requested") -> StaffView:
        """``lang``: the resident's language as a code ("vi", "ja-plain"), when staff chose it."""
        found = self.assistant.find(text, Speech.parse(lang) if lang else None)
        resident = found.speech
        topics = tuple(self._match(h, resident) for h in found.topics[: self.shown])
        best = topics[0] if topics else None
        plain = self._text(best.topic_id, Speech("ja", PLAIN)) if best else ""
        place = self.place_of(text, prefecture)
        info = self.topics.get(best.topic_id) if best else None
        kind = info.handoff if info and info.handoff != "none" else "immigration"
        referral = self.router.route(kind, place.prefecture if place else "")
        summary = self.router.summary_ja(
            lang=resident.key, prefecture=place.prefecture if place else "",
            city=place.id if place and place.kind == "city" else "", reason=reason, kind=kind,
            topics=[t.title_ja for t in topics[:2]], words=[redact(text)])
        return StaffView(
            speech=resident,
            lang_name_ja=language_name(resident.key, "ja"),
            detection_confidence=round(found.detection.confidence, 2),
            confident=found.confident,
            topics=topics,
            answer=self._text(best.topic_id, resident) if best else "",
            answer_ja=self._text(best.topic_id, "ja") if best else "",
            plain_ja=plain,
            plain_ruby=tuple((s.text, s.reading) for s in furigana(plain).segments) if plain else (),
            place_ja=place.name("ja") if place else "",
            office=self.router.card(referral.office, "ja") if referral.office else None,
            summary_ja=summary,
        )
