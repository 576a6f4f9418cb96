"""A crime victim (issue 13): a crime that is over (a theft, an assault, a fraud found out) gets the crime
victim's reply — the police consultation line #9110 and legal help first — also when the message names the
police; when it says it is happening now or someone is hurt, the same reply gives 110 first. Unit tests on
the fake embedder (cue phrases); the real model is measured by bench/safety.py."""

import pytest

from bot.dialogue import IncomingMessage
from bot.safety import load_safety_texts
from bot.safety.step import SITUATION_REASON
from knowledge.situations import load_situations

CATALOGUE, TEXTS = load_situations(), load_safety_texts()
TITLE = TEXTS.situation("en", "crime_victim")["title"]


def ask(services, text, conversation, lang="en"):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


def test_a_crime_that_is_over_gets_the_consultation_line_first_and_one_happening_now_110():
    assert [line.number for line in CATALOGUE.lines_for("crime_victim")] == ["#9110", "0570-078377"]
    assert [line.number for line in CATALOGUE.lines_for("crime_victim", now=True)] == ["110", "#9110", "0570-078377"]
    assert CATALOGUE.lines_for("unpaid_wages", now=True) == CATALOGUE.lines_for("unpaid_wages")  # no now_lines


def test_every_line_given_for_now_was_read_on_an_official_page():
    for situation in CATALOGUE.situations.values():
        assert set(situation.now_lines) <= set(CATALOGUE.lines)


@pytest.mark.parametrize(
    "text, now",
    [
        ("my bike was stolen yesterday", False),
        ("昨天钱包被偷了", False),
        ("今日、財布を盗まれました", False),  # 今日 is not 今
        ("Ayer me robaron la cartera", False),
        ("someone is robbing me right now", True),
        ("I was punched and I'm bleeding", True),
        ("今、泥棒が家にいる", True),
        ("vừa bị cướp giật túi", True),
    ],
)
def test_a_message_says_it_is_happening_now(text, now):
    assert ("crime_victim" in TEXTS.says_now(text)) is now


def test_a_bike_stolen_yesterday_and_the_police_named_gets_the_crime_victims_reply(fake_services):
    replies = ask(fake_services, "My bike was stolen yesterday, should I call the police?", "crime-1")
    first = replies[0]
    assert first.emergency is None  # not the police emergency card
    assert first.text.startswith(TITLE)
    assert first.calls[0].number == "#9110"
    assert "110" in {c.number for c in first.calls} or "110" in first.text  # "if it is happening now, call 110"
    assert first.handoff.reason == SITUATION_REASON + "crime_victim"


def test_a_robbery_with_someone_hurt_gets_110_first(fake_services):
    first = ask(fake_services, "I got robbed at the station and I'm bleeding", "crime-2")[0]
    assert first.text.startswith(TITLE)
    assert [c.number for c in first.calls][:2] == ["110", "#9110"]


def test_a_burglar_still_inside_is_the_crime_victims_reply_with_110_first_not_several_problems(fake_services):
    first = ask(fake_services, "A burglar broke into my house and he has a knife", "crime-3")[0]
    assert first.text.startswith(TITLE)
    assert TEXTS.text("en", "several") not in first.text
    assert first.calls[0].number == "110"


def test_while_the_database_is_down_a_crime_naming_the_police_still_gets_the_police_card(fake_services):
    replies = fake_services.dialogue.without_store(
        IncomingMessage("crime-4", "My bike was stolen yesterday, should I call the police?", lang="en")
    )
    assert replies and replies[0].emergency is not None and replies[0].emergency.number == "110"
