"""One message being handled: what came in, the state it changes, what retrieval found, and the helpers
every step uses to word replies and hand a resident to a person. The steps themselves are in
``bot.dialogue.steps``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.dialogue.handoff import REASONS
from bot.dialogue.state import DialogueState
from bot.emergency_calls import EmergencyCall, emergency_kinds
from bot.redact import redact
from bot.replies import BUTTON_PAYLOADS, Handoff, QuickReply, Reply, Source
from bot.speech import PLAIN, STANDARD, Speech
from knowledge.local import municipality_of, local_first
from knowledge.once import once_property
from knowledge.places import Place
from knowledge.retriever import TopicHit, bare

if TYPE_CHECKING:
    from bot.assistant import Answer
    from bot.dialogue.manager import DialogueManager
    from bot.dialogue.parts import MessageParts

__all__ = ["IncomingMessage", "Turn", "has_words", "letters", "substantial"]

_MARKUP = re.compile(r"<[^<>]*>")


def letters(text: str) -> int:
    """How many letters (any script) a message has once markup tags are taken out."""
    return sum(unicodedata.category(char)[0] == "L" for char in _MARKUP.sub(" ", text))


_HAN_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def substantial(question: str, min_chars: int) -> bool:
    """Long enough to be a question of its own: ``min_chars`` in scripts with spaces, half in scripts
    without (救急車は何番ですか is a whole question in nine characters), a third in kanji, kana or hangul,
    a word in one to three characters (避难所在哪 "where is the shelter" is a whole question in five)."""
    dense = any(ord(c) >= 0x0E00 and not c.isspace() for c in question[:20])
    if dense and _HAN_KANA_HANGUL.search(question[:20]):
        return len(question.strip(" ?？!！。.")) >= min_chars // 3
    return len(question) >= (min_chars // 2 if dense else min_chars)


def has_words(text: str) -> bool:
    """Whether a message has a letter or a digit in any script once markup tags are taken out."""
    return any(unicodedata.category(char)[0] in "LN" for char in _MARKUP.sub(" ", text))


@dataclass(frozen=True)
class IncomingMessage:
    conversation_id: str
    text: str = ""
    channel: str = "api"
    lang: str | None = None  # an explicit choice, a content key ("ja-plain" means plain Japanese)
    plain: bool | None = None
    kind: str = "text"  # "text", "follow" (a new friend on LINE), "non_text" (sticker, image),
    # or "postback" (a button's payload without text)
    recorded: bool = False  # the channel already stored the (redacted) text, before acknowledging it
    payload: str = ""  # a tapped quick reply's payload (``QuickReply.payload``), e.g. "lang=vi"


class Turn:
    """One message's processing; holds the state it mutates. Steps read ``found``, ``places`` and
    ``intent`` (each computed once, on first use) and reply through ``say`` / ``reply`` / ``handoff``."""

    def __init__(
        self, dialogue: DialogueManager, message: IncomingMessage, state: DialogueState, given_intent: str | None = None
    ) -> None:
        self.dialogue, self.msg, self.state = dialogue, message, state
        self.policy = dialogue.policy
        self.text = message.text.strip()
        self.given_intent = given_intent  # the caller's own classification (Rasa), "" = a question
        self.lead: list[Reply] = []  # replies said before the step's own (e.g. "Place set: Osaka")
        self.language_tapped = False
        self.ended_by = ""  # the name of the step whose replies ended the turn
        self.steps: frozenset[str] = frozenset()  # the names of the steps this turn runs (``run_steps``)

    # -- how replies speak ------------------------------------------------------------------------
    @property
    def speech(self) -> Speech:
        """The conversation's speech; a plain register only where the language has plain texts."""
        speech = self.state.speech
        return speech if not speech.plain or self.dialogue.speaks(speech) else Speech(speech.lang)

    def settle_language(self) -> None:
        """A chosen language (``lang``, a language button, a typed language name) wins from then on;
        otherwise a confident detection sets it."""
        state, msg, dialogue = self.state, self.msg, self.dialogue
        if msg.lang:
            wanted = Speech.parse(msg.lang)
            state.lang, state.lang_chosen = wanted.lang, True
            if wanted.plain or not dialogue.speaks(wanted.with_register(PLAIN)):
                state.register = wanted.register  # "ja" alone keeps the register the plain box chose
        chosen = QuickReply.chosen_language(msg.payload) or (
            dialogue.language_by_name(self.text) if self.text else None
        )
        if chosen:
            state.speech, state.lang_chosen = chosen, True
        if msg.plain is not None:
            state.register = PLAIN if msg.plain else STANDARD
            if msg.plain and not dialogue.speaks(state.speech):
                state.lang = dialogue.plain_language or state.lang
        # a tapped button's label is Tsunagu's own words, not the resident's: it never changes the language
        if self.text and self.has_words and not msg.payload and not state.lang_chosen:
            detection = dialogue.assistant.identifier.detect(self.text)
            long_enough = letters(self.text) >= self.policy.detection_min_letters
            if (detection.confidence >= self.policy.detection_confidence and long_enough) or not state.lang:
                state.lang = Speech.parse(detection.lang).lang
                if msg.plain is None:
                    state.register = detection.register
        if not state.lang:
            state.lang = dialogue.assistant.identifier.default
        self.language_tapped = bool(chosen)

    @once_property
    def has_words(self) -> bool:
        return has_words(self.text)

    # -- what the message is about (computed once) --------------------------------------------------
    @once_property
    def found(self) -> Answer:
        return self.search(self.text)

    def search(self, text: str) -> Answer:
        return self.dialogue.assistant.find(text, self.speech, k=self.policy.search_k)

    @property
    def topics(self) -> list[TopicHit]:
        """Found topics; a municipality's own content (``tsunagu index --source``) only for its residents,
        and first for them when it matches about as well as the national topic."""
        return local_first(self.found.topics, (self.state.city, self.state.prefecture), self.dialogue.places.places)

    @once_property
    def question_topics(self) -> list[TopicHit]:
        """The topics of the question itself: "I live in Aichi. Where do I renew my visa?" is searched
        without the place sentence (one more embedding call, only for a message in parts)."""
        question = self.question_text(self.parts)
        return self.search(question).topics if question is not None else self.topics

    def question_text(self, parts: MessageParts) -> str | None:
        """The questions of ``parts`` without the place sentence beside them, as one text, when a place was
        stated beside them (``question_topics``); ``None`` otherwise."""
        if parts.several and parts.questions and parts.place is not None:
            return bare(" ".join(parts.questions))
        return None

    def asked(self, parts: MessageParts) -> list[str]:
        """The questions of ``parts`` searched one by one (``several_questions``): the substantial ones that
        are not vague, when there are two to ``questions_answered + 1`` of them; none otherwise. The one
        owner of that choice for the step and for ``search_texts``."""
        questions = self._own_questions(parts)
        return questions if 2 <= len(questions) <= self.policy.questions_answered + 1 else []

    def _own_questions(self, parts: MessageParts) -> list[str]:
        """The substantial questions of ``parts`` that are not vague."""
        desk, policy = self.dialogue.router.desk, self.policy
        # a vague question ("what should I do?") asks about the sentence before it: not a question of its own
        # (a sentence that only tells stays one: "I lost my card. Also, where do I pay my tax?" — measured,
        # the held-out multi-part figure fell from 75 % to 67 % without it)
        # one thing of a pair or of a comparison ("kokuho" of "the difference between kokuho and the nenkin") is
        # short and names its thing only: a question of its own all the same
        pairs = parts.pair_questions
        return [
            q
            for q in parts.questions
            if q in pairs or substantial(q, policy.sentence_min_chars) and not desk.vague(q, self.speech.key)
        ]

    def search_texts(self) -> list[str]:
        """The texts this message's searches will embed, as far as the message tells before the steps run:
        the whole message; for a message in parts, each question (``Assistant.search_many``) and the
        questions without the place sentence (``question_topics``). The safety check embeds them in its own
        call (``Safety.recognition``): one engine call per message, and a clause the safety check reads is
        the very text its part's search embeds (``bare``)."""
        assistant = self.dialogue.assistant
        texts = [assistant.query_text(self.text)]
        parts = self._split()
        if not parts.several:
            return texts
        texts += assistant.part_texts(self.asked(parts), self.speech)
        question = self.question_text(parts)
        if question is not None:
            texts.append(assistant.query_text(question))
        return texts

    def confident(self, topics: list[TopicHit]) -> list[TopicHit]:
        return [h for h in topics if h.dense >= self.policy.answer_threshold]

    @once_property
    def places(self) -> list[Place]:
        return self.dialogue.places.find(self.text)

    @once_property
    def unsettled_home(self) -> tuple[Place, ...]:
        """The places a shared name the resident says they live in may be (港区: Tokyo, Nagoya, Osaka)."""
        if self.places:
            return ()
        return self.dialogue.router.desk.unsettled_home(self.text, self.speech.key, self.state.prefecture)

    @once_property
    def parts(self):
        """The message in parts: a place stated, plain Japanese asked for, the questions (``MessageParts``)."""
        return self._split()

    def _split(self):
        """The message in parts for the conversation's language and place now (the place step may change
        them before ``parts`` is first read: each pair is split once)."""
        key = (self.speech.key, self.state.prefecture)
        known = self.__dict__.setdefault("_splits", {})
        if key not in known:
            desk = self.dialogue.router.desk
            parts = desk.parts(self.text, *key)
            if len(self._own_questions(parts)) > self.policy.questions_answered + 1:
                # cut into more questions than can be answered ("…សៀវភៅម្តាយ|និង|កូន…": the mother-and-child
                # handbook cut as a pair): the message's sentences are its questions
                parts = desk.parts(self.text, *key, sentences=True)
            known[key] = parts
        return known[key]

    @once_property
    def intent(self) -> str:
        """The recognised intent ("greet", "emergency_fire", …) or "" for a question."""
        if self.given_intent is not None:
            return self.given_intent
        return self.read_intent(self.found.intent, self.topics)

    def read_intent(self, hit: TopicHit | None, topics: Sequence[TopicHit]) -> str:
        """The intent ``hit`` when it is read as one beside these ``topics`` (the whole message's or a part's),
        else "": it must be close enough and beat the best topic clearly."""
        policy = self.policy
        if not hit or hit.dense < policy.intent_threshold:
            return ""
        if topics and hit.score < topics[0].score + policy.intent_margin:
            return ""  # questions stay questions: an intent must beat the best topic clearly
        best_topic = topics[0].dense if topics else 0.0
        if (
            hit.intent.startswith("emergency_")
            and hit.dense < policy.emergency_exact
            and hit.dense - best_topic < policy.emergency_margin
        ):
            # an emergency by example must be a near-exact match or clearly closer than any topic:
            # "I lost my card, what should I do?" must not be taken for a disaster
            return ""
        return hit.intent

    @once_property
    def part_intents(self) -> list[str]:
        """The intent each searched question part reads as on its own ("" for a question): "Saya mau bicara
        dengan petugas" beside a question is a request for a person, not a topic to search."""
        questions = self.asked(self.parts)
        if not questions:
            return []
        assistant, k = self.dialogue.assistant, self.policy.search_k
        topics = assistant.search_many(questions, self.speech, k=k)
        intents = assistant.intents_many(questions, self.speech, k=k)
        # one thing of a pair asked about in one frame ("ខ្ញុំចង់ដឹងពី X និង Y", "I want to know about X and Y")
        # asks about that thing, not for a person
        pairs = self.parts.pair_questions
        return [
            "" if question in pairs else self.read_intent(hit, found)
            for question, hit, found in zip(questions, intents, topics)
        ]

    @once_property
    def emergency_kind(self) -> str:
        """The emergency the message names ("fire", "ambulance", "police", "sea", "disaster") or "": a cue
        phrase, or an emergency intent whose example in the message's own script is clearly closest (the
        safety recogniser's test: kana-only and romaji questions otherwise land on an emergency example)."""
        safety = getattr(self.dialogue, "safety", None)
        # "she broke into tears", 「顔から火が出るほど」: a cue inside a harmless phrase names no emergency
        cue_text = safety.recogniser.harmless.mask(self.text) if safety is not None and self.text else self.text
        kind = self.dialogue.cues.emergency_kind(cue_text) if self.text else None
        if kind:
            return kind
        if not self.intent.startswith("emergency_"):
            return ""
        kind = self.intent.removeprefix("emergency_")
        allowed = safety is None or safety.recogniser.emergency_evidence(self.text, kind)
        return kind if allowed else ""

    def word_count(self) -> int:
        return self.dialogue.writings.word_count(self.found.detection.lang, self.text)

    # -- wording ------------------------------------------------------------------------------------
    def say(self, *keys: str, quick: tuple[QuickReply, ...] = (), **values) -> Reply:
        text = "\n\n".join(self.dialogue.catalogs.text(self.speech, k, **values) for k in keys)
        return self.reply(text, quick=quick)

    def reply(
        self,
        text: str,
        sources: tuple[Source, ...] | list[Source] = (),
        handoff: Handoff | None = None,
        quick: tuple[QuickReply, ...] = (),
        confidence: float = 0.0,
    ) -> Reply:
        return Reply(self.msg.conversation_id, self.speech, text, tuple(sources), handoff, quick, confidence)

    def emergency_call(self, kind: str) -> EmergencyCall | None:
        """The card of an emergency kind: its number and its steps in the conversation's language."""
        known = emergency_kinds().get(kind)
        if known is None:
            return None
        return EmergencyCall(
            kind, known.number, tuple(self.dialogue.catalogs.text(self.speech, step) for step in known.steps)
        )

    def quick(self, *keys: str) -> tuple[QuickReply, ...]:
        """Buttons that say catalog sentences ("More questions", "Talk to a person")."""
        return tuple(QuickReply(self.dialogue.catalogs.text(self.speech, k), BUTTON_PAYLOADS.get(k, "")) for k in keys)

    def answer_topic(self, hit: TopicHit) -> Reply:
        located = self.dialogue.assistant.topic_text(hit.topic_id, self.speech)
        if located is None:  # a hit comes from the index, so its topic has text in some language
            raise LookupError(f"topic {hit.topic_id!r} has no text for {self.speech}")
        chunk, body = located
        places = self.dialogue.places.places
        place = municipality_of(hit.topic_id, places)
        if place:
            body = (
                self.dialogue.catalogs.text(self.speech, "local_answer", place=places[place].name(self.speech.key))
                + "\n\n"
                + body
            )
        self.state.remember_topic(hit.topic_id, keep=self.policy.recent_topics_kept)
        self.state.unanswered = 0
        self.state.situations = []  # a place named next is about this answer, not an earlier situation
        return self.reply(
            body,
            sources=[self.dialogue.assistant.source(hit, chunk)],
            quick=self.quick("qr_more", "qr_person"),
            confidence=hit.dense,
        )

    # -- handoff ------------------------------------------------------------------------------------
    def handoff(self, reason: str, kind: str | None = None, lead: list[Reply] | None = None) -> list[Reply]:
        """Refer the resident to a person (asking for the place first when the office depends on it)."""
        router, state, policy = self.dialogue.router, self.state, self.policy
        kind = kind or REASONS[reason]
        referral = router.route(kind, state.prefecture)
        if self.text:
            state.problems = (state.problems + [redact(self.text)])[-policy.problems_kept :]
        if referral.office is None:
            state.handoff, state.pending_reason, state.pending_kind = "awaiting-location", reason, kind
            places = self.dialogue.places.places
            names = tuple(QuickReply(places[p].name(self.speech.key)) for p in policy.ask_prefectures)
            return (lead or []) + [self.say("ask_location", quick=names)]
        state.handoff, state.pending_reason, state.pending_kind = "done", "", ""
        state.handoff_reason, state.handoff_kind = reason, kind
        key = self.speech.key
        summary = router.summary_ja(
            lang=key,
            prefecture=state.prefecture,
            city=state.city,
            reason=reason,
            kind=kind,
            topics=[self.topic_title_ja(t) for t in self.topics_touched()],
            words=state.problems[-policy.summary_words :],
        )
        text = router.reply_text(reason, referral, key)
        handoff = router.handoff(reason, referral, key, summary)
        return (lead or []) + [self.reply(text, handoff=handoff, quick=self.quick("qr_more"))]

    def topics_touched(self) -> list[str]:
        """The conversation's recent topics, then the ones this message is close to (for the summary)."""
        policy = self.policy
        near = [
            h.topic_id
            for h in self.topics[: policy.summary_near_topics]
            if h.dense >= policy.answer_threshold - policy.summary_near_slack and not h.topic_id.startswith("status:")
        ]
        return list(dict.fromkeys(self.state.recent_topics[: policy.summary_topics] + near))[: policy.summary_topics]

    def topic_title_ja(self, topic_id: str) -> str:
        found = self.dialogue.assistant.topic_text(topic_id, "ja")
        return found[0].title if found else topic_id
