"""What the counter-staff console shows for one thing a resident said.

Stateless: it reads the index and the office data and writes nothing, so looking something up for a
resident at the counter creates no conversation in the store (staff may type names or card numbers
while the resident is in front of them; nothing of it is kept).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.assistant import Assistant
from bot.dialogue.handoff import HandoffRouter, language_name
from bot.plain import furigana
from bot.redact import redact
from bot.replies import OfficeCard
from bot.safety.recognise import Recognition
from bot.safety.referral import handoff_card, office_for, summary_in_charge, summary_kind
from bot.safety.answered import answered
from bot.safety.step import Safety
from bot.speech import PLAIN, Speech
from knowledge.places import Gazetteer, Place
from knowledge.topics import TopicInfo

__all__ = ["StaffDesk", "StaffView", "TopicMatch"]


@dataclass(frozen=True)
class TopicMatch:
    topic_id: str
    title_ja: str
    title: str  # in the resident's language
    chapter_ja: str
    score: float  # fused ranking score
    similarity: float  # dense similarity, compared with the answer threshold
    source_title: str  # the official publication the text comes from
    source_url: str


@dataclass(frozen=True)
class StaffView:
    speech: Speech  # the resident's detected (or chosen) language and register
    lang_name_ja: str
    detection_confidence: float
    confident: bool  # the best topic clears the answer threshold
    topics: tuple[TopicMatch, ...]
    answer: str  # the best topic in the resident's language
    answer_ja: str
    plain_ja: str  # the same topic in plain Japanese (やさしい日本語)
    plain_ruby: tuple[tuple[str, str | None], ...]  # plain_ja as (text, reading) segments for <ruby>
    place_ja: str  # the resident's place, in Japanese ("" when unknown)
    office: OfficeCard | None  # where to refer the resident; None until the place is known
    summary_ja: str  # handoff note for the receiving office
    office_for_place: bool = False  # the office serves the resident's place (a bureau with jurisdiction, the
    # municipality's office), not the whole country (FRESC, a national line)
    danger_ja: str = ""  # immediate danger recognised (bot/safety): its titles, for a banner
    danger_lines: str = ""  # … and the lines to call first ("110 / 189")
    situations: tuple[str, ...] = ()  # serious situations recognised: the answer panels give their steps
    situation_title: str = ""  # … the first one's title in the resident's language (the handout's heading)
    line_sources: tuple[tuple[str, str], ...] = ()  # … and each line's name (Japanese) and official page

    @property
    def lang(self) -> str:
        """The resident's content key ("vi", "ja-plain")."""
        return self.speech.key

    @property
    def best(self) -> TopicMatch | None:
        return self.topics[0] if self.topics else None


class StaffDesk:
    def __init__(
        self,
        assistant: Assistant,
        router: HandoffRouter,
        places: Gazetteer,
        topics: dict[str, TopicInfo],
        shown: int = 5,
        safety: Safety | None = None,
    ) -> None:
        self.assistant = assistant
        self.router = router
        self.places = places
        self.topics = topics
        self.shown = shown
        self.safety = safety  # recognises immediate danger in what the resident said (the console's banner)

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

    def place_of(self, text: str, prefecture: str = "", municipality: str = "") -> Place | None:
        """The municipality and prefecture chosen on the form win over a place named in what the resident
        said (the municipality as staff type it: 豊田市, Toyota, 〒471-0000)."""
        if municipality:
            named = [p for p in self.places.find(municipality, prefecture=prefecture) if p.kind == "city"]
            if named and (not prefecture or named[0].prefecture == prefecture):
                return named[0]
        if prefecture and prefecture in self.places.places:
            return self.places.places[prefecture]
        named = self.places.find(text)
        return named[-1] if named else None

    def office_of(self, topic_id: str, place: Place | None) -> OfficeCard | None:
        """The office for the topic's office kind and the place (a municipal office with its counter)."""
        city = place.id if place and place.kind == "city" else ""
        prefecture = place.prefecture if place else ""
        if self.router.desk.route(topic_id, prefecture, city).needs_place == "prefecture":
            return None  # the office depends on the prefecture: none until staff choose one
        cards = self.router.desk.cards(topic_id, "ja", prefecture, city)
        if not cards:
            return None
        card = cards[0].to_card()
        return replace(card, name=f"{card.name}（{cards[0].section_ja}）") if cards[0].section_ja else card

    def look_up(
        self, text: str, lang: str | None = None, prefecture: str = "", reason: str = "", municipality: str = ""
    ) -> StaffView:
        """``lang``: the resident's language as a code ("vi", "ja-plain"), when staff chose it. The office
        follows the best topic's office kind and the place; ``reason`` stays empty unless staff chose one."""
        found = self.assistant.find(text, Speech.parse(lang) if lang else None)
        resident = found.speech
        topics = tuple(self._match(h, resident) for h in found.topics[: self.shown])
        best = topics[0] if topics else None
        plain = self._text(best.topic_id, Speech("ja", PLAIN)) if best else ""
        place = self.place_of(text, prefecture, municipality)
        info = self.topics.get(best.topic_id) if best else None
        kind = info.handoff if info and info.handoff != "none" else "immigration"
        office_kind = info.office if info and info.office != "none" else ""
        office = self.office_of(best.topic_id, place) if best and office_kind else None
        if office is None and not office_kind:  # no office kind for the topic: the handoff kind's office
            referral = self.router.route(kind, place.prefecture if place else "")
            office = self.router.card(referral.office, "ja") if referral.office else None
        summary = self.router.summary_ja(
            lang=resident.key,
            prefecture=place.prefecture if place else "",
            city=place.id if place and place.kind == "city" else "",
            reason=reason,
            kind=kind,
            topics=[t.title_ja for t in topics[:2]],
            words=[redact(text)],
            office_kind=office_kind,
        )
        serious = self.safety.recogniser.recognise(text, resident.lang) if self.safety else Recognition()
        danger_ja, danger_lines = self._danger(serious)
        view = StaffView(
            speech=resident,
            lang_name_ja=language_name(resident.key, "ja"),
            detection_confidence=round(found.detection.confidence, 2),
            confident=found.confident,
            topics=topics,
            answer=self._text(best.topic_id, resident) if best else "",
            answer_ja=self._text(best.topic_id, "ja") if best else "",
            plain_ja=plain,
            plain_ruby=(),
            place_ja=place.name("ja") if place else "",
            office=office,
            summary_ja=summary,
            danger_ja=danger_ja,
            danger_lines=danger_lines,
        )
        view = self._situation_view(view, serious, text, place, reason)
        view = replace(view, office_for_place=self._for_place(view.office))
        ruby = tuple((s.text, s.reading) for s in furigana(view.plain_ja).segments) if view.plain_ja else ()
        return replace(view, plain_ruby=ruby)

    def _situation_view(
        self, view: StaffView, serious: Recognition, text: str, place: Place | None, reason: str
    ) -> StaffView:
        """A serious situation in what the resident said (DV, a passport kept by the employer …): the panels
        give what to do now and the lines, as the chat would — in its order: a crime happening now gives 110
        first (``answered``) — and the office is the situation's, not the nearest guidebook topic's (a beaten
        wife was handed the child-abuse topic)."""
        if self.safety is None or not serious:
            return view
        answer = answered(self.safety, serious, text)
        ids, now = answer.ids, answer.now
        composer = self.safety.composer

        def say(key: str) -> str:
            if len(ids) == 1:
                return composer.steps(ids[0], key, with_title=True, now=now)
            return composer.several(ids, key, now=now)

        prefecture = place.prefecture if place else ""
        office = office_for(self.safety, ids, prefecture)
        card = handoff_card(self.safety, ids, office, "ja", now)
        titles = [composer.texts.situation("ja", s)["title"] for s in ids]
        lines = {line.id: line for s in ids for line in self.safety.catalogue.lines_for(s, now=now)}
        sources = tuple((composer.texts.line("ja", i).get("name", i), line.source) for i, line in lines.items())
        summary = self.router.summary_ja(
            lang=view.speech.key,
            prefecture=prefecture,
            city=place.id if place and place.kind == "city" else "",
            reason=reason,
            kind=summary_kind(self.safety.catalogue, ids, now),
            in_charge=summary_in_charge(self.safety, ids, now),
            topics=titles,
            words=[redact(text)],
        )
        return replace(
            view,
            answer=say(view.speech.key),
            answer_ja=say("ja"),
            plain_ja=say("ja-plain"),
            office=card or view.office,
            summary_ja=summary,
            situations=tuple(ids),
            situation_title=composer.texts.situation(view.speech.key, ids[0])["title"],
            line_sources=sources,
        )

    def _for_place(self, office: OfficeCard | None) -> bool:
        known = self.router.offices.get(office.id) if office is not None else None
        return known is not None and (bool(known.jurisdiction) or known.kind == "municipal")

    def _danger(self, recognition: Recognition) -> tuple[str, str]:
        if self.safety is None:
            return "", ""
        found = [f.situation for f in recognition.found if f.immediate]
        texts, catalogue = self.safety.composer.texts, self.safety.catalogue
        titles = "、".join(texts.situation("ja", s)["title"] for s in found)
        numbers = dict.fromkeys(line.number for s in found for line in catalogue.lines_for(s))
        return titles, " / ".join(numbers)
