"""The dialogue manager: ``handle(IncomingMessage) -> list[Reply]``, knowing nothing of channels.

Order of a turn: store what the user sent; settle language and register; emergency fast path; place;
finish a handoff that waited for the place; intents (nearest neighbours over the training examples,
indexed with the content); handoff cues; the knowledge answer, with follow-ups reusing context; and when
nothing is close enough, say so and (the second time) hand off.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.assistant import PLAIN_LANG, Assistant
from bot.dialogue.cues import Cues
from bot.dialogue.handoff import REASONS, HandoffRouter
from bot.dialogue.state import DialogueState
from bot.redact import redact
from bot.replies import Reply
from bot.store import ConversationStore
from bot.store.outcome import TurnOutcome
from knowledge.places import Gazetteer
from knowledge.retriever import TopicHit

__all__ = ["DialogueManager", "IncomingMessage"]

ASK_PREFECTURES = ("tokyo", "kanagawa", "saitama", "chiba", "aichi", "osaka", "hyogo", "fukuoka", "shizuoka")


@dataclass(frozen=True)
class IncomingMessage:
    conversation_id: str
    text: str = ""
    channel: str = "api"
    lang: str | None = None      # an explicit choice ("ja-plain" means plain Japanese)
    plain: bool | None = None
    kind: str = "text"           # "text", "follow" (a new friend on LINE) or "non_text" (sticker, image)
    recorded: bool = False       # the channel already stored the (redacted) text, before acknowledging it


class DialogueManager:
    def __init__(self, assistant: Assistant, store: ConversationStore, router: HandoffRouter, cues: Cues,
                 places: Gazetteer, intent_threshold: float = 0.9,
                 emergency_topics: frozenset[str] = frozenset(),
                 on_turn: Callable[[TurnOutcome], None] | None = None) -> None:
        self.assistant = assistant
        self.store = store
        self.router = router
        self.cues = cues
        self.places = places
        self.intent_threshold = intent_threshold
        self.intent_margin = 0.015  # an intent must beat the best topic clearly (questions stay questions)
        self.emergency_topics = emergency_topics  # topics that may follow an emergency line (chapter 10)
        self.catalogs = assistant.catalogs
        self.on_turn = on_turn  # told what became of each question (the service's metrics)

    # -- the turn ---------------------------------------------------------------------------------
    def handle(self, message: IncomingMessage) -> list[Reply]:
        question = redact(message.text) if message.kind == "text" else ""
        if message.kind == "text" and not message.recorded:
            self.store.record_incoming(message.conversation_id, message.channel, question, message.lang or "")
        with self.store.turn(message.conversation_id, message.channel) as turn:
            state = DialogueState.from_dict(turn.state)
            unanswered_before = state.unanswered
            current = _Turn(self, message, state)
            replies = current.run()
            if message.kind == "text":
                turn.outcome = TurnOutcome.of_turn(
                    channel=message.channel, lang=current.content_lang, question=question, replies=replies,
                    said_unsure=state.unanswered > unanswered_before)
            turn.state = state.to_dict()
            for reply in replies:
                turn.say(reply.text, reply.lang, {"register": reply.register,
                                                  "sources": [s.id for s in reply.sources],
                                                  "handoff": reply.handoff.reason if reply.handoff else None})
        if self.on_turn is not None and turn.outcome is not None:
            self.on_turn(turn.outcome)
        return replies

    def turn(self, message: IncomingMessage, state: DialogueState, intent: str | None = None) -> list[Reply]:
        """One turn on a state the caller keeps, without the store (the Rasa actions, ``connectors/rasa_actions.py``;
        ``handle`` runs the same ``_Turn`` inside its stored turn). ``intent``, when given, is the caller's own
        classification ("" = a question) and replaces Tsunagu's intent recogniser for this turn."""
        return _Turn(self, message, state).run(intent)

    def language_choices(self) -> list[str]:
        return [self.catalogs.text(lang, "language_name") for lang in self.assistant.identifier.supported
                if self.catalogs.has(lang)]

    def language_by_name(self, text: str) -> str | None:
        wanted = text.strip().casefold()
        for lang in self.assistant.identifier.supported:
            if self.catalogs.has(lang) and self.catalogs.text(lang, "language_name").casefold() == wanted:
                return lang
        return None


class _Turn:
    """One message's processing; holds the state it mutates."""

    def __init__(self, manager: DialogueManager, message: IncomingMessage, state: DialogueState) -> None:
        self.m, self.msg, self.state = manager, message, state
        self.text = message.text.strip()
        self.near_topics: list[TopicHit] = []

    # -- helpers ----------------------------------------------------------------------------------
    @property
    def content_lang(self) -> str:
        return PLAIN_LANG if self.state.lang == "ja" and self.state.register == "plain" else self.state.lang

    def say(self, *keys: str, quick: tuple[str, ...] = (), **values) -> Reply:
        text = "\n\n".join(self.m.catalogs.text(self.content_lang, k, **values) for k in keys)
        return self.reply(text, quick=quick)

    def reply(self, text: str, sources=(), handoff=None, quick: tuple[str, ...] = (), confidence=0.0) -> Reply:
        return Reply(self.msg.conversation_id, self.state.lang, self.state.register, text, tuple(sources),
                     handoff, quick, confidence)

    def quick(self, *keys: str) -> tuple[str, ...]:
        return tuple(self.m.catalogs.text(self.content_lang, k) for k in keys)

    # -- language ---------------------------------------------------------------------------------
    def settle_language(self) -> None:
        state, msg = self.state, self.msg
        if msg.lang:
            state.lang, state.lang_chosen = ("ja", True) if msg.lang == PLAIN_LANG else (msg.lang, True)
            if msg.lang == PLAIN_LANG:
                state.register = "plain"
            elif msg.lang != "ja":
                state.register = "standard"
        chosen = self.m.language_by_name(self.text) if self.text else None
        if chosen:
            state.lang, state.lang_chosen = ("ja", True) if chosen == PLAIN_LANG else (chosen, True)
            state.register = "plain" if chosen == PLAIN_LANG else "standard"
        if msg.plain is not None:
            state.register = "plain" if msg.plain else "standard"
            if msg.plain:
                state.lang = "ja"
        if self.text and not state.lang_chosen:
            detection = self.m.assistant.identifier.detect(self.text)
            if detection.confidence >= 0.5 or not state.lang:
                state.lang = "ja" if detection.lang == PLAIN_LANG else detection.lang
                if state.lang == "ja" and msg.plain is None:
                    state.register = detection.register
        if not state.lang:
            state.lang = self.m.assistant.identifier.default
        self.language_tapped = bool(chosen)

    # -- handoff ----------------------------------------------------------------------------------
    def handoff(self, reason: str, kind: str | None = None, lead: list[Reply] | None = None) -> list[Reply]:
        kind = kind or REASONS[reason]
        referral = self.m.router.route(kind, self.state.prefecture)
        if self.text:
            self.state.problems = (self.state.problems + [redact(self.text)])[-5:]
        if referral.office is None:
            self.state.handoff, self.state.pending_reason, self.state.pending_kind = "awaiting-location", reason, kind
            names = tuple(self.m.places.places[p].name(self.content_lang) for p in ASK_PREFECTURES)
            return (lead or []) + [self.say("ask_location", quick=names)]
        self.state.handoff, self.state.pending_reason, self.state.pending_kind = "done", "", ""
        self.state.handoff_reason, self.state.handoff_kind = reason, kind
        summary = self.m.router.summary_ja(
            lang=self.content_lang, prefecture=self.state.prefecture, city=self.state.city, reason=reason,
            kind=kind, topics=[self.topic_title_ja(t) for t in self.topics_touched()],
            words=self.state.problems)
        text = self.m.router.reply_text(reason, referral, self.content_lang)
        handoff = self.m.router.handoff(reason, referral, self.content_lang, summary)
        return (lead or []) + [self.reply(text, handoff=handoff, quick=self.quick("qr_more"))]

    def topics_touched(self) -> list[str]:
        """The conversation's recent topics, then the ones this message is close to (for the summary)."""
        near = [h.topic_id for h in self.near_topics[:2]
                if h.dense >= self.m.assistant.threshold - 0.02 and not h.topic_id.startswith("status:")]
        return list(dict.fromkeys(self.state.recent_topics[:3] + near))[:3]

    def topic_title_ja(self, topic_id: str) -> str:
        found = self.m.assistant.topic_text(topic_id, "ja")
        return found[0].title if found else topic_id

    # -- the answer -------------------------------------------------------------------------------
    def answer_topic(self, hit: TopicHit) -> Reply:
        chunk, body = self.m.assistant.topic_text(hit.topic_id, self.content_lang)
        self.state.remember_topic(hit.topic_id)
        self.state.unanswered = 0
        return self.reply(body, sources=[self.m.assistant.source(hit, chunk)], quick=self.quick("qr_more", "qr_person"),
                          confidence=hit.dense)

    def search(self, text: str) -> tuple[TopicHit | None, list[TopicHit]]:
        found = self.m.assistant.find(text, lang=self.state.lang, plain=self.state.register == "plain", k=8)
        return found.intent, found.topics

    def run(self, given_intent: str | None = None) -> list[Reply]:
        self.settle_language()
        state = self.state
        if self.msg.kind == "follow":
            return [self.say("greet", "choose_language", quick=tuple(self.m.language_choices()))]
        if self.msg.kind == "non_text":
            return [self.say("non_text")]
        if self.language_tapped:
            return [self.say("language_set")]
        emergency = self.m.cues.emergency_kind(self.text)
        intent, topics = self.search(self.text)
        self.near_topics = topics
        intent_name = ""
        if given_intent is not None:
            intent_name = given_intent
        elif intent and intent.dense >= self.m.intent_threshold and (
                not topics or intent.score >= topics[0].score + self.m.intent_margin):
            intent_name = intent.intent
            best_topic = topics[0].dense if topics else 0.0
            if intent_name.startswith("emergency_") and intent.dense < 0.94 and intent.dense - best_topic < 0.04:
                # an emergency by example must be a near-exact match or clearly closer than any topic:
                # "I lost my card, what should I do?" must not be taken for a disaster
                intent_name = ""
        if emergency or intent_name.startswith("emergency_"):
            kind = emergency or intent_name.removeprefix("emergency_")
            urgent = self.say(f"emergency_{kind}", quick=self.quick("qr_person"))
            guide = topics[0] if topics and topics[0].dense >= self.m.assistant.threshold else None
            if guide is not None and guide.topic_id in self.m.emergency_topics:
                return [urgent, self.answer_topic(guide)]  # the number first, then what to do
            return [urgent]
        places = self.m.places.find(self.text)
        lead: list[Reply] = []
        if places:
            place = places[-1]
            state.prefecture, state.city = place.prefecture, place.id if place.kind == "city" else ""
            lead = [self.say("location_set", place=place.name(self.content_lang))]
            if state.handoff == "awaiting-location":
                return self.handoff(state.pending_reason, state.pending_kind, lead)
            moved = state.handoff == "done" and state.handoff_kind == "immigration"
            about_place = (self.m.cues.is_follow_up(self.text) or len(self.text.split()) <= 5
                           or not any(h.dense >= self.m.assistant.threshold for h in topics[:1]))
            if moved and about_place:  # "what about Kobe?" after a referral: refer to Kobe's office
                return self.handoff(state.handoff_reason, state.handoff_kind, lead)
        return self.respond(intent_name, topics, lead, places)

    def respond(self, intent: str, topics: list[TopicHit], lead: list[Reply], places) -> list[Reply]:
        state, assistant = self.state, self.m.assistant
        simple = {"greet": "greet", "goodbye": "goodbye", "thanks": "thanks"}
        if intent in simple:
            return lead + [self.say(simple[intent])]
        if intent == "choose_language":
            return [self.say("choose_language", quick=tuple(self.m.language_choices()))]
        if intent == "plain_japanese":
            state.lang, state.register, state.lang_chosen = "ja", "plain", True
            return [self.say("plain_on")]
        if intent == "ask_human":
            return self.handoff("requested", lead=lead)
        if intent == "inform_location":
            return lead or [self.say("location_unknown")]
        if intent == "out_of_scope":
            return self.handoff("out_of_scope", lead=lead + [self.say("out_of_scope")])
        kinds = self.m.cues.handoff_kinds(self.text)
        if kinds:
            return self.handoff("complex", kinds[0], lead)
        confident = [h for h in topics if h.dense >= assistant.threshold]
        if self.several_problems(confident):
            return self.handoff("complex", "fresc", lead)
        if confident:
            state.last_question = self.text
            answer = self.answer_topic(confident[0])
            if self.m.cues.is_own_case(self.text):
                return self.handoff("own_case", "immigration", lead + [answer])
            return lead + [answer]
        if state.recent_topics and state.last_question and len(self.text) <= 60:
            _, again = self.search(f"{state.last_question} {self.text}")
            if again and again[0].dense >= assistant.threshold:
                return lead + [self.answer_topic(again[0])]
        if lead:
            return lead
        state.unanswered += 1
        if state.unanswered >= 2:
            return self.handoff("low_confidence", "fresc")
        unsure = assistant.not_sure(self.msg.conversation_id, self.content_lang)
        return [replace(unsure, quick_replies=self.quick("qr_person"))]

    def several_problems(self, confident: list[TopicHit]) -> bool:
        """Three or more substantial sentences landing in at least two chapters: several problems at once.

        Only long messages are split (one batched embedding call), so ordinary questions — including
        "I moved. Where do I register?" — cost nothing extra and are not mistaken for complex cases.
        """
        sentences = [s.strip() for s in re.split(r"[.!?。！？\n]+", self.text) if len(s.strip()) >= 12]
        if len(sentences) < 3 or len(self.text) < 100 or not confident:
            return False
        retriever = self.m.assistant.retriever()
        vectors = retriever.embedder.embed_queries(sentences[:4])
        lang = "ja" if self.state.lang == "ja" else self.state.lang
        chapters = set()
        for sentence, vector in zip(sentences[:4], vectors):
            hits = [h for h in retriever.search(sentence, lang, k=8, vector=vector)
                    if not h.is_intent]
            if hits and hits[0].dense >= self.m.assistant.threshold:
                chapters.add(hits[0].chunk.chapter)
        return len(chapters) >= 2
