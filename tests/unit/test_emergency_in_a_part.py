"""An emergency number asked in one part of a message is answered first, whatever the rest is about; two
questions of their own are both answered, not taken for one intent or for several problems."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage


def say(services, conversation: str, text: str, lang: str):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("Xe đạp của tôi bị mất cắp, số điện thoại cảnh sát là bao nhiêu?", "vi", "110"),
        ("လူနာတင်ကား ဖုန်းနံပါတ် ဘယ်လောက်လဲ။ ဆေးရုံ ဘယ်လို သွားရမလဲ။", "my", "119"),
        (
            "My wallet was stolen on the train. What is the number for the police? "
            "Also, how do I get my residence card reissued?",
            "en",
            "110",
        ),
    ],
)
def test_the_emergency_number_asked_in_a_part_comes_first(real_services, text, lang, number):
    replies = say(real_services, f"emergency-part-{lang}", text, lang)
    assert number in replies[0].text
    assert len({s.id for r in replies for s in r.sources}) >= 2  # the other part answered too


@pytest.mark.integration
def test_the_number_to_call_comes_before_another_emergency_topic(real_services):
    replies = say(real_services, "emergency-order", "지진이 나면 어디로 대피해요? 그리고 구급차는 몇 번이에요?", "ko")
    assert "119" in replies[0].text


def test_a_residence_status_page_is_the_immigration_bureaus_matter(fake_services):
    desk = fake_services.dialogue.router.desk
    assert desk.office_kind("status:permanent-resident") == "immigration"
    assert desk.route("status:permanent-resident", "fukuoka").main.id == "fukuoka-bureau"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        # a statement beside a question: the question's (the whole message's) topic first
        ("I'm a student. How many hours can I work part-time?", "en", "work-permission-students"),
        ("I want to visit my home country for two weeks. Do I need a re-entry permit?", "en", "reentry-permit"),
        # "what should I do?" asks about the sentence before it: never a question of its own (an earthquake)
        ("在留カードをなくしてしまいました。どうすればいいですか", "ja", "residence-card"),
    ],
)
def test_a_statement_beside_a_question_does_not_take_the_first_answer(real_services, text, lang, topic):
    replies = say(real_services, f"statement-{topic}", text, lang)
    sources = [s.id for r in replies for s in r.sources]
    assert sources and sources[0] == topic
    assert "earthquake" not in sources


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("担当者と話したいです。入管はどこですか？", "ja"),
        ("I want to talk to a person. Where is the immigration office?", "en"),
        ("Saya mau bicara dengan petugas. Di mana kantor imigrasi?", "id"),
    ],
)
def test_a_request_for_a_person_beside_where_the_office_is_is_no_topic_of_its_own(real_services, text, lang):
    """ "I want to talk to a person" said as a want beside a question is not a guidebook topic to search
    (it found "changing jobs" and "finding work"): the office the message asks for, and nothing else."""
    replies = say(real_services, f"person-{lang}", text, lang)
    assert not {s.id for r in replies for s in r.sources} - {"consultation-immigration-information-center"}
    assert any(r.office is not None for r in replies)
