"""LINE's cards through the real line-bot-sdk to the fake LINE API: the emergency card and the office card
as Flex messages with call and map buttons (and their alt text where Flex is not shown), quick replies as
postbacks on the last message, and the rich menu (``tsunagu line rich-menu``)."""

from __future__ import annotations

import json

import pytest
from linebot.v3.messaging import RichMenuRequest


from connectors.cli import main
from connectors.line.cards import rich_menu
from tests.fakes.line_api import DEFAULT_RICH_MENU, REPLY, RICH_MENU, RICH_MENU_IMAGE
from tests.fakes.line_events import body_of, event, new_user, post, text


def buttons(bubble: dict) -> list[dict]:
    return [c["action"] for c in bubble.get("footer", {}).get("contents", []) if c["type"] == "button"]


def test_an_emergency_comes_first_as_a_red_card_with_a_call_button_and_the_steps(client, services, line_api):
    post(client, body_of(text(new_user(), "Help, my friend is not breathing! ambulance")))
    [call] = line_api.calls_to(REPLY)
    messages = call.body["messages"]
    assert messages[0]["type"] == "flex"  # before any text
    card = messages[0]
    assert [b["uri"] for b in buttons(card["contents"])] == ["tel:119"]
    assert "119" in card["altText"]
    body_texts = json.dumps(card["contents"], ensure_ascii=False)
    assert services.catalogs.text("en", "emergency_step_not_breathing") in body_texts
    assert call.texts  # the text fallback is sent too
    person = services.catalogs.text("en", "qr_person")
    assert person not in [item["action"]["label"] for item in call.quick_reply_items]


def test_a_referral_sends_the_office_as_a_card_with_call_and_map_buttons(client, services, line_api):
    post(client, body_of(text(new_user(), "I live in Osaka. How do I extend my period of stay?")))
    [call] = line_api.calls_to(REPLY)
    [card] = call.flex
    actions = buttons(card["contents"])
    assert any(a["uri"].startswith("tel:") for a in actions)
    assert any(a["uri"].startswith("https://www.google.com/maps/search/?api=1&query=") for a in actions)
    assert all(len(a["label"]) <= 40 for a in actions)
    assert services.offices.for_prefecture("osaka").name_en in card["altText"]
    assert call.body["messages"][-1] is card or call.body["messages"][-1] == card  # after the text
    assert call.quick_reply_items  # the buttons moved onto the card, the last message


def test_a_passport_kept_by_the_employer_gets_the_line_as_a_call_button(client, line_api):
    post(client, body_of(text(new_user(), "My employer took my passport. I live in Osaka")))
    [call] = line_api.calls_to(REPLY)
    [card] = call.flex
    assert any(a["uri"] == "tel:0570011000" for a in buttons(card["contents"]))  # FRESC
    assert not any("bring your passport" in t.lower() for t in call.texts)


def test_the_rich_menus_language_area_offers_every_language(client, line_api):
    post(client, body_of(event("postback", new_user(), postback={"data": "menu=language"})))
    [call] = line_api.calls_to(REPLY)
    assert {"English", "Tiếng Việt", "日本語"} <= {i["action"]["label"] for i in call.quick_reply_items}


def test_the_rich_menu_is_printed_as_valid_line_json(capsys):
    assert main(["line", "rich-menu"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == rich_menu()
    RichMenuRequest.from_dict(printed)  # the SDK's own model accepts it
    actions = [area["action"] for area in printed["areas"]]
    assert {a.get("uri") for a in actions} >= {"tel:119", "tel:110"}
    assert all(len(a["label"]) <= 20 for a in actions)
    assert sum(area["bounds"]["width"] for area in printed["areas"]) == printed["size"]["width"]


def test_the_rich_menu_uploads_with_its_image_and_becomes_the_default(line_api, tmp_path, monkeypatch, capsys):
    line_api.clear()
    image = tmp_path / "menu.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    monkeypatch.setenv("TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN", "test-access-token")
    monkeypatch.setenv("TSUNAGU_LINE_API_BASE", line_api.url)
    from connectors.settings import get_settings

    get_settings.cache_clear()
    try:
        assert main(["line", "rich-menu", "--upload", "--image", str(image)]) == 0
    finally:
        get_settings.cache_clear()
    assert [c.path for c in line_api.calls] == [RICH_MENU, RICH_MENU_IMAGE, DEFAULT_RICH_MENU]
    assert line_api.calls_to(RICH_MENU)[0].body == rich_menu()
    assert line_api.calls_to(RICH_MENU_IMAGE)[0].headers["content-type"] == "image/png"
    assert "richmenu-test-1" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["line", "rich-menu", "--upload"], ["line", "rich-menu", "--upload", "--image", "x.gif"]]
)
def test_uploading_without_a_usable_image_says_what_is_needed(argv, monkeypatch, capsys):
    monkeypatch.setenv("TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN", "t")
    from connectors.settings import get_settings

    get_settings.cache_clear()
    try:
        assert main(argv) == 2
    finally:
        get_settings.cache_clear()
    assert "--image" in capsys.readouterr().err


def test_the_another_question_button_is_a_postback_that_asks_for_the_question(client, services, line_api):
    user = new_user()
    post(client, body_of(text(user, "I live in Tokyo")))  # else the answer ends by asking where they live
    line_api.clear()
    post(client, body_of(text(user, "How do I report my new address?")))
    [call] = line_api.calls_to(REPLY)
    more = [i["action"] for i in call.quick_reply_items if i["action"].get("data") == "ask=more"]
    assert more and more[0]["type"] == "postback"
    line_api.clear()
    post(client, body_of(event("postback", user, postback={"data": "ask=more"})))
    [call] = line_api.calls_to(REPLY)
    assert call.texts == [services.catalogs.text("en", "ask_more")]
