"""A serious situation's reply does not take the whole turn from an ordinary question asked in the same message
(issue 12): the situation first (an immediate danger's lines always first), then the question answered."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.safety.step import SITUATION_REASON


def say(services, conversation: str, text: str, lang: str):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        # a crime that is over, and a question about what was lost with it
        (
            "My wallet was stolen on the bus. My bank card was in it too, how do I open a new bank account?",
            "en",
            "bank-account",
        ),
        ("Me robaron la cartera en el tren. Y también perdí el pasaporte, ¿qué hago?", "es", "lost-passport"),
        # immediate danger: its lines first, then the ordinary question beside it
        ("My husband hits me every day. Also, how do I enrol my son in elementary school?", "en", "school-enrolment"),
    ],
)
def test_the_question_beside_a_serious_situation_is_answered_after_it(real_services, text, lang, topic):
    replies = say(real_services, f"beside-{lang}-{topic}", text, lang)
    first = replies[0]
    assert first.handoff is not None and first.handoff.reason.startswith(SITUATION_REASON)
    assert topic in [s.id for r in replies[1:] for s in r.sources]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("My employer took my passport and will not give it back. What should I do?", "en"),  # vague: about it
        ("My husband hits me. Where can I get help?", "en"),
    ],
)
def test_a_question_about_the_situation_itself_gets_the_situations_reply_only(real_services, text, lang):
    replies = say(real_services, f"beside-only-{lang}-{len(text)}", text, lang)
    assert replies[0].handoff is not None and replies[0].handoff.reason.startswith(SITUATION_REASON)
    assert not [s.id for r in replies for s in r.sources]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "office"),
    [
        ("I live in Shizuoka. My husband hits me. Also how do I renew my visa?", "en", "nagoya-bureau"),
        (
            "I live in Osaka. My company has not paid my salary for three months. How do I renew my visa?",
            "en",
            "osaka-bureau",
        ),
        ("私は札幌に住んでいます。夫に毎日殴られています。ビザの更新はどこでしますか。", "ja", "sapporo-bureau"),
    ],
)
def test_a_home_stated_beside_a_serious_situation_is_remembered(real_services, text, lang, office):
    """The line first, then the question's office for the place the same message states; the next question
    is not asked where the resident lives again."""
    conversation = f"home-beside-{lang}-{office}"
    replies = say(real_services, conversation, text, lang)
    referred = [i for i, r in enumerate(replies) if r.handoff and r.handoff.reason.startswith(SITUATION_REASON)]
    assert referred and not [r for r in replies[: referred[0]] if r.sources or r.office]  # nothing before it but
    # "noted, Osaka" (a danger's lines come before even that)
    offices = [r.office.id for r in replies[referred[0] + 1 :] if r.office is not None]
    assert offices.count(office) == 1  # once, after the answer it belongs to
    again = say(real_services, conversation, "How do I renew my period of stay?", "en")
    assert office in [r.office.id for r in again if r.office is not None]
