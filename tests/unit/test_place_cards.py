"""Cards of a place whose number is not in the data (the municipal office, the labour bureaus without a phone,
the tax and labour standards offices): no field that reads like an error ("no single number", "not in
Tsunagu's data"), but what to do — ask at the town hall or search its page, and the counter's Japanese name to
show — in the resident's language, the same in the text card, the web JSON, LINE's Flex card and the staff
console."""

from __future__ import annotations

import re

import pytest

from bot.catalog import load_catalogs
from bot.dialogue.office_cards import card_text, office_info, route_cards
from bot.replies import Reply
from bot.speech import Speech
from connectors.line.cards import office_card
from knowledge.offices import load_offices
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places
from knowledge.routing import load_router

OFFICES, PLACES = load_offices(), load_places()
ROUTER = load_router(OFFICES, PLACES)
CATALOGS = load_catalogs(TRANSLATIONS_DIR)
LANGS = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()
# the old wording that read like an error, in English and Japanese
ERROR_LIKE = ("no single number", "not in Tsunagu", "決まった番号はありません", "データにはありません")


def _empty_field_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if re.search(r"[:：៖-]\s*$", line)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("kind", "prefecture", "city", "topic"),
    [
        ("municipal", "aichi", "toyota", "child-allowance"),
        ("municipal", "aichi", "", "child-allowance"),
        ("health-insurance", "tokyo", "", "health-insurance"),
    ],
)
def test_the_municipal_card_says_what_to_do_with_no_empty_looking_field(lang, kind, prefecture, city, topic):
    card = route_cards(ROUTER.route(kind, prefecture, city, topic), lang, CATALOGS)[0]
    assert card.kind == "municipal"
    text = card_text(card, lang, CATALOGS)
    assert not any(words in text for words in ERROR_LIKE), text
    assert not _empty_field_lines(text), text
    assert card.how and card.section_ja in card.how  # the words to search, in Japanese
    assert card.section_ja in card.counter and card.counter in text  # the counter's name to show there
    if lang not in ("ja", "ja-plain"):
        assert card.section in card.counter  # and what it is, in the resident's language
        assert card.how != CATALOGS.text("en", "municipal_how", office=card.name, search="") or lang == "en"
    assert card.phones == () and card.hours == ""
    data = card.to_json()
    assert data["how"] == card.how and data["counter"] == card.counter and data["phones"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_labour_bureau_without_a_phone_says_where_to_find_it(lang):
    bureau = OFFICES["labour-bureau-gifu"]
    assert not bureau.phones
    card = office_info(bureau, lang, CATALOGS)
    text = card_text(card, lang, CATALOGS)
    assert not any(words in text for words in ERROR_LIKE) and not _empty_field_lines(text), text
    assert "岐阜労働局" in card.how and card.phones == () and card.address == "" and card.hours == ""
    aichi = office_info(OFFICES["labour-bureau-aichi"], lang, CATALOGS)  # its phone is in the data
    assert aichi.how == "" and aichi.phones


def test_an_office_with_a_phone_keeps_every_field():
    card = office_info(OFFICES["nagoya-bureau"], "en", CATALOGS)
    text = card_text(card, "en", CATALOGS)
    assert "Phone: 0570-052259" in text and "Address: 〒455-8601" in text and "Hours: " in text
    assert card.how == "" and card.counter == ""


def test_lines_flex_card_shows_the_counter_and_what_to_do_and_no_empty_rows():
    words = lambda key, **kw: CATALOGS.text("en", key, **kw)  # noqa: E731
    info = route_cards(ROUTER.route("municipal", "aichi", "toyota", "child-allowance"), "en", CATALOGS)[0]
    card = office_card(Reply("s", Speech("en"), "…", office=info), words)
    assert card is not None
    parts = card.contents["body"]["contents"]
    parts = parts + [t for c in parts for t in c.get("contents", [])]
    texts = [c["text"] for c in parts if c["type"] == "text"]
    assert info.counter in texts and info.how in texts and "Address" in " ".join(texts)
    assert all(t.strip() for t in texts) and "Phone" not in " ".join(texts)  # no empty row, no phone row
    footer = card.contents.get("footer", {}).get("contents", [])
    assert [b["action"]["type"] for b in footer] == ["uri"]  # the map of 豊田市役所, no call button
    assert info.how in card.text


def test_the_web_chat_reads_the_counter_and_what_to_do():
    from knowledge.paths import REPO_DIR

    script = (REPO_DIR / "connectors" / "static" / "chat.js").read_text(encoding="utf-8")
    assert "office.counter" in script and "office.how" in script


def test_the_staff_console_shows_no_empty_phone_or_address_row_for_the_municipal_office(fake_services):
    staff = _staff_desk(fake_services)
    card = staff.office_of("child-allowance", PLACES.places["toyota"])
    assert card is not None and card.name.startswith("豊田市役所")
    assert card.phone == "" and card.how.startswith("豊田市役所の受付で聞くか")
    from knowledge.paths import REPO_DIR

    template = (REPO_DIR / "connectors" / "templates" / "staff" / "console.html").read_text(encoding="utf-8")
    assert "{% if phones %}<dt>電話</dt>" in template and "{% if view.office.how %}<dt>連絡方法</dt>" in template


def test_the_staff_consoles_japanese_panel_gives_the_osaka_bureaus_address_in_japanese(fake_services):
    staff = _staff_desk(fake_services)
    card = staff.office_of("period-extension", PLACES.places["osaka"])
    assert card is not None and card.name.startswith("大阪出入国在留管理局")
    assert card.address == "〒559-0034 大阪府大阪市住之江区南港北1-29-53"


def test_the_safety_steps_office_in_japanese_gives_the_japanese_address_and_english_elsewhere(fake_services):
    from bot.safety.referral import office_card as safety_card  # noqa: PLC0415

    safety = fake_services.dialogue.safety
    if safety is None:
        pytest.skip("no safety layer in these services")
    bureau = OFFICES["osaka-bureau"]
    assert "南港北1-29-53" in safety_card(safety, bureau, "ja").address
    assert safety_card(safety, bureau, "en").address == bureau.full_address


def _staff_desk(services):
    from bot.staff_view import StaffDesk  # noqa: PLC0415

    desk = services.dialogue.router.desk
    return StaffDesk(services.assistant, services.dialogue.router, services.places, desk.topics)
