"""47/47 prefectures: a resident who says where they live (in Japanese, English or Korean) and asks for
a person is handed to the office with jurisdiction, with its phone and a summary for its staff."""

import pytest

from bot.dialogue import IncomingMessage
from bot.replies import merge_replies
from knowledge.offices import load_offices
from knowledge.place_loading import load_places

PLACES = load_places()
OFFICES = load_offices()
PREFECTURES = sorted(p.id for p in PLACES.prefectures())


def test_the_gazetteer_has_all_47_prefectures():
    assert len(PREFECTURES) == 47


@pytest.mark.parametrize("prefecture", PREFECTURES)
@pytest.mark.parametrize("lang", ["ja", "en", "ko"])
def test_prefecture_routes_to_its_office(fake_services, prefecture, lang):
    place = PLACES.places[prefecture]
    conversation = f"route-{lang}-{prefecture}"
    said = {
        "ja": f"{place.names['ja'][0]}に住んでいます",
        "en": f"I live in {place.names['en'][0]}",
        "ko": f"{place.names['ko'][0]}에 살아요",
    }[lang]
    fake_services.dialogue.handle(IncomingMessage(conversation, said))
    reply = merge_replies(fake_services.dialogue.handle(IncomingMessage(conversation, "I want to talk to a person")))
    office = OFFICES.for_prefecture(prefecture)
    assert reply.handoff is not None and reply.handoff.office.id == office.id
    assert office.main_phone in reply.text
    assert place.names["ja"][0].rstrip("都道府県") in reply.handoff.summary_ja or prefecture in reply.handoff.summary_ja


def test_unknown_place_is_asked_for_with_quick_replies(fake_services):
    reply = merge_replies(fake_services.dialogue.handle(IncomingMessage("route-unknown", "I want to talk to a person")))
    assert reply.handoff is None and len(reply.quick_replies) >= 5
    done = merge_replies(
        fake_services.dialogue.handle(IncomingMessage("route-unknown", reply.quick_replies[0].payload))
    )
    assert done.handoff is not None and done.handoff.office.id == OFFICES.for_prefecture("tokyo").id
