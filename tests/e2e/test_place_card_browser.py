"""The web chat's card of a place whose number is not in the data (the municipal office): the counter's
Japanese name to show and what to do, no empty phone row and no call button; a map link to the town hall."""

from __future__ import annotations

import pytest

from bot.catalog import load_catalogs
from bot.dialogue.office_cards import route_cards
from knowledge.offices import load_offices
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places
from knowledge.routing import load_router

pytestmark = pytest.mark.integration


def _municipal_office(lang: str, city: str) -> dict:
    router = load_router(load_offices(), load_places())
    route = router.route("municipal", "aichi", city, "child-allowance")
    return route_cards(route, lang, load_catalogs(TRANSLATIONS_DIR))[0].to_json()


@pytest.mark.parametrize(("lang", "city"), [("en", "toyota"), ("vi", ""), ("ja", "toyota")])
def test_the_municipal_card_shows_the_counter_and_what_to_do_and_no_empty_phone_row(wide_page, lang, city):
    office = _municipal_office(lang, city)
    answer = {
        "session_id": "x",
        "lang": lang,
        "register": "standard",
        "text": "…",
        "sources": [],
        "handoff": None,
        "quick_replies": [],
        "quick_reply_payloads": [],
        "office": office,
    }
    wide_page.route("**/api/chat", lambda route: route.fulfill(json=answer))
    wide_page.goto(f"/?lang={lang}")
    answers = wide_page.locator("#log .msg.bot").count()
    wide_page.locator("#text").fill("help")
    wide_page.locator("#text").press("Enter")
    wide_page.locator("#log .msg.bot").nth(answers).wait_for()
    card = wide_page.locator("#log .msg.bot").last.locator(".office-card")
    assert "子育て支援の窓口（児童手当）" in card.locator(".counter").inner_text()
    assert card.locator(".how").inner_text() == office["how"]
    assert card.locator("a.call").count() == 0 and card.locator(".phone").count() == 0
    rows = card.locator("dt").count()
    if city:  # the town hall, with its map link
        assert rows == 1 and "豊田市役所" in card.locator("dd").inner_text()
        assert card.locator("a.map").count() == 1
    else:  # no municipality known: no address row at all
        assert rows == 0 and card.locator("a.map").count() == 0
