"""Unsure of the topic, sure of the office (issue 12): after "I live in X, where do I …?" whose question is just
below the answer threshold, the office its nearest topics all lead to is named for the resident's place — never
when they lead to different offices or municipal counters, or when one of them is far from the threshold."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.dialogue import IncomingMessage
from bot.dialogue.state import DialogueState
from bot.dialogue.turn import Turn
from knowledge.retriever import TopicHit

THRESHOLD = 0.86


def turn_with(services, hits: list[tuple[str, float]], prefecture: str = "osaka", city: str = "") -> Turn:
    dialogue = services.dialogue
    turn = Turn(dialogue, IncomingMessage("agreed-office", "I live in Osaka. qqq?", lang="en"), DialogueState())
    turn.policy = replace(dialogue.policy, answer_threshold=THRESHOLD)
    turn.state.prefecture, turn.state.city = prefecture, city
    chunk = services.assistant.find("residence card").topics[0].chunk
    # the question's nearest topics, as the search would give them (``Turn.question_topics`` is worked out once)
    turn.__dict__["question_topics"] = [TopicHit(topic, dense, dense, 0.0, chunk) for topic, dense in hits]
    return turn


@pytest.mark.parametrize(
    ("hits", "office"),
    [
        # extension, re-entry, change of status: all the immigration bureau's -> Osaka's bureau
        ([("period-extension", 0.859), ("reentry-permit", 0.849), ("status-change", 0.847)], "osaka-bureau"),
        # one of them is another office's (the municipal office): no office
        ([("period-extension", 0.859), ("resident-registration", 0.85), ("status-change", 0.847)], None),
        # one far below the threshold: not near enough to say
        ([("period-extension", 0.859), ("reentry-permit", 0.849), ("status-change", 0.80)], None),
        # the municipal office, but different counters (health insurance, child allowance): no office
        ([("health-insurance", 0.855), ("child-allowance", 0.85), ("health-insurance", 0.845)], None),
        # the same counter each time: the resident's municipal office
        ([("health-insurance", 0.855), ("health-insurance", 0.85), ("health-insurance", 0.845)], "municipal-office"),
        # topics with no office at all (a bank account, a mobile phone)
        ([("bank-account", 0.855), ("mobile-phone", 0.85), ("bank-account", 0.845)], None),
    ],
)
def test_the_office_the_nearest_topics_agree_on(fake_services, hits, office):
    turn = turn_with(fake_services, hits)
    replies = fake_services.dialogue.router.desk.agreed_office(turn)
    cards = [r.office.id for r in replies if getattr(r, "office", None) is not None]
    assert (cards[0] if cards else None) == office
