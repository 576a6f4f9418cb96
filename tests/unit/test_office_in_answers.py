"""Issue 12 in the dialogue: an answer ends with the office for the topic and the resident's place; the place
is asked once and a place alone (or "what about Kobe?") gives the office; a place named in passing is not the
resident's address; the staff console routes by office kind."""

from __future__ import annotations

import itertools

from bot.dialogue import IncomingMessage
from knowledge.offices import load_offices

OFFICES = load_offices()
_ids = itertools.count()


def say(services, conversation: str, text: str, lang: str | None = None):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


def offices_in(replies) -> list:
    return [r.office for r in replies if r.office is not None]


def state(services, conversation: str) -> dict:
    return services.store.state(conversation)


def answered(replies) -> str:
    return next(s.id for r in replies for s in r.sources)


def expected_office(services, topic: str, prefecture: str = "", city: str = ""):
    return services.dialogue.router.desk.route(topic, prefecture, city).main


def test_the_answer_ends_with_the_office_for_the_topic_and_the_place_said_in_the_same_message(fake_services):
    replies = say(
        fake_services,
        f"o-{next(_ids)}",
        "I live in Aichi Prefecture. Where do I go to renew my period of stay (extension)?",
        "en",
    )
    office = expected_office(fake_services, answered(replies), "aichi")
    cards = offices_in(replies)
    assert cards and cards[0].id == office.id
    if office.phones:
        assert office.main_phone in cards[0].phone
        assert any(office.main_phone in r.text for r in replies)  # the text channels (LINE, CLI) show it too


def test_for_an_immigration_topic_the_bureau_with_jurisdiction_is_named_with_its_phone(fake_services):
    desk = fake_services.dialogue.router.desk
    for prefecture in ("aichi", "hyogo", "okinawa", "kagawa"):
        card = desk.cards("period-extension", "vi", prefecture)[0]
        office = OFFICES.for_prefecture(prefecture)
        assert card.id == office.id and office.main_phone in card.phone


def test_an_unknown_place_is_asked_once_and_the_next_message_naming_a_place_gives_the_office(fake_services):
    conversation = f"o-{next(_ids)}"
    desk = fake_services.dialogue.router.desk
    first = say(fake_services, conversation, "How do I apply for an extension of my period of stay?", "en")
    topic = answered(first)
    assert desk.route(topic).needs_place == "prefecture"  # period-extension: the bureau depends on it
    asked = [r for r in first if r.quick_replies and "Tokyo" in [q.label for q in r.quick_replies]]
    assert asked, "asks where the resident lives, with prefectures as quick replies"
    second = say(fake_services, conversation, "Nagoya")
    assert offices_in(second)[0].id == expected_office(fake_services, topic, "aichi", "nagoya").id
    assert not any(r.sources for r in second)  # the answer is not repeated
    third = say(fake_services, conversation, "what about Kobe?")
    assert offices_in(third)[0].id == expected_office(fake_services, topic, "hyogo", "kobe").id
    again = say(fake_services, conversation, "How do I apply for an extension of my period of stay?")
    assert not [r for r in again if r.quick_replies and "Tokyo" in [q.label for q in r.quick_replies]]


def test_a_place_named_in_passing_is_not_the_residents_address(fake_services):
    conversation = f"o-{next(_ids)}"
    say(fake_services, conversation, "Is there a good ramen shop in Shinjuku?", "en")
    assert state(fake_services, conversation).get("prefecture", "") == ""


def test_place_and_plain_japanese_in_one_message_set_both(fake_services):
    conversation = f"o-{next(_ids)}"
    say(fake_services, conversation, "I live in Osaka. Please answer in plain Japanese.", "en")
    saved = state(fake_services, conversation)
    assert saved["prefecture"] == "osaka" and saved["register"] == "plain" and saved["lang"] == "ja"


def test_the_api_carries_the_office(client):
    body = client.post(
        "/api/chat",
        json={
            "session_id": f"o-{next(_ids)}",
            "lang": "en",
            "text": "I live in Osaka. How do I renew my period of stay (extension)?",
        },
    ).json()
    assert set(body["office"]) >= {"id", "name_ja", "name", "purpose", "phones", "hours", "section_ja"}
    assert body["office"]["purpose"] and body["office"]["name_ja"]


def test_the_staff_console_sends_a_child_allowance_question_in_aichi_to_the_municipal_office(fake_services):
    desk = fake_services.dialogue.router.desk
    from bot.staff_view import StaffDesk  # noqa: PLC0415

    staff = StaffDesk(fake_services.assistant, fake_services.dialogue.router, fake_services.places, desk.topics)
    view = staff.look_up("児童手当の申請はどこでしますか", "ja", "aichi", municipality="豊田市")
    assert view.best is not None
    kind = desk.office_kind(view.best.topic_id)
    if kind == "municipal":
        assert view.office is not None and view.office.name.startswith("豊田市役所")
        assert "担当：市区町村" in view.summary_ja
    assert "理由：／" in view.summary_ja  # no reason unless the clerk chooses one


def test_line_shows_the_office_as_its_own_text_block_within_lines_limits(fake_services):
    from connectors.channel import ChannelLimits, degrade  # noqa: PLC0415
    from connectors.line.webhook import bracket, choices  # noqa: PLC0415

    replies = say(fake_services, f"o-{next(_ids)}", "I live in Osaka. How do I renew my period of stay?", "en")
    card = offices_in(replies)[0]
    messages = degrade(replies, ChannelLimits(), bracket=bracket, choices=choices)
    assert len(messages) <= ChannelLimits().messages_per_send
    assert any(card.name_ja in m.text and card.purpose in m.text for m in messages)


def test_with_the_prefecture_known_only_the_city_is_asked_then_the_citys_office_is_named(fake_services):
    conversation = f"o-{next(_ids)}"
    first = say(fake_services, conversation, "I live in Osaka. How do I enrol my child in elementary school?", "en")
    assert answered(first) == "school-enrolment"  # the municipality's board of education
    asked = first[-1]
    assert asked.text == fake_services.catalogs.text("en", "ask_city", prefecture="Osaka")
    assert "Tokyo" not in [q.label for q in asked.quick_replies]  # no prefecture buttons: Osaka is known
    second = say(fake_services, conversation, "Sakai")
    assert [o.name for o in offices_in(second)] == ["堺市役所"]


def test_a_prefecture_and_its_city_in_one_statement_give_the_citys_office(fake_services):
    conversation = f"o-{next(_ids)}"
    say(fake_services, conversation, "愛知県豊田市に住んでいます。", "ja")
    assert state(fake_services, conversation)["city"] == "toyota"


def test_a_question_before_the_residence_clause_is_still_the_question():
    from bot.dialogue.parts import load_joiners, split_message
    from bot.dialogue.residence import load_residence_phrases
    from knowledge.paths import TRANSLATIONS_DIR
    from knowledge.place_loading import load_places

    parts = split_message(
        "¿Dónde renuevo mi visa si vivo en Osaka?",
        "es",
        load_places(),
        load_residence_phrases(TRANSLATIONS_DIR),
        joiners=load_joiners(TRANSLATIONS_DIR),
    )
    assert parts.place.place.id == "osaka" and parts.questions == ["¿Dónde renuevo mi visa si"]


def test_where_is_the_immigration_office_names_the_bureau_for_the_place_said_with_it(fake_services):
    """The issue's own example: "I live in Osaka. Where is the immigration office?" got only "noted, Osaka"."""
    conversation = f"o-{next(_ids)}"
    replies = say(fake_services, conversation, "I live in Osaka. Where is the immigration office?", "en")
    cards = offices_in(replies)
    assert cards and cards[0].id == OFFICES.for_prefecture("osaka").id
    assert OFFICES.for_prefecture("osaka").main_phone in cards[0].phone


def test_where_is_the_immigration_office_without_a_place_asks_where_the_resident_lives(fake_services):
    replies = say(fake_services, f"o-{next(_ids)}", "Where is the immigration office?", "en")
    assert replies[-1].text == fake_services.catalogs.text("en", "ask_location")
    second = say(fake_services, replies[-1].session_id, "Nagoya")
    assert offices_in(second)[0].id == OFFICES.for_prefecture("aichi").id
