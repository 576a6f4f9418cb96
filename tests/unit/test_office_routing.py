"""The office follows the topic's office kind and the resident's place; cards are in the resident's language."""

from __future__ import annotations

import re
import pytest
from babel.messages.pofile import read_po

from bot.catalog import load_catalogs
from bot.dialogue.office_cards import card_text, office_info, route_cards
from knowledge.offices import load_offices
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places
from knowledge.routing import load_router, municipal_office_name
from knowledge.topics import load_topics

OFFICES, PLACES = load_offices(), load_places()
ROUTER = load_router(OFFICES, PLACES)
CATALOGS = load_catalogs(TRANSLATIONS_DIR)
LANGS = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()


@pytest.mark.parametrize(
    ("kind", "prefecture", "municipality", "topic", "first_office", "needs"),
    [
        ("immigration", "aichi", "", "period-extension", "nagoya-bureau", ""),
        ("immigration", "hyogo", "kobe", "period-extension", "kobe-office", ""),
        ("immigration", "", "", "period-extension", "immigration-information-center", "prefecture"),
        ("municipal", "aichi", "", "child-allowance", "municipal-office", "municipality"),
        ("municipal", "", "toyota", "child-allowance", "municipal-office", ""),
        ("labour-standards", "gifu", "", "unpaid-wages", "labour-standards-office", ""),
        ("hello-work", "gifu", "", "finding-work", "labour-bureau-gifu", ""),
        ("fire", "tokyo", "", "calling-ambulance", "fire-ambulance", ""),
        ("police", "", "", "bicycle-rules", "police-consultation", ""),
        ("pension-office", "", "", "public-pension", "pension-dial", ""),
        ("legal", "osaka", "", "legal-consultation", "houterasu", ""),
    ],
)
def test_route_names_the_office_with_jurisdiction_first(kind, prefecture, municipality, topic, first_office, needs):
    route = ROUTER.route(kind, prefecture, municipality, topic)
    assert route.main is not None and route.main.id == first_office
    assert route.needs_place == needs


def test_unpaid_wages_in_gifu_stay_in_gifu_not_fresc_in_tokyo():
    ids = [o.id for o in ROUTER.route("labour-standards", "gifu", "", "unpaid-wages").offices]
    assert "labour-bureau-gifu" in ids and "fresc" not in ids


def test_the_police_number_comes_with_police_topics():
    ids = [o.id for o in ROUTER.route("police", "", "", "bicycle-rules").offices]
    assert "police-emergency" in ids


def test_every_municipal_topic_has_its_counter():
    for topic_id, topic in load_topics().items():
        if topic.office in ("municipal", "health-insurance", "school"):
            route = ROUTER.route(topic.office, "", "", topic_id)
            assert route.section is not None, topic_id


@pytest.mark.parametrize(
    ("place_id", "office_name"),
    [
        ("toyota", "豊田市役所"),
        ("jis-01303", "当別町役場"),
        ("jis-10344", "榛東村役場"),
        ("chuo", "中央区役所"),
    ],
)
def test_municipal_office_name(place_id, office_name):
    assert municipal_office_name(PLACES.places[place_id]) == office_name


def test_the_municipal_card_names_the_residents_office_and_counter_in_japanese_and_their_language():
    route = ROUTER.route("municipal", "aichi", "toyota", "child-allowance")
    card = route_cards(route, "vi", CATALOGS)[0]
    assert card.name_ja == "豊田市役所" and "児童手当" in card.section_ja
    assert card.section == CATALOGS.text("vi", "municipal_section_child_support") != card.section_ja


def _catalog(lang: str) -> dict[str, str]:
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "offices.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_office_words_exist_in_every_language_with_the_same_placeholders(lang):
    english, other = _catalog("en"), _catalog(lang)
    for key, text in english.items():
        assert other.get(key, "").strip(), f"{lang}: {key} is missing"
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", other[key])), f"{lang}: {key}"


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_cards_use_the_residents_words_not_english(lang):
    route = ROUTER.route("pension-office", "", "", "public-pension")
    text = card_text(route_cards(route, lang, CATALOGS)[0], lang, CATALOGS)
    assert "0570-05-1165" in text
    assert CATALOGS.text("en", "office_purpose_pension_dial") not in text
    assert CATALOGS.text(lang, "office_purpose_pension_dial") in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_office_renders_in_every_language_with_its_japanese_name_and_phones(lang):
    for office in OFFICES.offices.values():
        text = card_text(office_info(office, lang, CATALOGS), lang, CATALOGS)
        assert office.name_ja in text
        assert all(phone.number in text for phone in office.phones)


def test_every_municipal_counter_has_its_words_in_every_catalog(fake_services):
    import yaml

    from knowledge.paths import DATA_DIR

    sections = yaml.safe_load((DATA_DIR / "municipal_sections.yaml").read_text(encoding="utf-8"))["sections"]
    for lang in fake_services.languages:
        for key in sections:
            assert fake_services.catalogs.text(lang, "municipal_section_" + key.replace("-", "_")), (lang, key)


@pytest.mark.parametrize("lang", ["vi", "ja", "my"])
def test_a_labour_problem_in_aichi_gives_the_bureaus_phone_and_the_evening_hotline(lang):
    route = ROUTER.route("labour-standards", "aichi", "", "unpaid-wages")
    assert [o.id for o in route.offices] == [
        "labour-standards-office",
        "labour-bureau-aichi",
        "labour-conditions-hotline",
    ]
    text = "\n".join(card_text(card, lang, CATALOGS) for card in route_cards(route, lang, CATALOGS))
    assert "052-972-0253" in text and "0120-811-610" in text
    assert CATALOGS.text(lang, "days_weekends_holidays") in text  # the hotline's weekend hours, in their words


@pytest.mark.parametrize("lang", LANGS)
def test_the_municipal_card_says_how_to_reach_the_counter_with_words_to_search_not_no_number(lang):
    route = ROUTER.route("municipal", "aichi", "toyota", "child-allowance")
    card = route_cards(route, lang, CATALOGS)[0]
    assert card.phones == () and card.address == "豊田市役所" == card.map_query
    assert "豊田市役所 子育て支援の窓口（児童手当）" in card.how and "子育て支援の窓口（児童手当）" in card.counter
    unknown = route_cards(ROUTER.route("health-insurance", "tokyo", "", "health-insurance"), lang, CATALOGS)[0]
    assert "国民健康保険の窓口" in unknown.how and unknown.address == "" == unknown.map_query


@pytest.mark.parametrize(("prefecture", "area"), [("aichi", "愛知県名古屋市港区"), ("tokyo", "東京都港区")])
def test_a_japanese_card_gives_the_bureaus_city_in_japanese_before_the_brochures_english_address(prefecture, area):
    for lang in ("ja", "ja-plain"):
        card = route_cards(ROUTER.route("immigration", prefecture, "", "period-extension"), lang, CATALOGS)[0]
        assert card.address.startswith(f"〒{OFFICES.for_prefecture(prefecture).postal_code} {area}（")
    english = route_cards(ROUTER.route("immigration", prefecture, "", "period-extension"), "en", CATALOGS)[0]
    assert area not in english.address


def test_a_japanese_card_gives_the_address_read_on_an_official_japanese_page_whole_and_in_japanese():
    bureau = OFFICES.for_prefecture("osaka")
    assert bureau.address_ja and bureau.address_ja_url.startswith("http") and bureau.address_ja_checked
    for lang in ("ja", "ja-plain"):
        card = route_cards(ROUTER.route("immigration", "osaka", "", "period-extension"), lang, CATALOGS)[0]
        assert card.address == "〒559-0034 大阪府大阪市住之江区南港北1-29-53"
        assert "Nankou" not in card.address and card.map_query == card.address
    for lang in ("en", "vi", "pt"):  # other languages keep the brochure's English address
        card = route_cards(ROUTER.route("immigration", "osaka", "", "period-extension"), lang, CATALOGS)[0]
        assert card.address == bureau.full_address and "南港北" not in card.address


def test_a_japanese_card_gives_the_sendai_bureaus_address_in_japanese_as_yokote_citys_page_prints_it():
    card = route_cards(ROUTER.route("immigration", "miyagi", "", "period-extension"), "ja", CATALOGS)[0]
    assert card.address == "〒983-0842 宮城県仙台市宮城野区五輪1-3-20 仙台第二法務合同庁舎"
    english = route_cards(ROUTER.route("immigration", "miyagi", "", "period-extension"), "en", CATALOGS)[0]
    assert "Gorin" in english.address


@pytest.mark.parametrize(
    ("area", "street", "whole"),
    [
        ("大阪府大阪市住之江区", "住之江区南港北1-29-53", "大阪府大阪市住之江区南港北1-29-53"),
        ("大阪府大阪市住之江区", "大阪府大阪市住之江区南港北1-29-53", "大阪府大阪市住之江区南港北1-29-53"),
        ("東京都港区", "港南5-5-30", "東京都港区港南5-5-30"),
        ("", "港南5-5-30", "港南5-5-30"),
    ],
)
def test_the_city_is_written_once_before_a_street_address_that_left_it_out(area, street, whole):
    from bot.dialogue.office_cards import with_area

    assert with_area(area, street) == whole


def test_a_japanese_address_without_the_page_it_was_read_on_is_refused():
    from knowledge.offices import OfficeDirectory, _office

    raw = {"id": "x", "kind": "regional-bureau", "name": {"ja": "x", "en": "x"}, "source": "seed"}
    OfficeDirectory([_office(raw)])
    with pytest.raises(ValueError, match="address_ja"):
        _office({**raw, "address_ja": "港南5-5-30"})
    office = _office(
        {
            **raw,
            "address_ja": "港南5-5-30",
            "address_ja_url": "https://example.go.jp/a/b.html",
            "address_ja_checked": "2026-12-06",
        }
    )
    assert office.full_address_ja == "港南5-5-30"
