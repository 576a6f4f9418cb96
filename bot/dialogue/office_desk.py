"""The office part of a turn: which office an answer ends with, asking once where the resident lives, and
the parts of a message (a place, plain Japanese, one or two questions).

Used by the steps ``place``, ``answer`` and ``several_questions`` (``bot.dialogue.steps``) and by the staff
console. Reached as ``turn.dialogue.router.desk`` (built with the handoff router, from the same data).
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from bot.catalog import Catalogs
from bot.dialogue.office_cards import OfficeInfo, card_text, route_cards
from bot.dialogue.clauses import compares, requests, vague
from bot.dialogue.parts import MessageParts, asks, load_joiners, split_message
from bot.dialogue.residence import PlaceStatement, load_residence_phrases
from bot.replies import QuickReply, Reply
from knowledge.languages import fallback_chain
from knowledge.lru import LRU
from knowledge.offices import OfficeDirectory
from knowledge.paths import DATA_DIR, TRANSLATIONS_DIR
from knowledge.places import Gazetteer, Place
from knowledge.routing import Route, load_router
from knowledge.statuses import STATUS_PREFIX
from knowledge.topics import load_topics
from knowledge.yamlfile import load_yaml

if TYPE_CHECKING:
    from bot.dialogue.policy import DialoguePolicy
    from bot.dialogue.turn import Turn

__all__ = ["OfficeDesk", "PARTS_TEXTS"]

PARTS_TEXTS = 512  # messages whose parts (per language and prefecture) and vague questions are kept, and
# offices worded (per topic, place and language)


class OfficeDesk:
    def __init__(self, offices: OfficeDirectory, places: Gazetteer, catalogs: Catalogs) -> None:
        self.offices, self.places, self.catalogs = offices, places, catalogs
        self.router = load_router(offices, places)
        self.topics = load_topics()
        self.phrases = load_residence_phrases(TRANSLATIONS_DIR)
        self.joiners = load_joiners(TRANSLATIONS_DIR)
        # pure functions of their key over the data above, run on every turn: a repeated message (the answer
        # cache) reuses them (``MessageParts`` and its ``Part``s are frozen)
        self._parts: LRU[MessageParts] = LRU(PARTS_TEXTS)
        self._vague: LRU[bool] = LRU(PARTS_TEXTS)
        self._offices: LRU[tuple[Route, tuple[OfficeInfo, ...], str]] = LRU(PARTS_TEXTS)

    @cached_property
    def office_intents(self) -> dict[str, str]:
        """Intents that ask where an office is -> the topic whose office kind routes them (office_intents.yaml)."""
        data = load_yaml(DATA_DIR / "office_intents.yaml") or {}
        unknown = [topic for topic in data.values() if topic not in self.topics]
        if unknown:
            raise ValueError(f"office_intents.yaml names unknown topics: {unknown}")
        return {str(intent): str(topic) for intent, topic in data.items()}

    @cached_property
    def staff_ja(self) -> dict[str, str]:
        """The memo's 担当 for each office kind (office_routing.yaml)."""
        return {kind: rule.get("staff_ja", "") for kind, rule in load_yaml(DATA_DIR / "office_routing.yaml").items()}

    # -- what the message says -------------------------------------------------------------------
    def statement(self, text: str, lang: str, places: list[Place]) -> PlaceStatement | None:
        return self.phrases.statement(text, lang, places)

    def unsettled_home(self, text: str, lang: str, prefecture: str = "") -> tuple[Place, ...]:
        """A name several municipalities share (港区, 中央区, Kita-ku, 府中市), stated as where the resident
        lives with nothing in the message to say which: the places it may be (empty when none)."""
        for group in self.places.unsettled(text, prefecture):
            if self.statement(text, lang, [group[0]]) is not None:
                return group
        return ()

    def place_label(self, place: Place, lang: str) -> str:
        """The place's name as it names it alone: "豊田市", but "東京都 港区" / "Osaka City Kita-ku" for a name
        several municipalities share (the buttons that ask which one, and the "noted, you live in …" after)."""
        name = place.name(lang)
        if [p.id for p in self.places.find(name)] == [place.id]:
            return name
        area = self.places.places.get(place.parent or place.prefecture)
        if area is None or area.name(lang) in name:
            return name
        # "Osaka City", not "Osaka" (the prefecture, with two 北区)
        names = [n for key in fallback_chain(lang) for n in area.names.get(key, ())]
        area_name = next((n for n in names if [p.id for p in self.places.find(n)] == [area.id]), area.name(lang))
        return f"{area_name} {name}"

    def which_place(self, turn: Turn, group: tuple[Place, ...]) -> Reply:
        """Ask which of the places sharing a name is the resident's, each as a button that names it alone
        ("東京都 港区", "Nagoya Minato-ku"): never a guess at an office."""
        lang = turn.speech.key
        buttons = tuple(QuickReply(self.place_label(p, lang)) for p in group[: turn.policy.place_choices])
        said = unicodedata.normalize("NFKC", turn.text)
        at = said.casefold().find(group[0].matched)  # the name as the resident wrote it ("Minato-ku")
        name = said[at : at + len(group[0].matched)] if at >= 0 else group[0].matched
        return turn.say("ask_which_place", quick=buttons, name=name)

    def parts(self, text: str, lang: str, prefecture: str = "", sentences: bool = False) -> MessageParts:
        """The message in parts; ``sentences``: cut at its sentences only, not inside them (``Turn.parts``
        asks for that when the finer cut gives more questions than can be answered)."""
        return self._parts.get_or_make(
            (text, lang, prefecture, sentences),
            lambda: split_message(text, lang, self.places, self.phrases, prefecture, self.joiners, sentences),
        )

    def only_place(self, text: str, lang: str) -> bool:
        """Whether ``text`` (a clause of a message) only says where the resident lives ("Moro em Gunma",
        "愛知県に住んでいます", "Osaka"): the safety recogniser leaves such a clause out of a message's reading."""
        parts = split_message(text, lang, self.places, self.phrases, "", self.joiners).parts
        return bool(parts) and all(p.role == "place" for p in parts)

    def asks(self, text: str, lang: str) -> bool:
        """Whether the message asks something (a word that asks, ``parts.yaml``), not only tells."""
        return asks(text, self.joiners.words(lang))

    def requests(self, text: str, lang: str) -> bool:
        """Whether the message asks something or says what the resident wants done ("Saya mau perpanjang
        visa", "비자를 연장하고 싶어요", ``wants`` in ``parts.yaml``): a question of its own either way."""
        return requests(text, self.joiners.words(lang))

    def compares(self, text: str, lang: str) -> bool:
        """Whether the text compares two things ("is resident tax the same as income tax?"): both are asked."""
        return compares(text, self.joiners.words(lang))

    def vague(self, text: str, lang: str) -> bool:
        """A question of words that ask and little else ("what should I do?", "どうすればいいですか"): it asks
        about what was said before it, not about something of its own."""
        return self._vague.get_or_make((text, lang), lambda: vague(text, self.joiners.words(lang)))

    # -- where to go -----------------------------------------------------------------------------
    def office_kind(self, topic_id: str) -> str:
        """The topic's office kind (topics.yaml); a residence status page (``status:…``) is the immigration
        bureau's matter ("how do I get permanent residence?" may land on the permanent resident's page)."""
        info = self.topics.get(topic_id)
        if info is None and topic_id.startswith(STATUS_PREFIX):
            return "immigration"
        return info.office if info else "none"

    def route(self, topic_id: str, prefecture: str = "", city: str = "") -> Route:
        return self.router.route(self.office_kind(topic_id), prefecture, city, topic_id)

    def cards(self, topic_id: str, lang: str, prefecture: str = "", city: str = "") -> list[OfficeInfo]:
        return route_cards(self.route(topic_id, prefecture, city), lang, self.catalogs)

    def question_office(self, turn: Turn, skip: tuple[str, ...] = ()) -> list[Reply]:
        """After a situation's or a referral's reply to a message that asks ("my company has not paid me,
        where can I get help?"): the office of the question's topic for the resident's place too, unless its
        kind is ``skip`` (the office already named) or the message only tells."""
        if not self.asks(turn.text, turn.speech.key):
            return []
        best = turn.confident(turn.question_topics)[:1]
        if not best or self.office_kind(best[0].topic_id) in ("none", *skip):
            return []
        return self.office_replies(turn, best[0].topic_id, ask=False)

    def only_a_place(self, sentence: str, lang: str, policy: DialoguePolicy) -> bool:
        """A sentence that says where the resident lives and little else ("Based in Sapporo"): no problem of
        its own (not one of several problems for FRESC)."""
        found = self.places.find(sentence)
        said = self.statement(sentence, lang, found) if found else None
        if said is None or said.how == "update":
            return False
        start, end = said.span
        return len(sentence) - (end - start) < policy.sentence_min_chars

    def agreed_office(self, turn: Turn) -> list[Reply]:
        """Unsure of the question's topic, sure of its office: when the question's nearest topics (each near
        the answer threshold) all lead to one office — the same kind, and the same counter of the municipal
        office ("visa renew garna kaha jane ho?": the extension, re-entry and change of status are all the
        immigration bureau's) — that office for the resident's place; else nothing."""
        policy = turn.policy
        near = turn.question_topics[: policy.office_near_topics]
        floor = policy.answer_threshold - policy.office_near_slack
        if len(near) < policy.office_near_topics or any(h.dense < floor for h in near):
            return []
        state = turn.state
        routes = [self.route(h.topic_id, state.prefecture, state.city) for h in near]
        ways = {(r.office_kind, r.section.name_ja if r.section else "") for r in routes}
        if len(ways) != 1 or not routes[0].offices:
            return []
        return self.office_replies(turn, near[0].topic_id, ask=False)

    def _office(
        self, topic_id: str, prefecture: str, city: str, lang: str
    ) -> tuple[Route, tuple[OfficeInfo, ...], str]:
        """The route of a topic for a place, its cards and their text in a language (kept: the same answer for
        the same place is worded on every turn that gives it)."""

        def make() -> tuple[Route, tuple[OfficeInfo, ...], str]:
            route = self.route(topic_id, prefecture, city)
            cards = tuple(route_cards(route, lang, self.catalogs)) if route.offices else ()
            return route, cards, "\n\n".join(card_text(card, lang, self.catalogs) for card in cards)

        return self._offices.get_or_make((topic_id, prefecture, city, lang), make)

    def office_replies(self, turn: Turn, topic_id: str, ask: bool = True) -> list[Reply]:
        """The office an answer on ``topic_id`` ends with, for the resident's place: one reply carrying the
        office (``Reply.office``) and its card as text; when the place decides the office and is unknown,
        ask once where the resident lives (prefectures as quick replies)."""
        state, lang = turn.state, turn.speech.key
        route, cards, text = self._office(topic_id, state.prefecture, state.city, lang)
        if not route.offices:
            return []
        state.office_topic = topic_id
        # the answer's buttons move to the office reply, the last one channels that answer once show
        replies = [replace(turn.reply(text, quick=turn.quick("qr_more", "qr_person")), office=cards[0])]
        if route.needs_place and ask and not state.asked_place:
            state.asked_place = True
            # prefecture buttons only while the prefecture is unknown (a known one lacks only the city)
            if state.prefecture:  # the prefecture is known: only the city, town or village is missing
                prefecture = self.places.places[state.prefecture].name(lang)
                replies.append(turn.say("ask_city", quick=turn.quick("qr_more", "qr_person"), prefecture=prefecture))
            elif turn.unsettled_home:  # "港区に住んでいます": which 港区
                replies.append(self.which_place(turn, turn.unsettled_home))
            else:
                names = tuple(QuickReply(self.places.places[p].name(lang)) for p in turn.policy.ask_prefectures)
                replies.append(turn.say("ask_location", quick=names))
        return replies
