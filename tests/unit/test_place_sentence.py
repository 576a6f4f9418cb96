"""A sentence that only says where the resident lives is no problem of its own: "Based in Sapporo. My company has
not enrolled me in shakai hoken for 8 months. Who can I ask?" is one question with a place, not several problems
for FRESC (issue 12)."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.dialogue.state import DialogueState
from bot.dialogue.turn import Turn


@pytest.mark.parametrize(
    ("lang", "sentence", "only_place"),
    [
        ("en", "Based in Sapporo", True),
        ("en", "I live in Osaka", True),
        ("ja", "名古屋市に住んでいます", True),
        ("vi", "Tôi sống ở Nagoya", True),
        ("en", "I live in Osaka and my company has not paid my salary for two months", False),
        ("en", "My company has not paid my salary for two months", False),
        ("en", "What about Kobe", False),  # moves the question's place: not a statement of the address
    ],
)
def test_a_sentence_that_only_states_the_place(fake_services, lang, sentence, only_place):
    turn = Turn(fake_services.dialogue, IncomingMessage("place-sentence", sentence, lang=lang), DialogueState())
    turn.settle_language()  # as the turn's steps do first: the message's language
    desk = fake_services.dialogue.router.desk
    assert desk.only_a_place(sentence, turn.speech.key, turn.policy) is only_place
