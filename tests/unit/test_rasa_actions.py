"""One implementation, two doors: the Rasa actions say what the built-in dialogue says.

Each case is asked twice with the fake-embedder services: through ``DialogueManager.handle`` (the door of
``/api/chat``, language and register as the API's ``lang``/``plain``) and through a rasa-sdk action with
the language and register in slots, Rasa's intent as Rasa would classify it. Texts, sources, quick replies
and handoff data (office and staff summary) must be equal.
"""

from __future__ import annotations

import asyncio
import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("rasa_sdk", reason="the 'actions' extra (rasa-sdk) is not installed")

from rasa_sdk import Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

from bot.dialogue import IncomingMessage  # noqa: E402
from connectors.rasa.actions import (
    ActionAnswerQuestion,
    ActionEmergency,
    ActionHandoff,  # noqa: E402
    ActionPlainJapanese,
    ActionTsunaguRespond,
)
from connectors.application import Tsunagu  # noqa: E402
from connectors.rasa.server import action_executor  # noqa: E402
from connectors.rasa.slots import SLOTS  # noqa: E402
from knowledge.offices import load_offices  # noqa: E402

_ids = itertools.count()

# (action, Rasa's intent, text, language slot / API lang, plain Japanese?)
CASES = [
    (ActionAnswerQuestion, "nlu_fallback", "I lost my residence card, what should I do?", "en", False),
    (ActionAnswerQuestion, "nlu_fallback", "在留カードをなくしました。どうすればいいですか", "ja", False),
    (ActionAnswerQuestion, "nlu_fallback", "在留カードをなくしました。どうすればいいですか", "ja", True),
    (ActionAnswerQuestion, "nlu_fallback", "Tôi bị mất thẻ cư trú, phải làm gì?", "vi", False),
    (ActionAnswerQuestion, "nlu_fallback", "외국인등록증을 잃어버렸어요. 어떻게 해야 하나요?", "ko", False),
    (ActionAnswerQuestion, "nlu_fallback", "My employer took my passport and has not paid me for months", "en", False),
    (
        ActionAnswerQuestion,
        "nlu_fallback",
        "I live in Nagoya. My application for extension was rejected, why was my visa refused?",
        "en",
        False,
    ),
    (ActionHandoff, "ask_human", "I want to talk to a person", "en", False),
    (ActionEmergency, "emergency_fire", "Help, my kitchen is on fire!", "en", False),
    (ActionTsunaguRespond, "greet", "hello", "pt", False),
]


def tracker(text: str, intent: str, slots: dict, sender: str | None = None) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return Tracker(sender or f"rasa-{next(_ids)}", slots, latest, [], False, None, {}, "action_listen")


def run_async(coroutine):
    """Run a coroutine on its own thread's loop: another test may hold a running loop on this thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_action(action, track: Tracker) -> tuple[list[dict], dict]:
    dispatcher = CollectingDispatcher()
    events = run_async(action.run(dispatcher, track, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def as_api(reply) -> dict:
    data = reply.to_json()
    data.pop("session_id")
    return data


def as_rasa(message: dict) -> dict:
    data = dict(message["custom"]["tsunagu"])
    data.pop("session_id")
    data["text"] = message["text"]
    assert [b["title"] for b in message["buttons"]] == data["quick_replies"]
    return data


@pytest.mark.parametrize("action_class, intent, text, lang, plain", CASES)
def test_an_action_says_what_the_built_in_dialogue_says(fake_services, action_class, intent, text, lang, plain):
    dialogue = fake_services.dialogue
    built_in = dialogue.handle(IncomingMessage(f"api-{next(_ids)}", text, "api", lang, True if plain else None))
    slots = {SLOTS.language: lang, SLOTS.register: "plain" if plain else None}
    messages, _ = run_action(action_class(Tsunagu(fake_services)), tracker(text, intent, slots))
    assert [as_rasa(m) for m in messages] == [as_api(r) for r in built_in]


def test_the_handoff_cases_really_hand_off(fake_services):
    """The table above covers handoffs and an emergency, not only answers (else equality proves little)."""
    offices = {}
    for action_class, intent, text, lang, _ in CASES:
        messages, slots = run_action(
            action_class(Tsunagu(fake_services)), tracker(text, intent, {SLOTS.language: lang})
        )
        offices[text] = slots.get(SLOTS.handoff_office)
    assert offices["My employer took my passport and has not paid me for months"] == "fresc"
    assert (
        offices["I live in Nagoya. My application for extension was rejected, why was my visa refused?"]
        == "nagoya-bureau"
    )
    assert offices["I want to talk to a person"] is None  # asks for the prefecture first
    assert offices["I lost my residence card, what should I do?"] is None


@pytest.mark.parametrize(
    "slot, value",
    [(SLOTS.prefecture, "osaka"), (SLOTS.prefecture, "大阪府"), (SLOTS.city, "kobe"), (SLOTS.prefecture, "fukuoka")],
)
def test_the_place_comes_from_the_slots(fake_services, slot, value):
    places, offices = fake_services.places, load_offices()
    messages, slots = run_action(
        ActionHandoff(Tsunagu(fake_services)), tracker("I want to talk to a person", "ask_human", {slot: value})
    )
    place = places.places.get(value) or places.find(value)[-1]
    expected = offices.for_prefecture(place.prefecture)
    assert messages[-1]["custom"]["tsunagu"]["handoff"]["office"]["id"] == expected.id
    assert slots[SLOTS.handoff_office] == expected.id and expected.main_phone in messages[-1]["text"]


def test_a_conversation_carries_its_state_in_the_slots(fake_services):
    """Ask for a person without a place, then say where: the second turn completes the pending handoff."""
    first, slots = run_action(
        ActionHandoff(Tsunagu(fake_services)), tracker("I want to talk to a person", "ask_human", {})
    )
    assert first[-1]["custom"]["tsunagu"]["handoff"] is None and len(first[-1]["buttons"]) >= 5
    second, slots = run_action(
        ActionTsunaguRespond(Tsunagu(fake_services)), tracker("I live in Sendai", "inform_location", slots)
    )
    assert second[-1]["custom"]["tsunagu"]["handoff"]["reason"] == "requested"
    assert slots[SLOTS.prefecture] == "miyagi" and slots[SLOTS.language] == "en"


@pytest.mark.parametrize(
    "language, register, expected_lang, expected_register",
    [
        ("ko", None, "ko", "standard"),
        ("ja-plain", None, "ja", "plain"),
        (None, "plain", "ja", "plain"),
        ("ja", "standard", "ja", "standard"),
    ],
)
def test_language_and_register_come_from_the_slots(fake_services, language, register, expected_lang, expected_register):
    slots = {SLOTS.language: language, SLOTS.register: register}
    messages, after = run_action(
        ActionAnswerQuestion(Tsunagu(fake_services)), tracker("residence card lost", "nlu_fallback", slots)
    )
    payload = messages[-1]["custom"]["tsunagu"]
    assert (payload["lang"], payload["register"]) == (expected_lang, expected_register)
    assert (after[SLOTS.language], after[SLOTS.register]) == (expected_lang, expected_register)


def conversation(*turns: tuple[str, str, dict | None]) -> list[dict]:
    """Rasa tracker events: ("user", text, None) or ("bot", text, custom payload)."""
    return [
        {"event": "user", "text": text} if who == "user" else {"event": "bot", "text": text, "data": {"custom": custom}}
        for who, text, custom in turns
    ]


def test_plain_japanese_rewrites_the_projects_own_japanese_message(fake_services):
    from bot.plain import rewrite

    said = "在留カードを紛失した場合は、14日以内に最寄りの出入国在留管理局で再交付の申請をしてください。"
    track = tracker("やさしい日本語で", "plain_japanese", {})
    track.events = conversation(
        ("user", "在留カードをなくしました", None), ("bot", said, None), ("user", "やさしい日本語で", None)
    )
    messages, slots = run_action(ActionPlainJapanese(Tsunagu(fake_services)), track)
    expected = rewrite(said)
    assert [m["text"] for m in messages] == [fake_services.catalogs.text("ja-plain", "plain_on"), expected.text]
    assert expected.text != said and "<ruby>" in expected.ruby.html
    assert messages[1]["custom"]["tsunagu"]["plain"]["ruby_html"] == expected.ruby.html


def test_plain_japanese_asks_a_guidebook_answer_again_like_the_built_in_dialogue(fake_services):
    """After a standard-Japanese guidebook answer, the plain register's answer to the same question."""
    dialogue, question = fake_services.dialogue, "在留カードをなくしました。どうすればいいですか"
    first, slots = run_action(
        ActionAnswerQuestion(Tsunagu(fake_services)), tracker(question, "nlu_fallback", {SLOTS.language: "ja"})
    )
    assert first[0]["custom"]["tsunagu"]["sources"]
    track = tracker("やさしい日本語で", "plain_japanese", slots)
    track.events = conversation(
        ("user", question, None), ("bot", first[0]["text"], first[0]["custom"]), ("user", "やさしい日本語で", None)
    )
    messages, after = run_action(ActionPlainJapanese(Tsunagu(fake_services)), track)
    session = f"api-{next(_ids)}"
    dialogue.handle(IncomingMessage(session, question, "api", "ja"))  # the same conversation so far
    built_in = dialogue.handle(IncomingMessage(session, question, "api", None, True))
    assert [as_rasa(m) for m in messages[1:]] == [as_api(r) for r in built_in]
    assert messages[1]["text"] != first[0]["text"] and after[SLOTS.register] == "plain"


def test_plain_japanese_action_switches_the_register(fake_services):
    messages, slots = run_action(
        ActionPlainJapanese(Tsunagu(fake_services)), tracker("やさしい日本語でお願いします", "plain_japanese", {})
    )
    assert slots[SLOTS.register] == "plain" and slots[SLOTS.language] == "ja"
    assert messages[0]["text"] == fake_services.catalogs.text("ja-plain", "plain_on")


def test_the_webhook_executor_answers_rasas_wire_format(fake_services):
    """What Rasa POSTs to /webhook (tracker and domain as JSON) in, events and bot messages out."""
    call = {
        "next_action": "action_handoff",
        "sender_id": "wire-1",
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": "wire-1",
            "slots": {SLOTS.prefecture: "hokkaido"},
            "events": [],
            "latest_message": {"text": "I want to talk to a person", "intent": {"name": "ask_human"}},
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }
    result = run_async(action_executor(Tsunagu(fake_services)).run(call)).model_dump()
    office = load_offices().for_prefecture("hokkaido")
    assert any(r.get("custom", {}).get("tsunagu", {}).get("handoff") for r in result["responses"])
    assert {"event": "slot", "name": SLOTS.handoff_office, "value": office.id} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in result["events"]
    ]
    listed = {a.name for a in action_executor(Tsunagu(fake_services)).list_actions()}
    assert listed == {
        "action_answer_question",
        "action_handoff",
        "action_emergency",
        "action_tsunagu_respond",
        "action_plain_japanese",
    }


def test_a_rasa_question_is_counted_in_analytics_as_rasa(fake_services):
    from sqlalchemy import select

    from bot.store.models import Outcome

    track = tracker("I lost my residence card, what should I do?", "nlu_fallback", {}, sender="rasa-counted")
    run_action(ActionAnswerQuestion(Tsunagu(fake_services)), track)
    table = Outcome.__table__
    with fake_services.store.engine.connect() as connection:
        rows = connection.execute(select(table).where(table.c.conversation_id == "rasa-counted")).all()
    assert [(r.channel, r.outcome) for r in rows] == [("rasa", "answered")]
