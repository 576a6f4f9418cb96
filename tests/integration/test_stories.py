"""Multi-turn conversations from tests/data/stories/<lang>.yml, through the dialogue manager with the
real model, a fresh SQLite store per story."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.dialogue import IncomingMessage
from bot.replies import merge_replies

pytestmark = pytest.mark.integration

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


def all_stories():
    for path in sorted(STORIES.glob("*.yml")):
        for story in yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]:
            yield pytest.param(story, id=f"{path.stem}: {story['story']}")


@pytest.fixture(scope="module")
def services(real_services):
    return real_services


KEYS = {"lang", "register", "topic", "says", "asks_location", "handoff", "office", "referred_to", "situations", "line"}


def check(services, reply, expect: dict, step: str) -> None:
    assert set(expect) <= KEYS, f"unknown expect keys {set(expect) - KEYS} (tests/data/stories/en.yml lists them)"
    body = reply.to_json()
    where = f"{step!r} -> {body['text'][:160]!r}"
    content_lang = "ja-plain" if body["register"] == "plain" else body["lang"]
    if "lang" in expect:
        assert body["lang"] == expect["lang"], where
    if "register" in expect:
        assert body["register"] == expect["register"], where
    if "topic" in expect:
        assert body["sources"] and body["sources"][0]["id"] == expect["topic"], where
    if "says" in expect:
        sentence = services.catalogs.text(content_lang, expect["says"], place="\0").split("\0")[0]
        assert sentence in body["text"], where
    if "asks_location" in expect:
        assert services.catalogs.text(content_lang, "ask_location") in body["text"], where
        assert body["quick_replies"], where
    if "handoff" in expect:
        assert body["handoff"] and body["handoff"]["reason"] == expect["handoff"], where
        assert body["handoff"]["summary_ja"], where
    if "office" in expect:
        office = services.offices[expect["office"]]
        assert body["handoff"] and body["handoff"]["office"]["id"] == office.id, where
        assert office.main_phone in body["text"] and office.name_ja in body["text"], where
    if "referred_to" in expect:  # the handoff card's office or line (a safety reply names it in the resident's words)
        assert body["handoff"] and body["handoff"]["office"]["id"] == expect["referred_to"], where
    if "situations" in expect:  # a safety reply: these situations and no other, in the text and the summary
        safety = services.dialogue.safety
        for situation in safety.catalogue.ids:
            named = safety.composer.texts.situation(content_lang, situation)["title"] in body["text"]
            assert named == (situation in expect["situations"]), f"{situation}: {where}"
            if named:
                assert safety.composer.texts.situation("ja", situation)["title"] in body["handoff"]["summary_ja"], where
        assert body["handoff"]["reason"] in {f"situation:{s}" for s in expect["situations"]}, where
    if "line" in expect:  # the first tappable line, with its number in the text
        line = services.dialogue.safety.catalogue.lines[expect["line"]]
        assert reply.calls and reply.calls[0].id == line.id, where
        assert line.number in body["text"], where


@pytest.mark.parametrize("story", all_stories())
def test_story(services, story):
    conversation = f"story-{abs(hash(story['story']))}"
    for step in story["steps"]:
        replies = services.dialogue.handle(IncomingMessage(conversation, step["user"]))
        check(services, merge_replies(replies), step.get("expect", {}), step["user"])
