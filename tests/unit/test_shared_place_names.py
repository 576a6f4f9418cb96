"""A name several municipalities share (港区: Tokyo's special ward, and wards of Nagoya and Osaka; 府中市 in
Tokyo and Hiroshima) said as where the resident lives: Tsunagu asks which one, with one button per place,
instead of losing the place or guessing an office (issue 12). Each button, sent back, names its place alone."""

from __future__ import annotations

import itertools

import pytest

from bot.dialogue import IncomingMessage
from knowledge.place_loading import load_places

PLACES = load_places()
_ids = itertools.count()


def say(services, conversation: str, text: str, lang: str):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


@pytest.mark.parametrize(
    ("text", "prefectures"),
    [
        ("港区に住んでいます", {"tokyo", "aichi", "osaka"}),
        ("I live in Kita-ku", {"tokyo", "osaka", "aichi", "kyoto", "hyogo"}),
        ("府中市に住んでいます", {"tokyo", "hiroshima"}),
    ],
)
def test_a_shared_name_is_unsettled_with_every_place_it_may_be(text, prefectures):
    assert PLACES.find(text) == []
    groups = PLACES.unsettled(text)
    assert len(groups) == 1
    assert prefectures <= {p.prefecture for p in groups[0]}


def test_the_known_prefecture_or_a_city_in_the_message_settles_the_name():
    assert [p.prefecture for p in PLACES.find("港区に住んでいます", prefecture="tokyo")] == ["tokyo"]
    assert PLACES.unsettled("港区に住んでいます", prefecture="tokyo") == []
    ward = PLACES.find("名古屋市 港区")[-1]
    assert ward.prefecture == "aichi" and ward.parent == "nagoya"
    # two 北区 in Osaka prefecture (Osaka City's and Sakai's): the city settles it, not the prefecture
    sakai = [p for p in PLACES.unsettled("北区に住んでいます") if p][0]
    parents = {PLACES.places[p.parent].name("ja") for p in sakai if p.parent}
    assert {"大阪市", "堺市"} <= parents


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ja", "{kanji}に住んでいます"),
        ("en", "I live in {romaji}"),
        ("vi", "Tôi sống ở {romaji}"),
        ("ko", "{kanji}에 살아요"),
    ],
)
@pytest.mark.parametrize(
    ("kanji", "romaji"), [("港区", "Minato-ku"), ("中央区", "Chuo-ku"), ("北区", "Kita-ku"), ("府中市", "Fuchu City")]
)
def test_each_button_in_the_residents_language_names_its_place_alone(fake_services, lang, said, kanji, romaji):
    text = said.format(kanji=kanji, romaji=romaji)
    replies = say(fake_services, f"shared-{next(_ids)}", text, lang)
    group = PLACES.unsettled(text)[0]
    labels = [b.label for b in replies[-1].quick_replies]
    assert len(labels) == min(len(group), 13), "asked which one, a button for each place"
    found = [PLACES.find(label) for label in labels]
    assert all(f for f in found), labels
    assert [f[-1].id for f in found] == [p.id for p in group[: len(labels)]]


def test_a_shared_name_alone_is_asked_about_and_the_button_sets_the_place(fake_services):
    conversation = f"shared-{next(_ids)}"
    replies = say(fake_services, conversation, "港区に住んでいます", "ja")
    assert "港区" in replies[-1].text and "ありがとうございます" not in replies[-1].text
    tokyo = next(b.label for b in replies[-1].quick_replies if "東京" in b.label)
    replies = say(fake_services, conversation, tokyo, "ja")
    state = fake_services.store.state(conversation)
    assert state["prefecture"] == "tokyo" and PLACES.places[state["city"]].name("ja") == "港区"
    assert "港区" in replies[0].text  # "noted: 港区"


@pytest.mark.parametrize(
    ("lang", "said", "pick"),
    [
        ("en", "I live in Kita-ku", "Osaka"),
        ("ja", "北区に住んでいます", "大阪"),
        ("en", "I live in Minato-ku", "Nagoya"),
    ],
)
def test_the_confirmation_after_a_tap_names_the_place_as_the_button_did(fake_services, lang, said, pick):
    conversation = f"shared-{next(_ids)}"
    asked = say(fake_services, conversation, said, lang)[-1]
    label = next(b.label for b in asked.quick_replies if pick in b.label)
    replies = say(fake_services, conversation, label, lang)
    assert label in replies[0].text, (label, replies[0].text)  # "Osaka City Kita-ku", not a bare "Kita-ku"


def test_a_place_only_one_municipality_has_is_confirmed_by_its_own_name(fake_services):
    replies = say(fake_services, f"shared-{next(_ids)}", "豊田市に住んでいます", "ja")
    assert "豊田市" in replies[0].text and "愛知県 豊田市" not in replies[0].text


def test_a_question_beside_a_shared_name_is_answered_then_the_office_waits_for_which_one(fake_services):
    conversation = f"shared-{next(_ids)}"
    replies = say(fake_services, conversation, "I live in Minato-ku. Where do I renew my visa?", "en")
    assert any(r.sources for r in replies), "the question is answered"
    ask = replies[-1]
    assert "Minato" in ask.text and len(ask.quick_replies) >= 3
    assert not any(r.office and r.office.kind == "regional-bureau" for r in replies), "no bureau guessed"
    nagoya = next(b.label for b in ask.quick_replies if "Nagoya" in b.label)
    replies = say(fake_services, conversation, nagoya, "en")
    cards = [r.office for r in replies if r.office is not None]
    assert cards and "名古屋" in cards[0].name_ja


def test_after_a_serious_situation_a_shared_name_is_asked_about_and_the_answer_gives_the_bureau(fake_services):
    conversation = f"shared-{next(_ids)}"
    replies = say(fake_services, conversation, "I live in Minato-ku. My visa renewal was refused.", "en")
    assert replies[0].handoff is not None, "the situation's steps first"
    ask = replies[-1]
    assert "Minato" in ask.text and len(ask.quick_replies) == 3
    osaka = next(b.label for b in ask.quick_replies if "Osaka" in b.label)
    replies = say(fake_services, conversation, osaka, "en")
    cards = [r.handoff.office for r in replies if r.handoff is not None]
    assert cards and cards[0].id == "osaka-bureau"
