"""A serious situation asked about ("my company has not paid me, where can I get help?") gets its steps and
lines and also the office of its topic for the resident's place; told without a question, only the steps."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage


def say(services, conversation: str, text: str, lang: str = "en"):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I live in Hiroshima and my company has not paid my salary for two months. Where can I get help?", "en"),
        ("Tôi sống ở Fukuoka. Công ty không trả lương cho tôi thì tôi hỏi ở đâu?", "vi"),
        ("ខ្ញុំរស់នៅអូសាកា។ ក្រុមហ៊ុនមិនបើកប្រាក់ខែឱ្យខ្ញុំ តើត្រូវទៅប្តឹងនៅឯណា?", "km"),  # a referral cue
    ],
)
def test_unpaid_wages_asked_where_names_the_labour_standards_office(real_services, text, lang):
    replies = say(real_services, f"situation-office-{lang}", text, lang)
    offices = [r.office for r in replies if r.office is not None]
    assert [o.id for o in offices] == ["labour-standards-office"]
    # no number of its own in the data (one office per district): where to find it, in the resident's words
    assert offices[0].phones == () and offices[0].how and offices[0].how in replies[-1].text


@pytest.mark.integration
def test_a_situation_only_told_gets_no_extra_office(real_services):
    replies = say(real_services, "situation-told", "My employer took my passport and will not give it back")
    assert all(r.office is None for r in replies)
