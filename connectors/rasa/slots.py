"""Rasa slots <-> Tsunagu's dialogue state, for the Rasa actions (``connectors/rasa/actions.py``).

Rasa keeps the conversation, so the actions are stateless: each call rebuilds the dialogue state from the
tracker's slots and returns the new state as slot events. The whole state travels in one ``tsunagu_state``
slot; the readable slots (``language``, ``register``, ``prefecture``, ``city``) are what a Rasa project may
read or set itself. A readable slot that differs from the state was set by the project (a form, a button)
and wins — a language set that way counts as the resident's explicit choice, like a language tap.

No Rasa import here: the mapping is tested without rasa-sdk. The slot names must match
``training_data/domain.yml`` (a test checks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.dialogue.state import DialogueState
from bot.replies import Reply
from bot.speech import PLAIN, REGISTERS, Speech
from knowledge.places import Gazetteer

__all__ = ["SLOTS", "SlotNames", "state_from_slots", "slots_from_state", "reply_payload"]


@dataclass(frozen=True)
class SlotNames:
    language: str = "language"  # reply language code ("ja-plain" accepted on input)
    register: str = "register"  # "standard" or "plain"
    prefecture: str = "prefecture"  # prefecture id of knowledge/data/places.yaml (or any name of it)
    city: str = "city"  # city id, when the resident named a city
    handoff_office: str = "handoff_office"  # id of the office the last handoff referred to
    state: str = "tsunagu_state"  # the whole dialogue state (JSON object)

    def all(self) -> tuple[str, ...]:
        return (self.language, self.register, self.prefecture, self.city, self.handoff_office, self.state)


SLOTS = SlotNames()


def _place(places: Gazetteer, value: str):
    if value in places.places:
        return places.places[value]
    found = places.find(value)
    return found[-1] if found else None


def state_from_slots(slots: Mapping[str, Any], places: Gazetteer) -> DialogueState:
    """The dialogue state for this turn: the stored state, overridden by readable slots set elsewhere."""
    stored = slots.get(SLOTS.state)
    state = DialogueState.from_dict(stored if isinstance(stored, dict) else {})
    language = slots.get(SLOTS.language)
    if isinstance(language, str) and language:
        try:
            wanted = Speech.parse(language)
        except ValueError:
            wanted = None
        if wanted is not None and (wanted.lang != state.lang or (wanted.plain and not state.speech.plain)):
            state.lang, state.lang_chosen = wanted.lang, True
            if wanted.plain:
                state.register = wanted.register
    register = slots.get(SLOTS.register)
    if register in REGISTERS and register != state.register:
        state.register = register
        if register == PLAIN:  # plain Japanese chosen, whatever language the next message is in
            state.lang, state.lang_chosen = "ja", True
    city = slots.get(SLOTS.city)
    prefecture = slots.get(SLOTS.prefecture)
    if isinstance(city, str) and city and city != state.city:
        place = _place(places, city)
        if place is not None:
            state.prefecture, state.city = place.prefecture, place.id if place.kind == "city" else ""
    elif isinstance(prefecture, str) and prefecture and prefecture != state.prefecture:
        place = _place(places, prefecture)
        if place is not None:
            state.prefecture, state.city = place.prefecture, place.id if place.kind == "city" else ""
    return state


def slots_from_state(state: DialogueState, replies: list[Reply]) -> dict[str, Any]:
    """Slot values after a turn (set on the tracker with ``SlotSet`` events)."""
    office = next((r.handoff.office.id for r in reversed(replies) if r.handoff), None)
    values: dict[str, Any] = {
        SLOTS.language: state.lang or None,
        SLOTS.register: state.register,
        SLOTS.prefecture: state.prefecture or None,
        SLOTS.city: state.city or None,
        SLOTS.state: state.to_dict(),
    }
    if office:
        values[SLOTS.handoff_office] = office
    return values


def reply_payload(reply: Reply) -> dict[str, Any]:
    """The ``custom`` part of a Rasa bot message: what ``/api/chat`` returns besides the text."""
    data = reply.to_json()
    data.pop("text")
    data.update(reply.extra)  # e.g. "plain": the furigana of a rewritten message
    return {"tsunagu": data}
