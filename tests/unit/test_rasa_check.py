"""scripts/rasa_check.py: what counts as the right answer to a question through Rasa."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("rasa_check", ROOT / "scripts" / "rasa_check.py")
rasa_check = importlib.util.module_from_spec(spec)
sys.modules["rasa_check"] = rasa_check  # its dataclasses look their module up
spec.loader.exec_module(rasa_check)

SITUATION_TOPICS = yaml.safe_load((ROOT / "tests/data/rasa_handoffs.yaml").read_text(encoding="utf-8"))[
    "situation_topics"
]
FRESC = {"id": "fresc", "label": "FRESC", "number": "0570-011000", "tel": "tel:0570011000"}
POLICE = {"id": "police-110", "label": "Police", "number": "110", "tel": "tel:110"}


def topic_reply(topic: str, lang: str = "en") -> list[dict]:
    return [{"text": "…"}, {"custom": {"tsunagu": {"lang": lang, "sources": [{"id": topic}], "handoff": None}}}]


def situation_reply(situation: str, line: dict, said: str, lang: str = "en") -> list[dict]:
    """As Rasa's REST channel sends a situation reply: the text, then the payload as a message of its own."""
    payload = {"lang": lang, "sources": [], "handoff": {"reason": f"situation:{situation}"}, "calls": [line]}
    return [{"text": said}, {"custom": {"tsunagu": payload}}]


def right(messages: list[dict], expected: list[str], lang: str = "en") -> bool:
    found = rasa_check.payloads(messages)
    return rasa_check.right_answer(found, rasa_check.texts(messages), expected, lang, SITUATION_TOPICS)


def test_the_expected_topic_first_in_the_question_language():
    assert right(topic_reply("unpaid-wages"), ["unpaid-wages"])
    assert not right(topic_reply("labour-conditions"), ["unpaid-wages"])
    assert not right(topic_reply("unpaid-wages", lang="ja"), ["unpaid-wages"])


def test_the_topics_situation_reply_with_its_line_is_right():
    said = "Unpaid wages\nWhat to do now: …\n☎ FRESC: 0570-011000"
    assert right(situation_reply("unpaid_wages", FRESC, said), ["unpaid-wages"])


def test_another_situation_or_a_line_missing_from_the_text_is_a_miss():
    said = "Domestic violence … ☎ 110"
    assert not right(situation_reply("domestic_violence", POLICE, said), ["crime-victims"])
    assert not right(situation_reply("crime_victim", POLICE, "Crime victims: call the police"), ["crime-victims"])
    assert not right(situation_reply("crime_victim", FRESC, "FRESC 0570-011000"), ["crime-victims"])
    # a topic no situation stands for needs its guidebook answer
    assert not right(situation_reply("dismissal", FRESC, "FRESC 0570-011000"), ["unemployment-benefits"])
