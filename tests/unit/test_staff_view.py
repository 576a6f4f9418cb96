"""The staff view assembled for one thing a resident said (fake embedder: the best topic is whatever the
index returns; the test checks the view is built consistently from it)."""

import pytest

from bot.dialogue import IncomingMessage
from bot.plain.given import strip_given
from bot.plain.ruby import reading_of
from bot.staff_view import StaffDesk
from knowledge.topics import load_topics


@pytest.fixture(scope="module")
def desk(fake_services):
    return StaffDesk(fake_services.assistant, fake_services.dialogue.router, fake_services.places, load_topics())


@pytest.mark.parametrize(
    ("said", "lang", "prefecture"),
    [
        ("在留カードをなくしました。大阪に住んでいます。", "ja", "osaka"),
        ("I lost my residence card. I live in Sapporo.", "en", "hokkaido"),
        ("Tôi bị mất thẻ cư trú. Tôi sống ở Fukuoka.", "vi", "fukuoka"),
    ],
)
def test_the_view_has_both_answers_plain_japanese_and_the_office_for_the_place(
    desk, fake_services, said, lang, prefecture
):
    view = desk.look_up(said)
    best = view.best
    assert view.lang == lang and best is not None
    assert view.answer == fake_services.assistant.topic_text(best.topic_id, lang)[1]
    assert view.answer_ja == fake_services.assistant.topic_text(best.topic_id, "ja")[1]
    assert view.plain_ja == fake_services.assistant.topic_text(best.topic_id, "ja-plain")[1]
    assert "".join(text for text, _ in view.plain_ruby) == strip_given(view.plain_ja, reading_of)[0]
    assert any(reading for _, reading in view.plain_ruby)  # some kanji carry furigana
    # the office follows the best topic's office kind for the place (the fake index may return any topic): the
    # bureau with jurisdiction for an immigration topic, the kind's office for the prefecture otherwise
    route = fake_services.dialogue.router.desk.route(best.topic_id, prefecture)
    assert view.office is not None
    if route.office_kind == "immigration":
        assert view.office.id == fake_services.offices.for_prefecture(prefecture).id
    elif route.main is not None:
        assert view.office.id == route.main.id
    assert view.place_ja and view.place_ja in view.summary_ja
    assert [t.score for t in view.topics] == sorted((t.score for t in view.topics), reverse=True)
    assert best.source_url.startswith("https://")


def test_without_a_place_there_is_no_office_until_one_is_chosen(desk, fake_services):
    assert desk.look_up("residence card renewal").office is None
    chosen = desk.look_up("residence card renewal", prefecture="okinawa")
    assert chosen.office.id == fake_services.offices.for_prefecture("okinawa").id


def test_personal_data_is_redacted_in_the_summary(desk):
    view = desk.look_up("residence card AB12345678CD, my phone is 090-1234-5678")
    assert "AB12345678CD" not in view.summary_ja and "090-1234-5678" not in view.summary_ja
    assert "[residence-card-no]" in view.summary_ja


def test_a_chosen_language_wins_over_detection(desk):
    assert desk.look_up("residence card", lang="ko").lang == "ko"


def test_a_serious_situation_gives_its_steps_and_lines_not_the_nearest_topic(fake_services):
    """A beaten wife at the counter: the panels say what to do now with the DV lines (the chat's reply), the
    memo names the situation, and the handout cites the lines' official pages — never a neighbouring topic."""
    safety = fake_services.dialogue.safety
    desk = StaffDesk(
        fake_services.assistant, fake_services.dialogue.router, fake_services.places, load_topics(), safety=safety
    )
    view = desk.look_up("My husband hits me every day and I am scared to go home")
    texts = safety.composer.texts
    assert view.situations[0] == "domestic_violence"
    assert view.answer.startswith(texts.situation("en", "domestic_violence")["title"])
    assert view.answer_ja.startswith(texts.situation("ja", "domestic_violence")["title"])
    assert view.plain_ja.startswith(texts.situation("ja-plain", "domestic_violence")["title"])
    for line in safety.catalogue.lines_for("domestic_violence"):
        assert line.number in view.answer and line.number in view.answer_ja
        assert line.source in [url for _, url in view.line_sources]
    assert texts.situation("ja", "domestic_violence")["title"] in view.summary_ja
    assert view.danger_lines.startswith("110")
    ordinary = desk.look_up("How do I renew my residence card?")
    assert ordinary.situations == () and ordinary.line_sources == ()
    # the panel says whose office it is: a national line serves anyone, wherever they live; the bureau with
    # jurisdiction serves the resident's place
    placed = desk.look_up("I live in Hamamatsu. My husband hits me every day and I am scared to go home")
    assert placed.place_ja and placed.office is not None and not placed.office_for_place
    bureau = desk.look_up("residence card renewal", prefecture="okinawa")
    assert bureau.office.id == fake_services.offices.for_prefecture("okinawa").id and bureau.office_for_place


def test_a_crime_happening_now_is_given_to_the_clerk_in_the_chats_order_110_first(fake_services):
    """A burglar still in the house: the chat answers with the crime victim's steps and 110 first (its
    ``now_lines``); the console's panels, line sources and card give the clerk the same order, not the
    police consultation line (#9110) first as for a crime that is over."""
    safety = fake_services.dialogue.safety
    desk = StaffDesk(
        fake_services.assistant, fake_services.dialogue.router, fake_services.places, load_topics(), safety=safety
    )
    said = "A burglar broke into my house and he has a knife"
    view = desk.look_up(said)
    chat = fake_services.dialogue.handle(IncomingMessage("staff-now-1", said, lang="en"))[0]
    composer, catalogue = safety.composer, safety.catalogue
    assert view.situations == ("crime_victim",)
    now_lines = catalogue.lines_for("crime_victim", now=True)
    assert [line.number for line in now_lines][:2] == ["110", "#9110"]
    assert view.answer == composer.steps("crime_victim", "en", with_title=True, now=True)
    assert chat.text.startswith(view.answer)  # the clerk reads what the resident was told, in its order
    assert view.answer_ja == composer.steps("crime_victim", "ja", with_title=True, now=True)
    assert view.plain_ja == composer.steps("crime_victim", "ja-plain", with_title=True, now=True)
    assert [url for _, url in view.line_sources] == [line.source for line in now_lines]
    assert view.office is not None and view.office.phone.startswith("110")
    assert view.office.id == chat.handoff.office.id == "police-110"
    assert "担当：警察" in view.summary_ja and "担当：警察" in chat.handoff.summary_ja  # the memo follows the card
    over = desk.look_up("My bike was stolen yesterday, should I call the police?")  # over: #9110 first
    assert over.situations == ("crime_victim",) and over.office.phone.startswith("#9110")
    assert "担当：法律問題（法テラス）" in over.summary_ja  # over: legal help, as its lines


@pytest.mark.parametrize(
    ("said", "in_charge"),
    [
        ("I want to kill myself", "担当：よりそいホットライン（どんな悩みでも）（0120-279-338）"),
        ("my neighbour beats his child every day", "担当：児童相談所虐待対応ダイヤル（189）"),
        ("I was raped", "担当：性犯罪・性暴力被害者のためのワンストップ支援センター（#8891）"),
    ],
)
def test_the_memo_names_the_line_of_a_crisis_with_no_office_not_fresc(fake_services, said, in_charge):
    """A crisis whose card is a national line (no office): the memo's 担当 names that line, as the chat's card
    does — not 外国人在留支援センター, ``summary_kind``'s fallback, which the resident was never given."""
    safety = fake_services.dialogue.safety
    desk = StaffDesk(
        fake_services.assistant, fake_services.dialogue.router, fake_services.places, load_topics(), safety=safety
    )
    view = desk.look_up(said)
    chat = fake_services.dialogue.handle(IncomingMessage("staff-crisis-" + said[:8], said, lang="en"))[0]
    assert in_charge in view.summary_ja and in_charge in chat.handoff.summary_ja
    assert "外国人在留支援センター" not in view.summary_ja and "外国人在留支援センター" not in chat.handoff.summary_ja
    beaten = desk.look_up("My husband hits me every day and I am scared to go home")  # DV: FRESC's office
    assert "担当：外国人在留支援センター" in beaten.summary_ja
