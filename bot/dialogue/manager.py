"""The dialogue manager: ``handle(IncomingMessage) -> list[Reply]``, knowing nothing of channels.

A turn: store what the user sent; settle language and register; then the named steps of
``bot.dialogue.steps`` in order (emergency, place, intent, serious situation, several problems, answer,
follow-up, unsure) until one replies. Every number they decide with is in ``DialoguePolicy``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property

from bot.assistant import Assistant
from bot.dialogue.cues import Cues
from bot.dialogue.handoff import HandoffRouter
from bot.dialogue.policy import DialoguePolicy
from bot.dialogue.state import DialogueState
from bot.dialogue.steps import STEPS, Step, run_steps
from bot.dialogue.turn import IncomingMessage, Turn
from bot.redact import redact
from bot.replies import QuickReply, Reply
from bot.speech import PLAIN, Speech
from bot.store import ConversationStore
from bot.store.outcome import TurnOutcome
from bot.safety.step import Safety
from knowledge.languages import Writings, packaged_writings
from knowledge.memory import release_unused
from knowledge.places import Gazetteer

__all__ = ["DialogueManager", "IncomingMessage", "WITHOUT_STORE"]

WITHOUT_STORE = ("danger", "emergency")  # the steps that still answer while the database is unreachable


class DialogueManager:
    def __init__(
        self,
        assistant: Assistant,
        store: ConversationStore,
        router: HandoffRouter,
        cues: Cues,
        places: Gazetteer,
        policy: DialoguePolicy | None = None,
        emergency_topics: frozenset[str] = frozenset(),
        on_turn: Callable[[TurnOutcome], None] | None = None,
        writings: Writings | None = None,
        steps: tuple[Step, ...] = STEPS,
        safety: Safety | None = None,
    ) -> None:
        self.assistant = assistant
        self.store = store
        self.router = router
        self.cues = cues
        self.places = places
        self.policy = policy or DialoguePolicy(answer_threshold=assistant.threshold)
        self.emergency_topics = emergency_topics  # topics that may follow an emergency line (chapter 10)
        self.catalogs = assistant.catalogs
        self.on_turn = on_turn  # told what became of each question (the service's metrics)
        self.writings = writings or packaged_writings()
        self.steps = steps
        self.safety = safety  # crises and serious situations (bot/safety): the danger and situations steps

    def prepare(self) -> None:
        """Build what the first turn would otherwise build while a resident waits: the table of safety
        examples over the index, the office desk and the kana-reading vocabulary of the topic search (called
        on a background thread at start-up)."""
        self.assistant.retriever().prepare()
        if self.safety is not None:
            self.safety.recogniser.table()
        self.router.desk  # noqa: B018 (a cached property: built here, once)
        release_unused()  # the dictionary pages the kana vocabulary read once, the heap the index load left

    # -- the turn ---------------------------------------------------------------------------------
    def handle(self, message: IncomingMessage) -> list[Reply]:
        question = redact(message.text) if message.kind == "text" else ""
        if message.kind == "text" and not message.recorded:
            self.store.record_incoming(message.conversation_id, message.channel, question, message.lang or "")
        with self.store.turn(message.conversation_id, message.channel) as turn:
            state = DialogueState.from_dict(turn.state)
            unanswered_before = state.unanswered
            current = Turn(self, message, state)
            replies = run_steps(current, self.steps)
            if message.kind == "text":
                turn.outcome = TurnOutcome.of_turn(
                    channel=message.channel,
                    speech=current.speech,
                    question=question,
                    replies=replies,
                    said_unsure=state.unanswered > unanswered_before,
                    step=current.ended_by,
                )
            turn.state = state.to_dict()
            for reply in replies:
                turn.say(
                    reply.text,
                    reply.lang,
                    {
                        "register": reply.register,
                        "sources": [s.id for s in reply.sources],
                        "handoff": reply.handoff.reason if reply.handoff else None,
                        "shown": reply.shown(),
                    },
                )
        if self.on_turn is not None and turn.outcome is not None:
            self.on_turn(turn.outcome)
        return replies

    def turn(
        self, message: IncomingMessage, state: DialogueState, intent: str | None = None, count: bool = False
    ) -> list[Reply]:
        """One turn on a state the caller keeps, without storing the state (the Rasa actions,
        ``connectors/rasa/actions.py``; ``handle`` runs the same steps inside its stored turn). ``intent``, when
        given, is the caller's own classification ("" = a question) and replaces Tsunagu's intent recogniser
        for this turn. With ``count``, what became of a text question is recorded for the analytics under
        the message's channel (its text redacted, as ``handle`` does)."""
        unanswered_before = state.unanswered
        current = Turn(self, message, state, intent)
        replies = run_steps(current, self.steps)
        if count and message.kind == "text" and message.text.strip():
            outcome = TurnOutcome.of_turn(
                channel=message.channel,
                speech=current.speech,
                question=redact(message.text),
                replies=replies,
                said_unsure=state.unanswered > unanswered_before,
                step=current.ended_by,
            )
            with self.store.turn(message.conversation_id, message.channel) as stored:
                stored.outcome = outcome
            if self.on_turn is not None:
                self.on_turn(outcome)
        return replies

    def without_store(self, message: IncomingMessage) -> list[Reply] | None:
        """While the database is unreachable: the danger and emergency steps alone, on a fresh state (nothing
        is read or stored), so a resident in crisis still gets the line to call first, with a sentence saying
        the message could not be saved. None for anything else (the caller answers 503: try again). The
        replies carry no handoff and no buttons: a person cannot be asked for until the store is back."""
        if message.kind != "text" or not message.text.strip():
            return None
        current = Turn(self, message, DialogueState())
        replies = run_steps(current, tuple(s for s in self.steps if s.name in WITHOUT_STORE))
        if current.ended_by not in WITHOUT_STORE or not replies:
            return None
        note = self.safety.composer.texts.text(current.speech.key, "not_saved") if self.safety else ""
        replies = [replace(r, handoff=None, quick_replies=()) for r in replies]
        if note:
            replies[-1] = replace(replies[-1], text=f"{replies[-1].text}\n\n{note}")
        return replies

    # -- languages (all from data: the supported content keys that have a catalog) ---------------------
    def languages(self) -> list[Speech]:
        return [Speech.parse(key) for key in sorted(self.assistant.identifier.supported) if self.catalogs.has(key)]

    def language_buttons(self) -> tuple[QuickReply, ...]:
        """One button per language, labelled with its own name, its payload choosing it."""
        return tuple(QuickReply.for_language(self.catalogs.text(s, "language_name"), s) for s in self.languages())

    def language_choices(self) -> list[str]:
        return [button.label for button in self.language_buttons()]

    def language_by_name(self, text: str) -> Speech | None:
        """The language whose own name was typed ("Tiếng Việt"), if any."""
        return self._language_names.get(text.strip().casefold())

    @cached_property
    def _language_names(self) -> dict[str, Speech]:
        """Each language's own name, case-folded -> the language (the first of ``languages`` for a name two
        share); built once: the catalogs and the supported languages do not change while the service runs,
        and every turn looks the message up in it."""
        names: dict[str, Speech] = {}
        for speech in self.languages():
            names.setdefault(self.catalogs.text(speech, "language_name").casefold(), speech)
        return names

    def speaks(self, speech: Speech) -> bool:
        """Whether there are texts for this speech of its own (a plain register needs its own catalog)."""
        return self.catalogs.has(speech.key)

    @property
    def plain_language(self) -> str:
        """The language plain speech is offered in (the one with a plain catalog: Japanese), or ""."""
        return next((s.lang for s in self.languages() if s.register == PLAIN), "")
