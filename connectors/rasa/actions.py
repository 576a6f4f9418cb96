"""Tsunagu's brain as Rasa custom actions (rasa-sdk): the second door into the same dialogue manager.

Every action runs one turn of the dialogue through the application API (``Tsunagu.answer_on_state``) on the state
rebuilt from the tracker's slots, with Rasa's intent in place of Tsunagu's own recogniser; so the texts,
sources and handoff data are the built-in dialogue's, word for word. The actions differ only in which
intent they hand over:

* ``action_answer_question`` — a guidebook question (and Tsunagu's own handoff rules: several problems,
  handoff cues, "my own case", twice unsure);
* ``action_handoff`` — ``ask_human`` or ``out_of_scope``: refer to the right office (asks the prefecture
  first when the office depends on it);
* ``action_emergency`` — ``emergency_<kind>``: the number to call first, then the guidebook's advice;
* ``action_tsunagu_respond`` — greetings, thanks, language and place: Rasa's intent as it is;
* ``action_plain_japanese`` — ``plain_japanese``: switch to plain Japanese and say the last Japanese
  message again in plain Japanese (rewritten by ``bot.plain`` when it is not one of Tsunagu's answers).

Each reply becomes one bot message: the text, quick replies as buttons, and the rest of ``/api/chat``'s
JSON (sources, handoff office and staff summary) as the ``custom`` payload ``{"tsunagu": {...}}``.
The dialogue manager is the service's (``get_services``) unless one is given, so ``rasa run actions
--actions connectors.rasa.actions`` works as well as ``tsunagu actions``.
"""

from __future__ import annotations

import asyncio
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue import IncomingMessage
from bot.replies import QuickReply, Reply
from connectors.application import Tsunagu
from connectors.rasa.slots import reply_payload, slots_from_state, state_from_slots

__all__ = [
    "TsunaguAction",
    "ActionAnswerQuestion",
    "ActionHandoff",
    "ActionEmergency",
    "ActionTsunaguRespond",
    "ActionPlainJapanese",
    "ALL_ACTIONS",
    "NLU_FALLBACK",
    "last_bot_message",
]

NLU_FALLBACK = "nlu_fallback"
CHANNEL = "rasa"


class TsunaguAction(Action, ABC):
    """One turn of Tsunagu's dialogue for Rasa's latest user message."""

    def __init__(self, app: Tsunagu | None = None) -> None:
        self._app = app

    @property
    def app(self) -> Tsunagu:
        """The application API every connector calls (built from the shared services on first use)."""
        if self._app is None:
            from connectors.services import get_services

            self._app = Tsunagu(get_services())
        return self._app

    @abstractmethod
    def intent(self, rasa_intent: str) -> str | None:
        """The intent this action hands to the dialogue ("" = a question, None = let Tsunagu decide)."""

    def turn(self, tracker: Tracker) -> tuple[list[Reply], dict[str, Any]]:
        """The replies and the new slot values (synchronous: runs on a worker thread)."""
        latest = tracker.latest_message or {}
        rasa_intent = (latest.get("intent") or {}).get("name") or ""
        state = state_from_slots(tracker.current_slot_values(), self.app.places)
        message = IncomingMessage(tracker.sender_id, latest.get("text") or "", CHANNEL)
        replies = self.app.answer_on_state(message, state, self.intent(rasa_intent))  # counted as "rasa"
        return replies, slots_from_state(state, replies)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        replies, slots = await asyncio.to_thread(self.turn, tracker)
        for reply in replies:
            dispatcher.utter_message(
                text=reply.text, json_message=reply_payload(reply), buttons=[_button(q) for q in reply.quick_replies]
            )
        return [SlotSet(name, value) for name, value in slots.items()]


def _button(quick: QuickReply) -> dict[str, str]:
    """A Rasa button. Rasa sends a button's payload back as the user's text, so a language button says
    the language's own name (which the dialogue recognises) rather than its ``lang=`` payload."""
    said = quick.label if QuickReply.chosen_language(quick.payload) else quick.payload
    return {"title": quick.label, "payload": said}


class ActionAnswerQuestion(TsunaguAction):
    """A guidebook question: whatever Rasa's classifier was unsure of (``nlu_fallback``)."""

    def name(self) -> str:
        return "action_answer_question"

    def intent(self, rasa_intent: str) -> str | None:
        return ""


class ActionHandoff(TsunaguAction):
    """A person, please (``ask_human``), or a matter outside the guidebook (``out_of_scope``)."""

    def name(self) -> str:
        return "action_handoff"

    def intent(self, rasa_intent: str) -> str | None:
        return rasa_intent if rasa_intent in {"ask_human", "out_of_scope"} else "ask_human"


class ActionEmergency(TsunaguAction):
    """``emergency_<kind>``; from any other intent, Tsunagu's cue phrases find the kind (or none)."""

    def name(self) -> str:
        return "action_emergency"

    def intent(self, rasa_intent: str) -> str | None:
        return rasa_intent if rasa_intent.startswith("emergency_") else None


class ActionTsunaguRespond(TsunaguAction):
    """Greetings, goodbyes, thanks, choosing a language, giving one's place: Rasa's intent as it is."""

    def name(self) -> str:
        return "action_tsunagu_respond"

    def intent(self, rasa_intent: str) -> str | None:
        return "" if rasa_intent == NLU_FALLBACK else rasa_intent


class ActionPlainJapanese(TsunaguAction):
    """Plain Japanese (やさしい日本語) from now on, and the bot's last Japanese message again in plain Japanese.

    A guidebook answer of Tsunagu's is asked again in the plain register (the hand-written plain guidebook
    text, as the built-in dialogue would give it); any other Japanese message — the Rasa project's own
    responses — is rewritten by ``bot.plain.rewrite``, with furigana in the payload (``plain``).
    """

    def name(self) -> str:
        return "action_plain_japanese"

    def intent(self, rasa_intent: str) -> str | None:
        return "plain_japanese"

    def turn(self, tracker: Tracker) -> tuple[list[Reply], dict[str, Any]]:
        replies, slots = super().turn(tracker)
        said, asked = last_bot_message(tracker.events)
        if said is None or not _JAPANESE.search(said.get("text") or ""):
            return replies, slots
        payload = ((said.get("data") or {}).get("custom") or {}).get("tsunagu") or {}
        if payload.get("register") == "plain":
            return replies, slots
        state = state_from_slots(slots, self.app.places)
        if payload.get("sources") and asked:
            again = self.app.answer_on_state(IncomingMessage(tracker.sender_id, asked, CHANNEL), state, "")
            return replies + again, slots_from_state(state, replies + again)
        plain = self.app.rewrite_plain(said["text"])
        last = replies[-1]
        rewritten = Reply(
            last.session_id,
            last.speech,
            plain.text,
            extra={"plain": {"ruby_html": plain.ruby.html, "ruby_text": plain.ruby.bracket}},
        )
        return replies + [rewritten], slots


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def last_bot_message(events: list[dict]) -> tuple[dict | None, str]:
    """The bot's last message before the latest user message, and the user message it answered."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    before = users[-1] if users else len(events)
    bots = [i for i in range(before) if events[i].get("event") == "bot" and events[i].get("text")]
    if not bots:
        return None, ""
    asked = [events[i].get("text") or "" for i in users if i < bots[-1]]
    return events[bots[-1]], asked[-1] if asked else ""


ALL_ACTIONS: tuple[type[TsunaguAction], ...] = (
    ActionAnswerQuestion,
    ActionHandoff,
    ActionEmergency,
    ActionTsunaguRespond,
    ActionPlainJapanese,
)
