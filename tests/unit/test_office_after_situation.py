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


@pytest.mark.integration
@pytest.mark.parametrize(
    ("first", "place", "lang", "bureau_phone"),
    [
        ("My visa renewal was refused. What can I do?", "I live in Gifu", "en", "0570-052259"),  # Nagoya bureau
        ("Gia hạn visa của tôi bị từ chối", "Tôi sống ở Kobe", "vi", "078-391-6377"),  # Kobe office
    ],
)
def test_a_place_named_after_a_situation_gets_its_office(real_services, first, place, lang, bureau_phone):
    """The reply asked "tell me your prefecture and I will give you the office": the place named next gets
    that office (it got only "noted, Gifu")."""
    conversation = f"situation-then-place-{lang}"
    asked = say(real_services, conversation, first, lang)
    assert bureau_phone not in "\n".join(r.text for r in asked)
    replies = say(real_services, conversation, place, lang)
    text = "\n".join(r.text for r in replies)
    assert bureau_phone in text
    assert replies[-1].handoff is not None and bureau_phone in replies[-1].handoff.office.phone


@pytest.mark.integration
def test_a_place_after_a_topic_answer_is_not_taken_for_an_earlier_situation(real_services):
    conversation = "situation-topic-place"
    say(real_services, conversation, "My visa renewal was refused. What can I do?")
    say(real_services, conversation, "How do I pay resident tax?")
    replies = say(real_services, conversation, "I moved to Sendai")
    assert "仙台市役所" in "\n".join(r.text for r in replies)
    assert "0570-011000" not in replies[-1].text and "022-" not in replies[-1].text


@pytest.mark.integration
def test_a_crime_victim_asking_what_to_do_gets_no_second_police_card(real_services):
    """The crime victim's lines (#9110 first) are the police here: the police topic's office cards are not
    repeated under them (walked: #9110 twice and a 110 card for a theft of yesterday)."""
    replies = say(real_services, "crime-yesterday", "Someone stole my bag at the station yesterday, what should I do?")
    text = "\n".join(r.text for r in replies)
    assert replies[0].calls and replies[0].calls[0].number == "#9110"
    assert text.count("警察相談専用電話") == 0 and all(r.office is None for r in replies)
